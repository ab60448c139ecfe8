/**
 * Typed view of the Event Stream part of the page data (PersonalizationPageController.loadPage), narrowed from `unknown`, plus the purely presentational
 * list operations the card performs on events it already has: merging a live poll, text search and
 * grouping into visits.
 */
import {
    isRecord,
    readBoolean,
    readNumber,
    readRecords,
    readString,
    type DataRecord,
    readInsightEnvelope,
    type InsightEnvelope
} from "c/dataUtils";

/** One event, newest first in a page. */
export interface StreamEvent {
    id: string;
    time: number;
    action: string;
    itemAction?: string;
    channel?: string;
    url?: string;
    application?: string;
    itemType?: string;
    itemId?: string;
    itemName?: string;
    inventoryCount?: number;
    price?: number;
    campaignName?: string;
    campaignStat?: string;
}

/** One page of the card. */
export interface EventPage extends InsightEnvelope {
    events: StreamEvent[];
    hasMore: boolean;
    nextBefore?: number;
    /** Null/undefined when every kind of event is covered; VISITS_AND_ORDERS when MCP exposes only those. */
    coverage?: string;
}

/** A gap longer than this between two events starts a new visit (the usual web-analytics session timeout). */
export const VISIT_GAP_MS = 30 * 60 * 1000;

function toEvent(data: DataRecord): StreamEvent | undefined {
    const id = readString(data, "id");
    const time = readNumber(data, "eventTime");
    if (!id || time === undefined) {
        return undefined;
    }
    return {
        id,
        time,
        // an event without a name shows what it is about (its item type), never a blank heading
        action: readString(data, "action") || readString(data, "itemAction") || readString(data, "itemType") || "",
        itemAction: readString(data, "itemAction"),
        channel: readString(data, "channel"),
        url: readString(data, "url"),
        application: readString(data, "application"),
        itemType: readString(data, "itemType"),
        itemId: readString(data, "itemId"),
        itemName: readString(data, "itemName"),
        inventoryCount: readNumber(data, "inventoryCount"),
        price: readNumber(data, "price"),
        campaignName: readString(data, "campaignName"),
        campaignStat: readString(data, "campaignStat")
    };
}

/**
 * Narrows the controller's answer; malformed events are dropped.
 * @param value What Apex returned.
 * @returns The typed page.
 * @throws Error when the answer is not an object with a known status.
 */
export function toEventPage(value: unknown): EventPage {
    if (!isRecord(value)) {
        throw new Error("Unexpected answer from Personalization");
    }
    const envelope = readInsightEnvelope(value);
    return {
        ...envelope,
        events: readRecords(value, "events").flatMap((row) => toEvent(row) ?? []),
        hasMore: readBoolean(value, "hasMore"),
        nextBefore: readNumber(value, "nextBefore"),
        coverage: readString(value, "coverage")
    };
}

/**
 * Adds the events of a live poll to the list: events newer than the newest known one go on top.
 * @param current The events shown, newest first.
 * @param polled The newest page just read, newest first.
 * @returns The merged list and the events that were added.
 */
export function mergeNewer(
    current: StreamEvent[],
    polled: StreamEvent[]
): { events: StreamEvent[]; added: StreamEvent[] } {
    const known = new Set(current.map((event) => event.id));
    const newest = current.length > 0 ? current[0].time : Number.NEGATIVE_INFINITY;
    const added = polled.filter((event) => !known.has(event.id) && event.time >= newest);
    return { events: [...added, ...current], added };
}

/**
 * Whether an event's visible text contains the search text (case-insensitive).
 * @param event The event.
 * @param text The rep's search text.
 * @returns True when it matches or the text is blank.
 */
export function matchesSearch(event: StreamEvent, text: string): boolean {
    const needle = text.trim().toLowerCase();
    if (needle === "") {
        return true;
    }
    return [event.action, event.itemName, event.url, event.channel, event.application, event.campaignName]
        .filter((value): value is string => typeof value === "string")
        .some((value) => value.toLowerCase().includes(needle));
}

/**
 * Splits a newest-first list into visits: a new visit starts after a gap longer than {@link VISIT_GAP_MS}.
 * @param events Events, newest first.
 * @returns Visits, newest first, each newest first.
 */
export function groupByVisit(events: StreamEvent[]): StreamEvent[][] {
    const visits: StreamEvent[][] = [];
    for (const event of events) {
        const visit = visits[visits.length - 1];
        const previous = visit?.[visit.length - 1];
        if (!visit || !previous || previous.time - event.time > VISIT_GAP_MS) {
            visits.push([event]);
        } else {
            visit.push(event);
        }
    }
    return visits;
}
