import { createElement } from "lwc";
import PersonalizationSyncHealth from "c/personalizationSyncHealth";
import getRuns from "@salesforce/apex/PersonalizationSyncHealthController.getRuns";
import getFailures from "@salesforce/apex/PersonalizationSyncHealthController.getFailures";
import retryFailures from "@salesforce/apex/PersonalizationSyncHealthController.retryFailures";
import retryAllFailed from "@salesforce/apex/PersonalizationSyncHealthController.retryAllFailed";
import dismissFailures from "@salesforce/apex/PersonalizationSyncHealthController.dismissFailures";
import countRetryableFailures from "@salesforce/apex/PersonalizationSyncHealthController.countRetryableFailures";
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
    "@salesforce/apex/PersonalizationSyncHealthController.countRetryableFailures",
    () => ({ default: jest.fn() }),
    { virtual: true }
);

// the labels the tests read take their real values
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Status_Completed_With_Errors",
    () => ({
        default: jest
            .requireActual<LabelsModule>(LABELS)
            .customLabel("Personalization_Console_Sync_Status_Completed_With_Errors")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_State_Pending",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Sync_State_Pending")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Error_DML_ERROR",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Error_DML_ERROR")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Code",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Sync_Code") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Counts",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Sync_Counts") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Failed_By_Object",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Sync_Failed_By_Object")
    }),
    { virtual: true }
);

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
const retryableMock = countRetryableFailures as unknown as jest.Mock;

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
        retryableMock.mockResolvedValue(2);
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
        const failedBars = deepQueryAll(element, "rect.bar-failed");
        // oldest first: the dry run had no failures, the newest run 3 of 110 scanned (at least a visible sliver)
        expect(failedBars.map((rect) => Number(rect.getAttribute("height")))).toEqual([0, 2.4]);
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
    it("shows run statuses and failure states in words, not API values", async () => {
        const element = await render();
        const statuses = allById(element, "status").map((status) => status.textContent);
        expect(statuses[0]).toBe("Completed with errors");
        expect(statuses).not.toContain("Completed_With_Errors");
        expect(allById(element, "failed-by-object")[0].textContent!.trim()).toBe(
            "Failed: 2 Contacts, 1 Leads, 0 Accounts"
        );
        expect(allById(element, "run")[0].textContent).toContain("110 scanned, 90 updated, 3 failed");
        const filter = byId(element, "state") as HTMLElement & { options: { label: string; value: string }[] };
        expect(filter.options.find((option) => option.value === "Pending")!.label).toBe("Waiting for a retry");
        expect(allById(element, "failure")[0].textContent).toContain("Waiting for a retry");
        await expect(element).toBeAccessible();
    });

    it("names each failed record, links it to its record page, and explains its error with what to do", async () => {
        failuresMock.mockResolvedValue([
            { ...FAILURES[0], recordName: "Jane Doe", errorCode: "DML_ERROR", message: "Title: value too long" },
            { ...FAILURES[1], recordName: null },
            { ...FAILURES[1], id: "a0D000000000009AAA", recordId: "", errorCode: "MAPPING_FIELD_MISSING" }
        ]);
        const element = await render();
        await flushPromises();
        const [jane, lead, mapping] = allById(element, "failure");
        const link = jane.querySelector('[data-id="cell-link"]') as HTMLAnchorElement;
        expect(link.textContent).toBe("Jane Doe");
        // Lightning builds the record page URL (NavigationMixin.GenerateUrl; the Jest stand-in answers example.com)
        expect(link.href).toBe("https://www.example.com/");
        expect(jane.textContent).toContain("Contact");
        expect(jane.textContent).toContain("Salesforce refused to save the record");
        expect(jane.textContent).toContain("Code DML_ERROR");
        expect(jane.textContent).toContain("Title: value too long");
        // no visible name: the Id is shown, still linked
        expect(lead.querySelector('[data-id="cell-link"]')!.textContent).toBe("00Q000000000001AAA");
        // no record: said in words, nothing to link
        expect(mapping.querySelector('[data-id="cell-link"]')).toBeNull();
        expect(mapping.textContent).toContain("c.Personalization_Console_Sync_No_Record");
        expect(mapping.textContent).toContain("c.Personalization_Console_Error_MAPPING_FIELD_MISSING");
        await expect(element).toBeAccessible();
    });

    it("explains an unknown error code in general words", async () => {
        const element = await render();
        expect(allById(element, "failure")[0].textContent).toContain("c.Personalization_Console_Error_Unknown");
        expect(allById(element, "failure")[0].textContent).toContain("Code FIELD_TOO_LONG");
    });

    it("shows why a failed run stopped", async () => {
        runsMock.mockResolvedValue([{ ...RUNS[0], status: "Failed", errorMessage: "The credential was rejected." }]);
        const element = await render();
        expect(byId(element, "run-error")!.textContent!.trim()).toBe("The credential was rejected.");
    });

    it("disables each action while there is nothing for it to act on", async () => {
        retryableMock.mockResolvedValue(0);
        failuresMock.mockResolvedValue([{ ...FAILURES[0], retryState: "Dismissed" }]);
        const element = await render();
        const disabled = (id: string): boolean => (byId(element, id) as HTMLButtonElement).disabled;
        expect(disabled("retry-all")).toBe(true);
        expect(disabled("retry-selected")).toBe(true);
        expect(disabled("dismiss-selected")).toBe(true);
        expect(disabled("export")).toBe(false);
        // a dismissed failure can be selected (and dismissed again) but not retried
        select(element, 0);
        await flushPromises();
        expect(disabled("retry-selected")).toBe(true);
        expect(disabled("dismiss-selected")).toBe(false);

        failuresMock.mockResolvedValue([]);
        const empty = await render();
        expect((byId(empty, "export") as HTMLButtonElement).disabled).toBe(true);
    });
});
