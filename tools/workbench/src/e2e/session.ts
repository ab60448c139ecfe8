/**
 * What the end-to-end suites share: one workbench and one headless Chromium per test file, started in `before`
 * and closed in `after`, plus the page and emulator helpers the suites drive them with. Kept under src/ (not
 * test/) because `node --test <dir>` runs every .js file below a test/ folder as a test file of its own.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { startWorkbench, type Workbench, type WorkbenchOptions } from "../workbench";
import { REPO_ROOT, REPORTS_DIR } from "../paths";
import { chromiumInstalled, launchBrowser, screenshot, watchedPage, CHROMIUM, type WatchedPage } from "./browser";

/** How long a page may take to render: CI machines with 2 cores under load take ~40 s per page. */
export const PAGE_TIMEOUT = 120_000;

/** A request the emulator logged (`GET /__emulator/requests`). */
export interface EmulatorRequest {
    path: string;
    method: string;
    body: string;
    route: string | null;
}

/** The running workbench and browser of a test file, with helpers bound to them. */
export interface WorkbenchSession {
    /** The workbench (valid once `before` has run). */
    readonly wb: Workbench;
    /** Headless Chromium (valid once `before` has run). */
    readonly browser: Browser;
    /** Opens a workbench route and waits (default 120 s) until every component shows content or an error panel. */
    open(hash: string, timeout?: number): Promise<WatchedPage>;
    /** The requests the emulator logged whose path starts with the prefix. */
    emulatorRequests(pathPrefix: string): Promise<EmulatorRequest[]>;
    /** Calls an emulator control endpoint (`/__emulator/<path>`) and fails unless it answers 2xx. */
    emulator(method: string, path: string, body?: unknown): Promise<void>;
    /** The fields of a CRM record as the workbench's local org holds them. */
    crmRecord(id: string): Promise<Record<string, unknown>>;
}

/**
 * Registers `before`/`after` hooks that start a workbench and Chromium for the calling test file and close them.
 * @param options workbench options (`port` defaults to 0: any free port)
 * @returns accessors and helpers usable inside the file's tests
 */
export function useWorkbench(options: WorkbenchOptions = {}): WorkbenchSession {
    let wb: Workbench | undefined;
    let browser: Browser | undefined;

    before(
        async () => {
            assert.ok(
                chromiumInstalled(),
                `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set WORKBENCH_CHROMIUM)`
            );
            wb = await startWorkbench({ port: 0, ...options });
            browser = await launchBrowser();
        },
        { timeout: 600_000 }
    );

    after(async () => {
        await browser?.close();
        await wb?.close();
    });

    const started = (): { wb: Workbench; browser: Browser } => {
        if (!wb || !browser) throw new Error("the workbench is not started: use the session inside a test");
        return { wb, browser };
    };

    return {
        get wb() {
            return started().wb;
        },
        get browser() {
            return started().browser;
        },
        async open(hash, timeout = PAGE_TIMEOUT) {
            const s = started();
            const w = await watchedPage(s.browser);
            await w.page.goto(`${s.wb.url}#${hash}`);
            await w.page.waitForFunction(
                () => (window as unknown as { __wbContent?: { done: boolean } }).__wbContent?.done === true,
                undefined,
                { timeout }
            );
            return w;
        },
        async emulatorRequests(pathPrefix) {
            const url = `${started().wb.emulator.url}/__emulator/requests?path=${encodeURIComponent(pathPrefix)}`;
            return ((await (await fetch(url)).json()) as { requests: EmulatorRequest[] }).requests;
        },
        async emulator(method, path, body) {
            const r = await fetch(`${started().wb.emulator.url}/__emulator/${path}`, {
                method,
                body: body === undefined ? undefined : JSON.stringify(body)
            });
            assert.ok(r.ok, `${method} ${path}: ${r.status}`);
        },
        async crmRecord(id) {
            const r = await fetch(`${started().wb.url}wb/records/${id}`);
            return ((await r.json()) as { fields: Record<string, unknown> }).fields;
        }
    };
}

/**
 * Chooses a value of a lightning-combobox as a user does: open the list, click the option.
 * @param combo the lightning-combobox
 * @param value the option's value
 */
export async function pick(combo: Locator, value: string): Promise<void> {
    await combo.locator("button, input").first().click();
    await combo.locator(`lightning-base-combobox-item[data-value="${value}"]`).click();
}

/**
 * A full-page screenshot taken from the top (the shell's header is fixed; scrolled, it lands mid-image).
 * @param page the page
 * @param name file name under reports/workbench/, without `.png`
 */
export async function shot(page: Page, name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
}

/** Where the README's screenshots live (docs/screenshots/), refreshed by the e2e tests when asked. */
export const DOC_SCREENSHOTS = path.join(REPO_ROOT, "docs/screenshots");

/**
 * A screenshot of one element (e.g. the admin console, not the workbench around it) as the README shows it: always
 * written to reports/workbench/<name>.png, and to docs/screenshots/<name>.png when UPDATE_DOC_SCREENSHOTS=1 (so a
 * test run leaves the committed images alone unless they are meant to be refreshed).
 * @param target the element
 * @param name file name without `.png`
 * @param below pixels below the element to include (an open picker list reaches past it)
 */
export async function docShot(target: Locator, name: string, below = 0): Promise<void> {
    const page = target.page();
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await target.boundingBox();
    const dirs = [REPORTS_DIR, ...(process.env.UPDATE_DOC_SCREENSHOTS === "1" ? [DOC_SCREENSHOTS] : [])];
    for (const dir of dirs) {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${name}.png`);
        if (box && below > 0) {
            const clip = { x: box.x, y: box.y, width: box.width, height: box.height + below };
            await page.screenshot({ path: file, clip, fullPage: true, animations: "disabled" });
        } else {
            await target.screenshot({ path: file, animations: "disabled" });
        }
    }
}

/** The element that has focus, through (synthetic) shadow roots, as `tag[data-id][data-field]` text. */
export async function focusedElement(page: Page): Promise<string> {
    return page.evaluate(() => {
        let active: Element | null = document.activeElement;
        const path: string[] = [];
        while (active) {
            const el = active as HTMLElement;
            path.push(
                `${el.localName}${el.dataset.id ? `[data-id=${el.dataset.id}]` : ""}${el.dataset.field ? `[data-field=${el.dataset.field}]` : ""}${el.dataset.key ? `[data-key=${el.dataset.key}]` : ""}`
            );
            active = el.shadowRoot?.activeElement ?? null;
        }
        return path.join(" > ");
    });
}

/**
 * Opens the console's Connection diagnostics on a page, runs them and returns each probe's status by capability.
 * @param page a page of the workbench
 * @param url the workbench's base URL
 */
export async function runDiagnostics(
    page: Page,
    url: string
): Promise<{ statuses: Record<string, string>; diagnostics: Locator }> {
    await page.goto(`${url}#/page/console`);
    await page.locator("lightning-tab-bar a", { hasText: "Connection diagnostics" }).click();
    const diagnostics = page.locator("c-personalization-diagnostics");
    await diagnostics.locator('[data-id="run"] button').click();
    await diagnostics.locator('[data-id="probe"]').first().waitFor({ timeout: PAGE_TIMEOUT });
    const statuses: Record<string, string> = {};
    for (const probe of await diagnostics.locator('[data-id="probe"]').all())
        statuses[(await probe.getAttribute("data-capability")) ?? ""] = (await probe.getAttribute("data-status")) ?? "";
    return { statuses, diagnostics };
}
