import {
    ApexErrorListener,
    ApexParserFactory,
    type AnonymousUnitContext,
    type CompilationUnitContext,
    type TriggerUnitContext
} from "@apexdevtools/apex-parser";
import { shortenAntlrMessage, type SyntaxIssue } from "./syntaxErrors";

/** Collects lexer AND parser errors (apex-parser's own `check()` misses lexer errors). */
class CollectingListener extends ApexErrorListener {
    readonly issues: SyntaxIssue[] = [];
    constructor(private readonly file: string) {
        super();
    }
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.issues.push({ file: this.file, line, col: column + 1, message: shortenAntlrMessage(msg) });
    }
}

export type ParsedTree =
    | { kind: "class"; tree: CompilationUnitContext }
    | { kind: "trigger"; tree: TriggerUnitContext }
    | { kind: "anonymous"; tree: AnonymousUnitContext };

/** Parses one source text with apex-parser; returns the CST and any syntax issues. */
export function parseApex(
    file: string,
    source: string,
    kind: "class" | "trigger" | "anonymous"
): { parsed: ParsedTree; issues: SyntaxIssue[] } {
    const listener = new CollectingListener(file);
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    let parsed: ParsedTree;
    if (kind === "class") parsed = { kind, tree: parser.compilationUnit() };
    else if (kind === "trigger") parsed = { kind, tree: parser.triggerUnit() };
    else parsed = { kind, tree: parser.anonymousUnit() };
    return { parsed, issues: listener.issues };
}
