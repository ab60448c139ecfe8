/**
 * End to end: retry with backoff through the delivery queue, on the local org's virtual clock. The emulator answers
 * the first four events with 503; the queue's delayed steps (`System.enqueueJob(step, minutes)`) wait until the
 * clock passes their due time, and every delivery arrives exactly once after its backoff (1 minute after the first
 * failure, 2 after the second). Own emulator and org: the clock is process-wide.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { apexJson } from "../src/flow-org";
import { useFlowOrg, NOW } from "../src/flow-session";

const MINUTE = 60_000;
const EVENT_PATH = "/api2/authevent/engage";

const session = useFlowOrg([{ route: "authevent", kind: "status", status: 503, times: 4 }]);

interface DeliveryRow {
    record: string;
    status: string;
    attempts: number;
    code: string | null;
    nextAttemptAt: number | null;
    deliveredAt: number | null;
}

/** The deliveries as the queue left them, by record id. */
function deliveries(): Map<string, DeliveryRow> {
    const out = apexJson(
        session.org,
        `List<Object> rows = new List<Object>();
for (Personalization_Delivery__c d : [SELECT Record_Id__c, Status__c, Attempts__c, Error_Code__c, Next_Attempt_At__c, Delivered_At__c FROM Personalization_Delivery__c]) {
    rows.add(new Map<String, Object>{
        'record' => d.Record_Id__c, 'status' => d.Status__c, 'attempts' => d.Attempts__c, 'code' => d.Error_Code__c,
        'nextAttemptAt' => d.Next_Attempt_At__c == null ? null : d.Next_Attempt_At__c.getTime(),
        'deliveredAt' => d.Delivered_At__c == null ? null : d.Delivered_At__c.getTime()
    });
}
System.debug('BENCH=' + JSON.serialize(new Map<String, Object>{ 'rows' => rows }));`
    );
    const rows = out["rows"];
    assert.ok(Array.isArray(rows));
    return new Map((rows as DeliveryRow[]).map((row) => [row.record, row]));
}

async function eventLog(): Promise<{ status: number; body: string; time: number }[]> {
    const response = await fetch(`${session.emulator.url}/__emulator/requests?path=${EVENT_PATH}`);
    const log = (await response.json()) as { requests: { status: number; body: string; time: number }[] };
    return log.requests;
}

function identityOf(body: string): string {
    const event = JSON.parse(body) as { user: { identities: { emailAddress: string } } };
    return event.user.identities.emailAddress;
}

test("503s are retried with backoff on the org clock until every delivery arrives exactly once", async () => {
    const submitted = apexJson(
        session.org,
        `List<SendDataToPersonalizationAction.Request> requests = new List<SendDataToPersonalizationAction.Request>();
for (Integer i = 1; i <= 3; i++) {
    SendDataToPersonalizationAction.Request r = new SendDataToPersonalizationAction.Request();
    r.interactionName = 'Case Closed';
    r.recordId = 'retry-' + i;
    r.deliveryMode = 'Queued';
    r.identities = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('emailAddress', 'retry' + i + '@example.com') };
    requests.add(r);
}
List<Object> statuses = new List<Object>();
for (SendDataToPersonalizationAction.Result result : SendDataToPersonalizationAction.send(requests)) {
    statuses.add(result.status);
}
System.debug('BENCH=' + JSON.serialize(new Map<String, Object>{ 'statuses' => statuses }));`
    );
    assert.deepEqual(submitted["statuses"], ["Pending", "Pending", "Pending"], "queued before any callout");

    // step 1 ran after the submitting transaction: three 503s, each retried after 1 minute
    let rows = deliveries();
    for (const id of ["retry-1", "retry-2", "retry-3"]) {
        const row = rows.get(id);
        assert.ok(row, id);
        assert.equal(row.status, "Pending", `${id} kept`);
        assert.equal(row.attempts, 1, `${id} tried once`);
        assert.equal(row.code, "BUSY", `${id} reason: MCP busy (retryable)`);
        assert.equal(row.nextAttemptAt, NOW + MINUTE, `${id} backs off 1 minute`);
    }
    assert.equal(session.org.nextAsyncJobDueAt(), NOW + MINUTE, "the next step waits for the first retry");
    assert.equal(session.org.runAsyncJobs(), 0, "nothing due yet");

    // step 2 at +1 minute: the fourth 503 hits retry-1 (backs off 2 minutes), the others arrive
    session.org.advanceClock(1);
    assert.equal(session.org.runAsyncJobs(), 1, "one step ran");
    rows = deliveries();
    assert.deepEqual(
        ["retry-1", "retry-2", "retry-3"].map((id) => [rows.get(id)?.status, rows.get(id)?.attempts]),
        [
            ["Pending", 2],
            ["Delivered", 2],
            ["Delivered", 2]
        ]
    );
    assert.equal(rows.get("retry-1")?.nextAttemptAt, NOW + 3 * MINUTE, "second backoff: 2 minutes");
    assert.equal(rows.get("retry-2")?.deliveredAt, NOW + MINUTE);
    assert.equal(session.org.nextAsyncJobDueAt(), NOW + 3 * MINUTE);

    session.org.advanceClock(1);
    assert.equal(session.org.runAsyncJobs(), 0, "not due at +2 minutes");
    assert.equal(deliveries().get("retry-1")?.status, "Pending");

    // step 3 at +3 minutes: the last one arrives and the chain ends
    session.org.advanceClock(1);
    assert.equal(session.org.runAsyncJobs(), 1);
    rows = deliveries();
    assert.deepEqual([...rows.values()].map((row) => [row.record, row.status, row.attempts, row.code]).sort(), [
        ["retry-1", "Delivered", 3, null],
        ["retry-2", "Delivered", 2, null],
        ["retry-3", "Delivered", 2, null]
    ]);
    assert.equal(rows.get("retry-1")?.deliveredAt, NOW + 3 * MINUTE);
    assert.equal(session.org.nextAsyncJobDueAt(), null, "nothing pending: no step queued");

    // what MCP saw: 4 refused, then each event accepted exactly once
    const log = await eventLog();
    assert.deepEqual(
        log.map((entry) => entry.status),
        [503, 503, 503, 503, 200, 200, 200]
    );
    const accepted = log.filter((entry) => entry.status === 200).map((entry) => identityOf(entry.body));
    assert.deepEqual(accepted.sort(), ["retry1@example.com", "retry2@example.com", "retry3@example.com"]);
    const retried = log.filter((entry) => identityOf(entry.body) === "retry1@example.com").map((e) => e.status);
    assert.deepEqual(retried, [503, 503, 200], "retry-1: two refusals, then delivered");
});
