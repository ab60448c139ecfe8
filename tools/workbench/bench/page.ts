/**
 * `npm run bench:page`: opens each record page with 150 ms of MCP latency injected and reports, per component,
 * time to first content (p50/p95) after the page mounts, plus Apex calls, MCP callouts (events and the insights
 * they carry, impressions included: counted once the page is quiet) and identity look-ups per load, and which local
 * org workers served them. Each page is measured with the record page's data layer (`coalesced`: one Apex call for
 * every card that asks at the same moment) and without it (`per-component`: each card its own call, as before), in
 * the same run on the same workbench, the two taking turns load by load. Apex calls reach the local org as Lightning
 * sends them: the calls of one moment in one request, run one after another (tools/workbench/README.md). Two ways of opening a page, measured separately:
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
    // the rep's tab is in front: Chromium throttles the timers of a background tab (to about once a second)
    await app.bringToFront();
    const visibility = await app.evaluate(() => document.visibilityState);
    if (visibility !== "visible") throw new Error(`the app tab is ${visibility}: its timers would be throttled`);
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

/** What one page opened one way with one data layer measured, load by load. */
class Samples {
    readonly times = new Map<string, number[]>();
    readonly apexCalls: number[] = [];
    readonly boxcars: number[] = [];
    readonly callouts: number[] = [];
    readonly insightEvents: number[] = [];
    readonly identity: number[] = [];
    readonly apexMs: number[] = [];

    add(probe: Probe, after: LoggedRequest[]): void {
        this.apexMs.push(...probe.apexMs);
        for (const c of probe.components) this.times.set(c.component, [...(this.times.get(c.component) ?? []), c.ms]);
        this.apexCalls.push(probe.apexCalls);
        this.boxcars.push(probe.boxcars);
        this.callouts.push(after.length);
        this.insightEvents.push(after.filter(carriesInsights).length);
        this.identity.push(after.filter((r) => r.route === "identity").length);
    }

    /** Prints and returns the figures. */
    summary(): Record<string, unknown> {
        const components: Record<string, ComponentFigures> = {};
        for (const [component, xs] of this.times) {
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
            apexCallsPerLoad: avg(this.apexCalls),
            boxcarsPerLoad: avg(this.boxcars),
            mcpCalloutsPerLoad: avg(this.callouts),
            mcpCalloutsMaxPerLoad: Math.max(...this.callouts),
            insightsCarryingEventsPerLoad: avg(this.insightEvents),
            apexMsPerCallP50: Math.round(
                percentile(
                    [...this.apexMs].sort((a, b) => a - b),
                    50
                )
            ),
            identityLookupsPerLoad: avg(this.identity)
        };
        console.log(
            `    Apex calls per load ${summary.apexCallsPerLoad.toFixed(1)} in ${summary.boxcarsPerLoad.toFixed(1)} requests   MCP callouts per load ${summary.mcpCalloutsPerLoad.toFixed(1)} (max ${summary.mcpCalloutsMaxPerLoad}; ${summary.insightsCarryingEventsPerLoad.toFixed(1)} carrying the insights request)   Apex time per call p50 ${summary.apexMsPerCallP50} ms   identity look-ups per load ${summary.identityLookupsPerLoad.toFixed(2)}`
        );
        return summary;
    }
}

/** The app tab of one data layer (its URL selects the layer; the tab keeps its own insight answers). */
interface LayerTab {
    layer: DataLayer;
    app: Page;
    url: string;
}

/**
 * Figures of one page opened one way with each data layer. The layers take turns load by load (and which goes
 * first alternates), so both see the same machine: on a shared 2-core machine the load drifts over minutes.
 */
async function measure(
    wb: Workbench,
    session: BrowserContext,
    tabs: LayerTab[],
    id: string,
    mode: Mode
): Promise<Record<string, unknown>> {
    const samples = new Map(tabs.map((tab) => [tab.layer, new Samples()]));
    for (let i = 0; i < options.warmup + options.loads; i++) {
        for (const tab of i % 2 === 0 ? tabs : [...tabs].reverse()) {
            const before = (await mcpRequests(wb)).length;
            const probe = await open(session, tab.app, tab.url, id, mode);
            if (i >= options.warmup) samples.get(tab.layer)?.add(probe, (await mcpRequests(wb)).slice(before));
        }
    }
    const out: Record<string, unknown> = {};
    for (const tab of tabs) {
        console.log(`  ${tab.layer}:`);
        out[tab.layer] = samples.get(tab.layer)?.summary();
    }
    return out;
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
            const tabs: LayerTab[] = [];
            for (const layer of DATA_LAYERS) {
                const url = `${wb.url}?dataLayer=${layer}`;
                const app = await session.newPage();
                await app.goto(`${url}#/records`);
                await app.waitForSelector("wb-record-list");
                tabs.push({ layer, app, url });
            }
            /** Identity look-ups of the page's very first view (later views share the cached resolution). */
            const before = (await mcpRequests(wb)).length;
            await open(session, tabs[0].app, tabs[0].url, id, "navigation");
            const identityFirstView = (await mcpRequests(wb))
                .slice(before)
                .filter((r) => r.route === "identity").length;
            const perMode: Record<string, Record<string, unknown>> = {};
            for (const mode of MODES) {
                console.log(
                    `\n${name} page, ${mode}: ${options.loads} loads per data layer, taking turns, ${LATENCY_MS} ms MCP latency`
                );
                perMode[mode] = await measure(wb, session, tabs, id, mode);
            }
            for (const tab of tabs) await tab.app.close();
            // as before: figures by data layer, then by way of opening
            const perLayer: Record<string, unknown> = Object.fromEntries(
                DATA_LAYERS.map((layer) => [
                    layer,
                    Object.fromEntries(MODES.map((mode) => [mode, perMode[mode][layer]]))
                ])
            );
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
