import { LightningElement } from "lwc";
import getOverview from "@salesforce/apex/PersonalizationMonitorController.getOverview";
import saveMonitorSettings from "@salesforce/apex/PersonalizationMonitorController.saveMonitorSettings";
import { isRecord, readBoolean, readNumber, readString, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import {
    asRecords,
    formatDateTime,
    formatDay,
    formatTimeOfDay,
    nextUtcMidnight,
    numberOf,
    textOf
} from "c/personalizationAdminUtils";
import TITLE from "@salesforce/label/c.Personalization_Console_Monitor_Title";
import BUDGET_TITLE from "@salesforce/label/c.Personalization_Console_Budget_Title";
import BUDGET_SUMMARY from "@salesforce/label/c.Personalization_Console_Budget_Summary";
import NO_BUDGET from "@salesforce/label/c.Personalization_Console_Budget_None";
import BUDGET_DAY from "@salesforce/label/c.Personalization_Console_Budget_Day";
import BUDGET_FIELD from "@salesforce/label/c.Personalization_Console_Budget_Field";
import EMAIL_FIELD from "@salesforce/label/c.Personalization_Console_Alert_Email_Field";
import MUTED_FIELD from "@salesforce/label/c.Personalization_Console_Alerts_Muted_Field";
import RATE_FIELD from "@salesforce/label/c.Personalization_Console_Failure_Rate_Field";
import BACKLOG_FIELD from "@salesforce/label/c.Personalization_Console_Backlog_Field";
import SAVE from "@salesforce/label/c.Personalization_Console_Save";
import SAVED from "@salesforce/label/c.Personalization_Console_Saved";
import USAGE_TITLE from "@salesforce/label/c.Personalization_Console_Usage_Title";
import NO_USAGE from "@salesforce/label/c.Personalization_Console_Usage_None";
import DAY from "@salesforce/label/c.Personalization_Console_Column_Day";
import FEATURE from "@salesforce/label/c.Personalization_Console_Column_Feature";
import CALLOUTS from "@salesforce/label/c.Personalization_Console_Column_Callouts";
import ALERTS_TITLE from "@salesforce/label/c.Personalization_Console_Alerts_Title";
import NO_ALERTS from "@salesforce/label/c.Personalization_Console_Alerts_None";
import CONDITION from "@salesforce/label/c.Personalization_Console_Column_Condition";
import MESSAGE from "@salesforce/label/c.Personalization_Console_Column_Message";
import RAISED from "@salesforce/label/c.Personalization_Console_Column_Raised";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";
import SAVE_ERROR from "@salesforce/label/c.Personalization_Console_Save_Error";
import LOADING from "@salesforce/label/c.Personalization_Console_Loading";

interface UsageRow {
    key: string;
    day: string;
    feature: string;
    callouts: number;
}

interface AlertRow {
    key: string;
    condition: string;
    message: string;
    raisedAt: string;
}

/**
 * Alerts and usage: callouts per day and feature against the daily budget, the budget and alert settings
 * (address, mute, failure-rate and backlog thresholds), and the recent alerts.
 */
export default class PersonalizationMonitor extends LightningElement {
    labels = {
        TITLE,
        BUDGET_TITLE,
        BUDGET_FIELD,
        EMAIL_FIELD,
        MUTED_FIELD,
        RATE_FIELD,
        BACKLOG_FIELD,
        SAVE,
        USAGE_TITLE,
        NO_USAGE,
        DAY,
        FEATURE,
        CALLOUTS,
        ALERTS_TITLE,
        NO_ALERTS,
        CONDITION,
        MESSAGE,
        RAISED,
        LOADING
    };
    loading = true;
    saving = false;
    saved = false;
    error: unknown;
    errorMessage = LOAD_ERROR;
    overview: DataRecord | undefined;
    form = { budget: "", email: "", muted: false, rate: "", backlog: "" };

    override connectedCallback(): void {
        this.load();
    }

    async load(): Promise<void> {
        this.loading = true;
        try {
            this.apply(await getOverview());
        } catch (error) {
            this.errorMessage = LOAD_ERROR;
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    private apply(answer: unknown): void {
        if (!isRecord(answer)) {
            throw new Error(LOAD_ERROR);
        }
        this.overview = answer;
        this.error = undefined;
        const budget = readNumber(answer, "dailyBudget");
        this.form = {
            budget: budget === undefined ? "" : `${budget}`,
            email: readString(answer, "alertEmail") ?? "",
            muted: readBoolean(answer, "alertsMuted"),
            rate: `${readNumber(answer, "failureRateThreshold") ?? ""}`,
            backlog: `${readNumber(answer, "backlogThreshold") ?? ""}`
        };
    }

    get ready(): boolean {
        return !this.loading && this.overview !== undefined;
    }

    get budgetSummary(): string {
        const overview = this.overview ?? {};
        const budget = readNumber(overview, "dailyBudget");
        const spent = numberOf(overview, "spentToday");
        if (budget === undefined) {
            return formatLabel(NO_BUDGET, spent);
        }
        return formatLabel(BUDGET_SUMMARY, spent, budget, numberOf(overview, "remainingToday"));
    }

    /** The one place the console says the budget day is a UTC day, with when it starts again in the user's time. */
    get budgetDayText(): string {
        return formatLabel(BUDGET_DAY, formatTimeOfDay(nextUtcMidnight(Date.now())));
    }

    get budgetPercent(): number {
        const overview = this.overview ?? {};
        const budget = readNumber(overview, "dailyBudget");
        if (!budget) {
            return 0;
        }
        return Math.min(100, Math.round((numberOf(overview, "spentToday") / budget) * 100));
    }

    get hasBudget(): boolean {
        return readNumber(this.overview ?? {}, "dailyBudget") !== undefined;
    }

    get usageRows(): UsageRow[] {
        return asRecords(this.overview?.usage)
            .map((row, index) => ({
                key: `${index}`,
                day: formatDay(textOf(row, "day")),
                feature: textOf(row, "feature"),
                callouts: numberOf(row, "callouts")
            }))
            .reverse();
    }

    get hasUsage(): boolean {
        return this.usageRows.length > 0;
    }

    get alertRows(): AlertRow[] {
        return asRecords(this.overview?.alerts).map((row, index) => ({
            key: textOf(row, "id") || `${index}`,
            condition: textOf(row, "condition"),
            message: textOf(row, "message"),
            raisedAt: formatDateTime(row.raisedAt)
        }));
    }

    get hasAlerts(): boolean {
        return this.alertRows.length > 0;
    }

    handleInput(event: Event): void {
        const target = event.target as HTMLInputElement;
        const field = target.dataset.field as keyof PersonalizationMonitor["form"];
        const value = field === "muted" ? target.checked : target.value;
        this.form = { ...this.form, [field]: value };
        this.saved = false;
    }

    async handleSave(): Promise<void> {
        const inputs = Array.from(
            this.template?.querySelectorAll<HTMLElement & { reportValidity?: () => boolean }>("lightning-input") ?? []
        );
        if (!inputs.every((input) => input.reportValidity?.() !== false)) {
            return;
        }
        this.saving = true;
        try {
            this.apply(
                await saveMonitorSettings({
                    dailyBudget: toNumber(this.form.budget),
                    alertEmail: this.form.email,
                    alertsMuted: this.form.muted,
                    failureRateThreshold: toNumber(this.form.rate),
                    backlogThreshold: toNumber(this.form.backlog)
                })
            );
            this.saved = true;
        } catch (error) {
            this.errorMessage = SAVE_ERROR;
            this.error = error;
        } finally {
            this.saving = false;
        }
    }

    get savedMessage(): string {
        return this.saved ? SAVED : "";
    }
}

function toNumber(value: string): number | null {
    if (value.trim() === "") {
        return null;
    }
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
}
