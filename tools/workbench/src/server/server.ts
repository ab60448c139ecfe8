import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { ApexAction, CallTiming, InvokeOutcome, OrgClient } from "../org/orgClient";
import type { PageDefinition } from "../pages";
import { SLDS_ASSETS, WEB_OUT } from "../paths";
import { parsePermissions, PERMISSION_SCRIPT, PERMISSION_TABLES } from "./permissions";

/** What the web server needs. */
export interface ServerOptions {
    port: number;
    host: string;
    org: OrgClient;
    emulatorUrl: string;
    /** Page definitions already resolved against the bundles. */
    pages: PageDefinition[];
    /** Facts shown in the shell (build warnings, seeding). */
    info: Record<string, unknown>;
}

/** A running workbench web server. */
export interface WorkbenchServer {
    url: string;
    port: number;
    close(): Promise<void>;
}

const TYPES: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".json": "application/json"
};

const MAX_BODY = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        let size = 0;
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) {
                reject(new Error("request body over 1 MB"));
                req.destroy();
            } else chunks.push(c);
        });
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        ...headers
    });
    res.end(text);
}

/**
 * `Server-Timing` of an Apex call (read by `bench:page` and the e2e tests): `total` from the boxcar's arrival to the
 * call's end, of which `wait` queued behind the worker's earlier work (the boxcar's earlier calls included).
 */
export function serverTiming(t: CallTiming | undefined, totalMs: number): Record<string, string> {
    if (!t) return {};
    const metric = (name: string, ms: number): string => `${name};dur=${ms.toFixed(1)}`;
    return {
        "Server-Timing": [
            metric("total", totalMs),
            metric("wait", t.waitMs),
            metric("capture", t.captureMs),
            metric("apex", t.apexMs),
            metric("diff", t.diffMs),
            `worker;desc="${t.worker}"`
        ].join(", ")
    };
}

/**
 * Serves a file below `root`; refuses paths that leave it. Files carry an ETag and are revalidated on each
 * load (`no-cache`): an unchanged bundle is answered 304 and the browser reuses its cached copy, as it does
 * for Lightning's framework and component code; a rebuild is picked up at once.
 */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, root: string, rel: string): void {
    const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
    const stat = file.startsWith(path.resolve(root) + path.sep) && fs.existsSync(file) ? fs.statSync(file) : null;
    if (!stat?.isFile()) {
        sendJson(res, 404, { error: "not_found", path: rel });
        return;
    }
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = { ETag: etag, "Cache-Control": "no-cache" };
    if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", ...headers });
    fs.createReadStream(file).pipe(res);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
    if (!text.trim()) return {};
    try {
        const v: unknown = JSON.parse(text);
        return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
        return null;
    }
}

const APEX_NAME = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The calls of a boxcar request, or what is wrong with it. */
export function parseBoxcar(text: string): ApexAction[] | string {
    const body = parseJsonObject(text);
    const list = body?.actions;
    if (!Array.isArray(list) || list.length === 0) return "expected a JSON object with a non-empty actions array";
    const actions: ApexAction[] = [];
    for (const item of list as unknown[]) {
        const a = item !== null && typeof item === "object" ? (item as Record<string, unknown>) : {};
        const m = typeof a.name === "string" ? APEX_NAME.exec(a.name) : null;
        const params = a.params ?? {};
        if (!m || params === null || typeof params !== "object" || Array.isArray(params))
            return `each action needs a name Class.method and a JSON object params (got ${JSON.stringify(item)})`;
        actions.push({ className: m[1], method: m[2], params: params as Record<string, unknown> });
    }
    return actions;
}

function inWorker(t: CallTiming | undefined): number {
    return t ? t.captureMs + t.apexMs + t.diffMs : 0;
}

/**
 * One call's answer. Like Lightning, an Apex exception is a successful exchange carrying an error state; the
 * client rejects with the platform's shape { body: { message, exceptionType, stackTrace } }.
 */
function answer(out: InvokeOutcome): { ok: boolean; result?: unknown; body?: unknown } {
    if (out.ok) return { ok: true, result: out.value };
    return {
        ok: false,
        body: { message: out.error.message, exceptionType: out.error.exceptionType, stackTrace: out.error.stackTrace }
    };
}

/** Apex list literal of Ids (values come from the request, so only Id-shaped strings pass). */
function apexIdList(ids: unknown): string {
    const list = Array.isArray(ids)
        ? ids.filter((x): x is string => typeof x === "string" && /^[a-zA-Z0-9]{15,18}$/.test(x))
        : [];
    return `new List<Id>{ ${list.map((id) => `'${id}'`).join(", ")} }`;
}

/** An Apex `Map<String, String>` literal of string (or null) values, quoted for Apex; other keys are dropped. */
export function apexStringMap(inputs: unknown): string {
    const quote = (v: string): string =>
        `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
    const entries =
        inputs !== null && typeof inputs === "object" && !Array.isArray(inputs)
            ? Object.entries(inputs).filter(
                  (e): e is [string, string | null] =>
                      /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(e[0]) && (typeof e[1] === "string" || e[1] === null)
              )
            : [];
    return `new Map<String, String>{ ${entries.map(([k, v]) => `'${k}' => ${v === null ? "null" : quote(v)}`).join(", ")} }`;
}

/**
 * The workbench web server: the built page, SLDS, the page definitions and records (`/wb/*`),
 * `POST /apex-boxcar` (a page's Apex calls of one moment) into the local org, and the emulator's control API under `/emulator/`.
 */
export function startServer(opts: ServerOptions): Promise<WorkbenchServer> {
    const { org } = opts;

    /**
     * `POST /apex-boxcar` `{ actions: [{ name: "Class.method", params }] }`: the Apex calls a page started in one
     * moment, sent together as Lightning boxcars them; run one after another on one worker, answered together in
     * order (`{ actions: [{ ok, result } | { ok: false, body }, serverTiming] }`).
     */
    async function boxcar(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const arrived = performance.now();
        const actions = parseBoxcar(await readBody(req));
        if (typeof actions === "string") {
            sendJson(res, 400, { body: { message: `Bad Apex boxcar: ${actions}` } });
            return;
        }
        const outcomes = await org.invokeBoxcar(actions);
        const totalMs = performance.now() - arrived;
        sendJson(
            res,
            200,
            {
                actions: outcomes.map((out) => ({
                    ...answer(out),
                    serverTiming: serverTiming(out.timing, (out.timing?.waitMs ?? 0) + inWorker(out.timing))[
                        "Server-Timing"
                    ]
                }))
            },
            { "Server-Timing": `total;dur=${totalMs.toFixed(1)}, actions;desc="${actions.length}"` }
        );
    }

    async function runApex(res: http.ServerResponse, source: string, label: string): Promise<void> {
        const t0 = performance.now();
        const r = await org.anonymous(source);
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        sendJson(res, 200, {
            success: r.success,
            summary: r.success ? `${label}: done in ${seconds} s` : `${label} failed: ${r.error ?? "unknown error"}`,
            output: r.log.slice(-200).join("\n")
        });
    }

    /**
     * The running user's custom permissions, from the org pool's read cache (no Apex transaction unless a
     * commit wrote a permission table since the last ask); `null` when no page declares the script.
     */
    async function permissions(): Promise<{ success: boolean; permissions: Record<string, boolean> } | null> {
        const script = opts.pages.flatMap((x) => x.scripts ?? []).find((s) => s.name === PERMISSION_SCRIPT);
        if (!script) return null;
        const r = await org.cachedAnonymous(script.apex, PERMISSION_TABLES);
        return { success: r.success, permissions: r.success ? parsePermissions(r.log) : {} };
    }
    // Warm the cache now, so the first page load finds the answer (a failure is retried by the next ask).
    permissions().catch(() => undefined);

    async function emulatorProxy(req: http.IncomingMessage, res: http.ServerResponse, rest: string): Promise<void> {
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
        const r = await fetch(`${opts.emulatorUrl}/__emulator/${rest}`, {
            method: req.method,
            headers: body ? { "Content-Type": "application/json" } : {},
            body
        });
        res.writeHead(r.status, { "Content-Type": r.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await r.arrayBuffer()));
    }

    async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const url = new URL(req.url ?? "/", "http://localhost");
        const p = url.pathname;
        const method = req.method ?? "GET";
        if (method === "POST" && p === "/apex-boxcar") return boxcar(req, res);
        if (p.startsWith("/emulator/")) return emulatorProxy(req, res, p.slice(10) + url.search);
        if (method === "GET" && p === "/wb/state") {
            sendJson(res, 200, {
                pages: opts.pages,
                records: await org.records(),
                emulatorUrl: opts.emulatorUrl,
                info: opts.info
            });
            return;
        }
        if (method === "GET" && p.startsWith("/wb/records/")) {
            const id = decodeURIComponent(p.slice(12));
            const all = await org.records();
            const rec = Object.values(all)
                .flat()
                .find((r) => r.id === id);
            if (rec) sendJson(res, 200, rec);
            else sendJson(res, 404, { error: "not_found", id });
            return;
        }
        if (method === "GET" && p === "/wb/permissions") {
            const out = await permissions();
            // No script: every custom permission is granted (the browser treats unlisted names as granted).
            sendJson(res, 200, out ?? { success: true, permissions: {} });
            return;
        }
        if (method === "GET" && p === "/wb/deliveries") {
            const r = await fetch(`${opts.emulatorUrl}/__emulator/requests?path=/api2/`);
            const data = (await r.json()) as { requests?: unknown[] };
            sendJson(res, 200, { events: Array.isArray(data.requests) ? data.requests.length : 0 });
            return;
        }
        if (method === "GET" && p === "/wb/stats") {
            sendJson(res, 200, { apexCalls: org.apexCalls, ...org.stats() });
            return;
        }
        if (method === "POST" && p === "/wb/actions/flow") {
            const body = parseJsonObject(await readBody(req)) ?? {};
            const page = opts.pages.find((x) => x.flowAction);
            if (!page?.flowAction)
                return sendJson(res, 404, { success: false, summary: "No page definition declares a flowAction" });
            const size = Math.max(1, Math.min(2000, Number(body.batchSize) || 1));
            const source = `List<Id> WB_RECORD_IDS = ${apexIdList(body.recordIds)};\nInteger WB_BATCH_SIZE = ${size};\n${page.flowAction.apex}`;
            return runApex(res, source, page.flowAction.label);
        }
        if (method === "POST" && p === "/wb/actions/script") {
            const body = parseJsonObject(await readBody(req)) ?? {};
            const script = opts.pages.flatMap((x) => x.scripts ?? []).find((s) => s.name === body.name);
            if (!script) return sendJson(res, 404, { success: false, summary: `No script named ${String(body.name)}` });
            // `inputs` (string values, e.g. a Flow action's input variables) reach the script as WB_INPUTS
            const inputs =
                body.inputs === undefined ? "" : `Map<String, String> WB_INPUTS = ${apexStringMap(body.inputs)};\n`;
            return runApex(res, inputs + script.apex, script.label);
        }
        if (method !== "GET" && method !== "HEAD") return sendJson(res, 405, { error: "method_not_allowed" });
        if (p.startsWith("/slds/")) return sendFile(req, res, SLDS_ASSETS, p.slice(6));
        return sendFile(req, res, WEB_OUT, p === "/" ? "index.html" : p.slice(1));
    }

    const server = http.createServer((req, res) => {
        route(req, res).catch((e: unknown) => {
            if (!res.headersSent) sendJson(res, 500, { body: { message: e instanceof Error ? e.message : String(e) } });
            else res.destroy();
        });
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(opts.port, opts.host, () => {
            server.off("error", reject);
            const port = (server.address() as AddressInfo).port;
            resolve({
                url: `http://${opts.host}:${port}/`,
                port,
                close: () =>
                    new Promise<void>((r) => {
                        server.closeAllConnections();
                        server.close(() => r());
                    })
            });
        });
    });
}
