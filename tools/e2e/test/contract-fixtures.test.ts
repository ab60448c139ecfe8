/** Tests of the contract-fixture check: the real Apex fixtures against the real contract, plus the checker itself. */
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import {
    DEFAULT_APEX,
    DEFAULT_OPENAPI,
    checkFixtures,
    decodeApexString,
    extractApexFixtures,
    resolvePointer,
    toApexLiteral
} from "../src/contract/fixtures";
const openapi = {
    components: {
        examples: {
            Busy: { value: { campaignResponses: [], errorCode: 3 } },
            Text: { value: "Deleted 2 users (3 requested)" }
        }
    },
    paths: {
        "/api/x": {
            get: {
                responses: {
                    200: {
                        content: { "application/json": { examples: { a: { $ref: "#/components/examples/Busy" } } } }
                    }
                }
            }
        }
    }
};

test("every Apex fixture in McpFixtures.cls equals its OpenAPI example", () => {
    const results = checkFixtures(
        fs.readFileSync(DEFAULT_APEX, "utf8"),
        YAML.parse(fs.readFileSync(DEFAULT_OPENAPI, "utf8")) as unknown
    );
    assert.ok(results.length >= 30, `expected at least 30 annotated fixtures, found ${results.length}`);
    const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`);
    assert.deepEqual(failures, []);
});

test("every Apex fixture in DataCloudFixtures.cls equals its example in contract/data-cloud.openapi.yaml", () => {
    const root = path.resolve(path.dirname(DEFAULT_APEX), "../../../..");
    const results = checkFixtures(
        fs.readFileSync(path.join(path.dirname(DEFAULT_APEX), "DataCloudFixtures.cls"), "utf8"),
        YAML.parse(fs.readFileSync(path.join(root, "contract/data-cloud.openapi.yaml"), "utf8")) as unknown
    );
    assert.equal(results.length, 5, "token, decisions, profile found and none, ingestion");
    assert.deepEqual(
        results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`),
        []
    );
});

test("the fixtures cover every response example the Apex client parses", () => {
    const names = extractApexFixtures(fs.readFileSync(DEFAULT_APEX, "utf8")).map((f) => f.pointer);
    for (const example of [
        "NboResponse",
        "NbrResponse",
        "ControlGroupResponse",
        "ClassicResponse",
        "BusyResponse",
        "InvalidEventResponse",
        "UserProfileJane",
        "UsersExportPage",
        "EngageMetadata",
        "AffinitiesProducts",
        "EventStreamFirstPage"
    ]) {
        assert.ok(names.includes(`#/components/examples/${example}/value`), `no fixture for ${example}`);
    }
});

test("concatenated literals with escapes are joined and decoded", () => {
    const source = [
        "    // contract: #/components/examples/Busy/value",
        "    public static final String BUSY = '{\"campaignResponses\":[],' +",
        "        '\"errorCode\":3}';",
        "    // contract: #/components/examples/Text/value",
        "    public static final String TEXT = 'Deleted 2 users (3 requested)';",
        ""
    ].join("\n");
    const fixtures = extractApexFixtures(source);
    assert.equal(fixtures.length, 2);
    assert.equal(fixtures[0]?.value, '{"campaignResponses":[],"errorCode":3}');
    assert.deepEqual(
        checkFixtures(source, openapi).map((r) => r.ok),
        [true, true]
    );
    assert.equal(decodeApexString("it\\'s a \\\\ and \\n"), "it's a \\ and \n");
});

test("a drifted fixture, an unknown pointer and non-JSON are reported", () => {
    const source = [
        "    // contract: #/components/examples/Busy/value",
        '    public static final String BUSY = \'{"campaignResponses":[],"errorCode":5}\';',
        "    // contract: #/components/examples/Missing/value",
        "    public static final String MISSING = '{}';",
        "    // contract: #/paths/~1api~1x/get/responses/200/content/application~1json/examples/a/value",
        "    public static final String BROKEN = '{oops';",
        ""
    ].join("\n");
    const results = checkFixtures(source, openapi);
    assert.deepEqual(
        results.map((r) => r.ok),
        [false, false, false]
    );
    assert.match(String(results[0]?.reason), /differs/);
    assert.match(String(results[1]?.reason), /not found/);
    assert.match(String(results[2]?.reason), /not JSON/);
});

test("an initialiser that is not only string literals is rejected", () => {
    const source =
        "    // contract: #/components/examples/Busy/value\n    public static final String X = PREFIX + '{}';\n";
    assert.throws(() => extractApexFixtures(source), /string literals/);
});

test("pointers follow $ref and unescape ~1", () => {
    assert.deepEqual(
        resolvePointer(openapi, "#/paths/~1api~1x/get/responses/200/content/application~1json/examples/a/value"),
        {
            campaignResponses: [],
            errorCode: 3
        }
    );
    assert.equal(resolvePointer(openapi, "#/paths/~1nope"), undefined);
});

test("toApexLiteral round-trips through the extractor", () => {
    const value = { text: 'it\'s "quoted"\nand long '.repeat(10) };
    const source = `    // contract: #/x\n    public static final String V =\n        ${toApexLiteral(value, 17)};\n`;
    assert.deepEqual(JSON.parse(extractApexFixtures(source)[0]?.value ?? ""), value);
});
