/**
 * `npm run bench:page`: opens each record page with 150 ms of MCP latency injected and reports, per component,
 * time to first content (p50/p95) after the page mounts, plus Apex calls, MCP callouts (events and the insights
 * they carry, impressions included: counted once the page is quiet) and identity look-ups per load, and which local
 * org workers served them. Each page is measured with the record page's data layer (`coalesced`: one Apex call for
 * every card that asks at the same moment) and without it (`per-component`: each card its own call, as before), in
 * the same run on the same workbench. Two ways of opening a page, measured separately:
 * - `navigation`: within the running app, from the record list to the record, as a rep moves around
 *   Lightning Experience (a single-page app: the framework and component code are loaded once, and
 *   Salesforce's Experienced Page Time measures these navigations). The issue targets are read here.
 * - `reload`: a new tab on the record's URL, so the browser also parses the whole development bundle while
 *   the components load (on 2 cores that competes with the local org for the CPU).
 * The first `--warmup` loads of each kind are left out (cold JIT in the local org's workers and the browser).
 * Figures go to stdout and reports/workbench/bench-page.json. `--help` lists the options.
 */
import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser, stubExternalImages } from "../src/e2e/browser";
import { REPORTS_DIR } from "../src/paths";
import { startWorkbench, type Workbench } from "../src/workbench";

function count(name: string, min: number) {
    return (v: string): number => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
        return n;
    };
}

const options = new Command()
    .name("bench:page")
    .description("Opens each record page with 150 ms MCP latency and reports per-component time to first content.")
    .option("--loads <n>", "measured loads per record page and way of opening", count("loads", 1), 20)
    .option("--warmup <n>", "loads left out before measuring", count("warmup", 0), 3)
    .option("--surface <surface>", "MCP surface the emulator serves: documented (default) or extended", "documented")
    .option(
        "--replicas <n>",
        "local org replica workers (0: the single-worker org; default: the workbench's)",
        count("replicas", 0)
    )
    .parse()
    .opts<{ loads: number; warmup: number; replicas?: number; surface: string }>();
if (options.surface !== "documented" && options.surface !== "extended") {
    throw new InvalidArgumentError("--surface must be documented or extended");
}

const LATENCY_MS = 150;
const TARGET_MS = 600;
const PAGES: [string, string][] = [
    ["contact", "003Hs00002Jd0AkIAJ"],
    ["lead", "00QHs00003Ld1aZMAR"]
];
type Mode = "navigation" | "reload";
const MODES: Mode[] = ["navigation", "reload"];
type DataLayer = "coalesced" | "per-component";
const DATA_LAYERS: DataLayer[] = ["coalesced", "per-component"];
/** A page is quiet when no Apex call has been running or started for this long (impressions follow content). */
const QUIET_MS = 400;

/** What the page recorded for one load (see wb/recordPage and the Apex client stub). */
interface Probe {
    components: { component: string; ms: number }[];
    apexCalls: number;
    /** Requests the Apex calls travelled in (Lightning boxcars the calls of one moment into one request). */
    boxcars: number;
    /** Each call's time in the local org (Server-Timing `apex`, MCP latency included). */
    apexMs: number[];
}

interface ComponentFigures {
    p50: number;
    p95: number;
}

function percentile(sorted: number[], p: number): number {
    if (!sorted.length) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function waitForContent(page: Page): Promise<Probe> {
    await page.waitForFunction(
        () => (window as unknown as { __wbContent?: { done: boolean } }).__wbContent?.done === true,
        undefined,
        { timeout: 60_000 }
    );
    const components = await page.evaluate(() => {
        const w = window as unknown as {
            __wbContent: { components: Record<string, { component: string; ms: number }> };
        };
        return Object.values(w.__wbContent.components);
    });
    await page.waitForFunction(
        (quietMs) => {
            const calls = (window as unknown as { __wbApexCalls: { start: number; end: number | null }[] })
                .__wbApexCalls;
            const last = Math.max(0, ...calls.map((call) => call.end ?? Infinity), ...calls.map((call) => call.start));
            return performance.now() - last > quietMs;
        },
        QUIET_MS,
        { timeout: 60_000, polling: 50 }
    );
    const calls = await page.evaluate(() =>
        (window as unknown as { __wbApexCalls: { serverTiming: string; boxcar: number | null }[] }).__wbApexCalls.map(
            (call) => ({ serverTiming: call.serverTiming, boxcar: call.boxcar })
        )
    );
    const apexMs = calls.map((call) => Number(/apex;dur=([\d.]+)/.exec(call.serverTiming)?.[1] ?? NaN));
    return {
        components,
        apexCalls: calls.length,
        boxcars: new Set(calls.map((call) => call.boxcar)).size,
        apexMs: apexMs.filter((ms) => Number.isFinite(ms))
    };
}

/** Opens the record page one way and waits for every component's first content. */
async function open(session: BrowserContext, app: Page, url: string, id: string, mode: Mode): Promise<Probe> {
    if (mode === "reload") {
        const page = await session.newPage();
        try {
            await page.goto(`${url.replace(/#.*$/, "")}#/record/${id}`);
            return await waitForContent(page);
        } finally {
            await page.close();
        }
    }
    await app.evaluate(() => {
        const w = window as unknown as { __wbContent?: unknown; __wbApexCalls: unknown[] };
        w.__wbContent = undefined;
        w.__wbApexCalls.length = 0;
    });
    await app.evaluate((recordId) => {
        window.location.hash = `#/record/${recordId}`;
    }, id);
    const probe = await waitForContent(app);
    await app.evaluate(() => {
        window.location.hash = "#/records";
    });
    await app.waitForSelector("wb-record-list");
    return probe;
}

interface LoggedRequest {
    route: string | null;
    body: string;
}

async function mcpRequests(wb: Workbench): Promise<LoggedRequest[]> {
    const r = await fetch(`${wb.emulator.url}/__emulator/requests?path=/api`);
    return ((await r.json()) as { requests: LoggedRequest[] }).requests;
}

/** Whether a logged request is an event carrying the insights template's request (its Source › Application). */
function carriesInsights(request: LoggedRequest): boolean {
    return request.body.includes('"application":"Personalization Connector"');
}

/** Figures of one page opened one way with one data layer. */
async function measure(
    wb: Workbench,
    session: BrowserContext,
    app: Page,
    url: string,
    id: string,
    mode: Mode
): Promise<Record<string, unknown>> {
    const times = new Map<string, number[]>();
    const apexCalls: number[] = [];
    const boxcars: number[] = [];
    const callouts: number[] = [];
    const insightEvents: number[] = [];
    const identity: number[] = [];
    const apexMs: number[] = [];
    for (let i = 0; i < options.warmup + options.loads; i++) {
        const before = (await mcpRequests(wb)).length;
        const probe = await open(session, app, url, id, mode);
        if (i < options.warmup) continue;
        apexMs.push(...probe.apexMs);
        for (const c of probe.components) times.set(c.component, [...(times.get(c.component) ?? []), c.ms]);
        apexCalls.push(probe.apexCalls);
        boxcars.push(probe.boxcars);
        const after = (await mcpRequests(wb)).slice(before);
        callouts.push(after.length);
        insightEvents.push(after.filter(carriesInsights).length);
        identity.push(after.filter((r) => r.route === "identity").length);
    }
    const components: Record<string, ComponentFigures> = {};
    for (const [component, xs] of times) {
        const sorted = [...xs].sort((a, b) => a - b);
        const f = { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)) };
        components[component] = f;
        const verdict = f.p50 < TARGET_MS ? "meets" : "misses";
        console.log(
            `    c-${component.padEnd(24)} first content after the page mounts: p50 ${f.p50} ms, p95 ${f.p95} ms (${verdict} p50 < ${TARGET_MS} ms)`
        );
    }
    const summary = {
        components,
        apexCallsPerLoad: avg(apexCalls),
        boxcarsPerLoad: avg(boxcars),
        mcpCalloutsPerLoad: avg(callouts),
        mcpCalloutsMaxPerLoad: Math.max(...callouts),
        insightsCarryingEventsPerLoad: avg(insightEvents),
        apexMsPerCallP50: Math.round(
            percentile(
                [...apexMs].sort((a, b) => a - b),
                50
            )
        ),
        identityLookupsPerLoad: avg(identity)
    };
    console.log(
        `    Apex calls per load ${summary.apexCallsPerLoad.toFixed(1)} in ${summary.boxcarsPerLoad.toFixed(1)} requests   MCP callouts per load ${summary.mcpCalloutsPerLoad.toFixed(1)} (max ${summary.mcpCalloutsMaxPerLoad}; ${summary.insightsCarryingEventsPerLoad.toFixed(1)} carrying the insights request)   Apex time per call p50 ${summary.apexMsPerCallP50} ms   identity look-ups per load ${summary.identityLookupsPerLoad.toFixed(2)}`
    );
    return summary;
}

async function main(): Promise<void> {
    const surface = options.surface as "documented" | "extended";
    const wb = await startWorkbench({
        port: 0,
        latencyMs: LATENCY_MS,
        surface,
        replicas: options.replicas,
        log: (l) => console.log(l)
    });
    const workers = wb.org.stats();
    const browser = await launchBrowser();
    // One browser session, as a rep's: on a reload the bundle is revalidated (304), not downloaded again.
    const session = await browser.newContext();
    await stubExternalImages(session);
    const report: Record<string, unknown> = {
        loads: options.loads,
        warmup: options.warmup,
        latencyMs: LATENCY_MS,
        targetMs: TARGET_MS,
        surface,
        workers: workers.workers,
        replicas: workers.replicas,
        orgStartMs: Math.round(wb.org.loadMs),
        pages: {}
    };
    console.log(
        `local org: ${workers.workers} workers (1 primary, ${workers.replicas} replicas), started in ${Math.round(wb.org.loadMs)} ms; emulator surface ${surface}`
    );
    try {
        for (const [name, id] of PAGES) {
            const perLayer: Record<string, unknown> = {};
            /** Identity look-ups of the page's very first view (later views share the cached resolution). */
            let identityFirstView: number | undefined;
            for (const layer of DATA_LAYERS) {
                const url = `${wb.url}?dataLayer=${layer}`;
                const app = await session.newPage();
                await app.goto(`${url}#/records`);
                await app.waitForSelector("wb-record-list");
                if (identityFirstView === undefined) {
                    const before = (await mcpRequests(wb)).length;
                    await open(session, app, url, id, "navigation");
                    identityFirstView = (await mcpRequests(wb))
                        .slice(before)
                        .filter((r) => r.route === "identity").length;
                }
                const perMode: Record<string, unknown> = {};
                for (const mode of MODES) {
                    console.log(
                        `\n${name} page, ${layer}, ${mode}: ${options.loads} loads, ${LATENCY_MS} ms MCP latency`
                    );
                    perMode[mode] = await measure(wb, session, app, url, id, mode);
                }
                await app.close();
                perLayer[layer] = perMode;
            }
            perLayer.identityLookupsFirstView = identityFirstView;
            console.log(`  identity look-ups on the first view of the ${name} page: ${identityFirstView}`);
            (report.pages as Record<string, unknown>)[name] = perLayer;
        }
        const s = wb.org.stats();
        report.transactionsPerWorker = s.transactions;
        console.log(
            `\nApex transactions per worker (primary first): ${s.transactions.join(", ")}; on replicas ${s.onReplicas}, on the primary ${s.onPrimary}`
        );
    } finally {
        await browser.close();
        await wb.close();
    }
    fs.mkdirSync(REPORTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(REPORTS_DIR, "bench-page.json"), JSON.stringify(report, null, 2));
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
});
