/**
 * Processes one Event API event (either schema namespace): validation (errorCode 5), identity resolution,
 * attribute and profile-object updates, the event log, campaignStats and server-side campaigns.
 */
import { createHash } from "node:crypto";
import type { DatasetStore } from "../store/dataset-store";
import type { AttributeValue, Profile, StoredEvent, StoredProfileObject } from "../store/types";
import { campaignOfExperience, selectCampaigns, type JsonMap } from "./campaigns";

/** How the event arrived. */
export interface EventContext {
    endpoint: "event" | "authevent";
    /** True on authevent with valid credentials (always the case once the auth layer let it through). */
    authenticated: boolean;
    now: number;
    typeCode: "c" | "ng";
    /** Sequence number used to derive the event ID. */
    seq: number;
    /** Whether the shipped insights template is installed (default true). */
    insightsTemplate?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): v is AttributeValue =>
    typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

const INTERACTION_ITEM_ACTIONS: Record<string, string> = {
    ViewCatalogObject: "View Item",
    AddToCart: "Add To Cart",
    Purchase: "Purchase",
    ReplaceCart: "View Cart",
    RemoveFromCart: "Remove From Cart"
};
const STATS = new Set(["Impression", "Click", "Dismissal"]);

/** Reasons an event is invalid (errorCode 5); empty when valid. */
export function validateEvent(body: unknown): string[] {
    if (!isObj(body)) return ["event must be a JSON object"];
    const problems: string[] = [];
    const interaction = body["interaction"];
    if (interaction !== undefined && !isObj(interaction)) problems.push("interaction must be an object");
    const name = isObj(interaction) ? interaction["name"] : undefined;
    if (body["action"] !== undefined && typeof body["action"] !== "string") problems.push("action must be a string");
    if (name !== undefined && typeof name !== "string") problems.push("interaction.name must be a string");
    if (body["action"] === undefined && name === undefined && body["user"] === undefined)
        problems.push("action or interaction.name, or user, is required");
    const user = body["user"];
    if (user !== undefined) {
        if (!isObj(user)) problems.push("user must be an object");
        else {
            if (user["id"] !== undefined && typeof user["id"] !== "string") problems.push("user.id must be a string");
            const attrs = user["attributes"];
            if (
                attrs !== undefined &&
                (!isObj(attrs) || !Object.values(attrs).every((v) => isPrimitive(v) || v === null))
            )
                problems.push("user.attributes must map names to strings, numbers or booleans");
            const ids = user["identities"];
            if (ids !== undefined && (!isObj(ids) || !Object.values(ids).every((v) => typeof v === "string")))
                problems.push("user.identities must map names to strings");
            const pos = user["profileObjects"];
            if (pos !== undefined) {
                if (!isObj(pos)) problems.push("user.profileObjects must be an object");
                else
                    for (const [type, list] of Object.entries(pos)) {
                        if (!Array.isArray(list) || !list.every((o) => isObj(o) && typeof o["id"] === "string"))
                            problems.push(`user.profileObjects.${type} must be an array of objects with an id`);
                    }
            }
        }
    }
    const source = body["source"];
    if (source !== undefined && !isObj(source)) problems.push("source must be an object");
    if (isObj(source)) {
        if (source["channel"] !== undefined && typeof source["channel"] !== "string")
            problems.push("source.channel must be a string");
        if (source["time"] !== undefined && num(source["time"]) === undefined)
            problems.push("source.time must be epoch ms");
    }
    const stats = body["campaignStats"];
    if (
        stats !== undefined &&
        (!Array.isArray(stats) ||
            !stats.every((s) => isObj(s) && typeof s["experienceId"] === "string" && STATS.has(String(s["stat"]))))
    )
        problems.push("campaignStats entries need experienceId and stat Impression|Click|Dismissal");
    if (isObj(interaction) && (name === "AddToCart" || name === "Purchase")) {
        const lines =
            name === "Purchase"
                ? isObj(interaction["order"])
                    ? interaction["order"]["lineItems"]
                    : undefined
                : [interaction["lineItem"]];
        if (!Array.isArray(lines) || !lines.every((l) => isObj(l) && num(l["price"]) !== undefined))
            problems.push(`${name} needs line items with a price`);
    }
    return problems;
}

/** Pulls identity values from user.id, user.attributes and user.identities. */
function extractIdentities(store: DatasetStore, user: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    const attrs = isObj(user["attributes"]) ? user["attributes"] : {};
    for (const [k, v] of Object.entries(attrs))
        if (store.isIdentityAttribute(k) && (typeof v === "string" || typeof v === "number") && String(v) !== "")
            out[k] = String(v);
    const ids = isObj(user["identities"]) ? user["identities"] : {};
    for (const [k, v] of Object.entries(ids))
        if (store.isIdentityAttribute(k) && typeof v === "string" && v !== "") out[k] = v;
    const userId = str(user["id"]);
    if (userId) out[store.config.eventApiIdentityAttribute] = userId;
    return out;
}

/** Builds the stored event from either namespace. */
function toStoredEvent(
    store: DatasetStore,
    body: Record<string, unknown>,
    ctx: EventContext,
    time: number
): StoredEvent {
    const source = isObj(body["source"]) ? body["source"] : {};
    const interaction = isObj(body["interaction"]) ? body["interaction"] : undefined;
    const interactionName = interaction ? str(interaction["name"]) : undefined;
    const itemAction =
        str(body["itemAction"]) ?? (interactionName ? INTERACTION_ITEM_ACTIONS[interactionName] : undefined);
    const flags = isObj(body["flags"]) ? body["flags"] : {};
    const event: StoredEvent = {
        time,
        action: str(body["action"]) ?? interactionName ?? itemAction ?? "Update User",
        channel: str(source["channel"]) ?? (ctx.endpoint === "authevent" ? "Server" : "Web")
    };
    if (itemAction) event.itemAction = itemAction;
    const url = str(source["url"]);
    if (url) event.url = url;
    const application = str(source["application"]);
    if (application) event.application = application;
    if (flags["nonInteractive"] === true) event.nonInteractive = true;
    const itemRef = (
        type: string,
        id: string,
        extra: { price?: number; quantity?: number }
    ): NonNullable<StoredEvent["item"]> => {
        const known = store.item(type, id);
        const ref: NonNullable<StoredEvent["item"]> = { type, id };
        if (known) ref.name = known.name;
        // Inventory as of the event time, as MCP's Event Stream shows it.
        if (known?.inventoryCount !== undefined) ref.inventoryCount = known.inventoryCount;
        if (extra.price !== undefined) ref.price = extra.price;
        else if (known?.price !== undefined) ref.price = known.price;
        if (extra.quantity !== undefined) ref.quantity = extra.quantity;
        return ref;
    };
    // Evergage namespace: catalog.<Type>._id, order.<Type>, cart.singleLine.<Type>.
    if (isObj(body["catalog"])) {
        for (const [type, v] of Object.entries(body["catalog"]))
            if (isObj(v) && typeof v["_id"] === "string")
                event.item = itemRef(type, v["_id"], { price: num(v["price"]) });
    }
    if (isObj(body["cart"]) && isObj(body["cart"]["singleLine"])) {
        for (const [type, v] of Object.entries(body["cart"]["singleLine"]))
            if (isObj(v) && typeof v["_id"] === "string")
                event.item = itemRef(type, v["_id"], { price: num(v["price"]), quantity: num(v["quantity"]) });
    }
    if (isObj(body["order"])) {
        for (const [type, v] of Object.entries(body["order"])) {
            if (!isObj(v)) continue;
            const lines = Array.isArray(v["lineItems"])
                ? v["lineItems"].filter(isObj).map((l) => ({
                      type,
                      id: String(l["_id"] ?? ""),
                      price: num(l["price"]) ?? 0,
                      quantity: num(l["quantity"]) ?? 1
                  }))
                : [];
            event.order = {
                orderId: str(v["orderId"]) ?? `order-${ctx.seq}`,
                totalValue: num(v["totalValue"]) ?? lines.reduce((s, l) => s + l.price * l.quantity, 0),
                currency: str(v["currency"]) ?? "USD",
                lines
            };
        }
    }
    // SalesforceInteractions namespace.
    if (interaction) {
        const co = interaction["catalogObject"];
        if (isObj(co) && typeof co["type"] === "string" && typeof co["id"] === "string")
            event.item = itemRef(co["type"], co["id"], {});
        const li = interaction["lineItem"];
        if (isObj(li) && typeof li["catalogObjectType"] === "string" && typeof li["catalogObjectId"] === "string")
            event.item = itemRef(li["catalogObjectType"], li["catalogObjectId"], {
                price: num(li["price"]),
                quantity: num(li["quantity"])
            });
        const order = interaction["order"];
        if (isObj(order)) {
            const lines = Array.isArray(order["lineItems"])
                ? order["lineItems"].filter(isObj).map((l) => ({
                      type: str(l["catalogObjectType"]) ?? "Product",
                      id: str(l["catalogObjectId"]) ?? "",
                      price: num(l["price"]) ?? 0,
                      quantity: num(l["quantity"]) ?? 1
                  }))
                : [];
            event.order = {
                orderId: str(order["id"]) ?? `order-${ctx.seq}`,
                totalValue: num(order["totalValue"]) ?? lines.reduce((s, l) => s + l.price * l.quantity, 0),
                currency: str(order["currency"]) ?? "USD",
                lines
            };
        }
    }
    return event;
}

/** Replace-whole profile objects, capped at the 100 most recent per type; undefined types/attributes dropped. */
function applyProfileObjects(store: DatasetStore, profile: Profile, pos: Record<string, unknown>, now: number): void {
    for (const [typeName, list] of Object.entries(pos)) {
        const type = store.config.profileObjectTypes.find((t) => t.name === typeName);
        if (!type || !Array.isArray(list)) continue;
        const existing = profile.profileObjects[typeName] ?? [];
        for (const raw of list) {
            if (!isObj(raw) || typeof raw["id"] !== "string") continue;
            const attributes: Record<string, AttributeValue> = {};
            const rawAttrs = isObj(raw["attributes"]) ? raw["attributes"] : {};
            for (const a of type.attributes) {
                const v = rawAttrs[a.name];
                if (isPrimitive(v)) attributes[a.name] = v;
            }
            const related: Record<string, string[]> = {};
            const rawRel = isObj(raw["relatedCatalogObjects"]) ? raw["relatedCatalogObjects"] : {};
            for (const r of type.relatedCatalogObjects) {
                const v = rawRel[r];
                if (Array.isArray(v)) related[r] = v.filter((x): x is string => typeof x === "string").slice(0, 5);
            }
            const obj: StoredProfileObject = {
                id: raw["id"],
                attributes,
                relatedCatalogObjects: related,
                created: now
            };
            const at = existing.findIndex((o) => o.id === obj.id);
            if (at >= 0) existing.splice(at, 1);
            existing.push(obj);
        }
        profile.profileObjects[typeName] = existing.sort((a, b) => b.created - a.created).slice(0, 100);
    }
}

const entityIds = new Map<string, string>();

/** Opaque persistedUserId.entityId: stable per profile (memoized; hashing on every call showed in profiles). */
function entityId(dataset: string, userId: string): string {
    const key = `${dataset}|${userId}`;
    let id = entityIds.get(key);
    if (id === undefined) {
        id = createHash("sha256").update(`persisted|${key}`).digest("base64url").slice(0, 32);
        if (entityIds.size > 100_000) entityIds.clear();
        entityIds.set(key, id);
    }
    return id;
}

/** Processes an event and returns the Event API response envelope. */
export function processEvent(store: DatasetStore, body: unknown, ctx: EventContext): JsonMap {
    const problems = validateEvent(body);
    if (problems.length > 0 || !isObj(body)) return { campaignResponses: [], errorCode: 5, invalidReasons: problems };
    const flags = isObj(body["flags"]) ? body["flags"] : {};
    // 24 hex like real event IDs: time then sequence, unique within a run and deterministic under a fixed clock.
    const eventId = (Math.floor(ctx.now).toString(16).padStart(12, "0") + ctx.seq.toString(16).padStart(12, "0")).slice(
        -24
    );
    if (flags["doNotTrack"] === true)
        return { id: eventId, campaignResponses: [], compiledCampaignTemplates: [], errorCode: 0 };
    const user = isObj(body["user"]) ? body["user"] : {};
    const identities = extractIdentities(store, user);
    let anonId = str(user["anonId"]) ?? str(user["anonymousId"]);
    if (Object.keys(identities).length === 0 && anonId === undefined) {
        // No identity at all: keep the event on a fresh anonymous profile rather than drop it.
        anonId = eventId.slice(0, 16);
    }
    const { profile } = store.resolve(identities, anonId);
    const source = isObj(body["source"]) ? body["source"] : {};
    const channel = str(source["channel"]);
    const now = ctx.now;
    if (isObj(user["attributes"])) {
        const attrs: Record<string, AttributeValue> = {};
        for (const [k, v] of Object.entries(user["attributes"])) if (isPrimitive(v)) attrs[k] = v;
        store.setAttributes(profile, attrs, now);
    }
    if (isObj(user["profileObjects"])) {
        const trusted = ctx.endpoint === "authevent" && channel === "Server";
        if (!store.config.strictProfileObjectSecurity || trusted)
            applyProfileObjects(store, profile, user["profileObjects"], now);
    }
    const time = num(source["time"]) ?? now;
    const stored = store.append(profile, toStoredEvent(store, body, ctx, Math.floor(time)));
    const stats = Array.isArray(body["campaignStats"]) ? body["campaignStats"].filter(isObj) : [];
    for (const s of stats) {
        const experienceId = String(s["experienceId"]);
        const campaign = campaignOfExperience(store, experienceId);
        const stat = String(s["stat"]) as "Impression" | "Click" | "Dismissal";
        store.append(profile, {
            time: stored.time + 1,
            action: `Campaign ${stat}`,
            channel: stored.channel,
            ...(stored.application ? { application: stored.application } : {}),
            campaign: {
                campaignId: campaign?.campaignId ?? null,
                campaignName: campaign?.name ?? null,
                experienceId,
                stat,
                control: s["control"] === true
            }
        });
    }
    const response: JsonMap = {
        id: eventId,
        campaignResponses: [],
        compiledCampaignTemplates: [],
        errorCode: 0,
        resolvedUserId: profile.id,
        persistedUserId: { entityId: entityId(store.config.id, profile.id), accountId: "" }
    };
    const debug = isObj(body["debug"]) ? body["debug"] : {};
    // Server-side campaigns need the trusted endpoint, a token and channel Server.
    const serverSide = ctx.endpoint === "authevent" && ctx.authenticated && channel === "Server";
    if (serverSide && flags["noCampaigns"] !== true) {
        const { responses, explanations } = selectCampaigns(
            store,
            profile,
            {
                application: str(source["application"]),
                testMessages: str(debug["testMessages"]),
                typeCode: ctx.typeCode,
                insightsTemplate: ctx.insightsTemplate !== false,
                now
            },
            debug["explanations"] === true
        );
        response["campaignResponses"] = responses;
        if (debug["explanations"] === true) response["campaignExplanations"] = explanations;
    }
    if (debug["explanations"] === true && ctx.endpoint === "authevent") {
        response["eventDetails"] = {
            action: stored.action,
            channel: stored.channel,
            time: stored.time,
            resolvedUserId: profile.id,
            identities: { ...profile.identities }
        };
    }
    return response;
}
