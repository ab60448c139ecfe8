import { ApexBlob, ApexList, ApexMap, ApexObject, ApexSet, NativeObject, type Value } from "../runtime/values/values";
import { SObjectValue } from "./sobject";

/**
 * Approximate Apex heap size in bytes of the values reachable from `roots` (each object counted once):
 * Strings 2 bytes per character, numbers and other scalars 8, collections and objects their members plus
 * a small header. The platform's accounting is not documented; this is a model for governor headroom,
 * not a measurement of the platform's figure.
 */
export function estimateHeap(roots: Value[]): number {
    const seen = new Set<object>();
    let total = 0;
    const stack: Value[] = [...roots];
    while (stack.length) {
        const v = stack.pop() as Value;
        if (v === null) continue;
        switch (typeof v) {
            case "string":
                total += 2 * v.length;
                continue;
            case "boolean":
            case "number":
            case "bigint":
                total += 8;
                continue;
        }
        if (seen.has(v)) continue;
        seen.add(v);
        if (v instanceof ApexList) {
            total += 16;
            stack.push(...v.items);
        } else if (v instanceof ApexSet) {
            total += 16;
            for (const x of v.keys.values()) stack.push(x);
        } else if (v instanceof ApexMap) {
            total += 16;
            for (const [k, x] of v.entries.values()) stack.push(k, x);
        } else if (v instanceof SObjectValue) {
            total += 16;
            for (const x of v.values.values()) stack.push(x);
        } else if (v instanceof ApexObject) {
            total += 16;
            for (const x of v.fields.values()) stack.push(x);
        } else if (v instanceof ApexBlob) total += v.bytes.length;
        else if (v instanceof NativeObject) total += 16;
        else total += 8;
    }
    return total;
}
