import { LightningElement, api } from "lwc";

/** A choice of the name picker. */
interface RowOption {
    label: string;
    value: string;
}

/**
 * One mapping row of the Send Data property editor (an identity, a user attribute or a profile-object attribute):
 * a name picked from Personalization metadata, the Flow value mapped to it (a literal or a `{!reference}`), and a
 * remove button. It holds no mapping state and no strings of its own: the editor passes the labels (identity rows
 * name their picker differently) and the row, and hears `attributechange` and `valuechange` (`detail.value`) and
 * `remove`. The events neither bubble nor cross the shadow boundary: the editor listens on this element, whose
 * `data-*` attributes say which row it is.
 */
export default class PersonalizationSendDataRow extends LightningElement {
    /** Label of the name picker. */
    @api attributeLabel?: string;
    /** Names the picker offers. */
    @api options: RowOption[] = [];
    /** The picked name. */
    @api attribute?: string;
    /** Label of the value box. */
    @api valueLabel?: string;
    /** Help text of the value box. */
    @api valueHelp?: string;
    /** The mapped value as the admin typed it. */
    @api value?: string;
    /** Alternative text and title of the remove button (names the row, for screen readers). */
    @api removeLabel?: string;

    handleAttributeChange(event: CustomEvent<{ value: string }>): void {
        this.dispatchEvent(new CustomEvent("attributechange", { detail: { value: event.detail.value ?? "" } }));
    }

    handleValueChange(event: CustomEvent<{ value: string }>): void {
        this.dispatchEvent(new CustomEvent("valuechange", { detail: { value: event.detail.value ?? "" } }));
    }

    handleRemove(): void {
        this.dispatchEvent(new CustomEvent("remove"));
    }
}
