import { createElement } from "lwc";
import PersonalizationConsole from "c/personalizationConsole";

// the platform resolves a custom permission once, at import: one test file per answer
jest.mock("@salesforce/customPermission/Personalization_Admin_Console", () => ({ __esModule: true, default: true }), {
    virtual: true
});

// the tabs' own components are tested on their own; here they only need to exist
function mockEmptyComponent(): { __esModule: boolean; default: unknown } {
    const { LightningElement } = require("lwc") as typeof import("lwc");
    return { __esModule: true, default: class extends LightningElement {} };
}

jest.mock("c/personalizationSetup", () => mockEmptyComponent());
jest.mock("c/personalizationPreflight", () => mockEmptyComponent());
jest.mock("c/personalizationSyncHealth", () => mockEmptyComponent());
jest.mock("c/personalizationDeliveryLog", () => mockEmptyComponent());
jest.mock("c/personalizationMonitor", () => mockEmptyComponent());

function render(): HTMLElement {
    const element = createElement("c-personalization-console", { is: PersonalizationConsole });
    document.body.appendChild(element);
    return element;
}

describe("c-personalization-console (granted)", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the console tabs to admins", async () => {
        const element = render();
        expect(element.shadowRoot!.querySelector("lightning-tabset")).not.toBeNull();
        expect(element.shadowRoot!.querySelector('[data-id="no-access"]')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
