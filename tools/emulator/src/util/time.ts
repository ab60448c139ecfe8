/** Clock abstraction so tests can freeze time. */

/** Milliseconds per day. */
export const DAY_MS = 86_400_000;

/** Returns the current epoch ms. */
export type Clock = () => number;

/** A clock that is fixed at `now` when given (number), else wall time. */
export function makeClock(now?: number | Clock): Clock {
    if (typeof now === "function") return now;
    if (typeof now === "number") return () => now;
    return () => Date.now();
}

/** Start of the UTC day containing `ms`. */
export function dayStart(ms: number): number {
    return Math.floor(ms / DAY_MS) * DAY_MS;
}
