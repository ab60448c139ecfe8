/**
 * Validates HTTP responses (and the document's own examples) against the
 * OpenAPI 3.1 contract in `contract/personalization-api.openapi.yaml`.
 * Used by the emulator's tests; the Apex client's fixture generator can reuse it.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse as parseYaml } from "yaml";

/** Absolute path of the OpenAPI document in the repository. */
export const CONTRACT_PATH = path.resolve(__dirname, "../../../../../contract/personalization-api.openapi.yaml");

const DOC_ID = "https://personalization-connector.local/contract/openapi.json";

type Json = unknown;
type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Outcome of one validation. */
export interface ContractCheck {
    ok: boolean;
    /** Human-readable problems, empty when ok. */
    errors: string[];
}

/** Where a response schema lives: operation + status + media type. */
interface ResponseTarget {
    pointer: string;
    schema: JsonObject | undefined;
    examples: Array<{ name: string; value: Json }>;
}

const METHODS = ["get", "post", "put", "delete", "patch"] as const;

/** Loads the contract once and validates responses against it. */
export class ContractValidator {
    readonly doc: JsonObject;
    private readonly ajv: Ajv2020;
    private readonly compiled = new Map<string, ValidateFunction>();
    private readonly routes: Array<{ template: string; regex: RegExp; item: JsonObject }>;

    constructor(contractPath: string = CONTRACT_PATH) {
        const parsed: unknown = parseYaml(readFileSync(contractPath, "utf8"));
        if (!isObject(parsed)) throw new Error("OpenAPI document is not an object");
        this.doc = parsed;
        // OpenAPI keywords such as `example` are not JSON Schema; strict mode would reject them.
        this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
        addFormats(this.ajv);
        this.ajv.addSchema({ $id: DOC_ID, components: this.doc["components"] }, DOC_ID);
        const paths = isObject(this.doc["paths"]) ? this.doc["paths"] : {};
        this.routes = Object.entries(paths)
            .filter((e): e is [string, JsonObject] => isObject(e[1]))
            .map(([template, item]) => ({
                template,
                item,
                regex: new RegExp("^" + template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+") + "$")
            }))
            // Literal segments must win over parameters (users.json vs user/{userId}).
            .sort((a, b) => ((b.template.match(/\{/g)?.length ?? 0) < (a.template.match(/\{/g)?.length ?? 0) ? 1 : -1));
    }

    /** Follows a local `$ref` chain inside the document. */
    private deref(node: unknown): unknown {
        let current = node;
        for (let i = 0; i < 10 && isObject(current) && typeof current["$ref"] === "string"; i++) {
            current = this.pointer(current["$ref"]);
        }
        return current;
    }

    private pointer(ref: string): unknown {
        if (!ref.startsWith("#/")) throw new Error(`Only local refs are supported: ${ref}`);
        let node: unknown = this.doc;
        for (const raw of ref.slice(2).split("/")) {
            const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
            node = isObject(node) ? node[key] : undefined;
        }
        return node;
    }

    /** Finds the path template an actual request path matches. */
    matchPath(actualPath: string): string | undefined {
        const clean = actualPath.split("?")[0] ?? actualPath;
        return this.routes.find((r) => r.regex.test(clean))?.template;
    }

    private responseTarget(
        template: string,
        method: string,
        status: number,
        mediaType: string
    ): ResponseTarget | string {
        const item = this.routes.find((r) => r.template === template)?.item;
        const op = item ? item[method.toLowerCase()] : undefined;
        if (!isObject(op)) return `no operation ${method} ${template}`;
        const responses = op["responses"];
        if (!isObject(responses)) return `no responses for ${method} ${template}`;
        const response = this.deref(responses[String(status)]);
        if (!isObject(response)) return `status ${status} not documented for ${method} ${template}`;
        const content = response["content"];
        if (!isObject(content)) {
            return { pointer: `${method} ${template} ${status}`, schema: undefined, examples: [] };
        }
        const media = content[mediaType];
        if (!isObject(media)) return `media type ${mediaType} not documented for ${method} ${template} ${status}`;
        const schema = media["schema"];
        const examples: Array<{ name: string; value: Json }> = [];
        if (isObject(media["examples"])) {
            for (const [name, ex] of Object.entries(media["examples"])) {
                const resolved = this.deref(ex);
                if (isObject(resolved) && "value" in resolved) examples.push({ name, value: resolved["value"] });
            }
        }
        return {
            pointer: `${method} ${template} ${status} ${mediaType}`,
            schema: isObject(schema) ? schema : undefined,
            examples
        };
    }

    private validatorFor(schema: JsonObject): ValidateFunction {
        const key = JSON.stringify(schema);
        let fn = this.compiled.get(key);
        if (!fn) {
            // Rewrite local refs so they resolve inside the registered document.
            const rewritten = JSON.parse(key.replace(/"\$ref":"#\//g, `"$ref":"${DOC_ID}#/`)) as JsonObject;
            fn = this.ajv.compile(rewritten);
            this.compiled.set(key, fn);
        }
        return fn;
    }

    private check(schema: JsonObject | undefined, value: Json): ContractCheck {
        if (!schema) return { ok: true, errors: [] };
        const fn = this.validatorFor(schema);
        if (fn(value)) return { ok: true, errors: [] };
        return {
            ok: false,
            errors: (fn.errors ?? []).map(
                (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`
            )
        };
    }

    /**
     * Validates a response: the path must match a documented path, the status must be documented for the method,
     * the media type must be documented, and a JSON body must match the schema.
     */
    validateResponse(
        method: string,
        actualPath: string,
        status: number,
        contentType: string | undefined,
        body: string
    ): ContractCheck {
        const template = this.matchPath(actualPath);
        if (!template) return { ok: false, errors: [`path ${actualPath} is not in the contract`] };
        const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
        const target = this.responseTarget(template, method, status, mediaType);
        if (typeof target === "string") return { ok: false, errors: [target] };
        let value: Json = body;
        if (mediaType === "application/json") {
            try {
                value = JSON.parse(body);
            } catch {
                return { ok: false, errors: [`body is not JSON: ${body.slice(0, 80)}`] };
            }
        }
        return this.check(target.schema, value);
    }

    /** Validates every named response example (and request example) in the document against its schema. */
    validateExamples(): { checked: number; failures: string[] } {
        const failures: string[] = [];
        let checked = 0;
        for (const r of this.routes) {
            for (const method of METHODS) {
                const op = r.item[method];
                if (!isObject(op)) continue;
                const responses = isObject(op["responses"]) ? op["responses"] : {};
                for (const status of Object.keys(responses)) {
                    const response = this.deref(responses[status]);
                    const content = isObject(response) && isObject(response["content"]) ? response["content"] : {};
                    for (const mediaType of Object.keys(content)) {
                        const target = this.responseTarget(r.template, method, Number(status), mediaType);
                        if (typeof target === "string") continue;
                        for (const ex of target.examples) {
                            checked++;
                            const res = this.check(target.schema, ex.value);
                            if (!res.ok)
                                failures.push(`${target.pointer} example ${ex.name}: ${res.errors.join("; ")}`);
                        }
                    }
                }
                const body = this.deref(op["requestBody"]);
                const bodyContent = isObject(body) && isObject(body["content"]) ? body["content"] : {};
                for (const [mediaType, media] of Object.entries(bodyContent)) {
                    if (!isObject(media) || !isObject(media["schema"]) || !isObject(media["examples"])) continue;
                    for (const [name, ex] of Object.entries(media["examples"])) {
                        const resolved = this.deref(ex);
                        if (!isObject(resolved)) continue;
                        checked++;
                        const res = this.check(media["schema"], resolved["value"]);
                        if (!res.ok)
                            failures.push(
                                `${method} ${r.template} request ${mediaType} example ${name}: ${res.errors.join("; ")}`
                            );
                    }
                }
            }
        }
        return { checked, failures };
    }

    /** Every `method path` pair documented, for coverage checks. */
    operations(): Array<{ method: string; template: string; contract: string }> {
        const out: Array<{ method: string; template: string; contract: string }> = [];
        for (const r of this.routes) {
            for (const method of METHODS) {
                const op = r.item[method];
                if (isObject(op))
                    out.push({
                        method: method.toUpperCase(),
                        template: r.template,
                        contract: String(op["x-contract"] ?? "")
                    });
            }
        }
        return out;
    }
}
