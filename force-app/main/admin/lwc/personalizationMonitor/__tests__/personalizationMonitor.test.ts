import { createElement } from "lwc";
import PersonalizationMonitor from "c/personalizationMonitor";
import getOverview from "@salesforce/apex/PersonalizationMonitorController.getOverview";
import saveMonitorSettings from "@salesforce/apex/PersonalizationMonitorController.saveMonitorSettings";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import OVERVIEW from "./data/getOverview.json";

jest.mock("@salesforce/apex/PersonalizationMonitorController.getOverview", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationMonitorController.saveMonitorSettings", () => ({ default: jest.fn() }), {
    virtual: true
});

jest.mock(
    "@salesforce/label/c.Personalization_Console_Budget_Day",
    () => ({
        default: jest
            .requireActual<typeof import("../../../../../test/utils/customLabels")>(
                "../../../../../test/utils/customLabels"
            )
            .customLabel("Personalization_Console_Budget_Day")
    }),
    { virtual: true }
);

const getMock = getOverview as unknown as jest.Mock;
const saveMock = saveMonitorSettings as unknown as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement("c-personalization-monitor", { is: PersonalizationMonitor });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const query = (element: HTMLElement, selector: string): HTMLElement | null =>
    element.shadowRoot!.querySelector(selector);
const byId = (element: HTMLElement, id: string): HTMLElement | null => query(element, `[data-id="${id}"]`);

function change(element: HTMLElement, field: string, value: string | boolean): void {
    const input = query(element, `lightning-input[data-field="${field}"]`) as HTMLInputElement;
    if (typeof value === "boolean") {
        input.checked = value;
    } else {
        input.value = value;
    }
    input.dispatchEvent(new CustomEvent("change"));
}

describe("c-personalization-monitor", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("shows budget, usage newest first and alerts", async () => {
        getMock.mockResolvedValue(OVERVIEW);
        const element = await render();
        expect(byId(element, "budget-bar")).not.toBeNull();
        const rows = element.shadowRoot!.querySelectorAll('[data-id="usage-row"]');
        expect(rows).toHaveLength(3);
        // the UTC budget day in the user's locale, not moved into their time zone
        expect(rows[0].textContent).toContain("Nov 28, 2026");
        expect(query(element, "th")!.textContent).toBe("c.Personalization_Console_Column_Day");
        expect(element.shadowRoot!.querySelectorAll('[data-id="alert"]')).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it("says once, plainly, that the budget day is a UTC day and when it starts again locally", async () => {
        jest.useFakeTimers({ now: Date.UTC(2026, 11, 6, 20, 0), doNotFake: ["setTimeout"] });
        getMock.mockResolvedValue(OVERVIEW);
        const element = await render();
        jest.useRealTimers();
        expect(byId(element, "budget-day")!.textContent).toBe(
            "Budget days run from midnight to midnight UTC, so the count starts again at 4:00 PM PST your time."
        );
        expect(element.shadowRoot!.textContent!.match(/UTC/g)).toHaveLength(1);
        expect(byId(element, "alert")!.textContent).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T/);
    });

    it("shows empty states without budget, usage or alerts", async () => {
        getMock.mockResolvedValue({ spentToday: 0, usage: [], alerts: [] });
        const element = await render();
        expect(byId(element, "budget-bar")).toBeNull();
        expect(byId(element, "no-usage")).not.toBeNull();
        expect(byId(element, "no-alerts")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("saves the edited settings", async () => {
        getMock.mockResolvedValue(OVERVIEW);
        saveMock.mockResolvedValue({ ...OVERVIEW, dailyBudget: 2000 });
        const element = await render();
        change(element, "budget", "2000");
        change(element, "email", "alerts@example.com");
        change(element, "muted", true);
        change(element, "rate", "");
        byId(element, "save")!.click();
        await flushPromises();
        expect(saveMock).toHaveBeenCalledWith({
            dailyBudget: 2000,
            alertEmail: "alerts@example.com",
            alertsMuted: true,
            failureRateThreshold: null,
            backlogThreshold: 500
        });
        expect(byId(element, "saved")!.textContent).toBe("c.Personalization_Console_Saved");
    });

    it("shows the reason when saving is refused", async () => {
        getMock.mockResolvedValue(OVERVIEW);
        saveMock.mockRejectedValue({ body: { message: "Check the values" } });
        const element = await render();
        byId(element, "save")!.click();
        await flushPromises();
        expect(byId(element, "error")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows an error when the overview cannot load", async () => {
        getMock.mockRejectedValue({ body: { message: "You need the Personalization Admin permission set" } });
        const element = await render();
        expect(byId(element, "error")).not.toBeNull();
        expect(byId(element, "save")).toBeNull();
    });
});
