/**
 * The property editor's model, free of any DOM: the mapping rows the admin edits, their serialisation into the
 * action's `mapping` input plus value slots (value1 … value15, each bound to a Flow value), the reverse
 * reading from Flow Builder's `inputVariables`, the typed view of the metadata answer, and design-time
 * validation. The Apex side reading the same format is PersonalizationMappingParser.
 */
import { isRecord, readRecords, readString, readStrings, type DataRecord } from "c/dataUtils";

/** Value slots the action declares (SendDataToPersonalizationAction.Request.value1 … value15). */
export const SLOT_COUNT = 15;

/** A picker option from MCP metadata. */
export interface MetadataOption {
    value: string;
    label: string;
    dataType?: string;
}

/** A profile-object type with its attributes. */
export interface ProfileObjectTypeOption extends MetadataOption {
    attributes: MetadataOption[];
    relatedCatalogObjects: string[];
}

/** One dataset's metadata, narrowed from the controller's answer. */
export interface EditorMetadata {
    dataset: string;
    /** False when MCP offers no metadata API: the lists hold what the org knows and names are typed. */
    complete: boolean;
    identityTypes: MetadataOption[];
    userAttributes: MetadataOption[];
    profileObjectTypes: ProfileObjectTypeOption[];
}

/** An attribute → Flow value row. `value` is a literal or a `{!reference}`. */
export interface MappingRow {
    key: string;
    attribute: string;
    value: string;
}

/** A profile object being mapped. */
export interface ProfileObjectRow {
    key: string;
    type: string;
    idValue: string;
    attributes: MappingRow[];
}

/** Everything the editor edits. */
export interface EditorState {
    interactionName: string;
    dataset: string;
    deliveryMode: string;
    identities: MappingRow[];
    userAttributes: MappingRow[];
    profileObjects: ProfileObjectRow[];
}

/** A Flow Builder input variable as handed to a custom property editor. */
export interface FlowInputVariable {
    name: string;
    value: unknown;
    valueDataType?: string;
}

/** One value change the editor reports to Flow Builder. */
export interface InputChange {
    name: string;
    newValue: string | null;
    newValueDataType: string;
}

/** A design-time problem, keyed by the input it concerns. */
export interface ValidationError {
    key: string;
    errorString: string;
}

/** The Custom Labels validation messages are built from. */
export interface ValidationLabels {
    interactionRequired: string;
    identityRequired: string;
    unknownAttribute: string;
    blankValue: string;
    tooManyValues: string;
    objectIncomplete: string;
}

const REFERENCE = /^\{!\s*([^{}]+?)\s*\}$/;

let keySequence = 0;

/**
 * A unique key for a new row (template iteration needs stable keys).
 * @param prefix Row kind.
 * @returns The key.
 */
export function newKey(prefix: string): string {
    keySequence += 1;
    return `${prefix}-${keySequence}`;
}

/**
 * An empty editor state.
 * @returns The state.
 */
export function emptyState(): EditorState {
    return {
        interactionName: "",
        dataset: "",
        deliveryMode: "",
        identities: [],
        userAttributes: [],
        profileObjects: []
    };
}

function options(data: DataRecord, key: string): MetadataOption[] {
    return readRecords(data, key)
        .map((item) => ({
            value: readString(item, "value") ?? "",
            label: readString(item, "label") ?? readString(item, "value") ?? "",
            dataType: readString(item, "dataType")
        }))
        .filter((option) => option.value !== "");
}

/**
 * Narrows the PersonalizationSendDataEditorController.refreshDatasetMetadata answer (the same shape as getDatasetMetadata).
 * @param value The Apex answer.
 * @returns The metadata, or undefined when the answer is not usable.
 */
export function toEditorMetadata(value: unknown): EditorMetadata | undefined {
    if (!isRecord(value)) {
        return undefined;
    }
    return {
        dataset: readString(value, "dataset") ?? "",
        complete: value.complete !== false,
        identityTypes: options(value, "identityTypes"),
        userAttributes: options(value, "userAttributes"),
        profileObjectTypes: readRecords(value, "profileObjectTypes")
            .map((item) => ({
                value: readString(item, "value") ?? "",
                label: readString(item, "label") ?? readString(item, "value") ?? "",
                attributes: options(item, "attributes"),
                relatedCatalogObjects: readStrings(item, "relatedCatalogObjects")
            }))
            .filter((option) => option.value !== "")
    };
}

/**
 * Narrows the getDatasets answer.
 * @param value The Apex answer.
 * @returns The dataset options.
 */
export function toDatasetOptions(value: unknown): MetadataOption[] {
    return Array.isArray(value) ? options({ list: value }, "list") : [];
}

/**
 * Turns a Flow value as shown to the admin into what Flow Builder stores: `{!x}` is the reference x,
 * anything else a literal string.
 * @param shown The value typed by the admin.
 * @returns The stored value and its data type.
 */
export function toFlowValue(shown: string): { value: string | null; dataType: string } {
    const trimmed = shown.trim();
    if (trimmed === "") {
        return { value: null, dataType: "String" };
    }
    const match = REFERENCE.exec(trimmed);
    return match ? { value: match[1], dataType: "reference" } : { value: shown, dataType: "String" };
}

/**
 * The reverse of {@link toFlowValue}: a reference is shown as `{!x}`.
 * @param variable The input variable, if set.
 * @returns The value to show.
 */
export function fromFlowValue(variable: FlowInputVariable | undefined): string {
    if (!variable || variable.value === null || variable.value === undefined) {
        return "";
    }
    const text = String(variable.value);
    return variable.valueDataType === "reference" ? `{!${text}}` : text;
}

/**
 * Reads the editor state from Flow Builder's input variables (the saved mapping and its slots).
 * @param variables The input variables.
 * @returns The state; an unreadable mapping yields empty lists.
 */
export function readState(variables: readonly FlowInputVariable[] | undefined): EditorState {
    const byName = new Map<string, FlowInputVariable>();
    for (const variable of variables ?? []) {
        byName.set(variable.name, variable);
    }
    const state = emptyState();
    state.interactionName = fromFlowValue(byName.get("interactionName"));
    state.dataset = fromFlowValue(byName.get("dataset"));
    state.deliveryMode = fromFlowValue(byName.get("deliveryMode"));
    const slot = (name: unknown): string => (typeof name === "string" ? fromFlowValue(byName.get(name)) : "");
    const rows = (entries: unknown, prefix: string): MappingRow[] =>
        (Array.isArray(entries) ? entries.filter(isRecord) : []).map((entry) => ({
            key: newKey(prefix),
            attribute: readString(entry, "attribute") ?? "",
            value: slot(entry.slot)
        }));
    let mapping: unknown;
    try {
        mapping = JSON.parse(fromFlowValue(byName.get("mapping")) || "{}");
    } catch {
        mapping = {};
    }
    if (!isRecord(mapping)) {
        return state;
    }
    state.identities = rows(mapping.identities, "identity");
    state.userAttributes = rows(mapping.userAttributes, "attribute");
    state.profileObjects = (Array.isArray(mapping.profileObjects) ? mapping.profileObjects.filter(isRecord) : []).map(
        (entry) => ({
            key: newKey("object"),
            type: readString(entry, "type") ?? "",
            idValue: slot(entry.idSlot),
            attributes: rows(entry.attributes, "objectAttribute")
        })
    );
    return state;
}

/**
 * Serialises the state into the inputs Flow Builder stores: interaction, dataset, mode, the mapping JSON and
 * every value slot (unused slots cleared). Rows without an attribute are left out.
 * @param state The editor state.
 * @returns The changes to report, in a stable order.
 */
export function toInputChanges(state: EditorState): InputChange[] {
    const slotValues: string[] = [];
    const nextSlot = (shown: string): string => {
        slotValues.push(shown);
        return `value${slotValues.length}`;
    };
    const entries = (rows: MappingRow[]) =>
        rows
            .filter((row) => row.attribute !== "")
            .map((row) => ({ attribute: row.attribute, slot: nextSlot(row.value) }));
    const mapping = {
        identities: entries(state.identities),
        userAttributes: entries(state.userAttributes),
        profileObjects: state.profileObjects
            .filter((row) => row.type !== "")
            .map((row) => ({ type: row.type, idSlot: nextSlot(row.idValue), attributes: entries(row.attributes) }))
    };
    const changes: InputChange[] = [];
    const scalar = (name: string, shown: string) => {
        const flowValue = toFlowValue(shown);
        changes.push({ name, newValue: flowValue.value, newValueDataType: flowValue.dataType });
    };
    scalar("interactionName", state.interactionName);
    scalar("dataset", state.dataset);
    scalar("deliveryMode", state.deliveryMode);
    changes.push({ name: "mapping", newValue: JSON.stringify(mapping), newValueDataType: "String" });
    for (let index = 0; index < SLOT_COUNT; index++) {
        scalar(`value${index + 1}`, slotValues[index] ?? "");
    }
    return changes;
}

/**
 * How many value slots the state needs.
 * @param state The editor state.
 * @returns The count.
 */
export function slotsUsed(state: EditorState): number {
    const mapped = (rows: MappingRow[]) => rows.filter((row) => row.attribute !== "").length;
    return (
        mapped(state.identities) +
        mapped(state.userAttributes) +
        state.profileObjects
            .filter((row) => row.type !== "")
            .reduce((total, row) => total + 1 + mapped(row.attributes), 0)
    );
}

function fill(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (match: string, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? match : String(value);
    });
}

/**
 * Design-time validation, the same rules the action applies at run time: an interaction name, at least one
 * mapped identity, a value for every mapped attribute, known names (when metadata is loaded), and no more
 * values than the action has slots.
 * @param state The editor state.
 * @param metadata The dataset metadata, if loaded.
 * @param labels The message templates.
 * @returns The problems, empty when the configuration can be saved.
 */
export function validateState(
    state: EditorState,
    metadata: EditorMetadata | undefined,
    labels: ValidationLabels
): ValidationError[] {
    const errors: ValidationError[] = [];
    const dataset = metadata?.dataset ?? state.dataset;
    if (state.interactionName.trim() === "") {
        errors.push({ key: "interactionName", errorString: labels.interactionRequired });
    }
    const identities = state.identities.filter((row) => row.attribute !== "");
    if (identities.length === 0) {
        errors.push({ key: "identities", errorString: labels.identityRequired });
    }
    // an incomplete list (no metadata API) cannot tell that a typed name does not exist
    const checksNames = metadata?.complete !== false;
    const checkRows = (rows: MappingRow[], known: MetadataOption[] | undefined, key: string) => {
        for (const row of rows.filter((item) => item.attribute !== "")) {
            if (checksNames && known && !known.some((option) => option.value === row.attribute)) {
                errors.push({ key, errorString: fill(labels.unknownAttribute, row.attribute, dataset) });
            }
            if (row.value.trim() === "") {
                errors.push({ key, errorString: fill(labels.blankValue, row.attribute) });
            }
        }
    };
    checkRows(state.identities, metadata?.identityTypes, "identities");
    checkRows(state.userAttributes, metadata?.userAttributes, "userAttributes");
    for (const row of state.profileObjects) {
        if (row.type === "" || row.idValue.trim() === "") {
            errors.push({ key: "profileObjects", errorString: labels.objectIncomplete });
            continue;
        }
        const type = metadata?.profileObjectTypes.find((option) => option.value === row.type);
        if (metadata && checksNames && !type) {
            errors.push({ key: "profileObjects", errorString: fill(labels.unknownAttribute, row.type, dataset) });
            continue;
        }
        checkRows(row.attributes, type?.attributes, "profileObjects");
    }
    if (slotsUsed(state) > SLOT_COUNT) {
        errors.push({ key: "mapping", errorString: fill(labels.tooManyValues, SLOT_COUNT) });
    }
    return errors;
}
