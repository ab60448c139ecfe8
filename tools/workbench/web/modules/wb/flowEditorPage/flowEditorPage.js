import { LightningElement, api } from "lwc";

const EVENT = "configuration_editor_input_value_changed";
const REFERENCE = /^\$Record\.([A-Za-z0-9_]+)$/;

/**
 * Hosts an invocable action's custom property editor as Flow Builder does: it passes `builderContext` and the
 * action's `inputVariables`, listens for `configuration_editor_input_value_changed` and keeps the input values
 * (shown in a panel), calls the editor's `validate()` when the admin clicks Done, and runs the action with those
 * inputs through the real Apex, resolving `{!$Record.Field}` references against a chosen record as a
 * record-triggered Flow would at run time. The page definition names the editor and the script that runs the
 * action (`pages/flowEditor.json`).
 */
export default class FlowEditorPage extends LightningElement {
    @api page;
    @api state;
    @api components;
    /** Input values by name, as Flow Builder stores them: `{ value, dataType }`. */
    values = {};
    inputVariables = [];
    validation = null;
    recordId = "";
    busy = false;
    result = null;
    eventCount = 0;
    listening = false;

    /** What Flow Builder passes: the flow's resources (a record-triggered Flow on Contact or Lead). */
    builderContext = {
        variables: [{ name: "$Record", dataType: "SObject", objectType: "Contact", isCollection: false }],
        formulas: [],
        elementInfos: {}
    };

    connectedCallback() {
        this.pollEvents();
    }

    renderedCallback() {
        const host = this.template.querySelector("[data-editor-host]");
        if (host && !this.listening) {
            this.listening = true;
            host.addEventListener(EVENT, (e) => this.handleInputChange(e));
        }
    }

    get editor() {
        const name = this.page && this.page.editor && this.page.editor.component;
        const entry = name && this.components ? this.components[name] : null;
        return entry ? entry.ctor : null;
    }

    get editorName() {
        return (this.page && this.page.editor && this.page.editor.component) || "";
    }

    get actionLabel() {
        return (this.page && this.page.editor && this.page.editor.action) || "Action";
    }

    get editorProps() {
        return { builderContext: this.builderContext, inputVariables: this.inputVariables };
    }

    get inputRows() {
        return Object.entries(this.values)
            .filter(([, v]) => v.value !== null && v.value !== "")
            .map(([name, v]) => ({ name, value: v.value, dataType: v.dataType }));
    }

    get hasInputs() {
        return this.inputRows.length > 0;
    }

    get records() {
        const out = [];
        for (const object of ["Contact", "Lead"])
            for (const r of (this.state && this.state.records && this.state.records[object]) || [])
                out.push({ label: `${r.name} (${object})`, value: r.id });
        return out;
    }

    get validationPassed() {
        return this.validation !== null && this.validation.length === 0;
    }

    get validationFailed() {
        return this.validation !== null && this.validation.length > 0;
    }

    get resultClass() {
        return this.result && this.result.success ? "slds-text-color_success" : "slds-text-color_error";
    }

    get runHelp() {
        return "Runs the action once with these inputs for a record, as a record-triggered Flow would ({!$Record.Field} references take the record's values).";
    }

    get runDisabled() {
        return this.busy || !this.recordId;
    }

    handleInputChange(event) {
        const d = event.detail || {};
        if (!d.name) return;
        this.values = { ...this.values, [d.name]: { value: d.newValue, dataType: d.newValueDataType } };
        // Flow Builder hands the editor the updated variables, as it does after each change
        this.inputVariables = Object.entries(this.values).map(([name, v]) => ({
            name,
            value: v.value,
            valueDataType: v.dataType
        }));
    }

    handleDone() {
        const editor = this.template.querySelector("[data-editor-host] > *");
        const errors = editor && typeof editor.validate === "function" ? editor.validate() : [];
        this.validation = (errors || []).map((e, i) => ({
            key: `${e.key}-${i}`,
            input: e.key,
            message: e.errorString
        }));
    }

    handleRecord(event) {
        this.recordId = event.detail.value;
    }

    /** The action's inputs at run time: references resolved against the record, as the Flow interview does. */
    runtimeInputs(record) {
        const inputs = { recordId: this.recordId };
        for (const [name, v] of Object.entries(this.values)) {
            if (v.dataType !== "reference") {
                inputs[name] = v.value;
                continue;
            }
            const m = REFERENCE.exec(v.value || "");
            if (!m) throw new Error(`{!${v.value}} is not a $Record field this page can resolve`);
            const value = m[1] === "Id" ? record.id : record.fields[m[1]];
            inputs[name] = value === undefined || value === null ? null : String(value);
        }
        return inputs;
    }

    async handleRun() {
        const record = this.findRecord(this.recordId);
        this.busy = true;
        try {
            const inputs = this.runtimeInputs(record);
            const r = await fetch("/wb/actions/script", {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ name: this.page.editor.script, inputs })
            });
            const data = await r.json();
            const line = (data.output || "").split("\n").find((l) => l.includes("[{"));
            const results = line ? JSON.parse(line.slice(line.indexOf("|") + 1)) : [];
            const first = results[0] || {};
            this.result = {
                success: !!data.success && first.success === true,
                summary: data.summary,
                detail: first.success
                    ? `Delivered: status ${first.status}, delivery ${first.deliveryId || "—"}`
                    : `Not delivered: ${first.errorCode || ""} ${first.errorMessage || data.summary || ""}`.trim()
            };
        } catch (e) {
            this.result = { success: false, summary: "The action did not run", detail: e.message };
        } finally {
            this.busy = false;
            this.pollEvents();
        }
    }

    findRecord(id) {
        for (const list of Object.values((this.state && this.state.records) || {})) {
            const r = list.find((x) => x.id === id);
            if (r) return r;
        }
        return { fields: {} };
    }

    async pollEvents() {
        try {
            const r = await fetch("/wb/deliveries");
            if (r.ok) this.eventCount = (await r.json()).events;
        } catch (e) {
            // the server is gone (the page is closing)
        }
    }
}
