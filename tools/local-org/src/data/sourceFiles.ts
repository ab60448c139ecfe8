import fs from "node:fs";
import path from "node:path";

/**
 * Every file below the source folders, sorted per folder, skipping `node_modules` and dot folders; a folder that
 * cannot be read is skipped (a configured source folder may not exist). The metadata readers (objects, permission
 * sets, field sets, cache partitions, sharing) filter this list by file name.
 */
export function sourceFiles(sourceDirs: string[]): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) {
                if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(p);
            } else out.push(p);
        }
    };
    for (const d of sourceDirs) walk(d);
    return out;
}

/**
 * The files below the source folders whose name ends with a metadata suffix (e.g. `.permissionset-meta.xml`).
 * @param sourceDirs source folders
 * @param suffix file-name ending
 */
export function sourceFilesEndingWith(sourceDirs: string[], suffix: string): string[] {
    return sourceFiles(sourceDirs).filter((file) => file.endsWith(suffix));
}
