/**
 * The emulator's HTTP server: body limits, routing, fault injection, auth, handlers, request log.
 * Every request is answered (a catch-all turns exceptions into a 500 JSON body) and every accepted event is
 * stored synchronously before the response is written.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import busboy from "busboy";
import { buildState } from "../data/build-state";
import { DataCloudSurface, DC_ROUTES, matchDataCloudRoute } from "../datacloud/surface";
import type { DemoCrm } from "../data/demo-seed";
import { processEvent } from "../engine/event-processor";
import {
    affinities,
    datasetMetadata,
    datasetSummary,
    deleteUsers,
    displayName,
    eventStream,
    exportUsers,
    intParam,
    InvalidParameter,
    streamEvent,
    userProfile,
    usersCsv
} from "../engine/read-api";
import { FaultSet, parseFaultRule, type FaultRule, type FaultRuleInput } from "../faults/fault-rules";
import type { DatasetStore } from "../store/dataset-store";
import type { StoredEvent } from "../store/types";
import { Prng, hashSeed } from "../util/prng";
import type { Clock } from "../util/time";
import { authorize, type ApiToken } from "./auth";
import { RequestLog } from "./request-log";
import { error, json, STATUS_CODES, text, type Reply } from "./responses";
import { matchRoute, PROJECT_ROUTES, type RouteMatch } from "./routes";

/** CORS headers on every response so a browser UI on another origin can call the emulator. */
const CORS_HEADERS: Record<string, string> = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
    "access-control-allow-headers": "authorization, content-type",
    "access-control-expose-headers": "retry-after, www-authenticate"
};

const DATA_CLOUD_ROUTES: ReadonlySet<string> = new Set(DC_ROUTES);

/** A Data Cloud path as a route (its bearer token is checked by the surface, not by the MCP token matrix). */
function dataCloudRoute(method: string, pathname: string): RouteMatch | null {
    const dc = matchDataCloudRoute(method, pathname);
    return dc ? { name: dc.name, permission: null, dataset: null, params: dc.params } : null;
}

/** Body size limit (1 MB); larger bodies get 413. */
export const BODY_LIMIT = 1024 * 1024;

/** Settings of a running emulator. */
export interface ServerSettings {
    seed: number;
    users: number;
    demo: DemoCrm;
    tokens: ApiToken[];
    latencyMs: number;
    clock: Clock;
    typeCode: "c" | "ng";
    initialFaults: FaultRuleInput[];
    requestLogSize: number;
    /** Which API surface is served: every route, or only what a real MCP account documents. */
    surface: ApiSurface;
    /** Whether the shipped insights template is installed at start (and after a reset). */
    insightsTemplate: boolean;
}

/**
 * `documented`: only the routes a real MCP account serves; the project's own read routes answer as an unknown path
 * on a real host would (404, an HTML page, no JSON). `extended`: those routes are served too (tests of the
 * replaceable read seam).
 */
export type ApiSurface = "documented" | "extended";

/** What an unknown path on a real host answers: a web server's HTML page, not the API's JSON error body. */
function unknownPathPage(method: string, pathname: string): Reply {
    return text(
        404,
        `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>${method} ${pathname.replace(/[<>&"]/g, "")}</p></body></html>`,
        "text/html;charset=UTF-8"
    );
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads a body up to the limit; `tooLarge` when over it (the rest is drained, not buffered). */
function readBody(req: http.IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers["content-length"] ?? "0");
        const chunks: Buffer[] = [];
        let size = 0;
        let tooLarge = declared > BODY_LIMIT;
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size > BODY_LIMIT) tooLarge = true;
            if (!tooLarge) chunks.push(c);
        });
        req.on("end", () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
        req.on("error", reject);
    });
}

/** Parses a one-column CSV (header `name`) from a multipart upload. */
function parseDeleteUpload(req: http.IncomingMessage, body: Buffer): Promise<string[] | null> {
    return new Promise((resolve) => {
        let bb: busboy.Busboy;
        try {
            bb = busboy({ headers: req.headers, limits: { fileSize: BODY_LIMIT, files: 1 } });
        } catch {
            resolve(null);
            return;
        }
        let csv: string | null = null;
        bb.on("file", (name, stream) => {
            const parts: Buffer[] = [];
            stream.on("data", (d: Buffer) => {
                if (name === "file") parts.push(d);
            });
            stream.on("end", () => {
                if (name === "file") csv = Buffer.concat(parts).toString("utf8");
            });
        });
        bb.on("field", (name, value) => {
            if (name === "file") csv = value;
        });
        bb.on("close", () => {
            if (csv === null) return resolve(null);
            const lines = csv
                .split(/\r?\n/)
                .map((l) => l.trim().replace(/^"(.*)"$/, "$1"))
                .filter((l) => l.length > 0);
            if (lines[0]?.toLowerCase() === "name") lines.shift();
            resolve(lines);
        });
        bb.on("error", () => resolve(null));
        bb.end(body);
    });
}

/** Request target → URL. Origin-form is appended to a fixed base so paths like `//x` stay paths. */
function parseRequestUrl(target: string | undefined): URL {
    const raw = target ?? "/";
    try {
        return raw.startsWith("/") ? new URL(`http://emulator.local${raw}`) : new URL(raw, "http://emulator.local/");
    } catch {
        return new URL("http://emulator.local/__invalid_request_target");
    }
}

/** Decodes the `event` payload of the form or GET variants. */
function decodeEventParam(value: string | null): unknown {
    if (value === null || value === "") throw new InvalidParameter("event parameter is required");
    const decoded = Buffer.from(value, "base64").toString("utf8");
    try {
        return JSON.parse(decoded) as unknown;
    } catch (e) {
        throw new SyntaxError(`event parameter is not base64 JSON: ${(e as Error).message}`);
    }
}

/** The emulator: state plus the HTTP server. */
export class EmulatorServer {
    readonly server: http.Server;
    stores: Map<string, DatasetStore>;
    readonly faults: FaultSet;
    readonly log: RequestLog;
    private seed: number;
    /** Whether the package's insights template is installed (toggled by /__emulator/insights-template). */
    insightsTemplate: boolean;
    private seq = 0;
    private activitySeq = 0;
    /** The Data Cloud surface (contract/data-cloud.openapi.yaml), served on the same port. */
    readonly dataCloud: DataCloudSurface;
    private readonly stalled = new Set<Socket>();
    private readonly timers = new Set<NodeJS.Timeout>();

    constructor(private readonly settings: ServerSettings) {
        this.seed = settings.seed;
        this.insightsTemplate = settings.insightsTemplate;
        this.stores = this.build();
        this.dataCloud = new DataCloudSurface(settings.demo);
        this.faults = new FaultSet(settings.seed);
        for (const f of settings.initialFaults) this.faults.add(f);
        this.log = new RequestLog(settings.requestLogSize);
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((e: unknown) => this.crash(res, e));
        });
        this.server.keepAliveTimeout = 10_000;
    }

    private build(): Map<string, DatasetStore> {
        return buildState({
            seed: this.seed,
            users: this.settings.users,
            demo: this.settings.demo,
            seedNow: this.settings.clock(),
            clock: this.settings.clock
        });
    }

    /** Current seed. */
    get currentSeed(): number {
        return this.seed;
    }

    /** Restores the seeded state. */
    reset(seed?: number, keepFaults = false): void {
        if (seed !== undefined) this.seed = seed;
        this.stores = this.build();
        this.insightsTemplate = this.settings.insightsTemplate;
        this.dataCloud.reset();
        this.log.clear();
        if (!keepFaults) this.faults.clear();
    }

    /** Starts listening. */
    listen(port: number, host: string): Promise<AddressInfo> {
        return new Promise((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(port, host, () => resolve(this.server.address() as AddressInfo));
        });
    }

    /** Stops listening and drops stalled and idle connections. */
    close(): Promise<void> {
        for (const t of this.timers) clearTimeout(t);
        for (const s of this.stalled) s.destroy();
        return new Promise((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }

    private crash(res: http.ServerResponse, e: unknown): void {
        if (res.headersSent) {
            res.destroy();
            return;
        }
        const reply = error(
            500,
            "internal_error",
            `Internal server error: ${e instanceof Error ? e.message : String(e)}`
        );
        res.writeHead(reply.status, { ...reply.headers, ...CORS_HEADERS });
        res.end(reply.body);
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const started = process.hrtime.bigint();
        const method = (req.method ?? "GET").toUpperCase();
        const url = parseRequestUrl(req.url);
        const { body, tooLarge } = await readBody(req);
        if (method === "OPTIONS") {
            // CORS preflight: the workbench (a browser UI) calls the emulator from another origin.
            res.writeHead(204, { ...CORS_HEADERS, "access-control-max-age": "600" });
            res.end();
            return;
        }
        if (url.pathname.startsWith("/__emulator/") || url.pathname === "/__emulator") {
            this.send(
                res,
                tooLarge
                    ? error(413, "payload_too_large", `Request body exceeds ${BODY_LIMIT} bytes.`)
                    : this.inspect(method, url, body)
            );
            return;
        }
        const seq = this.log.nextSeq();
        const matched = matchRoute(method, url.pathname) ?? dataCloudRoute(method, url.pathname);
        const hidden = matched !== null && this.settings.surface === "documented" && PROJECT_ROUTES.has(matched.name);
        const route = hidden ? null : matched;
        let faultId: string | null = null;
        const finish = (reply: Reply | null): void => {
            this.log.add({
                seq,
                time: this.settings.clock(),
                method,
                path: url.pathname,
                rawQuery: url.searchParams,
                rawHeaders: req.headers,
                rawBody: body,
                status: reply?.status ?? 0,
                route: route?.name ?? null,
                dataset: route?.dataset ?? null,
                fault: faultId,
                durationMs: Number(process.hrtime.bigint() - started) / 1e6
            });
        };
        const fired = this.faults.fire({
            route: route?.name ?? null,
            method,
            path: url.pathname,
            dataset: route?.dataset ?? null
        });
        const latency =
            this.settings.latencyMs +
            fired.filter((f) => f.kind === "latency").reduce((s, f) => s + (f.latencyMs ?? 0), 0);
        if (latency > 0) await sleep(latency);
        const terminal: FaultRule | undefined = fired.find((f) => f.kind !== "latency");
        if (terminal) faultId = terminal.id;
        if (tooLarge) {
            const reply = error(413, "payload_too_large", `Request body exceeds ${BODY_LIMIT} bytes.`);
            finish(reply);
            return this.send(res, reply);
        }
        if (terminal?.kind === "stall") {
            // Never answer; drop the connection later so clients hit their own timeout first.
            finish(null);
            const socket = req.socket;
            this.stalled.add(socket);
            const timer = setTimeout(() => {
                this.timers.delete(timer);
                this.stalled.delete(socket);
                socket.destroy();
            }, terminal.stallMs ?? 60_000);
            this.timers.add(timer);
            socket.once("close", () => {
                clearTimeout(timer);
                this.timers.delete(timer);
                this.stalled.delete(socket);
            });
            return;
        }
        if (terminal?.kind === "status") {
            const status = terminal.status ?? 500;
            const headers: Record<string, string> = {};
            if (status === 429) headers["retry-after"] = String(terminal.retryAfter ?? 1);
            else if (status === 503 && terminal.retryAfter !== undefined)
                headers["retry-after"] = String(terminal.retryAfter);
            if (status === 401) headers["www-authenticate"] = 'Basic realm="Marketing Cloud Personalization"';
            const message =
                status === 429
                    ? `Rate limit exceeded; retry after ${terminal.retryAfter ?? 1} s.`
                    : `Injected fault ${terminal.id}: HTTP ${status}.`;
            const reply = error(status, STATUS_CODES[status] ?? "error", message, headers);
            finish(reply);
            return this.send(res, reply);
        }
        if (terminal?.kind === "errorCode") {
            const reply = json(
                200,
                { campaignResponses: [], errorCode: terminal.errorCode ?? 3 },
                { "cache-control": "no-cache, no-store" }
            );
            finish(reply);
            return this.send(res, reply);
        }
        let reply: Reply;
        try {
            reply = route
                ? await this.api(route, method, url, req, body)
                : hidden
                  ? unknownPathPage(method, url.pathname)
                  : error(404, "not_found", `No route for ${method} ${url.pathname}`);
        } catch (e) {
            if (e instanceof InvalidParameter) reply = error(400, "invalid_parameter", e.message);
            else if (e instanceof SyntaxError) reply = error(400, "invalid_json", e.message);
            else
                reply = error(
                    500,
                    "internal_error",
                    `Internal server error: ${e instanceof Error ? e.message : String(e)}`
                );
        }
        finish(reply);
        if (terminal?.kind === "malformedJson") {
            return this.send(res, {
                status: 200,
                headers: { "content-type": "application/json;charset=UTF-8" },
                body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) + '}{"'
            });
        }
        if (terminal?.kind === "oversized") {
            // Valid JSON padded with whitespace to the requested size: exercises the client's size guard.
            const target = terminal.oversizedBytes ?? 2 * 1024 * 1024;
            const pad = Math.max(0, target - Buffer.byteLength(reply.body));
            return this.send(res, { ...reply, body: reply.body + " ".repeat(pad) });
        }
        if (terminal?.kind === "truncatedBody") {
            const full = Buffer.from(reply.body);
            res.writeHead(reply.status, { ...reply.headers, ...CORS_HEADERS, "content-length": String(full.length) });
            res.write(full.subarray(0, Math.floor(full.length / 2)));
            // Destroy after the partial write so the client sees a short body.
            setImmediate(() => res.destroy());
            return;
        }
        this.send(res, reply);
    }

    private send(res: http.ServerResponse, reply: Reply): void {
        const body = Buffer.from(reply.body);
        res.writeHead(reply.status, { ...reply.headers, ...CORS_HEADERS, "content-length": String(body.length) });
        res.end(body);
    }

    private store(route: RouteMatch): DatasetStore | Reply {
        const store = route.dataset === null ? undefined : this.stores.get(route.dataset);
        return store ?? error(404, "dataset_not_found", `Dataset '${route.dataset ?? ""}' does not exist.`);
    }

    private async api(
        route: RouteMatch,
        method: string,
        url: URL,
        req: http.IncomingMessage,
        body: Buffer
    ): Promise<Reply> {
        if (DATA_CLOUD_ROUTES.has(route.name)) {
            return this.dataCloud.handle(
                { name: route.name as (typeof DC_ROUTES)[number], params: route.params },
                req.headers["authorization"],
                req.headers["host"] ?? "127.0.0.1",
                String(req.headers["content-type"] ?? ""),
                body
            );
        }
        let token: ApiToken | undefined;
        if (route.permission !== null) {
            const auth = authorize(this.settings.tokens, req.headers["authorization"], route.permission, route.dataset);
            if (!auth.ok) {
                const headers: Record<string, string> =
                    auth.status === 401 ? { "www-authenticate": 'Basic realm="Marketing Cloud Personalization"' } : {};
                return error(auth.status, auth.status === 401 ? "unauthorized" : "forbidden", auth.message, headers);
            }
            token = auth.token;
        }
        if (route.name === "datasets") {
            return json(
                200,
                [...this.stores.values()]
                    .filter((s) => !token?.restrictedDatasets || token.restrictedDatasets.includes(s.config.id))
                    .map(datasetSummary)
            );
        }
        const store = this.store(route);
        if (!(store instanceof Object) || !("config" in store)) return store;
        const now = this.settings.clock();
        switch (route.name) {
            case "event":
            case "authevent":
                return this.event(route, method, url, req, body, store, now);
            case "metadata":
                return json(200, datasetMetadata(store));
            case "identity": {
                const attr = route.params["attribute"] ?? "";
                if (!store.isIdentityAttribute(attr))
                    return error(
                        404,
                        "identity_type_not_found",
                        `'${attr}' is not an identity attribute of dataset '${store.config.id}'.`
                    );
                const value = route.params["value"] ?? "";
                const profile = store.findByIdentity(attr, value);
                if (!profile)
                    return error(
                        404,
                        "profile_not_found",
                        `No profile in dataset '${store.config.id}' has ${attr} '${value}'.`
                    );
                return json(200, {
                    userId: profile.id,
                    identityAttribute: attr,
                    value,
                    displayName: displayName(profile)
                });
            }
            case "user":
            case "affinities":
            case "events": {
                const userId = route.params["userId"] ?? "";
                const profile = store.findById(userId);
                if (!profile) return error(404, "user_not_found", `No user ${userId} in dataset '${store.config.id}'.`);
                if (route.name === "user") return json(200, userProfile(store, profile));
                if (route.name === "affinities") return json(200, affinities(store, profile, url.searchParams, now));
                return json(200, eventStream(store, profile, url.searchParams));
            }
            case "usersExport": {
                const rows = exportUsers(store, url.searchParams, now);
                return route.params["format"] === "json"
                    ? json(200, rows)
                    : text(200, usersCsv(rows), "text/csv;charset=UTF-8");
            }
            case "usersDelete": {
                const type = String(req.headers["content-type"] ?? "");
                if (!type.toLowerCase().startsWith("multipart/form-data"))
                    return error(400, "bad_request", 'Expected multipart/form-data with a CSV in field "file".');
                const names = await parseDeleteUpload(req, body);
                if (names === null)
                    return error(400, "bad_request", 'Expected multipart/form-data with a CSV in field "file".');
                const deleted = deleteUsers(store, names);
                return text(200, `Deleted ${deleted} users (${names.length} requested)`);
            }
            default:
                return error(404, "not_found", `No route for ${method} ${url.pathname}`);
        }
    }

    private event(
        route: RouteMatch,
        method: string,
        url: URL,
        req: http.IncomingMessage,
        body: Buffer,
        store: DatasetStore,
        now: number
    ): Reply {
        const type = String(req.headers["content-type"] ?? "").toLowerCase();
        let event: unknown;
        if (method === "GET") {
            event = decodeEventParam(url.searchParams.get("event"));
        } else if (type.startsWith("application/json")) {
            const raw = body.toString("utf8");
            try {
                event = JSON.parse(raw) as unknown;
            } catch (e) {
                throw new SyntaxError(`Request body is not valid JSON: ${(e as Error).message}`);
            }
        } else if (route.name === "event" && type.startsWith("application/x-www-form-urlencoded")) {
            event = decodeEventParam(new URLSearchParams(body.toString("utf8")).get("event"));
        } else {
            return error(
                415,
                "unsupported_media_type",
                route.name === "authevent"
                    ? "/api2/authevent accepts application/json only."
                    : "/api2/event accepts application/json or application/x-www-form-urlencoded."
            );
        }
        const response = processEvent(store, event, {
            endpoint: route.name === "authevent" ? "authevent" : "event",
            authenticated: route.name === "authevent",
            now,
            typeCode: this.settings.typeCode,
            seq: ++this.seq,
            insightsTemplate: this.insightsTemplate
        });
        return json(200, response, { "cache-control": "no-cache, no-store" });
    }

    /** /__emulator/* inspection and control. */
    private inspect(method: string, url: URL, body: Buffer): Reply {
        const path = url.pathname.replace(/\/+$/, "");
        const parseJson = (): unknown => {
            const raw = body.toString("utf8").trim();
            if (raw === "") return undefined;
            return JSON.parse(raw) as unknown;
        };
        try {
            if (path === "/__emulator/requests" && method === "GET") {
                const limit = intParam(url.searchParams, "limit", { min: 1, max: 500 });
                return json(200, { requests: this.log.list(limit, url.searchParams.get("path") ?? undefined) });
            }
            if (path === "/__emulator/users" && method === "GET") return json(200, this.users(url.searchParams));
            if (path === "/__emulator/data-cloud/ingested" && method === "GET")
                return json(200, { rows: this.dataCloud.rows() });
            if (path === "/__emulator/reset" && method === "POST") {
                const b = parseJson();
                if (b !== undefined && !isObj(b)) return error(400, "bad_request", "Body must be an object.");
                const seed = isObj(b) ? b["seed"] : undefined;
                if (seed !== undefined && !(typeof seed === "number" && Number.isInteger(seed)))
                    return error(400, "invalid_parameter", "seed must be an integer");
                this.reset(seed as number | undefined, isObj(b) && b["keepFaults"] === true);
                return json(200, {
                    ok: true,
                    seed: this.seed,
                    datasets: [...this.stores.values()].map((s) => ({ id: s.config.id, profiles: s.profiles.size }))
                });
            }
            if (path === "/__emulator/faults") {
                if (method === "GET") return json(200, { rules: this.faults.list() });
                if (method === "DELETE") {
                    this.faults.clear();
                    return json(200, { rules: [] });
                }
                if (method === "POST") {
                    const b = parseJson();
                    const inputs =
                        isObj(b) && Array.isArray(b["rules"]) && Object.keys(b).length === 1 ? b["rules"] : [b];
                    const parsed = inputs.map(parseFaultRule);
                    const problems = parsed.flatMap((p, i) =>
                        Array.isArray(p) ? p.map((m) => `rule ${i}: ${m}`) : []
                    );
                    if (problems.length > 0) return error(400, "invalid_parameter", problems.join("; "));
                    for (const p of parsed) if (!Array.isArray(p)) this.faults.add(p);
                    return json(201, { rules: this.faults.list() });
                }
            }
            const one = /^\/__emulator\/faults\/([^/]+)$/.exec(path);
            if (one && method === "DELETE") {
                if (!this.faults.remove(decodeURIComponent(one[1] ?? "")))
                    return error(404, "not_found", `No fault rule ${one[1] ?? ""}`);
                return json(200, { rules: this.faults.list() });
            }
            if (path === "/__emulator/activity" && method === "POST") return this.activity(parseJson());
            if (path === "/__emulator/insights-template") {
                if (method === "GET") return json(200, { installed: this.insightsTemplate });
                if (method === "POST") {
                    const b = parseJson();
                    if (!isObj(b) || typeof b["installed"] !== "boolean" || Object.keys(b).length !== 1)
                        return error(400, "invalid_parameter", 'Body must be {"installed": true|false}.');
                    this.insightsTemplate = b["installed"];
                    return json(200, { installed: this.insightsTemplate });
                }
            }
        } catch (e) {
            if (e instanceof SyntaxError)
                return error(400, "invalid_json", `Request body is not valid JSON: ${e.message}`);
            if (e instanceof InvalidParameter) return error(400, "invalid_parameter", e.message);
            throw e;
        }
        return error(404, "not_found", `No route for ${method} ${url.pathname}`);
    }

    private users(q: URLSearchParams): Record<string, unknown> {
        const dataset = q.get("dataset");
        const demoOnly = q.get("demo") === "true";
        const offset = intParam(q, "offset", { min: 0 }) ?? 0;
        const limit = intParam(q, "limit", { min: 1, max: 1000 }) ?? 100;
        const users: Array<Record<string, unknown>> = [];
        let total = 0;
        for (const store of this.stores.values()) {
            if (dataset && store.config.id !== dataset) continue;
            for (const p of store.profiles.values()) {
                if (demoOnly && !p.demo) continue;
                total++;
                if (total <= offset || users.length >= limit) continue;
                const s = store.summary(p);
                users.push({
                    dataset: store.config.id,
                    userId: p.id,
                    displayName: displayName(p),
                    demo: p.demo,
                    identities: { ...p.identities },
                    segments: s.segments.map((g) => g.name),
                    eventCount: s.eventCount,
                    lastActivity: s.lastActivity
                });
            }
        }
        return { total, users };
    }

    private activity(b: unknown): Reply {
        if (!isObj(b)) return error(400, "bad_request", "Body must be an object with dataset and identity or userId.");
        const store = typeof b["dataset"] === "string" ? this.stores.get(b["dataset"]) : undefined;
        if (!store) return error(404, "dataset_not_found", `Dataset '${String(b["dataset"])}' does not exist.`);
        const count = b["count"] === undefined ? 5 : b["count"];
        if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100)
            return error(400, "invalid_parameter", "count must be an integer 1..100");
        let profile;
        let created = false;
        if (typeof b["userId"] === "string") {
            profile = store.findById(b["userId"]);
            if (!profile)
                return error(404, "user_not_found", `No user ${b["userId"]} in dataset '${store.config.id}'.`);
        } else {
            const identity = b["identity"];
            if (!isObj(identity) || typeof identity["attribute"] !== "string" || typeof identity["value"] !== "string")
                return error(400, "bad_request", "identity {attribute, value} or userId is required.");
            if (!store.isIdentityAttribute(identity["attribute"]))
                return error(400, "invalid_parameter", `'${identity["attribute"]}' is not an identity attribute.`);
            const r = store.resolve({ [identity["attribute"]]: identity["value"] }, undefined);
            profile = r.profile;
            created = r.created;
        }
        const now = this.settings.clock();
        const rng = new Prng(hashSeed(String(this.seed), profile.id, "activity", ++this.activitySeq));
        const view = store.catalogView;
        const interests = profile.interests.map((i) => `c-${i.toLowerCase()}`);
        const planned: StoredEvent[] = [];
        for (let i = 0; i < count; i++) {
            const roll = rng.next();
            const pool =
                interests.length > 0
                    ? (view.productsByCategory.get(rng.pick(interests)) ?? view.products)
                    : view.products;
            const product = rng.pick(pool);
            const item = {
                type: product.type,
                id: product.id,
                name: product.name,
                ...(product.inventoryCount !== undefined ? { inventoryCount: product.inventoryCount } : {}),
                ...(product.price !== undefined ? { price: product.price } : {})
            };
            if (i === 0 && roll < 0.5)
                planned.push({ time: 0, action: "Homepage", channel: "Web", url: `${view.siteUrl}/` });
            else if (roll < 0.15 && i > 0)
                planned.push({
                    time: 0,
                    action: "Add To Cart",
                    itemAction: "Add To Cart",
                    channel: "Web",
                    url: product.url,
                    item: { ...item, quantity: 1 }
                });
            else
                planned.push({
                    time: 0,
                    action: "View Item",
                    itemAction: "View Item",
                    channel: "Web",
                    url: product.url,
                    item,
                    viewTimeMs: rng.int(5, 120) * 1000
                });
        }
        // Spread the events over the last minutes, ending now.
        let t = now;
        const times: number[] = [];
        for (let i = 0; i < count; i++) {
            times.unshift(t);
            t -= rng.int(5, 60) * 1000;
        }
        const stored = planned.map((e, i) => store.append(profile, { ...e, time: times[i] ?? now }));
        return json(200, { userId: profile.id, created, events: stored.map((e) => streamEvent(profile, e)) });
    }
}
