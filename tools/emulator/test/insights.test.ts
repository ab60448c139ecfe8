/** The package's insights campaign: the shipped template's compiled run() against the emulator's profile store. */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { main } from "../src/cli";
import { arr, campaigns, contract, JANE, NOW, obj, TestEmulator } from "./helpers";

const APP = "Personalization Connector";
const insightsEvent = (user: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    action: "CRM Profile Insights",
    user,
    source: { channel: "Server", application: APP },
    flags: { nonInteractive: true },
    ...extra
});

describe("CRM Profile Insights campaign", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    const insightsOf = (res: Awaited<ReturnType<TestEmulator["authevent"]>>, id = "PcIn1") => {
        const c = campaigns(res).find((r) => r["campaignId"] === id);
        assert.ok(
            c,
            `no ${id} in ${campaigns(res)
                .map((r) => r["campaignId"])
                .join(",")}`
        );
        return { response: c, insights: obj(obj(c["payload"])["crmInsights"]) };
    };

    it("answers the package's event with the template's payload, validated by the contract", async () => {
        const res = await t.authevent(insightsEvent({ attributes: { sfdcContactId: JANE.contactId } }));
        const { response, insights } = insightsOf(res);
        assert.equal(response["campaignName"], "Personalization Connector Insights");
        assert.equal(response["userGroup"], "Default");
        assert.deepEqual(response["templateNames"], ["Personalization Connector - CRM Profile Insights"]);
        const payload = obj(response["payload"]);
        assert.equal(payload["userGroup"], "Test");
        assert.equal(insights["template"], "PersonalizationConnectorInsights");
        assert.equal(insights["version"], "1.0.0");
        assert.equal(insights["generatedAt"], NOW, "the template runs on the emulator's clock");
        assert.equal(insights["profileId"], JANE.userId);
        const names = arr(insights["attributeNames"]);
        assert.ok(names.includes("sfdcContactId") && names.includes("firstName"));
        assert.equal(JSON.stringify(insights).includes(JANE.email), false, "no attribute values");
        const aff = obj(insights["affinities"]);
        assert.equal(aff["available"], true);
        const windows = arr(aff["windows"]).map(obj);
        assert.equal(windows.length, 7);
        const allTime = windows.find((w) => w["days"] === 0);
        assert.ok(arr(allTime?.["items"]).length > 0, "Jane has product activity");
        // The all-time window agrees with the project's affinities route over the same 365 days.
        const top = obj(arr(allTime?.["items"])[0]);
        const route = await t.call(
            "GET",
            `/api/dataset/engage/user/${JANE.userId}/affinities?itemType=Product&start=${NOW - 365 * 86_400_000}&end=${NOW}&limit=1`
        );
        assert.equal(obj(arr(route.json)[0])["itemId"], top["itemId"]);
        assert.equal(obj(arr(route.json)[0])["views"], top["views"]);
        assert.equal(obj(insights["visits"])["available"], true);
        assert.ok(arr(obj(insights["visits"])["items"]).length > 0);
        assert.equal(obj(insights["orders"])["available"], true);
        assert.equal(obj(insights["segments"])["available"], true);
        assert.ok(arr(obj(insights["segments"])["items"]).some((s) => obj(s)["name"] === "Campers"));
        const check = contract().validateResponse("POST", "/api2/authevent/engage", 200, "application/json", res.text);
        assert.deepEqual(check.errors, []);
    });

    it("b2b runs it with Product and Blog windows", async () => {
        const users = await t.call("GET", "/__emulator/users?dataset=b2b&limit=1");
        const userId = String(obj(arr(obj(users.json)["users"])[0])["userId"]);
        const res = await t.authevent(insightsEvent({ anonymousId: userId }), "b2b");
        const { insights } = insightsOf(res, "PcIn2");
        const types = arr(obj(insights["affinities"])["windows"]).map((w) => obj(w)["itemType"]);
        assert.deepEqual([...new Set(types)], ["Product", "Blog"]);
    });

    it("Source > Application targeting: other applications and no application get no insights", async () => {
        for (const source of [{ channel: "Server" }, { channel: "Server", application: "Salesforce" }]) {
            const res = await t.authevent(insightsEvent({ attributes: { sfdcContactId: JANE.contactId } }, { source }));
            assert.equal(
                campaigns(res).some((c) => c["campaignId"] === "PcIn1"),
                false
            );
        }
        const web = await t.call("POST", "/api2/event/engage", {
            json: insightsEvent(
                { attributes: { sfdcContactId: JANE.contactId } },
                { source: { channel: "Web", application: APP } }
            )
        });
        assert.deepEqual(campaigns(web), []);
    });

    it("not installed: no insights campaign response (toggle, reset, option)", async () => {
        const off = await t.call("POST", "/__emulator/insights-template", { json: { installed: false } });
        assert.deepEqual(off.json, { installed: false });
        const res = await t.authevent(
            insightsEvent(
                { attributes: { sfdcContactId: JANE.contactId } },
                { debug: { explanations: true, testMessages: "PcIx1" } }
            )
        );
        assert.deepEqual(campaigns(res), [], "not even when forced by testMessages");
        const plain = await t.authevent(insightsEvent({ attributes: { sfdcContactId: JANE.contactId } }));
        assert.equal(
            campaigns(plain).some((c) => c["campaignId"] === "PcIn1"),
            false
        );
        assert.ok(campaigns(plain).length > 0, "the other campaigns still answer");
        assert.equal(
            (await t.call("POST", "/__emulator/insights-template", { json: { installed: "no" } })).status,
            400
        );
        await t.call("POST", "/__emulator/reset");
        assert.deepEqual((await t.call("GET", "/__emulator/insights-template")).json, { installed: true });
        const notInstalled = await TestEmulator.start({ insightsTemplate: false });
        try {
            const r = await notInstalled.authevent(insightsEvent({ attributes: { sfdcContactId: JANE.contactId } }));
            assert.equal(
                campaigns(r).some((c) => c["campaignId"] === "PcIn1"),
                false
            );
        } finally {
            await notInstalled.close();
        }
    });

    it("a nonInteractive insights event creates no visit and is marked in the event stream", async () => {
        const user = { attributes: { sfdcContactId: "003Hs00009ZzZzZIAZ" } };
        const first = await t.authevent(insightsEvent(user));
        const { insights } = insightsOf(first);
        assert.deepEqual(obj(insights["visits"])["items"], [], "the event itself is not a visit");
        const userId = String(obj(first.json)["resolvedUserId"]);
        const profile = obj((await t.call("GET", `/api/dataset/engage/user/${userId}`)).json);
        assert.equal(obj(profile["userSummary"])["visitCount"], 0);
        assert.deepEqual(profile["visitHistory"], []);
        const stream = obj((await t.call("GET", `/api/dataset/engage/user/${userId}/events`)).json);
        const e = obj(arr(stream["events"])[0]);
        assert.equal(e["nonInteractive"], true);
        assert.equal(e["application"], APP);
        assert.equal(e["channel"], "Server");
        // Existing behaviour otherwise: an interactive server event is a visit.
        await t.authevent({ action: "Contact Record Viewed", user, source: { channel: "Server" } });
        const after = obj((await t.call("GET", `/api/dataset/engage/user/${userId}`)).json);
        assert.equal(obj(after["userSummary"])["visitCount"], 1);
        const again = insightsOf(await t.authevent(insightsEvent(user))).insights;
        assert.equal(arr(obj(again["visits"])["items"]).length, 1);
        const interactive = obj(
            arr(obj((await t.call("GET", `/api/dataset/engage/user/${userId}/events`)).json)["events"])[1]
        );
        assert.equal(interactive["nonInteractive"], undefined);
    });

    it("CLI --no-insights-template starts without the template", async () => {
        const writes: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((chunk: string) => {
            writes.push(String(chunk));
            return true;
        }) as typeof process.stdout.write;
        let stop: (() => Promise<void>) | undefined;
        try {
            stop = await main(["node", "emulator", "--port", "0", "--users", "5", "--no-insights-template"]);
        } finally {
            process.stdout.write = write;
        }
        const url = /listening on (\S+)/.exec(writes.join(""))?.[1];
        const state = await fetch(`${url}/__emulator/insights-template`).then((r) => r.json());
        await stop?.();
        assert.deepEqual(state, { installed: false });
        assert.match(writes.join(""), /Insights template: not installed/);
    });
});
