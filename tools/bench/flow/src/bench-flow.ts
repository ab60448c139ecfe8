/**
 * npm run bench:flow — the "Send Data to Personalization" Flow action (issue 9) in the local org against the MCP
 * emulator.
 *
 * Submits BENCH_REQUESTS requests (default 10,000) in Flow-sized batches of BENCH_BATCH (default 200), each batch
 * one transaction calling SendDataToPersonalizationAction.send exactly as a record-triggered Flow does; the
 * delivery queue (PersonalizationDeliveryQueueable) then runs as the local org's async executor drains it. Every
 * request carries an identity, a user attribute and a profile object with two attributes. Reports callouts per
 * request (target 1.0: validation reads cached metadata), transactions used, peak governor usage per transaction
 * against the platform limits (target < 50%), the final delivery statuses and end-to-end time. The Apex under
 * test is the product's; nothing is re-implemented here.
 */
import path from "node:path";
import type { LocalOrg } from "../../../local-org/src/index";
import { apexJson, configure, createFlowOrg, startEmulatorWorker } from "./flow-org";

const ROOT = path.resolve(__dirname, "../../../../..");
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

type Counter = "queries" | "queryRows" | "dmlStatements" | "dmlRows" | "callouts" | "heapSize";
const COUNTERS: Counter[] = ["queries", "queryRows", "dmlStatements", "dmlRows", "callouts", "heapSize"];
const SYNC_LIMITS: Record<Counter, number> = {
    queries: 100,
    queryRows: 50000,
    dmlStatements: 150,
    dmlRows: 10000,
    callouts: 100,
    heapSize: 6_000_000
};
const ASYNC_LIMITS: Record<Counter, number> = { ...SYNC_LIMITS, queries: 200, heapSize: 12_000_000 };

/** Transactions of one kind: how many, callouts spent, and the peak of each counter. */
interface Usage {
    transactions: number;
    callouts: number;
    peak: Record<Counter, number>;
}

function usage(): Usage {
    return {
        transactions: 0,
        callouts: 0,
        peak: { queries: 0, queryRows: 0, dmlStatements: 0, dmlRows: 0, callouts: 0, heapSize: 0 }
    };
}

function envInt(name: string, fallback: number): number {
    const raw = process.env[name];
    const value = raw === undefined ? NaN : Number.parseInt(raw, 10);
    return Number.isFinite(value) && value > 0 ? value : fallback;
}

function record(target: Usage, observed: Record<Counter, number>): void {
    target.transactions++;
    target.callouts += observed.callouts;
    for (const k of COUNTERS) target.peak[k] = Math.max(target.peak[k], observed[k]);
}

function observe(org: LocalOrg): Record<Counter, number> {
    const c = org.data.governor.counters;
    return {
        queries: c.queries,
        queryRows: c.queryRows,
        dmlStatements: c.dmlStatements,
        dmlRows: c.dmlRows,
        callouts: org.host.limits.callouts,
        heapSize: c.heapSize
    };
}

/** Records the counters of every asynchronous transaction (the delivery queue's steps) when it ends. */
function probeQueue(org: LocalOrg, queue: Usage): void {
    const governor = org.data.governor;
    const original = governor.withContext.bind(governor);
    governor.withContext = <T>(isAsync: boolean, fn: () => T): T =>
        original(isAsync, () => {
            try {
                return fn();
            } finally {
                if (isAsync) record(queue, observe(org));
            }
        });
}

/** Anonymous Apex building one Flow batch and calling the action; prints the Flow transaction's own usage. */
function batchSource(first: number, count: number): string {
    return `List<SendDataToPersonalizationAction.Request> requests = new List<SendDataToPersonalizationAction.Request>();
for (Integer i = ${first}; i < ${first + count}; i++) {
    SendDataToPersonalizationAction.Request request = new SendDataToPersonalizationAction.Request();
    request.interactionName = 'Opportunity Won';
    request.recordId = 'bench-' + i;
    request.identities = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('emailAddress', 'bench' + i + '@example.com') };
    request.userAttributes = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('loyaltyTier', 'Gold') };
    PersonalizationProfileObjectInput opportunity = new PersonalizationProfileObjectInput('Opportunity', 'opp-' + i);
    opportunity.attributes.add(new PersonalizationAttributeValue('StageName', 'Closed Won'));
    opportunity.attributes.add(new PersonalizationAttributeValue('Amount', String.valueOf(1000 + i)));
    request.profileObjects = new List<PersonalizationProfileObjectInput>{ opportunity };
    requests.add(request);
}
Map<String, Integer> statuses = new Map<String, Integer>();
for (SendDataToPersonalizationAction.Result result : SendDataToPersonalizationAction.send(requests)) {
    String key = result.status + (result.errorCode == null ? '' : ':' + result.errorCode);
    statuses.put(key, (statuses.containsKey(key) ? statuses.get(key) : 0) + 1);
}
System.debug('BENCH=' + JSON.serialize(statuses));`;
}

function pct(value: number, limit: number): string {
    return `${value} / ${limit} (${((100 * value) / limit).toFixed(1)}%)`;
}

function peakLine(name: string, u: Usage, limits: Record<Counter, number>): string {
    const heap = u.peak.heapSize > 0 ? pct(u.peak.heapSize, limits.heapSize) : "not modelled by the local org";
    return `${name}: ${u.transactions} transactions, peak SOQL ${pct(u.peak.queries, limits.queries)}, query rows ${pct(u.peak.queryRows, limits.queryRows)}, DML ${pct(u.peak.dmlStatements, limits.dmlStatements)}, DML rows ${pct(u.peak.dmlRows, limits.dmlRows)}, callouts ${pct(u.peak.callouts, limits.callouts)}, heap ${heap}`;
}

async function main(): Promise<void> {
    const total = envInt("BENCH_REQUESTS", 10_000);
    const batch = Math.min(envInt("BENCH_BATCH", 200), 2000);
    console.log(`bench:flow — ${total} requests in batches of ${batch}`);
    const emulator = await startEmulatorWorker(NOW);
    const org = createFlowOrg(ROOT, emulator.url, () => NOW + Math.floor(process.uptime() * 1000));
    try {
        configure(org);
        // design time: the property editor reads the dataset metadata once, which fills the validation cache
        await org.invokeAuraEnabled("PersonalizationSendDataEditorController", "refreshDatasetMetadata", {
            dataset: "engage"
        });
        const designCallouts = org.host.limits.callouts;
        const flow = usage();
        const queue = usage();
        probeQueue(org, queue);
        const outcomes = new Map<string, number>();

        const t0 = Date.now();
        for (let first = 0; first < total; first += batch) {
            const statuses = apexJson(org, batchSource(first, Math.min(batch, total - first)));
            // after runAnonymous the governor holds the Flow transaction's own counters again
            record(flow, observe(org));
            for (const [key, value] of Object.entries(statuses))
                outcomes.set(key, (outcomes.get(key) ?? 0) + (typeof value === "number" ? value : 0));
        }
        const elapsedMs = Date.now() - t0;

        const final = apexJson(
            org,
            `Map<String, Integer> out = new Map<String, Integer>();
for (String status : new List<String>{ 'Pending', 'Delivered', 'Failed', 'Dismissed' }) {
    out.put(status, [SELECT COUNT() FROM Personalization_Delivery__c WHERE Status__c = :status]);
}
System.debug('BENCH=' + JSON.serialize(out));`
        );
        // every queue step attaches a finalizer, which runs in an asynchronous transaction of its own
        const jobs = apexJson(
            org,
            `System.debug('BENCH=' + JSON.serialize(new Map<String, Integer>{ 'steps' => [SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'PersonalizationDeliveryQueueable'] }));`
        );
        const steps = typeof jobs["steps"] === "number" ? jobs["steps"] : 0;
        const delivered = typeof final["Delivered"] === "number" ? final["Delivered"] : 0;
        const eventCallouts = flow.callouts + queue.callouts;
        const lines = [
            `Flow results: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`,
            `deliveries: ${Object.entries(final)
                .map(([k, v]) => `${k} ${String(v)}`)
                .join(", ")} (${delivered}/${total} delivered)`,
            `callouts: ${eventCallouts} event callouts for ${total} requests = ${(eventCallouts / total).toFixed(3)} per request (target 1.0); validation callouts at run time: 0 by design, ${flow.callouts} made in the Flow transactions; design time (property editor metadata read): ${designCallouts}`,
            peakLine("Flow transactions (synchronous)", flow, SYNC_LIMITS),
            peakLine("delivery queue steps and their finalizers (asynchronous)", queue, ASYNC_LIMITS),
            `transactions used: ${flow.transactions + queue.transactions} (${flow.transactions} Flow + ${steps} queue steps + ${queue.transactions - steps} step finalizers)`,
            `end-to-end: ${(elapsedMs / 1000).toFixed(1)} s in the local org against the emulator (${((1000 * total) / elapsedMs).toFixed(0)} requests/s)`
        ];
        for (const line of lines) console.log(line);
    } finally {
        org.close();
        await emulator.stop();
    }
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
});
