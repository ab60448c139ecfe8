import { LightningElement } from "lwc";
import STALE from "@salesforce/label/c.Personalization_Card_Stale";
import TRY_AGAIN from "@salesforce/label/c.Personalization_Insight_Retry";

/**
 * Said above a card's data when a refresh failed and the data shown is the last good one, with Try again
 * (fires `retry`). Shared by the insight and decision cards.
 */
export default class StaleNotice extends LightningElement {
    readonly labels = { stale: STALE, tryAgain: TRY_AGAIN };

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent("retry"));
    }
}
