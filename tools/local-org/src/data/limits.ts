import { ApexSystemError } from "../runtime/errors";

/** Governor-limited counters of one transaction. */
export type LimitKey =
    | "queries"
    | "queryRows"
    | "dmlStatements"
    | "dmlRows"
    | "queueableJobs"
    | "futureCalls"
    | "emailInvocations"
    | "heapSize";

/** Per-transaction limits (sync / async) and the platform's LimitException text. */
export const LIMITS: Record<LimitKey, { sync: number; async: number; message: string }> = {
    queries: { sync: 100, async: 200, message: "Too many SOQL queries" },
    queryRows: { sync: 50000, async: 50000, message: "Too many query rows" },
    dmlStatements: { sync: 150, async: 150, message: "Too many DML statements" },
    dmlRows: { sync: 10000, async: 10000, message: "Too many DML rows" },
    queueableJobs: { sync: 50, async: 1, message: "Too many queueable jobs added to the queue" },
    futureCalls: { sync: 50, async: 0, message: "Too many future calls" },
    emailInvocations: { sync: 10, async: 10, message: "Too many Email Invocations" },
    heapSize: { sync: 6000000, async: 12000000, message: "Apex heap size too large" }
};

export const LIMIT_KEYS = Object.keys(LIMITS) as LimitKey[];

function zero(): Record<LimitKey, number> {
    return {
        queries: 0,
        queryRows: 0,
        dmlStatements: 0,
        dmlRows: 0,
        queueableJobs: 0,
        futureCalls: 0,
        emailInvocations: 0,
        heapSize: 0
    };
}

/**
 * Counters of the current limits window. `Test.startTest()` opens a fresh window and `stopTest()`
 * returns to the test's own; the peak of every counter over the whole test is kept for the runner.
 */
export class Governor {
    counters = zero();
    isAsync = false;
    readonly peak = zero();
    private outer: Record<LimitKey, number> | null = null;

    /** New transaction: zero counters and peaks. */
    reset(isAsync = false): void {
        this.counters = zero();
        this.isAsync = isAsync;
        this.outer = null;
        for (const k of LIMIT_KEYS) this.peak[k] = 0;
    }

    limit(k: LimitKey): number {
        return this.isAsync ? LIMITS[k].async : LIMITS[k].sync;
    }

    /** Adds to a counter; exceeding the limit throws the uncatchable LimitException. */
    add(k: LimitKey, n = 1): void {
        const v = (this.counters[k] += n);
        if (v > this.peak[k]) this.peak[k] = v;
        const max = this.limit(k);
        if (v > max) throw new ApexSystemError("LimitException", `${LIMITS[k].message}: ${v}`);
    }

    startWindow(): void {
        this.outer = this.counters;
        this.counters = zero();
    }

    endWindow(): void {
        if (this.outer) this.counters = this.outer;
        this.outer = null;
    }

    /** Runs `fn` with a fresh (async) limits context, e.g. a queued job; restores the caller's afterwards. */
    withContext<T>(isAsync: boolean, fn: () => T): T {
        const saved = this.counters;
        const savedAsync = this.isAsync;
        this.counters = zero();
        this.isAsync = isAsync;
        try {
            return fn();
        } finally {
            this.counters = saved;
            this.isAsync = savedAsync;
        }
    }
}
