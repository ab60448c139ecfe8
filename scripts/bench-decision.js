// @ts-check
"use strict";
/**
 * Benchmark of the decision components in the workbench (issue 8): the Contact page is loaded N times with MCP
 * latency injected; for Next Best Promotion/Action and Next Best Recommendation it reports the time from
 * navigation to their first item, and for a promotion the time from clicking Accepted to the on-card
 * confirmation (optimistic UI). Run: npm run bench:decision [-- --runs 20 --latency 150]
 */
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const ROOT = path.resolve(__dirname, "..");
const { startWorkbench } = require(path.join(ROOT, "dist/tools/workbench/src/workbench.js"));
const { launchBrowser } = require(path.join(ROOT, "dist/tools/workbench/src/e2e/browser.js"));

const JANE = "003Hs00002Jd0AkIAJ";
const TIMEOUT = 30000;

/** @param {string} name @param {number} fallback */
function option(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** @param {number[]} values @param {number} q */
function percentile(values, q) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main() {
    const runs = option("runs", 20);
    const latencyMs = option("latency", 150);
    const wb = await startWorkbench({ port: 0, latencyMs, log: () => undefined });
    const browser = await launchBrowser();
    /** @type {Record<string, number[]>} */
    const samples = { nextBestAction: [], nextBestRecommendation: [], acceptedConfirmation: [] };
    try {
        for (let run = 0; run < runs; run++) {
            const page = await browser.newPage();
            const start = performance.now();
            await page.goto(`${wb.url}#/record/${JANE}`);
            await Promise.all(
                ["nextBestAction", "nextBestRecommendation"].map(async (component) => {
                    await page
                        .locator(`[data-component="${component}"] [data-id="item"]`)
                        .first()
                        .waitFor({ timeout: TIMEOUT });
                    samples[component].push(performance.now() - start);
                })
            );
            const accept = page
                .locator('[data-component="nextBestAction"] [data-id="item"]')
                .first()
                .locator("button", { hasText: "Accepted" });
            const clicked = performance.now();
            await accept.click();
            await page
                .locator('[data-component="nextBestAction"] [data-id="status"]')
                .first()
                .waitFor({ timeout: TIMEOUT });
            samples.acceptedConfirmation.push(performance.now() - clicked);
            await page.close();
        }
    } finally {
        await browser.close();
        await wb.close();
    }
    console.log(`Decision components, ${runs} Contact page loads, ${latencyMs} ms MCP latency`);
    for (const [name, values] of Object.entries(samples)) {
        const label = name === "acceptedConfirmation" ? "Accepted click → confirmation" : `${name} first content`;
        console.log(
            `${label.padEnd(40)} p50 ${percentile(values, 0.5).toFixed(0)} ms  p95 ${percentile(values, 0.95).toFixed(0)} ms`
        );
    }
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
