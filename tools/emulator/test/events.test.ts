import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { arr, campaigns, JANE, obj, TestEmulator } from "./helpers";

describe("Event API", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    const latest = async (userId: string, n = 5): Promise<Array<Record<string, unknown>>> =>
        arr(obj((await t.call("GET", `/api/dataset/engage/user/${userId}/events?limit=${n}`)).json)["events"]).map(obj);

    it("accepts JSON, form-encoded base64 and GET base64 on /api2/event, with the documented envelope", async () => {
        const event = {
            action: "Homepage",
            user: { attributes: { emailAddress: JANE.email } },
            source: { channel: "Web", url: "https://www.northtrail.example.com/" }
        };
        const b64 = Buffer.from(JSON.stringify(event)).toString("base64");
        const viaJson = await t.call("POST", "/api2/event/engage", { json: event, auth: false });
        const viaForm = await t.call("POST", "/api2/event/engage", {
            body: new URLSearchParams({ event: b64 }),
            auth: false
        });
        const viaGet = await t.call("GET", `/api2/event/engage?event=${encodeURIComponent(b64)}`, { auth: false });
        for (const res of [viaJson, viaForm, viaGet]) {
            assert.equal(res.status, 200);
            const body = obj(res.json);
            assert.equal(body["errorCode"], 0);
            assert.equal(body["resolvedUserId"], JANE.userId);
            assert.deepEqual(body["campaignResponses"], []);
            assert.match(String(obj(body["persistedUserId"])["entityId"]), /^[A-Za-z0-9_-]{32}$/);
            assert.equal(res.headers.get("cache-control"), "no-cache, no-store");
        }
        const events = await latest(JANE.userId, 3);
        assert.equal(events.filter((e) => e["action"] === "Homepage" && e["time"] === undefined).length, 0);
        assert.deepEqual(
            events.map((e) => e["action"]),
            ["Homepage", "Homepage", "Homepage"]
        );
    });

    it("authevent accepts JSON only (form → 415)", async () => {
        const b64 = Buffer.from(JSON.stringify({ action: "x", user: { id: "C-1" } })).toString("base64");
        const res = await t.call("POST", "/api2/authevent/engage", { body: new URLSearchParams({ event: b64 }) });
        assert.equal(res.status, 415);
    });

    it("records both schema namespaces in the event stream, with item, order and inventory", async () => {
        await t.authevent({
            action: "View Item",
            itemAction: "View Item",
            user: { attributes: { sfdcContactId: JANE.contactId } },
            source: { channel: "Web", url: "https://x/p/p-1004" },
            catalog: { Product: { _id: "p-1004" } }
        });
        await t.authevent({
            interaction: {
                name: "Purchase",
                order: {
                    id: "o-77",
                    totalValue: 698,
                    currency: "USD",
                    lineItems: [{ catalogObjectType: "Product", catalogObjectId: "p-1004", price: 349, quantity: 2 }]
                }
            },
            user: { identities: { emailAddress: JANE.email } },
            source: { channel: "Server", application: "POS" }
        });
        const [purchase, view] = await latest(JANE.userId, 2);
        assert.equal(obj(purchase)["action"], "Purchase");
        assert.equal(obj(purchase)["itemAction"], "Purchase");
        assert.equal(obj(purchase)["application"], "POS");
        assert.deepEqual(obj(purchase)["order"], { orderId: "o-77", totalValue: 698, currency: "USD" });
        assert.equal(obj(view)["action"], "View Item");
        const item = obj(obj(view)["item"]);
        assert.equal(item["id"], "p-1004");
        assert.equal(item["name"], "Ridge 2 Ultralight Tent");
        assert.equal(typeof item["inventoryCount"], "number");
        // The purchase feeds the revenue affinity.
        const aff = arr(
            (
                await t.call(
                    "GET",
                    `/api/dataset/engage/user/${JANE.userId}/affinities?itemType=Product&sortBy=revenue&limit=1`
                )
            ).json
        ).map(obj);
        assert.equal(aff[0]?.["itemId"], "p-1004");
        assert.ok(Number(aff[0]?.["revenue"]) >= 698);
    });

    it("returns errorCode 5 for events MCP would reject", async () => {
        const bad: unknown[] = [
            {},
            [],
            "just a string",
            { source: { channel: "Server" } },
            { action: 42, user: { id: "C-1" } },
            { action: "x", user: { attributes: { a: { nested: true } } } },
            { action: "x", user: "someone" },
            {
                interaction: {
                    name: "AddToCart",
                    lineItem: { catalogObjectType: "Product", catalogObjectId: "p-1001", quantity: 1 }
                },
                user: { id: "C-1" }
            },
            { action: "x", user: { id: "C-1" }, campaignStats: [{ experienceId: "NbPx1", stat: "Viewed" }] },
            { action: "x", user: { profileObjects: { Case: [{ attributes: {} }] } } },
            { action: "x", user: { id: "C-1" }, source: { time: "yesterday" } }
        ];
        for (const event of bad) {
            const res = await t.authevent(event);
            assert.equal(res.status, 200, JSON.stringify(event));
            assert.equal(obj(res.json)["errorCode"], 5, JSON.stringify(event));
            assert.deepEqual(campaigns(res), []);
        }
    });

    it("bad input: invalid JSON 400, unknown dataset 404, unknown route 404, oversized body 413", async () => {
        const invalid = await t.call("POST", "/api2/authevent/engage", {
            body: '{"action": "x",',
            headers: { "content-type": "application/json" }
        });
        assert.equal(invalid.status, 400);
        assert.equal(obj(invalid.json)["error"], "invalid_json");
        const empty = await t.call("POST", "/api2/event/engage", {
            body: "",
            headers: { "content-type": "application/json" },
            auth: false
        });
        assert.equal(empty.status, 400);
        const badB64 = await t.call("GET", "/api2/event/engage?event=%25%25%25", { auth: false });
        assert.equal(badB64.status, 400);
        const noParam = await t.call("GET", "/api2/event/engage", { auth: false });
        assert.equal(noParam.status, 400);
        const unknownDataset = await t.authevent({ action: "x", user: { id: "C-1" } }, "nope");
        assert.equal(unknownDataset.status, 404);
        assert.equal(obj(unknownDataset.json)["error"], "dataset_not_found");
        for (const [method, path] of [
            ["GET", "/api/nothing"],
            ["DELETE", "/api2/authevent/engage"],
            ["GET", "/"],
            ["PUT", "/api/dataset/engage/metadata"],
            ["GET", "/__emulator/nothing"],
            ["GET", "//"]
        ] as const) {
            const res = await t.call(method, path, { skipContract: true });
            assert.equal(res.status, 404, `${method} ${path}`);
            assert.equal(obj(res.json)["error"], "not_found");
        }
        const huge = JSON.stringify({ action: "x", user: { id: "C-1" }, pad: "x".repeat(1024 * 1024) });
        const tooLarge = await t.call("POST", "/api2/authevent/engage", {
            body: huge,
            headers: { "content-type": "application/json" }
        });
        assert.equal(tooLarge.status, 413);
        assert.equal(obj(tooLarge.json)["error"], "payload_too_large");
        // Still healthy after all of that.
        assert.equal((await t.call("GET", "/api/datasets")).status, 200);
    });

    it("never crashes on odd input (garbage bodies, odd paths, odd headers)", async () => {
        const inputs = [
            "null",
            "0",
            "true",
            '"x"',
            "[1,2]",
            '{"user":null}',
            '{"user":{"attributes":null}}',
            '{"action":"x","user":{"identities":{"emailAddress":7}}}',
            '{"action":"x","flags":"yes","debug":[],"source":{"channel":null}}',
            "\u0000\u0001",
            '{"action":"x","user":{"id":""}}'
        ];
        for (const body of inputs) {
            const res = await t.call("POST", "/api2/authevent/engage", {
                body,
                headers: { "content-type": "application/json" }
            });
            assert.ok([200, 400].includes(res.status), `${body} → ${res.status}`);
        }
        for (const path of [
            "/api/dataset/%E0%A4%A/user/x",
            "/api/dataset/engage/identity/emailAddress/%",
            "/api2/event/" + "x".repeat(5000),
            "/api/dataset/engage/user/../../etc/passwd"
        ]) {
            const res = await t.call("GET", path, { skipContract: true });
            assert.ok(res.status >= 400 && res.status < 500, `${path} → ${res.status}`);
        }
        assert.equal((await t.call("GET", "/api/datasets")).status, 200);
    });

    it("updates pre-defined attributes only; profile objects replace whole, cap at 100, need a trusted source when strict", async () => {
        await t.authevent({
            interaction: { name: "Case Closed" },
            user: {
                identities: { sfdcContactId: JANE.contactId },
                attributes: { loyaltyTier: "Platinum", favouriteColour: "green" },
                profileObjects: {
                    Case: [
                        {
                            id: "case-1",
                            attributes: { Status: "Open", Priority: "High", Bogus: "x" },
                            relatedCatalogObjects: { Product: ["p-1004"], Brand: ["b-x"] }
                        }
                    ],
                    Undefined: [{ id: "u1" }]
                }
            },
            source: { channel: "Server" }
        });
        await t.authevent({
            interaction: { name: "Case Updated" },
            user: {
                identities: { sfdcContactId: JANE.contactId },
                profileObjects: { Case: [{ id: "case-1", attributes: { Status: "Closed" } }] }
            },
            source: { channel: "Server" }
        });
        const profile = obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).json);
        const attrs = arr(profile["attributes"]).map(obj);
        assert.equal(attrs.find((a) => a["name"] === "loyaltyTier")?.["value"], "Platinum");
        assert.equal(
            attrs.find((a) => a["name"] === "favouriteColour"),
            undefined
        );
        const cases = arr(obj(profile["profileObjects"])["Case"]).map(obj);
        assert.equal(cases.length, 1);
        assert.deepEqual(cases[0]?.["attributes"], { Status: "Closed" }, "replaced whole, not merged");
        assert.equal(obj(profile["profileObjects"])["Undefined"], undefined);
        // The unauthenticated endpoint cannot write profile objects in a strict dataset.
        await t.call("POST", "/api2/event/engage", {
            auth: false,
            json: {
                action: "x",
                user: { attributes: { emailAddress: JANE.email }, profileObjects: { Case: [{ id: "case-web" }] } },
                source: { channel: "Web" }
            }
        });
        // 105 objects → the 100 most recent stay.
        const many = Array.from({ length: 105 }, (_, i) => ({ id: `bulk-${i}`, attributes: { Status: "Open" } }));
        await t.authevent({
            action: "Bulk",
            user: { attributes: { emailAddress: JANE.email }, profileObjects: { Case: many } },
            source: { channel: "Server" }
        });
        const after100 = arr(
            obj(obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).json)["profileObjects"])["Case"]
        ).map(obj);
        assert.equal(after100.length, 100);
        assert.equal(
            after100.some((c) => c["id"] === "case-web"),
            false
        );
        // An empty array clears nothing.
        await t.authevent({
            action: "Empty",
            user: { attributes: { emailAddress: JANE.email }, profileObjects: { Case: [] } },
            source: { channel: "Server" }
        });
        assert.equal(
            arr(
                obj(obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).json)["profileObjects"])[
                    "Case"
                ]
            ).length,
            100
        );
    });

    it("flags: doNotTrack drops the event; nonInteractive records it without counting as activity", async () => {
        const before = (await latest(JANE.userId, 1))[0];
        await t.authevent({
            action: "Ignored",
            user: { attributes: { emailAddress: JANE.email } },
            flags: { doNotTrack: true }
        });
        assert.deepEqual((await latest(JANE.userId, 1))[0], before);
        await t.authevent({
            action: "CRM Sync",
            user: { attributes: { emailAddress: JANE.email } },
            source: { channel: "Server" },
            flags: { nonInteractive: true, noCampaigns: true }
        });
        assert.equal((await latest(JANE.userId, 1))[0]?.["action"], "CRM Sync");
    });

    it("keeps an event without any identity on a new anonymous profile", async () => {
        const res = await t.call("POST", "/api2/event/engage", {
            auth: false,
            json: { action: "Anonymous Visit", source: { channel: "Web" }, user: {} }
        });
        const id = String(obj(res.json)["resolvedUserId"]);
        assert.match(id, /^[0-9a-f]{24}$/);
        assert.equal((await latest(id, 1))[0]?.["action"], "Anonymous Visit");
    });

    it("makes event times unique so paging never loses an event", async () => {
        for (let i = 0; i < 5; i++)
            await t.authevent({
                action: `Same Time ${i}`,
                user: { attributes: { emailAddress: JANE.email } },
                source: { channel: "Server", time: NOW - 1000 }
            });
        const all = arr(
            obj(
                (
                    await t.call(
                        "GET",
                        `/api/dataset/engage/user/${JANE.userId}/events?limit=200&action=${encodeURIComponent("Same Time 0,Same Time 1,Same Time 2,Same Time 3,Same Time 4")}`
                    )
                ).json
            )["events"]
        ).map(obj);
        assert.equal(all.length, 5);
        assert.equal(new Set(all.map((e) => e["time"])).size, 5);
    });
});

import { NOW } from "./helpers";
