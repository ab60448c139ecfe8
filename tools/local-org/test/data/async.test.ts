import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clockSettings } from "../../src/runtime/values/clock";
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

describe("delayed queueables on the org's virtual clock", () => {
    const DELAYED = {
        ...CLASSES,
        "classes/Later.cls": `public class Later implements Queueable {
    Integer delay;
    public Later(Integer delay) { this.delay = delay; }
    public void execute(QueueableContext ctx) {
        insert new Account(Name = 'ran ' + System.now().getTime());
        if (delay > 0) System.enqueueJob(new Later(0), delay);
    }
}`
    };
    const START = Date.UTC(2026, 0, 1, 12, 0, 0);

    function withFixedClock(run: (org: ReturnType<typeof orgFrom>) => void): void {
        const saved = clockSettings.now;
        const org = orgFrom(DELAYED, { clock: () => START });
        try {
            run(org);
        } finally {
            org.close();
            clockSettings.now = saved;
        }
    }

    function accountNames(org: ReturnType<typeof orgFrom>): string[] {
        const r = org.runAnonymous(`for (Account a : [SELECT Name FROM Account ORDER BY Name]) System.debug(a.Name);`);
        assert.equal(r.success, true, r.error ?? "");
        return r.debugLog.map((d) => d.message);
    }

    it("a delayed job waits until advanceClock passes its due time; runAsyncJobs runs only due jobs", () => {
        withFixedClock((org) => {
            const r = org.runAnonymous(`System.enqueueJob(new Later(0), 3); System.enqueueJob(new Later(0));`);
            assert.equal(r.success, true, r.error ?? "");
            assert.deepEqual(accountNames(org), [`ran ${START}`], "the undelayed job ran, the delayed one waits");
            assert.equal(org.nextAsyncJobDueAt(), START + 3 * 60_000);

            org.advanceClock(2);
            assert.equal(org.runAsyncJobs(), 0, "not due after 2 minutes");
            org.advanceClock(1);
            assert.equal(org.runAsyncJobs(), 1, "due after 3 minutes");
            assert.deepEqual(accountNames(org), [`ran ${START}`, `ran ${START + 3 * 60_000}`]);
            assert.equal(org.nextAsyncJobDueAt(), null);
        });
    });

    it("a job chained with a delay by a running job waits for the clock too", () => {
        withFixedClock((org) => {
            assert.equal(org.runAnonymous(`System.enqueueJob(new Later(10));`).success, true);
            assert.equal(accountNames(org).length, 1, "the chained step is not due yet");
            org.advanceClock(10);
            assert.equal(org.runAsyncJobs(), 1);
            assert.deepEqual(accountNames(org), [`ran ${START}`, `ran ${START + 10 * 60_000}`]);
        });
    });

    it("refuses a delay outside 0–10 minutes and a negative clock step", () => {
        withFixedClock((org) => {
            const r = org.runAnonymous(`System.enqueueJob(new Later(0), 11);`);
            assert.equal(r.success, false);
            assert.match(r.error ?? "", /InvalidParameterValueException: The queueable delay must be between 0 and 10/);
            assert.throws(() => org.advanceClock(-1), RangeError);
        });
    });
});
