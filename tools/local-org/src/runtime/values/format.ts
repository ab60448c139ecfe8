import { typeName } from "../../link/rtype";
import { dateToIso, datetimeToString, timeToString } from "./clock";
import { javaDouble } from "./numbers";
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

/** Name used by `getTypeName()` and `toString()` of exceptions: system ones carry `System.`. */
export function exceptionTypeName(o: ApexObject): string {
    return o.cls.builtin ? `System.${o.cls.name}` : o.cls.name;
}

/**
 * Apex string conversion as used by concatenation, `String.valueOf` and `System.debug`.
 * Datetimes render in GMT here; `String.valueOf(Datetime)` passes the user's zone.
 */
export function stringify(v: Value, dtZone = "UTC", depth = 0): string {
    if (v === null) return "null";
    switch (typeof v) {
        case "string":
            return v;
        case "boolean":
            return v ? "true" : "false";
        case "number":
        case "bigint":
            return v.toString();
    }
    if (v instanceof ApexDecimal) return v.toString();
    if (v instanceof ApexDouble) return javaDouble(v.v);
    if (v instanceof ApexId) return v.id18;
    if (v instanceof ApexDate) return dateToIso(v);
    if (v instanceof ApexDatetime) return datetimeToString(v, dtZone);
    if (v instanceof ApexTime) return timeToString(v);
    if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
    if (v instanceof EnumValue) return v.name;
    // a list type prints as its documented toString(): List<Integer>.class → LIST<Integer>
    if (v instanceof TypeValue) return v.type.k === "list" ? `LIST<${typeName(v.type.elem)}>` : typeName(v.type);
    if (depth > 10) return "...";
    if (v instanceof ApexList) return `(${v.items.map((x) => stringify(x, dtZone, depth + 1)).join(", ")})`;
    if (v instanceof ApexSet) return `{${[...v.keys.values()].map((x) => stringify(x, dtZone, depth + 1)).join(", ")}}`;
    if (v instanceof ApexMap) {
        return `{${[...v.entries.values()].map(([k, x]) => `${stringify(k, dtZone, depth + 1)}=${stringify(x, dtZone, depth + 1)}`).join(", ")}}`;
    }
    if (v instanceof ApexObject) {
        if (v.exc) return `${exceptionTypeName(v)}: ${v.exc.message ?? "null"}`;
        const custom = v.cls.hooks?.toString(v);
        if (custom !== undefined) return custom;
        const parts: string[] = [];
        for (const [name, f] of v.cls.fields) {
            if (v.cls.isStatic(f)) continue;
            parts.push(`${f.name}=${stringify(v.fields.get(name) ?? null, dtZone, depth + 1)}`);
        }
        return `${v.cls.name}:[${parts.join(", ")}]`;
    }
    if (v instanceof NativeObject) return v.apexToString() ?? `System.${v.typeName}`;
    return String(v);
}
