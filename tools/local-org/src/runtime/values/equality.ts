import { sameType } from "../../link/rtype";
import { UnsupportedError } from "../errors";
import { normaliseId } from "./id";
import { compareNum, isNumber } from "./numbers";
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
    NativeObject,
    TypeValue,
    type Value
} from "./values";

/** Apex `==`: Strings case-insensitive, numbers by value across kinds, collections element-wise, objects by reference unless `equals` is defined. */
export function apexEquals(a: Value, b: Value, caseSensitive = false): boolean {
    if (a === null || b === null) return a === b;
    if (typeof a === "string" || a instanceof ApexId) {
        if (typeof b === "string" || b instanceof ApexId) {
            const sa = typeof a === "string" ? a : a.id18;
            const sb = typeof b === "string" ? b : b.id18;
            if (a instanceof ApexId || b instanceof ApexId) {
                // An Id compared with a String compares normalised 18-character forms.
                const na = normaliseId(sa);
                const nb = normaliseId(sb);
                if (na !== null && nb !== null) return na === nb;
            }
            return caseSensitive ? sa === sb : sa === sb || sa.toLowerCase() === sb.toLowerCase();
        }
        return false;
    }
    if (typeof a === "boolean") return a === b;
    if (isNumber(a)) return isNumber(b) && compareNum(a, b) === 0;
    if (a instanceof ApexDate)
        return b instanceof ApexDate && a.year === b.year && a.month === b.month && a.day === b.day;
    if (a instanceof ApexDatetime) return b instanceof ApexDatetime && a.ms === b.ms;
    if (a instanceof ApexTime) return b instanceof ApexTime && a.ms === b.ms;
    if (a instanceof ApexBlob) return b instanceof ApexBlob && a.bytes.equals(b.bytes);
    if (a instanceof EnumValue) return b instanceof EnumValue && a.enumName === b.enumName && a.name === b.name;
    if (a instanceof TypeValue) return b instanceof TypeValue && sameType(a.type, b.type);
    if (a instanceof ApexList) {
        if (!(b instanceof ApexList) || a.items.length !== b.items.length) return false;
        return a.items.every((x, i) => apexEquals(x, b.items[i], caseSensitive));
    }
    if (a instanceof ApexSet) {
        if (!(b instanceof ApexSet) || a.keys.size !== b.keys.size) return false;
        for (const k of a.keys.keys()) if (!b.keys.has(k)) return false;
        return true;
    }
    if (a instanceof ApexMap) {
        if (!(b instanceof ApexMap) || a.entries.size !== b.entries.size) return false;
        for (const [k, [, v]] of a.entries) {
            const other = b.entries.get(k);
            if (!other || !apexEquals(v, other[1], caseSensitive)) return false;
        }
        return true;
    }
    if (a instanceof ApexObject) {
        if (a === b) return true;
        const custom = a.cls.hooks?.equals(a, b);
        return custom ?? false;
    }
    if (a instanceof NativeObject) return a === b || (a.valueEquals(b) ?? false);
    return false;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identity(o: object): number {
    let n = identities.get(o);
    if (n === undefined) {
        n = nextIdentity++;
        identities.set(o, n);
    }
    return n;
}

/** Hash key for Set members and Map keys (Strings are case-sensitive here, unlike `==`). */
export function hashKey(v: Value): string {
    if (v === null) return "n";
    switch (typeof v) {
        case "string":
            return `s${v}`;
        case "boolean":
            return v ? "b1" : "b0";
        case "number":
        case "bigint":
            return `N${v.toString()}`;
    }
    if (v instanceof ApexDecimal) return `N${v.d.toString()}`;
    if (v instanceof ApexDouble) return Number.isInteger(v.v) ? `N${v.v}` : `F${v.v}`;
    if (v instanceof ApexId) return `s${v.id18}`;
    if (v instanceof ApexDate) return `d${v.year}-${v.month}-${v.day}`;
    if (v instanceof ApexDatetime) return `t${v.ms}`;
    if (v instanceof ApexTime) return `T${v.ms}`;
    if (v instanceof ApexBlob) return `B${v.bytes.toString("base64")}`;
    if (v instanceof EnumValue) return `e${v.enumName}.${v.name}`;
    if (v instanceof TypeValue)
        return `y${JSON.stringify(v.type, (k, x: unknown) => (k === "cls" ? (x as { key: string }).key : x))}`;
    if (v instanceof ApexList) return `L[${v.items.map(hashKey).join(",")}]`;
    if (v instanceof ApexSet) return `S[${[...v.keys.keys()].sort().join(",")}]`;
    if (v instanceof ApexMap)
        return `M[${[...v.entries.entries()].map(([k, [, x]]) => `${k}=${hashKey(x)}`).join(",")}]`;
    if (v instanceof ApexObject) {
        if (v.cls.hooks?.hashCode(v) !== undefined) {
            throw new UnsupportedError(`user-defined equals/hashCode on Map keys or Set members (${v.cls.name})`);
        }
        return `o${identity(v)}`;
    }
    if (v instanceof NativeObject) {
        const k = v.valueHashKey();
        if (k !== null) return k;
    }
    return `o${identity(v)}`;
}

/** Ordering used by `<`, `>` and `List.sort()`; strings compare case-sensitively for sort, case-insensitively for operators. */
export function compareValues(a: Value, b: Value, forSort: boolean): number | null {
    if (isNumber(a) && isNumber(b)) return compareNum(a, b);
    if ((typeof a === "string" || a instanceof ApexId) && (typeof b === "string" || b instanceof ApexId)) {
        let x = typeof a === "string" ? a : a.id18;
        let y = typeof b === "string" ? b : b.id18;
        if (!forSort) {
            x = x.toLowerCase();
            y = y.toLowerCase();
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof ApexDate && b instanceof ApexDate) return a.year - b.year || a.month - b.month || a.day - b.day;
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.ms - b.ms;
    if (a instanceof ApexTime && b instanceof ApexTime) return a.ms - b.ms;
    if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
    if (a instanceof EnumValue && b instanceof EnumValue) return a.ordinal - b.ordinal;
    return null;
}
