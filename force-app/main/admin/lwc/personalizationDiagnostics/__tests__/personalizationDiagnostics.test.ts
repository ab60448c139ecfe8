import { createElement } from "lwc";
import PersonalizationDiagnostics from "c/personalizationDiagnostics";
import runDiagnostics from "@salesforce/apex/PersonalizationDiagnosticsController.runDiagnostics";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";

jest.mock("@salesforce/apex/PersonalizationDiagnosticsController.runDiagnostics", () => ({ default: jest.fn() }), {
    virtual: true
});

// the labels with placeholders or asserted text take their real values
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock(
    "@salesforce/label/c.Personalization_Console_Diagnostics_Http_Status",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Diagnostics_Http_Status")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Console_Diagnostics_Optional",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Console_Diagnostics_Optional")
    }),
    { virtual: true }
);

const runMock = runDiagnostics as unknown as jest.Mock;

const REPORT = {
    ranAt: "2026-12-07T06:30:00.000Z",
    namedCredential: "Personalization_MCP",
    dataset: "engage",
    insightSource: "Template",
    packageNamespace: "",
    probes: [
        { capability: "CREDENTIAL", status: "AVAILABLE", message: "Dataset engage answered.", required: true },
        {
            capability: "EVENTS",
            status: "DENIED",
            httpStatus: 403,
            message: "Refused.",
            fix: "Select Can send events.",
            required: true
        },
        {
            capability: "INSIGHTS_TEMPLATE",
            status: "MISSING",
            message: "Not answering.",
            fix: "Install it.",
            required: true
        },
        { capability: "USER_LOOKUP", status: "SKIPPED", message: "Run the sync first.", required: false },
        {
            capability: "EXTENDED_API",
            status: "MISSING",
            httpStatus: 404,
            message: "None, as expected.",
            required: false
        }
    ],
    samples: [
        {
            capability: "CREDENTIAL",
            method: "GET",
            path: "api/dataset/engage/users.json?pageSize=1&page=0",
            status: 200
        }
    ]
};

function render(): HTMLElement {
    const element = createElement("c-personalization-diagnostics", { is: PersonalizationDiagnostics });
    document.body.appendChild(element);
    return element;
}

// the panel (title, run button, lines) is the shared c-personalization-run-panel
const query = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const queryAll = (element: HTMLElement, id: string): HTMLElement[] => deepQueryAll(element, `[data-id="${id}"]`);

describe("c-personalization-diagnostics", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.restoreAllMocks();
    });

    it("probes nothing until asked and offers no bundle before a run", async () => {
        const element = render();
        await flushPromises();
        expect(runMock).not.toHaveBeenCalled();
        expect(query(element, "probes")).toBeNull();
        expect(query(element, "bundle")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("lists each capability with its status, HTTP status and fix", async () => {
        runMock.mockResolvedValue(REPORT);
        const element = render();
        query(element, "run")!.click();
        await flushPromises();

        const probes = queryAll(element, "probe");
        expect(probes.map((p) => p.dataset.capability)).toEqual([
            "CREDENTIAL",
            "EVENTS",
            "INSIGHTS_TEMPLATE",
            "USER_LOOKUP",
            "EXTENDED_API"
        ]);
        expect(probes.map((p) => p.dataset.status)).toEqual(["AVAILABLE", "DENIED", "MISSING", "SKIPPED", "MISSING"]);
        expect(probes[1]!.textContent).toContain("HTTP 403");
        expect(probes[1]!.querySelector('[data-id="fix"]')!.textContent).toContain("Select Can send events.");
        expect(probes[0]!.querySelector('[data-id="fix"]')).toBeNull();
        expect(probes[4]!.textContent).toContain("not needed with the current settings");
        expect(query(element, "bundle")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("downloads the report with its samples as the support bundle", async () => {
        runMock.mockResolvedValue(REPORT);
        const element = render();
        query(element, "run")!.click();
        await flushPromises();
        const clicks: string[] = [];
        jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
            clicks.push(this.href, this.download);
        });
        query(element, "bundle")!.click();

        expect(clicks[1]).toBe("personalization-diagnostics-20261207063000.json");
        const body = JSON.parse(
            decodeURIComponent(clicks[0]!.replace(/^data:application\/json;charset=utf-8,/, ""))
        ) as Record<string, unknown>;
        expect(body.kind).toBe("Personalization Connector support bundle");
        expect(body.samples).toEqual(REPORT.samples);
        expect(JSON.stringify(body)).not.toMatch(/secret|Authorization/i);
    });

    it("shows an error when the run fails, and is accessible", async () => {
        runMock.mockRejectedValue({ body: { message: "Only Personalization admins." } });
        const element = render();
        query(element, "run")!.click();
        await flushPromises();
        expect(query(element, "error")).not.toBeNull();
        expect(query(element, "probes")).toBeNull();
        await expect(element).toBeAccessible();
    });
});
