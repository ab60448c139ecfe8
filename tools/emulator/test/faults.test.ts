import assert from "node:assert/strict";
import * as http from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import { arr, basic, JANE, obj, TestEmulator } from "./helpers";

/** Raw request that reports what arrived, even when the server drops the connection. */
function raw(
    url: string,
    path: string,
    body: string,
    timeoutMs: number
): Promise<{ status: number | null; body: string; error: string | null; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve) => {
        const req = http.request(
            url + path,
            {
                method: "POST",
                headers: {
                    authorization: basic(),
                    "content-type": "application/json",
                    "content-length": Buffer.byteLength(body)
                },
                timeout: timeoutMs
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () =>
                    resolve({
                        status: res.statusCode ?? null,
                        body: Buffer.concat(chunks).toString(),
                        error: null,
                        headers: res.headers
                    })
                );
                res.on("error", (e) =>
                    resolve({
                        status: res.statusCode ?? null,
                        body: Buffer.concat(chunks).toString(),
                        error: e.message,
                        headers: res.headers
                    })
                );
                res.on("aborted", () =>
                    resolve({
                        status: res.statusCode ?? null,
                        body: Buffer.concat(chunks).toString(),
                        error: "aborted",
                        headers: res.headers
                    })
                );
            }
        );
        req.on("timeout", () => {
            req.destroy(new Error("client timeout"));
        });
        req.on("error", (e) => resolve({ status: null, body: "", error: e.message, headers: {} }));
        req.end(body);
    });
}

describe("fault injection", () => {
    let t: TestEmulator;
    const event = {
        action: "Fault Probe",
        user: { attributes: { sfdcContactId: JANE.contactId } },
        source: { channel: "Server" }
    };
    before(async () => {
        t = await TestEmulator.start();
    });
    beforeEach(async () => {
        await t.call("POST", "/__emulator/reset");
    });
    after(() => t.close());

    const addFault = async (rule: Record<string, unknown>): Promise<Record<string, unknown>> => {
        const res = await t.call("POST", "/__emulator/faults", { json: rule });
        assert.equal(res.status, 201, res.text);
        const rules = arr(obj(res.json)["rules"]).map(obj);
        return obj(rules[rules.length - 1]);
    };

    it("status faults: 401, 403, 404, 429 with Retry-After, 500, 503 — the event is not processed", async () => {
        for (const status of [401, 403, 404, 429, 500, 503]) {
            await t.call("DELETE", "/__emulator/faults");
            await addFault({ route: "authevent", kind: "status", status, retryAfter: status === 503 ? 5 : undefined });
            const res = await t.authevent({ ...event, action: `Probe ${status}` });
            assert.equal(res.status, status);
            assert.equal(obj(res.json)["status"], status);
            if (status === 429) assert.equal(res.headers.get("retry-after"), "1");
            if (status === 503) assert.equal(res.headers.get("retry-after"), "5");
            // Other routes are unaffected.
            assert.equal((await t.call("GET", "/api/datasets")).status, 200);
        }
        await t.call("DELETE", "/__emulator/faults");
        const stream = arr(
            obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}/events?limit=20`)).json)["events"]
        ).map(obj);
        assert.equal(
            stream.filter((e) => String(e["action"]).startsWith("Probe ")).length,
            0,
            "rejected requests store nothing"
        );
        const withRetry = await addFault({ route: "authevent", kind: "status", status: 429, retryAfter: 7 });
        assert.equal(withRetry["retryAfter"], 7);
        assert.equal((await t.authevent(event)).headers.get("retry-after"), "7");
    });

    it("errorCode 3 (Busy) on the event endpoints", async () => {
        await addFault({ route: "authevent", kind: "errorCode", errorCode: 3 });
        const res = await t.authevent(event);
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, { campaignResponses: [], errorCode: 3 });
        await t.call("DELETE", "/__emulator/faults");
        await addFault({ route: "event", kind: "errorCode" });
        assert.equal(
            obj((await t.call("POST", "/api2/event/engage", { auth: false, json: event })).json)["errorCode"],
            3,
            "errorCode defaults to 3"
        );
    });

    it("latency rules delay the response and let another rule fire too", async () => {
        await addFault({ route: "metadata", kind: "latency", latencyMs: 150 });
        await addFault({ route: "metadata", kind: "status", status: 500 });
        const started = Date.now();
        const res = await t.call("GET", "/api/dataset/engage/metadata");
        assert.ok(Date.now() - started >= 140, "delayed");
        assert.equal(res.status, 500);
        const rules = arr(obj((await t.call("GET", "/__emulator/faults")).json)["rules"]).map(obj);
        assert.deepEqual(
            rules.map((r) => r["applied"]),
            [1, 1]
        );
    });

    it("malformed JSON, truncated body and oversized payload (the event is still accepted)", async () => {
        await addFault({ route: "authevent", kind: "malformedJson", times: 1 });
        const malformed = await t.authevent({ ...event, action: "Accepted Despite Fault" }, "engage", {
            skipContract: true
        });
        assert.equal(malformed.status, 200);
        assert.throws(() => JSON.parse(malformed.text));
        await addFault({ route: "authevent", kind: "truncatedBody", times: 1 });
        const truncated = await raw(t.emu.url, "/api2/authevent/engage", JSON.stringify(event), 5000);
        assert.equal(truncated.status, 200);
        assert.ok(
            truncated.error !== null || Number(truncated.headers["content-length"]) > Buffer.byteLength(truncated.body),
            "short body"
        );
        assert.throws(() => JSON.parse(truncated.body));
        await addFault({ route: "authevent", kind: "oversized", oversizedBytes: 3 * 1024 * 1024, times: 1 });
        const big = await t.authevent(event);
        assert.ok(Buffer.byteLength(big.text) >= 3 * 1024 * 1024, "padded to the requested byte size");
        assert.equal(obj(big.json)["errorCode"], 0, "still valid JSON");
        const stream = arr(
            obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}/events?limit=10`)).json)["events"]
        ).map(obj);
        assert.ok(stream.some((e) => e["action"] === "Accepted Despite Fault"));
        assert.deepEqual(
            obj((await t.call("GET", "/__emulator/faults")).json)["rules"],
            [],
            "times:1 rules remove themselves"
        );
    });

    it("stall: no answer until the client gives up; the emulator keeps serving others", async () => {
        await addFault({ route: "authevent", kind: "stall", stallMs: 10_000, times: 1 });
        const stalled = await raw(t.emu.url, "/api2/authevent/engage", JSON.stringify(event), 300);
        assert.equal(stalled.status, null);
        assert.match(String(stalled.error), /timeout|socket hang up/);
        assert.equal((await t.authevent(event)).status, 200);
        const log = arr(obj((await t.call("GET", "/__emulator/requests?path=/api2/authevent")).json)["requests"]).map(
            obj
        );
        assert.ok(log.some((r) => r["fault"] !== null && r["status"] === 0));
    });

    it("everyNth fires on every Nth matching request", async () => {
        await addFault({ route: "authevent", kind: "status", status: 429, apply: "everyNth", n: 3 });
        const statuses: number[] = [];
        for (let i = 0; i < 9; i++) statuses.push((await t.authevent(event)).status);
        assert.deepEqual(statuses, [200, 200, 429, 200, 200, 429, 200, 200, 429]);
    });

    it("probability is seeded: the same seed gives the same pattern", async () => {
        const pattern = async (): Promise<number[]> => {
            await t.call("DELETE", "/__emulator/faults");
            await addFault({
                route: "/api/dataset/",
                kind: "status",
                status: 503,
                apply: "probability",
                probability: 0.3,
                seed: 99
            });
            const out: number[] = [];
            for (let i = 0; i < 30; i++) out.push((await t.call("GET", "/api/dataset/engage/metadata")).status);
            return out;
        };
        const a = await pattern();
        const b = await pattern();
        assert.deepEqual(a, b);
        const failures = a.filter((s) => s === 503).length;
        assert.ok(failures > 2 && failures < 20, `${failures}/30`);
    });

    it("matches by route name, path prefix, method and dataset", async () => {
        await addFault({ route: "*", method: "GET", dataset: "b2b", kind: "status", status: 500 });
        assert.equal((await t.call("GET", "/api/dataset/b2b/metadata")).status, 500);
        assert.equal((await t.call("GET", "/api/dataset/engage/metadata")).status, 200);
        assert.equal((await t.authevent(event, "b2b")).status, 200, "POST not matched");
    });

    it("manages rules: list, delete one, delete all, reject invalid rules, load at start", async () => {
        const a = await addFault({ route: "events", kind: "status", status: 500 });
        await addFault({ route: "affinities", kind: "status", status: 503 });
        assert.equal(arr(obj((await t.call("GET", "/__emulator/faults")).json)["rules"]).length, 2);
        assert.equal(
            arr(obj((await t.call("DELETE", `/__emulator/faults/${String(a["id"])}`)).json)["rules"]).length,
            1
        );
        assert.equal((await t.call("DELETE", "/__emulator/faults/nope")).status, 404);
        assert.deepEqual(obj((await t.call("DELETE", "/__emulator/faults")).json)["rules"], []);
        for (const bad of [
            { kind: "explode" },
            { kind: "status", status: 418 },
            { kind: "status", status: 500, apply: "everyNth" },
            { kind: "latency" },
            { kind: "status", status: 500, route: "nowhere" },
            { kind: "stall", extra: 1 },
            "x"
        ]) {
            assert.equal((await t.call("POST", "/__emulator/faults", { json: bad })).status, 400, JSON.stringify(bad));
        }
        const batch = await t.call("POST", "/__emulator/faults", {
            json: {
                rules: [
                    { kind: "latency", latencyMs: 1 },
                    { kind: "errorCode", route: "event" }
                ]
            }
        });
        assert.equal(arr(obj(batch.json)["rules"]).length, 2);
        const preset = await TestEmulator.start({ faults: [{ route: "datasets", kind: "status", status: 503 }] });
        try {
            assert.equal((await preset.call("GET", "/api/datasets")).status, 503);
        } finally {
            await preset.close();
        }
    });

    it("--latency adds latency to every API response", async () => {
        const slow = await TestEmulator.start({ latencyMs: 120 });
        try {
            const started = Date.now();
            assert.equal((await slow.call("GET", "/api/datasets")).status, 200);
            assert.ok(Date.now() - started >= 110);
        } finally {
            await slow.close();
        }
    });
});
