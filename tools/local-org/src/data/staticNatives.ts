import type { NativeCtx } from "../runtime/nativeApi";
import { ApexSystemError, sysErr, UnsupportedError } from "../runtime/errors";
import { argStr } from "../runtime/system/args";
import { hashKey } from "../runtime/values/equality";
import { normaliseId } from "../runtime/values/id";
import { isNumber, toInteger } from "../runtime/values/numbers";
import { ApexId, ApexList, ApexMap, ApexObject, EnumValue, NativeObject, type Value } from "../runtime/values/values";
import { ASYNC_INFO_METHODS, asyncInfoStatic } from "./asyncInfo";
import type { DmlOp } from "./dml";
import { convertLead } from "./leadConvert";
import type { LimitKey } from "./limits";
import { mergeFailure, mergeRecords } from "./merge";
import {
    dataOf,
    describeOf,
    type Ext,
    NOT_HANDLED,
    partitionCall,
    queryValue,
    recordList,
    runDml,
    saveResult,
    SObjectFieldToken,
    STR,
    TYPE_OBJ,
    typeToken
} from "./natives";
import type { OrgData } from "./orgData";
import type { ObjectDef } from "./schema";
import { canField, canObject } from "./security";
import { sobjectClone, sobjectGet, SObjectValue } from "./sobject";
import type { StoreSnapshot } from "./store";

/**
 * Static methods of system classes that need the org's data (Database, Schema, Limits, Cache, async System
 * methods, UserInfo of the running user, ...): one table per class, one entry per lower-cased method, consulted by the
 * interpreter's dispatch before the value-layer tables. The tables are also what `apex check` reports as implemented.
 */
type DataStatics = Record<string, (a: Value[], ctx: NativeCtx) => Ext>;

function accessLevelArg(v: Value | undefined): boolean | null {
    if (v instanceof EnumValue && v.enumName.toLowerCase().endsWith("accesslevel")) return v.name === "USER_MODE";
    return null;
}

function bindsFromMap(m: Value): (i: number, text: string) => Value {
    if (!(m instanceof ApexMap)) throw sysErr.npe();
    const byName = new Map<string, Value>();
    for (const [k, v] of m.entries.values()) byName.set(String(k).toLowerCase(), v);
    return (_i, text) => {
        const key = text.toLowerCase();
        if (!byName.has(key))
            throw new ApexSystemError("QueryException", `Key '${text}' does not exist in the bindMap`);
        return byName.get(key) ?? null;
    };
}

function bindsFromScope(ctx: NativeCtx): (i: number, text: string) => Value {
    return (_i, text) => {
        const parts = text.split(".");
        const look = ctx.lookupVariable?.(parts[0]);
        if (!look || !look.found) throw new ApexSystemError("QueryException", `Variable does not exist: ${parts[0]}`);
        let v = look.value;
        for (const p of parts.slice(1)) {
            if (v === null) throw sysErr.npe();
            if (v instanceof SObjectValue) v = sobjectGet(v, p);
            else if (v instanceof ApexObject) v = v.fields.get(p.toLowerCase()) ?? null;
            else throw new UnsupportedError(`bind expression :${text} in dynamic SOQL`);
        }
        return v;
    };
}

// ---------- Database ----------

/** `Database.insert|update|upsert|delete|undelete(records [, allOrNone | AccessLevel] ...)`. */
function dmlCall(op: DmlOp, kind: string): (a: Value[], ctx: NativeCtx) => Value {
    return (a, ctx) => {
        let allOrNone = true;
        let userMode = false;
        let ext: string | null = null;
        let rest = a.slice(1);
        if (op === "upsert" && rest[0] instanceof SObjectFieldToken) {
            ext = rest[0].field.name;
            rest = rest.slice(1);
        }
        for (const x of rest) {
            if (typeof x === "boolean") allOrNone = x;
            const al = accessLevelArg(x ?? undefined);
            if (al !== null) userMode = al;
        }
        const results = runDml(dataOf(ctx), op, a[0], allOrNone, userMode, ext);
        const objs = results.map((r) => saveResult(kind, r));
        if (!(a[0] instanceof ApexList)) return objs[0] ?? null;
        return new ApexList({ k: "native", name: kind }, objs);
    };
}

function countOf(v: Value): Value {
    if (typeof v !== "number") throw new ApexSystemError("QueryException", "countQuery requires SELECT COUNT()");
    return v;
}

function queryLocator(rows: Value, soql: string): NativeObject {
    return new NativeObject("Database.QueryLocator", { rows: rows instanceof ApexList ? rows.items : [], soql });
}

const DATABASE: DataStatics = {
    query: (a, ctx) => queryValue(dataOf(ctx), argStr(a, 0), bindsFromScope(ctx), accessLevelArg(a[1]) ?? false, true),
    querywithbinds: (a, ctx) =>
        queryValue(dataOf(ctx), argStr(a, 0), bindsFromMap(a[1]), accessLevelArg(a[2]) ?? false, true),
    countquery: (a, ctx) =>
        countOf(queryValue(dataOf(ctx), argStr(a, 0), bindsFromScope(ctx), accessLevelArg(a[1]) ?? false, false)),
    countquerywithbinds: (a, ctx) =>
        countOf(queryValue(dataOf(ctx), argStr(a, 0), bindsFromMap(a[1]), accessLevelArg(a[2]) ?? false, false)),
    getquerylocator: (a, ctx) => {
        if (a[0] instanceof ApexList) return new NativeObject("Database.QueryLocator", { rows: a[0].items, soql: "" });
        const soql = argStr(a, 0);
        return queryLocator(
            queryValue(dataOf(ctx), soql, bindsFromScope(ctx), accessLevelArg(a[1]) ?? false, false),
            soql
        );
    },
    getquerylocatorwithbinds: (a, ctx) => {
        const soql = argStr(a, 0);
        return queryLocator(
            queryValue(dataOf(ctx), soql, bindsFromMap(a[1]), accessLevelArg(a[2]) ?? false, false),
            soql
        );
    },
    convertlead: (a, ctx) => {
        const data = dataOf(ctx);
        const single = !(a[0] instanceof ApexList);
        const items = a[0] instanceof ApexList ? a[0].items : [a[0]];
        const allOrNone = a.length > 1 && typeof a[1] === "boolean" ? a[1] : true;
        const sp = data.store.snapshot();
        const out = items.map((lc) => {
            if (!(lc instanceof NativeObject) || lc.typeName !== "Database.LeadConvert") throw sysErr.npe();
            const r = convertLead(data, lc);
            if (!r.success && allOrNone) {
                data.store.restore(sp);
                const e = r.errors[0];
                throw new ApexSystemError(
                    "DmlException",
                    `ConvertLead failed. First exception on row 0; first error: ${e.statusCode}, ${e.message}: []`
                );
            }
            return new NativeObject("Database.LeadConvertResult", { result: r });
        });
        return single ? out[0] : new ApexList({ k: "native", name: "Database.LeadConvertResult" }, out);
    },
    insert: dmlCall("insert", "Database.SaveResult"),
    update: dmlCall("update", "Database.SaveResult"),
    upsert: dmlCall("upsert", "Database.UpsertResult"),
    delete: dmlCall("delete", "Database.DeleteResult"),
    undelete: dmlCall("undelete", "Database.UndeleteResult"),
    merge: (a, ctx) => {
        // merge(master, duplicate | duplicates | id | ids [, allOrNone] [, accessLevel])
        let allOrNone = true;
        let userMode = false;
        for (const x of a.slice(2)) {
            if (typeof x === "boolean") allOrNone = x;
            const al = accessLevelArg(x ?? undefined);
            if (al !== null) userMode = al;
        }
        // the list overloads return List<Database.MergeResult>, one result per what is not documented
        if (a[1] instanceof ApexList)
            throw new UnsupportedError("Database.merge with a list of duplicates (use the merge statement)");
        const r = mergeRecords(dataOf(ctx), a[0] ?? null, a[1] ?? null, userMode);
        if (!r.success && allOrNone) throw mergeFailure(r);
        return new NativeObject("Database.MergeResult", { result: r });
    },
    setsavepoint: (_a, ctx) => {
        const data = dataOf(ctx);
        data.governor.add("dmlStatements");
        return new NativeObject("System.Savepoint", { snapshot: data.store.snapshot() });
    },
    rollback: (a, ctx) => {
        const data = dataOf(ctx);
        const sp = a[0];
        if (!(sp instanceof NativeObject) || sp.typeName !== "System.Savepoint") throw sysErr.npe();
        data.governor.add("dmlStatements");
        data.store.restore(sp.state.snapshot as StoreSnapshot);
        return null;
    },
    executebatch: (a, ctx) => {
        const obj = a[0];
        if (!(obj instanceof ApexObject)) throw sysErr.npe();
        const scope = a.length > 1 && a[1] !== null ? toInteger(a[1] as number) : 200;
        return new ApexId(asyncOf(dataOf(ctx)).executeBatch(obj, scope));
    }
};

// ---------- System (async), AsyncInfo, EventBus, Test ----------

const ASYNC_SYSTEM: DataStatics = {
    enqueuejob: (a, ctx) => {
        const data = dataOf(ctx);
        const obj = a[0];
        if (!(obj instanceof ApexObject)) throw sysErr.npe();
        data.governor.add("queueableJobs");
        // enqueueJob(job, delayMinutes): the platform takes 0–10 minutes (AsyncOptions is not modelled); the refusal's
        // text is the local org's own
        const delay = a.length > 1 && a[1] !== null && isNumber(a[1]) ? toInteger(a[1]) : 0;
        if (delay < 0 || delay > 10)
            throw new ApexSystemError(
                "InvalidParameterValueException",
                `The queueable delay must be between 0 and 10 minutes: ${delay}`
            );
        return new ApexId(asyncOf(data).enqueue(obj, delay));
    },
    schedule: (a, ctx) => {
        const obj = a[2];
        if (!(obj instanceof ApexObject)) throw sysErr.npe();
        return new ApexId(asyncOf(dataOf(ctx)).schedule(argStr(a, 0), argStr(a, 1), obj));
    },
    isfuture: (_a, ctx) => dataOf(ctx).async?.current === "future",
    isbatch: (_a, ctx) => dataOf(ctx).async?.current === "batch",
    isqueueable: (_a, ctx) => dataOf(ctx).async?.current === "queueable",
    isscheduled: (_a, ctx) => dataOf(ctx).async?.current === "scheduled",
    attachfinalizer: (a, ctx) => {
        const finalizer = a[0];
        if (!(finalizer instanceof ApexObject)) throw sysErr.npe();
        asyncOf(dataOf(ctx)).attachFinalizer(finalizer);
        return null;
    },
    abortjob: (a, ctx) => {
        asyncOf(dataOf(ctx)).abort(argStr(a, 0));
        return null;
    }
};

const ASYNC_INFO: DataStatics = Object.fromEntries(
    ASYNC_INFO_METHODS.map((name) => [
        name,
        (a: Value[], ctx: NativeCtx): Ext => {
            const answer = asyncInfoStatic(asyncOf(dataOf(ctx)), name, a);
            return answer === undefined ? NOT_HANDLED : answer;
        }
    ])
);

const EVENT_BUS: DataStatics = {
    // EventBus.publish(event | events); the callback and access-level variants are not modelled
    publish: (a, ctx) => {
        if (a.length !== 1) return NOT_HANDLED;
        const data = dataOf(ctx);
        const src = a[0];
        if (src === null) throw sysErr.npe();
        const events = src instanceof ApexList ? src.items : [src];
        if (!events.every((e) => e instanceof SObjectValue)) return NOT_HANDLED;
        const results = data.eventBus
            .publish(data.store, data.governor, events as SObjectValue[])
            .map((r) => saveResult("Database.SaveResult", r));
        return src instanceof ApexList
            ? new ApexList({ k: "native", name: "Database.SaveResult" }, results)
            : results[0];
    }
};

const TEST: DataStatics = {
    geteventbus: (a) => (a.length === 0 ? new NativeObject("EventBus.TestBroker", {}) : NOT_HANDLED)
};

// ---------- Limits ----------

/** `Limits.getX()` / `Limits.getLimitX()` for every limit the governor counts, plus heap and CPU. */
const LIMIT_METHODS: Record<string, LimitKey> = {
    queries: "queries",
    queryrows: "queryRows",
    dmlstatements: "dmlStatements",
    dmlrows: "dmlRows",
    queueablejobs: "queueableJobs",
    futurecalls: "futureCalls",
    heapsize: "heapSize",
    emailinvocations: "emailInvocations"
};

const LIMITS_STATICS: DataStatics = {
    ...Object.fromEntries(
        Object.entries(LIMIT_METHODS).flatMap(([name, key]) => [
            [`get${name}`, (_a: Value[], ctx: NativeCtx): Ext => dataOf(ctx).governor.counters[key]],
            [`getlimit${name}`, (_a: Value[], ctx: NativeCtx): Ext => dataOf(ctx).governor.limit(key)]
        ])
    ),
    getheapsize: (_a, ctx) => dataOf(ctx).sampleHeap(),
    getcputime: () => 0,
    getlimitcputime: () => 10000
};

// ---------- UserInfo, Schema, Messaging, Request, FeatureManagement, Security ----------

/** The running user's record (System.runAs changes it); without one, the value layer's fixed local user answers. */
function userField(field: string): (a: Value[], ctx: NativeCtx) => Ext {
    return (_a, ctx) => {
        const data = ctx.host.data;
        const user = data?.store.get("user", data.userId);
        if (!data || !user) return NOT_HANDLED;
        return field === "id" ? new ApexId(data.userId) : (user.get(field) ?? null);
    };
}

const USER_INFO: DataStatics = {
    getuserid: userField("id"),
    getprofileid: userField("profileid"),
    getusername: userField("username"),
    getfirstname: userField("firstname"),
    getlastname: userField("lastname"),
    getname: userField("name"),
    getuseremail: userField("email")
};

const SCHEMA: DataStatics = {
    getglobaldescribe: (_a, ctx) => {
        const m = new ApexMap(STR, TYPE_OBJ);
        m.caseInsensitive = true;
        for (const o of dataOf(ctx).schema.objects.values()) {
            const k = o.name.toLowerCase();
            m.entries.set(hashKey(k), [k, typeToken(o)]);
        }
        return m;
    },
    describesobjects: (a, ctx) => {
        const data = dataOf(ctx);
        const names = a[0] instanceof ApexList ? a[0].items.map(String) : [];
        return new ApexList(
            { k: "native", name: "Schema.DescribeSObjectResult" },
            names.map((n) => {
                const o = data.schema.object(n);
                if (!o)
                    throw new ApexSystemError(
                        "InvalidParameterValueException",
                        `In field: sObject type ${n} does not exist`
                    );
                return describeOf(o);
            })
        );
    }
};

const MESSAGING: DataStatics = {
    sendemail: (a, ctx) => {
        const data = dataOf(ctx);
        const list = a[0] instanceof ApexList ? a[0].items : [];
        data.governor.add("emailInvocations");
        const results = list.map((m) => {
            if (!(m instanceof NativeObject)) throw sysErr.npe();
            data.outbox.push({ kind: "email", fields: { ...m.state } });
            return new NativeObject("Messaging.SendEmailResult", {});
        });
        return new ApexList({ k: "native", name: "Messaging.SendEmailResult" }, results);
    }
};

const REQUEST: DataStatics = {
    getcurrent: (a) => (a.length === 0 ? new NativeObject("System.Request", {}) : NOT_HANDLED)
};

const FEATURE_MANAGEMENT: DataStatics = {
    checkpermission: (a, ctx) => dataOf(ctx).perms().customPermissions.has(argStr(a, 0).toLowerCase())
};

const SECURITY: DataStatics = { stripinaccessible: (a, ctx) => strip(a, ctx) };

// ---------- Cache.Org, Cache.Session ----------

function cacheStatics(kind: "org" | "session"): DataStatics {
    const partitionType = kind === "org" ? "Cache.OrgPartition" : "Cache.SessionPartition";
    // Cache.Org.get('ns.Partition.key') and friends: the key names its partition (Apex Reference, "Org Class")
    const qualified =
        (lname: string) =>
        (a: Value[], ctx: NativeCtx): Ext => {
            const data = dataOf(ctx);
            const full = argStr(a, 0);
            const parts = full.split(".");
            if (parts.length !== 3)
                throw new UnsupportedError(
                    `Cache.${kind === "org" ? "Org" : "Session"}.${lname}('${full}') without namespace.partition (the default partition is not modelled)`
                );
            const name = data.cache.partition(kind, `${parts[0]}.${parts[1]}`);
            return partitionCall(data, kind, name, lname, [parts[2], ...a.slice(1)]);
        };
    return {
        getpartition: (a, ctx) =>
            new NativeObject(partitionType, { kind, name: dataOf(ctx).cache.partition(kind, argStr(a, 0)) }),
        get: qualified("get"),
        put: qualified("put"),
        contains: qualified("contains"),
        remove: qualified("remove")
    };
}

/** Per lower-cased class name as the interpreter names it (some arrive qualified with `System.`). */
const DATA_STATICS: Record<string, DataStatics> = {
    asyncinfo: ASYNC_INFO,
    "system.asyncinfo": ASYNC_INFO,
    eventbus: EVENT_BUS,
    "system.eventbus": EVENT_BUS,
    test: TEST,
    database: DATABASE,
    limits: LIMITS_STATICS,
    system: ASYNC_SYSTEM,
    userinfo: USER_INFO,
    schema: SCHEMA,
    messaging: MESSAGING,
    "system.request": REQUEST,
    "system.featuremanagement": FEATURE_MANAGEMENT,
    security: SECURITY,
    "system.security": SECURITY,
    "cache.org": cacheStatics("org"),
    "cache.session": cacheStatics("session")
};

/**
 * A static member the data layer implements: a system class's table entry, else a member of an SObject type
 * (`Contact.getSObjectType()`, custom metadata `getAll()`, custom settings `getInstance()`); NOT_HANDLED otherwise.
 */
export function dataStatic(type: string, lname: string, a: Value[], ctx: NativeCtx): Ext {
    const fn = DATA_STATICS[type.toLowerCase()]?.[lname];
    if (fn && (ctx.host.data || DATA_FREE.has(fn))) return fn(a, ctx);
    const data = ctx.host.data;
    const def = data?.schema.object(type);
    if (data && def) return sobjectStatic(data, def, lname, a);
    return NOT_HANDLED;
}

/** Entries that answer without an org data layer. */
const DATA_FREE = new Set([
    TEST.geteventbus,
    REQUEST.getcurrent,
    LIMITS_STATICS.getcputime,
    LIMITS_STATICS.getlimitcputime
]);

/**
 * The static methods the data layer implements for a system class (for `apex check`), or null when it has none.
 * @param type the class name, lower-cased, without `System.`
 */
export function dataStaticMethodNames(type: string): string[] | null {
    const table = DATA_STATICS[type] ?? DATA_STATICS[`system.${type}`];
    return table ? Object.keys(table) : null;
}

function asyncOf(data: OrgData): NonNullable<OrgData["async"]> {
    if (!data.async) throw new UnsupportedError("async Apex without an interpreter");
    return data.async;
}

function sobjectStatic(data: OrgData, def: ObjectDef, lname: string, a: Value[]): Ext {
    if (def.customMetadata) {
        const all = (): SObjectValue[] =>
            [...data.store.table(def.name.toLowerCase()).values()].map((row) => {
                const o = new SObjectValue(def);
                for (const [k, v] of row) o.values.set(k, v);
                return o;
            });
        if (lname === "getall") {
            const m = new ApexMap(STR, { k: "native", name: def.name });
            for (const o of all()) {
                const k = String(o.values.get("developername"));
                m.entries.set(hashKey(k), [k, o]);
            }
            return m;
        }
        if (lname === "getinstance") {
            const key = argStr(a, 0);
            const id = normaliseId(key);
            return all().find((o) => (id ? o.id === id : String(o.values.get("developername")) === key)) ?? null;
        }
    }
    if (def.customSetting) return customSettingStatic(data, def, lname, a);
    if (lname === "getsobjecttype") return typeToken(def);
    return NOT_HANDLED;
}

/** Hierarchy and list custom settings: `getOrgDefaults`, `getInstance`, `getValues`, `getAll`. */
function customSettingStatic(data: OrgData, def: ObjectDef, lname: string, a: Value[]): Ext {
    const rows = [...data.store.table(def.name.toLowerCase()).values()].filter((r) => r.get("isdeleted") !== true);
    const toRecord = (row: Map<string, Value> | undefined): SObjectValue | null => {
        if (!row) return null;
        const o = new SObjectValue(def);
        for (const [k, v] of row) o.values.set(k, v);
        return o;
    };
    const owned = (id: string | null): SObjectValue | null =>
        id === null
            ? null
            : toRecord(
                  rows.find((r) => {
                      const s = r.get("setupownerid");
                      return s instanceof ApexId && s.id18 === id;
                  })
              );
    if (def.customSetting === "List") {
        if (lname === "getall") {
            const m = new ApexMap(STR, { k: "native", name: def.name });
            for (const r of rows) {
                const rec = toRecord(r) as SObjectValue;
                const k = String(r.get("name"));
                m.entries.set(hashKey(k), [k, rec]);
            }
            return m;
        }
        if (lname === "getinstance" || lname === "getvalues") {
            const name = argStr(a, 0);
            return toRecord(rows.find((r) => r.get("name") === name));
        }
        return NOT_HANDLED;
    }
    const orgId = (data.store.table("organization").keys().next().value as string | undefined) ?? null;
    const user = data.store.get("user", data.userId);
    const profileId = user?.get("profileid");
    const profile = profileId instanceof ApexId ? profileId.id18 : null;
    const empty = (): SObjectValue => new SObjectValue(def);
    switch (lname) {
        case "getorgdefaults":
            return owned(orgId) ?? empty();
        case "getinstance": {
            if (a.length === 0 || a[0] === null) return owned(data.userId) ?? owned(profile) ?? owned(orgId) ?? empty();
            const id = a[0] instanceof ApexId ? a[0].id18 : normaliseId(argStr(a, 0));
            return (
                owned(id) ?? (id && id.startsWith("005") ? (owned(profile) ?? owned(orgId)) : owned(orgId)) ?? empty()
            );
        }
        case "getvalues": {
            const id = a[0] instanceof ApexId ? a[0].id18 : normaliseId(argStr(a, 0));
            return owned(id);
        }
    }
    return NOT_HANDLED;
}

function strip(a: Value[], ctx: NativeCtx): Value {
    const data = dataOf(ctx);
    const access = a[0];
    if (!(access instanceof EnumValue)) throw sysErr.npe();
    const records = recordList(a[1]);
    const perms = data.perms();
    const mode = access.name === "READABLE" ? "read" : "edit";
    const removed = new Map<string, Set<string>>();
    const out: SObjectValue[] = [];
    const visit = (o: SObjectValue): SObjectValue => {
        const c = sobjectClone(o, true, false);
        for (const k of [...c.values.keys()]) {
            const f = o.def.fields.get(k);
            const v = c.values.get(k);
            if (f) {
                if (f.name === "Id" || canField(perms, o.def, f, mode)) continue;
            } else if (v instanceof SObjectValue) {
                c.values.set(k, visit(v));
                continue;
            } else if (v instanceof ApexList) {
                c.values.set(
                    k,
                    new ApexList(
                        v.elemType,
                        v.items.map((x) => (x instanceof SObjectValue ? visit(x) : x))
                    )
                );
                continue;
            } else continue;
            c.values.delete(k);
            let s = removed.get(o.def.name);
            if (!s) {
                s = new Set();
                removed.set(o.def.name, s);
            }
            s.add(f.name);
        }
        return c;
    };
    const enforceCrud = a.length < 3 || a[2] !== false;
    for (const o of records) {
        if (
            enforceCrud &&
            !canObject(perms, o.def, mode === "read" ? "read" : access.name === "CREATABLE" ? "create" : "edit")
        )
            throw new ApexSystemError("NoAccessException", `No access to entity ${o.def.name}`);
        out.push(visit(o));
    }
    return new NativeObject("System.SObjectAccessDecision", { records: out, removed });
}
