import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatConsoleReport, junitXml, coverageJson } from "../src/index";
import { orgFrom } from "./helpers";

const PROD = `public class Shop {
    public static Integer total(List<Integer> prices) {
        Integer sum = 0;
        for (Integer p : prices) {
            sum += p;
        }
        return sum;
    }
    public static String unused() {
        String a = 'x';
        return a;
    }
}`;

const TESTS = `@IsTest
private class ShopTest {
    @IsTest
    static void totals() {
        Assert.areEqual(6, Shop.total(new List<Integer>{ 1, 2, 3 }));
    }
    @IsTest
    static void failsOnPurpose() {
        Assert.areEqual(1, 2, 'on purpose');
    }
    @IsTest
    static void throwsNpe() {
        String s;
        helper(s);
    }
    static void helper(String s) {
        s.length();
    }
    @IsTest
    static void passesAfterFailures() {
        System.debug('not shown for passing tests');
        Assert.isTrue(true);
    }
}`;

describe("test runner", () => {
    const org = orgFrom({ "classes/Shop.cls": PROD, "classes/ShopTest.cls": TESTS });
    const run = org.runTests();

    it("runs every test method, isolated, and continues after failures", () => {
        assert.equal(run.results.length, 4);
        assert.equal(run.passed, 2);
        assert.equal(run.failed, 2);
        assert.deepEqual(
            run.results.map((r) => `${r.methodName}:${r.passed}`),
            ["totals:true", "failsOnPurpose:false", "throwsNpe:false", "passesAfterFailures:true"]
        );
    });

    it("reports Apex-style failure messages and stack lines", () => {
        const assertFail = run.results.find((r) => r.methodName === "failsOnPurpose");
        assert.equal(
            assertFail?.message,
            "System.AssertException: Assertion Failed: on purpose: Expected: 1, Actual: 2"
        );
        assert.equal(assertFail?.stackTrace, "Class.ShopTest.failsOnPurpose: line 9, column 9");
        const npe = run.results.find((r) => r.methodName === "throwsNpe");
        assert.equal(npe?.message, "System.NullPointerException: Attempt to de-reference a null object");
        assert.equal(
            npe?.stackTrace,
            "Class.ShopTest.helper: line 17, column 9\nClass.ShopTest.throwsNpe: line 14, column 9"
        );
    });

    it("computes line coverage per class", () => {
        assert.equal(run.coverage.length, 1);
        const c = run.coverage[0];
        assert.equal(c.name, "Shop");
        // executable: lines 3,4,5,7 (total) and 10,11 (unused)
        assert.equal(c.total, 6);
        assert.equal(c.covered, 4);
        assert.deepEqual(c.uncoveredLines, [10, 11]);
        assert.equal(Math.round(c.percent * 100) / 100, 66.67);
        assert.equal(run.overall.total, 6);
    });

    it("flags production classes with tests under 90% coverage", () => {
        assert.equal(run.fullRun, true);
        assert.equal(run.gateEnforced, true);
        assert.deepEqual(
            run.belowThreshold.map((c) => c.name),
            ["Shop"]
        );
    });

    it('prints one line per test and ends with "N passed, N failed"', () => {
        const text = formatConsoleReport(run);
        const lines = text.split("\n");
        assert.equal(lines[lines.length - 1], "2 passed, 2 failed");
        assert.ok(lines.some((l) => /^PASS {2}ShopTest\.totals \(\d+ ms\)$/.test(l)));
        assert.ok(lines.some((l) => /^FAIL {2}ShopTest\.failsOnPurpose \(\d+ ms\)$/.test(l)));
        assert.ok(lines.includes("      Class.ShopTest.failsOnPurpose: line 9, column 9"));
        assert.ok(lines.some((l) => /^ {2}Shop\s+66\.7% {2}\(4\/6\)$/.test(l)));
        assert.ok(lines.some((l) => l.startsWith("Coverage below 90%: Shop 66.7% (uncovered lines 10, 11)")));
    });

    it("writes JUnit XML with one testsuite per class and failure details", () => {
        const xml = junitXml(run);
        assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
        assert.match(xml, /<testsuites name="local-org" tests="4" failures="2"/);
        assert.match(xml, /<testsuite name="ShopTest" tests="4" failures="2" errors="0"/);
        assert.match(xml, /<testcase classname="ShopTest" name="totals" time="[\d.]+"\/>/);
        assert.match(
            xml,
            /<failure message="System.AssertException: Assertion Failed: on purpose: Expected: 1, Actual: 2" type="System.AssertException">Class.ShopTest.failsOnPurpose: line 9, column 9<\/failure>/
        );
    });

    it("writes coverage JSON", () => {
        const cov = JSON.parse(coverageJson(run)) as {
            overall: { percent: number };
            classes: Record<string, { uncoveredLines: number[] }>;
        };
        assert.equal(cov.overall.percent, 66.67);
        assert.deepEqual(cov.classes.Shop.uncoveredLines, [10, 11]);
    });

    it("filters by class and method, and does not gate coverage on filtered runs", () => {
        const one = org.runTests({ className: "shoptest", methodName: "TOTALS" });
        assert.equal(one.results.length, 1);
        assert.equal(one.passed, 1);
        assert.equal(one.fullRun, false);
        assert.deepEqual(one.belowThreshold, []);
    });
});

describe("debug output of failed tests", () => {
    it("shows the last System.debug lines under a failure only", () => {
        const org = orgFrom({
            "DbgTest.cls": `@IsTest
private class DbgTest {
    @IsTest static void fails() { for (Integer i = 0; i < 12; i++) { System.debug('step ' + i); } Assert.fail('boom'); }
    @IsTest static void passes() { System.debug('quiet'); }
}`
        });
        const text = formatConsoleReport(org.runTests());
        assert.match(text, /debug log \(last 10 of 12 lines\):\n {8}\[DEBUG\] step 2\n/);
        assert.match(text, /\[DEBUG\] step 11\n/);
        assert.doesNotMatch(text, /quiet/);
    });
});

describe("unsupported-as-skipped mode", () => {
    it("reports tests that only hit unimplemented constructs as skipped and suspends the coverage gate", () => {
        const org = orgFrom({
            "Svc.cls":
                "public class Svc { public static Integer one() { return 1; } public static Object q() { return [FIND 'x' IN ALL FIELDS RETURNING Contact]; } }",
            "SvcTest.cls": `@IsTest
private class SvcTest {
    @IsTest static void ok() { Assert.areEqual(1, Svc.one()); }
    @IsTest static void needsSosl() { Svc.q(); }
    @IsTest static void realFailure() { Assert.areEqual(1, 2); }
}`
        });
        const strict = org.runTests();
        assert.deepEqual([strict.passed, strict.failed, strict.skipped], [1, 2, 0]);
        const lenient = org.runTests({ unsupportedAsSkipped: true });
        assert.deepEqual([lenient.passed, lenient.failed, lenient.skipped], [1, 1, 1]);
        assert.equal(lenient.gateEnforced, false);
        const text = formatConsoleReport(lenient);
        assert.ok(text.endsWith("1 passed, 1 failed, 1 skipped"));
        assert.match(text, /SKIP {2}SvcTest\.needsSosl/);
        assert.match(junitXml(lenient), /<skipped message="Svc.cls:1: not supported by the local org: SOSL search"\/>/);
    });
});

describe("test isolation", () => {
    it("resets statics per test and hides @TestSetup statics", () => {
        const org = orgFrom({
            "IsoTest.cls": `@IsTest
private class IsoTest {
    static Integer n = 0;
    static String fromSetup;
    @TestSetup static void setup() { fromSetup = 'x'; }
    @IsTest static void a() { n++; Assert.areEqual(1, n); Assert.isNull(fromSetup); }
    @IsTest static void b() { n++; Assert.areEqual(1, n); }
    @IsTest static void mockIsPerTest() { Assert.isTrue(Test.isRunningTest()); }
}`
        });
        const r = org.runTests();
        assert.equal(r.failed, 0, JSON.stringify(r.results.filter((x) => !x.passed)));
        assert.equal(r.passed, 3);
    });
});
