import { sourceFiles } from "./sourceFiles";
import fs from "node:fs";
import { ACCESS_OBJECTS, ACCESS_SYSTEM_FIELDS } from "./accessObjects";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { standardPicklist, type PicklistDef, type PicklistEntryDef } from "./standardPicklists";

/**
 * The org's schema: standard objects (hand-written, common fields only) plus custom objects, custom
 * fields on standard objects and custom metadata types read from `objects/**` metadata.
 * Names are kept in their canonical spelling; every lookup is case-insensitive.
 */

/** `Schema.DisplayType` names the runtime models. */
export type DisplayType =
    | "ID"
    | "REFERENCE"
    | "STRING"
    | "EMAIL"
    | "PHONE"
    | "URL"
    | "TEXTAREA"
    | "PICKLIST"
    | "MULTIPICKLIST"
    | "BOOLEAN"
    | "INTEGER"
    | "DOUBLE"
    | "CURRENCY"
    | "PERCENT"
    | "DATE"
    | "DATETIME"
    | "TIME";

export const DISPLAY_TYPES: DisplayType[] = [
    "ID",
    "REFERENCE",
    "STRING",
    "EMAIL",
    "PHONE",
    "URL",
    "TEXTAREA",
    "PICKLIST",
    "MULTIPICKLIST",
    "BOOLEAN",
    "INTEGER",
    "DOUBLE",
    "CURRENCY",
    "PERCENT",
    "DATE",
    "DATETIME",
    "TIME"
];

/** Apex value kind stored in a field of a display type. */
export type FieldValueKind = "Id" | "String" | "Boolean" | "Integer" | "Decimal" | "Date" | "Datetime" | "Time";

export function valueKindOf(t: DisplayType): FieldValueKind {
    switch (t) {
        case "ID":
        case "REFERENCE":
            return "Id";
        case "BOOLEAN":
            return "Boolean";
        case "INTEGER":
            return "Integer";
        case "DOUBLE":
        case "CURRENCY":
        case "PERCENT":
            return "Decimal";
        case "DATE":
            return "Date";
        case "DATETIME":
            return "Datetime";
        case "TIME":
            return "Time";
        default:
            return "String";
    }
}

/** Describe of one field. */
export interface FieldDef {
    name: string;
    label: string;
    type: DisplayType;
    /** Maximum length for text fields (0 otherwise). */
    length: number;
    /** Required on create (not nillable and no default). */
    required: boolean;
    /** Set by the platform, never writable by Apex (Id, CreatedDate, …). */
    system: boolean;
    externalId: boolean;
    unique: boolean;
    /** A unique field's values compare case-sensitively (`<caseSensitive>true</caseSensitive>`). */
    caseSensitive?: boolean;
    /** Lookup target objects (REFERENCE). */
    referenceTo: string[];
    /** Relationship name for lookups, e.g. `Account` for `AccountId`, `Foo__r` for `Foo__c`. */
    relationshipName: string | null;
    /** Custom field (its name ends in `__c`). */
    custom: boolean;
    /** Default value for new records (checkbox defaults), as a raw JS value. */
    defaultValue: boolean | null;
    /** Number fields: total and decimal digits (0 when not a number field). */
    precision?: number;
    scale?: number;
    /** Integer fields: maximum number of digits (`getDigits()`). */
    digits?: number;
    /** Child relationship name on the parent (custom lookups: `<relationshipName>__r`); null: the lookup has none. */
    childRelationshipName?: string | null;
    /** Picklist and multi-select picklist fields: the value set (absent: no values known). */
    picklist?: PicklistDef;
    /** Master-detail relationship (the field is required, has no FLS of its own, and deletes cascade). */
    masterDetail?: { reparentable: boolean };
    /** Auto-number field (`<type>AutoNumber</type>`): filled on insert from the display format, then read-only. */
    autoNumber?: AutoNumberDef;
    /** A formula field's `<formula>` text: never written, and the local org does not evaluate it. */
    formula?: string;
}

/** An auto-number field's format, e.g. `SR-{000000}` starting at 1. */
export interface AutoNumberDef {
    displayFormat: string;
    startingNumber: number;
}

/** The auto-number definition of a `<nameField>` or `<CustomField>` element, or null for other types. */
function autoNumberOfXml(doc: Record<string, unknown>): AutoNumberDef | null {
    if (str(doc.type) !== "AutoNumber") return null;
    const start = Number(str(doc.startingNumber) ?? "1");
    return {
        displayFormat: str(doc.displayFormat) ?? "{0}",
        startingNumber: Number.isInteger(start) && start >= 0 ? start : 1
    };
}

/**
 * Formats an auto number: the `{0…}` placeholder becomes the number padded to its width (wider numbers are
 * not cut, as on the platform).
 */
export function formatAutoNumber(displayFormat: string, n: number): string {
    return displayFormat.replace(/\{(0+)\}/, (_m: string, zeros: string) => String(n).padStart(zeros.length, "0"));
}

/** Describe of one object. */
export interface ObjectDef {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    custom: boolean;
    customMetadata: boolean;
    /** A platform event (`X__e`): published with `EventBus.publish`, no DML, no SOQL. */
    platformEvent: boolean;
    /** Custom setting type (`Hierarchy` / `List`), null for other objects. */
    customSetting: string | null;
    fields: Map<string, FieldDef>;
    /** Lower-cased relationship name → field (parent lookups). */
    parentRelationships: Map<string, FieldDef>;
    /** Lower-cased child relationship name → child object and its lookup field. */
    childRelationships: Map<string, { childObject: string; field: string; name: string }>;
    /**
     * The platform's `Name` object: what a polymorphic relationship (`Who`, `What`) points to in SOQL results.
     * Not queryable, never stored.
     */
    polymorphicName?: boolean;
    /**
     * Lower-cased names of fields the platform has on this object but the local org does not model, with the
     * reason: using one fails loudly instead of reporting a missing field.
     */
    unmodelled?: Map<string, string>;
}

/** A custom metadata record read from `customMetadata/*.md-meta.xml`. */
export interface CustomMetadataRecord {
    type: string;
    developerName: string;
    label: string;
    values: Record<string, string | number | boolean | null>;
}

interface FieldSpec {
    t: DisplayType;
    len?: number;
    req?: boolean;
    sys?: boolean;
    ref?: string[];
    rel?: string;
    label?: string;
    ext?: boolean;
    def?: boolean;
    /** Number fields: total digits and decimal places (currency, percent, double); digits of an integer. */
    prec?: number;
    scale?: number;
    digits?: number;
    /** Child relationship name on the parent; null: none (default: the child's plural label without spaces). */
    child?: string | null;
}

const SYSTEM_FIELDS: Record<string, FieldSpec> = {
    Id: { t: "ID", sys: true, len: 18, label: "Record ID" },
    IsDeleted: { t: "BOOLEAN", sys: true, label: "Deleted" },
    CreatedDate: { t: "DATETIME", sys: true, label: "Created Date" },
    CreatedById: { t: "REFERENCE", sys: true, ref: ["User"], rel: "CreatedBy", label: "Created By ID" },
    LastModifiedDate: { t: "DATETIME", sys: true, label: "Last Modified Date" },
    LastModifiedById: { t: "REFERENCE", sys: true, ref: ["User"], rel: "LastModifiedBy", label: "Last Modified By ID" },
    SystemModstamp: { t: "DATETIME", sys: true, label: "System Modstamp" }
};

const OWNED: Record<string, FieldSpec> = {
    OwnerId: { t: "REFERENCE", ref: ["User"], rel: "Owner", label: "Owner ID" }
};

const ADDRESS = (p: string, l: string): Record<string, FieldSpec> => ({
    [`${p}Street`]: { t: "TEXTAREA", len: 255, label: `${l} Street` },
    [`${p}City`]: { t: "STRING", len: 40, label: `${l} City` },
    [`${p}State`]: { t: "STRING", len: 80, label: `${l} State/Province` },
    [`${p}PostalCode`]: { t: "STRING", len: 20, label: `${l} Zip/Postal Code` },
    [`${p}Country`]: { t: "STRING", len: 80, label: `${l} Country` }
});

/**
 * Standard objects a task or event can be related to (`WhatId`) in the local org; custom objects with
 * `<enableActivities>true</enableActivities>` are added when the metadata loads.
 */
const ACTIVITY_TARGETS = ["Account", "Opportunity", "Case", "Campaign", "Product2"];

/** The standard objects the local org knows, with their common fields (documented in the README). */
const STANDARD: Record<string, { prefix: string; label: string; plural: string; fields: Record<string, FieldSpec> }> = {
    Account: {
        prefix: "001",
        label: "Account",
        plural: "Accounts",
        fields: {
            ...OWNED,
            Name: { t: "STRING", len: 255, req: true, label: "Account Name" },
            AccountNumber: { t: "STRING", len: 40, label: "Account Number" },
            Industry: { t: "PICKLIST", len: 255 },
            Type: { t: "PICKLIST", len: 255, label: "Account Type" },
            Website: { t: "URL", len: 255 },
            Phone: { t: "PHONE", len: 40, label: "Account Phone" },
            Fax: { t: "PHONE", len: 40, label: "Account Fax" },
            Rating: { t: "PICKLIST", len: 255, label: "Account Rating" },
            Sic: { t: "STRING", len: 20, label: "SIC Code" },
            TickerSymbol: { t: "STRING", len: 20, label: "Ticker Symbol" },
            Ownership: { t: "PICKLIST", len: 255 },
            AccountSource: { t: "PICKLIST", len: 255, label: "Account Source" },
            Description: { t: "TEXTAREA", len: 32000, label: "Account Description" },
            NumberOfEmployees: { t: "INTEGER", label: "Employees", digits: 8 },
            AnnualRevenue: { t: "CURRENCY", label: "Annual Revenue", prec: 18, scale: 0 },
            ParentId: {
                t: "REFERENCE",
                ref: ["Account"],
                rel: "Parent",
                label: "Parent Account ID",
                child: "ChildAccounts"
            },
            ...ADDRESS("Billing", "Billing"),
            ...ADDRESS("Shipping", "Shipping")
        }
    },
    Contact: {
        prefix: "003",
        label: "Contact",
        plural: "Contacts",
        fields: {
            ...OWNED,
            AccountId: { t: "REFERENCE", ref: ["Account"], rel: "Account", label: "Account ID" },
            FirstName: { t: "STRING", len: 40, label: "First Name" },
            LastName: { t: "STRING", len: 80, req: true, label: "Last Name" },
            Name: { t: "STRING", len: 121, sys: true, label: "Full Name" },
            Salutation: { t: "PICKLIST", len: 40 },
            Email: { t: "EMAIL", len: 80 },
            Phone: { t: "PHONE", len: 40, label: "Business Phone" },
            MobilePhone: { t: "PHONE", len: 40, label: "Mobile Phone" },
            AssistantPhone: { t: "PHONE", len: 40, label: "Asst. Phone" },
            AssistantName: { t: "STRING", len: 40, label: "Assistant's Name" },
            HomePhone: { t: "PHONE", len: 40, label: "Home Phone" },
            OtherPhone: { t: "PHONE", len: 40, label: "Other Phone" },
            Fax: { t: "PHONE", len: 40, label: "Business Fax" },
            ReportsToId: { t: "REFERENCE", ref: ["Contact"], rel: "ReportsTo", label: "Reports To ID" },
            DoNotCall: { t: "BOOLEAN", label: "Do Not Call", def: false },
            Title: { t: "STRING", len: 128 },
            Department: { t: "STRING", len: 80 },
            Birthdate: { t: "DATE" },
            LeadSource: { t: "PICKLIST", len: 255, label: "Lead Source" },
            HasOptedOutOfEmail: { t: "BOOLEAN", label: "Email Opt Out", def: false },
            Description: { t: "TEXTAREA", len: 32000, label: "Contact Description" },
            ...ADDRESS("Mailing", "Mailing")
        }
    },
    Lead: {
        prefix: "00Q",
        label: "Lead",
        plural: "Leads",
        fields: {
            ...OWNED,
            FirstName: { t: "STRING", len: 40, label: "First Name" },
            LastName: { t: "STRING", len: 80, req: true, label: "Last Name" },
            Name: { t: "STRING", len: 121, sys: true, label: "Full Name" },
            Company: { t: "STRING", len: 255, req: true },
            MobilePhone: { t: "PHONE", len: 40, label: "Mobile Phone" },
            Fax: { t: "PHONE", len: 40 },
            Website: { t: "URL", len: 255 },
            Rating: { t: "PICKLIST", len: 255 },
            NumberOfEmployees: { t: "INTEGER", label: "No. of Employees", digits: 8 },
            AnnualRevenue: { t: "CURRENCY", label: "Annual Revenue", prec: 18, scale: 0 },
            ConvertedDate: { t: "DATE", label: "Converted Date" },
            ConvertedOpportunityId: {
                t: "REFERENCE",
                ref: ["Opportunity"],
                rel: "ConvertedOpportunity",
                label: "Converted Opportunity ID"
            },
            Email: { t: "EMAIL", len: 80 },
            Phone: { t: "PHONE", len: 40 },
            Title: { t: "STRING", len: 128 },
            Status: { t: "PICKLIST", len: 255, label: "Lead Status" },
            LeadSource: { t: "PICKLIST", len: 255, label: "Lead Source" },
            Industry: { t: "PICKLIST", len: 255 },
            IsConverted: { t: "BOOLEAN", label: "Converted", def: false },
            ConvertedContactId: {
                t: "REFERENCE",
                ref: ["Contact"],
                rel: "ConvertedContact",
                label: "Converted Contact ID"
            },
            ConvertedAccountId: {
                t: "REFERENCE",
                ref: ["Account"],
                rel: "ConvertedAccount",
                label: "Converted Account ID"
            },
            HasOptedOutOfEmail: { t: "BOOLEAN", label: "Email Opt Out", def: false },
            Description: { t: "TEXTAREA", len: 32000 },
            ...ADDRESS("", "")
        }
    },
    User: {
        prefix: "005",
        label: "User",
        plural: "Users",
        fields: {
            Username: { t: "STRING", len: 80, req: true },
            LastName: { t: "STRING", len: 80, req: true, label: "Last Name" },
            FirstName: { t: "STRING", len: 40, label: "First Name" },
            Name: { t: "STRING", len: 121, sys: true, label: "Full Name" },
            Email: { t: "EMAIL", len: 128, req: true },
            Alias: { t: "STRING", len: 8, req: true },
            ProfileId: { t: "REFERENCE", ref: ["Profile"], rel: "Profile", req: true, label: "Profile ID" },
            IsActive: { t: "BOOLEAN", label: "Active", def: true },
            TimeZoneSidKey: { t: "PICKLIST", len: 40, req: true, label: "Time Zone" },
            LocaleSidKey: { t: "PICKLIST", len: 40, req: true, label: "Locale" },
            LanguageLocaleKey: { t: "PICKLIST", len: 40, req: true, label: "Language" },
            EmailEncodingKey: { t: "PICKLIST", len: 40, req: true, label: "Email Encoding" },
            UserType: { t: "PICKLIST", len: 40, sys: true, label: "User Type" },
            Title: { t: "STRING", len: 80 },
            Department: { t: "STRING", len: 80 },
            CompanyName: { t: "STRING", len: 80, label: "Company Name" },
            Phone: { t: "PHONE", len: 40 },
            MobilePhone: { t: "PHONE", len: 40, label: "Mobile" },
            FederationIdentifier: { t: "STRING", len: 512, label: "SAML Federation ID" },
            ManagerId: { t: "REFERENCE", ref: ["User"], rel: "Manager", label: "Manager ID", child: null }
        }
    },
    Profile: {
        prefix: "00e",
        label: "Profile",
        plural: "Profiles",
        fields: {
            Name: { t: "STRING", len: 255, req: true },
            UserType: { t: "PICKLIST", len: 40, label: "User Type" },
            Description: { t: "STRING", len: 255 }
        }
    },
    PermissionSet: {
        prefix: "0PS",
        label: "Permission Set",
        plural: "Permission Sets",
        fields: {
            Name: { t: "STRING", len: 80, req: true },
            Label: { t: "STRING", len: 80, req: true },
            IsOwnedByProfile: { t: "BOOLEAN", label: "Is Owned By Profile", def: false }
        }
    },
    PermissionSetAssignment: {
        prefix: "0Pa",
        label: "Permission Set Assignment",
        plural: "Permission Set Assignments",
        fields: {
            AssigneeId: { t: "REFERENCE", ref: ["User"], rel: "Assignee", req: true, label: "Assignee ID" },
            PermissionSetId: {
                t: "REFERENCE",
                ref: ["PermissionSet"],
                rel: "PermissionSet",
                req: true,
                label: "Permission Set ID"
            }
        }
    },
    AsyncApexJob: {
        prefix: "707",
        label: "Apex Job",
        plural: "Apex Jobs",
        fields: {
            JobType: { t: "PICKLIST", len: 40, sys: true, label: "Job Type" },
            Status: { t: "PICKLIST", len: 40, sys: true },
            ApexClassId: { t: "REFERENCE", ref: ["ApexClass"], rel: "ApexClass", sys: true, label: "Class ID" },
            MethodName: { t: "STRING", len: 255, sys: true, label: "Apex Method" },
            JobItemsProcessed: { t: "INTEGER", sys: true, label: "Batches Processed" },
            TotalJobItems: { t: "INTEGER", sys: true, label: "Total Batches" },
            NumberOfErrors: { t: "INTEGER", sys: true, label: "Failures" },
            ExtendedStatus: { t: "STRING", len: 255, sys: true, label: "Status Detail" },
            CompletedDate: { t: "DATETIME", sys: true, label: "Completion Date" },
            CronTriggerId: { t: "REFERENCE", ref: ["CronTrigger"], rel: "CronTrigger", sys: true },
            ParentJobId: { t: "ID", sys: true, label: "Parent Job ID" },
            ApexClassName: { t: "STRING", len: 255, sys: true, label: "Apex Class Name (local org)" }
        }
    },
    CronTrigger: {
        prefix: "08e",
        label: "Scheduled Jobs",
        plural: "Scheduled Jobs",
        fields: {
            CronExpression: { t: "STRING", len: 255, sys: true, label: "Cron Expression" },
            CronJobDetailId: {
                t: "REFERENCE",
                ref: ["CronJobDetail"],
                rel: "CronJobDetail",
                sys: true,
                label: "Job ID"
            },
            CronJobDetailName: { t: "STRING", len: 255, sys: true, label: "Job Name (local org)" },
            State: { t: "PICKLIST", len: 40, sys: true },
            NextFireTime: { t: "DATETIME", sys: true, label: "Next Run" },
            PreviousFireTime: { t: "DATETIME", sys: true, label: "Previous Run" },
            StartTime: { t: "DATETIME", sys: true, label: "Start" },
            EndTime: { t: "DATETIME", sys: true, label: "End" },
            TimesTriggered: { t: "INTEGER", sys: true, label: "Times Triggered" }
        }
    },
    Opportunity: {
        prefix: "006",
        label: "Opportunity",
        plural: "Opportunities",
        fields: {
            ...OWNED,
            Name: { t: "STRING", len: 120, req: true, label: "Opportunity Name" },
            AccountId: { t: "REFERENCE", ref: ["Account"], rel: "Account", label: "Account ID" },
            StageName: { t: "PICKLIST", len: 255, req: true, label: "Stage" },
            CloseDate: { t: "DATE", req: true, label: "Close Date" },
            Amount: { t: "CURRENCY", prec: 18, scale: 2 },
            LeadSource: { t: "PICKLIST", len: 255, label: "Lead Source" },
            Type: { t: "PICKLIST", len: 255, label: "Opportunity Type" },
            NextStep: { t: "STRING", len: 255, label: "Next Step" },
            Description: { t: "TEXTAREA", len: 32000 },
            CampaignId: { t: "REFERENCE", ref: ["Campaign"], rel: "Campaign", label: "Campaign ID" },
            // derived from the stage (OpportunityStage: IsClosed, IsWon)
            IsClosed: { t: "BOOLEAN", sys: true, label: "Closed" },
            IsWon: { t: "BOOLEAN", sys: true, label: "Won" }
        }
    },
    OpportunityContactRole: {
        prefix: "00K",
        label: "Opportunity Contact Role",
        plural: "Opportunity Contact Roles",
        fields: {
            OpportunityId: {
                t: "REFERENCE",
                ref: ["Opportunity"],
                rel: "Opportunity",
                req: true,
                label: "Opportunity ID"
            },
            ContactId: { t: "REFERENCE", ref: ["Contact"], rel: "Contact", req: true, label: "Contact ID" },
            Role: { t: "PICKLIST", len: 40 },
            IsPrimary: { t: "BOOLEAN", label: "Primary", def: false }
        }
    },
    Case: {
        prefix: "500",
        label: "Case",
        plural: "Cases",
        fields: {
            ...OWNED,
            // auto number (see AUTO_NUMBERS)
            CaseNumber: { t: "STRING", len: 30, sys: true, label: "Case Number" },
            ContactId: { t: "REFERENCE", ref: ["Contact"], rel: "Contact", label: "Contact ID" },
            AccountId: { t: "REFERENCE", ref: ["Account"], rel: "Account", label: "Account ID" },
            ParentId: { t: "REFERENCE", ref: ["Case"], rel: "Parent", label: "Parent Case ID", child: "Cases" },
            SuppliedName: { t: "STRING", len: 80, label: "Web Name" },
            SuppliedEmail: { t: "EMAIL", len: 80, label: "Web Email" },
            SuppliedPhone: { t: "STRING", len: 40, label: "Web Phone" },
            SuppliedCompany: { t: "STRING", len: 80, label: "Web Company" },
            Type: { t: "PICKLIST", len: 255, label: "Case Type" },
            Status: { t: "PICKLIST", len: 255 },
            Reason: { t: "PICKLIST", len: 255, label: "Case Reason" },
            Origin: { t: "PICKLIST", len: 255, label: "Case Origin" },
            Subject: { t: "STRING", len: 255 },
            Priority: { t: "PICKLIST", len: 255 },
            Description: { t: "TEXTAREA", len: 32000 },
            IsEscalated: { t: "BOOLEAN", label: "Escalated", def: false },
            // derived from the status (CaseStatus: IsClosed) on save
            IsClosed: { t: "BOOLEAN", sys: true, label: "Closed" },
            ClosedDate: { t: "DATETIME", sys: true, label: "Closed Date" }
        }
    },
    Task: {
        prefix: "00T",
        label: "Task",
        plural: "Tasks",
        fields: {
            ...OWNED,
            Subject: { t: "STRING", len: 255 },
            ActivityDate: { t: "DATE", label: "Due Date Only" },
            // required on the platform, defaulted on create (Not Started / Normal)
            Status: { t: "PICKLIST", len: 255 },
            Priority: { t: "PICKLIST", len: 255 },
            Type: { t: "PICKLIST", len: 255 },
            Description: { t: "TEXTAREA", len: 32000 },
            WhoId: { t: "REFERENCE", ref: ["Contact", "Lead"], rel: "Who", label: "Name ID" },
            WhatId: { t: "REFERENCE", ref: [...ACTIVITY_TARGETS], rel: "What", label: "Related To ID" },
            // derived on save: from WhatId (Account, or an Opportunity's account), else WhoId's contact
            AccountId: { t: "REFERENCE", ref: ["Account"], rel: "Account", sys: true, label: "Account ID" },
            IsClosed: { t: "BOOLEAN", sys: true, label: "Closed" }
        }
    },
    Event: {
        prefix: "00U",
        label: "Event",
        plural: "Events",
        fields: {
            ...OWNED,
            Subject: { t: "STRING", len: 255 },
            Location: { t: "STRING", len: 255 },
            Description: { t: "TEXTAREA", len: 32000 },
            Type: { t: "PICKLIST", len: 255 },
            StartDateTime: { t: "DATETIME", label: "Start Date Time" },
            EndDateTime: { t: "DATETIME", label: "End Date Time" },
            ActivityDateTime: { t: "DATETIME", label: "Due Date Time" },
            DurationInMinutes: { t: "INTEGER", label: "Duration", digits: 8 },
            IsAllDayEvent: { t: "BOOLEAN", label: "All-Day Event", def: false },
            WhoId: { t: "REFERENCE", ref: ["Contact", "Lead"], rel: "Who", label: "Name ID" },
            WhatId: { t: "REFERENCE", ref: [...ACTIVITY_TARGETS], rel: "What", label: "Related To ID" },
            AccountId: { t: "REFERENCE", ref: ["Account"], rel: "Account", sys: true, label: "Account ID" }
        }
    },
    Campaign: {
        prefix: "701",
        label: "Campaign",
        plural: "Campaigns",
        fields: {
            ...OWNED,
            Name: { t: "STRING", len: 80, req: true, label: "Campaign Name" },
            Type: { t: "PICKLIST", len: 255 },
            Status: { t: "PICKLIST", len: 255 },
            StartDate: { t: "DATE", label: "Start Date" },
            EndDate: { t: "DATE", label: "End Date" },
            IsActive: { t: "BOOLEAN", label: "Active", def: false },
            Description: { t: "TEXTAREA", len: 32000 },
            ParentId: {
                t: "REFERENCE",
                ref: ["Campaign"],
                rel: "Parent",
                label: "Parent Campaign ID",
                child: "ChildCampaigns"
            },
            BudgetedCost: { t: "CURRENCY", label: "Budgeted Cost in Campaign", prec: 18, scale: 0 },
            ActualCost: { t: "CURRENCY", label: "Actual Cost in Campaign", prec: 18, scale: 0 },
            ExpectedRevenue: { t: "CURRENCY", label: "Expected Revenue in Campaign", prec: 18, scale: 0 }
        }
    },
    CampaignMember: {
        prefix: "00v",
        label: "Campaign Member",
        plural: "Campaign Members",
        fields: {
            CampaignId: { t: "REFERENCE", ref: ["Campaign"], rel: "Campaign", req: true, label: "Campaign ID" },
            ContactId: { t: "REFERENCE", ref: ["Contact"], rel: "Contact", label: "Contact ID" },
            LeadId: { t: "REFERENCE", ref: ["Lead"], rel: "Lead", label: "Lead ID" },
            Status: { t: "PICKLIST", len: 40 },
            // derived from the member status (a new campaign's statuses: Sent, Responded)
            HasResponded: { t: "BOOLEAN", sys: true, label: "Responded" }
        }
    },
    Product2: {
        prefix: "01t",
        label: "Product",
        plural: "Products",
        fields: {
            Name: { t: "STRING", len: 255, req: true, label: "Product Name" },
            ProductCode: { t: "STRING", len: 255, label: "Product Code" },
            Description: { t: "TEXTAREA", len: 4000, label: "Product Description" },
            IsActive: { t: "BOOLEAN", label: "Active", def: false },
            Family: { t: "PICKLIST", len: 255, label: "Product Family" },
            StockKeepingUnit: { t: "STRING", len: 180, label: "Product SKU" },
            QuantityUnitOfMeasure: { t: "PICKLIST", len: 255, label: "Quantity Unit Of Measure" },
            DisplayUrl: { t: "URL", len: 1000, label: "Display URL" }
        }
    },
    RecordType: {
        prefix: "012",
        label: "Record Type",
        plural: "Record Types",
        fields: {
            Name: { t: "STRING", len: 80, sys: true, label: "Record Type Label" },
            DeveloperName: { t: "STRING", len: 80, sys: true, label: "Record Type Name" },
            SobjectType: { t: "PICKLIST", len: 40, sys: true, label: "SObject Type Name" },
            IsActive: { t: "BOOLEAN", sys: true, label: "Active" },
            IsPersonType: { t: "BOOLEAN", sys: true, label: "Is Person Type" },
            Description: { t: "STRING", len: 255, sys: true },
            NamespacePrefix: { t: "STRING", len: 15, sys: true, label: "Namespace Prefix" }
        }
    },
    LeadStatus: {
        prefix: "01J",
        label: "Lead Status Value",
        plural: "Lead Status Values",
        fields: {
            MasterLabel: { t: "STRING", len: 255, sys: true, label: "Master Label" },
            ApiName: { t: "STRING", len: 255, sys: true, label: "Api Name" },
            SortOrder: { t: "INTEGER", sys: true, label: "Sort Order" },
            IsDefault: { t: "BOOLEAN", sys: true, label: "Is Default" },
            IsConverted: { t: "BOOLEAN", sys: true, label: "Is Converted" }
        }
    },
    Recommendation: {
        prefix: "0RD",
        label: "Recommendation",
        plural: "Recommendations",
        fields: {
            Name: { t: "STRING", len: 80, req: true },
            Description: { t: "TEXTAREA", len: 1000, req: true },
            ActionReference: { t: "STRING", len: 255, label: "Action" },
            AcceptanceLabel: { t: "STRING", len: 255, label: "Acceptance Label" },
            RejectionLabel: { t: "STRING", len: 255, label: "Rejection Label" },
            ImageId: { t: "ID", label: "Image" },
            IsActionActive: { t: "BOOLEAN", label: "Action Is Active", def: true },
            ExternalId: { t: "STRING", len: 255, label: "External ID" },
            RecommendationMode: { t: "PICKLIST", len: 255, label: "Recommendation Mode" }
        }
    },
    CustomNotificationType: {
        prefix: "0ML",
        label: "Custom Notification Type",
        plural: "Custom Notification Types",
        fields: {
            DeveloperName: { t: "STRING", len: 40, sys: true, label: "API Name" },
            MasterLabel: { t: "STRING", len: 80, sys: true, label: "Label" },
            CustomNotifTypeName: { t: "STRING", len: 80, sys: true, label: "Custom Notification Name" }
        }
    },
    CronJobDetail: {
        prefix: "08a",
        label: "Scheduled Job Detail",
        plural: "Scheduled Job Details",
        fields: {
            Name: { t: "STRING", len: 255, sys: true, label: "Job Name" },
            JobType: { t: "PICKLIST", len: 40, sys: true, label: "Job Type" }
        }
    },
    ApexClass: {
        prefix: "01p",
        label: "Apex Class",
        plural: "Apex Classes",
        fields: {
            Name: { t: "STRING", len: 255, sys: true },
            NamespacePrefix: { t: "STRING", len: 15, sys: true, label: "Namespace Prefix" },
            Status: { t: "PICKLIST", len: 40, sys: true },
            IsValid: { t: "BOOLEAN", sys: true, label: "Is Valid" }
        }
    },
    Organization: {
        prefix: "00D",
        label: "Organization",
        plural: "Organizations",
        fields: {
            Name: { t: "STRING", len: 80, req: true },
            IsSandbox: { t: "BOOLEAN", def: false },
            OrganizationType: { t: "PICKLIST", len: 40, label: "Edition" },
            NamespacePrefix: { t: "STRING", len: 15, label: "Namespace Prefix" },
            InstanceName: { t: "STRING", len: 5, label: "Instance Name" },
            TimeZoneSidKey: { t: "PICKLIST", len: 40, label: "Default Time Zone" }
        }
    }
};

// Permission rows a pre-flight can query (accessObjects.ts): ObjectPermissions, View/Modify All Data
Object.assign(STANDARD, ACCESS_OBJECTS);
Object.assign(STANDARD.Profile.fields, ACCESS_SYSTEM_FIELDS);
Object.assign(STANDARD.PermissionSet.fields, ACCESS_SYSTEM_FIELDS);

/** Objects without the standard audit fields' writability (everything on them is system-managed). */
const NO_OWNER = new Set([
    "User",
    "Profile",
    "PermissionSet",
    "PermissionSetAssignment",
    "ObjectPermissions",
    "AsyncApexJob",
    "CronTrigger",
    "Organization"
]);

function humanise(apiName: string): string {
    return apiName.replace(/__(c|mdt|r)$/i, "").replace(/_/g, " ");
}

function makeField(name: string, s: FieldSpec, custom = false): FieldDef {
    return {
        name,
        label: s.label ?? humanise(name),
        type: s.t,
        length: s.len ?? (valueKindOf(s.t) === "String" ? 255 : 0),
        required: s.req === true,
        system: s.sys === true,
        externalId: s.ext === true,
        unique: false,
        referenceTo: s.ref ?? [],
        relationshipName: s.rel ?? null,
        custom,
        defaultValue: s.def ?? null,
        ...(s.child !== undefined ? { childRelationshipName: s.child } : {}),
        ...(s.prec !== undefined ? { precision: s.prec, scale: s.scale ?? 0 } : {}),
        ...(s.digits !== undefined ? { digits: s.digits } : {})
    };
}

function newObject(name: string, label: string, plural: string, prefix: string): ObjectDef {
    return {
        name,
        label,
        labelPlural: plural,
        keyPrefix: prefix,
        custom: /__(c|mdt|e)$/i.test(name),
        customMetadata: /__mdt$/i.test(name),
        platformEvent: /__e$/i.test(name),
        customSetting: null,
        fields: new Map(),
        parentRelationships: new Map(),
        childRelationships: new Map()
    };
}

function addField(o: ObjectDef, f: FieldDef): void {
    o.fields.set(f.name.toLowerCase(), f);
    if (f.relationshipName) o.parentRelationships.set(f.relationshipName.toLowerCase(), f);
}

const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    trimValues: true
});

function readXml(file: string): Record<string, unknown> {
    return xml.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

function str(v: unknown): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return null;
}

/** Custom field metadata `<type>` → display type. */
function displayTypeOfXml(type: string, scale: number): DisplayType {
    switch (type) {
        case "Text":
        case "EncryptedText":
            return "STRING";
        case "Email":
            return "EMAIL";
        case "Phone":
            return "PHONE";
        case "Url":
            return "URL";
        case "TextArea":
        case "LongTextArea":
        case "Html":
            return "TEXTAREA";
        case "Picklist":
            return "PICKLIST";
        case "MultiselectPicklist":
            return "MULTIPICKLIST";
        case "Checkbox":
            return "BOOLEAN";
        case "Number":
            return scale === 0 ? "DOUBLE" : "DOUBLE";
        case "Currency":
            return "CURRENCY";
        case "Percent":
            return "PERCENT";
        case "Date":
            return "DATE";
        case "DateTime":
            return "DATETIME";
        case "Time":
            return "TIME";
        case "Lookup":
        case "MasterDetail":
        case "MetadataRelationship":
            return "REFERENCE";
        default:
            return "STRING";
    }
}

function asList(v: unknown): unknown[] {
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** `<valueSet><restricted>…<valueSetDefinition><value>…` → value set (global value sets: no values known). */
function picklistOfXml(valueSet: unknown): PicklistDef {
    const vs = (valueSet ?? {}) as Record<string, unknown>;
    const definition = (vs.valueSetDefinition ?? {}) as Record<string, unknown>;
    const values: PicklistEntryDef[] = [];
    for (const raw of asList(definition.value)) {
        const v = raw as Record<string, unknown>;
        const value = str(v.fullName);
        if (value === null) continue;
        values.push({
            value,
            label: str(v.label) ?? value,
            isDefault: str(v.default) === "true",
            active: str(v.isActive) !== "false"
        });
    }
    return { restricted: str(vs.restricted) === "true", values };
}

/** Synthetic key prefixes for custom objects (`a00`, `a01`, …) and custom metadata types (`m00`, …). */
function syntheticPrefix(base: string, n: number): string {
    const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    return base + chars[Math.floor(n / 62) % 62] + chars[n % 62];
}

/**
 * Org features that change the schema, from the `features` of a scratch org definition
 * (`config/project-scratch-def.json`): `PersonAccounts`.
 */
export interface OrgFeatures {
    personAccounts: boolean;
    /** Organization-wide defaults from the scratch definition's `objectSettings` (object → `sharingModel`). */
    sharingModels?: Record<string, string>;
}

/** Features from scratch-org feature names (case-insensitive; names the local org does not model are ignored). */
export function orgFeatures(names: readonly string[] = []): OrgFeatures {
    const set = new Set(names.map((n) => n.toLowerCase()));
    return { personAccounts: set.has("personaccounts") };
}

/** How to enable Person Accounts (in messages). */
export const PERSON_ACCOUNTS_HINT =
    'Person Accounts are not enabled in this local org (add "PersonAccounts" to the features of the scratch org definition, see tools/local-org/README.md)';

/** A record type (RecordType row). */
export interface RecordTypeDef {
    sobjectType: string;
    developerName: string;
    name: string;
    active: boolean;
    personType: boolean;
    description: string | null;
}

/**
 * Person Account fields (Object Reference, "Person Account Record Types" / Account fields "for person accounts"):
 * on Account the contact fields under their Person… names; on Contact `IsPersonAccount`.
 */
const PERSON_ACCOUNT_FIELDS: Record<string, Record<string, FieldSpec>> = {
    Account: {
        IsPersonAccount: { t: "BOOLEAN", sys: true, label: "Is Person Account" },
        PersonContactId: {
            t: "REFERENCE",
            ref: ["Contact"],
            rel: "PersonContact",
            sys: true,
            label: "Person Contact ID",
            child: null
        },
        RecordTypeId: { t: "REFERENCE", ref: ["RecordType"], rel: "RecordType", label: "Record Type ID", child: null },
        FirstName: { t: "STRING", len: 40, label: "First Name" },
        LastName: { t: "STRING", len: 80, label: "Last Name" },
        Salutation: { t: "PICKLIST", len: 40 },
        PersonEmail: { t: "EMAIL", len: 80, label: "Email" },
        PersonMobilePhone: { t: "PHONE", len: 40, label: "Mobile" },
        PersonHomePhone: { t: "PHONE", len: 40, label: "Home Phone" },
        PersonOtherPhone: { t: "PHONE", len: 40, label: "Other Phone" },
        PersonAssistantPhone: { t: "PHONE", len: 40, label: "Asst. Phone" },
        PersonAssistantName: { t: "STRING", len: 40, label: "Assistant" },
        PersonTitle: { t: "STRING", len: 80, label: "Title" },
        PersonDepartment: { t: "STRING", len: 80, label: "Department" },
        PersonBirthdate: { t: "DATE", label: "Birthdate" },
        PersonLeadSource: { t: "PICKLIST", len: 255, label: "Lead Source" },
        PersonHasOptedOutOfEmail: { t: "BOOLEAN", label: "Email Opt Out", def: false },
        PersonDoNotCall: { t: "BOOLEAN", label: "Do Not Call", def: false },
        PersonMailingStreet: { t: "TEXTAREA", len: 255, label: "Mailing Street" },
        PersonMailingCity: { t: "STRING", len: 40, label: "Mailing City" },
        PersonMailingState: { t: "STRING", len: 80, label: "Mailing State/Province" },
        PersonMailingPostalCode: { t: "STRING", len: 20, label: "Mailing Zip/Postal Code" },
        PersonMailingCountry: { t: "STRING", len: 80, label: "Mailing Country" }
    },
    Contact: {
        IsPersonAccount: { t: "BOOLEAN", sys: true, label: "Is Person Account" }
    }
};

/** Person Account field on Account → the person contact's field (custom `X__pc` → `X__c`). */
export function personContactField(accountField: string): string | null {
    if (/__pc$/i.test(accountField)) return accountField.replace(/__pc$/i, "__c");
    const l = accountField.toLowerCase();
    if (l === "firstname" || l === "lastname" || l === "salutation") return accountField;
    if (l.startsWith("person") && l !== "personcontactid") return accountField.slice("Person".length);
    return null;
}

/** Fields of the platform's `Name` object (Object Reference, "Name"). */
const NAME_FIELDS: Record<string, FieldSpec> = {
    Id: { t: "ID", sys: true, len: 18, label: "ID" },
    Name: { t: "STRING", len: 255, sys: true },
    Type: { t: "PICKLIST", len: 40, sys: true },
    FirstName: { t: "STRING", len: 40, sys: true, label: "First Name" },
    LastName: { t: "STRING", len: 80, sys: true, label: "Last Name" },
    Alias: { t: "STRING", len: 8, sys: true },
    Email: { t: "EMAIL", len: 80, sys: true },
    IsActive: { t: "BOOLEAN", sys: true, label: "Active" },
    Username: { t: "STRING", len: 80, sys: true },
    Phone: { t: "PHONE", len: 40, sys: true },
    Title: { t: "STRING", len: 80, sys: true }
};

/** Standard fields the platform has on the modelled objects that the local org leaves out. */
const UNMODELLED_STANDARD: Record<string, string[]> = {
    Opportunity: [
        "Probability",
        "ForecastCategory",
        "ForecastCategoryName",
        "ExpectedRevenue",
        "TotalOpportunityQuantity",
        "HasOpportunityLineItem",
        "Pricebook2Id",
        "ContactId",
        "IsPrivate",
        "FiscalYear",
        "FiscalQuarter",
        "Fiscal",
        "RecordTypeId"
    ],
    Case: [
        "ContactEmail",
        "ContactPhone",
        "ContactMobile",
        "ContactFax",
        "AssetId",
        "Comments",
        "IsClosedOnCreate",
        "SourceId",
        "BusinessHoursId",
        "EntitlementId",
        "RecordTypeId",
        "Language"
    ],
    Task: [
        "TaskSubtype",
        "CallType",
        "CallDurationInSeconds",
        "CallDisposition",
        "CallObject",
        "ReminderDateTime",
        "IsReminderSet",
        "CompletedDateTime",
        "IsRecurrence",
        "WhoCount",
        "WhatCount",
        "IsHighPriority",
        "IsArchived",
        "RecordTypeId"
    ],
    Event: [
        "EventSubtype",
        "ShowAs",
        "ActivityDate",
        "IsPrivate",
        "EndDate",
        "IsReminderSet",
        "ReminderDateTime",
        "IsRecurrence",
        "IsGroupEvent",
        "IsChild",
        "GroupEventType",
        "IsArchived",
        "RecordTypeId"
    ],
    Campaign: [
        "NumberOfLeads",
        "NumberOfConvertedLeads",
        "NumberOfContacts",
        "NumberOfResponses",
        "NumberOfOpportunities",
        "NumberOfWonOpportunities",
        "AmountAllOpportunities",
        "AmountWonOpportunities",
        "ExpectedResponse",
        "NumberSent",
        "CampaignMemberRecordTypeId",
        "RecordTypeId"
    ],
    CampaignMember: [
        "Type",
        "Name",
        "FirstName",
        "LastName",
        "Email",
        "Title",
        "Phone",
        "MobilePhone",
        "CompanyOrAccount",
        "City",
        "State",
        "Country",
        "PostalCode",
        "Street",
        "LeadOrContactId",
        "LeadOrContactOwnerId",
        "FirstRespondedDate",
        "HasOptedOutOfEmail",
        "DoNotCall",
        "AccountId"
    ],
    OpportunityContactRole: [],
    Product2: ["ExternalId", "ExternalDataSourceId", "IsArchived", "Type", "ProductClass", "RecordTypeId"],
    User: [
        "CommunityNickname",
        "UserRoleId",
        "ContactId",
        "AccountId",
        "IsPortalEnabled",
        "SmallPhotoUrl",
        "FullPhotoUrl",
        "MiddleName",
        "Suffix",
        "Street",
        "City",
        "State",
        "PostalCode",
        "Country",
        "Extension",
        "Fax",
        "EmployeeNumber",
        "Division",
        "AboutMe",
        "LastLoginDate"
    ]
};

/** Fields of a standard object that fail loudly when used (see {@link ObjectDef.unmodelled}). */
function unmodelledFieldsOf(objectName: string, features: OrgFeatures): Map<string, string> {
    const out = new Map<string, string>();
    for (const f of UNMODELLED_STANDARD[objectName] ?? [])
        out.set(f.toLowerCase(), `standard field ${objectName}.${f} (not modelled by the local org)`);
    if (!features.personAccounts)
        for (const f of Object.keys(PERSON_ACCOUNT_FIELDS[objectName] ?? {}))
            out.set(f.toLowerCase(), `${objectName}.${f}: ${PERSON_ACCOUNTS_HINT}`);
    return out;
}

/**
 * Why a field is unknown: the reason it fails loudly (a platform field the local org leaves out, or a Person Account
 * field while Person Accounts are disabled), or null when the platform does not have it either.
 */
export function unmodelledReason(o: ObjectDef, fieldName: string): string | null {
    const l = fieldName.toLowerCase();
    const r = o.unmodelled?.get(l);
    if (r) return r;
    if (o.name === "Account" && l.endsWith("__pc") && o.unmodelled?.has("ispersonaccount"))
        return `Account.${fieldName}: ${PERSON_ACCOUNTS_HINT}`;
    return null;
}

/** Objects the merge statement supports (they have MasterRecordId). */
const MERGED_OBJECTS = new Set(["Account", "Contact", "Lead", "Case"]);

/** The org's schema. */
export class Schema {
    readonly objects = new Map<string, ObjectDef>();
    private readonly byPrefix = new Map<string, ObjectDef>();
    readonly customMetadata: CustomMetadataRecord[] = [];
    /** Custom notification types from `notificationtypes/*.notiftype-meta.xml` (developer name → label). */
    readonly notificationTypes = new Map<string, string>();
    /** Cache of {@link detailsOf} (cleared when metadata loads). */
    private readonly details = new Map<ObjectDef, { child: ObjectDef; field: FieldDef }[]>();

    /** The platform's `Name` object (the target of `Who`, `What`): never registered, never queried directly. */
    readonly nameObject: ObjectDef;
    /** Record types: from `objects/<Object>/recordTypes/*.recordType-meta.xml`, plus Person Account when enabled. */
    readonly recordTypes: RecordTypeDef[] = [];

    constructor(readonly features: OrgFeatures = { personAccounts: false }) {
        for (const [name, def] of Object.entries(STANDARD)) {
            const o = newObject(name, def.label, def.plural, def.prefix);
            for (const [fn, spec] of Object.entries(SYSTEM_FIELDS)) addField(o, makeField(fn, spec));
            const fields = { ...def.fields, ...(features.personAccounts ? (PERSON_ACCOUNT_FIELDS[name] ?? {}) : {}) };
            for (const [fn, spec] of Object.entries(fields)) {
                const f = makeField(fn, spec);
                const values = standardPicklist(name, fn);
                if (values) f.picklist = values;
                addField(o, f);
            }
            // the record a merge deleted this one into (Account, Contact, Lead, Case)
            if (MERGED_OBJECTS.has(name))
                addField(
                    o,
                    makeField("MasterRecordId", {
                        t: "REFERENCE",
                        ref: [name],
                        rel: "MasterRecord",
                        sys: true,
                        label: "Master Record ID",
                        child: null
                    })
                );
            const caseNumber = o.fields.get("casenumber");
            if (caseNumber) caseNumber.autoNumber = { displayFormat: "{00000000}", startingNumber: 1 };
            o.unmodelled = unmodelledFieldsOf(name, features);
            this.register(o);
        }
        if (features.personAccounts)
            this.recordTypes.push({
                sobjectType: "Account",
                developerName: "PersonAccount",
                name: "Person Account",
                active: true,
                personType: true,
                description: null
            });
        this.nameObject = newObject("Name", "Name", "Names", "");
        this.nameObject.polymorphicName = true;
        for (const [fn, spec] of Object.entries(NAME_FIELDS)) addField(this.nameObject, makeField(fn, spec));
        void NO_OWNER;
        this.linkChildren();
    }

    private register(o: ObjectDef): void {
        this.objects.set(o.name.toLowerCase(), o);
        this.byPrefix.set(o.keyPrefix, o);
    }

    /** Object by API name (case-insensitive). */
    object(name: string): ObjectDef | undefined {
        return this.objects.get(name.toLowerCase());
    }

    /** Object of an Id's key prefix. */
    objectOfPrefix(prefix: string): ObjectDef | undefined {
        return this.byPrefix.get(prefix);
    }

    /** Master-detail fields whose master is the given object (the detail rows a delete cascades to). */
    detailsOf(master: ObjectDef): { child: ObjectDef; field: FieldDef }[] {
        // computed once per object: a delete asks for every record it deletes
        let out = this.details.get(master);
        if (!out) {
            out = [];
            for (const child of this.objects.values())
                for (const f of child.fields.values())
                    if (f.masterDetail && f.referenceTo.some((r) => r.toLowerCase() === master.name.toLowerCase()))
                        out.push({ child, field: f });
            this.details.set(master, out);
        }
        return out;
    }

    /** Rebuilds child relationship names (`Contacts` on Account, `Foos__r` on the parent of `Foo__c`). */
    private linkChildren(): void {
        this.details.clear();
        for (const o of this.objects.values()) o.childRelationships.clear();
        for (const child of this.objects.values()) {
            for (const f of child.fields.values()) {
                if (f.type !== "REFERENCE" || f.system || f.name === "OwnerId") continue;
                for (const parentName of f.referenceTo) {
                    const parent = this.object(parentName);
                    if (!parent) continue;
                    if (f.childRelationshipName === null) continue;
                    if (f.childRelationshipName === undefined && f.name === "ParentId" && parent === child) continue;
                    const relName =
                        f.childRelationshipName ??
                        (f.custom ? `${child.name.replace(/__c$/i, "")}s__r` : child.labelPlural.replace(/\s+/g, ""));
                    parent.childRelationships.set(relName.toLowerCase(), {
                        childObject: child.name,
                        field: f.name,
                        name: relName
                    });
                }
            }
        }
    }

    /** Loads custom objects, custom fields and custom metadata records below the given source folders. */
    loadMetadata(sourceDirs: string[]): void {
        const files = sourceFiles(sourceDirs);
        let customN = 0;
        let mdtN = 0;
        const activityTargets: string[] = [];
        const objectFiles = files.filter((f) => f.endsWith(".object-meta.xml")).sort();
        for (const f of objectFiles) {
            const name = path.basename(f, ".object-meta.xml");
            if (this.object(name)) continue;
            const doc = (readXml(f).CustomObject ?? {}) as Record<string, unknown>;
            const isMdt = /__mdt$/i.test(name);
            const prefix = /__e$/i.test(name)
                ? syntheticPrefix("e", customN++)
                : isMdt
                  ? syntheticPrefix("m", mdtN++)
                  : syntheticPrefix("a", customN++);
            const label = str(doc.label) ?? humanise(name);
            const o = newObject(name, label, str(doc.pluralLabel) ?? label, prefix);
            if (str(doc.enableActivities) === "true") activityTargets.push(name);
            for (const [fn, spec] of Object.entries(SYSTEM_FIELDS)) addField(o, makeField(fn, spec));
            if (isMdt) {
                addField(
                    o,
                    makeField("DeveloperName", {
                        t: "STRING",
                        len: 40,
                        req: true,
                        label: "Custom Metadata Record Name"
                    })
                );
                addField(o, makeField("MasterLabel", { t: "STRING", len: 40, req: true, label: "Label" }));
                addField(o, makeField("Label", { t: "STRING", len: 40, label: "Label" }));
                addField(
                    o,
                    makeField("QualifiedApiName", { t: "STRING", len: 70, sys: true, label: "Qualified API Name" })
                );
                addField(
                    o,
                    makeField("NamespacePrefix", { t: "STRING", len: 15, sys: true, label: "Namespace Prefix" })
                );
            } else if (str(doc.customSettingsType)) {
                o.customSetting = str(doc.customSettingsType);
                addField(o, makeField("Name", { t: "STRING", len: 38, label: "Name" }));
                addField(
                    o,
                    makeField("SetupOwnerId", {
                        t: "REFERENCE",
                        ref: ["Organization", "Profile", "User"],
                        rel: "SetupOwner",
                        label: "Location"
                    })
                );
            } else {
                const nameField = (doc.nameField ?? {}) as Record<string, unknown>;
                const autoNumber = autoNumberOfXml(nameField);
                // an auto-number Name is set by the platform: never required, never writable
                const name = makeField("Name", {
                    t: "STRING",
                    len: 80,
                    sys: autoNumber !== null,
                    label: str(nameField.label) ?? `${label} Name`
                });
                if (autoNumber) name.autoNumber = autoNumber;
                addField(o, name);
                addField(o, makeField("OwnerId", OWNED.OwnerId));
            }
            this.register(o);
        }
        for (const f of files.filter((x) => x.endsWith(".field-meta.xml")).sort()) {
            const objName = path.basename(path.dirname(path.dirname(f)));
            const o = this.object(objName);
            if (!o) continue;
            const doc = (readXml(f).CustomField ?? {}) as Record<string, unknown>;
            const name = str(doc.fullName) ?? path.basename(f, ".field-meta.xml");
            const scale = Number(str(doc.scale) ?? "0");
            const type = displayTypeOfXml(str(doc.type) ?? "Text", scale);
            const len = Number(str(doc.length) ?? (type === "TEXTAREA" ? "255" : "0"));
            const ref = str(doc.referenceTo);
            const masterDetail = str(doc.type) === "MasterDetail";
            const autoNumber = autoNumberOfXml(doc);
            const formula = str(doc.formula) ?? undefined;
            const def: FieldDef = {
                name,
                label: str(doc.label) ?? humanise(name),
                type,
                length: valueKindOf(type) === "String" ? len || 255 : 0,
                // a master-detail field is always required (the metadata has no <required> for it)
                required: masterDetail || str(doc.required) === "true",
                system: autoNumber !== null || formula !== undefined,
                externalId: str(doc.externalId) === "true",
                unique: str(doc.unique) === "true",
                caseSensitive: str(doc.caseSensitive) === "true",
                referenceTo: ref ? [ref] : [],
                relationshipName: type === "REFERENCE" ? name.replace(/__c$/i, "__r") : null,
                custom: true,
                defaultValue: type === "BOOLEAN" ? str(doc.defaultValue) === "true" : null
            };
            if (["DOUBLE", "CURRENCY", "PERCENT"].includes(type)) {
                def.precision = Number(str(doc.precision) ?? "18");
                def.scale = scale;
            }
            if (type === "PICKLIST" || type === "MULTIPICKLIST") def.picklist = picklistOfXml(doc.valueSet);
            if (autoNumber) def.autoNumber = autoNumber;
            if (formula !== undefined) def.formula = formula;
            if (masterDetail) {
                def.masterDetail = { reparentable: str(doc.reparentableMasterDetail) === "true" };
                // a detail record is owned through its master: the object has no OwnerId
                o.fields.delete("ownerid");
                o.parentRelationships.delete("owner");
            }
            const childRel = str(doc.relationshipName);
            if (childRel) def.childRelationshipName = `${childRel}__r`;
            addField(o, def);
        }
        // tasks and events can relate to custom objects that allow activities
        for (const activity of ["task", "event"]) {
            const whatId = this.objects.get(activity)?.fields.get("whatid");
            if (whatId) whatId.referenceTo = [...whatId.referenceTo, ...activityTargets];
        }
        for (const f of files.filter((x) => x.endsWith(".recordType-meta.xml")).sort()) {
            const o = this.object(path.basename(path.dirname(path.dirname(f))));
            if (!o) continue;
            const doc = (readXml(f).RecordType ?? {}) as Record<string, unknown>;
            const developerName = str(doc.fullName) ?? path.basename(f, ".recordType-meta.xml");
            this.recordTypes.push({
                sobjectType: o.name,
                developerName,
                name: str(doc.label) ?? developerName,
                active: str(doc.active) !== "false",
                personType: false,
                description: str(doc.description)
            });
            if (!o.fields.has("recordtypeid")) {
                addField(
                    o,
                    makeField("RecordTypeId", {
                        t: "REFERENCE",
                        ref: ["RecordType"],
                        rel: "RecordType",
                        label: "Record Type ID",
                        child: null
                    })
                );
                o.unmodelled?.delete("recordtypeid");
            }
        }
        // Person Accounts: each custom Contact field is also an Account field `X__pc`
        const contact = this.objects.get("contact");
        const account = this.objects.get("account");
        if (this.features.personAccounts && contact && account)
            for (const f of contact.fields.values())
                if (f.custom && /__c$/i.test(f.name))
                    addField(account, {
                        ...f,
                        name: f.name.replace(/__c$/i, "__pc"),
                        relationshipName: f.relationshipName ? f.relationshipName.replace(/__r$/i, "__pr") : null,
                        childRelationshipName: null,
                        unique: false,
                        externalId: false
                    });
        for (const f of files.filter((x) => x.endsWith(".notiftype-meta.xml")).sort()) {
            const doc = (readXml(f).CustomNotificationType ?? {}) as Record<string, unknown>;
            const name = path.basename(f, ".notiftype-meta.xml");
            this.notificationTypes.set(name, str(doc.masterLabel) ?? str(doc.customNotifTypeName) ?? name);
        }
        for (const f of files.filter((x) => x.endsWith(".md-meta.xml")).sort()) {
            const base = path.basename(f, ".md-meta.xml");
            const dot = base.indexOf(".");
            if (dot < 0) continue;
            const type = `${base.slice(0, dot)}__mdt`;
            const doc = (readXml(f).CustomMetadata ?? {}) as Record<string, unknown>;
            const raw = doc.values;
            const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
            const values: Record<string, string | number | boolean | null> = {};
            for (const item of list as Record<string, unknown>[]) {
                const field = str(item.field);
                if (!field) continue;
                const v = item.value;
                if (v && typeof v === "object") {
                    const rec = v as Record<string, unknown>;
                    if (rec["@xsi:nil"] === "true") values[field] = null;
                    else values[field] = str(rec["#text"]) ?? "";
                } else values[field] = str(v);
            }
            this.customMetadata.push({
                type,
                developerName: base.slice(dot + 1),
                label: str(doc.label) ?? base.slice(dot + 1),
                values
            });
        }
        this.linkChildren();
    }
}
