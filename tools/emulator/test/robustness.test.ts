import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Prng } from "../src/util/prng";
import { arr, JANE, obj, TestEmulator } from "./helpers";

/** A random JSON-ish value: deep, odd-typed, sometimes shaped like an event. */
function randomValue(rng: Prng, depth: number): unknown {
    const roll = rng.next();
    if (depth > 3 || roll < 0.25) {
        return rng.pick<unknown>([
            null,
            true,
            false,
            0,
            -1,
            1e308,
            "",
            "x",
            "\u0000",
            "Server",
            "003Hs00002Jd0AkIAJ",
            [],
            {}
        ]);
    }
    if (roll < 0.45) return Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth + 1));
    const keys = [
        "action",
        "interaction",
        "name",
        "user",
        "id",
        "attributes",
        "identities",
        "profileObjects",
        "Case",
        "source",
        "channel",
        "time",
        "catalog",
        "Product",
        "_id",
        "order",
        "lineItems",
        "price",
        "campaignStats",
        "experienceId",
        "stat",
        "flags",
        "debug",
        "testMessages",
        "cart",
        "singleLine",
        "emailAddress",
        "anonId"
    ];
    const out: Record<string, unknown> = {};
    for (let i = rng.int(0, 5); i > 0; i--) out[rng.pick(keys)] = randomValue(rng, depth + 1);
    return out;
}

describe("robustness", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    after(() => t.close());

    it("never crashes on 300 seeded random bodies and 100 random query strings; answers stay in the contract", async () => {
        const rng = new Prng(1234);
        for (let i = 0; i < 300; i++) {
            const value = randomValue(rng, 0);
            const raw = rng.next() < 0.1 ? JSON.stringify(value).slice(0, rng.int(0, 20)) : JSON.stringify(value);
            const res = await t.call("POST", rng.next() < 0.5 ? "/api2/authevent/engage" : "/api2/event/b2b", {
                body: raw,
                headers: { "content-type": "application/json" }
            });
            assert.ok([200, 400].includes(res.status), `${raw} → ${res.status} ${res.text.slice(0, 200)}`);
            if (res.status === 200) assert.ok([0, 5].includes(Number(obj(res.json)["errorCode"])), raw);
        }
        const params = [
            "limit",
            "before",
            "start",
            "end",
            "channel",
            "action",
            "excludeActions",
            "sortBy",
            "itemType",
            "page",
            "pageSize",
            "filter"
        ];
        const values = ["", "-1", "0", "abc", "1e3", "99999999999999999999", "Web,,", "%", "views", "Product"];
        for (let i = 0; i < 100; i++) {
            const q = Array.from(
                { length: rng.int(1, 3) },
                () => `${rng.pick(params)}=${encodeURIComponent(rng.pick(values))}`
            ).join("&");
            const path = rng.pick([
                `/api/dataset/engage/user/${JANE.userId}/events`,
                `/api/dataset/engage/user/${JANE.userId}/affinities`,
                "/api/dataset/engage/users.json"
            ]);
            const res = await t.call("GET", `${path}?${q}`);
            assert.ok([200, 400].includes(res.status), `${path}?${q} → ${res.status} ${res.text.slice(0, 200)}`);
        }
        assert.equal((await t.call("GET", "/api/datasets")).status, 200);
    });

    it("never loses an accepted event: 200 concurrent events for one profile are all in the stream", async () => {
        await t.call("POST", "/__emulator/reset");
        const sends = Array.from({ length: 200 }, (_, i) =>
            t.authevent({
                action: `Concurrent ${i}`,
                user: { identities: { sfdcContactId: JANE.contactId } },
                source: { channel: "Server" },
                flags: { noCampaigns: true }
            })
        );
        const results = await Promise.all(sends);
        assert.ok(results.every((r) => r.status === 200 && obj(r.json)["errorCode"] === 0));
        const seen = new Set<string>();
        let before: number | null = null;
        for (let page = 0; page < 10; page++) {
            const body = obj(
                (
                    await t.call(
                        "GET",
                        `/api/dataset/engage/user/${JANE.userId}/events?limit=50${before === null ? "" : `&before=${before}`}`
                    )
                ).json
            );
            for (const e of arr(body["events"]).map(obj))
                if (String(e["action"]).startsWith("Concurrent ")) seen.add(String(e["action"]));
            if (body["hasMore"] !== true) break;
            before = Number(body["nextBefore"]);
            if (seen.size === 200) break;
        }
        assert.equal(seen.size, 200);
    });
});
