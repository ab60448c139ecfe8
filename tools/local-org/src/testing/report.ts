import fs from "node:fs";
import path from "node:path";
import type { TestRunResult } from "./runner";

function xmlEscape(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Debug lines shown under a failed test. */
const DEBUG_TAIL = 10;

/** Human-readable report; the last line is exactly `N passed, N failed`. */
export function formatConsoleReport(r: TestRunResult): string {
    const out: string[] = [];
    out.push(`Local org (model-green: consistent with the runtime's model of Apex, not org-verified)`);
    for (const t of r.results) {
        out.push(
            `${t.passed ? "PASS" : t.skipped ? "SKIP" : "FAIL"}  ${t.className}.${t.methodName} (${t.ms.toFixed(0)} ms)`
        );
        if (!t.passed) {
            out.push(`      ${t.message ?? ""}`.replace(/\n/g, "\n      "));
            if (t.stackTrace) out.push(...t.stackTrace.split("\n").map((l) => `      ${l}`));
            if (!t.skipped && t.debugLog.length) {
                // The last System.debug lines usually explain a failure.
                const tail = t.debugLog.slice(-DEBUG_TAIL);
                const omitted = t.debugLog.length - tail.length;
                out.push(`      debug log${omitted ? ` (last ${tail.length} of ${t.debugLog.length} lines)` : ""}:`);
                out.push(...tail.map((l) => `        ${l}`.replace(/\n/g, "\n        ")));
            }
        }
    }
    const measured = r.results.filter((t) => t.limits);
    if (measured.length) {
        // governor headroom per test (peak usage / limit), for the package's benchmark issues.
        out.push(
            "",
            "Governor limit peak usage per test (SOQL/100, rows/50000, DML/150, DML rows/10000, callouts/100, queueables/50, futures/50, approximate heap/6 MB)"
        );
        for (const t of measured) {
            const l = t.limits as NonNullable<typeof t.limits>;
            out.push(
                `  ${`${t.className}.${t.methodName}`.padEnd(72)} SOQL ${l.queries}  rows ${l.queryRows}  DML ${l.dmlStatements}  DML rows ${l.dmlRows}  callouts ${l.callouts}  queueables ${l.queueableJobs}  futures ${l.futureCalls}  heap ~${Math.round(l.heapSize / 1024)} KB`
            );
        }
    }
    if (r.coverage.length) {
        out.push("", "Line coverage");
        for (const c of r.coverage)
            out.push(`  ${c.name.padEnd(40)} ${c.percent.toFixed(1).padStart(5)}%  (${c.covered}/${c.total})`);
        out.push(
            `  ${"Overall".padEnd(40)} ${r.overall.percent.toFixed(1).padStart(5)}%  (${r.overall.covered}/${r.overall.total})`
        );
    }
    const note = r.gateEnforced ? "" : ` (not enforced: ${r.skipped} tests skipped)`;
    for (const c of r.belowThreshold)
        out.push(
            `Coverage below ${r.threshold}%${note}: ${c.name} ${c.percent.toFixed(1)}% (uncovered lines ${c.uncoveredLines.join(", ")})`
        );
    out.push(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
    return out.join("\n");
}

/** JUnit XML (one testsuite per class). */
export function junitXml(r: TestRunResult): string {
    const byClass = new Map<string, typeof r.results>();
    for (const t of r.results) byClass.set(t.className, [...(byClass.get(t.className) ?? []), t]);
    const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
    lines.push(
        `<testsuites name="local-org" tests="${r.results.length}" failures="${r.failed}" time="${(r.ms / 1000).toFixed(3)}">`
    );
    for (const [cls, tests] of byClass) {
        const failures = tests.filter((t) => !t.passed).length;
        const time = tests.reduce((s, t) => s + t.ms, 0) / 1000;
        const skipped = tests.filter((t) => t.skipped).length;
        lines.push(
            `  <testsuite name="${xmlEscape(cls)}" tests="${tests.length}" failures="${failures - skipped}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`
        );
        for (const t of tests) {
            const open = `    <testcase classname="${xmlEscape(cls)}" name="${xmlEscape(t.methodName)}" time="${(t.ms / 1000).toFixed(3)}"`;
            if (t.passed) lines.push(`${open}/>`);
            else if (t.skipped)
                lines.push(`${open}>`, `      <skipped message="${xmlEscape(t.message ?? "")}"/>`, "    </testcase>");
            else {
                const type = (t.message ?? "").split(":")[0];
                lines.push(`${open}>`);
                lines.push(
                    `      <failure message="${xmlEscape(t.message ?? "")}" type="${xmlEscape(type)}">${xmlEscape(t.stackTrace ?? t.message ?? "")}</failure>`
                );
                lines.push("    </testcase>");
            }
        }
        lines.push("  </testsuite>");
    }
    lines.push("</testsuites>");
    return `${lines.join("\n")}\n`;
}

/** Coverage JSON: overall and per class with uncovered lines. */
export function coverageJson(r: TestRunResult): string {
    return `${JSON.stringify(
        {
            overall: {
                covered: r.overall.covered,
                total: r.overall.total,
                percent: Number(r.overall.percent.toFixed(2))
            },
            threshold: r.threshold,
            classes: Object.fromEntries(
                r.coverage.map((c) => [
                    c.name,
                    {
                        file: c.file,
                        covered: c.covered,
                        total: c.total,
                        percent: Number(c.percent.toFixed(2)),
                        uncoveredLines: c.uncoveredLines
                    }
                ])
            )
        },
        null,
        2
    )}\n`;
}

/** Writes `junit.xml` and `coverage.json` into `dir`. */
export function writeReports(r: TestRunResult, dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "junit.xml"), junitXml(r));
    fs.writeFileSync(path.join(dir, "coverage.json"), coverageJson(r));
    fs.writeFileSync(
        path.join(dir, "limits.json"),
        `${JSON.stringify(Object.fromEntries(r.results.map((t) => [`${t.className}.${t.methodName}`, t.limits])), null, 2)}\n`
    );
}
