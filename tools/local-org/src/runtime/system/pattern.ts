import type { NativeCtx } from "../nativeApi";
import { prim } from "../../link/rtype";
import { ApexSystemError } from "../errors";
import { ApexList, NativeObject, type Value } from "../values/values";
import { argInt, argStr, noMethod } from "./args";
import { javaRegex, javaReplacement } from "./javaRegex";
import { javaSplit } from "./strings";

interface MatcherState {
    regex: string;
    input: string;
    /** Position the next find() starts from. */
    pos: number;
    match: RegExpExecArray | null;
}

function newMatcher(regex: string, input: string): NativeObject {
    const st: MatcherState = { regex, input, pos: 0, match: null };
    return new NativeObject("Matcher", st as unknown as Record<string, unknown>);
}

/** `Pattern.compile`, `Pattern.matches`, `Pattern.quote` (Java regex translated, see javaRegex.ts). */
export const patternStatics: Record<string, (a: Value[], ctx: NativeCtx) => Value> = {
    compile: (a) => {
        const regex = argStr(a, 0);
        javaRegex(regex); // validate now: PatternException-equivalent failures surface at compile
        return new NativeObject("Pattern", { regex });
    },
    matches: (a) => fullMatch(argStr(a, 0), argStr(a, 1)) !== null,
    quote: (a) => `\\Q${argStr(a, 0)}\\E`
};

function fullMatch(regex: string, input: string): RegExpExecArray | null {
    const re = javaRegex(regex);
    const anchored = new RegExp(`^(?:${re.source})$`, re.flags);
    return anchored.exec(input);
}

export function patternMethod(o: NativeObject, name: string, a: Value[]): Value {
    const regex = String(o.state.regex);
    switch (name) {
        case "matcher":
            return newMatcher(regex, argStr(a, 0));
        case "pattern":
        case "tostring":
            return regex;
        case "split":
            return new ApexList(prim("String"), javaSplit(argStr(a, 0), regex, a.length > 1 ? argInt(a, 1) : 0));
    }
    return noMethod(`Pattern.${name}`, a.length);
}

function requireMatch(st: MatcherState): RegExpExecArray {
    if (!st.match) throw new ApexSystemError("StringException", "No match found");
    return st.match;
}

export function matcherMethod(o: NativeObject, name: string, a: Value[]): Value {
    const st = o.state as unknown as MatcherState;
    switch (name) {
        case "matches":
            st.match = fullMatch(st.regex, st.input);
            return st.match !== null;
        case "find": {
            if (a.length === 1) st.pos = argInt(a, 0);
            const re = javaRegex(st.regex, "g");
            re.lastIndex = st.pos;
            st.match = re.exec(st.input);
            if (st.match) st.pos = st.match.index + Math.max(1, st.match[0].length);
            return st.match !== null;
        }
        case "lookingat": {
            const re = javaRegex(st.regex);
            const m = new RegExp(`^(?:${re.source})`, re.flags).exec(st.input);
            st.match = m;
            return m !== null;
        }
        case "group": {
            const m = requireMatch(st);
            const i = a.length ? argInt(a, 0) : 0;
            if (i < 0 || i >= m.length) throw new ApexSystemError("StringException", `No group ${i}`);
            return m[i] ?? null;
        }
        case "groupcount": {
            // An empty alternative always matches, so exec() reveals the number of groups.
            const probe = new RegExp(`${javaRegex(st.regex).source}|`).exec("");
            return probe ? probe.length - 1 : 0;
        }
        case "start":
            return requireMatch(st).index;
        case "end": {
            const m = requireMatch(st);
            return m.index + m[0].length;
        }
        case "replaceall":
            return st.input.replace(javaRegex(st.regex, "g"), javaReplacement(argStr(a, 0)));
        case "replacefirst":
            return st.input.replace(javaRegex(st.regex), javaReplacement(argStr(a, 0)));
        case "reset":
            st.pos = 0;
            st.match = null;
            if (a.length) st.input = argStr(a, 0);
            return o;
        case "hitend":
            return noMethod("Matcher.hitEnd", 0);
    }
    return noMethod(`Matcher.${name}`, a.length);
}
