import { LightningElement, api } from "lwc";
import getObjectFields from "@salesforce/apex/PersonalizationSetupController.getObjectFields";
import saveMappings from "@salesforce/apex/PersonalizationSetupController.saveMappings";
import { isRecord, readBoolean, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import { asRecords, numberOf, textOf } from "c/personalizationAdminUtils";
import HELP from "@salesforce/label/c.Personalization_Setup_Mapping_Help";
import COL_OBJECT from "@salesforce/label/c.Personalization_Console_Column_Object";
import COL_FIELD from "@salesforce/label/c.Personalization_Setup_Column_Field";
import COL_ATTRIBUTE from "@salesforce/label/c.Personalization_Setup_Column_Attribute";
import COL_DIRECTION from "@salesforce/label/c.Personalization_Setup_Column_Direction";
import COL_MATCH from "@salesforce/label/c.Personalization_Setup_Column_Match_Key";
import COL_CONFLICT from "@salesforce/label/c.Personalization_Setup_Column_Conflict";
import COL_ACTIVE from "@salesforce/label/c.Personalization_Setup_Column_Active";
import COL_NAME from "@salesforce/label/c.Personalization_Setup_Column_Name";
import COL_REMOVE from "@salesforce/label/c.Personalization_Setup_Column_Remove";
import ADD_MAPPING from "@salesforce/label/c.Personalization_Setup_Add_Mapping";
import SAVE_MAPPINGS from "@salesforce/label/c.Personalization_Setup_Save_Mappings";
import NO_MAPPINGS from "@salesforce/label/c.Personalization_Setup_No_Mappings_Yet";
import PICK_FIELD from "@salesforce/label/c.Personalization_Setup_Pick_Field";
import FIELD_UNAVAILABLE from "@salesforce/label/c.Personalization_Setup_Field_Unavailable";
import FIELD_READ_ONLY from "@salesforce/label/c.Personalization_Setup_Field_Read_Only";
import FIELDS_UNAVAILABLE from "@salesforce/label/c.Personalization_Setup_Fields_Unavailable";
import PICK_ATTRIBUTE from "@salesforce/label/c.Personalization_Setup_Pick_Attribute";
import TYPE_ATTRIBUTE from "@salesforce/label/c.Personalization_Setup_Type_Attribute";
import DELETE_ROW from "@salesforce/label/c.Personalization_Setup_Delete_Row";
import ROW_NAME from "@salesforce/label/c.Personalization_Setup_Row_Name";
import ROW_PROBLEM from "@salesforce/label/c.Personalization_Setup_Row_Problem";
import PROBLEMS_ONE from "@salesforce/label/c.Personalization_Setup_Problems_One";
import PROBLEMS from "@salesforce/label/c.Personalization_Setup_Problems";
import DELETED_ONE from "@salesforce/label/c.Personalization_Setup_Deleted_One";
import DELETED from "@salesforce/label/c.Personalization_Setup_Deleted";
import DIRECTION_TO_MCP from "@salesforce/label/c.Personalization_Setup_Direction_To_Mcp";
import DIRECTION_TO_CRM from "@salesforce/label/c.Personalization_Setup_Direction_To_Crm";
import DIRECTION_BOTH from "@salesforce/label/c.Personalization_Setup_Direction_Both";
import CONFLICT_CRM_WINS from "@salesforce/label/c.Personalization_Setup_Conflict_Crm_Wins";
import CONFLICT_MCP_WINS from "@salesforce/label/c.Personalization_Setup_Conflict_Mcp_Wins";
import CONFLICT_MOST_RECENT from "@salesforce/label/c.Personalization_Setup_Conflict_Most_Recent";
import CONFLICT_FILL_BLANK from "@salesforce/label/c.Personalization_Setup_Conflict_Fill_Blank";
import CONFLICT_NEVER_NULL from "@salesforce/label/c.Personalization_Setup_Conflict_Never_Null";
import ACTION_ERROR from "@salesforce/label/c.Personalization_Console_Action_Error";

/** A picker choice. */
export interface Option {
    label: string;
    value: string;
}

/** One CRM field the picker offers (PersonalizationSetupService.FieldOption). */
interface FieldChoice {
    value: string;
    label: string;
    writable: boolean;
}

/** A mapping row as edited. */
interface EditorRow {
    key: string;
    /** DeveloperName of a saved row; blank for a new one. */
    name: string;
    objectApiName: string;
    crmField: string;
    mcpAttribute: string;
    dataset: string;
    direction: string;
    conflictRule: string;
    matchKey: boolean;
    active: boolean;
    sortOrder: number;
    /** The admin chose "Type another attribute" (the picker shows a text input). */
    attributeTyped: boolean;
}

/** A row as the template shows it. */
interface ShownRow extends EditorRow {
    number: number;
    rowLabel: string;
    deleteLabel: string;
    fieldOptions: Option[];
    fieldTyped: boolean;
    attributeChoices: Option[];
    showAttributePicker: boolean;
}

/** One save problem (PersonalizationMetadataDeployer.MappingProblem) tied to its row. */
interface Problem {
    key: string;
    field: string;
    text: string;
}

/** The value of the attribute picker's "Type another attribute" choice. */
export const TYPED = "__typed__";
const OBJECTS = ["Contact", "Lead", "Account"];
const OBJECT_OPTIONS: Option[] = OBJECTS.map((value) => ({ label: value, value }));
const DIRECTION_OPTIONS: Option[] = [
    { label: DIRECTION_TO_MCP, value: "CRM_To_MCP" },
    { label: DIRECTION_TO_CRM, value: "MCP_To_CRM" },
    { label: DIRECTION_BOTH, value: "Bidirectional" }
];
const CONFLICT_OPTIONS: Option[] = [
    { label: CONFLICT_CRM_WINS, value: "CRM_Wins" },
    { label: CONFLICT_MCP_WINS, value: "MCP_Wins" },
    { label: CONFLICT_MOST_RECENT, value: "Most_Recent" },
    { label: CONFLICT_FILL_BLANK, value: "Fill_When_Blank" },
    { label: CONFLICT_NEVER_NULL, value: "Never_Overwrite_With_Null" }
];
/** The column names problems are reported under, by the row field they concern. */
const COLUMN_OF: Record<string, string> = {
    objectApiName: COL_OBJECT,
    crmField: COL_FIELD,
    mcpAttribute: COL_ATTRIBUTE,
    direction: COL_DIRECTION,
    conflictRule: COL_CONFLICT,
    name: COL_NAME
};

function toFieldChoices(value: unknown): FieldChoice[] {
    return asRecords(value)
        .map((field) => ({
            value: textOf(field, "value"),
            label: textOf(field, "label") || textOf(field, "value"),
            writable: readBoolean(field, "writable")
        }))
        .filter((field) => field.value !== "");
}

/**
 * The guided setup's field mappings. Each row maps a CRM field, picked by its label from the object's fields as the
 * admin's field-level security allows (`getObjectFields`, loaded as soon as an object is in use), to a Personalization
 * attribute, with a direction, a conflict rule, the match-key and active switches, and a Delete button. Saving sends
 * every row (deleted saved rows marked removed) in one deployment; when a row is invalid nothing is saved, each problem
 * is shown under its field ("Pick a CRM field.") and listed by row above the table, and focus moves to the first
 * invalid field. Emits `saved` with the deployment Id.
 */
export default class PersonalizationMappingEditor extends LightningElement {
    /** Personalization attributes to pick from (MCP metadata); empty: the attribute is typed. */
    @api attributeOptions: Option[] = [];
    /** Another setup action runs: the buttons are disabled. */
    @api disabled = false;

    readonly labels = {
        HELP,
        COL_OBJECT,
        COL_FIELD,
        COL_ATTRIBUTE,
        COL_DIRECTION,
        COL_MATCH,
        COL_CONFLICT,
        COL_ACTIVE,
        COL_REMOVE,
        ADD_MAPPING,
        SAVE_MAPPINGS,
        NO_MAPPINGS,
        PICK_FIELD,
        PICK_ATTRIBUTE,
        FIELDS_UNAVAILABLE
    };
    readonly objectOptions = OBJECT_OPTIONS;
    readonly directionOptions = DIRECTION_OPTIONS;
    readonly conflictOptions = CONFLICT_OPTIONS;

    rows: EditorRow[] = [];
    /** Saved rows the admin deleted: sent as removed with the next save. */
    removed: EditorRow[] = [];
    /** The fields of each object in use: the list, or null when they could not be loaded. */
    fields: Record<string, FieldChoice[] | null> = {};
    problems: Problem[] = [];
    /** Problems that belong to no row still listed (the list itself, a deleted row). */
    otherProblems: string[] = [];
    saving = false;
    error: unknown;
    errorMessage = ACTION_ERROR;
    private nextKey = 0;
    private validityPending = false;
    private focusSelector: string | null = null;

    /** The saved mappings (PersonalizationMappingInput); setting them starts the editing over. */
    @api
    get mappings(): DataRecord[] {
        return this.savedRows;
    }
    set mappings(value: DataRecord[]) {
        this.savedRows = asRecords(value);
        this.rows = this.savedRows.map((row) => this.toRow(row));
        this.removed = [];
        this.problems = [];
        this.otherProblems = [];
        this.loadFieldsInUse();
    }
    private savedRows: DataRecord[] = [];

    override connectedCallback(): void {
        this.loadFieldsInUse();
    }

    private toRow(row: DataRecord): EditorRow {
        this.nextKey += 1;
        return {
            key: `m${this.nextKey}`,
            name: textOf(row, "name"),
            objectApiName: textOf(row, "objectApiName") || "Contact",
            crmField: textOf(row, "crmField"),
            mcpAttribute: textOf(row, "mcpAttribute"),
            dataset: textOf(row, "dataset"),
            direction: textOf(row, "direction") || "CRM_To_MCP",
            conflictRule: textOf(row, "conflictRule") || "CRM_Wins",
            matchKey: readBoolean(row, "matchKey"),
            active: row.active === undefined ? true : readBoolean(row, "active"),
            sortOrder: numberOf(row, "sortOrder"),
            attributeTyped: false
        };
    }

    private isOfferedAttribute(attribute: string): boolean {
        return (this.attributeOptions ?? []).some((option) => option.value === attribute);
    }

    /** Loads the field list of every object a row uses (once per object). */
    private loadFieldsInUse(): void {
        for (const objectName of new Set(this.rows.map((row) => row.objectApiName))) {
            this.loadFields(objectName).catch(() => undefined);
        }
    }

    private async loadFields(objectName: string): Promise<void> {
        if (!OBJECTS.includes(objectName) || objectName in this.fields) {
            return;
        }
        this.fields = { ...this.fields, [objectName]: [] };
        try {
            const answer: unknown = await getObjectFields({ objectApiName: objectName });
            this.fields = { ...this.fields, [objectName]: toFieldChoices(answer) };
        } catch {
            // the field is typed instead; the save still checks it against the schema
            this.fields = { ...this.fields, [objectName]: null };
        }
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get busy(): boolean {
        return this.saving || this.disabled;
    }

    get shownRows(): ShownRow[] {
        return this.rows.map((row, index) => {
            const fields = this.fields[row.objectApiName];
            const rowLabel = formatLabel(ROW_NAME, index + 1, [row.objectApiName, row.crmField].join(" ").trim());
            const attributeChoices = [...(this.attributeOptions ?? []), { label: TYPE_ATTRIBUTE, value: TYPED }];
            return {
                ...row,
                number: index + 1,
                rowLabel,
                deleteLabel: formatLabel(DELETE_ROW, rowLabel),
                fieldOptions: fields ? this.fieldOptions(fields, row) : [],
                fieldTyped: fields === null,
                attributeChoices,
                // typed when MCP offers no list, when the admin chose to type, or for an attribute the list lacks
                showAttributePicker:
                    !row.attributeTyped &&
                    (this.attributeOptions ?? []).length > 0 &&
                    (row.mcpAttribute === "" || this.isOfferedAttribute(row.mcpAttribute))
            };
        });
    }

    /** The object's fields by label (the API name added where two share a label), the row's value kept. */
    private fieldOptions(fields: FieldChoice[], row: EditorRow): Option[] {
        const writesBack = row.direction !== "CRM_To_MCP";
        const labelCount = new Map<string, number>();
        for (const field of fields) {
            labelCount.set(field.label, (labelCount.get(field.label) ?? 0) + 1);
        }
        const options = fields.map((field) => {
            const label = (labelCount.get(field.label) ?? 0) > 1 ? `${field.label} (${field.value})` : field.label;
            return {
                label: writesBack && !field.writable ? formatLabel(FIELD_READ_ONLY, label) : label,
                value: field.value
            };
        });
        if (row.crmField && !fields.some((field) => field.value.toLowerCase() === row.crmField.toLowerCase())) {
            // a saved field the admin cannot see any more (deleted, renamed, hidden): shown, and the save explains it
            options.unshift({ label: formatLabel(FIELD_UNAVAILABLE, row.crmField), value: row.crmField });
        }
        return options;
    }

    get hasProblems(): boolean {
        return this.problems.length > 0 || this.otherProblems.length > 0;
    }

    get problemSummary(): string {
        const rows = new Set(this.problems.map((problem) => problem.key)).size;
        if (rows === 0) {
            return this.otherProblems.join(" ");
        }
        return rows === 1 ? PROBLEMS_ONE : formatLabel(PROBLEMS, rows);
    }

    /** Each row problem as "Row 2, CRM field: Pick a CRM field.", in row order, then the others. */
    get problemLines(): { key: string; text: string }[] {
        const lines = this.problems.map((problem) => {
            const number = this.rows.findIndex((row) => row.key === problem.key) + 1;
            return {
                key: `${problem.key}-${problem.field}`,
                text: formatLabel(ROW_PROBLEM, number, COLUMN_OF[problem.field] ?? COL_FIELD, problem.text)
            };
        });
        const rowCount = new Set(this.problems.map((problem) => problem.key)).size;
        const others = rowCount === 0 ? [] : this.otherProblems;
        return [...lines, ...others.map((text, index) => ({ key: `other-${index}`, text }))];
    }

    get deletedText(): string {
        const count = this.removed.length;
        if (count === 0) {
            return "";
        }
        return count === 1 ? DELETED_ONE : formatLabel(DELETED, count);
    }

    handleAddMapping(): void {
        const row = this.toRow({});
        this.rows = [...this.rows, row];
        this.loadFields(row.objectApiName).catch(() => undefined);
        this.focusSelector = `lightning-combobox[data-key="${row.key}"][data-field="crmField"], lightning-input[data-key="${row.key}"][data-field="crmField"]`;
    }

    handleDelete(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        const index = this.rows.findIndex((row) => row.key === key);
        if (index < 0) {
            return;
        }
        const row = this.rows[index];
        if (row.name) {
            this.removed = [...this.removed, row];
        }
        this.rows = this.rows.filter((other) => other.key !== key);
        this.problems = this.problems.filter((problem) => problem.key !== key);
        // focus stays in the table: the row that took its place, the one before, or Add mapping when none is left
        const next = this.rows[index] ?? this.rows[index - 1];
        this.focusSelector = next ? `[data-id="delete-row"][data-key="${next.key}"]` : '[data-id="add-mapping"]';
    }

    handleChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
        const target = event.target as HTMLElement & { checked?: boolean; value?: string };
        const key = target.dataset.key;
        const field = target.dataset.field as keyof EditorRow;
        let focusTyped = false;
        this.rows = this.rows.map((row) => {
            if (row.key !== key) {
                return row;
            }
            if (typeof row[field] === "boolean") {
                return { ...row, [field]: target.checked === true };
            }
            const value = event.detail?.value ?? target.value ?? "";
            if (field === "mcpAttribute" && value === TYPED) {
                focusTyped = true;
                return { ...row, mcpAttribute: "", attributeTyped: true };
            }
            if (field === "objectApiName" && value !== row.objectApiName) {
                // another object has other fields
                return { ...row, objectApiName: value, crmField: "" };
            }
            return { ...row, [field]: value };
        });
        if (field === "objectApiName") {
            this.loadFields(event.detail?.value ?? "").catch(() => undefined);
        }
        if (focusTyped) {
            this.focusSelector = `lightning-input[data-key="${key}"][data-field="mcpAttribute"]`;
        }
        // a corrected field is no longer marked
        const before = this.problems.length;
        this.problems = this.problems.filter(
            (problem) => !(problem.key === key && (problem.field === field || field === "objectApiName"))
        );
        if (this.problems.length !== before) {
            this.validityPending = true;
        }
    }

    async handleSave(): Promise<void> {
        const live = this.rows;
        const sent = [...live, ...this.removed];
        this.saving = true;
        this.error = undefined;
        try {
            const answer: unknown = await saveMappings({
                mappings: sent.map((row, index) => ({
                    name: row.name || null,
                    objectApiName: row.objectApiName,
                    crmField: row.crmField.trim(),
                    mcpAttribute: row.mcpAttribute.trim(),
                    dataset: row.dataset || null,
                    direction: row.direction,
                    conflictRule: row.conflictRule,
                    matchKey: row.matchKey,
                    active: row.active,
                    sortOrder: row.sortOrder,
                    removed: index >= live.length
                }))
            });
            const result = isRecord(answer) ? answer : {};
            this.applyProblems(asRecords(result.problems), sent, live.length);
            if (!this.hasProblems) {
                this.dispatchEvent(
                    new CustomEvent("saved", { detail: { deploymentId: textOf(result, "deploymentId") } })
                );
            }
        } catch (error) {
            this.error = error;
        } finally {
            this.saving = false;
        }
    }

    /** Ties each problem to its row (the answer counts rows from 1 in the order sent) and marks the fields. */
    private applyProblems(answer: DataRecord[], sent: EditorRow[], liveCount: number): void {
        const problems: Problem[] = [];
        const others: string[] = [];
        for (const problem of answer) {
            const row = numberOf(problem, "row");
            const text = textOf(problem, "message");
            if (row >= 1 && row <= liveCount) {
                problems.push({ key: sent[row - 1].key, field: textOf(problem, "field") || "crmField", text });
            } else {
                others.push(text);
            }
        }
        this.problems = problems;
        this.otherProblems = others;
        this.validityPending = true;
        const first = problems[0];
        this.focusSelector = first
            ? `[data-key="${first.key}"][data-field="${first.field}"]`
            : others.length > 0
              ? '[data-id="mapping-problems"]'
              : null;
    }

    override renderedCallback(): void {
        if (this.validityPending) {
            this.validityPending = false;
            this.markFields();
        }
        if (this.focusSelector) {
            const selector = this.focusSelector;
            this.focusSelector = null;
            const target = this.template?.querySelector<HTMLElement>(selector);
            // a problem with no field of its own (a mapping name) leaves focus on the list of problems
            (target ?? this.template?.querySelector<HTMLElement>('[data-id="mapping-problems"]'))?.focus();
        }
    }

    /** Shows each problem under its field (the field is marked invalid); clears fields without one. */
    private markFields(): void {
        const inputs = this.template?.querySelectorAll<
            HTMLElement & { setCustomValidity?: (message: string) => void; reportValidity?: () => boolean }
        >("[data-key][data-field]");
        for (const input of Array.from(inputs ?? [])) {
            const problem = this.problems.find(
                (entry) => entry.key === input.dataset.key && entry.field === input.dataset.field
            );
            input.setCustomValidity?.(problem ? problem.text : "");
            input.reportValidity?.();
        }
    }
}
