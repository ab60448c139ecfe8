import { LightningElement, api } from "lwc";

const LABELS = {
    Contact: "Contacts",
    Lead: "Leads",
    Account: "Accounts",
    Case: "Cases",
    Opportunity: "Opportunities"
};

/** The demo CRM records of the local org, grouped by object, each linking to its record page. */
export default class RecordList extends LightningElement {
    @api records;

    get groups() {
        const out = [];
        for (const [object, list] of Object.entries(this.records || {})) {
            out.push({
                object,
                label: LABELS[object] || object,
                count: list.length,
                rows: list.map((r) => ({
                    id: r.id,
                    href: `#/record/${r.id}`,
                    name: r.name,
                    email: r.fields.Email || "",
                    company: r.fields.Company || r.accountName || r.fields.Industry || ""
                }))
            });
        }
        return out;
    }
}
