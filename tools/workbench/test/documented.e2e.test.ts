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
import { runDiagnostics, shot, useWorkbench, PAGE_TIMEOUT } from "../src/e2e/session";

const JANE = "003Hs00002Jd0AkIAJ"; // Contact the first sync linked to her MCP profile
const ROSA = "003Hs00002Rt0FkIAJ"; // Contact with no MCP profile: never linked
const LENA = "00QHs00003Ld1aZMAR"; // Lead linked by the first sync (Lead matching on in the demo org)
/** People of the demo seed without a profile in the default dataset (engage): no sync link, nothing to read. */
const WITHOUT_PROFILE = [
    ROSA, // Rosa: a profile in b2b only
    "003Hs00002Tn0IkIAJ", // a Contact with no profile at all
    "003Hs00002Vc0JkIAJ", // a Contact with a profile in b2b only
    "00QHs00003Or1dZMAR", // a Lead with no profile at all
    "00QHs00003Ps1eZMAR" // a Lead with a profile in b2b only
];
const PROJECT_PATHS = /^\/api\/(datasets$|dataset\/[^/]+\/(metadata|identity\/|user\/[^/]+\/(affinities|events)))/;

const session = useWorkbench({ surface: "documented" });
const { open, emulatorRequests } = session;

interface EmulatorUser {
    userId: string;
    identities: Record<string, string>;
    lastActivity: number | null;
}

/** The emulator's profiles of a dataset (its control API), with the customer activity each holds. */
async function profiles(dataset: string): Promise<{ total: number; users: EmulatorUser[] }> {
    const r = await fetch(`${session.wb.emulator.url}/__emulator/users?dataset=${dataset}&limit=1000`);
    return (await r.json()) as { total: number; users: EmulatorUser[] };
}

/** Opens a record page and waits until its Apex calls are done (impressions leave after the cards render). */
async function openUntilQuiet(id: string): Promise<Awaited<ReturnType<typeof open>>> {
    const opened = await open(`/record/${id}`);
    await opened.page.waitForFunction(
        () => {
            const calls = (window as unknown as { __wbApexCalls: { start: number; end: number | null }[] })
                .__wbApexCalls;
            const last = Math.max(0, ...calls.map((call) => call.end ?? Infinity));
            return performance.now() - last > 500;
        },
        undefined,
        { timeout: PAGE_TIMEOUT, polling: 100 }
    );
    return opened;
}

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
    "the Contact page's four cards cost one Apex call (one request) and one MCP event; impressions only on the admin's opt-in",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const before = (await emulatorRequests("/api2/authevent/")).length;
        const { page, errors } = await openUntilQuiet(JANE);
        await noErrorPanels(page);
        const apex = await page.evaluate(() =>
            (window as unknown as { __wbApexCalls: { name: string; boxcar: number }[] }).__wbApexCalls.map((call) => ({
                name: call.name,
                boxcar: call.boxcar
            }))
        );
        // Impressions Enabled is off by default (a rep looking is not the customer acting): no feedback call follows
        assert.deepEqual(
            apex.map((call) => call.name),
            ["PersonalizationPageController.loadPage"]
        );
        const events = (await emulatorRequests("/api2/authevent/")).slice(before).map((r) => JSON.parse(r.body));
        assert.equal(events.length, 1, "one page event, no impressions event");
        const [pageEvent] = events as { action: string; campaignStats?: unknown[] }[];
        assert.equal(pageEvent.action, "Personalization Connector Record View");
        assert.equal(pageEvent.campaignStats, undefined, "the page event carries no campaign stats");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test(
    "ten views of a customer's page record no customer activity: her stored activity and Event Stream are unchanged",
    { timeout: PAGE_TIMEOUT * 4 },
    async () => {
        const jane = (all: EmulatorUser[]): EmulatorUser | undefined =>
            all.find((user) => Object.values(user.identities).includes("C-100001"));
        const before = await profiles("engage");
        const janeBefore = jane(before.users);
        assert.ok(janeBefore, "Jane has a profile in engage");
        const requestsBefore = (await emulatorRequests("/api2/authevent/")).length;
        const streams: string[] = [];
        for (let view = 0; view < 10; view++) {
            const { page, errors } = await openUntilQuiet(JANE);
            await noErrorPanels(page);
            // the events shown, in order (numbers masked: relative times move on while the test runs)
            const rows = (await card(page, "eventStream")).slot.locator('[data-id="event"]');
            streams.push((await rows.allInnerTexts()).map((row) => row.replace(/\d+/g, "#")).join("\n"));
            assert.deepEqual(errors, []);
            await page.close();
        }
        const after = await profiles("engage");
        assert.equal(after.total, before.total, "no profile created");
        // the emulator keeps the package's own events (nonInteractive page events, impression stats) but, as MCP,
        // no visit or activity comes of them: the customer's last activity stays where her own events left it
        assert.equal(jane(after.users)?.lastActivity, janeBefore.lastActivity, "Jane's last activity is unchanged");
        assert.ok(streams[0].length > 0, "her Event Stream shows events");
        assert.deepEqual(new Set(streams).size, 1, "her Event Stream shows the same events after ten views");
        const sent = (await emulatorRequests("/api2/authevent/")).slice(requestsBefore).map(
            (r) =>
                JSON.parse(r.body) as {
                    action: string;
                    flags?: { nonInteractive?: boolean };
                    campaignStats?: { stat: string }[];
                }
        );
        assert.equal(sent.length, 10, "per view: the page event only (impressions are the admin's opt-in)");
        for (const event of sent) {
            assert.equal(event.flags?.nonInteractive, true, `${event.action} is nonInteractive`);
            assert.equal(event.campaignStats, undefined, `${event.action}: no impressions without the opt-in`);
        }
    }
);

test(
    "opening the pages of people without a profile creates none: the cards say so and nothing is sent",
    { timeout: PAGE_TIMEOUT * 4 },
    async () => {
        const before = await Promise.all([profiles("engage"), profiles("b2b")]);
        const requestsBefore = (await emulatorRequests("/api2/")).length;
        for (const id of WITHOUT_PROFILE) {
            const { page, errors } = await openUntilQuiet(id);
            await noErrorPanels(page);
            for (const component of ["affinities", "eventStream"]) {
                const shown = await card(page, component);
                assert.match(
                    shown.text,
                    /isn't linked to a Personalization profile yet/,
                    `${id} ${component}: ${shown.text}`
                );
            }
            assert.deepEqual(errors, []);
            await page.close();
        }
        const after = await Promise.all([profiles("engage"), profiles("b2b")]);
        assert.deepEqual(
            after.map((dataset) => dataset.total),
            before.map((dataset) => dataset.total),
            "the emulator's profile counts are unchanged"
        );
        assert.deepEqual((await emulatorRequests("/api2/")).slice(requestsBefore), [], "no event at all");
    }
);

test(
    "without the data layer the four cards' loads travel in one request and run one after another, as Lightning boxcars them",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const { page, errors } = await watchedPage(session.browser);
        await page.goto(`${session.wb.url}?dataLayer=per-component#/record/${JANE}`);
        await page.waitForFunction(
            () => (window as unknown as { __wbContent?: { done: boolean } }).__wbContent?.done === true,
            undefined,
            { timeout: PAGE_TIMEOUT }
        );
        const loads = await page.evaluate(() =>
            (
                window as unknown as { __wbApexCalls: { name: string; boxcar: number; serverTiming: string }[] }
            ).__wbApexCalls
                .filter((call) => call.name === "PersonalizationPageController.loadPage")
                .map((call) => ({ boxcar: call.boxcar, serverTiming: call.serverTiming }))
        );
        assert.equal(loads.length, 4, "one load per card");
        assert.equal(new Set(loads.map((call) => call.boxcar)).size, 1, "one request");
        const workers = loads.map((call) => /worker;desc="([^"]+)"/.exec(call.serverTiming)?.[1]);
        assert.equal(new Set(workers).size, 1, `one worker: ${workers.join(", ")}`);
        const waits = loads.map((call) => Number(/wait;dur=([\d.]+)/.exec(call.serverTiming)?.[1]));
        const apex = loads.map((call) => Number(/apex;dur=([\d.]+)/.exec(call.serverTiming)?.[1]));
        // a call's wait covers at least the Apex time of every call before it in the boxcar
        for (let i = 1; i < loads.length; i++) {
            const before = apex.slice(0, i).reduce((a, b) => a + b, 0);
            assert.ok(
                waits[i] >= before,
                `call ${i} waited ${waits[i]} ms for ${before} ms before it: ${waits.join(", ")}`
            );
        }
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
    const { statuses, diagnostics } = await runDiagnostics(page, session.wb.url);
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
