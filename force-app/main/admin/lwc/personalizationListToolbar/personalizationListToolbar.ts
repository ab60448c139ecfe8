import { LightningElement, api } from "lwc";
import SEARCH from "@salesforce/label/c.Personalization_Console_Search";
import RETRY_SELECTED from "@salesforce/label/c.Personalization_Console_Retry_Selected";
import RETRY_ALL from "@salesforce/label/c.Personalization_Console_Retry_All";
import DISMISS_SELECTED from "@salesforce/label/c.Personalization_Console_Dismiss_Selected";
import EXPORT from "@salesforce/label/c.Personalization_Console_Export";

/** One query after typing stops, not one per keystroke. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The toolbar of an admin failure list: one filter (combobox), a search box, an optional reset link (e.g. back to
 * every run), and the list actions. It holds no list state: it reports `filterchange` and, once typing stops,
 * `search` (both with `detail.value`), and each button as `action` with `detail.name`: `reset`, `retry-selected`,
 * `retry-all`, `dismiss-selected` or `export`.
 */
export default class PersonalizationListToolbar extends LightningElement {
    /** Filter label, value and options. */
    @api filterLabel?: string;
    @api filterValue?: string;
    @api filterOptions: { label: string; value: string }[] = [];
    /** `data-id` of the filter (kept per list, so pages and tests address it by name). */
    @api filterId = "filter";
    /** Search text shown in the box. */
    @api searchTerm = "";
    /** Label of the reset link; blank: no link. */
    @api resetLabel?: string;
    /** `data-id` of the reset link. */
    @api resetId = "reset";
    /** Fields per row on medium screens and up: 2 or 3. */
    @api columns = 2;
    /** Nothing is selected (or an action runs): Retry selected and Dismiss selected are disabled. */
    @api noSelection = false;
    /** Nothing selected can be retried (e.g. only dismissed rows): Retry selected is disabled. */
    @api noRetrySelection = false;
    /** Retry all is disabled. */
    @api retryAllDisabled = false;
    /** An action runs: Export is disabled. */
    @api busy = false;
    /** Nothing to export (no rows): Export is disabled. */
    @api exportDisabled = false;

    readonly labels = { SEARCH, RETRY_SELECTED, RETRY_ALL, DISMISS_SELECTED, EXPORT };

    private searchTimer: ReturnType<typeof setTimeout> | undefined;

    get retrySelectedDisabled(): boolean {
        return this.noSelection || this.noRetrySelection;
    }

    get noExport(): boolean {
        return this.busy || this.exportDisabled;
    }

    get fieldClass(): string {
        return `slds-col slds-size_1-of-1 slds-medium-size_1-of-${Number(this.columns) === 3 ? 3 : 2}`;
    }

    get resetClass(): string {
        return `${this.fieldClass} slds-align-bottom`;
    }

    override disconnectedCallback(): void {
        this.cancelSearch();
    }

    handleFilterChange(event: CustomEvent<{ value: string }>): void {
        this.fire("filterchange", { value: event.detail.value });
    }

    handleSearch(event: Event): void {
        const value = (event.target as HTMLInputElement).value ?? "";
        this.cancelSearch();
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            this.searchTimer = undefined;
            this.fire("search", { value });
        }, SEARCH_DEBOUNCE_MS);
    }

    /** Every button: reported as `action` with `detail.name` = the button's `data-action`. */
    handleAction(event: Event): void {
        const button = event.currentTarget as HTMLElement;
        this.dispatchEvent(new CustomEvent("action", { detail: { name: button.dataset.action ?? "" } }));
    }

    private cancelSearch(): void {
        if (this.searchTimer) {
            clearTimeout(this.searchTimer);
            this.searchTimer = undefined;
        }
    }

    private fire(name: string, detail: { value: string }): void {
        this.dispatchEvent(new CustomEvent(name, { detail }));
    }
}
