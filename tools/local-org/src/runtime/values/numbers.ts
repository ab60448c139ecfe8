import Decimal from "decimal.js";
import { ApexSystemError, sysErr } from "../errors";
import { ApexDecimal, ApexDouble, type Value } from "./values";

/** Apex Decimal arithmetic context: division keeps 33 significant digits, HALF_UP (see semantics doc §7). */
export const DecimalCtx = Decimal.clone({
    precision: 33,
    rounding: Decimal.ROUND_HALF_UP,
    toExpNeg: -100,
    toExpPos: 100
});

export type NumKind = 0 | 1 | 2 | 3; // Integer, Long, Decimal, Double

export function isNumber(v: Value): v is number | bigint | ApexDecimal | ApexDouble {
    return typeof v === "number" || typeof v === "bigint" || v instanceof ApexDecimal || v instanceof ApexDouble;
}

export function numKind(v: number | bigint | ApexDecimal | ApexDouble): NumKind {
    if (typeof v === "number") return 0;
    if (typeof v === "bigint") return 1;
    if (v instanceof ApexDecimal) return 2;
    return 3;
}

export function toLong(v: number | bigint | ApexDecimal | ApexDouble): bigint {
    if (typeof v === "number") return BigInt(v);
    if (typeof v === "bigint") return v;
    if (v instanceof ApexDecimal) return BigInt.asIntN(64, BigInt(v.d.trunc().toFixed(0)));
    return BigInt.asIntN(64, BigInt(Math.trunc(v.v)));
}

export function toDecimal(v: number | bigint | ApexDecimal | ApexDouble): ApexDecimal {
    if (v instanceof ApexDecimal) return v;
    if (typeof v === "number" || typeof v === "bigint") return new ApexDecimal(new DecimalCtx(v.toString()), 0);
    return ApexDecimal.fromDecimal(new DecimalCtx(v.v));
}

export function toDouble(v: number | bigint | ApexDecimal | ApexDouble): number {
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(v);
    if (v instanceof ApexDecimal) return v.d.toNumber();
    return v.v;
}

export function toInteger(v: number | bigint | ApexDecimal | ApexDouble): number {
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return Number(BigInt.asIntN(32, v));
    if (v instanceof ApexDecimal) return Number(BigInt.asIntN(32, BigInt(v.d.trunc().toFixed(0))));
    return Math.trunc(v.v) | 0;
}

/** Converts a number to the given numeric kind (widening or explicit narrowing). */
export function convertNum(v: number | bigint | ApexDecimal | ApexDouble, k: NumKind): Value {
    switch (k) {
        case 0:
            return toInteger(v);
        case 1:
            return toLong(v);
        case 2:
            return toDecimal(v);
        case 3:
            return new ApexDouble(toDouble(v));
    }
}

function wrapLong(b: bigint): bigint {
    return BigInt.asIntN(64, b);
}

/** Binary arithmetic `+ - * / %` with Apex promotion (Integer < Long < Decimal < Double) and silent int overflow. */
export function arith(
    op: string,
    a: number | bigint | ApexDecimal | ApexDouble,
    b: number | bigint | ApexDecimal | ApexDouble
): Value {
    const k = Math.max(numKind(a), numKind(b)) as NumKind;
    if (k === 0) {
        const x = a as number;
        const y = b as number;
        switch (op) {
            case "+":
                return (x + y) | 0;
            case "-":
                return (x - y) | 0;
            case "*":
                return Math.imul(x, y);
            case "/":
                if (y === 0) throw sysErr.divideByZero();
                return (x / y) | 0;
            case "%":
                if (y === 0) throw sysErr.divideByZero();
                return (x % y) | 0;
        }
    }
    if (k === 1) {
        const x = toLong(a);
        const y = toLong(b);
        switch (op) {
            case "+":
                return wrapLong(x + y);
            case "-":
                return wrapLong(x - y);
            case "*":
                return wrapLong(x * y);
            case "/":
                if (y === 0n) throw sysErr.divideByZero();
                return wrapLong(x / y);
            case "%":
                if (y === 0n) throw sysErr.divideByZero();
                return x % y;
        }
    }
    if (k === 2) {
        const x = toDecimal(a);
        const y = toDecimal(b);
        switch (op) {
            case "+":
                return new ApexDecimal(x.d.plus(y.d), Math.max(x.scale, y.scale));
            case "-":
                return new ApexDecimal(x.d.minus(y.d), Math.max(x.scale, y.scale));
            case "*":
                return new ApexDecimal(x.d.times(y.d), x.scale + y.scale);
            case "/": {
                if (y.d.isZero()) throw sysErr.divideByZero();
                const q = new DecimalCtx(x.d).div(new DecimalCtx(y.d));
                return new ApexDecimal(q, Math.max(x.scale, q.decimalPlaces()));
            }
            case "%":
                if (y.d.isZero()) throw sysErr.divideByZero();
                return new ApexDecimal(x.d.mod(y.d), Math.max(x.scale, y.scale));
        }
    }
    const x = toDouble(a);
    const y = toDouble(b);
    switch (op) {
        case "+":
            return new ApexDouble(x + y);
        case "-":
            return new ApexDouble(x - y);
        case "*":
            return new ApexDouble(x * y);
        case "/":
            if (y === 0) throw sysErr.divideByZero();
            return new ApexDouble(x / y);
        case "%":
            return new ApexDouble(x % y);
    }
    throw new ApexSystemError("MathException", `Unknown operator ${op}`);
}

/** Numeric comparison across kinds: negative, zero or positive. */
export function compareNum(
    a: number | bigint | ApexDecimal | ApexDouble,
    b: number | bigint | ApexDecimal | ApexDouble
): number {
    const k = Math.max(numKind(a), numKind(b));
    if (k === 0) return (a as number) - (b as number);
    if (k === 1) {
        const x = toLong(a);
        const y = toLong(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (k === 2) return toDecimal(a).d.comparedTo(toDecimal(b).d);
    return toDouble(a) - toDouble(b);
}

/** Java's `Double.toString` (Apex Double → String): `1.0`, `1.5E10`, `1.0E-5`. */
export function javaDouble(v: number): string {
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
    const abs = Math.abs(v);
    if (abs >= 1e-3 && abs < 1e7) {
        const s = String(v);
        return s.includes(".") ? s : `${s}.0`;
    }
    const [m, e] = v.toExponential().split("e");
    return `${m.includes(".") ? m : `${m}.0`}E${e.replace("+", "")}`;
}

/** Parses an Integer the way `Integer.valueOf(String)` does. */
export function parseInteger(s: string): number {
    const t = s.trim() === s ? s : "";
    if (!/^[+-]?\d+$/.test(t)) throw new ApexSystemError("TypeException", `Invalid integer: ${s}`);
    const n = Number(t);
    if (n > 2147483647 || n < -2147483648) throw new ApexSystemError("TypeException", `Invalid integer: ${s}`);
    return n;
}

export function parseLong(s: string): bigint {
    if (!/^[+-]?\d+$/.test(s)) throw new ApexSystemError("TypeException", `Invalid long: ${s}`);
    const n = BigInt(s);
    if (n !== BigInt.asIntN(64, n)) throw new ApexSystemError("TypeException", `Invalid long: ${s}`);
    return n;
}

export function parseDecimal(s: string): ApexDecimal {
    const t = s.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t))
        throw new ApexSystemError("TypeException", `Invalid decimal: ${s}`);
    if (/[eE]/.test(t)) return ApexDecimal.fromDecimal(new DecimalCtx(t));
    return ApexDecimal.of(t.replace(/^\+/, ""));
}

export function parseDouble(s: string): number {
    const t = s.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t))
        throw new ApexSystemError("TypeException", `Invalid double: ${s}`);
    return Number(t);
}
