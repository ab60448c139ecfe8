import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApexSyntaxErrors } from "../src/index";
import { orgFrom } from "./helpers";

/**
 * Issue 20: code the platform's compiler refuses must not run here. Reserved identifiers (Apex Developer Guide,
 * "Reserved Keywords") stop the load like a syntax error; a numeric conversion the declared type lacks (Apex
 * Reference, "Long Class": format, intValue) fails the test as a compile error.
 */
function loadError(source: string): string {
    try {
        orgFrom({ "classes/Probe.cls": source }).close();
    } catch (e) {
        assert.ok(e instanceof ApexSyntaxErrors, String(e));
        return e.message;
    }
    return "";
}

describe("reserved identifiers", () => {
    it("refuses reserved words as variable, parameter, field and property names", () => {
        const cases: [string, string][] = [
            ["public class Probe { static void m() { Integer end = 1; } }", "end"],
            ["public class Probe { static void m(String hint) { } }", "hint"],
            ["public class Probe { Integer inner; }", "inner"],
            ["public class Probe { public Time time { get; set; } }", "time"],
            ["public class Probe { static void m() { for (Integer of : new List<Integer>()) { } } }", "of"],
            ["public class Probe { static void m() { try { } catch (Exception outer) { } } }", "outer"],
            ["public class Probe { void like() { } }", "like"]
        ];
        for (const [src, word] of cases) {
            const msg = loadError(src);
            assert.match(msg, new RegExp(`classes/Probe\\.cls:\\d+:\\d+ Identifier name is reserved: ${word}`), src);
        }
    });

    it("accepts the words the compiler still allows as method names, and non-reserved keywords", () => {
        assert.equal(loadError("public class Probe { void end() { } Integer sort() { return 1; } }"), "");
        assert.equal(loadError("public class Probe { Integer count; Integer after; String first; }"), "");
    });
});

describe("compile errors detected when the code runs", () => {
    it("a Long has no longValue(): Decimal.round(mode) returns a Long", () => {
        const org = orgFrom({
            "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        Decimal d = 2.5;
        Long l = d.round(System.RoundingMode.HALF_UP).longValue();
    }
}`
        });
        const r = org.runTests();
        org.close();
        assert.equal(r.results[0].passed, false);
        assert.equal(
            r.results[0].message,
            "classes/ProbeTest.cls:6: compile error on the platform: Method does not exist or incorrect signature: longValue() from the type Long"
        );
        assert.equal(r.failed, 1, "a compile error is a failure, not an unsupported construct");
    });

    it("Type.getName() of a system class fails loudly (the System. prefix is not documented)", () => {
        const org = orgFrom({
            "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        String n = HttpRequest.class.getName();
    }
}`
        });
        const r = org.runTests();
        org.close();
        assert.match(
            r.results[0].message ?? "",
            /not supported by the local org: Type\.getName\(\) of the system type/
        );
    });
});
