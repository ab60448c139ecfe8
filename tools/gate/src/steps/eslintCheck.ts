import path from "node:path";
import { ESLint } from "eslint";
import { Finding, StepResult, resultOf } from "../findings";

/** ESLint severity 2 = error (fails), 1 = warning (reported). */
const ERROR = 2;

/**
 * ESLint over the components' TypeScript (LWC recommended rules + typescript-eslint) and the
 * tools' TypeScript, with the project's flat config.
 */
export async function lintTypeScript(root: string): Promise<StepResult> {
    const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
    const results = await eslint.lintFiles(["force-app/**/lwc/**/*.ts", "tools/**/*.ts", "mcp/**/*.ts"]);
    const findings: Finding[] = [];
    const notes: string[] = [];
    for (const result of results) {
        for (const message of result.messages) {
            const finding: Finding = {
                file: path.relative(root, result.filePath),
                line: message.line,
                column: message.column,
                code: message.ruleId ?? "eslint",
                message: message.message
            };
            if (message.severity === ERROR) {
                findings.push(finding);
            } else {
                notes.push(`warning ${finding.file}:${finding.line} ${finding.code} ${finding.message}`);
            }
        }
    }
    notes.unshift(`${results.length} files linted`);
    return resultOf("eslint", findings, notes);
}
