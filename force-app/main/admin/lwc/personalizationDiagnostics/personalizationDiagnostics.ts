import { LightningElement } from "lwc";
import runDiagnostics from "@salesforce/apex/PersonalizationDiagnosticsController.runDiagnostics";
import { isRecord, readBoolean, readNumber, readString, type DataRecord } from "c/dataUtils";
import { asRecords, downloadText, formatDateTime } from "c/personalizationAdminUtils";
import { formatLabel } from "c/formatUtils";
import type { RunLine } from "c/personalizationRunPanel";
import TITLE from "@salesforce/label/c.Personalization_Console_Diagnostics_Title";
import INTRO from "@salesforce/label/c.Personalization_Console_Diagnostics_Intro";
import RUN from "@salesforce/label/c.Personalization_Console_Diagnostics_Run";
import RUNNING from "@salesforce/label/c.Personalization_Console_Diagnostics_Running";
import BUNDLE from "@salesforce/label/c.Personalization_Console_Diagnostics_Bundle";
import ERROR from "@salesforce/label/c.Personalization_Console_Diagnostics_Error";
import HTTP_STATUS from "@salesforce/label/c.Personalization_Console_Diagnostics_Http_Status";
import OPTIONAL from "@salesforce/label/c.Personalization_Console_Diagnostics_Optional";
import RAN_AT from "@salesforce/label/c.Personalization_Console_Ran_At";
import CAP_CREDENTIAL from "@salesforce/label/c.Personalization_Console_Diagnostics_Credential";
import CAP_EVENTS from "@salesforce/label/c.Personalization_Console_Diagnostics_Events";
import CAP_TEMPLATE from "@salesforce/label/c.Personalization_Console_Diagnostics_Template";
import CAP_LOOKUP from "@salesforce/label/c.Personalization_Console_Diagnostics_User_Lookup";
import CAP_EXTENDED from "@salesforce/label/c.Personalization_Console_Diagnostics_Extended";
import CAP_INSIGHTS from "@salesforce/label/c.Personalization_Capability_Insights";
import CAP_SYNC from "@salesforce/label/c.Personalization_Capability_Sync";
import AVAILABLE from "@salesforce/label/c.Personalization_Console_Diagnostics_Available";
import MISSING from "@salesforce/label/c.Personalization_Console_Diagnostics_Missing";
import DENIED from "@salesforce/label/c.Personalization_Console_Diagnostics_Denied";
import FAILED from "@salesforce/label/c.Personalization_Console_Diagnostics_Failed";
import SKIPPED from "@salesforce/label/c.Personalization_Console_Diagnostics_Skipped";

const CAPABILITY_NAMES: Record<string, string> = {
    CREDENTIAL: CAP_CREDENTIAL,
    EVENTS: CAP_EVENTS,
    INSIGHTS_TEMPLATE: CAP_TEMPLATE,
    USER_LOOKUP: CAP_LOOKUP,
    EXTENDED_API: CAP_EXTENDED,
    // Data Cloud backend: what it does not offer or need
    INSIGHTS: CAP_INSIGHTS,
    NIGHTLY_SYNC: CAP_SYNC
};

const STATUS_VIEW: Record<string, { text: string; icon: string }> = {
    AVAILABLE: { text: AVAILABLE, icon: "utility:success" },
    MISSING: { text: MISSING, icon: "utility:warning" },
    DENIED: { text: DENIED, icon: "utility:error" },
    ERROR: { text: FAILED, icon: "utility:error" },
    SKIPPED: { text: SKIPPED, icon: "utility:info" }
};

function toLine(probe: DataRecord, index: number): RunLine {
    const capability = readString(probe, "capability") ?? "";
    const status = readString(probe, "status") ?? "ERROR";
    const view = STATUS_VIEW[status] ?? { text: FAILED, icon: "utility:error" };
    const httpStatus = readNumber(probe, "httpStatus");
    return {
        key: `${index}`,
        capability,
        status,
        name: CAPABILITY_NAMES[capability] ?? capability,
        statusText: view.text,
        iconName: view.icon,
        message: readString(probe, "message") ?? "",
        fix: readString(probe, "fix") ?? "",
        notes: [
            readBoolean(probe, "required") ? "" : OPTIONAL,
            httpStatus === undefined ? "" : formatLabel(HTTP_STATUS, httpStatus)
        ]
    };
}

/**
 * Connection diagnostics: one button probes each capability the package needs against the configured MCP account
 * (credential and dataset, event send, insights template, user look-up, optional extended read API) and lists
 * available / missing / denied per capability with the HTTP status and the fix. The support bundle downloads the
 * report with its redacted request and answer samples (no host, credentials, emails or CRM IDs) as JSON.
 */
export default class PersonalizationDiagnostics extends LightningElement {
    labels = { TITLE, INTRO, RUN, RUNNING, BUNDLE, ERROR };
    running = false;
    lines: RunLine[] = [];
    report?: DataRecord;
    error: unknown;

    get ran(): boolean {
        return this.report !== undefined;
    }

    get ranAtText(): string {
        return this.report ? formatLabel(RAN_AT, formatDateTime(this.report.ranAt)) : "";
    }

    async handleRun(): Promise<void> {
        this.running = true;
        this.error = undefined;
        try {
            const report: unknown = await runDiagnostics();
            if (!isRecord(report)) {
                throw new Error(ERROR);
            }
            this.report = report;
            this.lines = asRecords(report.probes).map(toLine);
        } catch (error) {
            this.error = error;
        } finally {
            this.running = false;
        }
    }

    handleBundle(): void {
        if (!this.report) return;
        const stamp = (readString(this.report, "ranAt") ?? "").replace(/[^0-9]/g, "").slice(0, 14);
        const bundle = { kind: "Personalization Connector support bundle", ...this.report };
        downloadText(
            `personalization-diagnostics-${stamp || "report"}.json`,
            JSON.stringify(bundle, null, 2),
            "application/json"
        );
    }
}
