/**
 * The local org in a worker thread. Apex is synchronous and blocks its thread during a callout (sync fetch +
 * Atomics.wait), so it must not share a thread with the emulator or the web server.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ApexError, ApexSyntaxErrors, createLocalOrg, type LocalOrg } from "../../../local-org/src/index";
import { readDemoCrm, type CrmRecords } from "./demoCrm";
import type { OrgReply, OrgRequest, OrgWorkerData } from "./protocol";
import fs from "node:fs";
import {
    applyMetadataOverrides,
    assignPermissionSets,
    currentRecords,
    seedDemoRecords,
    type MetadataOverrides
} from "./seed";

const port = parentPort;
if (!port) throw new Error("orgWorker must run in a worker thread");
const cfg = workerData as OrgWorkerData;
const send = (r: OrgReply): void => port.postMessage(r);

let org: LocalOrg;
let seed: CrmRecords;
try {
    const t0 = performance.now();
    seed = readDemoCrm(cfg.seedFile);
    org = createLocalOrg({
        sourceDirs: cfg.sourceDirs,
        namedCredentials: {
            [cfg.credentialName]: {
                baseUrl: cfg.emulatorUrl,
                auth: { type: "basic", username: cfg.apiKey.id, password: cfg.apiKey.secret }
            }
        },
        cacheDir: cfg.cacheDir
    });
    const outcome = seedDemoRecords(org, seed, Date.now());
    if (cfg.settingsFile && fs.existsSync(cfg.settingsFile)) {
        const overrides = JSON.parse(fs.readFileSync(cfg.settingsFile, "utf8")) as MetadataOverrides & {
            permissionSets?: unknown;
            setupApex?: unknown;
        };
        delete overrides["//"];
        const sets = Array.isArray(overrides.permissionSets)
            ? overrides.permissionSets.filter((x): x is string => typeof x === "string")
            : [];
        delete overrides.permissionSets;
        const setupApex = typeof overrides.setupApex === "string" ? overrides.setupApex : null;
        delete overrides.setupApex;
        outcome.settings = [
            ...applyMetadataOverrides(org, overrides),
            ...assignPermissionSets(org, sets).map((n) => `permission set ${n} assigned`)
        ];
        if (setupApex) {
            const r = org.runAnonymous(setupApex, "WorkbenchSetup.apex");
            outcome.settings.push(
                r.success
                    ? "setup Apex ran"
                    : `setup Apex failed (${r.error ?? "unknown"}); fix setupApex in tools/workbench/org-settings.json`
            );
        }
    }
    send({ kind: "ready", classes: org.registry.topLevel.length, loadMs: performance.now() - t0, seed: outcome });
} catch (e) {
    const message =
        e instanceof ApexSyntaxErrors
            ? `Apex does not parse: ${e.issues
                  .slice(0, 3)
                  .map((i) => `${i.file}:${i.line}:${i.col} ${i.message}`)
                  .join("; ")} — fix the source (npm run apex -- check)`
            : e instanceof Error
              ? e.message
              : String(e);
    send({ kind: "fatal", message });
    process.exit(1);
}

/** Platform-style failure for any error escaping an Apex call. */
function failure(e: unknown): { exceptionType: string; message: string; stackTrace: string } {
    if (e instanceof ApexError)
        return { exceptionType: e.exceptionType, message: e.apexMessage ?? "", stackTrace: e.stackTraceString };
    const err = e instanceof Error ? e : new Error(String(e));
    return {
        exceptionType: err.name === "UnsupportedError" ? "LocalOrg.UnsupportedError" : "LocalOrg.Error",
        message: err.message,
        stackTrace: ""
    };
}

// Requests run one at a time in arrival order, like transactions of one user.
let queue: Promise<void> = Promise.resolve();
port.on("message", (req: OrgRequest) => {
    queue = queue.then(async () => {
        if (req.op === "invoke") {
            try {
                const value = await org.invokeAuraEnabled(req.className, req.method, req.params);
                send({ kind: "result", id: req.id, ok: true, value });
            } catch (e) {
                send({ kind: "result", id: req.id, ok: false, error: failure(e) });
            }
        } else if (req.op === "anonymous") {
            try {
                const r = org.runAnonymous(req.source, "Workbench.apex");
                send({
                    kind: "anonymous",
                    id: req.id,
                    success: r.success,
                    log: r.debugLog.map((l) => `${l.level}|${l.message}`),
                    error: r.error
                });
            } catch (e) {
                send({ kind: "anonymous", id: req.id, success: false, log: [], error: failure(e).message });
            }
        } else {
            send({ kind: "records", id: req.id, records: currentRecords(org, seed) });
        }
    });
});
