/**
 * Server-side campaign engine: the two CRM templates (Einstein Decisions → promos, Recommendations → recs),
 * classic campaigns (serverSideMessages), Source > Application targeting, deterministic control groups and
 * debug.testMessages.
 */
import type { DatasetStore } from "../store/dataset-store";
import type { Campaign, CatalogItem, Experience, Profile, Promotion } from "../store/types";
import { bucket100, hashSeed } from "../util/prng";
import { loadCrmProfileInsights, runAt } from "../../../../mcp/templates/runtime/template-runtime";
import { buildTemplateContext } from "./template-context";

/** JSON object as sent on the wire. */
export type JsonMap = Record<string, unknown>;

/** How the caller reached the engine. */
export interface CampaignContext {
    application: string | undefined;
    /** debug.testMessages as sent. */
    testMessages: string | undefined;
    /** Value of CampaignResponse.type ("c" documented, "ng" observed). */
    typeCode: "c" | "ng";
    /** Whether the shipped insights template is installed (false: its campaigns do not exist). Default true. */
    insightsTemplate?: boolean;
    /** Clock of the emulator, pinned as Date.now() while a template's run() executes. */
    now?: number;
}

/** One explanation line (debug.explanations). */
export interface Explanation {
    class: string;
    campaignId: string;
    campaignName: string;
    experienceId: string | null;
    experienceName: string | null;
    messageId: string | null;
    explanationMessage: string;
    context: null;
}

const wrap = (value: string | number | boolean | null | undefined): { value: string | number | boolean | null } => ({
    value: value ?? null
});

// Rendered shapes are pure functions of immutable catalog entries: build each once and share it.
const recCache = new WeakMap<CatalogItem, JsonMap>();
const promoCache = new WeakMap<Promotion, JsonMap>();

/** A catalog item in recommend() shape: every attribute wrapped as { value }. */
export function recItem(item: CatalogItem): JsonMap {
    const cached = recCache.get(item);
    if (cached) return cached;
    const built = buildRecItem(item);
    recCache.set(item, built);
    return built;
}

function buildRecItem(item: CatalogItem): JsonMap {
    const attributes: JsonMap = { name: wrap(item.name), url: wrap(item.url) };
    if (item.imageUrl !== undefined) attributes["imageUrl"] = wrap(item.imageUrl);
    if (item.description !== undefined) attributes["description"] = wrap(item.description);
    if (item.price !== undefined) attributes["price"] = wrap(item.price);
    if (item.listPrice !== undefined) attributes["listPrice"] = wrap(item.listPrice);
    if (item.rating !== undefined) attributes["rating"] = wrap(item.rating);
    if (item.inventoryCount !== undefined) attributes["inventoryCount"] = wrap(item.inventoryCount);
    return { id: item.id, type: item.type, attributes };
}

/** A promotion in decide() shape. */
export function promoItem(p: Promotion): JsonMap {
    const cached = promoCache.get(p);
    if (cached) return cached;
    const built: JsonMap = {
        id: p.id,
        attributes: { name: wrap(p.name), url: wrap(p.url), description: wrap(p.description) },
        assets: p.assets.map((a) => ({ type: a.type, imageUrl: a.imageUrl, contentZones: [...a.contentZones] }))
    };
    promoCache.set(p, built);
    return built;
}

/** Interest category IDs: declared interests, else categories seen in live events. */
function interestCategories(store: DatasetStore, profile: Profile): Set<string> {
    const out = new Set(profile.interests.map((i) => `c-${i.toLowerCase()}`));
    if (out.size === 0) {
        // The most recent live events are enough to infer interests; bounded so hot profiles stay cheap.
        for (const e of profile.liveEvents.slice(-50)) {
            const cat = e.item ? store.item(e.item.type, e.item.id)?.category : undefined;
            if (cat) out.add(cat);
        }
    }
    return out;
}

/** 32-bit mix of a per-user base hash and a per-item hash: a cheap, stable pseudo-random score in [0, 1). */
function jitter(base: number, itemHash: number): number {
    let h = (base ^ itemHash) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const itemHashes = new WeakMap<object, number>();
function itemHash(item: CatalogItem | Promotion): number {
    let h = itemHashes.get(item);
    if (h === undefined) {
        h = hashSeed(item.id);
        itemHashes.set(item, h);
    }
    return h;
}

/** Keeps the `k` best-scored entries (k is small; avoids sorting the whole catalog). */
function topK<T>(entries: Array<{ value: T; score: number }>, k: number): T[] {
    return entries
        .sort((a, b) => b.score - a.score)
        .slice(0, k)
        .map((e) => e.value);
}

/** Einstein Decisions stand-in: promotions of the content zone, interest matches first, stable per user. */
export function decide(store: DatasetStore, profile: Profile, exp: Experience): Promotion[] {
    const cats = interestCategories(store, profile);
    const zone = exp.config.contentZone;
    const base = hashSeed(profile.id, exp.id);
    const entries: Array<{ value: Promotion; score: number }> = [];
    for (const p of store.promotions) {
        if (zone !== undefined && !p.assets.some((a) => a.contentZones.includes(zone))) continue;
        const match = p.categories.some((c) => cats.has(`c-${c.toLowerCase()}`));
        entries.push({ value: p, score: (match ? 1 : 0) + jitter(base, itemHash(p)) });
    }
    const picked = topK(entries, Math.min(12, exp.config.maxResults));
    if (picked.length === 0 && exp.config.fallbackPromoId) {
        const fallback = store.promotions.find((p) => p.id === exp.config.fallbackPromoId);
        if (fallback) return [fallback];
    }
    return picked;
}

/** Einstein Recipes stand-in: items of the type, interest categories first, stable per user. */
export function recommend(store: DatasetStore, profile: Profile, exp: Experience): CatalogItem[] {
    const cats = interestCategories(store, profile);
    const base = hashSeed(profile.id, exp.id);
    const entries: Array<{ value: CatalogItem; score: number }> = [];
    for (const item of store.itemsOfType(exp.config.itemType ?? "Product")) {
        entries.push({
            value: item,
            score: (item.category !== undefined && cats.has(item.category) ? 1 : 0) + jitter(base, itemHash(item))
        });
    }
    return topK(entries, exp.config.maxResults);
}

const TEMPLATE_NAMES: Record<string, string[]> = {
    CRM_DECISIONS: ["Sales and Service Cloud Connector - Einstein Decisions"],
    CRM_RECS: ["Sales and Service Cloud Connector - Next Best Recommendations"],
    CRM_INSIGHTS: ["Personalization Connector - CRM Profile Insights"],
    CLASSIC: []
};

/**
 * One CampaignResponse, built as a single object literal: spreading and adding keys afterwards made V8 fall back
 * to slow dictionary objects and dominated the authevent hot path.
 */
function campaignResponse(
    c: Campaign,
    exp: Experience,
    userGroup: "Default" | "Control",
    ctx: CampaignContext,
    payload: JsonMap | undefined,
    serverSideMessages: JsonMap[] | undefined,
    deprecated: boolean
): JsonMap {
    const r: JsonMap = {
        type: ctx.typeCode,
        campaignId: c.campaignId,
        campaignName: c.name,
        campaignType: "ServerSide",
        experienceId: exp.id,
        experienceName: exp.name,
        experienceSourceCode: null,
        state: c.state,
        userGroup,
        templateNames: TEMPLATE_NAMES[exp.template] ?? [],
        payload,
        serverSideMessages,
        displayMode: deprecated ? "Personalized" : undefined,
        redirectUrl: deprecated ? null : undefined,
        saveParameters: deprecated ? false : undefined,
        hidePageBeforeRedirect: deprecated ? false : undefined,
        campaignJavascriptContent: deprecated ? null : undefined,
        javascriptContent: deprecated ? null : undefined,
        googleAnalyticsConfig: deprecated ? null : undefined,
        messages: [],
        pageChanges: []
    };
    return r;
}

/** A payload object with the datafield key (built through a Map-free path to keep a stable shape). */
function withDatafield(base: JsonMap, datafield: string, items: JsonMap[]): JsonMap {
    base[datafield] = items;
    return base;
}

let insightsClass: ReturnType<typeof loadCrmProfileInsights> | undefined;

/**
 * Executes the shipped template's compiled run() (mcp/templates/crm-profile-insights) against a context built from
 * the profile store; the experience config becomes the template's configuration fields. The result is merged into
 * the payload as MCP does ([D]: run()'s keys overwrite the template's).
 */
function runInsights(store: DatasetStore, profile: Profile, exp: Experience, ctx: CampaignContext): JsonMap {
    insightsClass ??= loadCrmProfileInsights();
    const template = new insightsClass();
    template.datafield = exp.config.datafield;
    template.maxItems = exp.config.maxResults;
    if (exp.config.itemTypes !== undefined) template.itemTypes = exp.config.itemTypes;
    const context = buildTemplateContext(store, profile);
    return runAt(ctx.now ?? Date.now(), () => template.run(context)) as JsonMap;
}

/** Whether an experience can exist in this emulator (the insights template may be "not installed"). */
function installed(exp: Experience, ctx: CampaignContext): boolean {
    return exp.template !== "CRM_INSIGHTS" || ctx.insightsTemplate !== false;
}

/** Renders one experience for a user as a CampaignResponse. */
export function renderExperience(
    store: DatasetStore,
    profile: Profile,
    c: Campaign,
    exp: Experience,
    control: boolean,
    ctx: CampaignContext
): JsonMap {
    return renderUncached(store, profile, c, exp, control, ctx);
}

function renderUncached(
    store: DatasetStore,
    profile: Profile,
    c: Campaign,
    exp: Experience,
    control: boolean,
    ctx: CampaignContext
): JsonMap {
    if (control) {
        // Control users are shown nothing: the payload carries no items.
        const payload =
            exp.template === "CLASSIC" ? undefined : { campaign: c.name, experience: exp.name, userGroup: "Control" };
        return campaignResponse(c, exp, "Control", ctx, payload, undefined, false);
    }
    const datafield = exp.config.datafield;
    if (exp.template === "CRM_DECISIONS") {
        const payload = withDatafield(
            { campaign: c.name, experience: exp.name, userGroup: "Test" },
            datafield,
            decide(store, profile, exp).map(promoItem)
        );
        return campaignResponse(c, exp, "Default", ctx, payload, undefined, true);
    }
    if (exp.template === "CRM_INSIGHTS") {
        const payload: JsonMap = {
            campaign: c.name,
            experience: exp.name,
            userGroup: "Test",
            ...runInsights(store, profile, exp, ctx)
        };
        return campaignResponse(c, exp, "Default", ctx, payload, undefined, true);
    }
    if (exp.template === "CRM_RECS") {
        const items = recommend(store, profile, exp).map(recItem);
        const payload: JsonMap = {
            campaign: c.name,
            experience: exp.name,
            userGroup: "Test",
            itemType: exp.config.itemType ?? "Product",
            products: items,
            // The public template reproduces the classic shape inside the payload.
            serverSideMessages: [{ dataMap: withDatafield({}, datafield, items) }]
        };
        return campaignResponse(c, exp, "Default", ctx, payload, undefined, true);
    }
    const items = recommend(store, profile, exp);
    const message: JsonMap = {
        type: "evg_md",
        id: `${exp.id.slice(0, 3)}m${exp.id.slice(4)}`,
        data: "{}",
        targetName: datafield,
        containsDynamicContent: true,
        promotedItemKeys: items.map((i) => ({ type: "p", _id: i.id })),
        campaignState: c.state,
        dataMap: withDatafield({}, datafield, items.map(recItem))
    };
    return campaignResponse(c, exp, "Default", ctx, undefined, [message], true);
}

/** Every qualifying campaign for this call, plus explanations. */
export function selectCampaigns(
    store: DatasetStore,
    profile: Profile,
    ctx: CampaignContext,
    withExplanations = true
): { responses: JsonMap[]; explanations: Explanation[] } {
    const responses: JsonMap[] = [];
    const explanations: Explanation[] = [];
    const explain = (c: Campaign, exp: Experience | null, message: string, cls = "CampaignExplanation"): void => {
        if (!withExplanations) return;
        explanations.push({
            class: cls,
            campaignId: c.campaignId,
            campaignName: c.name,
            experienceId: exp?.id ?? null,
            experienceName: exp?.name ?? null,
            messageId: null,
            explanationMessage: message,
            context: null
        });
    };
    const test = ctx.testMessages?.trim();
    if (test && test !== "true") {
        // Named experiences: rules and state are ignored (authevent + Server only, checked by the caller).
        const ids = new Set(
            test
                .split(",")
                .map((s) => s.trim())
                .filter((s) => s.length > 0)
        );
        for (const c of store.config.campaigns) {
            for (const exp of c.experiences) {
                if (!ids.has(exp.id) || !installed(exp, ctx)) continue;
                responses.push(renderExperience(store, profile, c, exp, false, ctx));
                explain(c, exp, "Forced by debug.testMessages");
            }
        }
        return { responses, explanations };
    }
    const includeTesting = test === "true";
    for (const c of store.config.campaigns) {
        // A campaign whose template is not installed does not exist at all (no response, no explanation).
        if (!c.experiences.every((e) => installed(e, ctx))) continue;
        if (!(c.state === "Published" || (includeTesting && c.state === "Testing"))) {
            explain(c, null, `Campaign state is ${c.state}`);
            continue;
        }
        if (c.targeting.channel !== "Server") continue;
        const apps = c.targeting.applications;
        if (apps && (ctx.application === undefined || !apps.includes(ctx.application))) {
            explain(c, null, `Source > Application rule not met (needs ${apps.join(" or ")})`);
            continue;
        }
        // When several experiences qualify the first in the list wins.
        const exp = c.experiences[0];
        if (!exp) continue;
        const control = bucket100(profile.id, exp.id) < c.controlPct;
        responses.push(renderExperience(store, profile, c, exp, control, ctx));
        explain(c, exp, control ? "Qualified; user is in the control group" : "Qualified");
    }
    return { responses, explanations };
}

/** Looks up the campaign owning an experience (for campaignStats). */
export function campaignOfExperience(store: DatasetStore, experienceId: string): Campaign | undefined {
    return store.config.campaigns.find((c) => c.experiences.some((e) => e.id === experienceId));
}
