import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

/** Queueable stack depth (`AsyncInfo`, chains past the org's maximum, a finalizer's job starting a new chain). */
const CLASSES = {
    "classes/Deep.cls": `public class Deep implements Queueable {
    Boolean restart;
    public Deep(Boolean restart) { this.restart = restart; }
    public void execute(QueueableContext ctx) {
        if (restart) System.attachFinalizer(new DeepRestart());
        Integer depth = System.AsyncInfo.getCurrentQueueableStackDepth();
        insert new Account(Name = 'depth ' + depth + ' of ' + (AsyncInfo.hasMaxStackDepth() ? String.valueOf(AsyncInfo.getMaximumQueueableStackDepth()) : 'none'));
        System.enqueueJob(new Deep(restart));
    }
}`,
    "classes/DeepRestart.cls": `public class DeepRestart implements System.Finalizer {
    public void execute(System.FinalizerContext ctx) {
        if ([SELECT COUNT() FROM Account] < 4) System.enqueueJob(new Deep(true));
    }
}`
};

function names(org: ReturnType<typeof orgFrom>): string[] {
    const r = org.runAnonymous(
        `for (Account a : [SELECT Name FROM Account ORDER BY CreatedDate, Name]) System.debug(a.Name);`
    );
    assert.equal(r.success, true, r.error ?? "");
    return r.debugLog.map((d) => d.message);
}

describe("queueable stack depth", () => {
    it("a chain stops with AsyncException at the org's maximum depth; the failed job's work is rolled back", () => {
        const org = orgFrom(CLASSES);
        org.data.async!.maxStackDepth = 3;
        const run = org.runAnonymous(`System.enqueueJob(new Deep(false));`);
        assert.equal(run.success, false, "the third job's uncaught AsyncException surfaces");
        assert.match(run.error ?? "", /System\.AsyncException: Maximum stack depth has been reached\./);
        assert.deepEqual(names(org), ["depth 1 of 3", "depth 2 of 3"]);
        const jobs = org.runAnonymous(`System.debug([SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Failed']);`);
        assert.deepEqual(
            jobs.debugLog.map((d) => d.message),
            ["1"]
        );
        org.close();
    });

    it("a job a finalizer enqueues starts a new chain at depth 1", () => {
        const org = orgFrom({
            "classes/Caught.cls": `public class Caught implements Queueable {
    public void execute(QueueableContext ctx) {
        System.attachFinalizer(new CaughtRestart());
        insert new Account(Name = 'depth ' + AsyncInfo.getCurrentQueueableStackDepth());
        try {
            System.enqueueJob(new Caught());
        } catch (AsyncException e) {
            insert new Account(Name = 'refused at ' + AsyncInfo.getCurrentQueueableStackDepth());
        }
    }
}`,
            "classes/CaughtRestart.cls": `public class CaughtRestart implements System.Finalizer {
    public void execute(System.FinalizerContext ctx) {
        if ([SELECT COUNT() FROM Account WHERE Name LIKE 'refused%'] == 1 && [SELECT COUNT() FROM Account WHERE Name = 'restarted'] == 0) {
            insert new Account(Name = 'restarted');
            System.enqueueJob(new Caught());
        }
    }
}`
        });
        org.data.async!.maxStackDepth = 2;
        const run = org.runAnonymous(`System.enqueueJob(new Caught());`);
        assert.equal(run.success, true, run.error ?? "");
        const all = names(org);
        assert.deepEqual(
            all.filter((n) => n.startsWith("depth")),
            ["depth 1", "depth 2", "depth 1", "depth 2"],
            "the restarted chain begins again at depth 1"
        );
        assert.deepEqual(
            all.filter((n) => n.startsWith("refused")),
            ["refused at 2", "refused at 2"]
        );
        org.close();
    });

    it("without a maximum (a production org) the chain is not limited and AsyncInfo says so", () => {
        const org = orgFrom({
            "classes/Counted.cls": `public class Counted implements Queueable {
    public void execute(QueueableContext ctx) {
        Integer depth = AsyncInfo.getCurrentQueueableStackDepth();
        insert new Account(Name = 'd' + depth + ' ' + AsyncInfo.hasMaxStackDepth() + ' ' + AsyncInfo.getMinimumQueueableDelayInMinutes());
        if (depth < 7) System.enqueueJob(new Counted());
    }
}`
        });
        assert.equal(org.runAnonymous(`System.enqueueJob(new Counted());`).success, true);
        assert.equal(names(org).length, 7);
        assert.ok(names(org).includes("d7 false null"));
        const outside = org.runAnonymous(`AsyncInfo.getCurrentQueueableStackDepth();`);
        assert.equal(outside.success, false, "outside a Queueable the answer is not documented: fails loudly");
        assert.match(outside.error ?? "", /not supported by the local org|unsupported/i);
        org.close();
    });
});
