/**
 * What the Flow benchmark and the Flow end-to-end tests share: the emulator in a worker thread, the product
 * folders the action needs, a local org whose Named Credential points at the emulator, the settings the action
 * needs, and anonymous Apex that reports JSON.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { FaultRuleInput } from "../../../emulator/src/index";
import { createLocalOrg, type LocalOrg } from "../../../local-org/src/index";

/** The emulator in its worker thread. */
export interface EmulatorWorker {
    /** Base URL of the emulator. */
    url: string;
    /** Stops the worker (and the emulator in it). */
    stop: () => Promise<void>;
}

/**
 * The product folders the action needs: its own and the rooms below it (the runtime room holds the gate, budget
 * and alerts it obeys; the gate's `apex-domains` step keeps the rooms one-way).
 * @param root repository root
 * @returns the source folders
 */
export function flowSources(root: string): string[] {
    return ["shared", "configuration", "api", "runtime", "flow"].map((folder) =>
        path.join(root, "force-app/main", folder)
    );
}

/**
 * Starts the emulator in a worker thread (the local org blocks its own thread during a callout).
 * @param now the emulator's fixed clock, epoch ms
 * @param faults fault rules active from the start
 * @returns its base URL and a stop function
 */
export function startEmulatorWorker(now: number, faults: FaultRuleInput[] = []): Promise<EmulatorWorker> {
    const worker = new Worker(path.join(__dirname, "emulator-worker.js"), { workerData: { now, faults } });
    return new Promise((resolve, reject) => {
        worker.once("error", reject);
        worker.once("message", (message: unknown) => {
            const url =
                typeof message === "object" && message !== null
                    ? (message as Record<string, unknown>)["url"]
                    : undefined;
            if (typeof url !== "string") return reject(new Error("emulator worker did not report its URL"));
            resolve({
                url,
                stop: async () => {
                    worker.postMessage("close");
                    await new Promise((done) => worker.once("exit", done));
                }
            });
        });
    });
}

/**
 * A local org with the action's product folders, the packaged Named Credential pointed at the emulator with the
 * demo key, and the compile cache shared with every other local-org run.
 * @param root repository root
 * @param emulatorUrl the emulator's base URL
 * @param clock the org's clock, epoch ms
 * @returns the org (not yet configured: see {@link configure})
 */
export function createFlowOrg(root: string, emulatorUrl: string, clock: () => number): LocalOrg {
    return createLocalOrg({
        sourceDirs: flowSources(root),
        namedCredentials: {
            Personalization_MCP: {
                baseUrl: emulatorUrl,
                auth: { type: "basic", username: "demo-key", password: "demo-secret" }
            }
        },
        clock,
        cacheDir: path.join(root, ".localorg-cache")
    });
}

/**
 * Points the package settings at the emulator's engage dataset and its extended read contract, reloads the org's built-in records, then records
 * a passed pre-flight check: the admin console's gate, without which the action only queues.
 * @param org the local org
 */
export function configure(org: LocalOrg): void {
    const settings = org.data.schema.customMetadata.find(
        (r) => r.type.toLowerCase() === "personalization_settings__mdt" && r.developerName === "Default"
    );
    if (!settings) throw new Error("Personalization_Settings.Default custom metadata not found");
    settings.values["Default_Dataset__c"] = "engage";
    // the property editor and the runtime name checks are exercised against full dataset metadata, which only the
    // project's extended read contract serves (the emulator's default surface); documented surfaces: documented.e2e
    settings.values["Insight_Source__c"] = "Extended_API";
    org.data.resetData();
    const gate = org.runAnonymous(
        "PersonalizationAdminSettings.save(new Personalization_Admin_Settings__c(Last_Preflight_At__c = System.now(), Last_Preflight_Passed__c = true));",
        "FlowPreflight.apex"
    );
    if (!gate.success) throw new Error(gate.error ?? "could not record a passed pre-flight");
}

/**
 * Runs anonymous Apex (and the async jobs it queues) and returns the payload of its "BENCH=" debug line.
 * @param org the local org
 * @param source anonymous Apex printing `System.debug('BENCH=' + JSON.serialize(…))`
 * @returns the parsed object
 */
export function apexJson(org: LocalOrg, source: string): Record<string, unknown> {
    const result = org.runAnonymous(source, "BenchFlow.apex");
    if (!result.success) throw new Error(result.error ?? "anonymous Apex failed");
    const line = result.debugLog.map((d) => d.message).find((m) => m.startsWith("BENCH="));
    if (!line) throw new Error("no BENCH= line in the debug log");
    const parsed: unknown = JSON.parse(line.slice("BENCH=".length));
    if (typeof parsed !== "object" || parsed === null) throw new Error("BENCH= line is not a JSON object");
    return parsed as Record<string, unknown>;
}
