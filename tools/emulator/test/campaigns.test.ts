import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { arr, campaigns, JANE, obj, TestEmulator } from "./helpers";

describe("server-side campaigns", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    const render = (user: Record<string, unknown>, extra: Record<string, unknown> = {}, dataset = "engage") =>
        t.authevent(
            {
                action: "Contact Record Viewed",
                user,
                source: { channel: "Server", ...((extra["source"] as object) ?? {}) },
                ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "source"))
            },
            dataset
        );
    const byId = (res: Awaited<ReturnType<typeof render>>) =>
        new Map(campaigns(res).map((c) => [String(c["campaignId"]), c]));

    it("returns NBO promotions and NBR recommendations in the documented payload shapes", async () => {
        const res = await render({ attributes: { sfdcContactId: JANE.contactId } });
        const all = byId(res);
        const nbo = obj(all.get("NbPr1"));
        assert.equal(nbo["campaignType"], "ServerSide");
        assert.equal(nbo["type"], "c");
        assert.equal(nbo["userGroup"], "Default");
        assert.equal(nbo["state"], "Published");
        const payload = obj(nbo["payload"]);
        assert.equal(payload["campaign"], "Next Best Promotion - Sales");
        assert.equal(payload["userGroup"], "Test");
        const promos = arr(payload["promos"]).map(obj);
        assert.equal(promos.length, 3);
        for (const p of promos) {
            assert.equal(typeof obj(obj(p["attributes"])["name"])["value"], "string");
            const asset = obj(arr(p["assets"])[0]);
            assert.match(String(asset["imageUrl"]), /^https:\/\//);
            assert.ok(arr(asset["contentZones"]).includes("crm_nbo"));
        }
        // Jane likes Camping/Hiking: interest-matched promotions rank first.
        assert.ok(["promo-spring-camp", "promo-trail-days"].includes(String(promos[0]?.["id"])));
        const recsCampaign = all.get("NbRc1");
        if (recsCampaign && recsCampaign["userGroup"] === "Default") {
            const rp = obj(recsCampaign["payload"]);
            assert.equal(rp["itemType"], "Product");
            const recs = arr(
                obj(arr(rp["serverSideMessages"])[0])["dataMap"] &&
                    obj(obj(arr(rp["serverSideMessages"])[0])["dataMap"])["recs"]
            ).map(obj);
            assert.equal(recs.length, 4);
            assert.deepEqual(arr(rp["products"]), recs);
            assert.equal(typeof obj(obj(recs[0]?.["attributes"])["price"])["value"], "number");
        }
        // Classic campaign: serverSideMessages at campaign-response level.
        const classic = obj(all.get("ClRc1"));
        assert.equal(classic["payload"], undefined);
        const ssm = obj(arr(classic["serverSideMessages"])[0]);
        assert.equal(ssm["type"], "evg_md");
        assert.equal(arr(obj(ssm["dataMap"])["legacyRecs"]).length, 3);
        assert.equal(arr(ssm["promotedItemKeys"]).length, 3);
        // Testing and Disabled campaigns and app-targeted ones do not return.
        assert.equal(all.has("TsTc1"), false);
        assert.equal(all.has("DsOf1"), false);
        assert.equal(all.has("SvcP1"), false);
    });

    it("is deterministic per user: the same render twice gives the same items", async () => {
        const a = await render({ attributes: { sfdcContactId: JANE.contactId } });
        const b = await render({ attributes: { sfdcContactId: JANE.contactId } });
        assert.deepEqual(campaigns(a), campaigns(b));
    });

    it("Source > Application targeting returns the Service Console campaign only for that application", async () => {
        const service = byId(
            await render(
                { attributes: { sfdcContactId: JANE.contactId } },
                { source: { application: "Service Console" } }
            )
        );
        const svc = obj(service.get("SvcP1"));
        assert.ok(
            arr(obj(svc["payload"])["promos"])
                .map(obj)
                .every((p) => arr(obj(arr(p["assets"])[0])["contentZones"]).includes("crm_service"))
        );
        const other = byId(
            await render(
                { attributes: { sfdcContactId: JANE.contactId } },
                { source: { application: "Sales Console" } }
            )
        );
        assert.equal(other.has("SvcP1"), false);
    });

    it("puts a deterministic ~20% of users in the NBR control group with an empty payload", async () => {
        const users = arr(obj((await t.call("GET", "/__emulator/users?dataset=engage&limit=120")).json)["users"])
            .map(obj)
            .filter((u) => obj(u["identities"])["customerId"] !== undefined);
        let control = 0;
        let total = 0;
        const groups = new Map<string, string>();
        for (const u of users.slice(0, 80)) {
            const res = await render({ id: String(obj(u["identities"])["customerId"]) });
            const nbr = obj(byId(res).get("NbRc1"));
            total++;
            groups.set(String(u["userId"]), String(nbr["userGroup"]));
            if (nbr["userGroup"] === "Control") {
                control++;
                const payload = obj(nbr["payload"]);
                assert.equal(payload["userGroup"], "Control");
                assert.equal(payload["products"], undefined);
                assert.equal(payload["serverSideMessages"], undefined);
            }
            // NbPr1 has controlPct 0: never control.
            assert.equal(obj(byId(res).get("NbPr1"))["userGroup"], "Default");
        }
        assert.ok(control > 0 && control < total * 0.45, `${control}/${total} in control`);
        // Same users, same groups.
        for (const u of users.slice(0, 20)) {
            const again = obj(byId(await render({ id: String(obj(u["identities"])["customerId"]) })).get("NbRc1"));
            assert.equal(again["userGroup"], groups.get(String(u["userId"])));
        }
    });

    it("flags.noCampaigns, a non-Server channel and the unauthenticated endpoint return no campaigns", async () => {
        assert.deepEqual(
            campaigns(
                await render({ attributes: { sfdcContactId: JANE.contactId } }, { flags: { noCampaigns: true } })
            ),
            []
        );
        const web = await t.authevent({
            action: "x",
            user: { attributes: { sfdcContactId: JANE.contactId } },
            source: { channel: "Web" }
        });
        assert.deepEqual(campaigns(web), []);
        const unauth = await t.call("POST", "/api2/event/engage", {
            auth: false,
            json: {
                action: "x",
                user: { attributes: { sfdcContactId: JANE.contactId } },
                source: { channel: "Server" }
            }
        });
        assert.deepEqual(campaigns(unauth), []);
        assert.equal(obj(unauth.json)["errorCode"], 0);
    });

    it('debug.testMessages: "true" adds Testing campaigns with rules applied; experience IDs force them', async () => {
        const withTesting = byId(
            await render({ attributes: { sfdcContactId: JANE.contactId } }, { debug: { testMessages: "true" } })
        );
        assert.equal(obj(withTesting.get("TsTc1"))["state"], "Testing");
        assert.equal(withTesting.has("DsOf1"), false);
        assert.equal(withTesting.has("SvcP1"), false, "rules still apply");
        const forced = campaigns(
            await render({ attributes: { sfdcContactId: JANE.contactId } }, { debug: { testMessages: "DsOx1, SvcX1" } })
        );
        assert.deepEqual(forced.map((c) => c["experienceId"]).sort(), ["DsOx1", "SvcX1"]);
        assert.equal(forced.find((c) => c["experienceId"] === "DsOx1")?.["state"], "Disabled");
        // Forcing needs authevent with channel Server.
        const unauth = await t.call("POST", "/api2/event/engage", {
            auth: false,
            json: {
                action: "x",
                user: { attributes: { sfdcContactId: JANE.contactId } },
                source: { channel: "Server" },
                debug: { testMessages: "DsOx1" }
            }
        });
        assert.deepEqual(campaigns(unauth), []);
    });

    it("debug.explanations adds campaignExplanations and eventDetails on authevent", async () => {
        const res = obj(
            (await render({ attributes: { sfdcContactId: JANE.contactId } }, { debug: { explanations: true } })).json
        );
        const explanations = arr(res["campaignExplanations"]).map(obj);
        assert.ok(
            explanations.some((e) => e["campaignId"] === "SvcP1" && /Application/.test(String(e["explanationMessage"])))
        );
        assert.equal(obj(res["eventDetails"])["resolvedUserId"], JANE.userId);
    });

    it('emits type "ng" when configured', async () => {
        const ng = await TestEmulator.start({ campaignResponseType: "ng" });
        try {
            const res = await ng.authevent({
                action: "x",
                user: { attributes: { sfdcContactId: JANE.contactId } },
                source: { channel: "Server" }
            });
            assert.ok(campaigns(res).length > 0);
            assert.ok(campaigns(res).every((c) => c["type"] === "ng"));
        } finally {
            await ng.close();
        }
    });

    it("b2b recommends Blog items under the crecs datafield", async () => {
        const res = await render({ id: JANE.email }, {}, "b2b");
        const recs = obj(byId(res).get("B2bR1"));
        const payload = obj(recs["payload"]);
        assert.equal(payload["itemType"], "Blog");
        const items = arr(obj(obj(arr(payload["serverSideMessages"])[0])["dataMap"])["crecs"]).map(obj);
        assert.equal(items.length, 4);
        assert.ok(items.every((i) => String(i["id"]).startsWith("blog-")));
    });

    it("records campaignStats (impression, click, dismissal) in the event stream", async () => {
        await t.authevent({
            action: "Campaign Stats",
            user: { attributes: { sfdcContactId: JANE.contactId } },
            source: { channel: "Server" },
            flags: { noCampaigns: true },
            campaignStats: [
                { experienceId: "NbPx1", stat: "Impression", control: false },
                { experienceId: "NbPx1", stat: "Click" },
                { experienceId: "NbRx1", stat: "Dismissal", control: true }
            ]
        });
        const events = arr(
            obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}/events?limit=4`)).json)["events"]
        ).map(obj);
        assert.deepEqual(
            events.map((e) => e["action"]),
            ["Campaign Dismissal", "Campaign Click", "Campaign Impression", "Campaign Stats"]
        );
        const click = obj(events[1]?.["campaign"]);
        assert.deepEqual(click, {
            campaignId: "NbPr1",
            campaignName: "Next Best Promotion - Sales",
            experienceId: "NbPx1",
            stat: "Click",
            control: false
        });
        assert.equal(obj(events[0]?.["campaign"])["control"], true);
        // Filtering them out of the stream works like any other event name.
        const hidden = arr(
            obj(
                (
                    await t.call(
                        "GET",
                        `/api/dataset/engage/user/${JANE.userId}/events?limit=1&excludeActions=${encodeURIComponent("Campaign Impression,Campaign Click,Campaign Dismissal")}`
                    )
                ).json
            )["events"]
        ).map(obj);
        assert.equal(hidden[0]?.["action"], "Campaign Stats");
    });
});
