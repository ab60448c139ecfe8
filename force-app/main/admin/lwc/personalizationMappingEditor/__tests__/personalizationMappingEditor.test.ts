import { createElement } from "lwc";
import PersonalizationMappingEditor from "c/personalizationMappingEditor";
import getObjectFields from "@salesforce/apex/PersonalizationSetupController.getObjectFields";
import saveMappings from "@salesforce/apex/PersonalizationSetupController.saveMappings";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import CONTACT_FIELDS from "./data/getObjectFields.json";

jest.mock("@salesforce/apex/PersonalizationSetupController.getObjectFields", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.saveMappings", () => ({ default: jest.fn() }), {
    virtual: true
});

// the labels with placeholders take their real values, so the tests read what the admin reads
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Row_Problem",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Row_Problem") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Problems",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Problems") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Problems_One",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Problems_One") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Field_Unavailable",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Field_Unavailable")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Field_Read_Only",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Field_Read_Only") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Row_Name",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Row_Name") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Delete_Row",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Delete_Row") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Deleted_One",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Deleted_One") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Column_Field",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Column_Field") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Column_Attribute",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Setup_Column_Attribute") }),
    { virtual: true }
);

const fieldsMock = getObjectFields as unknown as jest.Mock;
const saveMock = saveMappings as unknown as jest.Mock;

const SAVED = [
    {
        name: "Contact_Title",
        objectApiName: "Contact",
        crmField: "Title",
        mcpAttribute: "title",
        dataset: null,
        direction: "CRM_To_MCP",
        conflictRule: "CRM_Wins",
        matchKey: false,
        active: true,
        sortOrder: 0
    }
];
const ATTRIBUTES = [
    { label: "Title", value: "title" },
    { label: "Loyalty Tier", value: "loyaltyTier" }
];

type Field = HTMLElement & {
    value: string;
    options: { label: string; value: string }[];
    setCustomValidity: (message: string) => void;
    reportValidity: () => boolean;
};

async function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = createElement("c-personalization-mapping-editor", { is: PersonalizationMappingEditor });
    Object.assign(element, { mappings: SAVED, attributeOptions: ATTRIBUTES, ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`);
const allById = (element: HTMLElement, id: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll(`[data-id="${id}"]`));
const rows = (element: HTMLElement): HTMLElement[] => allById(element, "mapping");
const cell = (row: HTMLElement, field: string): Field => row.querySelector(`[data-field="${field}"]`) as Field;

function change(target: HTMLElement, value: string | boolean): void {
    if (typeof value === "boolean") {
        (target as HTMLInputElement).checked = value;
        target.dispatchEvent(new CustomEvent("change", { detail: { checked: value } }));
    } else {
        (target as HTMLInputElement).value = value;
        target.dispatchEvent(new CustomEvent("change", { detail: { value } }));
    }
}

describe("c-personalization-mapping-editor", () => {
    let focus: jest.SpyInstance;

    beforeEach(() => {
        fieldsMock.mockImplementation(({ objectApiName }: { objectApiName: string }) =>
            Promise.resolve(
                objectApiName === "Lead"
                    ? [{ value: "Company", label: "Company", type: "STRING", writable: true }]
                    : CONTACT_FIELDS
            )
        );
        focus = jest.spyOn(HTMLElement.prototype, "focus");
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        focus.mockRestore();
        jest.clearAllMocks();
    });

    it("picks the CRM field from the object's fields by label, loaded once per object", async () => {
        const element = await render();
        expect(fieldsMock).toHaveBeenCalledTimes(1);
        expect(fieldsMock).toHaveBeenCalledWith({ objectApiName: "Contact" });
        const [row] = rows(element);
        const field = cell(row, "crmField");
        expect(field.tagName.toLowerCase()).toBe("lightning-combobox");
        expect(field.value).toBe("Title");
        expect(field.options.map((option) => option.label)).toEqual([
            "Business Phone",
            "Department",
            "Email",
            "Full Name",
            "Title"
        ]);
        expect(cell(row, "mcpAttribute").tagName.toLowerCase()).toBe("lightning-combobox");
        expect(row.querySelector('[data-id="delete-row"]')!.getAttribute("title")).toBe("Delete row 1 (Contact Title)");
        await expect(element).toBeAccessible();
    });

    it("says so when there are no mappings yet", async () => {
        const element = await render({ mappings: [] });
        expect(byId(element, "no-mappings")).not.toBeNull();
        expect(byId(element, "mappings")).toBeNull();
        expect(fieldsMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it("marks the fields that cannot be written when values come back from Personalization", async () => {
        const element = await render();
        change(cell(rows(element)[0], "direction"), "Bidirectional");
        await flushPromises();
        const labels = cell(rows(element)[0], "crmField").options.map((option) => option.label);
        expect(labels).toContain("Full Name (read only)");
        expect(labels).toContain("Title");
    });

    it("keeps a saved field the admin can no longer see, named as not available", async () => {
        const element = await render({ mappings: [{ ...SAVED[0], crmField: "Vanished__c" }] });
        const options = cell(rows(element)[0], "crmField").options;
        expect(options[0]).toEqual({ label: "Vanished__c (not available)", value: "Vanished__c" });
    });

    it("types the field when the object's fields cannot be loaded", async () => {
        fieldsMock.mockRejectedValue({ body: { message: "No access" } });
        const element = await render();
        const field = cell(rows(element)[0], "crmField");
        expect(field.tagName.toLowerCase()).toBe("lightning-input");
        expect(field.value).toBe("Title");
        await expect(element).toBeAccessible();
    });

    it("adds a row for Contact and focuses its field picker", async () => {
        const element = await render();
        byId(element, "add-mapping")!.click();
        await flushPromises();
        expect(rows(element)).toHaveLength(2);
        const added = rows(element)[1];
        expect(cell(added, "objectApiName").value).toBe("Contact");
        expect(cell(added, "crmField").options).toHaveLength(5);
        expect(focus.mock.contexts).toContain(cell(added, "crmField"));
        expect(fieldsMock).toHaveBeenCalledTimes(1);
    });

    it("loads another object's fields when the row's object changes, clearing the field", async () => {
        const element = await render();
        change(cell(rows(element)[0], "objectApiName"), "Lead");
        await flushPromises();
        expect(fieldsMock).toHaveBeenLastCalledWith({ objectApiName: "Lead" });
        const field = cell(rows(element)[0], "crmField");
        expect(field.value).toBe("");
        expect(field.options).toEqual([{ label: "Company", value: "Company" }]);
    });

    it("types an attribute Personalization does not list, focusing the input", async () => {
        const element = await render();
        change(cell(rows(element)[0], "mcpAttribute"), "__typed__");
        await flushPromises();
        const typed = cell(rows(element)[0], "mcpAttribute");
        expect(typed.tagName.toLowerCase()).toBe("lightning-input");
        expect(typed.value).toBe("");
        expect(focus.mock.contexts).toContain(typed);
    });

    it("types the attribute when Personalization offers none", async () => {
        const element = await render({ attributeOptions: [] });
        expect(cell(rows(element)[0], "mcpAttribute").tagName.toLowerCase()).toBe("lightning-input");
    });

    it("saves every row in one deployment and reports it", async () => {
        saveMock.mockResolvedValue({ deploymentId: "0Af5g00000AbCdECAV", problems: [] });
        const element = await render();
        const saved = jest.fn();
        element.addEventListener("saved", saved);
        byId(element, "add-mapping")!.click();
        await flushPromises();
        const added = rows(element)[1];
        change(cell(added, "objectApiName"), "Lead");
        await flushPromises();
        change(cell(rows(element)[1], "crmField"), "Company");
        change(cell(rows(element)[1], "mcpAttribute"), "__typed__");
        await flushPromises();
        change(cell(rows(element)[1], "mcpAttribute"), " accountName ");
        change(cell(rows(element)[1], "matchKey"), true);
        await flushPromises();
        byId(element, "save-mappings")!.click();
        await flushPromises();
        const sent = (saveMock.mock.calls[0][0] as { mappings: Record<string, unknown>[] }).mappings;
        expect(sent).toHaveLength(2);
        expect(sent[1]).toEqual({
            name: null,
            objectApiName: "Lead",
            crmField: "Company",
            mcpAttribute: "accountName",
            dataset: null,
            direction: "CRM_To_MCP",
            conflictRule: "CRM_Wins",
            matchKey: true,
            active: true,
            sortOrder: 0,
            removed: false
        });
        expect(saved).toHaveBeenCalledTimes(1);
        expect((saved.mock.calls[0][0] as CustomEvent).detail).toEqual({ deploymentId: "0Af5g00000AbCdECAV" });
    });

    it("deletes an unsaved row outright and moves focus to the row that took its place", async () => {
        const element = await render();
        byId(element, "add-mapping")!.click();
        byId(element, "add-mapping")!.click();
        await flushPromises();
        const [, second, third] = rows(element);
        (second.querySelector('[data-id="delete-row"]') as HTMLElement).click();
        await flushPromises();
        expect(rows(element)).toHaveLength(2);
        expect(focus.mock.contexts).toContain(third.querySelector('[data-id="delete-row"]'));
        expect(byId(element, "deleted")!.textContent!.trim()).toBe("");
    });

    it("deletes a saved row when the mappings are saved, and says so", async () => {
        saveMock.mockResolvedValue({ deploymentId: "0Af5g00000AbCdECAV", problems: [] });
        const element = await render();
        (rows(element)[0].querySelector('[data-id="delete-row"]') as HTMLElement).click();
        await flushPromises();
        expect(rows(element)).toHaveLength(0);
        expect(byId(element, "no-mappings")).not.toBeNull();
        expect(focus.mock.contexts).toContain(byId(element, "add-mapping"));
        expect(byId(element, "deleted")!.textContent!.trim()).toBe(
            "1 saved mapping is deleted when you save the mappings."
        );
        byId(element, "save-mappings")!.click();
        await flushPromises();
        const sent = (saveMock.mock.calls[0][0] as { mappings: Record<string, unknown>[] }).mappings;
        expect(sent).toEqual([expect.objectContaining({ name: "Contact_Title", crmField: "Title", removed: true })]);
        await expect(element).toBeAccessible();
    });

    it("names the row and field of each problem at the row, saves nothing, and focuses the first", async () => {
        saveMock.mockResolvedValue({
            deploymentId: null,
            problems: [{ row: 2, field: "crmField", message: "Pick a CRM field." }]
        });
        const element = await render();
        const saved = jest.fn();
        element.addEventListener("saved", saved);
        byId(element, "add-mapping")!.click();
        await flushPromises();
        const field = cell(rows(element)[1], "crmField");
        const marked = jest.spyOn(field, "setCustomValidity");
        const other = jest.spyOn(cell(rows(element)[0], "crmField"), "setCustomValidity");
        byId(element, "save-mappings")!.click();
        await flushPromises();

        expect(saved).not.toHaveBeenCalled();
        expect(byId(element, "mapping-problems")!.textContent).toContain("Nothing was saved: 1 row needs a fix.");
        expect(allById(element, "mapping-problem").map((line) => line.textContent)).toEqual([
            "Row 2, CRM field: Pick a CRM field."
        ]);
        expect(marked).toHaveBeenLastCalledWith("Pick a CRM field.");
        expect(other).toHaveBeenLastCalledWith("");
        expect(focus.mock.contexts).toContain(field);
        expect(rows(element)).toHaveLength(2);
        await expect(element).toBeAccessible();

        // picking a field clears the row's problem
        change(field, "Email");
        await flushPromises();
        expect(byId(element, "mapping-problems")).toBeNull();
        expect(marked).toHaveBeenLastCalledWith("");
    });

    it("counts the rows that need a fix and lists each in row order", async () => {
        saveMock.mockResolvedValue({
            deploymentId: null,
            problems: [
                { row: 1, field: "mcpAttribute", message: "Pick a Personalization attribute." },
                {
                    row: 2,
                    field: "crmField",
                    message: "Another row already maps this field. Delete one of the two rows."
                }
            ]
        });
        const element = await render();
        byId(element, "add-mapping")!.click();
        await flushPromises();
        byId(element, "save-mappings")!.click();
        await flushPromises();
        expect(byId(element, "mapping-problems")!.textContent).toContain("Nothing was saved: 2 rows need a fix.");
        expect(allById(element, "mapping-problem").map((line) => line.textContent)).toEqual([
            "Row 1, Personalization attribute: Pick a Personalization attribute.",
            "Row 2, CRM field: Another row already maps this field. Delete one of the two rows."
        ]);
    });

    it("shows a problem of the whole list and focuses it", async () => {
        saveMock.mockResolvedValue({
            deploymentId: null,
            problems: [{ row: null, field: null, message: "Add at least one mapping before saving." }]
        });
        const element = await render({ mappings: [] });
        byId(element, "save-mappings")!.click();
        await flushPromises();
        const problems = byId(element, "mapping-problems")!;
        expect(problems.textContent).toContain("Add at least one mapping before saving.");
        expect(focus.mock.contexts).toContain(problems);
    });

    it("shows an error when the save itself fails, keeping the edits", async () => {
        saveMock.mockRejectedValue({ body: { message: "Deployments are not allowed." } });
        const element = await render();
        byId(element, "save-mappings")!.click();
        await flushPromises();
        expect(byId(element, "mapping-error")).not.toBeNull();
        expect(rows(element)).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it("disables its buttons while another setup action runs", async () => {
        const element = await render({ disabled: true });
        expect((byId(element, "save-mappings") as HTMLButtonElement).disabled).toBe(true);
        expect((byId(element, "add-mapping") as HTMLButtonElement).disabled).toBe(true);
    });
});
