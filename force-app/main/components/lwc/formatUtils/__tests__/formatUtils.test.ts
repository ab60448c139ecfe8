import {
    formatExactTime,
    formatLabel,
    formatNumber,
    formatRelativeTime,
    safeHttpUrl,
    formatCurrency
} from "c/formatUtils";

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe("c/formatUtils", () => {
    it("fills label placeholders as text and keeps unknown ones", () => {
        expect(formatLabel("{0} of {1}", 3, "<b>7</b>")).toBe("3 of <b>7</b>");
        expect(formatLabel("Mostly {0}, {2}", "tents")).toBe("Mostly tents, {2}");
    });

    it.each([
        [NOW - 20_000, "c.Personalization_Insight_Just_Now"],
        [NOW - 5 * 60_000, "5 minutes ago"],
        [NOW - 3 * 3_600_000, "3 hours ago"],
        [NOW - 26 * 3_600_000, "yesterday"],
        [NOW - 10 * 86_400_000, "10 days ago"],
        [NOW - 65 * 86_400_000, "2 months ago"],
        [NOW - 800 * 86_400_000, "2 years ago"],
        [NOW + 2 * 3_600_000, "in 2 hours"]
    ])("formats %p relative to now as %p", (time, expected) => {
        expect(formatRelativeTime(time, NOW, "en-US")).toBe(expected);
    });

    it("formats the exact time in the given locale and time zone", () => {
        expect(formatExactTime(NOW, "en-US", "UTC")).toBe("Nov 28, 2026, 12:00:00 PM UTC");
        expect(formatExactTime(NOW, "de-DE", "Europe/Berlin")).toContain("13:00:00");
    });

    it("defaults to the user locale and time zone", () => {
        // Jest stands in en-US and America/Los_Angeles for @salesforce/i18n
        expect(formatExactTime(NOW)).toContain("4:00:00 AM PST");
        expect(formatNumber(1234.5, 1)).toBe("1,234.5");
    });

    it("formats money in the user's currency or a given one, and a bad code as a number", () => {
        expect(formatCurrency(1234.5, undefined, "en-US")).toBe("$1,234.50");
        expect(formatCurrency(1234.5, "eur", "de-DE")).toBe("1.234,50\u00a0€");
        expect(formatCurrency(12, "not-a-code", "en-US")).toBe("$12.00");
    });

    it("formats numbers in the locale", () => {
        expect(formatNumber(1234.567, 2, "de-DE")).toBe("1.234,57");
        expect(formatNumber(9)).toBe("9");
    });

    it.each([
        ["https://www.northtrail.example.com/p/p-1004", "https://www.northtrail.example.com/p/p-1004"],
        ["http://example.com", "http://example.com/"],
        ["  https://example.com/a b ", "https://example.com/a%20b"],
        // eslint-disable-next-line no-script-url -- the unsafe URL under test
        ["javascript:alert(1)", undefined],
        // eslint-disable-next-line no-script-url -- the unsafe URL under test
        ["JAVASCRIPT:alert(1)", undefined],
        ["data:text/html,<script>alert(1)</script>", undefined],
        ["vbscript:msgbox", undefined],
        ["/relative/path", undefined],
        ["not a url", undefined],
        ["", undefined],
        [42, undefined],
        [null, undefined]
    ])("links %p only when it is http or https", (value, expected) => {
        expect(safeHttpUrl(value)).toBe(expected);
    });
});
