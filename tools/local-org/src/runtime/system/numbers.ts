import Decimal from "decimal.js";
import type { NativeCtx } from "../nativeApi";
import { ApexSystemError, sysErr } from "../errors";
import { stringify } from "../values/format";
import {
    DecimalCtx,
    arith,
    compareNum,
    isNumber,
    javaDouble,
    parseDecimal,
    parseDouble,
    parseInteger,
    parseLong,
    toDecimal,
    toDouble,
    toInteger,
    toLong
} from "../values/numbers";
import { ApexDecimal, ApexDouble, type Value } from "../values/values";
import { argInt, argStr, noMethod } from "./args";

type Num = number | bigint | ApexDecimal | ApexDouble;

function num(a: Value[], i: number): Num {
    const v = a[i];
    if (v === null || v === undefined) throw sysErr.npe();
    if (!isNumber(v)) throw new ApexSystemError("TypeException", `Expected a number, got ${stringify(v)}`);
    return v;
}

function valueOfAny(v: Value, parse: (s: string) => Value, convert: (n: Num) => Value): Value {
    if (v === null) return null;
    if (typeof v === "string") return parse(v);
    if (isNumber(v)) return convert(v);
    throw new ApexSystemError("TypeException", `Invalid conversion from ${stringify(v)}`);
}

export const integerStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    valueof: (a) => valueOfAny(a[0], parseInteger, toInteger)
};
export const longStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    valueof: (a) => valueOfAny(a[0], parseLong, toLong)
};
export const decimalStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    valueof: (a) => valueOfAny(a[0], parseDecimal, toDecimal)
};
export const doubleStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    valueof: (a) =>
        valueOfAny(
            a[0],
            (s) => new ApexDouble(parseDouble(s)),
            (n) => new ApexDouble(toDouble(n))
        )
};

const ROUNDING: Record<string, Decimal.Rounding> = {
    up: Decimal.ROUND_UP,
    down: Decimal.ROUND_DOWN,
    ceiling: Decimal.ROUND_CEIL,
    floor: Decimal.ROUND_FLOOR,
    half_up: Decimal.ROUND_HALF_UP,
    half_down: Decimal.ROUND_HALF_DOWN,
    half_even: Decimal.ROUND_HALF_EVEN
};

/** Instance methods shared by Integer, Long, Decimal and Double. */
export function numberMethod(v: Num, name: string, a: Value[], _ctx: NativeCtx): Value {
    switch (name) {
        case "format":
            return formatNumber(v);
        case "intvalue":
            return toInteger(v);
        case "longvalue":
            return toLong(v);
        case "doublevalue":
            return new ApexDouble(toDouble(v));
        case "tostring":
            return stringify(v);
        case "equals":
            return isNumber(a[0]) && compareNum(v, a[0]) === 0;
        case "hashcode":
            return toInteger(v);
        case "abs":
            return compareNum(v, 0) < 0 ? arith("*", v, -1) : v;
    }
    if (v instanceof ApexDecimal) {
        switch (name) {
            case "setscale": {
                const scale = argInt(a, 0);
                const mode =
                    a.length > 1 && a[1] !== null ? ROUNDING[stringify(a[1]).toLowerCase()] : Decimal.ROUND_HALF_UP;
                return new ApexDecimal(v.d.toDecimalPlaces(scale, mode), scale);
            }
            case "scale":
                return v.scale;
            case "precision":
                return v.d.precision(true);
            case "round":
                if (a.length === 0) return BigInt(v.d.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
                return BigInt(v.d.toDecimalPlaces(0, ROUNDING[stringify(a[0]).toLowerCase()]).toFixed(0));
            case "stripTrailingZeros":
            case "striptrailingzeros": {
                const d = new DecimalCtx(v.d);
                return new ApexDecimal(d, Math.max(0, d.decimalPlaces()));
            }
            case "toplainstring":
                return v.toString();
            case "divide": {
                const divisor = toDecimal(num(a, 0));
                if (divisor.d.isZero()) throw sysErr.divideByZero();
                const scale = argInt(a, 1);
                const mode = a.length > 2 ? ROUNDING[stringify(a[2]).toLowerCase()] : Decimal.ROUND_HALF_UP;
                return new ApexDecimal(new Decimal(v.d).div(divisor.d).toDecimalPlaces(scale, mode), scale);
            }
            case "pow":
                return ApexDecimal.fromDecimal(v.d.pow(argInt(a, 0)));
        }
    }
    if (v instanceof ApexDouble && name === "round") return BigInt(Math.round(v.v));
    return noMethod(
        `${typeof v === "number" ? "Integer" : typeof v === "bigint" ? "Long" : v instanceof ApexDecimal ? "Decimal" : "Double"}.${name}`,
        a.length
    );
}

/** `format()` uses the user's locale (en_US): grouping separators, up to 3 decimals. */
function formatNumber(v: Num): string {
    if (typeof v === "number" || typeof v === "bigint") return v.toLocaleString("en-US");
    const n = v instanceof ApexDecimal ? v.d.toNumber() : v.v;
    return n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

export const mathStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    abs: (a) => {
        const v = num(a, 0);
        return compareNum(v, 0) < 0 ? arith("*", v, -1) : v;
    },
    max: (a) => (compareNum(num(a, 0), num(a, 1)) >= 0 ? a[0] : a[1]),
    min: (a) => (compareNum(num(a, 0), num(a, 1)) <= 0 ? a[0] : a[1]),
    mod: (a) => {
        const x = num(a, 0);
        const y = num(a, 1);
        if (typeof x === "number" && typeof y === "number") {
            if (y === 0) throw sysErr.divideByZero();
            return (x % y) | 0;
        }
        const yl = toLong(y);
        if (yl === 0n) throw sysErr.divideByZero();
        return toLong(x) % yl;
    },
    floor: (a) => new ApexDouble(Math.floor(toDouble(num(a, 0)))),
    ceil: (a) => new ApexDouble(Math.ceil(toDouble(num(a, 0)))),
    round: (a) => {
        const v = num(a, 0);
        if (v instanceof ApexDecimal) return Number(v.d.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0)) | 0;
        return Math.round(toDouble(v)) | 0;
    },
    roundtolong: (a) => BigInt(Math.round(toDouble(num(a, 0)))),
    sqrt: (a) => new ApexDouble(Math.sqrt(toDouble(num(a, 0)))),
    pow: (a) => new ApexDouble(Math.pow(toDouble(num(a, 0)), toDouble(num(a, 1)))),
    exp: (a) => new ApexDouble(Math.exp(toDouble(num(a, 0)))),
    log: (a) => new ApexDouble(Math.log(toDouble(num(a, 0)))),
    log10: (a) => new ApexDouble(Math.log10(toDouble(num(a, 0)))),
    signum: (a) => new ApexDouble(Math.sign(toDouble(num(a, 0)))),
    random: () => {
        throw new ApexSystemError("UnexpectedException", "Math.random is not deterministic");
    }
};
mathStatics.random = () => new ApexDouble(Math.random());

export function doubleToString(v: number): string {
    return javaDouble(v);
}

export { argStr };
