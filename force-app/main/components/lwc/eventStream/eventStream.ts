import { LightningElement, api } from "lwc";
import { formatCurrency, formatLabel, safeHttpUrl } from "c/formatUtils";
import ORDER_TOTAL from "@salesforce/label/c.Personalization_Event_Stream_Order_Total";
import { personOptions, splitList } from "c/dataUtils";
import { loadEvents, type InsightParams } from "c/recordPageData";
import type { EventView } from "c/eventStreamItem";
import {
    groupByVisit,
    matchesSearch,
    mergeNewer,
    toEventPage,
    type EventPage,
    type StreamEvent
} from "./eventStreamModel";
import TITLE from "@salesforce/label/c.Personalization_Event_Stream_Title";
import CHANNEL from "@salesforce/label/c.Personalization_Event_Stream_Channel";
import ALL_CHANNELS from "@salesforce/label/c.Personalization_Event_Stream_All_Channels";
import CHANNEL_WEB from "@salesforce/label/c.Personalization_Event_Stream_Channel_Web";
import CHANNEL_MOBILE from "@salesforce/label/c.Personalization_Event_Stream_Channel_Mobile";
import CHANNEL_EMAIL from "@salesforce/label/c.Personalization_Event_Stream_Channel_Email";
import CHANNEL_SERVER from "@salesforce/label/c.Personalization_Event_Stream_Channel_Server";
import CHANNEL_CALL_CENTER from "@salesforce/label/c.Personalization_Event_Stream_Channel_Call_Center";
import EVENT_TYPE from "@salesforce/label/c.Personalization_Event_Stream_Event_Type";
import ALL_EVENT_TYPES from "@salesforce/label/c.Personalization_Event_Stream_All_Event_Types";
import SEARCH from "@salesforce/label/c.Personalization_Event_Stream_Search";
import LOAD_OLDER from "@salesforce/label/c.Personalization_Event_Stream_Load_Older";
import SEARCH_SCOPE from "@salesforce/label/c.Personalization_Event_Stream_Search_Scope";
import EVENT_TYPE_SCOPE from "@salesforce/label/c.Personalization_Event_Stream_Event_Type_Scope";
import UNNAMED_EVENT from "@salesforce/label/c.Personalization_Event_Stream_Unnamed_Event";
import GROUP_BY_VISIT from "@salesforce/label/c.Personalization_Event_Stream_Group_By_Visit";
import VISIT_HEADING from "@salesforce/label/c.Personalization_Event_Stream_Visit_Heading";
import LIVE from "@salesforce/label/c.Personalization_Event_Stream_Live";
import LIVE_STOPPED from "@salesforce/label/c.Personalization_Event_Stream_Live_Stopped";
import NEW_EVENT from "@salesforce/label/c.Personalization_Event_Stream_New_Event";
import VISIT_HEADING_ONE from "@salesforce/label/c.Personalization_Event_Stream_Visit_Heading_One";
import NEW_EVENTS from "@salesforce/label/c.Personalization_Event_Stream_New_Events";
import NO_EVENTS from "@salesforce/label/c.Personalization_Event_Stream_No_Events";
import NO_SEARCH_MATCH from "@salesforce/label/c.Personalization_Event_Stream_No_Search_Match";
import IN_STOCK from "@salesforce/label/c.Personalization_Event_Stream_In_Stock";
import LOW_STOCK from "@salesforce/label/c.Personalization_Event_Stream_Low_Stock";
import OUT_OF_STOCK from "@salesforce/label/c.Personalization_Event_Stream_Out_Of_Stock";
import CAMPAIGN from "@salesforce/label/c.Personalization_Event_Stream_Campaign";
import STAT_IMPRESSION from "@salesforce/label/c.Personalization_Event_Stream_Stat_Impression";
import STAT_CLICK from "@salesforce/label/c.Personalization_Event_Stream_Stat_Click";
import STAT_DISMISSAL from "@salesforce/label/c.Personalization_Event_Stream_Stat_Dismissal";
import LOAD_FAILED from "@salesforce/label/c.Personalization_Insight_Load_Failed";
import DATE_RANGE from "@salesforce/label/c.Personalization_Insight_Date_Range";
import LAST_24_HOURS from "@salesforce/label/c.Personalization_Insight_Last_24_Hours";
import LAST_7_DAYS from "@salesforce/label/c.Personalization_Insight_Last_7_Days";
import LAST_30_DAYS from "@salesforce/label/c.Personalization_Insight_Last_30_Days";
import ALL_TIME from "@salesforce/label/c.Personalization_Insight_All_Time";
import PARTIAL_COVERAGE from "@salesforce/label/c.Personalization_Event_Stream_Partial_Coverage";

interface Option {
    label: string;
    value: string;
}

interface VisitView {
    key: string;
    heading: string;
    time: number;
    events: EventView[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Shortest live interval honoured, whatever the page says: protects MCP and the rep's org limits. */
const MIN_LIVE_SECONDS = 10;
/** Inventory at or below this counts as low stock. */
const LOW_STOCK_LIMIT = 5;
const CHANNELS: Record<string, { label: string; icon: string }> = {
    Web: { label: CHANNEL_WEB, icon: "utility:desktop" },
    MobileApp: { label: CHANNEL_MOBILE, icon: "utility:phone_portrait" },
    Email: { label: CHANNEL_EMAIL, icon: "utility:email" },
    Server: { label: CHANNEL_SERVER, icon: "utility:database" },
    CallCenter: { label: CHANNEL_CALL_CENTER, icon: "utility:call" }
};
const STATS: Record<string, string> = {
    Impression: STAT_IMPRESSION,
    Click: STAT_CLICK,
    Dismissal: STAT_DISMISSAL
};

/**
 * Event Stream on a Contact, Lead or Account page: the customer's activity newest first, with channel,
 * event-type and date filters (read by MCP), text search over the loaded events, older pages on demand,
 * grouping by visit, and live updates on the configured interval while the browser tab is visible.
 */
export default class EventStream extends LightningElement {
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
    /** Events per page. */
    @api pageSize = 10;
    /** Comma-separated event names never shown. */
    @api hiddenEventTypes?: string;
    /** App Builder: also show the package's own events (off: they are not the customer's activity). */
    @api showPackageEvents?: boolean;
    /** Live refresh interval in seconds; 0 switches live updates off. */
    @api liveRefreshSeconds = 0;

    readonly labels = {
        title: TITLE,
        partialCoverage: PARTIAL_COVERAGE,
        channel: CHANNEL,
        eventType: EVENT_TYPE,
        dateRange: DATE_RANGE,
        search: SEARCH,
        loadOlder: LOAD_OLDER,
        groupByVisit: GROUP_BY_VISIT,
        liveStopped: LIVE_STOPPED,
        noEvents: NO_EVENTS,
        noSearchMatch: NO_SEARCH_MATCH,
        loadFailed: LOAD_FAILED
    };

    loading = false;
    loadingOlder = false;
    error: unknown;
    /** A refresh failed and the events shown are the last good ones. */
    stale = false;
    pageError: unknown;
    streamPage?: EventPage;
    events: StreamEvent[] = [];
    channel = "";
    eventType = "";
    range = "0";
    searchText = "";
    grouped = false;
    liveStopped = false;
    liveMessage = "";
    now = Date.now();
    private newIds = new Set<string>();
    private knownEventTypes = new Set<string>();
    private requestSequence = 0;
    /**
     * After "Load older events": the first new event shown takes focus once rendered (an empty string when the
     * search hides every new one: the search field takes it).
     */
    private focusEventId?: string;
    private liveTimer?: ReturnType<typeof setTimeout>;
    private readonly visibilityHandler = (): void => this.handleVisibilityChange();

    override connectedCallback(): void {
        document.addEventListener("visibilitychange", this.visibilityHandler);
        this.load();
    }

    override renderedCallback(): void {
        if (this.focusEventId === undefined) {
            return;
        }
        const rows = Array.from(this.template?.querySelectorAll<HTMLElement>('[data-id="event"]') ?? []);
        const row = rows.find((candidate) => candidate.dataset.key === this.focusEventId);
        this.focusEventId = undefined;
        (row ?? this.template?.querySelector<HTMLElement>('[data-id="search"]'))?.focus();
    }

    override disconnectedCallback(): void {
        document.removeEventListener("visibilitychange", this.visibilityHandler);
        this.stopLive();
    }

    private request(before?: number): InsightParams {
        const days = Number(this.range);
        return {
            recordId: this.recordId,
            request: {
                dataset: this.mcpDataset || null,
                identifierField: this.identifierField || null,
                identityType: this.identityType || null,
                pageSize: Number(this.pageSize) || 10,
                hiddenEventTypes: splitList(this.hiddenEventTypes).join(",") || null,
                showPackageEvents: this.showPackageEvents === true,
                channels: this.channel ? [this.channel] : [],
                eventTypes: this.eventType ? [this.eventType] : [],
                startTime: days > 0 ? Date.now() - days * DAY_MS : null,
                before: before ?? null,
                ...personOptions(this)
            }
        };
    }

    /**
     * Loads the newest page for the current filters (first load, filter change, refresh, retry).
     * @param refresh Whether the rep asked for fresh data (cached insights are bypassed).
     */
    async load(refresh = false): Promise<void> {
        const sequence = ++this.requestSequence;
        this.stopLive();
        this.loading = true;
        this.error = undefined;
        this.pageError = undefined;
        try {
            const page = toEventPage(await loadEvents(this.request(), { refresh }));
            if (sequence !== this.requestSequence) {
                return;
            }
            this.streamPage = page;
            this.stale = false;
            this.events = page.events;
            this.newIds = new Set();
            this.liveMessage = "";
            this.liveStopped = false;
            this.remember(page.events);
            this.now = Date.now();
        } catch (error) {
            if (sequence === this.requestSequence) {
                if (refresh && this.streamPage?.status === "OK") {
                    this.stale = true; // keep what the rep was reading
                } else {
                    this.error = error;
                    this.streamPage = undefined;
                    this.events = [];
                }
            }
        } finally {
            if (sequence === this.requestSequence) {
                this.loading = false;
                this.scheduleLive();
            }
        }
    }

    /** Appends the next older page. */
    async loadOlder(): Promise<void> {
        const page = this.streamPage;
        if (!page?.hasMore || page.nextBefore === undefined || this.loadingOlder) {
            return;
        }
        const sequence = this.requestSequence;
        this.loadingOlder = true;
        this.pageError = undefined;
        try {
            const older = toEventPage(await loadEvents(this.request(page.nextBefore)));
            if (sequence !== this.requestSequence) {
                return;
            }
            const known = new Set(this.events.map((event) => event.id));
            const added = older.events.filter((event) => !known.has(event.id));
            this.events = [...this.events, ...added];
            this.streamPage = { ...page, hasMore: older.hasMore, nextBefore: older.nextBefore };
            this.remember(older.events);
            // the button the rep pressed may be gone: keyboard focus goes on to the first new event shown
            this.focusEventId = added.find((event) => matchesSearch(event, this.searchText))?.id ?? "";
        } catch (error) {
            if (sequence === this.requestSequence) {
                this.pageError = error;
            }
        } finally {
            this.loadingOlder = false;
        }
    }

    /** One live poll: new events go on top and are highlighted; an error stops live updates. */
    async poll(): Promise<void> {
        const sequence = this.requestSequence;
        try {
            const polled = toEventPage(await loadEvents(this.request(), { refresh: true }));
            if (sequence !== this.requestSequence || polled.status !== "OK") {
                return;
            }
            const { events, added } = mergeNewer(this.events, polled.events);
            if (added.length === polled.events.length && polled.hasMore && added.length > 0) {
                // more new events than one page: start over from the newest page rather than leave a gap
                this.events = polled.events;
                this.streamPage = { ...polled };
            } else {
                this.events = events;
                this.streamPage = this.streamPage ? { ...this.streamPage, fetchedAt: polled.fetchedAt } : polled;
            }
            added.forEach((event) => this.newIds.add(event.id));
            this.remember(added);
            this.now = Date.now();
            this.liveMessage =
                added.length === 1 ? NEW_EVENT : added.length > 1 ? formatLabel(NEW_EVENTS, added.length) : "";
        } catch {
            if (sequence === this.requestSequence) {
                this.liveStopped = true;
            }
        } finally {
            if (sequence === this.requestSequence) {
                this.scheduleLive();
            }
        }
    }

    private get liveIntervalMs(): number {
        const seconds = Number(this.liveRefreshSeconds);
        return Number.isFinite(seconds) && seconds > 0 ? Math.max(MIN_LIVE_SECONDS, seconds) * 1000 : 0;
    }

    private scheduleLive(): void {
        this.stopLive();
        const interval = this.liveIntervalMs;
        if (interval === 0 || this.liveStopped || this.streamPage?.status !== "OK" || !this.isTabVisible()) {
            return;
        }
        // a one-shot timer per poll (not setInterval): polls never overlap and stop with the card
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.liveTimer = setTimeout(() => {
            this.liveTimer = undefined;
            this.poll();
        }, interval);
    }

    private stopLive(): void {
        if (this.liveTimer !== undefined) {
            clearTimeout(this.liveTimer);
            this.liveTimer = undefined;
        }
    }

    private isTabVisible(): boolean {
        return document.visibilityState === "visible";
    }

    private handleVisibilityChange(): void {
        if (!this.isTabVisible()) {
            this.stopLive();
        } else if (this.liveIntervalMs > 0 && !this.liveStopped && this.streamPage?.status === "OK" && !this.loading) {
            // catch up at once on return, then continue on the interval
            this.poll();
        }
    }

    private remember(events: StreamEvent[]): void {
        for (const event of events) {
            if (event.action) {
                this.knownEventTypes.add(event.action);
            }
        }
    }

    get isOk(): boolean {
        return !this.error && this.streamPage?.status === "OK";
    }

    /** MCP's documented surfaces give visits and orders only: the card says so above the list. */
    get isPartialCoverage(): boolean {
        return this.isOk && this.streamPage?.coverage === "VISITS_AND_ORDERS";
    }

    get isLive(): boolean {
        return this.liveIntervalMs > 0 && this.isOk && !this.liveStopped;
    }

    get showLiveStopped(): boolean {
        return this.liveIntervalMs > 0 && this.isOk && this.liveStopped;
    }

    get liveText(): string {
        return formatLabel(LIVE, this.liveIntervalMs / 1000);
    }

    get channelOptions(): Option[] {
        return [
            { label: ALL_CHANNELS, value: "" },
            ...Object.entries(CHANNELS).map(([value, channel]) => ({ label: channel.label, value }))
        ];
    }

    get eventTypeOptions(): Option[] {
        const types = new Set(this.knownEventTypes);
        if (this.eventType) {
            types.add(this.eventType);
        }
        return [
            { label: ALL_EVENT_TYPES, value: "" },
            ...[...types].sort((a, b) => a.localeCompare(b)).map((type) => ({ label: type, value: type }))
        ];
    }

    get rangeOptions(): Option[] {
        return [
            { label: ALL_TIME, value: "0" },
            { label: LAST_24_HOURS, value: "1" },
            { label: LAST_7_DAYS, value: "7" },
            { label: LAST_30_DAYS, value: "30" }
        ];
    }

    /** Search runs over the events on the card; while older ones exist, the card says so and offers them. */
    get searchCoversLoadedOnly(): boolean {
        return this.searchText.trim().length > 0 && this.canLoadOlder;
    }

    /** The event-type choices come from the loaded events: while older ones exist, the field's help says so. */
    get eventTypeHelp(): string {
        return this.canLoadOlder ? formatLabel(EVENT_TYPE_SCOPE, this.events.length) : "";
    }

    get searchScopeText(): string {
        return formatLabel(SEARCH_SCOPE, this.events.length);
    }

    private get visibleEvents(): StreamEvent[] {
        return this.events.filter((event) => matchesSearch(event, this.searchText));
    }

    get hasEvents(): boolean {
        return this.events.length > 0;
    }

    get hasVisibleEvents(): boolean {
        return this.visibleEvents.length > 0;
    }

    get eventViews(): EventView[] {
        return this.visibleEvents.map((event) => this.toView(event));
    }

    get visits(): VisitView[] {
        return groupByVisit(this.visibleEvents).map((visit) => ({
            key: `visit-${visit[0].id}`,
            heading: visit.length === 1 ? VISIT_HEADING_ONE : formatLabel(VISIT_HEADING, visit.length),
            time: visit[0].time,
            events: visit.map((event) => this.toView(event))
        }));
    }

    get canLoadOlder(): boolean {
        return this.streamPage?.hasMore === true && this.streamPage.nextBefore !== undefined;
    }

    private toView(event: StreamEvent): EventView {
        const channel = event.channel ? CHANNELS[event.channel] : undefined;
        const channelLabel = channel?.label ?? event.channel ?? "";
        const url = safeHttpUrl(event.url);
        const isNew = this.newIds.has(event.id);
        return {
            key: event.id,
            action: event.action || UNNAMED_EVENT,
            time: event.time,
            channelIcon: channel?.icon ?? "utility:event",
            channelLabel,
            meta: [channelLabel, event.application].filter((part) => part).join(" · "),
            url,
            urlText: url ? undefined : event.url,
            itemLine: event.itemName
                ? [event.itemName, this.orderTotal(event), this.stockText(event.inventoryCount)]
                      .filter((part) => part)
                      .join(" · ")
                : undefined,
            campaignText: event.campaignStat
                ? formatLabel(
                      CAMPAIGN,
                      event.campaignName ?? "",
                      STATS[event.campaignStat] ?? event.campaignStat.toLowerCase()
                  )
                : undefined,
            isNew,
            rowClass: isNew ? "event event_new slds-p-around_x-small" : "event slds-p-around_x-small"
        };
    }

    /** A purchase's total in the user's currency (MCP's orders carry no currency code). */
    private orderTotal(event: StreamEvent): string {
        const isPurchase = event.itemAction === "Purchase" || event.action === "Purchase";
        return isPurchase && event.price !== undefined ? formatLabel(ORDER_TOTAL, formatCurrency(event.price)) : "";
    }

    private stockText(count: number | undefined): string {
        if (count === undefined) {
            return "";
        }
        if (count <= 0) {
            return OUT_OF_STOCK;
        }
        return formatLabel(count <= LOW_STOCK_LIMIT ? LOW_STOCK : IN_STOCK, count);
    }

    handleChannelChange(event: CustomEvent<{ value: string }>): void {
        this.channel = event.detail.value;
        this.load();
    }

    handleEventTypeChange(event: CustomEvent<{ value: string }>): void {
        this.eventType = event.detail.value;
        this.load();
    }

    handleRangeChange(event: CustomEvent<{ value: string }>): void {
        this.range = event.detail.value;
        this.load();
    }

    handleSearch(event: CustomEvent<{ value: string }>): void {
        this.searchText = event.detail.value ?? "";
    }

    handleGroupToggle(event: CustomEvent<{ checked: boolean }>): void {
        this.grouped = event.detail.checked === true;
    }

    handleLoadOlder(): void {
        this.loadOlder();
    }

    handleRefresh(): void {
        this.load(true);
    }

    handleLiveRetry(): void {
        this.liveStopped = false;
        this.poll();
    }
}
