import { LightningElement, api } from "lwc";

/** A column header, optionally with its share of a fixed-layout table (e.g. "30%"). */
export interface TableColumn {
    key: string;
    label: string;
    width?: string;
}

/** One cell: text, optionally the row header or wrapping (long messages), a link and a second, weaker line. */
export interface TableCell {
    key: string;
    value: string | number;
    rowHeader?: boolean;
    cellClass?: string;
    /** The text links here (an http/https URL; anything else is shown as plain text). */
    url?: string;
    /** A second line under the value, e.g. the object or the error code. */
    detail?: string;
}

/** A cell as the template renders it. */
interface ShownCell extends TableCell {
    href?: string;
    /** The column's name, shown before the value when the table stacks on narrow screens. */
    label: string;
}

/** One row as the template renders it. */
interface ShownRow extends Omit<TableRow, "cells"> {
    cells: ShownCell[];
}

/** Only http and https links are rendered. */
function safeHref(url: string | undefined): string | undefined {
    if (!url) {
        return undefined;
    }
    try {
        const parsed = new URL(url);
        return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
    } catch {
        return undefined;
    }
}

/** One row: its record id, checkbox state and label, and its cells in column order. */
export interface TableRow {
    key: string;
    id: string;
    selected: boolean;
    selectLabel: string;
    cells: TableCell[];
}

/**
 * The table of an admin failure list (its rows stack, each value under its column name, below medium width): a checkbox column (its header is assistive text), then text columns (a cell
 * may link to its record and carry a second line).
 * Holds no selection: each checkbox change is reported as `select` with `detail.id` and `detail.checked`.
 */
export default class PersonalizationSelectableTable extends LightningElement {
    /** Column headers after the checkbox column. */
    @api columns: TableColumn[] = [];
    /** Rows to show. */
    @api rows: TableRow[] = [];
    /** Assistive header of the checkbox column. */
    @api selectColumnLabel?: string;
    /** `data-id` of the table and of each row (pages and tests address them by name). */
    @api tableId = "rows";
    @api rowId = "row";
    /** The columns keep their widths and long text wraps, so the table never scrolls sideways. */
    @api fixedLayout = false;

    get tableClass(): string {
        return `slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked${
            this.fixedLayout ? " slds-table_fixed-layout" : ""
        }`;
    }

    get shownColumns(): (TableColumn & { style: string })[] {
        return (this.columns ?? []).map((column) => ({
            ...column,
            style: column.width ? `width: ${column.width}` : ""
        }));
    }

    get shownRows(): ShownRow[] {
        return (this.rows ?? []).map((row) => ({
            ...row,
            cells: row.cells.map((cell) => ({
                ...cell,
                href: safeHref(cell.url),
                label: (this.columns ?? []).find((column) => column.key === cell.key)?.label ?? ""
            }))
        }));
    }

    handleSelect(event: Event): void {
        const target = event.target as HTMLInputElement;
        const detail = { id: target.dataset.rowId ?? "", checked: target.checked === true };
        this.dispatchEvent(new CustomEvent("select", { detail }));
    }
}
