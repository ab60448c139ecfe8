import { UnsupportedError } from "../runtime/errors";
import { ApexDatetime, ApexId, type Value } from "../runtime/values/values";
import type { DmlError } from "./dmlError";
import type { ObjectDef, Schema } from "./schema";
import type { SObjectValue } from "./sobject";
import {
    CASE_CLOSED_STATUSES,
    CASE_STATUS,
    OPPORTUNITY_STAGES,
    TASK_CLOSED_STATUSES,
    TASK_STATUS
} from "./standardPicklists";
import type { Row, Store } from "./store";

/**
 * What standard objects do on save beyond validation (Object Reference, each object's field descriptions): fields
 * the platform derives (Case.IsClosed, Opportunity.IsWon, Task.AccountId, Event.EndDateTime, …) and the checks
 * particular to an object (one campaign membership per person). Anything whose platform behaviour the local org does
 * not know fails loudly here, before a record of the DML call is written.
 */

/** What a derivation reads: the schema and the stored rows. */
export interface SaveEnv {
    schema: Schema;
    store: Store;
    now(): number;
}

/** State shared by the records of one DML call (duplicate checks inside the call). */
export type CallState = Map<string, Set<string>>;

const MINUTE = 60_000;

function sameInstant(a: Value | undefined, b: Value | undefined): boolean {
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.ms === b.ms;
    return (a ?? null) === (b ?? null);
}

function str(v: Value | undefined): string | null {
    return typeof v === "string" && v !== "" ? v : null;
}

function idOf(v: Value | undefined): string | null {
    return v instanceof ApexId ? v.id18 : null;
}

function rowOf(env: SaveEnv, id: string | null): { def: ObjectDef; row: Row } | null {
    if (!id) return null;
    const def = env.schema.objectOfPrefix(id.slice(0, 3));
    const row = def ? env.store.get(def.name.toLowerCase(), id) : undefined;
    return def && row ? { def, row } : null;
}

/**
 * Task/Event AccountId (Object Reference, Event.AccountId): the WhatId's account when WhatId is an Account or an
 * Opportunity; otherwise the WhoId's account when WhoId is a contact; otherwise null.
 */
export function activityAccount(env: SaveEnv, row: Row): Value {
    const what = rowOf(env, idOf(row.get("whatid")));
    if (what) {
        if (what.def.name === "Account") return row.get("whatid") ?? null;
        if (what.def.name === "Opportunity") return what.row.get("accountid") ?? null;
        if (what.def.custom && [...what.def.fields.values()].some((f) => f.referenceTo.includes("Account")))
            throw new UnsupportedError(
                `the AccountId of an activity related to ${what.def.name} (a custom object with an Account lookup)`
            );
    }
    const who = rowOf(env, idOf(row.get("whoid")));
    if (who?.def.name === "Contact") return who.row.get("accountid") ?? null;
    return null;
}

function statusOf(object: string, field: string, value: string | null, known: readonly string[]): string | null {
    if (value !== null && !known.includes(value))
        throw new UnsupportedError(
            `${object}.${field} value '${value}' (only a new org's values are modelled: ${known.join(", ")})`
        );
    return value;
}

function changed(current: Row | null, row: Row, key: string): boolean {
    const a = current?.get(key) ?? null;
    const b = row.get(key) ?? null;
    if (a instanceof ApexId && b instanceof ApexId) return a.id18 !== b.id18;
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.ms !== b.ms;
    return a !== b;
}

/** Case: IsClosed and ClosedDate from the status, AccountId from the contact. */
function saveCase(env: SaveEnv, row: Row, current: Row | null): null {
    const status = statusOf("Case", "Status", str(row.get("status")), CASE_STATUS);
    const closed = status !== null && CASE_CLOSED_STATUSES.includes(status);
    const wasClosed = current?.get("isclosed") === true;
    if (wasClosed && !closed)
        throw new UnsupportedError("reopening a closed Case (what happens to ClosedDate is not modelled)");
    row.set("isclosed", closed);
    if (closed && !wasClosed) row.set("closeddate", new ApexDatetime(env.now()));
    if (!closed) row.set("closeddate", null);
    if (current === null || changed(current, row, "contactid") || changed(current, row, "accountid")) {
        const contact = rowOf(env, idOf(row.get("contactid")));
        const contactAccount = idOf(contact?.row.get("accountid"));
        const account = idOf(row.get("accountid"));
        if (contactAccount && account === null) row.set("accountid", new ApexId(contactAccount));
        else if (contactAccount && account !== contactAccount)
            throw new UnsupportedError("a Case whose AccountId differs from its contact's account");
    }
    return null;
}

/** Opportunity: IsClosed and IsWon from the stage (OpportunityStage). */
function saveOpportunity(row: Row): null {
    const stage = statusOf("Opportunity", "StageName", str(row.get("stagename")), Object.keys(OPPORTUNITY_STAGES));
    const s = stage ? OPPORTUNITY_STAGES[stage] : undefined;
    row.set("isclosed", s?.closed ?? false);
    row.set("iswon", s?.won ?? false);
    return null;
}

/** Task: IsClosed from the status (TaskStatus), AccountId from WhatId / WhoId. */
function saveTask(env: SaveEnv, row: Row): null {
    const status = statusOf("Task", "Status", str(row.get("status")), TASK_STATUS);
    row.set("isclosed", status !== null && TASK_CLOSED_STATUSES.includes(status));
    row.set("accountid", activityAccount(env, row));
    return null;
}

/**
 * Event (Object Reference, Event.EndDateTime / DurationInMinutes): a timed event needs a start
 * (StartDateTime = ActivityDateTime) and EndDateTime or DurationInMinutes; values in both must add up. The local org
 * derives the missing one. All-day events and calls whose platform error is version-dependent fail loudly.
 */
function saveEvent(env: SaveEnv, o: SObjectValue, row: Row, current: Row | null): null {
    if (row.get("isalldayevent") === true) throw new UnsupportedError("all-day events (IsAllDayEvent = true)");
    const set = (k: string): boolean => o.values.has(k);
    const start = row.get("startdatetime");
    const activity = row.get("activitydatetime");
    if (set("startdatetime") && set("activitydatetime") && !sameInstant(start, activity))
        throw new UnsupportedError("an Event whose StartDateTime and ActivityDateTime differ");
    const startValue = set("startdatetime")
        ? start
        : set("activitydatetime")
          ? activity
          : (current?.get("startdatetime") ?? null);
    if (!(startValue instanceof ApexDatetime))
        throw new UnsupportedError(
            "an Event without StartDateTime or ActivityDateTime (the platform's error is not modelled)"
        );
    const startMs = startValue.ms;
    const end = row.get("enddatetime");
    const duration = row.get("durationinminutes");
    const endGiven = set("enddatetime") || (current === null && end instanceof ApexDatetime);
    const durationGiven = set("durationinminutes") || (current === null && typeof duration === "number");
    let endMs: number;
    if (endGiven && end instanceof ApexDatetime) {
        endMs = end.ms;
        if (durationGiven && typeof duration === "number" && startMs + duration * MINUTE !== endMs)
            throw new UnsupportedError("an Event whose DurationInMinutes and EndDateTime do not add up");
    } else if (durationGiven && typeof duration === "number") endMs = startMs + duration * MINUTE;
    else if (current !== null && !set("startdatetime") && !set("activitydatetime"))
        endMs = (current.get("enddatetime") as ApexDatetime).ms;
    else
        throw new UnsupportedError(
            "an Event without EndDateTime or DurationInMinutes for its start (the platform's error is version-dependent)"
        );
    if (endMs < startMs) throw new UnsupportedError("an Event that ends before it starts");
    row.set("startdatetime", new ApexDatetime(startMs));
    row.set("activitydatetime", new ApexDatetime(startMs));
    row.set("enddatetime", new ApexDatetime(endMs));
    row.set("durationinminutes", Math.round((endMs - startMs) / MINUTE));
    row.set("accountid", activityAccount(env, row));
    return null;
}

/** A new campaign's member statuses (CampaignMemberStatus): Sent (default) and Responded (HasResponded). */
const MEMBER_STATUSES: Record<string, boolean> = { Sent: false, Responded: true };

/** CampaignMember: one membership per contact or lead and campaign; HasResponded from the member status. */
function saveCampaignMember(
    env: SaveEnv,
    row: Row,
    current: Row | null,
    ownId: string | null,
    call: CallState
): DmlError | null {
    if (current === null && row.get("status") == null) row.set("status", "Sent");
    const status = str(row.get("status"));
    if (status === null || !(status in MEMBER_STATUSES))
        throw new UnsupportedError(
            `CampaignMember.Status '${status ?? ""}' (only a new campaign's member statuses are modelled: Sent, Responded)`
        );
    row.set("hasresponded", MEMBER_STATUSES[status]);
    const contact = idOf(row.get("contactid"));
    const lead = idOf(row.get("leadid"));
    if ((contact === null) === (lead === null))
        throw new UnsupportedError("a CampaignMember without exactly one of ContactId and LeadId");
    const campaign = idOf(row.get("campaignid"));
    const member = contact ?? lead;
    const key = `${campaign}:${member}`;
    const inCall = call.get("campaignmember") ?? new Set<string>();
    call.set("campaignmember", inCall);
    const taken =
        inCall.has(key) ||
        [...env.store.table("campaignmember").values()].some(
            (r) =>
                r.get("isdeleted") !== true &&
                idOf(r.get("id")) !== ownId &&
                idOf(r.get("campaignid")) === campaign &&
                (idOf(r.get("contactid")) ?? idOf(r.get("leadid"))) === member
        );
    inCall.add(key);
    if (taken) return { statusCode: "DUPLICATE_VALUE", message: "Already a campaign member.", fields: [] };
    return null;
}

/** Campaign: a new org's default campaign status is not modelled. */
function saveCampaign(row: Row, current: Row | null): null {
    if (current === null && str(row.get("status")) === null)
        throw new UnsupportedError("a Campaign inserted without Status (the default status is not modelled)");
    return null;
}

/**
 * Applies an object's save behaviour to the row about to be written (`current`: the stored row of an update, null for
 * an insert). Returns a record error, or null; throws `UnsupportedError` for behaviour the local org does not model.
 */
export function onSave(
    env: SaveEnv,
    o: SObjectValue,
    row: Row,
    current: Row | null,
    ownId: string | null,
    call: CallState
): DmlError | null {
    switch (o.def.name) {
        case "Case":
            return saveCase(env, row, current);
        case "Opportunity":
            return saveOpportunity(row);
        case "Task":
            return saveTask(env, row);
        case "Event":
            return saveEvent(env, o, row, current);
        case "CampaignMember":
            return saveCampaignMember(env, row, current, ownId, call);
        case "Campaign":
            return saveCampaign(row, current);
        default:
            return null;
    }
}
