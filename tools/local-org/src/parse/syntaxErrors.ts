/** A syntax error reported by the lexer or parser, already shortened for humans. */
export interface SyntaxIssue {
    file: string;
    line: number;
    col: number;
    message: string;
}

/** Thrown when one or more source files do not parse; the message lists `file:line:col message`. */
export class ApexSyntaxErrors extends Error {
    constructor(readonly issues: SyntaxIssue[]) {
        super(issues.map(formatSyntaxIssue).join("\n"));
        this.name = "ApexSyntaxErrors";
    }
}

/** ANTLR "expecting {…}" sets can reach kilobytes: keep the first few alternatives. */
export function shortenAntlrMessage(msg: string): string {
    const m = /^(.*?expecting )\{(.*)\}$/s.exec(msg);
    let out = msg;
    if (m) {
        const alts = m[2].split(",").map((s) => s.trim());
        out = alts.length > 6 ? `${m[1]}{${alts.slice(0, 6).join(", ")}, … ${alts.length - 6} more}` : msg;
    }
    out = out.replace(/\s+/g, " ");
    return out.length > 200 ? `${out.slice(0, 197)}...` : out;
}

export function formatSyntaxIssue(i: SyntaxIssue): string {
    return `${i.file}:${i.line}:${i.col} ${i.message}`;
}
