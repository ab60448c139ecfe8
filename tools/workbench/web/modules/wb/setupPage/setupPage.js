import { LightningElement } from "lwc";

/** The assignment script of each permission set the page offers (anonymous Apex in pages/setup.json). */
const ASSIGN_SCRIPTS = { Personalization_Admin: "assignPersonalizationAdmin" };

async function runScript(name) {
    const r = await fetch("/wb/actions/script", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name })
    });
    return r.json();
}

/**
 * Stands in for Salesforce Setup → Permission Sets → Manage Assignments, which is platform UI and not part of
 * the package: lists the package's permission sets with the running user's assignment, and assigns one to the
 * running user (a PermissionSetAssignment insert, as Setup does), so a fresh-install walkthrough can follow the
 * console's guidance without leaving the browser.
 */
export default class SetupPage extends LightningElement {
    user = "";
    rows = [];
    busy = false;
    message = "";
    error = "";

    connectedCallback() {
        this.refresh();
    }

    async refresh() {
        try {
            const data = await runScript("permissionSetStatus");
            const line = (data.output || "").split("\n").find((l) => l.includes("{"));
            if (!data.success || !line) throw new Error(data.summary || "no answer");
            const status = JSON.parse(line.slice(line.indexOf("|") + 1));
            this.user = status.user;
            this.rows = Object.entries(status.permissionSets).map(([name, p]) => ({
                name,
                label: p.label,
                assigned: p.assignedToMe ? "Yes" : "No",
                assignees: p.assignees,
                canAssign: !p.assignedToMe && !!ASSIGN_SCRIPTS[name]
            }));
            this.error = "";
        } catch (e) {
            this.error = `Could not read the permission sets: ${e.message}`;
        }
    }

    async assign(e) {
        const script = ASSIGN_SCRIPTS[e.target.dataset.name];
        this.busy = true;
        try {
            const data = await runScript(script);
            this.message = data.success ? data.summary : "";
            this.error = data.success ? "" : data.summary;
            await this.refresh();
        } finally {
            this.busy = false;
        }
    }

    get hasRows() {
        return this.rows.length > 0;
    }
}
