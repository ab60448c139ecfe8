import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { apexEquals, hashKey } from "../runtime/values/equality";
import { stringify } from "../runtime/values/format";
import { normaliseId } from "../runtime/values/id";
import { convertNum, isNumber } from "../runtime/values/numbers";
import { valueTypeName } from "../runtime/values/typeNames";
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexId,
    ApexList,
    ApexTime,
    NativeObject,
    type Value
} from "../runtime/values/values";
import { unmodelledReason, valueKindOf, type FieldDef, type ObjectDef } from "./schema";

/** Lower-cased names of every SObject type seen by any local org (type checks on `List<SObject>`). */
export const SOBJECT_TYPE_NAMES = new Set<string>(["sobject", "aggregateresult"]);

/**
 * An SObject instance. Extends {@link NativeObject} so the value layer treats it as a system value;
 * `typeName` is the object's API name. Fields live in `values` (lower-cased key); parent records and
 * child-subquery lists live there too, under the relationship name.
 */
export class SObjectValue extends NativeObject {
    readonly values = new Map<string, Value>();
    /** Fields read from the database (SOQL); null = built in Apex, where unset fields read as null. */
    queried: Set<string> | null = null;
    /** Messages from `addError`. */
    readonly errors: string[] = [];
    /** Trigger.old, and Trigger.new in after triggers: assigning a field throws `FinalException`. */
    readOnly = false;
    /** Built by `JSON.deserialize`: reading a field the JSON did not give fails loudly. */
    fromJson = false;

    constructor(readonly def: ObjectDef) {
        super(def.name, {});
        SOBJECT_TYPE_NAMES.add(def.name.toLowerCase());
    }

    /** Record Id, or null. */
    get id(): string | null {
        const v = this.values.get("id");
        return v instanceof ApexId ? v.id18 : null;
    }

    /** Platform form `Contact:{LastName=Doe, Id=003…}`. */
    override apexToString(): string {
        const parts = this.populated().map((n) => {
            const v = this.values.get(n.toLowerCase()) ?? null;
            return `${n}=${v instanceof ApexList ? `(${v.items.length} records)` : stringify(v)}`;
        });
        return `${this.def.name}:{${parts.join(", ")}}`;
    }

    /** `==` on SObjects: same type and equal values in every populated field (platform semantics). */
    override valueEquals(other: Value): boolean {
        if (!(other instanceof SObjectValue) || other.def !== this.def || other.values.size !== this.values.size)
            return false;
        for (const [k, v] of this.values) {
            if (!other.values.has(k)) return false;
            const w = other.values.get(k) ?? null;
            if (v === null || w === null ? v !== w : !apexEquals(v, w)) return false;
        }
        return true;
    }

    override valueHashKey(): string {
        const parts = [...this.values.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => `${k}=${hashKey(v)}`);
        return `R${this.def.name}{${parts.join(",")}}`;
    }

    /** Canonical names of the populated fields and relationships, in population order. */
    populated(): string[] {
        return [...this.values.keys()].map((k) => canonicalName(this.def, k));
    }
}

function canonicalName(def: ObjectDef, lname: string): string {
    return (
        def.fields.get(lname)?.name ??
        def.parentRelationships.get(lname)?.relationshipName ??
        def.childRelationships.get(lname)?.name ??
        lname
    );
}

/** Lists produced by inline SOQL: assignable to a single SObject ("List has no rows for assignment"). */
export const SOQL_RESULTS = new WeakSet<ApexList>();

/** Assigning a SOQL result list to a single SObject variable. */
export function singleRow(list: ApexList): Value {
    if (list.items.length === 0)
        throw new ApexSystemError("QueryException", "List has no rows for assignment to SObject");
    if (list.items.length > 1)
        throw new ApexSystemError("QueryException", "List has more than 1 row for assignment to SObject");
    return list.items[0];
}

/** Platform text for reading a field that the query did not select. */
export function notQueried(def: ObjectDef, name: string): ApexSystemError {
    return new ApexSystemError(
        "SObjectException",
        `SObject row was retrieved via SOQL without querying the requested field: ${def.name}.${name}`
    );
}

function invalidField(def: ObjectDef, name: string): Error {
    const reason = unmodelledReason(def, name);
    if (reason) return new UnsupportedError(reason);
    return new ApexSystemError("SObjectException", `Invalid field ${name} for ${def.name}`);
}

/** Reads a field or relationship (`c.Email`, `c.get('email')`, `c.Account`). */
export function sobjectGet(o: SObjectValue, name: string): Value {
    const l = name.toLowerCase();
    const field = o.def.fields.get(l);
    const isRel = !field && (o.def.parentRelationships.has(l) || o.def.childRelationships.has(l));
    if (!field && !isRel) throw invalidField(o.def, name);
    const v = o.values.get(l);
    if (v !== undefined) return v;
    if (o.fromJson)
        throw new UnsupportedError(
            `reading ${o.def.name}.${name}, which the JSON the record was deserialised from did not give`
        );
    // a value only arrives here from JSON.deserialize (as on the platform); otherwise it would have to be computed
    if (field?.formula !== undefined)
        throw new UnsupportedError(`formula field ${o.def.name}.${field.name} (formulas are not evaluated)`);
    if (o.queried && !o.queried.has(l)) {
        const canonical =
            field?.name ??
            o.def.parentRelationships.get(l)?.relationshipName ??
            o.def.childRelationships.get(l)?.name ??
            name;
        throw notQueried(o.def, canonical);
    }
    return null;
}

/** Converts a value for storage in a field; a wrong type throws `SObjectException` as `put` does on the platform. */
export function convertForField(f: FieldDef, v: Value, objectName: string): Value {
    if (v === null) return null;
    const kind = valueKindOf(f.type);
    const illegal = (): ApexSystemError =>
        new ApexSystemError(
            "SObjectException",
            `Illegal assignment from ${valueTypeName(v)} to ${kind === "Decimal" ? "Decimal" : kind} for ${objectName}.${f.name}`
        );
    switch (kind) {
        case "Id": {
            if (v instanceof ApexId) return v;
            if (typeof v === "string") {
                const n = normaliseId(v);
                if (n === null) throw new ApexSystemError("StringException", `Invalid id: ${v}`);
                return new ApexId(n);
            }
            throw illegal();
        }
        case "String":
            if (typeof v === "string") return v;
            if (v instanceof ApexId) return v.id18;
            throw illegal();
        case "Boolean":
            if (typeof v === "boolean") return v;
            throw illegal();
        case "Integer":
            if (typeof v === "number") return v;
            throw illegal();
        case "Decimal":
            if (isNumber(v)) return v instanceof ApexDecimal ? v : convertNum(v, 2);
            throw illegal();
        case "Date":
            if (v instanceof ApexDate) return v;
            throw illegal();
        case "Datetime":
            if (v instanceof ApexDatetime) return v;
            throw illegal();
        case "Time":
            if (v instanceof ApexTime) return v;
            throw illegal();
    }
}

/** Writes a field or relationship (`c.Email = …`, `c.put('Email', …)`, `c.Account = acc`). */
export function sobjectPut(o: SObjectValue, name: string, v: Value): Value {
    if (o.readOnly) throw new ApexSystemError("FinalException", "Record is read-only");
    const l = name.toLowerCase();
    const field = o.def.fields.get(l);
    if (field?.formula !== undefined)
        throw new UnsupportedError(
            `assignment to formula field ${o.def.name}.${field.name} (the platform rejects it: Field is not writeable)`
        );
    if (field) {
        const prev = o.values.get(l) ?? null;
        o.values.set(l, convertForField(field, v, o.def.name));
        if (o.queried) o.queried.add(l);
        return prev;
    }
    if (o.def.parentRelationships.has(l)) {
        if (v !== null && !(v instanceof SObjectValue))
            throw new ApexSystemError("SObjectException", `Illegal assignment to relationship ${name}`);
        o.values.set(l, v);
        return null;
    }
    if (o.def.childRelationships.has(l)) {
        if (v !== null && !(v instanceof ApexList)) throw invalidField(o.def, name);
        o.values.set(l, v);
        return null;
    }
    throw invalidField(o.def, name);
}

/** `clone(preserveId, isDeepClone)`: copies fields (and, deep, parent records). */
export function sobjectClone(o: SObjectValue, preserveId: boolean, deep: boolean): SObjectValue {
    const c = new SObjectValue(o.def);
    for (const [k, v] of o.values) {
        if (k === "id" && !preserveId) continue;
        c.values.set(k, deep && v instanceof SObjectValue ? sobjectClone(v, true, true) : v);
    }
    if (o.queried) c.queried = new Set(o.queried);
    return c;
}

/** Field-wise equality (`==` on SObjects compares every field value). */
export function sobjectFields(o: SObjectValue): [string, Value][] {
    return [...o.values.entries()];
}
