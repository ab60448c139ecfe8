/**
 * Formatting shared by the Personalization components: Custom Label templates, relative and exact times in
 * the user's locale and time zone, numbers, and the only way a URL from MCP becomes a link (http/https).
 */
import LOCALE from "@salesforce/i18n/locale";
import TIME_ZONE from "@salesforce/i18n/timeZone";
import CURRENCY from "@salesforce/i18n/currency";
import JUST_NOW from "@salesforce/label/c.Personalization_Insight_Just_Now";

const MINUTE = 60_000;

/** Intl formatters are costly to create (a list of 50 events would build 100): one per locale and options. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
    key: string,
    create: () => T
): T {
    let f = formatters.get(key) as T | undefined;
    if (!f) {
        f = create();
        formatters.set(key, f);
    }
    return f;
}
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An amount of money in the user's locale, in the given ISO currency or the user's own.
 * @param value The amount.
 * @param currency ISO 4217 code (blank: the user's currency).
 * @param locale BCP 47 locale (default: the user's).
 * @returns The formatted amount, e.g. "$1,234.50"; a plain number when the code is not a currency.
 */
export function formatCurrency(value: number, currency?: string, locale: string = LOCALE): string {
    const code = currency && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : CURRENCY;
    try {
        return cached(
            `cur|${locale}|${code}`,
            () => new Intl.NumberFormat(locale, { style: "currency", currency: code })
        ).format(value);
    } catch {
        return formatNumber(value, 2, locale);
    }
}

/**
 * Fills `{0}`, `{1}`, … in a Custom Label with the given values (as text; never markup).
 * @param template The label value.
 * @param values Values for the placeholders, in order.
 * @returns The label with its placeholders replaced; unknown placeholders stay as they are.
 */
export function formatLabel(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (match: string, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? match : String(value);
    });
}

/**
 * A short relative time ("5 minutes ago", "yesterday") in the user's locale.
 * @param time The moment, epoch ms.
 * @param now The current time, epoch ms.
 * @param locale BCP 47 locale; defaults to the user's.
 * @returns The relative time text.
 */
export function formatRelativeTime(time: number, now: number, locale: string = LOCALE): string {
    const diff = time - now;
    const abs = Math.abs(diff);
    if (abs < MINUTE) {
        return JUST_NOW;
    }
    const format = cached(`relative|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
    if (abs < HOUR) {
        return format.format(Math.round(diff / MINUTE), "minute");
    }
    if (abs < DAY) {
        return format.format(Math.round(diff / HOUR), "hour");
    }
    if (abs < 30 * DAY) {
        return format.format(Math.round(diff / DAY), "day");
    }
    if (abs < 365 * DAY) {
        return format.format(Math.round(diff / (30 * DAY)), "month");
    }
    return format.format(Math.round(diff / (365 * DAY)), "year");
}

/**
 * The exact date and time in the user's locale and time zone, with the zone named.
 * @param time The moment, epoch ms.
 * @param locale BCP 47 locale; defaults to the user's.
 * @param timeZone IANA time zone; defaults to the user's.
 * @returns The formatted date and time.
 */
export function formatExactTime(time: number, locale: string = LOCALE, timeZone: string = TIME_ZONE): string {
    const format = cached(
        `exact|${locale}|${timeZone}`,
        () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "long", timeZone })
    );
    return format.format(new Date(time));
}

/**
 * A number in the user's locale.
 * @param value The number.
 * @param maximumFractionDigits Largest number of decimals shown.
 * @param locale BCP 47 locale; defaults to the user's.
 * @returns The formatted number.
 */
export function formatNumber(value: number, maximumFractionDigits = 0, locale: string = LOCALE): string {
    const format = cached(
        `number|${locale}|${maximumFractionDigits}`,
        () => new Intl.NumberFormat(locale, { maximumFractionDigits })
    );
    return format.format(value);
}

/**
 * Returns the URL when it is an absolute http or https URL, else undefined: `javascript:`, `data:`, relative
 * and malformed values from MCP are shown as text, never as links.
 * @param value Untrusted value.
 * @returns The normalised URL, or undefined.
 */
export function safeHttpUrl(value: unknown): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        return undefined;
    }
    try {
        const url = new URL(value.trim());
        return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
    } catch {
        return undefined;
    }
}
