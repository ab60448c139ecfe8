/**
 * Which worker runs an `@AuraEnabled` call. The primary runs everything that writes; replicas run what the
 * platform or experience says is read-only, in parallel with it, each call its own transaction. A boxcar (the
 * calls of one request) runs on one worker: a replica when every call in it may, else the primary.
 */

/** Where a call runs. */
export type Target = "primary" | "replica";

/** Why a call runs where it does (shown in the stats and the README). */
export type RouteReason = "cacheable" | "known writer" | "observed read-only" | "not yet observed";

/** `Class.method`, case-insensitive as Apex names are. */
export function methodKey(className: string, method: string): string {
    return `${className}.${method}`.toLowerCase();
}

/**
 * Routing rules:
 * - `@AuraEnabled(cacheable=true)` → a replica, always (the platform forbids DML there);
 * - a method seen writing (rows changed in its transaction) → the primary;
 * - a method whose transaction on the primary completed without writing → replicas from then on;
 * - a method not seen yet → the primary.
 * A replica transaction that does write still commits (its changes are shipped to every worker) and sends
 * the method back to the primary, so nothing is lost when a method only sometimes writes.
 */
export class Router {
    private readonly cacheable: Set<string>;
    private readonly writers = new Set<string>();
    private readonly readers = new Set<string>();

    constructor(cacheable: Iterable<string>) {
        this.cacheable = new Set([...cacheable].map((k) => k.toLowerCase()));
    }

    /** Where the call goes, and why. */
    route(key: string): { target: Target; reason: RouteReason } {
        const k = key.toLowerCase();
        if (this.cacheable.has(k)) return { target: "replica", reason: "cacheable" };
        if (this.writers.has(k)) return { target: "primary", reason: "known writer" };
        if (this.readers.has(k)) return { target: "replica", reason: "observed read-only" };
        return { target: "primary", reason: "not yet observed" };
    }

    /** Records how a transaction of the method went. */
    observe(key: string, ranOn: Target, wrote: boolean): void {
        const k = key.toLowerCase();
        if (wrote) {
            this.writers.add(k);
            this.readers.delete(k);
        } else if (ranOn === "primary" && !this.writers.has(k)) this.readers.add(k);
    }

    /** Whether the method is declared cacheable. */
    isCacheable(key: string): boolean {
        return this.cacheable.has(key.toLowerCase());
    }
}
