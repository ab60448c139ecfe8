/**
 * End-to-end test of the decision components' Apex against the MCP emulator: the local org runs
 * tools/e2e/apex/decision-e2e.apex, which asserts what it rendered; this test asserts what the emulator received
 * (the campaign requests on the Server channel and the closed-loop feedback with campaignStats).
 */
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { CORE_SOURCES, ROOT, apexScript, succeeded, withEmulator } from "../src/harness";

/** Only these decision classes are loaded with the core, so other work in progress cannot break the test. */
const DECISION_CLASSES = [
    "PersonalizationAccess",
    "PersonalizationDecisionModel",
    "PersonalizationDecisionService",
    "PersonalizationDismissalStore",
    "PersonalizationItemParser",
    "PersonalizationRecordContext",
    "PersonalizationRecordIdentity"
];
const DISMISSAL_OBJECT = "force-app/main/components/objects/Personalization_Dismissal__c";

/** An engage event body as the emulator logged it (only the fields asserted here). */
interface EngageBody {
    action?: string;
    source: { channel?: string; application?: string };
    user: { attributes?: unknown };
    flags: { noCampaigns?: boolean };
    campaignStats: { stat?: string; catalog?: unknown }[];
}

/** Copies the decision classes and the dismissal object into a source folder of their own. */
function copyDecisionSources(dir: string): string {
    const classes = path.join(dir, "classes");
    fs.mkdirSync(classes, { recursive: true });
    for (const name of DECISION_CLASSES) {
        for (const suffix of [".cls", ".cls-meta.xml"]) {
            fs.copyFileSync(
                path.join(ROOT, "force-app/main/components/classes", name + suffix),
                path.join(classes, name + suffix)
            );
        }
    }
    fs.cpSync(path.join(ROOT, DISMISSAL_OBJECT), path.join(dir, "objects", path.basename(DISMISSAL_OBJECT)), {
        recursive: true
    });
    return dir;
}

/** The engage events the emulator received, oldest first. */
async function engageBodies(url: string): Promise<EngageBody[]> {
    const response = await fetch(`${url}/__emulator/requests?limit=50`);
    const log: unknown = await response.json();
    const entries = (Array.isArray(log) ? log : (log as { requests: unknown[] }).requests) as {
        path: string;
        body: string;
    }[];
    return entries
        .filter((entry) => entry.path === "/api2/authevent/engage")
        .map((entry) => JSON.parse(entry.body) as EngageBody);
}

test("decision Apex renders emulator campaigns and sends closed-loop feedback", { timeout: 120000 }, async () => {
    await withEmulator([], async (session) => {
        const sources = copyDecisionSources(path.join(session.dir, "decision"));
        const stdout = succeeded(await session.runApex(apexScript("decision-e2e.apex"), [...CORE_SOURCES, sources]));
        const ok = /DECISION E2E OK (\S+)/.exec(stdout);
        assert.ok(ok, `Apex script did not finish:\n${stdout.slice(-3000)}`);
        const promotionId = ok[1];

        const bodies = await engageBodies(session.url);
        const byAction = (action: string): EngageBody => {
            const body = bodies.find((candidate) => candidate.action === action);
            assert.ok(body, `no "${action}" event received`);
            return body;
        };
        assert.equal(bodies.length, 6, "three campaign requests and three feedback events");
        for (const body of bodies) {
            assert.equal(body.source.channel, "Server");
            assert.deepEqual(body.user.attributes, { emailAddress: "jane.doe@acme-outdoor.example.com" });
        }
        assert.equal(byAction("Contact Record Viewed").source.application, "Service Console");
        assert.equal(byAction("Contact Record Viewed").flags.noCampaigns, false);
        const impression = byAction("Campaign Stats");
        assert.equal(impression.flags.noCampaigns, true);
        assert.ok(impression.campaignStats.every((stat) => stat.stat === "Impression"));
        assert.deepEqual(byAction("Promotion Accepted").campaignStats[0]?.catalog, { Promotion: [promotionId] });
        assert.equal(byAction("Promotion Accepted").campaignStats[0]?.stat, "Click");
        assert.equal(byAction("Promotion Dismissed").campaignStats[0]?.stat, "Dismissal");
    });
});
