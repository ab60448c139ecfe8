import { ApexSystemError, sysErr } from "../errors";
import { stringify } from "../values/format";
import { normaliseId, toId } from "../values/id";
import { hashKey } from "../values/equality";
import {
    ApexBlob,
    ApexId,
    ApexList,
    ApexSet,
    ApexDecimal,
    ApexDouble,
    ApexDate,
    ApexDatetime,
    type Value
} from "../values/values";
import { clockSettings } from "../values/clock";
import { prim } from "../../link/rtype";
import type { NativeCtx } from "../nativeApi";
import { argInt, argStr, noMethod } from "./args";
import { javaRegex, javaReplacement } from "./javaRegex";

const STRING = prim("String");

function strList(items: string[]): ApexList {
    return new ApexList(STRING, items);
}

function isWhitespace(s: string): boolean {
    return /^\s*$/.test(s);
}

/** Java `String.split`: no empty leading part for a zero-width match; trailing empty strings removed. */
export function javaSplit(s: string, regex: string, limit = 0): string[] {
    if (s === "") return [""];
    const re = javaRegex(regex, "g");
    const parts: string[] = [];
    let last = 0;
    let matched = false;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
        if (m[0] === "" && (m.index === 0 || m.index >= s.length)) {
            re.lastIndex++;
            if (m.index >= s.length) break;
            continue;
        }
        if (limit > 0 && parts.length === limit - 1) break;
        matched = true;
        parts.push(s.slice(last, m.index));
        last = m.index + m[0].length;
        if (m[0] === "") re.lastIndex++;
    }
    if (!matched) return [s];
    parts.push(s.slice(last));
    if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
    return parts;
}

function escapeUnicode(s: string): string {
    return s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `String.valueOf`, `String.join`, `String.isBlank`, … */
export const stringStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    valueof: (a) => {
        const v = a[0] ?? null;
        if (v === null) return "null";
        if (v instanceof ApexDatetime) return stringify(v, clockSettings.timeZone);
        return stringify(v);
    },
    valueofgmt: (a) => stringify(a[0] ?? null, "UTC"),
    isblank: (a) => a[0] === null || isWhitespace(argStr(a, 0)),
    isnotblank: (a) => !(a[0] === null || isWhitespace(argStr(a, 0))),
    isempty: (a) => a[0] === null || argStr(a, 0) === "",
    isnotempty: (a) => !(a[0] === null || argStr(a, 0) === ""),
    join: (a) => {
        const src = a[0];
        if (src === null) throw sysErr.npe();
        const items = src instanceof ApexList ? src.items : src instanceof ApexSet ? [...src.keys.values()] : null;
        if (!items) return noMethod("String.join(non-collection)", 2);
        return items.map((x) => stringify(x)).join(argStr(a, 1));
    },
    format: (a) => formatMessage(argStr(a, 0), a[1] as ApexList),
    escapesinglequotes: (a) => argStr(a, 0).replace(/'/g, "\\'"),
    fromchararray: (a) => String.fromCodePoint(...((a[0] as ApexList).items as number[])),
    getcommonprefix: (a) => {
        const items = ((a[0] as ApexList).items as string[]).filter((x) => x !== null);
        if (!items.length) return "";
        let p = items[0];
        for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
        return p;
    }
};

/** `String.format('{0} of {1}', args)` (MessageFormat subset: indexed placeholders, '' quoting). */
export function formatMessage(pattern: string, args: ApexList | null): string {
    const items = args ? args.items : [];
    return pattern.replace(/''|'([^']*)'|\{(\d+)\}/g, (m, quoted: string | undefined, idx: string | undefined) => {
        if (m === "''") return "'";
        if (quoted !== undefined) return quoted;
        const v = items[Number(idx)];
        return v === undefined ? m : stringify(v);
    });
}

function capitalize(s: string): string {
    return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Instance methods of String (the broad set the package and common test idioms use). */
export function stringMethod(s: string, name: string, a: Value[], _ctx: NativeCtx): Value {
    switch (name) {
        case "length":
            return s.length;
        case "touppercase":
            return s.toUpperCase();
        case "tolowercase":
            return s.toLowerCase();
        case "trim":
            return s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
        case "normalizespace":
            return s.trim().replace(/\s+/g, " ");
        case "deletewhitespace":
            return s.replace(/\s+/g, "");
        case "equals":
            return typeof a[0] === "string" ? a[0] === s : a[0] instanceof ApexId ? a[0].id18 === s : false;
        case "equalsignorecase":
            return typeof a[0] === "string" && a[0].toLowerCase() === s.toLowerCase();
        case "compareto": {
            const o = argStr(a, 0);
            return s < o ? -1 : s > o ? 1 : 0;
        }
        case "contains":
            return s.includes(argStr(a, 0));
        case "containsignorecase":
            return s.toLowerCase().includes(argStr(a, 0).toLowerCase());
        case "containsany":
            return [...argStr(a, 0)].some((c) => s.includes(c));
        case "containsnone":
            return ![...argStr(a, 0)].some((c) => s.includes(c));
        case "containsonly":
            return [...s].every((c) => argStr(a, 0).includes(c));
        case "containswhitespace":
            return /\s/.test(s);
        case "startswith":
            return s.startsWith(argStr(a, 0));
        case "startswithignorecase":
            return s.toLowerCase().startsWith(argStr(a, 0).toLowerCase());
        case "endswith":
            return s.endsWith(argStr(a, 0));
        case "endswithignorecase":
            return s.toLowerCase().endsWith(argStr(a, 0).toLowerCase());
        case "indexof":
            return a.length > 1 ? s.indexOf(argStr(a, 0), argInt(a, 1)) : s.indexOf(argStr(a, 0));
        case "indexofignorecase":
            return s.toLowerCase().indexOf(argStr(a, 0).toLowerCase(), a.length > 1 ? argInt(a, 1) : 0);
        case "lastindexof":
            return a.length > 1 ? s.lastIndexOf(argStr(a, 0), argInt(a, 1)) : s.lastIndexOf(argStr(a, 0));
        case "indexofany":
            return (
                [...argStr(a, 0)]
                    .map((c) => s.indexOf(c))
                    .filter((i) => i >= 0)
                    .sort((x, y) => x - y)[0] ?? -1
            );
        case "substring": {
            const b = argInt(a, 0);
            const e = a.length > 1 ? argInt(a, 1) : s.length;
            if (b < 0 || e > s.length || b > e)
                throw new ApexSystemError("StringException", `Ending position out of bounds: ${e}`);
            return s.substring(b, e);
        }
        case "left":
            return s.slice(0, Math.max(0, argInt(a, 0)));
        case "right":
            return argInt(a, 0) <= 0 ? "" : s.slice(-argInt(a, 0));
        case "mid":
            return s.substr(Math.max(0, argInt(a, 0)), argInt(a, 1));
        case "substringbefore": {
            const sep = argStr(a, 0);
            const i = s.indexOf(sep);
            return i < 0 ? s : s.slice(0, i);
        }
        case "substringafter": {
            const sep = argStr(a, 0);
            const i = s.indexOf(sep);
            return i < 0 ? "" : s.slice(i + sep.length);
        }
        case "substringbeforelast": {
            const sep = argStr(a, 0);
            const i = s.lastIndexOf(sep);
            return i < 0 ? s : s.slice(0, i);
        }
        case "substringafterlast": {
            const sep = argStr(a, 0);
            const i = s.lastIndexOf(sep);
            return i < 0 || i === s.length - sep.length ? "" : s.slice(i + sep.length);
        }
        case "substringbetween": {
            const open = argStr(a, 0);
            const close = a.length > 1 ? argStr(a, 1) : open;
            const i = s.indexOf(open);
            if (i < 0) return null;
            const j = s.indexOf(close, i + open.length);
            return j < 0 ? null : s.slice(i + open.length, j);
        }
        case "replace":
            return s.split(argStr(a, 0)).join(argStr(a, 1));
        case "replaceall":
            return s.replace(javaRegex(argStr(a, 0), "g"), javaReplacement(argStr(a, 1)));
        case "replacefirst":
            return s.replace(javaRegex(argStr(a, 0)), javaReplacement(argStr(a, 1)));
        case "split":
            return strList(javaSplit(s, argStr(a, 0), a.length > 1 ? argInt(a, 1) : 0));
        case "matches":
            return new RegExp(`^(?:${javaRegex(argStr(a, 0)).source})$`, javaRegex(argStr(a, 0)).flags).test(s);
        case "isblank":
            return isWhitespace(s);
        case "isnotblank":
            return !isWhitespace(s);
        case "isempty":
            return s === "";
        case "isnotempty":
            return s !== "";
        case "isnumeric":
            return /^\d+$/.test(s);
        case "isalpha":
            return /^[a-zA-Z]+$/.test(s);
        case "isalphanumeric":
            return /^[a-zA-Z0-9]+$/.test(s);
        case "isalllowercase":
            return s !== "" && s === s.toLowerCase() && /[a-z]/.test(s);
        case "isalluppercase":
            return s !== "" && s === s.toUpperCase() && /[A-Z]/.test(s);
        case "capitalize":
            return capitalize(s);
        case "uncapitalize":
            return s ? s[0].toLowerCase() + s.slice(1) : s;
        case "abbreviate": {
            const max = argInt(a, 0);
            if (max < 4) throw new ApexSystemError("IllegalArgumentException", "Minimum abbreviation width is 4");
            return s.length <= max ? s : `${s.slice(0, max - 3)}...`;
        }
        case "leftpad": {
            const n = argInt(a, 0);
            const pad = a.length > 1 ? argStr(a, 1) : " ";
            let out = s;
            while (out.length < n) out = pad + out;
            return out.length > n ? out.slice(out.length - n) : out;
        }
        case "rightpad": {
            const n = argInt(a, 0);
            const pad = a.length > 1 ? argStr(a, 1) : " ";
            let out = s;
            while (out.length < n) out += pad;
            return out.slice(0, Math.max(n, s.length));
        }
        case "center": {
            const n = argInt(a, 0);
            if (s.length >= n) return s;
            const total = n - s.length;
            const left = Math.floor(total / 2);
            return " ".repeat(left) + s + " ".repeat(total - left);
        }
        case "repeat":
            return a.length > 1 ? Array(argInt(a, 1)).fill(s).join(argStr(a, 0)) : s.repeat(argInt(a, 0));
        case "reverse":
            return [...s].reverse().join("");
        case "remove":
            return s.split(argStr(a, 0)).join("");
        case "removestart":
            return s.startsWith(argStr(a, 0)) ? s.slice(argStr(a, 0).length) : s;
        case "removeend":
            return s.endsWith(argStr(a, 0)) && argStr(a, 0) ? s.slice(0, -argStr(a, 0).length) : s;
        case "removestartignorecase":
            return s.toLowerCase().startsWith(argStr(a, 0).toLowerCase()) ? s.slice(argStr(a, 0).length) : s;
        case "removeendignorecase":
            return s.toLowerCase().endsWith(argStr(a, 0).toLowerCase()) && argStr(a, 0)
                ? s.slice(0, -argStr(a, 0).length)
                : s;
        case "countmatches": {
            const sub = argStr(a, 0);
            return sub ? s.split(sub).length - 1 : 0;
        }
        case "charat": {
            const i = argInt(a, 0);
            if (i < 0 || i >= s.length) throw new ApexSystemError("StringException", `Char index out of bounds: ${i}`);
            return s.charCodeAt(i);
        }
        case "codepointat":
            return s.codePointAt(argInt(a, 0)) ?? 0;
        case "getchars":
            return new ApexList(
                prim("Integer"),
                [...s].map((c) => c.codePointAt(0) ?? 0)
            );
        case "tochararray":
            return strList([...s]);
        case "splitbycharactertype":
            return strList(s.match(/[A-Z]+|[a-z]+|[0-9]+|\s+|[^A-Za-z0-9\s]+/g) ?? []);
        case "escapejava":
        case "escapeecmascript":
            return escapeUnicode(
                s
                    .replace(/\\/g, "\\\\")
                    .replace(/"/g, '\\"')
                    .replace(/\n/g, "\\n")
                    .replace(/\r/g, "\\r")
                    .replace(/\t/g, "\\t")
            );
        case "escapehtml4":
        case "escapexml":
            return s
                .replace(/&/g, "&amp;")
                .replace(/</g, "&lt;")
                .replace(/>/g, "&gt;")
                .replace(/"/g, "&quot;")
                .replace(/'/g, name === "escapexml" ? "&apos;" : "'");
        case "unescapehtml4":
        case "unescapexml":
            return s
                .replace(/&lt;/g, "<")
                .replace(/&gt;/g, ">")
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&#39;/g, "'")
                .replace(/&amp;/g, "&");
        case "escapesinglequotes":
            return s.replace(/'/g, "\\'");
        case "hashcode": {
            let h = 0;
            for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
            return h;
        }
        case "tostring":
            return s;
        case "format":
            return formatMessage(s, a[0] as ApexList);
        case "difference": {
            const o = argStr(a, 0);
            let i = 0;
            while (i < s.length && i < o.length && s[i] === o[i]) i++;
            return o.slice(i);
        }
        case "to15": {
            const id = normaliseId(s);
            if (!id) throw sysErr.invalidId(s);
            return id.slice(0, 15);
        }
    }
    return noMethod(`String.${name}`, a.length);
}

/** `Id` instance methods. */
export function idMethod(id: string, name: string, a: Value[], ctx: NativeCtx): Value {
    switch (name) {
        case "to15":
            return id.slice(0, 15);
        case "equals":
            return a[0] !== null && stringify(a[0] ?? null) === id;
        case "hashcode":
            return stringMethod(id, "hashcode", a, ctx);
        case "tostring":
            return id;
        case "getsobjecttype":
            return noMethod("Id.getSObjectType (without an org data layer)", 0);
    }
    return noMethod(`Id.${name}`, a.length);
}

export function idStatics(name: string, a: Value[]): Value {
    if (name === "valueof") return toId(argStr(a, 0));
    return noMethod(`Id.${name}`, a.length);
}

export { hashKey, ApexBlob, ApexDecimal, ApexDouble, ApexDate };
