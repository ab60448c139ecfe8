import { LightningElement, api } from "lwc";

/**
 * Runs the package's Flow action and sync through the local org (Apex snippets from the page definition
 * `pages/actions.json`, executed by the workbench server) and shows the deliveries the emulator received.
 */
export default class ActionPage extends LightningElement {
    @api state;
    @api page;
    @api components;
    batchSize = 1;
    selected = new Set();
    busy = false;
    result = null;
    eventCount = 0;

    connectedCallback() {
        this.pollEvents();
        this.timer = setInterval(() => this.pollEvents(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this.timer);
    }

    get flowLabel() {
        return (this.page && this.page.flowAction && this.page.flowAction.label) || "Flow action";
    }

    get scripts() {
        return ((this.page && this.page.scripts) || []).map((s) => ({ name: s.name, label: s.label }));
    }

    get rows() {
        const out = [];
        for (const object of ["Contact", "Lead"]) {
            for (const r of (this.state && this.state.records[object]) || [])
                out.push({ id: r.id, name: r.name, object, checked: this.selected.has(r.id) });
        }
        return out;
    }

    get columns() {
        const cols = (this.page && this.page.columns) || [];
        return cols.map((col, ci) => ({
            key: `col-${ci}`,
            items: (col.components || []).map((c, i) => ({
                key: `${ci}-${i}`,
                name: c.component,
                ctor: this.components[c.component] ? this.components[c.component].ctor : null,
                props: { ...(c.properties || {}) }
            }))
        }));
    }

    get resultClass() {
        return this.result && this.result.success ? "slds-text-color_success" : "slds-text-color_error";
    }

    toggle(e) {
        const id = e.target.dataset.id;
        const next = new Set(this.selected);
        if (e.target.checked) next.add(id);
        else next.delete(id);
        this.selected = next;
    }

    handleBatch(e) {
        this.batchSize = Number(e.detail.value) || 1;
    }

    async post(path, body) {
        this.busy = true;
        try {
            const r = await fetch(path, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(body)
            });
            const data = await r.json();
            this.result = {
                success: !!data.success,
                summary: data.summary || (data.success ? "Done" : "Failed"),
                output: data.output || ""
            };
        } catch (e) {
            this.result = { success: false, summary: "The workbench server did not answer", output: String(e) };
        } finally {
            this.busy = false;
            this.pollEvents();
            this.dispatchEvent(new CustomEvent("wbrefreshstate", { bubbles: true, composed: true }));
        }
    }

    runFlow() {
        this.post("/wb/actions/flow", { recordIds: [...this.selected], batchSize: this.batchSize });
    }

    runScript(e) {
        this.post("/wb/actions/script", { name: e.target.dataset.name });
    }

    async pollEvents() {
        try {
            const r = await fetch("/wb/deliveries");
            if (r.ok) this.eventCount = (await r.json()).events;
        } catch (e) {
            // the server is gone (the page is being closed); the next poll tries again
        }
    }
}
