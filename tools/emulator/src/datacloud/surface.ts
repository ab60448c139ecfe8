/**
 * The Data Cloud surface of the emulator (contract/data-cloud.openapi.yaml): the client-credentials token, the
 * Data Cloud token exchange, decisions for personalization points, the profile look-up by key and streaming
 * ingestion. Routed by path on the same port as the MCP surface, behind the same fault rules and request log.
 */
import { createHash } from "node:crypto";
import { buildCatalog, buildPromotions } from "../data/catalog";
import type { DemoCrm } from "../data/demo-seed";
import { error, json, type Reply } from "../http/responses";

/** Client id / secret of the emulator's External Client App (client credentials). */
export const DC_CLIENT = { id: "dc-demo-client", secret: "dc-demo-secret" };
/** A Salesforce access token the emulator always accepts as subject token (local-org credential config). */
export const DC_DEMO_SUBJECT_TOKEN = "00Dxx0000000001!AQEAQdemo";
/** Route names of the Data Cloud surface (fault rules match them like the MCP routes). */
export const DC_ROUTES = ["dcOAuthToken", "dcToken", "dcDecisions", "dcProfile", "dcIngest"] as const;
/** Largest streaming payload the Ingestion API takes ("must be less than 200 KB"). */
export const INGEST_LIMIT_BYTES = 200 * 1024;

const SUBJECT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const EXCHANGE_GRANT = "urn:salesforce:grant-type:external:cdp";
const INDIVIDUAL_DMO = "ssot__Individual__dlm";
/** The emulator's personalization points: point API name → the items it decides among. */
const POINT_IDS: Record<string, string> = { promos: "0Pp000000000001AAA", recs: "0Pp000000000002AAA" };

/** A Data Cloud route match. */
export interface DcRoute {
    name: (typeof DC_ROUTES)[number];
    params: Record<string, string>;
}

/** One accepted ingestion row. */
export interface IngestedRow {
    source: string;
    object: string;
    record: Record<string, unknown>;
}

const seg = (s: string): string => {
    try {
        return decodeURIComponent(s);
    } catch {
        return s;
    }
};

/** Resolves a Data Cloud route; null when the path is not one. */
export function matchDataCloudRoute(method: string, pathname: string): DcRoute | null {
    const p = pathname.split("/").filter((x) => x !== "");
    const m = method.toUpperCase();
    if (m === "POST" && p.length === 3 && p[0] === "services" && p[2] === "token") {
        if (p[1] === "oauth2") return { name: "dcOAuthToken", params: {} };
        if (p[1] === "a360") return { name: "dcToken", params: {} };
    }
    if (m === "POST" && pathname === "/personalization/v1/authenticated/decisions")
        return { name: "dcDecisions", params: {} };
    if (m === "GET" && p.length === 5 && p[0] === "api" && p[1] === "v1" && p[2] === "profile")
        return { name: "dcProfile", params: { dataModelName: seg(p[3] ?? ""), id: seg(p[4] ?? "") } };
    if (m === "POST" && p.length === 6 && p[0] === "api" && p[1] === "v1" && p[2] === "ingest" && p[3] === "sources")
        return { name: "dcIngest", params: { source: seg(p[4] ?? ""), object: seg(p[5] ?? "") } };
    return null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const oauthError = (code: string, description: string): Reply =>
    json(400, { error: code, error_description: description });

/** State and handlers of the Data Cloud surface. */
export class DataCloudSurface {
    private readonly salesforceTokens = new Set<string>([DC_DEMO_SUBJECT_TOKEN]);
    private readonly dataCloudTokens = new Set<string>();
    private readonly individuals = new Map<string, { firstName: string; lastName: string; interests: string[] }>();
    private ingested: IngestedRow[] = [];
    private issued = 0;

    constructor(demo: DemoCrm) {
        for (const c of demo.contacts)
            this.individuals.set(c.id, {
                firstName: c.firstName,
                lastName: c.lastName,
                interests: c.mcp?.interests ?? []
            });
        for (const l of demo.leads)
            this.individuals.set(l.id, {
                firstName: l.firstName,
                lastName: l.lastName,
                interests: l.mcp?.interests ?? []
            });
    }

    /** Rows accepted so far. */
    rows(): IngestedRow[] {
        return [...this.ingested];
    }

    /** Forgets issued tokens (the demo subject token stays) and ingested rows. */
    reset(): void {
        this.salesforceTokens.clear();
        this.salesforceTokens.add(DC_DEMO_SUBJECT_TOKEN);
        this.dataCloudTokens.clear();
        this.ingested = [];
    }

    /** Answers one Data Cloud request. */
    handle(route: DcRoute, authorization: string | undefined, host: string, contentType: string, body: Buffer): Reply {
        if (route.name === "dcOAuthToken") return this.clientCredentials(contentType, body, host);
        if (route.name === "dcToken") return this.exchange(contentType, body, host);
        const bearer = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1];
        if (!bearer || !this.dataCloudTokens.has(bearer))
            return error(401, "invalid_token", "Missing or unknown Data Cloud access token.", {
                "www-authenticate": "Bearer"
            });
        if (route.name === "dcProfile") return this.profile(route.params);
        const raw = body.toString("utf8");
        if (route.name === "dcIngest" && body.length >= INGEST_LIMIT_BYTES)
            return error(413, "payload_too_large", `The payload must be less than ${INGEST_LIMIT_BYTES} bytes.`);
        let parsed: unknown;
        try {
            parsed = JSON.parse(raw);
        } catch {
            return error(400, "invalid_json", "The body is not JSON.");
        }
        return route.name === "dcDecisions" ? this.decisions(parsed) : this.ingest(route.params, parsed);
    }

    private form(contentType: string, body: Buffer): URLSearchParams | null {
        return contentType.startsWith("application/x-www-form-urlencoded")
            ? new URLSearchParams(body.toString("utf8"))
            : null;
    }

    private clientCredentials(contentType: string, body: Buffer, host: string): Reply {
        const form = this.form(contentType, body);
        if (!form || form.get("grant_type") !== "client_credentials")
            return oauthError("unsupported_grant_type", "grant type not supported");
        if (form.get("client_id") !== DC_CLIENT.id || form.get("client_secret") !== DC_CLIENT.secret)
            return oauthError("invalid_client", "invalid client credentials");
        const token = `00Dxx0000000001!AQEAQ${this.next()}`;
        this.salesforceTokens.add(token);
        return json(200, { access_token: token, instance_url: `http://${host}`, token_type: "Bearer", issued_at: "0" });
    }

    private exchange(contentType: string, body: Buffer, host: string): Reply {
        const form = this.form(contentType, body);
        if (!form || form.get("grant_type") !== EXCHANGE_GRANT)
            return oauthError("unsupported_grant_type", "grant type not supported");
        if (form.get("subject_token_type") !== SUBJECT_TOKEN_TYPE)
            return oauthError("invalid_request", "subject_token_type not supported");
        if (!this.salesforceTokens.has(form.get("subject_token") ?? ""))
            return oauthError("invalid_grant", "invalid subject token");
        const token = `dc-${this.next()}`;
        this.dataCloudTokens.add(token);
        return json(200, {
            access_token: token,
            instance_url: `http://${host}`,
            token_type: "Bearer",
            issued_token_type: "urn:ietf:params:oauth:token-type:jwt",
            expires_in: 7200
        });
    }

    private next(): string {
        this.issued += 1;
        return createHash("sha256").update(`token|${this.issued}`).digest("hex").slice(0, 24);
    }

    private profile(params: Record<string, string>): Reply {
        if (params["dataModelName"] !== INDIVIDUAL_DMO)
            return error(404, "not_found", `Data model object '${params["dataModelName"] ?? ""}' is not served.`);
        const person = this.individuals.get(params["id"] ?? "");
        const data = person
            ? [{ ssot__Id__c: params["id"], ssot__FirstName__c: person.firstName, ssot__LastName__c: person.lastName }]
            : [];
        return json(200, { data, done: true });
    }

    private decisions(parsed: unknown): Reply {
        if (!isObj(parsed) || !Array.isArray(parsed["personalizationPoints"]) || !isObj(parsed["context"]))
            return error(400, "invalid_request", "context and personalizationPoints are required.");
        const individualId =
            typeof parsed["context"]["individualId"] === "string" ? parsed["context"]["individualId"] : "";
        const person = this.individuals.get(individualId);
        const personalizations = parsed["personalizationPoints"].filter(isObj).map((point) => {
            const name = typeof point["name"] === "string" ? point["name"] : "";
            const pointId = POINT_IDS[name];
            const known = pointId !== undefined;
            const data = known && person ? this.items(name, individualId, person.interests) : [];
            return {
                personalizationId: createHash("sha256").update(`${individualId}|${name}`).digest("hex").slice(0, 16),
                personalizationPointId: pointId ?? "",
                personalizationPointName: name,
                data,
                attributes: {},
                diagnostics: known ? [] : [{ code: "PERSONALIZATION_POINT_NOT_FOUND", message: `No point '${name}'.` }]
            };
        });
        return json(200, { personalizations });
    }

    private items(point: string, individualId: string, interests: string[]): Array<Record<string, unknown>> {
        const offset = parseInt(createHash("sha256").update(individualId).digest("hex").slice(0, 4), 16);
        if (point === "promos") {
            const promos = buildPromotions("retail");
            const liked = promos.filter((p) => p.categories.some((c) => interests.includes(c)));
            const pool = liked.length > 0 ? liked : promos;
            return pool.slice(0, 2).map((p) => ({
                id: p.id,
                name: p.name,
                description: p.description,
                url: p.url,
                imageUrl: p.assets[0]?.imageUrl
            }));
        }
        const products = buildCatalog("retail").filter((i) => i.type === "Product");
        return [0, 1, 2].map((k) => {
            const p = products[(offset + k) % products.length]!;
            return { id: p.id, name: p.name, url: p.url, imageUrl: p.imageUrl, price: p.price };
        });
    }

    private ingest(params: Record<string, string>, parsed: unknown): Reply {
        if (!isObj(parsed) || !Array.isArray(parsed["data"]) || !parsed["data"].every(isObj))
            return error(400, "invalid_request", 'The body must be {"data": [objects]}.');
        for (const record of parsed["data"])
            this.ingested.push({ source: params["source"] ?? "", object: params["object"] ?? "", record });
        return json(202, { accepted: true });
    }
}
