import { createElement } from "lwc";
import NextBestRecommendation from "c/nextBestRecommendation";
import { loadRecommendations, sendFeedback } from "c/recordPageData";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";

jest.mock("c/recordPageData", () => ({ loadRecommendations: jest.fn(), sendFeedback: jest.fn() }));

const RECOMMENDATIONS: unknown = require("./data/recommendations.json");
const CLASSIC: unknown = require("./data/classic.json");
const NO_CAMPAIGNS: unknown = require("./data/noCampaigns.json");
const CONTROL_GROUP_ADMIN: unknown = require("./data/controlGroupAdmin.json");
const CONTROL_GROUP_REP: unknown = require("./data/controlGroupRep.json");

const mockGetRecommendations = loadRecommendations as unknown as jest.Mock;
const mockSendFeedback = sendFeedback as unknown as jest.Mock;

const RECORD_ID = "00QHs00000LeAd1IAB";

type NbrElement = HTMLElement & Record<string, unknown>;
type FormattedNumber = HTMLElement & { value: unknown; formatStyle: unknown; currencyCode: unknown };

async function render(props: Record<string, unknown> = {}): Promise<NbrElement> {
    const element = createElement("c-next-best-recommendation", {
        is: NextBestRecommendation
    }) as unknown as NbrElement;
    Object.assign(element, { recordId: RECORD_ID }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const all = deepQueryAll;
const byId = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const names = (element: HTMLElement): (string | null)[] =>
    all(element, '[data-id="name"]').map((node) => node.textContent);

function feedbackCalls(type: string): Record<string, unknown>[] {
    return mockSendFeedback.mock.calls
        .map((call: unknown[]) => (call[0] as { feedback: Record<string, unknown> }).feedback)
        .filter((feedback: Record<string, unknown>) => feedback.feedbackType === type);
}

function mockClipboard(writeText: jest.Mock): void {
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

describe("c-next-best-recommendation", () => {
    beforeEach(() => {
        mockSendFeedback.mockResolvedValue({ sent: true, attempts: 1, disabled: false });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("shows the loading skeleton until the one Apex call answers", async () => {
        mockGetRecommendations.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect(byId(element, "loading")).not.toBeNull();
        expect(mockGetRecommendations).toHaveBeenCalledTimes(1);
    });

    it("requests the configured datafield and renders items from the nested dataMap", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const element = await render({ mcpDataset: "engage", actionName: "Next Best Products Viewed" });

        expect(mockGetRecommendations).toHaveBeenCalledWith({
            request: {
                recordId: RECORD_ID,
                identifierField: undefined,
                identityType: undefined,
                dataset: "engage",
                datafield: "recs",
                actionName: "Next Best Products Viewed",
                sourceApplication: undefined,
                maxItems: 4
            }
        });
        expect(names(element)).toEqual(["Ridge 2 Ultralight Tent", "Summit 20 Down Sleeping Bag"]);
        const image = deepQuery(element, "img")!;
        expect(image.getAttribute("alt")).toBe("Ridge 2 Ultralight Tent");
        const prices = all(element, '[data-id="price"] > lightning-formatted-number') as FormattedNumber[];
        expect(prices.map((price) => price.value)).toEqual([349, 289]);
        expect(prices[0].formatStyle).toBe("currency");
        expect(prices[0].currencyCode).toBeUndefined();
        expect(all(element, '[data-id="list-price"]')).toHaveLength(1);
        expect(all(element, '[data-id="rating"]')[0].textContent).toContain("c.Personalization_NBR_Rating");
        expect(byId(element, "open")!.getAttribute("href")).toBe("https://www.northtrail.example.com/p/p-1004");
    });

    it("formats prices in the item's currency when it has one", async () => {
        const [tent] = (RECOMMENDATIONS as { items: Record<string, unknown>[] }).items;
        mockGetRecommendations.mockResolvedValue({
            ...(RECOMMENDATIONS as object),
            items: [{ ...tent, currencyCode: "EUR" }]
        });
        const element = await render();
        const price = all(element, '[data-id="price"] > lightning-formatted-number')[0] as FormattedNumber;
        expect(price.currencyCode).toBe("EUR");
    });

    it("renders classic campaign items", async () => {
        mockGetRecommendations.mockResolvedValue(CLASSIC);
        const element = await render({ mcpDatafield: "legacyRecs" });
        expect((mockGetRecommendations.mock.calls[0][0] as { request: { datafield: string } }).request.datafield).toBe(
            "legacyRecs"
        );
        expect(names(element)).toEqual(["Ridge 2 Ultralight Tent"]);
        expect(all(element, '[data-id="rating"]')).toHaveLength(0);
        expect(all(element, '[data-id="list-price"]')).toHaveLength(0);
    });

    it("sends one impression for the rendered items", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        await render();
        expect(mockSendFeedback).toHaveBeenCalledTimes(1);
        expect(feedbackCalls("Impression")[0]).toMatchObject({
            recordId: RECORD_ID,
            datafield: "recs",
            controlExperienceIds: [],
            items: [
                { itemId: "p-1004", itemType: "Product", experienceId: "NbRx1" },
                { itemId: "p-1011", itemType: "Product", experienceId: "NbRx1" }
            ]
        });
    });

    it("sends a click when the rep opens a link", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const element = await render();
        const open = all(element, '[data-id="open"]')[1];
        open.addEventListener("click", (event) => event.preventDefault());
        open.click();
        expect(feedbackCalls("Opened")).toEqual([
            expect.objectContaining({ items: [{ itemId: "p-1011", itemType: "Product", experienceId: "NbRx1" }] })
        ]);
        expect(open.getAttribute("target")).toBe("_blank");
        expect(open.getAttribute("rel")).toBe("noopener noreferrer");
    });

    it("copies a clean link for the customer and sends a click", async () => {
        const [tent] = (RECOMMENDATIONS as { items: Record<string, unknown>[] }).items;
        mockGetRecommendations.mockResolvedValue({
            ...(RECOMMENDATIONS as object),
            items: [
                {
                    ...tent,
                    url: "https://www.northtrail.example.com/p/p-1004?color=green&utm_source=mcp&gclid=x#reviews"
                }
            ]
        });
        const writeText = jest.fn().mockResolvedValue(undefined);
        mockClipboard(writeText);
        const element = await render();

        byId(element, "copy")!.click();
        await flushPromises();

        expect(writeText).toHaveBeenCalledWith("https://www.northtrail.example.com/p/p-1004?color=green#reviews");
        expect(byId(element, "notice")!.textContent).toBe("c.Personalization_NBR_Link_Copied");
        expect(feedbackCalls("Copied")[0]).toMatchObject({
            items: [{ itemId: "p-1004", itemType: "Product", experienceId: "NbRx1" }]
        });
    });

    it("offers the link for manual copy when the clipboard is blocked", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        mockClipboard(jest.fn().mockRejectedValue(new Error("denied")));
        const element = await render();

        byId(element, "copy")!.click();
        await flushPromises();

        expect(byId(element, "notice")!.textContent).toBe("c.Personalization_NBR_Copy_Failed");
        const manual = byId(element, "manual-copy") as HTMLElement & { value: string };
        expect(manual.value).toBe("https://www.northtrail.example.com/p/p-1004");
        expect(feedbackCalls("Copied")).toHaveLength(0);
    });

    it("shows tiles or a list", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const tiles = await render({ layout: "tiles" });
        expect(byId(tiles, "items")!.className).toContain("tiles");
        const list = await render({ layout: "list" });
        expect(byId(list, "items")!.className).not.toContain("tiles");
    });

    it("titles the card with the item type label", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const element = await render({ itemTypeLabel: "Articles" });
        const card = deepQuery(element, "lightning-card") as HTMLElement & { title: string };
        expect(card.title).toBe("c.Personalization_NBR_Title");
    });

    it("shows the empty state and sends nothing when nothing qualifies", async () => {
        mockGetRecommendations.mockResolvedValue(NO_CAMPAIGNS);
        const element = await render();
        expect(byId(element, "empty")!.textContent).toContain("c.Personalization_NBR_Empty");
        expect(mockSendFeedback).not.toHaveBeenCalled();
    });

    it("shows the control-group hint to admins only", async () => {
        mockGetRecommendations.mockResolvedValue(CONTROL_GROUP_REP);
        const rep = await render();
        expect(byId(rep, "control-hint")).toBeNull();
        expect(feedbackCalls("Impression")[0]).toMatchObject({ items: [], controlExperienceIds: ["NbRx1"] });

        mockGetRecommendations.mockResolvedValue(CONTROL_GROUP_ADMIN);
        const admin = await render();
        expect(byId(admin, "control-hint")!.textContent).toBe("c.Personalization_Decision_Control_Hint");
    });

    it("routes by datafield: two instances each render their own campaign", async () => {
        mockGetRecommendations.mockImplementation((params: { request: { datafield: string } }) =>
            Promise.resolve(params.request.datafield === "recs" ? RECOMMENDATIONS : CLASSIC)
        );
        const products = await render({ mcpDatafield: "recs" });
        const legacy = await render({ mcpDatafield: "legacyRecs" });
        expect(names(products)).toHaveLength(2);
        expect(names(legacy)).toEqual(["Ridge 2 Ultralight Tent"]);
        expect(feedbackCalls("Impression").map((feedback) => feedback.datafield)).toEqual(["recs", "legacyRecs"]);
    });

    it.each(["refresh", "Try again"])("shows the error panel on failure and recovers on %s", async (how) => {
        mockGetRecommendations.mockRejectedValueOnce({ body: { message: "Personalization rejected the connection." } });
        mockGetRecommendations.mockResolvedValueOnce(RECOMMENDATIONS);
        const element = await render();
        const panel = byId(element, "error") as HTMLElement & { friendlyMessage: string };
        expect(panel.friendlyMessage).toBe("c.Personalization_Decision_Load_Error");

        byId(element, how === "refresh" ? "refresh" : "retry")!.click();
        await flushPromises();
        expect(byId(element, "error")).toBeNull();
        expect(names(element)).toHaveLength(2);
    });

    it("renders hostile and malformed items safely and caps huge lists", async () => {
        mockGetRecommendations.mockResolvedValue({
            items: [
                { key: "a", itemId: "a", name: "<b>Bold</b>", url: ["javascript", "alert(1)"].join(":"), price: "12" },
                { key: "b", itemId: "b", name: "Bad rating", rating: 11, price: Number.NaN, currencyCode: "euro" },
                { key: "c", itemId: "c" },
                ...Array.from({ length: 300 }, (_, index) => ({
                    key: `k${index}`,
                    itemId: `i${index}`,
                    name: `Item ${index}`
                }))
            ]
        });
        const element = await render({ maxItems: "3" });
        expect(names(element)).toEqual(["<b>Bold</b>", "Bad rating", "Item 0"]);
        expect(deepQuery(element, "b")).toBeNull();
        expect(all(element, "a")).toHaveLength(0);
        expect(all(element, '[data-id="price"]')).toHaveLength(0);
        expect(all(element, '[data-id="rating"]')).toHaveLength(0);
    });

    it("shows a fallback when an image fails to load", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const element = await render();
        deepQuery(element, "img")!.dispatchEvent(new CustomEvent("error"));
        await Promise.resolve();
        expect(byId(element, "image-fallback")).not.toBeNull();
        expect(all(element, "img")).toHaveLength(1);
    });

    it("tells the rep once, with Retry, when an opened link could not be recorded; impressions stay silent", async () => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        mockSendFeedback.mockResolvedValue({ sent: false, attempts: 2, disabled: false });
        const element = await render();
        await flushPromises();
        expect(byId(element, "feedback-failed")).toBeNull();
        all(element, '[data-id="open"]')[0]?.click();
        await flushPromises();
        expect(byId(element, "feedback-failed")!.textContent).toContain(
            "c.Personalization_Decision_Feedback_Failed_Item"
        );
    });

    it.each(["list", "tiles"])("is accessible with items as %s", async (layout) => {
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        const element = await render({ layout });
        await expect(element).toBeAccessible();
    });

    it("is accessible when empty, on error and with the manual copy field", async () => {
        mockGetRecommendations.mockResolvedValue(CONTROL_GROUP_ADMIN);
        await expect(await render()).toBeAccessible();
        mockGetRecommendations.mockRejectedValue({ body: { message: "Busy" } });
        await expect(await render()).toBeAccessible();
        mockGetRecommendations.mockResolvedValue(RECOMMENDATIONS);
        mockClipboard(jest.fn().mockRejectedValue(new Error("denied")));
        const element = await render();
        byId(element, "copy")!.click();
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
