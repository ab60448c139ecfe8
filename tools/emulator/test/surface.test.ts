import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { arr, JANE, TestEmulator } from "./helpers";

/** `--surface documented`: a real MCP account serves the documented routes only. */
describe("surface documented", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start({ surface: "documented" });
    });
    after(() => t.close());

    const projectRoutes = [
        "/api/datasets",
        "/api/dataset/engage/metadata",
        "/api/dataset/engage/identity/emailAddress/jane%40example.com",
        `/api/dataset/engage/user/${JANE.userId}/affinities`,
        `/api/dataset/engage/user/${JANE.userId}/events`
    ];

    for (const path of projectRoutes) {
        it(`answers ${path} as an unknown path on a real host: 404 with an HTML page`, async () => {
            const res = await t.call("GET", path, { skipContract: true });
            assert.equal(res.status, 404);
            assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
            assert.equal(res.json, undefined, "no JSON body");
        });
    }

    it("still serves every documented route", async () => {
        const exported = await t.call("GET", "/api/dataset/engage/users.json?page=0&pageSize=1");
        assert.equal(exported.status, 200);
        assert.equal(arr(exported.json).length, 1);
        assert.equal((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).status, 200);
        const event = await t.authevent({
            action: "Surface probe",
            source: { channel: "Server" },
            user: { attributes: { emailAddress: JANE.email } },
            flags: { noCampaigns: true }
        });
        assert.equal(event.status, 200);
    });

    it("logs the hidden route by path with no route name", async () => {
        await t.call("GET", "/api/datasets", { skipContract: true });
        const log = await t.call("GET", "/__emulator/requests?limit=1", { skipContract: true });
        const last = arr((log.json as { requests?: unknown[] }).requests ?? log.json).at(-1) as Record<string, unknown>;
        assert.equal(last["path"], "/api/datasets");
        assert.equal(last["status"], 404);
    });
});
