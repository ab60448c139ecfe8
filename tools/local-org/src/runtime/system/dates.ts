import { DateTime } from "luxon";
import { ApexSystemError } from "../errors";
import {
    clockSettings,
    dateToIso,
    dateToLuxon,
    datetimeToJson,
    datetimeToString,
    dtInZone,
    luxonToDate,
    timeToString
} from "../values/clock";
import { toInteger, toLong } from "../values/numbers";
import { ApexDate, ApexDatetime, ApexTime, type Value } from "../values/values";
import type { NativeCtx } from "../nativeApi";
import { argInt, argStr, noMethod } from "./args";

export function addDays(d: ApexDate, n: number): ApexDate {
    return luxonToDate(dateToLuxon(d).plus({ days: n }));
}

export function today(): ApexDate {
    return luxonToDate(DateTime.fromMillis(clockSettings.now(), { zone: clockSettings.timeZone }));
}

/** Converts a Java-style date pattern (`yyyy-MM-dd HH:mm:ss`) to a luxon format string. */
function javaPattern(p: string): string {
    // luxon tokens are close to Java's for the common letters; quote handling matches.
    return p
        .replace(/a/g, "a")
        .replace(/E{4}/g, "cccc")
        .replace(/E{1,3}/g, "ccc")
        .replace(/Z/g, "ZZZ")
        .replace(/u/g, "c");
}

export const dateStatics: Record<string, (args: Value[], ctx: NativeCtx) => Value> = {
    today: () => today(),
    newinstance: (a) => {
        if (a.length !== 3) noMethod("Date.newInstance", a.length);
        return new ApexDate(argInt(a, 0), argInt(a, 1), argInt(a, 2));
    },
    valueof: (a) => {
        const v = a[0];
        if (v instanceof ApexDatetime) return luxonToDate(dtInZone(v));
        const s = argStr(a, 0);
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
        if (!m) throw new ApexSystemError("TypeException", `Invalid date: ${s}`);
        return new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    isleapyear: (a) => {
        const y = argInt(a, 0);
        return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    },
    daysinmonth: (a) => DateTime.fromObject({ year: argInt(a, 0), month: argInt(a, 1) }).daysInMonth ?? 0
};

export function dateMethod(d: ApexDate, name: string, a: Value[]): Value {
    const lx = dateToLuxon(d);
    switch (name) {
        case "adddays":
            return addDays(d, argInt(a, 0));
        case "addmonths":
            return luxonToDate(lx.plus({ months: argInt(a, 0) }));
        case "addyears":
            return luxonToDate(lx.plus({ years: argInt(a, 0) }));
        case "year":
            return d.year;
        case "month":
            return d.month;
        case "day":
            return d.day;
        case "dayofyear":
            return lx.ordinal;
        case "daysbetween": {
            const o = a[0];
            if (!(o instanceof ApexDate))
                throw new ApexSystemError("NullPointerException", "Attempt to de-reference a null object");
            return Math.round(dateToLuxon(o).diff(lx, "days").days);
        }
        case "monthsbetween": {
            const o = a[0] as ApexDate;
            return (o.year - d.year) * 12 + (o.month - d.month);
        }
        case "isSameDay":
        case "issameday": {
            const o = a[0] as ApexDate;
            return o.year === d.year && o.month === d.month && o.day === d.day;
        }
        case "tostartofmonth":
            return new ApexDate(d.year, d.month, 1);
        case "format":
            return lx.toFormat("M/d/yyyy");
        case "tostring":
            return dateToIso(d);
    }
    return noMethod(`Date.${name}`, a.length);
}

export const datetimeStatics: Record<string, (args: Value[], ctx: NativeCtx) => Value> = {
    now: () => new ApexDatetime(clockSettings.now()),
    newinstance: (a) => {
        if (a.length === 1) return new ApexDatetime(Number(toLong(a[0] as bigint)));
        if (a.length === 2) {
            const d = a[0] as ApexDate;
            const t = a[1] as ApexTime;
            return new ApexDatetime(
                DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: clockSettings.timeZone })
                    .plus({ milliseconds: t.ms })
                    .toMillis()
            );
        }
        const [y, mo, dd, h, mi, s] = [0, 1, 2, 3, 4, 5].map((i) => (a[i] === undefined ? 0 : argInt(a, i)));
        return new ApexDatetime(
            DateTime.fromObject(
                { year: y, month: mo, day: dd, hour: h, minute: mi, second: s },
                { zone: clockSettings.timeZone }
            ).toMillis()
        );
    },
    newinstancegmt: (a) => {
        if (a.length === 2) {
            const d = a[0] as ApexDate;
            const t = a[1] as ApexTime;
            return new ApexDatetime(
                DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone: "UTC" })
                    .plus({ milliseconds: t.ms })
                    .toMillis()
            );
        }
        const [y, mo, dd, h, mi, s] = [0, 1, 2, 3, 4, 5].map((i) => (a[i] === undefined ? 0 : argInt(a, i)));
        return new ApexDatetime(
            DateTime.fromObject(
                { year: y, month: mo, day: dd, hour: h, minute: mi, second: s },
                { zone: "UTC" }
            ).toMillis()
        );
    },
    valueof: (a) => parseDatetime(argStr(a, 0), clockSettings.timeZone),
    valueofgmt: (a) => parseDatetime(argStr(a, 0), "UTC")
};

function parseDatetime(s: string, zone: string): ApexDatetime {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
    if (!m) throw new ApexSystemError("TypeException", `Invalid date/time: ${s}`);
    return new ApexDatetime(
        DateTime.fromObject(
            { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) },
            { zone }
        ).toMillis()
    );
}

export function datetimeMethod(d: ApexDatetime, name: string, a: Value[]): Value {
    const local = dtInZone(d);
    const gmt = dtInZone(d, "UTC");
    const plus = (o: Record<string, number>) => new ApexDatetime(local.plus(o).toMillis());
    switch (name) {
        case "gettime":
            return BigInt(d.ms);
        case "adddays":
            return plus({ days: argInt(a, 0) });
        case "addhours":
            return new ApexDatetime(d.ms + argInt(a, 0) * 3600000);
        case "addminutes":
            return new ApexDatetime(d.ms + argInt(a, 0) * 60000);
        case "addseconds":
            return new ApexDatetime(d.ms + argInt(a, 0) * 1000);
        case "addmonths":
            return plus({ months: argInt(a, 0) });
        case "addyears":
            return plus({ years: argInt(a, 0) });
        case "date":
            return luxonToDate(local);
        case "dategmt":
            return luxonToDate(gmt);
        case "time":
            return new ApexTime(local.hour * 3600000 + local.minute * 60000 + local.second * 1000 + local.millisecond);
        case "timegmt":
            return new ApexTime(gmt.hour * 3600000 + gmt.minute * 60000 + gmt.second * 1000 + gmt.millisecond);
        case "year":
            return local.year;
        case "month":
            return local.month;
        case "day":
            return local.day;
        case "hour":
            return local.hour;
        case "minute":
            return local.minute;
        case "second":
            return local.second;
        case "millisecond":
            return local.millisecond;
        case "yeargmt":
            return gmt.year;
        case "monthgmt":
            return gmt.month;
        case "daygmt":
            return gmt.day;
        case "hourgmt":
            return gmt.hour;
        case "minutegmt":
            return gmt.minute;
        case "secondgmt":
            return gmt.second;
        case "format":
            if (a.length === 0) return local.toFormat("M/d/yyyy h:mm a");
            return dtInZone(d, a.length > 1 ? argStr(a, 1) : clockSettings.timeZone).toFormat(
                javaPattern(argStr(a, 0))
            );
        case "formatgmt":
            return gmt.toFormat(javaPattern(argStr(a, 0)));
        case "formatlong":
            return local.toFormat("M/d/yyyy h:mm:ss a ZZZZ");
        case "tostring":
            return datetimeToString(d, "UTC");
        case "isSameDay":
        case "issameday": {
            const o = dtInZone(a[0] as ApexDatetime);
            return o.hasSame(local, "day");
        }
    }
    return noMethod(`Datetime.${name}`, a.length);
}

export { datetimeToJson, timeToString };

export const timeStatics: Record<string, (args: Value[], ctx: NativeCtx) => Value> = {
    newinstance: (a) => new ApexTime(((argInt(a, 0) * 60 + argInt(a, 1)) * 60 + argInt(a, 2)) * 1000 + argInt(a, 3))
};

export function timeMethod(t: ApexTime, name: string, a: Value[]): Value {
    switch (name) {
        case "hour":
            return Math.floor(t.ms / 3600000);
        case "minute":
            return Math.floor((t.ms % 3600000) / 60000);
        case "second":
            return Math.floor((t.ms % 60000) / 1000);
        case "millisecond":
            return t.ms % 1000;
        case "addhours":
            return new ApexTime((((t.ms + toInteger(a[0] as number) * 3600000) % 86400000) + 86400000) % 86400000);
        case "addminutes":
            return new ApexTime((((t.ms + toInteger(a[0] as number) * 60000) % 86400000) + 86400000) % 86400000);
        case "addseconds":
            return new ApexTime((((t.ms + toInteger(a[0] as number) * 1000) % 86400000) + 86400000) % 86400000);
    }
    return noMethod(`Time.${name}`, a.length);
}
