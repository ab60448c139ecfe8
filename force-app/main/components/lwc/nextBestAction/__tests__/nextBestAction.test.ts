import { createElement } from "lwc";
import NextBestAction, { UNDO_MS } from "c/nextBestAction";
import { loadPromotions, sendFeedback } from "c/recordPageData";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";

jest.mock("c/recordPageData", () => ({ loadPromotions: jest.fn(), sendFeedback: jest.fn() }));

const PROMOTIONS: unknown = require("./data/promotions.json");
const NO_CAMPAIGNS: unknown = require("./data/noCampaigns.json");
const CONTROL_GROUP_ADMIN: unknown = require("./data/controlGroupAdmin.json");
const CONTROL_GROUP_REP: unknown = require("./data/controlGroupRep.json");

const mockGetPromotions = loadPromotions as unknown as jest.Mock;
const mockSendFeedback = sendFeedback as unknown as jest.Mock;

const RECORD_ID = "003Hs00002Jd0AkIAJ";
const SENT = { sent: true, attempts: 1, disabled: false };

type NbaElement = HTMLElement & Record<string, unknown>;

async function render(props: Record<string, unknown> = {}): Promise<NbaElement> {
    const element = createElement("c-next-best-action", { is: NextBestAction }) as unknown as NbaElement;
    Object.assign(element, { recordId: RECORD_ID }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const all = deepQueryAll;
const one = deepQuery;
const byId = (element: HTMLElement, id: string): HTMLElement | null => one(element, `[data-id="${id}"]`);
const button = (element: HTMLElement, action: string, index = 0): HTMLElement =>
    all(element, `lightning-button[data-action="${action}"]`)[index];

function feedbackCalls(type: string): Record<string, unknown>[] {
    return mockSendFeedback.mock.calls
        .map((call: unknown[]) => (call[0] as { feedback: Record<string, unknown> }).feedback)
        .filter((feedback: Record<string, unknown>) => feedback.feedbackType === type);
}

describe("c-next-best-action", () => {
    beforeEach(() => {
        mockSendFeedback.mockResolvedValue(SENT);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("shows the loading skeleton until the one Apex call answers", async () => {
        mockGetPromotions.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect(byId(element, "loading")).not.toBeNull();
        expect(mockGetPromotions).toHaveBeenCalledTimes(1);
    });

    it("sends the App Builder properties and renders promotions from the payload key", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render({
            identifierField: "Email",
            identityType: "emailAddress",
            mcpDataset: "engage",
            actionName: "Contact Record Viewed",
            sourceApplication: "Sales Console"
        });

        expect(mockGetPromotions).toHaveBeenCalledWith({
            request: {
                recordId: RECORD_ID,
                identifierField: "Email",
                identityType: "emailAddress",
                dataset: "engage",
                datafield: "promos",
                actionName: "Contact Record Viewed",
                sourceApplication: "Sales Console",
                maxItems: 3
            }
        });
        const names = all(element, '[data-id="name"]').map((node) => node.textContent);
        expect(names).toEqual(["Spring Camping Event", "Gold Loyalty Upgrade"]);
        expect(all(element, '[data-id="description"]')[0].textContent).toBe(
            "20% off tents and sleeping bags until March 31."
        );
        const image = one(element, "img") as HTMLImageElement;
        expect(image.getAttribute("src")).toBe("https://cdn.northtrail.example.com/promo/spring-camp.jpg");
        expect(image.getAttribute("alt")).toBe("Spring Camping Event");
        const details = byId(element, "details") as HTMLAnchorElement;
        expect(details.getAttribute("href")).toBe("https://www.northtrail.example.com/promo/spring-camp");
        expect(details.getAttribute("rel")).toBe("noopener noreferrer");
    });

    it("sends one impression for the rendered promotions", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        await render({ mcpDataset: "engage", sourceApplication: "Sales Console" });

        expect(mockSendFeedback).toHaveBeenCalledTimes(1);
        expect(feedbackCalls("Impression")[0]).toEqual({
            recordId: RECORD_ID,
            identifierField: undefined,
            identityType: undefined,
            dataset: "engage",
            datafield: "promos",
            sourceApplication: "Sales Console",
            feedbackType: "Impression",
            controlExperienceIds: [],
            items: [
                { itemId: "promo-spring-camp", itemType: "Promotion", experienceId: "NbPx1" },
                { itemId: "promo-loyalty-gold", itemType: "Promotion", experienceId: "NbPx1" }
            ]
        });
    });

    it("sends no impression unless the admin opted in (a rep looking is not the customer acting)", async () => {
        mockGetPromotions.mockResolvedValue({ ...(PROMOTIONS as object), sendImpressions: false });
        const element = await render();

        expect(element.shadowRoot?.querySelectorAll("li").length).toBeGreaterThan(0);
        expect(mockSendFeedback).not.toHaveBeenCalled();
    });

    it("marks a promotion offered at once and sends the Offered action", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();

        button(element, "offered", 1).click();
        await Promise.resolve();

        expect(byId(element, "status")!.textContent).toBe("c.Personalization_NBA_Status_Offered");
        expect(feedbackCalls("Offered")).toHaveLength(1);
        expect(feedbackCalls("Offered")[0].items).toEqual([
            { itemId: "promo-loyalty-gold", itemType: "Promotion", experienceId: "NbPx1" }
        ]);
        button(element, "offered", 1).click();
        expect(feedbackCalls("Offered")).toHaveLength(1);
    });

    it("accepts a promotion, sends the click feedback and launches the configured Flow", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render({ acceptFlowApiName: "Redeem_Promotion" });

        button(element, "accepted").click();
        await Promise.resolve();

        expect(byId(element, "status")!.textContent).toBe("c.Personalization_NBA_Status_Accepted");
        expect(feedbackCalls("Accepted")[0].items).toEqual([
            { itemId: "promo-spring-camp", itemType: "Promotion", experienceId: "NbPx1" }
        ]);
        const flow = one(element, "lightning-flow") as HTMLElement & {
            flowApiName: string;
            flowInputVariables: unknown;
        };
        expect(flow.flowApiName).toBe("Redeem_Promotion");
        expect(flow.flowInputVariables).toEqual([
            { name: "recordId", type: "String", value: RECORD_ID },
            { name: "promotionId", type: "String", value: "promo-spring-camp" }
        ]);

        flow.dispatchEvent(new CustomEvent("statuschange", { detail: { status: "FINISHED" } }));
        await Promise.resolve();
        expect(one(element, "lightning-flow")).toBeNull();
        expect(byId(element, "notice")!.textContent).toBe("c.Personalization_NBA_Flow_Finished");
    });

    it("launches no Flow when none is configured", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        button(element, "accepted").click();
        await Promise.resolve();
        expect(one(element, "lightning-flow")).toBeNull();
        expect(feedbackCalls("Accepted")).toHaveLength(1);
    });

    it("dismisses with a reason: hides the promotion at once, offers Undo, and sends when the card goes", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render({ dismissalDays: 14 });
        const focus = jest.spyOn(HTMLElement.prototype, "focus");

        button(element, "dismiss").click();
        await flushPromises();
        const reason = byId(element, "reason")!;
        expect(focus.mock.contexts).toContain(reason); // focus goes into the reason field
        reason.dispatchEvent(new CustomEvent("change", { detail: { value: "  Already a Gold member  " } }));
        button(element, "dismiss-confirm").click();
        await flushPromises();

        expect(all(element, '[data-id="name"]').map((node) => node.textContent)).toEqual(["Gold Loyalty Upgrade"]);
        expect(byId(element, "undo-notice")!.textContent).toContain("c.Personalization_NBA_Hidden_Notice");
        expect(focus.mock.contexts).toContain(byId(element, "undo")); // then onto Undo
        focus.mockRestore();
        expect(feedbackCalls("Dismissed")).toHaveLength(0); // undoable: not sent yet
        document.body.removeChild(element);
        expect(feedbackCalls("Dismissed")[0]).toMatchObject({
            feedbackType: "Dismissed",
            reason: "Already a Gold member",
            suppressDays: 14,
            items: [{ itemId: "promo-spring-camp", itemType: "Promotion", experienceId: "NbPx1" }]
        });
    });

    it("sends a dismissal when its undo window ends", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        jest.useFakeTimers();
        try {
            button(element, "dismiss").click();
            await Promise.resolve();
            button(element, "dismiss-confirm").click();
            jest.advanceTimersByTime(UNDO_MS - 1);
            expect(feedbackCalls("Dismissed")).toHaveLength(0);
            jest.advanceTimersByTime(1);
            expect(feedbackCalls("Dismissed")).toHaveLength(1);
        } finally {
            jest.useRealTimers();
        }
    });

    it("Undo brings the offer back and sends nothing", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        button(element, "dismiss").click();
        await flushPromises();
        button(element, "dismiss-confirm").click();
        await flushPromises();
        byId(element, "undo")!.click();
        await flushPromises();

        expect(all(element, '[data-id="item"]')).toHaveLength(2);
        expect(byId(element, "undo-notice")).toBeNull();
        document.body.removeChild(element);
        expect(feedbackCalls("Dismissed")).toHaveLength(0);
    });

    it("cancels a dismissal without sending anything", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        button(element, "dismiss").click();
        await Promise.resolve();
        button(element, "dismiss-cancel").click();
        await Promise.resolve();
        expect(byId(element, "dismiss-form")).toBeNull();
        expect(all(element, '[data-id="item"]')).toHaveLength(2);
        expect(feedbackCalls("Dismissed")).toHaveLength(0);
    });

    it("keeps a dismissed promotion hidden after refresh because the server suppresses it", async () => {
        const [first, second] = (PROMOTIONS as { items: unknown[] }).items;
        mockGetPromotions.mockResolvedValueOnce(PROMOTIONS).mockResolvedValueOnce({
            ...(PROMOTIONS as object),
            items: [second],
            suppressedCount: 1
        });
        const element = await render({ dismissalDays: 0 });
        expect(first).toBeDefined();

        button(element, "dismiss").click();
        await Promise.resolve();
        button(element, "dismiss-confirm").click();

        (byId(element, "refresh") as HTMLElement).click();
        // a refresh ends the undo window first
        expect(feedbackCalls("Dismissed")[0]).toMatchObject({ suppressDays: 0, reason: undefined });
        await flushPromises();
        expect(mockGetPromotions).toHaveBeenCalledTimes(2);
        expect(all(element, '[data-id="name"]').map((node) => node.textContent)).toEqual(["Gold Loyalty Upgrade"]);
    });

    it.each([
        ["hideImage", "img"],
        ["hideDescription", '[data-id="description"]'],
        ["hideDetailsButton", '[data-id="details"]']
    ])("hides elements with %s", async (flag, selector) => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const shown = await render();
        expect(all(shown, selector)).toHaveLength(2);
        document.body.removeChild(shown);

        const hidden = await render({ [flag]: true });
        expect(all(hidden, selector)).toHaveLength(0);
        expect(all(hidden, '[data-id="name"]')).toHaveLength(2);
    });

    it("shows the empty state and sends no impression when nothing qualifies", async () => {
        mockGetPromotions.mockResolvedValue(NO_CAMPAIGNS);
        const element = await render();
        expect(byId(element, "empty")!.textContent).toContain("c.Personalization_NBA_Empty");
        expect(byId(element, "control-hint")).toBeNull();
        expect(mockSendFeedback).not.toHaveBeenCalled();
    });

    it("names the missing identity field in the empty state", async () => {
        mockGetPromotions.mockResolvedValue({
            ...(NO_CAMPAIGNS as object),
            missingIdentityMessage:
                "This record has no value in Email, so it cannot be matched to a Personalization profile."
        });
        const element = await render();
        expect(byId(element, "empty")!.textContent).toContain("no value in Email");
        expect(byId(element, "empty-hint")).toBeNull();
    });

    it("says a record not linked to a profile gets no offers yet, with the fix, and is accessible", async () => {
        mockGetPromotions.mockResolvedValue({
            ...(NO_CAMPAIGNS as object),
            status: "UNAVAILABLE",
            missingIdentityMessage: "This person isn't linked to a Personalization profile yet.",
            fixHint: "Run the nightly sync to link it."
        });
        const element = await render();
        expect(byId(element, "empty")!.textContent).toContain("isn't linked");
        expect(byId(element, "empty-hint")!.textContent).toBe("Run the nightly sync to link it.");
        expect(mockSendFeedback).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it("on an Opportunity page sends the contact-role property and names the missing roles", async () => {
        mockGetPromotions.mockResolvedValue({
            ...(NO_CAMPAIGNS as object),
            status: "NO_IDENTITY",
            missingIdentityMessage: "This opportunity has no contact roles",
            fixHint: "Add a contact role to the opportunity, ideally marked as primary."
        });
        const element = await render({
            recordId: "006Hs00001OpPtYIAV",
            opportunityContactRoles: "Primary only",
            useCaseWebEmail: false
        });
        const request = (mockGetPromotions.mock.calls[0] as [{ request: Record<string, unknown> }])[0].request;
        expect(request.recordId).toBe("006Hs00001OpPtYIAV");
        expect(request.opportunityContactRoles).toBe("Primary only");
        expect(request.useCaseWebEmail).toBe(false);
        expect(byId(element, "empty")!.textContent).toContain("This opportunity has no contact roles");
        expect(byId(element, "empty-hint")!.textContent).toContain("Add a contact role");
        expect(mockSendFeedback).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it("shows the control-group hint to admins only, and reports the control impression", async () => {
        mockGetPromotions.mockResolvedValue(CONTROL_GROUP_REP);
        const rep = await render();
        expect(byId(rep, "empty")).not.toBeNull();
        expect(byId(rep, "control-hint")).toBeNull();
        expect(feedbackCalls("Impression")[0]).toMatchObject({ items: [], controlExperienceIds: ["NbRx1"] });
        document.body.removeChild(rep);

        mockGetPromotions.mockResolvedValue(CONTROL_GROUP_ADMIN);
        const admin = await render();
        expect(byId(admin, "control-hint")!.textContent).toBe("c.Personalization_Decision_Control_Hint");
    });

    it("routes by datafield: two instances on one page each render their own campaign", async () => {
        const [spring, gold] = (PROMOTIONS as { items: unknown[] }).items;
        mockGetPromotions.mockImplementation((params: { request: { datafield: string } }) =>
            Promise.resolve({
                ...(PROMOTIONS as object),
                items: params.request.datafield === "promos" ? [spring] : [gold]
            })
        );
        const sales = await render({ mcpDatafield: "promos" });
        const service = await render({ mcpDatafield: "servicePromos" });

        expect(mockGetPromotions).toHaveBeenCalledTimes(2);
        expect(all(sales, '[data-id="name"]').map((node) => node.textContent)).toEqual(["Spring Camping Event"]);
        expect(all(service, '[data-id="name"]').map((node) => node.textContent)).toEqual(["Gold Loyalty Upgrade"]);
        expect(feedbackCalls("Impression").map((feedback) => feedback.datafield)).toEqual(["promos", "servicePromos"]);
    });

    it.each(["refresh", "Try again"])("shows the error panel on failure and recovers on %s", async (how) => {
        mockGetPromotions.mockRejectedValueOnce({
            body: { message: "Personalization is busy. Try again in a minute." }
        });
        mockGetPromotions.mockResolvedValueOnce(PROMOTIONS);
        const element = await render();

        const panel = byId(element, "error") as HTMLElement & { friendlyMessage: string; errors: unknown };
        expect(panel.friendlyMessage).toBe("c.Personalization_Decision_Load_Error");
        expect(panel.errors).toEqual({ body: { message: "Personalization is busy. Try again in a minute." } });
        expect(mockSendFeedback).not.toHaveBeenCalled();

        (byId(element, how === "refresh" ? "refresh" : "retry") as HTMLElement).click();
        await flushPromises();
        expect(byId(element, "error")).toBeNull();
        expect(all(element, '[data-id="item"]')).toHaveLength(2);
    });

    it("renders malformed, hostile and huge payloads safely", async () => {
        const hostile = {
            key: "x:1",
            itemId: "hostile",
            itemType: "Promotion",
            name: "<img src=x onerror=alert(1)>Free tent",
            description: "<script>alert(1)</script>",
            url: ["javascript", "alert(1)"].join(":"),
            imageUrl: "data:image/png;base64,AAAA",
            experienceId: "x"
        };
        const many = Array.from({ length: 500 }, (_, index) => ({
            key: `bulk:${index}`,
            itemId: `bulk-${index}`,
            itemType: "Promotion",
            name: `Bulk ${index}`
        }));
        mockGetPromotions.mockResolvedValue({
            items: [
                null,
                "not an item",
                { key: "x:2", itemId: "no-name" },
                { key: "x:3", itemId: 42, name: "Wrong id type" },
                { key: "x:4", itemId: "wrong-name", name: { value: "Wrapped" } },
                hostile,
                hostile,
                ...many
            ],
            controlGroup: "yes"
        });
        const element = await render({ maxItems: 5 });

        const names = all(element, '[data-id="name"]').map((node) => node.textContent);
        expect(names).toEqual(["<img src=x onerror=alert(1)>Free tent", "Bulk 0", "Bulk 1", "Bulk 2", "Bulk 3"]);
        expect(deepQuery(element, "script")).toBeNull();
        expect(all(element, "img")).toHaveLength(0);
        expect(all(element, "a")).toHaveLength(0);
        expect(all(element, '[data-id="description"]')[0].textContent).toBe("<script>alert(1)</script>");
    });

    it("shows a fallback when an image fails to load", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        one(element, "img")!.dispatchEvent(new CustomEvent("error"));
        await Promise.resolve();
        expect(all(element, "img")).toHaveLength(1);
        expect(byId(element, "image-fallback")).not.toBeNull();
    });

    it("undoes the change and says once, with Retry, when the rep's feedback could not be delivered", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        mockSendFeedback.mockResolvedValueOnce(SENT).mockResolvedValueOnce({ sent: false, attempts: 2 });
        const element = await render();
        button(element, "accepted").click();
        await flushPromises();

        // never "Accepted" beside "could not be sent"
        expect(byId(element, "status")).toBeNull();
        expect(byId(element, "feedback-failed")!.textContent).toContain(
            "c.Personalization_Decision_Feedback_Failed_Item"
        );
        expect(all(element, '[data-id="feedback-failed"]')).toHaveLength(1);

        mockSendFeedback.mockResolvedValueOnce(SENT);
        byId(element, "feedback-retry")!.click();
        await flushPromises();
        expect(byId(element, "feedback-failed")).toBeNull();
        expect(byId(element, "status")!.textContent).toBe("c.Personalization_NBA_Status_Accepted");
        expect(feedbackCalls("Accepted")).toHaveLength(2);
    });

    it("treats a rejected feedback call as not delivered, and a failed impression stays silent", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        mockSendFeedback.mockRejectedValue({ body: { message: "down" } });
        const element = await render();
        await flushPromises();
        expect(byId(element, "feedback-failed")).toBeNull(); // the impression: logged by the server, not the rep's
        button(element, "offered").click();
        await flushPromises();
        expect(byId(element, "feedback-failed")).not.toBeNull();
    });

    it("reads as actions: one brand button, Accept and Not interested, no Not interested after Accept", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render();
        const accepts = all(element, 'lightning-button[data-action="accepted"]') as (HTMLElement & {
            variant: string;
            label: string;
        })[];
        expect(accepts.map((node) => node.variant)).toEqual(["brand", "neutral"]);
        expect(accepts[0].label).toBe("c.Personalization_NBA_Accept");
        expect((button(element, "dismiss") as HTMLElement & { label: string }).label).toBe(
            "c.Personalization_NBA_Not_Interested"
        );

        button(element, "accepted").click();
        await flushPromises();
        expect(all(element, 'lightning-button[data-action="dismiss"]')).toHaveLength(1);
        expect(element.shadowRoot!.activeElement).toBe(byId(element, "status")); // focus on what happened
    });

    it("keeps the last offers on screen with a notice when a refresh fails", async () => {
        mockGetPromotions.mockResolvedValueOnce(PROMOTIONS).mockRejectedValueOnce({ body: { message: "Busy" } });
        const element = await render();
        (byId(element, "refresh") as HTMLElement).click();
        await flushPromises();
        expect(all(element, '[data-id="item"]')).toHaveLength(2);
        expect(byId(element, "stale")).not.toBeNull();
        expect(byId(element, "error")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("is accessible with promotions and an open dismissal form", async () => {
        mockGetPromotions.mockResolvedValue(PROMOTIONS);
        const element = await render({ acceptFlowApiName: "Redeem_Promotion" });
        await expect(element).toBeAccessible();
        button(element, "dismiss").click();
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });

    it("is accessible when empty with the admin hint", async () => {
        mockGetPromotions.mockResolvedValue(CONTROL_GROUP_ADMIN);
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it("is accessible with an error", async () => {
        mockGetPromotions.mockRejectedValue({ body: { message: "Busy" } });
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
