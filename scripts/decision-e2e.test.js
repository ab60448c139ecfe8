// @ts-check
"use strict";
/**
 * End-to-end test of the decision components' Apex (issue 8) against the MCP emulator: the local org runs
 * scripts/apex/decision-e2e.apex with the packaged Named Credential pointed at the emulator; the Apex script
 * asserts what it rendered, and this test asserts what the emulator received (the campaign requests on the
 * Server channel and the closed-loop feedback with campaignStats).
 * Only the integration core and the decision classes are loaded, so other work in progress cannot break it.
 */
const test = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const EMULATOR = path.join(ROOT, "dist/tools/emulator/src/cli.js");
const LOCAL_ORG = path.join(ROOT, "dist/tools/local-org/src/cli.js");
const SCRIPT = path.join(__dirname, "apex/decision-e2e.apex");
const CORE_SOURCES = ["force-app/main/api", "force-app/main/configuration", "force-app/main/shared"];
const DECISION_CLASSES = [
    "PersonalizationAccess",
    "PersonalizationDecisionModel",
    "PersonalizationDecisionService",
    "PersonalizationDismissalStore",
    "PersonalizationItemParser",
    "PersonalizationRecordIdentity"
];
const DISMISSAL_OBJECT = "force-app/main/components/objects/Personalization_Dismissal__c";

/**
 * Starts the emulator on a free port and resolves with its base URL.
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
function startEmulator() {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [EMULATOR, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        const timer = setTimeout(() => reject(new Error(`emulator did not start: ${output}`)), 20000);
        child.stdout.on("data", (chunk) => {
            output += String(chunk);
            const match = /listening on (http:\/\/[^\s]+)/.exec(output);
            if (match) {
                clearTimeout(timer);
                resolve({ url: match[1], stop: () => child.kill() });
            }
        });
        child.stderr.on("data", (chunk) => (output += String(chunk)));
        child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
    });
}

/**
 * Copies the decision classes and the dismissal object into a source folder of their own.
 * @param {string} dir
 */
function copyDecisionSources(dir) {
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
}

test("decision Apex renders emulator campaigns and sends closed-loop feedback", { timeout: 120000 }, async () => {
    assert.ok(fs.existsSync(EMULATOR) && fs.existsSync(LOCAL_ORG), "build the emulator and the local org first");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "decision-e2e-"));
    const sources = path.join(dir, "decision");
    copyDecisionSources(sources);
    const emulator = await startEmulator();
    try {
        const credentials = path.join(dir, "credentials.json");
        fs.writeFileSync(
            credentials,
            JSON.stringify({
                Personalization_MCP: {
                    baseUrl: emulator.url,
                    auth: { type: "basic", username: "demo-key", password: "demo-secret" }
                }
            })
        );
        const run = await new Promise((resolve) => {
            const child = spawn(
                process.execPath,
                [
                    LOCAL_ORG,
                    "run",
                    SCRIPT,
                    "--credentials",
                    credentials,
                    "--no-default-source",
                    ...[...CORE_SOURCES, sources].flatMap((source) => ["--source", source])
                ],
                { cwd: ROOT }
            );
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (c) => (stdout += String(c)));
            child.stderr.on("data", (c) => (stderr += String(c)));
            child.on("exit", (code) => resolve({ code, stdout, stderr }));
        });
        const result = /** @type {{ code: number, stdout: string, stderr: string }} */ (run);
        assert.equal(result.code, 0, `Apex script failed:\n${result.stderr}\n${result.stdout.slice(-3000)}`);
        const ok = /DECISION E2E OK (\S+)/.exec(result.stdout);
        assert.ok(ok, `Apex script did not finish:\n${result.stdout.slice(-3000)}`);
        const promotionId = ok[1];

        const response = await fetch(`${emulator.url}/__emulator/requests?limit=50`);
        const log = /** @type {unknown} */ (await response.json());
        const entries = /** @type {{ path: string, body: string }[]} */ (
            Array.isArray(log) ? log : /** @type {{ requests: unknown[] }} */ (log).requests
        );
        const bodies = entries
            .filter((entry) => entry.path === "/api2/authevent/engage")
            .map((entry) => /** @type {Record<string, any>} */ (JSON.parse(entry.body)));
        const byAction = (/** @type {string} */ action) => bodies.filter((body) => body.action === action);

        assert.equal(bodies.length, 6, "three campaign requests and three feedback events");
        for (const body of bodies) {
            assert.equal(body.source.channel, "Server");
            assert.deepEqual(body.user.attributes, { emailAddress: "jane.doe@acme-outdoor.example.com" });
        }
        assert.equal(byAction("Contact Record Viewed")[0].source.application, "Service Console");
        assert.equal(byAction("Contact Record Viewed")[0].flags.noCampaigns, false);
        const impression = byAction("Campaign Stats")[0];
        assert.equal(impression.flags.noCampaigns, true);
        assert.ok(impression.campaignStats.every((/** @type {any} */ stat) => stat.stat === "Impression"));
        assert.deepEqual(byAction("Promotion Accepted")[0].campaignStats[0].catalog, { Promotion: [promotionId] });
        assert.equal(byAction("Promotion Accepted")[0].campaignStats[0].stat, "Click");
        assert.equal(byAction("Promotion Dismissed")[0].campaignStats[0].stat, "Dismissal");
    } finally {
        emulator.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
