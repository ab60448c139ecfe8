import { LOCAL_USER } from "../../../local-org/src/runtime/system/platform";
import { ApexDatetime, ApexId, type Value } from "../../../local-org/src/runtime/values/values";
import type { LocalOrg } from "../../../local-org/src/index";
import type { CrmRecord, CrmRecords } from "./demoCrm";

/**
 * The parts of the local org's data layer (part 2, `host.data`) seeding needs. Reached by narrowing rather
 * than by import so the workbench builds whether or not part 2 is in the tree.
 */
interface DataLayer {
    store: { table(objectLname: string): Map<string, Map<string, Value>> };
    schema: { object(name: string): { fields: Map<string, { name: string }> } | undefined };
}

function isDataLayer(v: unknown): v is DataLayer {
    if (v === null || typeof v !== "object") return false;
    const d = v as { store?: { table?: unknown }; schema?: { object?: unknown } };
    return typeof d.store?.table === "function" && typeof d.schema?.object === "function";
}

/** The org's data layer, or null before part 2 (SObjects) of the local org exists. */
export function dataLayer(org: LocalOrg): DataLayer | null {
    const data: unknown = (org.host as unknown as { data?: unknown }).data;
    return isDataLayer(data) ? data : null;
}

function toValue(field: string, v: CrmRecord["fields"][string]): Value {
    if (typeof v === "string" && /Id$/.test(field) && /^[a-zA-Z0-9]{18}$/.test(v)) return new ApexId(v);
    return v;
}

/** What seeding did. */
export interface SeedOutcome {
    seeded: boolean;
    counts: Record<string, number>;
    /** Why records were not inserted (part 2 missing). */
    note?: string;
    /** Custom metadata fields set from org-settings.json. */
    settings?: string[];
}

/**
 * Inserts the demo Accounts, Contacts and Leads with their fixed Ids (the Ids the emulator's profiles carry),
 * as a data load would; Apex DML cannot set Ids, so rows go straight into the store. Fields the org's schema
 * does not know are left out.
 */
export function seedDemoRecords(org: LocalOrg, records: CrmRecords, now: number): SeedOutcome {
    const data = dataLayer(org);
    if (!data)
        return {
            seeded: false,
            counts: {},
            note: "the local org has no SObject support yet (part 2); components that query records will show their error panel"
        };
    const counts: Record<string, number> = {};
    for (const object of ["Account", "Contact", "Lead"] as const) {
        const def = data.schema.object(object);
        const table = data.store.table(object.toLowerCase());
        for (const rec of records[object]) {
            const at = new ApexDatetime(now);
            const user = new ApexId(LOCAL_USER.id);
            const row = new Map<string, Value>([
                ["id", new ApexId(rec.id)],
                ["isdeleted", false],
                ["createddate", at],
                ["lastmodifieddate", at],
                ["systemmodstamp", at],
                ["createdbyid", user],
                ["lastmodifiedbyid", user],
                ["ownerid", user]
            ]);
            for (const [k, v] of Object.entries(rec.fields)) {
                const f = def?.fields.get(k.toLowerCase());
                if (def && !f) continue;
                row.set(k.toLowerCase(), toValue(k, v));
            }
            table.set(rec.id, row);
        }
        counts[object] = records[object].length;
    }
    return { seeded: true, counts };
}

function plain(v: Value | undefined): string | number | boolean | null {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    if (v instanceof ApexId) return v.id18;
    if (v instanceof ApexDatetime) return new Date(v.ms).toISOString();
    return String(v as unknown);
}

/**
 * The current field values of the demo records as stored in the org (so the shell shows what the sync
 * wrote). Falls back to the seed file's values when the org has no data layer.
 */
export function currentRecords(org: LocalOrg, seed: CrmRecords): CrmRecords {
    const data = dataLayer(org);
    if (!data) return seed;
    const out: CrmRecords = { Account: [], Contact: [], Lead: [] };
    for (const object of ["Account", "Contact", "Lead"] as const) {
        const def = data.schema.object(object);
        const names = new Map<string, string>();
        for (const [lower, f] of def?.fields ?? []) names.set(lower, f.name);
        for (const rec of seed[object]) {
            const row = data.store.table(object.toLowerCase()).get(rec.id);
            if (!row) continue;
            const fields: CrmRecord["fields"] = { ...rec.fields };
            for (const [k, v] of row) {
                if (["isdeleted", "systemmodstamp", "createdbyid", "lastmodifiedbyid", "ownerid", "id"].includes(k))
                    continue;
                fields[names.get(k) ?? k] = plain(v);
            }
            out[object].push({ ...rec, fields });
        }
    }
    return out;
}

/** Demo-org overrides of custom metadata records: `"<Type__mdt>.<DeveloperName>": { Field__c: value }`. */
export type MetadataOverrides = Record<string, Record<string, string | number | boolean | null>>;

/**
 * Applies `tools/workbench/org-settings.json` to the custom metadata records the org loaded from the package
 * (what an admin sets up in the org: default dataset, sync switched on). Returns what was changed.
 */
export function applyMetadataOverrides(org: LocalOrg, overrides: MetadataOverrides): string[] {
    const data = dataLayer(org);
    if (!data) return [];
    const applied: string[] = [];
    for (const [key, values] of Object.entries(overrides)) {
        const dot = key.indexOf(".");
        if (dot < 0 || typeof values !== "object" || values === null) continue;
        const type = key.slice(0, dot).toLowerCase();
        const devName = key.slice(dot + 1).toLowerCase();
        for (const row of data.store.table(type).values()) {
            if (String(row.get("developername") ?? "").toLowerCase() !== devName) continue;
            for (const [field, v] of Object.entries(values)) {
                row.set(field.toLowerCase(), v);
                applied.push(`${key}.${field}`);
            }
        }
    }
    return applied;
}

/**
 * Assigns permission sets (by name) to the running user, as an admin does after installing the package.
 * Returns the names assigned.
 */
export function assignPermissionSets(org: LocalOrg, names: string[]): string[] {
    const data = dataLayer(org);
    if (!data) return [];
    const assigned: string[] = [];
    const sets = data.store.table("permissionset");
    const assignments = data.store.table("permissionsetassignment");
    let n = assignments.size;
    for (const name of names) {
        for (const [id, row] of sets) {
            if (String(row.get("name") ?? "").toLowerCase() !== name.toLowerCase()) continue;
            // "0Pa" is PermissionSetAssignment's key prefix; the suffix only has to be unique here.
            const assignmentId = `0Pa000000000${String(++n).padStart(3, "0")}AAA`;
            assignments.set(
                assignmentId,
                new Map<string, Value>([
                    ["id", new ApexId(assignmentId)],
                    ["assigneeid", new ApexId(LOCAL_USER.id)],
                    ["permissionsetid", new ApexId(id)],
                    ["isdeleted", false]
                ])
            );
            assigned.push(name);
        }
    }
    return assigned;
}
