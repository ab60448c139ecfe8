import { api } from "lwc";
import { loadPromotions, sendFeedback } from "c/recordPageData";
import DecisionElement, { DecisionLoadRequest, DecisionProperties } from "c/decisionElement";
import { DecisionItem, FeedbackRequest, boundedInteger, formatLabel } from "c/decisionUtils";
import TITLE from "@salesforce/label/c.Personalization_NBA_Title";
import EMPTY from "@salesforce/label/c.Personalization_NBA_Empty";
import OFFERED from "@salesforce/label/c.Personalization_NBA_Offered";
import ACCEPT from "@salesforce/label/c.Personalization_NBA_Accept";
import NOT_INTERESTED from "@salesforce/label/c.Personalization_NBA_Not_Interested";
import UNDO from "@salesforce/label/c.Personalization_NBA_Undo";
import HIDDEN_NOTICE from "@salesforce/label/c.Personalization_NBA_Hidden_Notice";
import DETAILS from "@salesforce/label/c.Personalization_NBA_Details";
import ACTIONS_FOR from "@salesforce/label/c.Personalization_NBA_Actions_For";
import DISMISS_REASON from "@salesforce/label/c.Personalization_NBA_Dismiss_Reason";
import DISMISS_CONFIRM from "@salesforce/label/c.Personalization_NBA_Dismiss_Confirm";
import CANCEL from "@salesforce/label/c.Personalization_NBA_Cancel";
import STATUS_OFFERED from "@salesforce/label/c.Personalization_NBA_Status_Offered";
import STATUS_ACCEPTED from "@salesforce/label/c.Personalization_NBA_Status_Accepted";
import FLOW_FINISHED from "@salesforce/label/c.Personalization_NBA_Flow_Finished";

type ItemStatus = "offered" | "accepted";

/** What the template iterates: an item plus its display switches and state. */
interface PromotionView extends DecisionItem {
    figureUrl?: string;
    imageBroken: boolean;
    showDescription: boolean;
    showDetails: boolean;
    detailsAssistiveText: string;
    actionsLabel: string;
    statusText?: string;
    offerDisabled: boolean;
    acceptDisabled: boolean;
    /** One brand button per card: the first item's Accept. */
    acceptVariant: string;
    /** No "Not interested" once accepted. */
    canDismiss: boolean;
    isDismissing: boolean;
    showFlow: boolean;
    reasonId: string;
    /** `data-focus` values of the status, the reason field and the Not interested button. */
    statusFocus: string;
    reasonFocus: string;
    dismissFocus: string;
}

const DEFAULT_MAX_ITEMS = 3;
const DEFAULT_DISMISSAL_DAYS = 30;
const MAX_DISMISSAL_DAYS = 365;
const MAX_REASON_LENGTH = 255;
/** How long "Not interested" can be undone before it is sent (the offer is hidden at once). */
export const UNDO_MS = 8000;

/** A dismissal waiting for its undo window to pass. */
interface PendingDismissal {
    item: DecisionItem;
    reason?: string;
    days: number;
    timer: ReturnType<typeof setTimeout>;
}

/**
 * Next Best Promotion/Action: shows the promotions MCP's server-side campaigns decide for the customer on
 * this Contact or Lead, and closes the loop: an impression when they render, and the rep's Offered, Accepted
 * and Dismissed actions (campaignStats plus an action event). Feedback is optimistic: the card updates at
 * once and the Apex call runs in the background (retried once and logged by the server on failure).
 */
export default class NextBestAction extends DecisionElement {
    /** Record page context. */
    @api recordId?: string;
    /** CRM field holding the identity (blank: the package identity settings). */
    @api identifierField?: string;
    /** MCP identity attribute of that field. */
    @api identityType?: string;
    /** Dataset where the campaigns live (blank: default dataset); `data*` names are reserved in LWC. */
    @api mcpDataset?: string;
    /** Campaign datafield; several instances on one page are routed by it. */
    @api mcpDatafield = "promos";
    /** Event action name, shown in the customer's event stream. */
    @api actionName?: string;
    /** source.application for Source > Application targeting. */
    @api sourceApplication?: string;
    /** Opportunity pages: which contact role is the customer ("Primary or most recent" or "Primary only"). */
    @api opportunityContactRoles?: string;
    /** Case pages: whether a case without contact uses its web email (unset: yes; App Builder default true). */
    @api useCaseWebEmail?: boolean;
    /** Maximum promotions shown. */
    @api maxItems: number = DEFAULT_MAX_ITEMS;
    /** Hide each promotion's image. */
    @api hideImage = false;
    /** Hide each promotion's details link. */
    @api hideDetailsButton = false;
    /** Hide each promotion's description. */
    @api hideDescription = false;
    /** Days a dismissed promotion stays hidden for this customer. */
    @api dismissalDays: number = DEFAULT_DISMISSAL_DAYS;
    /** Screen Flow launched on Accepted, with inputs recordId and promotionId (blank: none). */
    @api acceptFlowApiName?: string;

    labels = {
        title: TITLE,
        offered: OFFERED,
        accept: ACCEPT,
        notInterested: NOT_INTERESTED,
        undo: UNDO,
        dismissReason: DISMISS_REASON,
        dismissConfirm: DISMISS_CONFIRM,
        cancel: CANCEL,
        flowFinished: FLOW_FINISHED
    };

    statusByKey: Record<string, ItemStatus> = {};
    dismissedKeys: string[] = [];
    dismissingKey?: string;
    reasonDraft = "";
    flowKey?: string;
    /** The last "Not interested", undoable until sent. */
    pending?: PendingDismissal;
    /** Where focus goes after the next render (a `data-focus` value). */
    private focusTarget?: string;

    override get visibleItems(): DecisionItem[] {
        return (this.result?.items ?? []).filter((item) => !this.dismissedKeys.includes(item.key));
    }

    get promotions(): PromotionView[] {
        return this.visibleItems.map((item, index) => {
            const status = this.statusByKey[item.key];
            return {
                ...item,
                figureUrl: this.hideImage ? undefined : item.imageUrl,
                imageBroken: this.brokenImageKeys.includes(item.key),
                showDescription: !this.hideDescription && item.description !== undefined,
                showDetails: !this.hideDetailsButton && item.url !== undefined,
                detailsAssistiveText: `${DETAILS}: ${item.name}`,
                actionsLabel: formatLabel(ACTIONS_FOR, item.name),
                statusText: status === "accepted" ? STATUS_ACCEPTED : status === "offered" ? STATUS_OFFERED : undefined,
                offerDisabled: status !== undefined,
                acceptDisabled: status === "accepted",
                acceptVariant: index === 0 ? "brand" : "neutral",
                canDismiss: status !== "accepted",
                isDismissing: this.dismissingKey === item.key,
                showFlow: this.flowKey === item.key,
                reasonId: `reason-${item.key}`,
                statusFocus: `status-${item.key}`,
                reasonFocus: `reason-${item.key}`,
                dismissFocus: `dismiss-${item.key}`
            };
        });
    }

    get detailsLabel(): string {
        return DETAILS;
    }

    get flowInputs(): { name: string; type: string; value: string }[] {
        const item = this.visibleItems.find((candidate) => candidate.key === this.flowKey);
        return [
            { name: "recordId", type: "String", value: this.recordId ?? "" },
            { name: "promotionId", type: "String", value: item?.itemId ?? "" }
        ];
    }

    get flowApiName(): string {
        return (this.acceptFlowApiName ?? "").trim();
    }

    protected get emptyLabel(): string {
        return EMPTY;
    }

    protected get properties(): DecisionProperties {
        return this;
    }

    protected get boundedMaxItems(): number {
        return boundedInteger(this.maxItems, DEFAULT_MAX_ITEMS, 1, 20);
    }

    private get boundedDismissalDays(): number {
        return boundedInteger(this.dismissalDays, DEFAULT_DISMISSAL_DAYS, 0, MAX_DISMISSAL_DAYS);
    }

    protected fetchDecision(request: DecisionLoadRequest): Promise<unknown> {
        return loadPromotions({ request });
    }

    protected postFeedback(feedback: FeedbackRequest): Promise<unknown> {
        return sendFeedback({ feedback });
    }

    get undoNotice(): string {
        return this.pending ? formatLabel(HIDDEN_NOTICE, this.pending.item.name, this.pending.days) : "";
    }

    override renderedCallback(): void {
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-focus="${this.focusTarget}"]`);
            this.focusTarget = undefined;
            target?.focus();
        }
    }

    override disconnectedCallback(): void {
        // leaving the page ends the undo window: the rep's choice is recorded
        this.sendPendingDismissal();
    }

    override handleRefresh(): void {
        this.sendPendingDismissal();
        super.handleRefresh();
    }

    protected override resetItemState(): void {
        this.statusByKey = {};
        this.dismissedKeys = [];
        this.dismissingKey = undefined;
        this.flowKey = undefined;
    }

    handleOffered(event: Event): void {
        const item = this.itemOf(event);
        if (item && !this.statusByKey[item.key]) {
            this.setStatus(item, "offered");
            this.send("Offered", [item], {}, this.statusFailure(item, OFFERED, "offered"));
        }
    }

    handleAccepted(event: Event): void {
        const item = this.itemOf(event);
        if (item && this.statusByKey[item.key] !== "accepted") {
            const before = this.statusByKey[item.key];
            this.setStatus(item, "accepted");
            this.send("Accepted", [item], {}, this.statusFailure(item, ACCEPT, "accepted", before));
            if (this.flowApiName) {
                this.flowKey = item.key;
            }
            // the buttons that had focus are gone or disabled: the status says what happened
            this.focusTarget = `status-${item.key}`;
        }
    }

    handleDismissStart(event: Event): void {
        const key = this.keyOf(event);
        if (key) {
            this.dismissingKey = key;
            this.reasonDraft = "";
            this.focusTarget = `reason-${key}`;
        }
    }

    handleReasonChange(event: Event): void {
        const detail = (event as CustomEvent<{ value?: unknown }>).detail;
        const value = detail && typeof detail.value === "string" ? detail.value : "";
        this.reasonDraft = value.slice(0, MAX_REASON_LENGTH);
    }

    handleDismissCancel(): void {
        const key = this.dismissingKey;
        this.dismissingKey = undefined;
        this.reasonDraft = "";
        this.focusTarget = key ? `dismiss-${key}` : undefined;
    }

    /** Hides the offer at once; the dismissal is sent when the undo window ends (or the card goes). */
    handleDismissConfirm(event: Event): void {
        const item = this.itemOf(event);
        if (!item) {
            return;
        }
        this.sendPendingDismissal();
        const days = this.boundedDismissalDays;
        this.dismissedKeys = [...this.dismissedKeys, item.key];
        this.dismissingKey = undefined;
        if (this.flowKey === item.key) {
            this.flowKey = undefined;
        }
        this.notice = "";
        // a one-shot timer: the undo window of this dismissal only
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        const timer = setTimeout(() => this.sendPendingDismissal(), UNDO_MS);
        this.pending = { item, reason: this.reasonDraft.trim() || undefined, days, timer };
        this.reasonDraft = "";
        this.focusTarget = "undo";
    }

    /** Brings the offer back; nothing was sent. */
    handleUndo(): void {
        const pending = this.pending;
        if (!pending) {
            return;
        }
        clearTimeout(pending.timer);
        this.pending = undefined;
        this.dismissedKeys = this.dismissedKeys.filter((key) => key !== pending.item.key);
        this.focusTarget = `dismiss-${pending.item.key}`;
    }

    private sendPendingDismissal(): void {
        const pending = this.pending;
        if (!pending) {
            return;
        }
        clearTimeout(pending.timer);
        this.pending = undefined;
        const item = pending.item;
        this.send(
            "Dismissed",
            [item],
            { reason: pending.reason, suppressDays: pending.days },
            {
                actionLabel: NOT_INTERESTED,
                revert: () => {
                    this.dismissedKeys = this.dismissedKeys.filter((key) => key !== item.key);
                },
                reapply: () => {
                    this.dismissedKeys = [...this.dismissedKeys, item.key];
                }
            }
        );
    }

    private setStatus(item: DecisionItem, status: ItemStatus | undefined): void {
        const next = { ...this.statusByKey };
        if (status === undefined) {
            delete next[item.key];
        } else {
            next[item.key] = status;
        }
        this.statusByKey = next;
    }

    /** A status change that a failed send undoes, and a retry applies again. */
    private statusFailure(item: DecisionItem, actionLabel: string, status: ItemStatus, before?: ItemStatus) {
        return {
            actionLabel,
            revert: () => this.setStatus(item, before),
            reapply: () => this.setStatus(item, status)
        };
    }

    handleFlowStatus(event: Event): void {
        const detail = (event as CustomEvent<{ status?: unknown }>).detail;
        const status = detail ? detail.status : undefined;
        if (status === "FINISHED" || status === "FINISHED_SCREEN") {
            this.flowKey = undefined;
            this.notice = FLOW_FINISHED;
        }
    }
}
