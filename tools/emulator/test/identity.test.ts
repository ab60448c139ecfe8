import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { arr, JANE, obj, TestEmulator } from "./helpers";

describe("identity resolution and merge", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    const resolved = async (user: Record<string, unknown>, dataset = "engage"): Promise<string> =>
        String(
            obj(
                (
                    await t.authevent(
                        { action: "Probe", user, source: { channel: "Server" }, flags: { noCampaigns: true } },
                        dataset
                    )
                ).json
            )["resolvedUserId"]
        );
    const lookup = (attr: string, value: string, dataset = "engage") =>
        t.call("GET", `/api/dataset/${dataset}/identity/${attr}/${encodeURIComponent(value)}`);

    it("resolves every identity attribute and channel of identity to the same demo profile", async () => {
        assert.equal(await resolved({ attributes: { emailAddress: JANE.email } }), JANE.userId);
        assert.equal(
            await resolved({ attributes: { emailAddress: "JANE.DOE@Acme-Outdoor.example.com" } }),
            JANE.userId,
            "email is case-insensitive"
        );
        assert.equal(await resolved({ identities: { sfdcContactId: JANE.contactId } }), JANE.userId);
        assert.equal(
            await resolved({ id: JANE.customerId }),
            JANE.userId,
            "user.id uses the Event API identity type (customerId in engage)"
        );
        assert.equal(await resolved({ attributes: { sfmcContactKey: "SFMC-0001" } }), JANE.userId);
        // In b2b the Event API identity type is emailAddress.
        const b2b = await resolved({ id: JANE.email }, "b2b");
        assert.equal(obj((await lookup("sfdcContactId", JANE.contactId, "b2b")).json)["userId"], b2b);
    });

    it("Salesforce IDs are case-sensitive: a different case creates a new profile", async () => {
        const lower = JANE.contactId.toLowerCase();
        assert.equal((await lookup("sfdcContactId", lower)).status, 404);
        const id = await resolved({ attributes: { sfdcContactId: lower } });
        assert.notEqual(id, JANE.userId);
        assert.equal(obj((await lookup("sfdcContactId", lower)).json)["userId"], id);
        assert.equal(obj((await lookup("sfdcContactId", JANE.contactId)).json)["userId"], JANE.userId);
    });

    it("the converted lead and its contact share one profile; a contact without MCP profile is 404", async () => {
        const viaLead = obj((await lookup("sfdcLeadId", "00QHs00003Ru1gZMAR")).json)["userId"];
        const viaContact = obj((await lookup("sfdcContactId", "003Hs00002Ab0OkIAJ")).json)["userId"];
        assert.equal(viaLead, viaContact);
        const missing = await lookup("sfdcContactId", "003Hs00002Tn0IkIAJ");
        assert.equal(missing.status, 404);
        assert.equal(obj(missing.json)["error"], "profile_not_found");
        const badType = await lookup("phone", "123");
        assert.equal(badType.status, 404);
        assert.equal(obj(badType.json)["error"], "identity_type_not_found");
    });

    it("creates a profile for an unknown identity and adds identities to it later", async () => {
        const id = await resolved({ attributes: { emailAddress: "new.person@example.org" } });
        assert.match(id, /^[0-9a-f]{24}$/);
        assert.equal(
            await resolved({
                attributes: { emailAddress: "New.Person@Example.org", sfdcLeadId: "00QHs00009Zz9zZMAR" }
            }),
            id
        );
        assert.equal(obj((await lookup("sfdcLeadId", "00QHs00009Zz9zZMAR")).json)["userId"], id);
    });

    it("merges two profiles when one event carries identities of both; the most recently active survives", async () => {
        const a = await resolved({ attributes: { emailAddress: "merge.a@example.org" } });
        await t.call("POST", "/__emulator/activity", { json: { dataset: "engage", userId: a, count: 1 } });
        const b = await resolved({ attributes: { customerId: "C-MERGE-B" } });
        assert.notEqual(a, b);
        // Jane (seeded history) and b (one event now): b is more recent.
        const survivor = await resolved({ attributes: { customerId: "C-MERGE-B", sfdcContactId: JANE.contactId } });
        assert.equal(survivor, b, "most recently active profile survives");
        assert.equal(obj((await lookup("emailAddress", JANE.email)).json)["userId"], b);
        const merged = obj((await t.call("GET", `/api/dataset/engage/user/${b}`)).json);
        assert.ok(arr(merged["anonAliases"]).includes(JANE.userId));
        assert.equal(arr(merged["anonMergeTimes"]).length, 1);
        // The old ID still reaches the merged profile; Jane's seeded history came along.
        assert.equal(obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).json)["id"], b);
        const events = arr(obj((await t.call("GET", `/api/dataset/engage/user/${b}/events?limit=200`)).json)["events"]);
        assert.ok(events.length > 20);
    });

    it("anonymous IDs resolve and later merge into the named profile", async () => {
        const anon = String(
            obj(
                (
                    await t.call("POST", "/api2/event/engage", {
                        auth: false,
                        json: { action: "Homepage", user: { anonId: "abcdef0123456789" }, source: { channel: "Web" } }
                    })
                ).json
            )["resolvedUserId"]
        );
        const named = String(
            obj(
                (
                    await t.call("POST", "/api2/event/engage", {
                        auth: false,
                        json: {
                            action: "Login",
                            user: { anonId: "abcdef0123456789", attributes: { emailAddress: JANE.email } },
                            source: { channel: "Web" }
                        }
                    })
                ).json
            )["resolvedUserId"]
        );
        assert.ok([anon, JANE.userId].includes(named));
        assert.equal(
            obj((await t.call("GET", `/api/dataset/engage/user/abcdef0123456789`)).json)["id"],
            named,
            "look-up by anonymous ID"
        );
    });
});
