/**
 * The local org's own compact AST. Lowered once from apex-parser's concrete syntax tree
 * (see `parse/lower.ts`) and cached as JSON, so nothing downstream depends on ANTLR classes.
 * All identifiers keep their source spelling; lookups lower-case them.
 */

/** Source position: 1-based line, 1-based column. */
export interface Pos {
    line: number;
    col: number;
}

/** A type reference such as `Map<String, List<Integer>>` or `Outer.Inner[]`. */
export interface TypeRef {
    /** Dotted name parts, e.g. `['System', 'HttpRequest']`. Arrays are lowered to `List`. */
    names: string[];
    args: TypeRef[];
}

export interface Annotation {
    name: string;
    /** Lower-cased key → literal text (e.g. `cacheable` → `true`). */
    params: Record<string, string>;
}

export interface Modifiers {
    /** Lower-cased keyword modifiers: public, static, virtual, override, testmethod, … */
    keywords: string[];
    annotations: Annotation[];
}

export interface Param {
    name: string;
    type: TypeRef;
}

export interface MethodDecl {
    kind: "method";
    name: string;
    pos: Pos;
    mods: Modifiers;
    returnType: TypeRef | null; // null = void
    params: Param[];
    body: Block | null; // null = abstract / interface
}

export interface CtorDecl {
    kind: "ctor";
    pos: Pos;
    mods: Modifiers;
    params: Param[];
    body: Block;
}

export interface FieldDecl {
    kind: "field";
    name: string;
    pos: Pos;
    mods: Modifiers;
    type: TypeRef;
    init: Expr | null;
    /** Present for properties: `{ get; set; }` or with bodies. */
    property?: { getter?: Accessor; setter?: Accessor };
}

export interface Accessor {
    pos: Pos;
    mods: Modifiers;
    body: Block | null; // null = automatic accessor
}

export interface InitializerDecl {
    kind: "init";
    pos: Pos;
    isStatic: boolean;
    body: Block;
}

export type MemberDecl = MethodDecl | CtorDecl | FieldDecl | InitializerDecl | TypeDecl;

export interface TypeDecl {
    kind: "type";
    typeKind: "class" | "interface" | "enum";
    name: string;
    pos: Pos;
    mods: Modifiers;
    extendsType: TypeRef | null;
    /** Implemented interfaces (class) or extended interfaces (interface). */
    implementsTypes: TypeRef[];
    members: MemberDecl[];
    enumValues: string[];
}

/** One lowered source file. */
export interface CompilationUnit {
    file: string;
    /** `class` for .cls, `trigger` for .trigger (body in `statements`), `anonymous` for scripts. */
    unitKind: "class" | "trigger" | "anonymous";
    type: TypeDecl | null;
    /** Anonymous Apex: the statements. */
    statements: Stmt[];
    /** Unsupported constructs found while lowering (reported by the supported-subset check). */
    unsupported: { pos: Pos; construct: string }[];
    /** A `.trigger` file: its name, object and events (`before insert`, …); `statements` is the body. */
    trigger?: { name: string; object: string; pos: Pos; events: string[] };
}

// ---------------- statements ----------------

export interface Block {
    kind: "block";
    pos: Pos;
    stmts: Stmt[];
}

export type Stmt =
    | Block
    | { kind: "local"; pos: Pos; type: TypeRef; decls: { name: string; init: Expr | null }[] }
    | { kind: "expr"; pos: Pos; expr: Expr }
    | { kind: "if"; pos: Pos; cond: Expr; then: Stmt; else: Stmt | null }
    | { kind: "while"; pos: Pos; cond: Expr; body: Stmt }
    | { kind: "doWhile"; pos: Pos; cond: Expr; body: Block }
    | {
          kind: "for";
          pos: Pos;
          init: Stmt | null;
          initExprs: Expr[];
          cond: Expr | null;
          update: Expr[];
          body: Stmt;
      }
    | { kind: "forEach"; pos: Pos; type: TypeRef; name: string; iterable: Expr; body: Stmt }
    | { kind: "return"; pos: Pos; value: Expr | null }
    | { kind: "throw"; pos: Pos; value: Expr }
    | { kind: "break"; pos: Pos }
    | { kind: "continue"; pos: Pos }
    | { kind: "try"; pos: Pos; body: Block; catches: CatchClause[]; finally: Block | null }
    | { kind: "switch"; pos: Pos; value: Expr; whens: WhenClause[] }
    /**
     * DML statement (`insert x;`, `upsert x Ext_Id__c;`, `merge a b;`, `insert as user x;`).
     */
    | {
          kind: "dml";
          pos: Pos;
          op: "insert" | "update" | "delete" | "undelete" | "upsert" | "merge";
          value: Expr;
          /** Second operand of `merge`. */
          other: Expr | null;
          accessLevel: "user" | "system" | null;
          /** `upsert x Field__c` external-Id field path. */
          externalIdField: string[] | null;
      }
    /** `System.runAs(user) { … }`. */
    | { kind: "runAs"; pos: Pos; args: Expr[]; body: Block }
    | { kind: "unsupported"; pos: Pos; construct: string };

export interface CatchClause {
    pos: Pos;
    type: TypeRef;
    name: string;
    body: Block;
}

export type WhenMatch =
    { kind: "else" } | { kind: "type"; type: TypeRef; name: string } | { kind: "values"; values: Expr[] };

export interface WhenClause {
    pos: Pos;
    match: WhenMatch;
    body: Block;
}

// ---------------- expressions ----------------

export type LiteralKind = "Integer" | "Long" | "Decimal" | "Double" | "String" | "Boolean" | "null";

export type Expr =
    | { kind: "lit"; pos: Pos; type: LiteralKind; text: string }
    | { kind: "name"; pos: Pos; name: string }
    | { kind: "this"; pos: Pos }
    | { kind: "super"; pos: Pos }
    | { kind: "field"; pos: Pos; target: Expr; name: string; safe: boolean }
    | { kind: "call"; pos: Pos; target: Expr | null; name: string; args: Expr[]; safe: boolean }
    /** `this(...)` / `super(...)` constructor chaining. */
    | { kind: "ctorCall"; pos: Pos; which: "this" | "super"; args: Expr[] }
    | { kind: "index"; pos: Pos; target: Expr; index: Expr }
    | { kind: "new"; pos: Pos; type: TypeRef; args: Expr[] }
    | { kind: "newList"; pos: Pos; type: TypeRef; size: Expr | null; items: Expr[] | null }
    | { kind: "newSet"; pos: Pos; type: TypeRef; items: Expr[] }
    | { kind: "newMap"; pos: Pos; type: TypeRef; entries: [Expr, Expr][] }
    | { kind: "assign"; pos: Pos; op: string; target: Expr; value: Expr }
    | { kind: "binary"; pos: Pos; op: string; left: Expr; right: Expr }
    | { kind: "unary"; pos: Pos; op: string; operand: Expr }
    | { kind: "incdec"; pos: Pos; op: "++" | "--"; prefix: boolean; target: Expr }
    | { kind: "cond"; pos: Pos; cond: Expr; then: Expr; else: Expr }
    | { kind: "cast"; pos: Pos; type: TypeRef; value: Expr }
    | { kind: "instanceof"; pos: Pos; value: Expr; type: TypeRef }
    | { kind: "classLit"; pos: Pos; type: TypeRef | null } // null = void.class
    | { kind: "soql"; pos: Pos; text: string; binds: Expr[] }
    | { kind: "unsupported"; pos: Pos; construct: string };
