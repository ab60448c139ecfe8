import { LightningElement, api } from "lwc";
import LOCALE from "@salesforce/i18n/locale";
import TIME_ZONE from "@salesforce/i18n/timeZone";
import { formatLabel } from "c/formatUtils";
import LEGEND_OK from "@salesforce/label/c.Personalization_Console_Sync_Chart_Legend_Ok";
import LEGEND_FAILED from "@salesforce/label/c.Personalization_Console_Sync_Chart_Legend_Failed";
import Y_AXIS from "@salesforce/label/c.Personalization_Console_Sync_Chart_Y_Axis";
import X_AXIS from "@salesforce/label/c.Personalization_Console_Sync_Chart_X_Axis";
import BAR from "@salesforce/label/c.Personalization_Console_Sync_Chart_Bar";

/** One run as the chart draws it. */
export interface ChartRun {
    key: string;
    /** Run number, e.g. SR-000042. */
    name: string;
    /** Start, epoch ms (NaN when unknown). */
    startedAt: number;
    /** Status in words. */
    status: string;
    /** Its counts in words, for the bar's tooltip. */
    counts: string;
    scanned: number;
    failed: number;
}

interface Bar {
    key: string;
    x: number;
    width: number;
    okY: number;
    okHeight: number;
    failY: number;
    failHeight: number;
    title: string;
}

interface Tick {
    key: string;
    y: number;
    textY: number;
    label: string;
}

interface DateLabel {
    key: string;
    x: number;
    /** The run's day, e.g. "Dec 6". */
    label: string;
    /** Its time on a second line when labelled runs share a day (blank otherwise). */
    time: string;
}

// the drawing's own units (the SVG scales to the card's width, keeping its proportions)
const WIDTH = 640;
const HEIGHT = 234;
const LEFT = 56;
const RIGHT = 12;
const TOP = 16;
/** Room under the plot for two lines of date labels and the axis title. */
const BOTTOM = 58;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Slots the plot has at least: one run draws one slim bar in the middle, not a block across the chart. */
const MIN_SLOTS = 10;
/** Most date labels along the time axis. */
const MAX_DATE_LABELS = 6;

/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`. */
export function niceCeiling(value: number): number {
    if (value <= 1) {
        return 1;
    }
    const power = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
        if (step * power >= value) {
            return step * power;
        }
    }
    return 10 * power;
}

/** The indexes of the runs whose start date is labelled: all of a few, else evenly spread with first and last. */
export function labelledIndexes(count: number, most: number = MAX_DATE_LABELS): number[] {
    if (count <= most) {
        return Array.from({ length: count }, (_, index) => index);
    }
    const indexes = new Set<number>();
    for (let step = 0; step < most; step++) {
        indexes.add(Math.round((step * (count - 1)) / (most - 1)));
    }
    return [...indexes].sort((a, b) => a - b);
}

/**
 * Records per sync run as stacked bars, oldest run on the left: records synced without error (blue) under the failed
 * ones (red, at least a sliver when there are any). The record axis is labelled with round numbers from 0, the time
 * axis with run start dates in the user's locale and time zone, and a legend names the colours. One run draws one
 * bar of ordinary width; thirty fill the chart. The `summary` is the chart's accessible name; each bar has a tooltip
 * with its run, date, status and counts, and the run table next to it holds the same data.
 */
export default class PersonalizationRunChart extends LightningElement {
    /** The runs, oldest first. */
    @api runs: ChartRun[] = [];
    /** What the chart shows, in one sentence (its accessible name). */
    @api summary?: string;

    readonly width = WIDTH;
    readonly height = HEIGHT;
    readonly viewBox = `0 0 ${WIDTH} ${HEIGHT}`;
    readonly labels = { LEGEND_OK, LEGEND_FAILED, Y_AXIS, X_AXIS };
    readonly axis = {
        left: LEFT,
        right: WIDTH - RIGHT,
        top: TOP,
        bottom: TOP + PLOT_HEIGHT,
        yTitleX: 4,
        yTitleY: TOP - 6,
        xTitleX: LEFT + PLOT_WIDTH / 2,
        xTitleY: HEIGHT - 4,
        dateY: TOP + PLOT_HEIGHT + 16,
        timeY: TOP + PLOT_HEIGHT + 30
    };

    private get peak(): number {
        return niceCeiling(Math.max(1, ...(this.runs ?? []).map((run) => Math.max(run.scanned, run.failed))));
    }

    private get slot(): number {
        return PLOT_WIDTH / Math.max(MIN_SLOTS, (this.runs ?? []).length);
    }

    /** Where the first slot starts: the bars are centred when they do not fill the plot. */
    private get offset(): number {
        return LEFT + (PLOT_WIDTH - this.slot * (this.runs ?? []).length) / 2;
    }

    get bars(): Bar[] {
        const peak = this.peak;
        const slot = this.slot;
        const width = Math.max(2, Math.min(32, slot * 0.7));
        return (this.runs ?? []).map((run, index) => {
            const failed = Math.min(run.failed, Math.max(run.scanned, run.failed));
            let failHeight = (failed / peak) * PLOT_HEIGHT;
            if (failed > 0) {
                failHeight = Math.max(failHeight, 2);
            }
            const okHeight = (Math.max(0, run.scanned - failed) / peak) * PLOT_HEIGHT;
            const bottom = TOP + PLOT_HEIGHT;
            return {
                key: run.key,
                x: round(this.offset + index * slot + (slot - width) / 2),
                width: round(width),
                okY: round(bottom - okHeight),
                okHeight: round(okHeight),
                failY: round(bottom - okHeight - failHeight),
                failHeight: round(failHeight),
                title: formatLabel(BAR, run.name, this.dateText(run.startedAt, "zone"), run.status, run.counts)
            };
        });
    }

    /** 0, half the peak (when a whole number) and the peak, as gridlines with their numbers. */
    get ticks(): Tick[] {
        const peak = this.peak;
        const format = new Intl.NumberFormat(LOCALE);
        return [0, peak / 2, peak].filter(Number.isInteger).map((value, index) => {
            const y = round(TOP + PLOT_HEIGHT - (value / peak) * PLOT_HEIGHT);
            return { key: `t${index}`, y, textY: y + 4, label: format.format(value) };
        });
    }

    /**
     * Run start dates along the time axis; when two labelled runs share a day, each label has its time on a second
     * line (short lines: neighbouring runs' labels do not run into each other).
     */
    get dateLabels(): DateLabel[] {
        const runs = this.runs ?? [];
        const indexes = labelledIndexes(runs.length);
        const days = indexes.map((index) => this.dateText(runs[index].startedAt, "day"));
        const sameDay = new Set(days).size < days.length;
        return indexes.map((index, position) => ({
            key: `d${index}`,
            x: round(this.offset + index * this.slot + this.slot / 2),
            label: days[position],
            time: sameDay ? this.timeText(runs[index].startedAt) : ""
        }));
    }

    get hasRuns(): boolean {
        return (this.runs ?? []).length > 0;
    }

    /** "Dec 6" on the axis; "Dec 6, 2:00 AM PST" in a tooltip (the user's locale and time zone). */
    private dateText(time: number, detail: "day" | "zone"): string {
        if (!Number.isFinite(time)) {
            return "";
        }
        const options: Intl.DateTimeFormatOptions =
            detail === "zone"
                ? { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }
                : { month: "short", day: "numeric" };
        return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: TIME_ZONE }).format(new Date(time));
    }

    /** "2:00 AM" in the user's locale and time zone. */
    private timeText(time: number): string {
        return Number.isFinite(time)
            ? new Intl.DateTimeFormat(LOCALE, { hour: "numeric", minute: "2-digit", timeZone: TIME_ZONE }).format(
                  new Date(time)
              )
            : "";
    }
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}
