import { LightningElement, api } from "lwc";

const ROUTES = [
    "*",
    "identity",
    "affinities",
    "events",
    "authevent",
    "event",
    "user",
    "metadata",
    "datasets",
    "usersExport"
];
const KINDS = ["latency", "status", "errorCode", "malformedJson", "truncatedBody"];

/** Fault rules and live activity through the emulator's control API (proxied by the workbench server at /emulator/). */
export default class EmulatorControls extends LightningElement {
    @api record;
    route = "affinities";
    kind = "status";
    latencyMs = 150;
    status = 503;
    activityCount = 3;
    rules = [];
    message = "";

    routeOptions = ROUTES.map((r) => ({ label: r === "*" ? "all routes" : r, value: r }));
    kindOptions = KINDS.map((k) => ({ label: k, value: k }));

    connectedCallback() {
        this.refresh();
    }

    get isLatency() {
        return this.kind === "latency";
    }
    get isStatus() {
        return this.kind === "status";
    }
    get hasIdentity() {
        return !!(this.record && this.record.fields && this.record.fields.Email);
    }
    get identityText() {
        return this.record ? `${this.record.name} (${this.record.fields.Email})` : "";
    }

    handleRoute(e) {
        this.route = e.detail.value;
    }
    handleKind(e) {
        this.kind = e.detail.value;
    }
    handleLatency(e) {
        this.latencyMs = Number(e.detail.value);
    }
    handleStatus(e) {
        this.status = Number(e.detail.value);
    }
    handleCount(e) {
        this.activityCount = Number(e.detail.value);
    }

    async call(method, path, body) {
        const r = await fetch(`/emulator/${path}`, {
            method,
            headers: body ? { "Content-Type": "application/json" } : {},
            body: body ? JSON.stringify(body) : undefined
        });
        const text = await r.text();
        if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : null;
    }

    async refresh() {
        try {
            const data = await this.call("GET", "faults");
            const list = Array.isArray(data) ? data : (data && data.rules) || [];
            this.rules = list.map((r) => ({
                id: r.id,
                text: `${r.route} · ${r.kind}${r.status ? " " + r.status : ""}${r.latencyMs ? " " + r.latencyMs + " ms" : ""} (applied ${r.applied || 0})`
            }));
        } catch (e) {
            this.message = e.message;
        }
    }

    async addRule() {
        const rule = { route: this.route, kind: this.kind };
        if (this.kind === "latency") rule.latencyMs = this.latencyMs;
        if (this.kind === "status") rule.status = this.status;
        try {
            await this.call("POST", "faults", rule);
            this.message = `Rule added: ${this.route} · ${this.kind}`;
        } catch (e) {
            this.message = e.message;
        }
        this.refresh();
    }

    async removeRule(e) {
        try {
            await this.call("DELETE", `faults/${encodeURIComponent(e.currentTarget.dataset.id)}`);
        } catch (err) {
            this.message = err.message;
        }
        this.refresh();
    }

    async clearRules() {
        try {
            await this.call("DELETE", "faults");
            this.message = "All fault rules removed";
        } catch (e) {
            this.message = e.message;
        }
        this.refresh();
    }

    async generateActivity() {
        try {
            await this.call("POST", "activity", {
                dataset: "engage",
                identity: { attribute: "emailAddress", value: this.record.fields.Email },
                count: this.activityCount
            });
            this.message = `${this.activityCount} web events generated for ${this.record.name}`;
        } catch (e) {
            this.message = e.message;
        }
    }
}
