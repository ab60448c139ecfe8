import { LightningElement, api } from "lwc";
import type { DecisionCardState } from "c/decisionUtils";
import REFRESH from "@salesforce/label/c.Personalization_Decision_Refresh";
import LOADING from "@salesforce/label/c.Personalization_Decision_Loading";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Decision_Load_Error";
import CONTROL_HINT from "@salesforce/label/c.Personalization_Decision_Control_Hint";
import FEEDBACK_FAILED from "@salesforce/label/c.Personalization_Decision_Feedback_Failed";

/** Until the owner binds its state: loading. */
const LOADING_STATE: DecisionCardState = {
    isLoading: true,
    error: undefined,
    hasItems: false,
    emptyMessage: "",
    showControlHint: false,
    notice: "",
    feedbackFailed: false
};

/** Placeholder rows while loading: enough to read as a list without pushing the page down. */
const SKELETON_ROWS = ["row-1", "row-2"];

/**
 * The card every decision component renders: title and refresh button, then exactly one of the loading skeleton,
 * the error, the items (default slot) or the empty message (with the control-group hint when the customer is in a
 * control group), followed by a polite status line for notices and failed feedback and an optional `footer` slot.
 * Holds no state: the decision component owns it and listens for `refresh`.
 */
export default class DecisionCard extends LightningElement {
    /** Card title. */
    @api cardTitle?: string;
    /** SLDS icon of the card. */
    @api iconName?: string;
    /** Loading, error, whether there are items, empty message, control hint, notice, failed feedback. */
    @api state: DecisionCardState = LOADING_STATE;

    readonly labels = {
        refresh: REFRESH,
        loading: LOADING,
        loadError: LOAD_ERROR,
        controlHint: CONTROL_HINT,
        feedbackFailed: FEEDBACK_FAILED
    };

    readonly skeletonRows = SKELETON_ROWS;

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent("refresh"));
    }
}
