import { ApexSystemError, UnsupportedError } from "../runtime/errors";
import { ApexDate, ApexId, NativeObject, type Value } from "../runtime/values/values";
import type { DmlError } from "./dml";
import type { OrgData } from "./orgData";
import { SObjectValue, sobjectPut } from "./sobject";
import { today } from "../runtime/system/dates";

/** Result of one lead conversion (`Database.LeadConvertResult`). */
export interface LeadConvertOutcome {
    leadId: string | null;
    accountId: string | null;
    contactId: string | null;
    opportunityId: string | null;
    success: boolean;
    errors: DmlError[];
}

function idOf(v: unknown): string | null {
    return v instanceof ApexId ? v.id18 : null;
}

function fail(leadId: string | null, statusCode: string, message: string): LeadConvertOutcome {
    return {
        leadId,
        accountId: null,
        contactId: null,
        opportunityId: null,
        success: false,
        errors: [{ statusCode, message, fields: [] }]
    };
}

/**
 * `Database.convertLead`: creates (or reuses) the Account and Contact, creates an Opportunity unless
 * `setDoNotCreateOpportunity(true)`, and marks the Lead converted. The converted status must be a
 * LeadStatus with IsConverted = true.
 */
export function convertLead(data: OrgData, lc: NativeObject): LeadConvertOutcome {
    // record-level access of a conversion (the lead, the account and contact it merges into) is not modelled
    if (data.recordAccess(false) && !data.userAccess().modifyAllData)
        throw new UnsupportedError("lead conversion under sharing by a user without Modify All Data");
    const s = lc.state;
    const leadId = idOf(s.leadId);
    const lead = leadId ? data.store.get("lead", leadId) : undefined;
    if (!leadId || !lead || lead.get("isdeleted") === true)
        return fail(leadId, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    if (lead.get("isconverted") === true)
        return fail(leadId, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead");
    const status = typeof s.convertedStatus === "string" ? s.convertedStatus : null;
    const statusRow = [...data.store.table("leadstatus").values()].find((r) => r.get("masterlabel") === status);
    if (!statusRow || statusRow.get("isconverted") !== true)
        return fail(leadId, "INVALID_STATUS", `invalid convertedStatus: ${status ?? "null"}`);
    const get = (f: string): Value => lead.get(f) ?? null;
    const make = (object: string, fields: Record<string, Value>): SObjectValue => {
        const o = new SObjectValue(
            data.schema.object(object) ??
                (() => {
                    throw new ApexSystemError("TypeException", object);
                })()
        );
        for (const [k, v] of Object.entries(fields)) if (v !== null) sobjectPut(o, k, v);
        return o;
    };
    let accountId = idOf(s.accountId);
    if (!accountId) {
        const acc = make("Account", {
            Name: get("company"),
            Industry: get("industry"),
            Website: get("website"),
            Phone: get("phone")
        });
        data.dml("insert", [acc], true, false);
        accountId = acc.id;
    }
    let contactId = idOf(s.contactId);
    if (!contactId) {
        const con = make("Contact", {
            FirstName: get("firstname"),
            LastName: get("lastname"),
            Email: get("email"),
            Phone: get("phone"),
            MobilePhone: get("mobilephone"),
            Title: get("title"),
            LeadSource: get("leadsource"),
            AccountId: accountId ? new ApexId(accountId) : null
        });
        data.dml("insert", [con], true, false);
        contactId = con.id;
    }
    let opportunityId: string | null = null;
    if (s.doNotCreateOpportunity !== true) {
        const d: ApexDate = today();
        const opp = make("Opportunity", {
            Name: typeof s.opportunityName === "string" ? s.opportunityName : `${String(get("company"))}-`,
            StageName: "Prospecting",
            CloseDate: d,
            AccountId: accountId ? new ApexId(accountId) : null
        });
        data.dml("insert", [opp], true, false);
        opportunityId = opp.id;
    }
    lead.set("isconverted", true);
    lead.set("status", status);
    lead.set("converteddate", today());
    lead.set("convertedaccountid", accountId ? new ApexId(accountId) : null);
    lead.set("convertedcontactid", contactId ? new ApexId(contactId) : null);
    lead.set("convertedopportunityid", opportunityId ? new ApexId(opportunityId) : null);
    return { leadId, accountId, contactId, opportunityId, success: true, errors: [] };
}
