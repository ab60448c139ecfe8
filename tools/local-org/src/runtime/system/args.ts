import { ApexSystemError, sysErr, UnsupportedError } from "../errors";
import { stringify } from "../values/format";
import { isNumber, toInteger } from "../values/numbers";
import { ApexId, type Value } from "../values/values";

/** Argument helpers for system-method implementations: null arguments throw as on the platform. */
export function argStr(a: Value[], i: number): string {
    const v = a[i];
    if (v === null || v === undefined) throw sysErr.npe();
    if (typeof v === "string") return v;
    if (v instanceof ApexId) return v.id18;
    throw new ApexSystemError("TypeException", `Expected String, got ${stringify(v)}`);
}

export function argInt(a: Value[], i: number): number {
    const v = a[i];
    if (v === null || v === undefined) throw sysErr.npe();
    if (isNumber(v)) return toInteger(v);
    throw new ApexSystemError("TypeException", `Expected Integer, got ${stringify(v)}`);
}

export function argBool(a: Value[], i: number): boolean {
    const v = a[i];
    if (v === null || v === undefined) throw sysErr.npe();
    if (typeof v === "boolean") return v;
    throw new ApexSystemError("TypeException", `Expected Boolean, got ${stringify(v)}`);
}

/** The loud failure for a system method the local org does not implement. */
export function noMethod(name: string, arity: number): never {
    throw new UnsupportedError(`method ${name}(${arity} argument${arity === 1 ? "" : "s"})`);
}
