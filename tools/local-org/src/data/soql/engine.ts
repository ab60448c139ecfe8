import { DateTime } from "luxon";
import { ApexSystemError, UnsupportedError } from "../../runtime/errors";
import { clockSettings } from "../../runtime/values/clock";
import { normaliseId } from "../../runtime/values/id";
import { isNumber, toDecimal, toDouble } from "../../runtime/values/numbers";
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexId,
    ApexList,
    ApexMap,
    ApexSet,
    type Value
} from "../../runtime/values/values";
import { unmodelledReason, type FieldDef, type ObjectDef, type Schema } from "../schema";
import { SObjectValue } from "../sobject";
import type { Row, Store } from "../store";
import type { Condition, LitValue, Operand, SoqlQuery } from "./ast";

/** What the query engine needs from the org. */
export interface QueryEnv {
    schema: Schema;
    store: Store;
    /** Value of bind number `index` (inline) or named `text` (dynamic SOQL). */
    bind(index: number, text: string): Value;
    /** Field/object read check for user mode; null = system mode. */
    canRead: ((object: ObjectDef, field: FieldDef | null) => boolean) | null;
    /** Record-level sharing: whether the running user sees a record; null = sharing not enforced. */
    canSee?: ((object: ObjectDef, row: Row) => boolean) | null;
}

/** Result of a query: records, or the number of a `COUNT()` query. */
export type QueryResult = { kind: "rows"; rows: SObjectValue[]; childRows: number } | { kind: "count"; count: number };

const SUFFIX_FIELD =
    "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

function qe(msg: string): ApexSystemError {
    return new ApexSystemError("QueryException", msg);
}

/** A resolved field path: relationship hops then the field. */
interface ResolvedPath {
    hops: FieldDef[];
    field: FieldDef;
    /** Object that owns `field`. */
    owner: ObjectDef;
}

function resolvePath(schema: Schema, obj: ObjectDef, path: string[]): ResolvedPath {
    const hops: FieldDef[] = [];
    let cur = obj;
    for (let i = 0; i < path.length - 1; i++) {
        const rel = cur.parentRelationships.get(path[i].toLowerCase());
        // a polymorphic relationship (Who, What) leads to the platform's Name object
        const target = rel
            ? rel.referenceTo.length > 1
                ? schema.nameObject
                : schema.object(rel.referenceTo[0])
            : undefined;
        if (!rel || !target)
            throw qe(
                `Didn't understand relationship '${path[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
            );
        hops.push(rel);
        cur = target;
    }
    const last = path[path.length - 1];
    const field = cur.fields.get(last.toLowerCase());
    if (!field) {
        const reason = unmodelledReason(cur, last);
        if (reason) throw new UnsupportedError(reason);
        throw qe(`No such column '${last}' on entity '${cur.name}'. ${SUFFIX_FIELD}`);
    }
    if (field.formula !== undefined)
        throw new UnsupportedError(`formula field ${cur.name}.${field.name} in SOQL (formulas are not evaluated)`);
    return { hops, field, owner: cur };
}

/** The object a lookup value points to: the only target, or (polymorphic lookups) the one of the Id's key prefix. */
function targetOf(schema: Schema, h: FieldDef, id: ApexId): ObjectDef | undefined {
    if (h.referenceTo.length === 1) return schema.object(h.referenceTo[0]);
    const def = schema.objectOfPrefix(id.id18.slice(0, 3));
    return def && h.referenceTo.some((r) => r.toLowerCase() === def.name.toLowerCase()) ? def : undefined;
}

/**
 * Follows the hops of a path from a row; null when a lookup is empty. Under sharing, a parent the user cannot see
 * fails loudly (what the platform returns for its fields is not modelled).
 */
function rowAt(
    schema: Schema,
    store: Store,
    row: Row,
    hops: FieldDef[],
    canSee?: ((object: ObjectDef, row: Row) => boolean) | null
): Row | null {
    let r: Row | null = row;
    for (const h of hops) {
        if (!r) return null;
        const id = r.get(h.name.toLowerCase());
        if (!(id instanceof ApexId)) return null;
        const target = targetOf(schema, h, id);
        r = target ? (store.get(target.name.toLowerCase(), id.id18) ?? null) : null;
        if (r && target && canSee && !canSee(target, r))
            throw new UnsupportedError(
                `a parent record the running user cannot see under sharing (${h.relationshipName ?? h.name} → ${target.name} ${id.id18})`
            );
    }
    return r;
}

const PERSON_OBJECTS = new Set(["Contact", "Lead", "User"]);

/**
 * A field of the `Name` object read through a polymorphic relationship (Object Reference, "Name"): Id, Type (the
 * record's object), Name, FirstName/LastName of a contact, lead or user, and the user-only fields of a user. What the
 * reference describes less precisely fails loudly.
 */
function nameFieldValue(schema: Schema, row: Row, field: FieldDef): Value {
    const id = row.get("id");
    const def = id instanceof ApexId ? schema.objectOfPrefix(id.id18.slice(0, 3)) : undefined;
    if (!def) return null;
    const l = field.name.toLowerCase();
    switch (l) {
        case "id":
            return id ?? null;
        case "type":
            return def.name;
        case "name":
            if (!def.fields.has("name"))
                throw new UnsupportedError(`Name of a ${def.name} through a polymorphic relationship`);
            return row.get("name") ?? null;
        case "firstname":
        case "lastname":
            return PERSON_OBJECTS.has(def.name) ? (row.get(l) ?? null) : null;
        default:
            if (def.name === "User") return row.get(l) ?? (field.type === "BOOLEAN" ? false : null);
            throw new UnsupportedError(
                `${field.name} of a ${def.name} through a polymorphic relationship (Name object)`
            );
    }
}

/** A field's value in a row of its owner (the Name object reads through to the related record). */
function fieldValue(env: QueryEnv, owner: ObjectDef, r: Row, field: FieldDef): Value {
    if (owner.polymorphicName) return nameFieldValue(env.schema, r, field);
    return r.get(field.name.toLowerCase()) ?? null;
}

function valueAt(env: QueryEnv, row: Row, p: ResolvedPath): Value {
    const r = rowAt(env.schema, env.store, row, p.hops, env.canSee);
    return r ? fieldValue(env, p.owner, r, p.field) : null;
}

// ---------- literals and comparison ----------

function litValue(l: LitValue): Value {
    switch (l.t) {
        case "null":
            return null;
        case "boolean":
            return l.v;
        case "number":
            return l.text.includes(".") ? ApexDecimal.of(l.text) : Number(l.text) | 0;
        case "string":
            return l.v;
        case "date": {
            const [y, m, d] = l.text.split("-").map(Number);
            return new ApexDate(y, m, d);
        }
        case "datetime":
            return new ApexDatetime(DateTime.fromISO(l.text, { zone: "UTC" }).toMillis());
    }
}

function dayNumber(d: ApexDate): number {
    return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86400000);
}

function todayNumber(): number {
    const dt = DateTime.fromMillis(clockSettings.now(), { zone: clockSettings.timeZone });
    return Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / 86400000);
}

function dayToDate(n: number): DateTime {
    const d = new Date(n * 86400000);
    return DateTime.fromObject(
        { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
        { zone: clockSettings.timeZone }
    );
}

/** Date literal → [start, end) in day numbers of the user's calendar. */
function formulaRange(name: string, n: number): [number, number] {
    const t = todayNumber();
    const today = dayToDate(t);
    const dn = (dt: DateTime): number => Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / 86400000);
    // en_US weeks start on Sunday
    const weekStart = t - (today.weekday % 7);
    const monthStart = dn(today.startOf("month"));
    const yearStart = dn(today.startOf("year"));
    switch (name) {
        case "TODAY":
            return [t, t + 1];
        case "YESTERDAY":
            return [t - 1, t];
        case "TOMORROW":
            return [t + 1, t + 2];
        case "LAST_N_DAYS":
            return [t - n, t + 1];
        case "NEXT_N_DAYS":
            return [t + 1, t + n + 1];
        case "N_DAYS_AGO":
            return [t - n, t - n + 1];
        case "LAST_90_DAYS":
            return [t - 90, t + 1];
        case "NEXT_90_DAYS":
            return [t + 1, t + 91];
        case "THIS_WEEK":
            return [weekStart, weekStart + 7];
        case "LAST_WEEK":
            return [weekStart - 7, weekStart];
        case "NEXT_WEEK":
            return [weekStart + 7, weekStart + 14];
        case "THIS_MONTH":
            return [monthStart, dn(today.startOf("month").plus({ months: 1 }))];
        case "LAST_MONTH":
            return [dn(today.startOf("month").minus({ months: 1 })), monthStart];
        case "NEXT_MONTH":
            return [dn(today.startOf("month").plus({ months: 1 })), dn(today.startOf("month").plus({ months: 2 }))];
        case "THIS_YEAR":
            return [yearStart, dn(today.startOf("year").plus({ years: 1 }))];
        case "LAST_YEAR":
            return [dn(today.startOf("year").minus({ years: 1 })), yearStart];
        case "NEXT_YEAR":
            return [dn(today.startOf("year").plus({ years: 1 })), dn(today.startOf("year").plus({ years: 2 }))];
    }
    throw new UnsupportedError(`SOQL date literal ${name}`);
}

/** Comparable key of a field value (numbers, case-folded strings, day numbers, ms). */
function key(v: Value): number | string | boolean | null {
    if (v === null) return null;
    if (typeof v === "string") return v.toLowerCase();
    if (typeof v === "boolean") return v;
    if (v instanceof ApexId) return v.id18.toLowerCase();
    if (isNumber(v)) return toDouble(v);
    if (v instanceof ApexDate) return dayNumber(v);
    if (v instanceof ApexDatetime) return v.ms;
    return String(v);
}

/** Converts an operand value to the field's representation before comparing (Id strings, dates). */
function coerceTo(field: FieldDef, v: Value): Value {
    if (v === null) return null;
    // Binding records to an Id filter binds their Ids (`WHERE Id IN :contacts`).
    if (v instanceof SObjectValue && (field.type === "ID" || field.type === "REFERENCE"))
        return v.values.get("id") ?? null;
    if ((field.type === "ID" || field.type === "REFERENCE") && typeof v === "string") {
        const n = normaliseId(v);
        return n ? new ApexId(n) : v;
    }
    if (field.type === "DATETIME" && v instanceof ApexDate) return new ApexDatetime(dayToDate(dayNumber(v)).toMillis());
    return v;
}

function cmp(a: number | string | boolean, b: number | string | boolean): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function likeToRegex(pattern: string): RegExp {
    let re = "";
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === "\\" && i + 1 < pattern.length) {
            re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        } else if (c === "%") re += "[\\s\\S]*";
        else if (c === "_") re += "[\\s\\S]";
        else re += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
    return new RegExp(`^${re}$`, "i");
}

/** Values of an IN operand (literal list, bound collection, semi-join). */
function inValues(env: QueryEnv, op: Operand, field: FieldDef): Value[] {
    if (op.kind === "list") return op.items.map((i) => coerceTo(field, operandValue(env, i)));
    if (op.kind === "subquery") {
        const r = run(env, op.query, "");
        if (r.kind !== "rows") return [];
        const first = op.query.select[0];
        if (!first || first.kind !== "field") return [];
        return r.rows.map((s) => s.values.get(first.path[first.path.length - 1].toLowerCase()) ?? null);
    }
    const v = operandValue(env, op);
    if (v instanceof ApexList) return v.items.map((x) => coerceTo(field, x));
    if (v instanceof ApexSet) return [...v.keys.values()].map((x) => coerceTo(field, x));
    if (v instanceof ApexMap) return [...v.entries.values()].map(([k]) => coerceTo(field, k));
    return [coerceTo(field, v)];
}

function operandValue(env: QueryEnv, op: Operand): Value {
    switch (op.kind) {
        case "lit":
            return litValue(op.value);
        case "bind":
            return env.bind(op.index, op.text);
        default:
            throw new UnsupportedError(`SOQL operand ${op.kind} in this position`);
    }
}

type Pred = (row: Row) => boolean;

function compile(env: QueryEnv, obj: ObjectDef, c: Condition): Pred {
    switch (c.kind) {
        case "and": {
            const ps = c.items.map((i) => compile(env, obj, i));
            return (r) => ps.every((p) => p(r));
        }
        case "or": {
            const ps = c.items.map((i) => compile(env, obj, i));
            return (r) => ps.some((p) => p(r));
        }
        case "not": {
            const p = compile(env, obj, c.item);
            return (r) => !p(r);
        }
        case "cmp":
            return compileCmp(env, obj, c);
    }
}

function compileCmp(env: QueryEnv, obj: ObjectDef, c: Extract<Condition, { kind: "cmp" }>): Pred {
    const p = resolvePath(env.schema, obj, c.path);
    checkRead(env, p);
    const get = (r: Row): Value => valueAt(env, r, p);
    const op = c.op;
    if (op === "IN" || op === "NOTIN") {
        const keys = new Set(inValues(env, c.value, p.field).map(key));
        const neg = op === "NOTIN";
        return (r) => {
            const k = key(get(r));
            if (k === null) return neg ? !keys.has(null) : keys.has(null);
            return neg ? !keys.has(k) : keys.has(k);
        };
    }
    if (op === "INCLUDES" || op === "EXCLUDES") throw new UnsupportedError("SOQL INCLUDES/EXCLUDES");
    if (c.value.kind === "dateFormula") {
        const [s, e] = formulaRange(c.value.name, c.value.n);
        const isDt = p.field.type === "DATETIME";
        const lo = isDt ? dayToDate(s).toMillis() : s;
        const hi = isDt ? dayToDate(e).toMillis() : e;
        return (r) => {
            const k = key(get(r));
            if (typeof k !== "number") return op === "!=" || op === "<>";
            switch (op) {
                case "=":
                    return k >= lo && k < hi;
                case "!=":
                case "<>":
                    return k < lo || k >= hi;
                case "<":
                    return k < lo;
                case "<=":
                    return k < hi;
                case ">":
                    return k >= hi;
                case ">=":
                    return k >= lo;
            }
            throw new UnsupportedError(`SOQL operator ${op} with a date literal`);
        };
    }
    const rhs = key(coerceTo(p.field, operandValue(env, c.value)));
    if (op === "LIKE") {
        if (typeof rhs !== "string") return () => false;
        const re = likeToRegex(rhs);
        return (r) => {
            const v = get(r);
            return v !== null && re.test(typeof v === "string" ? v : String(key(v)));
        };
    }
    return (r) => {
        const k = key(get(r));
        switch (op) {
            case "=":
                return k === rhs;
            case "!=":
            case "<>":
                return k !== rhs;
        }
        if (k === null || rhs === null) return false;
        const d = cmp(k, rhs);
        switch (op) {
            case "<":
                return d < 0;
            case "<=":
                return d <= 0;
            case ">":
                return d > 0;
            case ">=":
                return d >= 0;
        }
        throw new UnsupportedError(`SOQL operator ${op}`);
    };
}

function checkRead(env: QueryEnv, p: ResolvedPath): void {
    if (!env.canRead) return;
    if (p.owner.polymorphicName)
        throw new UnsupportedError("user-mode access checks through a polymorphic relationship (Who, What)");
    if (!env.canRead(p.owner, null))
        throw qe(`Insufficient permissions: secure query included inaccessible object ${p.owner.name}`);
    if (!env.canRead(p.owner, p.field))
        throw qe(`Insufficient permissions: secure query included inaccessible field ${p.owner.name}.${p.field.name}`);
}

function intOperand(env: QueryEnv, op: Operand | null): number | null {
    if (!op) return null;
    const v = operandValue(env, op);
    if (v === null) throw qe("LIMIT and OFFSET must be a non-null Integer");
    return isNumber(v) ? Math.trunc(toDouble(v)) : Number(v);
}

/** Builds the SObject for a row with the selected fields, parents and child subqueries. */
function project(env: QueryEnv, obj: ObjectDef, row: Row, q: SoqlQuery, paths: ResolvedPath[]): SObjectValue {
    const rec = new SObjectValue(obj);
    rec.queried = new Set(["id"]);
    rec.values.set("id", row.get("id") ?? null);
    for (let i = 0; i < paths.length; i++) {
        const p = paths[i];
        let target = rec;
        let r: Row | null = row;
        let ok = true;
        for (const h of p.hops) {
            const rl = h.relationshipName?.toLowerCase() ?? h.name.toLowerCase();
            const parentRow = rowAt(env.schema, env.store, r ?? new Map(), [h], env.canSee);
            const existing = target.values.get(rl);
            if (!parentRow) {
                if (existing === undefined) target.values.set(rl, null);
                target.queried?.add(h.name.toLowerCase());
                ok = false;
                break;
            }
            let parentRec: SObjectValue;
            if (existing instanceof SObjectValue) parentRec = existing;
            else {
                const pdef =
                    h.referenceTo.length > 1
                        ? env.schema.nameObject
                        : (env.schema.object(h.referenceTo[0]) as ObjectDef);
                parentRec = new SObjectValue(pdef);
                parentRec.queried = new Set(["id"]);
                parentRec.values.set("id", parentRow.get("id") ?? null);
                target.values.set(rl, parentRec);
            }
            target = parentRec;
            r = parentRow;
        }
        if (!ok || !r) continue;
        const lf = p.field.name.toLowerCase();
        target.values.set(
            lf,
            p.owner.polymorphicName ? fieldValue(env, p.owner, r, p.field) : (r.get(lf) ?? defaultOf(p.field))
        );
        target.queried?.add(lf);
    }
    for (const item of q.select) {
        if (item.kind !== "sub") continue;
        const rel = obj.childRelationships.get(item.query.from.toLowerCase());
        if (!rel)
            throw qe(
                `Didn't understand relationship '${item.query.from}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
            );
        const childObj = env.schema.object(rel.childObject) as ObjectDef;
        const parentId = row.get("id");
        const children = select(env, childObj, item.query, (cr) => {
            const v = cr.get(rel.field.toLowerCase());
            return v instanceof ApexId && parentId instanceof ApexId && v.id18 === parentId.id18;
        });
        rec.values.set(rel.name.toLowerCase(), new ApexList({ k: "native", name: childObj.name }, children));
    }
    return rec;
}

function defaultOf(f: FieldDef): Value {
    return f.type === "BOOLEAN" ? false : null;
}

function select(env: QueryEnv, obj: ObjectDef, q: SoqlQuery, extra: Pred | null): SObjectValue[] {
    const paths: ResolvedPath[] = [];
    for (const item of q.select) {
        if (item.kind === "field") {
            const p = resolvePath(env.schema, obj, item.path);
            checkRead(env, p);
            paths.push(p);
        }
    }
    const pred = q.where ? compile(env, obj, q.where) : null;
    const order = q.orderBy.map((o) => {
        const p = resolvePath(env.schema, obj, o.path);
        checkRead(env, p);
        return { p, o };
    });
    const table = env.store.table(obj.name.toLowerCase());
    let rows: Row[] = [];
    for (const r of table.values()) {
        if (r.get("isdeleted") === true && !q.allRows) continue;
        if (extra && !extra(r)) continue;
        // sharing first: a filter on a parent's field reaches the parent only for records the user sees
        if (env.canSee && !env.canSee(obj, r)) continue;
        if (pred && !pred(r)) continue;
        rows.push(r);
    }
    if (order.length) {
        const keyed = rows.map((r) => ({ r, ks: order.map(({ p }) => key(valueAt(env, r, p))) }));
        keyed.sort((a, b) => {
            for (let i = 0; i < order.length; i++) {
                const { o } = order[i];
                const x = a.ks[i];
                const y = b.ks[i];
                if (x === y) continue;
                if (x === null) return o.nullsLast ? 1 : -1;
                if (y === null) return o.nullsLast ? -1 : 1;
                const d = cmp(x, y);
                if (d !== 0) return o.desc ? -d : d;
            }
            return 0;
        });
        rows = keyed.map((k) => k.r);
    }
    const offset = intOperand(env, q.offset) ?? 0;
    const limit = intOperand(env, q.limit);
    if (offset > 2000) throw qe("Maximum SOQL offset allowed is 2000");
    rows = rows.slice(offset, limit === null ? undefined : offset + limit);
    return rows.map((r) => project(env, obj, r, q, paths));
}

/** Runs a parsed query. `soql` is the text, used only for messages. */
export function run(env: QueryEnv, q: SoqlQuery, soql: string): QueryResult {
    void soql;
    const obj = env.schema.object(q.from);
    if (!obj)
        throw qe(
            `sObject type '${q.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
        );
    if (env.canRead && !env.canRead(obj, null))
        throw qe(`Insufficient permissions: secure query included inaccessible object ${obj.name}`);
    if (q.countOnly) {
        const pred = q.where ? compile(env, obj, q.where) : null;
        let n = 0;
        for (const r of env.store.table(obj.name.toLowerCase()).values()) {
            if (r.get("isdeleted") === true && !q.allRows) continue;
            if ((!env.canSee || env.canSee(obj, r)) && (!pred || pred(r))) n++;
        }
        const limit = intOperand(env, q.limit);
        return { kind: "count", count: limit === null ? n : Math.min(n, limit) };
    }
    if (q.groupBy.length || q.select.some((s) => s.kind === "agg")) {
        const agg = aggregate(env, obj, q);
        return { kind: "rows", rows: agg, childRows: 0 };
    }
    const rows = select(env, obj, q, null);
    let childRows = 0;
    for (const r of rows) for (const v of r.values.values()) if (v instanceof ApexList) childRows += v.items.length;
    return { kind: "rows", rows, childRows };
}

/** Aggregate queries (`COUNT(Id)`, `SUM(x) alias`, `GROUP BY`): one AggregateResult per group. */
function aggregate(env: QueryEnv, obj: ObjectDef, q: SoqlQuery): SObjectValue[] {
    const groups = q.groupBy.map((p) => {
        const r = resolvePath(env.schema, obj, p);
        checkRead(env, r);
        return r;
    });
    const pred = q.where ? compile(env, obj, q.where) : null;
    const buckets = new Map<string, Row[]>();
    if (!groups.length) buckets.set("[]", []);
    for (const r of env.store.table(obj.name.toLowerCase()).values()) {
        if (r.get("isdeleted") === true && !q.allRows) continue;
        if (env.canSee && !env.canSee(obj, r)) continue;
        if (pred && !pred(r)) continue;
        const k = JSON.stringify(groups.map((g) => key(valueAt(env, r, g))));
        let b = buckets.get(k);
        if (!b) {
            b = [];
            buckets.set(k, b);
        }
        b.push(r);
    }
    const def: ObjectDef = {
        name: "AggregateResult",
        label: "Aggregate Result",
        labelPlural: "Aggregate Results",
        keyPrefix: "",
        custom: false,
        customMetadata: false,
        platformEvent: false,
        customSetting: null,
        fields: new Map(),
        parentRelationships: new Map(),
        childRelationships: new Map()
    };
    let exprN = 0;
    const columns = q.select.map((item) => {
        if (item.kind === "sub") throw new UnsupportedError("child subquery in an aggregate query");
        const path = item.path ? resolvePath(env.schema, obj, item.path) : null;
        if (path) checkRead(env, path);
        const alias = item.kind === "agg" ? (item.alias ?? `expr${exprN++}`) : item.path[item.path.length - 1];
        if (
            item.kind === "field" &&
            !groups.some((g) => g.field === path?.field && g.hops.length === path?.hops.length)
        )
            throw new ApexSystemError("QueryException", `Field must be grouped or aggregated: ${item.path.join(".")}`);
        def.fields.set(alias.toLowerCase(), { ...(path?.field ?? ({} as FieldDef)), name: alias, label: alias });
        return { item, path, alias };
    });
    // ORDER BY of an aggregate query: grouped fields only here (ordering by an aggregate fails loudly)
    const order = q.orderBy.map((o) => {
        const p = resolvePath(env.schema, obj, o.path);
        if (!groups.some((g) => g.field === p.field && g.hops.length === p.hops.length))
            throw new UnsupportedError(`ORDER BY ${o.path.join(".")} in an aggregate query (only grouped fields)`);
        return { p, o };
    });
    const bucketList = [...buckets.values()];
    if (order.length && groups.length) {
        const keyed = bucketList.map((rows) => ({ rows, ks: order.map(({ p }) => key(valueAt(env, rows[0], p))) }));
        keyed.sort((a, b) => {
            for (let i = 0; i < order.length; i++) {
                const { o } = order[i];
                const x = a.ks[i];
                const y = b.ks[i];
                if (x === y) continue;
                if (x === null) return o.nullsLast ? 1 : -1;
                if (y === null) return o.nullsLast ? -1 : 1;
                const d = cmp(x, y);
                if (d !== 0) return o.desc ? -d : d;
            }
            return 0;
        });
        bucketList.splice(0, bucketList.length, ...keyed.map((k) => k.rows));
    }
    const out: SObjectValue[] = [];
    for (const rows of bucketList) {
        const rec = new SObjectValue(def);
        for (const c of columns) {
            const values = c.path
                ? rows.map((r) => valueAt(env, r, c.path as ResolvedPath))
                : rows.map(() => true as Value);
            let v: Value = null;
            if (c.item.kind === "field") v = rows.length ? values[0] : null;
            else {
                const nonNull = values.filter((x) => x !== null);
                switch (c.item.fn) {
                    case "COUNT":
                        v = nonNull.length;
                        break;
                    case "COUNT_DISTINCT":
                        v = new Set(nonNull.map(key)).size;
                        break;
                    case "SUM":
                    case "AVG": {
                        if (!nonNull.length) break;
                        let sum = new ApexDecimal(toDecimal(0).d, 0);
                        for (const x of nonNull) {
                            if (!isNumber(x))
                                throw new ApexSystemError("QueryException", `${c.item.fn} needs a number field`);
                            const d = toDecimal(x);
                            sum = new ApexDecimal(sum.d.plus(d.d), Math.max(sum.scale, d.scale));
                        }
                        v = c.item.fn === "SUM" ? sum : ApexDecimal.fromDecimal(sum.d.div(nonNull.length));
                        break;
                    }
                    case "MIN":
                    case "MAX": {
                        for (const x of nonNull) {
                            if (v === null) v = x;
                            else {
                                const d = cmp(key(x) as number | string | boolean, key(v) as number | string | boolean);
                                if (c.item.fn === "MIN" ? d < 0 : d > 0) v = x;
                            }
                        }
                        break;
                    }
                }
            }
            rec.values.set(c.alias.toLowerCase(), v);
        }
        out.push(rec);
    }
    const limit = intOperand(env, q.limit);
    return limit === null ? out : out.slice(0, limit);
}
