import { createElement } from "lwc";
import EventStreamItem, { type EventView } from "c/eventStreamItem";

type ItemElement = HTMLElement & { item?: EventView; now?: number };

const ITEM: EventView = {
    key: "e1",
    action: "View Item",
    time: 1795858000000,
    channelIcon: "utility:desktop",
    channelLabel: "Web",
    meta: "Web",
    url: "https://www.northtrail.example.com/p/p-1004",
    itemLine: "Ridge 2 Ultralight Tent · In stock (14)",
    isNew: true,
    rowClass: "event event_new"
};

function render(item?: EventView): ItemElement {
    const element = createElement("c-event-stream-item", { is: EventStreamItem }) as unknown as ItemElement;
    Object.assign(element, { item, now: 1795860000000 });
    document.body.appendChild(element);
    return element;
}

describe("c-event-stream-item", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the event with a New badge, a safe link and the item line", () => {
        const root = render(ITEM).shadowRoot!;
        expect(root.querySelector('[data-id="action"]')!.textContent).toBe("View Item");
        expect(root.querySelector('[data-id="new"]')).not.toBeNull();
        expect(root.querySelector("a")!.getAttribute("href")).toBe(ITEM.url);
        expect(root.querySelector('[data-id="item"]')!.textContent).toBe(ITEM.itemLine);
    });

    it("shows a URL that is not http or https as text", () => {
        const root = render({ ...ITEM, url: undefined, urlText: "data:text/html,<b>x</b>", isNew: false }).shadowRoot!;
        expect(root.querySelector("a")).toBeNull();
        expect(root.querySelector('[data-id="url-text"]')!.textContent).toBe("data:text/html,<b>x</b>");
        expect(root.querySelector('[data-id="new"]')).toBeNull();
    });

    it("renders nothing without an item", () => {
        expect(render(undefined).shadowRoot!.querySelector('[data-id="action"]')).toBeNull();
    });

    it("is accessible", async () => {
        await expect(render(ITEM)).toBeAccessible();
    });
});
