import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Finding, StepResult, resultOf } from "../findings";
import { listFiles, listLwcBundles } from "../projectFiles";
import { requirePackageFile, runProcess } from "../processes";

const TSC_DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * Type-checks the components (sources and Jest tests, strict) and compiles each `x.ts` to the
 * deployable `x.js` beside it. First brings `tsconfig.json`'s per-bundle `paths` up to date
 * (`c/*` cannot be a wildcard: TypeScript allows one `*` per mapping).
 */
export async function buildComponents(root: string): Promise<StepResult> {
    const sources = listFiles(path.join(root, "force-app"), (f) => /[\\/]lwc[\\/].*\.ts$/.test(f));
    if (sources.length === 0) {
        return resultOf("components-build", [], ["no component TypeScript yet"]);
    }
    const notes: string[] = [];
    if (syncComponentPaths(root)) {
        notes.push("tsconfig.json paths updated");
    }
    const tsc = requirePackageFile("typescript/bin/tsc");
    const findings: Finding[] = [];
    for (const project of ["tsconfig.json", "tsconfig.build.json"]) {
        const run = await runProcess(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: root });
        findings.push(...parseTscOutput(run.stdout, root));
        if (run.code !== 0 && findings.length === 0) {
            findings.push({ code: "tsc", message: `tsc -p ${project} failed: ${run.stdout || run.stderr}`.trim() });
        }
        if (findings.length > 0) {
            break; // the emit run would only repeat the same diagnostics
        }
    }
    notes.push(`${sources.length} TypeScript files`);
    return resultOf("components-build", findings, notes);
}

/** Rewrites `compilerOptions.paths` with one `c/<bundle>` entry per bundle; returns true when it changed. */
export function syncComponentPaths(root: string): boolean {
    const configFile = path.join(root, "tsconfig.json");
    const config = JSON.parse(readFileSync(configFile, "utf8")) as {
        compilerOptions: { paths?: Record<string, string[]> };
    };
    const paths: Record<string, string[]> = {};
    for (const bundle of listLwcBundles(path.join(root, "force-app"))) {
        const name = path.basename(bundle);
        const entry = path.join(bundle, `${name}.ts`);
        if (existsSync(entry)) {
            paths[`c/${name}`] = [`./${path.relative(root, entry).split(path.sep).join("/")}`];
        }
    }
    if (JSON.stringify(config.compilerOptions.paths ?? {}) === JSON.stringify(paths)) {
        return false;
    }
    config.compilerOptions.paths = paths;
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    return true;
}

function parseTscOutput(stdout: string, root: string): Finding[] {
    const findings: Finding[] = [];
    for (const line of stdout.split("\n")) {
        const match = TSC_DIAGNOSTIC.exec(line.trim());
        if (match) {
            findings.push({
                file: path.relative(root, path.resolve(root, match[1])),
                line: Number(match[2]),
                column: Number(match[3]),
                code: match[4],
                message: match[5]
            });
        } else if (/error TS\d+/.test(line)) {
            findings.push({ code: "tsc", message: line.trim() });
        }
    }
    return findings;
}
