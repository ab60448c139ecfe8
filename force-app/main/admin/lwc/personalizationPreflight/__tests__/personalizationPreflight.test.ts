import { createElement } from "lwc";
import PersonalizationPreflight from "c/personalizationPreflight";
import runPreflight from "@salesforce/apex/PersonalizationPreflightController.runPreflight";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import REPORT from "./data/runPreflight.json";

jest.mock("@salesforce/apex/PersonalizationPreflightController.runPreflight", () => ({ default: jest.fn() }), {
    virtual: true
});

const runMock = runPreflight as unknown as jest.Mock;

function render(props: Record<string, unknown> = {}): HTMLElement {
    const element = createElement("c-personalization-preflight", { is: PersonalizationPreflight });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

// the panel (title, run button, lines) is the shared c-personalization-run-panel
const query = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const queryAll = (element: HTMLElement, id: string): HTMLElement[] => deepQueryAll(element, `[data-id="${id}"]`);

describe("c-personalization-preflight", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("shows nothing until the check runs", async () => {
        const element = render();
        await flushPromises();
        expect(runMock).not.toHaveBeenCalled();
        expect(query(element, "lines")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("lists a pass/fail line per check with fix hints and reports completion", async () => {
        runMock.mockResolvedValue(REPORT);
        const element = render();
        const completed = jest.fn();
        element.addEventListener("preflightcomplete", completed);
        query(element, "run")!.click();
        await flushPromises();

        const lines = queryAll(element, "line");
        expect(lines).toHaveLength(3);
        expect(lines[2].getAttribute("data-passed")).toBe("false");
        expect(lines[2].textContent).toContain("jobTitleRetired");
        expect(queryAll(element, "hint")).toHaveLength(1);
        expect(query(element, "summary")!.textContent).toBe("c.Personalization_Console_Preflight_Failed");
        expect(completed).toHaveBeenCalledTimes(1);
        expect((completed.mock.calls[0][0] as CustomEvent).detail).toEqual({ passed: false });
        await expect(element).toBeAccessible();
    });

    it("runs on open when asked and shows a passing summary", async () => {
        runMock.mockResolvedValue({ passed: true, ranAt: "2026-11-28T23:55:00.000Z", results: [REPORT.results[0]] });
        const element = render({ autoRun: true });
        await flushPromises();
        expect(runMock).toHaveBeenCalledTimes(1);
        expect(query(element, "summary")!.textContent).toBe("c.Personalization_Console_Preflight_Passed");
    });

    it("shows an error panel when the check cannot run", async () => {
        runMock.mockRejectedValue({ body: { message: "You need the Personalization Admin permission set" } });
        const element = render();
        query(element, "run")!.click();
        await flushPromises();
        expect(query(element, "error")).not.toBeNull();
        expect(query(element, "lines")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("treats a malformed answer as an error", async () => {
        runMock.mockResolvedValue("nonsense");
        const element = render();
        query(element, "run")!.click();
        await flushPromises();
        expect(query(element, "error")).not.toBeNull();
    });
});
