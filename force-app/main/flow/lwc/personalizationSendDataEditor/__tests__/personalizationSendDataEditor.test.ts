import { createElement } from "lwc";
import PersonalizationSendDataEditor from "c/personalizationSendDataEditor";
import getDatasets from "@salesforce/apex/PersonalizationSendDataEditorController.getDatasets";
import refreshDatasetMetadata from "@salesforce/apex/PersonalizationSendDataEditorController.refreshDatasetMetadata";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import METADATA from "./data/getDatasetMetadata.json";
import DATASETS from "./data/getDatasets.json";

// validation templates take their real values, so the messages the admin reads are asserted
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock(
    "@salesforce/label/c.Personalization_Flow_Editor_Error_Unknown",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Flow_Editor_Error_Unknown")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Flow_Editor_Error_Blank_Value",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Flow_Editor_Error_Blank_Value")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Flow_Editor_Error_Too_Many",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Flow_Editor_Error_Too_Many")
    }),
    { virtual: true }
);
jest.mock("@salesforce/apex/PersonalizationSendDataEditorController.getDatasets", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    "@salesforce/apex/PersonalizationSendDataEditorController.refreshDatasetMetadata",
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const getDatasetsMock = getDatasets as unknown as jest.Mock;
const getDatasetMetadataMock = refreshDatasetMetadata as unknown as jest.Mock;

interface InputChange {
    name: string;
    newValue: string | null;
    newValueDataType: string;
}
interface ValidationError {
    key: string;
    errorString: string;
}
type EditorElement = HTMLElement & {
    inputVariables: { name: string; value: unknown; valueDataType?: string }[];
    validate: () => ValidationError[];
};

/** The mapping the contract's Flow action example needs (Case Closed for a contact with a Case object). */
const SAVED_MAPPING = JSON.stringify({
    identities: [{ attribute: "sfdcContactId", slot: "value1" }],
    userAttributes: [{ attribute: "loyaltyTier", slot: "value2" }],
    profileObjects: [{ type: "Case", idSlot: "value3", attributes: [{ attribute: "Status", slot: "value4" }] }]
});
const SAVED_INPUTS = [
    { name: "interactionName", value: "Case Closed", valueDataType: "String" },
    { name: "dataset", value: "engage", valueDataType: "String" },
    { name: "mapping", value: SAVED_MAPPING, valueDataType: "String" },
    { name: "value1", value: "$Record.ContactId", valueDataType: "reference" },
    { name: "value2", value: "Gold", valueDataType: "String" },
    { name: "value3", value: "$Record.Id", valueDataType: "reference" },
    { name: "value4", value: "$Record.Status", valueDataType: "reference" }
];

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

async function render(
    inputVariables: EditorElement["inputVariables"] = []
): Promise<{ element: EditorElement; changes: InputChange[] }> {
    const element = createElement("c-personalization-send-data-editor", {
        is: PersonalizationSendDataEditor
    }) as unknown as EditorElement;
    element.inputVariables = inputVariables;
    const changes: InputChange[] = [];
    element.addEventListener("configuration_editor_input_value_changed", (event: Event) => {
        changes.push((event as CustomEvent<InputChange>).detail);
    });
    document.body.appendChild(element);
    await flushPromises();
    return { element, changes };
}

const query = (element: HTMLElement, selector: string): HTMLElement =>
    element.shadowRoot!.querySelector(selector) as HTMLElement;
const queryAll = (element: HTMLElement, selector: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll(selector));

/** The rows of a list (`data-list`), each a `c-personalization-send-data-row`. */
const rowsOf = (element: HTMLElement, list: string): HTMLElement[] =>
    queryAll(element, `c-personalization-send-data-row[data-list="${list}"]`);
/** One control (`lightning-combobox`, `lightning-input`, `lightning-button-icon`) of each row of a list. */
const rowControls = (element: HTMLElement, list: string, control: string): HTMLElement[] =>
    rowsOf(element, list).map((row) => row.shadowRoot!.querySelector(control) as HTMLElement);

async function change(target: HTMLElement, value: string): Promise<void> {
    target.dispatchEvent(new CustomEvent("change", { detail: { value } }));
    await flushPromises();
}

async function click(target: HTMLElement): Promise<void> {
    target.click();
    await flushPromises();
}

/** The latest value reported for each input. */
function latest(changes: InputChange[]): Map<string, InputChange> {
    const byName = new Map<string, InputChange>();
    for (const item of changes) {
        byName.set(item.name, item);
    }
    return byName;
}

describe("c-personalization-send-data-editor", () => {
    beforeEach(() => {
        getDatasetsMock.mockResolvedValue(clone(DATASETS));
        getDatasetMetadataMock.mockResolvedValue(clone(METADATA));
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("offers the datasets and the dataset's identity types from metadata", async () => {
        const { element } = await render();

        expect(getDatasetMetadataMock).toHaveBeenCalledWith({ dataset: "" });
        const dataset = query(element, '[data-id="dataset"]') as HTMLElement & { options: { value: string }[] };
        expect(dataset.options.map((option) => option.value)).toEqual(["", "engage", "b2b"]);

        await click(query(element, '[data-id="add-identity"]'));
        const [identity] = rowControls(element, "identities", "lightning-combobox") as (HTMLElement & {
            options: { value: string }[];
        })[];
        expect(identity.options.map((option) => option.value)).toEqual(
            METADATA.identityTypes.map((option) => option.value)
        );
    });

    it("adds identity and user attribute rows, each list with its own labels and hooks", async () => {
        const { element, changes } = await render();
        await click(query(element, '[data-id="add-identity"]'));
        await click(query(element, '[data-id="add-attribute"]'));

        expect(queryAll(element, '[data-id="identities"] [data-row="identity"]')).toHaveLength(1);
        expect(queryAll(element, '[data-id="user-attributes"] [data-row="attribute"]')).toHaveLength(1);
        const labelsOf = (list: string): string[] =>
            ["lightning-combobox", "lightning-input"].map(
                (control) => (rowControls(element, list, control)[0] as HTMLElement & { label: string }).label
            );
        expect(labelsOf("identities")).toEqual([
            "c.Personalization_Flow_Editor_Identity_Type",
            "c.Personalization_Flow_Editor_Value"
        ]);
        expect(labelsOf("userAttributes")).toEqual([
            "c.Personalization_Flow_Editor_Attribute",
            "c.Personalization_Flow_Editor_Value"
        ]);
        const help = rowControls(element, "userAttributes", "lightning-input")[0] as HTMLElement & {
            fieldLevelHelp: string;
        };
        expect(help.fieldLevelHelp).toBe("c.Personalization_Flow_Editor_Value_Help");
        const remove = rowControls(element, "userAttributes", "lightning-button-icon")[0] as HTMLElement & {
            alternativeText: string;
            title: string;
        };
        expect(remove.alternativeText).toBe(
            "c.Personalization_Flow_Editor_Remove c.Personalization_Flow_Editor_Value 1"
        );
        expect(remove.title).toBe(remove.alternativeText);
        await change(rowControls(element, "userAttributes", "lightning-combobox")[0], "loyaltyTier");
        await change(rowControls(element, "userAttributes", "lightning-input")[0], "Gold");
        expect(JSON.parse(latest(changes).get("mapping")!.newValue!)).toEqual({
            identities: [],
            userAttributes: [{ attribute: "loyaltyTier", slot: "value1" }],
            profileObjects: []
        });
    });

    it("restores a saved mapping with references shown as {!…}", async () => {
        const { element } = await render(SAVED_INPUTS);

        expect(getDatasetMetadataMock).toHaveBeenCalledWith({ dataset: "engage" });
        const values = rowControls(element, "identities", "lightning-input") as (HTMLElement & {
            value: string;
        })[];
        expect(values.map((input) => input.value)).toEqual(["{!$Record.ContactId}"]);
        expect(queryAll(element, '[data-row="attribute"]')).toHaveLength(1);
        expect(queryAll(element, '[data-row="object"]')).toHaveLength(1);
        expect(queryAll(element, '[data-row="object-attribute"]')).toHaveLength(1);
        expect(element.validate()).toEqual([]);
    });

    it("maps an identity to a Flow reference through a value slot", async () => {
        const { element, changes } = await render();
        await change(query(element, '[data-id="interaction"]'), "Opportunity Won");
        await click(query(element, '[data-id="add-identity"]'));
        await change(rowControls(element, "identities", "lightning-combobox")[0], "emailAddress");
        await change(rowControls(element, "identities", "lightning-input")[0], "{!$Record.Email}");

        const reported = latest(changes);
        expect(reported.get("interactionName")).toEqual({
            name: "interactionName",
            newValue: "Opportunity Won",
            newValueDataType: "String"
        });
        expect(JSON.parse(reported.get("mapping")!.newValue!)).toEqual({
            identities: [{ attribute: "emailAddress", slot: "value1" }],
            userAttributes: [],
            profileObjects: []
        });
        expect(reported.get("value1")).toEqual({
            name: "value1",
            newValue: "$Record.Email",
            newValueDataType: "reference"
        });
        expect(reported.get("value2")!.newValue).toBeNull();
        expect(element.validate()).toEqual([]);
    });

    it("maps a profile object with its attributes and clears them when the type changes", async () => {
        const { element, changes } = await render(SAVED_INPUTS);
        const objectKey = query(element, '[data-row="object"] lightning-combobox').dataset.object!;

        await click(query(element, `lightning-button[data-object="${objectKey}"]`));
        const attributeBoxes = rowControls(element, "objectAttributes", "lightning-combobox");
        expect(attributeBoxes).toHaveLength(2);
        await change(attributeBoxes[1], "Priority");
        await change(rowControls(element, "objectAttributes", "lightning-input")[1], "High");

        let mapping = JSON.parse(latest(changes).get("mapping")!.newValue!);
        expect(mapping.profileObjects).toEqual([
            {
                type: "Case",
                idSlot: "value3",
                attributes: [
                    { attribute: "Status", slot: "value4" },
                    { attribute: "Priority", slot: "value5" }
                ]
            }
        ]);
        expect(latest(changes).get("value5")!.newValue).toBe("High");

        await change(query(element, '[data-row="object"] lightning-combobox'), "Opportunity");
        mapping = JSON.parse(latest(changes).get("mapping")!.newValue!);
        expect(mapping.profileObjects).toEqual([{ type: "Opportunity", idSlot: "value3", attributes: [] }]);
    });

    it("removes a row and renumbers the slots", async () => {
        const { element, changes } = await render(SAVED_INPUTS);
        await click(rowControls(element, "userAttributes", "lightning-button-icon")[0]);

        const reported = latest(changes);
        const mapping = JSON.parse(reported.get("mapping")!.newValue!);
        expect(mapping.userAttributes).toEqual([]);
        expect(mapping.profileObjects[0].idSlot).toBe("value2");
        expect(reported.get("value2")).toEqual({
            name: "value2",
            newValue: "$Record.Id",
            newValueDataType: "reference"
        });
        expect(reported.get("value4")!.newValue).toBeNull();
    });

    it("validates at design time: interaction, identity, unknown names, blank values, slot budget", async () => {
        const { element } = await render();
        expect(element.validate().map((error) => error.key)).toEqual(["interactionName", "identities"]);

        await change(query(element, '[data-id="interaction"]'), "Case Closed");
        await click(query(element, '[data-id="add-identity"]'));
        await change(rowControls(element, "identities", "lightning-combobox")[0], "shoeSize");
        expect(element.validate()).toEqual([
            { key: "identities", errorString: "shoeSize is not defined in dataset engage." },
            { key: "identities", errorString: "Map a value to shoeSize." }
        ]);

        await click(query(element, '[data-id="add-object"]'));
        expect(element.validate().map((error) => error.key)).toContain("profileObjects");

        expect(element.validate().map((error) => error.errorString)).toContain(
            "c.Personalization_Flow_Editor_Error_Object"
        );
    });

    it("refuses more mapped values than the action has slots", async () => {
        const attributes = Array.from({ length: 15 }, (_, index) => ({
            attribute: "loyaltyTier",
            slot: `value${index + 2}`
        }));
        const { element } = await render([
            { name: "interactionName", value: "Case Closed", valueDataType: "String" },
            {
                name: "mapping",
                value: JSON.stringify({
                    identities: [{ attribute: "emailAddress", slot: "value1" }],
                    userAttributes: attributes
                }),
                valueDataType: "String"
            },
            { name: "value1", value: "$Record.Email", valueDataType: "reference" }
        ]);
        expect(element.validate().map((error) => error.errorString)).toContain("Map at most 15 values in one action.");
    });

    it("reloads metadata when the dataset changes and reports the dataset", async () => {
        const { element, changes } = await render();
        await change(query(element, '[data-id="dataset"]'), "b2b");

        expect(getDatasetMetadataMock).toHaveBeenLastCalledWith({ dataset: "b2b" });
        expect(latest(changes).get("dataset")!.newValue).toBe("b2b");
    });

    it("shows the error panel when metadata cannot be loaded and skips name checks", async () => {
        getDatasetMetadataMock.mockRejectedValue({ body: { message: "Personalization rejected the credential." } });
        const { element } = await render(SAVED_INPUTS);

        expect(query(element, '[data-id="error"]')).not.toBeNull();
        expect(element.validate()).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it("is accessible with a full mapping", async () => {
        const { element } = await render(SAVED_INPUTS);
        await expect(element).toBeAccessible();
    });
});
