import { LightningElement, api } from "lwc";
import { reduceErrors } from "c/errorUtils";
import TITLE from "@salesforce/label/c.Personalization_Error_Panel_Title";
import SHOW_DETAILS from "@salesforce/label/c.Personalization_Error_Panel_Show_Details";
import HIDE_DETAILS from "@salesforce/label/c.Personalization_Error_Panel_Hide_Details";
import TRY_AGAIN from "@salesforce/label/c.Personalization_Insight_Retry";

/**
 * The one error state of every Personalization card and console panel: a compact SLDS scoped notification
 * (role alert) with the friendly message, an optional "Try again" (fires `retry`) and a keyboard-accessible
 * details toggle listing the underlying messages as text.
 */
export default class ErrorPanel extends LightningElement {
    /** The friendly message shown first; defaults to a generic title. */
    @api friendlyMessage?: string;
    /** Whatever was thrown: an Apex/wire error, a list of them, an Error or a string. */
    @api errors: unknown;
    /** Offer "Try again"; the owner listens for `retry`. */
    @api retryable = false;

    showDetails = false;

    readonly labels = { tryAgain: TRY_AGAIN };

    get heading(): string {
        return this.friendlyMessage || TITLE;
    }

    get messages(): string[] {
        return reduceErrors(this.errors);
    }

    get hasDetails(): boolean {
        return this.messages.length > 0;
    }

    get hasActions(): boolean {
        return this.retryable || this.hasDetails;
    }

    get expandedText(): string {
        return this.showDetails ? "true" : "false";
    }

    get toggleLabel(): string {
        return this.showDetails ? HIDE_DETAILS : SHOW_DETAILS;
    }

    get detailItems(): { key: string; text: string }[] {
        return this.messages.map((text, index) => ({ key: `${index}`, text }));
    }

    handleToggle(): void {
        this.showDetails = !this.showDetails;
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent("retry"));
    }
}
