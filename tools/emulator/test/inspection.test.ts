import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { main } from "../src/cli";
import { DEMO_SEED_PATH, demoProfileId, isValidSalesforceId18, loadDemoCrm } from "../src/index";
import { arr, basic, JANE, obj, TestEmulator } from "./helpers";

describe("inspection endpoints", () => {
    let t: TestEmulator;
    before(async () => {
        t = await TestEmulator.start();
    });
    after(() => t.close());

    it("GET /__emulator/requests shows recent requests with headers and bodies, newest last", async () => {
        await t.call("POST", "/__emulator/reset");
        await t.authevent({
            action: "Logged",
            user: { attributes: { sfdcContactId: JANE.contactId } },
            source: { channel: "Server" }
        });
        await t.call("GET", "/api/datasets");
        const all = arr(obj((await t.call("GET", "/__emulator/requests")).json)["requests"]).map(obj);
        assert.equal(all.length, 2, "inspection calls are not logged; reset clears the log");
        const first = obj(all[0]);
        assert.equal(first["method"], "POST");
        assert.equal(first["path"], "/api2/authevent/engage");
        assert.equal(first["route"], "authevent");
        assert.equal(first["dataset"], "engage");
        assert.equal(first["status"], 200);
        assert.equal(obj(first["headers"])["authorization"], basic());
        assert.equal(obj(JSON.parse(String(first["body"])))["action"], "Logged");
        assert.equal(obj(all[1])["path"], "/api/datasets");
        assert.equal(arr(obj((await t.call("GET", "/__emulator/requests?limit=1")).json)["requests"]).length, 1);
        assert.equal(arr(obj((await t.call("GET", "/__emulator/requests?path=/api2")).json)["requests"]).length, 1);
    });

    it("GET /__emulator/users lists profiles with identities; filters by dataset and demo", async () => {
        const demo = obj((await t.call("GET", "/__emulator/users?demo=true&dataset=engage&limit=1000")).json);
        const users = arr(demo["users"]).map(obj);
        assert.equal(users.length, demo["total"]);
        assert.ok(users.every((u) => u["demo"] === true && u["dataset"] === "engage"));
        const jane = users.find((u) => u["userId"] === JANE.userId);
        assert.equal(obj(jane?.["identities"])["sfdcContactId"], JANE.contactId);
        const page = obj((await t.call("GET", "/__emulator/users?offset=5&limit=3")).json);
        assert.equal(arr(page["users"]).length, 3);
        assert.ok(Number(page["total"]) > 100);
    });

    it("POST /__emulator/reset restores the seeded state (and can change the seed)", async () => {
        await t.call("POST", "/api/dataset/engage/users/delete", {
            body: (() => {
                const f = new FormData();
                f.append("file", new Blob([`name\n${JANE.email}\n`]), "d.csv");
                return f;
            })()
        });
        assert.equal((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).status, 404);
        const reset = obj((await t.call("POST", "/__emulator/reset")).json);
        assert.equal(reset["ok"], true);
        assert.equal((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}`)).status, 200);
        const before = arr(obj((await t.call("GET", "/__emulator/users?dataset=engage&limit=1000")).json)["users"]).map(
            (u) => obj(u)["userId"]
        );
        assert.equal(obj((await t.call("POST", "/__emulator/reset", { json: { seed: 7 } })).json)["seed"], 7);
        const reseeded = arr(
            obj((await t.call("GET", "/__emulator/users?dataset=engage&limit=1000")).json)["users"]
        ).map((u) => obj(u)["userId"]);
        assert.notDeepEqual(reseeded, before);
        assert.ok(reseeded.includes(JANE.userId), "demo profile IDs do not depend on the seed");
        assert.equal((await t.call("POST", "/__emulator/reset", { json: { seed: "x" } })).status, 400);
        assert.equal(
            (
                await t.call("POST", "/__emulator/reset", {
                    body: "{oops",
                    headers: { "content-type": "application/json" }
                })
            ).status,
            400
        );
        await t.call("POST", "/__emulator/reset", { json: { seed: 42 } });
    });

    it("answers CORS preflights and sends CORS headers (the workbench runs in a browser)", async () => {
        const pre = await fetch(`${t.emu.url}/__emulator/activity`, {
            method: "OPTIONS",
            headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" }
        });
        assert.equal(pre.status, 204);
        assert.equal(pre.headers.get("access-control-allow-origin"), "*");
        assert.match(pre.headers.get("access-control-allow-headers") ?? "", /authorization/);
        const res = await t.call("GET", "/api/datasets");
        assert.equal(res.headers.get("access-control-allow-origin"), "*");
    });

    it("POST /__emulator/activity generates live web events for a profile now", async () => {
        const res = obj(
            (
                await t.call("POST", "/__emulator/activity", {
                    json: {
                        dataset: "engage",
                        identity: { attribute: "sfdcContactId", value: JANE.contactId },
                        count: 6
                    }
                })
            ).json
        );
        assert.equal(res["userId"], JANE.userId);
        assert.equal(res["created"], false);
        const events = arr(res["events"]).map(obj);
        assert.equal(events.length, 6);
        assert.ok(events.every((e) => e["channel"] === "Web"));
        const stream = arr(
            obj((await t.call("GET", `/api/dataset/engage/user/${JANE.userId}/events?limit=6`)).json)["events"]
        ).map(obj);
        assert.deepEqual(stream.map((e) => e["id"]).sort(), events.map((e) => e["id"]).sort());
        const fresh = obj(
            (
                await t.call("POST", "/__emulator/activity", {
                    json: { dataset: "engage", identity: { attribute: "emailAddress", value: "walk.in@example.org" } }
                })
            ).json
        );
        assert.equal(fresh["created"], true);
        assert.equal(arr(fresh["events"]).length, 5);
        for (const bad of [
            { dataset: "nope", userId: "x" },
            { dataset: "engage" },
            { dataset: "engage", userId: JANE.userId, count: 0 },
            { dataset: "engage", identity: { attribute: "phone", value: "1" } },
            { dataset: "engage", userId: "ffffffffffffffffffffffff" }
        ]) {
            const r = await t.call("POST", "/__emulator/activity", { json: bad });
            assert.ok([400, 404].includes(r.status), JSON.stringify(bad));
        }
    });
});

describe("seed data and determinism", () => {
    it("the shared demo seed is valid: 18-char Salesforce IDs with correct prefixes and checksums", () => {
        const crm = loadDemoCrm();
        assert.ok(crm.accounts.length >= 5 && crm.contacts.length >= 15 && crm.leads.length >= 8);
        for (const a of crm.accounts) assert.ok(a.id.startsWith("001") && isValidSalesforceId18(a.id), a.id);
        for (const c of crm.contacts)
            assert.ok(
                c.id.startsWith("003") && isValidSalesforceId18(c.id) && crm.accounts.some((a) => a.id === c.accountId),
                c.id
            );
        for (const l of crm.leads) assert.ok(l.id.startsWith("00Q") && isValidSalesforceId18(l.id), l.id);
        assert.ok(crm.leads.some((l) => l.isConverted && crm.contacts.some((c) => c.id === l.convertedContactId)));
        assert.ok(
            crm.contacts.some((c) => c.email !== c.email.toLowerCase()),
            "mixed-case emails"
        );
        assert.equal(isValidSalesforceId18("003Hs00002Jd0AkIAA"), false);
    });

    it("the same seed gives the same data; demo profile IDs match the documented fixtures", async () => {
        const a = await TestEmulator.start({ seed: 5 });
        const b = await TestEmulator.start({ seed: 5 });
        try {
            const path1 = "/api/dataset/engage/users.json?pageSize=15";
            assert.deepEqual((await a.call("GET", path1)).json, (await b.call("GET", path1)).json);
            const ev = `/api/dataset/engage/user/${JANE.userId}/events?limit=50`;
            assert.deepEqual((await a.call("GET", ev)).json, (await b.call("GET", ev)).json);
            assert.equal(demoProfileId("engage", JANE.email), JANE.userId);
            assert.equal(demoProfileId("engage", "QUINN.YOUNG@globex.example.com"), "2b8a1a2a422129d2a0c5e4f9");
        } finally {
            await a.close();
            await b.close();
        }
    });

    it("--data loads another CRM file in the same format; invalid files are rejected", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "emu-"));
        const crm = JSON.parse(readFileSync(DEMO_SEED_PATH, "utf8")) as {
            contacts: Array<Record<string, unknown>>;
            leads: unknown[];
        };
        crm.contacts = crm.contacts.slice(0, 1).map((c) => ({ ...c, email: "only.one@example.com" }));
        crm.leads = [];
        const file = path.join(dir, "crm.json");
        writeFileSync(file, JSON.stringify(crm));
        const custom = await TestEmulator.start({ dataFile: file, users: 0 });
        try {
            const users = obj((await custom.call("GET", "/__emulator/users?demo=true")).json);
            assert.equal(users["total"], 2, "one person in engage and b2b");
            assert.equal(
                (await custom.call("GET", "/api/dataset/engage/identity/emailAddress/only.one@example.com")).status,
                200
            );
        } finally {
            await custom.close();
        }
        const broken = path.join(dir, "broken.json");
        writeFileSync(broken, JSON.stringify({ accounts: [{ id: "bad" }], contacts: [], leads: [] }));
        await assert.rejects(TestEmulator.start({ dataFile: broken }), /not a valid demo CRM seed/);
    });

    it("the CLI starts with the documented flags and prints URL, key and datasets", async () => {
        const out: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((chunk: string | Uint8Array): boolean => {
            out.push(String(chunk));
            return true;
        }) as typeof process.stdout.write;
        let stop: (() => Promise<void>) | undefined;
        try {
            stop = await main([
                "node",
                "cli",
                "--port",
                "0",
                "--seed",
                "3",
                "--users",
                "20",
                "--api-key",
                "cli-id:cli-secret",
                "--latency",
                "0",
                "--type",
                "ng"
            ]);
        } finally {
            process.stdout.write = write;
        }
        try {
            const text = out.join("");
            const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
            assert.ok(url, text);
            assert.match(text, /cli-id \/ cli-secret/);
            assert.match(text, /engage \(\d+ profiles\), b2b/);
            const res = await fetch(`${url}/api/datasets`, {
                headers: { authorization: basic("cli-id", "cli-secret") }
            });
            assert.equal(res.status, 200);
        } finally {
            await stop?.();
        }
        await assert.rejects(main(["node", "cli", "--port", "0", "--api-key", "nocolon"]), /ID:SECRET/);
    });
});
