import { createElement } from "lwc";
import PersonalizationSelectableTable from "c/personalizationSelectableTable";
import { flushPromises } from "../../../../../test/utils/flushPromises";

type TableElement = HTMLElement & Record<string, unknown>;

const COLUMNS = [
    { key: "name", label: "Delivery" },
    { key: "message", label: "Message" }
];
const ROWS = [
    {
        key: "a1",
        id: "a1",
        selected: false,
        selectLabel: "Select PD-1",
        cells: [
            { key: "name", value: "PD-1", rowHeader: true, cellClass: "" },
            { key: "message", value: "<b>Read timed out</b>", rowHeader: false, cellClass: "slds-cell-wrap" }
        ]
    },
    {
        key: "a2",
        id: "a2",
        selected: true,
        selectLabel: "Select PD-2",
        cells: [
            { key: "name", value: "PD-2", rowHeader: true, cellClass: "" },
            { key: "message", value: "", rowHeader: false, cellClass: "slds-cell-wrap" }
        ]
    }
];

async function render(props: Record<string, unknown> = {}): Promise<TableElement> {
    const element = createElement("c-personalization-selectable-table", {
        is: PersonalizationSelectableTable
    }) as unknown as TableElement;
    Object.assign(
        element,
        { columns: COLUMNS, rows: ROWS, selectColumnLabel: "Retry selected", tableId: "deliveries", rowId: "delivery" },
        props
    );
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const all = (element: HTMLElement, selector: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(selector));

describe("c-personalization-selectable-table", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("renders the headers, a checkbox per row and the cells as text", async () => {
        const element = await render();
        expect(all(element, '[data-id="deliveries"]')).toHaveLength(1);
        expect(all(element, "thead th").map((th) => th.textContent)).toEqual(["Retry selected", "Delivery", "Message"]);
        expect(all(element, '[data-id="delivery"]')).toHaveLength(2);
        expect(all(element, 'tbody th[scope="row"]').map((th) => th.textContent)).toEqual(["PD-1", "PD-2"]);
        const message = all(element, "tbody td.slds-cell-wrap")[0];
        expect(message.textContent).toBe("<b>Read timed out</b>");
        expect(message.querySelector("b")).toBeNull();
        const boxes = all(element, "lightning-input[data-row-id]") as (HTMLElement & Record<string, unknown>)[];
        expect(boxes.map((box) => [box.label, box.checked])).toEqual([
            ["Select PD-1", false],
            ["Select PD-2", true]
        ]);
        await expect(element).toBeAccessible();
    });

    it("reports each checkbox change with the row id", async () => {
        const element = await render();
        const selected: unknown[] = [];
        element.addEventListener("select", (event) => selected.push((event as CustomEvent).detail));
        const boxes = all(element, "lightning-input[data-row-id]") as (HTMLElement & { checked: boolean })[];
        boxes[0].checked = true;
        boxes[0].dispatchEvent(new CustomEvent("change"));
        boxes[1].checked = false;
        boxes[1].dispatchEvent(new CustomEvent("change"));
        expect(selected).toEqual([
            { id: "a1", checked: true },
            { id: "a2", checked: false }
        ]);
    });

    it("renders an empty body without rows", async () => {
        const element = await render({ rows: [] });
        expect(all(element, "tbody tr")).toHaveLength(0);
        expect(all(element, "thead th")).toHaveLength(3);
    });
    it("links a cell to an http(s) address only, with a second line, and keeps its columns' widths", async () => {
        const element = await render({
            fixedLayout: true,
            columns: [
                { key: "record", label: "Record", width: "30%" },
                { key: "problem", label: "Problem" }
            ],
            rows: [
                {
                    key: "f1",
                    id: "f1",
                    selected: false,
                    selectLabel: "Select Jane Doe",
                    cells: [
                        {
                            key: "record",
                            value: "Jane Doe",
                            rowHeader: true,
                            url: "https://example.com/r/1",
                            detail: "Contact"
                        },
                        {
                            key: "problem",
                            value: "Refused",
                            url: ["javascript", "alert(1)"].join(":"),
                            detail: "Code DML_ERROR"
                        }
                    ]
                }
            ]
        });
        const root = element.shadowRoot!;
        expect(root.querySelector("table")!.className).toContain("slds-table_fixed-layout");
        expect((root.querySelectorAll("thead th")[1] as HTMLElement).style.width).toBe("30%");
        const links = Array.from(root.querySelectorAll('[data-id="cell-link"]')) as HTMLAnchorElement[];
        expect(links).toHaveLength(1);
        expect(links[0].href).toBe("https://example.com/r/1");
        expect(links[0].textContent).toBe("Jane Doe");
        const cells = root.querySelectorAll("tbody th, tbody td");
        expect(cells[1].textContent).toContain("Contact");
        expect(cells[2].textContent).toBe("RefusedCode DML_ERROR");
        await expect(element).toBeAccessible();
    });
});
