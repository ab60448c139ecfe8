/**
 * Server-side campaign engine: the two CRM templates (Einstein Decisions → promos, Recommendations → recs),
 * classic campaigns (serverSideMessages), Source > Application targeting, deterministic control groups and
 * debug.testMessages.
 */
import type { DatasetStore } from '../store/dataset-store';
import type { Campaign, CatalogItem, Experience, Profile, Promotion } from '../store/types';
import { bucket100, hashSeed } from '../util/prng';

/** JSON object as sent on the wire. */
export type JsonMap = Record<string, unknown>;

/** How the caller reached the engine. */
export interface CampaignContext {
  application: string | undefined;
  /** debug.testMessages as sent. */
  testMessages: string | undefined;
  /** Value of CampaignResponse.type ("c" documented, "ng" observed). */
  typeCode: 'c' | 'ng';
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

const wrap = (value: string | number | boolean | null | undefined): { value: string | number | boolean | null } => ({ value: value ?? null });

/** A catalog item in recommend() shape: every attribute wrapped as { value }. */
export function recItem(item: CatalogItem): JsonMap {
  const attributes: JsonMap = { name: wrap(item.name), url: wrap(item.url) };
  if (item.imageUrl !== undefined) attributes['imageUrl'] = wrap(item.imageUrl);
  if (item.description !== undefined) attributes['description'] = wrap(item.description);
  if (item.price !== undefined) attributes['price'] = wrap(item.price);
  if (item.listPrice !== undefined) attributes['listPrice'] = wrap(item.listPrice);
  if (item.rating !== undefined) attributes['rating'] = wrap(item.rating);
  if (item.inventoryCount !== undefined) attributes['inventoryCount'] = wrap(item.inventoryCount);
  return { id: item.id, type: item.type, attributes };
}

/** A promotion in decide() shape. */
export function promoItem(p: Promotion): JsonMap {
  return {
    id: p.id,
    attributes: { name: wrap(p.name), url: wrap(p.url), description: wrap(p.description) },
    assets: p.assets.map((a) => ({ type: a.type, imageUrl: a.imageUrl, contentZones: [...a.contentZones] })),
  };
}

/** Interest category IDs: declared interests, else categories seen in live events. */
function interestCategories(store: DatasetStore, profile: Profile): Set<string> {
  const out = new Set(profile.interests.map((i) => `c-${i.toLowerCase()}`));
  if (out.size === 0) {
    for (const e of profile.liveEvents) {
      const cat = e.item ? store.item(e.item.type, e.item.id)?.category : undefined;
      if (cat) out.add(cat);
    }
  }
  return out;
}

const jitter = (...parts: string[]): number => hashSeed(...parts) / 4294967296;

/** Einstein Decisions stand-in: promotions of the content zone, interest matches first, stable per user. */
export function decide(store: DatasetStore, profile: Profile, exp: Experience): Promotion[] {
  const cats = new Set([...interestCategories(store, profile)].map((c) => c.slice(2)));
  const zone = exp.config.contentZone;
  const scored = store.promotions
    .filter((p) => zone === undefined || p.assets.some((a) => a.contentZones.includes(zone)))
    .map((p) => ({ p, score: (p.categories.some((c) => cats.has(c.toLowerCase())) ? 1 : 0) + jitter(profile.id, p.id) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, Math.min(12, exp.config.maxResults))
    .map((s) => s.p);
  if (scored.length === 0 && exp.config.fallbackPromoId) {
    const fallback = store.promotions.find((p) => p.id === exp.config.fallbackPromoId);
    if (fallback) return [fallback];
  }
  return scored;
}

/** Einstein Recipes stand-in: items of the type, interest categories first, stable per user. */
export function recommend(store: DatasetStore, profile: Profile, exp: Experience): CatalogItem[] {
  const cats = interestCategories(store, profile);
  const type = exp.config.itemType ?? 'Product';
  const items: Array<{ item: CatalogItem; score: number }> = [];
  for (const item of store.catalog.values()) {
    if (item.type !== type) continue;
    items.push({ item, score: (item.category && cats.has(item.category) ? 1 : 0) + jitter(profile.id, exp.id, item.id) });
  }
  return items.sort((a, b) => b.score - a.score).slice(0, exp.config.maxResults).map((s) => s.item);
}

function baseResponse(c: Campaign, exp: Experience, userGroup: 'Default' | 'Control', ctx: CampaignContext): JsonMap {
  const templateName = exp.template === 'CRM_DECISIONS' ? 'Sales and Service Cloud Connector - Einstein Decisions' : exp.template === 'CRM_RECS' ? 'Sales and Service Cloud Connector - Next Best Recommendations' : undefined;
  return {
    type: ctx.typeCode,
    campaignId: c.campaignId,
    campaignName: c.name,
    campaignType: 'ServerSide',
    experienceId: exp.id,
    experienceName: exp.name,
    experienceSourceCode: null,
    state: c.state,
    userGroup,
    templateNames: templateName ? [templateName] : [],
  };
}

const DEPRECATED_KEYS: JsonMap = {
  displayMode: 'Personalized',
  redirectUrl: null,
  saveParameters: false,
  hidePageBeforeRedirect: false,
  campaignJavascriptContent: null,
  javascriptContent: null,
  googleAnalyticsConfig: null,
};

/** Renders one experience for a user as a CampaignResponse. */
export function renderExperience(store: DatasetStore, profile: Profile, c: Campaign, exp: Experience, control: boolean, ctx: CampaignContext): JsonMap {
  const response = baseResponse(c, exp, control ? 'Control' : 'Default', ctx);
  if (control) {
    // Control users are shown nothing: the payload carries no items.
    if (exp.template !== 'CLASSIC') response['payload'] = { campaign: c.name, experience: exp.name, userGroup: 'Control' };
    return { ...response, messages: [], pageChanges: [] };
  }
  const datafield = exp.config.datafield;
  if (exp.template === 'CRM_DECISIONS') {
    response['payload'] = { campaign: c.name, experience: exp.name, userGroup: 'Test', [datafield]: decide(store, profile, exp).map(promoItem) };
  } else if (exp.template === 'CRM_RECS') {
    const items = recommend(store, profile, exp).map(recItem);
    response['payload'] = {
      campaign: c.name,
      experience: exp.name,
      userGroup: 'Test',
      itemType: exp.config.itemType ?? 'Product',
      products: items,
      // The public template reproduces the classic shape inside the payload.
      serverSideMessages: [{ dataMap: { [datafield]: items } }],
    };
  } else {
    const items = recommend(store, profile, exp);
    response['serverSideMessages'] = [
      {
        type: 'evg_md',
        id: `${exp.id.slice(0, 3)}m${exp.id.slice(4)}`,
        data: '{}',
        targetName: datafield,
        containsDynamicContent: true,
        promotedItemKeys: items.map((i) => ({ type: 'p', _id: i.id })),
        campaignState: c.state,
        dataMap: { [datafield]: items.map(recItem) },
      },
    ];
  }
  return { ...response, ...DEPRECATED_KEYS, messages: [], pageChanges: [] };
}

/** Every qualifying campaign for this call, plus explanations. */
export function selectCampaigns(store: DatasetStore, profile: Profile, ctx: CampaignContext): { responses: JsonMap[]; explanations: Explanation[] } {
  const responses: JsonMap[] = [];
  const explanations: Explanation[] = [];
  const explain = (c: Campaign, exp: Experience | null, message: string, cls = 'CampaignExplanation'): void => {
    explanations.push({ class: cls, campaignId: c.campaignId, campaignName: c.name, experienceId: exp?.id ?? null, experienceName: exp?.name ?? null, messageId: null, explanationMessage: message, context: null });
  };
  const test = ctx.testMessages?.trim();
  if (test && test !== 'true') {
    // Named experiences: rules and state are ignored (authevent + Server only, checked by the caller).
    const ids = new Set(test.split(',').map((s) => s.trim()).filter((s) => s.length > 0));
    for (const c of store.config.campaigns) {
      for (const exp of c.experiences) {
        if (!ids.has(exp.id)) continue;
        responses.push(renderExperience(store, profile, c, exp, false, ctx));
        explain(c, exp, 'Forced by debug.testMessages');
      }
    }
    return { responses, explanations };
  }
  const includeTesting = test === 'true';
  for (const c of store.config.campaigns) {
    if (!(c.state === 'Published' || (includeTesting && c.state === 'Testing'))) {
      explain(c, null, `Campaign state is ${c.state}`);
      continue;
    }
    if (c.targeting.channel !== 'Server') continue;
    const apps = c.targeting.applications;
    if (apps && (ctx.application === undefined || !apps.includes(ctx.application))) {
      explain(c, null, `Source > Application rule not met (needs ${apps.join(' or ')})`);
      continue;
    }
    // When several experiences qualify the first in the list wins.
    const exp = c.experiences[0];
    if (!exp) continue;
    const control = bucket100(profile.id, exp.id) < c.controlPct;
    responses.push(renderExperience(store, profile, c, exp, control, ctx));
    explain(c, exp, control ? 'Qualified; user is in the control group' : 'Qualified');
  }
  return { responses, explanations };
}

/** Looks up the campaign owning an experience (for campaignStats). */
export function campaignOfExperience(store: DatasetStore, experienceId: string): Campaign | undefined {
  return store.config.campaigns.find((c) => c.experiences.some((e) => e.id === experienceId));
}
