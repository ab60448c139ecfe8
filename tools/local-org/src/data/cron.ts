import { DateTime } from "luxon";
import { ApexSystemError } from "../runtime/errors";

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Values a cron field allows (`*`, `?`, lists, ranges, increments, names); null = any. */
function parseField(
    text: string,
    min: number,
    max: number,
    names: string[] | null,
    offset: number
): Set<number> | null {
    if (text === "*" || text === "?") return null;
    const out = new Set<number>();
    const num = (s: string): number => {
        const i = names ? names.indexOf(s.toUpperCase()) : -1;
        if (i >= 0) return i + offset;
        const n = Number(s);
        if (!Number.isInteger(n)) throw new Error(s);
        return n;
    };
    for (const part of text.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText ? Number(stepText) : 1;
        let lo: number;
        let hi: number;
        if (range === "*") {
            lo = min;
            hi = max;
        } else if (range.includes("-")) {
            const [a, b] = range.split("-");
            lo = num(a);
            hi = num(b);
        } else {
            lo = num(range);
            hi = stepText ? max : lo;
        }
        if (lo < min || hi > max || step < 1) throw new Error(part);
        for (let v = lo; v <= hi; v += step) out.add(v);
    }
    return out;
}

/**
 * Next fire time of an Apex cron expression (`Seconds Minutes Hours Day_of_month Month Day_of_week [Year]`)
 * after `fromMs`, in the given time zone; null when it never fires again. `L`, `W` and `#` are not modelled.
 */
export function nextFireTime(cron: string, fromMs: number, zone: string): number | null {
    const parts = cron.trim().split(/\s+/);
    let fields: (Set<number> | null)[];
    try {
        const dowDigits = (parts[5] ?? "").toUpperCase().replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, "");
        if (parts.length < 6 || parts.length > 7 || /[LW]/i.test(parts[3]) || /[L#]/.test(dowDigits))
            throw new Error(cron);
        fields = [
            parseField(parts[0], 0, 59, null, 0),
            parseField(parts[1], 0, 59, null, 0),
            parseField(parts[2], 0, 23, null, 0),
            parseField(parts[3], 1, 31, null, 0),
            parseField(parts[4], 1, 12, MONTHS, 1),
            parseField(parts[5], 1, 7, DAYS, 1),
            parts[6] ? parseField(parts[6], 1970, 2099, null, 0) : null
        ];
    } catch {
        throw new ApexSystemError("StringException", `Unexpected cron expression: ${cron}`);
    }
    const [sec, min, hour, dom, month, dow, year] = fields;
    const first = (s: Set<number> | null, lo: number): number[] => (s ? [...s].sort((a, b) => a - b) : range(lo));
    const range = (lo: number): number[] => Array.from({ length: lo === 0 ? 60 : 24 }, (_, i) => i);
    const hours = hour ? [...hour].sort((a, b) => a - b) : Array.from({ length: 24 }, (_, i) => i);
    const mins = first(min, 0);
    const secs = first(sec, 0);
    let day = DateTime.fromMillis(fromMs, { zone }).startOf("day");
    for (let i = 0; i < 366 * 80; i++, day = day.plus({ days: 1 })) {
        // Jump whole years and months that cannot match (a yearly cron 16 years ahead stays cheap).
        if (year && !year.has(day.year)) {
            const later = [...year].filter((y) => y > day.year);
            if (!later.length) return null;
            day = DateTime.fromObject({ year: Math.min(...later), month: 1, day: 1 }, { zone }).minus({ days: 1 });
            continue;
        }
        if (month && !month.has(day.month)) {
            day = day.endOf("month").startOf("day");
            continue;
        }
        if (dom && !dom.has(day.day)) continue;
        if (dow && !dow.has((day.weekday % 7) + 1)) continue;
        for (const h of hours)
            for (const m of mins)
                for (const s of secs) {
                    const t = day.set({ hour: h, minute: m, second: s }).toMillis();
                    if (t > fromMs) return t;
                }
    }
    return null;
}
