import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
    CodeAnalyzer,
    CodeAnalyzerConfig,
    EventType,
    LogEvent,
    LogLevel,
    OutputFormat
} from "@salesforce/code-analyzer-core";
import * as pmdEngine from "@salesforce/code-analyzer-pmd-engine";
import * as regexEngine from "@salesforce/code-analyzer-regex-engine";
import { Finding, StepResult, resultOf } from "../findings";
import { repoRoot } from "../processes";

/** The selectors the AppExchange security review asks for, plus the project's custom rule. */
export const SECURITY_SELECTORS = ["AppExchange", "Recommended:Security", "NoHardcodedEndpoint"];
/** Severity 1 (Critical) and 2 (High) fail the gate. */
const FAILING_SEVERITY = 2;

/** Where readable reports go; `reports/` is git-ignored. */
export interface ReportTargets {
    html?: string;
    sarif?: string;
}

/**
 * Runs Salesforce Code Analyzer (core library with the PMD and regex engines) over the given
 * folders and fails on any violation of severity 1 or 2.
 */
export async function runCodeAnalyzer(targets: string[], reports: ReportTargets = {}): Promise<StepResult> {
    const config = CodeAnalyzerConfig.fromFile(path.join(repoRoot(), "code-analyzer.yml"));
    const analyzer = new CodeAnalyzer(config);
    const problems: string[] = [];
    analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
        if (event.logLevel <= LogLevel.Error) {
            problems.push(event.message);
        }
    });
    await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
    await analyzer.addEnginePlugin(regexEngine.createEnginePlugin());
    const workspace = await analyzer.createWorkspace(targets);
    const rules = await analyzer.selectRules(SECURITY_SELECTORS, { workspace });
    const results = await analyzer.run(rules, { workspace });

    const findings: Finding[] = [];
    const notes: string[] = [`${rules.getCount()} rules selected (${SECURITY_SELECTORS.join(", ")})`];
    for (const violation of results.getViolations()) {
        const location = violation.getPrimaryLocation();
        const rule = violation.getRule();
        const finding: Finding = {
            file: location.getFile() ? path.relative(repoRoot(), location.getFile() as string) : undefined,
            line: location.getStartLine(),
            column: location.getStartColumn(),
            code: `sev${rule.getSeverityLevel()} ${rule.getEngineName()}:${rule.getName()}`,
            message: violation.getMessage()
        };
        if (rule.getSeverityLevel() <= FAILING_SEVERITY) {
            findings.push(finding);
        } else {
            notes.push(`${finding.file}:${finding.line} ${finding.code} ${finding.message}`);
        }
    }
    for (const problem of problems) {
        findings.push({ code: "code-analyzer", message: problem });
    }
    writeReport(reports.html, () => results.toFormattedOutput(OutputFormat.HTML), notes);
    writeReport(reports.sarif, () => results.toFormattedOutput(OutputFormat.SARIF), notes);
    return resultOf("code-analyzer", findings, notes);
}

function writeReport(file: string | undefined, render: () => string, notes: string[]): void {
    if (!file) {
        return;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, render());
    notes.push(`report: ${path.relative(repoRoot(), file)}`);
}
