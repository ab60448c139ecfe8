/**
 * Helpers shared by the admin console components: CSV export (safe against spreadsheet formula injection),
 * the browser download of it, duration and date-time formatting, narrowing of Apex answers, and the selection
 * and actions of the failure lists.
 */
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import LOCALE from "@salesforce/i18n/locale";
import TIME_ZONE from "@salesforce/i18n/timeZone";
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

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale, time zone and kind (creating one is costly). */
function dateTimeFormat(kind: "dateTime" | "day" | "time", locale: string, timeZone: string): Intl.DateTimeFormat {
    const key = `${kind}|${locale}|${timeZone}`;
    let format = dateTimeFormats.get(key);
    if (!format) {
        format = new Intl.DateTimeFormat(
            locale,
            kind === "dateTime"
                ? {
                      year: "numeric",
                      month: "short",
                      day: "numeric",
                      hour: "numeric",
                      minute: "2-digit",
                      timeZoneName: "short",
                      timeZone
                  }
                : kind === "time"
                  ? { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone }
                  : { year: "numeric", month: "short", day: "numeric", timeZone }
        );
        dateTimeFormats.set(key, format);
    }
    return format;
}

/**
 * The console's one date-and-time format: a moment from Apex (ISO string or epoch ms) in the user's locale and time
 * zone (from `@salesforce/i18n`), with the zone named, e.g. "Aug 5, 2026, 3:30 PM PDT". Empty when absent or invalid.
 * @param value ISO date-time text or epoch milliseconds
 * @param locale BCP 47 locale; defaults to the user's
 * @param timeZone IANA time zone; defaults to the user's
 */
export function formatDateTime(value: unknown, locale: string = LOCALE, timeZone: string = TIME_ZONE): string {
    const time =
        typeof value === "number" ? value : typeof value === "string" && value !== "" ? Date.parse(value) : NaN;
    if (!Number.isFinite(time)) {
        return "";
    }
    return dateTimeFormat("dateTime", locale, timeZone).format(new Date(time));
}

/**
 * The time of day of a moment in the user's locale and time zone, zone named, e.g. "4:00 PM PST".
 * @param time epoch milliseconds
 * @param locale BCP 47 locale; defaults to the user's
 * @param timeZone IANA time zone; defaults to the user's
 */
export function formatTimeOfDay(time: number, locale: string = LOCALE, timeZone: string = TIME_ZONE): string {
    return Number.isFinite(time) ? dateTimeFormat("time", locale, timeZone).format(new Date(time)) : "";
}

/** The next midnight UTC after `now` (when the daily callout budget starts again), epoch ms. */
export function nextUtcMidnight(now: number): number {
    const date = new Date(now);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/**
 * A calendar day ("2026-08-05", as the usage records keep the UTC budget day) in the user's locale, e.g.
 * "Aug 5, 2026". The day is not moved into the user's time zone: it is the UTC day it names.
 * @param value the day as yyyy-mm-dd
 * @param locale BCP 47 locale; defaults to the user's
 */
export function formatDay(value: unknown, locale: string = LOCALE): string {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return typeof value === "string" ? value : "";
    }
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) ? value : dateTimeFormat("day", locale, "UTC").format(new Date(time));
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
