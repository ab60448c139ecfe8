import { ApexSystemError } from "../runtime/errors";
import { realCallout, type NamedCredentialConfig } from "../runtime/http/namedCredentials";
import type { ApexObject, NativeObject } from "../runtime/values/values";
import type { Host, LimitCounters } from "./host";

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
    }

    debug(level: string, message: string): void {
        this.debugLog.push({ level, message });
        if (this.echoDebug) process.stdout.write(`USER_DEBUG|[${level}]|${message}\n`);
    }

    realCallout(req: NativeObject): NativeObject {
        return realCallout(req, this.credentials);
    }

    hasUncommittedWork(): boolean {
        return false; // part 2: true after DML in this transaction
    }

    startTest(): void {
        if (this.testStarted) throw new ApexSystemError("FinalException", "Testing already started");
        this.testStarted = true;
        this.outerLimits = this.limits;
        this.limits = { callouts: 0 };
    }

    stopTest(): void {
        // Code after stopTest() runs in the test's original limits context again.
        if (this.outerLimits) this.limits = this.outerLimits;
        this.outerLimits = null;
    }
}
