/**
 * Personalization Connector: CRM Profile Insights (server-side campaign template, version 1.0.0).
 *
 * Paste this whole file into MCP (Templates > New server-side template). It answers the package's authenticated
 * "insights" event with the profile's affinities, visits, orders, segments and attribute names under the configured
 * datafield (default `crmInsights`). It never returns attribute values except the profile ID.
 *
 * Every member of the context is read defensively: a missing member, another shape or a throwing method makes only
 * that section `available: false` with a short reason; run() itself never throws.
 *
 * Rules for drifting shapes (getDimensionActivity's element shape is not documented):
 * - numbers given as numeric strings are converted; negative or non-numeric counts become null;
 * - times: epoch ms, epoch seconds (values below 1e11 are taken as seconds), ISO strings or Date objects;
 * - view time: `viewTimeMs`, `timeSpentMs` and `viewTime` are milliseconds; `viewTimeSeconds`, `timeSpentSeconds` and
 *   `timeSpent` are seconds when the value is below 1e5 (otherwise they are taken as milliseconds already);
 * - names (item, device, browser...) are returned as plain text, unchanged (HTML is not interpreted), capped at 255.
 */

/** One item's activity in one window. */
export interface InsightsAffinityItem {
    itemId: string;
    name: string | null;
    views: number | null;
    viewTimeMs: number | null;
    purchases: number | null;
    revenue: number | null;
    lastActivity: number | null;
}

/** One window of one item type: `days` 0 means all time (365 days back). */
export interface InsightsAffinityWindow {
    days: 7 | 30 | 90 | 0;
    offsetDays: 0 | 7 | 30 | 90;
    itemType: string;
    items: InsightsAffinityItem[];
}

/** One visit. */
export interface InsightsVisit {
    start: number;
    lastEventTime: number | null;
    deviceType: string | null;
    operatingSystem: string | null;
    browser: string | null;
    referrer: string | null;
}

/** One order. */
export interface InsightsOrder {
    orderId: string | null;
    time: number | null;
    totalValue: number | null;
    currency: string | null;
    status: string | null;
    lineItemCount: number | null;
}

/** One segment the user belongs to. */
export interface InsightsSegment {
    id: string;
    name: string | null;
    joined: number | null;
}

/** What the template returns under the datafield. */
export interface Insights {
    template: "PersonalizationConnectorInsights";
    version: string;
    generatedAt: number;
    profileId: string | null;
    affinities: { available: boolean; reason?: string; windows: InsightsAffinityWindow[] };
    visits: { available: boolean; reason?: string; items: InsightsVisit[] };
    orders: { available: boolean; reason?: string; items: InsightsOrder[] };
    segments: { available: boolean; items: InsightsSegment[] };
    attributeNames: string[];
}

const TEMPLATE_ID = "PersonalizationConnectorInsights";
const TEMPLATE_VERSION = "1.0.0";
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VISITS = 50;
const MAX_ORDERS = 50;
const MAX_SEGMENTS = 200;
const MAX_ATTRIBUTE_NAMES = 200;
const MAX_ITEM_TYPES = 10;
const MAX_TEXT = 255;
/** (days, offsetDays) per item type; days 0 = all time, read as the last 365 days. */
const WINDOWS: ReadonlyArray<readonly [7 | 30 | 90 | 0, 0 | 7 | 30 | 90]> = [
    [7, 0],
    [7, 7],
    [30, 0],
    [30, 30],
    [90, 0],
    [90, 90],
    [0, 0]
];
const ALL_TIME_DAYS = 365;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads obj[key]; a throwing getter reads as undefined. */
function read(obj: unknown, key: string): unknown {
    if (obj === null || obj === undefined) return undefined;
    try {
        return (obj as Obj)[key];
    } catch {
        return undefined;
    }
}

/** A finite number from a number or a numeric string, else null. */
function toNumber(v: unknown): number | null {
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "string" && v.trim() !== "") {
        const n = Number(v.trim());
        return Number.isFinite(n) ? n : null;
    }
    return null;
}

/** A non-negative number, else null. */
function toCount(v: unknown): number | null {
    const n = toNumber(v);
    return n === null || n < 0 ? null : n;
}

/** Epoch ms from ms, seconds (< 1e11), an ISO string or a Date; else null. */
function toTime(v: unknown): number | null {
    if (v instanceof Date) {
        const t = v.getTime();
        return Number.isFinite(t) ? t : null;
    }
    let n = toNumber(v);
    if (n === null && typeof v === "string") {
        const parsed = Date.parse(v);
        n = Number.isFinite(parsed) ? parsed : null;
    }
    if (n === null || n <= 0) return null;
    return Math.round(n < 1e11 ? n * 1000 : n);
}

/** Plain text (strings, numbers; or an object's url/value/name), unchanged but capped; else null. */
function toText(v: unknown): string | null {
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "string") {
        const s = v.trim();
        return s === "" ? null : s.slice(0, MAX_TEXT);
    }
    if (isObj(v)) {
        for (const key of ["url", "value", "name"]) {
            const inner = read(v, key);
            if (typeof inner === "string" || typeof inner === "number") return toText(inner);
        }
    }
    return null;
}

/** The first present (non-null, non-undefined) field among `keys`. */
function pick(obj: unknown, keys: readonly string[]): { key: string; value: unknown } | undefined {
    for (const key of keys) {
        const value = read(obj, key);
        if (value !== undefined && value !== null) return { key, value };
    }
    return undefined;
}

/** A list from an array, a Map's values or a plain object's values (keys kept as `__key`). */
function toList(v: unknown): unknown[] | null {
    if (Array.isArray(v)) return v;
    if (v instanceof Map) return [...v.entries()].map(([k, e]) => (isObj(e) ? { __key: String(k), ...e } : e));
    if (isObj(v)) return Object.entries(v).map(([k, e]) => (isObj(e) ? { __key: k, ...e } : e));
    return null;
}

/** Why a call failed, without echoing data: the error's class name only. */
function failure(member: string, e: unknown): string {
    const name = e instanceof Error ? e.name : typeof e;
    return `${member} threw (${name})`;
}

/** View time in ms from the tolerated field names (see the header for the seconds rule). */
function viewTimeMs(el: unknown): number | null {
    const ms = pick(el, ["viewTimeMs", "viewTime", "timeSpentMs"]);
    if (ms) {
        const n = toCount(ms.value);
        return n === null ? null : Math.round(n);
    }
    const s = pick(el, ["viewTimeSeconds", "timeSpentSeconds", "timeSpent"]);
    if (s) {
        const n = toCount(s.value);
        if (n === null) return null;
        return Math.round(n < 1e5 ? n * 1000 : n);
    }
    return null;
}

/** One getDimensionActivity element → an affinity item (null when it has no item ID). */
function affinityItem(el: unknown): InsightsAffinityItem | null {
    if (!isObj(el)) return null;
    const id = pick(el, ["itemId", "id", "_id", "__key"]);
    const itemId = id ? toText(id.value) : null;
    if (itemId === null) return null;
    const attrs = read(el, "attributes");
    const rawName = read(el, "name") ?? read(read(attrs, "name"), "value") ?? read(attrs, "name");
    const name = typeof rawName === "string" || typeof rawName === "number" ? toText(rawName) : null;
    return {
        itemId,
        name,
        views: toCount(pick(el, ["views", "viewCount", "count"])?.value),
        viewTimeMs: viewTimeMs(el),
        purchases: toCount(pick(el, ["purchases", "purchaseCount"])?.value),
        revenue: toCount(pick(el, ["revenue", "totalRevenue"])?.value),
        lastActivity: toTime(pick(el, ["lastActivity", "lastViewed", "lastActivityTime", "lastEventTime"])?.value)
    };
}

const byViewsThenPurchases = (a: InsightsAffinityItem, b: InsightsAffinityItem): number =>
    (b.views ?? 0) - (a.views ?? 0) ||
    (b.purchases ?? 0) - (a.purchases ?? 0) ||
    (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);

function affinitiesOf(user: unknown, itemTypes: string[], maxItems: number, now: number): Insights["affinities"] {
    const fn = read(user, "getDimensionActivity");
    if (typeof fn !== "function")
        return { available: false, reason: "getDimensionActivity not available", windows: [] };
    const windows: InsightsAffinityWindow[] = [];
    for (const itemType of itemTypes) {
        for (const [days, offsetDays] of WINDOWS) {
            const end = now - offsetDays * DAY_MS;
            const start = end - (days === 0 ? ALL_TIME_DAYS : days) * DAY_MS;
            let raw: unknown;
            try {
                raw = (fn as (t: string, s: Date, e: Date) => unknown).call(
                    user,
                    itemType,
                    new Date(start),
                    new Date(end)
                );
            } catch (e) {
                return { available: false, reason: failure("getDimensionActivity", e), windows: [] };
            }
            const list = raw === null || raw === undefined ? [] : toList(raw);
            if (list === null)
                return { available: false, reason: "getDimensionActivity returned an unexpected shape", windows: [] };
            const seen = new Set<string>();
            const items: InsightsAffinityItem[] = [];
            for (const el of list) {
                const item = affinityItem(el);
                if (item === null || seen.has(item.itemId)) continue;
                seen.add(item.itemId);
                items.push(item);
            }
            items.sort(byViewsThenPurchases);
            windows.push({ days, offsetDays, itemType, items: items.slice(0, maxItems) });
        }
    }
    return { available: true, windows };
}

function visitsOf(user: unknown): Insights["visits"] {
    const raw = read(user, "visits");
    const list = toList(raw);
    if (raw === undefined || raw === null || list === null)
        return { available: false, reason: "visits not available", items: [] };
    const items: InsightsVisit[] = [];
    for (const v of list) {
        const start = toTime(read(v, "start"));
        if (start === null) continue;
        items.push({
            start,
            lastEventTime: toTime(read(v, "lastEventTime")),
            deviceType: toText(read(v, "deviceType")),
            operatingSystem: toText(read(v, "operatingSystem")),
            browser: toText(read(v, "browser")),
            referrer: toText(read(v, "referrer"))
        });
    }
    items.sort((a, b) => b.start - a.start);
    return { available: true, items: items.slice(0, MAX_VISITS) };
}

function lineItemCount(o: unknown): number | null {
    const lines = pick(o, ["lineItems", "items", "lines"]);
    if (lines && Array.isArray(lines.value)) return lines.value.length;
    const n = toCount(pick(o, ["lineItemCount", "itemCount", "numLineItems"])?.value);
    return n === null ? null : Math.round(n);
}

function ordersOf(user: unknown): Insights["orders"] {
    let raw = read(user, "orderHistory");
    if (isObj(raw) && Array.isArray(read(raw, "orders"))) raw = read(raw, "orders");
    const list = toList(raw);
    if (raw === undefined || raw === null || list === null)
        return { available: false, reason: "orderHistory not available", items: [] };
    const items: InsightsOrder[] = [];
    for (const o of list) {
        if (!isObj(o)) continue;
        items.push({
            orderId: toText(pick(o, ["orderId", "id", "_id", "__key"])?.value),
            time: toTime(pick(o, ["time", "orderTime", "date", "purchaseDate", "created", "timestamp"])?.value),
            totalValue: toNumber(pick(o, ["totalValue", "total", "orderTotal", "value"])?.value),
            currency: toText(pick(o, ["currency", "currencyCode"])?.value),
            status: toText(pick(o, ["status", "orderStatus"])?.value),
            lineItemCount: lineItemCount(o)
        });
    }
    items.sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity));
    return { available: true, items: items.slice(0, MAX_ORDERS) };
}

function segmentsOf(user: unknown): Insights["segments"] {
    const raw = read(user, "segmentMembership");
    const list = toList(raw);
    if (raw === undefined || raw === null || list === null) return { available: false, items: [] };
    const joinDate = read(user, "getSegmentJoinDate");
    const items: InsightsSegment[] = [];
    const seen = new Set<string>();
    for (const s of list) {
        const idField = isObj(s) ? pick(s, ["id", "segmentId", "_id", "__key"])?.value : s;
        const id = toText(idField);
        if (id === null || seen.has(id)) continue;
        seen.add(id);
        let joined = isObj(s) ? toTime(pick(s, ["joined", "joinDate", "joinedDate", "since"])?.value) : null;
        if (joined === null && typeof joinDate === "function") {
            try {
                joined = toTime((joinDate as (id: string) => unknown).call(user, id));
            } catch {
                joined = null;
            }
        }
        items.push({ id, name: isObj(s) ? toText(pick(s, ["name", "segmentName", "label"])?.value) : null, joined });
        if (items.length >= MAX_SEGMENTS) break;
    }
    return { available: true, items };
}

/** attributes.profileId.value (or a bare string), else user.id, else null. */
function profileIdOf(user: unknown): string | null {
    const attr = read(read(user, "attributes"), "profileId");
    const fromAttr = isObj(attr) ? toText(read(attr, "value")) : toText(attr);
    return fromAttr ?? toText(read(user, "id"));
}

/** Names (never values) of the user attributes present, sorted; profileId is reported separately. */
function attributeNamesOf(user: unknown): string[] {
    const attrs = read(user, "attributes");
    let names: string[] = [];
    try {
        if (attrs instanceof Map) names = [...attrs.keys()].map(String);
        else if (isObj(attrs)) names = Object.keys(attrs).filter((k) => read(attrs, k) !== undefined);
    } catch {
        names = [];
    }
    return [...new Set(names.filter((n) => n !== "" && n !== "profileId"))].sort().slice(0, MAX_ATTRIBUTE_NAMES);
}

function itemTypesOf(config: unknown): string[] {
    const list = typeof config === "string" ? config.split(",") : [];
    const types = [...new Set(list.map((t) => t.trim()).filter((t) => t !== ""))].slice(0, MAX_ITEM_TYPES);
    return types.length > 0 ? types : ["Product"];
}

function maxItemsOf(config: unknown): number {
    const n = toNumber(config);
    return n === null ? 25 : Math.min(50, Math.max(1, Math.floor(n)));
}

export class CrmProfileInsightsTemplate implements CampaignTemplateComponent {
    @title("Datafield")
    @subtitle("Key of the payload the package reads. Keep crmInsights unless the package is configured otherwise.")
    datafield: string = "crmInsights";

    @title("Item types")
    @subtitle("Comma-separated catalog types for affinities, e.g. Product,Blog")
    itemTypes: string = "Product";

    @title("Items per window")
    @subtitle("Top items per affinity window, 1 to 50")
    maxItems: number = 25;

    run(context: CampaignComponentContext): Record<string, Insights> {
        const now = Date.now();
        const user = read(context, "user");
        const unavailable = "context.user not available";
        const hasUser = typeof user === "object" && user !== null;
        const insights: Insights = {
            template: TEMPLATE_ID,
            version: TEMPLATE_VERSION,
            generatedAt: now,
            profileId: hasUser ? profileIdOf(user) : null,
            affinities: hasUser
                ? safeAffinities(() => affinitiesOf(user, itemTypesOf(this.itemTypes), maxItemsOf(this.maxItems), now))
                : { available: false, reason: unavailable, windows: [] },
            visits: hasUser
                ? safe(() => visitsOf(user), "visits")
                : { available: false, reason: unavailable, items: [] },
            orders: hasUser
                ? safe(() => ordersOf(user), "orderHistory")
                : { available: false, reason: unavailable, items: [] },
            segments: hasUser ? safe(() => segmentsOf(user), "") : { available: false, items: [] },
            attributeNames: hasUser ? attributeNamesOf(user) : []
        };
        const key =
            typeof this.datafield === "string" && this.datafield.trim() !== "" ? this.datafield.trim() : "crmInsights";
        return { [key]: insights };
    }
}

/** Runs a section; an unexpected throw makes it unavailable. */
function safe<T extends { available: boolean; items: unknown[] }>(fn: () => T, member: string): T {
    try {
        return fn();
    } catch (e) {
        return (member === ""
            ? { available: false, items: [] }
            : { available: false, reason: failure(member, e), items: [] }) as unknown as T;
    }
}

/** Runs the affinities section; an unexpected throw (e.g. while reading a result) makes it unavailable. */
function safeAffinities(fn: () => Insights["affinities"]): Insights["affinities"] {
    try {
        return fn();
    } catch (e) {
        return { available: false, reason: failure("getDimensionActivity result", e), windows: [] };
    }
}
