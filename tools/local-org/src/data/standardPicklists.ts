/**
 * Values of the standard picklists the local org describes: the values a new Salesforce org ships with
 * (Setup → Object Manager → field → Values, English labels; label = API value). Standard picklists are
 * unrestricted unless an admin restricts them, so none of these is restricted. Fields not listed here
 * (e.g. User.TimeZoneSidKey, which is restricted on the platform) describe with no values and are not
 * restricted locally; the README lists that gap.
 */

/** One value of a picklist. */
export interface PicklistEntryDef {
    /** API name (`fullName` in field metadata). */
    value: string;
    label: string;
    /** The picklist's default (at most one per field). */
    isDefault: boolean;
    /** Inactive values are kept in metadata but no longer offered (or accepted by a restricted picklist). */
    active: boolean;
}

/** A picklist field's value set. */
export interface PicklistDef {
    /** Restricted picklist: DML refuses values outside the active set. */
    restricted: boolean;
    values: PicklistEntryDef[];
}

const LEAD_SOURCE = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];
const INDUSTRY = [
    "Agriculture",
    "Apparel",
    "Banking",
    "Biotechnology",
    "Chemicals",
    "Communications",
    "Construction",
    "Consulting",
    "Education",
    "Electronics",
    "Energy",
    "Engineering",
    "Entertainment",
    "Environmental",
    "Finance",
    "Food & Beverage",
    "Government",
    "Healthcare",
    "Hospitality",
    "Insurance",
    "Machinery",
    "Manufacturing",
    "Media",
    "Not For Profit",
    "Other",
    "Recreation",
    "Retail",
    "Shipping",
    "Technology",
    "Telecommunications",
    "Transportation",
    "Utilities"
];
const RATING = ["Hot", "Warm", "Cold"];
const SALUTATION = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx."];
/** A new org's case statuses (CaseStatus) and task statuses (TaskStatus). */
export const CASE_STATUS = ["New", "Working", "Escalated", "Closed"];
export const CASE_CLOSED_STATUSES = ["Closed"];
export const TASK_STATUS = ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"];
export const TASK_CLOSED_STATUSES = ["Completed"];
/** A new org's opportunity stages (OpportunityStage): closed and won flags. */
export const OPPORTUNITY_STAGES: Record<string, { closed: boolean; won: boolean }> = {
    Prospecting: { closed: false, won: false },
    Qualification: { closed: false, won: false },
    "Needs Analysis": { closed: false, won: false },
    "Value Proposition": { closed: false, won: false },
    "Id. Decision Makers": { closed: false, won: false },
    "Perception Analysis": { closed: false, won: false },
    "Proposal/Price Quote": { closed: false, won: false },
    "Negotiation/Review": { closed: false, won: false },
    "Closed Won": { closed: true, won: true },
    "Closed Lost": { closed: true, won: false }
};

/** `Object.Field` → values in their standard order, and the default value if the standard set has one. */
const VALUES: Record<string, { values: string[]; defaultValue?: string }> = {
    "Account.AccountSource": { values: LEAD_SOURCE },
    "Account.Industry": { values: INDUSTRY },
    "Account.Rating": { values: RATING },
    "Account.Ownership": { values: ["Public", "Private", "Subsidiary", "Other"] },
    "Account.Type": {
        values: [
            "Prospect",
            "Customer - Direct",
            "Customer - Channel",
            "Channel Partner / Reseller",
            "Installation Partner",
            "Technology Partner",
            "Other"
        ]
    },
    "Contact.LeadSource": { values: LEAD_SOURCE },
    "Contact.Salutation": { values: SALUTATION },
    "Lead.LeadSource": { values: LEAD_SOURCE },
    "Lead.Industry": { values: INDUSTRY },
    "Lead.Rating": { values: RATING },
    // the same four values (and default) as the LeadStatus rows every local org starts with
    "Lead.Status": {
        values: ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"],
        defaultValue: "Open - Not Contacted"
    },
    "Opportunity.LeadSource": { values: LEAD_SOURCE },
    "Opportunity.Type": {
        values: [
            "Existing Customer - Upgrade",
            "Existing Customer - Replacement",
            "Existing Customer - Downgrade",
            "New Customer"
        ]
    },
    "OpportunityContactRole.Role": {
        values: [
            "Business User",
            "Decision Maker",
            "Economic Buyer",
            "Economic Decision Maker",
            "Evaluator",
            "Executive Sponsor",
            "Influencer",
            "Technical Buyer",
            "Other"
        ]
    },
    // CaseStatus rows: Closed is the closed status (Case.IsClosed)
    "Case.Status": { values: CASE_STATUS, defaultValue: "New" },
    "Case.Priority": { values: ["High", "Medium", "Low"], defaultValue: "Medium" },
    "Case.Origin": { values: ["Phone", "Email", "Web"] },
    "Case.Type": { values: ["Mechanical", "Electrical", "Electronic", "Structural", "Other"] },
    "Case.Reason": {
        values: [
            "Installation",
            "Equipment Complexity",
            "Performance",
            "Breakdown",
            "Equipment Design",
            "Feedback",
            "Other"
        ]
    },
    // TaskStatus rows: Completed is the closed status (Task.IsClosed)
    "Task.Status": { values: TASK_STATUS, defaultValue: "Not Started" },
    "Task.Priority": { values: ["High", "Normal", "Low"], defaultValue: "Normal" },
    "Campaign.Type": {
        values: [
            "Conference",
            "Webinar",
            "Trade Show",
            "Public Relations",
            "Partners",
            "Referral Program",
            "Advertisement",
            "Banner Ads",
            "Direct Mail",
            "Email",
            "Telemarketing",
            "Other"
        ]
    },
    "Campaign.Status": { values: ["Planned", "In Progress", "Completed", "Aborted"] },
    // Person Accounts (when enabled): the person contact's picklists
    "Account.Salutation": { values: SALUTATION },
    "Account.PersonLeadSource": { values: LEAD_SOURCE },
    "Opportunity.StageName": {
        values: [
            "Prospecting",
            "Qualification",
            "Needs Analysis",
            "Value Proposition",
            "Id. Decision Makers",
            "Perception Analysis",
            "Proposal/Price Quote",
            "Negotiation/Review",
            "Closed Won",
            "Closed Lost"
        ],
        defaultValue: "Prospecting"
    }
};

/** The value set of a standard picklist, or undefined when the local org gives it no values. */
export function standardPicklist(objectName: string, fieldName: string): PicklistDef | undefined {
    const spec = VALUES[`${objectName}.${fieldName}`];
    if (!spec) return undefined;
    return {
        restricted: false,
        values: spec.values.map((v) => ({ value: v, label: v, isDefault: v === spec.defaultValue, active: true }))
    };
}

/** The standard picklists with values, as `Object.Field` (for the README and tests). */
export const STANDARD_PICKLIST_FIELDS: readonly string[] = Object.keys(VALUES);
