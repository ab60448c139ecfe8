/**
 * Proves that every Apex response/request fixture in McpFixtures.cls equals the example of the OpenAPI contract it
 * names, so the Apex client tests and the MCP emulator stay on one contract.
 *
 * Each fixture in the Apex class is declared as
 *     // contract: #/components/examples/NboResponse/value
 *     public static final String NBO_RESPONSE = '{"id":' + '"…"}';
 * The pointer is a JSON Pointer into the OpenAPI document; `$ref`s met on the way are followed.
 * JSON fixtures are compared structurally; fixtures whose example is a plain string are compared as text.
 */
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";
import { ROOT } from "../harness";

/** The fixture class and the contract the checker reads by default. */
export const DEFAULT_APEX = path.join(ROOT, "force-app/tests/api/utilities/McpFixtures.cls");
export const DEFAULT_OPENAPI = path.join(ROOT, "contract/personalization-api.openapi.yaml");

/** One annotated fixture of the Apex class. */
export interface ApexFixture {
    name: string;
    pointer: string;
    value: string;
    line: number;
}

/** Whether one fixture equals its example. */
export interface FixtureResult {
    name: string;
    pointer: string;
    ok: boolean;
    reason?: string;
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "'": "'", '"': '"', "\\": "\\" };
const LITERAL = /'((?:[^'\\]|\\.)*)'/g;
const MAX_REF_HOPS = 20;

/**
 * @param body text between the quotes of one Apex single-quoted string literal
 * @returns the string it denotes
 */
export function decodeApexString(body: string): string {
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, code: string) =>
        code.length === 5 ? String.fromCharCode(parseInt(code.slice(1), 16)) : (ESCAPES[code] ?? code)
    );
}

/**
 * Extracts the annotated fixtures: a `// contract: <pointer>` line followed by a String constant whose initialiser
 * is one or more concatenated string literals.
 * @param source Apex source
 * @returns the fixtures, in source order
 */
export function extractApexFixtures(source: string): ApexFixture[] {
    const fixtures: ApexFixture[] = [];
    const pattern =
        /\/\/\s*contract:\s*(\S+)\s*\n\s*(?:@\w+\s+)?(?:public|global|private)?\s*static\s+final\s+String\s+(\w+)\s*=\s*([\s\S]*?);\s*\n/g;
    for (const match of source.matchAll(pattern)) {
        const [, pointer = "", name = "", initialiser = ""] = match;
        const literals = [...initialiser.matchAll(LITERAL)].map((literal) => decodeApexString(literal[1] ?? ""));
        const rest = initialiser.replace(LITERAL, "").replace(/[\s+]/g, "");
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
 * @param document parsed OpenAPI document
 * @param pointer JSON Pointer with leading '#'
 * @returns the value, or undefined when the pointer leads nowhere
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
    const segments = pointer
        .replace(/^#\/?/, "")
        .split("/")
        .filter((segment) => segment !== "")
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node: unknown = document;
    for (const segment of segments) {
        node = followRef(document, node);
        if (node === null || typeof node !== "object" || !(segment in node)) {
            return undefined;
        }
        node = (node as Record<string, unknown>)[segment];
    }
    return followRef(document, node);
}

function followRef(document: unknown, node: unknown): unknown {
    let current = node;
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
        const ref = current !== null && typeof current === "object" ? (current as { $ref?: unknown }).$ref : undefined;
        if (typeof ref !== "string") {
            return current;
        }
        current = resolvePointer(document, ref);
    }
    throw new Error("Too many $ref hops");
}

/**
 * Compares every fixture with its example.
 * @param apexSource Apex source of the fixture class
 * @param openapi parsed OpenAPI document
 * @returns one result per fixture
 */
export function checkFixtures(apexSource: string, openapi: unknown): FixtureResult[] {
    return extractApexFixtures(apexSource).map(({ name, pointer, value }) => {
        const result = (ok: boolean, reason: string): FixtureResult =>
            ok ? { name, pointer, ok } : { name, pointer, ok, reason };
        const expected = resolvePointer(openapi, pointer);
        if (expected === undefined) {
            return result(false, "pointer not found in the OpenAPI document");
        }
        if (typeof expected === "string") {
            return result(expected === value, "text differs from the example");
        }
        let actual: unknown;
        try {
            actual = JSON.parse(value);
        } catch (error) {
            return result(false, `fixture is not JSON: ${String(error)}`);
        }
        return result(isDeepStrictEqual(actual, expected), "JSON differs from the example");
    });
}

/**
 * Renders a value as an Apex string initialiser (minified JSON, or the text itself), split into short literals.
 * @param value the example value
 * @param chunk maximum characters per literal
 * @returns Apex source of the initialiser
 */
export function toApexLiteral(value: unknown, chunk = 90): string {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += chunk) {
        parts.push(text.slice(i, i + chunk));
    }
    const escape = (s: string): string =>
        s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    return parts.map((part) => `'${escape(part)}'`).join(" +\n        ");
}

/**
 * @param file OpenAPI YAML file
 * @returns the parsed document
 */
export function loadOpenApi(file: string): unknown {
    return YAML.parse(fs.readFileSync(file, "utf8")) as unknown;
}
