import { createElement } from "lwc";
import DecisionCard from "c/decisionCard";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type CardElement = HTMLElement & Record<string, unknown>;

const IDLE = {
    isLoading: false,
    error: undefined,
    hasItems: false,
    emptyMessage: "",
    showControlHint: false,
    notice: "",
    stale: false
};

async function render(state: Record<string, unknown> = {}): Promise<CardElement> {
    const element = createElement("c-decision-card", { is: DecisionCard }) as unknown as CardElement;
    Object.assign(element, {
        cardTitle: "Next Best Offers",
        iconName: "standard:product",
        state: { ...IDLE, ...state }
    });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
/** The Try again button of the card's error panel. */
const tryAgain = (element: HTMLElement): HTMLElement | null =>
    byId(element, "error")?.shadowRoot?.querySelector<HTMLElement>('[data-id="retry"]') ?? null;
const states = (element: HTMLElement): string[] =>
    ["loading", "error", "empty"].filter((id) => byId(element, id) !== null);

describe("c-decision-card", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("titles the card and shows only the loading skeleton while loading", async () => {
        const element = await render({ isLoading: true, error: new Error("ignored while loading") });
        const card = element.shadowRoot!.querySelector("lightning-card") as HTMLElement & Record<string, unknown>;
        expect(card.title).toBe("Next Best Offers");
        expect(card.iconName).toBe("standard:product");
        expect(states(element)).toEqual(["loading"]);
        expect(byId(element, "loading")!.getAttribute("aria-busy")).toBe("true");
        expect((byId(element, "refresh") as HTMLElement & { disabled: boolean }).disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it("shows the error panel with the friendly message", async () => {
        const element = await render({ error: { body: { message: "Boom" } } });
        expect(states(element)).toEqual(["error"]);
        const panel = byId(element, "error") as HTMLElement & Record<string, unknown>;
        expect(panel.friendlyMessage).toBe("c.Personalization_Decision_Load_Error");
        expect(panel.errors).toEqual({ body: { message: "Boom" } });
        await expect(element).toBeAccessible();
    });

    it("shows the empty message, and the control-group hint only when asked", async () => {
        const element = await render({ emptyMessage: "Nothing to offer" });
        expect(states(element)).toEqual(["empty"]);
        expect(byId(element, "empty")!.textContent).toContain("Nothing to offer");
        expect(byId(element, "control-hint")).toBeNull();

        element.state = { ...IDLE, emptyMessage: "Nothing to offer", showControlHint: true };
        await flushPromises();
        expect(byId(element, "control-hint")!.textContent).toContain("c.Personalization_Decision_Control_Hint");
        await expect(element).toBeAccessible();
    });

    it("renders the default slot instead of any state when there are items", async () => {
        const element = await render({ hasItems: true, emptyMessage: "Nothing to offer" });
        expect(states(element)).toEqual([]);
        expect(element.shadowRoot!.querySelector("slot:not([name])")).not.toBeNull();
        expect(element.shadowRoot!.querySelector('slot[name="footer"]')).not.toBeNull();
    });

    it("announces notices and failed feedback in a polite status line", async () => {
        const element = await render({ hasItems: true });
        expect(byId(element, "notice")).toBeNull();
        expect(byId(element, "feedback-failed")).toBeNull();

        element.state = { ...IDLE, hasItems: true, notice: "Link copied", feedbackError: "Couldn't record Accept." };
        await flushPromises();
        const live = byId(element, "notice")!.parentElement!;
        expect(live.getAttribute("aria-live")).toBe("polite");
        expect(byId(element, "notice")!.textContent).toBe("Link copied");
        expect(byId(element, "feedback-failed")!.textContent).toContain("Couldn't record Accept.");
        const onRetry = jest.fn();
        element.addEventListener("feedbackretry", onRetry);
        byId(element, "feedback-retry")!.click();
        expect(onRetry).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it("offers Try again on an error, and names its refresh button after the card", async () => {
        const element = await render({ error: { body: { message: "Busy" } } });
        element.cardTitle = "Next Best Offers";
        await flushPromises();
        const onRefresh = jest.fn();
        element.addEventListener("refresh", onRefresh);
        expect(element.shadowRoot!.querySelector('lightning-button[data-id="retry"]')).toBeNull();
        tryAgain(element)!.click();
        expect(onRefresh).toHaveBeenCalledTimes(1);
        expect((byId(element, "refresh") as HTMLElement & { alternativeText: string }).alternativeText).toBe(
            "c.Personalization_Card_Refresh_Named"
        );
        await expect(element).toBeAccessible();
    });

    it("shows the items with a notice when they are from before a failed refresh", async () => {
        const element = await render({ hasItems: true, stale: true });
        expect(byId(element, "stale")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows the loading skeleton until the owner binds its state", async () => {
        const element = createElement("c-decision-card", { is: DecisionCard });
        document.body.appendChild(element);
        await flushPromises();
        expect(states(element)).toEqual(["loading"]);
    });

    it("fires refresh when the refresh button is clicked", async () => {
        const element = await render({ hasItems: true });
        const onRefresh = jest.fn();
        element.addEventListener("refresh", onRefresh);
        byId(element, "refresh")!.click();
        expect(onRefresh).toHaveBeenCalledTimes(1);
    });
});
