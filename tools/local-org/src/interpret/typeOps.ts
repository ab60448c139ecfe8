import type { RType } from "../link/rtype";
import { isSubclass, typeName } from "../link/rtype";
import { singleRow, SOBJECT_TYPE_NAMES, SOQL_RESULTS, SObjectValue } from "../data/sobject";
import { sysErr, UnsupportedError } from "../runtime/errors";
import { valueTypeName } from "../runtime/values/typeNames";
import { toId } from "../runtime/values/id";
import { convertNum, isNumber, type NumKind } from "../runtime/values/numbers";
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
} from "../runtime/values/values";

/**
 * Runtime type operations: `instanceof`, implicit conversion on assignment and checked casts.
 * Pure functions of values and linked types (no interpreter state).
 */
/** Runtime type check used by `instanceof`, casts, catch and switch type whens. */
export function isInstance(v: Value, t: RType): boolean {
    if (v === null) return false;
    switch (t.k) {
        case "prim":
            switch (t.name) {
                case "Object":
                    return true;
                case "String":
                    return typeof v === "string";
                case "Integer":
                    return typeof v === "number";
                case "Long":
                    return typeof v === "bigint";
                case "Decimal":
                    return v instanceof ApexDecimal;
                case "Double":
                    return v instanceof ApexDouble;
                case "Boolean":
                    return typeof v === "boolean";
                case "Id":
                    return v instanceof ApexId;
                case "Date":
                    return v instanceof ApexDate;
                case "Datetime":
                    return v instanceof ApexDatetime;
                case "Time":
                    return v instanceof ApexTime;
                case "Blob":
                    return v instanceof ApexBlob;
            }
            return false;
        case "list":
            return v instanceof ApexList && elemAssignable(v.elemType, t.elem);
        case "set":
            return v instanceof ApexSet && elemAssignable(v.elemType, t.elem);
        case "map":
            return v instanceof ApexMap && elemAssignable(v.keyType, t.key) && elemAssignable(v.valueType, t.value);
        case "class":
            if (v instanceof ApexObject) return isSubclass(v.cls, t.cls);
            if (v instanceof EnumValue) return v.enumCls === t.cls;
            return false;
        case "native":
            // a record reached through Who/What without TYPEOF: sources disagree on its runtime type
            if (v instanceof SObjectValue && v.def.polymorphicName && t.name !== "SObject")
                throw new UnsupportedError(
                    `the runtime type of a record reached through a polymorphic relationship (instanceof or cast to ${t.name}; use the Id's getSObjectType())`
                );
            if (v instanceof NativeObject)
                return (
                    v.typeName.toLowerCase() === t.name.toLowerCase() ||
                    // Cache.OrgPartition and Cache.SessionPartition extend Cache.Partition
                    (t.name === "Cache.Partition" &&
                        v.typeName.startsWith("Cache.") &&
                        v.typeName.endsWith("Partition")) ||
                    (t.name === "SObject" && v instanceof SObjectValue)
                );
            if (v instanceof TypeValue) return t.name === "Type";
            return false;
        case "void":
            return false;
    }
}

function elemAssignable(from: RType, to: RType): boolean {
    if (to.k === "prim" && to.name === "Object") return true;
    if (from.k === "class" && to.k === "class") return isSubclass(from.cls, to.cls);
    if (from.k !== to.k) return false;
    if (from.k === "prim" && to.k === "prim") return from.name === to.name;
    if ((from.k === "list" || from.k === "set") && (to.k === "list" || to.k === "set"))
        return elemAssignable(from.elem, to.elem);
    if (from.k === "map" && to.k === "map")
        return elemAssignable(from.key, to.key) && elemAssignable(from.value, to.value);
    if (from.k === "native" && to.k === "native")
        return from.name === to.name || (to.name === "SObject" && SOBJECT_TYPE_NAMES.has(from.name.toLowerCase()));
    return false;
}

/** Implicit conversion on assignment to a declared type (numeric widening, String ↔ Id). */
export function coerce(v: Value, t: RType): Value {
    // Inline SOQL assigned to a single SObject: exactly one row.
    if (
        t.k === "native" &&
        v instanceof ApexList &&
        SOQL_RESULTS.has(v) &&
        SOBJECT_TYPE_NAMES.has(t.name.toLowerCase())
    )
        return singleRow(v);
    if (v === null || t.k !== "prim") return v;
    switch (t.name) {
        case "Integer":
            return typeof v !== "number" && isNumber(v) ? convertNum(v, 0) : v;
        case "Long":
            return isNumber(v) && typeof v !== "bigint" ? convertNum(v, 1) : v;
        case "Decimal":
            return isNumber(v) && !(v instanceof ApexDecimal) ? convertNum(v, 2) : v;
        case "Double":
            return isNumber(v) && !(v instanceof ApexDouble) ? convertNum(v, 3) : v;
        case "String":
            return v instanceof ApexId ? v.id18 : v;
        case "Id":
            return typeof v === "string" ? toId(v) : v;
        case "Datetime":
            // implicit Date → Datetime: midnight GMT of that date (not the user's zone)
            return v instanceof ApexDate ? new ApexDatetime(Date.UTC(v.year, v.month - 1, v.day)) : v;
        default:
            return v;
    }
}

/** Checked cast `(T) v`: numeric conversions, String ↔ Id, otherwise a runtime type check. */
export function cast(v: Value, t: RType): Value {
    if (v === null) return null;
    // `(Account) Database.query(…)`: a query result cast to one SObject.
    if (
        t.k === "native" &&
        v instanceof ApexList &&
        SOQL_RESULTS.has(v) &&
        SOBJECT_TYPE_NAMES.has(t.name.toLowerCase())
    )
        return cast(singleRow(v), t);
    if (t.k === "prim" && isNumber(v)) {
        const kinds: Partial<Record<string, NumKind>> = { Integer: 0, Long: 1, Decimal: 2, Double: 3 };
        const k = kinds[t.name];
        if (k !== undefined) return convertNum(v, k);
    }
    if (t.k === "prim" && t.name === "Id" && typeof v === "string") return toId(v);
    if (t.k === "prim" && t.name === "String" && v instanceof ApexId) return v.id18;
    if (isInstance(v, t)) return v;
    throw sysErr.typeErr(`Invalid conversion from runtime type ${valueTypeName(v)} to ${typeName(t)}`);
}
