import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Files under `dir` (recursively), skipping tests and node_modules. */
function files(dir: string, out: string[]): string[] {
    if (!fs.existsSync(dir)) return out;
    if (fs.statSync(dir).isFile()) {
        out.push(dir);
        return out;
    }
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
            if (e.name !== "node_modules" && e.name !== "__tests__") files(p, out);
        } else out.push(p);
    }
    return out;
}

/**
 * A hash of the names and contents of every input of the browser build, so an unchanged tree skips the
 * (slow) rollup build. Contents, not modification times: the component compile step rewrites its `.js`
 * output on every start, unchanged.
 */
export function inputFingerprint(roots: string[], keep: (file: string) => boolean = () => true): string {
    const h = crypto.createHash("sha256");
    for (const root of roots) {
        for (const f of files(root, []).filter(keep).sort()) {
            h.update(`${f}\0`);
            h.update(fs.readFileSync(f));
            h.update("\n");
        }
    }
    return h.digest("hex");
}
