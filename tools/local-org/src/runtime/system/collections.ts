import type { NativeCtx } from "../nativeApi";
import { sysErr, UnsupportedError } from "../errors";
import { valueTypeName } from "../values/typeNames";
import { apexEquals, compareValues, hashKey } from "../values/equality";
import { stringify } from "../values/format";
import { ApexList, ApexMap, ApexObject, ApexSet, type Value } from "../values/values";
import { argInt, noMethod } from "./args";

function checkIndex(l: ApexList, i: number, allowEnd = false): void {
    if (i < 0 || i > l.items.length || (!allowEnd && i === l.items.length)) throw sysErr.listIndex(i, l.items.length);
}

function itemsOf(v: Value): Value[] {
    if (v === null) throw sysErr.npe();
    if (v instanceof ApexList) return v.items;
    if (v instanceof ApexSet) return [...v.keys.values()];
    return noMethod("addAll(non-collection)", 1);
}

/** Sort order of `List.sort()`: nulls first, then natural order; objects need `Comparable`. */
function sortCompare(a: Value, b: Value, ctx: NativeCtx): number {
    if (a === null) return b === null ? 0 : -1;
    if (b === null) return 1;
    if (a instanceof ApexObject) {
        const r = ctx.invoke(a, "compareTo", [b]);
        return typeof r === "number" ? r : 0;
    }
    const c = compareValues(a, b, true);
    if (c === null) return noMethod("List.sort on non-comparable elements", 0);
    return c;
}

export function listMethod(l: ApexList, name: string, a: Value[], ctx: NativeCtx): Value {
    switch (name) {
        case "add":
            if (a.length === 2) {
                const i = argInt(a, 0);
                checkIndex(l, i, true);
                l.items.splice(i, 0, ctx.coerce(a[1], l.elemType));
            } else l.items.push(ctx.coerce(a[0], l.elemType));
            return null;
        case "addall":
            for (const x of itemsOf(a[0])) l.items.push(ctx.coerce(x, l.elemType));
            return null;
        case "get": {
            const i = argInt(a, 0);
            checkIndex(l, i);
            return l.items[i];
        }
        case "set": {
            const i = argInt(a, 0);
            checkIndex(l, i);
            l.items[i] = ctx.coerce(a[1], l.elemType);
            return null;
        }
        case "remove": {
            const i = argInt(a, 0);
            checkIndex(l, i);
            return l.items.splice(i, 1)[0];
        }
        case "size":
            return l.items.length;
        case "isempty":
            return l.items.length === 0;
        case "clear":
            l.items.length = 0;
            return null;
        case "contains":
            return l.items.some((x) => hashKey(x) === hashKey(a[0]));
        case "indexof":
            return l.items.findIndex((x) => hashKey(x) === hashKey(a[0]));
        case "clone":
        case "deepclone":
            return new ApexList(l.elemType, l.items.slice());
        case "sort":
            if (a.length === 1) {
                const cmp = a[0];
                if (!(cmp instanceof ApexObject)) throw sysErr.npe();
                l.items.sort((x, y) => {
                    const r = ctx.invoke(cmp, "compare", [x, y]);
                    return typeof r === "number" ? r : 0;
                });
            } else l.items.sort((x, y) => sortCompare(x, y, ctx));
            return null;
        case "equals":
            return apexEquals(l, a[0]);
        case "hashcode":
            return collectionHash(l);
        case "tostring":
            return stringify(l);
    }
    return noMethod(`List.${name}`, a.length);
}

export function setMethod(s: ApexSet, name: string, a: Value[], ctx: NativeCtx): Value {
    switch (name) {
        case "add": {
            const v = ctx.coerce(a[0], s.elemType);
            const k = hashKey(v);
            if (s.keys.has(k)) return false;
            s.keys.set(k, v);
            return true;
        }
        case "addall": {
            let changed = false;
            for (const x of itemsOf(a[0])) {
                const v = ctx.coerce(x, s.elemType);
                const k = hashKey(v);
                if (!s.keys.has(k)) {
                    s.keys.set(k, v);
                    changed = true;
                }
            }
            return changed;
        }
        case "contains":
            return s.keys.has(hashKey(ctx.coerce(a[0], s.elemType)));
        case "containsall":
            return itemsOf(a[0]).every((x) => s.keys.has(hashKey(ctx.coerce(x, s.elemType))));
        case "remove":
            return s.keys.delete(hashKey(ctx.coerce(a[0], s.elemType)));
        case "removeall": {
            let changed = false;
            for (const x of itemsOf(a[0])) changed = s.keys.delete(hashKey(ctx.coerce(x, s.elemType))) || changed;
            return changed;
        }
        case "retainall": {
            const keep = new Set(itemsOf(a[0]).map((x) => hashKey(ctx.coerce(x, s.elemType))));
            let changed = false;
            for (const k of [...s.keys.keys()]) {
                if (!keep.has(k)) {
                    s.keys.delete(k);
                    changed = true;
                }
            }
            return changed;
        }
        case "size":
            return s.keys.size;
        case "isempty":
            return s.keys.size === 0;
        case "clear":
            s.keys.clear();
            return null;
        case "clone": {
            const c = new ApexSet(s.elemType);
            for (const [k, v] of s.keys) c.keys.set(k, v);
            return c;
        }
        case "equals":
            return apexEquals(s, a[0]);
        case "hashcode":
            return collectionHash(s);
        case "tostring":
            return stringify(s);
    }
    return noMethod(`Set.${name}`, a.length);
}

export function mapMethod(m: ApexMap, name: string, a: Value[], ctx: NativeCtx): Value {
    const fold = (v: Value): Value => (m.caseInsensitive && typeof v === "string" ? v.toLowerCase() : v);
    const key = (v: Value): string => {
        try {
            return hashKey(fold(ctx.coerce(v, m.keyType)));
        } catch {
            return hashKey(fold(v));
        }
    };
    switch (name) {
        case "put": {
            const k = fold(ctx.coerce(a[0], m.keyType));
            const hk = hashKey(k);
            const prev = m.entries.get(hk);
            m.entries.set(hk, [prev ? prev[0] : k, ctx.coerce(a[1], m.valueType)]);
            return prev ? prev[1] : null;
        }
        case "get":
            return m.entries.get(key(a[0]))?.[1] ?? null;
        case "containskey":
            return m.entries.has(key(a[0]));
        case "remove": {
            const hk = key(a[0]);
            const prev = m.entries.get(hk);
            m.entries.delete(hk);
            return prev ? prev[1] : null;
        }
        case "keyset": {
            const s = new ApexSet(m.keyType);
            for (const [hk, [k]] of m.entries) s.keys.set(hk, k);
            return s;
        }
        case "values":
            return new ApexList(
                m.valueType,
                [...m.entries.values()].map(([, v]) => v)
            );
        case "size":
            return m.entries.size;
        case "isempty":
            return m.entries.size === 0;
        case "clear":
            m.entries.clear();
            return null;
        case "putall": {
            const src = a[0];
            if (!(src instanceof ApexMap)) return noMethod("Map.putAll(non-map)", 1);
            for (const [hk, e] of src.entries) m.entries.set(hk, [e[0], ctx.coerce(e[1], m.valueType)]);
            return null;
        }
        case "clone":
        case "deepclone": {
            const c = new ApexMap(m.keyType, m.valueType);
            c.caseInsensitive = m.caseInsensitive;
            for (const [k, v] of m.entries) c.entries.set(k, [v[0], v[1]]);
            return c;
        }
        case "equals":
            return apexEquals(m, a[0]);
        case "hashcode":
            return collectionHash(m);
        case "tostring":
            return stringify(m);
    }
    return noMethod(`Map.${name}`, a.length);
}

/**
 * `hashCode()` of a collection, as the Java collections behind Apex compute it: a list folds
 * `31 * h + hash(item)`, a set sums its items' hashes, a map sums `hash(key) ^ hash(value)`. Element
 * hashes are modelled for null (0), Integer, Long, Boolean, String and nested collections; anything else
 * fails loudly rather than returning an invented value.
 */
export function collectionHash(v: Value): number {
    if (v === null) return 0;
    if (typeof v === "number") return v | 0;
    if (typeof v === "bigint") return Number(BigInt.asIntN(32, v ^ (BigInt.asUintN(64, v) >> 32n)));
    if (typeof v === "boolean") return v ? 1231 : 1237;
    if (typeof v === "string") {
        let h = 0;
        for (let i = 0; i < v.length; i++) h = (Math.imul(31, h) + v.charCodeAt(i)) | 0;
        return h;
    }
    if (v instanceof ApexList) {
        let h = 1;
        for (const x of v.items) h = (Math.imul(31, h) + collectionHash(x)) | 0;
        return h;
    }
    if (v instanceof ApexSet) {
        let h = 0;
        for (const x of v.keys.values()) h = (h + collectionHash(x)) | 0;
        return h;
    }
    if (v instanceof ApexMap) {
        let h = 0;
        for (const [k, x] of v.entries.values()) h = (h + (collectionHash(k) ^ collectionHash(x))) | 0;
        return h;
    }
    throw new UnsupportedError(`hashCode() of a collection holding ${valueTypeName(v)} values`);
}
