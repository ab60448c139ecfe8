import type { Block, CompilationUnit, MemberDecl, Pos, Stmt, TypeDecl } from "../ast/nodes";
import type { SyntaxIssue } from "./syntaxErrors";

/**
 * Apex Developer Guide, "Reserved Keywords": "These words can be used only as keywords." apex-parser accepts many of
 * them as identifiers (`Integer end = 1;`); the platform's compiler refuses them, so the local org refuses them at
 * load. Method names follow the compiler's narrower rule (as apex-ls encodes it): the words in
 * {@link LEGAL_METHOD_NAMES} are still legal method names.
 */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
    "abstract",
    "activate",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "autonomous",
    "begin",
    "bigdecimal",
    "blob",
    "boolean",
    "break",
    "bulk",
    "by",
    "byte",
    "case",
    "cast",
    "catch",
    "char",
    "class",
    "collect",
    "commit",
    "const",
    "continue",
    "currency",
    "date",
    "datetime",
    "decimal",
    "default",
    "delete",
    "desc",
    "do",
    "double",
    "else",
    "end",
    "enum",
    "exception",
    "exit",
    "export",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "from",
    "global",
    "goto",
    "group",
    "having",
    "hint",
    "if",
    "implements",
    "import",
    "in",
    "inner",
    "insert",
    "instanceof",
    "int",
    "integer",
    "interface",
    "into",
    "join",
    "like",
    "limit",
    "list",
    "long",
    "loop",
    "map",
    "merge",
    "new",
    "not",
    "null",
    "nulls",
    "number",
    "object",
    "of",
    "on",
    "or",
    "outer",
    "override",
    "package",
    "parallel",
    "pragma",
    "private",
    "protected",
    "public",
    "retrieve",
    "return",
    "rollback",
    "select",
    "set",
    "short",
    "sobject",
    "sort",
    "static",
    "string",
    "super",
    "switch",
    "synchronized",
    "system",
    "testmethod",
    "then",
    "this",
    "throw",
    "time",
    "transaction",
    "trigger",
    "true",
    "try",
    "undelete",
    "update",
    "upsert",
    "using",
    "virtual",
    "void",
    "webservice",
    "when",
    "where",
    "while"
]);

/** Reserved keywords that are still legal method names (the compiler accepts them; apex-ls warns). */
export const LEGAL_METHOD_NAMES: ReadonlySet<string> = new Set([
    "activate",
    "any",
    "array",
    "autonomous",
    "begin",
    "bigdecimal",
    "blob",
    "boolean",
    "byte",
    "case",
    "cast",
    "char",
    "collect",
    "const",
    "currency",
    "date",
    "datetime",
    "decimal",
    "default",
    "double",
    "end",
    "exception",
    "exit",
    "export",
    "float",
    "goto",
    "group",
    "hint",
    "import",
    "inner",
    "integer",
    "int",
    "into",
    "join",
    "long",
    "loop",
    "number",
    "object",
    "of",
    "outer",
    "package",
    "parallel",
    "pragma",
    "retrieve",
    "rollback",
    "set",
    "short",
    "sobject",
    "sort",
    "string",
    "switch",
    "synchronized",
    "system",
    "then",
    "time",
    "transaction",
    "void",
    "when"
]);

/** Every reserved identifier a unit declares (variables, parameters, fields, properties, methods, types). */
export function reservedIdentifierIssues(unit: CompilationUnit): SyntaxIssue[] {
    const issues: SyntaxIssue[] = [];
    const check = (name: string, pos: Pos, method = false): void => {
        const l = name.toLowerCase();
        if (!RESERVED_KEYWORDS.has(l) || (method && LEGAL_METHOD_NAMES.has(l))) return;
        issues.push({
            file: unit.file,
            line: pos.line,
            col: pos.col,
            message: `Identifier name is reserved: ${name} (Apex Developer Guide, "Reserved Keywords")`
        });
    };
    const block = (b: Block | null | undefined): void => {
        if (b) for (const s of b.stmts) stmt(s);
    };
    const stmt = (s: Stmt | null): void => {
        if (!s) return;
        switch (s.kind) {
            case "local":
                for (const d of s.decls) check(d.name, s.pos);
                return;
            case "block":
                block(s);
                return;
            case "if":
                stmt(s.then);
                stmt(s.else);
                return;
            case "while":
                stmt(s.body);
                return;
            case "doWhile":
                block(s.body);
                return;
            case "for":
                stmt(s.init);
                stmt(s.body);
                return;
            case "forEach":
                check(s.name, s.pos);
                stmt(s.body);
                return;
            case "try":
                block(s.body);
                for (const c of s.catches) {
                    check(c.name, c.pos);
                    block(c.body);
                }
                block(s.finally);
                return;
            case "switch":
                for (const w of s.whens) {
                    if (w.match.kind === "type") check(w.match.name, w.pos);
                    block(w.body);
                }
                return;
            case "runAs":
                block(s.body);
                return;
            default:
                return;
        }
    };
    const member = (m: MemberDecl): void => {
        switch (m.kind) {
            case "method":
                check(m.name, m.pos, true);
                for (const p of m.params) check(p.name, m.pos);
                block(m.body);
                return;
            case "ctor":
                for (const p of m.params) check(p.name, m.pos);
                block(m.body);
                return;
            case "field":
                check(m.name, m.pos);
                block(m.property?.getter?.body);
                block(m.property?.setter?.body);
                return;
            case "init":
                block(m.body);
                return;
            case "type":
                type(m);
                return;
        }
    };
    const type = (t: TypeDecl): void => {
        check(t.name, t.pos);
        for (const m of t.members) member(m);
    };
    if (unit.type) type(unit.type);
    for (const s of unit.statements) stmt(s);
    return issues;
}
