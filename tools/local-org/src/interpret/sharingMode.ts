import type { SharingMode } from "../data/sharing";
import type { ClassInfo } from "../link/classInfo";

/**
 * The sharing keyword a class runs under: its own, else its superclass's ("Classes inherit this setting from a
 * parent class when one class extends another"; inner classes do not inherit their container's), else none.
 */
export function declaredSharing(cls: ClassInfo | null): "with" | "without" | "inherited" | null {
    for (let c = cls; c; c = c.superClass) {
        for (const k of c.decl?.mods.keywords ?? []) {
            const kw = k.replace(/\s+/g, "");
            if (kw === "withsharing") return "with";
            if (kw === "withoutsharing") return "without";
            if (kw === "inheritedsharing") return "inherited";
        }
    }
    return null;
}

/**
 * Sharing of code in `cls` called from a frame with `caller`'s mode (null at the entry point of a transaction), from
 * the Apex Developer Guide, "Use the with sharing, without sharing, and inherited sharing Keywords": the class where
 * the code is defined decides ("with sharing" / "without sharing"); "inherited sharing" takes the caller's mode and
 * "runs as with sharing" at an entry point ("Any other entry point to an Apex transaction such as an asynchronous
 * Apex class"). A class without a keyword runs in the caller's mode ("the current sharing rules remain in effect");
 * at an entry point the guide's versions disagree (earlier: sharing not enforced; the current one: "If a class
 * doesn't have an explicit sharing declaration, then it defaults to with sharing"), so the mode is unknown and any
 * access it would decide fails loudly.
 */
export function sharingOf(
    cls: ClassInfo | null,
    caller: { mode: SharingMode; why: string } | null
): { sharing: SharingMode; why: string } {
    const declared = declaredSharing(cls);
    if (declared === "with" || declared === "without") return { sharing: declared, why: "" };
    if (caller) return { sharing: caller.mode, why: caller.why };
    if (declared === "inherited") return { sharing: "with", why: "" };
    return {
        sharing: "unknown",
        why: `class ${cls?.name ?? "?"} (no sharing keyword, at the entry point of the transaction: the Apex Developer Guide's versions disagree on its default)`
    };
}
