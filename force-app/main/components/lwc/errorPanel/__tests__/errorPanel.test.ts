import { createElement } from "lwc";
import ErrorPanel from "c/errorPanel";

type ErrorPanelElement = HTMLElement & { friendlyMessage?: string; errors?: unknown };

function render(props: Partial<ErrorPanelElement>): ErrorPanelElement {
    const element = createElement("c-error-panel", { is: ErrorPanel }) as ErrorPanelElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const query = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`);

describe("c-error-panel", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the friendly message and hides details until asked", async () => {
        const element = render({
            friendlyMessage: "Personalization is unavailable",
            errors: { body: { message: "Busy" } }
        });
        expect(query(element, "title")!.textContent).toBe("Personalization is unavailable");
        expect(query(element, "details")).toBeNull();

        const toggle = query(element, "toggle") as HTMLButtonElement;
        expect(toggle.getAttribute("aria-expanded")).toBe("false");
        toggle.click();
        await Promise.resolve();

        expect(toggle.getAttribute("aria-expanded")).toBe("true");
        expect(query(element, "details")!.textContent).toContain("Busy");
    });

    it("falls back to the generic title and offers no toggle without details", () => {
        const element = render({ errors: undefined });
        expect(query(element, "title")!.textContent).toBe("c.Personalization_Error_Panel_Title");
        expect(query(element, "toggle")).toBeNull();
    });

    it("renders markup in messages as text, never as HTML", async () => {
        const element = render({ errors: "<img src=x onerror=alert(1)>" });
        (query(element, "toggle") as HTMLButtonElement).click();
        await Promise.resolve();
        expect(element.shadowRoot!.querySelector("img")).toBeNull();
        expect(query(element, "details")!.textContent).toContain("<img src=x onerror=alert(1)>");
    });

    it("is accessible", async () => {
        const element = render({ friendlyMessage: "Failed", errors: ["One", "Two"] });
        (query(element, "toggle") as HTMLButtonElement).click();
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });
});
