import { LightningElement, api } from "lwc";
import { formatCurrency, formatLabel, formatNumber, safeHttpUrl } from "c/formatUtils";
import { personOptions, splitList } from "c/dataUtils";
import { loadAffinities } from "c/recordPageData";
import {
    buildSummary,
    toAffinitiesResult,
    type AffinitiesResult,
    type AffinityItem,
    type Trend
} from "./affinitiesModel";
import TITLE from "@salesforce/label/c.Personalization_Affinities_Title";
import CATALOG_TYPE from "@salesforce/label/c.Personalization_Affinities_Catalog_Type";
import SHOW_BY from "@salesforce/label/c.Personalization_Affinities_Show_By";
import BY_VIEWS from "@salesforce/label/c.Personalization_Affinities_By_Views";
import BY_VIEW_TIME from "@salesforce/label/c.Personalization_Affinities_By_View_Time";
import BY_PURCHASES from "@salesforce/label/c.Personalization_Affinities_By_Purchases";
import BY_REVENUE from "@salesforce/label/c.Personalization_Affinities_By_Revenue";
import EMPTY_WINDOW from "@salesforce/label/c.Personalization_Affinities_Empty_Window";
import SHARE from "@salesforce/label/c.Personalization_Affinities_Share";
import VIEWS_VALUE from "@salesforce/label/c.Personalization_Affinities_Views_Value";
import VIEW_TIME_VALUE from "@salesforce/label/c.Personalization_Affinities_View_Time_Value";
import PURCHASES_VALUE from "@salesforce/label/c.Personalization_Affinities_Purchases_Value";
import REVENUE_VALUE from "@salesforce/label/c.Personalization_Affinities_Revenue_Value";
import PREVIOUS_VALUE from "@salesforce/label/c.Personalization_Affinities_Previous_Value";
import TREND_RISING from "@salesforce/label/c.Personalization_Affinities_Trend_Rising";
import TREND_FALLING from "@salesforce/label/c.Personalization_Affinities_Trend_Falling";
import TREND_NEW from "@salesforce/label/c.Personalization_Affinities_Trend_New";
import TREND_STEADY from "@salesforce/label/c.Personalization_Affinities_Trend_Steady";
import SUMMARY_ONE from "@salesforce/label/c.Personalization_Affinities_Summary_One";
import SUMMARY_TWO from "@salesforce/label/c.Personalization_Affinities_Summary_Two";
import SUMMARY_RISING from "@salesforce/label/c.Personalization_Affinities_Summary_Rising";
import SUMMARY_FALLING from "@salesforce/label/c.Personalization_Affinities_Summary_Falling";
import SUMMARY_NEW from "@salesforce/label/c.Personalization_Affinities_Summary_New";
import SUMMARY_STEADY from "@salesforce/label/c.Personalization_Affinities_Summary_Steady";
import SUMMARY_ALL_TIME from "@salesforce/label/c.Personalization_Affinities_Summary_All_Time";
import VIEWS_VALUE_ONE from "@salesforce/label/c.Personalization_Affinities_Views_Value_One";
import PURCHASES_VALUE_ONE from "@salesforce/label/c.Personalization_Affinities_Purchases_Value_One";
import SUMMARY_LABEL from "@salesforce/label/c.Personalization_Affinities_Summary_Label";
import DATE_RANGE from "@salesforce/label/c.Personalization_Insight_Date_Range";
import LAST_7_DAYS from "@salesforce/label/c.Personalization_Insight_Last_7_Days";
import LAST_30_DAYS from "@salesforce/label/c.Personalization_Insight_Last_30_Days";
import LAST_90_DAYS from "@salesforce/label/c.Personalization_Insight_Last_90_Days";
import ALL_TIME from "@salesforce/label/c.Personalization_Insight_All_Time";

interface Option {
    label: string;
    value: string;
}

interface ItemView {
    key: string;
    name: string;
    url?: string;
    /** Figure, share and previous figure, e.g. "9 views · 64.3% of total · previous period: 3 views". */
    detail: string;
    barStyle: string;
    trendLabel: string;
    trendIcon: string;
    trendClass: string;
}

const MEASURES = ["views", "viewTime", "purchases", "revenue"] as const;
const RANGES = ["7", "30", "90", "0"] as const;
const TREND_LABELS: Record<Trend, string> = {
    RISING: TREND_RISING,
    FALLING: TREND_FALLING,
    NEW: TREND_NEW,
    STEADY: TREND_STEADY,
    NONE: ""
};
const TREND_ICONS: Record<Trend, string> = {
    RISING: "utility:arrowup",
    FALLING: "utility:arrowdown",
    NEW: "utility:new",
    STEADY: "utility:forward",
    NONE: ""
};

/**
 * Affinities on a Contact, Lead or Account page: the customer's top items per catalog type over a window,
 * as labelled bars with share of total, the figure behind each bar and the trend against the previous
 * window, plus a one-line summary in plain words. Loads go through the page's data layer (`c/recordPageData`): with
 * the other cards in one Apex call on open; a change of measure or window is answered from the session's insights.
 */
export default class Affinities extends LightningElement {
    /** The record (set by the record page). */
    @api recordId?: string;
    /** CRM field holding the identity (blank: package settings). */
    @api identifierField?: string;
    /** MCP identity type (blank: package settings). */
    @api identityType?: string;
    /** Opportunity pages: which contact role is the customer ("Primary or most recent" or "Primary only"). */
    @api opportunityContactRoles?: string;
    /** Case pages: whether a case without contact uses its web email (unset: yes; App Builder default true). */
    @api useCaseWebEmail?: boolean;
    /** MCP dataset (blank: package default). */
    @api mcpDataset?: string;
    /** Catalog type shown first. */
    @api catalogType?: string;
    /** Default measure: views, viewTime, purchases or revenue. */
    @api showBy = "views";
    /** Default window in days: 7, 30, 90 or 0 for all time. */
    @api dateRange = "30";
    /** Comma-separated catalog types to hide. */
    @api hiddenCatalogTypes?: string;
    /** Items per catalog type. */
    @api maxItems = 5;

    readonly labels = {
        title: TITLE,
        catalogType: CATALOG_TYPE,
        showBy: SHOW_BY,
        dateRange: DATE_RANGE,
        emptyWindow: EMPTY_WINDOW,
        summary: SUMMARY_LABEL
    };

    loading = false;
    error: unknown;
    /** A refresh failed and the bars shown are the last good ones. */
    stale = false;
    result?: AffinitiesResult;
    selectedType?: string;
    selectedMeasure?: string;
    selectedRange?: string;
    private requestSequence = 0;

    override connectedCallback(): void {
        this.selectedMeasure = (MEASURES as readonly string[]).includes(this.showBy) ? this.showBy : "views";
        this.selectedRange = (RANGES as readonly string[]).includes(String(this.dateRange))
            ? String(this.dateRange)
            : "30";
        this.load();
    }

    /**
     * Reads the affinities through the page's data layer; answers to superseded requests are ignored.
     * @param refresh Whether the rep asked for fresh data (cached insights are bypassed).
     */
    async load(refresh = false): Promise<void> {
        const sequence = ++this.requestSequence;
        this.loading = true;
        this.error = undefined;
        try {
            const answer = await loadAffinities(
                {
                    recordId: this.recordId,
                    request: {
                        dataset: this.mcpDataset || null,
                        identifierField: this.identifierField || null,
                        identityType: this.identityType || null,
                        showBy: this.selectedMeasure,
                        days: Number(this.selectedRange),
                        maxItems: Number(this.maxItems) || 5,
                        hiddenCatalogTypes: splitList(this.hiddenCatalogTypes).join(",") || null,
                        ...personOptions(this)
                    }
                },
                { refresh }
            );
            if (sequence !== this.requestSequence) {
                return;
            }
            this.result = toAffinitiesResult(answer);
            this.stale = false;
            this.selectedType = this.pickType(this.result.catalogTypes);
        } catch (error) {
            if (sequence === this.requestSequence) {
                if (refresh && this.result?.status === "OK") {
                    this.stale = true; // keep what the rep was reading
                } else {
                    this.error = error;
                    this.result = undefined;
                }
            }
        } finally {
            if (sequence === this.requestSequence) {
                this.loading = false;
            }
        }
    }

    private pickType(types: string[]): string | undefined {
        const preferred = [this.selectedType, this.catalogType].find(
            (type) => type !== undefined && types.includes(type)
        );
        return preferred ?? types[0];
    }

    get isOk(): boolean {
        return !this.error && this.result?.status === "OK";
    }

    get typeOptions(): Option[] {
        return (this.result?.catalogTypes ?? []).map((type) => ({ label: type, value: type }));
    }

    get hasTypeChoice(): boolean {
        return this.typeOptions.length > 1;
    }

    get measureOptions(): Option[] {
        return [
            { label: BY_VIEWS, value: "views" },
            { label: BY_VIEW_TIME, value: "viewTime" },
            { label: BY_PURCHASES, value: "purchases" },
            { label: BY_REVENUE, value: "revenue" }
        ];
    }

    get rangeOptions(): Option[] {
        return [
            { label: LAST_7_DAYS, value: "7" },
            { label: LAST_30_DAYS, value: "30" },
            { label: LAST_90_DAYS, value: "90" },
            { label: ALL_TIME, value: "0" }
        ];
    }

    private get typeItems(): AffinityItem[] {
        return (this.result?.items ?? []).filter((item) => item.itemType === this.selectedType);
    }

    get hasItems(): boolean {
        return this.typeItems.length > 0;
    }

    get items(): ItemView[] {
        const measure = this.result?.showBy ?? "views";
        return this.typeItems.map((item, index) => ({
            key: `${item.itemType}-${item.itemId}-${index}`,
            name: item.name,
            url: safeHttpUrl(item.url),
            detail: [
                this.figure(measure, item.value),
                formatLabel(SHARE, formatNumber(item.share, 1)),
                item.previousValue === undefined
                    ? ""
                    : formatLabel(PREVIOUS_VALUE, this.figure(measure, item.previousValue))
            ]
                .filter((part) => part.length > 0)
                .join(" · "),
            barStyle: `width: ${Math.max(2, Math.min(100, item.share))}%`,
            trendLabel: TREND_LABELS[item.trend],
            trendIcon: TREND_ICONS[item.trend],
            trendClass: `trend trend_${item.trend.toLowerCase()}`
        }));
    }

    get summary(): string {
        const type = this.selectedType;
        if (!type) {
            return "";
        }
        return buildSummary(this.typeItems, this.result?.trendByType[type] ?? "STEADY", {
            one: SUMMARY_ONE,
            two: SUMMARY_TWO,
            trends: {
                RISING: SUMMARY_RISING,
                FALLING: SUMMARY_FALLING,
                NEW: SUMMARY_NEW,
                STEADY: SUMMARY_STEADY,
                NONE: SUMMARY_ALL_TIME
            }
        });
    }

    private figure(measure: string, value: number): string {
        switch (measure) {
            case "viewTime":
                return formatLabel(VIEW_TIME_VALUE, formatNumber(value / 60000, 1));
            case "purchases":
                return formatLabel(value === 1 ? PURCHASES_VALUE_ONE : PURCHASES_VALUE, formatNumber(value));
            case "revenue":
                return formatLabel(REVENUE_VALUE, formatCurrency(value));
            default:
                return formatLabel(value === 1 ? VIEWS_VALUE_ONE : VIEWS_VALUE, formatNumber(value));
        }
    }

    handleTypeChange(event: CustomEvent<{ value: string }>): void {
        this.selectedType = event.detail.value;
    }

    handleMeasureChange(event: CustomEvent<{ value: string }>): void {
        this.selectedMeasure = event.detail.value;
        this.load();
    }

    handleRangeChange(event: CustomEvent<{ value: string }>): void {
        this.selectedRange = event.detail.value;
        this.load();
    }

    handleRefresh(): void {
        this.load(true);
    }
}
