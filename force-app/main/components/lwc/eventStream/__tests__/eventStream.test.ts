import { createElement } from "lwc";
import { readFileSync } from "node:fs";
import path from "node:path";
import EventStream from "c/eventStream";
import { loadEvents } from "c/recordPageData";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import FIRST_PAGE from "./data/getEvents.json";
import LAST_PAGE from "./data/getEventsLastPage.json";

// label templates with placeholders take their real values, so the text the rep reads is asserted
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock("c/recordPageData", () => ({ loadEvents: jest.fn() }));
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_In_Stock",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_In_Stock") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_Low_Stock",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_Low_Stock") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_Campaign",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_Campaign") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_Stat_Click",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_Stat_Click")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_New_Events",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_New_Events")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_Visit_Heading",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_Visit_Heading")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Event_Stream_Event_Type_Scope",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Event_Stream_Event_Type_Scope")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Insight_Identity_Used",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Insight_Identity_Used") }),
    { virtual: true }
);

const loadEventsMock = loadEvents as unknown as jest.Mock;
const customLabelValue = (name: string): string => jest.requireActual<LabelsModule>(LABELS).customLabel(name);

type StreamElement = HTMLElement & Record<string, unknown>;

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

function newEvent(id: string, eventTime: number, action = "Add To Cart"): Record<string, unknown> {
    return { id, eventTime, action, channel: "MobileApp" };
}

async function render(props: Record<string, unknown> = {}): Promise<StreamElement> {
    const element = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
    Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

/** Lets mocked Apex promises settle without real timers (fake-timer tests). */
async function settle(): Promise<void> {
    await Array.from({ length: 10 }).reduce<Promise<void>>((chain) => chain.then(() => undefined), Promise.resolve());
}

const query = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const queryAll = (element: HTMLElement, id: string): HTMLElement[] => deepQueryAll(element, `[data-id="${id}"]`);
const rows = (element: HTMLElement): HTMLElement[] =>
    queryAll(element, "event").map(
        (row) => row.querySelector("c-event-stream-item")!.shadowRoot as unknown as HTMLElement
    );
const inRow = (row: HTMLElement, id: string): HTMLElement | null => row.querySelector(`[data-id="${id}"]`);

function lastRequest(): Record<string, unknown> {
    const calls = loadEventsMock.mock.calls as [{ request: Record<string, unknown> }][];
    return calls[calls.length - 1][0].request;
}

async function choose(element: HTMLElement, id: string, detail: Record<string, unknown>): Promise<void> {
    query(element, id)!.dispatchEvent(new CustomEvent("change", { detail }));
    await flushPromises();
}

let visibility: DocumentVisibilityState = "visible";

function setVisibility(state: DocumentVisibilityState): void {
    visibility = state;
    document.dispatchEvent(new CustomEvent("visibilitychange"));
}

describe("c-event-stream", () => {
    beforeAll(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
        visibility = "visible";
    });

    it("uses fixture events taken from the contract example", () => {
        const contract = readFileSync(
            path.resolve(__dirname, "../../../../../../contract/personalization-api.openapi.yaml"),
            "utf8"
        );
        for (const event of [...FIRST_PAGE.events, ...LAST_PAGE.events]) {
            expect(contract).toContain(`id: ${event.id}`);
            expect(contract).toContain(`time: ${event.eventTime}`);
            expect(contract).toContain(`action: ${event.action}`);
        }
    });

    it("shows events newest first with channel, item stock, URL and campaign statistic", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();

        expect(loadEventsMock).toHaveBeenCalledTimes(1);
        const shown = rows(element);
        expect(shown.map((row) => inRow(row, "action")!.textContent)).toEqual([
            "Contact Record Viewed",
            "Campaign Click",
            "View Item"
        ]);
        expect(inRow(shown[0], "meta")!.textContent).toBe(
            "c.Personalization_Event_Stream_Channel_Server · Sales Console"
        );
        expect(inRow(shown[1], "campaign")!.textContent).toBe("Campaign Next Best Promotion - Sales: click");
        expect(inRow(shown[2], "item")!.textContent).toBe("Ridge 2 Ultralight Tent · In stock (14)");
        const link = inRow(shown[2], "url")!;
        expect(link.getAttribute("href")).toBe("https://www.northtrail.example.com/p/p-1004");
        expect(link.getAttribute("rel")).toBe("noopener noreferrer");
        const icon = shown[2].querySelector("lightning-icon") as HTMLElement & {
            iconName: string;
            alternativeText: string;
        };
        expect(icon.iconName).toBe("utility:desktop");
        expect(icon.alternativeText).toBe("c.Personalization_Event_Stream_Channel_Web");
        expect(shown[0].querySelector("c-relative-time")).not.toBeNull();
        expect(query(element, "load-older")).not.toBeNull();
        expect(query(element, "updated")).not.toBeNull();
    });

    it("passes the App Builder properties to Apex", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        await render({
            mcpDataset: "engage",
            identifierField: "Email",
            identityType: "emailAddress",
            pageSize: 25,
            hiddenEventTypes: "Homepage, Campaign Impression",
            showPackageEvents: true
        });
        expect(loadEventsMock).toHaveBeenCalledWith(
            {
                recordId: "003Hs00002Jd0AkIAJ",
                request: {
                    dataset: "engage",
                    identifierField: "Email",
                    identityType: "emailAddress",
                    pageSize: 25,
                    hiddenEventTypes: "Homepage,Campaign Impression",
                    showPackageEvents: true,
                    channels: [],
                    eventTypes: [],
                    startTime: null,
                    before: null
                }
            },
            { refresh: false }
        );
    });

    it("reloads with each filter: channel, event type and date range", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();

        await choose(element, "channel", { value: "Web" });
        expect(lastRequest()).toMatchObject({ channels: ["Web"], eventTypes: [], startTime: null });

        const typeOptions = (query(element, "event-type") as HTMLElement & { options: { value: string }[] }).options;
        expect(typeOptions.map((option) => option.value)).toEqual([
            "",
            "Campaign Click",
            "Contact Record Viewed",
            "View Item"
        ]);
        await choose(element, "event-type", { value: "View Item" });
        expect(lastRequest()).toMatchObject({ channels: ["Web"], eventTypes: ["View Item"] });

        const before = Date.now();
        await choose(element, "range", { value: "7" });
        const startTime = lastRequest().startTime as number;
        expect(before - startTime).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000 - 1000);
        expect(before - startTime).toBeLessThanOrEqual(7 * 24 * 3600 * 1000 + 1000);
        expect(lastRequest().before).toBeNull();
        expect(loadEventsMock).toHaveBeenCalledTimes(4);
    });

    it("searches the loaded events without calling Apex", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();

        await choose(element, "search", { value: "TENT" });
        expect(rows(element).map((row) => inRow(row, "action")!.textContent)).toEqual(["View Item"]);
        await choose(element, "search", { value: "promotion" });
        expect(rows(element).map((row) => inRow(row, "action")!.textContent)).toEqual(["Campaign Click"]);
        await choose(element, "search", { value: "nothing like this" });
        expect(rows(element)).toHaveLength(0);
        expect(query(element, "no-search-match")).not.toBeNull();
        expect(loadEventsMock).toHaveBeenCalledTimes(1);
    });

    it("loads older events page by page", async () => {
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE)).mockResolvedValueOnce(clone(LAST_PAGE));
        const element = await render();

        query(element, "load-older")!.click();
        await flushPromises();

        expect(lastRequest().before).toBe(1795858000000);
        expect(rows(element)).toHaveLength(4);
        expect(inRow(rows(element)[3], "action")!.textContent).toBe("Homepage");
        expect(query(element, "load-older")).toBeNull();
    });

    it.each([
        ["the list", false],
        ["visits", true]
    ])("moves keyboard focus to the first new event after Load older events (%s)", async (_case, grouped) => {
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE)).mockResolvedValueOnce(clone(LAST_PAGE));
        const element = await render();
        if (grouped) {
            await choose(element, "group", { checked: true });
        }
        const loadOlder = query(element, "load-older")!;
        loadOlder.focus();
        loadOlder.click();
        await flushPromises();

        const first = queryAll(element, "event")[3];
        expect(first.dataset.key).toBe(LAST_PAGE.events[0].id);
        expect(first.getAttribute("tabindex")).toBe("-1");
        expect(element.shadowRoot!.activeElement).toBe(first);
        await expect(element).toBeAccessible();
    });

    it("moves focus to the search field when the older page adds nothing the search shows", async () => {
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE)).mockResolvedValueOnce(clone(LAST_PAGE));
        const element = await render();
        await choose(element, "search", { value: "tent" });
        const focusSearch = jest.spyOn(query(element, "search")!, "focus");
        const loadOlder = query(element, "search-load-older")!;
        loadOlder.click();
        await flushPromises();
        expect(rows(element).map((row) => inRow(row, "action")!.textContent)).toEqual(["View Item"]);
        expect(focusSearch).toHaveBeenCalledTimes(1);
    });

    it("keeps the list when an older page fails", async () => {
        loadEventsMock
            .mockResolvedValueOnce(clone(FIRST_PAGE))
            .mockRejectedValueOnce({ body: { message: "Personalization is busy right now." } });
        const element = await render();

        query(element, "load-older")!.click();
        await flushPromises();

        expect(query(element, "page-error")).not.toBeNull();
        expect(rows(element)).toHaveLength(3);
        expect(query(element, "load-older")).not.toBeNull();
    });

    it("asks for the older page again from the page error's Try again", async () => {
        loadEventsMock
            .mockResolvedValueOnce(clone(FIRST_PAGE))
            .mockRejectedValueOnce({ body: { message: "Personalization is busy right now." } })
            .mockResolvedValueOnce(clone(LAST_PAGE));
        const element = await render();
        query(element, "load-older")!.click();
        await flushPromises();

        const panel = query(element, "page-error") as HTMLElement & { retryable: boolean };
        expect(panel.retryable).toBe(true);
        await expect(element).toBeAccessible();
        panel.shadowRoot!.querySelector<HTMLElement>('[data-id="retry"]')!.click();
        await flushPromises();
        expect(lastRequest().before).toBe(1795858000000);
        expect(query(element, "page-error")).toBeNull();
        expect(rows(element)).toHaveLength(4);
    });

    it("names each channel in words a rep understands, never its API value", async () => {
        const now = Date.now();
        const channels = ["Web", "MobileApp", "Email", "Server", "CallCenter"];
        loadEventsMock.mockResolvedValue({
            ...clone(FIRST_PAGE),
            hasMore: false,
            events: channels.map((channel, index) => ({
                id: `e-${index}`,
                eventTime: now - index,
                action: "Visit",
                channel
            }))
        });
        const element = await render();
        const labelNames = ["Web", "Mobile", "Email", "Server", "Call_Center"].map(
            (name) => `Personalization_Event_Stream_Channel_${name}`
        );
        expect(rows(element).map((row) => inRow(row, "meta")!.textContent)).toEqual(
            labelNames.map((name) => `c.${name}`)
        );
        expect(labelNames.map((name) => customLabelValue(name))).toEqual([
            "Web",
            "Mobile app",
            "Email",
            "Other systems",
            "Call center"
        ]);
        const options = (query(element, "channel") as HTMLElement & { options: { value: string }[] }).options;
        expect(options.map((option) => option.value)).toEqual(["", ...channels]);
    });

    it("reads visit headings as relative time, a future-dated visit as now with its exact time on hover", async () => {
        const now = Date.now();
        loadEventsMock.mockResolvedValue({
            ...clone(FIRST_PAGE),
            hasMore: false,
            events: [
                { id: "future", eventTime: now + 3 * 3600_000, action: "Homepage", channel: "Web" },
                { id: "hour", eventTime: now - 3600_000, action: "Homepage", channel: "Web" }
            ]
        });
        const element = await render();
        await choose(element, "group", { checked: true });
        const times = queryAll(element, "visit-heading").map(
            (heading) => heading.querySelector("c-relative-time")!.shadowRoot!
        );
        expect(times).toHaveLength(2);
        expect(times[0].querySelector('[data-id="relative"]')!.textContent).toBe("c.Personalization_Insight_Just_Now");
        expect(times[0].querySelector("time")!.getAttribute("title")).toBe(
            times[0].querySelector('[data-id="exact"]')!.textContent
        );
        expect(times[0].querySelector("time")!.getAttribute("datetime")).toBe(
            new Date(now + 3 * 3600_000).toISOString()
        );
        expect(times[1].querySelector('[data-id="relative"]')!.textContent).toBe("1 hour ago");
    });

    it("says the event-type list covers the loaded events while older ones exist", async () => {
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE)).mockResolvedValueOnce(clone(LAST_PAGE));
        const element = await render();
        const eventType = (): HTMLElement & { fieldLevelHelp: string } =>
            query(element, "event-type") as HTMLElement & { fieldLevelHelp: string };
        expect(eventType().fieldLevelHelp).toBe(
            "Lists the types of the 3 events on this card; older events may have other types. A type you pick is read for all events."
        );
        query(element, "load-older")!.click();
        await flushPromises();
        expect(eventType().fieldLevelHelp).toBe("");
    });

    it("groups events into visits", async () => {
        const page = clone(FIRST_PAGE);
        page.events.push({ ...clone(LAST_PAGE.events[0]) } as (typeof page.events)[number]);
        loadEventsMock.mockResolvedValue(page);
        const element = await render();

        await choose(element, "group", { checked: true });
        const visits = queryAll(element, "visit");
        expect(visits).toHaveLength(2);
        expect(visits[0].querySelector("h3")!.textContent).toContain("Visit of 3 events");
        expect(visits[1].querySelectorAll('[data-id="event"]')).toHaveLength(1);

        await choose(element, "group", { checked: false });
        expect(query(element, "visits")).toBeNull();
        expect(rows(element)).toHaveLength(4);
    });

    it("polls on the live interval, highlights new events and announces them", async () => {
        jest.useFakeTimers();
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE));
        const element = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", liveRefreshSeconds: 30 });
        document.body.appendChild(element);
        await settle();
        expect(query(element, "live")).not.toBeNull();

        const polled = clone(FIRST_PAGE);
        polled.events.unshift(newEvent("9184b725626a39f2bd489474-000213", 1795860100000) as never);
        loadEventsMock.mockResolvedValueOnce(polled);
        jest.advanceTimersByTime(29_000);
        expect(loadEventsMock).toHaveBeenCalledTimes(1);
        jest.advanceTimersByTime(1_000);
        await settle();

        expect(loadEventsMock).toHaveBeenCalledTimes(2);
        expect(lastRequest().before).toBeNull();
        const shown = rows(element);
        expect(shown).toHaveLength(4);
        expect(inRow(shown[0], "action")!.textContent).toBe("Add To Cart");
        expect(inRow(shown[0], "new")).not.toBeNull();
        expect(inRow(shown[1], "new")).toBeNull();
        expect(queryAll(element, "event")[0].className).toContain("event_new");
        expect(query(element, "live-region")!.textContent).toBe("c.Personalization_Event_Stream_New_Event");

        loadEventsMock.mockResolvedValueOnce(polled);
        jest.advanceTimersByTime(30_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(3);
        expect(rows(element)).toHaveLength(4);
    });

    it("polls only while the tab is visible and catches up on return", async () => {
        jest.useFakeTimers();
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", liveRefreshSeconds: 15 });
        document.body.appendChild(element);
        await settle();

        setVisibility("hidden");
        jest.advanceTimersByTime(60_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(1);

        setVisibility("visible");
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(2);
        expect(loadEventsMock.mock.calls[1][1]).toEqual({ refresh: true });
        jest.advanceTimersByTime(15_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(3);
    });

    it("stops live updates on error and resumes with the retry button", async () => {
        jest.useFakeTimers();
        loadEventsMock
            .mockResolvedValueOnce(clone(FIRST_PAGE))
            .mockRejectedValueOnce({ body: { message: "Personalization did not answer in time." } })
            .mockResolvedValue(clone(FIRST_PAGE));
        const element = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", liveRefreshSeconds: 20 });
        document.body.appendChild(element);
        await settle();

        jest.advanceTimersByTime(20_000);
        await settle();
        expect(query(element, "live-stopped")).not.toBeNull();
        expect(query(element, "live")).toBeNull();
        expect(rows(element)).toHaveLength(3);

        jest.advanceTimersByTime(120_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(2);

        const livePanel = query(element, "live-stopped") as HTMLElement & { friendlyMessage: string };
        expect(livePanel.friendlyMessage).toBe("c.Personalization_Event_Stream_Live_Stopped");
        livePanel.shadowRoot!.querySelector<HTMLElement>('[data-id="retry"]')!.click();
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(3);
        expect(query(element, "live-stopped")).toBeNull();
        jest.advanceTimersByTime(20_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(4);
    });

    it("does not poll when live refresh is off and never faster than every 10 seconds", async () => {
        jest.useFakeTimers();
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const off = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(off, { recordId: "003Hs00002Jd0AkIAJ" });
        document.body.appendChild(off);
        await settle();
        jest.advanceTimersByTime(600_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(1);
        expect(query(off, "live")).toBeNull();
        document.body.removeChild(off);

        const fast = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(fast, { recordId: "003Hs00002Jd0AkIAJ", liveRefreshSeconds: 2 });
        document.body.appendChild(fast);
        await settle();
        jest.advanceTimersByTime(9_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(2);
        jest.advanceTimersByTime(1_000);
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(3);
    });

    it("stops polling when removed from the page", async () => {
        jest.useFakeTimers();
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = createElement("c-event-stream", { is: EventStream }) as unknown as StreamElement;
        Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", liveRefreshSeconds: 10 });
        document.body.appendChild(element);
        await settle();
        document.body.removeChild(element);
        jest.advanceTimersByTime(60_000);
        await settle();
        setVisibility("visible");
        await settle();
        expect(loadEventsMock).toHaveBeenCalledTimes(1);
    });

    it("shows unsafe URLs and markup as text", async () => {
        const page = clone(FIRST_PAGE);
        // eslint-disable-next-line no-script-url -- the unsafe URL under test
        page.events[2].url = "javascript:alert(document.cookie)";
        page.events[1].action = "<img src=x onerror=alert(1)>";
        (page.events[0] as Record<string, unknown>).url = "data:text/html,<script>alert(1)</script>";
        loadEventsMock.mockResolvedValue(page);
        const element = await render();

        const shown = rows(element);
        shown.forEach((row) => expect(row.querySelector("a")).toBeNull());
        // eslint-disable-next-line no-script-url -- the unsafe URL under test
        expect(inRow(shown[2], "url-text")!.textContent).toBe("javascript:alert(document.cookie)");
        expect(inRow(shown[1], "action")!.textContent).toBe("<img src=x onerror=alert(1)>");
        shown.forEach((row) => expect(row.querySelector("img")).toBeNull());
    });

    it("shows low and out-of-stock inventory", async () => {
        const page = clone(FIRST_PAGE);
        page.events[2].inventoryCount = 3;
        (page.events[1] as Record<string, unknown>).itemName = "Trail Stove";
        (page.events[1] as Record<string, unknown>).inventoryCount = 0;
        loadEventsMock.mockResolvedValue(page);
        const element = await render();
        expect(inRow(rows(element)[2], "item")!.textContent).toBe("Ridge 2 Ultralight Tent · Low stock (3)");
        expect(inRow(rows(element)[1], "item")!.textContent).toBe(
            "Trail Stove · c.Personalization_Event_Stream_Out_Of_Stock"
        );
    });

    it("shows the empty state with the identity used", async () => {
        loadEventsMock.mockResolvedValue({ status: "NO_PROFILE", identitiesTried: ["emailAddress: jane@example.com"] });
        const element = await render({ liveRefreshSeconds: 10 });
        expect(query(element, "no-profile")!.textContent).toContain("Identity used: emailAddress: jane@example.com");
        expect(query(element, "filters")).toBeNull();
    });

    it("names the missing field when the record has no identity value", async () => {
        loadEventsMock.mockResolvedValue({ status: "NO_IDENTITY", message: "This record has no value in Email." });
        const element = await render();
        expect(query(element, "no-identity")!.textContent).toContain("Email");
    });

    it("says what is unavailable on the MCP account and how to enable it, and does not poll", async () => {
        loadEventsMock.mockResolvedValue({
            status: "UNAVAILABLE",
            capability: "INSIGHTS_TEMPLATE",
            message: "The insights template isn't answering.",
            fixHint: "An admin installs the insights template.",
            identitiesTried: []
        });
        const element = await render({ liveRefreshSeconds: 10 });
        expect(query(element, "unavailable")!.textContent).toContain("The insights template isn't answering.");
        expect(query(element, "unavailable-hint")!.textContent).toBe("An admin installs the insights template.");
        expect(query(element, "error")).toBeNull();
        expect(query(element, "filters")).toBeNull();
        expect(query(element, "live")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("says when the stream covers only visits and orders", async () => {
        loadEventsMock.mockResolvedValue({ ...clone(FIRST_PAGE), coverage: "VISITS_AND_ORDERS" });
        const element = await render();
        expect(query(element, "coverage")).not.toBeNull();
        expect(rows(element).length).toBeGreaterThan(0);
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const full = await render();
        expect(query(full, "coverage")).toBeNull();
    });

    it("says so when no activity matches the filters", async () => {
        loadEventsMock.mockResolvedValue({ ...clone(FIRST_PAGE), events: [], hasMore: false });
        const element = await render();
        expect(query(element, "no-events")).not.toBeNull();
        expect(query(element, "channel")).not.toBeNull();
    });

    it.each([
        ["MCP down", { body: { message: "Personalization had a problem answering this request." } }],
        ["401", { body: { message: "Personalization rejected the connection." } }],
        ["garbage", "not an object"]
    ])("shows a clear message and stays usable when %s", async (_case, failure) => {
        if (typeof failure === "string") {
            loadEventsMock.mockResolvedValueOnce(failure);
        } else {
            loadEventsMock.mockRejectedValueOnce(failure);
        }
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE));
        const element = await render();

        const panel = query(element, "error") as HTMLElement & { friendlyMessage: string };
        expect(panel.friendlyMessage).toBe("c.Personalization_Insight_Load_Failed");
        query(element, "retry")!.click();
        await flushPromises();
        expect(query(element, "error")).toBeNull();
        expect(rows(element)).toHaveLength(3);
    });

    it("says the search covers only the loaded events and offers older ones", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();
        expect(query(element, "search-scope")).toBeNull();
        query(element, "search")!.dispatchEvent(new CustomEvent("change", { detail: { value: "boot" } }));
        await flushPromises();
        expect(query(element, "search-scope")!.textContent).toContain("c.Personalization_Event_Stream_Search_Scope");
        query(element, "search-load-older")!.click();
        await flushPromises();
        expect(loadEventsMock).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it("shows a purchase's order total in the user's currency", async () => {
        const page = clone(FIRST_PAGE);
        page.events = [
            {
                id: "order-1",
                eventTime: Date.now() - 60_000,
                action: "Purchase",
                itemAction: "Purchase",
                channel: "Web",
                itemType: "Order",
                itemId: "o-1",
                itemName: "o-1",
                price: 249.5
            }
        ] as typeof page.events;
        loadEventsMock.mockResolvedValue(page);
        const element = await render();
        expect(query(element, "item")!.textContent).toContain("c.Personalization_Event_Stream_Order_Total");
    });

    it("keeps the events on screen with a notice when a refresh fails", async () => {
        loadEventsMock.mockResolvedValueOnce(clone(FIRST_PAGE)).mockRejectedValueOnce({ body: { message: "Busy" } });
        const element = await render();
        const shown = rows(element).length;
        query(element, "refresh")!.click();
        await flushPromises();

        expect(rows(element)).toHaveLength(shown);
        expect(query(element, "stale")).not.toBeNull();
        expect(query(element, "error")).toBeNull();
    });

    it("refreshes on demand", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();
        query(element, "refresh")!.click();
        await flushPromises();
        expect(loadEventsMock).toHaveBeenCalledTimes(2);
        // the rep asked for fresh data: the session's cached insights are bypassed
        expect(loadEventsMock.mock.calls[0][1]).toEqual({ refresh: false });
        expect(loadEventsMock.mock.calls[1][1]).toEqual({ refresh: true });
    });

    it("is accessible with data", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it("is accessible grouped by visit", async () => {
        loadEventsMock.mockResolvedValue(clone(FIRST_PAGE));
        const element = await render();
        await choose(element, "group", { checked: true });
        await expect(element).toBeAccessible();
    });

    it("is accessible with an error", async () => {
        loadEventsMock.mockRejectedValue({ body: { message: "Busy" } });
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
