import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CrmRecords } from "./demoCrm";
import type { ApexFailure, OrgReply, OrgRequest, OrgWorkerData, WorkerRole, WorkerTiming } from "./protocol";
import { ReadCache } from "./readCache";
import type { ChangeSet } from "./replication";
import { methodKey, Router, type Target } from "./router";
import type { SeedOutcome } from "./seed";

/** Where an `@AuraEnabled` call's time went, ms: queued behind the worker's earlier work, then in the worker. */
export interface CallTiming extends WorkerTiming {
    /** `primary` or `replica-n`. */
    worker: string;
    waitMs: number;
}

/** Outcome of an `@AuraEnabled` call (`timing` is absent when the worker stopped before answering). */
export type InvokeOutcome =
    { ok: true; value: unknown; timing?: CallTiming } | { ok: false; error: ApexFailure; timing?: CallTiming };

/** One `@AuraEnabled` call: a static method and its parameters. */
export interface ApexAction {
    className: string;
    method: string;
    params: Record<string, unknown>;
}

/** Outcome of anonymous Apex. */
export interface AnonymousOutcome {
    success: boolean;
    log: string[];
    error: string | null;
}

/** Distributes the `Omit` over the request union (so each variant keeps its own fields). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** Replies that answer a request. */
type Answer = Extract<OrgReply, { id: number }>;

/**
 * Default number of replica workers: at least two, so requests a page has in flight at once (boxcars of different
 * moments: a page's loads, its impressions, another tab) run side by side, and one more per core beyond four, at most 4. Measured on
 * 2 cores (BENCHMARKS.md, "Workbench page"): navigating to the Contact page, the fourth component's first
 * content came at 687 ms p50 with one worker and 411 ms with two replicas.
 */
export const DEFAULT_REPLICAS = Math.min(4, Math.max(2, os.availableParallelism() - 2));

/** Calls each worker served, for the benchmark and `/wb/stats`. */
export interface PoolStats {
    workers: number;
    replicas: number;
    replicasRunning: number;
    /** Apex transactions per worker: index 0 is the primary. */
    transactions: number[];
    /** Apex calls that reached a replica / the primary. */
    onReplicas: number;
    onPrimary: number;
    /** Cached read-only anonymous Apex answered without a transaction / run (misses). */
    readHits: number;
    readMisses: number;
}

/** One worker thread and the requests it has not answered yet. */
class OrgThread {
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (r: Answer) => void; reject: (e: Error) => void }>();
    /** Why the thread stopped, once it has. */
    stopped: string | null = null;
    transactions = 0;
    /** Called with each commit this thread reports (set by the pool). */
    onCommit: (changes: ChangeSet, from: OrgThread) => void = () => undefined;

    constructor(
        readonly worker: Worker,
        readonly role: WorkerRole
    ) {
        worker.on("message", (r: OrgReply) => {
            if (!("id" in r)) return;
            // The commit is shipped before the caller hears back, so its next call sees it everywhere.
            if ("changes" in r && r.changes) this.onCommit(r.changes, this);
            const p = this.pending.get(r.id);
            this.pending.delete(r.id);
            p?.resolve(r);
        });
        const stop = (why: string): void => {
            if (this.stopped) return;
            this.stopped = why;
            for (const p of this.pending.values()) p.reject(new Error(why));
            this.pending.clear();
        };
        worker.on("error", (e) => stop(`${this.name} failed: ${e.message}`));
        worker.on("exit", (code) => stop(`${this.name} stopped (exit ${code})`));
    }

    get name(): string {
        return this.role.role === "primary" ? "the local org's primary worker" : `local org replica ${this.role.index}`;
    }

    /** Requests in flight (the pool sends a call to the least busy replica). */
    get busy(): number {
        return this.pending.size;
    }

    request(req: WithoutId<OrgRequest>): Promise<Answer> {
        if (this.stopped) return Promise.reject(new Error(this.stopped));
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.worker.postMessage({ ...req, id });
        });
    }

    /** Sends a commit to apply (no reply; ordered before any later request). */
    ship(changes: ChangeSet): void {
        if (!this.stopped) this.worker.postMessage({ op: "apply", id: 0, changes });
    }
}

function spawn(data: OrgWorkerData, role: WorkerRole): OrgThread {
    // Apex allows 1000 frames; the interpreter needs a deep native stack to reach that limit.
    const worker = new Worker(path.join(__dirname, "orgWorker.js"), {
        workerData: { ...data, ...role },
        resourceLimits: { stackSizeMb: 256 }
    });
    return new OrgThread(worker, role);
}

/** Waits for the first reply of `kind` from a starting worker (or its failure). */
function waitFor<K extends "loaded" | "ready">(t: OrgThread, kind: K): Promise<Extract<OrgReply, { kind: K }>> {
    return new Promise((resolve, reject) => {
        const onMessage = (r: OrgReply): void => {
            if (r.kind === kind) {
                done();
                resolve(r as Extract<OrgReply, { kind: K }>);
            } else if (r.kind === "fatal") {
                done();
                reject(new Error(r.message));
            }
        };
        const onExit = (code: number): void => {
            done();
            reject(new Error(`${t.name} stopped while loading (exit ${code})`));
        };
        const onError = (e: Error): void => {
            done();
            reject(e);
        };
        const done = (): void => {
            t.worker.off("message", onMessage);
            t.worker.off("exit", onExit);
            t.worker.off("error", onError);
        };
        t.worker.on("message", onMessage);
        t.worker.once("exit", onExit);
        t.worker.once("error", onError);
    });
}

/**
 * Main-thread handle of the local org: a primary worker and a pool of replicas, each a full local org over
 * the same Apex. `invoke` routes each `@AuraEnabled` call (see {@link Router}); every transaction's commit is
 * applied by all workers in the order it reached this thread (last committed writer wins per row).
 */
export class OrgClient {
    /** Apex calls made through this client (for the benchmark). */
    apexCalls = 0;
    private onReplicas = 0;
    private onPrimary = 0;
    private readHits = 0;
    private readMisses = 0;
    private readonly threads: OrgThread[];
    /** Outcomes of {@link cachedAnonymous}, dropped by commits that write the tables they read. */
    private readonly reads = new ReadCache<AnonymousOutcome>();

    private constructor(
        private readonly primary: OrgThread,
        private readonly replicas: OrgThread[],
        private readonly router: Router,
        readonly classes: number,
        /** Start-up time of the whole pool, ms. */
        readonly loadMs: number,
        readonly seed: SeedOutcome
    ) {
        this.threads = [primary, ...replicas];
        for (const t of this.threads) t.onCommit = (changes, from) => this.commit(changes, from);
    }

    /**
     * Starts the primary; once it has parsed the Apex (so the parse cache is warm on a fresh clone) starts the
     * replicas, which load in parallel with each other and with the primary's seeding, then gives each the
     * primary's seeded state. Resolves when every worker can serve.
     */
    static async start(data: OrgWorkerData): Promise<OrgClient> {
        const t0 = performance.now();
        const count = Math.max(0, Math.floor(data.replicas ?? DEFAULT_REPLICAS));
        const primary = spawn(data, { role: "primary", index: 0 });
        const replicas: OrgThread[] = [];
        const stopAll = async (): Promise<void> => {
            await Promise.all([primary, ...replicas].map((t) => t.worker.terminate()));
        };
        try {
            const ready = waitFor(primary, "ready");
            // Keep a failure of `ready` from going unhandled while the replicas start.
            ready.catch(() => undefined);
            await Promise.race([waitFor(primary, "loaded"), ready]);
            for (let i = 1; i <= count; i++) replicas.push(spawn(data, { role: "replica", index: i }));
            const [p] = await Promise.all([ready, ...replicas.map((r) => waitFor(r, "ready"))]);
            if (!p.state || !p.seed) throw new Error("the primary worker sent no seeded state");
            for (const r of replicas) r.ship(p.state);
            return new OrgClient(
                primary,
                replicas,
                new Router(p.cacheable ?? []),
                p.classes,
                performance.now() - t0,
                p.seed
            );
        } catch (e) {
            await stopAll();
            throw e;
        }
    }

    /**
     * Ships a commit to every other worker. Each applies commits in the order they reached this thread, after
     * its own earlier ones; two workers writing the same row at the same moment could end up differing,
     * which the routing makes rare (every method seen writing runs on the primary).
     */
    private commit(changes: ChangeSet, from: OrgThread): void {
        this.reads.invalidate(changes);
        for (const t of this.threads) if (t !== from) t.ship(changes);
    }

    /** The least busy running replica, or null when none runs. */
    private replica(): OrgThread | null {
        let best: OrgThread | null = null;
        for (const r of this.replicas) if (!r.stopped && (!best || r.busy < best.busy)) best = r;
        return best;
    }

    /** Invokes a static `@AuraEnabled` method (the real Apex) as its own transaction, on the routed worker. */
    async invoke(className: string, method: string, params: Record<string, unknown>): Promise<InvokeOutcome> {
        const [out] = await this.invokeBoxcar([{ className, method, params }]);
        return out;
    }

    /**
     * Runs a boxcar: the `@AuraEnabled` calls a page started in one moment, which Lightning sends in one request.
     * They run on one worker, one after another in order, each its own transaction (each sees the commits of the
     * ones before it); the answers come back together, in order. The worker is a replica when every call may run
     * on one, else the primary (see {@link Router}).
     */
    async invokeBoxcar(actions: ApexAction[]): Promise<InvokeOutcome[]> {
        this.apexCalls += actions.length;
        const keys = actions.map((a) => methodKey(a.className, a.method));
        const onReplica = keys.every((key) => this.router.route(key).target === "replica");
        let thread: OrgThread | null = onReplica ? this.replica() : this.primary;
        // A read queues behind no one it need not: with every replica busy and the primary idle, the primary runs it.
        if (onReplica && thread && thread.busy > 0 && this.primary.busy === 0 && !this.primary.stopped)
            thread = this.primary;
        // With replicas configured, a cacheable call never falls back to the primary; `--replicas 0` runs all there.
        if (!thread && this.replicas.length > 0 && keys.some((key) => this.router.isCacheable(key)))
            return actions.map(() => crashed("no local org replica is running (they stopped); restart the workbench"));
        const worker = thread ?? this.primary;
        const t0 = performance.now();
        // Posted together: the worker runs its requests one at a time in arrival order, so nothing interleaves.
        return Promise.all(actions.map((a, i) => this.run(worker, a, keys[i], t0)));
    }

    /** One call of a boxcar on `thread`; `t0` is when the boxcar reached it (its wait includes the calls before it). */
    private async run(thread: OrgThread, action: ApexAction, key: string, t0: number): Promise<InvokeOutcome> {
        const ranOn: Target = thread === this.primary ? "primary" : "replica";
        if (ranOn === "primary") this.onPrimary++;
        else this.onReplicas++;
        thread.transactions++;
        let r: Answer;
        try {
            r = await thread.request({ op: "invoke", ...action });
        } catch (e) {
            return crashed(`${e instanceof Error ? e.message : String(e)} during this call`);
        }
        if (r.kind !== "result") throw new Error(`unexpected reply ${r.kind}`);
        this.router.observe(key, ranOn, r.wrote);
        const inWorker = r.timing.captureMs + r.timing.apexMs + r.timing.diffMs;
        const timing: CallTiming = {
            worker: ranOn === "primary" ? "primary" : `replica-${thread.role.index}`,
            waitMs: Math.max(0, performance.now() - t0 - inWorker),
            ...r.timing
        };
        return r.ok ? { ok: true, value: r.value, timing } : { ok: false, error: r.error, timing };
    }

    /** Runs anonymous Apex on the primary (not a test context: callouts reach the emulator). */
    async anonymous(source: string): Promise<AnonymousOutcome> {
        this.primary.transactions++;
        let r: Answer;
        try {
            r = await this.primary.request({ op: "anonymous", source });
        } catch (e) {
            return { success: false, log: [], error: e instanceof Error ? e.message : String(e) };
        }
        if (r.kind !== "anonymous") throw new Error(`unexpected reply ${r.kind}`);
        return { success: r.success, log: r.log, error: r.error };
    }

    /**
     * Read-only anonymous Apex whose outcome is reused until a commit writes one of `tables` (the tables it
     * reads, e.g. `PermissionSetAssignment`): a page load asking again costs no transaction. A miss runs on
     * the primary (rare: the first ask, and the first after such a commit); concurrent askers share it; a
     * failed run is not kept. The caller vouches that the script writes nothing and reads only `tables`.
     */
    async cachedAnonymous(source: string, tables: readonly string[]): Promise<AnonymousOutcome> {
        let ran = false;
        const out = await this.reads.get(
            source,
            tables,
            () => {
                ran = true;
                return this.anonymous(source);
            },
            (r) => r.success
        );
        if (ran) this.readMisses++;
        else this.readHits++;
        return out;
    }

    /** The demo records with their current field values (read on a replica when one runs: committed data). */
    async records(): Promise<CrmRecords> {
        const r = await (this.replica() ?? this.primary).request({ op: "records" });
        if (r.kind !== "records") throw new Error(`unexpected reply ${r.kind}`);
        return r.records;
    }

    /** Workers and the calls each served. */
    stats(): PoolStats {
        return {
            workers: this.threads.length,
            replicas: this.replicas.length,
            replicasRunning: this.replicas.filter((r) => !r.stopped).length,
            transactions: this.threads.map((t) => t.transactions),
            onReplicas: this.onReplicas,
            onPrimary: this.onPrimary,
            readHits: this.readHits,
            readMisses: this.readMisses
        };
    }

    /** Stops replica `index` (1…n) as a crash would: its calls in flight fail, later calls go to the others. */
    async stopReplica(index: number): Promise<void> {
        const r = this.replicas[index - 1];
        if (r) await r.worker.terminate();
    }

    async close(): Promise<void> {
        await Promise.all(this.threads.map((t) => t.worker.terminate()));
    }
}

function crashed(message: string): InvokeOutcome {
    return { ok: false, error: { exceptionType: "LocalOrg.WorkerStopped", message, stackTrace: "" } };
}
