import {
    MAX_RENDERED_ITEMS,
    boundedInteger,
    cleanShareUrl,
    formatLabel,
    safeHttpUrl,
    toDecisionItem,
    toDecisionResult,
    wasDelivered
} from "c/decisionUtils";

describe("c/decisionUtils", () => {
    it("keeps only absolute http and https URLs", () => {
        expect(safeHttpUrl("https://x.example.com/a?b=1")).toBe("https://x.example.com/a?b=1");
        expect(safeHttpUrl(" http://x.example.com ")).toBe("http://x.example.com/");
        expect(safeHttpUrl(["javascript", "alert(1)"].join(":"))).toBeUndefined();
        expect(safeHttpUrl("data:text/html,<script>")).toBeUndefined();
        expect(safeHttpUrl("/relative/path")).toBeUndefined();
        expect(safeHttpUrl("not a url")).toBeUndefined();
        expect(safeHttpUrl(42)).toBeUndefined();
    });

    it("narrows items and refuses those without key, id or name", () => {
        expect(toDecisionItem({ key: "k", itemId: "i", name: "N", rating: 7, currencyCode: "usd" })).toEqual(
            expect.objectContaining({ key: "k", itemType: "Product", rating: undefined, currencyCode: undefined })
        );
        expect(toDecisionItem({ key: "k", itemId: "i" })).toBeUndefined();
        expect(toDecisionItem({ key: "k", name: "N" })).toBeUndefined();
        expect(toDecisionItem([])).toBeUndefined();
        expect(toDecisionItem(null)).toBeUndefined();
    });

    it("narrows results, removes duplicates and caps the list", () => {
        const items = Array.from({ length: 50 }, (_, index) => ({
            key: `k${index % 30}`,
            itemId: `i${index}`,
            name: "N"
        }));
        expect(toDecisionResult({ items }, 100).items).toHaveLength(MAX_RENDERED_ITEMS);
        expect(toDecisionResult({ items }, 0).items).toHaveLength(1);
        expect(toDecisionResult("garbage", 3)).toEqual({
            items: [],
            controlGroup: false,
            showControlGroupHint: false,
            controlExperienceIds: [],
            sendImpressions: false,
            missingIdentityMessage: undefined
        });
        expect(toDecisionResult({ sendImpressions: "yes" }, 3).sendImpressions).toBe(false);
        expect(toDecisionResult({ sendImpressions: true }, 3).sendImpressions).toBe(true);
        expect(toDecisionResult({ controlExperienceIds: ["a", 1, null] }, 3).controlExperienceIds).toEqual(["a"]);
    });

    it("reads delivery from feedback results", () => {
        expect(wasDelivered({ sent: true })).toBe(true);
        expect(wasDelivered({ sent: false, disabled: true })).toBe(true);
        expect(wasDelivered({ sent: false })).toBe(false);
        expect(wasDelivered(undefined)).toBe(false);
    });

    it("formats labels and bounds integers", () => {
        expect(formatLabel("{0} hidden for {1} days, {2}", "Offer", 30)).toBe("Offer hidden for 30 days, {2}");
        expect(boundedInteger("7", 3, 1, 20)).toBe(7);
        expect(boundedInteger(99, 3, 1, 20)).toBe(20);
        expect(boundedInteger(undefined, 3, 1, 20)).toBe(3);
        expect(boundedInteger("x", 3, 1, 20)).toBe(3);
    });

    it("removes tracking parameters from shared links", () => {
        expect(cleanShareUrl("https://x.example.com/p?id=1&utm_medium=a&UTM_source=b&fbclid=c&mc_eid=d#top")).toBe(
            "https://x.example.com/p?id=1#top"
        );
        expect(cleanShareUrl("https://x.example.com/p")).toBe("https://x.example.com/p");
    });
});
