import { readdirSync } from "node:fs";
import path from "node:path";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", ".sfdx", ".sf", "dist", "reports", "coverage"]);

/** Lists files under `dir` (absolute paths), recursively, skipping tool and output folders. */
export function listFiles(dir: string, keep: (file: string) => boolean = () => true): string[] {
    const files: string[] = [];
    const walk = (current: string): void => {
        let entries;
        try {
            entries = readdirSync(current, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const full = path.join(current, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRECTORIES.has(entry.name)) {
                    walk(full);
                }
            } else if (keep(full)) {
                files.push(full);
            }
        }
    };
    walk(dir);
    return files.sort();
}

/** True for paths inside a Jest `__tests__` or `__mocks__` folder. */
export function isTestOnly(file: string): boolean {
    return /[\\/]__(tests|mocks)__[\\/]/.test(file);
}

/** Lists every LWC bundle folder (a direct child of a folder named `lwc`) under `dir`. */
export function listLwcBundles(dir: string): string[] {
    const bundles = new Set<string>();
    for (const file of listFiles(dir, (f) => /[\\/]lwc[\\/][^\\/]+[\\/]/.test(f))) {
        const match = /^(.*[\\/]lwc[\\/][^\\/]+)[\\/]/.exec(file);
        if (match) {
            bundles.add(match[1]);
        }
    }
    return [...bundles].sort();
}
