import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "./helpers";

/** Issue 4 item 6: unsupported constructs fail the run with file:line and the construct's name. */
function runSingle(body: string, extraMembers = ""): { message: string | null; passed: boolean } {
    const org = orgFrom({
        "classes/LoudTest.cls": `@IsTest
private class LoudTest {
${extraMembers}
    @IsTest
    static void probe() {
        ${body}
    }
}`
    });
    const r = org.runTests();
    assert.equal(r.results.length, 1);
    return r.results[0];
}

describe("loud failures", () => {
    it("an inline SOQL query fails at its line, not with a guessed result", () => {
        const r = runSingle(`List<Contact> cs = [SELECT Id FROM Contact WHERE Name = :'x'];`);
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /^classes\/LoudTest\.cls:6: not supported by the local org: /);
    });

    it("DML statements fail loudly", () => {
        const r = runSingle(`Object o = null; insert o;`);
        assert.equal(
            r.message,
            "classes/LoudTest.cls:6: not supported by the local org: DML insert (part 2 of the local org)"
        );
    });

    it("an unknown String method fails at the call site", () => {
        const r = runSingle(`String s = 'abc'; s.frobnicate();`);
        assert.equal(
            r.message,
            "classes/LoudTest.cls:6: not supported by the local org: method String.frobnicate(0 arguments)"
        );
    });

    it("an unimplemented system class method fails at the call site", () => {
        const r = runSingle(`System.enqueueJob(null);`);
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /classes\/LoudTest\.cls:6: not supported by the local org: System\.enqueuejob/);
    });

    it("an unknown type (e.g. an SObject before part 2) fails loudly", () => {
        const r = runSingle(`Account a = null;`);
        assert.match(r.message ?? "", /not supported by the local org: type Account \(SObjects arrive with part 2\)/);
    });

    it("Apex code cannot catch an unsupported-construct failure", () => {
        const r = runSingle(`try { String s = 'x'; s.frobnicate(); } catch (Exception e) { return; }`);
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org/);
    });

    it("Java regex constructs JavaScript cannot express are refused", () => {
        const r = runSingle(`'aaa'.replaceAll('a++', 'b');`);
        assert.match(r.message ?? "", /not supported by the local org: possessive quantifier/);
    });

    it("SObject field initialisers in new X(Field=…) are refused", () => {
        const r = runSingle(`Object o = new Foo(Name = 'x');`, "    class Foo { }");
        assert.match(r.message ?? "", /not supported by the local org/);
    });

    it("the supported-subset check lists unsupported constructs found at load", () => {
        const org = orgFrom({
            "classes/Q.cls": `public class Q {
    public static Object q() { return [SELECT Id FROM Account]; }
    public static void d(Object o) { update o; }
}`
        });
        const unit = org.units.find((u) => u.file === "classes/Q.cls");
        assert.deepEqual(
            unit?.unsupported.map((u) => `${u.pos.line}:${u.construct}`),
            ["2:SOQL query", "3:DML update"]
        );
    });

    it("the supported-subset check also lists types the local org cannot resolve", () => {
        const org = orgFrom({
            "classes/T.cls": `public class T {
    public static List<Contact> cs;
    public static Map<String, Integer> fine;
    public static void m() { Account a; }
}`
        });
        assert.deepEqual(
            org.supportedSubsetCheck().map((x) => `${x.line}:${x.construct}`),
            ["2:type Contact", "4:type Account"]
        );
    });
});
