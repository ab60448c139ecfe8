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
        expect(rows[0].textContent).toContain("2026-11-28");
        expect(element.shadowRoot!.querySelectorAll('[data-id="alert"]')).toHaveLength(1);
        await expect(element).toBeAccessible();
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
