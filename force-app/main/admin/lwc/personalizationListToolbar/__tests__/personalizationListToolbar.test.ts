import { createElement } from "lwc";
import PersonalizationListToolbar from "c/personalizationListToolbar";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type ToolbarElement = HTMLElement & Record<string, unknown>;
type Control = HTMLElement & { disabled: boolean; label: string; value: string };

const OPTIONS = [
    { label: "Any", value: "" },
    { label: "Failed", value: "Failed" }
];

async function render(props: Record<string, unknown> = {}): Promise<ToolbarElement> {
    const element = createElement("c-personalization-list-toolbar", {
        is: PersonalizationListToolbar
    }) as unknown as ToolbarElement;
    Object.assign(element, { filterLabel: "Status", filterValue: "Failed", filterOptions: OPTIONS }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): Control =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`) as Control;

function listen(element: HTMLElement, names: string[]): { name: string; detail: unknown }[] {
    const heard: { name: string; detail: unknown }[] = [];
    for (const name of names) {
        element.addEventListener(name, (event) => heard.push({ name, detail: (event as CustomEvent).detail }));
    }
    return heard;
}

describe("c-personalization-list-toolbar", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
    });

    it("shows the filter under its own data-id, the search and the four actions", async () => {
        const element = await render({ filterId: "status", searchTerm: "case" });
        expect(byId(element, "status").label).toBe("Status");
        expect(byId(element, "status").value).toBe("Failed");
        expect(byId(element, "search").value).toBe("case");
        expect(byId(element, "reset")).toBeNull();
        for (const id of ["retry-selected", "retry-all", "dismiss-selected", "export"]) {
            expect(byId(element, id)).not.toBeNull();
        }
        expect(element.shadowRoot!.querySelector(".slds-medium-size_1-of-2")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("reports the filter change and each button as an action", async () => {
        const element = await render({ resetLabel: "All runs", resetId: "all-runs", columns: 3 });
        const heard = listen(element, ["filterchange", "action"]);
        byId(element, "filter").dispatchEvent(new CustomEvent("change", { detail: { value: "" } }));
        for (const id of ["all-runs", "retry-selected", "retry-all", "dismiss-selected", "export"]) {
            byId(element, id).click();
        }
        expect(heard).toEqual([
            { name: "filterchange", detail: { value: "" } },
            { name: "action", detail: { name: "reset" } },
            { name: "action", detail: { name: "retry-selected" } },
            { name: "action", detail: { name: "retry-all" } },
            { name: "action", detail: { name: "dismiss-selected" } },
            { name: "action", detail: { name: "export" } }
        ]);
        expect(element.shadowRoot!.querySelector(".slds-medium-size_1-of-3")).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("reports the search once typing stops, with the last text", async () => {
        const element = await render();
        const heard = listen(element, ["search"]);
        jest.useFakeTimers();
        const search = byId(element, "search");
        for (const text of ["c", "ca", "case"]) {
            search.value = text;
            search.dispatchEvent(new CustomEvent("change"));
            jest.advanceTimersByTime(100);
        }
        expect(heard).toEqual([]);
        jest.advanceTimersByTime(300);
        expect(heard).toEqual([{ name: "search", detail: { value: "case" } }]);
    });

    it("drops a pending search when it is removed", async () => {
        const element = await render();
        const heard = listen(element, ["search"]);
        jest.useFakeTimers();
        byId(element, "search").value = "case";
        byId(element, "search").dispatchEvent(new CustomEvent("change"));
        document.body.removeChild(element);
        jest.advanceTimersByTime(1000);
        expect(heard).toEqual([]);
    });

    it("disables the actions as told", async () => {
        const element = await render({ noSelection: true, retryAllDisabled: true, busy: true });
        expect(byId(element, "retry-selected").disabled).toBe(true);
        expect(byId(element, "dismiss-selected").disabled).toBe(true);
        expect(byId(element, "retry-all").disabled).toBe(true);
        expect(byId(element, "export").disabled).toBe(true);

        Object.assign(element, { noSelection: false, retryAllDisabled: false, busy: false });
        await flushPromises();
        for (const id of ["retry-selected", "dismiss-selected", "retry-all", "export"]) {
            expect(byId(element, id).disabled).toBe(false);
        }
    });
    it("disables Retry selected when nothing selected can be retried, and Export when there is nothing to export", async () => {
        const element = await render({ noRetrySelection: true, exportDisabled: true });
        expect(byId(element, "retry-selected").disabled).toBe(true);
        expect(byId(element, "dismiss-selected").disabled).toBe(false);
        expect(byId(element, "export").disabled).toBe(true);
        expect(byId(element, "retry-all").disabled).toBe(false);
    });
});
