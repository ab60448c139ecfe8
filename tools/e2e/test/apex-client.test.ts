/**
 * End-to-end test of the Apex MCP client (force-app/main/api) against the MCP emulator: the emulator runs with
 * one-shot fault rules and the local org runs tools/e2e/apex/mcp-client-e2e.apex, which asserts every outcome.
 */
import test from "node:test";
import assert from "node:assert/strict";
import type { FaultRuleInput } from "../../emulator/src/index";
import { CORE_SOURCES, apexScript, succeeded, withEmulator } from "../src/harness";

/** One-shot faults, consumed in the order the Apex script meets them. */
const FAULTS: FaultRuleInput[] = [
    { route: "datasets", kind: "status", status: 503, retryAfter: 0, times: 1 },
    { route: "metadata", kind: "status", status: 401, times: 1 },
    { route: "events", kind: "stall", stallMs: 4000, times: 1 },
    { route: "usersExport", kind: "malformedJson", times: 1 },
    { route: "authevent", kind: "errorCode", errorCode: 3, times: 1 }
];

test("the Apex MCP client works against the emulator, faults included", { timeout: 120000 }, async () => {
    await withEmulator(FAULTS, async (session) => {
        const stdout = succeeded(await session.runApex(apexScript("mcp-client-e2e.apex"), CORE_SOURCES));
        assert.match(stdout, /MCP CLIENT E2E OK/);
    });
});
