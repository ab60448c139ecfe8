/** Loads `config/seed/demo-crm.json`, the demo CRM people shared with the local org. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";

/** Absolute path of the shared demo seed. */
export const DEMO_SEED_PATH = path.resolve(__dirname, "../../../../../config/seed/demo-crm.json");
const SCHEMA_PATH = path.resolve(path.dirname(DEMO_SEED_PATH), "demo-crm.schema.json");

/** MCP side of a demo person (null: no MCP profile). */
export interface DemoMcp {
    datasets: string[];
    emailAddress?: string;
    customerId?: string;
    sfmcContactKey?: string;
    interests?: string[];
}

/** A demo Account. */
export interface DemoAccount {
    id: string;
    name: string;
    industry?: string;
    website?: string;
    billingCity?: string;
    billingCountry?: string;
}

/** A demo Contact. */
export interface DemoContact {
    id: string;
    accountId: string;
    firstName: string;
    lastName: string;
    email: string;
    title?: string;
    phone?: string;
    mcp: DemoMcp | null;
}

/** A demo Lead. */
export interface DemoLead {
    id: string;
    firstName: string;
    lastName: string;
    email: string;
    company: string;
    status: string;
    isConverted: boolean;
    convertedContactId?: string | null;
    convertedAccountId?: string | null;
    mcp: DemoMcp | null;
}

/** The whole demo seed (format documented by `demo-crm.schema.json`). */
export interface DemoCrm {
    accounts: DemoAccount[];
    contacts: DemoContact[];
    leads: DemoLead[];
}

/** Reads and validates a demo CRM file (the default one when no path is given). */
export function loadDemoCrm(file: string = DEMO_SEED_PATH): DemoCrm {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    const schema: unknown = JSON.parse(readFileSync(SCHEMA_PATH, "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema as object);
    if (!validate(data)) {
        const problems = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`).join("; ");
        throw new Error(`${file} is not a valid demo CRM seed: ${problems}`);
    }
    return data as DemoCrm;
}

/** Checks the 3-character case-safe suffix of an 18-character Salesforce ID. */
export function isValidSalesforceId18(id: string): boolean {
    if (!/^[0-9A-Za-z]{18}$/.test(id)) return false;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let suffix = "";
    for (let chunk = 0; chunk < 3; chunk++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const ch = id.charAt(chunk * 5 + i);
            if (ch >= "A" && ch <= "Z") flags |= 1 << i;
        }
        suffix += alphabet.charAt(flags);
    }
    return id.slice(15) === suffix;
}
