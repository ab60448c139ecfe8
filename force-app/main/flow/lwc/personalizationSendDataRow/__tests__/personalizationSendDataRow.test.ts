import { createElement } from "lwc";
import PersonalizationSendDataRow from "c/personalizationSendDataRow";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type RowElement = HTMLElement & Record<string, unknown>;
type Combobox = HTMLElement & { label: string; value: string; options: { label: string; value: string }[] };
type Input = HTMLElement & { label: string; value: string; fieldLevelHelp: string };
type ButtonIcon = HTMLElement & { alternativeText: string; title: string; iconName: string };

const OPTIONS = [
    { label: "Email Address", value: "emailAddress" },
    { label: "Contact Id", value: "sfdcContactId" }
];

/** A row as the editor places it (labels are the editor's Custom Labels, here their test values). */
async function render(props: Record<string, unknown> = {}): Promise<RowElement> {
    const element = createElement("c-personalization-send-data-row", {
        is: PersonalizationSendDataRow
    }) as unknown as RowElement;
    Object.assign(
        element,
        {
            attributeLabel: "Identity type",
            options: OPTIONS,
            attribute: "emailAddress",
            valueLabel: "Value",
            valueHelp: "A literal or a {!reference}",
            value: "{!$Record.Email}",
            removeLabel: "Remove emailAddress 1"
        },
        props
    );
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const control = <T extends HTMLElement>(element: HTMLElement, id: string): T =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`) as T;

function listen(element: HTMLElement, names: string[]): { name: string; detail: unknown; event: Event }[] {
    const heard: { name: string; detail: unknown; event: Event }[] = [];
    for (const name of names) {
        element.addEventListener(name, (event) => heard.push({ name, detail: (event as CustomEvent).detail, event }));
    }
    return heard;
}

describe("c-personalization-send-data-row", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the picker, the value box and the remove button with the labels it is given", async () => {
        const element = await render();

        const picker = control<Combobox>(element, "attribute");
        expect(picker.label).toBe("Identity type");
        expect(picker.options).toEqual(OPTIONS);
        expect(picker.value).toBe("emailAddress");
        const input = control<Input>(element, "value");
        expect(input.label).toBe("Value");
        expect(input.fieldLevelHelp).toBe("A literal or a {!reference}");
        expect(input.value).toBe("{!$Record.Email}");
        const remove = control<ButtonIcon>(element, "remove");
        expect(remove.iconName).toBe("utility:delete");
        expect(remove.alternativeText).toBe("Remove emailAddress 1");
        expect(remove.title).toBe("Remove emailAddress 1");
    });

    it("shows a new row empty and follows the values it is given", async () => {
        const element = await render({ attribute: "", value: "", options: [] });
        expect(control<Combobox>(element, "attribute").value).toBe("");
        expect(control<Combobox>(element, "attribute").options).toEqual([]);
        expect(control<Input>(element, "value").value).toBe("");

        element.attribute = "sfdcContactId";
        element.value = "{!$Record.Id}";
        element.attributeLabel = "Attribute";
        await flushPromises();
        expect(control<Combobox>(element, "attribute").value).toBe("sfdcContactId");
        expect(control<Combobox>(element, "attribute").label).toBe("Attribute");
        expect(control<Input>(element, "value").value).toBe("{!$Record.Id}");
    });

    it("reports the picked name, the typed value and remove, none of them bubbling", async () => {
        const element = await render();
        const heard = listen(element, ["attributechange", "valuechange", "remove"]);
        const outside: string[] = [];
        for (const name of ["attributechange", "valuechange", "remove"]) {
            document.body.addEventListener(name, () => outside.push(name));
        }

        control(element, "attribute").dispatchEvent(new CustomEvent("change", { detail: { value: "sfdcContactId" } }));
        control(element, "value").dispatchEvent(new CustomEvent("change", { detail: { value: "{!$Record.Id}" } }));
        control(element, "remove").click();

        expect(heard.map(({ name, detail }) => ({ name, detail }))).toEqual([
            { name: "attributechange", detail: { value: "sfdcContactId" } },
            { name: "valuechange", detail: { value: "{!$Record.Id}" } },
            { name: "remove", detail: null }
        ]);
        for (const { event } of heard) {
            expect(event.bubbles).toBe(false);
            expect(event.composed).toBe(false);
        }
        expect(outside).toEqual([]);
    });

    it("reports a cleared value as an empty string", async () => {
        const element = await render();
        const heard = listen(element, ["valuechange"]);
        control(element, "value").dispatchEvent(new CustomEvent("change", { detail: {} }));
        expect(heard.map(({ detail }) => detail)).toEqual([{ value: "" }]);
    });

    it("is accessible", async () => {
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it("is accessible when empty", async () => {
        const element = await render({ attribute: "", value: "", options: [] });
        await expect(element).toBeAccessible();
    });
    it("offers only the known names unless names may be typed", async () => {
        const element = await render();
        expect(control<Combobox>(element, "attribute").options).toEqual(OPTIONS);
        expect(control(element, "attribute-typed")).toBeNull();
    });

    it("lets the admin type a name MCP does not list (documented surfaces)", async () => {
        const element = await render({ allowTyped: true });
        const picker = control<Combobox>(element, "attribute");
        expect(picker.options.map((o) => o.value)).toEqual(["emailAddress", "sfdcContactId", "__type another__"]);
        const heard = listen(element, ["attributechange"]);

        picker.dispatchEvent(new CustomEvent("change", { detail: { value: "__type another__" } }));
        await flushPromises();
        const typed = control<Input>(element, "attribute-typed");
        expect(typed).not.toBeNull();
        expect(typed.label).toBe("Identity type");
        expect(typed.fieldLevelHelp).toBe("c.Personalization_Flow_Editor_Typed_Help");
        typed.dispatchEvent(new CustomEvent("change", { detail: { value: "loyaltyNumber" } }));

        expect(heard.map(({ detail }) => detail)).toEqual([{ value: "" }, { value: "loyaltyNumber" }]);
        await expect(element).toBeAccessible();
    });

    it("shows a typed name as text, and a text box when nothing is known", async () => {
        const typedBefore = await render({ allowTyped: true, attribute: "loyaltyNumber" });
        expect(control<Input>(typedBefore, "attribute-typed").value).toBe("loyaltyNumber");
        const nothingKnown = await render({ allowTyped: true, attribute: "", options: [] });
        expect(control(nothingKnown, "attribute-typed")).not.toBeNull();
        expect(control(nothingKnown, "attribute")).toBeNull();
    });
});
