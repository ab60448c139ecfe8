import { ApexSystemError } from "../runtime/errors";
import { realCallout, type NamedCredentialConfig } from "../runtime/http/namedCredentials";
import type { ApexObject, NativeObject } from "../runtime/values/values";
import type { OrgData } from "../data/orgData";
import type { Host, LimitCounters } from "../runtime/host";

/** One `System.debug` line. */
export interface DebugLine {
    level: string;
    message: string;
}

/** The default {@link Host}: collects debug output, keeps mocks and limits per transaction, routes real callouts. */
export class OrgHost implements Host {
    isRunningTest = false;
    httpMock: ApexObject | null = null;
    limits: LimitCounters = { callouts: 0 };
    readonly debugLog: DebugLine[] = [];
    /** Echo debug lines to stdout as they happen (anonymous Apex). */
    echoDebug = false;
    private testStarted = false;
    /** Counters of the test's own context, restored by stopTest(). */
    private outerLimits: LimitCounters | null = null;

    constructor(
        readonly labels: Map<string, string>,
        private readonly credentials: Record<string, NamedCredentialConfig>
    ) {}

    /** Starts a new transaction (test method, anonymous run, Aura call). */
    beginTransaction(isTest: boolean): void {
        this.isRunningTest = isTest;
        this.httpMock = null;
        this.limits = { callouts: 0 };
        this.debugLog.length = 0;
        this.testStarted = false;
        this.outerLimits = null;
        this.calloutPeak = 0;
        this.data?.beginTransaction();
    }

    /** the org's data layer (set by `attachData`). */
    data?: OrgData;
    /** Highest callout count seen in any limits window of this transaction (peak report). */
    calloutPeak = 0;

    debug(level: string, message: string): void {
        this.debugLog.push({ level, message });
        if (this.echoDebug) process.stdout.write(`USER_DEBUG|[${level}]|${message}\n`);
    }

    realCallout(req: NativeObject): NativeObject {
        return realCallout(req, this.credentials);
    }

    hasUncommittedWork(): boolean {
        return this.data?.dmlInTransaction ?? false;
    }

    startTest(): void {
        if (this.testStarted) throw new ApexSystemError("FinalException", "Testing already started");
        this.testStarted = true;
        this.outerLimits = this.limits;
        this.calloutPeak = Math.max(this.calloutPeak, this.limits.callouts);
        this.limits = { callouts: 0 };
        // DML before startTest() does not block callouts after it (the test-boundary nuance).
        if (this.data) {
            this.data.governor.startWindow();
            this.data.dmlInTransaction = false;
        }
    }

    stopTest(): void {
        // Async work queued so far runs now, synchronously, with test semantics.
        this.data?.async?.runForTest();
        // Published platform events are delivered to their subscriber triggers too.
        if (this.data) this.data.eventBus.deliver(this.data.triggers, this.data.governor);
        this.calloutPeak = Math.max(this.calloutPeak, this.limits.callouts);
        this.data?.governor.endWindow();
        // Code after stopTest() runs in the test's original limits context again.
        if (this.outerLimits) this.limits = this.outerLimits;
        this.outerLimits = null;
    }
}
