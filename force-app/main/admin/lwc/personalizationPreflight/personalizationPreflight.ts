import { LightningElement, api } from "lwc";
import runPreflight from "@salesforce/apex/PersonalizationPreflightController.runPreflight";
import { isRecord, readBoolean, readString } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import { asRecords, formatDateTime } from "c/personalizationAdminUtils";
import type { RunLine } from "c/personalizationRunPanel";
import TITLE from "@salesforce/label/c.Personalization_Console_Preflight_Title";
import INTRO from "@salesforce/label/c.Personalization_Console_Preflight_Intro";
import RUN from "@salesforce/label/c.Personalization_Console_Preflight_Run";
import RUNNING from "@salesforce/label/c.Personalization_Console_Preflight_Running";
import PASSED from "@salesforce/label/c.Personalization_Console_Preflight_Passed";
import FAILED from "@salesforce/label/c.Personalization_Console_Preflight_Failed";
import PASS from "@salesforce/label/c.Personalization_Console_Pass";
import FAIL from "@salesforce/label/c.Personalization_Console_Fail";
import RAN_AT from "@salesforce/label/c.Personalization_Console_Ran_At";
import ERROR from "@salesforce/label/c.Personalization_Console_Preflight_Error";

/**
 * The pre-flight panel: one button runs every check (credential, datasets, identity types, mapped fields and
 * attributes, schedule, permissions) and lists a pass/fail line each with a fix hint. Emits `preflightcomplete`
 * so the console can refresh the setup steps.
 */
export default class PersonalizationPreflight extends LightningElement {
    labels = { TITLE, INTRO, RUN, RUNNING, ERROR };
    running = false;
    ran = false;
    passed = false;
    ranAt = "";
    lines: RunLine[] = [];
    error: unknown;

    /** Runs the check as soon as the panel opens (the console passes true after setup changes). */
    @api autoRun = false;

    override connectedCallback(): void {
        if (this.autoRun) {
            this.handleRun();
        }
    }

    get summary(): string {
        return this.passed ? PASSED : FAILED;
    }

    get summaryClass(): string {
        return `slds-text-heading_small ${this.passed ? "slds-text-color_success" : "slds-text-color_error"}`;
    }

    get ranAtText(): string {
        return this.ranAt ? formatLabel(RAN_AT, this.ranAt) : "";
    }

    async handleRun(): Promise<void> {
        this.running = true;
        this.error = undefined;
        try {
            const report: unknown = await runPreflight();
            if (!isRecord(report)) {
                throw new Error(ERROR);
            }
            this.passed = readBoolean(report, "passed");
            this.ranAt = formatDateTime(report.ranAt);
            this.lines = asRecords(report.results).map((line, index) => {
                const passed = readBoolean(line, "passed");
                return {
                    key: `${index}`,
                    passed,
                    message: readString(line, "message") ?? "",
                    fix: readString(line, "fixHint") ?? "",
                    iconName: passed ? "utility:success" : "utility:error",
                    statusText: passed ? PASS : FAIL
                };
            });
            this.ran = true;
            this.dispatchEvent(new CustomEvent("preflightcomplete", { detail: { passed: this.passed } }));
        } catch (error) {
            this.error = error;
        } finally {
            this.running = false;
        }
    }
}
