/**
 * Helpers shared by the admin console components: CSV export (safe against spreadsheet formula injection),
 * the browser download of it, duration and date-time formatting, narrowing of Apex answers, and the selection
 * and actions of the failure lists.
 */
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import { isRecord, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import ACTION_ERROR from "@salesforce/label/c.Personalization_Console_Action_Error";

/** A CSV column: header text and the value of a row. */
export interface CsvColumn<T> {
    header: string;
    value: (row: T) => unknown;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted, inner quotes doubled, a leading formula character neutralised. */
export function csvCell(value: unknown): string {
    let text = value === null || value === undefined ? "" : String(value);
    if (FORMULA_START.test(text)) {
        text = `'${text}`;
    }
    return `"${text.replace(/"/g, '""')}"`;
}

/** The CSV text of rows (CRLF line ends, header first). */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
    const lines = [columns.map((column) => csvCell(column.header)).join(",")];
    for (const row of rows) {
        lines.push(columns.map((column) => csvCell(column.value(row))).join(","));
    }
    return lines.join("\r\n");
}

/** Starts a browser download of a CSV text. */
export function downloadCsv(fileName: string, csv: string): void {
    downloadText(fileName, csv, "text/csv");
}

/**
 * Offers text as a file download through a temporary link (no server round trip).
 * @param fileName The file name.
 * @param text The content.
 * @param mimeType Its media type, e.g. application/json.
 */
export function downloadText(fileName: string, text: string, mimeType: string): void {
    const link = document.createElement("a");
    link.href = `data:${mimeType};charset=utf-8,${encodeURIComponent(text)}`;
    link.download = fileName;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
}

/** "1 h 5 min", "5 min 30 s" or "42 s"; empty when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
    if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
        return "";
    }
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const rest = Math.floor(seconds % 60);
    if (hours > 0) {
        return `${hours} h ${minutes} min`;
    }
    if (minutes > 0) {
        return `${minutes} min ${rest} s`;
    }
    return `${rest} s`;
}

/** A date-time from Apex (ISO string) as a short local text; empty when absent or invalid. */
export function formatDateTime(value: unknown): string {
    if (typeof value !== "string" || value === "") {
        return "";
    }
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
        return "";
    }
    return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(time));
}

/** An Apex list answer as records (anything else as an empty list). */
export function asRecords(value: unknown): DataRecord[] {
    return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A number field, 0 when absent. */
export function numberOf(data: DataRecord, key: string): number {
    const value = data[key];
    return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** A string field, empty when absent. */
export function textOf(data: DataRecord, key: string): string {
    const value = data[key];
    return typeof value === "string" ? value : "";
}

/**
 * Returns a new selection with `id` added (checked) or removed (unchecked), for list checkboxes.
 * A new Set is returned so the component's tracked field re-renders.
 * @param selected the current selection
 * @param id the row id; blank ids are ignored
 * @param checked whether the row's checkbox is now checked
 */
export function toggleSelection(selected: Set<string>, id: string, checked: boolean): Set<string> {
    const next = new Set(selected);
    if (!id) {
        return next;
    }
    if (checked) {
        next.add(id);
    } else {
        next.delete(id);
    }
    return next;
}

/** What {@link runListAction} updates on the list component (its reactive fields). */
export interface ListActionHost {
    busy: boolean;
    error: unknown;
    errorMessage: string;
    dispatchEvent(event: Event): boolean;
}

/**
 * Runs a list action (retry, dismiss): marks the list busy, toasts the count the Apex returns with `successLabel`
 * ("{0} records …"), then reloads; a failure is shown in the list's error panel instead.
 * @param host the list component
 * @param action the Apex call; resolves with the number of records it handled
 * @param successLabel label template of the toast
 * @param reload reloads the list after success
 */
export async function runListAction(
    host: ListActionHost,
    action: () => Promise<unknown>,
    successLabel: string,
    reload: () => Promise<void>
): Promise<void> {
    host.busy = true;
    try {
        const count = await action();
        host.dispatchEvent(
            new ShowToastEvent({
                message: formatLabel(successLabel, typeof count === "number" ? count : 0),
                variant: "success"
            })
        );
        await reload();
    } catch (error) {
        host.errorMessage = ACTION_ERROR;
        host.error = error;
    } finally {
        host.busy = false;
    }
}
