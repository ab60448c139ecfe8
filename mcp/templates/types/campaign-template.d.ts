/**
 * Ambient declarations of exactly the Marketing Cloud Personalization (MCP) server-side template API members that
 * the shipped templates use, so they type-check offline. MCP provides these as globals in its template editor; no
 * official .d.ts is public (the type reference site is not reachable), so every member is typed loosely and read
 * defensively by the template.
 *
 * Evidence tags (see research/mcp-surfaces-evidence.md section 3 and shared/docs/personalization-api.md 6.8, 7.2):
 * [D] Salesforce documentation; [O] public template code; [U] no public evidence.
 */

/** [D] "Template Server TypeScript": a template is a class that `implements CampaignTemplateComponent`. */
interface CampaignTemplateComponent {
    /** [D] The returned object is merged into the campaign response payload (same keys overwrite). */
    run(context: CampaignComponentContext): unknown;
}

/** [O] An attribute of `context.user.attributes`: `attributes[id].value` (CRMFlowTemplate). */
interface CampaignUserAttribute {
    value?: unknown;
}

/** [O] One element of `context.user.visits` (ServerSideMiscUserInfoTemplate). Shapes of the values are not documented. */
interface CampaignUserVisit {
    start?: unknown;
    lastEventTime?: unknown;
    deviceType?: unknown;
    operatingSystem?: unknown;
    browser?: unknown;
    referrer?: unknown;
}

/** The user of the event the campaign answers. */
interface CampaignUser {
    /** [U] No public template reads it; used only as a fallback for the profile ID. */
    id?: unknown;
    /**
     * [O] Map of attribute id → { value } (CRMFlowTemplate, RetrieveAttributes). `profileId` holds the profile ID
     * (public Slack-bot sample).
     */
    attributes?: Record<string, CampaignUserAttribute | undefined>;
    /** [O] Visits of the user (ServerSideMiscUserInfoTemplate). */
    visits?: CampaignUserVisit[];
    /** [O] Order history (RetrieveOrderHistory, ServerSideMiscUserInfoTemplate); element shape not documented. */
    orderHistory?: unknown;
    /** [O] Segment membership (ServerSideMiscUserInfoTemplate); shape not documented. */
    segmentMembership?: unknown;
    /** [O] Join date of a segment, falsy when not a member (google-analytics-segment-push, CRMFlowTemplate). */
    getSegmentJoinDate?(segmentId: string): unknown;
    /**
     * [O] Per-item activity of a catalog type between two Dates (ServerSideMiscUserInfoTemplate). Its element shape
     * is NOT documented.
     */
    getDimensionActivity?(itemType: string, start: Date, end: Date): unknown;
}

/** [D] "The context object is an instance of CampaignComponentContext"; it gives access to the user. */
interface CampaignComponentContext {
    user?: CampaignUser;
}

/** [D] Campaign UI decorators: the title of a configuration field. [O] `@title("...")` as a global. */
declare function title(text: string): (target: object, propertyKey: string) => void;
/** [D] Campaign UI decorators: the subtitle of a configuration field. [O] `@subtitle("...")` as a global. */
declare function subtitle(text: string): (target: object, propertyKey: string) => void;
