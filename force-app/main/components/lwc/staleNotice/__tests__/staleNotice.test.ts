import { createElement } from "lwc";
import StaleNotice from "c/staleNotice";

function render(): HTMLElement {
    const element = createElement("c-stale-notice", { is: StaleNotice });
    document.body.appendChild(element);
    return element;
}

describe("c-stale-notice", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("says politely, in one compact line, that the data is from before a failed refresh", async () => {
        const element = render();
        const notice = element.shadowRoot!.querySelector(".slds-scoped-notification")!;
        expect(notice.getAttribute("role")).toBe("status");
        expect(notice.classList).not.toContain("slds-theme_warning");
        expect(notice.textContent).toContain("c.Personalization_Card_Stale");
        await expect(element).toBeAccessible();
    });

    it("fires retry from Try again", () => {
        const element = render();
        const retried = jest.fn();
        element.addEventListener("retry", retried);
        const retry = element.shadowRoot!.querySelector<HTMLElement & { label: string }>('[data-id="stale-retry"]')!;
        expect(retry.label).toBe("c.Personalization_Insight_Retry");
        retry.click();
        expect(retried).toHaveBeenCalledTimes(1);
    });
});
