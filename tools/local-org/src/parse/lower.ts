import * as P from "@apexdevtools/apex-parser";
import type * as A from "../ast/nodes";
import type { ParsedTree } from "./apexParser";

type Ctx = P.ApexParserRuleContext;

/**
 * Lowers apex-parser's concrete syntax tree to the runtime's compact AST.
 * Constructs the local org does not execute (SOSL, for one) are lowered to `unsupported` nodes and also listed in
 * `unsupported`, so they fail loudly at the call site.
 */
export function lowerTree(file: string, source: string, parsed: ParsedTree): A.CompilationUnit {
    const l = new Lowerer(file, source);
    if (parsed.kind === "class") {
        const td = parsed.tree.typeDeclaration();
        return { file, unitKind: "class", type: l.typeDecl(td), statements: [], unsupported: l.unsupported };
    }
    if (parsed.kind === "trigger") {
        const t = parsed.tree;
        const ids = t.id_list();
        const stmts: A.Stmt[] = [];
        for (const m of t.triggerBlock().triggerBlockMember_list()) {
            const st = m.statement();
            if (st) {
                stmts.push(l.stmt(st));
                continue;
            }
            const md = m.triggerMemberDeclaration();
            const fd = md.fieldDeclaration();
            if (fd) {
                // `Integer x = 1;` at the top of a trigger is a local variable (as in anonymous Apex).
                stmts.push({
                    kind: "local",
                    pos: pos(fd),
                    type: l.typeRef(fd.typeRef()),
                    decls: fd
                        .variableDeclarators()
                        .variableDeclarator_list()
                        .map((v) => ({ name: v.id().getText(), init: v.expression() ? l.expr(v.expression()) : null }))
                });
                continue;
            }
            const construct = "method, class or property declared in a trigger";
            l.unsupported.push({ pos: pos(md), construct });
            stmts.push({ kind: "unsupported", pos: pos(md), construct });
        }
        return {
            file,
            unitKind: "trigger",
            type: null,
            statements: stmts,
            unsupported: l.unsupported,
            trigger: {
                name: ids[0].getText(),
                object: ids[1].getText(),
                pos: pos(t),
                events: t.triggerCase_list().map((c) =>
                    c
                        .getText()
                        .replace(/^(before|after)/i, "$1 ")
                        .toLowerCase()
                )
            }
        };
    }
    const stmts: A.Stmt[] = [];
    const members: A.MemberDecl[] = [];
    const block = parsed.tree.anonymousBlock();
    for (const m of block.anonymousBlockMember_list()) {
        const st = m.statement();
        if (st) {
            stmts.push(l.stmt(st));
            continue;
        }
        const md = m.anonymousMemberDeclaration();
        const fd = md.fieldDeclaration();
        if (fd) {
            // `Integer x = 1;` at the top of anonymous Apex parses as a field: it is a local variable.
            stmts.push({
                kind: "local",
                pos: pos(fd),
                type: l.typeRef(fd.typeRef()),
                decls: fd
                    .variableDeclarators()
                    .variableDeclarator_list()
                    .map((v) => ({ name: v.id().getText(), init: v.expression() ? l.expr(v.expression()) : null }))
            });
            continue;
        }
        const mods = l.modifiers(m.modifier_list());
        // Methods of an anonymous script behave as static methods.
        if (md.methodDeclaration() && !mods.keywords.includes("static")) mods.keywords.push("static");
        members.push(...l.member(md as unknown as P.MemberDeclarationContext, mods));
    }
    const type: A.TypeDecl | null = members.length
        ? {
              kind: "type",
              typeKind: "class",
              name: "AnonymousBlock",
              pos: { line: 1, col: 1 },
              mods: { keywords: [], annotations: [] },
              extendsType: null,
              implementsTypes: [],
              members,
              enumValues: []
          }
        : null;
    return { file, unitKind: "anonymous", type, statements: stmts, unsupported: l.unsupported };
}

function pos(ctx: Ctx): A.Pos {
    return { line: ctx.start.line, col: ctx.start.column + 1 };
}

/** Undoes Apex string-literal escapes (`\n`, `\t`, `\'`, `\\`, `\uXXXX`, …). */
export function unescapeApexString(body: string): string {
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
        switch (e[0]) {
            case "n":
                return "\n";
            case "t":
                return "\t";
            case "r":
                return "\r";
            case "b":
                return "\b";
            case "f":
                return "\f";
            case "u":
                return String.fromCharCode(parseInt(e.slice(1), 16));
            default:
                return e;
        }
    });
}

function stringLiteralValue(text: string): string {
    if (text.startsWith("'''")) {
        // Multi-line literal: drop the opening line break as the platform does.
        return unescapeApexString(text.slice(3, -3).replace(/^\r?\n/, ""));
    }
    return unescapeApexString(text.slice(1, -1));
}

class Lowerer {
    readonly unsupported: { pos: A.Pos; construct: string }[] = [];
    constructor(
        private readonly file: string,
        private readonly source: string
    ) {}

    private codePoints: string[] | null = null;

    /**
     * Source text between two token offsets. ANTLR counts code points, JavaScript strings UTF-16 units,
     * so a source with characters outside the BMP (emoji) is sliced by code point.
     */
    sourceSlice(start: number, end: number): string {
        if (!/[\uD800-\uDBFF]/.test(this.source)) return this.source.slice(start, end);
        this.codePoints ??= Array.from(this.source);
        return this.codePoints.slice(start, end).join("");
    }

    unsup(ctx: Ctx, construct: string): { kind: "unsupported"; pos: A.Pos; construct: string } {
        const p = pos(ctx);
        this.unsupported.push({ pos: p, construct });
        return { kind: "unsupported", pos: p, construct };
    }

    // ---------- declarations ----------

    modifiers(list: P.ModifierContext[]): A.Modifiers {
        const keywords: string[] = [];
        const annotations: A.Annotation[] = [];
        for (const m of list) {
            const ann = m.annotation();
            if (ann) {
                const params: Record<string, string> = {};
                const pairs = ann.elementValuePairs();
                if (pairs) {
                    for (const p of pairs.elementValuePair_list())
                        params[p.id().getText().toLowerCase()] = p.elementValue().getText();
                }
                const single = ann.elementValue();
                if (single) params["value"] = single.getText();
                annotations.push({ name: ann.id().getText(), params });
            } else {
                keywords.push(m.getText().toLowerCase());
            }
        }
        return { keywords, annotations };
    }

    typeDecl(td: P.TypeDeclarationContext): A.TypeDecl {
        const mods = this.modifiers(td.modifier_list());
        const cls = td.classDeclaration();
        if (cls) return this.classDecl(cls, mods);
        const itf = td.interfaceDeclaration();
        if (itf) return this.interfaceDecl(itf, mods);
        return this.enumDecl(td.enumDeclaration(), mods);
    }

    classDecl(c: P.ClassDeclarationContext, mods: A.Modifiers): A.TypeDecl {
        const members: A.MemberDecl[] = [];
        for (const d of c.classBody().classBodyDeclaration_list()) {
            const block = d.block();
            if (block) {
                members.push({ kind: "init", pos: pos(d), isStatic: !!d.STATIC(), body: this.block(block) });
                continue;
            }
            const md = d.memberDeclaration();
            if (!md) continue; // stray ';'
            members.push(...this.member(md, this.modifiers(d.modifier_list())));
        }
        const tl = c.typeList();
        return {
            kind: "type",
            typeKind: "class",
            name: c.id().getText(),
            pos: pos(c),
            mods,
            extendsType: c.typeRef() ? this.typeRef(c.typeRef()) : null,
            implementsTypes: tl ? tl.typeRef_list().map((t) => this.typeRef(t)) : [],
            members,
            enumValues: []
        };
    }

    interfaceDecl(i: P.InterfaceDeclarationContext, mods: A.Modifiers): A.TypeDecl {
        const members: A.MemberDecl[] = i
            .interfaceBody()
            .interfaceMethodDeclaration_list()
            .map((m) => ({
                kind: "method" as const,
                name: m.id().getText(),
                pos: pos(m),
                mods: this.modifiers(m.modifier_list()),
                returnType: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                params: this.params(m.formalParameters()),
                body: null
            }));
        const tl = i.typeList();
        return {
            kind: "type",
            typeKind: "interface",
            name: i.id().getText(),
            pos: pos(i),
            mods,
            extendsType: null,
            implementsTypes: tl ? tl.typeRef_list().map((t) => this.typeRef(t)) : [],
            members,
            enumValues: []
        };
    }

    enumDecl(e: P.EnumDeclarationContext, mods: A.Modifiers): A.TypeDecl {
        const consts = e.enumConstants();
        return {
            kind: "type",
            typeKind: "enum",
            name: e.id().getText(),
            pos: pos(e),
            mods,
            extendsType: null,
            implementsTypes: [],
            members: [],
            enumValues: consts ? consts.id_list().map((i) => i.getText()) : []
        };
    }

    member(md: P.MemberDeclarationContext, mods: A.Modifiers): A.MemberDecl[] {
        const m = md.methodDeclaration();
        if (m) {
            return [
                {
                    kind: "method",
                    name: m.id().getText(),
                    pos: pos(m),
                    mods,
                    returnType: m.typeRef() ? this.typeRef(m.typeRef()) : null,
                    params: this.params(m.formalParameters()),
                    body: m.block() ? this.block(m.block()) : null
                }
            ];
        }
        // Anonymous-Apex member declarations have no constructor alternative.
        const c = typeof md.constructorDeclaration === "function" ? md.constructorDeclaration() : null;
        if (c)
            return [
                {
                    kind: "ctor",
                    pos: pos(c),
                    mods,
                    params: this.params(c.formalParameters()),
                    body: this.block(c.block())
                }
            ];
        const f = md.fieldDeclaration();
        if (f) {
            const type = this.typeRef(f.typeRef());
            return f
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v) => ({
                    kind: "field" as const,
                    name: v.id().getText(),
                    pos: pos(v),
                    mods,
                    type,
                    init: v.expression() ? this.expr(v.expression()) : null
                }));
        }
        const p = md.propertyDeclaration();
        if (p) {
            const property: { getter?: A.Accessor; setter?: A.Accessor } = {};
            for (const pb of p.propertyBlock_list()) {
                const pm = this.modifiers(pb.modifier_list());
                const g = pb.getter();
                const s = pb.setter();
                if (g) property.getter = { pos: pos(g), mods: pm, body: g.block() ? this.block(g.block()) : null };
                if (s) property.setter = { pos: pos(s), mods: pm, body: s.block() ? this.block(s.block()) : null };
            }
            return [
                {
                    kind: "field",
                    name: p.id().getText(),
                    pos: pos(p),
                    mods,
                    type: this.typeRef(p.typeRef()),
                    init: null,
                    property
                }
            ];
        }
        const cls = md.classDeclaration();
        if (cls) return [this.classDecl(cls, mods)];
        const itf = md.interfaceDeclaration();
        if (itf) return [this.interfaceDecl(itf, mods)];
        return [this.enumDecl(md.enumDeclaration(), mods)];
    }

    params(fp: P.FormalParametersContext): A.Param[] {
        const list = fp.formalParameterList();
        if (!list) return [];
        return list.formalParameter_list().map((p) => ({ name: p.id().getText(), type: this.typeRef(p.typeRef()) }));
    }

    typeRef(t: P.TypeRefContext): A.TypeRef {
        const names: string[] = [];
        let args: A.TypeRef[] = [];
        for (const tn of t.typeName_list()) {
            if (tn.LIST()) names.push("List");
            else if (tn.SET()) names.push("Set");
            else if (tn.MAP()) names.push("Map");
            else names.push(tn.id().getText());
            const ta = tn.typeArguments();
            args = ta
                ? ta
                      .typeList()
                      .typeRef_list()
                      .map((x) => this.typeRef(x))
                : [];
        }
        let result: A.TypeRef = { names, args };
        const subs = t.arraySubscripts();
        const depth = subs ? subs.LBRACK_list().length : 0;
        for (let i = 0; i < depth; i++) result = { names: ["List"], args: [result] };
        return result;
    }

    // ---------- statements ----------

    block(b: P.BlockContext): A.Block {
        return { kind: "block", pos: pos(b), stmts: b.statement_list().map((s) => this.stmt(s)) };
    }

    localDecl(l: P.LocalVariableDeclarationContext): A.Stmt {
        return {
            kind: "local",
            pos: pos(l),
            type: this.typeRef(l.typeRef()),
            decls: l
                .variableDeclarators()
                .variableDeclarator_list()
                .map((v) => ({ name: v.id().getText(), init: v.expression() ? this.expr(v.expression()) : null }))
        };
    }

    stmt(s: P.StatementContext): A.Stmt {
        const p = pos(s);
        const b = s.block();
        if (b) return this.block(b);
        const lv = s.localVariableDeclarationStatement();
        if (lv) return this.localDecl(lv.localVariableDeclaration());
        const es = s.expressionStatement();
        if (es) return { kind: "expr", pos: p, expr: this.expr(es.expression()) };
        const ifs = s.ifStatement();
        if (ifs) {
            const branches = ifs.statement_list();
            return {
                kind: "if",
                pos: p,
                cond: this.expr(ifs.parExpression().expression()),
                then: this.stmt(branches[0]),
                else: branches.length > 1 ? this.stmt(branches[1]) : null
            };
        }
        const ws = s.whileStatement();
        if (ws) {
            const body: A.Stmt = ws.statement() ? this.stmt(ws.statement()) : { kind: "block", pos: p, stmts: [] };
            return { kind: "while", pos: p, cond: this.expr(ws.parExpression().expression()), body };
        }
        const ds = s.doWhileStatement();
        if (ds)
            return {
                kind: "doWhile",
                pos: p,
                cond: this.expr(ds.parExpression().expression()),
                body: this.block(ds.block())
            };
        const fs = s.forStatement();
        if (fs) return this.forStmt(fs);
        const rs = s.returnStatement();
        if (rs) return { kind: "return", pos: p, value: rs.expression() ? this.expr(rs.expression()) : null };
        const ts = s.throwStatement();
        if (ts) return { kind: "throw", pos: p, value: this.expr(ts.expression()) };
        if (s.breakStatement()) return { kind: "break", pos: p };
        if (s.continueStatement()) return { kind: "continue", pos: p };
        const tr = s.tryStatement();
        if (tr) {
            return {
                kind: "try",
                pos: p,
                body: this.block(tr.block()),
                catches: tr.catchClause_list().map((c) => ({
                    pos: pos(c),
                    type: {
                        names: c
                            .qualifiedName()
                            .id_list()
                            .map((i) => i.getText()),
                        args: []
                    },
                    name: c.id().getText(),
                    body: this.block(c.block())
                })),
                finally: tr.finallyBlock() ? this.block(tr.finallyBlock().block()) : null
            };
        }
        const sw = s.switchStatement();
        if (sw) return this.switchStmt(sw);
        const dml = this.dmlStmt(s);
        if (dml) return dml;
        const ra = s.runAsStatement();
        if (ra) {
            return { kind: "runAs", pos: p, args: this.exprs(ra.expressionList()), body: this.block(ra.block()) };
        }
        return this.unsup(s, `statement '${s.getText().slice(0, 40)}'`);
    }

    /** DML statements keep their operands (executed by the data layer); `merge` is not modelled and is listed as unsupported. */
    dmlStmt(s: P.StatementContext): A.Stmt | null {
        const p = pos(s);
        const access = (a: P.AccessLevelContext | null | undefined): "user" | "system" | null =>
            a ? (a.USER() ? "user" : "system") : null;
        const simple: [
            string,
            (
                | P.InsertStatementContext
                | P.UpdateStatementContext
                | P.DeleteStatementContext
                | P.UndeleteStatementContext
                | null
            )
        ][] = [
            ["insert", s.insertStatement()],
            ["update", s.updateStatement()],
            ["delete", s.deleteStatement()],
            ["undelete", s.undeleteStatement()]
        ];
        for (const [op, ctx] of simple) {
            if (!ctx) continue;
            return {
                kind: "dml",
                pos: p,
                op: op as "insert" | "update" | "delete" | "undelete",
                value: this.expr(ctx.expression()),
                other: null,
                accessLevel: access(ctx.accessLevel()),
                externalIdField: null
            };
        }
        const up = s.upsertStatement();
        if (up) {
            const qn = up.qualifiedName();
            return {
                kind: "dml",
                pos: p,
                op: "upsert",
                value: this.expr(up.expression()),
                other: null,
                accessLevel: access(up.accessLevel()),
                externalIdField: qn ? qn.id_list().map((i) => i.getText()) : null
            };
        }
        const mg = s.mergeStatement();
        if (mg) {
            const [a, b] = mg.expression_list();
            return {
                kind: "dml",
                pos: p,
                op: "merge",
                value: this.expr(a),
                other: this.expr(b),
                accessLevel: access(mg.accessLevel()),
                externalIdField: null
            };
        }
        return null;
    }

    forStmt(fs: P.ForStatementContext): A.Stmt {
        const p = pos(fs);
        const fc = fs.forControl();
        const body: A.Stmt = fs.statement() ? this.stmt(fs.statement()) : { kind: "block", pos: p, stmts: [] };
        const en = fc.enhancedForControl();
        if (en) {
            return {
                kind: "forEach",
                pos: p,
                type: this.typeRef(en.typeRef()),
                name: en.id().getText(),
                iterable: this.expr(en.expression()),
                body
            };
        }
        const fi = fc.forInit();
        let init: A.Stmt | null = null;
        let initExprs: A.Expr[] = [];
        if (fi) {
            const lv = fi.localVariableDeclaration();
            if (lv) init = this.localDecl(lv);
            else if (fi.expressionList())
                initExprs = fi
                    .expressionList()
                    .expression_list()
                    .map((e) => this.expr(e));
        }
        const fu = fc.forUpdate();
        return {
            kind: "for",
            pos: p,
            init,
            initExprs,
            cond: fc.expression() ? this.expr(fc.expression()) : null,
            update: fu
                ? fu
                      .expressionList()
                      .expression_list()
                      .map((e) => this.expr(e))
                : [],
            body
        };
    }

    switchStmt(sw: P.SwitchStatementContext): A.Stmt {
        const whens: A.WhenClause[] = sw.whenControl_list().map((w) => {
            const wv = w.whenValue();
            let match: A.WhenMatch;
            if (wv.ELSE()) match = { kind: "else" };
            else if (wv.typeRef()) match = { kind: "type", type: this.typeRef(wv.typeRef()), name: wv.id().getText() };
            else match = { kind: "values", values: wv.whenLiteral_list().map((wl) => this.whenLiteral(wl)) };
            return { pos: pos(w), match, body: this.block(w.block()) };
        });
        return { kind: "switch", pos: pos(sw), value: this.expr(sw.expression()), whens };
    }

    whenLiteral(wl: P.WhenLiteralContext): A.Expr {
        const p = pos(wl);
        const inner = wl.whenLiteral();
        if (inner) return this.whenLiteral(inner);
        const neg = wl.SUB_list().length % 2 === 1 ? "-" : "";
        if (wl.IntegerLiteral())
            return { kind: "lit", pos: p, type: "Integer", text: neg + wl.IntegerLiteral().getText() };
        if (wl.LongLiteral())
            return { kind: "lit", pos: p, type: "Long", text: neg + wl.LongLiteral().getText().slice(0, -1) };
        if (wl.StringLiteral())
            return { kind: "lit", pos: p, type: "String", text: stringLiteralValue(wl.StringLiteral().getText()) };
        if (wl.MultilineStringLiteral())
            return {
                kind: "lit",
                pos: p,
                type: "String",
                text: stringLiteralValue(wl.MultilineStringLiteral().getText())
            };
        if (wl.NULL()) return { kind: "lit", pos: p, type: "null", text: "null" };
        const ids = wl.qualifiedName().id_list();
        return { kind: "name", pos: p, name: ids[ids.length - 1].getText() };
    }

    // ---------- expressions ----------

    exprs(list: P.ExpressionListContext | null | undefined): A.Expr[] {
        return list ? list.expression_list().map((e) => this.expr(e)) : [];
    }

    expr(e: P.ExpressionContext): A.Expr {
        const p = pos(e);
        if (e instanceof P.PrimaryExpressionContext) return this.primary(e.primary());
        if (e instanceof P.SubExpressionContext) return this.expr(e.expression());
        if (e instanceof P.DotExpressionContext) {
            const target = this.expr(e.expression());
            const safe = !!e.QUESTIONDOT();
            const dm = e.dotMethodCall();
            if (dm)
                return {
                    kind: "call",
                    pos: pos(dm),
                    target,
                    name: dm.anyId().getText(),
                    args: this.exprs(dm.expressionList()),
                    safe
                };
            return { kind: "field", pos: pos(e.anyId()), target, name: e.anyId().getText(), safe };
        }
        if (e instanceof P.MethodCallExpressionContext) {
            const mc = e.methodCall();
            const args = this.exprs(mc.expressionList());
            if (mc.THIS()) return { kind: "ctorCall", pos: p, which: "this", args };
            if (mc.SUPER()) return { kind: "ctorCall", pos: p, which: "super", args };
            return { kind: "call", pos: p, target: null, name: mc.id().getText(), args, safe: false };
        }
        if (e instanceof P.ArrayExpressionContext) {
            const [t, i] = e.expression_list();
            return { kind: "index", pos: p, target: this.expr(t), index: this.expr(i) };
        }
        if (e instanceof P.NewExpressionContext) return this.creator(e.creator(), p);
        if (e instanceof P.AssignExpressionContext) {
            const [t, v] = e.expression_list();
            const opTok = e.getChild(1).getText();
            return { kind: "assign", pos: p, op: opTok, target: this.expr(t), value: this.expr(v) };
        }
        if (e instanceof P.CondExpressionContext) {
            const [c, a, b] = e.expression_list();
            return { kind: "cond", pos: p, cond: this.expr(c), then: this.expr(a), else: this.expr(b) };
        }
        if (e instanceof P.CastExpressionContext)
            return { kind: "cast", pos: p, type: this.typeRef(e.typeRef()), value: this.expr(e.expression()) };
        if (e instanceof P.InstanceOfExpressionContext)
            return { kind: "instanceof", pos: p, value: this.expr(e.expression()), type: this.typeRef(e.typeRef()) };
        if (e instanceof P.PostOpExpressionContext)
            return {
                kind: "incdec",
                pos: p,
                op: e.INC() ? "++" : "--",
                prefix: false,
                target: this.expr(e.expression())
            };
        if (e instanceof P.PreOpExpressionContext) {
            const operand = this.expr(e.expression());
            if (e.INC()) return { kind: "incdec", pos: p, op: "++", prefix: true, target: operand };
            if (e.DEC()) return { kind: "incdec", pos: p, op: "--", prefix: true, target: operand };
            return { kind: "unary", pos: p, op: e.SUB() ? "-" : "+", operand };
        }
        if (e instanceof P.NegExpressionContext)
            return { kind: "unary", pos: p, op: e.BANG() ? "!" : "~", operand: this.expr(e.expression()) };
        if (
            e instanceof P.Arth1ExpressionContext ||
            e instanceof P.Arth2ExpressionContext ||
            e instanceof P.CmpExpressionContext ||
            e instanceof P.EqualityExpressionContext ||
            e instanceof P.LogAndExpressionContext ||
            e instanceof P.LogOrExpressionContext ||
            e instanceof P.CoalExpressionContext ||
            e instanceof P.BitAndExpressionContext ||
            e instanceof P.BitOrExpressionContext ||
            e instanceof P.BitNotExpressionContext ||
            e instanceof P.BitExpressionContext
        ) {
            const list = e.expression_list();
            // The operator is every terminal between the two operands (e.g. '>' '=' or '<' '<').
            let op = "";
            for (let i = 1; i < e.getChildCount() - 1; i++) op += e.getChild(i).getText();
            if (op === "<>") op = "!=";
            return { kind: "binary", pos: p, op, left: this.expr(list[0]), right: this.expr(list[1]) };
        }
        return this.unsup(e, `expression '${e.getText().slice(0, 40)}'`);
    }

    primary(pr: P.PrimaryContext): A.Expr {
        const p = pos(pr);
        if (pr instanceof P.ThisPrimaryContext) return { kind: "this", pos: p };
        if (pr instanceof P.SuperPrimaryContext) return { kind: "super", pos: p };
        if (pr instanceof P.IdPrimaryContext) return { kind: "name", pos: p, name: pr.id().getText() };
        if (pr instanceof P.TypeRefPrimaryContext)
            return { kind: "classLit", pos: p, type: this.typeRef(pr.typeRef()) };
        if (pr instanceof P.VoidPrimaryContext) return { kind: "classLit", pos: p, type: null };
        if (pr instanceof P.LiteralPrimaryContext) return this.literal(pr.literal());
        if (pr instanceof P.SoqlPrimaryContext) {
            const q = pr.soqlLiteral().query();
            const stop = q.stop ? q.stop.stop : q.start.stop;
            const binds: A.Expr[] = [];
            this.collectBinds(q, binds);
            return { kind: "soql", pos: p, text: this.sourceSlice(q.start.start, stop + 1), binds };
        }
        if (pr instanceof P.SoslPrimaryContext) return this.unsup(pr, "SOSL search");
        return this.unsup(pr, `primary '${pr.getText().slice(0, 40)}'`);
    }

    collectBinds(ctx: Ctx, out: A.Expr[]): void {
        if (ctx instanceof P.BoundExpressionContext) {
            out.push(this.expr(ctx.expression()));
            return;
        }
        for (const child of ctx.children ?? []) {
            if ("start" in child) this.collectBinds(child as Ctx, out);
        }
    }

    literal(l: P.LiteralContext): A.Expr {
        const p = pos(l);
        const text = l.getText();
        if (l.IntegerLiteral()) return { kind: "lit", pos: p, type: "Integer", text };
        if (l.LongLiteral()) return { kind: "lit", pos: p, type: "Long", text: text.slice(0, -1) };
        if (l.NumberLiteral()) {
            if (/[dD]$/.test(text)) return { kind: "lit", pos: p, type: "Double", text: text.slice(0, -1) };
            return { kind: "lit", pos: p, type: "Decimal", text };
        }
        if (l.StringLiteral() || l.MultilineStringLiteral())
            return { kind: "lit", pos: p, type: "String", text: stringLiteralValue(text) };
        if (l.BooleanLiteral()) return { kind: "lit", pos: p, type: "Boolean", text: text.toLowerCase() };
        return { kind: "lit", pos: p, type: "null", text: "null" };
    }

    creator(c: P.CreatorContext, p: A.Pos): A.Expr {
        const pairs = c.createdName().idCreatedNamePair_list();
        const names = pairs.map((x) => x.anyId().getText());
        const last = pairs[pairs.length - 1];
        const args = last.typeList()
            ? last
                  .typeList()
                  .typeRef_list()
                  .map((t) => this.typeRef(t))
            : [];
        const type: A.TypeRef = { names, args };
        const head = names.length === 1 ? names[0].toLowerCase() : "";
        const ccr = c.classCreatorRest();
        if (ccr) return { kind: "new", pos: p, type, args: this.exprs(ccr.arguments().expressionList()) };
        const acr = c.arrayCreatorRest();
        if (acr) {
            const listType: A.TypeRef = { names: ["List"], args: [type] };
            const ai = acr.arrayInitializer();
            if (ai)
                return {
                    kind: "newList",
                    pos: p,
                    type: listType,
                    size: null,
                    items: ai.expression_list().map((e) => this.expr(e))
                };
            return { kind: "newList", pos: p, type: listType, size: this.expr(acr.expression()), items: null };
        }
        const mcr = c.mapCreatorRest();
        if (mcr) {
            return {
                kind: "newMap",
                pos: p,
                type,
                entries: mcr.mapCreatorRestPair_list().map((pr) => {
                    const [k, v] = pr.expression_list();
                    return [this.expr(k), this.expr(v)] as [A.Expr, A.Expr];
                })
            };
        }
        const scr = c.setCreatorRest();
        const items = scr ? scr.expression_list().map((e) => this.expr(e)) : [];
        if (head === "list") return { kind: "newList", pos: p, type, size: null, items };
        if (head === "set") return { kind: "newSet", pos: p, type, items };
        if (head === "map") return { kind: "newMap", pos: p, type, entries: [] };
        return this.unsup(c, `initializer braces on '${names.join(".")}'`);
    }
}
