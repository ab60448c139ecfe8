import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

/** Issue 20: DmlException detail (documented behaviour in DmlDetailConformanceTest); what stays loud. */
function probe(body: string): { message: string | null; passed: boolean } {
    const org = orgFrom({
        "classes/ProbeTest.cls": `@IsTest
private class ProbeTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`
    });
    const r = org.runTests();
    org.close();
    return r.results[0];
}

describe("DmlException detail", () => {
    it("a DmlException no DML call raised has no rows to describe", () => {
        const r = probe(`DmlException e = new DmlException('made here'); Integer n = e.getNumDml();`);
        assert.match(
            r.message ?? "",
            /not supported by the local org: DmlException\.getnumdml of a DmlException that no DML call raised/
        );
    });

    it("an index past the failed rows fails loudly", () => {
        const r = probe(`try { insert new Account(); } catch (DmlException e) {
            Assert.areEqual(1, e.getNumDml());
            Assert.areEqual(StatusCode.REQUIRED_FIELD_MISSING, e.getDmlType(0));
            e.getDmlMessage(1);
        }`);
        assert.match(r.message ?? "", /getdmlmessage\(1\) past the 1 failed row/);
    });
});
