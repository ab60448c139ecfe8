/**
 * First contact, modelled (issue 17): the workbench with the emulator serving only MCP's documented surface
 * (`--surface documented`: the project's read routes answer 404 with an HTML page, as a real host would), the
 * package's insights template installed in MCP, and a demo org as after its first nightly sync. Record pages, the
 * console's connection diagnostics, the Flow action and a sync run; no card shows an error panel, each insight card
 * shows data from a documented surface or says what is unavailable and how to enable it, and the diagnostics list
 * matches what the emulator serves.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { watchedPage } from "../src/e2e/browser";
import { shot, useWorkbench, PAGE_TIMEOUT } from "../src/e2e/session";

const JANE = "003Hs00002Jd0AkIAJ"; // Contact the first sync linked to her MCP profile
const ROSA = "003Hs00002Rt0FkIAJ"; // Contact with no MCP profile: never linked
const LENA = "00QHs00003Ld1aZMAR"; // Lead linked by the first sync (Lead matching on in the demo org)
const PROJECT_PATHS = /^\/api\/(datasets$|dataset\/[^/]+\/(metadata|identity\/|user\/[^/]+\/(affinities|events)))/;

const session = useWorkbench({ surface: "documented" });
const { open, emulatorRequests } = session;

/** Text of one component's slot and whether it shows an error panel. */
async function card(page: Page, component: string): Promise<{ text: string; errorPanel: boolean; slot: Locator }> {
    const slot = page.locator(`[data-slot][data-component="${component}"]`).first();
    return {
        text: (await slot.innerText()).trim(),
        errorPanel: (await slot.locator("c-error-panel").count()) > 0,
        slot
    };
}

async function noErrorPanels(page: Page): Promise<void> {
    for (const slot of await page.locator("[data-slot]").all()) {
        const component = await slot.getAttribute("data-component");
        assert.equal(await slot.locator("c-error-panel").count(), 0, `c-${component} shows an error panel`);
    }
}

test(
    "a linked Contact's insight cards read the insights template; the stream says what it covers",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const { page, errors } = await open(`/record/${JANE}`);
        await noErrorPanels(page);
        const affinities = await card(page, "affinities");
        assert.equal(await affinities.slot.locator('[data-id="unavailable"]').count(), 0, affinities.text);
        assert.ok(affinities.text.length > 0);
        const stream = await card(page, "eventStream");
        assert.equal(await stream.slot.locator('[data-id="coverage"]').count(), 1, `coverage notice: ${stream.text}`);
        assert.match(stream.text, /Visit|Purchase/, "visits and orders from the template");
        await shot(page, "documented-contact-page");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test(
    "the Contact page's four cards cost one Apex call and one MCP event on open, and one of each for impressions",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const before = (await emulatorRequests("/api2/authevent/")).length;
        const { page, errors } = await open(`/record/${JANE}`);
        await noErrorPanels(page);
        // impressions leave after the cards render: wait for their call to finish
        await page.waitForFunction(
            () =>
                (window as unknown as { __wbApexCalls: { name: string; end: number | null }[] }).__wbApexCalls.some(
                    (call) => call.name.endsWith(".sendFeedback") && call.end !== null
                ),
            undefined,
            { timeout: PAGE_TIMEOUT }
        );
        const apex = await page.evaluate(() =>
            (window as unknown as { __wbApexCalls: { name: string }[] }).__wbApexCalls.map((call) => call.name)
        );
        assert.deepEqual(apex.sort(), [
            "PersonalizationPageController.loadPage",
            "PersonalizationPageController.sendFeedback"
        ]);
        const events = (await emulatorRequests("/api2/authevent/")).slice(before).map((r) => JSON.parse(r.body));
        assert.equal(events.length, 2, "one page event and one impressions event");
        const [pageEvent, impressions] = events as { action: string; campaignStats?: { experienceId: string }[] }[];
        assert.equal(pageEvent.action, "Personalization Connector Record View");
        assert.deepEqual(
            [...new Set((impressions.campaignStats ?? []).map((stat) => stat.experienceId))].length >= 2,
            true,
            "both decision cards' impressions in one event"
        );
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("a Lead linked by the sync reads the template too", { timeout: PAGE_TIMEOUT * 2 }, async () => {
    const { page, errors } = await open(`/record/${LENA}`);
    await noErrorPanels(page);
    const affinities = await card(page, "affinities");
    assert.equal(await affinities.slot.locator('[data-id="unavailable"]').count(), 0, affinities.text);
    assert.deepEqual(errors, []);
    await page.close();
});

test(
    "a person the sync never linked: the insight cards say so and send nothing",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const before = (await emulatorRequests("/api2/authevent/")).length;
        const { page, errors } = await open(`/record/${ROSA}`);
        await noErrorPanels(page);
        for (const component of ["affinities", "eventStream"]) {
            const shown = await card(page, component);
            assert.equal(await shown.slot.locator('[data-id="unavailable"]').count(), 1, `${component}: ${shown.text}`);
            assert.match(shown.text, /isn't linked to a Personalization profile yet/);
            assert.match(shown.text, /nightly sync/, "the fix names the sync");
        }
        for (const component of ["nextBestAction", "nextBestRecommendation"]) {
            const shown = await card(page, component);
            assert.match(shown.text, /isn't linked to a Personalization profile yet/, `${component}: ${shown.text}`);
        }
        const after = (await emulatorRequests("/api2/authevent/")).length;
        assert.equal(after, before, "no event at all for an unlinked person (any would create a profile)");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test(
    "without the insights template the cards say what to install; nothing else on the page breaks",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        await session.emulator("POST", "insights-template", { installed: false });
        try {
            const { page, errors } = await open(`/record/${JANE}`);
            await noErrorPanels(page);
            for (const component of ["affinities", "eventStream"]) {
                const shown = await card(page, component);
                assert.equal(
                    await shown.slot.locator('[data-id="unavailable"]').count(),
                    1,
                    `${component}: ${shown.text}`
                );
                assert.match(shown.text, /insights template/, "names what is missing");
                assert.match(shown.text, /Connection diagnostics/, "and where an admin checks it");
            }
            const offers = await card(page, "nextBestAction");
            assert.match(
                offers.text,
                /Spring Camping Event|Trail Days|Gold Loyalty/,
                "the decision cards still render"
            );
            await shot(page, "documented-no-template");
            assert.deepEqual(errors, []);
            await page.close();
        } finally {
            await session.emulator("POST", "insights-template", { installed: true });
        }
    }
);

test("connection diagnostics list what the documented emulator serves", { timeout: PAGE_TIMEOUT * 2 }, async () => {
    const { page, errors } = await watchedPage(session.browser);
    await page.goto(`${session.wb.url}#/page/console`);
    await page.locator("lightning-tab-bar a", { hasText: "Connection diagnostics" }).click();
    const diagnostics = page.locator("c-personalization-diagnostics");
    await diagnostics.locator('[data-id="run"] button').click();
    await diagnostics.locator('[data-id="probe"]').first().waitFor({ timeout: PAGE_TIMEOUT });
    const statuses: Record<string, string> = {};
    for (const probe of await diagnostics.locator('[data-id="probe"]').all())
        statuses[(await probe.getAttribute("data-capability")) ?? ""] = (await probe.getAttribute("data-status")) ?? "";
    assert.deepEqual(statuses, {
        CREDENTIAL: "AVAILABLE",
        EVENTS: "AVAILABLE",
        INSIGHTS_TEMPLATE: "AVAILABLE",
        USER_LOOKUP: "AVAILABLE",
        EXTENDED_API: "MISSING"
    });
    assert.equal(await diagnostics.locator('[data-id="bundle"]').count(), 1, "the support bundle is offered");
    await shot(page, "console-diagnostics");
    assert.deepEqual(errors, []);
    await page.close();
});

test("the Flow action and a sync run on documented surfaces", { timeout: 300_000 }, async () => {
    const { page, errors } = await watchedPage(session.browser);
    await page.goto(`${session.wb.url}#/actions`);
    await page.locator("[data-flow-action] input[type=checkbox]").first().waitFor({ timeout: PAGE_TIMEOUT });
    await page.locator("[data-flow-action] input[type=checkbox]").first().check();
    await page.locator('[data-field="batch"] input').fill("20");
    await page.locator('[data-action="run-flow"] button').click();
    await page.locator("[data-result-status]").waitFor({ timeout: 150_000 });
    assert.match(await page.locator("[data-result-output]").innerText(), /Flow action: 20 of 20 requests accepted/);

    const button = page.locator('[data-sync] lightning-button[data-name="sync"] button');
    const label = (await button.innerText()).trim();
    await button.click();
    await page.locator("[data-result-status]", { hasText: label }).waitFor({ timeout: 150_000 });
    assert.match(await page.locator("[data-result-status]").innerText(), /done/);
    assert.deepEqual(errors, []);
    await page.close();
});

test("nothing but the diagnostics' optional probe asked for a project-defined read", async () => {
    const project = (await emulatorRequests("/api/")).filter((r) => PROJECT_PATHS.test(r.path));
    assert.deepEqual(
        project.map((r) => r.path),
        ["/api/datasets"],
        "only the diagnostics probe of the optional extended read API"
    );
});
