/**
 * The second backend (issue 21): the workbench with Backend = DATA_CLOUD (`npm start -- --backend data-cloud`), the
 * package's Data Cloud credentials routed to the emulator's Data Cloud surface. A Contact page's decision cards are
 * answered by personalization points, the insight cards say Data Cloud does not offer them (no error panel), the
 * decision invocable reads the same decisions, the Flow action streams its interaction into the Ingestion API, and the
 * console's diagnostics prove the Data Cloud credentials and say what Data Cloud does not offer or need.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { watchedPage } from "../src/e2e/browser";
import { runDiagnostics, shot, useWorkbench, PAGE_TIMEOUT } from "../src/e2e/session";

const JANE = "003Hs00002Jd0AkIAJ";

const session = useWorkbench({ surface: "documented", backend: "data-cloud" });
const { open, emulatorRequests } = session;

interface Ingested {
    rows: Array<{ source: string; object: string; record: Record<string, unknown> }>;
}

async function ingested(): Promise<Ingested["rows"]> {
    const r = await fetch(`${session.wb.emulator.url}/__emulator/data-cloud/ingested`);
    return ((await r.json()) as Ingested).rows;
}

/** The debug lines of anonymous Apex (the part after "LEVEL|"). */
async function apex(source: string): Promise<string[]> {
    const r = await session.wb.org.anonymous(source);
    assert.ok(r.success, r.error ?? "anonymous Apex failed");
    return r.log.map((line) => line.slice(line.indexOf("|") + 1));
}

test(
    "a Contact page's decision cards come from personalization points; the insight cards say Data Cloud does not offer them",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const { page, errors } = await open(`/record/${JANE}`);
        for (const slot of await page.locator("[data-slot]").all()) {
            const component = await slot.getAttribute("data-component");
            assert.equal(await slot.locator("c-error-panel").count(), 0, `c-${component} shows an error panel`);
        }
        const decisions = await emulatorRequests("/personalization/v1/authenticated/decisions");
        assert.ok(decisions.length >= 1, "the page asked Data Cloud for decisions");
        const body = JSON.parse(decisions[0]!.body) as {
            context: { individualId: string };
            personalizationPoints: Array<{ name: string }>;
        };
        assert.equal(body.context.individualId, JANE, "the individual is the Contact's CRM Id");
        assert.deepEqual(
            body.personalizationPoints.map((p) => p.name),
            ["promos", "recs"]
        );
        assert.equal((await emulatorRequests("/api2/authevent/")).length, 0, "nothing went to MCP");
        const affinities = page.locator('[data-slot][data-component="affinities"]').first();
        assert.match(await affinities.innerText(), /Data Cloud does not offer this/);
        await shot(page, "data-cloud-contact-page");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("the decision invocable returns the personalization point's items for the Contact", async () => {
    const lines =
        await apex(`GetPersonalizationRecommendations.Request request = new GetPersonalizationRecommendations.Request();
request.recordId = '${JANE}';
request.datafield = 'recs';
List<GetPersonalizationRecommendations.Result> results = GetPersonalizationRecommendations.getRecommendations(
    new List<GetPersonalizationRecommendations.Request>{ request });
System.debug('RESULT ' + JSON.serialize(results[0]));`);
    const result = JSON.parse(lines.find((l) => l.startsWith("RESULT "))!.slice(7)) as {
        isSuccess: boolean;
        recommendations: Array<{ itemId: string; name: string }>;
    };
    assert.equal(result.isSuccess, true, JSON.stringify(result));
    assert.equal(result.recommendations.length, 3, "the emulator's recs point decides three products");
});

test("the Flow action streams the interaction into the Ingestion API object, with the Contact as individual", async () => {
    const before = (await ingested()).length;
    const lines =
        await apex(`SendDataToPersonalizationAction.Request request = new SendDataToPersonalizationAction.Request();
request.interactionName = 'Case Closed';
request.recordId = '${JANE}';
request.identities = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('sfdcContactId', '${JANE}') };
request.userAttributes = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('caseStatus', 'Closed') };
SendDataToPersonalizationAction.Result result = SendDataToPersonalizationAction.send(
    new List<SendDataToPersonalizationAction.Request>{ request })[0];
System.debug('RESULT ' + JSON.serialize(result));`);
    const result = JSON.parse(lines.find((l) => l.startsWith("RESULT "))!.slice(7)) as Record<string, unknown>;
    assert.equal(result["success"], true, JSON.stringify(result));
    const rows = (await ingested()).slice(before);
    const preflight = await apex(
        "System.debug('PREFLIGHT ' + JSON.serialize(PersonalizationPreflightController.runPreflight()));"
    );
    assert.equal(
        rows.length,
        1,
        `${JSON.stringify(result)} ${preflight.filter((l) => l.startsWith("PREFLIGHT")).join(" ")}`
    );
    assert.equal(rows[0]!.source, "Personalization_Connector");
    assert.equal(rows[0]!.object, "personalization_interaction");
    assert.equal(rows[0]!.record["interactionName"], "Case Closed");
    assert.equal(rows[0]!.record["individualId"], JANE);
    assert.equal(rows[0]!.record["eventType"], "Interaction");
});

test(
    "console diagnostics on Data Cloud: the token exchange proves the credentials, nothing is ingested or decided",
    { timeout: PAGE_TIMEOUT * 2 },
    async () => {
        const rowsBefore = (await ingested()).length;
        const decisionsBefore = (await emulatorRequests("/personalization/v1/authenticated/decisions")).length;
        const { page, errors } = await watchedPage(session.browser);
        const { statuses, diagnostics } = await runDiagnostics(page, session.wb.url);
        assert.deepEqual(statuses, { CREDENTIAL: "AVAILABLE", INSIGHTS: "MISSING", NIGHTLY_SYNC: "SKIPPED" });
        assert.match(await diagnostics.innerText(), /Not needed: Data Cloud reads Contacts, Leads and Accounts/);
        assert.equal((await ingested()).length, rowsBefore, "the diagnostics ingest nothing");
        assert.equal(
            (await emulatorRequests("/personalization/v1/authenticated/decisions")).length,
            decisionsBefore,
            "the diagnostics request no decision"
        );
        assert.equal((await emulatorRequests("/api/dataset/")).length, 0, "nothing asked MCP");
        await shot(page, "data-cloud-diagnostics");
        assert.deepEqual(errors, []);
        await page.close();
    }
);

test("the pre-flight check on Data Cloud passes with the token exchange in place of datasets and identity types", async () => {
    const lines = await apex(
        "System.debug('PREFLIGHT ' + JSON.serialize(PersonalizationPreflightController.runPreflight()));"
    );
    const report = JSON.parse(lines.find((l) => l.startsWith("PREFLIGHT "))!.slice(10)) as {
        passed: boolean;
        results: Array<{ check: string; passed: boolean }>;
    };
    assert.equal(report.passed, true, JSON.stringify(report));
    const checks = report.results.map((r) => r.check);
    assert.ok(checks.includes("CREDENTIAL"));
    assert.ok(!checks.includes("DATASETS") && !checks.includes("IDENTITY_TYPES"), checks.join(","));
});
