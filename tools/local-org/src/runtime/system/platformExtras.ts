import crypto from "node:crypto";
import type { NativeCtx } from "../nativeApi";
import { ApexSystemError, sysErr, UnsupportedError } from "../errors";
import { ApexBlob, NativeObject, type Value } from "../values/values";
import { argInt, argStr, noMethod } from "./args";

/**
 * System classes of issue 20 (Apex Reference): `System.UUID`, `System.URL` (the org's own URLs), `System.Network`
 * outside Experience Cloud sites and the `Crypto` AES methods, on node:crypto. What the reference leaves open fails
 * loudly.
 */

type Statics = Record<string, (a: Value[], ctx: NativeCtx) => Value>;

// ---------- UUID ----------

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A `System.UUID`: equal to another UUID of the same text, never to a String. */
export class UuidValue extends NativeObject {
    constructor(readonly text: string) {
        super("UUID", {});
    }
    override apexToString(): string {
        return this.text;
    }
    override valueEquals(other: Value): boolean {
        return other instanceof UuidValue && other.text === this.text;
    }
    override valueHashKey(): string {
        return `uuid:${this.text}`;
    }
}

export const uuidStatics: Statics = {
    /** "A static method that randomly generates a version 4 UUID" (crypto.randomUUID: RFC 4122 version 4). */
    randomuuid: () => new UuidValue(crypto.randomUUID()),
    fromstring: (a) => {
        const s = a[0];
        if (s === null || s === undefined) throw sysErr.npe();
        const text = String(s);
        if (UUID_TEXT.test(text)) return new UuidValue(text);
        if (UUID_TEXT.test(text.toLowerCase()))
            throw new UnsupportedError("UUID.fromString of upper-case hexadecimal (its toString() is not documented)");
        throw new ApexSystemError("IllegalArgumentException", `Invalid UUID string: ${text}`);
    }
};

export function uuidMethod(u: UuidValue, name: string, a: Value[]): Value {
    switch (name) {
        case "tostring":
            return u.text;
        case "equals":
            return u.valueEquals(a[0] ?? null);
    }
    // hashCode(): the algorithm is not documented
    return noMethod(`UUID.${name}`, a.length);
}

// ---------- URL ----------

/**
 * The local org's My Domain: `https://MyDomainName.my.salesforce.com` is the documented shape of
 * `URL.getOrgDomainUrl()`; the local org's name is `localorg`.
 */
export const LOCAL_ORG_DOMAIN = "https://localorg.my.salesforce.com";

/** The parts of a URL as `java.net.URL` splits them (Apex Reference, "URL Class" getters). */
interface UrlParts {
    protocol: string;
    userInfo: string | null;
    host: string;
    port: number;
    path: string;
    query: string | null;
    ref: string | null;
}

const URL_SYNTAX =
    /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^:/?#]*)(?::(\d+))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

/** A `System.URL`. */
export class UrlValue extends NativeObject {
    constructor(readonly parts: UrlParts) {
        super("Url", {});
    }
    /** `toExternalForm()`: protocol, authority, file and reference, as Java rebuilds them. */
    get external(): string {
        const p = this.parts;
        return `${p.protocol}://${p.userInfo !== null ? `${p.userInfo}@` : ""}${p.host}${p.port >= 0 ? `:${p.port}` : ""}${p.path}${p.query !== null ? `?${p.query}` : ""}${p.ref !== null ? `#${p.ref}` : ""}`;
    }
    override apexToString(): string {
        return this.external;
    }
    override valueEquals(other: Value): boolean {
        return other instanceof UrlValue && other.external === this.external;
    }
    override valueHashKey(): string {
        return `url:${this.external}`;
    }
}

function parseUrl(spec: string): UrlValue {
    const m = URL_SYNTAX.exec(spec);
    if (!m) throw new UnsupportedError(`new URL('${spec}') (only absolute protocol://host URLs are modelled)`);
    return new UrlValue({
        protocol: m[1].toLowerCase(),
        userInfo: m[2] ?? null,
        host: m[3],
        port: m[4] ? Number(m[4]) : -1,
        path: m[5] ?? "",
        query: m[6] ?? null,
        ref: m[7] ?? null
    });
}

export const urlStatics: Statics = {
    getorgdomainurl: () => parseUrl(LOCAL_ORG_DOMAIN),
    /** Deprecated: "Returns the URL of the current connection to the Salesforce org": the org's domain here. */
    getsalesforcebaseurl: () => parseUrl(LOCAL_ORG_DOMAIN),
    getcurrentrequesturl: () => {
        throw new UnsupportedError("URL.getCurrentRequestUrl() (there is no request URL in the local org)");
    }
};

export function newUrl(args: Value[]): UrlValue {
    if (args.length === 1) return parseUrl(argStr(args, 0));
    if (args.length === 3) return parseUrl(`${argStr(args, 0)}://${argStr(args, 1)}${argStr(args, 2)}`);
    throw new UnsupportedError(`new URL(${args.length} arguments)`);
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

export function urlMethod(u: UrlValue, name: string, a: Value[]): Value {
    const p = u.parts;
    switch (name) {
        case "toexternalform":
        case "tostring":
            return u.external;
        case "getprotocol":
            return p.protocol;
        case "gethost":
            return p.host;
        case "getport":
            return p.port;
        case "getdefaultport":
            return DEFAULT_PORTS[p.protocol] ?? -1;
        case "getpath":
            return p.path;
        case "getquery":
            return p.query;
        case "getref":
            return p.ref;
        case "getauthority":
            return `${p.userInfo !== null ? `${p.userInfo}@` : ""}${p.host}${p.port >= 0 ? `:${p.port}` : ""}`;
        case "getfile":
            return `${p.path}${p.query !== null ? `?${p.query}` : ""}`;
        case "getuserinfo":
            return p.userInfo;
        case "equals":
            return u.valueEquals(a[0] ?? null);
    }
    return noMethod(`URL.${name}`, a.length);
}

// ---------- Network ----------

export const networkStatics: Statics = {
    /** "Returns the user's current community": null outside an Experience Cloud site (the local org has none). */
    getnetworkid: () => null
};

// ---------- Crypto (AES) ----------

const AES: Record<string, number> = { aes128: 16, aes192: 24, aes256: 32 };

function aesCipher(alg: string, key: ApexBlob): string {
    const size = AES[alg.toLowerCase()];
    if (!size) throw new ApexSystemError("InvalidParameterValueException", `Invalid algorithm: ${alg}`);
    if (key.bytes.length !== size)
        throw new ApexSystemError("InvalidParameterValueException", `Invalid private key. Must be ${size} bytes.`);
    return `aes-${size * 8}-cbc`;
}

function blob(v: Value | undefined): ApexBlob {
    if (!(v instanceof ApexBlob)) throw sysErr.npe();
    return v;
}

function encryptWith(alg: string, key: ApexBlob, iv: Buffer, data: ApexBlob): Buffer {
    const c = crypto.createCipheriv(aesCipher(alg, key), key.bytes, iv);
    return Buffer.concat([c.update(data.bytes), c.final()]);
}

function decryptWith(alg: string, key: ApexBlob, iv: Buffer, data: Buffer): Buffer {
    const d = crypto.createDecipheriv(aesCipher(alg, key), key.bytes, iv);
    try {
        return Buffer.concat([d.update(data), d.final()]);
    } catch {
        throw new UnsupportedError(
            "Crypto.decrypt of data that does not decrypt with the key (the platform's error is not modelled)"
        );
    }
}

function iv16(v: Value | undefined): Buffer {
    const b = blob(v).bytes;
    if (b.length !== 16)
        throw new ApexSystemError("InvalidParameterValueException", "Invalid initialization vector. Must be 16 bytes.");
    return b;
}

/**
 * Apex Reference, "Crypto Class": AES128/192/256 in CBC mode with PKCS5 padding; the managed-IV variants put the
 * random 16-byte IV in front of the cipher text.
 */
export const cryptoAesStatics: Statics = {
    generateaeskey: (a) => {
        const bits = argInt(a, 0);
        if (![128, 192, 256].includes(bits))
            throw new ApexSystemError("InvalidParameterValueException", `Invalid key size: ${bits}`);
        return new ApexBlob(crypto.randomBytes(bits / 8));
    },
    encryptwithmanagediv: (a) => {
        const alg = argStr(a, 0);
        const iv = crypto.randomBytes(16);
        return new ApexBlob(Buffer.concat([iv, encryptWith(alg, blob(a[1]), iv, blob(a[2]))]));
    },
    decryptwithmanagediv: (a) => {
        const data = blob(a[2]).bytes;
        if (data.length < 16) throw new UnsupportedError("Crypto.decryptWithManagedIV of data shorter than its IV");
        return new ApexBlob(decryptWith(argStr(a, 0), blob(a[1]), data.subarray(0, 16), data.subarray(16)));
    },
    encrypt: (a) => new ApexBlob(encryptWith(argStr(a, 0), blob(a[1]), iv16(a[2]), blob(a[3]))),
    decrypt: (a) => new ApexBlob(decryptWith(argStr(a, 0), blob(a[1]), iv16(a[2]), blob(a[3]).bytes))
};
