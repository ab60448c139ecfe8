import type { OrgData } from "../data/orgData";
import type { ApexObject, NativeObject } from "./values/values";

/** Per-transaction governor counters (the data layer counts SOQL/DML rows, heap, async). */
export interface LimitCounters {
    callouts: number;
}

/** Services the interpreter needs from its embedder (test runner, anonymous runner, workbench). */
export interface Host {
    /** True inside a test method (`Test.isRunningTest()`); callouts then require a mock. */
    isRunningTest: boolean;
    /** `System.debug` output sink. */
    debug(level: string, message: string): void;
    /** Custom labels by lower-cased API name. */
    labels: Map<string, string>;
    /** Mock registered with `Test.setMock(HttpCalloutMock.class, …)`. */
    httpMock: ApexObject | null;
    /** Performs a real callout (outside tests); receives and returns native HttpRequest/HttpResponse. */
    realCallout(req: NativeObject): NativeObject;
    limits: LimitCounters;
    /** returns true when DML happened in this transaction ("You have uncommitted work pending"). */
    hasUncommittedWork(): boolean;
    /** `Test.startTest()` / `Test.stopTest()` notifications (fresh limits window). */
    startTest(): void;
    stopTest(): void;
    /** the org's data layer (schema, records, governor, security, cache, async). */
    data?: OrgData;
}
