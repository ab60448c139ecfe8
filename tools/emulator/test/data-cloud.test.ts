/** The Data Cloud surface: token exchange, decisions, profile look-up, ingestion, faults; every response checked against contract/data-cloud.openapi.yaml. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { ContractValidator, startEmulator, type EmulatorHandle } from "../src/index";
import { DC_CLIENT, DC_DEMO_SUBJECT_TOKEN } from "../src/datacloud/surface";
import { JANE, NOW, arr, obj } from "./helpers";

const DC_CONTRACT = path.resolve(__dirname, "../../../../contract/data-cloud.openapi.yaml");
const dcContract = new ContractValidator(DC_CONTRACT);
const FORM = "application/x-www-form-urlencoded";
const FORCE_APP = path.resolve(__dirname, "../../../../force-app/main");

function apexFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return apexFiles(full);
        return name.endsWith(".cls") ? [full] : [];
    });
}

interface Res {
    status: number;
    json: Record<string, unknown>;
    headers: Headers;
}

describe("Data Cloud surface", () => {
    let emu: EmulatorHandle;
    let validated = 0;

    async function call(
        method: string,
        p: string,
        init: { body?: string; type?: string; bearer?: string } = {}
    ): Promise<Res> {
        const headers: Record<string, string> = {};
        if (init.type) headers["content-type"] = init.type;
        if (init.bearer) headers["authorization"] = `Bearer ${init.bearer}`;
        const r = await fetch(emu.url + p, { method, headers, body: init.body ?? null });
        const text = await r.text();
        const check = dcContract.validateResponse(
            method,
            p,
            r.status,
            r.headers.get("content-type") ?? undefined,
            text
        );
        assert.ok(
            check.ok,
            `contract violation ${method} ${p} → ${r.status}: ${check.errors.join("; ")} ${text.slice(0, 300)}`
        );
        validated++;
        return { status: r.status, json: obj(JSON.parse(text)), headers: r.headers };
    }

    const exchangeForm = (subject: string): string =>
        new URLSearchParams({
            grant_type: "urn:salesforce:grant-type:external:cdp",
            subject_token: subject,
            subject_token_type: "urn:ietf:params:oauth:token-type:access_token"
        }).toString();

    async function dcToken(): Promise<string> {
        const r = await call("POST", "/services/a360/token", { body: exchangeForm(DC_DEMO_SUBJECT_TOKEN), type: FORM });
        assert.equal(r.status, 200);
        return String(r.json["access_token"]);
    }

    before(async () => {
        emu = await startEmulator({ port: 0, now: NOW, users: 20 });
    });
    beforeEach(async () => {
        await fetch(`${emu.url}/__emulator/reset`, { method: "POST" });
    });
    after(async () => {
        await emu.close();
    });

    it("issues a Salesforce token by client credentials and exchanges it for a Data Cloud token on this instance", async () => {
        const sf = await call("POST", "/services/oauth2/token", {
            body: new URLSearchParams({
                grant_type: "client_credentials",
                client_id: DC_CLIENT.id,
                client_secret: DC_CLIENT.secret
            }).toString(),
            type: FORM
        });
        assert.equal(sf.status, 200);
        const dc = await call("POST", "/services/a360/token", {
            body: exchangeForm(String(sf.json["access_token"])),
            type: FORM
        });
        assert.equal(dc.status, 200);
        assert.equal(dc.json["token_type"], "Bearer");
        assert.equal(dc.json["instance_url"], emu.url);
    });

    it("refuses a wrong client secret, an unknown subject token and a wrong grant type with OAuth errors", async () => {
        const badClient = await call("POST", "/services/oauth2/token", {
            body: new URLSearchParams({
                grant_type: "client_credentials",
                client_id: DC_CLIENT.id,
                client_secret: "x"
            }).toString(),
            type: FORM
        });
        assert.equal(badClient.json["error"], "invalid_client");
        const badSubject = await call("POST", "/services/a360/token", { body: exchangeForm("unknown"), type: FORM });
        assert.equal(badSubject.status, 400);
        assert.equal(badSubject.json["error"], "invalid_grant");
        const badGrant = await call("POST", "/services/a360/token", { body: "grant_type=password", type: FORM });
        assert.equal(badGrant.json["error"], "unsupported_grant_type");
    });

    it("decides per personalization point for a known individual and answers an unknown point with a diagnostic", async () => {
        const token = await dcToken();
        const r = await call("POST", "/personalization/v1/authenticated/decisions", {
            bearer: token,
            type: "application/json",
            body: JSON.stringify({
                context: { individualId: JANE.contactId, dataSpace: "default" },
                personalizationPoints: [{ name: "promos" }, { name: "recs" }, { name: "nope" }]
            })
        });
        assert.equal(r.status, 200);
        const [promos, recs, nope] = arr(r.json["personalizations"]).map(obj);
        assert.equal(promos!["personalizationPointName"], "promos");
        assert.ok(arr(promos!["data"]).length > 0, "promos decided");
        assert.equal(arr(recs!["data"]).length, 3);
        assert.deepEqual(nope!["data"], []);
        assert.equal(obj(arr(nope!["diagnostics"])[0])["code"], "PERSONALIZATION_POINT_NOT_FOUND");
    });

    it("answers an individual without a profile with empty data, and a missing token with 401", async () => {
        const token = await dcToken();
        const body = JSON.stringify({
            context: { individualId: "003000000000000AAA" },
            personalizationPoints: [{ name: "promos" }]
        });
        const r = await call("POST", "/personalization/v1/authenticated/decisions", {
            bearer: token,
            type: "application/json",
            body
        });
        assert.deepEqual(obj(arr(r.json["personalizations"])[0])["data"], []);
        const denied = await call("POST", "/personalization/v1/authenticated/decisions", {
            type: "application/json",
            body
        });
        assert.equal(denied.status, 401);
        assert.equal(denied.headers.get("www-authenticate"), "Bearer");
    });

    it("looks an individual up by its CRM Id and returns an empty list for an unknown key", async () => {
        const token = await dcToken();
        const found = await call("GET", `/api/v1/profile/ssot__Individual__dlm/${JANE.contactId}?fields=ssot__Id__c`, {
            bearer: token
        });
        assert.equal(obj(arr(found.json["data"])[0])["ssot__Id__c"], JANE.contactId);
        const none = await call("GET", "/api/v1/profile/ssot__Individual__dlm/003000000000000AAA", { bearer: token });
        assert.deepEqual(none.json["data"], []);
        const other = await call("GET", "/api/v1/profile/Unknown__dlm/x", { bearer: token });
        assert.equal(other.status, 404);
    });

    it("accepts streamed rows with 202 and keeps them for inspection; refuses a body without data and one of 200 KB", async () => {
        const token = await dcToken();
        const ok = await call("POST", "/api/v1/ingest/sources/Personalization_Connector/interaction", {
            bearer: token,
            type: "application/json",
            body: JSON.stringify({ data: [{ interactionName: "Case Closed", recordId: JANE.contactId }] })
        });
        assert.equal(ok.status, 202);
        const rows = obj(await (await fetch(`${emu.url}/__emulator/data-cloud/ingested`)).json());
        assert.deepEqual(rows["rows"], [
            {
                source: "Personalization_Connector",
                object: "interaction",
                record: { interactionName: "Case Closed", recordId: JANE.contactId }
            }
        ]);
        const bad = await call("POST", "/api/v1/ingest/sources/s/o", {
            bearer: token,
            type: "application/json",
            body: "{}"
        });
        assert.equal(bad.status, 400);
        const big = JSON.stringify({ data: [{ pad: "x".repeat(210 * 1024) }] });
        const tooBig = await call("POST", "/api/v1/ingest/sources/s/o", {
            bearer: token,
            type: "application/json",
            body: big
        });
        assert.equal(tooBig.status, 413);
    });

    it("obeys the same fault rules as the MCP surface, matched by Data Cloud route name", async () => {
        const token = await dcToken();
        await fetch(`${emu.url}/__emulator/faults`, {
            method: "POST",
            body: JSON.stringify({ route: "dcDecisions", kind: "status", status: 503, times: 1 })
        });
        const body = JSON.stringify({
            context: { individualId: JANE.contactId },
            personalizationPoints: [{ name: "promos" }]
        });
        const failed = await call("POST", "/personalization/v1/authenticated/decisions", {
            bearer: token,
            type: "application/json",
            body
        });
        assert.equal(failed.status, 503);
        const again = await call("POST", "/personalization/v1/authenticated/decisions", {
            bearer: token,
            type: "application/json",
            body
        });
        assert.equal(again.status, 200);
    });

    it("only the Data Cloud clients build Data Cloud paths, and each path they build is in the contract", () => {
        const offenders: string[] = [];
        const built = new Set<string>();
        for (const file of apexFiles(FORCE_APP)) {
            const source = readFileSync(file, "utf8");
            const paths = [...source.matchAll(/\.path\('((?:services\/a360|personalization|api\/v1)[^']*)'\)/g)].map(
                (m) => m[1]!
            );
            if (paths.length === 0) continue;
            if (!path.basename(file).startsWith("DataCloud")) offenders.push(path.relative(FORCE_APP, file));
            for (const p of paths) built.add(p);
        }
        assert.deepEqual(offenders, []);
        assert.deepEqual([...built].sort(), [
            "api/v1/ingest/sources",
            "api/v1/profile",
            "personalization/v1/authenticated/decisions",
            "services/a360/token"
        ]);
        const templates = dcContract.operations().map((o) => o.template);
        for (const p of built)
            assert.ok(
                templates.some((t) => t.startsWith(`/${p}`)),
                `${p} is not in the contract`
            );
    });

    it("every example in the Data Cloud contract matches its schema, and every documented operation cites evidence", () => {
        const { checked, failures } = dcContract.validateExamples();
        assert.deepEqual(failures, []);
        assert.ok(checked >= 6);
        const paths = dcContract.doc["paths"] as Record<string, Record<string, Record<string, unknown>>>;
        const documented = dcContract.operations().filter((o) => o.contract === "dc-documented");
        assert.equal(documented.length, 5);
        for (const o of documented) {
            const evidence = paths[o.template]![o.method.toLowerCase()]!["x-evidence"] as Array<
                Record<string, unknown>
            >;
            assert.ok(evidence.length > 0, `${o.template} evidence`);
            for (const e of evidence) {
                assert.equal(e["tag"], "D");
                assert.match(String(e["url"]), /^https:\/\//);
                assert.ok(String(e["quote"]).length > 10 && String(e["quote"]).length < 400);
            }
        }
        assert.ok(validated > 0);
    });
});
