import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { scratchDefFeatures } from "../../src/scratchDef";
import { orgFrom, writeSources } from "../helpers";

/**
 * Issue 20: standard objects (Case, Opportunity, OpportunityContactRole, Task, Event, Campaign, CampaignMember,
 * Product2, User/Profile) and Person Accounts. The documented behaviour is in the conformance suite
 * (StandardObjectsConformanceTest, PersonAccountConformanceTest); these tests hold the loud failures.
 */
function probe(body: string, features: string[] = []): { message: string | null; passed: boolean } {
    const org = orgFrom(
        {
            "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`
        },
        { features }
    );
    const r = org.runTests();
    org.close();
    assert.equal(r.results.length, 1);
    return r.results[0];
}

describe("standard objects", () => {
    it("Person Account fields fail loudly while Person Accounts are disabled", () => {
        for (const body of [
            `Account a = new Account(Name = 'x'); Boolean b = a.IsPersonAccount;`,
            `List<Account> a = [SELECT PersonEmail FROM Account];`,
            `Contact c = new Contact(); c.put('IsPersonAccount', true);`
        ]) {
            const r = probe(body);
            assert.equal(r.passed, false, body);
            assert.match(r.message ?? "", /not supported by the local org: .*Person Accounts are not enabled/, body);
            assert.match(r.message ?? "", /PersonAccounts/, body);
        }
    });

    it("Person Accounts are enabled by the PersonAccounts feature", () => {
        const r = probe(
            `Id rt = [SELECT Id FROM RecordType WHERE IsPersonType = TRUE].Id;
            Account a = new Account(RecordTypeId = rt, LastName = 'Solo');
            insert a;
            Assert.isTrue([SELECT IsPersonAccount FROM Account].IsPersonAccount);`,
            ["PersonAccounts"]
        );
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("what the Person Account model leaves out fails loudly", () => {
        const rt = `Id rt = [SELECT Id FROM RecordType WHERE IsPersonType = TRUE].Id;`;
        const cases: [string, RegExp][] = [
            [`insert new Account(Name = 'Biz', PersonEmail = 'a@b.c');`, /person account fields on a business account/],
            [
                `${rt} insert new Account(RecordTypeId = rt, Name = 'X', LastName = 'Y');`,
                /Name set on a person account/
            ],
            [
                `${rt} Account a = new Account(RecordTypeId = rt, LastName = 'Y'); insert a;
                update new Contact(Id = [SELECT PersonContactId FROM Account].PersonContactId, Title = 'x');`,
                /DML on a person account's contact/
            ]
        ];
        for (const [body, re] of cases) {
            const r = probe(body, ["PersonAccounts"]);
            assert.equal(r.passed, false, body);
            assert.match(r.message ?? "", re, body);
        }
    });

    it("a platform field the local org leaves out fails loudly instead of 'no such field'", () => {
        const r = probe(`List<Opportunity> o = [SELECT Probability FROM Opportunity];`);
        assert.match(r.message ?? "", /not supported by the local org: standard field Opportunity\.Probability/);
        const s = probe(`Case c = new Case(); c.ContactEmail = 'x@y.z';`);
        assert.match(s.message ?? "", /standard field Case\.ContactEmail/);
    });

    it("the runtime type of a polymorphic parent fails loudly (the sources disagree)", () => {
        const r = probe(
            `Account a = new Account(Name = 'A'); insert a;
            insert new Task(Subject = 's', WhatId = a.Id);
            Task t = [SELECT What.Name FROM Task];
            Assert.areEqual('A', t.What.Name);
            Boolean isAccount = t.What instanceof Account;`
        );
        assert.match(r.message ?? "", /runtime type of a record reached through a polymorphic relationship/);
    });

    it("Name-object fields the reference leaves unclear fail loudly", () => {
        const r = probe(
            `Contact c = new Contact(LastName = 'C', Email = 'c@x.y'); insert c;
            insert new Task(Subject = 's', WhoId = c.Id);
            Task t = [SELECT Who.Email FROM Task];`
        );
        assert.match(r.message ?? "", /Email of a Contact through a polymorphic relationship/);
    });

    it("save behaviour the local org does not know fails loudly", () => {
        const cases: [string, RegExp][] = [
            [`insert new Campaign(Name = 'c');`, /Campaign inserted without Status/],
            [
                `insert new Event(Subject = 'e', StartDateTime = System.now());`,
                /without EndDateTime or DurationInMinutes/
            ],
            [
                `insert new Event(Subject = 'e', IsAllDayEvent = true, StartDateTime = System.now(), DurationInMinutes = 10);`,
                /all-day events/
            ],
            [`insert new Task(Subject = 't', Status = 'Nope');`, /Task\.Status value 'Nope'/],
            [
                `Campaign c = new Campaign(Name = 'c', Status = 'Planned'); insert c;
                insert new CampaignMember(CampaignId = c.Id);`,
                /exactly one of ContactId and LeadId/
            ]
        ];
        for (const [body, re] of cases) {
            const r = probe(body);
            assert.equal(r.passed, false, body);
            assert.match(r.message ?? "", re, body);
        }
    });

    it("tasks and events can relate to custom objects that allow activities", () => {
        const org = orgFrom({
            "objects/Shipment__c/Shipment__c.object-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Shipment</label><pluralLabel>Shipments</pluralLabel>
<enableActivities>true</enableActivities><nameField><label>Shipment Name</label><type>Text</type></nameField></CustomObject>`
        });
        const what = org.data.schema.object("Task")?.fields.get("whatid");
        assert.ok(what?.referenceTo.includes("Shipment__c"));
        assert.ok(org.data.schema.object("Shipment__c")?.childRelationships.has("tasks"));
        org.close();
    });

    it("the CLI reads the features of the scratch org definition", () => {
        const dir = writeSources({
            "config/project-scratch-def.json": JSON.stringify({ features: ["PersonAccounts", "Communities:5"] })
        });
        const file = path.join(dir, "config/project-scratch-def.json");
        assert.deepEqual(scratchDefFeatures(file), ["PersonAccounts", "Communities"]);
        assert.deepEqual(scratchDefFeatures(undefined, path.join(dir, "missing.json")), []);
        assert.ok(fs.existsSync(file));
    });
});
