/** The read side: documented user look-up/export/delete and the project's own read contract (section 15). */
import type { DatasetStore, ProfileSummary } from "../store/dataset-store";
import type { Profile, StoredEvent } from "../store/types";
import { DAY_MS } from "../util/time";
import type { JsonMap } from "./campaigns";

/** A client error the HTTP layer turns into 400. */
export class InvalidParameter extends Error {}

/** Parses an optional non-negative integer query parameter. */
export function intParam(
    query: URLSearchParams,
    name: string,
    opts: { min?: number; max?: number } = {}
): number | undefined {
    const raw = query.get(name);
    if (raw === null || raw === "") return undefined;
    if (!/^-?\d+$/.test(raw)) throw new InvalidParameter(`${name} must be an integer`);
    const n = Number(raw);
    if (opts.min !== undefined && n < opts.min) throw new InvalidParameter(`${name} must be >= ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw new InvalidParameter(`${name} must be <= ${opts.max}`);
    return n;
}

const commaList = (v: string | null): string[] =>
    v
        ? v
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s.length > 0)
        : [];

/** `GET /api/datasets` row. */
export function datasetSummary(store: DatasetStore): JsonMap {
    return {
        id: store.config.id,
        label: store.config.label,
        catalogObjectTypes: store.config.catalogTypes.map((t) => t.name)
    };
}

/** `GET /api/dataset/{ds}/metadata`. */
export function datasetMetadata(store: DatasetStore): JsonMap {
    const c = store.config;
    return {
        id: c.id,
        label: c.label,
        eventApiIdentityAttribute: c.eventApiIdentityAttribute,
        identityTypes: c.identityTypes.map((t) => ({ ...t })),
        userAttributes: c.userAttributes.map((a) => ({ ...a })),
        profileObjectTypes: c.profileObjectTypes.map((t) => ({
            name: t.name,
            label: t.label,
            attributes: t.attributes.map((a) => ({ ...a })),
            relatedCatalogObjects: [...t.relatedCatalogObjects]
        })),
        catalogObjectTypes: c.catalogTypes.map((t) =>
            t.attributes
                ? { name: t.name, label: t.label, attributes: [...t.attributes] }
                : { name: t.name, label: t.label }
        )
    };
}

/** Display name from first/last name attributes. */
export function displayName(profile: Profile): string | null {
    const first = profile.attributes["firstName"]?.value;
    const last = profile.attributes["lastName"]?.value;
    const name = [first, last].filter((v) => v !== undefined && v !== "").join(" ");
    return name.length > 0 ? name : null;
}

/** Stream event shape of the project contract. */
export function streamEvent(profile: Profile, e: StoredEvent): JsonMap {
    const out: JsonMap = { id: `${profile.id}-${e.time}`, time: e.time, action: e.action, channel: e.channel };
    if (e.itemAction) out["itemAction"] = e.itemAction;
    if (e.url) out["url"] = e.url;
    if (e.application) out["application"] = e.application;
    if (e.item) out["item"] = { ...e.item };
    if (e.order)
        out["order"] = { orderId: e.order.orderId, totalValue: e.order.totalValue, currency: e.order.currency };
    if (e.campaign) out["campaign"] = { ...e.campaign };
    // flags.nonInteractive (e.g. the package's insights event): no visit; marked so a client can hide it.
    if (e.nonInteractive) out["nonInteractive"] = true;
    return out;
}

/** `GET .../user/{id}/affinities`. */
export function affinities(store: DatasetStore, profile: Profile, query: URLSearchParams, now: number): JsonMap[] {
    // Default end includes events at `now` (and live events bumped just past it for uniqueness).
    const all = store.events(profile);
    const end = intParam(query, "end", { min: 0 }) ?? Math.max(now, all[all.length - 1]?.time ?? 0) + 1;
    const start = intParam(query, "start", { min: 0 }) ?? end - 30 * DAY_MS;
    if (start >= end) throw new InvalidParameter("start must be before end");
    const sortBy = query.get("sortBy") ?? "views";
    if (!["views", "viewTime", "purchases", "revenue"].includes(sortBy))
        throw new InvalidParameter("sortBy must be one of views, viewTime, purchases, revenue");
    const limit = intParam(query, "limit", { min: 1, max: 200 }) ?? 10;
    const itemType = query.get("itemType") ?? undefined;
    const length = end - start;
    const current = store.itemFigures(profile, start, end, itemType);
    const previous = store.itemFigures(profile, Math.max(0, start - length), start, itemType);
    const key = sortBy === "viewTime" ? "viewTimeMs" : (sortBy as "views" | "purchases" | "revenue");
    return [...current.values()]
        .sort((a, b) => b[key] - a[key] || b.views - a.views || (a.id < b.id ? -1 : 1))
        .slice(0, limit)
        .map((f) => {
            const p = previous.get(`${f.type}|${f.id}`);
            const item = store.item(f.type, f.id);
            return {
                itemType: f.type,
                itemId: f.id,
                name: f.name,
                url: item?.url ?? null,
                imageUrl: item?.imageUrl ?? null,
                views: f.views,
                viewTimeMs: f.viewTimeMs,
                purchases: f.purchases,
                revenue: f.revenue,
                lastViewed: f.lastViewed,
                previous: {
                    views: p?.views ?? 0,
                    viewTimeMs: p?.viewTimeMs ?? 0,
                    purchases: p?.purchases ?? 0,
                    revenue: p?.revenue ?? 0
                }
            };
        });
}

/** `GET .../user/{id}/events`: newest first, filtered, paged by `before`. */
export function eventStream(store: DatasetStore, profile: Profile, query: URLSearchParams): JsonMap {
    const limit = intParam(query, "limit", { min: 1, max: 200 }) ?? 25;
    const before = intParam(query, "before", { min: 0 });
    const start = intParam(query, "start", { min: 0 });
    const end = intParam(query, "end", { min: 0 });
    const channels = new Set(commaList(query.get("channel")).map((c) => c.toLowerCase()));
    const actions = new Set(commaList(query.get("action")));
    const excluded = new Set(commaList(query.get("excludeActions")));
    const all = store.events(profile);
    const page: JsonMap[] = [];
    let hasMore = false;
    for (let i = all.length - 1; i >= 0; i--) {
        const e = all[i] as StoredEvent;
        if (before !== undefined && e.time >= before) continue;
        if (end !== undefined && e.time >= end) continue;
        if (start !== undefined && e.time < start) break;
        if (channels.size > 0 && !channels.has(e.channel.toLowerCase())) continue;
        if (actions.size > 0 && !actions.has(e.action)) continue;
        if (excluded.has(e.action)) continue;
        if (page.length === limit) {
            hasMore = true;
            break;
        }
        page.push(streamEvent(profile, e));
    }
    const last = page[page.length - 1];
    return { events: page, hasMore, nextBefore: hasMore && last ? (last["time"] as number) : null };
}

/** `GET /api/dataset/{ds}/user/{id}`: documented detailed keys plus observed summary keys. */
export function userProfile(store: DatasetStore, profile: Profile): JsonMap {
    const s: ProfileSummary = store.summary(profile);
    const events = store.events(profile);
    const name = displayName(profile);
    const email = profile.identities["emailAddress"] ?? null;
    const visits: JsonMap[] = [];
    let visitStart: number | null = null;
    let lastTime = -Infinity;
    let visitIndex = 0;
    for (const e of events) {
        if (e.nonInteractive || e.campaign) continue;
        if (e.time - lastTime > 30 * 60_000) {
            if (visitStart !== null) visits.push({ start: visitStart, lastEventTime: lastTime, visitIndex });
            visitIndex++;
            visitStart = e.time;
        }
        lastTime = e.time;
    }
    if (visitStart !== null) visits.push({ start: visitStart, lastEventTime: lastTime, visitIndex });
    const updated = Math.max(s.lastActivity ?? 0, ...Object.values(profile.attributes).map((a) => a.updated));
    const named = Object.keys(profile.identities).length > 0;
    return {
        id: profile.id,
        namedUserId: profile.identities[store.config.eventApiIdentityAttribute] ?? null,
        displayName: name,
        name,
        emailAddress: email,
        anonymous: !named,
        anonAliases: [...profile.anonAliases],
        anonMergeTimes: [...profile.anonMergeTimes],
        updated,
        userSummary: { visitCount: s.visitCount, eventCount: s.eventCount },
        attributes: Object.entries(profile.attributes).map(([n, a]) => ({
            name: n,
            value: a.value,
            updated: a.updated
        })),
        identities: { ...profile.identities },
        profileObjects: Object.fromEntries(
            Object.entries(profile.profileObjects).map(([t, list]) => [t, list.map((o) => ({ ...o }))])
        ),
        engagement: { score: s.engagementScore, date: s.lastActivity ?? updated },
        engagementScore: s.engagementScore,
        firstActivity: s.firstActivity,
        lastActivity: s.lastActivity,
        location: {},
        originatingReferrer: {},
        pageLocale: "en_US",
        orderHistory: s.orders.map((o) => ({ ...o })),
        segmentMembership: s.segments.map((g) => ({ id: g.id, name: g.name, joined: g.joined })),
        segments: s.segments.map((g) => g.name),
        visitHistory: visits.slice(-10).reverse()
    };
}

/** One users.json row. */
function exportRow(store: DatasetStore, profile: Profile, s: ProfileSummary): JsonMap {
    const attributes: Record<string, string | number | boolean> = {};
    for (const [n, a] of Object.entries(profile.attributes)) if (!store.isIdentityAttribute(n)) attributes[n] = a.value;
    return {
        id: profile.id,
        name: displayName(profile),
        emailAddress: profile.identities["emailAddress"] ?? null,
        identities: { ...profile.identities },
        attributes,
        segments: s.segments.map((g) => g.name),
        segmentJoined: Object.fromEntries(s.segments.map((g) => [g.name, g.joined])),
        engagementScore: s.engagementScore,
        engagementScoreChange: s.engagementScoreChange,
        firstActivity: s.firstActivity,
        lastActivity: s.lastActivity,
        visitCount: s.visitCount
    };
}

/** users.json / users.csv rows, filtered by segment and paged; ordered by profile ID. */
export function exportUsers(store: DatasetStore, query: URLSearchParams, now: number): JsonMap[] {
    const end = intParam(query, "end", { min: 0 }) ?? now;
    const start = intParam(query, "start", { min: 0 });
    const page = intParam(query, "page", { min: 0 }) ?? 0;
    const pageSize = intParam(query, "pageSize", { min: 1 });
    const filter = query.get("filter") ?? query.get("segmentId") ?? undefined;
    const ids = [...store.profiles.keys()].sort();
    const defaultWindow = start === undefined && query.get("end") === null;
    const rows: JsonMap[] = [];
    const from = pageSize === undefined ? 0 : page * pageSize;
    let matched = 0;
    for (const id of ids) {
        const profile = store.profiles.get(id);
        if (!profile || Object.keys(profile.identities).length === 0) continue; // exports list named users
        let summary: ProfileSummary | undefined;
        if (filter !== undefined) {
            summary = defaultWindow ? store.summary(profile) : store.summarize(profile, end, start);
            if (!summary.segments.some((g) => g.id === filter || g.name === filter)) continue;
        }
        matched++;
        if (matched <= from) continue;
        summary ??= defaultWindow ? store.summary(profile) : store.summarize(profile, end, start);
        rows.push(exportRow(store, profile, summary));
        if (pageSize !== undefined && rows.length >= pageSize) break;
    }
    return rows;
}

const CSV_COLUMNS = [
    "id",
    "name",
    "emailAddress",
    "sfdcContactId",
    "sfdcLeadId",
    "customerId",
    "segments",
    "engagementScore",
    "engagementScoreChange",
    "firstActivity",
    "lastActivity",
    "visitCount"
] as const;

const csvCell = (v: unknown): string => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** users.csv body. */
export function usersCsv(rows: JsonMap[]): string {
    const lines = [CSV_COLUMNS.join(",")];
    for (const r of rows) {
        const ids = (r["identities"] ?? {}) as Record<string, string>;
        lines.push(
            CSV_COLUMNS.map((c) => {
                if (c === "sfdcContactId" || c === "sfdcLeadId" || c === "customerId") return csvCell(ids[c]);
                if (c === "segments") return csvCell((r["segments"] as string[]).join(";"));
                return csvCell(r[c]);
            }).join(",")
        );
    }
    return lines.join("\n") + "\n";
}

/** Deletes the profiles matching any listed identity (profile ID, alias or identity value). */
export function deleteUsers(store: DatasetStore, names: string[]): number {
    let deleted = 0;
    for (const name of names) {
        let profile = store.findById(name);
        if (!profile) {
            for (const t of store.config.identityTypes) {
                profile = store.findByIdentity(t.attribute, name);
                if (profile) break;
            }
        }
        if (profile && store.removeProfile(profile.id)) deleted++;
    }
    return deleted;
}
