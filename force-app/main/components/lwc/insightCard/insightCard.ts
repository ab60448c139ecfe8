import { LightningElement, api } from "lwc";
import { formatLabel } from "c/formatUtils";
import type { InsightEnvelope } from "c/dataUtils";
import REFRESH from "@salesforce/label/c.Personalization_Insight_Refresh";
import LAST_UPDATED from "@salesforce/label/c.Personalization_Insight_Last_Updated";
import NO_PROFILE from "@salesforce/label/c.Personalization_Insight_No_Profile";
import IDENTITY_USED from "@salesforce/label/c.Personalization_Insight_Identity_Used";
import NO_IDENTITY_TITLE from "@salesforce/label/c.Personalization_Insight_No_Identity_Title";
import LOAD_FAILED from "@salesforce/label/c.Personalization_Insight_Load_Failed";
import ACROSS_CONTACTS from "@salesforce/label/c.Personalization_Insight_Across_Contacts";
import UNAVAILABLE_TITLE from "@salesforce/label/c.Personalization_Unavailable_Title";
import REFRESH_NAMED from "@salesforce/label/c.Personalization_Card_Refresh_Named";

/** What every insight answer carries besides its data (the Apex `status` envelope). */
export type InsightAnswer = InsightEnvelope;

/**
 * The card every insight component renders: title and refresh, then exactly one of the loading skeleton (first
 * load only), the compact error with Try again (c-error-panel), the no-identity or no-profile explanation, what is not available on
 * the configured MCP account and how an admin enables it, or the component's data
 * (default slot) with a note when the identity matched several profiles; the footer says when the data was read.
 * Holds no state: the insight component owns the answer and listens for `refresh` (refresh and retry).
 */
export default class InsightCard extends LightningElement {
    /** Card title. */
    @api cardTitle?: string;
    /** SLDS icon of the card. */
    @api iconName?: string;
    /** A request is running (refresh disabled). */
    @api loading = false;
    /** Placeholder rows of the first load. */
    @api skeletonRows = 3;
    /** Load error; shown in the error panel with Try again. */
    @api error: unknown;
    /** The last answer (undefined before the first one). */
    @api answer?: InsightAnswer;
    /** Current time for the last-updated text (blank: the clock). */
    @api now?: number;
    /** A refresh failed: the answer shown is the last good one (said above it, with Try again). */
    @api stale = false;

    readonly labels = {
        refresh: REFRESH,
        lastUpdated: LAST_UPDATED,
        noProfile: NO_PROFILE,
        noIdentityTitle: NO_IDENTITY_TITLE,
        loadFailed: LOAD_FAILED,
        unavailableTitle: UNAVAILABLE_TITLE
    };

    /** "Refresh Affinities": each card's refresh button has its own accessible name. */
    get refreshLabel(): string {
        return this.cardTitle ? formatLabel(REFRESH_NAMED, this.cardTitle) : REFRESH;
    }

    get showSkeleton(): boolean {
        return this.loading && !this.answer && !this.error;
    }

    get isOk(): boolean {
        return !this.error && this.answer?.status === "OK";
    }

    get isNoProfile(): boolean {
        return !this.error && this.answer?.status === "NO_PROFILE";
    }

    get isNoIdentity(): boolean {
        return !this.error && this.answer?.status === "NO_IDENTITY";
    }

    /** The configured MCP account does not serve what this card needs: say what and how to enable it. */
    get isUnavailable(): boolean {
        return !this.error && this.answer?.status === "UNAVAILABLE";
    }

    get unavailableMessage(): string {
        return this.answer?.message ?? "";
    }

    get unavailableHint(): string {
        return this.answer?.fixHint ?? "";
    }

    get noIdentityMessage(): string {
        return this.answer?.message ?? "";
    }

    /** What to do about a record without person, e.g. "Add a contact to the case" (blank when none). */
    get noIdentityHint(): string {
        return this.answer?.fixHint ?? "";
    }

    get identityText(): string {
        const tried = this.answer?.identitiesTried ?? [];
        return tried.length > 0 ? formatLabel(IDENTITY_USED, tried.join(", ")) : "";
    }

    get aggregateText(): string {
        const count = this.answer?.profileCount ?? 0;
        return count > 1 ? formatLabel(ACROSS_CONTACTS, count) : "";
    }

    get fetchedAt(): number | undefined {
        return this.answer?.fetchedAt;
    }

    handleRefresh(): void {
        this.dispatchEvent(new CustomEvent("refresh"));
    }
}
