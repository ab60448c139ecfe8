import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { basic, JANE, obj, TestEmulator } from "./helpers";

describe("auth matrix", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    after(() => t.close());

    const serverEvent = {
        action: "Auth Probe",
        user: { attributes: { emailAddress: JANE.email } },
        source: { channel: "Server" }
    };

    it("authevent: missing, malformed, wrong and disabled credentials → 401 with WWW-Authenticate", async () => {
        for (const auth of [
            false as const,
            "Bearer abc",
            "Basic !!!",
            basic("demo-key", "wrong"),
            basic("nobody", "x"),
            basic("disabled-key", "disabled-secret")
        ]) {
            const res = await t.authevent(serverEvent, "engage", { auth });
            assert.equal(res.status, 401, `auth ${String(auth)}`);
            assert.equal(obj(res.json)["error"], "unauthorized");
            assert.match(res.headers.get("www-authenticate") ?? "", /^Basic/);
        }
    });

    it("authevent needs Can send events; the read contract needs Can access API → 403", async () => {
        assert.equal(
            (await t.authevent(serverEvent, "engage", { auth: basic("api-only-key", "api-only-secret") })).status,
            403
        );
        assert.equal(
            (await t.authevent(serverEvent, "engage", { auth: basic("events-only-key", "events-only-secret") })).status,
            200
        );
        for (const path of [
            "/api/datasets",
            "/api/dataset/engage/metadata",
            `/api/dataset/engage/user/${JANE.userId}/events`,
            `/api/dataset/engage/user/${JANE.userId}/affinities`,
            `/api/dataset/engage/identity/emailAddress/${JANE.email}`,
            "/api/dataset/engage/users.json"
        ]) {
            const denied = await t.call("GET", path, { auth: basic("events-only-key", "events-only-secret") });
            assert.equal(denied.status, 403, path);
            assert.equal(obj(denied.json)["error"], "forbidden");
            assert.equal(
                (await t.call("GET", path, { auth: basic("api-only-key", "api-only-secret") })).status,
                200,
                path
            );
        }
    });

    it("user look-up accepts a token with either flag", async () => {
        for (const [id, secret] of [
            ["events-only-key", "events-only-secret"],
            ["api-only-key", "api-only-secret"],
            ["demo-key", "demo-secret"]
        ] as const) {
            assert.equal(
                (await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`, { auth: basic(id, secret) })).status,
                200,
                id
            );
        }
    });

    it("a dataset-restricted token gets 403 on other datasets and sees only its datasets", async () => {
        const restricted = basic("restricted-key", "restricted-secret");
        assert.equal((await t.authevent(serverEvent, "engage", { auth: restricted })).status, 403);
        assert.equal((await t.authevent(serverEvent, "b2b", { auth: restricted })).status, 200);
        assert.equal((await t.call("GET", "/api/dataset/engage/metadata", { auth: restricted })).status, 403);
        const list = await t.call("GET", "/api/datasets", { auth: restricted });
        assert.deepEqual(
            (list.json as Array<{ id: string }>).map((d) => d.id),
            ["b2b"]
        );
    });

    it("the unauthenticated event endpoint needs no token; auth comes before dataset existence", async () => {
        assert.equal(
            (
                await t.call("POST", "/api2/event/engage", {
                    json: { ...serverEvent, source: { channel: "Web" } },
                    auth: false
                })
            ).status,
            200
        );
        assert.equal((await t.authevent(serverEvent, "nope", { auth: false })).status, 401);
        assert.equal((await t.authevent(serverEvent, "nope")).status, 404);
    });

    it("--api-key replaces the demo key", async () => {
        const custom = await TestEmulator.start({ apiKey: { id: "my-id", secret: "s3cret:with:colons" } });
        try {
            assert.equal(
                (await custom.call("GET", "/api/datasets", { auth: basic("my-id", "s3cret:with:colons") })).status,
                200
            );
            assert.equal((await custom.call("GET", "/api/datasets")).status, 401);
        } finally {
            await custom.close();
        }
    });
});
