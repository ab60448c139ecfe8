/**
 * Builds the `CampaignComponentContext` a server-side template's run() receives, from the emulator's profile store,
 * in the shapes public template code reads [O] (research/mcp-surfaces-evidence.md section 3):
 * `user.attributes` as `{ name: { value } }` including `profileId`, `visits[]` (`start`, `lastEventTime`,
 * `deviceType`, `operatingSystem`, `browser`, `referrer`) grouped into 30-minute visits, `orderHistory` from
 * purchases, `segmentMembership`, `getSegmentJoinDate(id)`, `actionCount({actionName, start, end})` and
 * `getDimensionActivity(itemType, start, end)` from the per-item statistics that also serve the affinities route.
 * Where MCP's shapes are undocumented (getDimensionActivity elements, orders, segments) the emulator's choice is
 * written below; the shipped template maps field names tolerantly, so these are not a contract.
 */
import type { DatasetStore } from "../store/dataset-store";
import type { Profile, StoredEvent } from "../store/types";
import { hashSeed } from "../util/prng";

const VISIT_GAP_MS = 30 * 60_000;

/** One visit as the template sees it. */
export interface TemplateVisit {
    start: number;
    lastEventTime: number;
    deviceType: string | null;
    operatingSystem: string | null;
    browser: string | null;
    referrer: string | null;
}

/** The emulated `context.user`. */
export interface TemplateUser {
    attributes: Record<string, { value: string | number | boolean }>;
    visits: TemplateVisit[];
    orderHistory: Array<{
        orderId: string;
        time: number;
        totalValue: number;
        currency: string;
        status: "Purchased";
        lineItems: Array<{ _id: string; itemType: string; price: number; quantity: number }>;
    }>;
    segmentMembership: Array<{ id: string; name: string }>;
    getSegmentJoinDate(segmentId: string): Date | null;
    actionCount(request: { actionName?: unknown; start?: unknown; end?: unknown }): number;
    getDimensionActivity(itemType: string, start: unknown, end: unknown): Array<Record<string, unknown>>;
}

/** The emulated `CampaignComponentContext`. */
export interface TemplateContext {
    user: TemplateUser;
}

/** A Date, epoch ms or a parseable string → epoch ms (NaN when unreadable). */
function toMs(v: unknown, fallback: number): number {
    if (v instanceof Date) return v.getTime();
    if (typeof v === "number") return v;
    if (typeof v === "string") return Date.parse(v);
    return fallback;
}

const DEVICES: Array<[string, string, string]> = [
    ["Desktop", "Windows", "Chrome"],
    ["Desktop", "macOS", "Safari"],
    ["Desktop", "macOS", "Chrome"],
    ["Mobile", "iOS", "Safari"],
    ["Mobile", "Android", "Chrome"],
    ["Tablet", "iPadOS", "Safari"]
];
const REFERRERS = [null, null, "https://www.google.com/", "https://www.bing.com/", "https://www.instagram.com/"];

/** Visit metadata the emulator does not record, derived deterministically from the visit's first event. */
function visitDetails(profile: Profile, first: StoredEvent): Omit<TemplateVisit, "start" | "lastEventTime"> {
    const h = hashSeed(profile.id, first.time);
    if (first.channel === "Web") {
        const [deviceType, operatingSystem, browser] = DEVICES[h % DEVICES.length] as [string, string, string];
        return { deviceType, operatingSystem, browser, referrer: REFERRERS[(h >>> 8) % REFERRERS.length] ?? null };
    }
    if (first.channel === "MobileApp")
        return {
            deviceType: "Mobile",
            operatingSystem: h % 2 === 0 ? "iOS" : "Android",
            browser: null,
            referrer: null
        };
    if (first.channel === "Email")
        return { deviceType: null, operatingSystem: null, browser: null, referrer: first.url ?? null };
    return { deviceType: null, operatingSystem: null, browser: null, referrer: null };
}

/** Interactive events grouped into visits (a gap over 30 minutes starts a new one), oldest first. */
export function visitsOf(store: DatasetStore, profile: Profile): TemplateVisit[] {
    const visits: TemplateVisit[] = [];
    let current: TemplateVisit | null = null;
    for (const e of store.events(profile)) {
        if (e.nonInteractive || e.campaign) continue;
        if (current === null || e.time - current.lastEventTime > VISIT_GAP_MS) {
            current = { start: e.time, lastEventTime: e.time, ...visitDetails(profile, e) };
            visits.push(current);
        } else current.lastEventTime = e.time;
    }
    return visits;
}

/** The context for one run() of a template for this profile. */
export function buildTemplateContext(store: DatasetStore, profile: Profile): TemplateContext {
    const summary = store.summary(profile);
    const attributes: TemplateUser["attributes"] = {};
    for (const [name, a] of Object.entries(profile.attributes)) attributes[name] = { value: a.value };
    attributes["profileId"] = { value: profile.id };
    const events = store.events(profile);
    const user: TemplateUser = {
        attributes,
        visits: visitsOf(store, profile),
        orderHistory: events
            .filter((e) => e.order)
            .map((e) => {
                const o = e.order as NonNullable<StoredEvent["order"]>;
                return {
                    orderId: o.orderId,
                    time: e.time,
                    totalValue: o.totalValue,
                    currency: o.currency,
                    status: "Purchased" as const,
                    lineItems: o.lines.map((l) => ({
                        _id: l.id,
                        itemType: l.type,
                        price: l.price,
                        quantity: l.quantity
                    }))
                };
            }),
        segmentMembership: summary.segments.map((s) => ({ id: s.id, name: s.name })),
        getSegmentJoinDate(segmentId: string): Date | null {
            const s = summary.segments.find((g) => g.id === segmentId);
            return s ? new Date(s.joined) : null;
        },
        actionCount(request): number {
            const name = typeof request?.actionName === "string" ? request.actionName : "";
            const start = toMs(request?.start, -Infinity);
            const end = toMs(request?.end, Infinity);
            return events.filter((e) => (e.action === name || e.itemAction === name) && e.time >= start && e.time < end)
                .length;
        },
        // Element shape (undocumented in MCP; the emulator's choice): id, attributes.name.value, viewCount,
        // viewTimeMs, purchaseCount, revenue, lastActivity (last view, epoch ms, or null).
        getDimensionActivity(itemType: string, start: unknown, end: unknown): Array<Record<string, unknown>> {
            const from = toMs(start, 0);
            const to = toMs(end, Infinity);
            if (Number.isNaN(from) || Number.isNaN(to)) throw new TypeError("start and end must be dates");
            return [...store.itemFigures(profile, from, to, itemType).values()].map((f) => ({
                id: f.id,
                itemType: f.type,
                attributes: { name: { value: f.name } },
                viewCount: f.views,
                viewTimeMs: f.viewTimeMs,
                purchaseCount: f.purchases,
                revenue: f.revenue,
                lastActivity: f.lastViewed
            }));
        }
    };
    return { user };
}
