import getRuns from "@salesforce/apex/PersonalizationSyncHealthController.getRuns";
import getFailures from "@salesforce/apex/PersonalizationSyncHealthController.getFailures";
import countRetryableFailures from "@salesforce/apex/PersonalizationSyncHealthController.countRetryableFailures";
import retryFailures from "@salesforce/apex/PersonalizationSyncHealthController.retryFailures";
import retryAllFailed from "@salesforce/apex/PersonalizationSyncHealthController.retryAllFailed";
import dismissFailures from "@salesforce/apex/PersonalizationSyncHealthController.dismissFailures";
import { NavigationMixin } from "lightning/navigation";
import PersonalizationAdminList, { type ListColumn, type ListRow, type ListTable } from "c/personalizationAdminList";
import type { ChartRun } from "c/personalizationRunChart";
import { readBoolean, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import { asRecords, formatDateTime, formatDuration, numberOf, textOf } from "c/personalizationAdminUtils";
import TITLE from "@salesforce/label/c.Personalization_Console_Sync_Title";
import NO_RUNS from "@salesforce/label/c.Personalization_Console_Sync_No_Runs";
import CHART_LABEL from "@salesforce/label/c.Personalization_Console_Sync_Chart_Label";
import COL_RUN from "@salesforce/label/c.Personalization_Console_Column_Run";
import COL_STATUS from "@salesforce/label/c.Personalization_Console_Column_Status";
import COL_STARTED from "@salesforce/label/c.Personalization_Console_Column_Started";
import COL_DURATION from "@salesforce/label/c.Personalization_Console_Column_Duration";
import COL_COUNTS from "@salesforce/label/c.Personalization_Console_Column_Counts";
import COL_CALLOUTS from "@salesforce/label/c.Personalization_Console_Column_Callouts";
import COL_RECORD from "@salesforce/label/c.Personalization_Console_Column_Record";
import COL_RECORD_ID from "@salesforce/label/c.Personalization_Console_Column_Record_Id";
import COL_RECORD_NAME from "@salesforce/label/c.Personalization_Console_Column_Record_Name";
import COL_OBJECT from "@salesforce/label/c.Personalization_Console_Column_Object";
import COL_CODE from "@salesforce/label/c.Personalization_Console_Column_Code";
import COL_PROBLEM from "@salesforce/label/c.Personalization_Console_Column_Problem";
import COL_DETAILS from "@salesforce/label/c.Personalization_Console_Column_Details";
import COL_STATE from "@salesforce/label/c.Personalization_Console_Column_State";
import COUNTS_TEXT from "@salesforce/label/c.Personalization_Console_Sync_Counts";
import FAILED_BY_OBJECT from "@salesforce/label/c.Personalization_Console_Sync_Failed_By_Object";
import DRY_RUN from "@salesforce/label/c.Personalization_Console_Sync_Dry_Run";
import VIEW_FAILURES from "@salesforce/label/c.Personalization_Console_Sync_View_Failures";
import ALL_RUNS from "@salesforce/label/c.Personalization_Console_Sync_All_Runs";
import FAILURES_TITLE from "@salesforce/label/c.Personalization_Console_Sync_Failures_Title";
import NO_FAILURES from "@salesforce/label/c.Personalization_Console_Sync_No_Failures";
import NO_RECORD from "@salesforce/label/c.Personalization_Console_Sync_No_Record";
import CODE from "@salesforce/label/c.Personalization_Console_Sync_Code";
import STATE_FILTER from "@salesforce/label/c.Personalization_Console_Filter_State";
import ANY_STATE from "@salesforce/label/c.Personalization_Console_Filter_Any";
import NEEDS_ATTENTION from "@salesforce/label/c.Personalization_Console_Filter_Needs_Attention";
import SKIPPED_TEXT from "@salesforce/label/c.Personalization_Console_Sync_Skipped";
import SELECT_ROW from "@salesforce/label/c.Personalization_Console_Select_Row";
import RETRY_SELECTED from "@salesforce/label/c.Personalization_Console_Retry_Selected";
import RETRIED from "@salesforce/label/c.Personalization_Console_Sync_Retried";
import DISMISSED from "@salesforce/label/c.Personalization_Console_Dismissed";
import STATUS_QUEUED from "@salesforce/label/c.Personalization_Console_Sync_Status_Queued";
import STATUS_RUNNING from "@salesforce/label/c.Personalization_Console_Sync_Status_Running";
import STATUS_COMPLETED from "@salesforce/label/c.Personalization_Console_Sync_Status_Completed";
import STATUS_COMPLETED_WITH_ERRORS from "@salesforce/label/c.Personalization_Console_Sync_Status_Completed_With_Errors";
import STATUS_HALTED from "@salesforce/label/c.Personalization_Console_Sync_Status_Halted";
import STATUS_FAILED from "@salesforce/label/c.Personalization_Console_Sync_Status_Failed";
import STATE_PENDING from "@salesforce/label/c.Personalization_Console_Sync_State_Pending";
import STATE_QUEUED from "@salesforce/label/c.Personalization_Console_Sync_State_Queued";
import STATE_RESOLVED from "@salesforce/label/c.Personalization_Console_Sync_State_Resolved";
import STATE_DISMISSED from "@salesforce/label/c.Personalization_Console_Sync_State_Dismissed";
import STATE_PERMANENT from "@salesforce/label/c.Personalization_Console_Sync_State_Permanent";
import ERROR_MAPPING_FIELD_MISSING from "@salesforce/label/c.Personalization_Console_Error_MAPPING_FIELD_MISSING";
import ERROR_MAPPING_FIELD_NOT_READABLE from "@salesforce/label/c.Personalization_Console_Error_MAPPING_FIELD_NOT_READABLE";
import ERROR_MAPPING_FIELD_NOT_WRITABLE from "@salesforce/label/c.Personalization_Console_Error_MAPPING_FIELD_NOT_WRITABLE";
import ERROR_MAPPING_MATCH_KEY_TYPE from "@salesforce/label/c.Personalization_Console_Error_MAPPING_MATCH_KEY_TYPE";
import ERROR_MAPPING_FIELD_TYPE from "@salesforce/label/c.Personalization_Console_Error_MAPPING_FIELD_TYPE";
import ERROR_VALUE_DOES_NOT_FIT from "@salesforce/label/c.Personalization_Console_Error_VALUE_DOES_NOT_FIT";
import ERROR_AMBIGUOUS_MATCH from "@salesforce/label/c.Personalization_Console_Error_AMBIGUOUS_MATCH";
import ERROR_UNKNOWN_IDENTITY from "@salesforce/label/c.Personalization_Console_Error_UNKNOWN_IDENTITY";
import ERROR_DUPLICATE_PROFILE from "@salesforce/label/c.Personalization_Console_Error_DUPLICATE_PROFILE";
import ERROR_MALFORMED_ROW from "@salesforce/label/c.Personalization_Console_Error_MALFORMED_ROW";
import ERROR_DML_ERROR from "@salesforce/label/c.Personalization_Console_Error_DML_ERROR";
import ERROR_MCP_INVALID_EVENT from "@salesforce/label/c.Personalization_Console_Error_MCP_INVALID_EVENT";
import ERROR_NO_IDENTITY from "@salesforce/label/c.Personalization_Console_Error_NO_IDENTITY";
import ERROR_EXPORT_PAGE_REPEATED from "@salesforce/label/c.Personalization_Console_Error_EXPORT_PAGE_REPEATED";
import ERROR_UNKNOWN from "@salesforce/label/c.Personalization_Console_Error_Unknown";

const MAX_BARS = 30;
const STATES = ["Pending", "Queued", "Permanent", "Resolved", "Dismissed"];
/** Failures "Retry selected" can queue (the sync's retry service skips the others). */
const RETRYABLE_STATES = new Set(["Pending", "Permanent"]);
/**
 * The service's filter for every state that needs attention (Pending, Queued, Permanent). It is the default: a run
 * that ended with errors must never show an empty list because its failures are Permanent rather than Pending.
 */
const STATE_OPEN = "Open";

/** Run statuses in words (Personalization_Sync_Run__c.Status__c API values). */
export const STATUS_LABELS: Record<string, string> = {
    Queued: STATUS_QUEUED,
    Running: STATUS_RUNNING,
    Completed: STATUS_COMPLETED,
    Completed_With_Errors: STATUS_COMPLETED_WITH_ERRORS,
    Halted: STATUS_HALTED,
    Failed: STATUS_FAILED
};

/** Failure retry states in words (Personalization_Sync_Failure__c.Retry_State__c API values). */
export const STATE_LABELS: Record<string, string> = {
    Pending: STATE_PENDING,
    Queued: STATE_QUEUED,
    Resolved: STATE_RESOLVED,
    Dismissed: STATE_DISMISSED,
    Permanent: STATE_PERMANENT
};

/** What each of the sync's error codes means and what to do about it. */
export const ERROR_EXPLANATIONS: Record<string, string> = {
    MAPPING_FIELD_MISSING: ERROR_MAPPING_FIELD_MISSING,
    MAPPING_FIELD_NOT_READABLE: ERROR_MAPPING_FIELD_NOT_READABLE,
    MAPPING_FIELD_NOT_WRITABLE: ERROR_MAPPING_FIELD_NOT_WRITABLE,
    MAPPING_MATCH_KEY_TYPE: ERROR_MAPPING_MATCH_KEY_TYPE,
    MAPPING_FIELD_TYPE: ERROR_MAPPING_FIELD_TYPE,
    VALUE_DOES_NOT_FIT: ERROR_VALUE_DOES_NOT_FIT,
    AMBIGUOUS_MATCH: ERROR_AMBIGUOUS_MATCH,
    UNKNOWN_IDENTITY: ERROR_UNKNOWN_IDENTITY,
    DUPLICATE_PROFILE: ERROR_DUPLICATE_PROFILE,
    MALFORMED_ROW: ERROR_MALFORMED_ROW,
    DML_ERROR: ERROR_DML_ERROR,
    MCP_INVALID_EVENT: ERROR_MCP_INVALID_EVENT,
    NO_IDENTITY: ERROR_NO_IDENTITY,
    EXPORT_PAGE_REPEATED: ERROR_EXPORT_PAGE_REPEATED
};

/** A value in words from a table of labels, the value itself when the table lacks it. */
function inWords(labels: Record<string, string>, value: string): string {
    return labels[value] ?? value;
}

interface RunRow {
    key: string;
    id: string;
    name: string;
    status: string;
    /** Why a failed or halted run stopped. */
    errorMessage: string;
    started: string;
    startedAt: number;
    duration: string;
    counts: string;
    /** Failed records per object, when any failed. */
    failedByObject: string;
    /** Why profiles were skipped (out of scope, not failures); empty when none were. */
    skipNote: string;
    callouts: number;
    dryRun: boolean;
    failed: number;
    scanned: number;
    viewLabel: string;
}

interface FailureRow extends ListRow {
    recordId: string;
    recordName: string;
    /** The record as listed: its name, its Id when the name is not visible, or "no record". */
    recordText: string;
    recordUrl?: string;
    objectName: string;
    errorCode: string;
    explanation: string;
    message: string;
    retryState: string;
    stateText: string;
}

/** The failure table's columns: shown and exported (the CSV keeps the Id, name and object apart). */
const FAILURE_COLUMNS: ListColumn<FailureRow>[] = [
    {
        key: "record",
        header: COL_RECORD,
        value: (row) => row.recordText,
        url: (row) => row.recordUrl,
        detail: (row) => row.objectName,
        rowHeader: true,
        wrap: true,
        exported: false,
        width: "22%"
    },
    { key: "recordId", header: COL_RECORD_ID, value: (row) => row.recordId, shown: false },
    { key: "recordName", header: COL_RECORD_NAME, value: (row) => row.recordName, shown: false },
    { key: "object", header: COL_OBJECT, value: (row) => row.objectName, shown: false },
    {
        key: "problem",
        header: COL_PROBLEM,
        value: (row) => row.explanation,
        detail: (row) => (row.errorCode ? formatLabel(CODE, row.errorCode) : ""),
        wrap: true,
        width: "38%"
    },
    { key: "code", header: COL_CODE, value: (row) => row.errorCode, shown: false },
    { key: "message", header: COL_DETAILS, value: (row) => row.message, wrap: true, width: "25%" },
    { key: "state", header: COL_STATE, value: (row) => row.stateText, wrap: true }
];

/** The run's out-of-scope profiles with their reasons, or "" when it skipped none. */
function skipNoteOf(run: DataRecord): string {
    const leadsOff = numberOf(run, "skippedLeadsOff");
    const noIdentity = numberOf(run, "skippedNoIdentity");
    return leadsOff + noIdentity > 0 ? formatLabel(SKIPPED_TEXT, leadsOff, noIdentity) : "";
}

type UrlGenerator = (reference: { type: string; attributes: Record<string, unknown> }) => Promise<string>;

/**
 * Sync health: the recent runs (status in words, start in the user's time zone, duration, counts, callouts,
 * dry-run flag) with a chart of the last 30, and the failed records by name, linked to their record page, each error
 * code explained with what to do, with state filter, search, retry selected / retry all failed, dismiss and CSV
 * export. An action is disabled while there is nothing for it to act on.
 */
export default class PersonalizationSyncHealth extends NavigationMixin(PersonalizationAdminList) {
    labels = {
        TITLE,
        NO_RUNS,
        COL_RUN,
        COL_STATUS,
        COL_STARTED,
        COL_DURATION,
        COL_COUNTS,
        COL_CALLOUTS,
        DRY_RUN,
        FAILURES_TITLE,
        NO_FAILURES,
        STATE_FILTER,
        RETRY_SELECTED
    };
    runs: DataRecord[] = [];
    failures: DataRecord[] = [];
    selectedRunId: string | null = null;
    retryState = STATE_OPEN;
    /** Failures "Retry all failed" would queue (pending ones of a record, over every run). */
    retryable = 0;
    /** Record page URLs by record Id (NavigationMixin). */
    recordUrls: Record<string, string> = {};

    override connectedCallback(): void {
        this.refresh();
    }

    refresh(): Promise<void> {
        return this.loadWith(async () => {
            const [runs] = await Promise.all([getRuns(), this.loadFailures(), this.loadRetryable()]);
            this.runs = asRecords(runs);
        }, true);
    }

    protected reloadRows(): Promise<void> {
        return this.loadWith(() => this.loadFailures(), false);
    }

    protected reloadAll(): Promise<void> {
        return this.refresh();
    }

    private async loadFailures(): Promise<void> {
        this.failures = asRecords(
            await getFailures({ runId: this.selectedRunId, retryState: this.retryState, search: this.search })
        );
        this.selectedIds = new Set<string>();
        this.linkRecords().catch(() => undefined);
    }

    private async loadRetryable(): Promise<void> {
        const count: unknown = await countRetryableFailures();
        this.retryable = typeof count === "number" ? count : 0;
    }

    /** The record page URL of each failed record (as Lightning builds it; only http/https URLs are kept). */
    private async linkRecords(): Promise<void> {
        const generate = (this as unknown as Record<symbol, UrlGenerator>)[NavigationMixin.GenerateUrl];
        const ids = [...new Set(this.failures.map((failure) => textOf(failure, "recordId")).filter(Boolean))];
        const missing = ids.filter((id) => !(id in this.recordUrls));
        if (missing.length === 0 || typeof generate !== "function") {
            return;
        }
        const urls = await Promise.all(
            missing.map((recordId) =>
                generate
                    .call(this, { type: "standard__recordPage", attributes: { recordId, actionName: "view" } })
                    .then((url) => absoluteHttpUrl(url))
                    .catch(() => undefined)
            )
        );
        const next = { ...this.recordUrls };
        missing.forEach((id, index) => {
            const url = urls[index];
            if (url) {
                next[id] = url;
            }
        });
        this.recordUrls = next;
    }

    get hasRuns(): boolean {
        return this.runs.length > 0;
    }

    get runRows(): RunRow[] {
        return this.runs.map((run) => {
            const counts = run.counts as Record<string, Record<string, number>> | undefined;
            const failedOf = (objectName: string): number => counts?.[objectName]?.Failed ?? 0;
            const failed = numberOf(run, "failed");
            const startedAt = typeof run.startedAt === "string" ? Date.parse(run.startedAt) : Number.NaN;
            return {
                key: textOf(run, "id"),
                id: textOf(run, "id"),
                name: textOf(run, "name"),
                status: inWords(STATUS_LABELS, textOf(run, "status")),
                errorMessage: textOf(run, "errorMessage"),
                started: formatDateTime(run.startedAt),
                startedAt,
                duration: formatDuration(typeof run.durationSeconds === "number" ? run.durationSeconds : null),
                counts: formatLabel(COUNTS_TEXT, numberOf(run, "scanned"), numberOf(run, "updated"), failed),
                failedByObject:
                    failed > 0
                        ? formatLabel(FAILED_BY_OBJECT, failedOf("Contact"), failedOf("Lead"), failedOf("Account"))
                        : "",
                skipNote: skipNoteOf(run),
                callouts: numberOf(run, "callouts"),
                dryRun: readBoolean(run, "dryRun"),
                failed,
                scanned: numberOf(run, "scanned"),
                viewLabel: formatLabel(VIEW_FAILURES, textOf(run, "name"))
            };
        });
    }

    /** The chart's runs, oldest first (the last 30). */
    get chartRuns(): ChartRun[] {
        return this.runRows
            .slice(0, MAX_BARS)
            .reverse()
            .map((row) => ({
                key: row.key,
                name: row.name,
                startedAt: row.startedAt,
                status: row.status,
                counts: row.counts,
                scanned: row.scanned,
                failed: row.failed
            }));
    }

    get chartLabel(): string {
        const rows = this.runs.slice(0, MAX_BARS);
        const failedRuns = rows.filter(
            (run) =>
                numberOf(run, "failed") > 0 ||
                ["Failed", "Halted", "Completed_With_Errors"].includes(textOf(run, "status"))
        ).length;
        return formatLabel(CHART_LABEL, rows.length, failedRuns);
    }

    get stateOptions(): { label: string; value: string }[] {
        return [
            { label: NEEDS_ATTENTION, value: STATE_OPEN },
            { label: ANY_STATE, value: "" },
            ...STATES.map((state) => ({ label: inWords(STATE_LABELS, state), value: state }))
        ];
    }

    get failureRows(): FailureRow[] {
        return this.failures.map((failure) => {
            const id = textOf(failure, "id");
            const recordId = textOf(failure, "recordId");
            const recordName = textOf(failure, "recordName");
            const recordText = recordName || recordId || NO_RECORD;
            const errorCode = textOf(failure, "errorCode");
            const retryState = textOf(failure, "retryState");
            return {
                key: id,
                id,
                recordId,
                recordName,
                recordText,
                recordUrl: recordId ? this.recordUrls[recordId] : undefined,
                objectName: textOf(failure, "objectName"),
                errorCode,
                explanation: ERROR_EXPLANATIONS[errorCode] ?? ERROR_UNKNOWN,
                message: textOf(failure, "message"),
                retryState,
                stateText: inWords(STATE_LABELS, retryState),
                selected: this.selectedIds.has(id),
                selectLabel: formatLabel(SELECT_ROW, recordText)
            };
        });
    }

    get table(): ListTable {
        return this.toTable(FAILURE_COLUMNS, this.failureRows);
    }

    get hasFailures(): boolean {
        return this.failures.length > 0;
    }

    /** Retry selected: only while a selected failure of a record is in a state a retry can queue. */
    get noRetryableSelection(): boolean {
        return (
            this.busy ||
            !this.failures.some(
                (failure) =>
                    this.selectedIds.has(textOf(failure, "id")) &&
                    textOf(failure, "recordId") !== "" &&
                    RETRYABLE_STATES.has(textOf(failure, "retryState"))
            )
        );
    }

    /** Retry all failed: only while a pending failure of a record exists. */
    get noRetryable(): boolean {
        return this.busy || this.retryable === 0;
    }

    /** Export: only while rows are listed. */
    get noRows(): boolean {
        return !this.hasFailures;
    }

    /** "All runs" is offered only while one run is shown. */
    get resetLabel(): string | undefined {
        return this.selectedRunId === null ? undefined : ALL_RUNS;
    }

    async handleViewRun(event: Event): Promise<void> {
        this.selectedRunId = (event.currentTarget as HTMLElement).dataset.runId ?? null;
        await this.reloadRows();
    }

    /** The toolbar's "All runs" link. */
    protected override async resetFilter(): Promise<void> {
        this.selectedRunId = null;
        await this.reloadRows();
    }

    async handleStateChange(event: CustomEvent<{ value: string }>): Promise<void> {
        this.retryState = event.detail.value;
        await this.reloadRows();
    }

    protected async retrySelected(): Promise<void> {
        await this.act(() => retryFailures({ failureIds: this.selection }), RETRIED);
    }

    protected async retryAll(): Promise<void> {
        await this.act(() => retryAllFailed(), RETRIED);
    }

    protected async dismissSelected(): Promise<void> {
        await this.act(() => dismissFailures({ failureIds: this.selection }), DISMISSED);
    }

    protected exportRows(): void {
        this.exportCsv("personalization-sync-failures.csv", FAILURE_COLUMNS, this.failureRows);
    }
}

/** A generated URL (possibly relative) as an absolute http/https URL, or undefined. */
function absoluteHttpUrl(url: unknown): string | undefined {
    if (typeof url !== "string" || url === "") {
        return undefined;
    }
    try {
        const parsed = new URL(url, window.location.href);
        return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
    } catch {
        return undefined;
    }
}
