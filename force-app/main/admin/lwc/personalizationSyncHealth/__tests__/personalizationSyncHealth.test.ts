import { createElement } from "lwc";
import PersonalizationSyncHealth from "c/personalizationSyncHealth";
import getRuns from "@salesforce/apex/PersonalizationSyncHealthController.getRuns";
import getFailures from "@salesforce/apex/PersonalizationSyncHealthController.getFailures";
import retryFailures from "@salesforce/apex/PersonalizationSyncHealthController.retryFailures";
import retryAllFailed from "@salesforce/apex/PersonalizationSyncHealthController.retryAllFailed";
import dismissFailures from "@salesforce/apex/PersonalizationSyncHealthController.dismissFailures";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import RUNS from "./data/getRuns.json";
import FAILURES from "./data/getFailures.json";

jest.mock("@salesforce/apex/PersonalizationSyncHealthController.getRuns", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSyncHealthController.getFailures", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSyncHealthController.retryFailures", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSyncHealthController.retryAllFailed", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSyncHealthController.dismissFailures", () => ({ default: jest.fn() }), {
    virtual: true
});

jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Skipped",
    () => ({ default: "Skipped: {0} lead-only, {1} without identity" }),
    { virtual: true }
);

const runsMock = getRuns as unknown as jest.Mock;
const failuresMock = getFailures as unknown as jest.Mock;
const retryMock = retryFailures as unknown as jest.Mock;
const retryAllMock = retryAllFailed as unknown as jest.Mock;
const dismissMock = dismissFailures as unknown as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement("c-personalization-sync-health", { is: PersonalizationSyncHealth });
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

describe("c-personalization-sync-health", () => {
    beforeEach(() => {
        runsMock.mockResolvedValue(RUNS);
        failuresMock.mockResolvedValue(FAILURES);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it("lists runs with a chart bar each, the dry-run flag and the failures that need attention", async () => {
        const element = await render();
        expect(allById(element, "run")).toHaveLength(2);
        expect(allById(element, "bar")).toHaveLength(2);
        expect(allById(element, "dry-run")).toHaveLength(1);
        expect(byId(element, "chart")!.getAttribute("role")).toBe("img");
        const failedBars = Array.from(element.shadowRoot!.querySelectorAll("rect.bar-failed"));
        // oldest first: the dry run had no failures, the newest run had 3 of 110 scanned
        expect(failedBars.map((rect) => Number(rect.getAttribute("height")))).toEqual([0, 2]);
        expect(allById(element, "failure")).toHaveLength(2);
        expect(failuresMock).toHaveBeenCalledWith({ runId: null, retryState: "Open", search: "" });
        await expect(element).toBeAccessible();
    });

    it("shows why profiles were skipped, only for runs that skipped some", async () => {
        const element = await render();
        const notes = allById(element, "skip-note");
        expect(notes).toHaveLength(1);
        expect(notes[0].textContent).toBe("Skipped: 12 lead-only, 3 without identity");
        await expect(element).toBeAccessible();
    });

    it("defaults to every failure that needs attention, Permanent ones included", async () => {
        failuresMock.mockResolvedValue([
            {
                id: "a0D000000000003AAA",
                recordId: "",
                objectName: "Contact",
                direction: "Push",
                errorCode: "AMBIGUOUS_MATCH",
                message: "2 Contact records match emailAddress",
                retryState: "Permanent",
                attempts: 1
            }
        ]);
        const element = await render();
        const filter = byId(element, "state") as HTMLElement & {
            value: string;
            options: { label: string; value: string }[];
        };
        expect(filter.value).toBe("Open");
        expect(filter.options[0].value).toBe("Open");
        expect(filter.options.map((option) => option.value)).toEqual(
            expect.arrayContaining(["", "Pending", "Permanent"])
        );
        expect(allById(element, "failure")).toHaveLength(1);
        expect(byId(element, "no-failures")).toBeNull();
        // the selected run keeps the default: its failures, whatever needs attention
        (element.shadowRoot!.querySelector("button[data-run-id]") as HTMLButtonElement).click();
        await flushPromises();
        expect(failuresMock).toHaveBeenLastCalledWith({ runId: "a0C000000000002AAA", retryState: "Open", search: "" });
        expect(allById(element, "failure")).toHaveLength(1);
    });

    it("drills down into one run and back to every run", async () => {
        const element = await render();
        (element.shadowRoot!.querySelector("button[data-run-id]") as HTMLButtonElement).click();
        await flushPromises();
        expect(failuresMock).toHaveBeenLastCalledWith({
            runId: "a0C000000000002AAA",
            retryState: "Open",
            search: ""
        });
        byId(element, "all-runs")!.click();
        await flushPromises();
        expect(failuresMock).toHaveBeenLastCalledWith({ runId: null, retryState: "Open", search: "" });
    });

    it("filters by state and searches after typing stops", async () => {
        jest.useFakeTimers();
        const element = createElement("c-personalization-sync-health", { is: PersonalizationSyncHealth });
        document.body.appendChild(element);
        jest.useRealTimers();
        await flushPromises();
        jest.useFakeTimers();
        byId(element, "state")!.dispatchEvent(new CustomEvent("change", { detail: { value: "" } }));
        const search = byId(element, "search") as HTMLInputElement;
        search.value = "title";
        search.dispatchEvent(new CustomEvent("change"));
        jest.advanceTimersByTime(300);
        jest.useRealTimers();
        await flushPromises();
        expect(failuresMock).toHaveBeenLastCalledWith({ runId: null, retryState: "", search: "title" });
    });

    it("retries and dismisses the selected failures, then reloads", async () => {
        retryMock.mockResolvedValue(1);
        dismissMock.mockResolvedValue(2);
        const element = await render();
        const toast = jest.fn();
        element.addEventListener("lightning__showtoast", toast);
        expect((byId(element, "retry-selected") as HTMLButtonElement).disabled).toBe(true);
        select(element, 0);
        await flushPromises();
        expect((byId(element, "retry-selected") as HTMLButtonElement).disabled).toBe(false);
        byId(element, "retry-selected")!.click();
        await flushPromises();
        expect(retryMock).toHaveBeenCalledWith({ failureIds: ["a0D000000000001AAA"] });
        expect(toast).toHaveBeenCalledTimes(1);
        expect(runsMock).toHaveBeenCalledTimes(2);

        select(element, 0);
        select(element, 1);
        await flushPromises();
        byId(element, "dismiss-selected")!.click();
        await flushPromises();
        expect(dismissMock).toHaveBeenCalledWith({ failureIds: ["a0D000000000001AAA", "a0D000000000002AAA"] });
    });

    it("retries every failed record", async () => {
        retryAllMock.mockResolvedValue(2);
        const element = await render();
        byId(element, "retry-all")!.click();
        await flushPromises();
        expect(retryAllMock).toHaveBeenCalledTimes(1);
    });

    it("exports the listed failures as CSV with formulas neutralised", async () => {
        let exported = "";
        const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
            this: HTMLAnchorElement
        ) {
            exported = decodeURIComponent(this.href.replace("data:text/csv;charset=utf-8,", ""));
        });
        const element = await render();
        byId(element, "export")!.click();
        expect(click).toHaveBeenCalledTimes(1);
        expect(exported.split("\r\n")).toHaveLength(3);
        expect(exported).toContain("\"'=cmd|");
        click.mockRestore();
    });

    it("shows empty states", async () => {
        runsMock.mockResolvedValue([]);
        failuresMock.mockResolvedValue([]);
        const element = await render();
        expect(byId(element, "no-runs")).not.toBeNull();
        expect(byId(element, "no-failures")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows an error when a load or an action fails", async () => {
        retryAllMock.mockRejectedValue({ body: { message: "Insufficient access" } });
        const element = await render();
        byId(element, "retry-all")!.click();
        await flushPromises();
        expect(byId(element, "error")).not.toBeNull();

        runsMock.mockRejectedValue({ body: { message: "Insufficient access" } });
        const second = await render();
        expect(byId(second, "error")).not.toBeNull();
        await expect(second).toBeAccessible();
    });
});
