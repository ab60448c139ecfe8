import { LightningElement, api } from "lwc";
import FIX from "@salesforce/label/c.Personalization_Console_Preflight_Fix";

/** One check line as the panel shows it. */
export interface RunLine {
    key: string;
    /** utility:success, utility:warning, utility:error or utility:info. */
    iconName: string;
    /** The status in words (the icon's alternative text). */
    statusText: string;
    /** What was checked, bold before the status (diagnostics); blank: the message stands alone (pre-flight). */
    name?: string;
    /** Shown after the status, weak: e.g. "not needed with the current settings" or "HTTP 403". */
    notes?: string[];
    message: string;
    /** How to fix it; blank when nothing is to fix. */
    fix?: string;
    /** `data-passed`, `data-capability` and `data-status` of the line, for pages and tests. */
    passed?: boolean;
    capability?: string;
    status?: string;
}

/** A line with what the template needs besides the caller's fields. */
interface ShownLine extends RunLine {
    hasName: boolean;
    noteText: string;
}

/**
 * The panel of an admin console check (pre-flight check, connection diagnostics): the card title and intro, the
 * run button (reported as `run`; disabled with a spinner while `running`), extra buttons in the `actions` slot,
 * the error panel, then after a run the `summary` slot, when it ran and one line per check with its status icon
 * (status in words for screen readers), message and fix. When a run the user started ends, focus moves to the
 * results, so a keyboard or screen-reader user lands on what the run found.
 */
export default class PersonalizationRunPanel extends LightningElement {
    @api cardTitle?: string;
    @api intro?: string;
    /** Label of the run button when idle and while running. */
    @api runLabel?: string;
    @api runningLabel?: string;
    /** Whether the check has run (lines and summary show). */
    @api ran = false;
    /** Load or run error; shown instead of the results. */
    @api error: unknown;
    @api errorMessage?: string;
    /** "Checked Aug 5, 2026, 3:30 PM PDT", or blank. */
    @api ranAtText?: string;
    /** The check lines. */
    @api lines: RunLine[] = [];
    /** `data-id` of the list, its lines and their fix (kept per panel: pages and tests address them by name). */
    @api listId = "lines";
    @api lineId = "line";
    @api fixId = "fix";

    readonly labels = { FIX };

    private isRunning = false;
    private focusPending = false;
    private startedHere = false;

    /** A run is under way: the button is disabled and the spinner shows. */
    @api
    get running(): boolean {
        return this.isRunning;
    }
    set running(value: boolean) {
        const ended = this.isRunning && !value;
        this.isRunning = value === true;
        if (ended && this.startedHere) {
            this.focusPending = true;
            this.startedHere = false;
        }
    }

    get buttonLabel(): string | undefined {
        return this.isRunning ? (this.runningLabel ?? this.runLabel) : this.runLabel;
    }

    get showResults(): boolean {
        return this.ran && !this.error;
    }

    get hasLines(): boolean {
        return this.showResults && this.lines.length > 0;
    }

    get shownLines(): ShownLine[] {
        return (this.lines ?? []).map((line) => ({
            ...line,
            hasName: Boolean(line.name),
            noteText: (line.notes ?? []).filter(Boolean).join(" · ")
        }));
    }

    handleRun(): void {
        this.startedHere = true;
        this.dispatchEvent(new CustomEvent("run"));
    }

    override renderedCallback(): void {
        if (!this.focusPending) {
            return;
        }
        this.focusPending = false;
        const target = this.template?.querySelector<HTMLElement>(
            this.error ? '[data-id="error-region"]' : '[data-id="results"]'
        );
        target?.focus();
    }
}
