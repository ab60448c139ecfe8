#!/usr/bin/env node
// @ts-check
/**
 * Proves that every Apex response/request fixture in McpFixtures.cls equals the example of the OpenAPI
 * contract it names, so the Apex client tests and the MCP emulator stay on one contract.
 *
 * Each fixture in the Apex class is declared as
 *     // contract: #/components/examples/NboResponse/value
 *     public static final String NBO_RESPONSE = '{"id":' + '"…"}';
 * The pointer is a JSON Pointer into the OpenAPI document; `$ref`s met on the way are followed.
 * JSON fixtures are compared structurally; fixtures whose example is a plain string are compared as text.
 *
 * Usage: node scripts/check-fixtures.js [apexFixtureFile] [openapiFile]
 *        node scripts/check-fixtures.js --literal '<pointer>'   (prints the Apex literal for a pointer)
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { isDeepStrictEqual } = require("node:util");
const YAML = require("yaml");

const ROOT = path.resolve(__dirname, "..");
const DEFAULT_APEX = path.join(ROOT, "force-app/tests/api/classes/McpFixtures.cls");
const DEFAULT_OPENAPI = path.join(ROOT, "contract/personalization-api.openapi.yaml");

/**
 * @typedef {{ name: string, pointer: string, value: string, line: number }} ApexFixture
 * @typedef {{ name: string, pointer: string, ok: boolean, reason?: string }} FixtureResult
 */

/**
 * Decodes the body of one Apex single-quoted string literal.
 * @param {string} body text between the quotes
 * @returns {string}
 */
function decodeApexString(body) {
    const escapes = /** @type {Record<string, string>} */ ({
        n: "\n",
        r: "\r",
        t: "\t",
        b: "\b",
        f: "\f",
        "'": "'",
        '"': '"',
        "\\": "\\"
    });
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, code) =>
        code.length === 5 ? String.fromCharCode(parseInt(code.slice(1), 16)) : (escapes[code] ?? code)
    );
}

/**
 * Extracts the annotated fixtures: a `// contract: <pointer>` line followed by a String constant whose
 * initialiser is one or more concatenated string literals.
 * @param {string} source Apex source
 * @returns {ApexFixture[]}
 */
function extractApexFixtures(source) {
    /** @type {ApexFixture[]} */
    const fixtures = [];
    const pattern =
        /\/\/\s*contract:\s*(\S+)\s*\n\s*(?:@\w+\s+)?(?:public|global|private)?\s*static\s+final\s+String\s+(\w+)\s*=\s*([\s\S]*?);\s*\n/g;
    for (const match of source.matchAll(pattern)) {
        const [, pointer, name, initialiser] = match;
        const literals = [...initialiser.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((literal) =>
            decodeApexString(literal[1])
        );
        const rest = initialiser.replace(/'((?:[^'\\]|\\.)*)'/g, "").replace(/[\s+]/g, "");
        if (rest !== "") {
            throw new Error(`Fixture ${name}: initialiser must be string literals joined with +, found "${rest}"`);
        }
        const line = source.slice(0, match.index).split("\n").length;
        fixtures.push({ name, pointer, value: literals.join(""), line });
    }
    return fixtures;
}

/**
 * Resolves a JSON Pointer ("#/a/b~1c") in the document, following `$ref`s found along the way.
 * @param {unknown} document parsed OpenAPI document
 * @param {string} pointer JSON Pointer with leading '#'
 * @returns {unknown} the value, or undefined when the pointer leads nowhere
 */
function resolvePointer(document, pointer) {
    const segments = pointer
        .replace(/^#\/?/, "")
        .split("/")
        .filter((s) => s !== "")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    /** @type {unknown} */
    let node = document;
    for (const segment of segments) {
        node = followRef(document, node);
        if (node === null || typeof node !== "object" || !(segment in node)) {
            return undefined;
        }
        node = /** @type {Record<string, unknown>} */ (node)[segment];
    }
    return followRef(document, node);
}

/**
 * @param {unknown} document
 * @param {unknown} node
 * @returns {unknown}
 */
function followRef(document, node) {
    let current = node;
    for (let hops = 0; hops < 20; hops++) {
        if (
            current === null ||
            typeof current !== "object" ||
            typeof (/** @type {{$ref?: unknown}} */ (current).$ref) !== "string"
        ) {
            return current;
        }
        current = resolvePointer(document, /** @type {{$ref: string}} */ (current).$ref);
    }
    throw new Error("Too many $ref hops");
}

/**
 * Compares every fixture with its example.
 * @param {string} apexSource Apex source of the fixture class
 * @param {unknown} openapi parsed OpenAPI document
 * @returns {FixtureResult[]}
 */
function checkFixtures(apexSource, openapi) {
    return extractApexFixtures(apexSource).map((fixture) => {
        const expected = resolvePointer(openapi, fixture.pointer);
        if (expected === undefined) {
            return {
                name: fixture.name,
                pointer: fixture.pointer,
                ok: false,
                reason: "pointer not found in the OpenAPI document"
            };
        }
        if (typeof expected === "string") {
            const ok = expected === fixture.value;
            return {
                name: fixture.name,
                pointer: fixture.pointer,
                ok,
                reason: ok ? undefined : "text differs from the example"
            };
        }
        let actual;
        try {
            actual = JSON.parse(fixture.value);
        } catch (error) {
            return {
                name: fixture.name,
                pointer: fixture.pointer,
                ok: false,
                reason: `fixture is not JSON: ${String(error)}`
            };
        }
        const ok = isDeepStrictEqual(actual, expected);
        return {
            name: fixture.name,
            pointer: fixture.pointer,
            ok,
            reason: ok ? undefined : "JSON differs from the example"
        };
    });
}

/**
 * Renders a value as an Apex string initialiser (minified JSON, or the text itself), split into short literals.
 * @param {unknown} value the example value
 * @param {number} [chunk] maximum characters per literal
 * @returns {string}
 */
function toApexLiteral(value, chunk = 90) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const parts = [];
    for (let i = 0; i < text.length; i += chunk) {
        parts.push(text.slice(i, i + chunk));
    }
    const escape = (/** @type {string} */ s) =>
        s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    return parts.map((p) => `'${escape(p)}'`).join(" +\n        ");
}

/**
 * @param {string} file
 * @returns {unknown}
 */
function loadOpenApi(file) {
    return YAML.parse(fs.readFileSync(file, "utf8"));
}

function main() {
    const args = process.argv.slice(2);
    if (args[0] === "--literal") {
        process.stdout.write(toApexLiteral(resolvePointer(loadOpenApi(DEFAULT_OPENAPI), args[1])) + "\n");
        return;
    }
    const apexFile = args[0] ?? DEFAULT_APEX;
    const openapiFile = args[1] ?? DEFAULT_OPENAPI;
    const results = checkFixtures(fs.readFileSync(apexFile, "utf8"), loadOpenApi(openapiFile));
    for (const result of results) {
        process.stdout.write(
            `${result.ok ? "ok  " : "FAIL"} ${result.name} ${result.pointer}${result.reason ? ` (${result.reason})` : ""}\n`
        );
    }
    const failed = results.filter((r) => !r.ok).length;
    process.stdout.write(`${results.length - failed} fixtures match the contract, ${failed} differ\n`);
    process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

module.exports = {
    decodeApexString,
    extractApexFixtures,
    resolvePointer,
    checkFixtures,
    toApexLiteral,
    DEFAULT_APEX,
    DEFAULT_OPENAPI
};

if (require.main === module) {
    main();
}
