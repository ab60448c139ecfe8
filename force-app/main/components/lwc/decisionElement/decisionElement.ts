import { LightningElement } from "lwc";
import { personOptions } from "c/dataUtils";
import {
    DecisionCardState,
    DecisionContext,
    DecisionItem,
    DecisionResult,
    FeedbackRequest,
    FeedbackType,
    feedbackItem,
    toDecisionResult,
    wasDelivered
} from "c/decisionUtils";
import { formatLabel } from "c/formatUtils";
import FEEDBACK_FAILED_ITEM from "@salesforce/label/c.Personalization_Decision_Feedback_Failed_Item";

/** How a rep's feedback is shown when it does not reach Personalization. */
export interface FeedbackFailure {
    /** The action as the button reads, e.g. "Accept". */
    actionLabel: string;
    /** Undoes the optimistic change (e.g. the item is no longer shown as accepted). */
    revert?: () => void;
    /** Applies the optimistic change again before a retry. */
    reapply?: () => void;
}

/** The App Builder properties every decision component has (each component declares them with `@api`). */
export interface DecisionProperties {
    recordId?: string;
    identifierField?: string;
    identityType?: string;
    mcpDataset?: string;
    mcpDatafield?: string;
    actionName?: string;
    sourceApplication?: string;
    /** Opportunity pages: "Primary or most recent" (blank) or "Primary only". */
    opportunityContactRoles?: string;
    /** Case pages: whether a case without contact uses its web email (unset: yes; App Builder default true). */
    useCaseWebEmail?: boolean;
}

/** A load request, as `PersonalizationDecisionModel.LoadRequest`. */
export interface DecisionLoadRequest extends DecisionContext {
    actionName?: string;
    maxItems: number;
    opportunityContactRoles?: string;
    useCaseWebEmail?: boolean;
}

/**
 * What Next Best Promotion/Action and Next Best Recommendation share: one Apex load per connect or refresh
 * (a slower, older answer never overwrites a newer one), an impression once items or a control group render,
 * fire-and-forget feedback (the UI has already changed; only a final failure is shown, politely), and the keys of
 * images that failed to load. Each component supplies its controller calls, its properties and what it shows.
 */
export default abstract class DecisionElement extends LightningElement {
    isLoading = true;
    error: unknown;
    result?: DecisionResult;
    brokenImageKeys: string[] = [];
    notice = "";
    /** The rep's last feedback that failed, in words; cleared by a retry or a reload. */
    feedbackError?: string;
    /** A refresh failed and the items shown are the last good ones. */
    stale = false;
    private retryFeedback?: () => void;
    private loadSequence = 0;

    /** The component's App Builder properties (the component itself). */
    protected abstract get properties(): DecisionProperties;
    /** Shown when there is nothing to show and the server gave no reason (e.g. a missing identity). */
    protected abstract get emptyLabel(): string;
    /** Most items shown, already bounded. */
    protected abstract get boundedMaxItems(): number;
    /** Calls the controller's load method. */
    protected abstract fetchDecision(request: DecisionLoadRequest): Promise<unknown>;
    /** Calls the controller's feedback method. */
    protected abstract postFeedback(feedback: FeedbackRequest): Promise<unknown>;

    override connectedCallback(): void {
        this.load();
    }

    /** The items on the card (a component may hide some, e.g. dismissed ones). */
    get visibleItems(): DecisionItem[] {
        return this.result?.items ?? [];
    }

    get hasItems(): boolean {
        return this.visibleItems.length > 0;
    }

    get showControlHint(): boolean {
        return this.result?.showControlGroupHint === true;
    }

    get emptyMessage(): string {
        return this.result?.missingIdentityMessage ?? this.emptyLabel;
    }

    /** Everything the card shows around the items, in one binding. */
    get card(): DecisionCardState {
        return {
            isLoading: this.isLoading,
            error: this.error,
            hasItems: this.hasItems,
            emptyMessage: this.emptyMessage,
            emptyHint: this.result?.fixHint,
            showControlHint: this.showControlHint,
            notice: this.notice,
            feedbackError: this.feedbackError,
            stale: this.stale
        };
    }

    async load(): Promise<void> {
        const sequence = ++this.loadSequence;
        this.isLoading = true;
        this.error = undefined;
        try {
            const raw = await this.fetchDecision({
                ...this.context,
                actionName: this.properties.actionName,
                maxItems: this.boundedMaxItems,
                ...personOptions(this.properties)
            });
            if (sequence !== this.loadSequence) {
                return;
            }
            this.result = toDecisionResult(raw, this.boundedMaxItems);
            this.stale = false;
            this.brokenImageKeys = [];
            this.resetItemState();
            this.sendImpression(this.result);
        } catch (error) {
            if (sequence === this.loadSequence) {
                // a failed refresh keeps the last good items on screen and says they are from earlier
                if (this.result !== undefined && this.result.items.length > 0) {
                    this.stale = true;
                } else {
                    this.result = undefined;
                    this.error = error;
                }
            }
        } finally {
            if (sequence === this.loadSequence) {
                this.isLoading = false;
            }
        }
    }

    handleRefresh(): void {
        this.notice = "";
        this.clearFeedbackError();
        this.load();
    }

    /** Retry of the rep's last failed feedback (the card's Retry button). */
    handleFeedbackRetry(): void {
        const retry = this.retryFeedback;
        this.clearFeedbackError();
        retry?.();
    }

    private clearFeedbackError(): void {
        this.feedbackError = undefined;
        this.retryFeedback = undefined;
    }

    handleImageError(event: Event): void {
        const key = this.keyOf(event);
        if (key && !this.brokenImageKeys.includes(key)) {
            this.brokenImageKeys = [...this.brokenImageKeys, key];
        }
    }

    /** Clears a component's per-item state when new items arrive. */
    protected resetItemState(): void {
        // nothing beyond the broken images by default
    }

    /**
     * Fire-and-forget: only a final failure (after the server's own retry) is shown, once, in words with Retry, and
     * the optimistic change is undone (never "Accepted" beside "could not be sent"). Impressions fail silently: the
     * server logs them for the admin, and a rep cannot act on them.
     */
    protected send(
        feedbackType: FeedbackType,
        items: DecisionItem[],
        extra: Partial<FeedbackRequest> = {},
        failure?: FeedbackFailure
    ): void {
        const feedback: FeedbackRequest = { ...this.context, ...extra, feedbackType, items: items.map(feedbackItem) };
        const failed = (): void => {
            if (failure === undefined) {
                return;
            }
            failure.revert?.();
            this.feedbackError = formatLabel(FEEDBACK_FAILED_ITEM, failure.actionLabel, items[0]?.name ?? "");
            this.retryFeedback = () => {
                failure.reapply?.();
                this.send(feedbackType, items, extra, failure);
            };
        };
        this.postFeedback(feedback)
            .then((outcome: unknown) => {
                if (!wasDelivered(outcome)) {
                    failed();
                }
            })
            .catch(failed);
    }

    /** The `data-key` of the element the handler is attached to. */
    protected keyOf(event: Event): string | undefined {
        const target = event.currentTarget;
        return target instanceof HTMLElement ? target.dataset.key : undefined;
    }

    /** The visible item whose element raised the event. */
    protected itemOf(event: Event): DecisionItem | undefined {
        const key = this.keyOf(event);
        return this.visibleItems.find((item) => item.key === key);
    }

    private get context(): DecisionContext {
        const properties = this.properties;
        return {
            recordId: properties.recordId,
            identifierField: properties.identifierField,
            identityType: properties.identityType,
            dataset: properties.mcpDataset,
            datafield: properties.mcpDatafield,
            sourceApplication: properties.sourceApplication
        };
    }

    /** Only where the admin opted in: a rep seeing a card is not the customer acting. */
    private sendImpression(result: DecisionResult): void {
        if (result.sendImpressions && (result.items.length > 0 || result.controlExperienceIds.length > 0)) {
            this.send("Impression", result.items, { controlExperienceIds: result.controlExperienceIds });
        }
    }
}
