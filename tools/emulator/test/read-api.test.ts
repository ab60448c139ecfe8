import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { arr, JANE, NOW, obj, TestEmulator } from "./helpers";

const DAY = 86_400_000;

describe("read APIs (documented user APIs and the project read contract)", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    it("lists datasets and their metadata", async () => {
        const list = arr((await t.call("GET", "/api/datasets")).json).map(obj);
        assert.deepEqual(
            list.map((d) => d["id"]),
            ["engage", "b2b"]
        );
        const meta = obj((await t.call("GET", "/api/dataset/engage/metadata")).json);
        const types = arr(meta["identityTypes"]).map(obj);
        assert.equal(types.find((i) => i["attribute"] === "emailAddress")?.["caseSensitive"], false);
        assert.equal(types.find((i) => i["attribute"] === "sfdcContactId")?.["caseSensitive"], true);
        assert.ok(
            arr(meta["profileObjectTypes"])
                .map(obj)
                .some((p) => p["name"] === "Case")
        );
        assert.ok(
            arr(meta["catalogObjectTypes"])
                .map(obj)
                .some((c) => c["name"] === "Brand")
        );
        assert.equal((await t.call("GET", "/api/dataset/nope/metadata")).status, 404);
    });

    it("affinities: sortBy views|viewTime|purchases|revenue, itemType, window and the previous window", async () => {
        const base = `/api/dataset/engage/user/${JANE.userId}/affinities`;
        const views = arr(
            (await t.call("GET", `${base}?itemType=Product&sortBy=views&limit=50&start=${NOW - 90 * DAY}&end=${NOW}`))
                .json
        ).map(obj);
        assert.ok(views.length > 0);
        for (let i = 1; i < views.length; i++)
            assert.ok(Number(views[i - 1]?.["views"]) >= Number(views[i]?.["views"]));
        assert.ok(views.every((a) => a["itemType"] === "Product"));
        for (const sortBy of ["viewTime", "purchases", "revenue"] as const) {
            const key = sortBy === "viewTime" ? "viewTimeMs" : sortBy;
            const rows = arr(
                (await t.call("GET", `${base}?sortBy=${sortBy}&limit=50&start=${NOW - 90 * DAY}`)).json
            ).map(obj);
            for (let i = 1; i < rows.length; i++)
                assert.ok(Number(rows[i - 1]?.[key]) >= Number(rows[i]?.[key]), sortBy);
        }
        // The previous window of a window equals that window queried directly.
        const start = NOW - 30 * DAY;
        const current = arr(
            (await t.call("GET", `${base}?itemType=Product&limit=200&start=${start}&end=${NOW}`)).json
        ).map(obj);
        const prev = new Map(
            arr((await t.call("GET", `${base}?itemType=Product&limit=200&start=${start - 30 * DAY}&end=${start}`)).json)
                .map(obj)
                .map((a) => [a["itemId"], a])
        );
        for (const a of current) {
            const p = obj(a["previous"]);
            const direct = prev.get(a["itemId"]);
            assert.equal(p["views"], direct ? direct["views"] : 0);
            assert.equal(p["revenue"], direct ? direct["revenue"] : 0);
        }
        // A fresh view shows up in the default window.
        await t.authevent({
            action: "View Item",
            user: { attributes: { sfdcContactId: JANE.contactId } },
            source: { channel: "Web" },
            catalog: { Product: { _id: "p-1030" } }
        });
        const fresh = arr((await t.call("GET", `${base}?itemType=Product&limit=200`)).json).map(obj);
        assert.ok(
            fresh.some(
                (a) => a["itemId"] === "p-1030" && Number(a["views"]) >= 1 && a["name"] === "Recovery Foam Roller"
            )
        );
        assert.equal(arr((await t.call("GET", `${base}?limit=2`)).json).length, 2);
        assert.deepEqual((await t.call("GET", `${base}?start=${NOW + DAY}&end=${NOW + 2 * DAY}`)).json, []);
        for (const q of ["sortBy=popularity", "limit=0", "limit=abc", `start=${NOW}&end=${NOW - 1}`])
            assert.equal((await t.call("GET", `${base}?${q}`)).status, 400, q);
        assert.equal((await t.call("GET", "/api/dataset/engage/user/000000000000000000000000/affinities")).status, 404);
    });

    it("event stream: newest first, paged with before/nextBefore without loss or repetition", async () => {
        const base = `/api/dataset/engage/user/${JANE.userId}/events`;
        const everything = obj((await t.call("GET", `${base}?limit=200`)).json);
        const all = arr(everything["events"]).map(obj);
        assert.ok(all.length > 20);
        for (let i = 1; i < all.length; i++) assert.ok(Number(all[i - 1]?.["time"]) > Number(all[i]?.["time"]));
        const paged: Array<Record<string, unknown>> = [];
        let before: number | null = null;
        let pages = 0;
        do {
            const page = obj(
                (await t.call("GET", `${base}?limit=7${before === null ? "" : `&before=${before}`}`)).json
            );
            paged.push(...arr(page["events"]).map(obj));
            before = page["hasMore"] === true ? Number(page["nextBefore"]) : null;
            if (page["hasMore"] !== true) assert.equal(page["nextBefore"], null);
            pages++;
        } while (before !== null && pages < 100);
        assert.deepEqual(
            paged.map((e) => e["id"]),
            all.slice(0, paged.length).map((e) => e["id"])
        );
        if (everything["hasMore"] === false) assert.equal(paged.length, all.length);
    });

    it("event stream filters: channel, action, excludeActions, start/end", async () => {
        const base = `/api/dataset/engage/user/${JANE.userId}/events?limit=200`;
        const web = arr(obj((await t.call("GET", `${base}&channel=Web`)).json)["events"]).map(obj);
        assert.ok(web.length > 0 && web.every((e) => e["channel"] === "Web"));
        const two = arr(obj((await t.call("GET", `${base}&channel=Email,MobileApp`)).json)["events"]).map(obj);
        assert.ok(two.every((e) => ["Email", "MobileApp"].includes(String(e["channel"]))));
        const views = arr(
            obj((await t.call("GET", `${base}&action=${encodeURIComponent("View Item")}`)).json)["events"]
        ).map(obj);
        assert.ok(
            views.length > 0 && views.every((e) => e["action"] === "View Item" && obj(e["item"])["id"] !== undefined)
        );
        const without = arr(
            obj((await t.call("GET", `${base}&excludeActions=${encodeURIComponent("View Item,Homepage")}`)).json)[
                "events"
            ]
        ).map(obj);
        assert.ok(without.every((e) => e["action"] !== "View Item" && e["action"] !== "Homepage"));
        const start = NOW - 14 * DAY;
        const end = NOW - 7 * DAY;
        const windowed = arr(obj((await t.call("GET", `${base}&start=${start}&end=${end}`)).json)["events"]).map(obj);
        assert.ok(windowed.every((e) => Number(e["time"]) >= start && Number(e["time"]) < end));
        assert.equal((await t.call("GET", `${base.replace("limit=200", "limit=201")}`)).status, 400);
        assert.equal((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}/events?before=-5`)).status, 400);
    });

    it("user look-up returns the detailed and summary keys; 404 for unknown users", async () => {
        const p = obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).json);
        assert.equal(p["id"], JANE.userId);
        assert.equal(p["emailAddress"], JANE.email);
        assert.equal(p["name"], "Jane Doe");
        assert.equal(typeof p["engagementScore"], "number");
        assert.deepEqual(
            arr(p["segments"]),
            arr(p["segmentMembership"]).map((s) => obj(s)["name"])
        );
        assert.ok(arr(p["segments"]).includes("Gold Loyalty"));
        assert.ok(Number(obj(p["userSummary"])["eventCount"]) > 0);
        const missing = await t.call("GET", "/api/dataset/engage/user/ffffffffffffffffffffffff");
        assert.equal(missing.status, 404);
        assert.equal(obj(missing.json)["error"], "user_not_found");
    });

    it("users.json / users.csv: segment filter, paging, named users only", async () => {
        const all = arr((await t.call("GET", "/api/dataset/engage/users.json")).json).map(obj);
        assert.ok(all.length > 100);
        assert.ok(all.every((r) => r["emailAddress"] !== null || Object.keys(obj(r["identities"])).length > 0));
        const ids = all.map((r) => String(r["id"]));
        assert.deepEqual(ids, [...ids].sort());
        const page0 = arr((await t.call("GET", "/api/dataset/engage/users.json?pageSize=10&page=0")).json).map(obj);
        const page1 = arr((await t.call("GET", "/api/dataset/engage/users.json?pageSize=10&page=1")).json).map(obj);
        assert.deepEqual(
            [...page0, ...page1].map((r) => r["id"]),
            ids.slice(0, 20)
        );
        const gold = arr(
            (await t.call("GET", `/api/dataset/engage/users.json?filter=${encodeURIComponent("Gold Loyalty")}`)).json
        ).map(obj);
        assert.ok(gold.length > 0 && gold.every((r) => arr(r["segments"]).includes("Gold Loyalty")));
        assert.ok(gold.some((r) => r["id"] === JANE.userId));
        const byId = arr((await t.call("GET", "/api/dataset/engage/users.json?filter=seg-gold-loyalty")).json);
        assert.equal(byId.length, gold.length);
        assert.deepEqual((await t.call("GET", "/api/dataset/engage/users.json?pageSize=10&page=999")).json, []);
        const csv = await t.call("GET", "/api/dataset/engage/users.csv?pageSize=5");
        assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
        const lines = csv.text.trim().split("\n");
        assert.equal(lines.length, 6);
        assert.equal(lines[1]?.split(",")[0], ids[0]);
        assert.equal((await t.call("GET", "/api/dataset/engage/users.json?pageSize=0")).status, 400);
    });

    it("deletes users listed in a multipart CSV, by any identity; idempotent", async () => {
        const upload = (csv: string): FormData => {
            const form = new FormData();
            form.append("file", new Blob([csv], { type: "text/csv" }), "delete.csv");
            return form;
        };
        const res = await t.call("POST", "/api/dataset/engage/users/delete", {
            body: upload(`name\n${JANE.email.toUpperCase()}\n003Hs00002Kx0CkIAJ\nnobody@example.com\n`)
        });
        assert.equal(res.text, "Deleted 2 users (3 requested)");
        assert.equal((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).status, 404);
        assert.equal((await t.call("GET", `/api/dataset/engage/identity/sfdcContactId/${JANE.contactId}`)).status, 404);
        const again = await t.call("POST", "/api/dataset/engage/users/delete", {
            body: upload(`name\n${JANE.email}\n`)
        });
        assert.equal(again.text, "Deleted 0 users (1 requested)");
        const noFile = new FormData();
        noFile.append("other", "x");
        assert.equal((await t.call("POST", "/api/dataset/engage/users/delete", { body: noFile })).status, 400);
        assert.equal(
            (
                await t.call("POST", "/api/dataset/engage/users/delete", {
                    body: "name\nx",
                    headers: { "content-type": "text/csv" }
                })
            ).status,
            400
        );
    });
});
