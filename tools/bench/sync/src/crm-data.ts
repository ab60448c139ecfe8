/**
 * Synthetic CRM for the sync benchmark, in the shared `config/seed/demo-crm.json` format so that the local org
 * (records) and the emulator (matching MCP profiles) are seeded from the same file.
 */

/** Sizes of the synthetic CRM. */
export interface CrmSize {
    accounts: number;
    contacts: number;
    leads: number;
}

/** The benchmark sizes. */
export const FULL_SIZE: CrmSize = { accounts: 2000, contacts: 20000, leads: 5000 };

interface Mcp {
    datasets: string[];
    interests: string[];
}

/** A demo-crm.json document (only the properties the benchmark fills). */
export interface CrmFile {
    description: string;
    accounts: { id: string; name: string; industry: string }[];
    contacts: {
        id: string;
        accountId: string;
        firstName: string;
        lastName: string;
        email: string;
        title: string;
        mcp: Mcp;
    }[];
    leads: {
        id: string;
        firstName: string;
        lastName: string;
        email: string;
        company: string;
        status: string;
        isConverted: boolean;
        convertedContactId: null;
        convertedAccountId: null;
        mcp: Mcp;
    }[];
}

/**
 * An 18-character Salesforce Id: key prefix and 12 digits, plus the case-checksum suffix (one character per
 * 5-character block: bit i set when character i of the block is an upper-case letter).
 * @param prefix 3-character key prefix (001, 003, 00Q)
 * @param n sequence number
 */
export function salesforceId(prefix: string, n: number): string {
    const id15 = `${prefix}${String(n).padStart(12, "0")}`;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let suffix = "";
    for (let block = 0; block < 3; block++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charAt(block * 5 + i);
            if (c >= "A" && c <= "Z") bits |= 1 << i;
        }
        suffix += alphabet.charAt(bits);
    }
    return id15 + suffix;
}

const INTERESTS = ["Camping", "Hiking", "Climbing", "Cycling", "Running"];
const TITLES = ["Buyer", "Store Manager", "Head of Purchasing", "Analyst", "VP Operations"];

/**
 * Builds the CRM: contacts spread evenly over the accounts, every contact and lead with an MCP profile in
 * the engage dataset.
 * @param size record counts
 */
export function buildCrm(size: CrmSize): CrmFile {
    const accounts = Array.from({ length: size.accounts }, (_, i) => ({
        id: salesforceId("001", i + 1),
        name: `Bench Account ${i + 1}`,
        industry: "Retail"
    }));
    const contacts = Array.from({ length: size.contacts }, (_, i) => ({
        id: salesforceId("003", i + 1),
        accountId: accounts[i % accounts.length]?.id ?? salesforceId("001", 1),
        firstName: "Contact",
        lastName: `Bench ${i + 1}`,
        email: `contact${i + 1}@bench.example.com`,
        title: TITLES[i % TITLES.length] ?? "Buyer",
        mcp: { datasets: ["engage"], interests: [INTERESTS[i % INTERESTS.length] ?? "Hiking"] }
    }));
    const leads = Array.from({ length: size.leads }, (_, i) => ({
        id: salesforceId("00Q", i + 1),
        firstName: "Lead",
        lastName: `Bench ${i + 1}`,
        email: `lead${i + 1}@bench.example.com`,
        company: `Prospect ${i + 1}`,
        status: "Open - Not Contacted",
        isConverted: false,
        convertedContactId: null,
        convertedAccountId: null,
        mcp: { datasets: ["engage"], interests: [INTERESTS[(i + 2) % INTERESTS.length] ?? "Hiking"] }
    }));
    return {
        description: "Synthetic CRM of npm run bench:sync (tools/bench/sync).",
        accounts,
        contacts,
        leads
    };
}
