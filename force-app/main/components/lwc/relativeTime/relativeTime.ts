import { LightningElement, api } from "lwc";
import { formatExactTime, formatRelativeTime } from "c/formatUtils";

/**
 * A time shown relative to now ("5 minutes ago") with the exact time in the user's locale and time zone on
 * hover and for screen readers.
 */
export default class RelativeTime extends LightningElement {
    /** The moment, epoch ms. */
    @api value?: number;
    /** The current time, epoch ms (parents pass it to refresh the text together); defaults to the clock. */
    @api now?: number;

    get hasValue(): boolean {
        return typeof this.value === "number" && Number.isFinite(this.value);
    }

    get relative(): string {
        return this.hasValue ? formatRelativeTime(this.value as number, this.now ?? Date.now()) : "";
    }

    get exact(): string {
        return this.hasValue ? formatExactTime(this.value as number) : "";
    }

    get isoValue(): string {
        return this.hasValue ? new Date(this.value as number).toISOString() : "";
    }
}
