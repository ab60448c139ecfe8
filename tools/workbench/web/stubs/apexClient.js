// `@salesforce/apex/Class.method` in the workbench: the real @AuraEnabled method in the local org, reached the way
// Lightning reaches Apex. Lightning queues a page's Apex actions and, once the browser has finished the JavaScript
// it is running, sends the queued ones in one request (a "boxcar"); the server runs them one after another and
// answers when the last is done (Aura Components Developer Guide, "Batching of Server-side Actions"; LWC Developer
// Guide, "Batching of Apex Actions"). So here: the calls started in one task go in one `POST /apex-boxcar`, which
// the workbench server runs in order on one local-org worker, and every call of it settles when the answer lands.
// Usable imperatively and as a wire adapter, like on the platform.

/** Calls made on this page, one entry per Apex call (the benchmark and the e2e tests read them). */
const calls = [];
window.__wbApexCalls = calls;

/** Calls waiting for the current task to end, and whether their boxcar is scheduled. */
let queued = [];
let scheduled = false;
let boxcars = 0;

function errorShape(status, statusText, body) {
    // The platform rejects Apex calls with { status, statusText, body: { message, exceptionType, stackTrace } }.
    return { status, statusText, ok: false, body };
}

function invoke(name, params) {
    return new Promise((resolve, reject) => {
        const entry = {
            name,
            params: params ?? {},
            start: performance.now(),
            end: null,
            ok: null,
            serverTiming: "",
            boxcar: null
        };
        calls.push(entry);
        queued.push({ entry, resolve, reject });
        if (!scheduled) {
            scheduled = true;
            // After the current task (and its microtasks): when the browser has finished running JavaScript.
            setTimeout(sendBoxcar, 0);
        }
    });
}

async function sendBoxcar() {
    const batch = queued;
    queued = [];
    scheduled = false;
    const id = ++boxcars;
    for (const { entry } of batch) entry.boxcar = id;
    const settleAll = (fail) => batch.forEach((call) => call.reject(fail(call.entry)));
    let response;
    let text;
    try {
        response = await fetch("/apex-boxcar", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ actions: batch.map(({ entry }) => ({ name: entry.name, params: entry.params })) })
        });
        text = await response.text();
    } catch (e) {
        settleAll((entry) => {
            entry.end = performance.now();
            entry.ok = false;
            return errorShape(0, "Network error", { message: "The workbench server cannot be reached." });
        });
        return;
    }
    const end = performance.now();
    let payload = null;
    try {
        payload = text ? JSON.parse(text) : null;
    } catch (e) {
        payload = null;
    }
    const answers = payload && Array.isArray(payload.actions) ? payload.actions : null;
    batch.forEach(({ entry, resolve, reject }, i) => {
        entry.end = end;
        const answer = answers ? answers[i] : null;
        entry.serverTiming = (answer && answer.serverTiming) || "";
        entry.ok = response.ok && !!answer && answer.ok === true;
        if (!response.ok)
            reject(
                errorShape(
                    response.status,
                    response.statusText,
                    payload && payload.body ? payload.body : { message: text }
                )
            );
        else if (!answer || answer.ok !== true)
            reject(
                errorShape(
                    500,
                    "Server Error",
                    answer && answer.body ? answer.body : { message: "Unexpected response" }
                )
            );
        else resolve(answer.result === null ? undefined : answer.result);
    });
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
