import { api } from "lwc";
import { loadPromotions, sendFeedback } from "c/recordPageData";
import DecisionElement, { DecisionLoadRequest, DecisionProperties } from "c/decisionElement";
import { DecisionItem, FeedbackRequest, boundedInteger, formatLabel } from "c/decisionUtils";
import TITLE from "@salesforce/label/c.Personalization_NBA_Title";
import EMPTY from "@salesforce/label/c.Personalization_NBA_Empty";
import OFFERED from "@salesforce/label/c.Personalization_NBA_Offered";
import ACCEPTED from "@salesforce/label/c.Personalization_NBA_Accepted";
import DISMISS from "@salesforce/label/c.Personalization_NBA_Dismiss";
import DETAILS from "@salesforce/label/c.Personalization_NBA_Details";
import ACTIONS_FOR from "@salesforce/label/c.Personalization_NBA_Actions_For";
import DISMISS_REASON from "@salesforce/label/c.Personalization_NBA_Dismiss_Reason";
import DISMISS_CONFIRM from "@salesforce/label/c.Personalization_NBA_Dismiss_Confirm";
import CANCEL from "@salesforce/label/c.Personalization_NBA_Cancel";
import STATUS_OFFERED from "@salesforce/label/c.Personalization_NBA_Status_Offered";
import STATUS_ACCEPTED from "@salesforce/label/c.Personalization_NBA_Status_Accepted";
import DISMISSED_NOTICE from "@salesforce/label/c.Personalization_NBA_Dismissed_Notice";
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
    isDismissing: boolean;
    showFlow: boolean;
    reasonId: string;
}

const DEFAULT_MAX_ITEMS = 3;
const DEFAULT_DISMISSAL_DAYS = 30;
const MAX_DISMISSAL_DAYS = 365;
const MAX_REASON_LENGTH = 255;

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
        accepted: ACCEPTED,
        dismiss: DISMISS,
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

    override get visibleItems(): DecisionItem[] {
        return (this.result?.items ?? []).filter((item) => !this.dismissedKeys.includes(item.key));
    }

    get promotions(): PromotionView[] {
        return this.visibleItems.map((item) => {
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
                isDismissing: this.dismissingKey === item.key,
                showFlow: this.flowKey === item.key,
                reasonId: `reason-${item.key}`
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

    protected override resetItemState(): void {
        this.statusByKey = {};
        this.dismissedKeys = [];
        this.dismissingKey = undefined;
        this.flowKey = undefined;
    }

    handleOffered(event: Event): void {
        const item = this.itemOf(event);
        if (item && !this.statusByKey[item.key]) {
            this.statusByKey = { ...this.statusByKey, [item.key]: "offered" };
            this.send("Offered", [item]);
        }
    }

    handleAccepted(event: Event): void {
        const item = this.itemOf(event);
        if (item && this.statusByKey[item.key] !== "accepted") {
            this.statusByKey = { ...this.statusByKey, [item.key]: "accepted" };
            this.send("Accepted", [item]);
            if (this.flowApiName) {
                this.flowKey = item.key;
            }
        }
    }

    handleDismissStart(event: Event): void {
        const key = this.keyOf(event);
        if (key) {
            this.dismissingKey = key;
            this.reasonDraft = "";
        }
    }

    handleReasonChange(event: Event): void {
        const detail = (event as CustomEvent<{ value?: unknown }>).detail;
        const value = detail && typeof detail.value === "string" ? detail.value : "";
        this.reasonDraft = value.slice(0, MAX_REASON_LENGTH);
    }

    handleDismissCancel(): void {
        this.dismissingKey = undefined;
        this.reasonDraft = "";
    }

    handleDismissConfirm(event: Event): void {
        const item = this.itemOf(event);
        if (!item) {
            return;
        }
        const days = this.boundedDismissalDays;
        this.dismissedKeys = [...this.dismissedKeys, item.key];
        this.dismissingKey = undefined;
        if (this.flowKey === item.key) {
            this.flowKey = undefined;
        }
        this.notice = formatLabel(DISMISSED_NOTICE, item.name, days);
        this.send("Dismissed", [item], { reason: this.reasonDraft.trim() || undefined, suppressDays: days });
        this.reasonDraft = "";
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
