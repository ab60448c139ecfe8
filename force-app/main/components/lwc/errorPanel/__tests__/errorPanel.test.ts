import { createElement } from "lwc";
import ErrorPanel from "c/errorPanel";

type ErrorPanelElement = HTMLElement & { friendlyMessage?: string; errors?: unknown; retryable?: boolean };

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

    it("is one compact scoped notification announced as an alert", () => {
        const element = render({ friendlyMessage: "Could not load", errors: "Busy" });
        const panel = query(element, "panel")!;
        expect(panel.classList).toContain("slds-scoped-notification");
        expect(panel.getAttribute("role")).toBe("alert");
        expect(element.shadowRoot!.querySelector(".slds-notify_alert, .slds-theme_alert-texture")).toBeNull();
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
        expect(toggle.textContent!.trim()).toBe("c.Personalization_Error_Panel_Show_Details");
        toggle.click();
        await Promise.resolve();

        expect(toggle.getAttribute("aria-expanded")).toBe("true");
        expect(toggle.textContent!.trim()).toBe("c.Personalization_Error_Panel_Hide_Details");
        expect(query(element, "details")!.textContent).toContain("Busy");
    });

    it("keeps keyboard focus on the toggle when details open and close (Hide details stays focused)", async () => {
        const element = render({ errors: ["One"] });
        const toggle = query(element, "toggle") as HTMLButtonElement;
        toggle.focus();
        toggle.click();
        await Promise.resolve();
        expect(element.shadowRoot!.activeElement).toBe(toggle);
        expect(query(element, "toggle")).toBe(toggle);
        toggle.click();
        await Promise.resolve();
        expect(element.shadowRoot!.activeElement).toBe(toggle);
        expect(query(element, "details")).toBeNull();
    });

    it("falls back to the generic title and offers no toggle without details", () => {
        const element = render({ errors: undefined });
        expect(query(element, "title")!.textContent).toBe("c.Personalization_Error_Panel_Title");
        expect(query(element, "toggle")).toBeNull();
    });

    it("offers Try again only when retryable, and fires retry", async () => {
        const plain = render({ friendlyMessage: "Failed" });
        expect(query(plain, "retry")).toBeNull();

        const element = render({ friendlyMessage: "Failed", retryable: true });
        const retried = jest.fn();
        element.addEventListener("retry", retried);
        const retry = query(element, "retry") as HTMLElement & { label: string };
        expect(retry.label).toBe("c.Personalization_Insight_Retry");
        retry.click();
        expect(retried).toHaveBeenCalledTimes(1);
    });

    it("renders markup in messages as text, never as HTML", async () => {
        const element = render({ errors: "<img src=x onerror=alert(1)>" });
        (query(element, "toggle") as HTMLButtonElement).click();
        await Promise.resolve();
        expect(element.shadowRoot!.querySelector("img")).toBeNull();
        expect(query(element, "details")!.textContent).toContain("<img src=x onerror=alert(1)>");
    });

    it("is accessible collapsed, with Try again", async () => {
        const element = render({ friendlyMessage: "Failed", errors: ["One"], retryable: true });
        await expect(element).toBeAccessible();
    });

    it("is accessible expanded", async () => {
        const element = render({ friendlyMessage: "Failed", errors: ["One", "Two"], retryable: true });
        (query(element, "toggle") as HTMLButtonElement).click();
        await Promise.resolve();
        await expect(element).toBeAccessible();
    });
});
