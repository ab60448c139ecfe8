import { LightningElement } from "lwc";
import { downloadCsv, runListAction, toCsv, toggleSelection, type CsvColumn } from "c/personalizationAdminUtils";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";

/**
 * What the admin failure lists (delivery log, sync failures) share: the spinner and error panel state, the search
 * text the toolbar reports, the selection of rows (checkboxes carry `data-row-id`), actions that toast their count
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

    /** Retry selected and Dismiss selected are disabled. */
    get noSelection(): boolean {
        return this.selectedIds.size === 0 || this.busy;
    }

    /** The toolbar reports the search once typing stops. */
    async handleSearch(event: CustomEvent<{ value: string }>): Promise<void> {
        this.search = event.detail.value;
        await this.reloadRows();
    }

    handleSelect(event: Event): void {
        const target = event.target as HTMLInputElement;
        this.selectedIds = toggleSelection(this.selectedIds, target.dataset.rowId ?? "", target.checked);
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

    /** Downloads the rows as CSV. */
    protected exportCsv<T>(fileName: string, columns: CsvColumn<T>[], rows: T[]): void {
        downloadCsv(fileName, toCsv<T>(columns, rows));
    }
}
