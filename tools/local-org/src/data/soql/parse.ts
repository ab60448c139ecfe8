import * as P from "@apexdevtools/apex-parser";
import { ApexSystemError } from "../../runtime/errors";
import { unescapeApexString } from "../../parse/lower";
import type { Condition, LitValue, Operand, OrderKey, SelectItem, SoqlQuery } from "./ast";

type Ctx = P.ApexParserRuleContext;

class Listener extends P.ApexErrorListener {
    readonly errors: string[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push(`line ${line}:${column} ${msg}`);
    }
}

const cache = new Map<string, SoqlQuery>();

function queryError(soql: string, detail: string): ApexSystemError {
    return new ApexSystemError("QueryException", `${detail} (in query: ${soql.trim()})`);
}

/**
 * Parses a SOQL string with apex-parser's `query()` rule, anchored at end of input (the rule alone
 * accepts trailing garbage). Syntax errors raise `QueryException` naming the query. Cached by text.
 */
export function parseSoql(soql: string): SoqlQuery {
    const hit = cache.get(soql);
    if (hit) return hit;
    const listener = new Listener();
    const { parser } = P.ApexParserFactory.createLexerAndParser(soql, listener);
    const tree = parser.query();
    const stream = parser.getTokenStream() as unknown as { LA(i: number): number };
    if (listener.errors.length) throw queryError(soql, `unexpected token: ${listener.errors[0]}`);
    if (stream.LA(1) !== -1) throw queryError(soql, "unexpected token after the end of the query");
    const binds = new Map<Ctx, number>();
    collectBinds(tree, binds);
    const q = new Builder(soql, binds).query(tree, binds.size);
    cache.set(soql, q);
    return q;
}

/** Bind expressions in source order (the same order the lowerer evaluates inline binds). */
function collectBinds(ctx: Ctx, out: Map<Ctx, number>): void {
    if (ctx instanceof P.BoundExpressionContext) {
        out.set(ctx, out.size);
        return;
    }
    for (const c of ctx.children ?? []) if ("start" in c) collectBinds(c as Ctx, out);
}

class Builder {
    constructor(
        private readonly soql: string,
        private readonly binds: Map<Ctx, number>
    ) {}

    private err(detail: string): ApexSystemError {
        return queryError(this.soql, detail);
    }

    query(q: P.QueryContext | P.SubQueryContext, bindCount: number): SoqlQuery {
        const fromList = q.fromNameList();
        const names = fromList.fieldName_list();
        if (names.length !== 1) throw this.err("only one object in FROM is supported by the local org");
        const from = names[0].getText();
        const aliasIds = fromList.soqlId_list();
        const alias = aliasIds.length ? aliasIds[0].getText() : null;
        // The grammar takes a keyword after FROM as an alias (`FROM Account WHERE`): reject reserved words.
        if (alias && /^(where|with|order|limit|offset|group|for|having|using|all)$/i.test(alias))
            throw this.err(`unexpected token: '${alias}'`);
        const select: SelectItem[] = [];
        let countOnly = false;
        const entries =
            q instanceof P.QueryContext ? q.selectList().selectEntry_list() : q.subFieldList().subFieldEntry_list();
        for (const e of entries) {
            if (e.typeOf()) throw this.err("TYPEOF is not supported by the local org");
            const sub = e.subQuery();
            if (sub) {
                select.push({ kind: "sub", query: this.query(sub, 0) });
                continue;
            }
            const fn = e.soqlFunction();
            if (fn) {
                const name = fn.getChild(0).getText().toUpperCase();
                const fieldCtx = fn.fieldName();
                const path = fieldCtx ? this.path(fieldCtx, alias) : null;
                if (name === "COUNT" && !path && entries.length === 1) {
                    countOnly = true;
                    continue;
                }
                if (!["COUNT", "COUNT_DISTINCT", "SUM", "MIN", "MAX", "AVG"].includes(name))
                    throw this.err(`SOQL function ${name} is not supported by the local org`);
                const aliasId = e.soqlId();
                select.push({ kind: "agg", fn: name, path, alias: aliasId ? aliasId.getText() : null });
                continue;
            }
            select.push({ kind: "field", path: this.path(e.fieldName(), alias) });
        }
        const w = q.whereClause();
        const where = w ? this.whereLogical(w.whereLogicalExpression(), alias) : null;
        let withMode: SoqlQuery["withMode"] = null;
        if (q instanceof P.QueryContext) {
            const wc = q.withClause();
            if (wc) {
                if (wc.USER_MODE()) withMode = "USER_MODE";
                else if (wc.SYSTEM_MODE()) withMode = "SYSTEM_MODE";
                else if (wc.SECURITY_ENFORCED()) withMode = "SECURITY_ENFORCED";
                else throw this.err("WITH DATA CATEGORY is not supported by the local org");
            }
            if (q.usingScope()) throw this.err("USING SCOPE is not supported by the local org");
        }
        const groupBy: string[][] = [];
        if (q instanceof P.QueryContext && q.groupByClause()) {
            const g = q.groupByClause();
            if (g.logicalExpression() || g.ROLLUP() || g.CUBE())
                throw this.err("HAVING, ROLLUP and CUBE are not supported by the local org");
            for (const f of g.fieldGroupByList().fieldGroupBy_list()) {
                if (!f.fieldName()) throw this.err("GROUP BY a function is not supported by the local org");
                groupBy.push(this.path(f.fieldName(), alias));
            }
        }
        const orderBy: OrderKey[] = [];
        const ob = q.orderByClause();
        if (ob) {
            for (const fo of ob.fieldOrderList().fieldOrder_list()) {
                if (!fo.fieldName()) throw this.err("ORDER BY a function is not supported by the local org");
                const desc = !!fo.DESC();
                const nullsLast = fo.NULLS() ? !!fo.LAST() : desc;
                orderBy.push({ path: this.path(fo.fieldName(), alias), desc, nullsLast });
            }
        }
        const lim = q.limitClause();
        const off = q instanceof P.QueryContext ? q.offsetClause() : null;
        const fc = q.forClauses();
        const forText = fc ? fc.getText().toUpperCase() : "";
        return {
            from,
            alias,
            select,
            where,
            withMode,
            groupBy,
            orderBy,
            limit: lim ? this.intOperand(lim) : null,
            offset: off ? this.intOperand(off) : null,
            forUpdate: forText.includes("UPDATE"),
            allRows: q instanceof P.QueryContext && !!q.allRowsClause(),
            countOnly,
            bindCount
        };
    }

    private intOperand(c: P.LimitClauseContext | P.OffsetClauseContext): Operand {
        const b = c.boundExpression();
        if (b) return this.bind(b);
        return { kind: "lit", value: { t: "number", text: c.IntegerLiteral().getText() } };
    }

    private bind(b: P.BoundExpressionContext): Operand {
        return { kind: "bind", index: this.binds.get(b) ?? 0, text: b.expression().getText() };
    }

    private path(f: P.FieldNameContext, alias: string | null): string[] {
        const parts = f.soqlId_list().map((i) => i.getText());
        if (alias && parts.length > 1 && parts[0].toLowerCase() === alias.toLowerCase()) parts.shift();
        return parts;
    }

    private whereLogical(l: P.WhereLogicalExpressionContext, alias: string | null): Condition {
        const items = l.whereConditionalExpression_list().map((c) => this.whereCond(c, alias));
        if (l.NOT()) return { kind: "not", item: items[0] };
        if (items.length === 1) return items[0];
        return l.SOQLOR_list().length ? { kind: "or", items } : { kind: "and", items };
    }

    private whereCond(c: P.WhereConditionalExpressionContext, alias: string | null): Condition {
        const inner = c.whereLogicalExpression();
        if (inner) return this.whereLogical(inner, alias);
        const wf = c.whereFieldExpression();
        const fe = wf.fieldExpression();
        if (!fe) throw this.err("FORMULA conditions are not supported by the local org");
        return this.fieldExpr(fe, alias);
    }

    private fieldExpr(fe: P.FieldExpressionContext, alias: string | null): Condition {
        let fn: string | null = null;
        let path: string[];
        if (fe.soqlFunction()) {
            const f = fe.soqlFunction();
            fn = f.getChild(0).getText().toUpperCase();
            if (!f.fieldName()) throw this.err(`function ${fn} in WHERE is not supported by the local org`);
            path = this.path(f.fieldName(), alias);
            throw this.err(`function ${fn} in WHERE is not supported by the local org`);
        } else path = this.path(fe.fieldName(), alias);
        const op = fe.comparisonOperator().getText().replace(/\s+/g, "").toUpperCase();
        return { kind: "cmp", path, op, value: this.value(fe.value()), fn };
    }

    private value(v: P.ValueContext): Operand {
        if (v.NULL()) return { kind: "lit", value: { t: "null" } };
        if (v.BooleanLiteral())
            return { kind: "lit", value: { t: "boolean", v: v.getText().toLowerCase() === "true" } };
        if (v.signedNumber()) return { kind: "lit", value: { t: "number", text: v.getText() } };
        if (v.StringLiteral()) return { kind: "lit", value: str(v.getText()) };
        if (v.MultilineStringLiteral()) return { kind: "lit", value: str(v.getText()) };
        if (v.DateLiteral()) return { kind: "lit", value: { t: "date", text: v.getText() } };
        if (v.DateTimeLiteral()) return { kind: "lit", value: { t: "datetime", text: v.getText() } };
        if (v.dateFormula()) {
            const text = v.dateFormula().getText().toUpperCase();
            const m = /^([A-Z_0-9]+?)(?::(-?\d+))?$/.exec(text);
            const name = m ? m[1] : text;
            return { kind: "dateFormula", name, n: m && m[2] ? Number(m[2]) : 0 };
        }
        if (v.boundExpression()) return this.bind(v.boundExpression());
        if (v.subQuery()) return { kind: "subquery", query: this.query(v.subQuery(), 0) };
        if (v.valueList())
            return {
                kind: "list",
                items: v
                    .valueList()
                    .value_list()
                    .map((x) => this.value(x))
            };
        if (v.IntegerLiteral() || v.IntegralCurrencyLiteral())
            return { kind: "lit", value: { t: "number", text: v.getText() } };
        throw this.err(`value ${v.getText()} is not supported by the local org`);
    }
}

function str(text: string): LitValue {
    return { t: "string", v: unescapeApexString(text.slice(1, -1)) };
}
