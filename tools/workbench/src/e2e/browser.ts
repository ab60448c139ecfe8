import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { REPORTS_DIR } from "../paths";

/** Debian's Chromium (apt-get install -y chromium); playwright-core downloads no browser. */
export const CHROMIUM = process.env.WORKBENCH_CHROMIUM ?? "/usr/bin/chromium";

/** Whether the browser is installed (the e2e suite says how to install it when it is not). */
export function chromiumInstalled(): boolean {
    return fs.existsSync(CHROMIUM);
}

/** Launches headless Chromium with the flags a root/container run needs. */
export function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]
    });
}

/** 1×1 transparent PNG. */
const PIXEL = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64"
);

/**
 * The machine is offline: external images (MCP promotion assets on CDNs) get a transparent pixel instead of
 * a DNS failure, so only the workbench's own errors count and pages render as they would online.
 */
export async function stubExternalImages(target: Page | BrowserContext): Promise<void> {
    await target.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) =>
        route.fulfill({ status: 200, contentType: "image/png", body: PIXEL })
    );
}

/** A page that records console errors and uncaught exceptions (any of them fails an e2e test). */
export interface WatchedPage {
    page: Page;
    errors: string[];
    /** Console warnings (LWC's "Unknown public property …" among them); tests assert on the ones they care about. */
    warnings: string[];
}

/** Opens a page at 1400×1000 and collects its console errors, page errors and console warnings. */
export async function watchedPage(browser: Browser): Promise<WatchedPage> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    const warnings: string[] = [];
    await stubExternalImages(page);
    page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
        else if (m.type() === "warning") warnings.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    return { page, errors, warnings };
}

/** Writes a full-page screenshot to reports/workbench/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
    fs.mkdirSync(REPORTS_DIR, { recursive: true });
    const file = path.join(REPORTS_DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}
