import { LightningElement, api } from "lwc";
import type { DecisionCardState } from "c/decisionUtils";
import REFRESH from "@salesforce/label/c.Personalization_Decision_Refresh";
import LOADING from "@salesforce/label/c.Personalization_Decision_Loading";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Decision_Load_Error";
import CONTROL_HINT from "@salesforce/label/c.Personalization_Decision_Control_Hint";
import RETRY from "@salesforce/label/c.Personalization_Decision_Retry";
import REFRESH_NAMED from "@salesforce/label/c.Personalization_Card_Refresh_Named";
import { formatLabel } from "c/formatUtils";

/** Until the owner binds its state: loading. */
const LOADING_STATE: DecisionCardState = {
    isLoading: true,
    error: undefined,
    hasItems: false,
    emptyMessage: "",
    showControlHint: false,
    notice: "",
    stale: false
};

/** Placeholder rows while loading: enough to read as a list without pushing the page down. */
const SKELETON_ROWS = ["row-1", "row-2"];

/**
 * The card every decision component renders: title and refresh button, then exactly one of the loading skeleton,
 * the error, the items (default slot) or the empty message (with the control-group hint when the customer is in a
 * control group), followed by a polite status line for notices and failed feedback (with Retry) and an optional
 * `footer` slot. A failed load shows one compact error with "Try again"; a failed refresh keeps the items and says
 * they are from earlier. Holds no state: the decision component owns it and listens for `refresh` and
 * `feedbackretry`.
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
        retry: RETRY
    };

    readonly skeletonRows = SKELETON_ROWS;

    /** "Refresh Next Best Offers": each card's refresh button has its own accessible name. */
    get refreshLabel(): string {
        return this.cardTitle ? formatLabel(REFRESH_NAMED, this.cardTitle) : REFRESH;
    }

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent("refresh"));
    }

    handleFeedbackRetry(): void {
        this.dispatchEvent(new CustomEvent("feedbackretry"));
    }
}
