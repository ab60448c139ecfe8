import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLocalOrg, type LocalOrg, type LocalOrgOptions } from "../src/index";

/** Writes Apex sources into a fresh temporary folder: `{ 'Foo.cls': '…' }`. */
export function writeSources(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-test-"));
    for (const [name, text] of Object.entries(files)) {
        const p = path.join(dir, name);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, text);
    }
    return dir;
}

/** Creates an org over the given sources with the parse cache disabled (tests stay hermetic). */
export function orgFrom(files: Record<string, string>, extra: Partial<LocalOrgOptions> = {}): LocalOrg {
    const dir = writeSources(files);
    return createLocalOrg({ sourceDirs: [dir], cacheDir: null, displayRoot: dir, ...extra });
}

/** Runs anonymous Apex against an empty org and returns the debug messages (throws on failure). */
export function anon(source: string, classes: Record<string, string> = {}): string[] {
    const org = orgFrom(classes);
    const r = org.runAnonymous(source);
    if (!r.success) throw new Error(r.error ?? "anonymous Apex failed");
    return r.debugLog.map((d) => d.message);
}
