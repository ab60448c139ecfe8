import { LightningElement, api } from "lwc";
import LOADING from "@salesforce/label/c.Personalization_Insight_Loading";

/** Placeholder rows shown while a Personalization card loads; announced once to screen readers. */
export default class LoadingSkeleton extends LightningElement {
    /** Number of placeholder rows (1–10). */
    @api rows = 3;

    readonly loadingLabel = LOADING;

    get placeholders(): { key: string; style: string }[] {
        const count = Math.max(1, Math.min(10, Math.trunc(Number(this.rows)) || 3));
        // decreasing widths read as a list of bars rather than a block
        return Array.from({ length: count }, (_, index) => ({
            key: `row-${index}`,
            style: `width: ${100 - ((index * 17) % 45)}%`
        }));
    }
}
