import { UnsupportedError } from "../errors";

/**
 * Translates a Java regular expression (Apex `split`, `replaceAll`, `matches`, `Pattern`) into a
 * JavaScript RegExp. Handles `\Q…\E` quoting and leading inline flags; constructs JavaScript cannot
 * express (possessive quantifiers, atomic groups, `\A`/`\Z`) fail loudly.
 */
export function javaRegex(src: string, extraFlags = ""): RegExp {
    let flags = extraFlags;
    let s = src.replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"));
    const inline = /^\(\?([imsx]+)\)/.exec(s);
    if (inline) {
        if (inline[1].includes("x")) throw new UnsupportedError("Java regex flag (?x)");
        flags += inline[1];
        s = s.slice(inline[0].length);
    }
    if (/(\*|\+|\?|\})\+/.test(s.replace(/\\./g, "")))
        throw new UnsupportedError(`possessive quantifier in regex ${src}`);
    if (/\(\?>/.test(s)) throw new UnsupportedError(`atomic group in regex ${src}`);
    if (/\\[AZzG]/.test(s)) throw new UnsupportedError(`anchor \\A/\\Z/\\z/\\G in regex ${src}`);
    s = s.replace(/\\p\{(Alpha|Digit|Alnum|Upper|Lower|Punct|Space)\}/g, (_m, cls: string) => {
        const map: Record<string, string> = {
            Alpha: "[a-zA-Z]",
            Digit: "[0-9]",
            Alnum: "[a-zA-Z0-9]",
            Upper: "[A-Z]",
            Lower: "[a-z]",
            Punct: "[!-\\/:-@\\[-`{-~]",
            Space: "\\s"
        };
        return map[cls];
    });
    try {
        return new RegExp(s, flags.includes("u") ? flags : `${flags}u`.replace("u", ""));
    } catch {
        throw new UnsupportedError(`regex ${src}`);
    }
}

/** Converts a Java replacement string (`$1`, `\$`) to a JavaScript one. */
export function javaReplacement(r: string): string {
    return r.replace(/\\(.)|\$/g, (m, esc: string | undefined) => {
        if (esc !== undefined) return esc === "$" ? "$$" : esc;
        return m;
    });
}
