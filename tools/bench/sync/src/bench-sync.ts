/**
 * npm run bench:sync — the nightly sync (issue 10) in the local org against the MCP emulator.
 *
 * Seeds 2,000 Accounts, 20,000 Contacts and 5,000 Leads (sizes overridable with BENCH_ACCOUNTS, BENCH_CONTACTS,
 * BENCH_LEADS) into both, configures the sync (dataset engage, leads on, one CRM → MCP mapping per object),
 * runs one real (non-dry) sync through PersonalizationSyncService.start, and reports records per callout,
 * transactions used, peak governor usage per transaction, the correctness of the result and a projection of
 * nightly capacity under platform limits. The Apex under test is the product's; nothing is re-implemented here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { createLocalOrg, type LocalOrg } from "../../../local-org/src/index";
import { buildCrm, FULL_SIZE, type CrmSize } from "./crm-data";

const ROOT = path.resolve(__dirname, "../../../../..");
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
/** Platform limits per asynchronous transaction. */
const ASYNC_LIMITS = {
    queries: 200,
    queryRows: 50000,
    dmlStatements: 150,
    dmlRows: 10000,
    callouts: 100,
    heapSize: 12_000_000
};
type Counter = keyof typeof ASYNC_LIMITS;
/** Records per pull execute: PersonalizationSyncService.PULL_SCOPE. */
const PULL_SCOPE = 50;

interface Peaks {
    transactions: number;
    peak: Record<Counter, number>;
}

function envInt(name: string, fallback: number): number {
    const raw = process.env[name];
    const value = raw === undefined ? NaN : Number.parseInt(raw, 10);
    return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Starts the emulator in a worker thread; resolves with its base URL and a stop function. */
function startEmulatorWorker(dataFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
    const worker = new Worker(path.join(__dirname, "emulator-worker.js"), { workerData: { dataFile, now: NOW } });
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

/** Sets the settings record and adds the benchmark's field mappings, then reloads the org's built-in records. */
function configureSync(org: LocalOrg): void {
    const records = org.data.schema.customMetadata;
    const settings = records.find(
        (r) => r.type.toLowerCase() === "personalization_settings__mdt" && r.developerName === "Default"
    );
    if (!settings) throw new Error("Personalization_Settings.Default custom metadata not found");
    settings.values["Default_Dataset__c"] = "engage";
    settings.values["Sync_Enabled__c"] = "true";
    settings.values["Lead_Matching_Enabled__c"] = "true";
    const mapping = (name: string, objectName: string, field: string, attribute: string): void => {
        records.push({
            type: "Personalization_Field_Mapping__mdt",
            developerName: name,
            label: name,
            values: {
                Active__c: "true",
                Object_API_Name__c: objectName,
                CRM_Field__c: field,
                MCP_Attribute__c: attribute,
                Direction__c: "CRM_To_MCP",
                Conflict_Rule__c: "CRM_Wins",
                Match_Key__c: "false",
                Sort_Order__c: "1"
            }
        });
    };
    mapping("Bench_Contact_Title", "Contact", "Title", "title");
    mapping("Bench_Account_Name", "Account", "Name", "accountName");
    mapping("Bench_Lead_Company", "Lead", "Company", "company");
    org.data.resetData();
}

/** Records the governor counters of every asynchronous transaction (the sync's batch executes and queueables). */
function probeTransactions(org: LocalOrg): Peaks {
    const peaks: Peaks = {
        transactions: 0,
        peak: { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, callouts: 0, heapSize: 0 }
    };
    const governor = org.data.governor;
    const original = governor.withContext.bind(governor);
    governor.withContext = <T>(isAsync: boolean, fn: () => T): T =>
        original(isAsync, () => {
            try {
                return fn();
            } finally {
                if (isAsync) {
                    peaks.transactions++;
                    const c = governor.counters;
                    const observed: Record<Counter, number> = {
                        queries: c.queries,
                        queryRows: c.queryRows,
                        dmlStatements: c.dmlStatements,
                        dmlRows: c.dmlRows,
                        callouts: org.host.limits.callouts,
                        heapSize: c.heapSize
                    };
                    for (const k of Object.keys(observed) as Counter[])
                        peaks.peak[k] = Math.max(peaks.peak[k], observed[k]);
                }
            }
        });
    return peaks;
}

/** Runs anonymous Apex and returns the payload of its "BENCH=" debug line. */
function apexJson(org: LocalOrg, source: string): Record<string, unknown> {
    const result = org.runAnonymous(source, "BenchSync.apex");
    if (!result.success) throw new Error(result.error ?? "anonymous Apex failed");
    const line = result.debugLog.map((d) => d.message).find((m) => m.startsWith("BENCH="));
    if (!line) throw new Error("no BENCH= line in the debug log");
    const parsed: unknown = JSON.parse(line.slice("BENCH=".length));
    if (typeof parsed !== "object" || parsed === null) throw new Error("BENCH= line is not a JSON object");
    return parsed as Record<string, unknown>;
}

function num(record: Record<string, unknown>, key: string): number {
    const value = record[key];
    return typeof value === "number" ? value : 0;
}

const RUN_FIELDS = [
    "Status__c",
    "Callouts__c",
    "Api_Errors__c",
    "Batch_Executes__c",
    "Profiles_Exported__c",
    "Profiles_Unmatched__c",
    ...["Contact", "Lead", "Account"].flatMap((o) =>
        ["Scanned", "Sent", "Matched", "Updated", "Unchanged", "Skipped", "Failed"].map((c) => `${o}_${c}__c`)
    )
];

async function main(): Promise<void> {
    const size: CrmSize = {
        accounts: envInt("BENCH_ACCOUNTS", FULL_SIZE.accounts),
        contacts: envInt("BENCH_CONTACTS", FULL_SIZE.contacts),
        leads: envInt("BENCH_LEADS", FULL_SIZE.leads)
    };
    const assumedLatencyMs = envInt("BENCH_MCP_LATENCY_MS", 100);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-sync-"));
    const dataFile = path.join(dir, "crm.json");
    fs.writeFileSync(dataFile, JSON.stringify(buildCrm(size)));
    console.log(`bench:sync — ${size.accounts} accounts, ${size.contacts} contacts, ${size.leads} leads`);

    const emulator = await startEmulatorWorker(dataFile);
    const org = createLocalOrg({
        sourceDirs: [path.join(ROOT, "force-app")],
        namedCredentials: {
            Personalization_MCP: {
                baseUrl: emulator.url,
                auth: { type: "basic", username: "demo-key", password: "demo-secret" }
            }
        },
        clock: () => NOW + Math.floor(process.uptime() * 1000),
        cacheDir: path.join(ROOT, ".localorg-cache")
    });
    try {
        configureSync(org);
        const seeded = org.seed(dataFile);
        console.log(`seeded ${seeded.accounts} accounts, ${seeded.contacts} contacts, ${seeded.leads} leads`);
        // the admin console's gate: the sync starts only after a passed pre-flight check
        const gate = org.runAnonymous(
            "PersonalizationAdminSettings.save(new Personalization_Admin_Settings__c(Last_Preflight_At__c = System.now(), Last_Preflight_Passed__c = true));",
            "BenchPreflight.apex"
        );
        if (!gate.success) throw new Error(gate.error ?? "could not record a passed pre-flight");
        const peaks = probeTransactions(org);

        const nights = Math.max(1, envInt("BENCH_NIGHTS", 1));
        for (let night = 1; night <= nights; night++) {
            if (night > 1) {
                // the next night: every counter starts again; nothing changed in CRM or MCP in between
                peaks.transactions = 0;
                for (const k of Object.keys(peaks.peak) as Counter[]) peaks.peak[k] = 0;
                console.log(`\nnight ${night} (no changes since night ${night - 1}):`);
            }
            const t0 = Date.now();
            const started = apexJson(
                org,
                "System.debug('BENCH=' + JSON.serialize(new Map<String, Object>{ 'runId' => new PersonalizationSyncService().start(false) }));"
            );
            const elapsedMs = Date.now() - t0;
            const run = apexJson(org, summaryApex(String(started["runId"])));
            report(size, run, peaks, elapsedMs, assumedLatencyMs);
        }
    } finally {
        org.close();
        await emulator.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Anonymous Apex printing the run's counters and the state of the CRM records as one BENCH= line. */
function summaryApex(runId: string): string {
    return `Personalization_Sync_Run__c r = [SELECT ${RUN_FIELDS.join(", ")} FROM Personalization_Sync_Run__c WHERE Id = '${runId}'];
Map<String, Object> out = new Map<String, Object>();
for (String f : '${RUN_FIELDS.join(",")}'.split(',')) { out.put(f, r.get(f)); }
out.put('contactsMatched', [SELECT COUNT() FROM Contact WHERE MCP_Profile_Id__c != null]);
out.put('leadsMatched', [SELECT COUNT() FROM Lead WHERE MCP_Profile_Id__c != null]);
out.put('contactsWithScore', [SELECT COUNT() FROM Contact WHERE MCP_Engagement_Score__c != null]);
out.put('accountsRolledUp', [SELECT COUNT() FROM Account WHERE MCP_Last_Synced__c != null]);
out.put('watermarks', [SELECT COUNT() FROM Personalization_Sync_Watermark__c]);
out.put('failures', [SELECT COUNT() FROM Personalization_Sync_Failure__c]);
System.debug('BENCH=' + JSON.serialize(out));`;
}

function pct(value: number, limit: number): string {
    return `${value} / ${limit} (${((100 * value) / limit).toFixed(1)}%)`;
}

function report(size: CrmSize, run: Record<string, unknown>, peaks: Peaks, elapsedMs: number, latencyMs: number): void {
    const pullCallouts = num(run, "Contact_Sent__c") + num(run, "Lead_Sent__c");
    const pushCallouts = num(run, "Callouts__c") - pullCallouts;
    const exported = num(run, "Profiles_Exported__c");
    const pushPerCallout = pushCallouts > 0 ? exported / pushCallouts : 0;
    const pullPerCallout =
        pullCallouts > 0 ? (num(run, "Contact_Sent__c") + num(run, "Lead_Sent__c")) / pullCallouts : 0;
    // projection: a pull execute makes PULL_SCOPE sequential callouts (+ ~1 s of work); the push reads 500
    // profiles per callout
    const pullExecuteSeconds = (PULL_SCOPE * latencyMs) / 1000 + 1;
    const pullPerSixHours = Math.floor((6 * 3600) / pullExecuteSeconds) * PULL_SCOPE;
    const dailyAsync = 250_000;
    const pullPerDailyAsync = dailyAsync * PULL_SCOPE;
    const lines = [
        `status ${String(run["Status__c"])}, ${(elapsedMs / 1000).toFixed(1)} s wall clock in the local org`,
        `correctness: contacts matched ${num(run, "contactsMatched")}/${size.contacts}, leads matched ${num(run, "leadsMatched")}/${size.leads}, contacts with score ${num(run, "contactsWithScore")}, accounts rolled up ${num(run, "accountsRolledUp")}/${size.accounts}, watermarks ${num(run, "watermarks")}, failures ${num(run, "failures")}, API errors ${num(run, "Api_Errors__c")}`,
        `push: ${exported} profiles in ${pushCallouts} callouts = ${pushPerCallout.toFixed(1)} records per callout (target ≥ 200)`,
        `pull: ${pullCallouts} events = ${pullPerCallout.toFixed(1)} record per callout (the single-event API's floor)`,
        `transactions: ${num(run, "Batch_Executes__c")} batch executes and queueables counted by the run, ${peaks.transactions} asynchronous transactions observed (batch start and finish included)`,
        `peak per transaction (QueryLocator rows of a batch start included; the platform does not count them against the 50,000): SOQL ${pct(peaks.peak.queries, ASYNC_LIMITS.queries)}, query rows ${pct(peaks.peak.queryRows, ASYNC_LIMITS.queryRows)}, DML statements ${pct(peaks.peak.dmlStatements, ASYNC_LIMITS.dmlStatements)}, DML rows ${pct(peaks.peak.dmlRows, ASYNC_LIMITS.dmlRows)}, callouts ${pct(peaks.peak.callouts, ASYNC_LIMITS.callouts)}, heap ${peaks.peak.heapSize > 0 ? pct(peaks.peak.heapSize, ASYNC_LIMITS.heapSize) : "not modelled by the local org"}`,
        `capacity (assumed MCP latency ${latencyMs} ms): pull ≈ ${pullPerSixHours.toLocaleString("en-US")} changed records in a 6-hour window (one batch job, ${PULL_SCOPE} sequential callouts per execute); daily async limit (250,000 executions) ≈ ${pullPerDailyAsync.toLocaleString("en-US")} records; push ≈ 500 profiles per callout, 1,500 per queueable`
    ];
    for (const line of lines) console.log(line);
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
});
