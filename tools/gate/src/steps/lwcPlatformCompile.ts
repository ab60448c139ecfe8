import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { compile } from "@lwc/sfdc-lwc-compiler";
import { Finding, StepResult, resultOf } from "../findings";
import { listLwcBundles } from "../projectFiles";

/** `@lwc/errors` DiagnosticLevel: 0 fatal, 1 error, 2 warning, 3 log. */
const WARNING_LEVEL = 2;
const COMPILED_EXTENSIONS = [".js", ".html", ".css", ".svg"];

/**
 * Compiles every LWC bundle under `<root>/force-app` with the platform compiler that deploys use
 * (`@lwc/sfdc-lwc-compiler`, bundle type `platform`). It reads the tsc-emitted `.js`, never the
 * `.ts` (the platform ignores customer TypeScript), so the build must have run first; a bundle
 * without its `.js` is reported rather than "passing" as a template-only component.
 */
export async function compileLwcBundles(root: string): Promise<StepResult> {
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const bundle of listLwcBundles(path.join(root, "force-app"))) {
        const name = path.basename(bundle);
        const where = path.relative(root, bundle);
        if (!existsSync(path.join(bundle, `${name}.js`))) {
            findings.push({ file: where, code: "lwc", message: `no ${name}.js: run 'npm run build' first` });
            continue;
        }
        const output = await compile({
            bundle: { namespace: "c", name, type: "platform", files: readBundleFiles(bundle) }
        });
        for (const diagnostic of output.diagnostics) {
            if (diagnostic.level >= WARNING_LEVEL) {
                continue;
            }
            findings.push({
                file: diagnostic.filename ? path.join(where, path.basename(diagnostic.filename)) : where,
                line: diagnostic.location?.line,
                column: diagnostic.location?.column,
                code: diagnostic.code !== undefined ? `LWC${diagnostic.code}` : "lwc",
                message: diagnostic.message
            });
        }
        notes.push(`${output.success ? "OK  " : "FAIL"} c/${name} (compiler ${output.version})`);
    }
    return resultOf("lwc-platform-compile", findings, notes);
}

function readBundleFiles(bundle: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string, prefix: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (entry.isDirectory()) {
                if (entry.name !== "__tests__" && entry.name !== "__mocks__") {
                    walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
                }
            } else if (COMPILED_EXTENSIONS.includes(path.extname(entry.name))) {
                files[`${prefix}${entry.name}`] = readFileSync(path.join(dir, entry.name), "utf8");
            }
        }
    };
    walk(bundle, "");
    return files;
}
