import { DateTime } from "luxon";
import { ApexDate, ApexDatetime, ApexTime } from "./values";

/**
 * The running user's time zone and the clock. Both are process-wide settings of the local org,
 * set by the runner or by `createLocalOrg`; tests may fix the clock for determinism.
 */
export const clockSettings = {
    timeZone: "America/Los_Angeles",
    /** Epoch milliseconds; replace to fix the clock. */
    now: (): number => Date.now()
};

export function dtInZone(d: ApexDatetime, zone = clockSettings.timeZone): DateTime {
    return DateTime.fromMillis(d.ms, { zone });
}

export function dateToIso(d: ApexDate): string {
    return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function dateToLuxon(d: ApexDate): DateTime {
    return DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: "UTC" });
}

export function luxonToDate(dt: DateTime): ApexDate {
    return new ApexDate(dt.year, dt.month, dt.day);
}

export function timeToString(t: ApexTime): string {
    const h = Math.floor(t.ms / 3600000);
    const m = Math.floor((t.ms % 3600000) / 60000);
    const s = Math.floor((t.ms % 60000) / 1000);
    const ms = t.ms % 1000;
    return `${pad(h)}:${pad(m)}:${pad(s)}.${String(ms).padStart(3, "0")}Z`;
}

function pad(n: number): string {
    return String(n).padStart(2, "0");
}

/** `yyyy-MM-dd HH:mm:ss` in the given zone. */
export function datetimeToString(d: ApexDatetime, zone: string): string {
    return dtInZone(d, zone).toFormat("yyyy-MM-dd HH:mm:ss");
}

/** JSON / ISO form `yyyy-MM-ddTHH:mm:ss.SSSZ` (always GMT). */
export function datetimeToJson(d: ApexDatetime): string {
    return DateTime.fromMillis(d.ms, { zone: "UTC" }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}
