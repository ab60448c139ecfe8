import { createElement } from "lwc";
import DecisionItem from "c/decisionItem";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type ItemElement = HTMLElement & Record<string, unknown>;

async function render(props: Record<string, unknown>): Promise<ItemElement> {
    const element = createElement("c-decision-item", { is: DecisionItem }) as unknown as ItemElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const one = (element: HTMLElement, selector: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(selector);

describe("c-decision-item", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the thumbnail with the name as its alternative text, and the name as text", async () => {
        const element = await render({ name: "<b>Trail Runner</b>", imageUrl: "https://cdn.example.com/a.png" });
        const image = one(element, "img") as HTMLImageElement;
        expect(image.getAttribute("src")).toBe("https://cdn.example.com/a.png");
        expect(image.getAttribute("alt")).toBe("<b>Trail Runner</b>");
        expect(one(element, '[data-id="name"]')!.textContent).toBe("<b>Trail Runner</b>");
        expect(one(element, "b")).toBeNull();
        expect(one(element, '[data-id="image-fallback"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("reports a failed image and shows the fallback icon once the owner marks it broken", async () => {
        const element = await render({ name: "Trail Runner", imageUrl: "https://cdn.example.com/a.png" });
        const onImageError = jest.fn();
        element.addEventListener("imageerror", onImageError);
        one(element, "img")!.dispatchEvent(new CustomEvent("error"));
        expect(onImageError).toHaveBeenCalledTimes(1);
        expect(one(element, "img")).not.toBeNull();

        element.imageBroken = true;
        await flushPromises();
        expect(one(element, "img")).toBeNull();
        const icon = one(element, '[data-id="image-fallback"] lightning-icon') as HTMLElement & Record<string, unknown>;
        expect(icon.alternativeText).toBe("Trail Runner");
        await expect(element).toBeAccessible();
    });

    it("has no figure without an image, and keeps the body slot", async () => {
        const element = await render({ name: "Gold Upgrade", imageBroken: true });
        expect(one(element, ".slds-media__figure")).toBeNull();
        expect(one(element, ".slds-media__body slot")).not.toBeNull();
        await expect(element).toBeAccessible();
    });
});
