import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "./helpers";

/**
 * Issue 20, item 5: UUID, URL, Network, Crypto, merge, JSON into SObjects, Platform Cache, field sets (what they leave open). The documented
 * behaviour is in PlatformServicesConformanceTest; these tests hold what fails loudly.
 */
function probe(body: string): { message: string | null; passed: boolean } {
    const org = orgFrom({
        "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`,
        "cachePartitions/Probe.cachePartition-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<PlatformCachePartition xmlns="http://soap.sforce.com/2006/04/metadata"><masterLabel>Probe</masterLabel></PlatformCachePartition>`,
        "objects/Account/fieldSets/Probe_Set.fieldSet-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<FieldSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>Probe</label>
<displayedFields><field>Name</field><isRequired>false</isRequired></displayedFields>
<displayedFields><field>Owner.Name</field><isRequired>false</isRequired></displayedFields></FieldSet>`
    });
    const r = org.runTests();
    org.close();
    return r.results[0];
}

describe("platform services: loud failures", () => {
    const cases: [string, RegExp][] = [
        [`Integer h = UUID.randomUUID().hashCode();`, /method UUID\.hashcode/],
        [`UUID.fromString('707B2538-98BB-41E7-95E3-1D77BF42B102');`, /upper-case hexadecimal/],
        [`URL u = URL.getCurrentRequestUrl();`, /getCurrentRequestUrl/],
        [`Object v = Cache.Org.get('greeting');`, /default partition is not modelled/],
        [
            `Account a = new Account(Name = 'a'); Account b = new Account(Name = 'b'); insert new List<Account>{ a, b };
            Database.merge(a, new List<Account>{ b });`,
            /Database\.merge with a list of duplicates/
        ],
        [
            `Opportunity o = new Opportunity(Name = 'o', StageName = 'Prospecting', CloseDate = Date.today()); insert o;
            Opportunity p = o.clone(); insert p; merge o p;`,
            /merge of Opportunity records/
        ],
        [`Account a = (Account) JSON.deserialize('{"Nope__c": 1}', Account.class);`, /property 'Nope__c'/],
        [`Account a = (Account) JSON.deserialize('{"Name": "x"}', Account.class); String s = a.Phone;`, /did not give/],
        [
            `Schema.FieldSet f = Schema.SObjectType.Account.fieldSets.Nope;`,
            /field set Nope of Account \(none in the sources/
        ],
        [`String ns = Schema.SObjectType.Account.fieldSets.Probe_Set.getNamespace();`, /getNamespace/],
        [
            `Schema.FieldSetMember m = Schema.SObjectType.Account.fieldSets.Probe_Set.getFields()[1];
            String l = m.getLabel();`,
            /Owner\.Name, a field across a lookup/
        ]
    ];
    for (const [body, re] of cases)
        it(body.split("\n")[0], () => {
            const r = probe(body);
            assert.equal(r.passed, false, body);
            assert.match(r.message ?? "", re, body);
        });

    it("generateDigest takes the documented algorithm names only", () => {
        const r = probe(`try { Crypto.generateDigest('SHA256', Blob.valueOf('x')); Assert.fail('accepted'); }
            catch (InvalidParameterValueException e) { Assert.isTrue(e.getMessage().contains('SHA256')); }`);
        assert.equal(r.passed, true, r.message ?? "");
    });
});
