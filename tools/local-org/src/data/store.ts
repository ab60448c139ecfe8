import { idSuffix } from "../runtime/values/id";
import type { Value } from "../runtime/values/values";

/** One stored record: lower-cased field name → value (fields only; no relationships). */
export type Row = Map<string, Value>;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A copy of the store's contents (`Database.setSavepoint`, `@TestSetup` restore). */
export interface StoreSnapshot {
    tables: Map<string, Map<string, Row>>;
    counter: number;
}

/**
 * The in-memory database: one table per object (lower-cased API name), rows keyed by 18-character Id,
 * in insertion order. Savepoints copy the tables (rows are copied, values are immutable).
 */
export class Store {
    tables = new Map<string, Map<string, Row>>();
    private counter = 0;
    /** Last auto number handed out per `object.field` (lower-cased); like Ids, never reused after a rollback. */
    private readonly autoNumbers = new Map<string, number>();
    /**
     * Rows as they were before the open transaction first changed them (null: the row did not exist), so an
     * unhandled exception can undo the transaction's DML without copying the whole store.
     */
    private journal: Map<string, Map<string, Row | null>> | null = null;

    table(objectLname: string): Map<string, Row> {
        let t = this.tables.get(objectLname);
        if (!t) {
            t = new Map();
            this.tables.set(objectLname, t);
        }
        return t;
    }

    /** A new 18-character Id with the object's key prefix and a valid case-safe suffix. */
    newId(keyPrefix: string): string {
        let n = ++this.counter;
        let body = "";
        for (let i = 0; i < 10; i++) {
            body = BASE62[n % 62] + body;
            n = Math.floor(n / 62);
        }
        // pod identifier "0L" keeps generated Ids recognisable next to seeded ones
        const id15 = `${keyPrefix}0L${body.slice(-10)}`.slice(0, 15);
        return id15 + idSuffix(id15);
    }

    /** The next auto number of a field (`object.field`, lower-cased), starting at `start`. */
    nextAutoNumber(key: string, start: number): number {
        const last = this.autoNumbers.get(key);
        const n = last === undefined ? start : last + 1;
        this.autoNumbers.set(key, n);
        return n;
    }

    get(objectLname: string, id: string): Row | undefined {
        return this.tables.get(objectLname)?.get(id);
    }

    /** Finds the table holding an Id (by scanning; Ids are unique across tables). */
    findById(id: string): { object: string; row: Row } | null {
        for (const [object, t] of this.tables) {
            const row = t.get(id);
            if (row) return { object, row };
        }
        return null;
    }

    /** Whether a transaction journal is open. */
    get journaling(): boolean {
        return this.journal !== null;
    }

    /** Opens a transaction journal (DML records each row's prior state with {@link touch}). */
    beginJournal(): void {
        this.journal = new Map();
    }

    /** Records a row's state before the open transaction changes it for the first time. */
    touch(objectLname: string, id: string): void {
        if (!this.journal) return;
        let t = this.journal.get(objectLname);
        if (!t) {
            t = new Map();
            this.journal.set(objectLname, t);
        }
        if (t.has(id)) return;
        const row = this.get(objectLname, id);
        t.set(id, row ? new Map(row) : null);
    }

    /** Closes the journal, keeping the transaction's changes. */
    commitJournal(): void {
        this.journal = null;
    }

    /** Closes the journal, undoing every row change the transaction made (Ids are not reused). */
    rollbackJournal(): void {
        const journal = this.journal;
        this.journal = null;
        if (!journal) return;
        for (const [objectLname, rows] of journal) {
            const table = this.table(objectLname);
            for (const [id, before] of rows) {
                if (before === null) table.delete(id);
                else table.set(id, before);
            }
        }
    }

    snapshot(): StoreSnapshot {
        const tables = new Map<string, Map<string, Row>>();
        for (const [k, t] of this.tables) {
            const copy = new Map<string, Row>();
            for (const [id, row] of t) copy.set(id, new Map(row));
            tables.set(k, copy);
        }
        return { tables, counter: this.counter };
    }

    restore(s: StoreSnapshot): void {
        const tables = new Map<string, Map<string, Row>>();
        for (const [k, t] of s.tables) {
            const copy = new Map<string, Row>();
            for (const [id, row] of t) copy.set(id, new Map(row));
            tables.set(k, copy);
        }
        this.tables = tables;
        // Ids are never reused after a rollback, as on the platform.
        this.counter = Math.max(this.counter, s.counter);
    }

    clear(): void {
        this.tables.clear();
    }
}
