import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

const xml = new XMLParser({ isArray: (n) => n === "labels", parseTagValue: false, trimValues: false });

/** Every `*.labels-meta.xml` under `root`. */
function labelFiles(root: string): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory() && e.name !== "node_modules") walk(p);
            else if (e.isFile() && e.name.endsWith(".labels-meta.xml")) out.push(p);
        }
    };
    if (fs.existsSync(root)) walk(root);
    return out.sort();
}

/** Custom Label values by full name, read from the package's labels files (what `@salesforce/label/c.X` returns). */
export function loadLabels(root: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const file of labelFiles(root)) {
        const doc: unknown = xml.parse(fs.readFileSync(file, "utf8"));
        const labels = (doc as { CustomLabels?: { labels?: unknown } }).CustomLabels?.labels;
        for (const l of Array.isArray(labels) ? labels : []) {
            const rec = l as { fullName?: unknown; value?: unknown };
            if (typeof rec.fullName === "string")
                out.set(rec.fullName, typeof rec.value === "string" ? rec.value : String(rec.value ?? ""));
        }
    }
    return out;
}
