/**
 * End to end: the Send Data to Personalization action and its property editor's Apex, run by the local org
 * against the MCP emulator (the product's Apex; nothing re-implemented). Checks the editor's metadata, the
 * direct path with per-request errors and a permanent MCP rejection, the queued path, and what MCP received.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { apexJson } from "../src/flow-org";
import { useFlowOrg } from "../src/flow-session";

// the first event MCP receives is rejected as invalid (errorCode 5): a permanent failure
const session = useFlowOrg([{ route: "authevent", kind: "errorCode", errorCode: 5, times: 1 }]);

function request(index: number, extra = ""): string {
    return `{
    SendDataToPersonalizationAction.Request r = new SendDataToPersonalizationAction.Request();
    r.interactionName = 'Case Closed';
    r.recordId = 'e2e-${index}';
    r.identities = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('emailAddress', 'e2e${index}@example.com') };
    r.userAttributes = new List<PersonalizationAttributeValue>{ new PersonalizationAttributeValue('loyaltyTier', 'Gold') };
    PersonalizationProfileObjectInput caseObject = new PersonalizationProfileObjectInput('Case', 'case-${index}');
    caseObject.attributes.add(new PersonalizationAttributeValue('Status', 'Closed'));
    r.profileObjects = new List<PersonalizationProfileObjectInput>{ caseObject };
    ${extra}
    requests.add(r);
}`;
}

function send(body: string): Record<string, unknown>[] {
    const out = apexJson(
        session.org,
        `List<SendDataToPersonalizationAction.Request> requests = new List<SendDataToPersonalizationAction.Request>();
${body}
List<Object> rows = new List<Object>();
for (SendDataToPersonalizationAction.Result result : SendDataToPersonalizationAction.send(requests)) {
    rows.add(new Map<String, Object>{ 'success' => result.success, 'status' => result.status, 'code' => result.errorCode, 'message' => result.errorMessage, 'profileId' => result.profileId });
}
System.debug('BENCH=' + JSON.serialize(new Map<String, Object>{ 'results' => rows }));`
    );
    const rows = out["results"];
    assert.ok(Array.isArray(rows));
    return rows as Record<string, unknown>[];
}

test("the property editor reads datasets and metadata from MCP", async () => {
    const datasets = await session.org.invokeAuraEnabled("PersonalizationSendDataEditorController", "getDatasets", {});
    assert.ok(Array.isArray(datasets));
    assert.ok(datasets.some((d: unknown) => (d as Record<string, unknown>)["value"] === "engage"));
    const metadata = (await session.org.invokeAuraEnabled(
        "PersonalizationSendDataEditorController",
        "refreshDatasetMetadata",
        {
            dataset: "engage"
        }
    )) as Record<string, unknown>;
    const identities = metadata["identityTypes"] as Record<string, unknown>[];
    assert.ok(identities.some((option) => option["value"] === "emailAddress"));
    const types = metadata["profileObjectTypes"] as Record<string, unknown>[];
    assert.ok(types.some((option) => option["value"] === "Case"));
});

test("direct path: bad requests get their own errors, a rejected event fails permanently, the rest are delivered", () => {
    const results = send(
        [
            request(1),
            request(2, "r.userAttributes.add(new PersonalizationAttributeValue('shoeSize', '42'));"),
            request(3, "r.identities = null;"),
            request(4)
        ].join("\n")
    );
    assert.deepEqual(
        results.map((r) => [r["status"], r["code"]]),
        [
            ["Failed", "INVALID_EVENT"],
            ["Invalid", "UNKNOWN_ATTRIBUTE"],
            ["Invalid", "MISSING_IDENTITY"],
            ["Delivered", null]
        ]
    );
    assert.match(String(results[3]["profileId"]), /^[0-9a-f]{24}$/);
});

test("queued path: a Flow-sized batch is written as deliveries and the queue delivers every one", async () => {
    const results = send(Array.from({ length: 60 }, (_, i) => request(100 + i)).join("\n"));
    assert.ok(results.every((r) => r["status"] === "Pending" && r["success"] === true));
    const counts = apexJson(
        session.org,
        `System.debug('BENCH=' + JSON.serialize(new Map<String, Object>{
    'delivered' => [SELECT COUNT() FROM Personalization_Delivery__c WHERE Status__c = 'Delivered'],
    'pending' => [SELECT COUNT() FROM Personalization_Delivery__c WHERE Status__c = 'Pending'],
    'failed' => [SELECT COUNT() FROM Personalization_Delivery__c WHERE Status__c = 'Failed']
}));`
    );
    assert.deepEqual(counts, { delivered: 61, pending: 0, failed: 1 });

    const response = await fetch(`${session.emulator.url}/__emulator/requests?limit=1&path=/api2/authevent/engage`);
    const log = (await response.json()) as { requests: { body: string }[] };
    assert.deepEqual(JSON.parse(log.requests[0].body), {
        interaction: { name: "Case Closed" },
        user: {
            identities: { emailAddress: "e2e159@example.com" },
            attributes: { loyaltyTier: "Gold" },
            profileObjects: { Case: [{ id: "case-159", attributes: { Status: "Closed" } }] }
        },
        source: { channel: "Server", application: "Salesforce" },
        flags: { noCampaigns: true }
    });
});
