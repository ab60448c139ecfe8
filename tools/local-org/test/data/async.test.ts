import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

const CLASSES = {
    "classes/Chain.cls": `public class Chain implements Queueable {
    Integer left;
    public Chain(Integer left) { this.left = left; }
    public void execute(QueueableContext ctx) {
        insert new Account(Name = 'step ' + left);
        if (left > 1) System.enqueueJob(new Chain(left - 1));
    }
}`,
    "classes/Touch.cls": `public class Touch implements Database.Batchable<SObject> {
    public Integer executes = 0;
    public Database.QueryLocator start(Database.BatchableContext bc) {
        return Database.getQueryLocator('SELECT Id FROM Contact');
    }
    public void execute(Database.BatchableContext bc, List<SObject> scope) {
        executes++;
        for (SObject s : scope) s.put('Title', 'touched ' + executes);
        update scope;
    }
    public void finish(Database.BatchableContext bc) {
        insert new Account(Name = 'finished with ' + executes);
    }
}`,
    "classes/Nightly.cls": `public class Nightly implements Schedulable {
    public void execute(SchedulableContext sc) { insert new Account(Name = 'nightly'); }
}`
};

describe("async executor outside tests", () => {
    it("runs chained queueables after the anonymous transaction", () => {
        const org = orgFrom(CLASSES);
        const r = org.runAnonymous(`System.enqueueJob(new Chain(3));`);
        assert.equal(r.success, true, r.error ?? "");
        const check = org.runAnonymous(
            `System.debug([SELECT COUNT() FROM Account] + ' ' + [SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Completed']);`
        );
        assert.deepEqual(
            check.debugLog.map((d) => d.message),
            ["3 3"]
        );
        org.close();
    });

    it("runs every batch chunk; without Database.Stateful each execute starts from the submitted state", () => {
        const org = orgFrom(CLASSES);
        const r = org.runAnonymous(`
List<Contact> cs = new List<Contact>();
for (Integer i = 0; i < 450; i++) cs.add(new Contact(LastName = 'c' + i));
insert cs;
Database.executeBatch(new Touch(), 200);`);
        assert.equal(r.success, true, r.error ?? "");
        const check = org.runAnonymous(
            `System.debug([SELECT COUNT() FROM Contact WHERE Title = 'touched 1'] + ' ' + [SELECT Name FROM Account].Name + ' ' + [SELECT JobItemsProcessed FROM AsyncApexJob].JobItemsProcessed);`
        );
        assert.deepEqual(
            check.debugLog.map((d) => d.message),
            ["450 finished with 0 3"]
        );
        org.close();
    });

    it("fires scheduled jobs on demand and counts the trigger", () => {
        const org = orgFrom(CLASSES);
        assert.equal(org.runAnonymous(`System.schedule('n', '0 0 2 * * ?', new Nightly());`).success, true);
        assert.equal(org.fireScheduledJobs(), 1);
        const check = org.runAnonymous(
            `System.debug([SELECT COUNT() FROM Account WHERE Name = 'nightly'] + ' ' + [SELECT TimesTriggered FROM CronTrigger].TimesTriggered);`
        );
        assert.deepEqual(
            check.debugLog.map((d) => d.message),
            ["1 1"]
        );
        org.close();
    });
});
