import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { normaliseId } from "../runtime/values/id";
import { ApexDatetime, ApexId, ApexList, type Value } from "../runtime/values/values";
import { executeDml, type DmlError } from "./dml";
import type { OrgData } from "./orgData";
import type { ObjectDef } from "./schema";
import { SObjectValue } from "./sobject";
import { activityAccount } from "./standardBehaviour";

/**
 * `merge` and `Database.merge` (Apex Developer Guide, "Merging Records"; Apex Reference, "Database Class" merge,
 * "MergeResult Class"): up to two duplicates of an Account, Contact, Lead or Case are merged into the master record.
 * The master is saved with the field values the Apex record carries; every record that looks up to a duplicate is
 * reparented to the master (its Id goes to `getUpdatedRelatedIds()`); the duplicates are deleted (to the recycle
 * bin, with `MasterRecordId` set to the master). Fails loudly: other objects, more than two duplicates, objects with
 * triggers, Person Accounts, user mode, reparenting that would make a contact or lead a member of a campaign twice.
 */

/** The objects the merge statement supports. */
export const MERGEABLE = new Set(["Account", "Contact", "Lead", "Case"]);

/** One merge's outcome (`Database.MergeResult`). */
export interface MergeOutcome {
    id: string | null;
    success: boolean;
    mergedIds: string[];
    updatedRelatedIds: string[];
    errors: DmlError[];
}

function idOfValue(v: Value): string | null {
    if (v instanceof ApexId) return v.id18;
    if (typeof v === "string") return normaliseId(v);
    if (v instanceof SObjectValue) return v.id;
    return null;
}

function duplicateIds(v: Value): string[] {
    const items = v instanceof ApexList ? v.items : [v];
    return items.map((x) => {
        if (x === null) throw new ApexSystemError("NullPointerException", "Attempt to de-reference a null object");
        const id = idOfValue(x);
        if (!id)
            throw new UnsupportedError("merge of a duplicate without an Id (the platform's error is not modelled)");
        return id;
    });
}

function failure(code: string, message: string): MergeOutcome {
    return {
        id: null,
        success: false,
        mergedIds: [],
        updatedRelatedIds: [],
        errors: [{ statusCode: code, message, fields: [] }]
    };
}

/** Merges duplicates into a master; a record error comes back in the outcome (the caller throws when all-or-none). */
export function mergeRecords(data: OrgData, masterValue: Value, dupValue: Value, userMode: boolean): MergeOutcome {
    if (userMode) throw new UnsupportedError("merge in user mode");
    // record-level access of a merge (the master, the duplicates, the records reparented) is not modelled
    if (data.recordAccess(false) && !data.userAccess().modifyAllData)
        throw new UnsupportedError("merge under sharing by a user without Modify All Data");
    if (!(masterValue instanceof SObjectValue)) throw new UnsupportedError("merge with a master that is not a record");
    const def = masterValue.def;
    if (!MERGEABLE.has(def.name))
        throw new UnsupportedError(
            `merge of ${def.name} records (the platform merges Account, Contact, Lead and Case)`
        );
    if (data.triggers.has(def.name.toLowerCase()))
        throw new UnsupportedError(`merge of ${def.name}, which has triggers (not modelled)`);
    const dups = duplicateIds(dupValue);
    const person = (id: string | null): boolean =>
        id !== null && data.store.get(def.name.toLowerCase(), id)?.get("ispersonaccount") === true;
    if (person(masterValue.id) || dups.some(person))
        throw new UnsupportedError("merge of person accounts (not modelled)");
    if (dups.length < 1 || dups.length > 2)
        throw new UnsupportedError(
            `merge of ${dups.length} duplicates (one or two are supported; the platform's error is not modelled)`
        );
    const masterId = masterValue.id;
    if (!masterId)
        throw new UnsupportedError("merge with a master record without an Id (the platform's error is not modelled)");
    const table = data.store.table(def.name.toLowerCase());
    data.governor.add("dmlStatements");
    data.governor.add("dmlRows", 1 + dups.length);
    data.dmlInTransaction = true;
    for (const id of dups) {
        const row = table.get(id);
        if (id === masterId)
            throw new UnsupportedError("merge of a record with itself (the platform's error is not modelled)");
        if (!row || !id.startsWith(def.keyPrefix))
            return failure("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
        if (row.get("isdeleted") === true) return failure("ENTITY_IS_DELETED", "entity is deleted");
    }
    // the master is saved with the values the Apex record carries (validated like an update)
    const env = { schema: data.schema, store: data.store, now: data.now, userId: () => data.userId, perms: null };
    const [saved] = executeDml(env, "update", [masterValue], false);
    if (!saved.success) return { ...failure("", ""), errors: saved.errors };
    const related = new Set<string>();
    const now = new ApexDatetime(data.now());
    for (const dupId of dups) {
        reparent(data, def, dupId, masterId, related);
        data.store.touch(def.name.toLowerCase(), dupId);
        const row = table.get(dupId);
        if (row) {
            row.set("isdeleted", true);
            row.set("masterrecordid", new ApexId(masterId));
            row.set("systemmodstamp", now);
        }
    }
    // an activity's AccountId is derived from WhatId / WhoId: recompute it where a merged record was behind it
    for (const activity of ["task", "event"])
        for (const [id, row] of data.store.table(activity)) {
            const account = row.get("accountid");
            const stale = account instanceof ApexId && dups.includes(account.id18);
            if (row.get("isdeleted") === true || !(stale || related.has(id))) continue;
            data.store.touch(activity, id);
            row.set("accountid", activityAccount(data, row));
        }
    return { id: masterId, success: true, mergedIds: dups, updatedRelatedIds: [...related], errors: [] };
}

/** Points every live record that looks up to `fromId` at `toId` instead. */
function reparent(data: OrgData, target: ObjectDef, fromId: string, toId: string, related: Set<string>): void {
    for (const child of data.schema.objects.values()) {
        const lookups = [...child.fields.values()].filter(
            (f) =>
                f.type === "REFERENCE" &&
                f.name !== "MasterRecordId" &&
                f.referenceTo.some((r) => r.toLowerCase() === target.name.toLowerCase())
        );
        if (!lookups.length) continue;
        const rows = data.store.table(child.name.toLowerCase());
        for (const [id, row] of rows) {
            if (row.get("isdeleted") === true) continue;
            for (const f of lookups) {
                const v = row.get(f.name.toLowerCase());
                if (!(v instanceof ApexId) || v.id18 !== fromId) continue;
                if (f.system) continue; // derived fields (Task.AccountId) follow their sources
                if (child.name === "CampaignMember") refuseDuplicateMembership(data, row, f.name, toId);
                data.store.touch(child.name.toLowerCase(), id);
                row.set(f.name.toLowerCase(), new ApexId(toId));
                related.add(id);
            }
        }
    }
}

function refuseDuplicateMembership(data: OrgData, row: Map<string, Value>, field: string, toId: string): void {
    const campaign = row.get("campaignid");
    for (const other of data.store.table("campaignmember").values()) {
        if (other.get("isdeleted") === true || other === row) continue;
        const c = other.get("campaignid");
        const m = other.get(field.toLowerCase());
        if (
            c instanceof ApexId &&
            campaign instanceof ApexId &&
            c.id18 === campaign.id18 &&
            m instanceof ApexId &&
            m.id18 === toId
        )
            throw new UnsupportedError("merge of two members of the same campaign (not modelled)");
    }
}

/** The DmlException text of a failed all-or-none merge. */
export function mergeFailure(outcome: MergeOutcome): ApexSystemError {
    const e = outcome.errors[0];
    return new ApexSystemError(
        "DmlException",
        `Merge failed. First exception on row 0; first error: ${e.statusCode}, ${e.message}: [${e.fields.join(", ")}]`
    );
}
