/**
 * In-memory state of one dataset: catalog, promotions, profiles and the identity index.
 * Lookups are O(1) through per-attribute maps; generated histories are rebuilt on demand and cached (LRU).
 */
import { generateHistory, type CatalogView } from "../data/history";
import { hashHex24, hashSeed } from "../util/prng";
import { DAY_MS, type Clock } from "../util/time";
import type { AttributeValue, CatalogItem, DatasetConfig, Profile, Promotion, StoredEvent } from "./types";

/** Measures of one item over a window. */
export interface ItemFigures {
    views: number;
    viewTimeMs: number;
    purchases: number;
    revenue: number;
    lastViewed: number | null;
}

/** Derived facts about a profile used by segments, exports and look-ups. */
export interface ProfileSummary {
    eventCount: number;
    firstActivity: number | null;
    lastActivity: number | null;
    visitCount: number;
    engagementScore: number;
    engagementScoreChange: number;
    segments: Array<{ id: string; name: string; joined: number }>;
    orders: Array<{ orderId: string; totalValue: number; currency: string; time: number }>;
}

const HISTORY_CACHE_SIZE = 2000;
const ENGAGEMENT_WINDOW_MS = 30 * DAY_MS;

/** Result of identity resolution. */
export interface Resolution {
    profile: Profile;
    created: boolean;
    /** IDs of profiles merged into `profile`. */
    merged: string[];
}

export class DatasetStore {
    readonly config: DatasetConfig;
    readonly catalog: Map<string, CatalogItem>;
    readonly catalogView: CatalogView;
    readonly promotions: Promotion[];
    readonly profiles = new Map<string, Profile>();
    /** attribute → normalized value → profile ID. */
    private readonly index = new Map<string, Map<string, string>>();
    private readonly anonIndex = new Map<string, string>();
    private readonly identityAttrs: Map<string, boolean>;
    private readonly historyCache = new Map<string, StoredEvent[]>();
    private readonly summaryCache = new Map<string, ProfileSummary>();
    private createdCount = 0;
    private readonly byType = new Map<string, CatalogItem[]>();

    constructor(
        config: DatasetConfig,
        catalogItems: CatalogItem[],
        promotions: Promotion[],
        /** Generated histories end just before this time. */
        readonly seedNow: number,
        private readonly clock: Clock,
        private readonly seed: number
    ) {
        this.config = config;
        this.catalog = new Map(catalogItems.map((i) => [`${i.type}|${i.id}`, i]));
        this.promotions = promotions;
        this.identityAttrs = new Map(config.identityTypes.map((t) => [t.attribute, t.caseSensitive]));
        for (const t of config.identityTypes) this.index.set(t.attribute, new Map());
        const products = catalogItems.filter((i) => i.type === "Product");
        const productsByCategory = new Map<string, CatalogItem[]>();
        for (const p of products) {
            if (!p.category) continue;
            const list = productsByCategory.get(p.category) ?? [];
            list.push(p);
            productsByCategory.set(p.category, list);
        }
        this.catalogView = {
            siteUrl: config.siteUrl,
            products,
            productsByCategory,
            blogs: catalogItems.filter((i) => i.type === "Blog"),
            categories: catalogItems.filter((i) => i.type === "Category")
        };
    }

    /** Whether `attr` is an identity attribute of the dataset. */
    isIdentityAttribute(attr: string): boolean {
        return this.identityAttrs.has(attr);
    }

    /** Whether `attr` is a pre-defined user attribute (identity attributes count too). */
    isUserAttribute(attr: string): boolean {
        return this.identityAttrs.has(attr) || this.config.userAttributes.some((a) => a.name === attr);
    }

    private normalize(attr: string, value: string): string {
        return this.identityAttrs.get(attr) === false ? value.toLowerCase() : value;
    }

    /** Catalog items of one type (memoized list). */
    itemsOfType(type: string): CatalogItem[] {
        let list = this.byType.get(type);
        if (!list) {
            list = [...this.catalog.values()].filter((i) => i.type === type);
            this.byType.set(type, list);
        }
        return list;
    }

    /** Catalog item by type and ID. */
    item(type: string, id: string): CatalogItem | undefined {
        return this.catalog.get(`${type}|${id}`);
    }

    /** Adds a profile and indexes its identities. */
    addProfile(profile: Profile): void {
        this.profiles.set(profile.id, profile);
        for (const [attr, value] of Object.entries(profile.identities))
            this.index.get(attr)?.set(this.normalize(attr, value), profile.id);
        for (const alias of profile.anonAliases) this.anonIndex.set(alias, profile.id);
    }

    /** Removes a profile and its index entries. */
    removeProfile(id: string): boolean {
        const profile = this.profiles.get(id);
        if (!profile) return false;
        for (const [attr, value] of Object.entries(profile.identities)) {
            const map = this.index.get(attr);
            const key = this.normalize(attr, value);
            if (map?.get(key) === id) map.delete(key);
        }
        for (const alias of profile.anonAliases) if (this.anonIndex.get(alias) === id) this.anonIndex.delete(alias);
        this.profiles.delete(id);
        this.invalidate(id);
        return true;
    }

    /** Profile holding this identity value, if any (email case-insensitive, others exact). */
    findByIdentity(attr: string, value: string): Profile | undefined {
        const id = this.index.get(attr)?.get(this.normalize(attr, value));
        return id === undefined ? undefined : this.profiles.get(id);
    }

    /** Profile by primary ID or anonymous alias. */
    findById(idOrAlias: string): Profile | undefined {
        const direct = this.profiles.get(idOrAlias);
        if (direct) return direct;
        const viaAlias = this.anonIndex.get(idOrAlias);
        return viaAlias === undefined ? undefined : this.profiles.get(viaAlias);
    }

    /** Sets (or replaces) one identity value of a profile, keeping the index in step. */
    setIdentity(profile: Profile, attr: string, value: string): void {
        const map = this.index.get(attr);
        if (!map) return;
        const old = profile.identities[attr];
        if (old !== undefined) {
            const oldKey = this.normalize(attr, old);
            if (map.get(oldKey) === profile.id) map.delete(oldKey);
        }
        profile.identities[attr] = value;
        map.set(this.normalize(attr, value), profile.id);
        profile.attributes[attr] = { value, updated: this.clock() };
    }

    /**
     * Finds the profile for these identities, creating it when none matches and merging when several do
     * (the most recently active profile survives, as Pipeline Identity Resolution does).
     */
    resolve(identities: Record<string, string>, anonId: string | undefined): Resolution {
        const matches = new Map<string, Profile>();
        for (const [attr, value] of Object.entries(identities)) {
            const p = this.findByIdentity(attr, value);
            if (p) matches.set(p.id, p);
        }
        if (anonId !== undefined) {
            const p = this.findById(anonId);
            if (p) matches.set(p.id, p);
        }
        let created = false;
        const merged: string[] = [];
        let profile: Profile;
        if (matches.size === 0) {
            profile = this.createProfile(identities, anonId);
            created = true;
        } else {
            const ranked = [...matches.values()].sort(
                (a, b) => (this.lastActivityOf(b) ?? 0) - (this.lastActivityOf(a) ?? 0) || (a.id < b.id ? -1 : 1)
            );
            profile = ranked[0] as Profile;
            for (const loser of ranked.slice(1)) {
                this.mergeInto(profile, loser);
                merged.push(loser.id);
            }
        }
        for (const [attr, value] of Object.entries(identities)) {
            if (profile.identities[attr] !== value) this.setIdentity(profile, attr, value);
        }
        if (anonId !== undefined && !profile.anonAliases.includes(anonId) && profile.id !== anonId) {
            profile.anonAliases.push(anonId);
            this.anonIndex.set(anonId, profile.id);
        }
        return { profile, created, merged };
    }

    private createProfile(identities: Record<string, string>, anonId: string | undefined): Profile {
        this.createdCount++;
        const key = Object.entries(identities)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => `${k}=${this.normalize(k, v)}`)
            .join("&");
        let id = hashHex24(
            "created",
            String(this.seed),
            this.config.id,
            key || `anon:${anonId ?? ""}`,
            String(this.createdCount)
        );
        while (this.profiles.has(id)) id = hashHex24(id);
        const now = this.clock();
        const profile: Profile = {
            id,
            dataset: this.config.id,
            identities: {},
            attributes: {},
            profileObjects: {},
            anonAliases: anonId !== undefined ? [anonId] : [],
            anonMergeTimes: [],
            histories: [],
            interests: [],
            liveEvents: [],
            demo: false,
            created: now,
            liveLastActivity: null
        };
        this.addProfile(profile);
        return profile;
    }

    private mergeInto(winner: Profile, loser: Profile): void {
        const loserEvents = loser.liveEvents;
        const loserIdentities = { ...loser.identities };
        this.removeProfile(loser.id);
        for (const [attr, value] of Object.entries(loserIdentities)) {
            if (winner.identities[attr] === undefined) this.setIdentity(winner, attr, value);
        }
        for (const [name, attr] of Object.entries(loser.attributes))
            if (!winner.attributes[name]) winner.attributes[name] = attr;
        for (const [type, objects] of Object.entries(loser.profileObjects)) {
            const existing = winner.profileObjects[type] ?? [];
            for (const o of objects) if (!existing.some((e) => e.id === o.id)) existing.push(o);
            winner.profileObjects[type] = existing.sort((a, b) => b.created - a.created).slice(0, 100);
        }
        winner.anonAliases.push(loser.id, ...loser.anonAliases);
        winner.anonMergeTimes.push(this.clock());
        for (const alias of [loser.id, ...loser.anonAliases]) this.anonIndex.set(alias, winner.id);
        winner.histories.push(...loser.histories);
        winner.interests = [...new Set([...winner.interests, ...loser.interests])];
        winner.demo = winner.demo || loser.demo;
        winner.liveEvents.push(...loserEvents);
        winner.liveEvents.sort((a, b) => a.time - b.time);
        winner.liveLastActivity = Math.max(winner.liveLastActivity ?? 0, loser.liveLastActivity ?? 0) || null;
        this.invalidate(winner.id);
    }

    private invalidate(id: string): void {
        this.historyCache.delete(id);
        this.summaryCache.delete(id);
    }

    /** All events of a profile, oldest first, with unique times. */
    events(profile: Profile): StoredEvent[] {
        const cached = this.historyCache.get(profile.id);
        if (cached) {
            // Refresh LRU position.
            this.historyCache.delete(profile.id);
            this.historyCache.set(profile.id, cached);
            return cached;
        }
        const generated: StoredEvent[] = [];
        profile.histories.forEach((h, i) => {
            generated.push(
                ...generateHistory(
                    {
                        seed: h.seed,
                        interests: h.interests,
                        activity: h.activity,
                        until: this.seedNow - 60_000,
                        orderPrefix: `o-${profile.id.slice(0, 6)}${i === 0 ? "" : `-${i}`}`
                    },
                    this.catalogView
                )
            );
        });
        const all = generated.length === 0 ? [...profile.liveEvents] : [...generated, ...profile.liveEvents];
        all.sort((a, b) => a.time - b.time);
        // Merged histories can collide; bump to keep times unique (event-stream paging relies on it).
        for (let i = 1; i < all.length; i++) {
            const prev = all[i - 1] as StoredEvent;
            const cur = all[i] as StoredEvent;
            if (cur.time <= prev.time) all[i] = { ...cur, time: prev.time + 1 };
        }
        this.historyCache.set(profile.id, all);
        if (this.historyCache.size > HISTORY_CACHE_SIZE) {
            const oldest = this.historyCache.keys().next().value;
            if (oldest !== undefined) this.historyCache.delete(oldest);
        }
        return all;
    }

    /** Records an event; its time is made unique within the profile. Returns the stored event. */
    append(profile: Profile, event: StoredEvent): StoredEvent {
        let time = event.time;
        const lastLive = profile.liveEvents[profile.liveEvents.length - 1]?.time ?? -Infinity;
        const fastPath = time >= this.seedNow && time > lastLive;
        if (!fastPath) {
            const times = new Set(this.events(profile).map((e) => e.time));
            while (times.has(time)) time++;
        }
        const stored: StoredEvent = time === event.time ? event : { ...event, time };
        // Keep liveEvents sorted; appends are almost always at the end.
        let pos = profile.liveEvents.length;
        while (pos > 0 && (profile.liveEvents[pos - 1] as StoredEvent).time > time) pos--;
        profile.liveEvents.splice(pos, 0, stored);
        if (!stored.nonInteractive) profile.liveLastActivity = Math.max(profile.liveLastActivity ?? 0, time);
        this.invalidate(profile.id);
        return stored;
    }

    /** Last interactive activity without generating histories when avoidable. */
    lastActivityOf(profile: Profile): number | null {
        if (profile.liveLastActivity !== null) return profile.liveLastActivity;
        if (profile.histories.length === 0) return null;
        return this.summary(profile).lastActivity;
    }

    /** Summary at the current clock (cached until the profile changes). */
    summary(profile: Profile): ProfileSummary {
        const cached = this.summaryCache.get(profile.id);
        if (cached) return cached;
        const s = this.summarize(profile, this.clock());
        this.summaryCache.set(profile.id, s);
        if (this.summaryCache.size > 20000) {
            const oldest = this.summaryCache.keys().next().value;
            if (oldest !== undefined) this.summaryCache.delete(oldest);
        }
        return s;
    }

    /** Summary with the engagement window ending at `end` (and the previous window for the change). */
    summarize(profile: Profile, end: number, start: number = end - ENGAGEMENT_WINDOW_MS): ProfileSummary {
        const events = this.events(profile);
        let first: number | null = null;
        let last: number | null = null;
        let current = 0;
        let previous = 0;
        const length = Math.max(1, end - start);
        const visits = new Set<string>();
        let liveVisitEnd = -Infinity;
        let liveVisit = 0;
        const categoryViews = new Map<string, { count: number; reached: number | null }>();
        const orders: ProfileSummary["orders"] = [];
        let lastPurchase: number | null = null;
        for (const e of events) {
            if (e.nonInteractive || e.campaign) continue;
            if (first === null) first = e.time;
            last = e.time;
            if (e.time >= start && e.time < end) current++;
            else if (e.time >= start - length && e.time < start) previous++;
            if (e.visit !== undefined) visits.add(`g${e.visit}`);
            else {
                if (e.time > liveVisitEnd) liveVisit++;
                liveVisitEnd = e.time + 30 * 60_000;
                visits.add(`l${liveVisit}`);
            }
            const cat = e.item
                ? e.item.type === "Category"
                    ? e.item.id
                    : this.item(e.item.type, e.item.id)?.category
                : undefined;
            if (cat && (e.action === "View Item" || e.action === "View Category" || e.action === "ViewCatalogObject")) {
                const cv = categoryViews.get(cat) ?? { count: 0, reached: null };
                cv.count++;
                categoryViews.set(cat, cv);
                if (cv.count === 3) cv.reached = e.time;
            }
            if (e.order) {
                orders.push({
                    orderId: e.order.orderId,
                    totalValue: e.order.totalValue,
                    currency: e.order.currency,
                    time: e.time
                });
                lastPurchase = e.time;
            }
        }
        const score = (n: number): number => Math.round((1 - Math.exp(-n / 25)) * 100) / 100;
        const engagementScore = score(current);
        const summary: ProfileSummary = {
            eventCount: events.length,
            firstActivity: first,
            lastActivity: last,
            visitCount: visits.size,
            engagementScore,
            engagementScoreChange: Math.round((engagementScore - score(previous)) * 100) / 100,
            segments: [],
            orders
        };
        for (const seg of this.config.segments) {
            const rule = seg.rule;
            let joined: number | null = null;
            if (rule.kind === "engagementAtLeast" && engagementScore >= rule.score) joined = first ?? end;
            else if (
                rule.kind === "purchasedWithinDays" &&
                lastPurchase !== null &&
                lastPurchase >= end - rule.days * DAY_MS
            )
                joined = lastPurchase;
            else if (rule.kind === "categoryViewsAtLeast")
                joined =
                    (categoryViews.get(rule.category)?.count ?? 0) >= rule.views
                        ? (categoryViews.get(rule.category)?.reached ?? null)
                        : null;
            else if (rule.kind === "attributeEquals" && profile.attributes[rule.attribute]?.value === rule.value)
                joined = profile.attributes[rule.attribute]?.updated ?? end;
            else if (rule.kind === "static" && rule.userIds.includes(profile.id)) joined = profile.created;
            if (joined !== null) summary.segments.push({ id: seg.id, name: seg.name, joined });
        }
        return summary;
    }

    /** Per-item figures over [start, end) for one catalog type (all types when undefined). */
    itemFigures(
        profile: Profile,
        start: number,
        end: number,
        itemType: string | undefined
    ): Map<string, ItemFigures & { type: string; id: string; name: string }> {
        const out = new Map<string, ItemFigures & { type: string; id: string; name: string }>();
        const get = (
            type: string,
            id: string,
            name: string | undefined
        ): ItemFigures & { type: string; id: string; name: string } => {
            const key = `${type}|${id}`;
            let f = out.get(key);
            if (!f) {
                f = {
                    type,
                    id,
                    name: name ?? this.item(type, id)?.name ?? id,
                    views: 0,
                    viewTimeMs: 0,
                    purchases: 0,
                    revenue: 0,
                    lastViewed: null
                };
                out.set(key, f);
            }
            return f;
        };
        for (const e of this.events(profile)) {
            if (e.time < start || e.time >= end) continue;
            if (
                e.item &&
                (e.action === "View Item" || e.action === "ViewCatalogObject" || e.action === "View Category") &&
                (!itemType || e.item.type === itemType)
            ) {
                const f = get(e.item.type, e.item.id, e.item.name);
                f.views++;
                f.viewTimeMs += e.viewTimeMs ?? 0;
                f.lastViewed = e.time;
            }
            if (e.order) {
                for (const line of e.order.lines) {
                    if (itemType && line.type !== itemType) continue;
                    const f = get(line.type, line.id, undefined);
                    f.purchases += line.quantity;
                    f.revenue = Math.round((f.revenue + line.price * line.quantity) * 100) / 100;
                }
            }
        }
        return out;
    }

    /** Sets pre-defined attributes; undefined ones are ignored, like MCP most likely does. */
    setAttributes(profile: Profile, attrs: Record<string, AttributeValue>, now: number): void {
        for (const [name, value] of Object.entries(attrs)) {
            if (this.isIdentityAttribute(name)) continue; // identities are handled by resolve()
            if (!this.config.userAttributes.some((a) => a.name === name)) continue;
            profile.attributes[name] = { value, updated: now };
        }
        this.summaryCache.delete(profile.id);
    }

    /** Seed used for a new generated history. */
    historySeed(...parts: string[]): number {
        return hashSeed(String(this.seed), this.config.id, ...parts);
    }
}
