import { createElement } from "lwc";
import PersonalizationAdminCard from "c/personalizationAdminCard";
import { flushPromises } from "../../../../../test/utils/flushPromises";

jest.mock(
    "@salesforce/label/c.Personalization_Card_Refresh_Named",
    () => ({
        default: jest
            .requireActual<typeof import("../../../../../test/utils/customLabels")>(
                "../../../../../test/utils/customLabels"
            )
            .customLabel("Personalization_Card_Refresh_Named")
    }),
    { virtual: true }
);

type CardElement = HTMLElement & Record<string, unknown>;

async function render(props: Record<string, unknown> = {}): Promise<CardElement> {
    const element = createElement("c-personalization-admin-card", {
        is: PersonalizationAdminCard
    }) as unknown as CardElement;
    Object.assign(element, { cardTitle: "Delivery log" }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const one = (element: HTMLElement, selector: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(selector);

describe("c-personalization-admin-card", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("titles the card and keeps both slots, without spinner or error when idle", async () => {
        const element = await render();
        expect(one(element, "h2")!.textContent).toBe("Delivery log");
        expect(one(element, 'slot[name="header"]')).not.toBeNull();
        expect(one(element, "slot:not([name])")).not.toBeNull();
        expect(one(element, "lightning-spinner")).toBeNull();
        expect(one(element, '[data-id="error"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows the spinner while loading and the error with its message", async () => {
        const element = await render({
            loading: true,
            error: { body: { message: "Insufficient access" } },
            errorMessage: "Could not load"
        });
        expect(one(element, "lightning-spinner")).not.toBeNull();
        const panel = one(element, '[data-id="error"]') as HTMLElement & Record<string, unknown>;
        expect(panel.friendlyMessage).toBe("Could not load");
        expect(panel.errors).toEqual({ body: { message: "Insufficient access" } });
        await expect(element).toBeAccessible();
    });

    it("names its refresh button after the card and reports a click on it", async () => {
        const element = await render();
        const refresh = one(element, '[data-id="refresh"]') as HTMLElement & { alternativeText: string };
        expect(refresh.alternativeText).toBe("Refresh Delivery log");
        const onRefresh = jest.fn();
        element.addEventListener("refresh", onRefresh);
        one(element, '[data-id="refresh"]')!.click();
        expect(onRefresh).toHaveBeenCalledTimes(1);
    });
});
