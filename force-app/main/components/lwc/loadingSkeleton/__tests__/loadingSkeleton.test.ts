import { createElement } from "lwc";
import LoadingSkeleton from "c/loadingSkeleton";

type SkeletonElement = HTMLElement & { rows?: number | string };

function render(props: Partial<SkeletonElement>): SkeletonElement {
    const element = createElement("c-loading-skeleton", { is: LoadingSkeleton }) as unknown as SkeletonElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe("c-loading-skeleton", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the requested rows, hidden from screen readers, and announces loading once", () => {
        const element = render({ rows: 4 });
        const status = element.shadowRoot!.querySelector('[role="status"]')!;
        expect(status.textContent).toBe("c.Personalization_Insight_Loading");
        const rows = element.shadowRoot!.querySelectorAll(".skeleton__row");
        expect(rows).toHaveLength(4);
        rows.forEach((row) => expect(row.getAttribute("aria-hidden")).toBe("true"));
    });

    it.each([
        ["3", 3],
        [0, 3],
        [50, 10],
        ["nonsense", 3]
    ])("bounds the row count %p to %p", (rows, expected) => {
        const element = render({ rows: rows as number });
        expect(element.shadowRoot!.querySelectorAll(".skeleton__row")).toHaveLength(expected);
    });

    it("is accessible", async () => {
        await expect(render({})).toBeAccessible();
    });
});
