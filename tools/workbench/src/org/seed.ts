import { seedDemoCrm, type LocalOrg } from "../../../local-org/src/index";
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    type Value
} from "../../../local-org/src/runtime/values/values";
import type { CrmRecord, CrmRecords } from "./demoCrm";

/** What seeding did. */
export interface SeedOutcome {
    seeded: boolean;
    counts: Record<string, number>;
    /** Custom metadata fields set and permission sets assigned from org-settings.json. */
    settings?: string[];
}

/**
 * Inserts the demo Accounts, Contacts and Leads of the shared seed file with their fixed Ids (the Ids the
 * emulator's profiles carry) through the local org's own seeding (`seedDemoCrm`), as a data load would.
 * A field the org's schema does not know fails with the seed file's property named.
 */
export function seedDemoRecords(org: LocalOrg, seedFile: string): SeedOutcome {
    const r = seedDemoCrm(org, seedFile);
    return {
        seeded: true,
        counts: {
            Account: r.accounts,
            Contact: r.contacts,
            Lead: r.leads,
            Case: r.cases,
            Opportunity: r.opportunities,
            OpportunityContactRole: r.opportunityContactRoles
        }
    };
}

/** A stored value as the shell shows it: Ids as text, datetimes as ISO text, dates as `YYYY-MM-DD`. */
function plain(v: Value | undefined): string | number | boolean | null {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    if (v instanceof ApexId) return v.id18;
    if (v instanceof ApexDatetime) return new Date(v.ms).toISOString();
    if (v instanceof ApexDate) return `${v.year}-${String(v.month).padStart(2, "0")}-${String(v.day).padStart(2, "0")}`;
    if (v instanceof ApexDecimal) return Number(v.toString());
    if (v instanceof ApexDouble) return v.v;
    return String(v as unknown);
}

const HIDDEN = new Set(["isdeleted", "systemmodstamp", "createdbyid", "lastmodifiedbyid", "ownerid", "id"]);

/**
 * The demo records with their current field values as stored in the org (so the shell shows what the sync
 * wrote), each field with its label and display type from the org's schema.
 */
export function currentRecords(org: LocalOrg, seed: CrmRecords): CrmRecords {
    const data = org.data;
    const out: CrmRecords = { Account: [], Contact: [], Lead: [], Case: [], Opportunity: [] };
    for (const object of ["Account", "Contact", "Lead", "Case", "Opportunity"] as const) {
        const def = data.schema.object(object);
        const table = data.store.table(object.toLowerCase());
        for (const rec of seed[object]) {
            const row = table.get(rec.id);
            if (!row) continue;
            const fields: CrmRecord["fields"] = { ...rec.fields };
            const describe: NonNullable<CrmRecord["describe"]> = {};
            for (const [lower, f] of def?.fields ?? []) {
                if (HIDDEN.has(lower)) continue;
                fields[f.name] = plain(row.get(lower));
                describe[f.name] = { label: f.label, type: f.type };
            }
            out[object].push({ ...rec, fields, describe });
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
    const store = org.data.store;
    const applied: string[] = [];
    for (const [key, values] of Object.entries(overrides)) {
        const dot = key.indexOf(".");
        if (dot < 0 || typeof values !== "object" || values === null) continue;
        const type = key.slice(0, dot).toLowerCase();
        const devName = key.slice(dot + 1).toLowerCase();
        for (const row of store.table(type).values()) {
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
    const { store } = org.data;
    const userId = org.data.userId;
    const assigned: string[] = [];
    const assignments = store.table("permissionsetassignment");
    for (const name of names) {
        for (const [id, row] of store.table("permissionset")) {
            if (String(row.get("name") ?? "").toLowerCase() !== name.toLowerCase()) continue;
            const assignmentId = store.newId("0Pa");
            assignments.set(
                assignmentId,
                new Map<string, Value>([
                    ["id", new ApexId(assignmentId)],
                    ["assigneeid", new ApexId(userId)],
                    ["permissionsetid", new ApexId(id)],
                    ["isdeleted", false]
                ])
            );
            assigned.push(name);
        }
    }
    return assigned;
}
