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
    "Contact.Salutation": { values: ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx."] },
    "Lead.LeadSource": { values: LEAD_SOURCE },
    "Lead.Industry": { values: INDUSTRY },
    "Lead.Rating": { values: RATING },
    // the same four values (and default) as the LeadStatus rows every local org starts with
    "Lead.Status": {
        values: ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"],
        defaultValue: "Open - Not Contacted"
    },
    "Opportunity.LeadSource": { values: LEAD_SOURCE },
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
