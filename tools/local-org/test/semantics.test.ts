import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clockSettings } from "../src/index";
import { anon, orgFrom } from "./helpers";

/** Semantics not expressible as org-portable conformance tests (fixed clock, exact numeric text). */
describe("value semantics", () => {
    it("Decimal division keeps 33 significant digits, HALF_UP", () => {
        assert.deepEqual(anon(`Decimal one = 1; System.debug(one / 3); System.debug(Decimal.valueOf(2) / 3);`), [
            "0.333333333333333333333333333333333",
            "0.666666666666666666666666666666667"
        ]);
    });

    it("Integer and Long overflow silently", () => {
        assert.deepEqual(
            anon(
                `Integer i = 2147483647; i *= 2; System.debug(i); Long l = 9223372036854775807L; l++; System.debug(l);`
            ),
            ["-2", "-9223372036854775808"]
        );
    });

    it("Doubles print like Java", () => {
        assert.deepEqual(
            anon(
                `Double a = 1; Double b = 12345678.9; Double c = 0.0001; System.debug(a); System.debug(b); System.debug(c);`
            ),
            ["1.0", "1.23456789E7", "1.0E-4"]
        );
    });

    it("serializePretty follows Jackson layout for nested objects and arrays", () => {
        const [out] = anon(
            `System.debug(JSON.serializePretty(new Map<String, Object>{ 'a' => new List<Object>{ 1, new Map<String, Object>{ 'b' => true } }, 'e' => new Map<String, Object>() }));`
        );
        assert.equal(out, '{\n  "a" : [ 1, {\n    "b" : true\n  } ],\n  "e" : { }\n}');
    });

    it("Date.today and Datetime accessors use the running user time zone and the fixed clock", () => {
        const saved = { ...clockSettings };
        try {
            const org = orgFrom(
                {},
                { clock: () => Date.parse("2026-03-01T03:00:00Z"), timeZone: "America/Los_Angeles" }
            );
            const r = org.runAnonymous(
                `System.debug(Date.today()); System.debug(System.now().hour()); System.debug(System.now().hourGmt()); System.debug(String.valueOf(System.now()));`
            );
            assert.equal(r.error, null);
            assert.deepEqual(
                r.debugLog.map((d) => d.message),
                ["2026-02-28", "19", "3", "2026-02-28 19:00:00"]
            );
        } finally {
            clockSettings.now = saved.now;
            clockSettings.timeZone = saved.timeZone;
        }
    });

    it("Java split and regex semantics", () => {
        assert.deepEqual(
            anon(
                `System.debug('a,,b,,'.split(',')); System.debug(','.split(',').size()); System.debug('x1y2'.replaceAll('\\\\d', '#')); System.debug('a.b'.split('\\\\Q.\\\\E'));`
            ),
            ["(a, , b)", "0", "x#y#", "(a, b)"]
        );
    });

    it("user-defined equals drives == on objects; reference equality otherwise", () => {
        const out = anon(`
class P { Integer v; P(Integer v) { this.v = v; } public Boolean equals(Object o) { return o instanceof P && ((P) o).v == v; } public Integer hashCode() { return v; } }
class Q { }
System.debug(new P(1) == new P(1));
System.debug(new P(1) == new P(2));
System.debug(new Q() == new Q());
Q q = new Q();
System.debug(q == q);`);
        assert.deepEqual(out, ["true", "false", "false", "true"]);
    });

    it("a user-defined toString() drives concatenation and String.valueOf", () => {
        const out = anon(`
class Money { Decimal amount; Money(Decimal a) { amount = a; } public override String toString() { return amount + ' EUR'; } }
class Plain { Integer n = 1; }
System.debug('cost: ' + new Money(2.50));
System.debug(String.valueOf(new Money(1)));
System.debug(new Plain());`);
        assert.deepEqual(out, ["cost: 2.50 EUR", "1 EUR", "AnonymousBlock.Plain:[n=1]"]);
    });

    it("static types coerce on assignment: Id from String validates, Decimal from Integer divides exactly", () => {
        assert.deepEqual(
            anon(
                `Decimal d = 7; System.debug(d / 2); Integer i = 7; System.debug(i / 2); Id x = '001000000000001'; System.debug(x);`
            ),
            ["3.5", "3", "001000000000001AAA"]
        );
    });
});

describe("stack depth", () => {
    it("runaway recursion ends in an uncatchable LimitException, not a JS crash", () => {
        const org = orgFrom({});
        const r = org.runAnonymous(`
Integer down(Integer n) { try { return down(n + 1); } catch (Exception e) { return -1; } }
System.debug(down(0));`);
        assert.equal(r.success, false);
        assert.match(r.error ?? "", /^System\.LimitException: Maximum stack depth reached: 1001\n/);
        assert.deepEqual(r.debugLog, []);
    });
});

describe("callout limits and hooks", () => {
    const MOCK = `@IsTest
public class LimitMock implements HttpCalloutMock {
    public HttpResponse respond(HttpRequest req) { HttpResponse r = new HttpResponse(); r.setStatusCode(200); return r; }
}`;

    it("the 101st callout throws an uncatchable LimitException", () => {
        const org = orgFrom({
            "LimitMock.cls": MOCK,
            "LimitTest.cls": `@IsTest
private class LimitTest {
    @IsTest static void tooMany() {
        Test.setMock(HttpCalloutMock.class, new LimitMock());
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:X/y');
        req.setMethod('GET');
        for (Integer i = 0; i < 101; i++) {
            try { new Http().send(req); } catch (Exception e) { System.debug('caught'); }
        }
    }
}`
        });
        const r = org.runTests();
        assert.equal(r.results[0].passed, false);
        assert.equal(r.results[0].message, "System.LimitException: Too many callouts: 101");
        assert.deepEqual(r.results[0].debugLog, []);
    });

    it("a callout after uncommitted work fails (uncommitted DML)", () => {
        const org = orgFrom({
            "LimitMock.cls": MOCK,
            "PendingTest.cls": `@IsTest
private class PendingTest {
    @IsTest static void pending() {
        Test.setMock(HttpCalloutMock.class, new LimitMock());
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:X/y');
        req.setMethod('GET');
        new Http().send(req);
    }
}`
        });
        org.host.hasUncommittedWork = () => true;
        const r = org.runTests();
        assert.equal(
            r.results[0].message,
            "System.CalloutException: You have uncommitted work pending. Please commit or rollback before calling out"
        );
    });

    it("an exception escaping a test fails it with the platform message and stack, and the run continues", () => {
        const org = orgFrom({
            "EscTest.cls": `@IsTest
private class EscTest {
    public class MyException extends Exception {}
    @IsTest static void a() { throw new MyException('escaped'); }
    @IsTest static void b() { Assert.isTrue(true); }
}`
        });
        const r = org.runTests();
        assert.equal(r.results[0].message, "EscTest.MyException: escaped");
        assert.equal(r.results[0].stackTrace, "Class.EscTest.a: line 4, column 31");
        assert.equal(r.results[1].passed, true);
    });
});
