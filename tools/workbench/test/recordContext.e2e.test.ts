/**
 * Sales and Service Cloud record pages (issue 19): the four components on a Case and an Opportunity page of the
 * demo org, with the emulator on MCP's documented surface as on a real account. A case with a contact and an
 * opportunity with a primary contact role personalise for that person (the one page event carries her identity);
 * a case without contact and an opportunity without roles show the reason on every card and send nothing to MCP.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { shot, useWorkbench, PAGE_TIMEOUT } from "../src/e2e/session";

const CASE_WITH_CONTACT = "500Hs00001CsTnPIAV"; // Jane Doe's case (config/seed/demo-crm.json)
const CASE_WITHOUT_CONTACT = "500Hs00001CsWeBIAV"; // web-form case, no contact, no web email
const OPPORTUNITY_WITH_ROLES = "006Hs00001OpSpRIAV"; // Jane Doe primary, Marco Giordano evaluator
const OPPORTUNITY_WITHOUT_ROLES = "006Hs00001OpFiTIAV";
const JANE_EMAIL = "jane.doe@acme-outdoor.example.com";
const COMPONENTS = ["affinities", "eventStream", "nextBestAction", "nextBestRecommendation"];

const session = useWorkbench({ surface: "documented" });
const { open, emulatorRequests } = session;

async function cardText(page: Page, component: string): Promise<string> {
    const slot = page.locator(`[data-slot][data-component="${component}"]`).first();
    return (await slot.innerText()).trim();
}

async function noErrorPanels(page: Page): Promise<void> {
    for (const component of COMPONENTS) {
        const slot = page.locator(`[data-slot][data-component="${component}"]`).first();
        assert.equal(await slot.count(), 1, `c-${component} is placed on the page`);
        assert.equal(await slot.locator("c-error-panel").count(), 0, `c-${component} shows an error panel`);
    }
}

/** The identities of the MCP events sent since `before`. */
async function sentIdentities(before: number): Promise<string[]> {
    const events = (await emulatorRequests("/api2/authevent/")).slice(before);
    return events.map((request) => {
        const body = JSON.parse(request.body) as { user?: { attributes?: Record<string, string> } };
        return body.user?.attributes?.emailAddress ?? JSON.stringify(body.user ?? {});
    });
}

for (const [label, recordId, shotName] of [
    ["a Case page personalises for the case contact", CASE_WITH_CONTACT, "case-page"],
    ["an Opportunity page personalises for the primary contact role", OPPORTUNITY_WITH_ROLES, "opportunity-page"]
] as const) {
    test(label, { timeout: PAGE_TIMEOUT * 2 }, async () => {
        const before = (await emulatorRequests("/api2/authevent/")).length;
        const { page, errors } = await open(`/record/${recordId}`);
        await noErrorPanels(page);
        const affinities = page.locator('[data-slot][data-component="affinities"]').first();
        assert.equal(
            await affinities.locator('[data-id="no-identity"]').count(),
            0,
            await cardText(page, "affinities")
        );
        assert.equal(
            await affinities.locator('[data-id="unavailable"]').count(),
            0,
            await cardText(page, "affinities")
        );
        assert.match(await cardText(page, "eventStream"), /Visit|Purchase/, "Jane's visits and orders");
        const promotions = await cardText(page, "nextBestAction");
        assert.doesNotMatch(promotions, /has no contact|isn't linked/, promotions);
        const identities = await sentIdentities(before);
        assert.ok(identities.length >= 1, "the page event was sent");
        assert.deepEqual([...new Set(identities)], [JANE_EMAIL], "every event is for the record's person");
        await shot(page, shotName);
        assert.deepEqual(errors, []);
        await page.close();
    });
}

for (const [label, recordId, reason, hint] of [
    [
        "a Case without contact says so on every card",
        CASE_WITHOUT_CONTACT,
        "This case has no contact",
        /contact to the case/
    ],
    [
        "an Opportunity without contact roles says so on every card",
        OPPORTUNITY_WITHOUT_ROLES,
        "This opportunity has no contact roles",
        /Add a contact role/
    ]
] as const) {
    test(`${label}, and nothing is sent to MCP`, { timeout: PAGE_TIMEOUT * 2 }, async () => {
        const before = (await emulatorRequests("/api2/authevent/")).length;
        const { page, errors } = await open(`/record/${recordId}`);
        await noErrorPanels(page);
        for (const component of COMPONENTS) {
            const text = await cardText(page, component);
            assert.ok(text.includes(reason), `${component} names the path: ${text}`);
            assert.match(text, hint, `${component} says what to do: ${text}`);
        }
        if (recordId === CASE_WITHOUT_CONTACT) {
            await shot(page, "case-no-contact");
        }
        assert.deepEqual(await sentIdentities(before), [], "no event for a record without a person");
        assert.deepEqual(errors, []);
        await page.close();
    });
}
