import { createElement } from "lwc";
import RelativeTime from "c/relativeTime";

type RelativeTimeElement = HTMLElement & { value?: number; now?: number };

function render(props: Partial<RelativeTimeElement>): RelativeTimeElement {
    const element = createElement("c-relative-time", { is: RelativeTime }) as unknown as RelativeTimeElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe("c-relative-time", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the relative time with the exact time on hover and for screen readers", () => {
        const element = render({ value: NOW - 5 * 60_000, now: NOW });
        const time = element.shadowRoot!.querySelector("time")!;
        expect(time.getAttribute("datetime")).toBe("2026-11-28T11:55:00.000Z");
        expect(time.querySelector('[data-id="relative"]')!.textContent).toBe("5 minutes ago");
        // Jest stands in en-US and America/Los_Angeles for the user's locale and time zone
        expect(time.getAttribute("title")).toBe("Nov 28, 2026, 3:55:00 AM PST");
        expect(time.querySelector('[data-id="exact"]')!.textContent).toBe("Nov 28, 2026, 3:55:00 AM PST");
    });

    it("clamps a future moment to now and keeps its exact time on hover", () => {
        const element = render({ value: NOW + 10 * 60_000, now: NOW });
        const time = element.shadowRoot!.querySelector("time")!;
        expect(time.querySelector('[data-id="relative"]')!.textContent).toBe("c.Personalization_Insight_Just_Now");
        expect(time.getAttribute("title")).toBe("Nov 28, 2026, 4:10:00 AM PST");
    });

    it("renders nothing without a valid time", () => {
        expect(render({}).shadowRoot!.querySelector("time")).toBeNull();
        expect(render({ value: Number.NaN }).shadowRoot!.querySelector("time")).toBeNull();
    });

    it("is accessible", async () => {
        const element = render({ value: NOW - 3_600_000, now: NOW });
        await expect(element).toBeAccessible();
    });
});
