/** Static configuration of the seeded datasets: identity types, attributes, profile objects, campaigns, segments. */
import type { Campaign, DatasetConfig, IdentityType, SegmentDefinition } from "../store/types";

const IDENTITY_TYPES: IdentityType[] = [
    { id: "emailAddress", label: "Email Address", attribute: "emailAddress", caseSensitive: false },
    { id: "sfdcContactId", label: "Salesforce CRM Contact ID", attribute: "sfdcContactId", caseSensitive: true },
    { id: "sfdcLeadId", label: "Salesforce CRM Lead ID", attribute: "sfdcLeadId", caseSensitive: true },
    { id: "customerId", label: "Customer ID", attribute: "customerId", caseSensitive: true },
    {
        id: "sfmcContactKey",
        label: "Salesforce Marketing Cloud Contact Key",
        attribute: "sfmcContactKey",
        caseSensitive: true
    }
];

const USER_ATTRIBUTES: DatasetConfig["userAttributes"] = [
    { name: "firstName", label: "First Name", type: "string" },
    { name: "lastName", label: "Last Name", type: "string" },
    { name: "accountName", label: "Account Name", type: "string" },
    { name: "title", label: "Title", type: "string" },
    { name: "loyaltyTier", label: "Loyalty Tier", type: "string" },
    { name: "lifetimeValue", label: "Lifetime Value", type: "number" },
    { name: "emailOptIn", label: "Email Opt-In", type: "boolean" }
];

const CASE_TYPE = {
    name: "Case",
    label: "Support Case",
    attributes: [
        { name: "Status", label: "Status", type: "string" as const },
        { name: "Priority", label: "Priority", type: "string" as const },
        { name: "Subject", label: "Subject", type: "string" as const }
    ],
    relatedCatalogObjects: ["Product"]
};

const OPPORTUNITY_TYPE = {
    name: "Opportunity",
    label: "Opportunity",
    attributes: [
        { name: "StageName", label: "Stage", type: "string" as const },
        { name: "Amount", label: "Amount", type: "number" as const },
        { name: "CloseDate", label: "Close Date", type: "date" as const }
    ],
    relatedCatalogObjects: ["Product"]
};

const server = { channel: "Server" };

/** Source > Application of the package's insights event (mcp/templates/README.md). */
export const INSIGHTS_APPLICATION = "Personalization Connector";

/** The package's insights campaign: the shipped CRM Profile Insights template, answering only the package. */
function insightsCampaign(campaignId: string, experienceId: string, itemTypes: string): Campaign {
    return {
        campaignId,
        name: "Personalization Connector Insights",
        state: "Published",
        targeting: { channel: "Server", applications: [INSIGHTS_APPLICATION] },
        controlPct: 0,
        experiences: [
            {
                id: experienceId,
                name: "CRM Profile Insights",
                template: "CRM_INSIGHTS",
                config: { datafield: "crmInsights", maxResults: 25, itemTypes }
            }
        ]
    };
}

const ENGAGE_CAMPAIGNS: Campaign[] = [
    {
        campaignId: "NbPr1",
        name: "Next Best Promotion - Sales",
        state: "Published",
        targeting: server,
        controlPct: 0,
        experiences: [
            {
                id: "NbPx1",
                name: "Promotions by Einstein Decisions",
                template: "CRM_DECISIONS",
                config: {
                    datafield: "promos",
                    maxResults: 3,
                    contentZone: "crm_nbo",
                    fallbackPromoId: "promo-loyalty-gold"
                }
            }
        ]
    },
    {
        campaignId: "NbRc1",
        name: "Next Best Products - Service Console",
        state: "Published",
        targeting: server,
        controlPct: 20,
        experiences: [
            {
                id: "NbRx1",
                name: "Recommended products",
                template: "CRM_RECS",
                config: { datafield: "recs", maxResults: 4, itemType: "Product" }
            }
        ]
    },
    {
        campaignId: "SvcP1",
        name: "Service Console Offers",
        state: "Published",
        targeting: { channel: "Server", applications: ["Service Console"] },
        controlPct: 0,
        experiences: [
            {
                id: "SvcX1",
                name: "Service goodwill offers",
                template: "CRM_DECISIONS",
                config: {
                    datafield: "promos",
                    maxResults: 2,
                    contentZone: "crm_service",
                    fallbackPromoId: "promo-service-apology"
                }
            }
        ]
    },
    {
        campaignId: "ClRc1",
        name: "Classic CRM Recommendations",
        state: "Published",
        targeting: server,
        controlPct: 0,
        experiences: [
            {
                id: "ClRx1",
                name: "Classic recs",
                template: "CLASSIC",
                config: { datafield: "legacyRecs", maxResults: 3, itemType: "Product" }
            }
        ]
    },
    {
        campaignId: "TsTc1",
        name: "New Arrivals (Testing)",
        state: "Testing",
        targeting: server,
        controlPct: 0,
        experiences: [
            {
                id: "TsTx1",
                name: "New arrivals",
                template: "CRM_RECS",
                config: { datafield: "recs", maxResults: 2, itemType: "Product" }
            }
        ]
    },
    {
        campaignId: "DsOf1",
        name: "Winter Clearance (Disabled)",
        state: "Disabled",
        targeting: server,
        controlPct: 0,
        experiences: [
            {
                id: "DsOx1",
                name: "Clearance offers",
                template: "CRM_DECISIONS",
                config: { datafield: "promos", maxResults: 1, contentZone: "crm_nbo" }
            }
        ]
    },
    insightsCampaign("PcIn1", "PcIx1", "Product")
];

const B2B_CAMPAIGNS: Campaign[] = [
    {
        campaignId: "B2bP1",
        name: "B2B Next Best Action",
        state: "Published",
        targeting: server,
        controlPct: 10,
        experiences: [
            {
                id: "B2bX1",
                name: "Account offers",
                template: "CRM_DECISIONS",
                config: { datafield: "promos", maxResults: 3, contentZone: "b2b_nbo", fallbackPromoId: "promo-net60" }
            }
        ]
    },
    {
        campaignId: "B2bR1",
        name: "Recommended Content",
        state: "Published",
        targeting: server,
        controlPct: 0,
        experiences: [
            {
                id: "B2bX2",
                name: "Journal recommendations",
                template: "CRM_RECS",
                config: { datafield: "crecs", maxResults: 4, itemType: "Blog" }
            }
        ]
    },
    insightsCampaign("PcIn2", "PcIx2", "Product,Blog")
];

const segmentsFor = (categories: readonly string[]): SegmentDefinition[] => [
    { id: "seg-high-engagement", name: "High Engagement", rule: { kind: "engagementAtLeast", score: 0.6 } },
    { id: "seg-recent-purchasers", name: "Recent Purchasers", rule: { kind: "purchasedWithinDays", days: 30 } },
    {
        id: "seg-gold-loyalty",
        name: "Gold Loyalty",
        rule: { kind: "attributeEquals", attribute: "loyaltyTier", value: "Gold" }
    },
    ...categories.map((c): SegmentDefinition => {
        const plural: Record<string, string> = {
            Camping: "Campers",
            Hiking: "Hikers",
            Climbing: "Climbers",
            Cycling: "Cyclists",
            Running: "Runners"
        };
        return {
            id: `seg-${c.toLowerCase()}`,
            name: plural[c] ?? c,
            rule: { kind: "categoryViewsAtLeast", category: `c-${c.toLowerCase()}`, views: 3 }
        };
    })
];

/** The two seeded datasets. Fresh objects each call (campaign lists are never shared between emulators). */
export function defaultDatasets(): DatasetConfig[] {
    const categories = ["Camping", "Hiking", "Climbing", "Cycling", "Running"];
    return [
        {
            id: "engage",
            label: "Engage (Retail)",
            eventApiIdentityAttribute: "customerId",
            identityTypes: IDENTITY_TYPES.map((t) => ({ ...t })),
            userAttributes: USER_ATTRIBUTES.map((a) => ({ ...a })),
            profileObjectTypes: [structuredClone(CASE_TYPE), structuredClone(OPPORTUNITY_TYPE)],
            catalogTypes: [
                {
                    name: "Product",
                    label: "Product",
                    attributes: [
                        "name",
                        "url",
                        "imageUrl",
                        "description",
                        "price",
                        "listPrice",
                        "rating",
                        "inventoryCount"
                    ]
                },
                { name: "Category", label: "Category" },
                { name: "Brand", label: "Brand" },
                { name: "Blog", label: "Blog Post", attributes: ["name", "url", "imageUrl", "description"] }
            ],
            strictProfileObjectSecurity: true,
            siteUrl: "https://www.northtrail.example.com",
            campaigns: structuredClone(ENGAGE_CAMPAIGNS),
            segments: segmentsFor(categories)
        },
        {
            id: "b2b",
            label: "B2B Demand Generation",
            eventApiIdentityAttribute: "emailAddress",
            identityTypes: IDENTITY_TYPES.map((t) => ({ ...t })),
            userAttributes: USER_ATTRIBUTES.filter((a) => a.name !== "loyaltyTier").map((a) => ({ ...a })),
            profileObjectTypes: [structuredClone(OPPORTUNITY_TYPE)],
            catalogTypes: [
                {
                    name: "Product",
                    label: "Product",
                    attributes: [
                        "name",
                        "url",
                        "imageUrl",
                        "description",
                        "price",
                        "listPrice",
                        "rating",
                        "inventoryCount"
                    ]
                },
                { name: "Category", label: "Category" },
                { name: "Blog", label: "Blog Post", attributes: ["name", "url", "imageUrl", "description"] }
            ],
            strictProfileObjectSecurity: false,
            siteUrl: "https://www.northtrail.example.com",
            campaigns: structuredClone(B2B_CAMPAIGNS),
            segments: segmentsFor(categories)
        }
    ];
}
