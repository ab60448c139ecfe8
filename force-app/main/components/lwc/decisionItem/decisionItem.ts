import { LightningElement, api } from "lwc";

/**
 * One promotion or recommended item: its thumbnail, its name, and whatever the decision component adds below the
 * name (default slot). A failed image becomes an icon only when the owner says so (`imageBroken`), so the owner
 * keeps the state and can reset it on reload; this component only reports the failure with `imageerror`.
 */
export default class DecisionItem extends LightningElement {
    /** Item name (text only). */
    @api name?: string;
    /** Image URL (already http/https only); blank: no thumbnail. */
    @api imageUrl?: string;
    /** The image failed to load: show the fallback icon. */
    @api imageBroken = false;

    get showImage(): boolean {
        return this.imageUrl !== undefined && !this.imageBroken;
    }

    get showImageFallback(): boolean {
        return this.imageUrl !== undefined && this.imageBroken;
    }

    handleImageError(): void {
        this.dispatchEvent(new CustomEvent("imageerror"));
    }
}
