import { LightningElement, api } from "lwc";
import TYPE_ANOTHER from "@salesforce/label/c.Personalization_Flow_Editor_Type_Another";
import TYPED_HELP from "@salesforce/label/c.Personalization_Flow_Editor_Typed_Help";

/** Value of the picker's "type another name" choice (never a real MCP name: it has a space). */
const TYPE_ANOTHER_VALUE = "__type another__";

/** A choice of the name picker. */
interface RowOption {
    label: string;
    value: string;
}

/**
 * One mapping row of the Send Data property editor (an identity, a user attribute or a profile-object attribute):
 * a name picked from Personalization metadata (or typed where MCP offers none), the Flow value mapped to it (a literal or a `{!reference}`), and a
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
    /**
     * Names may be typed: MCP offers no metadata API on the documented surface, so the choices are only what the
     * org knows. The picker then ends with "Type another name", and a name outside the choices shows as text.
     */
    @api allowTyped = false;

    private typingChosen = false;
    readonly typedHelp = TYPED_HELP;

    /** The name is typed rather than picked. */
    get typing(): boolean {
        if (!this.allowTyped) return false;
        const known = this.options.some((option) => option.value === this.attribute);
        return this.typingChosen || this.options.length === 0 || (Boolean(this.attribute) && !known);
    }

    get pickerOptions(): RowOption[] {
        return this.allowTyped ? [...this.options, { label: TYPE_ANOTHER, value: TYPE_ANOTHER_VALUE }] : this.options;
    }

    handleAttributeChange(event: CustomEvent<{ value: string }>): void {
        if (event.detail.value === TYPE_ANOTHER_VALUE) {
            this.typingChosen = true;
            this.dispatchEvent(new CustomEvent("attributechange", { detail: { value: "" } }));
            return;
        }
        this.dispatchEvent(new CustomEvent("attributechange", { detail: { value: event.detail.value ?? "" } }));
    }

    handleValueChange(event: CustomEvent<{ value: string }>): void {
        this.dispatchEvent(new CustomEvent("valuechange", { detail: { value: event.detail.value ?? "" } }));
    }

    handleRemove(): void {
        this.dispatchEvent(new CustomEvent("remove"));
    }
}
