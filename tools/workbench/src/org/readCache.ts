/**
 * Results of read-only look-ups (e.g. the running user's custom permissions) kept until a commit changes a
 * table they read. The pool sees every transaction's commit before the caller hears back, so a look-up
 * answered from here is as fresh as running it again: the next request after a `PermissionSetAssignment`
 * insert recomputes.
 */
import type { ChangeSet } from "./replication";

interface Entry<T> {
    /** Lower-cased tables the look-up reads. */
    tables: ReadonlySet<string>;
    /** The look-up's outcome (shared by concurrent callers while it runs). */
    value: Promise<T>;
}

/** Lower-cased table names a change set writes (upserts or deletes). */
export function touchedTables(changes: ChangeSet): Set<string> {
    return new Set([...changes.upserts.map(([t]) => t), ...changes.deletes.map(([t]) => t)]);
}

/** Cached look-ups by key, each dropped when a commit writes one of the tables it depends on. */
export class ReadCache<T> {
    private readonly entries = new Map<string, Entry<T>>();

    /**
     * The cached outcome of `key`, or runs `load` (once, however many callers ask while it runs). An outcome
     * `keep` refuses (e.g. a failed run) and a rejected load are not kept, so the next caller tries again.
     */
    get(
        key: string,
        tables: readonly string[],
        load: () => Promise<T>,
        keep: (v: T) => boolean = () => true
    ): Promise<T> {
        const hit = this.entries.get(key);
        if (hit) return hit.value;
        const entry: Entry<T> = { tables: new Set(tables.map((t) => t.toLowerCase())), value: load() };
        this.entries.set(key, entry);
        // Only this entry is dropped: an invalidation while it ran already replaced or removed it.
        const drop = (): void => {
            if (this.entries.get(key) === entry) this.entries.delete(key);
        };
        entry.value.then((v) => (keep(v) ? undefined : drop()), drop);
        return entry.value;
    }

    /**
     * Drops every entry that reads a table the commit wrote (all of them for a full state). A look-up still
     * running is dropped too: it may have read the rows before this commit reached its worker.
     * Returns the keys dropped.
     */
    invalidate(changes: ChangeSet): string[] {
        const touched = touchedTables(changes);
        const dropped: string[] = [];
        for (const [key, e] of this.entries)
            if (changes.full || [...e.tables].some((t) => touched.has(t))) {
                this.entries.delete(key);
                dropped.push(key);
            }
        return dropped;
    }

    /** Whether `key` has an outcome (or a look-up running). */
    has(key: string): boolean {
        return this.entries.has(key);
    }
}
