import { LightningElement, api } from "lwc";
import REFRESH from "@salesforce/label/c.Personalization_Console_Refresh";
import LOADING from "@salesforce/label/c.Personalization_Console_Loading";

/**
 * The card of an admin console list: title and refresh button (reported as `refresh`), then the `header` slot
 * (e.g. counts and a toolbar), the spinner while loading, the error panel, and the list itself (default slot).
 */
export default class PersonalizationAdminCard extends LightningElement {
    /** Card title. */
    @api cardTitle?: string;
    /** Shows the spinner. */
    @api loading = false;
    /** Load or action error (Apex error or Error); shown under the header slot. */
    @api error: unknown;
    /** What the error panel says first. */
    @api errorMessage?: string;

    readonly labels = { REFRESH, LOADING };

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent("refresh"));
    }
}
