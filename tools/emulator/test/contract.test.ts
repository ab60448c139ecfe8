import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { contract, JANE, TestEmulator } from "./helpers";

describe("OpenAPI contract", () => {
    it("every named example in the document validates against its schema", () => {
        const { checked, failures } = contract().validateExamples();
        assert.deepEqual(failures, []);
        assert.ok(checked > 100, `only ${checked} examples checked`);
    });

    it("marks every operation with x-contract; project operations say they are not Salesforce APIs", () => {
        const ops = contract().operations();
        assert.ok(ops.length >= 20);
        for (const op of ops)
            assert.ok(
                ["mcp-documented", "project", "emulator"].includes(op.contract),
                `${op.method} ${op.template} has x-contract '${op.contract}'`
            );
        const paths = contract().doc["paths"] as Record<string, Record<string, Record<string, unknown>>>;
        for (const op of ops.filter((o) => o.contract === "project")) {
            const description =
                String(paths[op.template]?.[op.method.toLowerCase()]?.["description"] ?? "") +
                String(paths[op.template]?.[op.method.toLowerCase()]?.["summary"] ?? "");
            assert.match(description, /NOT a Salesforce API|Project-defined/, `${op.method} ${op.template}`);
        }
        assert.deepEqual(
            ops
                .filter((o) => o.contract === "project")
                .map((o) => o.template)
                .sort(),
            [
                "/api/dataset/{dataset}/identity/{identityAttribute}/{value}",
                "/api/dataset/{dataset}/metadata",
                "/api/dataset/{dataset}/user/{userId}/affinities",
                "/api/dataset/{dataset}/user/{userId}/events",
                "/api/datasets"
            ]
        );
    });

    it("rejects a response that breaks the schema (the validator can fail)", () => {
        const bad = contract().validateResponse(
            "GET",
            "/api/dataset/engage/user/x/events",
            200,
            "application/json",
            JSON.stringify({ events: [{ time: "soon" }] })
        );
        assert.equal(bad.ok, false);
        const undocumented = contract().validateResponse("GET", "/api/datasets", 418, "application/json", "{}");
        assert.equal(undocumented.ok, false);
    });

    describe("every documented operation answers in conformance", () => {
        let t: TestEmulator;
        before(async () => {
            t = await TestEmulator.start();
        });
        after(() => t.close());

        it("hits every operation of the document once", async () => {
            const csv = "name\nnobody@example.com\n";
            const form = new FormData();
            form.append("file", new Blob([csv], { type: "text/csv" }), "users.csv");
            const event = {
                action: "Homepage",
                user: { attributes: { emailAddress: JANE.email } },
                source: { channel: "Web" }
            };
            const b64 = Buffer.from(JSON.stringify(event)).toString("base64");
            const hits: Array<[string, string, Parameters<TestEmulator["call"]>[2]?]> = [
                ["GET", `/api2/event/engage?event=${encodeURIComponent(b64)}`],
                ["POST", "/api2/event/engage", { json: event }],
                ["POST", "/api2/authevent/engage", { json: { ...event, source: { channel: "Server" } } }],
                ["GET", `/api/dataset/engage/user/${JANE.userId}`],
                ["POST", "/api/dataset/engage/users/delete", { body: form }],
                ["GET", "/api/dataset/engage/users.json?pageSize=3"],
                ["GET", "/api/dataset/engage/users.csv?pageSize=3"],
                ["GET", "/api/datasets"],
                ["GET", "/api/dataset/engage/metadata"],
                ["GET", `/api/dataset/engage/identity/sfdcContactId/${JANE.contactId}`],
                ["GET", `/api/dataset/engage/user/${JANE.userId}/affinities`],
                ["GET", `/api/dataset/engage/user/${JANE.userId}/events`],
                ["GET", "/__emulator/requests"],
                ["GET", "/__emulator/users"],
                ["POST", "/__emulator/faults", { json: { route: "metadata", kind: "status", status: 500, times: 1 } }],
                ["GET", "/__emulator/faults"],
                ["DELETE", "/__emulator/faults/f1"],
                ["DELETE", "/__emulator/faults"],
                ["POST", "/__emulator/activity", { json: { dataset: "engage", userId: JANE.userId, count: 2 } }],
                ["GET", "/__emulator/insights-template"],
                ["POST", "/__emulator/insights-template", { json: { installed: true } }],
                ["POST", "/__emulator/reset"]
            ];
            const seen = new Set<string>();
            for (const [method, path, opts] of hits) {
                const res = await t.call(method, path, opts ?? {});
                assert.ok(res.status < 300, `${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
                seen.add(`${method} ${contract().matchPath(path) ?? path}`);
            }
            const missing = contract()
                .operations()
                .filter((o) => !seen.has(`${o.method} ${o.template}`));
            assert.deepEqual(missing, []);
        });
    });
});
