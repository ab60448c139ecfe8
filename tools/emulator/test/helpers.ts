/** Shared test helpers: a started emulator plus a client that validates every response against the contract. */
import assert from "node:assert/strict";
import { ContractValidator, startEmulator, type EmulatorHandle, type EmulatorOptions } from "../src/index";

/** Fixed clock used by the tests: 2026-11-28T12:00:00Z. */
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

/** Jane Doe, demo contact with a profile in engage. */
export const JANE = {
    contactId: "003Hs00002Jd0AkIAJ",
    email: "jane.doe@acme-outdoor.example.com",
    userId: "9184b725626a39f2bd489474",
    customerId: "C-100001"
};

let validator: ContractValidator | undefined;

/** One contract validator for the whole run. */
export function contract(): ContractValidator {
    validator ??= new ContractValidator();
    return validator;
}

/** Basic header for a key. */
export function basic(id = "demo-key", secret = "demo-secret"): string {
    return "Basic " + Buffer.from(`${id}:${secret}`).toString("base64");
}

/** A response as the tests see it. */
export interface Res {
    status: number;
    headers: Headers;
    text: string;
    /** Parsed JSON body (undefined when not JSON). */
    json: unknown;
}

/** Request options. */
export interface CallOptions {
    body?: string | FormData | URLSearchParams;
    json?: unknown;
    headers?: Record<string, string>;
    /** false: send no Authorization header; string: send it verbatim. Default: the demo key. */
    auth?: false | string;
    /** Skip contract validation (only for deliberately broken responses). */
    skipContract?: boolean;
}

/** Started emulator plus a validating client. */
export class TestEmulator {
    /** Responses validated against the contract so far. */
    validated = 0;

    private constructor(readonly emu: EmulatorHandle) {}

    /** Starts an emulator with the fixed clock (overridable). */
    static async start(options: EmulatorOptions = {}): Promise<TestEmulator> {
        return new TestEmulator(await startEmulator({ now: NOW, users: 120, ...options }));
    }

    /** Stops it. */
    close(): Promise<void> {
        return this.emu.close();
    }

    /** Calls the emulator; asserts the response conforms to the OpenAPI document unless skipped. */
    async call(method: string, path: string, opts: CallOptions = {}): Promise<Res> {
        const headers: Record<string, string> = { ...(opts.headers ?? {}) };
        if (opts.auth !== false) headers["authorization"] = opts.auth ?? basic();
        let body = opts.body;
        if (opts.json !== undefined) {
            body = JSON.stringify(opts.json);
            headers["content-type"] ??= "application/json";
        }
        const r = await fetch(this.emu.url + path, { method, headers, body: body ?? null });
        const text = await r.text();
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = undefined;
        }
        if (!opts.skipContract) {
            const check = contract().validateResponse(
                method,
                path,
                r.status,
                r.headers.get("content-type") ?? undefined,
                text
            );
            assert.ok(
                check.ok,
                `contract violation for ${method} ${path} → ${r.status}: ${check.errors.join("; ")}\n${text.slice(0, 500)}`
            );
            this.validated++;
        }
        return { status: r.status, headers: r.headers, text, json: parsed };
    }

    /** POST /api2/authevent/{ds} with the demo key. */
    authevent(event: unknown, dataset = "engage", opts: CallOptions = {}): Promise<Res> {
        return this.call("POST", `/api2/authevent/${dataset}`, { ...opts, json: event });
    }
}

/** Narrows to an object. */
export function obj(v: unknown): Record<string, unknown> {
    assert.ok(
        typeof v === "object" && v !== null && !Array.isArray(v),
        `expected an object, got ${JSON.stringify(v)?.slice(0, 200)}`
    );
    return v as Record<string, unknown>;
}

/** Narrows to an array. */
export function arr(v: unknown): unknown[] {
    assert.ok(Array.isArray(v), `expected an array, got ${JSON.stringify(v)?.slice(0, 200)}`);
    return v;
}

/** campaignResponses of an event response. */
export function campaigns(res: Res): Array<Record<string, unknown>> {
    return arr(obj(res.json)["campaignResponses"]).map(obj);
}
