import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { hashKey } from "../runtime/values/equality";
import type { Value } from "../runtime/values/values";
import { DmlFailure, executeDml, rowToSObject, type DmlEnv, type DmlError, type DmlOp, type DmlRowResult } from "./dml";
import type { Governor } from "./limits";
import type { ObjectDef } from "./schema";
import { SObjectValue } from "./sobject";

/**
 * Apex triggers on DML (Apex Developer Guide: "Triggers", "Trigger Context Variables", "Triggers and
 * Order of Execution", "Bulk DML Exception Handling"). Per chunk of 200 records: before triggers →
 * validation (required fields, formats, `addError`) → save → after triggers. An all-or-none statement
 * with any failure is rolled back completely (trigger DML included) and throws `DmlException`; a
 * partial (`allOrNone = false`) call is rolled back and retried with the records that did not fail, at
 * most three attempts, governor limits reset to their state before the first attempt.
 */
export type TriggerEvent = "insert" | "update" | "delete" | "undelete";
export type TriggerTiming = "before" | "after";

/** One loaded trigger (the interpreter runs its body). */
export interface TriggerDef {
    name: string;
    objectLname: string;
    /** `before insert`, `after update`, … */
    events: Set<string>;
    /** Opaque handle for the runner (the compilation unit). */
    unit: unknown;
}

/** The context a running trigger sees through `Trigger.*`. */
export interface TriggerContext {
    def: TriggerDef;
    timing: TriggerTiming;
    event: TriggerEvent;
    newList: SObjectValue[] | null;
    oldList: SObjectValue[] | null;
}

/** What the DML engine needs from the interpreter to run trigger bodies. */
export interface TriggerRunner {
    /** Runs the trigger body; throws what the body throws. */
    run(ctx: TriggerContext): void;
    /**
     * An unhandled exception from a trigger as the platform reports it in the DML error
     * (`System.NullPointerException: …` plus the stack); null = uncatchable (limits, unsupported): rethrow.
     */
    describe(e: unknown): string | null;
}

/** The platform's trigger depth limit (a trigger whose DML fires triggers, 16 levels deep). */
const MAX_TRIGGER_DEPTH = 16;
const CHUNK = 200;

export class Triggers {
    readonly byObject = new Map<string, TriggerDef[]>();
    /** Innermost last. */
    readonly stack: TriggerContext[] = [];
    runner: TriggerRunner | null = null;

    add(def: TriggerDef): void {
        let list = this.byObject.get(def.objectLname);
        if (!list) {
            list = [];
            this.byObject.set(def.objectLname, list);
        }
        list.push(def);
    }

    has(objectLname: string): boolean {
        return this.byObject.has(objectLname);
    }

    get current(): TriggerContext | null {
        return this.stack[this.stack.length - 1] ?? null;
    }

    /** Fires the triggers of one timing/event for a chunk; returns an error per record for an unhandled exception. */
    private fire(
        def: ObjectDef,
        timing: TriggerTiming,
        event: TriggerEvent,
        newList: SObjectValue[] | null,
        oldList: SObjectValue[] | null
    ): DmlError | null {
        const defs = (this.byObject.get(def.name.toLowerCase()) ?? []).filter((t) =>
            t.events.has(`${timing} ${event}`)
        );
        if (!defs.length) return null;
        const runner = this.runner;
        if (!runner) throw new UnsupportedError(`trigger ${defs[0].name} (no interpreter attached)`);
        for (const t of defs) {
            if (this.stack.length >= MAX_TRIGGER_DEPTH)
                return {
                    statusCode: "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                    message: `${t.name}: maximum trigger depth exceeded`,
                    fields: []
                };
            this.stack.push({ def: t, timing, event, newList, oldList });
            try {
                runner.run(this.stack[this.stack.length - 1]);
            } catch (e) {
                const text = runner.describe(e);
                if (text === null) throw e;
                const phase = `${timing[0].toUpperCase()}${timing.slice(1)}${event[0].toUpperCase()}${event.slice(1)}`;
                return {
                    statusCode: "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                    message: `${t.name}: execution of ${phase}\n\ncaused by: ${text}`,
                    fields: []
                };
            } finally {
                this.stack.pop();
            }
        }
        return null;
    }

    /** Runs the subscriber triggers of a platform event for delivered events. */
    deliverEvents(def: ObjectDef, events: SObjectValue[]): void {
        const err = this.fire(def, "after", "insert", events, null);
        if (err)
            throw new UnsupportedError(
                `unhandled exception in a platform event trigger on ${def.name} (delivery failures are not modelled): ${err.message}`
            );
    }

    /**
     * Runs a DML operation on records of one object that has triggers. `existing(id)` reads the stored row
     * (null when absent or, except for undelete, deleted).
     */
    dml(env: DmlEnv, governor: Governor, op: DmlOp, records: SObjectValue[], allOrNone: boolean): DmlRowResult[] {
        if (op === "upsert")
            throw new UnsupportedError(`upsert on ${records[0].def.name}, which has triggers (not modelled)`);
        const def = records[0].def;
        if (records.some((r) => r.def !== def))
            throw new UnsupportedError("DML on a list of several SObject types where one has triggers");
        const event = op as TriggerEvent;
        const snapshot = env.store.snapshot();
        const limits = { ...governor.counters };
        const final = new Map<number, DmlRowResult>();
        let active = records.map((_r, i) => i);
        for (let attempt = 1; ; attempt++) {
            const failed = this.attempt(env, def, event, records, active, final, allOrNone);
            if (failed.size === 0) break;
            env.store.restore(snapshot);
            for (const i of active) final.delete(i);
            if (allOrNone) {
                const failures = [...failed]
                    .sort((a, b) => a[0] - b[0])
                    .map(([index, error]) => ({ index, error, id: records[index].id, object: def }));
                throw new DmlFailure(op, failures);
            }
            if (attempt === 3)
                throw new ApexSystemError(
                    "DmlException",
                    "Too many batch retries in the presence of Apex triggers and partial failures."
                );
            for (const [i, error] of failed)
                final.set(i, { id: records[i].id, success: false, created: false, errors: [error] });
            active = active.filter((i) => !failed.has(i));
            Object.assign(governor.counters, limits);
        }
        return records.map((r, i) => final.get(i) ?? { id: r.id, success: false, created: false, errors: [] });
    }

    /** One attempt over the active records; returns the failures (empty: everything was saved). */
    private attempt(
        env: DmlEnv,
        def: ObjectDef,
        event: TriggerEvent,
        records: SObjectValue[],
        active: number[],
        final: Map<number, DmlRowResult>,
        allOrNone: boolean
    ): Map<number, DmlError> {
        const failed = new Map<number, DmlError>();
        const table = env.store.table(def.name.toLowerCase());
        const stored = (o: SObjectValue): SObjectValue | null => {
            const id = o.id;
            const row = id ? table.get(id) : undefined;
            if (!row) return null;
            if (event !== "undelete" && row.get("isdeleted") === true) return null;
            return rowToSObject(def, row);
        };
        for (let start = 0; start < active.length; start += CHUNK) {
            // all-or-none stops at the first chunk with a failure; a partial call sets aside every failure
            if (failed.size && allOrNone) break;
            const chunk = active.slice(start, start + CHUNK);
            // Records the DML cannot touch (no such row) get their error from the DML engine, without triggers.
            const olds = chunk.map((i) => (event === "insert" ? null : stored(records[i])));
            const inTrigger = chunk.filter((_i, k) => event === "insert" || olds[k] !== null);
            const oldOf = new Map(chunk.map((i, k) => [i, olds[k]]));
            const newOf = new Map<number, SObjectValue>();
            for (const i of inTrigger) {
                const src = records[i];
                if (event === "delete") continue;
                if (event === "undelete") {
                    newOf.set(i, oldOf.get(i) as SObjectValue);
                    continue;
                }
                const n = event === "update" ? (oldOf.get(i) as SObjectValue) : new SObjectValue(def);
                const copy = event === "update" ? rowToSObject(def, new Map(n.values)) : n;
                for (const [k, v] of src.values) copy.values.set(k, v);
                copy.errors.push(...src.errors);
                newOf.set(i, copy);
            }
            for (const o of oldOf.values()) if (o) o.readOnly = true;
            const newList = event === "delete" ? null : inTrigger.map((i) => newOf.get(i) as SObjectValue);
            const oldList =
                event === "insert" || event === "undelete" ? null : inTrigger.map((i) => oldOf.get(i) as SObjectValue);
            const beforeError =
                event === "undelete" || inTrigger.length === 0
                    ? null
                    : this.fire(def, "before", event, newList, oldList);
            if (beforeError) {
                for (const i of inTrigger) failed.set(i, beforeError);
                continue;
            }
            // What is saved: the trigger's view of each record (its field changes and errors), for update only
            // the fields the caller set or the trigger changed.
            const toSave = chunk.map((i) => {
                if (event === "delete") {
                    const o = oldOf.get(i);
                    return o ? o : records[i];
                }
                const n = newOf.get(i);
                if (!n) return records[i];
                if (event !== "update") return n;
                const old = oldOf.get(i) as SObjectValue;
                const save = new SObjectValue(def);
                for (const [k, v] of n.values) {
                    const was = old.values.get(k) ?? null;
                    if (records[i].values.has(k) || !sameValue(was, v)) save.values.set(k, v);
                }
                save.values.set("id", old.values.get("id") ?? null);
                save.errors.push(...n.errors);
                return save;
            });
            const results = executeDml(env, event, toSave, false);
            const saved: number[] = [];
            chunk.forEach((i, k) => {
                const r = results[k];
                if (r.success) saved.push(i);
                else failed.set(i, r.errors[0]);
                final.set(i, r);
            });
            if (failed.size) continue;
            // Ids of inserted records go back to the caller's records (field changes made by triggers do not).
            if (event === "insert")
                chunk.forEach((i, k) => {
                    const id = results[k].id;
                    if (id) records[i].values.set("id", toSave[k].values.get("id") ?? null);
                });
            const afterNew =
                event === "delete"
                    ? null
                    : saved.map((i) => {
                          const row = table.get(results[chunk.indexOf(i)].id as string);
                          const o = rowToSObject(def, row ?? new Map());
                          o.readOnly = true;
                          return o;
                      });
            const afterOld =
                event === "insert" || event === "undelete" ? null : saved.map((i) => oldOf.get(i) as SObjectValue);
            for (const o of afterOld ?? []) o.errors.length = 0;
            const afterError = saved.length ? this.fire(def, "after", event, afterNew, afterOld) : null;
            if (afterError) {
                for (const i of saved) failed.set(i, afterError);
                continue;
            }
            // addError in an after trigger fails the record too.
            saved.forEach((i, k) => {
                const o = event === "delete" ? (afterOld as SObjectValue[])[k] : (afterNew as SObjectValue[])[k];
                if (o.errors.length)
                    failed.set(i, {
                        statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        message: o.errors[0],
                        fields: []
                    });
            });
        }
        return failed;
    }
}

function sameValue(a: Value, b: Value): boolean {
    if (a === null || b === null) return a === b;
    return hashKey(a) === hashKey(b);
}
