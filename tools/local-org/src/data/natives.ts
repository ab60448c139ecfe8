import type { NativeCtx } from "../runtime/nativeApi";
import { OBJECT, prim, type RType } from "../link/rtype";
import { ApexSystemError, sysErr, UnsupportedError } from "../runtime/errors";
import { argStr, noMethod } from "../runtime/system/args";
import { NATIVE_ENUMS } from "../runtime/system/platform";
import { hashKey } from "../runtime/values/equality";
import { normaliseId } from "../runtime/values/id";
import { isNumber, toInteger } from "../runtime/values/numbers";
import {
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    EnumValue,
    NativeObject,
    type Value
} from "../runtime/values/values";
import type { DmlOp, DmlRowResult } from "./dml";
import { DmlFailure } from "./dml";
import { mergeFailure, mergeRecords, type MergeOutcome } from "./merge";
import { TRIGGER_OPERATIONS, triggerStaticProp } from "./triggerContext";
import type { LeadConvertOutcome } from "./leadConvert";
import { LIMITS, type LimitKey } from "./limits";
import type { FieldSetDef } from "./fieldSets";
import type { OrgData } from "./orgData";
import { DISPLAY_TYPES, type FieldDef, type ObjectDef } from "./schema";
import type { PicklistEntryDef } from "./standardPicklists";
import { canField, canObject } from "./security";
import { SOQL_RESULTS, sobjectClone, sobjectGet, sobjectPut, SObjectValue } from "./sobject";

/** Marker returned by an extension member that it does not implement. */
export const NOT_HANDLED: unique symbol = Symbol("not handled");
export type Ext = Value | typeof NOT_HANDLED;

// System enums of the data layer (resolved as native types, values as EnumValue).
NATIVE_ENUMS["schema.displaytype"] = [
    ...DISPLAY_TYPES,
    "ADDRESS",
    "ANYTYPE",
    "BASE64",
    "COMBOBOX",
    "COMPLEXVALUE",
    "DATACATEGORYGROUPREFERENCE",
    "ENCRYPTEDSTRING",
    "JSON",
    "LOCATION",
    "LONG",
    "SOBJECT"
];
NATIVE_ENUMS["accesslevel"] = ["USER_MODE", "SYSTEM_MODE"];
NATIVE_ENUMS["cache.visibility"] = ["ALL", "NAMESPACE"];
NATIVE_ENUMS["system.triggeroperation"] = TRIGGER_OPERATIONS;
NATIVE_ENUMS["parentjobresult"] = NATIVE_ENUMS["system.parentjobresult"] = ["SUCCESS", "UNHANDLED_EXCEPTION"];
NATIVE_ENUMS["system.accesslevel"] = ["USER_MODE", "SYSTEM_MODE"];
NATIVE_ENUMS["accesstype"] = ["CREATABLE", "READABLE", "UPDATABLE", "UPSERTABLE"];
// "Quiddity Enum" (Apex Reference Guide), in its documented order
NATIVE_ENUMS["system.quiddity"] = NATIVE_ENUMS["quiddity"] = [
    "ANONYMOUS",
    "AURA",
    "BATCH_ACS",
    "BATCH_APEX",
    "BATCH_CHUNK_PARALLEL",
    "BATCH_CHUNK_SERIAL",
    "BULK_API",
    "COMMERCE_INTEGRATION",
    "DISCOVERABLE_LOGIN",
    "EXTERNAL_SERVICE_CALLBACK",
    "FUNCTION_CALLBACK",
    "FUTURE",
    "INBOUND_EMAIL_SERVICE",
    "INVOCABLE_ACTION",
    "PLATFORM_EVENT_PUBLISH_CALLBACK",
    "POST_INSTALL_SCRIPT",
    "QUEUEABLE",
    "QUICK_ACTION",
    "REMOTE_ACTION",
    "REST",
    "RUNTEST_ASYNC",
    "RUNTEST_DEPLOY",
    "RUNTEST_SYNC",
    "SCHEDULED",
    "SOAP",
    "SYNCHRONOUS",
    "TRANSACTION_FINALIZER_QUEUEABLE",
    "VF"
];
NATIVE_ENUMS["system.accesstype"] = ["CREATABLE", "READABLE", "UPDATABLE", "UPSERTABLE"];
NATIVE_ENUMS["system.statuscode"] = NATIVE_ENUMS["statuscode"] = [
    "REQUIRED_FIELD_MISSING",
    "INVALID_EMAIL_ADDRESS",
    "STRING_TOO_LONG",
    "INVALID_FIELD",
    "INVALID_FIELD_FOR_INSERT_UPDATE",
    "INVALID_CROSS_REFERENCE_KEY",
    "INSUFFICIENT_ACCESS_OR_READONLY",
    "MISSING_ARGUMENT",
    "DUPLICATE_VALUE",
    "DUPLICATE_EXTERNAL_ID",
    "ENTITY_IS_DELETED",
    "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
    "UNDELETE_FAILED",
    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
    "NUMBER_OUTSIDE_VALID_RANGE",
    "FIELD_INTEGRITY_EXCEPTION"
];

/** System types of the data layer, canonical spelling (resolved by the registry's extension hook). */
export const DATA_NATIVE_TYPES = [
    "SObject",
    "Schema.SObjectType",
    "Schema.SObjectField",
    "Schema.DescribeSObjectResult",
    "Schema.DescribeFieldResult",
    "Schema.DisplayType",
    "Schema.PicklistEntry",
    "Schema.RecordTypeInfo",
    "Schema.FieldSet",
    "Schema.FieldSetMember",
    "Database.SaveResult",
    "Database.UpsertResult",
    "Database.DeleteResult",
    "Database.UndeleteResult",
    "Database.Error",
    "Database.QueryLocator",
    "Database.LeadConvert",
    "Database.LeadConvertResult",
    "Database.MergeResult",
    "Cache.Partition",
    "Cache.Visibility",
    "Database.BatchableContext",
    "System.Savepoint",
    "System.AccessLevel",
    "System.AccessType",
    "System.SObjectAccessDecision",
    "System.StatusCode",
    "System.QueueableContext",
    "System.FinalizerContext",
    "System.ParentJobResult",
    "System.SchedulableContext",
    "System.Security",
    "System.FeatureManagement",
    "System.Trigger",
    "System.TriggerOperation",
    "System.EventBus",
    "EventBus.TestBroker",
    "System.Request",
    "System.Quiddity",
    "AggregateResult",
    "Messaging.CustomNotification",
    "Messaging.SingleEmailMessage",
    "Messaging.SendEmailResult",
    "Cache.Org",
    "Cache.Session",
    "Cache.OrgPartition",
    "Cache.SessionPartition"
];

/** Resolves dotted type names of the data layer (`Database.SaveResult`, `Schema.Contact`, `Contact`). */
export function resolveDataType(names: string[], data: OrgData | null): RType | null {
    let parts = names;
    if (parts.length > 1 && parts[0].toLowerCase() === "system") parts = parts.slice(1);
    const joined = parts.join(".").toLowerCase();
    for (const n of DATA_NATIVE_TYPES) {
        const l = n.toLowerCase();
        if (l === joined || l === `system.${joined}` || l === `schema.${joined}` || l === `database.${joined}`)
            return { k: "native", name: n };
    }
    if (joined === "queueablecontext" || joined === "schedulablecontext" || joined === "savepoint")
        return { k: "native", name: `System.${parts[0][0].toUpperCase()}${parts[0].slice(1)}` };
    if (!data) return null;
    if (parts.length === 1 || (parts.length === 2 && parts[0].toLowerCase() === "schema")) {
        const o = data.schema.object(parts[parts.length - 1]);
        if (o) return { k: "native", name: o.name };
    }
    return null;
}

/**
 * `System.Request.getQuiddity()`: the async job's kind inside async work; a test method reports RUNTEST_ASYNC (the
 * local runner runs tests as `sf apex run test` does, asynchronously); outside tests the entry point (anonymous
 * Apex, an Aura call). Anything else fails loudly.
 */
function currentQuiddity(data: OrgData, ctx: NativeCtx): string {
    const inAsync = data.async?.quiddity() ?? null;
    if (inAsync) return inAsync;
    if (ctx.host.isRunningTest) return "RUNTEST_ASYNC";
    if (data.entryQuiddity) return data.entryQuiddity;
    throw new UnsupportedError("System.Request.getQuiddity() outside a test, anonymous Apex or an Aura call");
}

export function dataOf(ctx: NativeCtx): OrgData {
    const d = ctx.host.data;
    if (!d) throw new UnsupportedError("data access without an org data layer");
    return d;
}

// ---------- tokens and describes (interned per object, so Map keys and == work) ----------

const tokens = new WeakMap<ObjectDef, NativeObject>();
const fieldTokens = new WeakMap<FieldDef, NativeObject>();

export class SObjectTypeToken extends NativeObject {
    constructor(readonly def: ObjectDef) {
        super("Schema.SObjectType", {});
    }
    override apexToString(): string {
        return this.def.name;
    }
}

export class SObjectFieldToken extends NativeObject {
    constructor(
        readonly def: ObjectDef,
        readonly field: FieldDef
    ) {
        super("Schema.SObjectField", {});
    }
    override apexToString(): string {
        return this.field.name;
    }
}

export function typeToken(def: ObjectDef): SObjectTypeToken {
    let t = tokens.get(def);
    if (!t) {
        t = new SObjectTypeToken(def);
        tokens.set(def, t);
    }
    return t as SObjectTypeToken;
}

export function fieldToken(def: ObjectDef, f: FieldDef): SObjectFieldToken {
    let t = fieldTokens.get(f);
    if (!t) {
        t = new SObjectFieldToken(def, f);
        fieldTokens.set(f, t);
    }
    return t as SObjectFieldToken;
}

export function describeOf(def: ObjectDef): NativeObject {
    return new NativeObject("Schema.DescribeSObjectResult", { def });
}

function fieldDescribe(def: ObjectDef, f: FieldDef): NativeObject {
    return new NativeObject("Schema.DescribeFieldResult", { def, field: f });
}

export const TYPE_OBJ: RType = { k: "native", name: "Schema.SObjectType" };
const FIELD_OBJ: RType = { k: "native", name: "Schema.SObjectField" };
const PICKLIST_ENTRY: RType = { k: "native", name: "Schema.PicklistEntry" };
export const STR = prim("String");

const RECORD_TYPE_INFO: RType = { k: "native", name: "Schema.RecordTypeInfo" };
/** The Master record type every object has (its Id on every org). */
const MASTER_RECORD_TYPE_ID = "012000000000000AAA";

/** `getRecordTypeInfos()`: the object's record types (RecordType rows), then Master. */
function recordTypeInfos(data: OrgData, def: ObjectDef): NativeObject[] {
    const out: NativeObject[] = [];
    for (const r of data.store.table("recordtype").values()) {
        if (String(r.get("sobjecttype")).toLowerCase() !== def.name.toLowerCase()) continue;
        out.push(
            new NativeObject("Schema.RecordTypeInfo", {
                id: (r.get("id") as ApexId).id18,
                developerName: r.get("developername"),
                name: r.get("name"),
                active: r.get("isactive") === true,
                master: false
            })
        );
    }
    out.push(
        new NativeObject("Schema.RecordTypeInfo", {
            id: MASTER_RECORD_TYPE_ID,
            developerName: "Master",
            name: "Master",
            active: true,
            master: true
        })
    );
    return out;
}

export function enumOf(type: string, name: string): EnumValue {
    const values = NATIVE_ENUMS[type.toLowerCase()] ?? [];
    return new EnumValue(type, name, Math.max(0, values.indexOf(name)), null);
}

// ---------- records ----------

/** `new Contact()` (field initialisers are applied by the interpreter with {@link sobjectPut}). */
export function newSObject(data: OrgData, objectName: string): SObjectValue {
    const def = data.schema.object(objectName);
    if (!def) throw new UnsupportedError(`SObject type ${objectName}`);
    return new SObjectValue(def);
}

export function recordList(v: Value): SObjectValue[] {
    if (v === null) throw sysErr.npe();
    if (v instanceof SObjectValue) return [v];
    if (v instanceof ApexList) {
        return v.items.map((x) => {
            if (!(x instanceof SObjectValue)) {
                if (x === null) throw new ApexSystemError("DmlException", "Record is null");
                throw new ApexSystemError("TypeException", "DML requires SObject records");
            }
            return x;
        });
    }
    throw new ApexSystemError("TypeException", "DML requires an SObject or a list of SObjects");
}

function idList(data: OrgData, v: Value): SObjectValue[] {
    const items = v instanceof ApexList ? v.items : [v];
    if (!items.every((x) => x instanceof ApexId || typeof x === "string")) return recordList(v);
    return items.map((x) => {
        const id = x instanceof ApexId ? x.id18 : normaliseId(String(x));
        if (!id) throw sysErr.invalidId(String(x));
        const def = data.schema.objectOfPrefix(id.slice(0, 3));
        if (!def) throw new ApexSystemError("DmlException", `Invalid id: ${id}`);
        const o = new SObjectValue(def);
        o.values.set("id", new ApexId(id));
        return o;
    });
}

export function saveResult(kind: string, r: DmlRowResult): NativeObject {
    return new NativeObject(kind, { result: r });
}

/** Runs DML for a statement or a `Database.*` call; statements always run all-or-none. */
export function runDml(
    data: OrgData,
    op: DmlOp | "merge",
    value: Value,
    allOrNone: boolean,
    userMode: boolean,
    externalIdField: string | null
): DmlRowResult[] {
    if (op === "merge") throw new UnsupportedError("DML merge");
    const records = op === "delete" || op === "undelete" ? idList(data, value) : recordList(value);
    if (records.length === 0) return [];
    const types = new Set(records.map((r) => r.def.name));
    if (types.size > 1 && op === "upsert")
        throw new ApexSystemError(
            "TypeException",
            "DML on generic List<SObject> only allowed for insert, update or delete"
        );
    return data.dml(op, records, allOrNone, userMode, externalIdField);
}

/** `merge master duplicates;` (all-or-none). */
export function mergeStatement(data: OrgData, master: Value, duplicates: Value, userMode: boolean): void {
    const r = mergeRecords(data, master, duplicates, userMode);
    if (!r.success) throw mergeFailure(r);
}

/** Statement form (`insert x;`, `upsert x Ext__c;`, `insert as user x;`). */
export function dmlStatement(
    data: OrgData,
    op: DmlOp | "merge",
    value: Value,
    accessLevel: "user" | "system" | null,
    ext: string[] | null
): void {
    runDml(data, op, value, true, accessLevel === "user", ext ? ext[ext.length - 1] : null);
}

// ---------- SOQL ----------

/** Turns a query result into the Apex value of a SOQL expression or `Database.query`. */
export function queryValue(
    data: OrgData,
    soql: string,
    bind: (i: number, text: string) => Value,
    userMode: boolean,
    markInline: boolean
): Value {
    const r = data.query(soql, bind, userMode);
    if (r.kind === "count") return r.count;
    const from = r.rows[0]?.def.name ?? data.schema.object(soqlFrom(soql))?.name ?? "SObject";
    const list = new ApexList({ k: "native", name: from }, r.rows);
    if (markInline) SOQL_RESULTS.add(list);
    return list;
}

function soqlFrom(soql: string): string {
    const m = /\bfrom\s+([A-Za-z0-9_]+)/i.exec(soql);
    return m ? m[1] : "SObject";
}

/** A partition member (`Cache.OrgPartition` / `Cache.SessionPartition`, and the qualified-key statics). */
export function partitionCall(data: OrgData, kind: "org" | "session", name: string, lname: string, a: Value[]): Ext {
    switch (lname) {
        case "get":
            return data.cache.get(kind, name, argStr(a, 0));
        case "put":
            // put(key, value[, ttlSecs][, visibility][, immutable]): one namespace locally, so visibility and
            // immutability change nothing
            data.cache.put(
                kind,
                name,
                argStr(a, 0),
                a[1] ?? null,
                a.length > 2 && a[2] !== null && isNumber(a[2]) ? toInteger(a[2]) : null
            );
            return null;
        case "contains":
            return data.cache.contains(kind, name, argStr(a, 0));
        case "remove":
            return data.cache.remove(kind, name, argStr(a, 0));
        case "getkeys": {
            const set = new ApexSet(STR);
            for (const k of data.cache.keys(kind, name)) set.keys.set(hashKey(k), k);
            return set;
        }
        case "getnumkeys":
            return data.cache.keys(kind, name).length;
        case "getname":
            return name;
        case "isavailable":
            // every partition has capacity in the local org
            return true;
    }
    return NOT_HANDLED;
}

/** `Contact.SObjectType`, `Contact.Email`, `Schema.DisplayType.EMAIL` are handled here or by the enum table. */
export function dataStaticProp(type: string, name: string, ctx: NativeCtx): Ext {
    const data = ctx.host.data;
    if (type === "System.Trigger") return triggerStaticProp(dataOf(ctx).triggers, name);
    // `Schema.SObjectType.Account`: the object's describe result
    if (type === "Schema.SObjectType") {
        const o = data?.schema.object(name);
        return o ? describeOf(o) : NOT_HANDLED;
    }
    const def = data?.schema.object(type);
    if (!def) return NOT_HANDLED;
    const l = name.toLowerCase();
    if (l === "sobjecttype") return typeToken(def);
    const f = def.fields.get(l);
    if (f) return fieldToken(def, f);
    return NOT_HANDLED;
}

export function dataConstruct(type: string, args: Value[], ctx: NativeCtx): Ext {
    if (type === "Messaging.CustomNotification") {
        const names = ["notificationtypeid", "senderid", "title", "body", "targetid", "targetpageref"];
        const state: Record<string, unknown> = {};
        if (args.length === 6) names.forEach((n, i) => (state[n] = args[i]));
        else if (args.length) return NOT_HANDLED;
        return new NativeObject("Messaging.CustomNotification", state);
    }
    if (type === "Messaging.SingleEmailMessage" && args.length === 0)
        return new NativeObject("Messaging.SingleEmailMessage", {});
    if (type === "Database.LeadConvert") return new NativeObject("Database.LeadConvert", {});
    const data = ctx.host.data;
    const def = data?.schema.object(type);
    if (!data || !def) return NOT_HANDLED;
    if (def.customMetadata || args.length === 0) return new SObjectValue(def);
    return NOT_HANDLED;
}

// ---------- instance members ----------

function sobjectMethod(o: SObjectValue, lname: string, a: Value[], ctx: NativeCtx): Ext {
    const fieldName = (v: Value | undefined): string => {
        if (v instanceof SObjectFieldToken) return v.field.name;
        return argStr(a, 0);
    };
    switch (lname) {
        case "get":
            return sobjectGet(o, fieldName(a[0]));
        case "put":
            return sobjectPut(o, fieldName(a[0]), a[1] ?? null);
        case "getsobject": {
            const v = sobjectGet(o, fieldName(a[0]));
            return v instanceof SObjectValue ? v : null;
        }
        case "putsobject":
            return sobjectPut(o, fieldName(a[0]), a[1] ?? null);
        case "getsobjects": {
            const v = sobjectGet(o, fieldName(a[0]));
            return v instanceof ApexList && v.items.length ? v : null;
        }
        case "getsobjecttype":
            if (o.def.polymorphicName)
                throw new UnsupportedError(
                    "getSObjectType() of a record reached through a polymorphic relationship (use the Id's getSObjectType())"
                );
            return typeToken(o.def);
        case "clone":
            return sobjectClone(o, a[0] === true, a[1] === true);
        case "getpopulatedfieldsasmap": {
            const m = new ApexMap(STR, OBJECT);
            for (const name of o.populated()) {
                const v = o.values.get(name.toLowerCase()) ?? null;
                m.entries.set(hashKey(name), [name, v]);
            }
            return m;
        }
        case "isset":
            return o.values.has(fieldName(a[0]).toLowerCase());
        case "adderror": {
            const msg = a.length === 1 ? String(a[0]) : String(a[1]);
            o.errors.push(msg);
            return null;
        }
        case "geterrors":
            return new ApexList(
                { k: "native", name: "Database.Error" },
                o.errors.map((m) =>
                    dbError({ statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: m, fields: [] })
                )
            );
        case "haserrors":
            return o.errors.length > 0;
        case "equals":
            return a[0] === o;
        case "tostring":
            return o.apexToString();
    }
    void ctx;
    return NOT_HANDLED;
}

function dbError(e: { statusCode: string; message: string; fields: string[] }): NativeObject {
    return new NativeObject("Database.Error", { error: e });
}

function bool(v: boolean): Value {
    return v;
}

/** Instance methods of data-layer values; NOT_HANDLED for everything else. */
// ---------- field sets ----------

const FIELD_SET_T: RType = { k: "native", name: "Schema.FieldSet" };
const FIELD_SET_MEMBER_T: RType = { k: "native", name: "Schema.FieldSetMember" };
const fieldSetObjects = new WeakMap<ObjectDef, NativeObject[]>();

/** The object's field sets as `Schema.FieldSet` values (interned per object, so == and Map keys work). */
function fieldSetsOf(data: OrgData, def: ObjectDef): NativeObject[] {
    let sets = fieldSetObjects.get(def);
    if (!sets) {
        sets = (data.fieldSets.get(def.name.toLowerCase()) ?? []).map(
            (fs) => new NativeObject("Schema.FieldSet", { name: fs.name.toLowerCase(), def, fs })
        );
        fieldSetObjects.set(def, sets);
    }
    return sets;
}

/** A member's field: on the object, or one lookup away (`Account.Name`); null hops for a direct field. */
function memberField(data: OrgData, def: ObjectDef, fieldPath: string): { field: FieldDef; via: FieldDef | null } {
    const parts = fieldPath.split(".");
    if (parts.length === 1) {
        const f = def.fields.get(parts[0].toLowerCase());
        if (f) return { field: f, via: null };
    } else if (parts.length === 2) {
        const via = def.parentRelationships.get(parts[0].toLowerCase());
        const target = via && via.referenceTo.length === 1 ? data.schema.object(via.referenceTo[0]) : undefined;
        const f = target?.fields.get(parts[1].toLowerCase());
        if (via && f) return { field: f, via };
    }
    throw new UnsupportedError(`field set member ${fieldPath} of ${def.name} (not a field the local org knows)`);
}

/** `Schema.FieldSets` (`describe.fieldSets`), `Schema.FieldSet` and `Schema.FieldSetMember` methods. */
function fieldSetMethod(v: NativeObject, lname: string, ctx: NativeCtx): Ext {
    const s = v.state;
    const def = s.def as ObjectDef;
    if (v.typeName === "Schema.FieldSets") {
        if (lname !== "getmap") return NOT_HANDLED;
        // "The key of the returned Map is the field set name" (Apex Reference, "FieldSet Class")
        const m = new ApexMap(STR, FIELD_SET_T);
        m.caseInsensitive = true;
        for (const set of fieldSetsOf(dataOf(ctx), def)) {
            const name = (set.state.fs as FieldSetDef).name;
            m.entries.set(hashKey(name.toLowerCase()), [name, set]);
        }
        return m;
    }
    if (v.typeName === "Schema.FieldSet") {
        const fs = s.fs as FieldSetDef;
        switch (lname) {
            case "getname":
                return fs.name;
            case "getlabel":
                return fs.label;
            case "getdescription":
                return fs.description;
            case "getsobjecttype":
                return typeToken(def);
            case "getfields":
                return new ApexList(
                    FIELD_SET_MEMBER_T,
                    fs.members.map((m) => new NativeObject("Schema.FieldSetMember", { def, member: m }))
                );
            case "getnamespace":
                throw new UnsupportedError(
                    "Schema.FieldSet.getNamespace() (its value without a namespace is not documented)"
                );
        }
        return NOT_HANDLED;
    }
    if (v.typeName === "Schema.FieldSetMember") {
        const member = s.member as FieldSetDef["members"][number];
        if (lname === "getfieldpath") return member.path;
        if (lname === "getrequired") return member.required;
        const { field, via } = memberField(dataOf(ctx), def, member.path);
        if (via)
            throw new UnsupportedError(`Schema.FieldSetMember.${lname}() of ${member.path}, a field across a lookup`);
        switch (lname) {
            case "getdbrequired":
                return field.required;
            case "gettype":
                return enumOf("Schema.DisplayType", field.type);
            case "getlabel":
                return field.label;
            case "getsobjectfield":
                return fieldToken(def, field);
        }
    }
    return NOT_HANDLED;
}

export function dataInstance(v: Value, lname: string, a: Value[], ctx: NativeCtx): Ext {
    if (v instanceof SObjectValue) return sobjectMethod(v, lname, a, ctx);
    if (v instanceof ApexId) {
        if (lname === "getsobjecttype") {
            const def = ctx.host.data?.schema.objectOfPrefix(v.id18.slice(0, 3));
            if (!def)
                throw new ApexSystemError(
                    "SObjectException",
                    `Invalid id: no SObject type with key prefix ${v.id18.slice(0, 3)}`
                );
            return typeToken(def);
        }
        return NOT_HANDLED;
    }
    if (!(v instanceof NativeObject)) return NOT_HANDLED;
    if (v.typeName.startsWith("Schema.FieldSet")) return fieldSetMethod(v, lname, ctx);
    if (v.typeName === "EventBus.TestBroker") {
        if (lname !== "deliver" || a.length !== 0) return NOT_HANDLED;
        const data = dataOf(ctx);
        data.eventBus.deliver(data.triggers, data.governor);
        return null;
    }
    const s = v.state;
    switch (v.typeName) {
        case "Schema.SObjectType": {
            const def = (v as SObjectTypeToken).def;
            if (lname === "getdescribe") return describeOf(def);
            if (lname === "newsobject") {
                const o = new SObjectValue(def);
                if (a[0] !== undefined && a[0] !== null) sobjectPut(o, "Id", a[0]);
                // newSObject(id, loadDefaults): checkbox defaults and each picklist's default value
                if (a[1] === true)
                    for (const f of def.fields.values()) {
                        const picked = f.picklist?.values.find((e) => e.isDefault && e.active)?.value;
                        const value = f.defaultValue ?? picked;
                        if (value !== undefined && !f.system) o.values.set(f.name.toLowerCase(), value);
                    }
                return o;
            }
            if (lname === "tostring") return def.name;
            if (lname === "equals") return a[0] === v;
            if (lname === "hashcode") return 0;
            break;
        }
        case "Schema.SObjectField": {
            const t = v as SObjectFieldToken;
            if (lname === "getdescribe") return fieldDescribe(t.def, t.field);
            if (lname === "tostring") return t.field.name;
            break;
        }
        case "Schema.DescribeSObjectResult": {
            const def = s.def as ObjectDef;
            const perms = (): ReturnType<OrgData["perms"]> => dataOf(ctx).perms();
            switch (lname) {
                case "getname":
                case "getlocalname":
                    return def.name;
                case "getlabel":
                    return def.label;
                case "getlabelplural":
                    return def.labelPlural;
                case "getkeyprefix":
                    return def.keyPrefix;
                case "iscustom":
                    return def.custom;
                case "iscustomsetting":
                    return false;
                case "getsobjecttype":
                    return typeToken(def);
                case "isaccessible":
                case "isqueryable":
                    return bool(canObject(perms(), def, "read"));
                case "iscreateable":
                    return bool(!def.customMetadata && canObject(perms(), def, "create"));
                case "isupdateable":
                    return bool(!def.customMetadata && canObject(perms(), def, "edit"));
                case "isdeletable":
                    return bool(!def.customMetadata && canObject(perms(), def, "delete"));
                case "getrecordtypeinfos":
                    return new ApexList(RECORD_TYPE_INFO, recordTypeInfos(dataOf(ctx), def));
                case "getrecordtypeinfosbydevelopername":
                case "getrecordtypeinfosbyname":
                case "getrecordtypeinfosbyid": {
                    const byId = lname === "getrecordtypeinfosbyid";
                    const m = new ApexMap(byId ? prim("Id") : STR, RECORD_TYPE_INFO);
                    for (const info of recordTypeInfos(dataOf(ctx), def)) {
                        const st = info.state as { id: string; developerName: string; name: string };
                        const k: Value = byId
                            ? new ApexId(st.id)
                            : lname === "getrecordtypeinfosbyname"
                              ? st.name
                              : st.developerName;
                        m.entries.set(hashKey(k), [k, info]);
                    }
                    return m;
                }
            }
            break;
        }
        case "Schema.RecordTypeInfo": {
            const st = s as { id: string; developerName: string; name: string; active: boolean; master: boolean };
            switch (lname) {
                case "getrecordtypeid":
                    return new ApexId(st.id);
                case "getdevelopername":
                    return st.developerName;
                case "getname":
                    return st.name;
                case "isactive":
                    return st.active;
                case "ismaster":
                    return st.master;
                case "isavailable":
                    if (dataOf(ctx).perms().all) return true;
                    throw new UnsupportedError(
                        "RecordTypeInfo.isAvailable() for a user other than a System Administrator (record type assignments are not modelled)"
                    );
                case "isdefaultrecordtypemapping":
                    throw new UnsupportedError(
                        "RecordTypeInfo.isDefaultRecordTypeMapping() (profile record type defaults are not modelled)"
                    );
            }
            break;
        }
        case "Schema.SObjectTypeFields": {
            const def = s.def as ObjectDef;
            if (lname === "getmap") {
                const m = new ApexMap(STR, FIELD_OBJ);
                m.caseInsensitive = true;
                for (const f of def.fields.values()) {
                    const k = f.name.toLowerCase();
                    m.entries.set(hashKey(k), [k, fieldToken(def, f)]);
                }
                return m;
            }
            break;
        }
        case "Schema.DescribeFieldResult": {
            const def = s.def as ObjectDef;
            const f = s.field as FieldDef;
            const perms = (): ReturnType<OrgData["perms"]> => dataOf(ctx).perms();
            switch (lname) {
                case "getname":
                case "getlocalname":
                    return f.name;
                case "getlabel":
                    return f.label;
                case "gettype":
                    return enumOf("Schema.DisplayType", f.type);
                case "getprecision":
                    return f.precision ?? (["DOUBLE", "CURRENCY", "PERCENT"].includes(f.type) ? 18 : 0);
                case "getscale":
                    return f.scale ?? (["CURRENCY"].includes(f.type) ? 2 : 0);
                case "getdigits":
                    return f.type === "INTEGER" ? (f.digits ?? 9) : 0;
                case "getlength":
                    return f.type === "ID" || f.type === "REFERENCE" ? 18 : f.length;
                case "iscustom":
                    return f.custom;
                case "isexternalid":
                    return f.externalId;
                case "isunique":
                    return f.unique;
                case "isnillable":
                    return !f.required && f.type !== "BOOLEAN" && f.name !== "Id";
                case "isaccessible":
                    return canField(perms(), def, f, "read");
                case "isautonumber":
                    return f.autoNumber !== undefined;
                case "iscalculated":
                    return f.formula !== undefined;
                case "getcalculatedformula":
                    return f.formula ?? null;
                case "iscreateable":
                    // the platform fills an auto-number field: never createable or updateable
                    return (
                        !def.customMetadata &&
                        !f.autoNumber &&
                        f.formula === undefined &&
                        canField(perms(), def, f, "edit")
                    );
                case "isupdateable":
                    // a master-detail field can change only when the relationship allows reparenting
                    return (
                        !def.customMetadata &&
                        !f.autoNumber &&
                        f.formula === undefined &&
                        !(f.masterDetail && !f.masterDetail.reparentable) &&
                        canField(perms(), def, f, "edit")
                    );
                case "getsobjectfield":
                    return fieldToken(def, f);
                case "getpicklistvalues":
                    // describe lists the active values only; a field that is not a picklist has none
                    return new ApexList(
                        PICKLIST_ENTRY,
                        (f.picklist?.values ?? [])
                            .filter((e) => e.active)
                            .map((e) => new NativeObject("Schema.PicklistEntry", { entry: e }))
                    );
                case "isrestrictedpicklist":
                    return f.picklist?.restricted ?? false;
                case "isdependentpicklist":
                    return false;
                case "getrelationshipname":
                    return f.relationshipName;
                case "getreferenceto": {
                    const data = dataOf(ctx);
                    return new ApexList(
                        TYPE_OBJ,
                        f.referenceTo
                            .map((r) => data.schema.object(r))
                            .filter((o): o is ObjectDef => !!o)
                            .map(typeToken)
                    );
                }
            }
            break;
        }
        case "Schema.PicklistEntry": {
            const e = s.entry as PicklistEntryDef;
            switch (lname) {
                case "getvalue":
                    return e.value;
                case "getlabel":
                    return e.label;
                case "isactive":
                    return e.active;
                case "isdefaultvalue":
                    return e.isDefault;
            }
            break;
        }
        case "Database.SaveResult":
        case "Database.UpsertResult":
        case "Database.DeleteResult":
        case "Database.UndeleteResult": {
            const r = s.result as DmlRowResult;
            switch (lname) {
                case "getid":
                    return r.id ? new ApexId(r.id) : null;
                case "issuccess":
                    return r.success;
                case "iscreated":
                    return r.created;
                case "geterrors":
                    return new ApexList({ k: "native", name: "Database.Error" }, r.errors.map(dbError));
            }
            break;
        }
        case "Database.MergeResult": {
            const r = s.result as MergeOutcome;
            switch (lname) {
                case "getid":
                    return r.id ? new ApexId(r.id) : null;
                case "issuccess":
                    return r.success;
                case "getmergedrecordids":
                    return new ApexList(
                        prim("Id"),
                        r.mergedIds.map((x) => new ApexId(x))
                    );
                case "getupdatedrelatedids":
                    return new ApexList(
                        prim("Id"),
                        r.updatedRelatedIds.map((x) => new ApexId(x))
                    );
                case "geterrors":
                    return new ApexList({ k: "native", name: "Database.Error" }, r.errors.map(dbError));
            }
            break;
        }
        case "Database.Error": {
            const e = s.error as { statusCode: string; message: string; fields: string[] };
            switch (lname) {
                case "getstatuscode":
                    return enumOf("System.StatusCode", e.statusCode);
                case "getmessage":
                    return e.message;
                case "getfields":
                    return new ApexList(STR, e.fields.slice());
            }
            break;
        }
        case "Database.QueryLocator":
            if (lname === "getquery") return String(s.soql);
            break;
        case "Database.LeadConvert": {
            const setters: Record<string, string> = {
                setleadid: "leadId",
                setconvertedstatus: "convertedStatus",
                setaccountid: "accountId",
                setcontactid: "contactId",
                setdonotcreateopportunity: "doNotCreateOpportunity",
                setopportunityname: "opportunityName",
                setownerid: "ownerId",
                setsendnotificationemail: "sendNotificationEmail",
                setoverwriteleadsource: "overwriteLeadSource"
            };
            if (setters[lname]) {
                const v = a[0] ?? null;
                s[setters[lname]] =
                    typeof v === "string" && /id$/i.test(setters[lname]) ? new ApexId(normaliseId(v) ?? v) : v;
                return null;
            }
            const getter = lname.startsWith("get") || lname.startsWith("is") ? lname.replace(/^(get|is)/, "") : null;
            const key = getter ? Object.values(setters).find((k) => k.toLowerCase() === getter) : undefined;
            if (key) return (s[key] as Value | undefined) ?? null;
            break;
        }
        case "Messaging.CustomNotification":
        case "Messaging.SingleEmailMessage": {
            if (lname.startsWith("set") && a.length === 1) {
                s[lname.slice(3)] = a[0] ?? null;
                return null;
            }
            if (v.typeName === "Messaging.CustomNotification" && lname === "send") {
                const data = dataOf(ctx);
                const to = a[0];
                const recipients =
                    to instanceof ApexSet ? [...to.keys.values()] : to instanceof ApexList ? to.items : null;
                if (!recipients) throw sysErr.npe();
                for (const k of ["notificationtypeid", "title", "body"])
                    if (s[k] === null || s[k] === undefined || s[k] === "")
                        throw new ApexSystemError("InvalidParameterValueException", `Custom notification without ${k}`);
                data.outbox.push({ kind: "notification", fields: { ...s, recipients: recipients.map(String) } });
                return null;
            }
            break;
        }
        case "Messaging.SendEmailResult":
            if (lname === "issuccess") return true;
            if (lname === "geterrors") return new ApexList(OBJECT, []);
            break;
        case "Database.LeadConvertResult": {
            const r = s.result as LeadConvertOutcome;
            const id = (x: string | null): Value => (x ? new ApexId(x) : null);
            switch (lname) {
                case "getleadid":
                    return id(r.leadId);
                case "getaccountid":
                    return id(r.accountId);
                case "getcontactid":
                    return id(r.contactId);
                case "getopportunityid":
                    return id(r.opportunityId);
                case "issuccess":
                    return r.success;
                case "geterrors":
                    return new ApexList({ k: "native", name: "Database.Error" }, r.errors.map(dbError));
            }
            break;
        }
        case "QueueableContext":
        case "Database.BatchableContext":
            if (lname === "getjobid") return new ApexId(String(s.jobId));
            if (lname === "getchildjobid") return null;
            break;
        case "System.Request": {
            const data = dataOf(ctx);
            if (lname === "getrequestid") return data.requestId;
            if (lname === "getquiddity") return enumOf("System.Quiddity", currentQuiddity(data, ctx));
            break;
        }
        case "System.FinalizerContext":
            switch (lname) {
                case "getasyncapexjobid":
                    return new ApexId(String(s.jobId));
                case "getresult":
                    return enumOf("System.ParentJobResult", String(s.result));
                case "getexception":
                    return (s.exception as ApexObject | null) ?? null;
                case "getrequestid":
                    // the platform shares one request Id between the job and its finalizer
                    return `local-${String(s.jobId)}`;
            }
            break;
        case "SchedulableContext":
            if (lname === "gettriggerid") return new ApexId(String(s.triggerId));
            break;
        case "System.SObjectAccessDecision": {
            if (lname === "getrecords") {
                const recs = s.records as SObjectValue[];
                return new ApexList({ k: "native", name: recs[0]?.def.name ?? "SObject" }, recs.slice());
            }
            if (lname === "getremovedfields") {
                const m = new ApexMap(STR, { k: "set", elem: STR });
                for (const [obj, fields] of s.removed as Map<string, Set<string>>) {
                    const set = new ApexSet(STR);
                    for (const f of fields) set.keys.set(hashKey(f), f);
                    m.entries.set(hashKey(obj), [obj, set]);
                }
                return m;
            }
            if (lname === "getmodifiedindexes") return new ApexSet(prim("Integer"));
            break;
        }
        case "Cache.OrgPartition":
        case "Cache.SessionPartition": {
            const r = partitionCall(dataOf(ctx), s.kind as "org" | "session", String(s.name), lname, a);
            if (r !== NOT_HANDLED) return r;
            break;
        }
        default:
            return NOT_HANDLED;
    }
    return noMethod(`${v.typeName}.${lname}`, a.length);
}

/** Property reads on data-layer values (`describe.fields`, `Schema.SObjectType.Contact.fields.Email`). */
export function dataInstanceProp(v: Value, name: string, ctx: NativeCtx): Ext {
    if (!(v instanceof NativeObject)) return NOT_HANDLED;
    const l = name.toLowerCase();
    if (v.typeName === "Schema.DescribeSObjectResult" && l === "fields")
        return new NativeObject("Schema.SObjectTypeFields", { def: v.state.def });
    if (v.typeName === "Schema.DescribeSObjectResult" && l === "fieldsets")
        return new NativeObject("Schema.FieldSets", { def: v.state.def });
    if (v.typeName === "Schema.FieldSets") {
        const def = v.state.def as ObjectDef;
        const set = fieldSetsOf(dataOf(ctx), def).find((x) => x.state.name === l);
        if (set) return set;
        throw new UnsupportedError(
            `field set ${name} of ${def.name} (none in the sources: a compile error on the platform)`
        );
    }
    if (v.typeName === "Schema.SObjectTypeFields") {
        const def = v.state.def as ObjectDef;
        const f = def.fields.get(l);
        if (f) return fieldToken(def, f);
        throw new ApexSystemError("SObjectException", `Invalid field ${name} for ${def.name}`);
    }
    void ctx;
    return NOT_HANDLED;
}

/** Limits reported per test (peak usage). */
export function limitNames(): [LimitKey, string][] {
    return (Object.keys(LIMITS) as LimitKey[]).map((k) => [k, k]);
}

export { DmlFailure };
