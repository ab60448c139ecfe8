// `@salesforce/apex/Class.method` in the workbench: a POST to the workbench server, which invokes the real
// @AuraEnabled method in the local org. Usable imperatively and as a wire adapter, like on the platform.

/** Calls made on this page (the benchmark and the e2e tests read them). */
const calls = [];
window.__wbApexCalls = calls;

function errorShape(status, statusText, body) {
    // The platform rejects Apex calls with { status, statusText, body: { message, exceptionType, stackTrace } }.
    return { status, statusText, ok: false, body };
}

async function invoke(name, params) {
    const entry = { name, params: params ?? {}, start: performance.now(), end: null, ok: null, serverTiming: "" };
    calls.push(entry);
    let response;
    try {
        response = await fetch(`/apex/${name}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(params ?? {})
        });
    } catch (e) {
        entry.end = performance.now();
        entry.ok = false;
        throw errorShape(0, "Network error", { message: "The workbench server cannot be reached." });
    }
    const text = await response.text();
    entry.end = performance.now();
    entry.serverTiming = response.headers.get("Server-Timing") || "";
    entry.ok = response.ok;
    let payload = null;
    try {
        payload = text ? JSON.parse(text) : null;
    } catch (e) {
        throw errorShape(response.status, response.statusText, { message: text });
    }
    if (!response.ok)
        throw errorShape(
            response.status,
            response.statusText,
            payload && payload.body ? payload.body : { message: text }
        );
    if (!payload || payload.ok !== true) {
        entry.ok = false;
        throw errorShape(
            500,
            "Server Error",
            payload && payload.body ? payload.body : { message: "Unexpected response" }
        );
    }
    return payload.result === null ? undefined : payload.result;
}

/** An Apex method import: callable (returns a Promise) and a wire adapter (`@wire(method, config)`). */
export function createApexMethod(name) {
    const method = (params) => invoke(name, params);
    class ApexWireAdapter {
        constructor(dataCallback) {
            this.dataCallback = dataCallback;
            this.connected = false;
            this.config = undefined;
            this.seq = 0;
        }
        connect() {
            this.connected = true;
            if (this.config) this.fetch();
        }
        update(config) {
            this.config = config;
            if (this.connected) this.fetch();
        }
        disconnect() {
            this.connected = false;
        }
        fetch() {
            const seq = ++this.seq;
            invoke(name, this.config).then(
                (data) => seq === this.seq && this.dataCallback({ data, error: undefined }),
                (error) => seq === this.seq && this.dataCallback({ data: undefined, error })
            );
        }
    }
    method.adapter = ApexWireAdapter;
    return method;
}

/** `refreshApex` (wired values are re-fetched by the components' own refresh paths here). */
export function refreshApex() {
    return Promise.resolve();
}

export function getSObjectValue(record, field) {
    const name = typeof field === "string" ? field : field && field.fieldApiName;
    return record && name ? record[name] : undefined;
}
