/** HTTP Basic authentication with MCP token flags. */

/** An MCP API token. */
export interface ApiToken {
    id: string;
    secret: string;
    canAccessApi: boolean;
    canSendEvents: boolean;
    enabled: boolean;
    /** When set, the token may use only these datasets. */
    restrictedDatasets?: string[];
}

/** The permission a route needs. */
export type Permission = "sendEvents" | "accessApi" | "either";

/** Outcome of an auth check. */
export type AuthResult = { ok: true; token: ApiToken } | { ok: false; status: 401 | 403; message: string };

/** The demo token plus fixed tokens for the auth matrix (documented in the README). */
export function defaultTokens(
    demo: { id: string; secret: string } = { id: "demo-key", secret: "demo-secret" }
): ApiToken[] {
    return [
        { id: demo.id, secret: demo.secret, canAccessApi: true, canSendEvents: true, enabled: true },
        {
            id: "events-only-key",
            secret: "events-only-secret",
            canAccessApi: false,
            canSendEvents: true,
            enabled: true
        },
        { id: "api-only-key", secret: "api-only-secret", canAccessApi: true, canSendEvents: false, enabled: true },
        { id: "disabled-key", secret: "disabled-secret", canAccessApi: true, canSendEvents: true, enabled: false },
        {
            id: "restricted-key",
            secret: "restricted-secret",
            canAccessApi: true,
            canSendEvents: true,
            enabled: true,
            restrictedDatasets: ["b2b"]
        }
    ];
}

/** Decodes `Authorization: Basic ...` strictly; undefined when absent or malformed. */
export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
    if (!header) return undefined;
    const m = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header.trim());
    if (!m || !m[1] || m[1].length % 4 !== 0) return undefined;
    const decoded = Buffer.from(m[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) return undefined;
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Checks credentials, enabled flag, permission and dataset restriction. */
export function authorize(
    tokens: ApiToken[],
    header: string | undefined,
    permission: Permission,
    dataset: string | null
): AuthResult {
    if (!header) return { ok: false, status: 401, message: "Missing HTTP Basic credentials." };
    const creds = parseBasic(header);
    if (!creds) return { ok: false, status: 401, message: "Malformed HTTP Basic credentials." };
    const token = tokens.find((t) => t.id === creds.id && t.secret === creds.secret);
    if (!token) return { ok: false, status: 401, message: "Invalid API key or secret." };
    if (!token.enabled) return { ok: false, status: 401, message: `API token '${token.id}' is not enabled.` };
    if (permission === "sendEvents" && !token.canSendEvents)
        return { ok: false, status: 403, message: `API token '${token.id}' cannot send events.` };
    if (permission === "accessApi" && !token.canAccessApi)
        return { ok: false, status: 403, message: `API token '${token.id}' cannot access the API.` };
    if (permission === "either" && !token.canAccessApi && !token.canSendEvents)
        return { ok: false, status: 403, message: `API token '${token.id}' has no API permission.` };
    if (dataset !== null && token.restrictedDatasets && !token.restrictedDatasets.includes(dataset)) {
        return {
            ok: false,
            status: 403,
            message: `API token '${token.id}' is restricted to datasets ${token.restrictedDatasets.join(", ")}.`
        };
    }
    return { ok: true, token };
}
