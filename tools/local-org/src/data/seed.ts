import fs from "node:fs";
import { ApexSystemError } from "../runtime/errors";
import { normaliseId } from "../runtime/values/id";
import { ApexDate, ApexDatetime, ApexId, type Value } from "../runtime/values/values";
import { SYSTEM_IDS, type OrgData } from "./orgData";
import { convertForField } from "./sobject";
import type { Row } from "./store";

/** Counts of seeded records per object. */
export interface SeedResult {
    accounts: number;
    contacts: number;
    leads: number;
    /** Cases, opportunities and opportunity contact roles (optional lists of the seed file). */
    cases: number;
    opportunities: number;
    opportunityContactRoles: number;
}

type SeedRecord = Record<string, unknown>;

/** JSON value of a seed property → Apex value (strings, booleans, numbers, null). */
function toValue(v: unknown): Value {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isInteger(v) ? v : String(v);
    throw new Error(`seed: unsupported value ${JSON.stringify(v)}`);
}

/**
 * Inserts records with their given Ids (the Ids the emulator knows). Property names map to fields
 * case-insensitively (`firstName` → `FirstName`); `id` is the record Id; `mcp` blocks are emulator-only
 * and skipped. System fields are set as DML would; an existing record with the same Id is replaced.
 */
function seedObject(data: OrgData, objectName: string, records: SeedRecord[]): number {
    const def = data.schema.object(objectName);
    if (!def) throw new Error(`seed: unknown object ${objectName}`);
    const table = data.store.table(def.name.toLowerCase());
    const now = new ApexDatetime(data.now());
    const user = new ApexId(SYSTEM_IDS.user);
    for (const rec of records) {
        const id = normaliseId(String(rec.id ?? ""));
        if (!id || !id.startsWith(def.keyPrefix))
            throw new Error(
                `seed: ${objectName} record without a valid ${def.keyPrefix} Id: ${JSON.stringify(rec.id)}`
            );
        const row: Row = new Map<string, Value>([
            ["id", new ApexId(id)],
            ["isdeleted", false],
            ["createddate", now],
            ["lastmodifieddate", now],
            ["systemmodstamp", now],
            ["createdbyid", user],
            ["lastmodifiedbyid", user]
        ]);
        if (def.fields.has("ownerid")) row.set("ownerid", user);
        for (const [k, raw] of Object.entries(rec)) {
            if (k === "id" || k === "mcp" || k === "$schema") continue;
            const f = def.fields.get(k.toLowerCase());
            if (!f) throw new Error(`seed: ${objectName} has no field for property ${k}`);
            try {
                const date =
                    f.type === "DATE" && typeof raw === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) : null;
                const value = date ? new ApexDate(Number(date[1]), Number(date[2]), Number(date[3])) : toValue(raw);
                row.set(f.name.toLowerCase(), convertForField(f, value, def.name));
            } catch (e) {
                if (e instanceof ApexSystemError) throw new Error(`seed: ${objectName}.${f.name}: ${e.message}`);
                throw e;
            }
        }
        for (const f of def.fields.values())
            if (f.defaultValue !== null && !row.has(f.name.toLowerCase()))
                row.set(f.name.toLowerCase(), f.defaultValue);
        if (["contact", "lead"].includes(def.name.toLowerCase())) {
            const name = [row.get("firstname"), row.get("lastname")]
                .filter((x) => typeof x === "string" && x)
                .join(" ");
            row.set("name", name || null);
        }
        table.set(id, row);
    }
    return records.length;
}

/**
 * Loads the shared demo CRM (`config/seed/demo-crm.json`: accounts, contacts, leads, and optionally cases,
 * opportunities and opportunity contact roles) into the org's store.
 */
export function seedFromFile(data: OrgData, file: string): SeedResult {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
        accounts?: SeedRecord[];
        contacts?: SeedRecord[];
        leads?: SeedRecord[];
        cases?: SeedRecord[];
        opportunities?: SeedRecord[];
        opportunityContactRoles?: SeedRecord[];
    };
    // Parents first: contacts and leads refer to accounts; cases and opportunities to both; roles to opportunities.
    return {
        accounts: seedObject(data, "Account", doc.accounts ?? []),
        contacts: seedObject(data, "Contact", doc.contacts ?? []),
        leads: seedObject(data, "Lead", doc.leads ?? []),
        cases: seedObject(data, "Case", doc.cases ?? []),
        opportunities: seedObject(data, "Opportunity", doc.opportunities ?? []),
        opportunityContactRoles: seedObject(data, "OpportunityContactRole", doc.opportunityContactRoles ?? [])
    };
}
