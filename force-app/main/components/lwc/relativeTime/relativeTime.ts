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

    /** A moment in the future (clock skew between MCP and the browser) reads "just now"; the exact time stays. */
    get relative(): string {
        if (!this.hasValue) {
            return "";
        }
        const now = this.now ?? Date.now();
        return formatRelativeTime(Math.min(this.value as number, now), now);
    }

    get exact(): string {
        return this.hasValue ? formatExactTime(this.value as number) : "";
    }

    get isoValue(): string {
        return this.hasValue ? new Date(this.value as number).toISOString() : "";
    }
}
