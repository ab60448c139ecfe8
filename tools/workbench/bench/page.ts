/**
 * `npm run bench:page`: loads each record page 20 times with 150 ms of MCP latency injected and reports, per
 * component, time to first content (p50/p95), plus Apex calls and MCP callouts (and identity look-ups) per load,
 * and how many local org workers served them. Figures go to stdout and reports/workbench/bench-page.json.
 * `--loads n` / `BENCH_LOADS` (default 20) and `--replicas n` / `BENCH_REPLICAS` (default: the workbench's, the cores beyond two)
 * change the run; `--help` lists the options.
 */
import fs from "node:fs";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { launchBrowser } from "../src/e2e/browser";
import { REPORTS_DIR } from "../src/paths";
import { startWorkbench } from "../src/workbench";

function count(name: string, min: number) {
    return (v: string): number => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
        return n;
    };
}

const options = new Command()
    .name("bench:page")
    .description("Loads each record page with 150 ms MCP latency and reports per-component time to first content.")
    .option("--loads <n>", "loads per record page", count("loads", 1), Number(process.env.BENCH_LOADS ?? 20))
    .option(
        "--replicas <n>",
        "local org replica workers (0: the single-worker org)",
        count("replicas", 0),
        process.env.BENCH_REPLICAS === undefined ? undefined : Number(process.env.BENCH_REPLICAS)
    )
    .parse()
    .opts<{ loads: number; replicas?: number }>();

const LOADS = options.loads;
/** Local org replica workers (undefined: the workbench default of 4). */
const REPLICAS = options.replicas;
const LATENCY_MS = 150;
const PAGES: [string, string][] = [
    ["contact", "003Hs00002Jd0AkIAJ"],
    ["lead", "00QHs00003Ld1aZMAR"]
];

function percentile(sorted: number[], p: number): number {
    if (!sorted.length) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface LoggedRequest {
    route: string | null;
}

async function main(): Promise<void> {
    const wb = await startWorkbench({ port: 0, latencyMs: LATENCY_MS, replicas: REPLICAS, log: (l) => console.log(l) });
    const workers = wb.org.stats();
    const browser = await launchBrowser();
    const requests = async (): Promise<LoggedRequest[]> =>
        (
            (await (await fetch(`${wb.emulator.url}/__emulator/requests?path=/api`)).json()) as {
                requests: LoggedRequest[];
            }
        ).requests;
    const report: Record<string, unknown> = {
        loads: LOADS,
        latencyMs: LATENCY_MS,
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
            const times = new Map<string, number[]>();
            const fromNav = new Map<string, number[]>();
            const apexCalls: number[] = [];
            const callouts: number[] = [];
            const identity: number[] = [];
            for (let i = 0; i < LOADS; i++) {
                const before = (await requests()).length;
                const page = await browser.newPage();
                await page.goto(`${wb.url}#/record/${id}`);
                await page.waitForFunction(
                    () => (window as unknown as { __wbContent?: { done: boolean } }).__wbContent?.done === true,
                    undefined,
                    { timeout: 60_000 }
                );
                const probe = await page.evaluate(() => {
                    const w = window as unknown as {
                        __wbContent: {
                            components: Record<string, { component: string; ms: number; fromNavigation: number }>;
                        };
                        __wbApexCalls: unknown[];
                    };
                    return { components: Object.values(w.__wbContent.components), apex: w.__wbApexCalls.length };
                });
                await page.close();
                for (const c of probe.components) {
                    times.set(c.component, [...(times.get(c.component) ?? []), c.ms]);
                    fromNav.set(c.component, [...(fromNav.get(c.component) ?? []), c.fromNavigation]);
                }
                apexCalls.push(probe.apex);
                const after = (await requests()).slice(before);
                callouts.push(after.length);
                identity.push(after.filter((r) => r.route === "identity").length);
            }
            const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
            const components: Record<string, { p50: number; p95: number; navP50: number }> = {};
            console.log(`\n${name} page, ${LOADS} loads, ${LATENCY_MS} ms MCP latency`);
            for (const [component, xs] of times) {
                const sorted = [...xs].sort((a, b) => a - b);
                const nav = [...(fromNav.get(component) ?? [])].sort((a, b) => a - b);
                components[component] = {
                    p50: Math.round(percentile(sorted, 50)),
                    p95: Math.round(percentile(sorted, 95)),
                    navP50: Math.round(percentile(nav, 50))
                };
                console.log(
                    `  c-${component.padEnd(24)} first content after the page mounts: p50 ${components[component].p50} ms, p95 ${components[component].p95} ms (p50 from navigation, incl. loading the dev bundle: ${components[component].navP50} ms)`
                );
            }
            const summary = {
                components,
                apexCallsPerLoad: avg(apexCalls),
                mcpCalloutsPerLoad: avg(callouts),
                identityLookupsFirstLoad: identity[0],
                identityLookupsPerLoad: avg(identity)
            };
            console.log(
                `  Apex calls per load ${summary.apexCallsPerLoad.toFixed(1)}   MCP callouts per load ${summary.mcpCalloutsPerLoad.toFixed(1)}   identity look-ups: first load ${summary.identityLookupsFirstLoad}, average ${summary.identityLookupsPerLoad.toFixed(2)}`
            );
            (report.pages as Record<string, unknown>)[name] = summary;
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
