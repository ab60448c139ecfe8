/**
 * Shared by the decision components (Next Best Promotion/Action, Next Best Recommendation): narrows what
 * their Apex controllers return (`PersonalizationDecisionModel`) into typed values, keeps only http/https
 * links, and builds the feedback payloads the controllers expect. Item selection, normalisation and
 * suppression live in Apex; this module only refuses anything it cannot render safely.
 */

/** Most items a component renders, whatever the server sent (same bound as the Apex service). */
export const MAX_RENDERED_ITEMS = 20;

/** One promotion or recommended item, as `PersonalizationDecisionModel.Item`. */
export interface DecisionItem {
    key: string;
    itemId: string;
    itemType: string;
    name: string;
    description?: string;
    imageUrl?: string;
    url?: string;
    price?: number;
    listPrice?: number;
    currencyCode?: string;
    rating?: number;
    experienceId?: string;
    campaignId?: string;
}

/** A load result, as `PersonalizationDecisionModel.LoadResult`. */
export interface DecisionResult {
    items: DecisionItem[];
    controlGroup: boolean;
    showControlGroupHint: boolean;
    controlExperienceIds: string[];
    /** Whether the card reports what it shows as impressions (the admin's opt-in). */
    sendImpressions: boolean;
    /** Why nothing was asked (no identity, not linked to a profile). */
    missingIdentityMessage?: string;
    /** What an admin does about it. */
    fixHint?: string;
}

/** Feedback types the controllers accept (`PersonalizationDecisionModel.FEEDBACK_*`). */
export type FeedbackType = "Impression" | "Offered" | "Accepted" | "Dismissed" | "Opened" | "Copied";

/** The identity and campaign properties every feedback repeats from the load. */
export interface DecisionContext {
    recordId?: string;
    identifierField?: string;
    identityType?: string;
    dataset?: string;
    datafield?: string;
    sourceApplication?: string;
}

/** What a decision card shows around the items (`c/decisionCard`'s `state`). */
export interface DecisionCardState {
    isLoading: boolean;
    error: unknown;
    hasItems: boolean;
    emptyMessage: string;
    /** What an admin does so this record gets decisions (e.g. link it with the nightly sync). */
    emptyHint?: string;
    showControlHint: boolean;
    notice: string;
    /** The rep's feedback that did not reach Personalization, in words ("Couldn't record Accept for …"). */
    feedbackError?: string;
    /** A refresh failed: the items shown are the last good ones. */
    stale: boolean;
}

/** A feedback request, as `PersonalizationDecisionModel.FeedbackRequest`. */
export interface FeedbackRequest extends DecisionContext {
    feedbackType: FeedbackType;
    items: { itemId: string; itemType: string; experienceId?: string }[];
    controlExperienceIds?: string[];
    reason?: string;
    suppressDays?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
    return typeof value === "string" && value.trim().length > 0 ? value : undefined;
}

function finiteNumber(value: unknown): number | undefined {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Returns the URL when it is an absolute http or https URL, otherwise undefined (`javascript:`, `data:`,
 * relative and malformed URLs are never rendered as links or images).
 * @param value Candidate URL.
 */
export function safeHttpUrl(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    try {
        const url = new URL(value.trim());
        return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Narrows one item; undefined when it lacks a key, an ID or a name.
 * @param value One entry of `items`.
 */
export function toDecisionItem(value: unknown): DecisionItem | undefined {
    if (!isRecord(value)) {
        return undefined;
    }
    const key = text(value.key);
    const itemId = text(value.itemId);
    const name = text(value.name);
    if (!key || !itemId || !name) {
        return undefined;
    }
    const currencyCode = text(value.currencyCode);
    const rating = finiteNumber(value.rating);
    return {
        key,
        itemId,
        itemType: text(value.itemType) ?? "Product",
        name,
        description: text(value.description),
        imageUrl: safeHttpUrl(value.imageUrl),
        url: safeHttpUrl(value.url),
        price: finiteNumber(value.price),
        listPrice: finiteNumber(value.listPrice),
        currencyCode: currencyCode && /^[A-Z]{3}$/.test(currencyCode) ? currencyCode : undefined,
        rating: rating !== undefined && rating >= 0 && rating <= 5 ? rating : undefined,
        experienceId: text(value.experienceId),
        campaignId: text(value.campaignId)
    };
}

/**
 * Narrows a controller result, dropping unusable and duplicate items and capping the list.
 * @param value What the Apex load method resolved with.
 * @param maxItems The component's maximum (bounded by {@link MAX_RENDERED_ITEMS}).
 */
export function toDecisionResult(value: unknown, maxItems: number): DecisionResult {
    const source = isRecord(value) ? value : {};
    const limit = Math.min(Math.max(Math.trunc(maxItems) || 1, 1), MAX_RENDERED_ITEMS);
    const seen = new Set<string>();
    const items: DecisionItem[] = [];
    for (const raw of Array.isArray(source.items) ? source.items : []) {
        const item = toDecisionItem(raw);
        if (item && !seen.has(item.key) && items.length < limit) {
            seen.add(item.key);
            items.push(item);
        }
    }
    const controlExperienceIds = Array.isArray(source.controlExperienceIds)
        ? source.controlExperienceIds.filter((id): id is string => typeof id === "string")
        : [];
    return {
        items,
        controlGroup: source.controlGroup === true,
        showControlGroupHint: source.showControlGroupHint === true,
        controlExperienceIds,
        sendImpressions: source.sendImpressions === true,
        missingIdentityMessage: text(source.missingIdentityMessage),
        fixHint: text(source.fixHint)
    };
}

/**
 * Reads `sent` from a feedback result; anything else counts as not delivered.
 * @param value What the Apex feedback method resolved with.
 */
export function wasDelivered(value: unknown): boolean {
    return isRecord(value) && (value.sent === true || value.disabled === true);
}

/**
 * The item reference a feedback call carries.
 * @param item A rendered item.
 */
export function feedbackItem(item: DecisionItem): { itemId: string; itemType: string; experienceId?: string } {
    return { itemId: item.itemId, itemType: item.itemType, experienceId: item.experienceId };
}

/**
 * Replaces `{0}`, `{1}`, … in a Custom Label with the given values.
 * @param label The label text.
 * @param values Replacement values, by index.
 */
export function formatLabel(label: string, ...values: (string | number)[]): string {
    return label.replace(/\{(\d+)\}/g, (match: string, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? match : String(value);
    });
}

/**
 * Bounds an App Builder integer property, falling back to a default when it is missing or not a number.
 * @param value The property value (App Builder passes numbers; markup may pass strings).
 * @param fallback Default value.
 * @param min Smallest value.
 * @param max Largest value.
 */
export function boundedInteger(value: unknown, fallback: number, min: number, max: number): number {
    const parsed = typeof value === "string" ? Number.parseInt(value, 10) : value;
    if (typeof parsed !== "number" || !Number.isFinite(parsed)) {
        return fallback;
    }
    return Math.min(Math.max(Math.trunc(parsed), min), max);
}

/**
 * Removes tracking parameters (utm_*, gclid, fbclid, mc_cid, mc_eid) so a link sent to a customer is clean.
 * @param url An http/https URL.
 */
export function cleanShareUrl(url: string): string {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) {
        if (/^utm_/i.test(name) || ["gclid", "fbclid", "mc_cid", "mc_eid"].includes(name.toLowerCase())) {
            parsed.searchParams.delete(name);
        }
    }
    return parsed.href;
}
