/** Domain model of the emulator: datasets, catalog, campaigns, profiles, events. */

/** A primitive user-attribute value as MCP stores it. */
export type AttributeValue = string | number | boolean;

/** An identity type attached to a user attribute of a dataset. */
export interface IdentityType {
    id: string;
    label: string;
    attribute: string;
    caseSensitive: boolean;
}

/** A pre-defined user or profile-object attribute. */
export interface AttributeDefinition {
    name: string;
    label: string;
    type: "string" | "number" | "boolean" | "date";
}

/** A pre-defined profile-object type (max 10 attributes, 5 related catalog types). */
export interface ProfileObjectType {
    name: string;
    label: string;
    attributes: AttributeDefinition[];
    relatedCatalogObjects: string[];
}

/** One catalog item (Product, Blog, Category, Brand, ...). */
export interface CatalogItem {
    type: string;
    id: string;
    name: string;
    url: string;
    imageUrl?: string;
    description?: string;
    price?: number;
    listPrice?: number;
    rating?: number;
    inventoryCount?: number;
    /** Category item ID (products and blog posts). */
    category?: string;
    /** Brand item ID (products). */
    brand?: string;
}

/** A promotion used by Einstein Decisions (NBO). */
export interface Promotion {
    id: string;
    name: string;
    url: string;
    description: string;
    assets: Array<{ type: "CdnImage" | "ExternalImage"; imageUrl: string; contentZones: string[] }>;
    /** Interest categories the promotion suits (scored higher for those users). */
    categories: string[];
}

/** Template of a server-side experience. */
/** CRM_INSIGHTS runs the shipped template mcp/templates/crm-profile-insights (compiled run()). */
export type TemplateKind = "CRM_DECISIONS" | "CRM_RECS" | "CLASSIC" | "CRM_INSIGHTS";

/** One experience of a campaign. */
export interface Experience {
    id: string;
    name: string;
    template: TemplateKind;
    config: {
        datafield: string;
        maxResults: number;
        itemType?: string;
        /** CRM_INSIGHTS: comma list of catalog types for affinities (the template's itemTypes). */
        itemTypes?: string;
        contentZone?: string;
        fallbackPromoId?: string;
    };
}

/** A server-side campaign (section 16 of the API reference). */
export interface Campaign {
    campaignId: string;
    name: string;
    state: "Published" | "Disabled" | "Testing";
    targeting: { channel: string; applications?: string[] };
    controlPct: number;
    experiences: Experience[];
}

/** A segment: static membership and/or a rule over the profile summary. */
export interface SegmentDefinition {
    id: string;
    name: string;
    rule: SegmentRule;
}

/** Simple segment rules the emulator evaluates. */
export type SegmentRule =
    | { kind: "engagementAtLeast"; score: number }
    | { kind: "purchasedWithinDays"; days: number }
    | { kind: "categoryViewsAtLeast"; category: string; views: number }
    | { kind: "attributeEquals"; attribute: string; value: AttributeValue }
    | { kind: "static"; userIds: string[] };

/** Static configuration of a dataset. */
export interface DatasetConfig {
    id: string;
    label: string;
    eventApiIdentityAttribute: string;
    identityTypes: IdentityType[];
    userAttributes: AttributeDefinition[];
    profileObjectTypes: ProfileObjectType[];
    catalogTypes: Array<{ name: string; label: string; attributes?: string[] }>;
    strictProfileObjectSecurity: boolean;
    siteUrl: string;
    campaigns: Campaign[];
    segments: SegmentDefinition[];
}

/** One recorded event in a profile's stream. */
export interface StoredEvent {
    /** Unique within the profile (bumped by 1 ms on collision). */
    time: number;
    action: string;
    itemAction?: string;
    channel: string;
    url?: string;
    application?: string;
    item?: { type: string; id: string; name?: string; inventoryCount?: number; price?: number; quantity?: number };
    order?: {
        orderId: string;
        totalValue: number;
        currency: string;
        lines: Array<{ type: string; id: string; price: number; quantity: number }>;
    };
    campaign?: {
        campaignId: string | null;
        campaignName: string | null;
        experienceId: string;
        stat: "Impression" | "Click" | "Dismissal";
        control: boolean;
    };
    /** Dwell time for views, feeds the viewTime affinity. */
    viewTimeMs?: number;
    /** Visit this event belongs to (generated history) or undefined. */
    visit?: number;
    /** Non-interactive events do not count as activity. */
    nonInteractive?: boolean;
}

/** A stored profile object. */
export interface StoredProfileObject {
    id: string;
    attributes: Record<string, AttributeValue>;
    relatedCatalogObjects: Record<string, string[]>;
    created: number;
}

/** Parameters of one generated history (regenerated on demand, never stored). */
export interface GeneratedHistory {
    seed: number;
    /** 0..1: how active the person is. */
    activity: number;
    interests: string[];
}

/** A profile (named or anonymous) in one dataset. */
export interface Profile {
    id: string;
    dataset: string;
    /** identity attribute → value as stored (original case). */
    identities: Record<string, string>;
    attributes: Record<string, { value: AttributeValue; updated: number }>;
    profileObjects: Record<string, StoredProfileObject[]>;
    anonAliases: string[];
    anonMergeTimes: number[];
    /** Generated histories folded into this profile (several after merges). */
    histories: GeneratedHistory[];
    /** Interest categories that shape recommendations (and generated activity). */
    interests: string[];
    /** Events received through the API or /__emulator/activity (never dropped). */
    liveEvents: StoredEvent[];
    demo: boolean;
    created: number;
    /** Last interactive event time of live events (generated history computes its own). */
    liveLastActivity: number | null;
}
