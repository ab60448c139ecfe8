/** One problem a gate step found, located as precisely as the underlying tool allows. */
export interface Finding {
    /** Path relative to the project root, when the problem belongs to a file. */
    file?: string;
    line?: number;
    column?: number;
    /** Short tool-specific code, e.g. `TS2322`, `pmd:ApexSOQLInjection`, `apex-ls`. */
    code?: string;
    message: string;
}

/** The outcome of one gate step. */
export interface StepResult {
    step: string;
    ok: boolean;
    findings: Finding[];
    /** Extra lines worth printing (tool summaries, report paths). */
    notes: string[];
}

/** Thrown when a step cannot run at all (missing Java, missing dependency); carries a one-line cause and fix. */
export class PrerequisiteError extends Error {
    constructor(
        readonly reason: string,
        readonly fix: string
    ) {
        super(`${reason} Fix: ${fix}`);
        this.name = "PrerequisiteError";
    }
}

/** Formats a finding as `file:line:col code message`. */
export function formatFinding(finding: Finding): string {
    const where = finding.file
        ? `${finding.file}${finding.line ? `:${finding.line}` : ""}${finding.column ? `:${finding.column}` : ""} `
        : "";
    const code = finding.code ? `${finding.code} ` : "";
    return `${where}${code}${finding.message}`;
}

/** Builds a step result from findings: the step passes when there are none. */
export function resultOf(step: string, findings: Finding[], notes: string[] = []): StepResult {
    return { step, ok: findings.length === 0, findings, notes };
}
