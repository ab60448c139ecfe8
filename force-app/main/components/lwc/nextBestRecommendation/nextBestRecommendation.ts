import { api } from "lwc";
import { loadRecommendations, sendFeedback } from "c/recordPageData";
import DecisionElement, { DecisionLoadRequest, DecisionProperties } from "c/decisionElement";
import { DecisionItem, FeedbackRequest, boundedInteger, cleanShareUrl, formatLabel } from "c/decisionUtils";
import TITLE from "@salesforce/label/c.Personalization_NBR_Title";
import DEFAULT_ITEM_TYPE from "@salesforce/label/c.Personalization_NBR_Default_Item_Type";
import EMPTY from "@salesforce/label/c.Personalization_NBR_Empty";
import OPEN from "@salesforce/label/c.Personalization_NBR_Open";
import COPY_LINK from "@salesforce/label/c.Personalization_NBR_Copy_Link";
import LINK_COPIED from "@salesforce/label/c.Personalization_NBR_Link_Copied";
import COPY_FAILED from "@salesforce/label/c.Personalization_NBR_Copy_Failed";
import LINK_FIELD from "@salesforce/label/c.Personalization_NBR_Link_Field";
import RATING from "@salesforce/label/c.Personalization_NBR_Rating";
import LIST_PRICE from "@salesforce/label/c.Personalization_NBR_List_Price";

/** What the template iterates: an item plus its display switches. */
interface RecommendationView extends DecisionItem {
    imageBroken: boolean;
    hasPrice: boolean;
    showListPrice: boolean;
    ratingText?: string;
    hasLink: boolean;
    openAssistiveText: string;
    copyAssistiveText: string;
}

const DEFAULT_MAX_ITEMS = 4;

/**
 * Next Best Recommendation: shows the items MCP's server-side recommendation campaigns pick for the customer
 * on this Contact or Lead (image, name, price in the user's locale and the item's currency, rating, link), as
 * a list or a tile grid. Closes the loop: an impression when the items render, and a click when the rep opens
 * a link or copies a clean link to send to the customer (fire-and-forget; retried once and logged by Apex).
 */
export default class NextBestRecommendation extends DecisionElement {
    /** Record page context. */
    @api recordId?: string;
    /** CRM field holding the identity (blank: the package identity settings). */
    @api identifierField?: string;
    /** MCP identity attribute of that field. */
    @api identityType?: string;
    /** Dataset where the campaigns live (blank: default dataset); `data*` names are reserved in LWC. */
    @api mcpDataset?: string;
    /** Campaign datafield; several instances on one page are routed by it. */
    @api mcpDatafield = "recs";
    /** Event action name, shown in the customer's event stream. */
    @api actionName?: string;
    /** source.application for Source > Application targeting. */
    @api sourceApplication?: string;
    /** Plural label of the recommended items, e.g. Products or Articles. */
    @api itemTypeLabel?: string;
    /** "list" or "tiles". */
    @api layout = "list";
    /** Opportunity pages: which contact role is the customer ("Primary or most recent" or "Primary only"). */
    @api opportunityContactRoles?: string;
    /** Case pages: whether a case without contact uses its web email (unset: yes; App Builder default true). */
    @api useCaseWebEmail?: boolean;
    /** Maximum items shown. */
    @api maxItems: number = DEFAULT_MAX_ITEMS;

    labels = {
        open: OPEN,
        copyLink: COPY_LINK,
        linkField: LINK_FIELD,
        listPrice: LIST_PRICE
    };

    manualCopyUrl = "";

    get cardTitle(): string {
        const itemType = (this.itemTypeLabel ?? "").trim() || DEFAULT_ITEM_TYPE;
        return formatLabel(TITLE, itemType);
    }

    get isTiles(): boolean {
        return this.layout === "tiles";
    }

    get listClass(): string {
        return this.isTiles ? "tiles" : "slds-has-dividers_bottom-space";
    }

    get itemClass(): string {
        return this.isTiles ? "tile slds-box slds-box_x-small" : "slds-item";
    }

    get recommendations(): RecommendationView[] {
        return (this.result?.items ?? []).map((item) => {
            return {
                ...item,
                imageBroken: this.brokenImageKeys.includes(item.key),
                hasPrice: item.price !== undefined,
                showListPrice: item.price !== undefined && item.listPrice !== undefined && item.listPrice > item.price,
                ratingText: item.rating === undefined ? undefined : formatLabel(RATING, item.rating),
                hasLink: item.url !== undefined,
                openAssistiveText: `${OPEN}: ${item.name}`,
                copyAssistiveText: `${COPY_LINK}: ${item.name}`
            };
        });
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

    protected fetchDecision(request: DecisionLoadRequest): Promise<unknown> {
        return loadRecommendations({ request });
    }

    protected postFeedback(feedback: FeedbackRequest): Promise<unknown> {
        return sendFeedback({ feedback });
    }

    override handleRefresh(): void {
        this.manualCopyUrl = "";
        super.handleRefresh();
    }

    /** The browser follows the link (new tab); the click is reported in the background. */
    handleOpen(event: Event): void {
        const item = this.itemOf(event);
        if (item) {
            this.send("Opened", [item], {}, { actionLabel: OPEN });
        }
    }

    async handleCopy(event: Event): Promise<void> {
        const item = this.itemOf(event);
        if (!item || item.url === undefined) {
            return;
        }
        const link = cleanShareUrl(item.url);
        try {
            await navigator.clipboard.writeText(link);
            this.manualCopyUrl = "";
            this.notice = LINK_COPIED;
            this.send("Copied", [item], {}, { actionLabel: COPY_LINK });
        } catch {
            // clipboard blocked (permissions, insecure context): let the rep copy it by hand
            this.notice = COPY_FAILED;
            this.manualCopyUrl = link;
        }
    }
}
