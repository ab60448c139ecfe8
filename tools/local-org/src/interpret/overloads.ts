import type { RType } from "../link/rtype";
import { isSubclass, prim, sameType, typeName, type PrimName } from "../link/rtype";
import { SOBJECT_TYPE_NAMES } from "../data/sobject";
import { UnsupportedError } from "../runtime/errors";

/**
 * Compile-time overload resolution (Apex Developer Guide, "Class Methods": the parser picks the
 * implementation whose parameters match the arguments' declared types exactly; without an exact
 * match it looks for an approximate match with the type-coercion rules; several approximate
 * matches are a compile error). Pure functions of linked types.
 *
 * A static argument type is an `RType`, `"null"` for the `null` literal, or `null` when the
 * local org cannot tell the expression's declared type (then the call fails loudly if the
 * choice depends on it).
 */
export type StaticType = RType | "null" | null;

const NUM_RANK: Record<string, number> = { Integer: 0, Long: 1, Decimal: 2, Double: 3 };

function isSObjectType(t: RType): boolean {
    return t.k === "native" && SOBJECT_TYPE_NAMES.has(t.name.toLowerCase());
}

/** True when a value of declared type `from` may be passed where `to` is declared (implicit conversions). */
export function isAssignable(from: RType, to: RType): boolean {
    if (sameType(from, to)) return true;
    if (to.k === "prim" && to.name === "Object") return true;
    if (from.k === "prim" && to.k === "prim") {
        const a = NUM_RANK[from.name];
        const b = NUM_RANK[to.name];
        if (a !== undefined && b !== undefined) return a < b;
        return (from.name === "Id" && to.name === "String") || (from.name === "String" && to.name === "Id");
    }
    if (from.k === "class" && to.k === "class") return isSubclass(from.cls, to.cls);
    if (from.k === "native" && to.k === "native") return to.name.toLowerCase() === "sobject" && isSObjectType(from);
    if ((from.k === "list" || from.k === "set") && from.k === to.k) return isAssignable(from.elem, to.elem);
    if (from.k === "map" && to.k === "map") return sameType(from.key, to.key) && isAssignable(from.value, to.value);
    return false;
}

/** How an argument matches a parameter: 2 exact, 1 approximate (coercion / subtype), 0 not at all. */
function matchLevel(arg: RType | "null", param: RType): 0 | 1 | 2 {
    if (arg === "null") return 1;
    if (sameType(arg, param)) return 2;
    return isAssignable(arg, param) ? 1 : 0;
}

/**
 * Picks the overload for arguments of static types `types`. `fallback(i, param)` judges an argument
 * whose static type is unknown from its runtime value (true = applicable). Returns null when no
 * candidate applies; throws `UnsupportedError` when the platform would reject the call as ambiguous
 * or when the choice depends on a declared type the local org cannot compute.
 */
export function pickByStaticTypes<T>(
    cands: T[],
    paramTypes: (c: T) => (RType | null)[],
    types: StaticType[],
    fallback: (i: number, param: RType) => boolean,
    what: string
): T | null {
    const exact: T[] = [];
    const approx: T[] = [];
    let dependsOnUnknown = false;
    for (const c of cands) {
        const ps = paramTypes(c);
        let level: 0 | 1 | 2 = 2;
        for (let i = 0; i < ps.length && level > 0; i++) {
            const p = ps[i];
            if (!p) continue;
            const st = types[i];
            if (st === null) {
                if (!fallback(i, p)) level = 0;
                else if (!(p.k === "prim" && p.name === "Object")) dependsOnUnknown = true;
                else level = Math.min(level, 1) as 0 | 1 | 2;
                continue;
            }
            level = Math.min(level, matchLevel(st, p)) as 0 | 1 | 2;
        }
        if (level === 2) exact.push(c);
        else if (level === 1) approx.push(c);
    }
    const applicable = exact.length + approx.length;
    if (applicable > 1 && dependsOnUnknown)
        throw new UnsupportedError(
            `overload resolution of ${what}: the declared type of an argument is not known to the local org (cast the argument)`,
            null
        );
    if (exact.length === 1) return exact[0];
    if (exact.length > 1 || approx.length > 1)
        throw new UnsupportedError(
            `ambiguous call to ${what}(${types.map((t) => (t === null ? "?" : t === "null" ? "null" : typeName(t))).join(", ")}): the platform rejects it at compile time`,
            null
        );
    return approx[0] ?? null;
}

/** Declared return types of common system methods (`Type.method` static, `value.method` instance), for overload choice. */
/**
 * Declared return types of the numeric instance methods (Apex Reference, "Decimal Class", "Double Class", "Long
 * Class"): `round()` and `round(roundingMode)` return Long.
 */
const NUMBER_OWNERS = new Set(["Integer", "Long", "Decimal", "Double"]);
const NUMBER_RETURNS: Record<string, PrimName> = {
    round: "Long",
    intvalue: "Integer",
    longvalue: "Long",
    doublevalue: "Double",
    format: "String",
    setscale: "Decimal",
    divide: "Decimal",
    pow: "Decimal",
    striptrailingzeros: "Decimal",
    toplainstring: "String",
    precision: "Integer",
    scale: "Integer"
};

const STATIC_RETURNS: Record<string, PrimName> = {
    "string.valueof": "String",
    "string.format": "String",
    "string.join": "String",
    "string.escapesinglequotes": "String",
    "integer.valueof": "Integer",
    "long.valueof": "Long",
    "decimal.valueof": "Decimal",
    "double.valueof": "Double",
    "boolean.valueof": "Boolean",
    "id.valueof": "Id",
    "date.today": "Date",
    "date.valueof": "Date",
    "date.newinstance": "Date",
    "datetime.now": "Datetime",
    "datetime.newinstance": "Datetime",
    "datetime.newinstancegmt": "Datetime",
    "system.now": "Datetime",
    "system.today": "Date",
    "json.serialize": "String",
    "json.serializepretty": "String",
    "userinfo.getuserid": "Id",
    "userinfo.getname": "String",
    "userinfo.getusername": "String"
};

const STRING_RETURNS: Record<string, PrimName> = {
    tolowercase: "String",
    touppercase: "String",
    trim: "String",
    substring: "String",
    substringbefore: "String",
    substringafter: "String",
    replace: "String",
    replaceall: "String",
    left: "String",
    right: "String",
    abbreviate: "String",
    capitalize: "String",
    remove: "String",
    reverse: "String",
    length: "Integer",
    indexof: "Integer",
    contains: "Boolean",
    containsignorecase: "Boolean",
    startswith: "Boolean",
    endswith: "Boolean",
    equals: "Boolean",
    equalsignorecase: "Boolean",
    isblank: "Boolean",
    isnotblank: "Boolean",
    isempty: "Boolean",
    isnotempty: "Boolean"
};

/** The declared return type of a system method, or null when the local org does not list it. */
export function systemReturnType(owner: RType, method: string, _arity: number, isStatic: boolean): RType | null {
    const m = method.toLowerCase();
    if (isStatic) {
        const name = owner.k === "prim" || owner.k === "native" ? owner.name : null;
        const r = name ? STATIC_RETURNS[`${name.toLowerCase().replace(/^system\./, "")}.${m}`] : undefined;
        return r ? prim(r) : null;
    }
    if (owner.k === "prim" && owner.name === "String") {
        const r = STRING_RETURNS[m];
        return r ? prim(r) : null;
    }
    if (owner.k === "prim" && NUMBER_OWNERS.has(owner.name)) {
        const r = NUMBER_RETURNS[m];
        return r ? prim(r) : null;
    }
    if ((owner.k === "list" || owner.k === "set" || owner.k === "map") && m === "size") return prim("Integer");
    if (owner.k === "list" && m === "get") return owner.elem;
    if (owner.k === "map" && m === "get") return owner.value;
    if ((owner.k === "list" || owner.k === "set") && m === "contains") return prim("Boolean");
    if (owner.k === "map" && m === "containskey") return prim("Boolean");
    return null;
}
