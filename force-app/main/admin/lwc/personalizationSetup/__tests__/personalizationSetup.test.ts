import { createElement } from "lwc";
import PersonalizationSetup from "c/personalizationSetup";
import getSetupState from "@salesforce/apex/PersonalizationSetupController.getSetupState";
import testConnection from "@salesforce/apex/PersonalizationSetupController.testConnection";
import getMcpOptions from "@salesforce/apex/PersonalizationSetupController.getMcpOptions";
import saveSettings from "@salesforce/apex/PersonalizationSetupController.saveSettings";
import saveSchedule from "@salesforce/apex/PersonalizationSetupController.saveSchedule";
import runSyncNow from "@salesforce/apex/PersonalizationSetupController.runSyncNow";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import STATE from "./data/getSetupState.json";
import OPTIONS from "./data/getMcpOptions.json";

jest.mock("@salesforce/apex/PersonalizationSetupController.getSetupState", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.testConnection", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.getMcpOptions", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.saveSettings", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.saveMappings", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.getObjectFields", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.saveSchedule", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationSetupController.runSyncNow", () => ({ default: jest.fn() }), {
    virtual: true
});

// labels with placeholders, so the tests see the values filled in
jest.mock("@salesforce/label/c.Personalization_Setup_Next_Run", () => ({ default: "Next run: {0}" }), {
    virtual: true
});
jest.mock(
    "@salesforce/label/c.Personalization_Setup_Admin_Holders",
    () => ({ default: "{0} users hold Personalization Admin." }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Setup_User_Holders",
    () => ({ default: "{0} users hold Personalization User." }),
    { virtual: true }
);

const stateMock = getSetupState as unknown as jest.Mock;
const connectionMock = testConnection as unknown as jest.Mock;
const optionsMock = getMcpOptions as unknown as jest.Mock;
const settingsMock = saveSettings as unknown as jest.Mock;
const scheduleMock = saveSchedule as unknown as jest.Mock;
const runMock = runSyncNow as unknown as jest.Mock;

async function render(): Promise<HTMLElement> {
    const element = createElement("c-personalization-setup", { is: PersonalizationSetup });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`);
const query = (element: HTMLElement, selector: string): HTMLElement | null =>
    element.shadowRoot!.querySelector(selector);

function change(target: HTMLElement, value: string | boolean): void {
    if (typeof value === "boolean") {
        (target as HTMLInputElement).checked = value;
        target.dispatchEvent(new CustomEvent("change", { detail: { checked: value } }));
    } else {
        (target as HTMLInputElement).value = value;
        target.dispatchEvent(new CustomEvent("change", { detail: { value } }));
    }
}

describe("c-personalization-setup", () => {
    beforeEach(() => {
        stateMock.mockResolvedValue(STATE);
        optionsMock.mockResolvedValue(OPTIONS);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("shows each step with its completion, the failed deployment and safe Setup links", async () => {
        const element = await render();
        expect(byId(element, "badge-credential")!.textContent).toBe("c.Personalization_Setup_Step_Complete");
        expect(byId(element, "badge-schedule")!.textContent).toBe("c.Personalization_Setup_Step_Incomplete");
        expect(byId(element, "schedule-off")).toBeNull();
        expect(byId(element, "deployment")!.textContent).toBe("c.Personalization_Setup_Deployment_Status");
        const editor = query(element, "c-personalization-mapping-editor") as HTMLElement & { mappings: unknown[] };
        expect(editor.mappings).toHaveLength(1);
        const link = byId(element, "credentials-link") as HTMLAnchorElement;
        expect(new URL(link.href).protocol).toMatch(/^https?:$/);
        expect(link.href).toContain("/lightning/setup/NamedCredential/home");
        await expect(element).toBeAccessible();
    });

    it("loads the pickers' choices on open, with no click, and offers them as comboboxes", async () => {
        const element = await render();
        expect(optionsMock).toHaveBeenCalledTimes(1);
        expect(optionsMock).toHaveBeenCalledWith({ dataset: "" });
        expect(byId(element, "load-choices")).toBeNull();
        const dataset = byId(element, "dataset") as HTMLElement & { options: { value: string }[] };
        expect(dataset.tagName.toLowerCase()).toBe("lightning-combobox");
        expect(dataset.options.map((option) => option.value)).toEqual(["engage", "b2b", "__typed__"]);
        const contact = query(element, 'lightning-combobox[data-field="contactIdentity"]') as HTMLElement & {
            value: string;
        };
        expect(contact.value).toBe("emailAddress");
        const editor = query(element, "c-personalization-mapping-editor") as HTMLElement & {
            attributeOptions: { value: string }[];
        };
        expect(editor.attributeOptions.map((option) => option.value)).toEqual(["title", "loyaltyTier"]);
        await expect(element).toBeAccessible();
    });

    it("lets the admin type a value the list does not have, focusing the new input", async () => {
        const focus = jest.spyOn(HTMLElement.prototype, "focus");
        const element = await render();
        change(query(element, 'lightning-combobox[data-field="leadIdentity"]')!, "__typed__");
        await flushPromises();
        const typed = query(element, 'lightning-input[data-field="leadIdentity"]') as HTMLInputElement;
        expect(typed).not.toBeNull();
        expect(typed.value).toBe("");
        expect(focus.mock.contexts).toContain(typed);
        change(typed, "sfdcLeadId");
        await flushPromises();
        expect((query(element, 'lightning-input[data-field="leadIdentity"]') as HTMLInputElement).value).toBe(
            "sfdcLeadId"
        );
        focus.mockRestore();
    });

    it("reloads the identity types and attributes when another dataset is picked", async () => {
        const element = await render();
        change(byId(element, "dataset")!, "b2b");
        await flushPromises();
        expect(optionsMock).toHaveBeenLastCalledWith({ dataset: "b2b" });
    });

    it("falls back to typed pickers with a note when the choices cannot load", async () => {
        optionsMock.mockRejectedValue({ body: { message: "Personalization did not answer." } });
        const element = await render();
        expect(byId(element, "error")).toBeNull();
        expect(byId(element, "choices-unavailable")!.textContent).toBe("c.Personalization_Setup_Choices_Unavailable");
        expect(byId(element, "dataset")!.tagName.toLowerCase()).toBe("lightning-input");
        expect((byId(element, "dataset") as HTMLInputElement).value).toBe("engage");
        await expect(element).toBeAccessible();
    });

    it("types the values where Personalization offers no choices (its documented surface)", async () => {
        optionsMock.mockResolvedValue({ datasets: [], identityTypes: [], userAttributes: [] });
        const element = await render();
        expect(byId(element, "dataset")!.tagName.toLowerCase()).toBe("lightning-input");
        expect(query(element, 'lightning-input[data-field="contactIdentity"]')).not.toBeNull();
        expect(byId(element, "choices-unavailable")).toBeNull();
    });

    it("tests the connection and reloads the choices", async () => {
        connectionMock.mockResolvedValue({ ok: true, message: "Connected. 2 datasets are readable.", datasetCount: 2 });
        const element = await render();
        byId(element, "test-connection")!.click();
        await flushPromises();
        expect(byId(element, "connection")!.textContent).toBe("Connected. 2 datasets are readable.");
        expect(optionsMock).toHaveBeenLastCalledWith({ dataset: "engage" });
        expect(optionsMock).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it("says Connected only once the choices the connection unlocks have loaded", async () => {
        connectionMock.mockResolvedValue({ ok: true, message: "Connected. 1 dataset is readable.", datasetCount: 1 });
        optionsMock.mockResolvedValueOnce({ datasets: [], identityTypes: [], userAttributes: [] });
        const element = await render();
        expect(query(element, 'lightning-input[data-field="contactIdentity"]')).not.toBeNull();
        let answer: (value: unknown) => void = () => undefined;
        optionsMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
        byId(element, "test-connection")!.click();
        await flushPromises();
        expect(byId(element, "connection")!.textContent).toBe("");
        answer({
            datasets: [],
            identityTypes: [{ value: "emailAddress", label: "Email Address" }],
            userAttributes: []
        });
        await flushPromises();
        expect(byId(element, "connection")!.textContent).toBe("Connected. 1 dataset is readable.");
        // the field the admin fills next is already the picker it stays
        expect(query(element, 'lightning-combobox[data-field="contactIdentity"]')).not.toBeNull();
    });

    it("shows the schedule step as off, not complete, while the sync is switched off", async () => {
        stateMock.mockResolvedValue({
            ...STATE,
            syncEnabled: false,
            schedule: { active: false },
            steps: { ...STATE.steps, schedule: false }
        });
        const element = await render();
        expect(byId(element, "badge-schedule")!.textContent).toBe("c.Personalization_Setup_Step_Off");
        expect(byId(element, "schedule-off")!.textContent).toBe("c.Personalization_Setup_Schedule_Off_Help");
        await expect(element).toBeAccessible();
    });

    it("reloads the state when the mapping editor has saved", async () => {
        const element = await render();
        const toast = jest.fn();
        element.addEventListener("lightning__showtoast", toast);
        query(element, "c-personalization-mapping-editor")!.dispatchEvent(
            new CustomEvent("saved", { detail: { deploymentId: "0Af5g00000AbCdECAV" } })
        );
        await flushPromises();
        expect(toast).toHaveBeenCalledTimes(1);
        expect(stateMock).toHaveBeenCalledTimes(2);
    });

    it("shows a rejected connection without loading pickers", async () => {
        connectionMock.mockResolvedValue({ ok: false, message: "Personalization rejected the credential." });
        const element = await render();
        byId(element, "test-connection")!.click();
        await flushPromises();
        expect(byId(element, "connection")!.className).toContain("slds-text-color_error");
        // only the load on open asked for choices
        expect(optionsMock).toHaveBeenCalledTimes(1);
    });

    it("saves the settings through a deployment and reloads the state", async () => {
        settingsMock.mockResolvedValue("0Af5g00000AbCdECAV");
        const element = await render();
        change(byId(element, "dataset")!, "b2b");
        await flushPromises();
        change(byId(element, "sync-enabled")!, false);
        change(byId(element, "impressions-enabled")!, true);
        byId(element, "save-settings")!.click();
        await flushPromises();
        expect(settingsMock).toHaveBeenCalledWith({
            changes: {
                Default_Dataset__c: "b2b",
                Contact_Identity_Type__c: "emailAddress",
                Lead_Identity_Type__c: "",
                Sync_Enabled__c: false,
                Lead_Matching_Enabled__c: false,
                Flow_Action_Enabled__c: true,
                Impressions_Enabled__c: true,
                Backend__c: "MCP",
                Data_Cloud_Personalization_Points__c: "",
                Data_Cloud_Ingestion_Source__c: "",
                Data_Cloud_Ingestion_Object__c: "",
                Data_Cloud_Data_Space__c: "",
                Delivery_Max_Attempts__c: "5",
                Delivery_Retention_Days__c: "7",
                Sync_Retention_Days__c: "90",
                Sync_First_Run_Window_Days__c: "",
                Heating_Up_Threshold__c: "15"
            }
        });
        expect(stateMock).toHaveBeenCalledTimes(2);
    });

    it("switches the backend to Data Cloud with one setting and saves its points and ingestion object", async () => {
        settingsMock.mockResolvedValue("0Af5g00000AbCdECAV");
        const element = await render();
        expect(byId(element, "dc-points")).toBeNull();
        change(byId(element, "backend")!, "DATA_CLOUD");
        await flushPromises();
        change(byId(element, "dc-points")!, "promos,recs");
        change(byId(element, "dc-source")!, "Personalization_Connector");
        change(byId(element, "dc-object")!, "personalization_interaction");
        await flushPromises();
        await expect(element).toBeAccessible();
        byId(element, "save-settings")!.click();
        await flushPromises();
        const changes = (settingsMock.mock.calls[0][0] as { changes: Record<string, unknown> }).changes;
        expect(changes).toMatchObject({
            Backend__c: "DATA_CLOUD",
            Data_Cloud_Personalization_Points__c: "promos,recs",
            Data_Cloud_Ingestion_Source__c: "Personalization_Connector",
            Data_Cloud_Ingestion_Object__c: "personalization_interaction",
            Data_Cloud_Data_Space__c: ""
        });
    });

    it("shows a saved Data Cloud backend with its settings", async () => {
        stateMock.mockResolvedValue({
            ...STATE,
            settings: {
                ...(STATE as { settings: Record<string, unknown> }).settings,
                Backend__c: "data_cloud",
                Data_Cloud_Personalization_Points__c: "promos"
            }
        });
        const element = await render();
        expect((byId(element, "backend") as HTMLInputElement).value).toBe("DATA_CLOUD");
        expect((byId(element, "dc-points") as HTMLInputElement).value).toBe("promos");
    });

    it("takes each reliability input's range from the package's settings list, none when it is missing", async () => {
        stateMock.mockResolvedValue({
            ...STATE,
            fields: [{ name: "Delivery_Max_Attempts__c", kind: "Number", minimum: 2, maximum: 9, editable: true }]
        });
        const element = await render();
        const attempts = byId(element, "delivery-max-attempts") as HTMLInputElement & { min: string; max: string };
        expect([attempts.min, attempts.max]).toEqual(["2", "9"]);
        const retention = byId(element, "delivery-retention-days") as HTMLInputElement & { min: string; max: string };
        expect([retention.min, retention.max]).toEqual(["", ""]);
        await expect(element).toBeAccessible();
    });

    it("edits the reliability settings as whole numbers within their ranges, blank for the default", async () => {
        settingsMock.mockResolvedValue("0Af5g00000AbCdECAV");
        const element = await render();
        const attempts = byId(element, "delivery-max-attempts") as HTMLInputElement & { min: string; max: string };
        expect(attempts.value).toBe("5");
        expect([attempts.min, attempts.max]).toEqual(["1", "20"]);
        expect((byId(element, "sync-first-run-window") as HTMLInputElement).value).toBe("");
        change(attempts, "2");
        change(byId(element, "delivery-retention-days")!, " 1 ");
        change(byId(element, "sync-first-run-window")!, "30");
        change(byId(element, "heating-up-threshold")!, "");
        await flushPromises();
        byId(element, "save-settings")!.click();
        await flushPromises();
        const changes = (settingsMock.mock.calls[0][0] as { changes: Record<string, unknown> }).changes;
        expect(changes).toMatchObject({
            Delivery_Max_Attempts__c: "2",
            Delivery_Retention_Days__c: "1",
            Sync_Retention_Days__c: "90",
            Sync_First_Run_Window_Days__c: "30",
            Heating_Up_Threshold__c: ""
        });
        await expect(element).toBeAccessible();
    });

    it("renders the five reliability inputs in order, each labelled, whole-number and ranged", async () => {
        const element = await render();
        const inputs = Array.from(
            element.shadowRoot!.querySelectorAll('[data-id="reliability"] lightning-input')
        ) as (HTMLElement & { label: string; type: string; min: string; max: string; step: string })[];
        expect(inputs.map((input) => [input.dataset.id, input.label, input.min, input.max])).toEqual([
            ["delivery-max-attempts", "c.Personalization_Setup_Delivery_Max_Attempts", "1", "20"],
            ["delivery-retention-days", "c.Personalization_Setup_Delivery_Retention_Days", "1", "365"],
            ["sync-retention-days", "c.Personalization_Setup_Sync_Retention_Days", "1", "3650"],
            ["sync-first-run-window", "c.Personalization_Setup_Sync_First_Run_Window", "1", "3650"],
            ["heating-up-threshold", "c.Personalization_Setup_Heating_Up_Threshold", "1", "100"]
        ]);
        expect(inputs.every((input) => input.type === "number" && input.step === "1")).toBe(true);
        expect(inputs.map((input) => input.dataset.field)).toEqual([
            "deliveryMaxAttempts",
            "deliveryRetentionDays",
            "syncRetentionDays",
            "syncFirstRunWindowDays",
            "heatingUpThreshold"
        ]);
    });

    it("shows the server's refusal of an out-of-range value", async () => {
        settingsMock.mockRejectedValue({
            body: { message: "Delivery_Max_Attempts__c must be a whole number from 1 to 20." }
        });
        const element = await render();
        change(byId(element, "delivery-max-attempts")!, "50");
        await flushPromises();
        byId(element, "save-settings")!.click();
        await flushPromises();
        expect(byId(element, "error")).not.toBeNull();
        // the typed value stays for the admin to correct; nothing reloaded
        expect((byId(element, "delivery-max-attempts") as HTMLInputElement).value).toBe("50");
        expect(stateMock).toHaveBeenCalledTimes(1);
    });

    it("saves the schedule and starts a dry run", async () => {
        scheduleMock.mockResolvedValue({ active: true, hour: 3, minute: 15 });
        runMock.mockResolvedValue("a0C000000000003AAA");
        const element = await render();
        const toast = jest.fn();
        element.addEventListener("lightning__showtoast", toast);
        change(byId(element, "schedule-time")!, "03:15");
        byId(element, "save-schedule")!.click();
        await flushPromises();
        expect(scheduleMock).toHaveBeenCalledWith({ enabled: true, hour: 3, minute: 15 });
        byId(element, "dry-run")!.click();
        await flushPromises();
        expect(runMock).toHaveBeenCalledWith({ dryRun: true });
        expect(toast).toHaveBeenCalledTimes(1);
    });

    it("shows the next run in the user's time zone, with the zone named", async () => {
        stateMock.mockResolvedValue({
            ...STATE,
            schedule: { active: true, hour: 2, minute: 0, nextRun: "2026-11-30T10:00:00.000Z" }
        });
        const element = await render();
        // the user's time zone is America/Los_Angeles: 10:00 UTC is the configured 2:00 AM there
        // the console's one date-and-time format
        expect(byId(element, "next-run")!.textContent).toBe("Next run: Nov 30, 2026, 2:00 AM PST");
    });

    it("says how many users hold each permission set, singular and plural", async () => {
        const element = await render();
        expect(byId(element, "permission-counts")!.textContent).toBe(
            "c.Personalization_Setup_Admin_Holders_One 12 users hold Personalization User."
        );
        stateMock.mockResolvedValue({ ...STATE, adminUsers: 0, standardUsers: 1 });
        byId(element, "check-status")!.click();
        await flushPromises();
        expect(byId(element, "permission-counts")!.textContent).toBe(
            "0 users hold Personalization Admin. c.Personalization_Setup_User_Holders_One"
        );
    });

    it("marks the credential step complete once the connection test passes", async () => {
        stateMock.mockResolvedValue({ ...STATE, steps: { ...STATE.steps, credential: false } });
        connectionMock.mockResolvedValue({ ok: true, message: "Connected: 3 datasets", datasetCount: 3 });
        const element = await render();
        expect(byId(element, "badge-credential")!.textContent).toBe("c.Personalization_Setup_Step_Incomplete");
        byId(element, "test-connection")!.click();
        await flushPromises();
        expect(byId(element, "badge-credential")!.textContent).toBe("c.Personalization_Setup_Step_Complete");
    });

    it("shows the refusal of a run while the pre-flight check fails", async () => {
        runMock.mockRejectedValue({
            body: { message: "Personalization is not ready: the pre-flight check fails (CREDENTIAL)." }
        });
        const element = await render();
        byId(element, "run-now")!.click();
        await flushPromises();
        expect(runMock).toHaveBeenCalledWith({ dryRun: false });
        expect(byId(element, "error")).not.toBeNull();
    });

    it("shows a clear error when the state cannot load", async () => {
        stateMock.mockRejectedValue({ body: { message: "You need the Personalization Admin permission set" } });
        const element = await render();
        expect(byId(element, "error")).not.toBeNull();
        expect(byId(element, "step-credential")).toBeNull();
        await expect(element).toBeAccessible();
    });
});
