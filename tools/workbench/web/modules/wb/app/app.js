import { LightningElement } from "lwc";
import { components } from "wb/registry";
import { permissionsLoaded } from "wb/permissions";

/** Hash routes: #/records, #/record/<id>, #/page/<name>, #/actions. */
function parseRoute(hash) {
    const parts = (hash || "").replace(/^#\/?/, "").split("/").filter(Boolean);
    if (parts[0] === "record" && parts[1]) return { name: "record", id: parts[1] };
    if (parts[0] === "page" && parts[1]) return { name: "page", page: parts[1] };
    if (parts[0] === "actions") return { name: "actions" };
    return { name: "records" };
}

export default class App extends LightningElement {
    state = null;
    loadError = null;
    route = parseRoute(window.location.hash);
    toast = null;
    components = components;
    /**
     * The running user's custom permissions have landed (wb/permissions). Only pages that host components
     * reading them (console, app pages, setup, flow editor, actions) wait; record pages don't, so their
     * components' Apex calls start in parallel with the permission read.
     */
    permissionsKnown = false;

    connectedCallback() {
        this.onHash = () => {
            this.route = parseRoute(window.location.hash);
        };
        window.addEventListener("hashchange", this.onHash);
        this.template.addEventListener("lightning__showtoast", (e) => this.showToast(e.detail));
        this.addEventListener("lightning__showtoast", (e) => this.showToast(e.detail));
        this.addEventListener("wbrefreshstate", () => this.load());
        permissionsLoaded.then(() => {
            this.permissionsKnown = true;
        });
        this.load();
    }

    disconnectedCallback() {
        window.removeEventListener("hashchange", this.onHash);
    }

    async load() {
        try {
            const r = await fetch("/wb/state");
            if (!r.ok) throw new Error(`GET /wb/state: ${r.status}`);
            this.state = await r.json();
            this.loadError = null;
        } catch (e) {
            this.loadError = `The workbench server did not answer: ${e.message}`;
        }
    }

    showToast(detail) {
        this.toast = {
            title: (detail && detail.title) || "",
            message: (detail && detail.message) || "",
            variant: (detail && detail.variant) || "info"
        };
        clearTimeout(this.toastTimer);
        this.toastTimer = setTimeout(() => {
            this.toast = null;
        }, 4000);
    }

    get toastClass() {
        const v =
            this.toast && this.toast.variant === "error"
                ? "slds-alert_error"
                : this.toast && this.toast.variant === "success"
                  ? "slds-alert_offline"
                  : "slds-alert_info";
        return `slds-notify slds-notify_alert ${v}`;
    }

    get navItems() {
        const pages = (this.state && this.state.pages) || [];
        const items = [{ name: "records", label: "Records", href: "#/records" }];
        for (const p of pages)
            if (!p.object && p.kind !== "actions")
                items.push({ name: p.name, label: p.label, href: `#/page/${p.name}` });
        items.push({ name: "actions", label: "Flow action & sync", href: "#/actions" });
        const current = this.route.name === "page" ? this.route.page : this.route.name;
        return items.map((i) => ({ ...i, current: i.name === current ? "page" : null }));
    }

    get isRecords() {
        return this.route.name === "records";
    }
    get isRecord() {
        return this.route.name === "record" && !!this.record;
    }
    get isPage() {
        return (
            this.permissionsKnown &&
            this.route.name === "page" &&
            !!this.namedPage &&
            this.namedPage.kind !== "actions" &&
            this.namedPage.kind !== "setup" &&
            this.namedPage.kind !== "flowEditor"
        );
    }
    get isFlowEditor() {
        return (
            this.permissionsKnown &&
            this.route.name === "page" &&
            !!this.namedPage &&
            this.namedPage.kind === "flowEditor"
        );
    }
    get isSetup() {
        return (
            this.permissionsKnown && this.route.name === "page" && !!this.namedPage && this.namedPage.kind === "setup"
        );
    }
    get isActions() {
        return this.permissionsKnown && this.route.name === "actions";
    }

    get record() {
        if (!this.state || this.route.name !== "record") return null;
        for (const list of Object.values(this.state.records)) {
            const r = list.find((x) => x.id === this.route.id);
            if (r) return r;
        }
        return null;
    }

    get recordPageDef() {
        const rec = this.record;
        if (!rec) return null;
        return this.state.pages.find((p) => p.object === rec.object) || null;
    }

    get namedPage() {
        if (!this.state) return null;
        const name = this.route.name === "actions" ? "actions" : this.route.page;
        return this.state.pages.find((p) => p.name === name) || null;
    }
}
