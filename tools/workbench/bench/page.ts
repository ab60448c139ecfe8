/**
 * `npm run bench:page`: opens each record page with 150 ms of MCP latency injected and reports, per component,
 * time to first content (p50/p95) after the page mounts, plus Apex calls, MCP callouts and identity look-ups
 * per load and which local org workers served them. Two ways of opening a page, measured separately:
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
    .option(
        "--replicas <n>",
        "local org replica workers (0: the single-worker org; default: the workbench's)",
        count("replicas", 0)
    )
    .parse()
    .opts<{ loads: number; warmup: number; replicas?: number }>();

const LATENCY_MS = 150;
const TARGET_MS = 600;
const PAGES: [string, string][] = [
    ["contact", "003Hs00002Jd0AkIAJ"],
    ["lead", "00QHs00003Ld1aZMAR"]
];
type Mode = "navigation" | "reload";
const MODES: Mode[] = ["navigation", "reload"];

/** What the page recorded for one load (see wb/recordPage and the Apex client stub). */
interface Probe {
    components: { component: string; ms: number }[];
    apexCalls: number;
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
    return page.evaluate(() => {
        const w = window as unknown as {
            __wbContent: { components: Record<string, { component: string; ms: number }> };
            __wbApexCalls: unknown[];
        };
        return { components: Object.values(w.__wbContent.components), apexCalls: w.__wbApexCalls.length };
    });
}

/** Opens the record page one way and waits for every component's first content. */
async function open(session: BrowserContext, app: Page, url: string, id: string, mode: Mode): Promise<Probe> {
    if (mode === "reload") {
        const page = await session.newPage();
        try {
            await page.goto(`${url}#/record/${id}`);
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

async function mcpRequests(wb: Workbench): Promise<{ route: string | null }[]> {
    const r = await fetch(`${wb.emulator.url}/__emulator/requests?path=/api`);
    return ((await r.json()) as { requests: { route: string | null }[] }).requests;
}

async function main(): Promise<void> {
    const wb = await startWorkbench({
        port: 0,
        latencyMs: LATENCY_MS,
        surface: "extended", // figures comparable with the earlier runs (BENCHMARKS.md)
        replicas: options.replicas,
        log: (l) => console.log(l)
    });
    const workers = wb.org.stats();
    const browser = await launchBrowser();
    // One browser session, as a rep's: on a reload the bundle is revalidated (304), not downloaded again.
    const session = await browser.newContext();
    await stubExternalImages(session);
    const app = await session.newPage();
    await app.goto(`${wb.url}#/records`);
    await app.waitForSelector("wb-record-list");
    const report: Record<string, unknown> = {
        loads: options.loads,
        warmup: options.warmup,
        latencyMs: LATENCY_MS,
        targetMs: TARGET_MS,
        workers: workers.workers,
        replicas: workers.replicas,
        orgStartMs: Math.round(wb.org.loadMs),
        pages: {}
    };
    console.log(
        `local org: ${workers.workers} workers (1 primary, ${workers.replicas} replicas), started in ${Math.round(wb.org.loadMs)} ms`
    );
    try {
        for (const [name, id] of PAGES) {
            const perMode: Record<string, unknown> = {};
            /** Identity look-ups of the page's first load (later loads share the cached resolution). */
            let identityFirstLoad = 0;
            for (const mode of MODES) {
                const times = new Map<string, number[]>();
                const apexCalls: number[] = [];
                const callouts: number[] = [];
                const identity: number[] = [];
                for (let i = 0; i < options.warmup + options.loads; i++) {
                    const before = (await mcpRequests(wb)).length;
                    const probe = await open(session, app, wb.url, id, mode);
                    if (i === 0 && mode === MODES[0]) {
                        const first = (await mcpRequests(wb)).slice(before);
                        identityFirstLoad = first.filter((r) => r.route === "identity").length;
                    }
                    if (i < options.warmup) continue;
                    for (const c of probe.components) times.set(c.component, [...(times.get(c.component) ?? []), c.ms]);
                    apexCalls.push(probe.apexCalls);
                    const after = (await mcpRequests(wb)).slice(before);
                    callouts.push(after.length);
                    identity.push(after.filter((r) => r.route === "identity").length);
                }
                const components: Record<string, ComponentFigures> = {};
                console.log(`\n${name} page, ${mode}: ${options.loads} loads, ${LATENCY_MS} ms MCP latency`);
                for (const [component, xs] of times) {
                    const sorted = [...xs].sort((a, b) => a - b);
                    const f = { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)) };
                    components[component] = f;
                    const verdict = f.p50 < TARGET_MS ? "meets" : "misses";
                    console.log(
                        `  c-${component.padEnd(24)} first content after the page mounts: p50 ${f.p50} ms, p95 ${f.p95} ms (${verdict} p50 < ${TARGET_MS} ms)`
                    );
                }
                const summary = {
                    components,
                    apexCallsPerLoad: avg(apexCalls),
                    mcpCalloutsPerLoad: avg(callouts),
                    identityLookupsPerLoad: avg(identity),
                    identityLookupsFirstLoad: identityFirstLoad
                };
                console.log(
                    `  Apex calls per load ${summary.apexCallsPerLoad.toFixed(1)}   MCP callouts per load ${summary.mcpCalloutsPerLoad.toFixed(1)}   identity look-ups: first load of the page ${identityFirstLoad}, per measured load ${summary.identityLookupsPerLoad.toFixed(2)}`
                );
                perMode[mode] = summary;
            }
            (report.pages as Record<string, unknown>)[name] = perMode;
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
