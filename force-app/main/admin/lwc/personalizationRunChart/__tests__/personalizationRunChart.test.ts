import { createElement } from "lwc";
import PersonalizationRunChart, { labelledIndexes, niceCeiling, type ChartRun } from "c/personalizationRunChart";
import { flushPromises } from "../../../../../test/utils/flushPromises";

jest.mock(
    "@salesforce/label/c.Personalization_Console_Sync_Chart_Bar",
    () => ({
        default: jest
            .requireActual<typeof import("../../../../../test/utils/customLabels")>(
                "../../../../../test/utils/customLabels"
            )
            .customLabel("Personalization_Console_Sync_Chart_Bar")
    }),
    { virtual: true }
);

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 11, 1, 10, 0); // Dec 1, 2026, 2:00 AM in Los Angeles

function runs(count: number): ChartRun[] {
    return Array.from({ length: count }, (_, index) => ({
        key: `r${index}`,
        name: `SR-${index + 1}`,
        startedAt: START + index * DAY,
        status: "Completed",
        counts: `${100 + index} scanned`,
        scanned: 100 + index,
        failed: index % 3 === 0 ? 5 : 0
    }));
}

async function render(list: ChartRun[]): Promise<HTMLElement & { runs?: ChartRun[] }> {
    const element = createElement("c-personalization-run-chart", { is: PersonalizationRunChart }) as HTMLElement & {
        runs?: ChartRun[];
    };
    Object.assign(element, { runs: list, summary: "Records per run" });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const all = (element: HTMLElement, selector: string): Element[] =>
    Array.from(element.shadowRoot!.querySelectorAll(selector));
const number = (element: Element, attribute: string): number => Number(element.getAttribute(attribute));

describe("c-personalization-run-chart", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("rounds the record axis up to a round number", () => {
        expect([0, 1, 3, 7, 110, 240, 999, 1001].map(niceCeiling)).toEqual([1, 1, 5, 10, 200, 250, 1000, 2000]);
    });

    it("labels every date of a few runs, first and last and a spread of many", () => {
        expect(labelledIndexes(1)).toEqual([0]);
        expect(labelledIndexes(4)).toEqual([0, 1, 2, 3]);
        expect(labelledIndexes(30)).toEqual([0, 6, 12, 17, 23, 29]);
    });

    it("draws one run as one bar of ordinary width in the middle, with its date, axes and legend", async () => {
        const element = await render(runs(1));
        const bars = all(element, "rect.bar-ok");
        expect(bars).toHaveLength(1);
        const width = number(bars[0], "width");
        expect(width).toBeLessThanOrEqual(40);
        const x = number(bars[0], "x");
        // centred in the plot (56 to 628)
        expect(Math.abs(x + width / 2 - (56 + 628) / 2)).toBeLessThan(1);
        expect(all(element, '[data-id="date"]').map((date) => date.textContent)).toEqual(["Dec 1"]);
        expect(all(element, '[data-id="tick"] text').map((tick) => tick.textContent)).toEqual(["0", "50", "100"]);
        expect(element.shadowRoot!.textContent).toContain("c.Personalization_Console_Sync_Chart_Y_Axis");
        expect(element.shadowRoot!.textContent).toContain("c.Personalization_Console_Sync_Chart_X_Axis");
        const legend = all(element, '[data-id="legend"] li').map((item) => item.textContent);
        expect(legend).toEqual([
            "c.Personalization_Console_Sync_Chart_Legend_Ok",
            "c.Personalization_Console_Sync_Chart_Legend_Failed"
        ]);
        expect(element.shadowRoot!.querySelector("svg")!.getAttribute("aria-label")).toBe("Records per run");
        await expect(element).toBeAccessible();
    });

    it("puts each run's time on a second axis line when runs share a day, none otherwise", async () => {
        const sameDay = runs(2).map((run, index) => ({ ...run, startedAt: START + index * 3_600_000 }));
        const element = await render(sameDay);
        const text = (id: string): string[] =>
            all(element, `[data-id="${id}"]`).map((label) => label.textContent!.replace(/\s/g, " ").trim());
        expect(text("date")).toEqual(["Dec 1", "Dec 1"]);
        expect(text("time")).toEqual(["2:00 AM", "3:00 AM"]);

        element.runs = runs(2);
        await flushPromises();
        expect(text("date")).toEqual(["Dec 1", "Dec 2"]);
        expect(text("time")).toEqual(["", ""]);
    });

    it("fills the plot with thirty runs, oldest on the left, labelling six dates", async () => {
        const element = await render(runs(30));
        const bars = all(element, "rect.bar-ok");
        expect(bars).toHaveLength(30);
        const xs = bars.map((bar) => number(bar, "x"));
        expect([...xs].sort((a, b) => a - b)).toEqual(xs);
        expect(xs[0]).toBeGreaterThanOrEqual(56);
        expect(xs[29] + number(bars[29], "width")).toBeLessThanOrEqual(628);
        expect(all(element, '[data-id="date"]').map((date) => date.textContent)).toEqual([
            "Dec 1",
            "Dec 7",
            "Dec 13",
            "Dec 18",
            "Dec 24",
            "Dec 30"
        ]);
        await expect(element).toBeAccessible();
    });

    it("stacks the failed records on the synced ones, each bar with a tooltip of its run", async () => {
        const element = await render(runs(2));
        const [ok] = all(element, "rect.bar-ok");
        const [failed, none] = all(element, "rect.bar-failed");
        expect(number(failed, "y") + number(failed, "height")).toBeCloseTo(number(ok, "y"), 1);
        expect(number(none, "height")).toBe(0);
        const titles = all(element, '[data-id="bar"] title').map((title) => title.textContent);
        expect(titles[0]).toContain("SR-1");
        expect(titles[0]).toContain("Dec 1, 2:00 AM PST");
    });

    it("keeps a single failure visible against a large run", async () => {
        const element = await render([{ ...runs(1)[0], scanned: 10000, failed: 1 }]);
        expect(number(all(element, "rect.bar-failed")[0], "height")).toBe(2);
    });

    it("draws nothing without runs", async () => {
        const element = await render([]);
        expect(element.shadowRoot!.querySelector("svg")).toBeNull();
    });
});
