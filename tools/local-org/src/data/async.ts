import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { ApexDatetime, ApexId, ApexList, ApexObject, NativeObject, type Value } from "../runtime/values/values";
import { clockSettings } from "../runtime/values/clock";
import { nextFireTime } from "./cron";
import type { Row, Store } from "./store";

/** What the async queue needs from the interpreter and the org. */
export interface AsyncHost {
    store: Store;
    now(): number;
    isRunningTest(): boolean;
    /** Calls an Apex instance method. */
    invoke(obj: ApexObject, method: string, args: Value[]): Value;
    /** Runs `fn` as its own asynchronous transaction (fresh async limits). */
    inAsyncTransaction(fn: () => void): void;
    /** The running user's Id (a job runs as the user who queued or scheduled it). */
    currentUser(): string;
    /** Runs `fn` as a user. */
    asUser(userId: string, fn: () => void): void;
    /** Records of a QueryLocator returned by a batch's `start`. */
    locatorRows(locator: NativeObject): Value[];
    /** Whether the object's class implements an interface (e.g. `Database.Stateful`). */
    implementsInterface(obj: ApexObject, name: string): boolean;
    /** The Apex exception object of an error that escaped a job (null when it is not an Apex exception). */
    toException(e: unknown): ApexObject | null;
}

/** `userId`: who queued or scheduled the job, whom it runs as. */
type Job = (
    | /** `dueAt`: epoch ms before which a delayed Queueable does not run outside tests. */
      { kind: "queueable"; jobId: string; obj: ApexObject; dueAt?: number; depth: number }
    | { kind: "batch"; jobId: string; obj: ApexObject; scope: number }
    | { kind: "future"; jobId: string; run: () => void }
    | { kind: "scheduled"; jobId: string; triggerId: string; obj: ApexObject }
) & { userId: string };

const JOB_PREFIX = "707";
const CRON_PREFIX = "08e";

/**
 * The async queue: `System.enqueueJob`, `Database.executeBatch`, `System.schedule` and `@future`.
 * In a test the queued work runs at `Test.stopTest()` with the platform's test semantics (one batch
 * `execute`, no chained queueables, a Queueable's delay ignored); outside tests {@link drain} runs every job
 * that is due on the org clock, chunk by chunk, including chained jobs (a Queueable enqueued with a delay waits
 * until the clock passes its due time), and {@link fireScheduled} fires scheduled jobs on demand.
 */
export class AsyncQueue {
    private queue: Job[] = [];
    private scheduled: Job[] = [];
    /** True while a queued job runs (work it enqueues is not run in a test). */
    private running = false;
    /** Kind of the job running now (`System.isQueueable()`, `isBatch()`, `isFuture()`, `isScheduled()`). */
    current: "queueable" | "batch" | "future" | "scheduled" | null = null;
    /** The finalizer the running Queueable attached (`System.attachFinalizer`). */
    private finalizer: ApexObject | null = null;
    /** True while a finalizer runs (it cannot attach another). */
    private inFinalizer = false;
    /** Queueable stack depth of the running Queueable (1 for a job not chained from another), see `asyncInfo.ts`. */
    private runningDepth: number | null = null;
    /**
     * The org's maximum Queueable stack depth (`AsyncInfo.hasMaxStackDepth()`): null, as in a production org,
     * unless set (Developer Edition and Trial orgs default to 5). `AsyncOptions` is not modelled.
     */
    maxStackDepth: number | null = null;

    constructor(private readonly host: AsyncHost) {}

    reset(): void {
        this.queue = [];
        this.scheduled = [];
        this.running = false;
    }

    get pending(): number {
        return this.queue.length;
    }

    get inAsync(): boolean {
        return this.running;
    }

    /**
     * `System.Request.getQuiddity()` inside async work, or null outside it. Only the documented, unambiguous cases
     * are answered ("Quiddity Enum": QUEUEABLE, FUTURE, SCHEDULED); a Queueable that attached a finalizer (the enum
     * has TRANSACTION_FINALIZER_QUEUEABLE for "a queueable job with Transaction Finalizers attached"), a finalizer's
     * own transaction and batch jobs (BATCH_APEX or BATCH_CHUNK_SERIAL per step) fail loudly instead of guessing.
     */
    quiddity(): string | null {
        if (this.inFinalizer) throw new UnsupportedError("System.Request.getQuiddity() in a Transaction Finalizer");
        if (!this.running || this.current === null) return null;
        switch (this.current) {
            case "queueable":
                if (this.finalizer)
                    throw new UnsupportedError(
                        "System.Request.getQuiddity() in a Queueable that attached a Transaction Finalizer"
                    );
                return "QUEUEABLE";
            case "future":
                return "FUTURE";
            case "scheduled":
                return "SCHEDULED";
            case "batch":
                throw new UnsupportedError("System.Request.getQuiddity() in a batch job");
        }
    }

    /** The ApexClass row of a class (created on first use; the local org does not list every class). */
    private apexClassId(className: string): ApexId {
        const t = this.host.store.table("apexclass");
        const simple = className.includes(".") ? className.slice(0, className.indexOf(".")) : className;
        for (const r of t.values())
            if (String(r.get("name")).toLowerCase() === simple.toLowerCase()) return r.get("id") as ApexId;
        const id = this.host.store.newId("01p");
        t.set(
            id,
            new Map<string, Value>([
                ["id", new ApexId(id)],
                ["name", simple],
                ["status", "Active"],
                ["isvalid", true],
                ["isdeleted", false]
            ])
        );
        return new ApexId(id);
    }

    private jobRow(jobType: string, className: string, extra: Record<string, Value> = {}): string {
        const id = this.host.store.newId(JOB_PREFIX);
        const row: Row = new Map<string, Value>([
            ["id", new ApexId(id)],
            ["jobtype", jobType],
            ["status", "Queued"],
            ["apexclassname", className],
            ["apexclassid", this.apexClassId(className)],
            ["jobitemsprocessed", 0],
            ["totaljobitems", 0],
            ["numberoferrors", 0],
            ["createddate", new ApexDatetime(this.host.now())],
            ["isdeleted", false]
        ]);
        for (const [k, v] of Object.entries(extra)) row.set(k, v);
        this.host.store.table("asyncapexjob").set(id, row);
        return id;
    }

    private setStatus(jobId: string, status: string, extra: Record<string, Value> = {}): void {
        const row = this.host.store.get("asyncapexjob", jobId);
        if (!row) return;
        row.set("status", status);
        if (status === "Completed" || status === "Failed") row.set("completeddate", new ApexDatetime(this.host.now()));
        for (const [k, v] of Object.entries(extra)) row.set(k, v);
    }

    /**
     * `System.attachFinalizer`: only a running Queueable may attach one finalizer. The messages are the local
     * org's own (the platform's exact texts are not documented).
     */
    attachFinalizer(finalizer: ApexObject): void {
        if (this.current !== "queueable" || this.inFinalizer)
            throw new ApexSystemError("AsyncException", "A finalizer can only be attached by a running Queueable job");
        if (this.finalizer)
            throw new ApexSystemError("AsyncException", "A finalizer is already attached to this Queueable job");
        this.finalizer = finalizer;
    }

    /**
     * `System.enqueueJob(job)` and `System.enqueueJob(job, delayMinutes)`: the delay counts on the org clock. A job
     * enqueued by a running Queueable is chained (its stack depth is one more, {@link chainDepth}); a test cannot
     * chain, and a chain cannot pass the org's maximum stack depth.
     */
    enqueue(obj: ApexObject, delayMinutes = 0): string {
        const depth = this.chainDepth();
        const jobId = this.jobRow("Queueable", obj.cls.name);
        const dueAt = delayMinutes > 0 ? this.host.now() + delayMinutes * 60_000 : undefined;
        this.queue.push({ kind: "queueable", jobId, obj, dueAt, depth, userId: this.host.currentUser() });
        return jobId;
    }

    /**
     * Stack depth of a Queueable enqueued now: the running Queueable's plus one when it chains, else 1 (a finalizer's
     * job starts a chain of its own). Refuses, with the platform's "Maximum stack depth has been reached.", a chain in
     * a test ("You can't chain queueable jobs in an Apex test", Apex Developer Guide, Queueable Apex) and a chain past
     * {@link maxStackDepth}.
     */
    private chainDepth(): number {
        const chaining = this.current === "queueable" && !this.inFinalizer && this.runningDepth !== null;
        if (!chaining) return 1;
        const depth = (this.runningDepth ?? 1) + 1;
        if (this.host.isRunningTest() || (this.maxStackDepth !== null && depth > this.maxStackDepth))
            throw new ApexSystemError("AsyncException", "Maximum stack depth has been reached.");
        return depth;
    }

    /** `AsyncInfo.getCurrentQueueableStackDepth()`: the running Queueable's depth, null outside one. */
    currentStackDepth(): number | null {
        return this.current === "queueable" && !this.inFinalizer ? this.runningDepth : null;
    }

    /** A mark of the queue's and the schedule's current ends (see {@link discardSince}). */
    mark(): { queued: number; scheduled: number } {
        return { queued: this.queue.length, scheduled: this.scheduled.length };
    }

    /**
     * Forgets the jobs queued and scheduled after a mark, with their AsyncApexJob, CronTrigger and CronJobDetail
     * rows: a transaction that ends in an unhandled exception is rolled back, and the work it enqueued never runs.
     */
    discardSince(mark: { queued: number; scheduled: number }): void {
        const store = this.host.store;
        for (const j of [...this.queue.splice(mark.queued), ...this.scheduled.splice(mark.scheduled)]) {
            store.table("asyncapexjob").delete(j.jobId);
            if (j.kind !== "scheduled") continue;
            const detail = store.get("crontrigger", j.triggerId)?.get("cronjobdetailid");
            if (detail instanceof ApexId) store.table("cronjobdetail").delete(detail.id18);
            store.table("crontrigger").delete(j.triggerId);
        }
    }

    /** Epoch ms when the earliest waiting job is due (now for an undelayed one), or null when none waits. */
    nextDueAt(): number | null {
        if (!this.queue.length) return null;
        const now = this.host.now();
        return Math.min(...this.queue.map((j) => (j.kind === "queueable" && j.dueAt !== undefined ? j.dueAt : now)));
    }

    executeBatch(obj: ApexObject, scope: number): string {
        if (scope < 1 || scope > 2000)
            throw new ApexSystemError(
                "InvalidParameterValueException",
                `The scope size must be between 1 and 2000: ${scope}`
            );
        const jobId = this.jobRow("BatchApex", obj.cls.name);
        this.queue.push({ kind: "batch", jobId, obj, scope, userId: this.host.currentUser() });
        return jobId;
    }

    future(className: string, methodName: string, run: () => void): string {
        const jobId = this.jobRow("Future", className, { methodname: methodName });
        this.queue.push({ kind: "future", jobId, run, userId: this.host.currentUser() });
        return jobId;
    }

    schedule(name: string, cron: string, obj: ApexObject): string {
        const table = this.host.store.table("crontrigger");
        for (const r of table.values())
            if (String(r.get("cronjobdetailname")).toLowerCase() === name.toLowerCase() && r.get("state") !== "DELETED")
                throw new ApexSystemError(
                    "AsyncException",
                    `The Apex job named "${name}" is already scheduled for execution.`
                );
        const next = nextFireTime(cron, this.host.now(), clockSettings.timeZone);
        const triggerId = this.host.store.newId(CRON_PREFIX);
        const detailId = this.host.store.newId("08a");
        this.host.store.table("cronjobdetail").set(
            detailId,
            new Map<string, Value>([
                ["id", new ApexId(detailId)],
                ["name", name],
                ["jobtype", "7"],
                ["isdeleted", false]
            ])
        );
        table.set(
            triggerId,
            new Map<string, Value>([
                ["id", new ApexId(triggerId)],
                ["cronexpression", cron],
                ["cronjobdetailname", name],
                ["cronjobdetailid", new ApexId(detailId)],
                ["state", "WAITING"],
                ["timestriggered", 0],
                ["nextfiretime", next === null ? null : new ApexDatetime(next)],
                ["starttime", new ApexDatetime(this.host.now())],
                ["createddate", new ApexDatetime(this.host.now())],
                ["isdeleted", false]
            ])
        );
        const jobId = this.jobRow("ScheduledApex", obj.cls.name, { crontriggerid: new ApexId(triggerId) });
        this.scheduled.push({ kind: "scheduled", jobId, triggerId, obj, userId: this.host.currentUser() });
        return triggerId;
    }

    abort(id: string): void {
        const ct = this.host.store.get("crontrigger", id);
        if (ct) {
            // An aborted schedule is deleted, as on the platform.
            this.host.store.table("crontrigger").delete(id);
            this.scheduled = this.scheduled.filter((j) => j.kind !== "scheduled" || j.triggerId !== id);
            return;
        }
        const job = this.host.store.get("asyncapexjob", id);
        if (!job) throw new ApexSystemError("StringException", `Invalid job id: ${id}`);
        this.setStatus(id, "Aborted");
        this.queue = this.queue.filter((j) => j.jobId !== id);
    }

    /** Test semantics (`Test.stopTest()`): runs what is queued now, once; scheduled jobs execute once. */
    runForTest(): void {
        const jobs = [...this.queue, ...this.scheduled];
        this.queue = [];
        this.scheduled = [];
        for (const j of jobs) this.runJob(j, true);
    }

    /**
     * Outside tests: runs every queued job that is due on the org clock, in queue order, including jobs they
     * enqueue (chaining), up to `maxJobs`; delayed Queueables not yet due stay queued.
     */
    drain(maxJobs = 1000): number {
        let n = 0;
        while (n < maxJobs) {
            const now = this.host.now();
            const index = this.queue.findIndex(
                (j) => j.kind !== "queueable" || j.dueAt === undefined || j.dueAt <= now
            );
            if (index < 0) break;
            const [j] = this.queue.splice(index, 1);
            this.runJob(j, false);
            n++;
        }
        return n;
    }

    /** Fires every scheduled job now (the local demo's "run the nightly sync"), then drains what they queue. */
    fireScheduled(): number {
        for (const j of this.scheduled) this.runJob(j, false);
        this.drain();
        return this.scheduled.length;
    }

    private context(typeName: string, state: Record<string, unknown>): NativeObject {
        return new NativeObject(typeName, state);
    }

    /**
     * Runs a job as the user who queued or scheduled it (its submitter: `UserInfo`, record ownership and record-level
     * sharing in the job are that user's), whoever runs the queue (e.g. `Test.stopTest()` outside `System.runAs`).
     */
    private runJob(j: Job, testMode: boolean): void {
        this.host.asUser(j.userId, () => this.runJobAsUser(j, testMode));
    }

    private runJobAsUser(j: Job, testMode: boolean): void {
        const wasRunning = this.running;
        const wasKind = this.current;
        this.running = true;
        this.current = j.kind;
        this.setStatus(j.jobId, "Processing");
        try {
            switch (j.kind) {
                case "queueable":
                    this.runQueueable(j);
                    break;
                case "future":
                    this.host.inAsyncTransaction(j.run);
                    break;
                case "scheduled": {
                    const ct = this.host.store.get("crontrigger", j.triggerId);
                    this.host.inAsyncTransaction(() =>
                        this.host.invoke(j.obj, "execute", [
                            this.context("SchedulableContext", { triggerId: j.triggerId })
                        ])
                    );
                    // In a test the job runs at stopTest() without counting as a trigger (the Apex Scheduler
                    // testing example asserts TimesTriggered = 0 afterwards); the executor counts real fires.
                    if (ct && !testMode) {
                        ct.set("timestriggered", Number(ct.get("timestriggered") ?? 0) + 1);
                        ct.set("previousfiretime", new ApexDatetime(this.host.now()));
                    }
                    break;
                }
                case "batch":
                    this.runBatch(j, testMode);
                    break;
            }
            if (j.kind !== "scheduled") this.setStatus(j.jobId, "Completed");
        } catch (e) {
            this.setStatus(j.jobId, "Failed", {
                extendedstatus: e instanceof Error ? e.message.slice(0, 255) : String(e),
                numberoferrors: 1
            });
            throw e;
        } finally {
            this.running = wasRunning;
            this.current = wasKind;
        }
    }

    /**
     * A Queueable's `execute`, then its finalizer (if it attached one) in a transaction of its own, told whether
     * the job succeeded and with which exception it failed; the job's failure still surfaces afterwards.
     */
    private runQueueable(j: Extract<Job, { kind: "queueable" }>): void {
        const outer = this.finalizer;
        const outerDepth = this.runningDepth;
        this.finalizer = null;
        this.runningDepth = j.depth;
        let failure: unknown = null;
        try {
            this.host.inAsyncTransaction(() =>
                this.host.invoke(j.obj, "execute", [this.context("QueueableContext", { jobId: j.jobId })])
            );
        } catch (e) {
            failure = e;
        } finally {
            this.runningDepth = outerDepth;
        }
        const finalizer = this.finalizer;
        this.finalizer = outer;
        if (finalizer && !(failure instanceof UnsupportedError)) {
            const exception = failure === null ? null : this.host.toException(failure);
            this.setStatus(
                j.jobId,
                failure === null ? "Completed" : "Failed",
                failure === null ? {} : { numberoferrors: 1 }
            );
            const ctx = this.context("System.FinalizerContext", {
                jobId: j.jobId,
                result: failure === null ? "SUCCESS" : "UNHANDLED_EXCEPTION",
                exception
            });
            this.inFinalizer = true;
            try {
                this.host.inAsyncTransaction(() => this.host.invoke(finalizer, "execute", [ctx]));
            } finally {
                this.inFinalizer = false;
            }
        }
        if (failure !== null) throw failure;
    }

    private runBatch(j: Extract<Job, { kind: "batch" }>, testMode: boolean): void {
        const ctx = this.context("Database.BatchableContext", { jobId: j.jobId });
        const stateful = this.host.implementsInterface(j.obj, "database.stateful");
        let records: Value[] = [];
        this.host.inAsyncTransaction(() => {
            const start = this.host.invoke(j.obj, "start", [ctx]);
            if (start instanceof NativeObject && start.typeName === "Database.QueryLocator")
                records = this.host.locatorRows(start);
            else if (start instanceof ApexList) records = start.items.slice();
            else if (start !== null)
                throw new ApexSystemError(
                    "TypeException",
                    "Batch start() must return a Database.QueryLocator or an Iterable"
                );
        });
        const chunks: Value[][] = [];
        for (let i = 0; i < records.length; i += j.scope) chunks.push(records.slice(i, i + j.scope));
        if (testMode && chunks.length > 1)
            throw new ApexSystemError(
                "UnexpectedException",
                "No more than one executeBatch can be called from within a test method. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation."
            );
        const initial = new Map(j.obj.fields);
        this.setStatus(j.jobId, "Processing", { totaljobitems: chunks.length });
        let processed = 0;
        for (const chunk of chunks) {
            // Without Database.Stateful every execute sees the state serialised when the job started.
            if (!stateful) for (const [k, v] of initial) j.obj.fields.set(k, v);
            const elem =
                records.length && records[0] instanceof NativeObject
                    ? { k: "native" as const, name: (records[0] as NativeObject).typeName }
                    : { k: "prim" as const, name: "Object" as const };
            this.host.inAsyncTransaction(() => this.host.invoke(j.obj, "execute", [ctx, new ApexList(elem, chunk)]));
            processed++;
            this.setStatus(j.jobId, "Processing", { jobitemsprocessed: processed });
        }
        if (!stateful) for (const [k, v] of initial) j.obj.fields.set(k, v);
        this.host.inAsyncTransaction(() => this.host.invoke(j.obj, "finish", [ctx]));
    }
}
