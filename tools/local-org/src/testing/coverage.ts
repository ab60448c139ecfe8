import type { Block, CompilationUnit, Expr, Stmt, TypeDecl } from "../ast/nodes";

/** Lines of a unit that count for coverage: statement starts and field initialisers. */
export function executableLines(unit: CompilationUnit): Set<number> {
    const lines = new Set<number>();
    const stmt = (s: Stmt): void => {
        if (s.kind === "block") return block(s);
        lines.add(s.pos.line);
        switch (s.kind) {
            case "if":
                stmt(s.then);
                if (s.else) stmt(s.else);
                break;
            case "while":
            case "forEach":
                stmt(s.body);
                break;
            case "doWhile":
                block(s.body);
                break;
            case "for":
                if (s.init) stmt(s.init);
                stmt(s.body);
                break;
            case "try":
                block(s.body);
                s.catches.forEach((c) => block(c.body));
                if (s.finally) block(s.finally);
                break;
            case "switch":
                s.whens.forEach((w) => block(w.body));
                break;
            case "runAs":
                block(s.body);
                break;
            default:
                break;
        }
    };
    const block = (b: Block | null): void => {
        b?.stmts.forEach(stmt);
    };
    const type = (t: TypeDecl): void => {
        for (const m of t.members) {
            if (m.kind === "type") type(m);
            else if (m.kind === "method" || m.kind === "ctor" || m.kind === "init") block(m.body);
            else if (m.kind === "field") {
                if (m.init) lines.add(m.pos.line);
                block(m.property?.getter?.body ?? null);
                block(m.property?.setter?.body ?? null);
            }
        }
    };
    if (unit.type) type(unit.type);
    unit.statements.forEach(stmt);
    return lines;
}

/** Coverage of one production class. */
export interface ClassCoverage {
    name: string;
    file: string;
    covered: number;
    total: number;
    percent: number;
    uncoveredLines: number[];
}

export function classCoverage(name: string, unit: CompilationUnit, executed: Set<number> | undefined): ClassCoverage {
    const lines = executableLines(unit);
    const uncovered = [...lines].filter((l) => !executed?.has(l)).sort((a, b) => a - b);
    const covered = lines.size - uncovered.length;
    return {
        name,
        file: unit.file,
        covered,
        total: lines.size,
        percent: lines.size ? (100 * covered) / lines.size : 100,
        uncoveredLines: uncovered
    };
}

export type { Expr };
