/**
 * End-to-end tests: the whole workbench (emulator, local org with the real Apex, web server) driven in
 * headless Chromium. A console error or uncaught exception on any page fails the test. Screenshots go to
 * reports/workbench/. Every component a case uses must be in the page bundle (a missing one fails the case).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { screenshot, watchedPage } from "../src/e2e/browser";
import { useWorkbench, shot, PAGE_TIMEOUT, type EmulatorRequest } from "../src/e2e/session";

const JANE = "003Hs00002Jd0AkIAJ"; // Contact with an MCP profile in the demo seed
const LENA = "00QHs00003Ld1aZMAR"; // Lead with an MCP profile

// the project's own read contract (surface extended): these tests exercise every reading feature in full
const session = useWorkbench({ surface: "extended" });
const { open, emulatorRequests, emulator } = session;

/** Fails unless the component is in the page bundle (it compiled and was built). */
function assertBuilt(name: string): void {
    const built = session.wb.build?.bundles.map((b) => b.name) ?? [];
    assert.ok(built.includes(name), `c-${name} is not in the page bundle (built: ${built.join(", ")})`);
}

/** Slots of built components and whether each shows an error panel (placeholders of missing ones left out). */
async function slots(page: Page): Promise<{ component: string; text: string; errorPanel: boolean }[]> {
    const out: { component: string; text: string; errorPanel: boolean }[] = [];
    for (const slot of await page.locator("[data-slot]").all()) {
        if ((await slot.locator("[data-missing-component]").count()) > 0) continue;
        out.push({
            component: (await slot.getAttribute("data-component")) ?? "",
            text: (await slot.innerText()).trim(),
            errorPanel: (await slot.locator("c-error-panel").count()) > 0
        });
    }
    return out;
}

test("the record list shows the seeded Contacts, Leads and Accounts", { timeout: PAGE_TIMEOUT }, async () => {
    const { page, errors } = await watchedPage(session.browser);
    await page.goto(`${session.wb.url}#/records`);
    await page.locator(`a[data-record-id="${JANE}"]`).waitFor({ timeout: PAGE_TIMEOUT });
    assert.equal(await page.locator('[data-object="Contact"] tbody tr').count(), 15);
    assert.equal(await page.locator('[data-object="Lead"] tbody tr').count(), 8);
    await screenshot(page, "records");
    assert.deepEqual(errors, []);
    await page.close();
});

for (const [name, id] of [
    ["contact", JANE],
    ["lead", LENA]
] as const) {
    test(
        `the ${name} record page renders every component with data from the emulator`,
        { timeout: PAGE_TIMEOUT * 2 },
        async () => {
            const before = (await emulatorRequests("/api/")).length;
            const { page, errors, warnings } = await open(`/record/${id}`);
            const missing = await page
                .locator("[data-missing-component]")
                .evaluateAll((els) => els.map((e) => e.getAttribute("data-missing-component")));
            assert.deepEqual(missing, [], "every component of the page definition is built");
            const shown = await slots(page);
            assert.ok(shown.length > 0, "at least one package component is on the page");
            for (const s of shown) {
                assert.equal(s.errorPanel, false, `c-${s.component} shows its error panel: ${s.text}`);
                assert.ok(s.text.length > 0, `c-${s.component} shows content`);
            }
            assert.ok((await emulatorRequests("/api/")).length > before, "the Apex called the emulator");
            const timings = await page.evaluate(() =>
                (window as unknown as { __wbApexCalls: { end: number | null; serverTiming: string }[] }).__wbApexCalls
                    .filter((c) => c.end !== null)
                    .map((c) => c.serverTiming)
            );
            assert.ok(timings.length > 0, "the page made Apex calls");
            for (const t of timings)
                assert.match(t, /^total;dur=[\d.]+, wait;dur=[\d.]+, .*worker;desc="(primary|replica-\d)"$/);
            await screenshot(page, `${name}-page`);
            assert.deepEqual(errors, []);
            // the page gives a component recordId / objectApiName only where it declares them, as Lightning does
            assert.deepEqual(
                warnings.filter((w) => /Unknown public property/.test(w)),
                [],
                "no component is given a property it does not declare"
            );
            await page.close();
        }
    );
}

test(
    "a fault rule makes one component show its error panel while the rest of the page works",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        assertBuilt("affinities");
        await emulator("POST", "faults", { route: "affinities", kind: "status", status: 503 });
        try {
            const { page, errors } = await open(`/record/${JANE}`);
            const shown = await slots(page);
            const aff = shown.find((s) => s.component === "affinities");
            assert.ok(aff?.errorPanel, "c-affinities shows its error panel");
            const others = shown.filter((s) => s.component !== "affinities");
            assert.ok(others.length > 0);
            for (const s of others) assert.equal(s.errorPanel, false, `c-${s.component} is unaffected`);
            const affinities = page.locator('[data-component="affinities"]');
            const panel = affinities.locator("c-error-panel .slds-scoped-notification");
            assert.equal(await panel.getAttribute("role"), "alert", "one compact alert, not a wall of red");
            await screenshot(page, "fault-error-panel");
            await emulator("DELETE", "faults");
            await panel.locator("button", { hasText: "Try again" }).click();
            await affinities.locator('[data-id="item"]').first().waitFor({ timeout: PAGE_TIMEOUT });
            assert.equal(await affinities.locator("c-error-panel").count(), 0, "Try again brings the data back");
            assert.deepEqual(errors, []);
            await page.close();
        } finally {
            await emulator("DELETE", "faults");
        }
    }
);

test(
    "offers and recommendations that fail to load show the compact error with Try again, which brings them back",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        assertBuilt("nextBestAction");
        assertBuilt("nextBestRecommendation");
        // the page event answers every decision card: refusing it fails both, and only them
        await emulator("POST", "faults", { route: "authevent", kind: "status", status: 503 });
        try {
            const { page, errors } = await open(`/record/${JANE}`);
            const shown = await slots(page);
            for (const component of ["nextBestAction", "nextBestRecommendation"]) {
                const card = shown.find((s) => s.component === component);
                assert.ok(card?.errorPanel, `c-${component} shows its error panel`);
                assert.match(card?.text ?? "", /Try again/, `c-${component} offers Try again`);
            }
            await screenshot(page, "fault-decisions");
            await emulator("DELETE", "faults");
            for (const component of ["nextBestAction", "nextBestRecommendation"]) {
                const card = page.locator(`[data-component="${component}"]`);
                await card.locator("c-error-panel button", { hasText: "Try again" }).click();
                await card.locator('[data-id="item"]').first().waitFor({ timeout: PAGE_TIMEOUT });
                assert.equal(await card.locator("c-error-panel").count(), 0, `c-${component} is back`);
            }
            assert.deepEqual(errors, []);
            await page.close();
        } finally {
            await emulator("DELETE", "faults");
        }
    }
);

test(
    "Event Stream: Load older events moves keyboard focus to the first new event; channels read in words",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        assertBuilt("eventStream");
        const { page, errors } = await open(`/record/${JANE}`);
        const stream = page.locator('[data-component="eventStream"]');
        const rows = stream.locator('li[data-id="event"]');
        const before = await rows.count();
        assert.ok(before > 0, "events on the first page");
        const meta = await stream.locator('[data-id="meta"]').allInnerTexts();
        for (const line of meta) assert.doesNotMatch(line, /^(MobileApp|Server|CallCenter)\b/, "channel in words");
        await stream.locator('[data-id="load-older"] button').click();
        await rows.nth(before).waitFor({ timeout: PAGE_TIMEOUT });
        const focused = stream.locator('li[data-id="event"]:focus');
        await focused.waitFor({ timeout: PAGE_TIMEOUT });
        assert.equal(await focused.getAttribute("data-key"), await rows.nth(before).getAttribute("data-key"));
        await shot(page, "event-stream-older");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("the page bundle is revalidated: unchanged, it answers 304 and the browser keeps its copy", async () => {
    const first = await fetch(`${session.wb.url}app.js`);
    const etag = first.headers.get("etag");
    assert.equal(first.status, 200);
    assert.ok(etag, "the bundle has an ETag");
    assert.equal(first.headers.get("cache-control"), "no-cache", "revalidated on every load, so a rebuild shows");
    await first.arrayBuffer();
    const again = await fetch(`${session.wb.url}app.js`, { headers: { "If-None-Match": etag } });
    assert.equal(again.status, 304);
    const other = await fetch(`${session.wb.url}app.js`, { headers: { "If-None-Match": 'W/"stale"' } });
    assert.equal(other.status, 200, "a stale copy gets the bundle");
    await other.arrayBuffer();
});

test("the emulator controls add and clear fault rules", { timeout: PAGE_TIMEOUT }, async () => {
    const { page, errors } = await watchedPage(session.browser);
    await page.goto(`${session.wb.url}#/record/${JANE}`);
    await page.locator('[data-action="add-rule"] button').click();
    await page.locator("[data-rule]").first().waitFor({ timeout: PAGE_TIMEOUT });
    const rules = (await (await fetch(`${session.wb.emulator.url}/__emulator/faults`)).json()) as unknown;
    const list = Array.isArray(rules) ? rules : (rules as { rules: unknown[] }).rules;
    assert.equal(list.length, 1);
    await page.locator('[data-action="clear-rules"] button').click();
    await page.locator("[data-rule]").first().waitFor({ state: "detached", timeout: PAGE_TIMEOUT });
    assert.deepEqual(errors, []);
    await page.close();
});

test("promotion feedback reaches the emulator", { timeout: PAGE_TIMEOUT * 2 }, async () => {
    assertBuilt("nextBestAction");
    const { page, errors } = await open(`/record/${JANE}`);
    const before = (await emulatorRequests("/api2/authevent/")).length;
    await page.locator('[data-component="nextBestAction"] button', { hasText: "Accept" }).first().click();
    const deadline = Date.now() + PAGE_TIMEOUT;
    let feedback: EmulatorRequest[] = [];
    while (Date.now() < deadline) {
        feedback = (await emulatorRequests("/api2/authevent/"))
            .slice(before)
            .filter((r) => r.body.includes("campaignStats"));
        if (feedback.length) break;
        await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(feedback.length > 0, "an authevent with campaignStats reached the emulator");
    await screenshot(page, "feedback");
    assert.deepEqual(errors, []);
    await page.close();
});

test(
    "a rep accepts an offer, dismisses another and undoes it, and a failed refresh keeps the data on screen",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        assertBuilt("nextBestAction");
        const { page, errors } = await open(`/record/${JANE}`);
        const offers = page.locator('[data-component="nextBestAction"]');
        const items = offers.locator('[data-id="item"]');
        const count = await items.count();
        assert.ok(count >= 2, "two offers to act on");

        await items.nth(0).locator("button", { hasText: "Accept" }).click();
        await items.nth(0).locator('[data-id="status"]').waitFor({ timeout: PAGE_TIMEOUT });
        assert.equal(await items.nth(0).locator("button", { hasText: "Not interested" }).count(), 0);
        assert.equal(await offers.locator(".slds-button_brand").count(), 1, "one brand button per card");

        await items.nth(1).locator("button", { hasText: "Not interested" }).click();
        await offers.locator('[data-id="reason"] input').fill("Already has one");
        await offers.locator('[data-action="dismiss-confirm"] button').click();
        await offers.locator('[data-id="undo-notice"]').waitFor({ timeout: PAGE_TIMEOUT });
        assert.equal(await items.count(), count - 1, "hidden at once");
        await screenshot(page, "offer-undo");
        await offers.locator('[data-id="undo"] button').click();
        await offers.locator('[data-id="undo-notice"]').waitFor({ state: "detached", timeout: PAGE_TIMEOUT });
        assert.equal(await items.count(), count, "Undo brings it back");

        await emulator("POST", "faults", { route: "affinities", kind: "status", status: 503 });
        try {
            const affinities = page.locator('[data-component="affinities"]');
            const bars = await affinities.locator('[data-id="item"]').count();
            assert.ok(bars > 0, "bars before the refresh");
            await affinities.locator('[data-id="refresh"] button').click();
            await affinities.locator('[data-id="stale"]').waitFor({ timeout: PAGE_TIMEOUT });
            assert.equal(await affinities.locator('[data-id="item"]').count(), bars, "the bars stay");
            assert.equal(await affinities.locator("c-error-panel").count(), 0, "no wall of red");
            await screenshot(page, "stale-refresh");
        } finally {
            await emulator("DELETE", "faults");
        }
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("the Flow action delivers 200 records to the emulator", { timeout: 180_000 }, async () => {
    const { page, errors } = await watchedPage(session.browser);
    await page.goto(`${session.wb.url}#/actions`);
    await page.locator("[data-flow-action] input[type=checkbox]").first().waitFor({ timeout: PAGE_TIMEOUT });
    for (const box of await page.locator("[data-flow-action] input[type=checkbox]").all()) await box.check();
    await page.locator('[data-field="batch"] input').fill("200");
    const before = (await emulatorRequests("/api2/")).length;
    await page.locator('[data-action="run-flow"] button').click();
    await page.locator("[data-result-status]").waitFor({ timeout: 150_000 });
    const output = await page.locator("[data-result-output]").innerText();
    assert.match(output, /Flow action: 200 of 200 requests accepted/);
    const delivered = (await emulatorRequests("/api2/")).length - before;
    assert.equal(delivered, 200, "200 events reached the emulator");
    await screenshot(page, "flow-action");
    assert.deepEqual(errors, []);
    await page.close();
});

test(
    "Event Stream live mode shows new web activity generated from the emulator controls",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        assertBuilt("eventStream");
        const { page, errors } = await open(`/record/${JANE}`);
        const stream = page.locator('[data-component="eventStream"]');
        const first = stream.locator('li[data-id="event"]').first();
        const before = await first.getAttribute("data-key");
        const text = await stream.innerText();
        assert.doesNotMatch(text, /Campaign Impression/, "the package's own impressions are hidden by default");
        await page.locator('[data-action="activity"] button').click();
        await page.locator("[data-emulator-message]").waitFor({ timeout: PAGE_TIMEOUT });
        // live mode (15 s on this page) polls without a click: the new Web events go on top, marked New
        await stream.locator('li[data-id="event"] [data-id="new"]').first().waitFor({ timeout: 45_000 });
        assert.notEqual(await first.getAttribute("data-key"), before, "a new event is first");
        assert.match(await first.locator('[data-id="meta"]').innerText(), /^Web\b/, "the new events are Web events");
        await screenshot(page, "event-stream-live");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("the admin console loads and its pre-flight check passes", { timeout: PAGE_TIMEOUT }, async () => {
    assertBuilt("personalizationPreflight");
    const { page, errors } = await open("/page/console");
    await screenshot(page, "console");
    for (const s of await slots(page))
        assert.equal(s.errorPanel, false, `c-${s.component} shows its error panel: ${s.text}`);
    assert.deepEqual(errors, []);
    await page.close();
    // the call the console's "Run pre-flight check" button makes
    const answer = (await (
        await fetch(`${session.wb.url}apex-boxcar`, {
            method: "POST",
            body: JSON.stringify({ actions: [{ name: "PersonalizationPreflightController.runPreflight", params: {} }] })
        })
    ).json()) as {
        actions: {
            ok: boolean;
            result?: { passed?: boolean; failedChecks?: string[] };
            body?: { message?: string };
        }[];
    };
    const [r] = answer.actions;
    assert.ok(r.ok, r.body?.message);
    assert.equal(r.result?.passed, true, `failed checks: ${(r.result?.failedChecks ?? []).join(", ")}`);
});

test(
    "a dry run changes no CRM field; the sync run writes engagement data into them, shown in the record header",
    { timeout: 180_000 },
    async () => {
        const record = (): Promise<Record<string, unknown>> => session.crmRecord(JANE);
        /** The record page header: label and shown value of each highlight field. */
        const header = async (): Promise<Record<string, { label: string; value: string }>> => {
            const rec = await open(`/record/${JANE}`);
            const out: Record<string, { label: string; value: string }> = {};
            for (const name of ["Email", "MCP_Engagement_Score__c", "MCP_Last_Synced__c"]) {
                out[name] = {
                    label: (await rec.page.locator(`[data-field-label="${name}"]`).innerText()).trim(),
                    value: (await rec.page.locator(`[data-field="${name}"]`).innerText()).trim()
                };
            }
            await screenshot(rec.page, "contact-header");
            assert.deepEqual(rec.errors, []);
            await rec.page.close();
            return out;
        };
        const initial = await record();
        assert.equal(initial.MCP_Profile_Id__c ?? null, null, "not synced yet");
        const unsynced = await header();
        assert.deepEqual(unsynced.Email, { label: "Email", value: String(initial.Email) });
        assert.deepEqual(unsynced.MCP_Last_Synced__c, { label: "Last Synced", value: "\u2014" }, "blank shows a dash");
        assert.equal(unsynced.MCP_Engagement_Score__c.value, "\u2014");
        assert.equal(unsynced.MCP_Engagement_Score__c.label, "Engagement Score", "the field label, not its API name");

        const { page, errors } = await watchedPage(session.browser);
        await page.goto(`${session.wb.url}#/actions`);
        for (const [name, expectSynced] of [
            ["dryRun", false],
            ["sync", true]
        ] as const) {
            const button = page.locator(`[data-sync] lightning-button[data-name="${name}"] button`);
            const label = (await button.innerText()).trim();
            await button.click();
            await page.locator("[data-result-status]", { hasText: label }).waitFor({ timeout: 150_000 });
            assert.match(await page.locator("[data-result-status]").innerText(), /done/);
            const fields = await record();
            if (expectSynced) {
                assert.equal(fields.MCP_Profile_Id__c, "9184b725626a39f2bd489474", "the MCP profile id was written");
                assert.ok(fields.MCP_Last_Synced__c, "last synced time written");
            } else assert.equal(fields.MCP_Profile_Id__c ?? null, null, "a dry run writes nothing to the records");
        }
        await screenshot(page, "sync");
        assert.deepEqual(errors, []);
        await page.close();

        const synced = await record();
        const shown = await header();
        const score = synced.MCP_Engagement_Score__c;
        assert.equal(typeof score, "number", "the sync wrote an engagement score");
        assert.deepEqual(shown.MCP_Engagement_Score__c, {
            label: "Engagement Score",
            value: `${new Intl.NumberFormat("en-US").format(Number(score))}%`
        });
        const lastSynced = new Intl.DateTimeFormat("en-US", {
            dateStyle: "medium",
            timeStyle: "short",
            timeZone: "America/Los_Angeles"
        }).format(new Date(String(synced.MCP_Last_Synced__c)));
        assert.deepEqual(shown.MCP_Last_Synced__c, { label: "Last Synced", value: lastSynced });
        const after = await open(`/record/${JANE}`);
        await screenshot(after.page, "contact-after-sync");
        assert.deepEqual(after.errors, []);
        await after.page.close();
    }
);
