import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { featureOf, formatCompatReport, projectLayout, runCompat } from "../src/compat";

/**
 * Issue 20: the compatibility report (`npm run apex -- compat --source DIR`), on the small SFDX projects under
 * test/fixtures/compat (one per feature family).
 */
const FIXTURES = path.resolve(__dirname, "../../../../tools/local-org/test/fixtures/compat");
const run = (name: string) => runCompat({ projects: [path.join(FIXTURES, name)], cacheDir: null });

describe("compatibility report", () => {
    it("language: every test passes", () => {
        const r = run("language");
        assert.deepEqual([r.total, r.passed, r.failed, r.unsupported], [2, 2, 0, 0]);
        assert.deepEqual(r.classes, [{ className: "GreeterTest", passed: 2, failed: 0, unsupported: 0 }]);
    });

    it("data: custom objects and relationships run; a real failure is a failure, not unsupported", () => {
        const r = run("data");
        assert.deepEqual([r.passed, r.failed, r.unsupported], [1, 1, 0]);
        assert.equal(r.failures[0].test, "WidgetServiceTest.expectsTheWrongCount");
        assert.match(r.failures[0].message, /AssertException: Assertion Failed: deliberately wrong/);
    });

    it("async and callouts: a Queueable with a callout mock passes", () => {
        const r = run("async");
        assert.deepEqual([r.passed, r.failed, r.unsupported], [1, 0, 0]);
    });

    it("unsupported constructs are reported and ranked, never passed (not even inside a catch)", () => {
        const r = run("unsupported");
        assert.deepEqual([r.total, r.passed, r.failed, r.unsupported], [4, 1, 0, 3]);
        assert.deepEqual(
            r.unsupportedFeatures.map((f) => [f.feature, f.tests.length]),
            [
                ["method Test.loaddata", 2],
                ["SOSL search", 1]
            ]
        );
        assert.ok(r.unsupportedFeatures[0].tests.includes("SearchTest.loadsMoreStaticData"));
        const text = formatCompatReport(r);
        assert.match(text, /UNSUPPORTED SearchTest\s+1 passed, 0 failed, 3 unsupported/);
        assert.match(text, /\n\s+2 {2}method Test\.loaddata\n\s+1 {2}SOSL search\n/);
        assert.match(text, /4 tests: 1 passed \(25\.0%\), 0 failed, 3 unsupported/);
    });

    it("files that do not load are left out and listed; the rest still runs", () => {
        const r = run("syntax");
        assert.deepEqual([r.total, r.passed], [1, 1]);
        assert.deepEqual(
            r.notLoaded.map((f) => path.basename(f.file)),
            ["Broken.cls", "Reserved.cls"]
        );
        assert.match(r.notLoaded[1].issue, /Identifier name is reserved: end/);
    });

    it("the project's scratch org definition applies (Person Accounts)", () => {
        assert.equal(
            projectLayout(path.join(FIXTURES, "person-accounts")).scratchDef,
            path.join(FIXTURES, "person-accounts", "config/project-scratch-def.json")
        );
        const r = run("person-accounts");
        assert.deepEqual(r.features, ["PersonAccounts"]);
        assert.deepEqual([r.passed, r.failed, r.unsupported], [1, 0, 0]);
    });

    it("groups messages by feature", () => {
        assert.equal(
            featureOf("classes/A.cls:3: not supported by the local org: method Test.loaddata(2 arguments)"),
            "method Test.loaddata"
        );
        assert.equal(
            featureOf(
                "x:1: not supported by the local org: standard field Opportunity.Probability (not modelled by the local org)"
            ),
            "standard field Opportunity.Probability"
        );
        assert.equal(
            featureOf(
                "x:1: not supported by the local org: Account.PersonEmail: Person Accounts are not enabled in this local org (…)"
            ),
            "Person Accounts (disabled in the scratch org definition)"
        );
        assert.equal(
            featureOf(
                "x:1: not supported by the local org: Task.Status value 'Nope' (only a new org's values are modelled: …)"
            ),
            "Task.Status value '…'"
        );
    });
});
