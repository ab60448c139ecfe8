import getRuns from "@salesforce/apex/PersonalizationSyncHealthController.getRuns";
import getFailures from "@salesforce/apex/PersonalizationSyncHealthController.getFailures";
import retryFailures from "@salesforce/apex/PersonalizationSyncHealthController.retryFailures";
import retryAllFailed from "@salesforce/apex/PersonalizationSyncHealthController.retryAllFailed";
import dismissFailures from "@salesforce/apex/PersonalizationSyncHealthController.dismissFailures";
import PersonalizationAdminList, { type ListColumn, type ListRow, type ListTable } from "c/personalizationAdminList";
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
import COL_OBJECT from "@salesforce/label/c.Personalization_Console_Column_Object";
import COL_CODE from "@salesforce/label/c.Personalization_Console_Column_Code";
import COL_MESSAGE from "@salesforce/label/c.Personalization_Console_Column_Message";
import COL_STATE from "@salesforce/label/c.Personalization_Console_Column_State";
import COUNTS_TEXT from "@salesforce/label/c.Personalization_Console_Sync_Counts";
import DRY_RUN from "@salesforce/label/c.Personalization_Console_Sync_Dry_Run";
import VIEW_FAILURES from "@salesforce/label/c.Personalization_Console_Sync_View_Failures";
import ALL_RUNS from "@salesforce/label/c.Personalization_Console_Sync_All_Runs";
import FAILURES_TITLE from "@salesforce/label/c.Personalization_Console_Sync_Failures_Title";
import NO_FAILURES from "@salesforce/label/c.Personalization_Console_Sync_No_Failures";
import STATE_FILTER from "@salesforce/label/c.Personalization_Console_Filter_State";
import ANY_STATE from "@salesforce/label/c.Personalization_Console_Filter_Any";
import NEEDS_ATTENTION from "@salesforce/label/c.Personalization_Console_Filter_Needs_Attention";
import SKIPPED_TEXT from "@salesforce/label/c.Personalization_Console_Sync_Skipped";
import SELECT_ROW from "@salesforce/label/c.Personalization_Console_Select_Row";
import RETRY_SELECTED from "@salesforce/label/c.Personalization_Console_Retry_Selected";
import RETRIED from "@salesforce/label/c.Personalization_Console_Sync_Retried";
import DISMISSED from "@salesforce/label/c.Personalization_Console_Dismissed";

const CHART_WIDTH = 300;
const CHART_HEIGHT = 80;
const MAX_BARS = 30;
const STATES = ["Pending", "Queued", "Permanent", "Resolved", "Dismissed"];
/**
 * The service's filter for every state that needs attention (Pending, Queued, Permanent). It is the default: a run
 * that ended with errors must never show an empty list because its failures are Permanent rather than Pending.
 */
const STATE_OPEN = "Open";

interface RunRow {
    key: string;
    id: string;
    name: string;
    status: string;
    started: string;
    duration: string;
    counts: string;
    /** Why profiles were skipped (out of scope, not failures); empty when none were. */
    skipNote: string;
    callouts: number;
    dryRun: boolean;
    failed: number;
    scanned: number;
    viewLabel: string;
}

interface Bar {
    key: string;
    x: number;
    okY: number;
    okHeight: number;
    failY: number;
    failHeight: number;
    width: number;
    title: string;
}

interface FailureRow extends ListRow {
    recordId: string;
    objectName: string;
    errorCode: string;
    message: string;
    retryState: string;
}

/** The failure table's columns, exported as they are. */
const FAILURE_COLUMNS: ListColumn<FailureRow>[] = [
    { key: "record", header: COL_RECORD, value: (row) => row.recordId },
    { key: "object", header: COL_OBJECT, value: (row) => row.objectName },
    { key: "code", header: COL_CODE, value: (row) => row.errorCode },
    { key: "message", header: COL_MESSAGE, value: (row) => row.message, wrap: true },
    { key: "state", header: COL_STATE, value: (row) => row.retryState }
];

/** The run's out-of-scope profiles with their reasons, or "" when it skipped none. */
function skipNoteOf(run: DataRecord): string {
    const leadsOff = numberOf(run, "skippedLeadsOff");
    const noIdentity = numberOf(run, "skippedNoIdentity");
    return leadsOff + noIdentity > 0 ? formatLabel(SKIPPED_TEXT, leadsOff, noIdentity) : "";
}

/**
 * Sync health: the recent runs (status, duration, per-object counts, callouts, dry-run flag) with an SVG chart
 * of the last 30 (scanned records, failed ones in red), and the per-record failures with state filter, search,
 * retry selected / retry all failed, dismiss and CSV export.
 */
export default class PersonalizationSyncHealth extends PersonalizationAdminList {
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
    chartWidth = CHART_WIDTH;
    chartHeight = CHART_HEIGHT;
    runs: DataRecord[] = [];
    failures: DataRecord[] = [];
    selectedRunId: string | null = null;
    retryState = STATE_OPEN;

    override connectedCallback(): void {
        this.refresh();
    }

    refresh(): Promise<void> {
        return this.loadWith(async () => {
            this.runs = asRecords(await getRuns());
            await this.loadFailures();
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
    }

    get hasRuns(): boolean {
        return this.runs.length > 0;
    }

    get runRows(): RunRow[] {
        return this.runs.map((run) => {
            const counts = run.counts as Record<string, Record<string, number>> | undefined;
            const contact = counts?.Contact ?? {};
            const lead = counts?.Lead ?? {};
            const account = counts?.Account ?? {};
            return {
                key: textOf(run, "id"),
                id: textOf(run, "id"),
                name: textOf(run, "name"),
                status: textOf(run, "status"),
                started: formatDateTime(run.startedAt),
                duration: formatDuration(typeof run.durationSeconds === "number" ? run.durationSeconds : null),
                counts: formatLabel(
                    COUNTS_TEXT,
                    numberOf(run, "scanned"),
                    numberOf(run, "updated"),
                    numberOf(run, "failed"),
                    `${contact.Failed ?? 0}/${lead.Failed ?? 0}/${account.Failed ?? 0}`
                ),
                skipNote: skipNoteOf(run),
                callouts: numberOf(run, "callouts"),
                dryRun: readBoolean(run, "dryRun"),
                failed: numberOf(run, "failed"),
                scanned: numberOf(run, "scanned"),
                viewLabel: formatLabel(VIEW_FAILURES, textOf(run, "name"))
            };
        });
    }

    /** Bars oldest → newest, scaled to the busiest run; failed records stacked on top in red. */
    get bars(): Bar[] {
        const rows = this.runRows.slice(0, MAX_BARS).reverse();
        const peak = Math.max(1, ...rows.map((row) => Math.max(row.scanned, row.failed)));
        const slot = CHART_WIDTH / MAX_BARS;
        return rows.map((row, index) => {
            const failHeight = Math.round((row.failed / peak) * CHART_HEIGHT);
            const okHeight = Math.max(0, Math.round((Math.max(0, row.scanned - row.failed) / peak) * CHART_HEIGHT));
            return {
                key: row.key,
                x: Math.round(index * slot + 1),
                width: Math.max(1, Math.round(slot - 2)),
                okY: CHART_HEIGHT - okHeight,
                okHeight,
                failY: CHART_HEIGHT - okHeight - failHeight,
                failHeight,
                title: `${row.name} ${row.status}: ${row.counts}`
            };
        });
    }

    get chartLabel(): string {
        const rows = this.runRows.slice(0, MAX_BARS);
        const failedRuns = rows.filter(
            (row) => row.failed > 0 || row.status === "Failed" || row.status === "Halted"
        ).length;
        return formatLabel(CHART_LABEL, rows.length, failedRuns);
    }

    get stateOptions(): { label: string; value: string }[] {
        return [
            { label: NEEDS_ATTENTION, value: STATE_OPEN },
            { label: ANY_STATE, value: "" },
            ...STATES.map((state) => ({ label: state, value: state }))
        ];
    }

    get failureRows(): FailureRow[] {
        return this.failures.map((failure) => {
            const id = textOf(failure, "id");
            return {
                key: id,
                id,
                recordId: textOf(failure, "recordId"),
                objectName: textOf(failure, "objectName"),
                errorCode: textOf(failure, "errorCode"),
                message: textOf(failure, "message"),
                retryState: textOf(failure, "retryState"),
                selected: this.selectedIds.has(id),
                selectLabel: formatLabel(SELECT_ROW, textOf(failure, "recordId") || id)
            };
        });
    }

    get table(): ListTable {
        return this.toTable(FAILURE_COLUMNS, this.failureRows);
    }

    get hasFailures(): boolean {
        return this.failures.length > 0;
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
