import { ApexSystemError, UnsupportedError } from "../errors";
import { NativeObject } from "../values/values";
import { httpState, newResponse } from "./http";
import { syncFetch } from "./syncFetch";

/** How the local org reaches a Named Credential outside tests (e.g. the MCP emulator). */
export interface NamedCredentialConfig {
    baseUrl: string;
    auth?: { type: "basic"; username: string; password: string } | { type: "bearer"; token: string } | { type: "none" };
    /** Extra headers added to every request. */
    headers?: Record<string, string>;
    /**
     * The Named Credential's `allowMergeFieldsInBody`: `{!$Credential.OAuthToken}` in the body becomes the
     * credential's OAuth token (here the bearer token), as the platform merges it at callout time (Apex Developer
     * Guide, "Merge Fields for Apex Callouts That Use Named Credentials"). Without it the body is sent as written.
     */
    allowMergeFieldsInBody?: boolean;
}

const MERGE_FIELD = /\{!\$Credential\.([A-Za-z0-9_.]+)\}/g;

/** The body with its credential merge fields filled; any merge field but OAuthToken of a bearer credential fails loudly. */
function mergeBody(body: Buffer, nc: NamedCredentialConfig, name: string): Buffer {
    const text = body.toString("utf8");
    if (!text.includes("{!$Credential.")) return body;
    const merged = text.replace(MERGE_FIELD, (_all, field: string) => {
        if (field === "OAuthToken" && nc.auth?.type === "bearer") return nc.auth.token;
        throw new UnsupportedError(`merge field {!$Credential.${field}} in the body of callout:${name}`);
    });
    return Buffer.from(merged, "utf8");
}

/**
 * Sends a native HttpRequest for real: `callout:Name/path` is routed to the credential's base URL
 * with its auth header; other endpoints are refused as the platform refuses unregistered sites.
 */
export function realCallout(req: NativeObject, credentials: Record<string, NamedCredentialConfig>): NativeObject {
    const s = httpState(req);
    const endpoint = s.endpoint ?? "";
    const m = /^callout:([^/?]+)(.*)$/i.exec(endpoint);
    if (!m)
        throw new ApexSystemError(
            "CalloutException",
            `Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = ${endpoint}`
        );
    const entry = Object.entries(credentials).find(([k]) => k.toLowerCase() === m[1].toLowerCase());
    if (!entry)
        throw new ApexSystemError(
            "CalloutException",
            `The callout couldn't access the endpoint. You might not have the required permissions, or the named credential "${m[1]}" might not exist.`
        );
    const nc = entry[1];
    const body = s.body && nc.allowMergeFieldsInBody ? mergeBody(s.body, nc, entry[0]) : s.body;
    const headers: [string, string][] = [...s.headers];
    if (nc.auth?.type === "basic")
        headers.push([
            "Authorization",
            `Basic ${Buffer.from(`${nc.auth.username}:${nc.auth.password}`).toString("base64")}`
        ]);
    if (nc.auth?.type === "bearer") headers.push(["Authorization", `Bearer ${nc.auth.token}`]);
    for (const [k, v] of Object.entries(nc.headers ?? {})) headers.push([k, v]);
    const res = syncFetch({
        url: nc.baseUrl.replace(/\/$/, "") + m[2],
        method: s.method ?? "GET",
        headers,
        body: body ? body.toString("base64") : null,
        timeoutMs: s.timeout
    });
    if (!res.ok) throw new ApexSystemError("CalloutException", res.error ?? "Callout failed");
    const out = newResponse();
    const rs = httpState(out);
    rs.statusCode = res.status;
    rs.status = res.statusText;
    rs.headers = res.headers;
    rs.body = Buffer.from(res.body, "base64");
    return out;
}
