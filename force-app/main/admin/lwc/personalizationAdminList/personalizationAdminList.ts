import { LightningElement } from "lwc";
import { downloadCsv, runListAction, toCsv, toggleSelection, type CsvColumn } from "c/personalizationAdminUtils";
import type { TableColumn, TableRow } from "c/personalizationSelectableTable";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";

/** A list column: its header and value (as exported), and how the table shows it. */
export interface ListColumn<T> extends CsvColumn<T> {
    key: string;
    /** The row's name: a row header cell. */
    rowHeader?: boolean;
    /** Long text that wraps. */
    wrap?: boolean;
    /** false: shown, not exported. */
    exported?: boolean;
    /** false: exported, not shown (e.g. the record Id behind a linked name). */
    shown?: boolean;
    /** Where the shown value links to (http/https), e.g. the record page. */
    url?: (row: T) => string | undefined;
    /** A second, weaker line under the shown value. */
    detail?: (row: T) => string;
    /** Its share of a fixed-layout table, e.g. "30%". */
    width?: string;
}

/** What every list row has besides its columns' values. */
export interface ListRow {
    key: string;
    id: string;
    selected: boolean;
    selectLabel: string;
}

/** What the selectable table binds. */
export interface ListTable {
    columns: TableColumn[];
    rows: TableRow[];
}

/**
 * What the admin failure lists (delivery log, sync failures) share: the spinner and error panel state, the search
 * text the toolbar reports, the selection of rows the table reports, actions that toast their count
 * and reload, and the CSV export. Each list supplies its Apex calls, filter and columns.
 */
export default abstract class PersonalizationAdminList extends LightningElement {
    loading = true;
    busy = false;
    error: unknown;
    errorMessage = LOAD_ERROR;
    search = "";
    selectedIds = new Set<string>();

    /** Reloads the rows the filter and search select (after a search). */
    protected abstract reloadRows(): Promise<void>;
    /** Reloads everything the list shows (after an action). */
    protected abstract reloadAll(): Promise<void>;
    /** The toolbar's actions. */
    protected abstract retrySelected(): Promise<void>;
    protected abstract retryAll(): Promise<void>;
    protected abstract dismissSelected(): Promise<void>;
    protected abstract exportRows(): void;

    /** Retry selected and Dismiss selected are disabled. */
    get noSelection(): boolean {
        return this.selectedIds.size === 0 || this.busy;
    }

    /** The toolbar reports the search once typing stops. */
    async handleSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        this.search = event.detail.value;
        await this.reloadRows();
    }

    /** The toolbar reports each button as an action. */
    async handleAction(event: CustomEvent<{ name: string }>): Promise<void> {
        switch (event.detail.name) {
            case "retry-selected":
                return this.retrySelected();
            case "retry-all":
                return this.retryAll();
            case "dismiss-selected":
                return this.dismissSelected();
            case "export":
                return this.exportRows();
            case "reset":
                return this.resetFilter();
            default:
                return undefined;
        }
    }

    /** Clears the list's own extra filter (the toolbar's reset link); none by default. */
    protected resetFilter(): Promise<void> {
        return Promise.resolve();
    }

    /** The table reports each checkbox change. */
    handleSelect(event: CustomEvent<{ id: string; checked: boolean }>): void {
        this.selectedIds = toggleSelection(this.selectedIds, event.detail.id, event.detail.checked);
    }

    /** The selected row ids, in selection order. */
    protected get selection(): string[] {
        return [...this.selectedIds];
    }

    /**
     * Runs `read` and shows its failure in the error panel (a successful read clears an earlier error).
     * @param read the Apex reads, assigning the list's fields
     * @param withSpinner whether the spinner shows meanwhile
     */
    protected async loadWith(read: () => Promise<void>, withSpinner: boolean): Promise<void> {
        if (withSpinner) {
            this.loading = true;
        }
        try {
            await read();
            this.error = undefined;
        } catch (error) {
            this.errorMessage = LOAD_ERROR;
            this.error = error;
        } finally {
            if (withSpinner) {
                this.loading = false;
            }
        }
    }

    /** Runs a retry or dismiss: busy meanwhile, a toast with the count (`message` "{0} …"), then a full reload. */
    protected act(action: () => Promise<unknown>, message: string): Promise<void> {
        return runListAction(this, action, message, () => this.reloadAll());
    }

    /** The table of `rows` under `columns`. */
    protected toTable<T extends ListRow>(columns: ListColumn<T>[], rows: T[]): ListTable {
        const shown = columns.filter((column) => column.shown !== false);
        return {
            columns: shown.map((column) => ({ key: column.key, label: column.header, width: column.width })),
            rows: rows.map((row) => ({
                key: row.key,
                id: row.id,
                selected: row.selected,
                selectLabel: row.selectLabel,
                cells: shown.map((column) => {
                    const value = column.value(row);
                    return {
                        key: column.key,
                        value: value === null || value === undefined ? "" : String(value),
                        rowHeader: column.rowHeader === true,
                        cellClass: column.wrap ? "slds-cell-wrap" : "",
                        url: column.url?.(row),
                        detail: column.detail?.(row) ?? ""
                    };
                })
            }))
        };
    }

    /** Downloads `rows` as CSV, with the exported columns. */
    protected exportCsv<T>(fileName: string, columns: ListColumn<T>[], rows: T[]): void {
        downloadCsv(
            fileName,
            toCsv<T>(
                columns.filter((column) => column.exported !== false),
                rows
            )
        );
    }
}
