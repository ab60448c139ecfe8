import { LightningElement, api, getComponentDef } from "lwc";

/** Elements that mean a component is still loading (SLDS and base components). */
const LOADING = 'lightning-spinner, .slds-spinner, [aria-busy="true"], .slds-is-loading';

/** Walks light and (synthetic) shadow DOM. */
function deepNodes(root, out) {
    for (const el of root.querySelectorAll("*")) {
        out.push(el);
        if (el.shadowRoot) deepNodes(el.shadowRoot, out);
    }
    return out;
}

/** True once a slot shows something other than a loading indicator. */
function hasContent(slot) {
    const nodes = deepNodes(slot, []);
    if (nodes.some((n) => n.matches(LOADING) || /skeleton/i.test(n.localName))) return false;
    return (
        nodes.some((n) => n.shadowRoot && n.shadowRoot.textContent.trim().length > 0) ||
        slot.textContent.trim().length > 0
    );
}

/** The public (@api) property names of a component constructor, read once per constructor. */
const publicPropsByCtor = new WeakMap();
function publicProps(ctor) {
    let names = publicPropsByCtor.get(ctor);
    if (!names) {
        names = new Set(Object.keys(getComponentDef(ctor).props || {}));
        publicPropsByCtor.set(ctor, names);
    }
    return names;
}

/**
 * What a record page gives a component, as Lightning does: `recordId` and `objectApiName` only where the component
 * declares them with @api (setting an undeclared property makes LWC warn "Unknown public property").
 */
function contextProps(ctor, recordId, objectApiName) {
    const declared = ctor ? publicProps(ctor) : new Set();
    const props = {};
    if (recordId && declared.has("recordId")) props.recordId = recordId;
    if (objectApiName && declared.has("objectApiName")) props.objectApiName = objectApiName;
    return props;
}

/** Shown for a blank field, as in a Lightning record header. */
const BLANK = "\u2014";

// The workbench user's locale and time zone (see @salesforce/i18n in the README).
const LOCALE = "en-US";
const TIME_ZONE = "America/Los_Angeles";

/** A field value as a record header shows it, by display type; "—" when blank. */
function formatValue(value, type) {
    if (value === null || value === undefined || value === "") return BLANK;
    switch (type) {
        case "DATETIME":
            return new Intl.DateTimeFormat(LOCALE, {
                dateStyle: "medium",
                timeStyle: "short",
                timeZone: TIME_ZONE
            }).format(new Date(value));
        case "DATE":
            return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" }).format(
                new Date(`${value}T00:00:00Z`)
            );
        case "INTEGER":
        case "DOUBLE":
            return new Intl.NumberFormat(LOCALE).format(Number(value));
        case "PERCENT":
            return `${new Intl.NumberFormat(LOCALE).format(Number(value))}%`;
        case "CURRENCY":
            return new Intl.NumberFormat(LOCALE, { style: "currency", currency: "USD" }).format(Number(value));
        case "BOOLEAN":
            return value === true || value === "true" ? "Yes" : "No";
        case "MULTIPICKLIST":
            return String(value).split(";").join("; ");
        default:
            return String(value);
    }
}

/**
 * A Lightning page from a page definition: components placed in columns with their App Builder properties,
 * each given `recordId`/`objectApiName` on record pages where it declares them. It records each component's time to first content
 * in `window.__wbContent` (read by the benchmark and the e2e tests).
 */
export default class RecordPage extends LightningElement {
    _record;
    @api page;
    @api components;

    @api
    get record() {
        return this._record;
    }
    set record(value) {
        const changed = this._record !== value;
        this._record = value;
        if (changed && this.isConnected) this.startProbe();
    }

    get title() {
        return this.record ? this.record.name : this.page.label;
    }
    get subtitle() {
        return this.record ? this.record.object : "Page";
    }
    get highlights() {
        const fields = (this.page && this.page.highlightFields) || [];
        const describe = (this.record && this.record.describe) || {};
        return fields.map((name) => {
            const d = describe[name];
            const raw = this.record ? this.record.fields[name] : null;
            return {
                name,
                label: d ? d.label : name,
                value: formatValue(raw, d ? d.type : "STRING"),
                // the raw value on hover (ISO time, unrounded number)
                title: raw === null || raw === undefined ? "" : String(raw)
            };
        });
    }

    get isEmpty() {
        return this.columns.every((c) => c.items.length === 0);
    }

    get columns() {
        const cols = (this.page && this.page.columns) || [];
        const recordId = this.record ? this.record.id : undefined;
        const objectApiName = this.record ? this.record.object : undefined;
        return cols.map((col, ci) => ({
            key: `col-${ci}`,
            cls: `slds-col slds-size_1-of-1 slds-large-size_${col.width || 12}-of-12`,
            items: (col.components || []).map((c, i) => {
                const entry = this.components[c.component];
                const ctor = entry ? entry.ctor : null;
                const props = { ...(c.properties || {}), ...contextProps(ctor, recordId, objectApiName) };
                return {
                    key: `${ci}-${i}-${c.component}`,
                    name: c.component,
                    ctor,
                    props,
                    missingText: `c-${c.component} is not built yet (it appears here once its bundle exists and npm run build has run).`
                };
            })
        }));
    }

    connectedCallback() {
        this.startProbe();
    }

    disconnectedCallback() {
        cancelAnimationFrame(this.probe);
    }

    startProbe() {
        cancelAnimationFrame(this.probe);
        const t0 = performance.now();
        const found = {};
        window.__wbContent = { start: t0, components: found, done: false };
        const tick = () => {
            const slots = this.template.querySelectorAll("[data-slot]");
            let pending = 0;
            for (const slot of slots) {
                const key = slot.dataset.slot;
                if (found[key]) continue;
                if (hasContent(slot))
                    found[key] = {
                        component: slot.dataset.component,
                        ms: performance.now() - t0,
                        fromNavigation: performance.now()
                    };
                else pending++;
            }
            if ((slots.length || this.isEmpty) && !pending) {
                window.__wbContent.done = true;
                return;
            }
            this.probe = requestAnimationFrame(tick);
        };
        this.probe = requestAnimationFrame(tick);
    }
}
