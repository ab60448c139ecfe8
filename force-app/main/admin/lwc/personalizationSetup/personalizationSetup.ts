import { LightningElement } from "lwc";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import getSetupState from "@salesforce/apex/PersonalizationSetupController.getSetupState";
import testConnection from "@salesforce/apex/PersonalizationSetupController.testConnection";
import getMcpOptions from "@salesforce/apex/PersonalizationSetupController.getMcpOptions";
import saveSettings from "@salesforce/apex/PersonalizationSetupController.saveSettings";
import saveMappings from "@salesforce/apex/PersonalizationSetupController.saveMappings";
import saveSchedule from "@salesforce/apex/PersonalizationSetupController.saveSchedule";
import runSyncNow from "@salesforce/apex/PersonalizationSetupController.runSyncNow";
import { isRecord, readBoolean, readNumber, readString, type DataRecord } from "c/dataUtils";
import { formatExactTime, formatLabel } from "c/formatUtils";
import { asRecords, numberOf, textOf } from "c/personalizationAdminUtils";
import TITLE from "@salesforce/label/c.Personalization_Setup_Title";
import COMPLETE from "@salesforce/label/c.Personalization_Setup_Step_Complete";
import INCOMPLETE from "@salesforce/label/c.Personalization_Setup_Step_Incomplete";
import STEP_CREDENTIAL from "@salesforce/label/c.Personalization_Setup_Step_Credential";
import STEP_DEFAULTS from "@salesforce/label/c.Personalization_Setup_Step_Defaults";
import STEP_MAPPINGS from "@salesforce/label/c.Personalization_Setup_Step_Mappings";
import STEP_SCHEDULE from "@salesforce/label/c.Personalization_Setup_Step_Schedule";
import STEP_PERMISSIONS from "@salesforce/label/c.Personalization_Setup_Step_Permissions";
import CREDENTIAL_HELP from "@salesforce/label/c.Personalization_Setup_Credential_Help";
import CREDENTIAL_IN_USE from "@salesforce/label/c.Personalization_Setup_Credential_In_Use";
import OPEN_CREDENTIALS from "@salesforce/label/c.Personalization_Setup_Open_Credentials";
import TEST_CONNECTION from "@salesforce/label/c.Personalization_Setup_Test_Connection";
import LOAD_CHOICES from "@salesforce/label/c.Personalization_Setup_Load_Choices";
import DATASET from "@salesforce/label/c.Personalization_Setup_Dataset";
import CONTACT_IDENTITY from "@salesforce/label/c.Personalization_Setup_Contact_Identity";
import LEAD_IDENTITY from "@salesforce/label/c.Personalization_Setup_Lead_Identity";
import SYNC_ENABLED from "@salesforce/label/c.Personalization_Setup_Sync_Enabled";
import LEAD_MATCHING from "@salesforce/label/c.Personalization_Setup_Lead_Matching";
import FLOW_ENABLED from "@salesforce/label/c.Personalization_Setup_Flow_Enabled";
import RELIABILITY from "@salesforce/label/c.Personalization_Setup_Reliability";
import RELIABILITY_HELP from "@salesforce/label/c.Personalization_Setup_Reliability_Help";
import DELIVERY_MAX_ATTEMPTS from "@salesforce/label/c.Personalization_Setup_Delivery_Max_Attempts";
import DELIVERY_RETENTION_DAYS from "@salesforce/label/c.Personalization_Setup_Delivery_Retention_Days";
import SYNC_RETENTION_DAYS from "@salesforce/label/c.Personalization_Setup_Sync_Retention_Days";
import SYNC_FIRST_RUN_WINDOW from "@salesforce/label/c.Personalization_Setup_Sync_First_Run_Window";
import HEATING_UP_THRESHOLD from "@salesforce/label/c.Personalization_Setup_Heating_Up_Threshold";
import SAVE_SETTINGS from "@salesforce/label/c.Personalization_Setup_Save_Settings";
import DEPLOYMENT_STATUS from "@salesforce/label/c.Personalization_Setup_Deployment_Status";
import CHECK_STATUS from "@salesforce/label/c.Personalization_Setup_Check_Status";
import MAPPING_HELP from "@salesforce/label/c.Personalization_Setup_Mapping_Help";
import COL_OBJECT from "@salesforce/label/c.Personalization_Console_Column_Object";
import COL_FIELD from "@salesforce/label/c.Personalization_Setup_Column_Field";
import COL_ATTRIBUTE from "@salesforce/label/c.Personalization_Setup_Column_Attribute";
import COL_DIRECTION from "@salesforce/label/c.Personalization_Setup_Column_Direction";
import COL_MATCH from "@salesforce/label/c.Personalization_Setup_Column_Match_Key";
import COL_CONFLICT from "@salesforce/label/c.Personalization_Setup_Column_Conflict";
import COL_ACTIVE from "@salesforce/label/c.Personalization_Setup_Column_Active";
import ADD_MAPPING from "@salesforce/label/c.Personalization_Setup_Add_Mapping";
import SAVE_MAPPINGS from "@salesforce/label/c.Personalization_Setup_Save_Mappings";
import NO_MAPPINGS from "@salesforce/label/c.Personalization_Setup_No_Mappings_Yet";
import SCHEDULE_ENABLED from "@salesforce/label/c.Personalization_Setup_Schedule_Enabled";
import SCHEDULE_TIME from "@salesforce/label/c.Personalization_Setup_Schedule_Time";
import SAVE_SCHEDULE from "@salesforce/label/c.Personalization_Setup_Save_Schedule";
import NEXT_RUN from "@salesforce/label/c.Personalization_Setup_Next_Run";
import RUN_NOW from "@salesforce/label/c.Personalization_Setup_Run_Now";
import DRY_RUN from "@salesforce/label/c.Personalization_Setup_Dry_Run";
import RUN_STARTED from "@salesforce/label/c.Personalization_Setup_Run_Started";
import PERMISSION_HELP from "@salesforce/label/c.Personalization_Setup_Permission_Help";
import ADMIN_HOLDERS_ONE from "@salesforce/label/c.Personalization_Setup_Admin_Holders_One";
import ADMIN_HOLDERS from "@salesforce/label/c.Personalization_Setup_Admin_Holders";
import USER_HOLDERS_ONE from "@salesforce/label/c.Personalization_Setup_User_Holders_One";
import USER_HOLDERS from "@salesforce/label/c.Personalization_Setup_User_Holders";
import OPEN_PERMISSION_SETS from "@salesforce/label/c.Personalization_Setup_Open_Permission_Sets";
import DEPLOY_STARTED from "@salesforce/label/c.Personalization_Setup_Deploy_Started";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";
import ACTION_ERROR from "@salesforce/label/c.Personalization_Console_Action_Error";
import LOADING from "@salesforce/label/c.Personalization_Console_Loading";

interface Option {
    label: string;
    value: string;
}

interface MappingRow {
    key: string;
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
}

const OBJECT_OPTIONS: Option[] = ["Contact", "Lead", "Account"].map((value) => ({ label: value, value }));
const DIRECTION_OPTIONS: Option[] = [
    { label: "CRM → Personalization", value: "CRM_To_MCP" },
    { label: "Personalization → CRM", value: "MCP_To_CRM" },
    { label: "Both ways", value: "Bidirectional" }
];
const CONFLICT_OPTIONS: Option[] = [
    { label: "CRM wins", value: "CRM_Wins" },
    { label: "Personalization wins", value: "MCP_Wins" },
    { label: "Most recent", value: "Most_Recent" },
    { label: "Fill when blank", value: "Fill_When_Blank" },
    { label: "Never overwrite with null", value: "Never_Overwrite_With_Null" }
];
const CREDENTIALS_PATH = "/lightning/setup/NamedCredential/home";
const PERMISSION_SETS_PATH = "/lightning/setup/PermSets/home";

/** A same-origin Setup path as an absolute http(s) URL, or undefined. */
function setupUrl(path: string): string | undefined {
    try {
        const url = new URL(path, window.location.origin);
        return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
    } catch {
        return undefined;
    }
}

function toOptions(value: unknown): Option[] {
    return asRecords(value).map((option) => ({
        label: textOf(option, "label") || textOf(option, "value"),
        value: textOf(option, "value")
    }));
}

/** A number setting as input text: blank when unset, so the field shows that the default applies. */
function numberText(settings: DataRecord, field: string): string {
    const value = readNumber(settings, field);
    return value === undefined ? "" : String(value);
}

type ReliabilityKey =
    | "deliveryMaxAttempts"
    | "deliveryRetentionDays"
    | "syncRetentionDays"
    | "syncFirstRunWindowDays"
    | "heatingUpThreshold";

/** One whole-number reliability setting: its form key, settings field, input id, label and allowed range. */
interface ReliabilityField {
    key: ReliabilityKey;
    apiName: string;
    id: string;
    label: string;
    min: number;
    max: number;
}

/** A reliability input as the template renders it (attributes as text, value as typed). */
interface ReliabilityInput {
    key: ReliabilityKey;
    id: string;
    label: string;
    min: string;
    max: string;
    value: string;
}

// the ranges mirror the server's checks, which stay authoritative (PersonalizationSetupController.saveSettings)
const RELIABILITY_FIELDS: readonly ReliabilityField[] = [
    {
        key: "deliveryMaxAttempts",
        apiName: "Delivery_Max_Attempts__c",
        id: "delivery-max-attempts",
        label: DELIVERY_MAX_ATTEMPTS,
        min: 1,
        max: 20
    },
    {
        key: "deliveryRetentionDays",
        apiName: "Delivery_Retention_Days__c",
        id: "delivery-retention-days",
        label: DELIVERY_RETENTION_DAYS,
        min: 1,
        max: 365
    },
    {
        key: "syncRetentionDays",
        apiName: "Sync_Retention_Days__c",
        id: "sync-retention-days",
        label: SYNC_RETENTION_DAYS,
        min: 1,
        max: 3650
    },
    {
        key: "syncFirstRunWindowDays",
        apiName: "Sync_First_Run_Window_Days__c",
        id: "sync-first-run-window",
        label: SYNC_FIRST_RUN_WINDOW,
        min: 1,
        max: 3650
    },
    {
        key: "heatingUpThreshold",
        apiName: "Heating_Up_Threshold__c",
        id: "heating-up-threshold",
        label: HEATING_UP_THRESHOLD,
        min: 1,
        max: 100
    }
];

/** The reliability settings as input text, keyed by form key; blank means "use the default". */
function reliabilityText(settings: DataRecord): Record<ReliabilityKey, string> {
    return Object.fromEntries(
        RELIABILITY_FIELDS.map((field) => [field.key, numberText(settings, field.apiName)])
    ) as Record<ReliabilityKey, string>;
}
/**
 * The guided setup: credential (link and connection test), defaults (dataset and identity types picked from MCP
 * metadata, feature switches), field mappings (saved to custom metadata through a deployment, with its status),
 * the nightly schedule with run now / dry run, and permission-set guidance. Each step shows whether it is complete.
 */
export default class PersonalizationSetup extends LightningElement {
    labels = {
        TITLE,
        STEP_CREDENTIAL,
        STEP_DEFAULTS,
        STEP_MAPPINGS,
        STEP_SCHEDULE,
        STEP_PERMISSIONS,
        CREDENTIAL_HELP,
        OPEN_CREDENTIALS,
        TEST_CONNECTION,
        LOAD_CHOICES,
        DATASET,
        CONTACT_IDENTITY,
        LEAD_IDENTITY,
        SYNC_ENABLED,
        LEAD_MATCHING,
        FLOW_ENABLED,
        RELIABILITY,
        RELIABILITY_HELP,
        SAVE_SETTINGS,
        CHECK_STATUS,
        MAPPING_HELP,
        COL_OBJECT,
        COL_FIELD,
        COL_ATTRIBUTE,
        COL_DIRECTION,
        COL_MATCH,
        COL_CONFLICT,
        COL_ACTIVE,
        ADD_MAPPING,
        SAVE_MAPPINGS,
        NO_MAPPINGS,
        SCHEDULE_ENABLED,
        SCHEDULE_TIME,
        SAVE_SCHEDULE,
        RUN_NOW,
        DRY_RUN,
        PERMISSION_HELP,
        OPEN_PERMISSION_SETS,
        LOADING
    };
    objectOptions = OBJECT_OPTIONS;
    directionOptions = DIRECTION_OPTIONS;
    conflictOptions = CONFLICT_OPTIONS;
    credentialsUrl = setupUrl(CREDENTIALS_PATH);
    permissionSetsUrl = setupUrl(PERMISSION_SETS_PATH);

    loading = true;
    busy = false;
    error: unknown;
    errorMessage = LOAD_ERROR;
    state: DataRecord | undefined;
    connectionMessage = "";
    connectionOk = false;
    datasetOptions: Option[] = [];
    identityOptions: Option[] = [];
    attributeOptions: Option[] = [];
    settings = {
        dataset: "",
        contactIdentity: "",
        leadIdentity: "",
        syncEnabled: false,
        leadMatching: false,
        flowEnabled: false,
        // reliability settings as typed text: blank means "use the default"; the server checks the ranges
        ...reliabilityText({})
    };
    mappings: MappingRow[] = [];
    schedule = { enabled: false, time: "02:00" };
    private nextKey = 0;

    override connectedCallback(): void {
        this.load();
    }

    async load(): Promise<void> {
        this.loading = true;
        try {
            const state: unknown = await getSetupState();
            if (!isRecord(state)) {
                throw new Error(LOAD_ERROR);
            }
            this.applyState(state);
            this.error = undefined;
        } catch (error) {
            this.errorMessage = LOAD_ERROR;
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    private applyState(state: DataRecord): void {
        this.state = state;
        const settings = isRecord(state.settings) ? state.settings : {};
        this.settings = {
            dataset: readString(settings, "Default_Dataset__c") ?? "",
            contactIdentity: readString(settings, "Contact_Identity_Type__c") ?? "",
            leadIdentity: readString(settings, "Lead_Identity_Type__c") ?? "",
            syncEnabled: readBoolean(settings, "Sync_Enabled__c"),
            leadMatching: readBoolean(settings, "Lead_Matching_Enabled__c"),
            flowEnabled: readBoolean(settings, "Flow_Action_Enabled__c"),
            ...reliabilityText(settings)
        };
        this.mappings = asRecords(state.mappings).map((row) => this.toRow(row));
        const schedule = isRecord(state.schedule) ? state.schedule : {};
        const hour = readNumber(schedule, "hour");
        const minute = readNumber(schedule, "minute");
        this.schedule = {
            enabled: readBoolean(schedule, "active"),
            time: hour === undefined || minute === undefined ? this.schedule.time : `${pad(hour)}:${pad(minute)}`
        };
    }

    private toRow(row: DataRecord): MappingRow {
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
            sortOrder: numberOf(row, "sortOrder")
        };
    }

    get ready(): boolean {
        return this.state !== undefined;
    }

    private stepDone(name: string): boolean {
        const steps = isRecord(this.state?.steps) ? this.state.steps : {};
        return readBoolean(steps, name);
    }

    private badge(name: string): { text: string; className: string } {
        return this.badgeOf(this.stepDone(name));
    }

    private badgeOf(done: boolean): { text: string; className: string } {
        return {
            text: done ? COMPLETE : INCOMPLETE,
            className: `slds-badge slds-m-left_x-small ${done ? "slds-theme_success" : "slds-badge_lightest"}`
        };
    }

    get credentialBadge(): { text: string; className: string } {
        // a passing connection test completes the step now; a passing pre-flight check keeps it complete
        return this.connectionOk ? this.badgeOf(true) : this.badge("credential");
    }
    get settingsBadge(): { text: string; className: string } {
        return this.badge("settings");
    }
    get mappingsBadge(): { text: string; className: string } {
        return this.badge("mappings");
    }
    get scheduleBadge(): { text: string; className: string } {
        return this.badge("schedule");
    }
    get permissionsBadge(): { text: string; className: string } {
        return this.badge("permissions");
    }

    get credentialText(): string {
        return formatLabel(CREDENTIAL_IN_USE, textOf(this.state ?? {}, "namedCredential"));
    }

    get connectionClass(): string {
        return this.connectionOk ? "slds-text-color_success" : "slds-text-color_error";
    }

    get deploymentText(): string {
        const status = textOf(this.state ?? {}, "deploymentStatus");
        if (!status) {
            return "";
        }
        return formatLabel(DEPLOYMENT_STATUS, status, textOf(this.state ?? {}, "deploymentMessage"));
    }

    /** The reliability number inputs, in display order, with their current text. */
    get reliabilityInputs(): ReliabilityInput[] {
        return RELIABILITY_FIELDS.map((field) => ({
            key: field.key,
            id: field.id,
            label: field.label,
            min: String(field.min),
            max: String(field.max),
            value: this.settings[field.key]
        }));
    }

    /** The Contact and Lead identity-type pickers (a combobox once MCP's identity types are loaded). */
    get identityPickers(): { key: string; label: string; value: string }[] {
        return [
            { key: "contactIdentity", label: this.labels.CONTACT_IDENTITY, value: this.settings.contactIdentity },
            { key: "leadIdentity", label: this.labels.LEAD_IDENTITY, value: this.settings.leadIdentity }
        ];
    }

    get hasMappings(): boolean {
        return this.mappings.length > 0;
    }

    get hasDatasetOptions(): boolean {
        return this.datasetOptions.length > 0;
    }

    get hasIdentityOptions(): boolean {
        return this.identityOptions.length > 0;
    }

    get hasAttributeOptions(): boolean {
        return this.attributeOptions.length > 0;
    }

    /** The next run in the user's time zone (the one the schedule's time of day is in), with the zone named. */
    get nextRunText(): string {
        const schedule = isRecord(this.state?.schedule) ? this.state.schedule : {};
        const next = typeof schedule.nextRun === "string" ? Date.parse(schedule.nextRun) : Number.NaN;
        return Number.isNaN(next) ? "" : formatLabel(NEXT_RUN, formatExactTime(next));
    }

    get permissionText(): string {
        const admins = numberOf(this.state ?? {}, "adminUsers");
        const users = numberOf(this.state ?? {}, "standardUsers");
        return `${holders(admins, ADMIN_HOLDERS_ONE, ADMIN_HOLDERS)} ${holders(users, USER_HOLDERS_ONE, USER_HOLDERS)}`;
    }

    async handleTestConnection(): Promise<void> {
        await this.run(async () => {
            const result: unknown = await testConnection({ dataset: this.settings.dataset });
            const answer = isRecord(result) ? result : {};
            this.connectionOk = readBoolean(answer, "ok");
            this.connectionMessage = textOf(answer, "message");
            if (this.connectionOk) {
                await this.loadChoices();
            }
        });
    }

    async handleLoadChoices(): Promise<void> {
        await this.run(() => this.loadChoices());
    }

    private async loadChoices(): Promise<void> {
        const options: unknown = await getMcpOptions({ dataset: this.settings.dataset });
        const answer = isRecord(options) ? options : {};
        this.datasetOptions = toOptions(answer.datasets);
        this.identityOptions = toOptions(answer.identityTypes);
        this.attributeOptions = toOptions(answer.userAttributes);
    }

    handleSettingChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
        const target = event.target as HTMLElement & { checked?: boolean; value?: string };
        const field = target.dataset.field as keyof PersonalizationSetup["settings"];
        const value =
            typeof this.settings[field] === "boolean"
                ? target.checked === true
                : (event.detail.value ?? target.value ?? "");
        this.settings = { ...this.settings, [field]: value };
        if (field === "dataset") {
            this.run(() => this.loadChoices()).catch(() => undefined);
        }
    }

    async handleSaveSettings(): Promise<void> {
        await this.run(async () => {
            await saveSettings({
                changes: {
                    Default_Dataset__c: this.settings.dataset,
                    Contact_Identity_Type__c: this.settings.contactIdentity,
                    Lead_Identity_Type__c: this.settings.leadIdentity,
                    Sync_Enabled__c: this.settings.syncEnabled,
                    Lead_Matching_Enabled__c: this.settings.leadMatching,
                    Flow_Action_Enabled__c: this.settings.flowEnabled,
                    ...Object.fromEntries(
                        RELIABILITY_FIELDS.map((field) => [field.apiName, this.settings[field.key].trim()])
                    )
                }
            });
            this.toast(DEPLOY_STARTED);
            await this.load();
        });
    }

    handleAddMapping(): void {
        this.mappings = [...this.mappings, this.toRow({ dataset: "" })];
    }

    handleMappingChange(event: CustomEvent<{ value?: string }>): void {
        const target = event.target as HTMLElement & { checked?: boolean; value?: string };
        const key = target.dataset.key;
        const field = target.dataset.field as keyof MappingRow;
        this.mappings = this.mappings.map((row) => {
            if (row.key !== key) {
                return row;
            }
            const value =
                typeof row[field] === "boolean" ? target.checked === true : (event.detail?.value ?? target.value ?? "");
            return { ...row, [field]: value };
        });
    }

    async handleSaveMappings(): Promise<void> {
        await this.run(async () => {
            await saveMappings({
                mappings: this.mappings.map((row) => ({
                    name: row.name || null,
                    objectApiName: row.objectApiName,
                    crmField: row.crmField.trim(),
                    mcpAttribute: row.mcpAttribute.trim(),
                    dataset: row.dataset || null,
                    direction: row.direction,
                    conflictRule: row.conflictRule,
                    matchKey: row.matchKey,
                    active: row.active,
                    sortOrder: row.sortOrder
                }))
            });
            this.toast(DEPLOY_STARTED);
            await this.load();
        });
    }

    handleScheduleChange(event: CustomEvent<{ value?: string }>): void {
        const target = event.target as HTMLElement & { checked?: boolean; value?: string };
        if (target.dataset.field === "enabled") {
            this.schedule = { ...this.schedule, enabled: target.checked === true };
        } else {
            this.schedule = { ...this.schedule, time: event.detail?.value ?? target.value ?? "" };
        }
    }

    async handleSaveSchedule(): Promise<void> {
        const [hour, minute] = this.schedule.time.split(":").map((part) => Number(part));
        await this.run(async () => {
            await saveSchedule({ enabled: this.schedule.enabled, hour, minute });
            await this.load();
        });
    }

    async handleRunNow(event: Event): Promise<void> {
        const dryRun = (event.currentTarget as HTMLElement).dataset.dryRun === "true";
        await this.run(async () => {
            await runSyncNow({ dryRun });
            this.toast(RUN_STARTED);
        });
    }

    private toast(message: string): void {
        this.dispatchEvent(new ShowToastEvent({ message, variant: "success" }));
    }

    private async run(action: () => Promise<void>): Promise<void> {
        this.busy = true;
        try {
            await action();
            this.error = undefined;
        } catch (error) {
            this.errorMessage = ACTION_ERROR;
            this.error = error;
        } finally {
            this.busy = false;
        }
    }
}

/** The singular label for exactly one holder, else the plural one with the count. */
function holders(count: number, one: string, other: string): string {
    return count === 1 ? one : formatLabel(other, count);
}

function pad(value: number): string {
    return value < 10 ? `0${value}` : `${value}`;
}
