/**
 * Commits between the local org's workers. Each worker runs one transaction at a time; what a transaction
 * changed (rows and Platform Cache entries) is captured as a {@link ChangeSet} by comparing the data before
 * and after, and applied by every worker in the order the main thread received the commits.
 */
import type { LocalOrg } from "../../../local-org/src/index";
import type { Row, StoreSnapshot } from "../../../local-org/src/data/store";
import type { Value } from "../../../local-org/src/runtime/values/values";
import { NotWireableError, fromWire, sameValue, toWire, type WireValue } from "./wireValues";

/** A row on the wire: `[lower-cased field, value]` pairs. */
export type WireRow = [string, WireValue][];

/** A cache entry on the wire (`value: undefined` = removed). */
export interface WireCacheEntry {
    kind: "org" | "session";
    partition: string;
    key: string;
    value?: WireValue;
}

/** The rows and cache entries one transaction changed (or a worker's whole state when `full`). */
export interface ChangeSet {
    /** Replace every table instead of merging (a replica's initial state). */
    full: boolean;
    /** Table (lower-cased object name) → rows written, by Id. */
    upserts: [string, [string, WireRow][]][];
    /** Table → Ids removed. */
    deletes: [string, string[]][];
    cache: WireCacheEntry[];
}

const KINDS = ["org", "session"] as const;

/** Data as it was when a transaction began. */
export interface Before {
    tables: StoreSnapshot["tables"];
    cache: Map<string, Value>;
}

function cacheKey(kind: string, partition: string, key: string): string {
    return `${kind}\u0000${partition}\u0000${key}`;
}

/** Every live Platform Cache entry of the org, keyed by kind, partition and key. */
function cacheEntries(org: LocalOrg): Map<string, Value> {
    const out = new Map<string, Value>();
    const cache = org.data.cache;
    for (const partition of cache.partitions)
        for (const kind of KINDS)
            for (const key of cache.keys(kind, partition))
                out.set(cacheKey(kind, partition, key), cache.get(kind, partition, key));
    return out;
}

/** Copies the data before a transaction (rows are copied: DML updates them in place). */
export function capture(org: LocalOrg): Before {
    return { tables: org.data.store.snapshot().tables, cache: cacheEntries(org) };
}

function wireRow(row: Row): WireRow {
    return [...row].map(([k, v]): [string, WireValue] => [k, toWire(v)]);
}

function rowChanged(a: Row, b: Row): boolean {
    if (a.size !== b.size) return true;
    for (const [k, v] of b) if (!sameValue(a.get(k), v)) return true;
    return false;
}

/** What changed since {@link capture}; null when nothing did. `wrote` is true when rows changed. */
export function diff(org: LocalOrg, before: Before): { changes: ChangeSet; wrote: boolean } | null {
    const upserts: ChangeSet["upserts"] = [];
    const deletes: ChangeSet["deletes"] = [];
    const tables = org.data.store.tables;
    for (const [name, table] of tables) {
        const old = before.tables.get(name);
        const changed: [string, WireRow][] = [];
        for (const [id, row] of table) {
            const prev = old?.get(id);
            if (!prev || rowChanged(prev, row)) changed.push([id, wireRow(row)]);
        }
        if (changed.length) upserts.push([name, changed]);
    }
    for (const [name, old] of before.tables) {
        const table = tables.get(name);
        const gone = [...old.keys()].filter((id) => !table?.has(id));
        if (gone.length) deletes.push([name, gone]);
    }
    const cache: WireCacheEntry[] = [];
    const now = cacheEntries(org);
    for (const [k, v] of now) {
        if (before.cache.has(k) && before.cache.get(k) === v) continue;
        const [kind, partition, key] = k.split("\u0000");
        try {
            cache.push({ kind: kind as "org" | "session", partition, key, value: toWire(v) });
        } catch (e) {
            // An Apex object in the cache stays in this worker: a miss elsewhere is what a cache allows.
            if (!(e instanceof NotWireableError)) throw e;
        }
    }
    for (const k of before.cache.keys()) {
        if (now.has(k)) continue;
        const [kind, partition, key] = k.split("\u0000");
        cache.push({ kind: kind as "org" | "session", partition, key });
    }
    const wrote = upserts.length > 0 || deletes.length > 0;
    if (!wrote && !cache.length) return null;
    return { changes: { full: false, upserts, deletes, cache }, wrote };
}

/** The whole store and cache as a change set (sent once to a new replica). */
export function fullState(org: LocalOrg): ChangeSet {
    const upserts: ChangeSet["upserts"] = [];
    for (const [name, table] of org.data.store.tables)
        upserts.push([name, [...table].map(([id, row]): [string, WireRow] => [id, wireRow(row)])]);
    const empty: Before = { tables: new Map(), cache: new Map() };
    const cache = diff(org, empty)?.changes.cache ?? [];
    return { full: true, upserts, deletes: [], cache };
}

/** Applies a change set to this worker's org (rows replaced whole: last committed writer wins per row). */
export function apply(org: LocalOrg, changes: ChangeSet): void {
    const store = org.data.store;
    if (changes.full) store.tables.clear();
    for (const [name, rows] of changes.upserts) {
        const table = store.table(name);
        for (const [id, row] of rows)
            table.set(id, new Map<string, Value>(row.map(([k, v]): [string, Value] => [k, fromWire(v)])));
    }
    for (const [name, ids] of changes.deletes) {
        const table = store.table(name);
        for (const id of ids) table.delete(id);
    }
    const cache = org.data.cache;
    for (const e of changes.cache) {
        if (e.value === undefined) cache.remove(e.kind, e.partition, e.key);
        // The entry's TTL does not travel; it gets the default, which only matters past a day.
        else cache.put(e.kind, e.partition, e.key, fromWire(e.value), null);
    }
}

/**
 * Moves this worker's generated Ids into their own range (`index` × 62⁸), so records inserted by parallel
 * transactions in different workers never share an Id.
 */
export function reserveIdSpace(org: LocalOrg, index: number): void {
    const store = org.data.store;
    const s = store.snapshot();
    store.restore({ tables: s.tables, counter: Math.max(s.counter, index * 62 ** 8) });
}
