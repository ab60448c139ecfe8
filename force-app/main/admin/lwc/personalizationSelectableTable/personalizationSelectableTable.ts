import { LightningElement, api } from "lwc";

/** A column header. */
export interface TableColumn {
    key: string;
    label: string;
}

/** One cell: text, optionally the row header or wrapping (long messages). */
export interface TableCell {
    key: string;
    value: string | number;
    rowHeader?: boolean;
    cellClass?: string;
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
 * The table of an admin failure list: a checkbox column (its header is assistive text), then text columns.
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

    handleSelect(event: Event): void {
        const target = event.target as HTMLInputElement;
        const detail = { id: target.dataset.rowId ?? "", checked: target.checked === true };
        this.dispatchEvent(new CustomEvent("select", { detail }));
    }
}
