import { Finding, StepResult, resultOf } from "../findings";
import { requirePackageFile, runProcess } from "../processes";

/** Compiles every TypeScript tool under tools/ (project references in tools/tsconfig.json) into dist/. */
export async function buildTools(root: string): Promise<StepResult> {
    const tsc = requirePackageFile("typescript/bin/tsc");
    const run = await runProcess(process.execPath, [tsc, "-b", "tools", "--pretty", "false"], { cwd: root });
    const findings: Finding[] = run.stdout
        .split("\n")
        .filter((line) => /error TS\d+/.test(line))
        .map((line) => ({ code: "tsc", message: line.trim() }));
    if (run.code !== 0 && findings.length === 0) {
        findings.push({ code: "tsc", message: `tsc -b tools failed: ${(run.stdout || run.stderr).trim()}` });
    }
    return resultOf("tools-build", findings);
}
