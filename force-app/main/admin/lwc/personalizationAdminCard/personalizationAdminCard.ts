import { LightningElement, api } from "lwc";
import REFRESH from "@salesforce/label/c.Personalization_Console_Refresh";
import LOADING from "@salesforce/label/c.Personalization_Console_Loading";
import REFRESH_NAMED from "@salesforce/label/c.Personalization_Card_Refresh_Named";
import { formatLabel } from "c/formatUtils";

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

    /** "Refresh Delivery log": each card's refresh button has its own accessible name. */
    get refreshLabel(): string {
        return this.cardTitle ? formatLabel(REFRESH_NAMED, this.cardTitle) : REFRESH;
    }

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent("refresh"));
    }
}
