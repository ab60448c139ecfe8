/** Response helpers shared by the handlers. */

/** A response ready to send. */
export interface Reply {
    status: number;
    headers: Record<string, string>;
    body: string;
}

/** JSON content type as seen on real MCP responses. */
export const JSON_TYPE = "application/json;charset=UTF-8";

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
    return { status, headers: { "content-type": JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** An ErrorBody reply. */
export function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    return json(status, { error: code, message, status }, headers);
}

/** A plain-text or CSV reply. */
export function text(status: number, body: string, contentType = "text/plain;charset=UTF-8"): Reply {
    return { status, headers: { "content-type": contentType }, body };
}

/** Error code names by status for fault-injected statuses. */
export const STATUS_CODES: Record<number, string> = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout"
};
