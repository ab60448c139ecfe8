/**
 * Benchmark of the decision components in the workbench: the Contact page is loaded N times with MCP latency
 * injected; for Next Best Promotion/Action and Next Best Recommendation it reports the time from navigation to
 * their first item, and for a promotion the time from clicking Accepted to the on-card confirmation (optimistic UI).
 * Run: npm run bench:decision [-- --runs 20 --latency 150]
 */
import { performance } from "node:perf_hooks";
import { Command } from "commander";
import { startWorkbench } from "../../../workbench/src/workbench";
import { launchBrowser } from "../../../workbench/src/e2e/browser";
import { percentile } from "./stats";

/** Jane Doe, the demo Contact whose page carries both decision components. */
const JANE = "003Hs00002Jd0AkIAJ";
const TIMEOUT = 30000;
const COMPONENTS = ["nextBestAction", "nextBestRecommendation"] as const;

async function main(): Promise<void> {
    const options = new Command()
        .option("--runs <n>", "page loads", "20")
        .option("--latency <ms>", "MCP latency injected by the emulator", "150")
        .parse()
        .opts<{ runs: string; latency: string }>();
    const runs = Number(options.runs);
    const latencyMs = Number(options.latency);
    const wb = await startWorkbench({ port: 0, latencyMs, surface: "extended", log: () => undefined });
    const browser = await launchBrowser();
    const samples: Record<string, number[]> = {
        nextBestAction: [],
        nextBestRecommendation: [],
        acceptedConfirmation: []
    };
    try {
        for (let run = 0; run < runs; run++) {
            const page = await browser.newPage();
            const start = performance.now();
            await page.goto(`${wb.url}#/record/${JANE}`);
            await Promise.all(
                COMPONENTS.map(async (component) => {
                    await page
                        .locator(`[data-component="${component}"] [data-id="item"]`)
                        .first()
                        .waitFor({ timeout: TIMEOUT });
                    samples[component]?.push(performance.now() - start);
                })
            );
            const accept = page
                .locator('[data-component="nextBestAction"] [data-id="item"]')
                .first()
                .locator("button", { hasText: "Accept" });
            const clicked = performance.now();
            await accept.click();
            await page
                .locator('[data-component="nextBestAction"] [data-id="status"]')
                .first()
                .waitFor({ timeout: TIMEOUT });
            samples["acceptedConfirmation"]?.push(performance.now() - clicked);
            await page.close();
        }
    } finally {
        await browser.close();
        await wb.close();
    }
    console.log(`Decision components, ${runs} Contact page loads, ${latencyMs} ms MCP latency`);
    for (const [name, values] of Object.entries(samples)) {
        const label = name === "acceptedConfirmation" ? "Accepted click → confirmation" : `${name} first content`;
        const p50 = percentile(values, 0.5).toFixed(0);
        const p95 = percentile(values, 0.95).toFixed(0);
        console.log(`${label.padEnd(40)} p50 ${p50} ms  p95 ${p95} ms`);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
