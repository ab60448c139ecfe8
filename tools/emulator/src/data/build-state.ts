/** Builds every dataset's in-memory state from the seed, the demo CRM file and the dataset configs. */
import { buildCatalog, buildPromotions, CATEGORIES } from "./catalog";
import { defaultDatasets } from "./datasets";
import type { DemoCrm } from "./demo-seed";
import { DatasetStore } from "../store/dataset-store";
import type { Profile } from "../store/types";
import { Prng, hashHex24, hashSeed } from "../util/prng";
import type { Clock } from "../util/time";

const FIRST = [
    "Ava",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Felix",
    "Grace",
    "Hugo",
    "Iris",
    "Jonas",
    "Keiko",
    "Leo",
    "Maya",
    "Noah",
    "Olga",
    "Pablo",
    "Rina",
    "Sven",
    "Tara",
    "Umar",
    "Vera",
    "Wes",
    "Yara",
    "Zane"
];
const LAST = [
    "Adams",
    "Bauer",
    "Costa",
    "Dubois",
    "Evans",
    "Fujita",
    "Garcia",
    "Hughes",
    "Ibsen",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Nguyen",
    "Okafor",
    "Patel",
    "Rossi",
    "Silva",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhou"
];

/** Inputs of a build. */
export interface BuildInput {
    seed: number;
    /** Synthetic profiles in the main dataset (engage); b2b gets 30% of that, at least 50. */
    users: number;
    demo: DemoCrm;
    seedNow: number;
    clock: Clock;
}

/** Stable profile ID of a demo person (fixtures in the OpenAPI document use these). */
export function demoProfileId(dataset: string, email: string): string {
    return hashHex24(dataset, email.toLowerCase());
}

interface DemoPerson {
    email: string;
    identities: Record<string, string>;
    attributes: Record<string, string>;
    interests: string[];
}

function demoPeople(demo: DemoCrm, dataset: string): DemoPerson[] {
    const accounts = new Map(demo.accounts.map((a) => [a.id, a.name]));
    const byEmail = new Map<string, DemoPerson>();
    const add = (
        email: string,
        ids: Record<string, string>,
        attributes: Record<string, string>,
        interests: string[]
    ): void => {
        const key = email.toLowerCase();
        const existing = byEmail.get(key);
        if (existing) {
            // A converted lead and its contact share one profile.
            Object.assign(existing.identities, ids);
            existing.interests = [...new Set([...existing.interests, ...interests])];
            return;
        }
        byEmail.set(key, { email, identities: { emailAddress: email, ...ids }, attributes, interests });
    };
    demo.contacts.forEach((c, i) => {
        if (!c.mcp || !c.mcp.datasets.includes(dataset)) return;
        const ids: Record<string, string> = { sfdcContactId: c.id };
        if (c.mcp.customerId) ids["customerId"] = c.mcp.customerId;
        if (c.mcp.sfmcContactKey) ids["sfmcContactKey"] = c.mcp.sfmcContactKey;
        const attributes: Record<string, string> = {
            firstName: c.firstName,
            lastName: c.lastName,
            accountName: accounts.get(c.accountId) ?? ""
        };
        if (c.title) attributes["title"] = c.title;
        if (i % 3 === 0) attributes["loyaltyTier"] = "Gold";
        add(c.mcp.emailAddress ?? c.email, ids, attributes, c.mcp.interests ?? []);
    });
    for (const l of demo.leads) {
        if (!l.mcp || !l.mcp.datasets.includes(dataset)) continue;
        const ids: Record<string, string> = { sfdcLeadId: l.id };
        if (l.mcp.customerId) ids["customerId"] = l.mcp.customerId;
        if (l.mcp.sfmcContactKey) ids["sfmcContactKey"] = l.mcp.sfmcContactKey;
        add(
            l.mcp.emailAddress ?? l.email,
            ids,
            { firstName: l.firstName, lastName: l.lastName, accountName: l.company },
            l.mcp.interests ?? []
        );
    }
    return [...byEmail.values()];
}

/** Creates the dataset stores, fully populated. */
export function buildState(input: BuildInput): Map<string, DatasetStore> {
    const stores = new Map<string, DatasetStore>();
    for (const config of defaultDatasets()) {
        const variant = config.id === "b2b" ? "b2b" : "retail";
        const store = new DatasetStore(
            config,
            buildCatalog(variant),
            buildPromotions(variant),
            input.seedNow,
            input.clock,
            input.seed
        );
        const known = new Set(config.userAttributes.map((a) => a.name));
        for (const person of demoPeople(input.demo, config.id)) {
            const id = demoProfileId(config.id, person.email);
            const attributes: Profile["attributes"] = {};
            for (const [k, v] of Object.entries(person.identities))
                attributes[k] = { value: v, updated: input.seedNow - 90 * 86_400_000 };
            for (const [k, v] of Object.entries(person.attributes))
                if (known.has(k)) attributes[k] = { value: v, updated: input.seedNow - 90 * 86_400_000 };
            store.addProfile({
                id,
                dataset: config.id,
                identities: { ...person.identities },
                attributes,
                profileObjects: {},
                anonAliases: [],
                anonMergeTimes: [],
                histories: [
                    {
                        seed: store.historySeed("demo", person.email.toLowerCase()),
                        activity: 0.5 + (hashSeed(id) % 45) / 100,
                        interests: person.interests
                    }
                ],
                interests: person.interests,
                liveEvents: [],
                demo: true,
                created: input.seedNow - 90 * 86_400_000,
                liveLastActivity: null
            });
        }
        const count = config.id === "engage" ? input.users : Math.max(50, Math.round(input.users * 0.3));
        const rng = new Prng(hashSeed(String(input.seed), config.id, "synthetic"));
        for (let i = 0; i < count; i++) {
            let id = rng.hex24();
            while (store.profiles.has(id)) id = rng.hex24();
            const anonymous = rng.next() < 0.1;
            const first = rng.pick(FIRST);
            const last = rng.pick(LAST);
            const identities: Record<string, string> = {};
            const attributes: Profile["attributes"] = {};
            const since = input.seedNow - 90 * 86_400_000;
            if (!anonymous) {
                identities["emailAddress"] = `${first}.${last}${i}@example.net`.toLowerCase();
                identities["customerId"] = `C-${200000 + i}`;
                for (const [k, v] of Object.entries(identities)) attributes[k] = { value: v, updated: since };
                attributes["firstName"] = { value: first, updated: since };
                attributes["lastName"] = { value: last, updated: since };
                if (rng.next() < 0.15 && known.has("loyaltyTier"))
                    attributes["loyaltyTier"] = { value: "Gold", updated: since };
            }
            const interests = [rng.pick(CATEGORIES)];
            if (rng.next() < 0.4) interests.push(rng.pick(CATEGORIES));
            store.addProfile({
                id,
                dataset: config.id,
                identities,
                attributes,
                profileObjects: {},
                anonAliases: anonymous ? [rng.hex24().slice(0, 16)] : [],
                anonMergeTimes: [],
                histories: [
                    {
                        seed: hashSeed(String(input.seed), config.id, id),
                        activity: Math.pow(rng.next(), 1.5),
                        interests: [...new Set(interests)]
                    }
                ],
                interests: [...new Set(interests)],
                liveEvents: [],
                demo: false,
                created: since,
                liveLastActivity: null
            });
        }
        stores.set(config.id, store);
    }
    return stores;
}
