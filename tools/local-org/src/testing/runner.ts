import type { MethodDecl } from "../ast/nodes";
import type { ClassInfo } from "../link/classInfo";
import type { CompilationUnit } from "../ast/nodes";
import type { OrgData } from "../data/orgData";
import type { Interpreter } from "../interpret/interpreter";
import type { OrgHost } from "../interpret/orgHost";
import { ApexCompileError, UnsupportedError } from "../runtime/errors";
import { exceptionTypeName } from "../runtime/values/format";
import { classCoverage, type ClassCoverage } from "./coverage";

/** Selects tests: by class and/or method name (case-insensitive). */
export interface TestFilter {
    className?: string;
    methodName?: string;
    /**
     * Opt-in: a test that fails only because it reached a construct the local org does not implement
     * is reported as skipped (with the construct) instead of failed; the default is strict.
     */
    unsupportedAsSkipped?: boolean;
}

export interface TestResult {
    className: string;
    methodName: string;
    passed: boolean;
    /** Failed only on an unsupported construct and the run treats those as skipped. */
    skipped: boolean;
    /** Platform-style failure message, e.g. `System.AssertException: Assertion Failed: …`. */
    message: string | null;
    /** Apex stack lines (`Class.Foo.bar: line 3, column 1`). */
    stackTrace: string | null;
    ms: number;
    debugLog: string[];
    /** peak usage of each governor limit during the test method (null when not measured). */
    limits: LimitPeaks | null;
}

/** Peak per-transaction usage of the governor limits the local org counts. */
export interface LimitPeaks {
    queries: number;
    queryRows: number;
    dmlStatements: number;
    dmlRows: number;
    callouts: number;
    queueableJobs: number;
    futureCalls: number;
    /** Approximate heap in bytes (sampled at SOQL, DML and `Limits.getHeapSize()`). */
    heapSize: number;
}

export interface TestRunResult {
    results: TestResult[];
    passed: number;
    failed: number;
    skipped: number;
    coverage: ClassCoverage[];
    overall: { covered: number; total: number; percent: number };
    /** Production classes referenced by tests that are under the coverage threshold. */
    belowThreshold: ClassCoverage[];
    threshold: number;
    /** True when the run was not filtered. */
    fullRun: boolean;
    /** The coverage gate fails the run: a full run with no skipped tests. */
    gateEnforced: boolean;
    ms: number;
}

/** The project's line-coverage bar for production classes that have tests (AppExchange needs 75%). */
export const COVERAGE_THRESHOLD = 90;

function hasAnn(m: { mods: { annotations: { name: string }[]; keywords: string[] } }, name: string): boolean {
    return m.mods.annotations.some((a) => a.name.toLowerCase() === name);
}

function isTestMethod(m: MethodDecl): boolean {
    return (
        (hasAnn(m, "istest") || m.mods.keywords.includes("testmethod")) &&
        m.mods.keywords.includes("static") &&
        m.params.length === 0
    );
}

/** Runs each selected test method in its own transaction: fresh statics, fresh host state. */
/** What the runner needs of a local org (`LocalOrg` has it; declared here so the testing layer stays below the org). */
export interface TestableOrg {
    readonly interpreter: Interpreter;
    readonly host: OrgHost;
    readonly data: OrgData;
    readonly units: CompilationUnit[];
    testableClasses(): ClassInfo[];
}

export function runTests(org: TestableOrg, filter: TestFilter): TestRunResult {
    const t0 = performance.now();
    const interp = org.interpreter;
    const host = org.host;
    const classes = org
        .testableClasses()
        .filter((c) => c.isTest && (!filter.className || c.name.toLowerCase() === filter.className.toLowerCase()))
        .sort((a, b) => a.name.localeCompare(b.name));
    const results: TestResult[] = [];
    for (const cls of classes) {
        const methods = [...cls.methods.values()].flat().filter(isTestMethod);
        const setup = [...cls.methods.values()].flat().find((m) => hasAnn(m, "testsetup"));
        for (const m of methods.sort((a, b) => a.pos.line - b.pos.line)) {
            if (filter.methodName && m.name.toLowerCase() !== filter.methodName.toLowerCase()) continue;
            const res = runOne(org, cls, m, setup ?? null);
            if (filter.unsupportedAsSkipped && res.unsupported) res.skipped = true;
            results.push(res);
        }
    }
    void interp;
    void host;
    const { coverage, referenced } = computeCoverage(org);
    const covered = coverage.reduce((s, c) => s + c.covered, 0);
    const total = coverage.reduce((s, c) => s + c.total, 0);
    const fullRun = !filter.className && !filter.methodName;
    const belowThreshold = fullRun
        ? coverage.filter((c) => referenced.has(c.name.toLowerCase()) && c.percent < COVERAGE_THRESHOLD)
        : [];
    const passed = results.filter((r) => r.passed).length;
    const skipped = results.filter((r) => r.skipped).length;
    return {
        results,
        passed,
        failed: results.length - passed - skipped,
        skipped,
        coverage,
        overall: { covered, total, percent: total ? (100 * covered) / total : 100 },
        belowThreshold,
        threshold: COVERAGE_THRESHOLD,
        fullRun,
        gateEnforced: fullRun && skipped === 0,
        ms: performance.now() - t0
    };
}

function runOne(
    org: TestableOrg,
    cls: ClassInfo,
    m: MethodDecl,
    setup: MethodDecl | null
): TestResult & { unsupported: boolean } {
    const interp = org.interpreter;
    const host = org.host;
    const start = performance.now();
    let message: string | null = null;
    let stackTrace: string | null = null;
    let unsupported = false;
    const debugLog: string[] = [];
    // every test starts from an empty org (plus its built-in records); @TestSetup data is recreated.
    org.data.clearTestSetup();
    org.data.beginTest();
    try {
        if (setup) {
            // @TestSetup runs in its own transaction; its statics are not visible to the test (its data is).
            interp.resetStatics();
            host.beginTransaction(true);
            interp.runStatic(cls, setup.name, []);
        }
        interp.resetStatics();
        host.beginTransaction(true);
        interp.runStatic(cls, m.name, []);
    } catch (e) {
        const exc = interp.toApexException(e);
        if (exc?.exc) {
            message = `${exceptionTypeName(exc)}: ${exc.exc.message ?? "null"}`;
            stackTrace = exc.exc.stack;
        } else if (e instanceof UnsupportedError) {
            message = e.message;
            unsupported = true;
        } else if (e instanceof ApexCompileError) {
            message = e.message;
        } else {
            message = `local org internal error: ${e instanceof Error ? e.message : String(e)}`;
            stackTrace = e instanceof Error ? (e.stack ?? null) : null;
        }
    }
    debugLog.push(...host.debugLog.map((d) => `[${d.level}] ${d.message}`));
    const peak = org.data.governor.peak;
    const limits: LimitPeaks = {
        queries: peak.queries,
        queryRows: peak.queryRows,
        dmlStatements: peak.dmlStatements,
        dmlRows: peak.dmlRows,
        callouts: Math.max(host.calloutPeak, host.limits.callouts),
        queueableJobs: peak.queueableJobs,
        futureCalls: peak.futureCalls,
        heapSize: peak.heapSize
    };
    return {
        className: cls.name,
        methodName: m.name,
        passed: message === null,
        skipped: false,
        unsupported,
        message,
        stackTrace,
        ms: performance.now() - start,
        debugLog,
        limits
    };
}

/** Coverage of non-test classes in the test folders; `referenced` = names that appear in test classes. */
function computeCoverage(org: TestableOrg): { coverage: ClassCoverage[]; referenced: Set<string> } {
    const testable = org.testableClasses();
    const production = testable.filter((c) => !c.isTest && c.kind !== "interface");
    const referenced = new Set<string>();
    const idents = new Set<string>();
    for (const c of testable.filter((x) => x.isTest)) {
        const unit = org.units.find((u) => u.file === c.file);
        if (unit)
            JSON.stringify(unit, (k, v: unknown) => {
                if ((k === "name" || k === "names") && v) {
                    for (const n of Array.isArray(v) ? v : [v]) if (typeof n === "string") idents.add(n.toLowerCase());
                }
                return v;
            });
    }
    for (const c of production) if (idents.has(c.name.toLowerCase())) referenced.add(c.name.toLowerCase());
    const coverage: ClassCoverage[] = [];
    for (const c of production) {
        const unit = org.units.find((u) => u.file === c.file);
        if (!unit) continue;
        const cov = classCoverage(c.name, unit, c.file ? org.interpreter.covered.get(c.file) : undefined);
        if (cov.total > 0) coverage.push(cov);
    }
    coverage.sort((a, b) => a.name.localeCompare(b.name));
    return { coverage, referenced };
}
