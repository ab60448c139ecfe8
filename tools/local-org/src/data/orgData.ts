import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { seedAccessRows } from "./accessObjects";
import { ApexDatetime, ApexDecimal, ApexId, type Value } from "../runtime/values/values";
import { LOCAL_USER } from "../runtime/system/localUser";
import { AsyncQueue, type AsyncHost } from "./async";
import { executeDml, type DmlOp, type DmlRowResult } from "./dml";
import { estimateHeap } from "./heap";
import { Governor } from "./limits";
import { PlatformCache } from "./platformCache";
import { Schema, type FieldDef, type ObjectDef, type OrgFeatures } from "./schema";
import {
    canField,
    canObject,
    grant,
    loadPermissionSets,
    profilePerms,
    PROFILES,
    type Perms,
    type PermissionSetDef
} from "./security";
import type { SObjectValue } from "./sobject";
import { run, type QueryResult } from "./soql/engine";
import { parseSoql } from "./soql/parse";
import { Store, type Row, type StoreSnapshot } from "./store";
import { Triggers } from "./triggers";
import { EventBus, refusePlatformEventDml } from "./eventBus";
import { loadFieldSets, type FieldSetDef } from "./fieldSets";
import { RecordAccess, SharingModel, type SharingMode, type UserAccess } from "./sharing";

/** Fixed Ids of the records every local org starts with. */
export const SYSTEM_IDS = {
    user: LOCAL_USER.id,
    org: LOCAL_USER.orgId,
    adminProfile: LOCAL_USER.profileId
};

/**
 * The data side of one local org: schema, record store, governor counters, security model, Platform
 * Cache and async queue. The interpreter reaches it through `Host.data`.
 */
export class OrgData {
    readonly schema: Schema;
    readonly store = new Store();
    readonly governor = new Governor();
    readonly cache: PlatformCache;
    readonly permissionSets: PermissionSetDef[];
    /** Set once the interpreter is attached (see `attachAsync`). */
    async: AsyncQueue | null = null;
    /** Running user stack (`System.runAs` pushes). */
    private users: string[] = [SYSTEM_IDS.user];
    /** Custom notifications and emails "sent" (recorded, never delivered), newest last; cleared per test. */
    readonly outbox: { kind: "notification" | "email"; fields: Record<string, unknown> }[] = [];
    /** DML happened in this transaction ("You have uncommitted work pending" for callouts). */
    dmlInTransaction = false;
    /** Apex triggers of the sources, fired by DML (the interpreter attaches the runner). */
    readonly triggers = new Triggers();
    /** Published platform events waiting for delivery. */
    readonly eventBus = new EventBus();
    private testSetupSnapshot: StoreSnapshot | null = null;
    /** Organization-wide defaults and the sharing features the sources declare. */
    readonly sharing: SharingModel;
    /** Field sets of the sources by lower-cased object name. */
    readonly fieldSets: Map<string, FieldSetDef[]>;
    /**
     * The sharing mode of the running code (set by the interpreter from the class keywords); `why` names the code
     * for messages when the mode is unknown. Without an interpreter: sharing is not enforced (system mode).
     */
    sharingContext: () => { mode: SharingMode; why: string } = () => ({ mode: "without", why: "" });

    constructor(
        private readonly sourceDirs: string[],
        readonly now: () => number,
        features: OrgFeatures = { personAccounts: false }
    ) {
        this.schema = new Schema(features);
        this.schema.loadMetadata(sourceDirs);
        this.permissionSets = loadPermissionSets(sourceDirs);
        this.sharing = new SharingModel(sourceDirs, features.sharingModels);
        this.fieldSets = loadFieldSets(sourceDirs);
        this.cache = new PlatformCache(now);
        this.cache.load(sourceDirs);
        this.resetData();
    }

    /** Live values of the running code (set by `attachData`); the heap is estimated from them. */
    heapRoots: (() => Value[]) | null = null;

    /**
     * Approximate heap: estimated from the live values, recorded as the peak and checked against the limit
     * (6 MB sync, 12 MB async). Sampled at each SOQL query, DML statement and `Limits.getHeapSize()` call.
     */
    sampleHeap(): number {
        if (!this.heapRoots) return 0;
        const bytes = estimateHeap(this.heapRoots());
        const g = this.governor;
        g.counters.heapSize = 0;
        g.add("heapSize", bytes);
        return bytes;
    }

    attachAsync(host: AsyncHost): void {
        this.async = new AsyncQueue(host);
    }

    // ---------- lifecycle ----------

    /** Empties the database and recreates the org's built-in records (users, profiles, permission sets, custom metadata). */
    resetData(): void {
        this.store.clear();
        this.cache.clear();
        this.outbox.length = 0;
        this.eventBus.clear();
        this.async?.reset();
        this.users = [SYSTEM_IDS.user];
        const now = new ApexDatetime(this.now());
        const put = (object: string, id: string, fields: Record<string, Value>): void => {
            const row: Row = new Map<string, Value>([
                ["id", new ApexId(id)],
                ["isdeleted", false],
                ["createddate", now],
                ["lastmodifieddate", now],
                ["systemmodstamp", now],
                ["createdbyid", new ApexId(SYSTEM_IDS.user)],
                ["lastmodifiedbyid", new ApexId(SYSTEM_IDS.user)]
            ]);
            for (const [k, v] of Object.entries(fields)) row.set(k.toLowerCase(), v);
            this.store.table(object).set(id, row);
        };
        put("organization", SYSTEM_IDS.org, {
            name: "Local Org",
            issandbox: true,
            organizationtype: "Developer Edition",
            namespaceprefix: null,
            instancename: "LOCAL",
            timezonesidkey: "America/Los_Angeles"
        });
        for (const name of PROFILES) {
            const id = name === "System Administrator" ? SYSTEM_IDS.adminProfile : this.store.newId("00e");
            put("profile", id, { name, usertype: "Standard" });
        }
        put("user", SYSTEM_IDS.user, {
            username: LOCAL_USER.userName,
            firstname: LOCAL_USER.firstName,
            lastname: LOCAL_USER.lastName,
            name: `${LOCAL_USER.firstName} ${LOCAL_USER.lastName}`,
            email: LOCAL_USER.email,
            alias: "ladmin",
            profileid: new ApexId(SYSTEM_IDS.adminProfile),
            isactive: true,
            timezonesidkey: "America/Los_Angeles",
            localesidkey: "en_US",
            languagelocalekey: "en_US",
            emailencodingkey: "UTF-8",
            usertype: "Standard"
        });
        for (const ps of this.permissionSets)
            put("permissionset", this.store.newId("0PS"), { name: ps.name, label: ps.label, isownedbyprofile: false });
        seedAccessRows(this.store, this.sourceDirs, put, (prefix) => this.store.newId(prefix));
        // The standard lead process's status values (Lead conversion needs a converted one).
        [
            ["Open - Not Contacted", true, false],
            ["Working - Contacted", false, false],
            ["Closed - Converted", false, true],
            ["Closed - Not Converted", false, false]
        ].forEach(([label, isDefault, isConverted], i) =>
            put("leadstatus", this.store.newId("01J"), {
                masterlabel: label as string,
                apiname: label as string,
                sortorder: i + 1,
                isdefault: isDefault as boolean,
                isconverted: isConverted as boolean
            })
        );
        for (const rt of this.schema.recordTypes)
            put("recordtype", this.store.newId("012"), {
                name: rt.name,
                developername: rt.developerName,
                sobjecttype: rt.sobjectType,
                isactive: rt.active,
                ispersontype: rt.personType,
                description: rt.description,
                namespaceprefix: null
            });
        for (const [name, label] of this.schema.notificationTypes)
            put("customnotificationtype", this.store.newId("0ML"), {
                developername: name,
                masterlabel: label,
                customnotiftypename: label
            });
        for (const rec of this.schema.customMetadata) {
            const def = this.schema.object(rec.type);
            if (!def) continue;
            const fields: Record<string, Value> = {
                developername: rec.developerName,
                masterlabel: rec.label,
                label: rec.label,
                qualifiedapiname: rec.developerName
            };
            for (const [k, raw] of Object.entries(rec.values)) {
                const f = def.fields.get(k.toLowerCase());
                if (!f) continue;
                fields[f.name] = mdtValue(f, raw);
            }
            put(def.name.toLowerCase(), this.store.newId(def.keyPrefix), fields);
        }
    }

    /** Before each test method: fresh data, or the state `@TestSetup` left. */
    beginTest(): void {
        if (this.testSetupSnapshot) this.store.restore(this.testSetupSnapshot);
        else this.resetData();
        this.cache.clear();
        this.async?.reset();
        this.outbox.length = 0;
        this.users = [SYSTEM_IDS.user];
    }

    /** Remembers the data created by `@TestSetup` (restored before each test of the class). */
    saveTestSetup(): void {
        this.testSetupSnapshot = this.store.snapshot();
    }

    clearTestSetup(): void {
        this.testSetupSnapshot = null;
    }

    /** New transaction: fresh limits, no pending DML, a new request Id. */
    beginTransaction(): void {
        this.governor.reset(false);
        this.dmlInTransaction = false;
        this.newRequest();
    }

    /**
     * How the top-level transaction outside tests entered Apex (`System.Request.getQuiddity()`): set by
     * `runAnonymous` and `invokeAuraEnabled`; null until one of them runs.
     */
    entryQuiddity: "ANONYMOUS" | "AURA" | null = null;
    /** The current request's Id (`System.Request.getRequestId()`): one per transaction, async ones included. */
    requestId = "";
    private requestCount = 0;

    /** Starts a new request (a transaction of its own). */
    newRequest(): void {
        this.requestCount++;
        this.requestId = `LocalRequest${String(this.requestCount).padStart(8, "0")}`;
    }

    // ---------- running user and security ----------

    get userId(): string {
        return this.users[this.users.length - 1];
    }

    runAs<T>(userId: string, fn: () => T): T {
        if (!this.store.get("user", userId))
            throw new ApexSystemError("DmlException", "System.runAs requires an inserted User");
        this.users.push(userId);
        try {
            return fn();
        } finally {
            this.users.pop();
        }
    }

    /** Ids of the permission sets assigned to the running user. */
    private assignedPermissionSets(): string[] {
        const out: string[] = [];
        for (const a of this.store.table("permissionsetassignment").values()) {
            const assignee = a.get("assigneeid");
            const psId = a.get("permissionsetid");
            if (assignee instanceof ApexId && assignee.id18 === this.userId && psId instanceof ApexId)
                out.push(psId.id18);
        }
        return out;
    }

    /** The running user's profile row. */
    private profileRow(): Row | undefined {
        const profileId = this.store.get("user", this.userId)?.get("profileid");
        return profileId instanceof ApexId ? this.store.get("profile", profileId.id18) : undefined;
    }

    /**
     * Effective permissions of the running user: profile plus assigned permission sets (their metadata grants and
     * the `ObjectPermissions` rows of the sets, including those a test inserts).
     */
    perms(): Perms {
        const p = profilePerms(String(this.profileRow()?.get("name") ?? ""));
        const assigned = new Set(this.assignedPermissionSets());
        for (const psId of assigned) {
            const ps = this.store.get("permissionset", psId);
            const def = this.permissionSets.find((d) => d.name.toLowerCase() === String(ps?.get("name")).toLowerCase());
            if (def) grant(p, def);
        }
        for (const r of this.store.table("objectpermissions").values()) {
            const parent = r.get("parentid");
            if (!(parent instanceof ApexId) || !assigned.has(parent.id18)) continue;
            const key = String(r.get("sobjecttype")).toLowerCase();
            const cur = p.objects.get(key) ?? { read: false, create: false, edit: false, delete: false };
            p.objects.set(key, {
                read: cur.read || r.get("permissionsread") === true,
                create: cur.create || r.get("permissionscreate") === true,
                edit: cur.edit || r.get("permissionsedit") === true,
                delete: cur.delete || r.get("permissionsdelete") === true
            });
        }
        return p;
    }

    /** Record-level privileges of the running user, from the profile, the permission sets and their object rows. */
    userAccess(): UserAccess {
        const profile = this.profileRow();
        const assigned = new Set(this.assignedPermissionSets());
        const sets = [...assigned].map((id) => this.store.get("permissionset", id)).filter((r) => r !== undefined);
        const has = (field: string): boolean => profile?.get(field) === true || sets.some((r) => r.get(field) === true);
        const access: UserAccess = {
            userId: this.userId,
            viewAllData: has("permissionsviewalldata"),
            modifyAllData: has("permissionsmodifyalldata"),
            viewAll: new Set(),
            modifyAll: new Set()
        };
        for (const r of this.store.table("objectpermissions").values()) {
            const parent = r.get("parentid");
            if (!(parent instanceof ApexId) || !assigned.has(parent.id18)) continue;
            const key = String(r.get("sobjecttype")).toLowerCase();
            if (r.get("permissionsviewallrecords") === true) access.viewAll.add(key);
            if (r.get("permissionsmodifyallrecords") === true) {
                access.viewAll.add(key);
                access.modifyAll.add(key);
            }
        }
        return access;
    }

    /**
     * Record access for an operation: null when sharing is not enforced (system mode in a `without sharing`
     * context); user mode always enforces it.
     */
    recordAccess(userMode: boolean): RecordAccess | null {
        const ctx = userMode ? { mode: "with" as const, why: "" } : this.sharingContext();
        if (ctx.mode === "without") return null;
        return new RecordAccess(this.sharing, this.schema, this.store, this.userAccess(), ctx.mode, ctx.why);
    }

    canRead(o: ObjectDef, f: FieldDef | null): boolean {
        const p = this.perms();
        return f ? canField(p, o, f, "read") : canObject(p, o, "read");
    }

    // ---------- SOQL and DML ----------

    /** Runs SOQL, counting the query and its rows against the governor. */
    query(soql: string, bind: (index: number, text: string) => Value, userMode: boolean): QueryResult {
        const q = parseSoql(soql);
        const from = this.schema.object(q.from);
        if (from?.platformEvent)
            throw new UnsupportedError(
                `SOQL on platform event ${from.name} (the platform does not support queries on platform events)`
            );
        this.governor.add("queries");
        this.sampleHeap();
        // The query's own WITH clause decides when present (also for dynamic SOQL); else the caller's AccessLevel.
        const enforced =
            q.withMode === "USER_MODE" || q.withMode === "SECURITY_ENFORCED"
                ? true
                : q.withMode === "SYSTEM_MODE"
                  ? false
                  : userMode;
        const perms = enforced ? this.perms() : null;
        // WITH SECURITY_ENFORCED checks object and field access only: the class's sharing keyword still decides
        const access = this.recordAccess(q.withMode === "USER_MODE" || (q.withMode === null && userMode));
        const result = run(
            {
                schema: this.schema,
                store: this.store,
                bind,
                canRead: perms ? (o, f) => (f ? canField(perms, o, f, "read") : canObject(perms, o, "read")) : null,
                canSee: access ? (o, row) => access.can(o, row, "read") : null
            },
            q,
            soql
        );
        // COUNT() counts every matched row, as on the platform.
        this.governor.add("queryRows", result.kind === "rows" ? result.rows.length + result.childRows : result.count);
        return result;
    }

    /** Runs one DML statement / `Database.*` call, counting it against the governor. */
    dml(
        op: DmlOp,
        records: SObjectValue[],
        allOrNone: boolean,
        userMode: boolean,
        externalIdField: string | null = null
    ): DmlRowResult[] {
        for (const r of records) refusePlatformEventDml(r.def, op);
        this.governor.add("dmlStatements");
        this.governor.add("dmlRows", records.length);
        this.sampleHeap();
        let ext: FieldDef | null = null;
        if (externalIdField && records.length) {
            const f = records[0].def.fields.get(externalIdField.toLowerCase());
            if (!f || !(f.externalId || f.name === "Id"))
                throw new ApexSystemError(
                    "SObjectException",
                    `Invalid field for upsert, must be an External Id custom or standard indexed field: ${externalIdField}`
                );
            ext = f.name === "Id" ? null : f;
        }
        this.dmlInTransaction = true;
        const env = {
            schema: this.schema,
            store: this.store,
            now: this.now,
            userId: () => this.userId,
            perms: userMode ? this.perms() : null,
            access: this.recordAccess(userMode)
        };
        if (records.some((r) => this.triggers.has(r.def.name.toLowerCase())))
            return this.triggers.dml(env, this.governor, op, records, allOrNone);
        return executeDml(env, op, records, allOrNone, ext);
    }
}

function mdtValue(f: FieldDef, raw: string | number | boolean | null): Value {
    if (raw === null) return null;
    switch (f.type) {
        case "BOOLEAN":
            return String(raw) === "true";
        case "DOUBLE":
        case "CURRENCY":
        case "PERCENT":
            return ApexDecimal.of(String(raw));
        case "INTEGER":
            return Number(raw) | 0;
        default:
            return String(raw);
    }
}
