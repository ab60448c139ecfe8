import fs from "node:fs";
import path from "node:path";
import { createLocalOrg, type LocalOrg } from "./org";
import { ApexSyntaxErrors, type SyntaxIssue } from "./parse/syntaxErrors";
import { scratchDefFeatures, scratchDefSharingModels } from "./scratchDef";
import type { TestResult } from "./testing/runner";

/**
 * The compatibility report (`npm run apex -- compat --source DIR`): runs an SFDX project's Apex tests in the local
 * org and tells, per test class, how many pass, fail or are blocked by a construct the local org does not support,
 * and ranks the unsupported features by the number of tests they block. A test blocked by an unsupported construct
 * is never counted as passed; files that do not load (syntax, reserved identifiers) are left out and reported.
 */

/** Options of {@link runCompat}. */
export interface CompatOptions {
    /** SFDX project folders (their `sfdx-project.json` package directories are loaded), or plain source folders. */
    projects: string[];
    /** Scratch org definition whose features apply; default: the project's `definitionFile` or `config/project-scratch-def.json`. */
    scratchDef?: string;
    /** Parse cache folder (null disables it). */
    cacheDir?: string | null;
}

/** One test class's outcome. */
export interface CompatClass {
    className: string;
    passed: number;
    failed: number;
    unsupported: number;
}

/** An unsupported feature and the tests it blocks. */
export interface CompatFeature {
    feature: string;
    tests: string[];
}

/** The report. */
export interface CompatReport {
    projects: string[];
    features: string[];
    total: number;
    passed: number;
    failed: number;
    unsupported: number;
    classes: CompatClass[];
    /** Ranked: most blocked tests first, then by name. */
    unsupportedFeatures: CompatFeature[];
    /** Tests that failed for another reason, with the first line of the message. */
    failures: { test: string; message: string }[];
    /** Files left out because they do not load, with their first issue. */
    notLoaded: { file: string; issue: string }[];
}

interface SfdxProject {
    packageDirectories?: { path?: string; definitionFile?: string }[];
}

/** The source folders and scratch org definition of a project folder. */
export function projectLayout(dir: string): { sourceDirs: string[]; scratchDef: string | null } {
    const file = path.join(dir, "sfdx-project.json");
    let sourceDirs = [dir];
    let scratchDef: string | null = null;
    if (fs.existsSync(file)) {
        const doc = JSON.parse(fs.readFileSync(file, "utf8")) as SfdxProject;
        const pkgs = (doc.packageDirectories ?? []).filter((p) => typeof p.path === "string");
        if (pkgs.length) sourceDirs = pkgs.map((p) => path.join(dir, p.path as string));
        const def = pkgs.find((p) => typeof p.definitionFile === "string")?.definitionFile;
        if (def) scratchDef = path.join(dir, def);
    }
    const conventional = path.join(dir, "config", "project-scratch-def.json");
    if (!scratchDef && fs.existsSync(conventional)) scratchDef = conventional;
    if (scratchDef && !fs.existsSync(scratchDef)) scratchDef = null;
    return { sourceDirs: sourceDirs.filter((d) => fs.existsSync(d)), scratchDef };
}

/**
 * The feature a "not supported by the local org" message names, as a grouping key: the construct without its
 * position, argument count, trailing explanation or literal values (`method Test.loaddata`, `SOSL search`,
 * `standard field Opportunity.Probability`, `Person Accounts (disabled)`).
 */
export function featureOf(message: string): string {
    const firstLine = message.split("\n")[0];
    const m = /not supported by the local org: (.*)$/.exec(firstLine);
    let f = (m ? m[1] : firstLine).trim();
    if (/Person Accounts are not enabled/.test(f)) return "Person Accounts (disabled in the scratch org definition)";
    f = f.replace(/\(\d+ arguments?\)$/, "");
    // a trailing explanation in parentheses, repeatedly ("X (why) (more)")
    for (let i = 0; i < 3; i++) f = f.replace(/\s*\([^()]*\)\s*$/, "");
    f = f.replace(/'[^']*'/g, "'…'");
    return f.trim() || firstLine;
}

function loadExcluding(
    opts: CompatOptions,
    sourceDirs: string[],
    features: string[],
    exclude: Set<string>,
    sharingModels: Record<string, string>
): LocalOrg {
    return createLocalOrg({
        sourceDirs,
        cacheDir: opts.cacheDir,
        features,
        sharingModels,
        excludeFiles: [...exclude],
        displayRoot: process.cwd()
    });
}

/** Runs the projects' tests and builds the report. */
export function runCompat(opts: CompatOptions): CompatReport {
    const layouts = opts.projects.map(projectLayout);
    const sourceDirs = layouts.flatMap((l) => l.sourceDirs);
    const scratchDef = opts.scratchDef ?? layouts.find((l) => l.scratchDef)?.scratchDef ?? undefined;
    const features = scratchDef ? scratchDefFeatures(scratchDef) : [];
    const sharingModels = scratchDef ? scratchDefSharingModels(scratchDef) : {};
    const notLoaded: { file: string; issue: string }[] = [];
    const exclude = new Set<string>();
    let org: LocalOrg | null = null;
    // files that do not load are left out, one round per batch of syntax errors
    for (let round = 0; round < 5 && !org; round++) {
        try {
            org = loadExcluding(opts, sourceDirs, features, exclude, sharingModels);
        } catch (e) {
            if (!(e instanceof ApexSyntaxErrors)) throw e;
            const byFile = new Map<string, SyntaxIssue>();
            for (const i of e.issues) if (!byFile.has(i.file)) byFile.set(i.file, i);
            for (const [file, i] of byFile) {
                exclude.add(path.resolve(process.cwd(), file));
                notLoaded.push({ file, issue: `${i.line}:${i.col} ${i.message}` });
            }
        }
    }
    if (!org) throw new Error("compat: the sources still do not load after leaving out the files with errors");
    try {
        const run = org.runTests({ unsupportedAsSkipped: true });
        return buildReport(opts.projects, features, run.results, notLoaded);
    } finally {
        org.close();
    }
}

function buildReport(
    projects: string[],
    features: string[],
    results: TestResult[],
    notLoaded: { file: string; issue: string }[]
): CompatReport {
    const classes = new Map<string, CompatClass>();
    const blocked = new Map<string, string[]>();
    const failures: { test: string; message: string }[] = [];
    for (const r of results) {
        const c = classes.get(r.className) ?? { className: r.className, passed: 0, failed: 0, unsupported: 0 };
        classes.set(r.className, c);
        const test = `${r.className}.${r.methodName}`;
        if (r.skipped) {
            c.unsupported++;
            const f = featureOf(r.message ?? "");
            blocked.set(f, [...(blocked.get(f) ?? []), test]);
        } else if (r.passed) c.passed++;
        else {
            c.failed++;
            failures.push({ test, message: (r.message ?? "").split("\n")[0] });
        }
    }
    const unsupportedFeatures = [...blocked]
        .map(([feature, tests]) => ({ feature, tests }))
        .sort((a, b) => b.tests.length - a.tests.length || a.feature.localeCompare(b.feature));
    const list = [...classes.values()].sort((a, b) => a.className.localeCompare(b.className));
    return {
        projects,
        features,
        total: results.length,
        passed: list.reduce((n, c) => n + c.passed, 0),
        failed: list.reduce((n, c) => n + c.failed, 0),
        unsupported: list.reduce((n, c) => n + c.unsupported, 0),
        classes: list,
        unsupportedFeatures,
        failures,
        notLoaded
    };
}

function pct(n: number, total: number): string {
    return total === 0 ? "0.0%" : `${((100 * n) / total).toFixed(1)}%`;
}

/** The console report. */
export function formatCompatReport(r: CompatReport): string {
    const out: string[] = [];
    out.push(`Compatibility report (local org, model-green): ${r.projects.join(", ")}`);
    if (r.features.length) out.push(`Scratch org features: ${r.features.join(", ")}`);
    out.push("");
    out.push("Test classes");
    const width = Math.max(10, ...r.classes.map((c) => c.className.length));
    for (const c of r.classes) {
        const status = c.failed ? "FAIL" : c.unsupported ? "UNSUPPORTED" : "PASS";
        out.push(
            `  ${status.padEnd(11)} ${c.className.padEnd(width)}  ${c.passed} passed, ${c.failed} failed, ${c.unsupported} unsupported`
        );
    }
    if (r.unsupportedFeatures.length) {
        out.push("");
        out.push("Unsupported features, by tests blocked");
        for (const f of r.unsupportedFeatures) out.push(`  ${String(f.tests.length).padStart(5)}  ${f.feature}`);
    }
    if (r.failures.length) {
        out.push("");
        out.push("Failures (not caused by an unsupported feature)");
        for (const f of r.failures) out.push(`  ${f.test}: ${f.message}`);
    }
    if (r.notLoaded.length) {
        out.push("");
        out.push("Files left out (they do not load; their tests are not counted)");
        for (const f of r.notLoaded) out.push(`  ${f.file}:${f.issue}`);
    }
    out.push("");
    out.push(
        `${r.total} test${r.total === 1 ? "" : "s"}: ${r.passed} passed (${pct(r.passed, r.total)}), ${r.failed} failed, ${r.unsupported} unsupported; ${r.notLoaded.length} file(s) not loaded`
    );
    return out.join("\n");
}
