import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "./helpers";

/**
 * Issue 20: `Test.createStub` / `System.StubProvider`. The documented behaviour is in StubApiConformanceTest; these
 * tests hold what the guide's "Apex Stub API Limitations" rule out (or leave open), which fails loudly.
 */
const PROVIDER = `public class Provider implements System.StubProvider {
    public Object handleMethodCall(Object stub, String name, System.Type returnType, List<System.Type> types,
            List<String> names, List<Object> args) {
        if (name == 'value') return 7;
        if (name == 'text') return 42;
        return null;
    }
}`;

const TARGET = `public virtual class Target {
    public Integer count;
    public String label { get; set; }
    public Target() {}
    public virtual Decimal value() { return 1; }
    public String text() { return 'real'; }
    @TestVisible private Integer hidden() { return 0; }
    public class Nested { public Integer n() { return 1; } }
}`;

function probe(body: string): { message: string | null; passed: boolean } {
    const org = orgFrom({
        "classes/Provider.cls": PROVIDER,
        "classes/Target.cls": TARGET,
        "classes/OnlyPrivate.cls":
            "public class OnlyPrivate { private OnlyPrivate() {} public Integer n() { return 1; } }",
        "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`
    });
    const r = org.runTests({ className: "ProbeTest" });
    org.close();
    assert.equal(r.results.length, 1);
    return r.results[0];
}

describe("the stub API", () => {
    it("stubs instance methods and widens a numeric return as an assignment does", () => {
        const r = probe(`Target t = (Target) Test.createStub(Target.class, new Provider());
        Assert.areEqual(7, t.value());
        Assert.isTrue(t.value() instanceof Decimal);`);
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("what the limitations rule out fails loudly", () => {
        const cases: [string, RegExp][] = [
            [`Test.createStub(HttpRequest.class, new Provider());`, /system type HttpRequest/],
            [`Test.createStub(Target.Nested.class, new Provider());`, /inner class/],
            [`Test.createStub(OnlyPrivate.class, new Provider());`, /only private constructors/],
            [
                `Target t = (Target) Test.createStub(Target.class, new Provider()); Integer n = t.count;`,
                /field or property count read on a stub/
            ],
            [
                `Target t = (Target) Test.createStub(Target.class, new Provider()); t.label = 'x';`,
                /field or property label written on a stub/
            ],
            [
                `Target t = (Target) Test.createStub(Target.class, new Provider()); t.hidden();`,
                /private method Target\.hidden/
            ],
            [
                `Target t = (Target) Test.createStub(Target.class, new Provider()); String s = t.text();`,
                /handleMethodCall returned Integer for Target\.text, declared String/
            ]
        ];
        for (const [body, re] of cases) {
            const r = probe(body);
            assert.equal(r.passed, false, body);
            assert.match(r.message ?? "", re, body);
        }
    });

    it("Test.createStub outside a test fails loudly", () => {
        const org = orgFrom({ "classes/Provider.cls": PROVIDER, "classes/Target.cls": TARGET });
        const r = org.runAnonymous("Object o = Test.createStub(Target.class, new Provider());");
        org.close();
        assert.equal(r.success, false);
        assert.match(r.error ?? "", /Test\.createStub outside a test/);
    });
});
