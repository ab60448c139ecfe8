import fs from "node:fs";

/** The objects of the demo CRM the workbench lists (Cases and Opportunities have record pages too). */
export type CrmObject = "Account" | "Contact" | "Lead" | "Case" | "Opportunity";

/** A demo CRM record as the workbench lists it (from the local org, or from the seed file). */
export interface CrmRecord {
    id: string;
    object: CrmObject;
    name: string;
    /** Field API name → value (strings, numbers, booleans, null). */
    fields: Record<string, string | number | boolean | null>;
    accountName?: string;
    /** Label and display type of each field (from the org's schema), for the record page header. */
    describe?: Record<string, { label: string; type: string }>;
}

/** Records of the shared seed file, by object. */
export type CrmRecords = Record<CrmObject, CrmRecord[]>;

/** A problem with the seed file, reported as one line with its fix. */
export class SeedFileError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `firstName` → `FirstName` (the seed file uses camelCase standard field names). */
function apiName(key: string): string {
    return key.charAt(0).toUpperCase() + key.slice(1);
}

function scalar(v: unknown): string | number | boolean | null {
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
}

/**
 * Reads `config/seed/demo-crm.json` into records with API field names (`mcp` blocks are the emulator's and
 * are left out). Throws {@link SeedFileError} with a one-line cause and fix when the file is missing or invalid.
 */
export function readDemoCrm(file: string): CrmRecords {
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new SeedFileError(
            `seed file ${file} cannot be read (${why}); fix the JSON or restore it with git checkout -- ${file}`
        );
    }
    if (!isRecord(doc))
        throw new SeedFileError(`seed file ${file} is not a JSON object; restore it with git checkout -- ${file}`);
    const out: CrmRecords = { Account: [], Contact: [], Lead: [], Case: [], Opportunity: [] };
    const lists: [keyof CrmRecords, string, boolean][] = [
        ["Account", "accounts", true],
        ["Contact", "contacts", true],
        ["Lead", "leads", true],
        ["Case", "cases", false],
        ["Opportunity", "opportunities", false]
    ];
    for (const [object, key, required] of lists) {
        const list = doc[key] ?? (required ? undefined : []);
        if (!Array.isArray(list))
            throw new SeedFileError(`seed file ${file} has no "${key}" array; restore it with git checkout -- ${file}`);
        for (const item of list) {
            if (!isRecord(item) || typeof item.id !== "string")
                throw new SeedFileError(`seed file ${file}: an entry of "${key}" has no string id; fix that entry`);
            const fields: CrmRecord["fields"] = {};
            for (const [k, v] of Object.entries(item)) if (k !== "mcp" && k !== "id") fields[apiName(k)] = scalar(v);
            const name =
                object === "Account" || object === "Opportunity"
                    ? String(fields.Name ?? "")
                    : object === "Case"
                      ? String(fields.Subject ?? "")
                      : `${String(fields.FirstName ?? "")} ${String(fields.LastName ?? "")}`.trim();
            const named = object === "Case" ? fields : { Name: name, ...fields };
            out[object].push({ id: item.id, object, name, fields: named });
        }
    }
    const accounts = new Map(out.Account.map((a) => [a.id, a.name]));
    for (const c of [...out.Contact, ...out.Case, ...out.Opportunity])
        c.accountName = accounts.get(String(c.fields.AccountId ?? ""));
    return out;
}
