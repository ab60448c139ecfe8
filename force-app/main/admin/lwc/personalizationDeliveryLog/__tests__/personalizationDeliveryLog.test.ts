import { createElement } from "lwc";
import PersonalizationDeliveryLog from "c/personalizationDeliveryLog";
import getDeliveryLog from "@salesforce/apex/PersonalizationDeliveryLogController.getDeliveryLog";
import retryDeliveries from "@salesforce/apex/PersonalizationDeliveryLogController.retryDeliveries";
import dismissDeliveries from "@salesforce/apex/PersonalizationDeliveryLogController.dismissDeliveries";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import LOG from "./data/getDeliveryLog.json";

jest.mock("@salesforce/apex/PersonalizationDeliveryLogController.getDeliveryLog", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationDeliveryLogController.retryDeliveries", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationDeliveryLogController.dismissDeliveries", () => ({ default: jest.fn() }), {
    virtual: true
});

const logMock = getDeliveryLog as unknown as jest.Mock;
const retryMock = retryDeliveries as unknown as jest.Mock;
const dismissMock = dismissDeliveries as unknown as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement("c-personalization-delivery-log", { is: PersonalizationDeliveryLog });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const allById = (element: HTMLElement, id: string): HTMLElement[] => deepQueryAll(element, `[data-id="${id}"]`);

function select(element: HTMLElement, index: number): void {
    const box = deepQueryAll(element, "lightning-input[data-row-id]")[index] as HTMLInputElement;
    box.checked = true;
    box.dispatchEvent(new CustomEvent("change"));
}

describe("c-personalization-delivery-log", () => {
    beforeEach(() => {
        logMock.mockResolvedValue(LOG);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it("opens on the failed deliveries with counts per status", async () => {
        const element = await render();
        expect(logMock).toHaveBeenCalledWith({ status: "Failed", search: "" });
        expect(allById(element, "delivery")).toHaveLength(2);
        expect(byId(element, "counts")!.textContent).toBe("c.Personalization_Console_Delivery_Counts");
        await expect(element).toBeAccessible();
    });

    it("names statuses in words, in the rows and in the status filter", async () => {
        const element = await render();
        const rows = allById(element, "delivery");
        expect(rows[0].textContent).toContain("c.Personalization_Console_Delivery_Status_Failed");
        expect(rows[0].textContent).not.toMatch(/(^|[^_])Failed/);
        const filter = byId(element, "status") as HTMLElement & { options: { label: string; value: string }[] };
        expect(filter.options.map((option) => option.value)).toEqual([
            "",
            "Pending",
            "Delivered",
            "Failed",
            "Dismissed"
        ]);
        expect(filter.options.slice(1).map((option) => option.label)).toEqual(
            ["Pending", "Delivered", "Failed", "Dismissed"].map(
                (status) => `c.Personalization_Console_Delivery_Status_${status}`
            )
        );
    });

    it("filters by status and searches after typing stops", async () => {
        const element = await render();
        byId(element, "status")!.dispatchEvent(new CustomEvent("change", { detail: { value: "Pending" } }));
        await flushPromises();
        expect(logMock).toHaveBeenLastCalledWith({ status: "Pending", search: "" });
        jest.useFakeTimers();
        const search = byId(element, "search") as HTMLInputElement;
        search.value = "case";
        search.dispatchEvent(new CustomEvent("change"));
        jest.advanceTimersByTime(300);
        jest.useRealTimers();
        await flushPromises();
        expect(logMock).toHaveBeenLastCalledWith({ status: "Pending", search: "case" });
    });

    it("retries selected and all failed deliveries, and dismisses", async () => {
        retryMock.mockResolvedValue(1);
        dismissMock.mockResolvedValue(1);
        const element = await render();
        select(element, 1);
        await flushPromises();
        byId(element, "retry-selected")!.click();
        await flushPromises();
        expect(retryMock).toHaveBeenLastCalledWith({ deliveryIds: ["a0E000000000002AAA"] });
        byId(element, "retry-all")!.click();
        await flushPromises();
        expect(retryMock).toHaveBeenLastCalledWith({ deliveryIds: ["a0E000000000001AAA", "a0E000000000002AAA"] });
        select(element, 0);
        await flushPromises();
        byId(element, "dismiss-selected")!.click();
        await flushPromises();
        expect(dismissMock).toHaveBeenCalledWith({ deliveryIds: ["a0E000000000001AAA"] });
    });

    it("exports the listed deliveries", async () => {
        let exported = "";
        const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
            this: HTMLAnchorElement
        ) {
            exported = decodeURIComponent(this.href.replace("data:text/csv;charset=utf-8,", ""));
        });
        const element = await render();
        byId(element, "export")!.click();
        expect(exported.split("\r\n")).toHaveLength(3);
        expect(exported).toContain('"PD-000101","c.Personalization_Console_Delivery_Status_Failed","Case Opened"');
        click.mockRestore();
    });

    it("shows an empty state and errors", async () => {
        logMock.mockResolvedValue({ counts: {}, deliveries: [] });
        const empty = await render();
        expect(byId(empty, "none")).not.toBeNull();
        expect((byId(empty, "retry-all") as HTMLButtonElement).disabled).toBe(true);
        expect((byId(empty, "export") as HTMLButtonElement).disabled).toBe(true);
        await expect(empty).toBeAccessible();

        logMock.mockRejectedValue({ body: { message: "Insufficient access" } });
        const failing = await render();
        expect(byId(failing, "error")).not.toBeNull();
        await expect(failing).toBeAccessible();
    });

    it("shows an error when an action fails", async () => {
        dismissMock.mockRejectedValue({ body: { message: "Insufficient access" } });
        const element = await render();
        select(element, 0);
        await flushPromises();
        byId(element, "dismiss-selected")!.click();
        await flushPromises();
        expect(byId(element, "error")).not.toBeNull();
    });
});
