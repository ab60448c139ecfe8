import crypto from "node:crypto";
import { DateTime } from "luxon";
import type { NativeCtx } from "../nativeApi";
import { typeName } from "../../link/rtype";
import { ApexSystemError, sysErr, UnsupportedError } from "../errors";
import { clockSettings } from "../values/clock";
import { apexEquals } from "../values/equality";
import { stringify } from "../values/format";
import { toDouble, isNumber } from "../values/numbers";
import {
    ApexBlob,
    ApexDatetime,
    ApexId,
    ApexObject,
    EnumValue,
    NativeObject,
    TypeValue,
    type Value
} from "../values/values";
import { argInt, argStr, noMethod } from "./args";
import { LOCAL_USER } from "./localUser";
import { today } from "./dates";

type Statics = Record<string, (a: Value[], ctx: NativeCtx) => Value>;

function assertFail(message: string): never {
    throw new ApexSystemError("AssertException", message);
}

function withMsg(a: Value[], i: number, base: string): string {
    const m = a[i];
    return m === undefined || m === null ? base : `${base}: ${stringify(m)}`;
}

function expectedActual(prefix: string, msg: Value | undefined, e: Value, ac: Value): string {
    const m = msg === undefined || msg === null ? "" : `${stringify(msg)}: `;
    return `${prefix}: ${m}Expected: ${stringify(e)}, Actual: ${stringify(ac)}`;
}

function debugLevel(v: Value): string {
    return v instanceof EnumValue ? v.name : "DEBUG";
}

export const systemStatics: Statics = {
    debug: (a, ctx) => {
        if (a.length === 2) ctx.host.debug(debugLevel(a[0]), stringify(a[1]));
        else ctx.host.debug("DEBUG", stringify(a[0] ?? null));
        return null;
    },
    now: () => new ApexDatetime(clockSettings.now()),
    today: () => today(),
    currenttimemillis: () => BigInt(clockSettings.now()),
    assert: (a) => {
        if (a[0] !== true) assertFail(withMsg(a, 1, "Assertion Failed"));
        return null;
    },
    assertequals: (a) => {
        if (!apexEquals(a[0], a[1], true)) assertFail(expectedActual("Assertion Failed", a[2], a[0], a[1]));
        return null;
    },
    assertnotequals: (a) => {
        if (apexEquals(a[0], a[1], true))
            assertFail(
                `Assertion Failed: ${a[2] !== undefined && a[2] !== null ? `${stringify(a[2])}: ` : ""}Same value: ${stringify(a[0])}`
            );
        return null;
    },
    isbatch: () => false,
    isfuture: () => false,
    isqueueable: () => false,
    isscheduled: () => false,
    equals: (a) => apexEquals(a[0], a[1]),
    hashcode: () => noMethod("System.hashCode", 1)
};

export const assertStatics: Statics = {
    areequal: (a) => {
        if (!apexEquals(a[0], a[1], true)) assertFail(expectedActual("Assertion Failed", a[2], a[0], a[1]));
        return null;
    },
    arenotequal: (a) => {
        if (apexEquals(a[0], a[1], true))
            assertFail(
                `Assertion Failed: ${a[2] !== undefined && a[2] !== null ? `${stringify(a[2])}: ` : ""}Same value: ${stringify(a[0])}`
            );
        return null;
    },
    istrue: (a) => {
        if (a[0] !== true) assertFail(withMsg(a, 1, "Assertion Failed"));
        return null;
    },
    isfalse: (a) => {
        if (a[0] !== false) assertFail(withMsg(a, 1, "Assertion Failed"));
        return null;
    },
    isnull: (a) => {
        if (a[0] !== null) assertFail(withMsg(a, 1, "Assertion Failed"));
        return null;
    },
    isnotnull: (a) => {
        if (a[0] === null) assertFail(withMsg(a, 1, "Assertion Failed"));
        return null;
    },
    fail: (a) => assertFail(a[0] === undefined || a[0] === null ? "Assertion Failed" : stringify(a[0])),
    isinstanceoftype: (a, ctx) => {
        const t = a[1];
        if (!(t instanceof TypeValue)) throw sysErr.npe();
        if (!isInstanceOfType(a[0], t, ctx))
            assertFail(
                withMsg(
                    a,
                    2,
                    `Assertion Failed: Expected instance of ${typeName(t.type)}, Actual value: ${stringify(a[0])}`
                )
            );
        return null;
    },
    isnotinstanceoftype: (a, ctx) => {
        const t = a[1];
        if (!(t instanceof TypeValue)) throw sysErr.npe();
        if (isInstanceOfType(a[0], t, ctx))
            assertFail(withMsg(a, 2, `Assertion Failed: Value is an instance of ${typeName(t.type)}`));
        return null;
    }
};

function isInstanceOfType(v: Value, t: TypeValue, ctx: NativeCtx): boolean {
    return ctx.isInstance(v, t.type);
}

export const testStatics: Statics = {
    isrunningtest: (_a, ctx) => ctx.host.isRunningTest,
    starttest: (_a, ctx) => {
        ctx.host.startTest();
        return null;
    },
    stoptest: (_a, ctx) => {
        ctx.host.stopTest();
        return null;
    },
    createstub: (a, ctx) => {
        const t = a[0];
        if (!(t instanceof TypeValue)) throw sysErr.npe();
        return ctx.createStub(t.type, a[1] ?? null);
    },
    setmock: (a, ctx) => {
        const t = a[0];
        if (!(t instanceof TypeValue)) throw sysErr.npe();
        const name = typeName(t.type).toLowerCase();
        if (name !== "httpcalloutmock") throw new UnsupportedError(`Test.setMock(${typeName(t.type)}.class, …)`);
        const mock = a[1];
        if (!(mock instanceof ApexObject)) throw sysErr.npe();
        ctx.host.httpMock = mock;
        return null;
    }
};

export const userInfoStatics: Statics = {
    getuserid: () => new ApexId(LOCAL_USER.id),
    getusername: () => LOCAL_USER.userName,
    getfirstname: () => LOCAL_USER.firstName,
    getlastname: () => LOCAL_USER.lastName,
    getname: () => `${LOCAL_USER.firstName} ${LOCAL_USER.lastName}`,
    getuseremail: () => LOCAL_USER.email,
    getorganizationid: () => new ApexId(LOCAL_USER.orgId),
    getorganizationname: () => "Local Org",
    getprofileid: () => new ApexId(LOCAL_USER.profileId),
    getusertype: () => "Standard",
    getlocale: () => "en_US",
    getlanguage: () => "en_US",
    getdefaultcurrency: () => "USD",
    ismulticurrencyorganization: () => false,
    gettimezone: () => new NativeObject("TimeZone", { id: clockSettings.timeZone })
};

export function timeZoneMethod(o: NativeObject, name: string, a: Value[]): Value {
    const id = String(o.state.id);
    switch (name) {
        case "getid":
            return id;
        case "tostring":
            return id;
        case "getdisplayname":
            return id;
        case "getoffset": {
            // Milliseconds to add to GMT at the given instant (daylight saving included).
            const at = a[0];
            if (!(at instanceof ApexDatetime)) throw sysErr.npe();
            return DateTime.fromMillis(at.ms, { zone: id }).offset * 60000;
        }
    }
    return noMethod(`TimeZone.${name}`, a.length);
}

export const limitsStatics: Statics = {
    getcallouts: (_a, ctx) => ctx.host.limits.callouts,
    getlimitcallouts: () => 100
};

export const typeStatics: Statics = {
    forname: (a, ctx) => {
        const name =
            a.length === 2
                ? a[0] === null || a[0] === ""
                    ? argStr(a, 1)
                    : `${argStr(a, 0)}.${argStr(a, 1)}`
                : argStr(a, 0);
        const t = ctx.resolveTypeName(name);
        return t ? new TypeValue(t) : null;
    }
};

/**
 * `Type.getName()` / `toString()` (Apex Reference, "Type Class"): documented for user classes (`'MyClassName'`) and
 * for a list type's `toString()` (`List<Integer>.class` → `'LIST<Integer>'`). Primitives and SObject types give their
 * name. Whether a system class carries the `System.` prefix, and the names of other collection types, are not
 * documented: they fail loudly.
 */
function typeText(t: TypeValue, name: string, ctx: NativeCtx): string {
    const ty = t.type;
    if (ty.k === "list" && name === "tostring") return `LIST<${typeName(ty.elem)}>`;
    if (ty.k === "list" || ty.k === "set" || ty.k === "map")
        throw new UnsupportedError(
            `Type.${name === "getname" ? "getName" : "toString"}() of ${typeName(ty)} (not documented)`
        );
    if (ty.k === "native" && !ctx.host.data?.schema.object(ty.name) && ty.name !== "SObject")
        throw new UnsupportedError(
            `Type.${name === "getname" ? "getName" : "toString"}() of the system type ${ty.name} (whether it carries the System. prefix is not documented)`
        );
    return typeName(ty);
}

export function typeMethod(t: TypeValue, name: string, a: Value[], ctx: NativeCtx): Value {
    switch (name) {
        case "getname":
        case "tostring":
            return typeText(t, name, ctx);
        case "newinstance":
            return ctx.newInstance(t.type);
        case "equals":
            return apexEquals(t, a[0]);
    }
    // Type.hashCode() is not modelled (it was a constant 0: equal for every type)
    return noMethod(`Type.${name}`, a.length);
}

/** Java URLEncoder with UTF-8: space → '+', unreserved `[A-Za-z0-9._*-]` kept. */
function urlEncode(s: string): string {
    return encodeURIComponent(s)
        .replace(/%20/g, "+")
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const encodingStatics: Statics = {
    base64encode: (a) => {
        const b = a[0];
        if (!(b instanceof ApexBlob)) throw sysErr.npe();
        return b.bytes.toString("base64");
    },
    base64decode: (a) => new ApexBlob(Buffer.from(argStr(a, 0), "base64")),
    urlencode: (a) => {
        if (a.length > 1 && argStr(a, 1).toUpperCase() !== "UTF-8")
            throw new UnsupportedError(`EncodingUtil.urlEncode with ${argStr(a, 1)}`);
        return urlEncode(argStr(a, 0));
    },
    urldecode: (a) => {
        try {
            return decodeURIComponent(argStr(a, 0).replace(/\+/g, " "));
        } catch {
            throw new ApexSystemError(
                "StringException",
                `Illegal hex characters in escape (%) pattern: ${argStr(a, 0)}`
            );
        }
    },
    converttohex: (a) => {
        const b = a[0];
        if (!(b instanceof ApexBlob)) throw sysErr.npe();
        return b.bytes.toString("hex");
    },
    convertfromhex: (a) => new ApexBlob(Buffer.from(argStr(a, 0), "hex"))
};

export const blobStatics: Statics = {
    valueof: (a) => new ApexBlob(Buffer.from(argStr(a, 0), "utf8")),
    topdf: () => noMethod("Blob.toPdf", 1)
};

export function blobMethod(b: ApexBlob, name: string, a: Value[]): Value {
    switch (name) {
        case "tostring":
            return b.bytes.toString("utf8");
        case "size":
            return b.bytes.length;
        case "equals":
            return apexEquals(b, a[0]);
    }
    return noMethod(`Blob.${name}`, a.length);
}

/** Apex Reference, "Crypto Class" generateDigest: MD5, SHA1, SHA-256, SHA-512, SHA3-256, SHA3-384, SHA3-512. */
const DIGESTS: Record<string, string> = {
    md5: "md5",
    sha1: "sha1",
    "sha-256": "sha256",
    "sha-512": "sha512",
    "sha3-256": "sha3-256",
    "sha3-384": "sha3-384",
    "sha3-512": "sha3-512"
};
const MACS: Record<string, string> = { hmacmd5: "md5", hmacsha1: "sha1", hmacsha256: "sha256", hmacsha512: "sha512" };

export const cryptoStatics: Statics = {
    generatedigest: (a) => {
        const alg = DIGESTS[argStr(a, 0).toLowerCase()];
        const b = a[1];
        if (!alg) throw new ApexSystemError("InvalidParameterValueException", `Invalid algorithm: ${argStr(a, 0)}`);
        if (!(b instanceof ApexBlob)) throw sysErr.npe();
        return new ApexBlob(crypto.createHash(alg).update(b.bytes).digest());
    },
    generatemac: (a) => {
        const alg = MACS[argStr(a, 0).toLowerCase()];
        const data = a[1];
        const key = a[2];
        if (!alg) throw new ApexSystemError("InvalidParameterValueException", `Invalid algorithm: ${argStr(a, 0)}`);
        if (!(data instanceof ApexBlob) || !(key instanceof ApexBlob)) throw sysErr.npe();
        return new ApexBlob(crypto.createHmac(alg, key.bytes).update(data.bytes).digest());
    },
    getrandominteger: () => crypto.randomBytes(4).readInt32BE(0),
    getrandomlong: () => crypto.randomBytes(8).readBigInt64BE(0)
};

export const booleanStatics: Statics = {
    valueof: (a) => {
        const v = a[0];
        if (v === null) return null;
        if (typeof v === "boolean") return v;
        if (typeof v === "string") return v.toLowerCase() === "true";
        return noMethod("Boolean.valueOf(non-string)", 1);
    }
};

export function booleanMethod(b: boolean, name: string, a: Value[]): Value {
    if (name === "tostring") return String(b);
    if (name === "equals") return a[0] === b;
    if (name === "hashcode") return b ? 1231 : 1237;
    return noMethod(`Boolean.${name}`, a.length);
}

/**
 * System enums modelled natively: `RoundingMode.HALF_UP`, `LoggingLevel.ERROR`. Values are in the
 * platform's declaration order, which gives `ordinal()` and `values()`: LoggingLevel runs from NONE and
 * INTERNAL up to ERROR (a more severe level has a higher ordinal; the Apex Reference lists the levels
 * the other way round, from ERROR to FINEST).
 */
export const NATIVE_ENUMS: Record<string, string[]> = {
    roundingmode: ["CEILING", "DOWN", "FLOOR", "HALF_DOWN", "HALF_EVEN", "HALF_UP", "UNNECESSARY", "UP"],
    logginglevel: ["NONE", "INTERNAL", "FINEST", "FINER", "FINE", "DEBUG", "INFO", "WARN", "ERROR"]
};

export { isNumber, toDouble, argInt };
