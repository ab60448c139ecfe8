import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anon } from "../helpers";

describe("approximate heap", () => {
    it("grows with live data and shrinks when it is released", () => {
        const out = anon(`
Integer before = Limits.getHeapSize();
List<String> big = new List<String>();
for (Integer i = 0; i < 1000; i++) big.add('0123456789');
Integer during = Limits.getHeapSize();
big = null;
Integer after = Limits.getHeapSize();
System.debug((during - before >= 20000) + ' ' + (after < during) + ' ' + Limits.getLimitHeapSize());`);
        assert.deepEqual(out, ["true true 6000000"]);
    });

    it("throws the uncatchable LimitException past 6 MB", () => {
        assert.throws(
            () =>
                anon(`
List<String> big = new List<String>();
String chunk = 'x'.repeat(10000);
for (Integer i = 0; i < 400; i++) big.add(chunk + i);
try { Integer h = Limits.getHeapSize(); } catch (Exception e) { System.debug('caught'); }`),
            /LimitException: Apex heap size too large/
        );
    });
});
