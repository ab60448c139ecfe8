import type { NativeCtx } from "../nativeApi";
import { prim } from "../../link/rtype";
import { ApexSystemError, sysErr } from "../errors";
import { stringify } from "../values/format";
import { ApexBlob, ApexList, NativeObject, type Value } from "../values/values";
import { argInt, argStr, noMethod } from "../system/args";

/** Platform callout limit per transaction. */
export const CALLOUT_LIMIT = 100;

/** State of a native HttpRequest / HttpResponse. Header names keep their case; lookup is case-insensitive. */
export interface HttpState {
    endpoint: string | null;
    method: string | null;
    body: Buffer | null;
    headers: [string, string][];
    timeout: number;
    statusCode: number;
    status: string | null;
    compressed: boolean;
}

export function newHttpState(): HttpState {
    return {
        endpoint: null,
        method: null,
        body: null,
        headers: [],
        timeout: 10000,
        statusCode: 0,
        status: null,
        compressed: false
    };
}

/** Reads the typed state of an HttpRequest / HttpResponse native object. */
export function httpState(o: NativeObject): HttpState {
    return o.state as unknown as HttpState;
}

export function newRequest(): NativeObject {
    return new NativeObject("HttpRequest", newHttpState() as unknown as Record<string, unknown>);
}

export function newResponse(): NativeObject {
    return new NativeObject("HttpResponse", newHttpState() as unknown as Record<string, unknown>);
}

function getHeader(s: HttpState, name: string): string | null {
    const h = s.headers.find(([k]) => k.toLowerCase() === name.toLowerCase());
    return h ? h[1] : null;
}

function setHeader(s: HttpState, name: string, value: string): void {
    const i = s.headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (i >= 0) s.headers[i] = [name, value];
    else s.headers.push([name, value]);
}

function bodyMethods(s: HttpState, name: string, a: Value[]): [boolean, Value] {
    switch (name) {
        case "setbody":
            s.body = a[0] === null ? null : Buffer.from(argStr(a, 0), "utf8");
            return [true, null];
        case "getbody":
            return [true, s.body === null ? null : s.body.toString("utf8")];
        case "setbodyasblob": {
            const b = a[0];
            s.body = b instanceof ApexBlob ? b.bytes : null;
            return [true, null];
        }
        case "getbodyasblob":
            return [true, s.body === null ? null : new ApexBlob(s.body)];
        case "setheader":
            setHeader(s, argStr(a, 0), a[1] === null ? "null" : stringify(a[1]));
            return [true, null];
        case "getheader":
            return [true, getHeader(s, argStr(a, 0))];
    }
    return [false, null];
}

export function requestMethod(o: NativeObject, name: string, a: Value[]): Value {
    const s = httpState(o);
    const [handled, v] = bodyMethods(s, name, a);
    if (handled) return name === "getbody" && s.body === null ? "" : v;
    switch (name) {
        case "setendpoint":
            s.endpoint = a[0] === null ? null : argStr(a, 0);
            return null;
        case "getendpoint":
            return s.endpoint;
        case "setmethod":
            s.method = a[0] === null ? null : argStr(a, 0);
            return null;
        case "getmethod":
            return s.method;
        case "settimeout": {
            const t = argInt(a, 0);
            if (t <= 0 || t > 120000)
                throw new ApexSystemError("CalloutException", "Timeout value must be 1 to 120000 milliseconds");
            s.timeout = t;
            return null;
        }
        case "setcompressed":
            s.compressed = a[0] === true;
            return null;
        case "getcompressed":
            return s.compressed;
        case "tostring":
            return `System.HttpRequest[Endpoint=${s.endpoint ?? "null"}, Method=${s.method ?? "null"}]`;
    }
    return noMethod(`HttpRequest.${name}`, a.length);
}

export function responseMethod(o: NativeObject, name: string, a: Value[]): Value {
    const s = httpState(o);
    const [handled, v] = bodyMethods(s, name, a);
    if (handled) return v;
    switch (name) {
        case "setstatuscode":
            s.statusCode = argInt(a, 0);
            return null;
        case "getstatuscode":
            return s.statusCode;
        case "setstatus":
            s.status = a[0] === null ? null : argStr(a, 0);
            return null;
        case "getstatus":
            return s.status;
        case "getheaderkeys":
            return new ApexList(
                prim("String"),
                s.headers.map(([k]) => k)
            );
        case "tostring":
            return `System.HttpResponse[Status=${s.status ?? "null"}, StatusCode=${s.statusCode}]`;
    }
    return noMethod(`HttpResponse.${name}`, a.length);
}

/**
 * `Http.send`: counts the callout, applies the platform rules, then delivers the request to the
 * test's `HttpCalloutMock` (in tests) or to the host's real transport (local demo).
 */
export function send(a: Value[], ctx: NativeCtx): Value {
    const req = a[0];
    if (!(req instanceof NativeObject) || req.typeName !== "HttpRequest") throw sysErr.npe();
    const host = ctx.host;
    host.limits.callouts++;
    if (host.limits.callouts > CALLOUT_LIMIT)
        throw new ApexSystemError("LimitException", `Too many callouts: ${host.limits.callouts}`);
    if (host.hasUncommittedWork()) {
        throw new ApexSystemError(
            "CalloutException",
            "You have uncommitted work pending. Please commit or rollback before calling out"
        );
    }
    const s = httpState(req);
    if (!s.endpoint) throw new ApexSystemError("CalloutException", "Endpoint URL is not set");
    if (!s.method) throw new ApexSystemError("CalloutException", "HTTP method is not set");
    if (host.isRunningTest) {
        if (!host.httpMock)
            throw new ApexSystemError(
                "CalloutException",
                "Methods defined as TestMethod do not support Web service callouts"
            );
        const res = ctx.invoke(host.httpMock, "respond", [req]);
        if (res !== null && !(res instanceof NativeObject && res.typeName === "HttpResponse")) {
            throw new ApexSystemError("TypeException", "HttpCalloutMock.respond must return an HttpResponse");
        }
        return res;
    }
    return host.realCallout(req);
}
