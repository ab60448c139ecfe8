import { sysErr } from "../errors";
import { ApexId } from "./values";

const SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** The 3-character case-safe suffix of a 15-character Id. */
export function idSuffix(id15: string): string {
    let out = "";
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        out += SUFFIX_CHARS[bits];
    }
    return out;
}

/** Validates and normalises a 15- or 18-character Id; returns null when invalid. */
export function normaliseId(s: string): string | null {
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(s)) return null;
    const id15 = s.slice(0, 15);
    const suffix = idSuffix(id15);
    if (s.length === 18 && s.slice(15).toUpperCase() !== suffix) return null;
    return id15 + suffix;
}

/** String → Id as on assignment: throws `StringException: Invalid id: …`. */
export function toId(s: string): ApexId {
    const n = normaliseId(s);
    if (n === null) throw sysErr.invalidId(s);
    return new ApexId(n);
}
