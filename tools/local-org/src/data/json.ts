import { DateTime } from "luxon";
import { SObjectValue } from "./sobject";
import { valueKindOf, type ObjectDef } from "./schema";
import type { NativeCtx } from "../runtime/nativeApi";
import { OBJECT, prim, typeName, type RType } from "../link/rtype";
import { ApexSystemError, sysErr, UnsupportedError } from "../runtime/errors";
import { datetimeToJson, dateToIso, timeToString } from "../runtime/values/clock";
import { hashKey } from "../runtime/values/equality";
import { stringify } from "../runtime/values/format";
import { toId } from "../runtime/values/id";
import { javaDouble, parseDecimal } from "../runtime/values/numbers";
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    ApexTime,
    EnumValue,
    TypeValue,
    type Value
} from "../runtime/values/values";
import { argStr, noMethod } from "../runtime/system/args";

// ---------------- serialisation ----------------

type JOut = null | boolean | string | { raw: string } | JOut[] | { entries: [string, JOut][] };

function toJOut(v: Value, suppressNulls: boolean, ctx: NativeCtx, depth: number): JOut {
    if (depth > 100) throw new ApexSystemError("JSONException", "Maximum JSON depth exceeded (cyclic reference?)");
    if (v === null) return null;
    switch (typeof v) {
        case "string":
            return v;
        case "boolean":
            return v;
        case "number":
        case "bigint":
            return { raw: v.toString() };
    }
    if (v instanceof ApexDecimal) return { raw: v.toString() };
    if (v instanceof ApexDouble) return { raw: javaDouble(v.v) };
    if (v instanceof ApexId) return v.id18;
    if (v instanceof ApexDate) return dateToIso(v);
    if (v instanceof ApexDatetime) return datetimeToJson(v);
    if (v instanceof ApexTime) return timeToString(v);
    if (v instanceof ApexBlob) return v.bytes.toString("base64");
    if (v instanceof EnumValue) return v.name;
    if (v instanceof ApexList) return v.items.map((x) => toJOut(x, suppressNulls, ctx, depth + 1));
    if (v instanceof ApexSet) return [...v.keys.values()].map((x) => toJOut(x, suppressNulls, ctx, depth + 1));
    if (v instanceof ApexMap) {
        return {
            entries: [...v.entries.values()].map(
                ([k, x]) => [stringify(k), toJOut(x, suppressNulls, ctx, depth + 1)] as [string, JOut]
            )
        };
    }
    if (v instanceof ApexObject) {
        if (v.exc) throw new UnsupportedError(`JSON.serialize of an exception (${v.cls.name})`);
        const entries: [string, JOut][] = [];
        for (const f of ctx.objectFields(v)) {
            if (f.transient) continue;
            if (f.value === null && suppressNulls) continue;
            entries.push([f.name, toJOut(f.value, suppressNulls, ctx, depth + 1)]);
        }
        return { entries };
    }
    if (v instanceof TypeValue) return typeName(v.type);
    if (v instanceof SObjectValue) {
        // SObjects carry an `attributes` block, then their populated fields in population order.
        const attrs: [string, JOut][] = [["type", v.def.name]];
        if (v.id) attrs.push(["url", `/services/data/v62.0/sobjects/${v.def.name}/${v.id}`]);
        const entries: [string, JOut][] = [["attributes", { entries: attrs }]];
        for (const name of v.populated()) {
            const x = v.values.get(name.toLowerCase()) ?? null;
            if (x === null && suppressNulls) continue;
            entries.push([
                name,
                x instanceof ApexList
                    ? sobjectChildren(x, suppressNulls, ctx, depth)
                    : toJOut(x, suppressNulls, ctx, depth + 1)
            ]);
        }
        return { entries };
    }
    throw new UnsupportedError(`JSON.serialize of ${stringify(v)}`);
}

/** Child-relationship lists serialise as a query result (`totalSize`, `done`, `records`). */
function sobjectChildren(l: ApexList, suppressNulls: boolean, ctx: NativeCtx, depth: number): JOut {
    return {
        entries: [
            ["totalSize", { raw: String(l.items.length) }],
            ["done", true],
            ["records", l.items.map((x) => toJOut(x, suppressNulls, ctx, depth + 1))]
        ]
    };
}

function quote(s: string): string {
    return JSON.stringify(s);
}

function writeCompact(j: JOut): string {
    if (j === null) return "null";
    if (typeof j === "boolean") return j ? "true" : "false";
    if (typeof j === "string") return quote(j);
    if (Array.isArray(j)) return `[${j.map(writeCompact).join(",")}]`;
    if ("raw" in j) return j.raw;
    return `{${j.entries.map(([k, x]) => `${quote(k)}:${writeCompact(x)}`).join(",")}}`;
}

/** Jackson's DefaultPrettyPrinter layout, which Apex `serializePretty` uses. */
function writePretty(j: JOut, indent: string): string {
    if (j === null || typeof j === "boolean" || typeof j === "string") return writeCompact(j);
    if (Array.isArray(j)) {
        if (j.length === 0) return "[ ]";
        return `[ ${j.map((x) => writePretty(x, indent)).join(", ")} ]`;
    }
    if ("raw" in j) return j.raw;
    if (j.entries.length === 0) return "{ }";
    const inner = `${indent}  `;
    return `{\n${j.entries.map(([k, x]) => `${inner}${quote(k)} : ${writePretty(x, inner)}`).join(",\n")}\n${indent}}`;
}

export function serialize(v: Value, pretty: boolean, suppressNulls: boolean, ctx: NativeCtx): string {
    const j = toJOut(v, suppressNulls, ctx, 0);
    return pretty ? writePretty(j, "") : writeCompact(j);
}

// ---------------- parsing ----------------

/** Parsed JSON that keeps number text (for Decimal scale and Long precision). */
export type JNode =
    | { t: "null" }
    | { t: "bool"; v: boolean }
    | { t: "num"; text: string }
    | { t: "str"; v: string }
    | { t: "arr"; items: JNode[] }
    | { t: "obj"; entries: [string, JNode][] };

function jsonError(msg: string): ApexSystemError {
    return new ApexSystemError("JSONException", msg);
}

/** A small strict JSON parser; errors become `JSONException` with a position. */
export function parseJson(src: string): JNode {
    let i = 0;
    const where = (): string => {
        const before = src.slice(0, i);
        const line = before.split("\n").length;
        return `[line:${line}, column:${i - before.lastIndexOf("\n")}]`;
    };
    const ws = (): void => {
        while (i < src.length && " \t\n\r".includes(src[i])) i++;
    };
    const value = (): JNode => {
        ws();
        const c = src[i];
        if (c === "{") {
            i++;
            const entries: [string, JNode][] = [];
            ws();
            if (src[i] === "}") {
                i++;
                return { t: "obj", entries };
            }
            for (;;) {
                ws();
                if (src[i] !== '"')
                    throw jsonError(
                        `Unexpected character ('${src[i] ?? "EOF"}'): was expecting double-quote to start field name at ${where()}`
                    );
                const k = str();
                ws();
                if (src[i] !== ":")
                    throw jsonError(
                        `Unexpected character ('${src[i] ?? "EOF"}'): was expecting a colon to separate field name and value at ${where()}`
                    );
                i++;
                entries.push([k, value()]);
                ws();
                if (src[i] === ",") {
                    i++;
                    continue;
                }
                if (src[i] === "}") {
                    i++;
                    return { t: "obj", entries };
                }
                throw jsonError(
                    `Unexpected character ('${src[i] ?? "EOF"}'): was expecting comma to separate OBJECT entries at ${where()}`
                );
            }
        }
        if (c === "[") {
            i++;
            const items: JNode[] = [];
            ws();
            if (src[i] === "]") {
                i++;
                return { t: "arr", items };
            }
            for (;;) {
                items.push(value());
                ws();
                if (src[i] === ",") {
                    i++;
                    continue;
                }
                if (src[i] === "]") {
                    i++;
                    return { t: "arr", items };
                }
                throw jsonError(
                    `Unexpected character ('${src[i] ?? "EOF"}'): was expecting comma to separate ARRAY entries at ${where()}`
                );
            }
        }
        if (c === '"') return { t: "str", v: str() };
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i, i + 400));
        if (m && m[0]) {
            i += m[0].length;
            return { t: "num", text: m[0] };
        }
        for (const [lit, node] of [
            ["true", { t: "bool", v: true }],
            ["false", { t: "bool", v: false }],
            ["null", { t: "null" }]
        ] as [string, JNode][]) {
            if (src.startsWith(lit, i)) {
                i += lit.length;
                return node;
            }
        }
        throw jsonError(`Unexpected character ('${c ?? "EOF"}'): expected a valid value at ${where()}`);
    };
    const str = (): string => {
        const start = i;
        i++;
        while (i < src.length && src[i] !== '"') {
            if (src[i] === "\\") i++;
            i++;
        }
        if (i >= src.length) throw jsonError(`Unexpected end-of-input in a String value at ${where()}`);
        i++;
        try {
            return JSON.parse(src.slice(start, i)) as string;
        } catch {
            throw jsonError(`Illegal character in a String value at ${where()}`);
        }
    };
    const root = value();
    ws();
    if (i < src.length) throw jsonError(`Unexpected character ('${src[i]}'): expected end of input at ${where()}`);
    return root;
}

// ---------------- deserialisation ----------------

function numberFromText(text: string): Value {
    if (/^-?\d+$/.test(text)) {
        const b = BigInt(text);
        if (b >= -2147483648n && b <= 2147483647n) return Number(b);
        return BigInt.asIntN(64, b);
    }
    return parseDecimal(text);
}

/** `deserializeUntyped`: objects → Map<String,Object>, arrays → List<Object>. */
export function untyped(n: JNode): Value {
    switch (n.t) {
        case "null":
            return null;
        case "bool":
            return n.v;
        case "num":
            return numberFromText(n.text);
        case "str":
            return n.v;
        case "arr":
            return new ApexList(OBJECT, n.items.map(untyped));
        case "obj": {
            const m = new ApexMap(prim("String"), OBJECT);
            for (const [k, v] of n.entries) m.entries.set(hashKey(k), [k, untyped(v)]);
            return m;
        }
    }
}

function mismatch(n: JNode, t: RType): ApexSystemError {
    const found =
        n.t === "str"
            ? `VALUE_STRING`
            : n.t === "num"
              ? "VALUE_NUMBER"
              : n.t === "arr"
                ? "START_ARRAY"
                : n.t === "obj"
                  ? "START_OBJECT"
                  : `VALUE_${n.t.toUpperCase()}`;
    return jsonError(`Cannot deserialize instance of ${typeName(t)} from ${found} value`);
}

function scalarText(n: JNode): string | null {
    if (n.t === "str") return n.v;
    if (n.t === "num") return n.text;
    if (n.t === "bool") return String(n.v);
    return null;
}

/** Typed deserialisation into an Apex type (constructors and initialisers are not run). */
export function typed(n: JNode, t: RType, strict: boolean, ctx: NativeCtx): Value {
    if (n.t === "null") return null;
    switch (t.k) {
        case "prim": {
            const text = scalarText(n);
            if (t.name === "Object") return untyped(n);
            if (text === null) throw mismatch(n, t);
            try {
                switch (t.name) {
                    case "String":
                        return text;
                    case "Boolean":
                        if (n.t === "bool") return n.v;
                        if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
                        throw mismatch(n, t);
                    case "Integer":
                    case "Long":
                    case "Decimal":
                    case "Double": {
                        const d = parseDecimal(text);
                        return ctx.coerce(
                            t.name === "Decimal"
                                ? d
                                : t.name === "Double"
                                  ? new ApexDouble(d.d.toNumber())
                                  : numberFromText(d.d.trunc().toFixed(0)),
                            t
                        );
                    }
                    case "Id":
                        return toId(text);
                    case "Date": {
                        const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
                        if (!m) throw jsonError(`Invalid date: ${text}`);
                        return new ApexDate(+m[1], +m[2], +m[3]);
                    }
                    case "Datetime": {
                        const dt = DateTime.fromISO(text, { zone: "UTC", setZone: true });
                        if (!dt.isValid) throw jsonError(`Invalid datetime: ${text}`);
                        return new ApexDatetime(dt.toMillis());
                    }
                    case "Time": {
                        const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(text);
                        if (!m) throw jsonError(`Invalid time: ${text}`);
                        return new ApexTime(((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + +(m[4] ?? 0));
                    }
                    case "Blob":
                        return new ApexBlob(Buffer.from(text, "base64"));
                }
            } catch (e) {
                if (e instanceof ApexSystemError && e.exType !== "JSONException") throw jsonError(e.message);
                throw e;
            }
            throw mismatch(n, t);
        }
        case "list":
        case "set": {
            if (n.t !== "arr") throw mismatch(n, t);
            const items = n.items.map((x) => typed(x, t.elem, strict, ctx));
            if (t.k === "list") return new ApexList(t.elem, items);
            const s = new ApexSet(t.elem);
            for (const x of items) s.keys.set(hashKey(x), x);
            return s;
        }
        case "map": {
            if (n.t !== "obj") throw mismatch(n, t);
            const m = new ApexMap(t.key, t.value);
            for (const [k, v] of n.entries) {
                const key = typed({ t: "str", v: k }, t.key, strict, ctx);
                m.entries.set(hashKey(key), [key, typed(v, t.value, strict, ctx)]);
            }
            return m;
        }
        case "class": {
            const cls = t.cls;
            if (cls.kind === "enum") {
                const text = scalarText(n);
                const idx = cls.enumValues.findIndex((x) => x === text);
                if (idx < 0) throw jsonError(`Invalid enum value ${text ?? ""} for ${cls.name}`);
                return new EnumValue(cls.name, cls.enumValues[idx], idx, cls);
            }
            if (n.t !== "obj") throw mismatch(n, t);
            if (cls.kind === "interface" || cls.isAbstract)
                throw jsonError(`Cannot deserialize abstract type ${cls.name}`);
            if (cls.isException) throw new UnsupportedError(`JSON.deserialize into exception type ${cls.name}`);
            const obj = ctx.allocate(t);
            const fields = new Map(ctx.classFields(t).map((f) => [f.name.toLowerCase(), f] as const));
            for (const [k, v] of n.entries) {
                const f = fields.get(k.toLowerCase());
                if (!f) {
                    if (strict) throw jsonError(`No such column '${k}' on object of type ${cls.name}`);
                    continue;
                }
                ctx.setField(obj, f.name, typed(v, f.type, strict, ctx));
            }
            return obj;
        }
        case "native": {
            const schema = ctx.host.data?.schema;
            const def = schema ? (t.name === "SObject" ? null : schema.object(t.name)) : undefined;
            if (schema && (def || t.name === "SObject")) return sobjectFromJson(n, def ?? null, strict, ctx);
            throw new UnsupportedError(`JSON.deserialize into ${typeName(t)}`);
        }
        case "void":
            throw new UnsupportedError(`JSON.deserialize into ${typeName(t)}`);
    }
}

const FIELD_TYPES: Record<string, RType> = {
    Id: prim("Id"),
    String: prim("String"),
    Boolean: prim("Boolean"),
    Integer: prim("Integer"),
    Decimal: prim("Decimal"),
    Date: prim("Date"),
    Datetime: prim("Datetime"),
    Time: prim("Time")
};

/**
 * `JSON.deserialize(json, Account.class)` / `SObject.class` (Apex Developer Guide, "JSON Support": SObjects serialise
 * with an `attributes` block): fields by name (case-insensitive, typed by the field), parent records under their
 * relationship name, child relationships as `{"totalSize", "done", "records"}`; read-only and formula fields keep the
 * values the JSON gives. The record behaves as one built in Apex for the fields it has; reading a field the JSON did
 * not have, an unknown property, a type other than the attributes' and a polymorphic parent fail loudly.
 */
function sobjectFromJson(n: JNode, target: ObjectDef | null, strict: boolean, ctx: NativeCtx): SObjectValue {
    if (n.t !== "obj") throw mismatch(n, { k: "native", name: target?.name ?? "SObject" });
    const schema = ctx.host.data?.schema;
    if (!schema) throw new UnsupportedError("JSON.deserialize into an SObject without a schema");
    const attrs = n.entries.find(([k]) => k === "attributes")?.[1];
    const typeNode = attrs?.t === "obj" ? attrs.entries.find(([k]) => k === "type")?.[1] : undefined;
    const attrType = typeNode?.t === "str" ? typeNode.v : null;
    let def = target;
    if (attrType !== null) {
        const named = schema.object(attrType);
        if (!named) throw new UnsupportedError(`JSON.deserialize of an SObject of unknown type ${attrType}`);
        if (def && def !== named)
            throw new UnsupportedError(
                `JSON.deserialize of a ${named.name} into ${def.name} (the platform's behaviour is not modelled)`
            );
        def = named;
    }
    if (!def) throw new UnsupportedError("JSON.deserialize into SObject without attributes.type");
    const o = new SObjectValue(def);
    o.fromJson = true;
    for (const [k, v] of n.entries) {
        if (k === "attributes") continue;
        const l = k.toLowerCase();
        const f = def.fields.get(l);
        if (f) {
            o.values.set(l, v.t === "null" ? null : typed(v, FIELD_TYPES[valueKindOf(f.type)], strict, ctx));
            continue;
        }
        const parent = def.parentRelationships.get(l);
        if (parent) {
            if (parent.referenceTo.length !== 1)
                throw new UnsupportedError(`JSON.deserialize of the polymorphic relationship ${def.name}.${k}`);
            const pdef = schema.object(parent.referenceTo[0]);
            if (!pdef) throw new UnsupportedError(`JSON.deserialize of ${def.name}.${k}`);
            o.values.set(l, v.t === "null" ? null : sobjectFromJson(v, pdef, strict, ctx));
            continue;
        }
        const child = def.childRelationships.get(l);
        if (child) {
            const cdef = schema.object(child.childObject);
            const records = v.t === "obj" ? v.entries.find(([x]) => x === "records")?.[1] : undefined;
            if (!cdef || !records || records.t !== "arr")
                throw new UnsupportedError(
                    `JSON.deserialize of the child relationship ${def.name}.${k} without records`
                );
            o.values.set(
                l,
                new ApexList(
                    { k: "native", name: cdef.name },
                    records.items.map((x) => sobjectFromJson(x, cdef, strict, ctx))
                )
            );
            continue;
        }
        throw new UnsupportedError(
            `JSON.deserialize of ${def.name} with the property '${k}', which is no field or relationship of it`
        );
    }
    return o;
}

export const jsonStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    serialize: (a, ctx) => serialize(a[0] ?? null, false, a[1] === true, ctx),
    serializepretty: (a, ctx) => serialize(a[0] ?? null, true, a[1] === true, ctx),
    deserialize: (a, ctx) => deserializeWith(a, false, ctx),
    deserializestrict: (a, ctx) => deserializeWith(a, true, ctx),
    deserializeuntyped: (a) => untyped(parseJson(argStr(a, 0))),
    createparser: () => noMethod("JSON.createParser", 1),
    creategenerator: () => noMethod("JSON.createGenerator", 1)
};

function deserializeWith(a: Value[], strict: boolean, ctx: NativeCtx): Value {
    const t = a[1];
    if (!(t instanceof TypeValue)) throw sysErr.npe();
    return typed(parseJson(argStr(a, 0)), t.type, strict, ctx);
}
