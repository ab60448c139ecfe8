import { createElement } from "lwc";
import PersonalizationRunPanel from "c/personalizationRunPanel";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type PanelElement = HTMLElement & Record<string, unknown>;

const LINES = [
    { key: "0", iconName: "utility:success", statusText: "Passed", message: "Dataset engage exists.", passed: true },
    {
        key: "1",
        iconName: "utility:error",
        statusText: "Denied",
        name: "Event send",
        notes: ["", "HTTP 403"],
        message: "Refused.",
        fix: "Select Can send events.",
        capability: "EVENTS",
        status: "DENIED"
    }
];

async function render(props: Record<string, unknown> = {}): Promise<PanelElement> {
    const element = createElement("c-personalization-run-panel", {
        is: PersonalizationRunPanel
    }) as unknown as PanelElement;
    Object.assign(element, { cardTitle: "Pre-flight check", intro: "Checks everything.", runLabel: "Run" }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const one = (element: HTMLElement, selector: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(selector);
const all = (element: HTMLElement, selector: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(selector));

describe("c-personalization-run-panel", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the title, intro and run button, and no results before a run", async () => {
        const element = await render();
        expect(one(element, "h2")!.textContent).toBe("Pre-flight check");
        expect(element.shadowRoot!.textContent).toContain("Checks everything.");
        expect((one(element, '[data-id="run"]') as unknown as { label: string }).label).toBe("Run");
        expect(one(element, '[data-id="results"]')).toBeNull();
        expect(one(element, '[data-id="lines"]')).toBeNull();
        expect(one(element, 'slot[name="actions"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("reports the run button and shows the spinner with the running label while it runs", async () => {
        const element = await render({ runningLabel: "Checking…" });
        const run = jest.fn();
        element.addEventListener("run", run);
        one(element, '[data-id="run"]')!.click();
        expect(run).toHaveBeenCalledTimes(1);
        element.running = true;
        await flushPromises();
        const button = one(element, '[data-id="run"]') as unknown as { label: string; disabled: boolean };
        expect(button.disabled).toBe(true);
        expect(button.label).toBe("Checking…");
        expect(one(element, "lightning-spinner")).not.toBeNull();
    });

    it("lists a line per check: the status in words, name and notes, message and fix", async () => {
        const element = await render({ ran: true, lines: LINES, ranAtText: "Checked Nov 27, 2026, 6:00 PM PST" });
        const lines = all(element, '[data-id="line"]');
        expect(lines).toHaveLength(2);
        expect(lines[0]!.dataset.passed).toBe("true");
        expect(lines[0]!.textContent).toContain("Passed: Dataset engage exists.");
        expect(lines[0]!.querySelector('[data-id="fix"]')).toBeNull();
        expect(lines[1]!.dataset.capability).toBe("EVENTS");
        expect(lines[1]!.dataset.status).toBe("DENIED");
        expect(lines[1]!.textContent).toContain("Event send: Denied");
        expect(lines[1]!.textContent).toContain("(HTTP 403)");
        expect(lines[1]!.querySelector('[data-id="fix"]')!.textContent).toContain("Select Can send events.");
        expect(one(element, '[data-id="ran-at"]')!.textContent).toBe("Checked Nov 27, 2026, 6:00 PM PST");
        await expect(element).toBeAccessible();
    });

    it("names its list, lines and fixes as the panel using it asks", async () => {
        const element = await render({ ran: true, lines: LINES, listId: "probes", lineId: "probe", fixId: "hint" });
        expect(one(element, '[data-id="probes"]')).not.toBeNull();
        expect(all(element, '[data-id="probe"]')).toHaveLength(2);
        expect(all(element, '[data-id="hint"]')).toHaveLength(1);
    });

    it("shows the error instead of results", async () => {
        const element = await render({ ran: true, lines: LINES, error: { body: { message: "No access" } } });
        expect(one(element, '[data-id="error"]')).not.toBeNull();
        expect(one(element, '[data-id="results"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("moves focus to the results when a run the user started ends", async () => {
        const element = await render();
        one(element, '[data-id="run"]')!.click();
        element.running = true;
        await flushPromises();
        Object.assign(element, { running: false, ran: true, lines: LINES });
        await flushPromises();
        expect(element.shadowRoot!.activeElement).toBe(one(element, '[data-id="results"]'));
    });

    it("moves focus to the error when the run the user started fails", async () => {
        const element = await render();
        one(element, '[data-id="run"]')!.click();
        element.running = true;
        await flushPromises();
        Object.assign(element, { running: false, error: new Error("down") });
        await flushPromises();
        expect(element.shadowRoot!.activeElement).toBe(one(element, '[data-id="error-region"]'));
    });

    it("leaves focus alone when a run ends that the user did not start (a run on open)", async () => {
        const element = await render({ running: true });
        Object.assign(element, { running: false, ran: true, lines: LINES });
        await flushPromises();
        expect(element.shadowRoot!.activeElement).toBeNull();
    });
});
