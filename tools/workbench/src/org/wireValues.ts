/**
 * Apex values across worker threads. Stored field values are class instances (ApexId, ApexDatetime,
 * ApexDecimal…) whose prototypes structured clone drops, so they travel as tagged plain objects and are
 * rebuilt on the other side.
 */
import Decimal from "decimal.js";
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexTime,
    type Value
} from "../../../local-org/src/runtime/values/values";

/** A field value on the wire: primitives as they are, Apex scalar classes tagged. */
export type WireValue =
    | null
    | boolean
    | string
    | number
    | bigint
    | { $: "Id"; v: string }
    | { $: "Datetime"; ms: number }
    | { $: "Date"; y: number; m: number; d: number }
    | { $: "Time"; ms: number }
    | { $: "Decimal"; v: string; scale: number }
    | { $: "Double"; v: number }
    | { $: "Blob"; b64: string };

/** A value that is not a stored scalar (an Apex object, collection or type), which rows never hold. */
export class NotWireableError extends Error {}

/** Encodes a scalar Apex value; throws {@link NotWireableError} for objects and collections. */
export function toWire(v: Value): WireValue {
    if (v === null || typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
    if (typeof v === "bigint") return v;
    if (v instanceof ApexId) return { $: "Id", v: v.id18 };
    if (v instanceof ApexDatetime) return { $: "Datetime", ms: v.ms };
    if (v instanceof ApexDate) return { $: "Date", y: v.year, m: v.month, d: v.day };
    if (v instanceof ApexTime) return { $: "Time", ms: v.ms };
    // Decimal's own text keeps full precision; the scale travels beside it (decimal.js drops trailing zeros).
    if (v instanceof ApexDecimal) return { $: "Decimal", v: v.d.toString(), scale: v.scale };
    if (v instanceof ApexDouble) return { $: "Double", v: v.v };
    if (v instanceof ApexBlob) return { $: "Blob", b64: v.bytes.toString("base64") };
    throw new NotWireableError(`not a stored scalar: ${v.constructor.name}`);
}

/** Rebuilds the Apex value of {@link toWire}'s output. */
export function fromWire(w: WireValue): Value {
    if (w === null || typeof w !== "object") return w;
    switch (w.$) {
        case "Id":
            return new ApexId(w.v);
        case "Datetime":
            return new ApexDatetime(w.ms);
        case "Date":
            return new ApexDate(w.y, w.m, w.d);
        case "Time":
            return new ApexTime(w.ms);
        case "Decimal":
            return new ApexDecimal(new Decimal(w.v), w.scale);
        case "Double":
            return new ApexDouble(w.v);
        case "Blob":
            return new ApexBlob(Buffer.from(w.b64, "base64"));
    }
}

/** Value equality of two stored values (new instances of equal values are equal). */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined || a === null || b === null) return false;
    if (typeof a !== "object" || typeof b !== "object") return false;
    if (a.constructor !== b.constructor) return false;
    try {
        return JSON.stringify(toWire(a)) === JSON.stringify(toWire(b));
    } catch (e) {
        if (e instanceof NotWireableError) return false;
        throw e;
    }
}
