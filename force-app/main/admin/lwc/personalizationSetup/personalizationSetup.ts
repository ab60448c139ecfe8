import { LightningElement } from "lwc";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import getSetupState from "@salesforce/apex/PersonalizationSetupController.getSetupState";
import testConnection from "@salesforce/apex/PersonalizationSetupController.testConnection";
import getMcpOptions from "@salesforce/apex/PersonalizationSetupController.getMcpOptions";
import saveSettings from "@salesforce/apex/PersonalizationSetupController.saveSettings";
import saveSchedule from "@salesforce/apex/PersonalizationSetupController.saveSchedule";
import runSyncNow from "@salesforce/apex/PersonalizationSetupController.runSyncNow";
import { isRecord, readBoolean, readNumber, readString, type DataRecord } from "c/dataUtils";
import { formatLabel } from "c/formatUtils";
import { asRecords, formatDateTime, numberOf, textOf } from "c/personalizationAdminUtils";
import { TYPED } from "c/personalizationMappingEditor";
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
import DATASET from "@salesforce/label/c.Personalization_Setup_Dataset";
import CONTACT_IDENTITY from "@salesforce/label/c.Personalization_Setup_Contact_Identity";
import LEAD_IDENTITY from "@salesforce/label/c.Personalization_Setup_Lead_Identity";
import SYNC_ENABLED from "@salesforce/label/c.Personalization_Setup_Sync_Enabled";
import LEAD_MATCHING from "@salesforce/label/c.Personalization_Setup_Lead_Matching";
import FLOW_ENABLED from "@salesforce/label/c.Personalization_Setup_Flow_Enabled";
import IMPRESSIONS_ENABLED from "@salesforce/label/c.Personalization_Setup_Impressions_Enabled";
import IMPRESSIONS_HELP from "@salesforce/label/c.Personalization_Setup_Impressions_Help";
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
import BACKEND from "@salesforce/label/c.Personalization_Setup_Backend";
import BACKEND_HELP from "@salesforce/label/c.Personalization_Setup_Backend_Help";
import BACKEND_MCP from "@salesforce/label/c.Personalization_Setup_Backend_Mcp";
import BACKEND_DATA_CLOUD from "@salesforce/label/c.Personalization_Setup_Backend_Data_Cloud";
import DC_POINTS from "@salesforce/label/c.Personalization_Setup_Data_Cloud_Points";
import DC_SOURCE from "@salesforce/label/c.Personalization_Setup_Data_Cloud_Source";
import DC_OBJECT from "@salesforce/label/c.Personalization_Setup_Data_Cloud_Object";
import DC_DATA_SPACE from "@salesforce/label/c.Personalization_Setup_Data_Cloud_Data_Space";
import LOAD_ERROR from "@salesforce/label/c.Personalization_Console_Load_Error";
import ACTION_ERROR from "@salesforce/label/c.Personalization_Console_Action_Error";
import LOADING from "@salesforce/label/c.Personalization_Console_Loading";
import STEP_OFF from "@salesforce/label/c.Personalization_Setup_Step_Off";
import SCHEDULE_OFF_HELP from "@salesforce/label/c.Personalization_Setup_Schedule_Off_Help";
import TYPE_DATASET from "@salesforce/label/c.Personalization_Setup_Type_Dataset";
import TYPE_IDENTITY from "@salesforce/label/c.Personalization_Setup_Type_Identity";
import CHOICES_UNAVAILABLE from "@salesforce/label/c.Personalization_Setup_Choices_Unavailable";

interface Option {
    label: string;
    value: string;
}

const BACKEND_VALUE_MCP = "MCP";
const BACKEND_VALUE_DATA_CLOUD = "DATA_CLOUD";
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

/** One whole-number reliability setting: its form key, settings field, input id and label. */
interface ReliabilityField {
    key: ReliabilityKey;
    apiName: string;
    id: string;
    label: string;
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

// the allowed ranges come with the setup state from the package's one settings list (McpSettingsField); the
// server's checks stay authoritative (PersonalizationSetupController.saveSettings)
const RELIABILITY_FIELDS: readonly ReliabilityField[] = [
    {
        key: "deliveryMaxAttempts",
        apiName: "Delivery_Max_Attempts__c",
        id: "delivery-max-attempts",
        label: DELIVERY_MAX_ATTEMPTS
    },
    {
        key: "deliveryRetentionDays",
        apiName: "Delivery_Retention_Days__c",
        id: "delivery-retention-days",
        label: DELIVERY_RETENTION_DAYS
    },
    {
        key: "syncRetentionDays",
        apiName: "Sync_Retention_Days__c",
        id: "sync-retention-days",
        label: SYNC_RETENTION_DAYS
    },
    {
        key: "syncFirstRunWindowDays",
        apiName: "Sync_First_Run_Window_Days__c",
        id: "sync-first-run-window",
        label: SYNC_FIRST_RUN_WINDOW
    },
    {
        key: "heatingUpThreshold",
        apiName: "Heating_Up_Threshold__c",
        id: "heating-up-threshold",
        label: HEATING_UP_THRESHOLD
    }
];

/** The reliability settings as input text, keyed by form key; blank means "use the default". */
function reliabilityText(settings: DataRecord): Record<ReliabilityKey, string> {
    return Object.fromEntries(
        RELIABILITY_FIELDS.map((field) => [field.key, numberText(settings, field.apiName)])
    ) as Record<ReliabilityKey, string>;
}
/**
 * The guided setup: credential (link and connection test), defaults (dataset and identity types picked from the
 * choices Personalization offers, loaded on open, or typed; feature switches), field mappings (c-personalization-
 * mapping-editor, saved to custom metadata through a deployment, with its status), the nightly schedule with run now /
 * dry run, and permission-set guidance. Each step shows whether it is complete, or off while its switch is off.
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
        DATASET,
        CONTACT_IDENTITY,
        LEAD_IDENTITY,
        SYNC_ENABLED,
        LEAD_MATCHING,
        FLOW_ENABLED,
        IMPRESSIONS_ENABLED,
        IMPRESSIONS_HELP,
        RELIABILITY,
        RELIABILITY_HELP,
        SAVE_SETTINGS,
        CHECK_STATUS,
        SCHEDULE_ENABLED,
        SCHEDULE_TIME,
        SAVE_SCHEDULE,
        RUN_NOW,
        DRY_RUN,
        PERMISSION_HELP,
        OPEN_PERMISSION_SETS,
        LOADING,
        SCHEDULE_OFF_HELP,
        CHOICES_UNAVAILABLE,
        BACKEND,
        BACKEND_HELP,
        DC_POINTS,
        DC_SOURCE,
        DC_OBJECT,
        DC_DATA_SPACE
    };
    /** The backends McpSettings knows (Backend__c). */
    backendOptions: Option[] = [
        { label: BACKEND_MCP, value: BACKEND_VALUE_MCP },
        { label: BACKEND_DATA_CLOUD, value: BACKEND_VALUE_DATA_CLOUD }
    ];
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
        impressionsEnabled: false,
        backend: BACKEND_VALUE_MCP,
        dcPoints: "",
        dcSource: "",
        dcObject: "",
        dcDataSpace: "",
        // reliability settings as typed text: blank means "use the default"; the server checks the ranges
        ...reliabilityText({})
    };
    /** Saved mappings as the state lists them (the mapping editor edits them). */
    mappings: DataRecord[] = [];
    schedule = { enabled: false, time: "02:00" };
    /** The choices from Personalization could not be loaded (the pickers are typed). */
    choicesFailed = false;
    /** Pickers the admin switched to typing ("Type another …"), by settings key. */
    typed: Record<string, boolean> = {};

    override connectedCallback(): void {
        this.load();
    }

    /** Loads the state and, at the same time, the pickers' choices (no click needed; they are optional). */
    async load(): Promise<void> {
        this.loading = true;
        try {
            const [state] = await Promise.all([getSetupState(), this.loadChoicesQuietly()]);
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
            impressionsEnabled: readBoolean(settings, "Impressions_Enabled__c"),
            // blank or unknown is MCP, as McpSettings.getBackend reads it
            backend:
                readString(settings, "Backend__c")?.toUpperCase() === BACKEND_VALUE_DATA_CLOUD
                    ? BACKEND_VALUE_DATA_CLOUD
                    : BACKEND_VALUE_MCP,
            dcPoints: readString(settings, "Data_Cloud_Personalization_Points__c") ?? "",
            dcSource: readString(settings, "Data_Cloud_Ingestion_Source__c") ?? "",
            dcObject: readString(settings, "Data_Cloud_Ingestion_Object__c") ?? "",
            dcDataSpace: readString(settings, "Data_Cloud_Data_Space__c") ?? "",
            ...reliabilityText(settings)
        };
        this.mappings = asRecords(state.mappings);
        const schedule = isRecord(state.schedule) ? state.schedule : {};
        const hour = readNumber(schedule, "hour");
        const minute = readNumber(schedule, "minute");
        this.schedule = {
            enabled: readBoolean(schedule, "active"),
            time: hour === undefined || minute === undefined ? this.schedule.time : `${pad(hour)}:${pad(minute)}`
        };
    }

    /** Whether Data Cloud is chosen: its own settings are shown. */
    get isDataCloud(): boolean {
        return this.settings.backend === BACKEND_VALUE_DATA_CLOUD;
    }

    /** The Data Cloud settings' inputs: personalization points, ingestion source and object, data space. */
    get dataCloudInputs(): { field: string; id: string; label: string; value: string; sizeClass: string }[] {
        const column = (third: number): string => `slds-col slds-size_1-of-1 slds-medium-size_${third}-of-3`;
        return [
            {
                field: "dcPoints",
                id: "dc-points",
                label: this.labels.DC_POINTS,
                value: this.settings.dcPoints,
                sizeClass: column(2)
            },
            {
                field: "dcSource",
                id: "dc-source",
                label: this.labels.DC_SOURCE,
                value: this.settings.dcSource,
                sizeClass: column(1)
            },
            {
                field: "dcObject",
                id: "dc-object",
                label: this.labels.DC_OBJECT,
                value: this.settings.dcObject,
                sizeClass: column(1)
            },
            {
                field: "dcDataSpace",
                id: "dc-data-space",
                label: this.labels.DC_DATA_SPACE,
                value: this.settings.dcDataSpace,
                sizeClass: column(1)
            }
        ];
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
    /** Complete only when scheduled; "Off" while the sync is switched off (never "Complete" for a switched-off step). */
    get scheduleBadge(): { text: string; className: string } {
        if (this.scheduleOff) {
            return { text: STEP_OFF, className: "slds-badge slds-m-left_x-small" };
        }
        return this.badge("schedule");
    }

    /** The deployed settings switch the sync off and nothing is scheduled. */
    get scheduleOff(): boolean {
        return !this.stepDone("schedule") && this.state?.syncEnabled === false;
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
            min: this.bound(field.apiName, "minimum"),
            max: this.bound(field.apiName, "maximum"),
            value: this.settings[field.key]
        }));
    }

    /** A setting's bound from the setup state's settings list, as input text (blank: no bound known). */
    private bound(apiName: string, which: "minimum" | "maximum"): string {
        const field = asRecords(this.state?.fields).find((entry) => readString(entry, "name") === apiName);
        const value = field ? readNumber(field, which) : undefined;
        return value === undefined ? "" : String(value);
    }

    /** The Contact and Lead identity-type pickers: a combobox of MCP's identity types, or typed. */
    get identityPickers(): { key: string; label: string; value: string; picker: boolean }[] {
        return [
            { key: "contactIdentity", label: this.labels.CONTACT_IDENTITY, value: this.settings.contactIdentity },
            { key: "leadIdentity", label: this.labels.LEAD_IDENTITY, value: this.settings.leadIdentity }
        ].map((entry) => ({ ...entry, picker: this.showPicker(entry.key, entry.value, this.identityOptions) }));
    }

    get hasDatasetOptions(): boolean {
        return this.showPicker("dataset", this.settings.dataset, this.datasetOptions);
    }

    /** The dataset choices, with a way to type an ID the list does not have. */
    get datasetChoices(): Option[] {
        return [...this.datasetOptions, { label: TYPE_DATASET, value: TYPED }];
    }

    get identityChoices(): Option[] {
        return [...this.identityOptions, { label: TYPE_IDENTITY, value: TYPED }];
    }

    /** A picker shows while there are choices, the admin has not chosen to type, and its value is one of them. */
    private showPicker(key: string, value: string, options: Option[]): boolean {
        return (
            options.length > 0 &&
            this.typed[key] !== true &&
            (value === "" || options.some((option) => option.value === value))
        );
    }

    /** The next run in the user's time zone (the one the schedule's time of day is in), with the zone named. */
    get nextRunText(): string {
        const schedule = isRecord(this.state?.schedule) ? this.state.schedule : {};
        const next = formatDateTime(schedule.nextRun);
        return next ? formatLabel(NEXT_RUN, next) : "";
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
            const ok = readBoolean(answer, "ok");
            if (ok) {
                // the choices first: "Connected" shows once the fields it unlocks have stopped changing
                await this.loadChoices();
            }
            this.connectionOk = ok;
            this.connectionMessage = textOf(answer, "message");
        });
    }

    /** The choices, or typed pickers with a note when Personalization cannot answer (setup goes on). */
    private async loadChoicesQuietly(): Promise<void> {
        try {
            await this.loadChoices();
            this.choicesFailed = false;
        } catch {
            this.choicesFailed = true;
        }
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
        if (value === TYPED) {
            // "Type another …": the picker becomes a text input, focused
            this.typed = { ...this.typed, [field]: true };
            this.settings = { ...this.settings, [field]: "" };
            this.focusTyped = field;
            return;
        }
        this.settings = { ...this.settings, [field]: value };
        if (field === "dataset" && target.localName === "lightning-combobox") {
            // another dataset has other identity types and attributes
            this.loadChoicesQuietly().catch(() => undefined);
        }
    }

    private focusTyped: string | null = null;

    override renderedCallback(): void {
        if (this.focusTyped) {
            const field = this.focusTyped;
            this.focusTyped = null;
            this.template?.querySelector<HTMLElement>(`lightning-input[data-field="${field}"]`)?.focus();
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
                    Impressions_Enabled__c: this.settings.impressionsEnabled,
                    Backend__c: this.settings.backend,
                    Data_Cloud_Personalization_Points__c: this.settings.dcPoints.trim(),
                    Data_Cloud_Ingestion_Source__c: this.settings.dcSource.trim(),
                    Data_Cloud_Ingestion_Object__c: this.settings.dcObject.trim(),
                    Data_Cloud_Data_Space__c: this.settings.dcDataSpace.trim(),
                    ...Object.fromEntries(
                        RELIABILITY_FIELDS.map((field) => [field.apiName, this.settings[field.key].trim()])
                    )
                }
            });
            this.toast(DEPLOY_STARTED);
            await this.load();
        });
    }

    /** The mapping editor deployed the mappings: the state (deployment status, mappings step) is read again. */
    async handleMappingsSaved(): Promise<void> {
        this.toast(DEPLOY_STARTED);
        await this.load();
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
