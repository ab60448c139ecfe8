// lightning/uiRecordApi backed by the workbench server's view of the local org's records.
function fieldName(f) {
    const n = typeof f === "string" ? f : f && f.fieldApiName;
    return n && n.includes(".") ? n.slice(n.indexOf(".") + 1) : n;
}

export class getRecord {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.config = null;
        this.connected = false;
    }
    connect() {
        this.connected = true;
        this.load();
    }
    update(config) {
        this.config = config;
        this.load();
    }
    disconnect() {
        this.connected = false;
    }
    load() {
        if (!this.connected || !this.config || !this.config.recordId) return;
        fetch(`/wb/records/${encodeURIComponent(this.config.recordId)}`)
            .then((r) =>
                r.ok ? r.json() : Promise.reject({ body: { message: `Record ${this.config.recordId} not found` } })
            )
            .then((rec) => {
                const fields = {};
                for (const [k, v] of Object.entries(rec.fields || {})) fields[k] = { value: v, displayValue: null };
                this.dataCallback({ data: { id: rec.id, apiName: rec.object, fields }, error: undefined });
            })
            .catch((error) => this.dataCallback({ data: undefined, error }));
    }
}

export function getFieldValue(record, field) {
    const n = fieldName(field);
    return record && record.fields && record.fields[n] ? record.fields[n].value : undefined;
}

export function getFieldDisplayValue(record, field) {
    const n = fieldName(field);
    return record && record.fields && record.fields[n] ? record.fields[n].displayValue : undefined;
}

export function notifyRecordUpdateAvailable() {
    return Promise.resolve();
}

export function getRecordNotifyChange() {}
