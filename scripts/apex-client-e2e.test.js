// @ts-check
"use strict";
/**
 * End-to-end test of the Apex MCP client (force-app/main/api) against the MCP emulator: starts the emulator on a
 * free port with one-shot fault rules, then runs scripts/apex/mcp-client-e2e.apex in the local org with the
 * packaged Named Credential pointed at the emulator. The Apex script asserts every outcome itself.
 * Needs the compiled emulator and local org (npm run test:apex-client-e2e builds them).
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
const SCRIPT = path.join(__dirname, "apex/mcp-client-e2e.apex");
/** Only the integration core is loaded, so work in progress elsewhere in force-app cannot break this test. */
const CORE_SOURCES = ["force-app/main/api", "force-app/main/configuration", "force-app/main/shared"];

/** One-shot faults, consumed in the order the Apex script meets them. */
const FAULTS = [
    { route: "datasets", kind: "status", status: 503, retryAfter: 0, times: 1 },
    { route: "metadata", kind: "status", status: 401, times: 1 },
    { route: "events", kind: "stall", stallMs: 4000, times: 1 },
    { route: "usersExport", kind: "malformedJson", times: 1 },
    { route: "authevent", kind: "errorCode", errorCode: 3, times: 1 }
];

/**
 * Starts the emulator on a free port and resolves with its base URL.
 * @param {string} faultsFile
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
function startEmulator(faultsFile) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [EMULATOR, "--port", "0", "--faults", faultsFile], {
            stdio: ["ignore", "pipe", "pipe"]
        });
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

test("the Apex MCP client works against the emulator, faults included", { timeout: 120000 }, async () => {
    assert.ok(fs.existsSync(EMULATOR) && fs.existsSync(LOCAL_ORG), "build the emulator and the local org first");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apex-client-e2e-"));
    const faultsFile = path.join(dir, "faults.json");
    fs.writeFileSync(faultsFile, JSON.stringify(FAULTS));
    const emulator = await startEmulator(faultsFile);
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
        // asynchronous spawn: the emulator runs in its own process, the local org in another
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
                    ...CORE_SOURCES.flatMap((dir) => ["--source", dir])
                ],
                {
                    cwd: ROOT
                }
            );
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (c) => (stdout += String(c)));
            child.stderr.on("data", (c) => (stderr += String(c)));
            child.on("exit", (code) => resolve({ code, stdout, stderr }));
        });
        const result = /** @type {{ code: number, stdout: string, stderr: string }} */ (run);
        assert.equal(result.code, 0, `Apex script failed:\n${result.stderr}\n${result.stdout.slice(-3000)}`);
        assert.match(result.stdout, /MCP CLIENT E2E OK/);
    } finally {
        emulator.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
