import { sysErr } from "../runtime/errors";
import { valueTypeName } from "../runtime/values/typeNames";
import { addDays } from "../runtime/system/dates";
import { apexEquals, compareValues } from "../runtime/values/equality";
import { stringify } from "../runtime/values/format";
import { arith, isNumber, numKind, toDouble, toLong } from "../runtime/values/numbers";
import { ApexDate, ApexDatetime, ApexDecimal, ApexDouble, ApexId, type Value } from "../runtime/values/values";

/**
 * Apex binary operators on evaluated operands: equality (`==` case-insensitive for Strings,
 * `===` by reference), comparisons (null rules), arithmetic with promotion, concatenation,
 * bitwise and shift operators, Date/Datetime arithmetic.
 */
/** Applies a non-short-circuit binary operator to two evaluated operands with Apex semantics. */
export function binaryValues(op: string, a: Value, b: Value): Value {
    switch (op) {
        case "==":
            return apexEquals(a, b);
        case "!=":
            return !apexEquals(a, b);
        case "===":
            return exactEquals(a, b);
        case "!==":
            return !exactEquals(a, b);
        case "+":
            if (typeof a === "string" || typeof b === "string") return stringify(a) + stringify(b);
            break;
        case "<":
        case ">":
        case "<=":
        case ">=": {
            if (a === null || b === null) {
                // Platform rule: a non-null String/Id is greater than null; other null comparisons are false.
                const other = a === null ? b : a;
                if (other !== null && (typeof other === "string" || other instanceof ApexId)) {
                    const cmpNull = a === null ? -1 : 1;
                    return op === "<"
                        ? cmpNull < 0
                        : op === ">"
                          ? cmpNull > 0
                          : op === "<="
                            ? cmpNull <= 0
                            : cmpNull >= 0;
                }
                return false;
            }
            const c = compareValues(a, b, false);
            if (c === null)
                throw sysErr.typeErr(
                    `Comparison arguments must be compatible types: ${valueTypeName(a)}, ${valueTypeName(b)}`
                );
            return op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
        }
    }
    if (a === null || b === null) throw sysErr.npe();
    if (isNumber(a) && isNumber(b)) {
        if (op === "+" || op === "-" || op === "*" || op === "/" || op === "%") return arith(op, a, b);
        return bitwise(op, a, b);
    }
    if (typeof a === "boolean" && typeof b === "boolean") {
        if (op === "&") return a && b;
        if (op === "|") return a || b;
        if (op === "^") return a !== b;
    }
    if ((op === "+" || op === "-") && isNumber(b)) {
        const sign = op === "+" ? 1 : -1;
        if (a instanceof ApexDate) return addDays(a, sign * Number(toLong(b)));
        if (a instanceof ApexDatetime) return new ApexDatetime(a.ms + sign * Math.round(toDouble(b) * 86400000));
    }
    throw sysErr.typeErr(
        `Arithmetic expressions must use numeric arguments: ${valueTypeName(a)} ${op} ${valueTypeName(b)}`
    );
}

function exactEquals(a: Value, b: Value): boolean {
    if (a === null || b === null) return a === b;
    if (typeof a === "object" && !(a instanceof ApexDecimal) && !(a instanceof ApexDouble) && !(a instanceof ApexId))
        return a === b;
    return apexEquals(a, b, true);
}

function bitwise(
    op: string,
    a: number | bigint | ApexDecimal | ApexDouble,
    b: number | bigint | ApexDecimal | ApexDouble
): Value {
    if (numKind(a) > 1 || numKind(b) > 1) throw sysErr.typeErr(`Bitwise operator ${op} requires Integer or Long`);
    if (typeof a === "number" && (typeof b === "number" || op === "<<" || op === ">>" || op === ">>>")) {
        const y = Number(b);
        switch (op) {
            case "&":
                return a & y;
            case "|":
                return a | y;
            case "^":
                return a ^ y;
            case "<<":
                return a << y;
            case ">>":
                return a >> y;
            case ">>>":
                return (a >>> y) | 0;
        }
    }
    const x = toLong(a);
    const y = toLong(b);
    switch (op) {
        case "&":
            return x & y;
        case "|":
            return x | y;
        case "^":
            return x ^ y;
        case "<<":
            return BigInt.asIntN(64, x << (y & 63n));
        case ">>":
            return x >> (y & 63n);
        case ">>>":
            return BigInt.asIntN(64, BigInt.asUintN(64, x) >> (y & 63n));
    }
    throw sysErr.typeErr(`Unknown operator ${op}`);
}
