import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import Decimal from "decimal.js";
import { ApexDatetime, ApexDecimal, ApexId, type Value } from "../runtime/values/values";
import { formatAutoNumber, type FieldDef, type ObjectDef, type Schema } from "./schema";
import { canField, canObject, type Perms } from "./security";
import { SObjectValue } from "./sobject";
import type { Row, Store } from "./store";
import type { DmlError } from "./dmlError";
import { onSave, type CallState } from "./standardBehaviour";
import type { RecordAccess } from "./sharing";
import { checkPersonAccount, deletePersonAccount, isPersonAccountRow, savePersonAccount } from "./personAccounts";

export type DmlOp = "insert" | "update" | "upsert" | "delete" | "undelete";

/** One `Database.Error`. */

/** Result for one record (SaveResult / UpsertResult / DeleteResult). */
export interface DmlRowResult {
    id: string | null;
    success: boolean;
    created: boolean;
    errors: DmlError[];
}

/** What the DML engine needs from the org. */
export interface DmlEnv {
    schema: Schema;
    store: Store;
    now(): number;
    userId(): string;
    /** Effective permissions when the operation runs in user mode; null = system mode. */
    perms: Perms | null;
    /** Record-level sharing when the operation enforces it (user mode, or `with sharing`); null = not enforced. */
    access?: RecordAccess | null;
}

const NO_RECORD_ACCESS = "insufficient access rights on object id";

/**
 * Sharing checks of one saved record (null = allowed). An update or delete of a record the user cannot edit or
 * delete fails with INSUFFICIENT_ACCESS_OR_READONLY, as on the platform. What the local org does not model fails
 * loudly: a lookup to a record the user cannot see, a child created under a parent the user cannot edit
 * (Controlled by Parent), and a change of owner by someone who neither owns the record nor has Modify All.
 */
function sharingError(
    env: DmlEnv,
    def: ObjectDef,
    o: SObjectValue,
    current: Row | null,
    op: "edit" | "delete"
): DmlError | null {
    const access = env.access;
    if (!access) return null;
    if (current && !access.can(def, current, op)) return err("INSUFFICIENT_ACCESS_OR_READONLY", NO_RECORD_ACCESS);
    if (op === "delete") return null;
    for (const [k, v] of o.values) {
        const f = def.fields.get(k);
        if (!f || f.type !== "REFERENCE" || !(v instanceof ApexId)) continue;
        if (current && current.get(k) instanceof ApexId && (current.get(k) as ApexId).id18 === v.id18) continue;
        if (f.name === "OwnerId") {
            if (current && !access.can(def, new Map([["ownerid", current.get("ownerid") ?? null]]), "delete"))
                throw new UnsupportedError(
                    `changing the owner of a ${def.name} the running user does not own, under sharing`
                );
            continue;
        }
        if (f.system) continue;
        const target = env.schema.objectOfPrefix(v.id18.slice(0, 3));
        const row = target ? env.store.get(target.name.toLowerCase(), v.id18) : undefined;
        if (!target || !row) continue;
        const parentOfChild = f.masterDetail || (def.name === "Contact" && f.name === "AccountId");
        if (!access.can(target, row, parentOfChild ? "edit" : "read"))
            throw new UnsupportedError(
                `saving a ${def.name} whose ${f.name} is a ${target.name} the running user cannot ${parentOfChild ? "edit" : "see"}, under sharing`
            );
    }
    return null;
}

/** One failed record of an all-or-none DML call (DmlException `getDml*(i)`). */
export interface DmlFailureRow {
    /** Position in the DML call's list. */
    index: number;
    error: DmlError;
    /** The record's Id (null for a record being inserted). */
    id?: string | null;
    /** The record's object (for `getDmlFields`). */
    object?: ObjectDef;
}

/** Thrown for an all-or-none failure: a DmlException with the platform's message and per-row details. */
export class DmlFailure extends ApexSystemError {
    constructor(
        readonly op: DmlOp,
        readonly failures: DmlFailureRow[]
    ) {
        const first = failures[0];
        const fields = first.error.fields.length ? ` [${first.error.fields.join(", ")}]` : ": []";
        super(
            "DmlException",
            `${op[0].toUpperCase()}${op.slice(1)} failed. First exception on row ${first.index}; first error: ${first.error.statusCode}, ${first.error.message}:${fields}`
        );
    }
}

function err(statusCode: string, message: string, fields: string[] = []): DmlError {
    return { statusCode, message, fields };
}

const NAME_COMPOSED = new Set(["contact", "lead", "user"]);

/** Required and defaulted fields per object, computed once (DML of 10,000 rows walks them per row). */
interface FieldLists {
    required: FieldDef[];
    defaults: FieldDef[];
    /** Picklists with an active default value (`<default>true</default>`, a standard picklist's default). */
    picklistDefaults: { field: FieldDef; value: string }[];
    /** Master-detail fields that do not allow reparenting. */
    fixedMasters: FieldDef[];
}
const fieldLists = new WeakMap<ObjectDef, FieldLists>();
function listsOf(def: ObjectDef): FieldLists {
    let l = fieldLists.get(def);
    if (!l) {
        const all = [...def.fields.values()];
        l = {
            required: all.filter((f) => f.required && !f.system),
            defaults: all.filter((f) => f.defaultValue !== null),
            picklistDefaults: all.flatMap((f) => {
                // a required picklist (Opportunity.StageName) is not defaulted on save: the caller must set it
                const value =
                    f.system || f.required ? undefined : f.picklist?.values.find((e) => e.isDefault && e.active)?.value;
                return value === undefined ? [] : [{ field: f, value }];
            }),
            fixedMasters: all.filter((f) => f.masterDetail && !f.masterDetail.reparentable)
        };
        fieldLists.set(def, l);
    }
    return l;
}

/** Validates the populated fields of a record for create/update; returns the first error. */
function validate(env: DmlEnv, o: SObjectValue, creating: boolean, merged: Row): DmlError | null {
    const def = o.def;
    if (def.customMetadata)
        return err("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", `DML operation not allowed on ${def.name}`);
    if (o.errors.length) return err("FIELD_CUSTOM_VALIDATION_EXCEPTION", o.errors[0]);
    if (env.perms) {
        if (!canObject(env.perms, def, creating ? "create" : "edit"))
            return err("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
    }
    for (const [k, v] of o.values) {
        const f = def.fields.get(k);
        if (!f) continue; // relationship values are not written
        if (k === "id") continue;
        if (f.system) continue; // platform-managed, never written from Apex
        if (env.perms && v !== null && !canField(env.perms, def, f, "edit"))
            return err(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                [f.name]
            );
        if (typeof v === "string" && f.length > 0 && v.length > f.length)
            return err(
                "STRING_TOO_LONG",
                `${f.label}: data value too large: ${v.length > 40 ? v.slice(0, 40) + "..." : v} (max length=${f.length})`,
                [f.name]
            );
        if (f.picklist?.restricted && typeof v === "string" && v !== "") {
            const bad = restrictedPicklistMiss(f, v);
            if (bad !== null)
                return err(
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    `${f.label}: bad value for restricted picklist field: ${bad}`,
                    [f.name]
                );
        }
        if (outOfRange(f, v))
            return err(
                "NUMBER_OUTSIDE_VALID_RANGE",
                `${f.label}: value outside of valid range on numeric field: ${String(v)}`,
                [f.name]
            );
        if (f.type === "EMAIL" && typeof v === "string" && v !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
            return err("INVALID_EMAIL_ADDRESS", `${f.label}: invalid email address: ${v}`, [f.name]);
        if (f.type === "REFERENCE" && v instanceof ApexId) {
            const target = f.referenceTo
                .map((r) => env.schema.object(r))
                .find((t) => t && v.id18.startsWith(t.keyPrefix));
            // an existing Id of another object: the platform's field integrity check
            if (!target && env.schema.objectOfPrefix(v.id18.slice(0, 3)))
                return err("FIELD_INTEGRITY_EXCEPTION", `${f.label}: id value of incorrect type: ${v.id18}`, [f.name]);
            const parent = target ? env.store.get(target.name.toLowerCase(), v.id18) : undefined;
            if (!parent) return err("INVALID_CROSS_REFERENCE_KEY", `invalid cross reference id`, [f.name]);
            // a parent in the recycle bin
            if (parent.get("isdeleted") === true) return err("ENTITY_IS_DELETED", "entity is deleted", [f.name]);
        }
    }
    const missing: string[] = [];
    const person = isPersonAccountRow(env.schema, env.store, def, merged);
    for (const f of listsOf(def).required) {
        if (person && f.name === "Name") continue; // a person account requires LastName instead
        const v = merged.get(f.name.toLowerCase());
        if (v === null || v === undefined || v === "") missing.push(f.name);
    }
    if (missing.length)
        return err("REQUIRED_FIELD_MISSING", `Required fields are missing: [${missing.join(", ")}]`, missing);
    return null;
}

/**
 * The first value a restricted picklist does not accept (active values, case-sensitive; each part of a
 * multi-select value), or null when every value is accepted.
 */
function restrictedPicklistMiss(f: FieldDef, v: string): string | null {
    const values = f.picklist?.values ?? [];
    const parts = f.type === "MULTIPICKLIST" ? v.split(";") : [v];
    for (const part of parts) if (!values.some((e) => e.active && e.value === part)) return part;
    return null;
}

/** Whether a number has more integer digits than the field holds (precision − scale, or an integer's digits). */
function outOfRange(f: FieldDef, v: Value): boolean {
    if (v instanceof ApexDecimal && f.precision !== undefined && f.precision > 0)
        return integerDigits(v.d) > f.precision - (f.scale ?? 0);
    if (typeof v === "number" && f.type === "INTEGER" && f.digits !== undefined)
        return integerDigits(new Decimal(v)) > f.digits;
    return false;
}

function integerDigits(d: Decimal): number {
    const whole = d.abs().trunc();
    return whole.isZero() ? 0 : whole.toFixed(0).length;
}

/** The stored value: numbers with more decimal places than the field's scale are rounded half up, as on save. */
function stored(f: FieldDef, v: Value): Value {
    if (v instanceof ApexDecimal && f.scale !== undefined && f.precision !== undefined && v.scale > f.scale)
        return new ApexDecimal(v.d.toDecimalPlaces(f.scale, Decimal.ROUND_HALF_UP), f.scale);
    return v;
}

/**
 * An update leaves a master-detail field that does not allow reparenting as it was: the platform ignores the new
 * value without an error (observed behaviour; `isUpdateable()` is false for such a field).
 */
function keepMasters(def: ObjectDef, current: Row, merged: Row): void {
    for (const f of listsOf(def).fixedMasters) {
        const k = f.name.toLowerCase();
        merged.set(k, current.get(k) ?? null);
    }
}

function fieldsToRow(def: ObjectDef, o: SObjectValue, into: Row): void {
    for (const [k, v] of o.values) {
        const f = def.fields.get(k);
        if (!f || f.system) continue;
        into.set(k, stored(f, v));
    }
}

function composeName(def: ObjectDef, row: Row): void {
    if (!NAME_COMPOSED.has(def.name.toLowerCase())) return;
    const first = row.get("firstname");
    const last = row.get("lastname");
    row.set("name", [first, last].filter((x) => typeof x === "string" && x !== "").join(" ") || null);
}

function stamp(env: DmlEnv, def: ObjectDef, row: Row, creating: boolean): void {
    const now = new ApexDatetime(env.now());
    const user = new ApexId(env.userId());
    if (creating) {
        row.set("createddate", now);
        row.set("createdbyid", user);
        row.set("isdeleted", false);
        if (def.fields.has("ownerid") && !(row.get("ownerid") instanceof ApexId)) row.set("ownerid", user);
        for (const f of listsOf(def).defaults)
            if ((row.get(f.name.toLowerCase()) ?? null) === null) row.set(f.name.toLowerCase(), f.defaultValue);
        // auto-number fields are system fields: whatever Apex put there was never copied into the row
        for (const f of def.fields.values()) {
            if (!f.autoNumber) continue;
            const key = `${def.name}.${f.name}`.toLowerCase();
            const n = env.store.nextAutoNumber(key, f.autoNumber.startingNumber);
            row.set(f.name.toLowerCase(), formatAutoNumber(f.autoNumber.displayFormat, n));
        }
    }
    row.set("lastmodifieddate", now);
    row.set("lastmodifiedbyid", user);
    row.set("systemmodstamp", now);
    composeName(def, row);
}

interface Planned {
    index: number;
    apply: () => void;
    result: DmlRowResult;
}

/**
 * Runs one DML operation. Validation happens for every record before anything is written, so an
 * all-or-none operation with an error writes nothing and throws {@link DmlFailure}; otherwise the
 * valid records are written and each gets its result. Ids are written back to the caller's records.
 */
export function executeDml(
    env: DmlEnv,
    op: DmlOp,
    records: SObjectValue[],
    allOrNone: boolean,
    externalIdField: FieldDef | null = null
): DmlRowResult[] {
    const plans: Planned[] = [];
    // masters deleted by this operation, per object: their details are deleted once, after every record
    const deleted = new Map<ObjectDef, Set<string>>();
    const deletedIdsOf = (def: ObjectDef): Set<string> => {
        let ids = deleted.get(def);
        if (!ids) {
            ids = new Set();
            deleted.set(def, ids);
        }
        return ids;
    };
    const failures: DmlFailureRow[] = [];
    const seen = new Set<string>();
    const unique = new UniqueIndex(env);
    const call: CallState = new Map();
    records.forEach((o, index) => {
        const fail = (e: DmlError): void => {
            failures.push({ index, error: e, id: o.id, object: o.def });
            plans.push({
                index,
                apply: () => undefined,
                result: { id: o.id, success: false, created: false, errors: [e] }
            });
        };
        const def = o.def;
        const table = env.store.table(def.name.toLowerCase());
        let mode: "insert" | "update" | "delete" | "undelete" = op === "upsert" ? "insert" : op;
        let existingId = o.id;
        if (op === "upsert") {
            if (externalIdField) {
                const v = o.values.get(externalIdField.name.toLowerCase()) ?? null;
                // Without an external Id value the record's own Id (if any) decides.
                if (v === null) existingId = o.id;
                else {
                    const key = typeof v === "string" ? v.toLowerCase() : String(v);
                    const matches = [...table.values()].filter((r) => {
                        const rv = r.get(externalIdField.name.toLowerCase());
                        return (
                            rv !== undefined &&
                            rv !== null &&
                            (typeof rv === "string" ? rv.toLowerCase() : String(rv)) === key
                        );
                    });
                    if (matches.length > 1) {
                        fail(
                            err(
                                "DUPLICATE_EXTERNAL_ID",
                                `${externalIdField.label}: more than one record found for external id field: ${matches.map((m) => String(m.get("id"))).join(", ")}`,
                                [externalIdField.name]
                            )
                        );
                        return;
                    }
                    existingId = matches.length ? String(matches[0].get("id")) : null;
                }
            }
            mode = existingId ? "update" : "insert";
        }
        if (mode === "insert") {
            if (o.id && op === "insert") {
                fail(err("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", ["Id"]));
                return;
            }
            const row: Row = new Map();
            fieldsToRow(def, o, row);
            // a picklist's default value is saved when the record leaves the field empty
            for (const { field, value } of listsOf(def).picklistDefaults)
                if ((row.get(field.name.toLowerCase()) ?? null) === null) row.set(field.name.toLowerCase(), value);
            const e =
                sharingError(env, def, o, null, "edit") ??
                validate(env, o, true, row) ??
                checkPersonAccount(env.schema, env.store, o, row, null) ??
                unique.check(def, o, null) ??
                onSave(env, o, row, null, null, call);
            if (e) return fail(e);
            const result: DmlRowResult = { id: null, success: true, created: true, errors: [] };
            plans.push({
                index,
                result,
                apply: () => {
                    const id = env.store.newId(def.keyPrefix);
                    env.store.touch(def.name.toLowerCase(), id);
                    row.set("id", new ApexId(id));
                    stamp(env, def, row, true);
                    savePersonAccount(env, def, row);
                    table.set(id, row);
                    o.values.set("id", new ApexId(id));
                    result.id = id;
                }
            });
            return;
        }
        if (!existingId) {
            fail(err("MISSING_ARGUMENT", `Id not specified in an ${mode} call`, []));
            return;
        }
        const id = existingId;
        if (seen.has(id) && mode !== "undelete") {
            fail(err("DUPLICATE_VALUE", `Duplicate id in list: ${id}`));
            return;
        }
        seen.add(id);
        const current = table.get(id);
        if (!current || (current.get("isdeleted") === true && mode !== "undelete")) {
            fail(
                err(
                    current ? "ENTITY_IS_DELETED" : "INVALID_CROSS_REFERENCE_KEY",
                    current ? "entity is deleted" : "invalid cross reference id"
                )
            );
            return;
        }
        if (mode === "delete" || mode === "undelete") {
            if (env.perms && !canObject(env.perms, def, "delete")) {
                fail(err("INSUFFICIENT_ACCESS_OR_READONLY", NO_RECORD_ACCESS));
                return;
            }
            const denied = sharingError(env, def, o, current, "delete");
            if (denied) return fail(denied);
            if (o.errors.length) {
                fail(err("FIELD_CUSTOM_VALIDATION_EXCEPTION", o.errors[0]));
                return;
            }
            if (mode === "undelete" && current.get("isdeleted") !== true) {
                fail(err("UNDELETE_FAILED", "Entity is not in the recycle bin"));
                return;
            }
            checkPersonAccount(env.schema, env.store, o, current, current);
            const result: DmlRowResult = { id, success: true, created: false, errors: [] };
            plans.push({
                index,
                result,
                apply: () => {
                    env.store.touch(def.name.toLowerCase(), id);
                    current.set("isdeleted", mode === "delete");
                    current.set("systemmodstamp", new ApexDatetime(env.now()));
                    deletePersonAccount(env, def, current, mode === "delete");
                    if (mode === "delete") deletedIdsOf(def).add(id);
                }
            });
            return;
        }
        const merged: Row = new Map(current);
        fieldsToRow(def, o, merged);
        keepMasters(def, current, merged);
        const e =
            sharingError(env, def, o, current, "edit") ??
            validate(env, o, false, merged) ??
            checkPersonAccount(env.schema, env.store, o, merged, current) ??
            unique.check(def, o, id) ??
            onSave(env, o, merged, current, id, call);
        if (e) return fail(e);
        const result: DmlRowResult = { id, success: true, created: false, errors: [] };
        plans.push({
            index,
            result,
            apply: () => {
                env.store.touch(def.name.toLowerCase(), id);
                stamp(env, def, merged, false);
                savePersonAccount(env, def, merged);
                table.set(id, merged);
                if (op === "upsert") o.values.set("id", new ApexId(id));
            }
        });
    });
    if (failures.length && allOrNone) throw new DmlFailure(op, failures);
    plans.sort((a, b) => a.index - b.index);
    for (const p of plans) if (p.result.success) p.apply();
    for (const [def, ids] of deleted) cascadeDelete(env, def, ids);
    return plans.map((p) => p.result);
}

/**
 * Unique fields (`<unique>true</unique>`): a value another live record holds, or an earlier record of the same DML
 * call, fails with DUPLICATE_VALUE ("duplicate value found: Key__c duplicates value on record with id: …"; for a
 * duplicate inside the call the platform names neither: `<unknown>`). Values compare case-insensitively unless the
 * field is case-sensitive; blank values are never duplicates; records in the recycle bin are not compared. The
 * stored values are indexed once per DML call and field.
 */
class UniqueIndex {
    private readonly stored = new Map<FieldDef, Map<string, string>>();
    private readonly inCall = new Map<FieldDef, Set<string>>();

    constructor(private readonly env: DmlEnv) {}

    check(def: ObjectDef, o: SObjectValue, ownId: string | null): DmlError | null {
        for (const f of def.fields.values()) {
            if (!f.unique) continue;
            const v = o.values.get(f.name.toLowerCase());
            if (v === undefined || v === null || v === "") continue;
            const key = this.keyOf(f, v);
            const holder = this.storedOf(def, f).get(key);
            if (holder !== undefined && holder !== ownId)
                return err(
                    "DUPLICATE_VALUE",
                    `duplicate value found: ${f.name} duplicates value on record with id: ${holder}`
                );
            let call = this.inCall.get(f);
            if (!call) {
                call = new Set();
                this.inCall.set(f, call);
            }
            if (call.has(key))
                return err(
                    "DUPLICATE_VALUE",
                    `duplicate value found: <unknown> duplicates value on record with id: <unknown>`
                );
            call.add(key);
        }
        return null;
    }

    private keyOf(f: FieldDef, v: Value): string {
        const text = typeof v === "string" ? v : String(v);
        return f.caseSensitive ? text : text.toLowerCase();
    }

    private storedOf(def: ObjectDef, f: FieldDef): Map<string, string> {
        let index = this.stored.get(f);
        if (!index) {
            index = new Map();
            for (const r of this.env.store.table(def.name.toLowerCase()).values()) {
                if (r.get("isdeleted") === true) continue;
                const v = r.get(f.name.toLowerCase());
                if (v === undefined || v === null || v === "") continue;
                index.set(this.keyOf(f, v), String(r.get("id")));
            }
            this.stored.set(f, index);
        }
        return index;
    }
}

/**
 * Deleting a master record deletes its detail records (and theirs, level by level), whatever the running
 * user's access to the detail objects; they go to the recycle bin with it.
 */
function cascadeDelete(env: DmlEnv, master: ObjectDef, masterIds: Set<string>): void {
    for (const { child, field } of env.schema.detailsOf(master)) {
        const key = field.name.toLowerCase();
        const details = new Set<string>();
        for (const [id, row] of env.store.table(child.name.toLowerCase())) {
            const ref = row.get(key);
            if (row.get("isdeleted") === true || !(ref instanceof ApexId) || !masterIds.has(ref.id18)) continue;
            env.store.touch(child.name.toLowerCase(), id);
            row.set("isdeleted", true);
            row.set("systemmodstamp", new ApexDatetime(env.now()));
            details.add(id);
        }
        if (details.size) cascadeDelete(env, child, details);
    }
}

/** Values stored for a record, as a fresh SObject (used by `getAll` and seeding). */
export function rowToSObject(def: ObjectDef, row: Row): SObjectValue {
    const o = new SObjectValue(def);
    for (const [k, v] of row) o.values.set(k, v as Value);
    return o;
}

export type { DmlError } from "./dmlError";
