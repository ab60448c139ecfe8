import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Finding, PrerequisiteError, StepResult, resultOf } from "../findings";
import { listFiles } from "../projectFiles";
import { repoRoot, runProcess } from "../processes";

/** Files that must never reach the package: TypeScript sources, tsconfigs and Jest-only files. */
const FORBIDDEN_IN_PACKAGE: { pattern: RegExp; why: string }[] = [
    { pattern: /\.ts$/, why: "TypeScript source (the platform does not compile it)" },
    { pattern: /(^|[\\/])tsconfig[^\\/]*\.json$/, why: "tsconfig file" },
    { pattern: /[\\/]__(tests|mocks)__[\\/]/, why: "Jest test file" },
    { pattern: /\.test\.(js|ts)$/, why: "Jest test file" },
    { pattern: /(^|[\\/])jest[^\\/]*\.(js|json)$/, why: "Jest configuration" }
];

/**
 * Converts `<root>/force-app` to the Metadata API layout with the pinned Salesforce CLI — what a
 * package version would contain — and asserts that nothing from the TypeScript or Jest tool
 * chain ends up in it and that every component ships its compiled `.js`.
 */
export async function checkPackagingView(root: string): Promise<StepResult> {
    const output = mkdtempSync(path.join(os.tmpdir(), "pconn-mdapi-"));
    try {
        const run = await runProcess(
            path.join(repoRoot(), "scripts", "sf"),
            ["project", "convert", "source", "--root-dir", "force-app", "--output-dir", output, "--json"],
            { cwd: root, timeoutMs: 180_000 }
        );
        if (run.code === 127) {
            throw new PrerequisiteError("the pinned Salesforce CLI is not installed.", "run 'npm ci'.");
        }
        if (run.code !== 0) {
            return resultOf("packaging-view", [
                { code: "sf", message: `sf project convert source failed: ${summarize(run.stdout || run.stderr)}` }
            ]);
        }
        const converted = listFiles(output);
        const findings: Finding[] = [];
        for (const file of converted) {
            const relative = path.relative(output, file);
            const forbidden = FORBIDDEN_IN_PACKAGE.find((rule) => rule.pattern.test(relative));
            if (forbidden) {
                findings.push({
                    file: relative,
                    code: "package",
                    message: `${forbidden.why} must not be packaged (.forceignore)`
                });
            }
        }
        const bundlesWithoutJs = converted
            .filter((f) => f.endsWith(".js-meta.xml"))
            .filter((meta) => !converted.includes(meta.replace(/\.js-meta\.xml$/, ".js")));
        for (const meta of bundlesWithoutJs) {
            findings.push({
                file: path.relative(output, meta),
                code: "package",
                message: "component packaged without its compiled .js"
            });
        }
        return resultOf("packaging-view", findings, [`${converted.length} files in the converted package`]);
    } finally {
        rmSync(output, { recursive: true, force: true });
    }
}

function summarize(text: string): string {
    try {
        const parsed = JSON.parse(text) as { message?: string };
        return parsed.message ?? text.slice(0, 300);
    } catch {
        return text.trim().slice(0, 300);
    }
}
