/**
 * One local org in a worker thread: the primary (seeds the demo org, runs everything that writes, anonymous
 * Apex and async work) or a replica (runs cacheable and read-only calls in parallel with it). Apex is
 * synchronous and blocks its thread during a callout (sync fetch + Atomics.wait), so it must not share a
 * thread with the emulator or the web server. Every transaction's changes go back to the main thread, which
 * ships them to every worker.
 */
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { ApexError, ApexSyntaxErrors, createLocalOrg, type LocalOrg } from "../../../local-org/src/index";
import { readDemoCrm, type CrmRecords } from "./demoCrm";
import type { ApexFailure, Commit, OrgReply, OrgRequest, OrgWorkerData, WorkerRole, WorkerTiming } from "./protocol";
import { apply, capture, diff, fullState, reserveIdSpace } from "./replication";
import {
    applyMetadataOverrides,
    assignPermissionSets,
    currentRecords,
    seedDemoRecords,
    type MetadataOverrides,
    type SeedOutcome
} from "./seed";

const port = parentPort;
if (!port) throw new Error("orgWorker must run in a worker thread");
const cfg = workerData as OrgWorkerData & WorkerRole;
const send = (r: OrgReply): void => port.postMessage(r);

/** `org-settings.json`: metadata overrides, permission sets and set-up Apex, as an admin would after install. */
function applyDemoSettings(org: LocalOrg, file: string): string[] {
    const overrides = JSON.parse(fs.readFileSync(file, "utf8")) as MetadataOverrides & {
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
    const settings = [
        ...applyMetadataOverrides(org, overrides),
        ...assignPermissionSets(org, sets).map((n) => `permission set ${n} assigned`)
    ];
    if (setupApex) {
        const r = org.runAnonymous(setupApex, "WorkbenchSetup.apex");
        settings.push(
            r.success
                ? "setup Apex ran"
                : `setup Apex failed (${r.error ?? "unknown"}); fix setupApex in tools/workbench/org-settings.json`
        );
    }
    return settings;
}

/** `class.method` of every static `@AuraEnabled(cacheable=true)` method (the router sends them to replicas). */
function cacheableMethods(org: LocalOrg): string[] {
    const out: string[] = [];
    for (const cls of org.registry.topLevel)
        for (const [name, decls] of cls.methods)
            for (const m of decls) {
                const aura = m.mods.annotations.find((a) => a.name.toLowerCase() === "auraenabled");
                if (aura && m.mods.keywords.includes("static") && aura.params.cacheable?.toLowerCase() === "true")
                    out.push(`${cls.name}.${name}`.toLowerCase());
            }
    return out;
}

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
            },
            ...cfg.extraCredentials
        },
        cacheDir: cfg.cacheDir
    });
    reserveIdSpace(org, cfg.index);
    send({ kind: "loaded", loadMs: performance.now() - t0 });
    if (cfg.role === "primary") {
        const outcome: SeedOutcome = seedDemoRecords(org, cfg.seedFile);
        const surfaceSettings = cfg.metadataOverrides ? applyMetadataOverrides(org, cfg.metadataOverrides) : [];
        if (cfg.settingsFile && fs.existsSync(cfg.settingsFile))
            outcome.settings = [...surfaceSettings, ...applyDemoSettings(org, cfg.settingsFile)];
        else if (surfaceSettings.length) outcome.settings = surfaceSettings;
        if (cfg.afterSetupApex) {
            const r = org.runAnonymous(cfg.afterSetupApex, "WorkbenchAfterSetup.apex");
            (outcome.settings ??= []).push(
                r.success ? "first sync run" : `first sync run failed (${r.error ?? "unknown"})`
            );
        }
        send({
            kind: "ready",
            classes: org.registry.topLevel.length,
            loadMs: performance.now() - t0,
            seed: outcome,
            state: fullState(org),
            cacheable: cacheableMethods(org)
        });
    } else send({ kind: "ready", classes: org.registry.topLevel.length, loadMs: performance.now() - t0 });
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
function failure(e: unknown): ApexFailure {
    if (e instanceof ApexError)
        return { exceptionType: e.exceptionType, message: e.apexMessage ?? "", stackTrace: e.stackTraceString };
    const err = e instanceof Error ? e : new Error(String(e));
    return {
        exceptionType: err.name === "UnsupportedError" ? "LocalOrg.UnsupportedError" : "LocalOrg.Error",
        message: err.message,
        stackTrace: ""
    };
}

/** Runs one transaction and returns what it committed alongside its result, and where the time went. */
async function transaction<T>(run: () => Promise<T> | T): Promise<[T, Commit, WorkerTiming]> {
    const t0 = performance.now();
    const before = capture(org);
    const t1 = performance.now();
    const value = await run();
    const t2 = performance.now();
    const d = diff(org, before);
    const timing = { captureMs: t1 - t0, apexMs: t2 - t1, diffMs: performance.now() - t2 };
    return [value, { changes: d?.changes ?? null, wrote: d?.wrote ?? false }, timing];
}

// Requests run one at a time in arrival order: a worker is one Apex thread, like one app server request.
let queue: Promise<void> = Promise.resolve();
port.on("message", (req: OrgRequest) => {
    queue = queue.then(async () => {
        if (req.op === "apply") {
            apply(org, req.changes);
        } else if (req.op === "invoke") {
            const [out, commit, timing] = await transaction(async () => {
                try {
                    return {
                        ok: true as const,
                        value: await org.invokeAuraEnabled(req.className, req.method, req.params)
                    };
                } catch (e) {
                    return { ok: false as const, error: failure(e) };
                }
            });
            send({ kind: "result", id: req.id, ...out, ...commit, timing });
        } else if (req.op === "anonymous") {
            const [r, commit] = await transaction(() => {
                try {
                    const x = org.runAnonymous(req.source, "Workbench.apex");
                    return {
                        success: x.success,
                        log: x.debugLog.map((l) => `${l.level}|${l.message}`),
                        error: x.error
                    };
                } catch (e) {
                    return { success: false, log: [], error: failure(e).message };
                }
            });
            send({ kind: "anonymous", id: req.id, ...r, ...commit });
        } else {
            send({ kind: "records", id: req.id, records: currentRecords(org, seed) });
        }
    });
});
