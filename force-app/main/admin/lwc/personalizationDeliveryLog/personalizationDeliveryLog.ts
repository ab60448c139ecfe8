import getDeliveryLog from "@salesforce/apex/PersonalizationDeliveryLogController.getDeliveryLog";
import retryDeliveries from "@salesforce/apex/PersonalizationDeliveryLogController.retryDeliveries";
import dismissDeliveries from "@salesforce/apex/PersonalizationDeliveryLogController.dismissDeliveries";
import PersonalizationAdminList, { type ListColumn, type ListRow, type ListTable } from "c/personalizationAdminList";
import { isRecord, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import { asRecords, formatDateTime, numberOf, textOf } from "c/personalizationAdminUtils";
import TITLE from "@salesforce/label/c.Personalization_Console_Delivery_Title";
import COUNTS from "@salesforce/label/c.Personalization_Console_Delivery_Counts";
import NO_DELIVERIES from "@salesforce/label/c.Personalization_Console_Delivery_None";
import STATUS_FILTER from "@salesforce/label/c.Personalization_Console_Filter_Status";
import ANY from "@salesforce/label/c.Personalization_Console_Filter_Any";
import SELECT_ROW from "@salesforce/label/c.Personalization_Console_Select_Row";
import RETRY_SELECTED from "@salesforce/label/c.Personalization_Console_Retry_Selected";
import COL_DELIVERY from "@salesforce/label/c.Personalization_Console_Column_Delivery";
import COL_STATUS from "@salesforce/label/c.Personalization_Console_Column_Status";
import COL_INTERACTION from "@salesforce/label/c.Personalization_Console_Column_Interaction";
import COL_RECORD from "@salesforce/label/c.Personalization_Console_Column_Record";
import COL_ATTEMPTS from "@salesforce/label/c.Personalization_Console_Column_Attempts";
import COL_CODE from "@salesforce/label/c.Personalization_Console_Column_Code";
import COL_MESSAGE from "@salesforce/label/c.Personalization_Console_Column_Message";
import COL_WHEN from "@salesforce/label/c.Personalization_Console_Column_When";
import RETRIED from "@salesforce/label/c.Personalization_Console_Delivery_Retried";
import DISMISSED from "@salesforce/label/c.Personalization_Console_Dismissed";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";
import STATUS_PENDING from "@salesforce/label/c.Personalization_Console_Delivery_Status_Pending";
import STATUS_DELIVERED from "@salesforce/label/c.Personalization_Console_Delivery_Status_Delivered";
import STATUS_FAILED from "@salesforce/label/c.Personalization_Console_Delivery_Status_Failed";
import STATUS_DISMISSED from "@salesforce/label/c.Personalization_Console_Delivery_Status_Dismissed";

/** Delivery statuses in words (Personalization_Delivery__c.Status__c API values), in filter order. */
const STATUS_LABELS: Record<string, string> = {
    Pending: STATUS_PENDING,
    Delivered: STATUS_DELIVERED,
    Failed: STATUS_FAILED,
    Dismissed: STATUS_DISMISSED
};

interface DeliveryRow extends ListRow {
    name: string;
    status: string;
    interaction: string;
    recordId: string;
    attempts: number;
    errorCode: string;
    errorMessage: string;
    when: string;
}

/** The table's columns; the CSV has all but the time. */
const COLUMNS: ListColumn<DeliveryRow>[] = [
    { key: "name", header: COL_DELIVERY, value: (row) => row.name, rowHeader: true },
    { key: "status", header: COL_STATUS, value: (row) => row.status },
    { key: "interaction", header: COL_INTERACTION, value: (row) => row.interaction },
    { key: "record", header: COL_RECORD, value: (row) => row.recordId },
    { key: "attempts", header: COL_ATTEMPTS, value: (row) => row.attempts },
    { key: "code", header: COL_CODE, value: (row) => row.errorCode },
    { key: "message", header: COL_MESSAGE, value: (row) => row.errorMessage, wrap: true },
    { key: "when", header: COL_WHEN, value: (row) => row.when, exported: false }
];

/**
 * The Flow action's delivery log: pending, delivered, failed and dismissed deliveries with status filter, search,
 * retry selected / retry all failed (back through the delivery queue), dismiss and CSV export.
 */
export default class PersonalizationDeliveryLog extends PersonalizationAdminList {
    labels = {
        TITLE,
        NO_DELIVERIES,
        STATUS_FILTER,
        RETRY_SELECTED
    };
    status = "Failed";
    deliveries: DataRecord[] = [];
    counts: DataRecord = {};

    override connectedCallback(): void {
        this.load();
    }

    load(): Promise<void> {
        return this.loadWith(async () => {
            const log: unknown = await getDeliveryLog({ status: this.status, search: this.search });
            if (!isRecord(log)) {
                throw new Error(LOAD_ERROR);
            }
            this.deliveries = asRecords(log.deliveries);
            this.counts = isRecord(log.counts) ? log.counts : {};
            this.selectedIds = new Set<string>();
        }, true);
    }

    protected reloadRows(): Promise<void> {
        return this.load();
    }

    protected reloadAll(): Promise<void> {
        return this.load();
    }

    get countsText(): string {
        return formatLabel(
            COUNTS,
            numberOf(this.counts, "Pending"),
            numberOf(this.counts, "Delivered"),
            numberOf(this.counts, "Failed"),
            numberOf(this.counts, "Dismissed")
        );
    }

    get statusOptions(): { label: string; value: string }[] {
        return [
            { label: ANY, value: "" },
            ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ label, value }))
        ];
    }

    get rows(): DeliveryRow[] {
        return this.deliveries.map((delivery) => {
            const id = textOf(delivery, "id");
            return {
                key: id,
                id,
                name: textOf(delivery, "name"),
                status: STATUS_LABELS[textOf(delivery, "status")] ?? textOf(delivery, "status"),
                interaction: textOf(delivery, "interaction"),
                recordId: textOf(delivery, "recordId"),
                attempts: numberOf(delivery, "attempts"),
                errorCode: textOf(delivery, "errorCode"),
                errorMessage: textOf(delivery, "errorMessage"),
                when: formatDateTime(delivery.deliveredAt ?? delivery.lastAttemptAt ?? delivery.createdAt),
                selected: this.selectedIds.has(id),
                selectLabel: formatLabel(SELECT_ROW, textOf(delivery, "name") || id)
            };
        });
    }

    get table(): ListTable {
        return this.toTable(COLUMNS, this.rows);
    }

    get hasRows(): boolean {
        return this.deliveries.length > 0;
    }

    /** Export: only while rows are listed. */
    get noRows(): boolean {
        return !this.hasRows;
    }

    get noFailed(): boolean {
        return this.busy || !this.deliveries.some((delivery) => textOf(delivery, "status") === "Failed");
    }

    async handleStatusChange(event: CustomEvent<{ value: string }>): Promise<void> {
        this.status = event.detail.value;
        await this.load();
    }

    protected async retrySelected(): Promise<void> {
        await this.act(() => retryDeliveries({ deliveryIds: this.selection }), RETRIED);
    }

    protected async retryAll(): Promise<void> {
        const failed = this.deliveries
            .filter((delivery) => textOf(delivery, "status") === "Failed")
            .map((delivery) => textOf(delivery, "id"));
        await this.act(() => retryDeliveries({ deliveryIds: failed }), RETRIED);
    }

    protected async dismissSelected(): Promise<void> {
        await this.act(() => dismissDeliveries({ deliveryIds: this.selection }), DISMISSED);
    }

    protected exportRows(): void {
        this.exportCsv("personalization-deliveries.csv", COLUMNS, this.rows);
    }
}
