import path from "node:path";
import { Finding, StepResult, resultOf } from "../findings";
import { requirePackageFile, runProcess } from "../processes";

/** The apex-ls jars ship inside the PMD engine package (no separate download). */
const APEX_LS_LIB = "@salesforce/code-analyzer-pmd-engine/dist/java-lib";
/** apex-ls categories that fail the gate; `Warning` and `Unused` are reported as notes. */
const FAILING_CATEGORIES = new Set(["Error", "Syntax", "Missing"]);

interface ApexLsReport {
    files: {
        path: string;
        messages: { start: { line: number; offset: number }; category: string; message: string }[];
    }[];
}

/**
 * Semantic check of the Apex under `root` with apex-ls (types, methods, fields resolved against
 * the platform library and the project's own object metadata).
 */
export async function checkApexSemantics(root: string): Promise<StepResult> {
    const classpath = path.join(requirePackageFile(APEX_LS_LIB), "*");
    const output = await runProcess(
        "java",
        [
            "-cp",
            classpath,
            "io.github.apexdevtools.apexls.CheckForIssues",
            "-n",
            "-d",
            "warnings",
            "-f",
            "json",
            "-w",
            root
        ],
        { cwd: root, timeoutMs: 180_000 }
    );
    // Exit codes: 0 clean, 4 errors, 5-7 warnings/unused only; 1 and 3 mean apex-ls itself failed.
    if (![0, 4, 5, 6, 7].includes(output.code)) {
        return resultOf("apex-ls", [
            {
                code: "apex-ls",
                message: `apex-ls failed (exit ${output.code}): ${firstLine(output.stderr || output.stdout)}`
            }
        ]);
    }
    const report = JSON.parse(output.stdout) as ApexLsReport;
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const file of report.files) {
        for (const message of file.messages) {
            const finding: Finding = {
                file: path.relative(root, file.path),
                line: message.start.line,
                column: message.start.offset + 1,
                code: `apex-ls:${message.category}`,
                message: message.message
            };
            if (FAILING_CATEGORIES.has(message.category)) {
                findings.push(finding);
            } else {
                notes.push(`${finding.file}:${finding.line} ${finding.code} ${finding.message}`);
            }
        }
    }
    return resultOf("apex-ls", findings, notes);
}

function firstLine(text: string): string {
    return text.trim().split("\n")[0] ?? "";
}
