/**
 * Typed view of the Affinities part of the page data (PersonalizationPageController.loadPage), narrowed from `unknown`, and the plain-words summary built
 * from it (no AI service: the top items and the trend the Apex service computed).
 */
import LOCALE from "@salesforce/i18n/locale";
import {
    isRecord,
    readNumber,
    readRecords,
    readString,
    readStrings,
    type DataRecord,
    readInsightEnvelope,
    type InsightEnvelope
} from "c/dataUtils";
import { formatLabel } from "c/formatUtils";

/** RISING, FALLING, NEW or STEADY, as computed by AffinitiesService; NONE over all time (no previous window). */
export type Trend = "RISING" | "FALLING" | "NEW" | "STEADY" | "NONE";

/** One affinity bar. */
export interface AffinityItem {
    itemType: string;
    itemId: string;
    name: string;
    url?: string;
    value: number;
    previousValue?: number;
    share: number;
    trend: Trend;
}

/** The card's data. */
export interface AffinitiesResult extends InsightEnvelope {
    showBy: string;
    days: number;
    catalogTypes: string[];
    trendByType: Record<string, Trend>;
    items: AffinityItem[];
}

/** The Custom Labels the summary is built from. */
export interface SummaryLabels {
    one: string;
    two: string;
    trends: Record<Trend, string>;
}

const TRENDS: readonly Trend[] = ["RISING", "FALLING", "NEW", "STEADY", "NONE"];

function toTrend(value: unknown): Trend {
    return TRENDS.find((trend) => trend === value) ?? "STEADY";
}

function toItem(data: DataRecord): AffinityItem | undefined {
    const itemType = readString(data, "itemType");
    const value = readNumber(data, "value");
    if (!itemType || value === undefined) {
        return undefined;
    }
    const itemId = readString(data, "itemId") ?? "";
    return {
        itemType,
        itemId,
        name: readString(data, "name") ?? itemId,
        url: readString(data, "url"),
        value,
        previousValue: readNumber(data, "previousValue"),
        share: readNumber(data, "share") ?? 0,
        trend: toTrend(data.trend)
    };
}

/**
 * Narrows the controller's answer.
 * @param value What Apex returned.
 * @returns The typed result.
 * @throws Error when the answer is not an object with a known status.
 */
export function toAffinitiesResult(value: unknown): AffinitiesResult {
    if (!isRecord(value)) {
        throw new Error("Unexpected answer from Personalization");
    }
    const envelope = readInsightEnvelope(value);
    const trendByType: Record<string, Trend> = {};
    if (isRecord(value.trendByType)) {
        for (const [type, trend] of Object.entries(value.trendByType)) {
            trendByType[type] = toTrend(trend);
        }
    }
    return {
        ...envelope,
        showBy: readString(value, "showBy") ?? "views",
        days: readNumber(value, "days") ?? 30,
        catalogTypes: readStrings(value, "catalogTypes"),
        trendByType,
        items: readRecords(value, "items").flatMap((row) => toItem(row) ?? [])
    };
}

/** Most names a summary lists. */
const MAX_SUMMARY_NAMES = 4;

/**
 * One line for the rep to use in conversation, e.g. "Mostly Ridge 2 Ultralight Tent and Summit 20 Down
 * Sleeping Bag, rising compared with the previous period."
 * @param items The items of one catalog type, best first.
 * @param trend The type's overall trend.
 * @param labels The label templates.
 * @returns The sentence, or an empty string without items.
 */
export function buildSummary(
    items: AffinityItem[],
    trend: Trend,
    labels: SummaryLabels,
    locale: string = LOCALE
): string {
    const phrase = labels.trends[trend];
    if (items.length === 0) {
        return "";
    }
    if (items.length === 1) {
        return formatLabel(labels.one, items[0].name, phrase);
    }
    // items tied with the second are named too ("Mostly X, Y and Z"): picking one of them would be arbitrary
    const tied = items.slice(2, MAX_SUMMARY_NAMES).filter((item) => item.value === items[1].value);
    if (tied.length === 0) {
        return formatLabel(labels.two, items[0].name, items[1].name, phrase);
    }
    const names = [items[0], items[1], ...tied].map((item) => item.name);
    return formatLabel(labels.one, new Intl.ListFormat(locale, { type: "conjunction" }).format(names), phrase);
}
