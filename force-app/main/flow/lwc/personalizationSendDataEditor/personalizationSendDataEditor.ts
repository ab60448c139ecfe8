import { LightningElement, api } from "lwc";
import getDatasets from "@salesforce/apex/PersonalizationSendDataEditorController.getDatasets";
import refreshDatasetMetadata from "@salesforce/apex/PersonalizationSendDataEditorController.refreshDatasetMetadata";
import {
    type EditorMetadata,
    type EditorState,
    type FlowInputVariable,
    type MappingRow,
    type MetadataOption,
    type ProfileObjectRow,
    type ValidationError,
    emptyState,
    newKey,
    readState,
    toDatasetOptions,
    toEditorMetadata,
    toInputChanges,
    validateState
} from "./editorModel";
import DATASET from "@salesforce/label/c.Personalization_Flow_Editor_Dataset";
import DATASET_DEFAULT from "@salesforce/label/c.Personalization_Flow_Editor_Dataset_Default";
import INTERACTION from "@salesforce/label/c.Personalization_Flow_Editor_Interaction";
import INTERACTION_HELP from "@salesforce/label/c.Personalization_Flow_Editor_Interaction_Help";
import MODE from "@salesforce/label/c.Personalization_Flow_Editor_Mode";
import MODE_IMMEDIATE from "@salesforce/label/c.Personalization_Flow_Editor_Mode_Immediate";
import MODE_QUEUED from "@salesforce/label/c.Personalization_Flow_Editor_Mode_Queued";
import IDENTITIES from "@salesforce/label/c.Personalization_Flow_Editor_Identities";
import USER_ATTRIBUTES from "@salesforce/label/c.Personalization_Flow_Editor_User_Attributes";
import PROFILE_OBJECTS from "@salesforce/label/c.Personalization_Flow_Editor_Profile_Objects";
import IDENTITY_TYPE from "@salesforce/label/c.Personalization_Flow_Editor_Identity_Type";
import ATTRIBUTE from "@salesforce/label/c.Personalization_Flow_Editor_Attribute";
import VALUE from "@salesforce/label/c.Personalization_Flow_Editor_Value";
import VALUE_HELP from "@salesforce/label/c.Personalization_Flow_Editor_Value_Help";
import OBJECT_TYPE from "@salesforce/label/c.Personalization_Flow_Editor_Object_Type";
import OBJECT_ID from "@salesforce/label/c.Personalization_Flow_Editor_Object_Id";
import ADD_IDENTITY from "@salesforce/label/c.Personalization_Flow_Editor_Add_Identity";
import ADD_ATTRIBUTE from "@salesforce/label/c.Personalization_Flow_Editor_Add_Attribute";
import ADD_OBJECT from "@salesforce/label/c.Personalization_Flow_Editor_Add_Object";
import REMOVE from "@salesforce/label/c.Personalization_Flow_Editor_Remove";
import REPLACE_WHOLE from "@salesforce/label/c.Personalization_Flow_Editor_Replace_Whole";
import LOADING from "@salesforce/label/c.Personalization_Flow_Editor_Loading";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Flow_Editor_Load_Error";
import ERROR_INTERACTION from "@salesforce/label/c.Personalization_Flow_Editor_Error_Interaction";
import ERROR_IDENTITY from "@salesforce/label/c.Personalization_Flow_Editor_Error_Identity";
import ERROR_UNKNOWN from "@salesforce/label/c.Personalization_Flow_Editor_Error_Unknown";
import ERROR_BLANK_VALUE from "@salesforce/label/c.Personalization_Flow_Editor_Error_Blank_Value";
import ERROR_TOO_MANY from "@salesforce/label/c.Personalization_Flow_Editor_Error_Too_Many";
import ERROR_OBJECT from "@salesforce/label/c.Personalization_Flow_Editor_Error_Object";
import TYPED_HELP from "@salesforce/label/c.Personalization_Flow_Editor_Typed_Help";

/** Which list a row event concerns. */
type RowList = "identities" | "userAttributes" | "objectAttributes";

/** A mapping row as the template shows it. */
interface RowView extends MappingRow {
    options: MetadataOption[];
    removeLabel: string;
}

/** A top-level list of rows (identities, user attributes) as the template shows it: one fieldset each. */
interface RowSection {
    list: Exclude<RowList, "objectAttributes">;
    /** `data-id` of the fieldset. */
    id: string;
    /** `data-row` of each row. */
    row: string;
    legend: string;
    attributeLabel: string;
    addLabel: string;
    /** `data-id` of the add button. */
    addId: string;
    rows: RowView[];
}

/** A profile object as the template shows it. */
interface ProfileObjectView extends ProfileObjectRow {
    attributeRows: RowView[];
    removeLabel: string;
    legend: string;
}

/**
 * Flow Builder property editor of "Send Data to Personalization": the admin picks the dataset, identity types,
 * user attributes and profile-object types from MCP metadata and maps each to a Flow value (a literal or a
 * `{!reference}`), instead of typing attribute names. Reading a dataset's metadata also warms the cache the
 * action validates against at run time. Validates the mapping at design time through `validate()`.
 */
export default class PersonalizationSendDataEditor extends LightningElement {
    /** Flow Builder context (resources); unused, accepted for the editor contract. */
    @api builderContext: unknown;
    /** Generic type mappings Flow Builder passes to every editor; the action has no generic inputs. */
    @api genericTypeMappings: unknown;
    /** Output variables Flow Builder passes to every editor; unused. */
    @api automaticOutputVariables: unknown;

    labels = {
        TYPED_HELP,
        DATASET,
        INTERACTION,
        INTERACTION_HELP,
        MODE,
        IDENTITIES,
        USER_ATTRIBUTES,
        PROFILE_OBJECTS,
        IDENTITY_TYPE,
        ATTRIBUTE,
        VALUE,
        VALUE_HELP,
        OBJECT_TYPE,
        OBJECT_ID,
        ADD_IDENTITY,
        ADD_ATTRIBUTE,
        ADD_OBJECT,
        REPLACE_WHOLE,
        LOADING,
        LOAD_ERROR
    };

    state: EditorState = emptyState();
    datasets: MetadataOption[] = [];
    metadata?: EditorMetadata;
    loading = false;
    error: unknown;
    private initialised = false;
    private variables: FlowInputVariable[] = [];

    /** The action's inputs as Flow Builder holds them; read once, then the editor owns the state. */
    @api
    get inputVariables(): FlowInputVariable[] {
        return this.variables;
    }
    set inputVariables(value: FlowInputVariable[]) {
        this.variables = Array.isArray(value) ? value : [];
        if (!this.initialised) {
            this.initialised = true;
            this.state = readState(this.variables);
        }
    }

    override connectedCallback(): void {
        this.load();
    }

    /**
     * Flow Builder calls this before saving; a non-empty answer blocks the save and shows the messages.
     * @returns The problems found.
     */
    @api
    validate(): ValidationError[] {
        return validateState(this.state, this.metadata, {
            interactionRequired: ERROR_INTERACTION,
            identityRequired: ERROR_IDENTITY,
            unknownAttribute: ERROR_UNKNOWN,
            blankValue: ERROR_BLANK_VALUE,
            tooManyValues: ERROR_TOO_MANY,
            objectIncomplete: ERROR_OBJECT
        });
    }

    get datasetOptions(): MetadataOption[] {
        return [{ value: "", label: DATASET_DEFAULT }, ...this.datasets];
    }

    get modeOptions(): MetadataOption[] {
        return [
            { value: "", label: MODE_IMMEDIATE },
            { value: "Queued", label: MODE_QUEUED }
        ];
    }

    /** Identities, then user attributes: the same fieldset of rows with its own labels and hooks. */
    get rowSections(): RowSection[] {
        return [
            {
                list: "identities",
                id: "identities",
                row: "identity",
                legend: this.labels.IDENTITIES,
                attributeLabel: this.labels.IDENTITY_TYPE,
                addLabel: this.labels.ADD_IDENTITY,
                addId: "add-identity",
                rows: this.rowViews(this.state.identities, this.metadata?.identityTypes ?? [])
            },
            {
                list: "userAttributes",
                id: "user-attributes",
                row: "attribute",
                legend: this.labels.USER_ATTRIBUTES,
                attributeLabel: this.labels.ATTRIBUTE,
                addLabel: this.labels.ADD_ATTRIBUTE,
                addId: "add-attribute",
                rows: this.rowViews(this.state.userAttributes, this.metadata?.userAttributes ?? [])
            }
        ];
    }

    get profileObjectRows(): ProfileObjectView[] {
        return this.state.profileObjects.map((row, index) => {
            const type = this.metadata?.profileObjectTypes.find((option) => option.value === row.type);
            return {
                ...row,
                attributeRows: this.rowViews(row.attributes, type?.attributes ?? []),
                removeLabel: `${REMOVE} ${row.type || OBJECT_TYPE} ${index + 1}`,
                legend: `${PROFILE_OBJECTS} ${index + 1}`
            };
        });
    }

    /** MCP offers no metadata API on the documented surface: names are typed as well as picked. */
    get typedNames(): boolean {
        return this.metadata?.complete === false;
    }

    /** Profile-object types are typed when MCP lists none the editor could offer. */
    get typedObjectTypes(): boolean {
        return this.typedNames && this.profileObjectTypeOptions.length === 0;
    }

    get profileObjectTypeOptions(): MetadataOption[] {
        return this.metadata?.profileObjectTypes ?? [];
    }

    private rowViews(rows: MappingRow[], options: MetadataOption[]): RowView[] {
        return rows.map((row, index) => ({
            ...row,
            // a saved name MCP no longer lists stays selectable, so validate() can name it
            options:
                row.attribute && !options.some((option) => option.value === row.attribute)
                    ? [...options, { value: row.attribute, label: row.attribute }]
                    : options,
            removeLabel: `${REMOVE} ${row.attribute || VALUE} ${index + 1}`
        }));
    }

    private async load(): Promise<void> {
        this.loading = true;
        this.error = undefined;
        try {
            const [datasets, metadata] = await Promise.all([
                getDatasets(),
                refreshDatasetMetadata({ dataset: this.state.dataset })
            ]);
            this.datasets = toDatasetOptions(datasets);
            this.metadata = toEditorMetadata(metadata);
        } catch (error) {
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    private async loadMetadata(): Promise<void> {
        this.loading = true;
        this.error = undefined;
        try {
            this.metadata = toEditorMetadata(await refreshDatasetMetadata({ dataset: this.state.dataset }));
        } catch (error) {
            this.metadata = undefined;
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    /** Reports every input to Flow Builder (mapping and slots move together). */
    private publish(): void {
        for (const change of toInputChanges(this.state)) {
            this.dispatchEvent(
                new CustomEvent("configuration_editor_input_value_changed", {
                    bubbles: true,
                    cancelable: false,
                    composed: true,
                    detail: change
                })
            );
        }
    }

    private update(next: Partial<EditorState>): void {
        this.state = { ...this.state, ...next };
        this.publish();
    }

    handleInteractionChange(event: CustomEvent<{ value: string }>): void {
        this.update({ interactionName: event.detail.value ?? "" });
    }

    handleModeChange(event: CustomEvent<{ value: string }>): void {
        this.update({ deliveryMode: event.detail.value ?? "" });
    }

    handleDatasetChange(event: CustomEvent<{ value: string }>): void {
        this.update({ dataset: event.detail.value ?? "" });
        this.loadMetadata();
    }

    /** Add identity / Add attribute of a row section: `data-list` names the list. */
    handleAddRow(event: Event): void {
        if (this.dataOf(event, "list") === "identities") {
            this.update({
                identities: [...this.state.identities, { key: newKey("identity"), attribute: "", value: "" }]
            });
        } else {
            this.update({
                userAttributes: [...this.state.userAttributes, { key: newKey("attribute"), attribute: "", value: "" }]
            });
        }
    }

    handleAddProfileObject(): void {
        this.update({
            profileObjects: [
                ...this.state.profileObjects,
                { key: newKey("object"), type: "", idValue: "", attributes: [] }
            ]
        });
    }

    handleAddObjectAttribute(event: Event): void {
        const objectKey = this.dataOf(event, "object");
        this.updateObject(objectKey, (row) => ({
            ...row,
            attributes: [...row.attributes, { key: newKey("objectAttribute"), attribute: "", value: "" }]
        }));
    }

    handleObjectTypeChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value ?? "";
        // attributes belong to a type: a newly picked type starts with none (a typed one keeps them while typing)
        const keep = this.typedObjectTypes;
        this.updateObject(this.dataOf(event, "object"), (row) => ({
            ...row,
            type: value,
            attributes: keep ? row.attributes : []
        }));
    }

    handleObjectIdChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value ?? "";
        this.updateObject(this.dataOf(event, "object"), (row) => ({ ...row, idValue: value }));
    }

    handleRemoveObject(event: Event): void {
        const objectKey = this.dataOf(event, "object");
        this.update({ profileObjects: this.state.profileObjects.filter((row) => row.key !== objectKey) });
    }

    handleRowAttributeChange(event: CustomEvent<{ value: string }>): void {
        this.changeRow(event, { attribute: event.detail.value ?? "" });
    }

    handleRowValueChange(event: CustomEvent<{ value: string }>): void {
        this.changeRow(event, { value: event.detail.value ?? "" });
    }

    handleRemoveRow(event: Event): void {
        this.changeRow(event, undefined);
    }

    /** Applies a change (or, with undefined, a removal) to the row the event came from. */
    private changeRow(event: Event, change: Partial<MappingRow> | undefined): void {
        const list = this.dataOf(event, "list") as RowList;
        const rowKey = this.dataOf(event, "key");
        const apply = (rows: MappingRow[]): MappingRow[] => {
            if (change === undefined) {
                return rows.filter((row) => row.key !== rowKey);
            }
            return rows.map((row) => (row.key === rowKey ? { ...row, ...change } : row));
        };
        if (list === "identities") {
            this.update({ identities: apply(this.state.identities) });
        } else if (list === "userAttributes") {
            this.update({ userAttributes: apply(this.state.userAttributes) });
        } else {
            this.updateObject(this.dataOf(event, "object"), (row) => ({ ...row, attributes: apply(row.attributes) }));
        }
    }

    private updateObject(objectKey: string, change: (row: ProfileObjectRow) => ProfileObjectRow): void {
        this.update({
            profileObjects: this.state.profileObjects.map((row) => (row.key === objectKey ? change(row) : row))
        });
    }

    private dataOf(event: Event, name: string): string {
        const target = event.currentTarget;
        return target instanceof HTMLElement ? (target.dataset[name] ?? "") : "";
    }
}
