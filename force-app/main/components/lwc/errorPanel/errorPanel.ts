import { LightningElement, api } from "lwc";
import { reduceErrors } from "c/errorUtils";
import TITLE from "@salesforce/label/c.Personalization_Error_Panel_Title";
import SHOW_DETAILS from "@salesforce/label/c.Personalization_Error_Panel_Show_Details";
import HIDE_DETAILS from "@salesforce/label/c.Personalization_Error_Panel_Hide_Details";

/**
 * Shows a friendly error message with an optional, keyboard-accessible details toggle listing the
 * underlying messages. Used by every Personalization component (one look, one behaviour).
 */
export default class ErrorPanel extends LightningElement {
    /** The friendly message shown first; defaults to a generic title. */
    @api friendlyMessage?: string;
    /** Whatever was thrown: an Apex/wire error, a list of them, an Error or a string. */
    @api errors: unknown;

    showDetails = false;

    get heading(): string {
        return this.friendlyMessage || TITLE;
    }

    get messages(): string[] {
        return reduceErrors(this.errors);
    }

    get hasDetails(): boolean {
        return this.messages.length > 0;
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
}
