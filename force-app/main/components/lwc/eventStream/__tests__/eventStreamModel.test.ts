import {
    groupByVisit,
    matchesSearch,
    mergeNewer,
    toEventPage,
    VISIT_GAP_MS,
    type StreamEvent
} from "../eventStreamModel";

const event = (id: string, time: number, extra: Partial<StreamEvent> = {}): StreamEvent => ({
    id,
    time,
    action: "View Item",
    ...extra
});

describe("eventStreamModel", () => {
    it("names an event without a name by its item action or type, never blank", () => {
        const page = toEventPage({
            status: "OK",
            events: [
                { id: "a", eventTime: 3, action: "", itemAction: "View Item" },
                { id: "b", eventTime: 2, itemType: "Product" },
                { id: "c", eventTime: 1 }
            ],
            hasMore: false
        });
        expect(page.events.map((e) => e.action)).toEqual(["View Item", "Product", ""]);
    });

    it("narrows the answer and drops malformed events", () => {
        const page = toEventPage({
            status: "OK",
            events: [{ id: "a", eventTime: 2, action: "Homepage" }, { id: "b" }, "junk", { eventTime: 1 }],
            hasMore: "yes",
            nextBefore: "1"
        });
        expect(page.events).toEqual([expect.objectContaining({ id: "a", time: 2, action: "Homepage" })]);
        expect(page.hasMore).toBe(false);
        expect(page.nextBefore).toBeUndefined();
        expect(() => toEventPage({ status: "MAYBE" })).toThrow();
        expect(() => toEventPage(null)).toThrow();
    });

    it("uses the item action when the event has no name", () => {
        expect(
            toEventPage({ status: "OK", events: [{ id: "a", eventTime: 1, itemAction: "Purchase" }] }).events[0].action
        ).toBe("Purchase");
    });

    it("merges only events newer than the newest shown", () => {
        const current = [event("b", 20), event("a", 10)];
        const { events, added } = mergeNewer(current, [event("c", 30), event("b", 20), event("old", 5)]);
        expect(added.map((e) => e.id)).toEqual(["c"]);
        expect(events.map((e) => e.id)).toEqual(["c", "b", "a"]);
        expect(mergeNewer([], [event("x", 1)]).added).toHaveLength(1);
    });

    it("searches the visible text case-insensitively", () => {
        const e = event("a", 1, { itemName: "Ridge Tent", url: "https://x.example/p", campaignName: "Spring" });
        expect(matchesSearch(e, "  ridge ")).toBe(true);
        expect(matchesSearch(e, "SPRING")).toBe(true);
        expect(matchesSearch(e, "x.example")).toBe(true);
        expect(matchesSearch(e, "winter")).toBe(false);
        expect(matchesSearch(e, "")).toBe(true);
    });

    it("starts a new visit after a gap longer than 30 minutes", () => {
        const t = 1_000_000_000;
        const visits = groupByVisit([
            event("d", t),
            event("c", t - VISIT_GAP_MS),
            event("b", t - VISIT_GAP_MS - 1 - VISIT_GAP_MS),
            event("a", t - 10 * VISIT_GAP_MS)
        ]);
        expect(visits.map((visit) => visit.map((e) => e.id))).toEqual([["d", "c"], ["b"], ["a"]]);
        expect(groupByVisit([])).toEqual([]);
    });
});
