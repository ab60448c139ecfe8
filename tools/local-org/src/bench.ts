/**
 * `npm run bench:apex`: parse, link and execution time of the Apex test suites, cold (empty parse
 * cache, apex-parser loaded and warmed up in this process) and warm (cache hit), plus a single test
 * class warm. Prints a Markdown table for BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchData, formatDataBench } from "./benchData";
import { createLocalOrg } from "./org";
import { DEFAULT_SCRATCH_DEF, scratchDefFeatures, scratchDefSharingModels } from "./scratchDef";

interface Row {
    suite: string;
    mode: string;
    files: number;
    parseMs: number;
    linkMs: number;
    execMs: number;
    totalMs: number;
    tests: string;
}

/** The scratch org definition each suite runs with, as `test:apex` and `test:local-org` do (features, sharing). */
const SCRATCH_DEFS: Record<string, string> = {
    "force-app": DEFAULT_SCRATCH_DEF,
    conformance: "tools/local-org/conformance/config/project-scratch-def.json"
};

function measure(suite: string, mode: string, sourceDirs: string[], cacheDir: string, className?: string): Row {
    const t0 = performance.now();
    const scratchDef = SCRATCH_DEFS[suite];
    const org = createLocalOrg({
        sourceDirs,
        cacheDir,
        features: scratchDef ? scratchDefFeatures(scratchDef) : [],
        sharingModels: scratchDef ? scratchDefSharingModels(scratchDef) : undefined
    });
    const t1 = performance.now();
    const r = org.runTests(className ? { className } : {});
    const t2 = performance.now();
    org.close();
    return {
        suite,
        mode,
        files: org.timings.files,
        parseMs: t1 - t0 - org.timings.linkMs,
        linkMs: org.timings.linkMs,
        execMs: t2 - t1,
        totalMs: t2 - t0,
        tests: `${r.passed} passed, ${r.failed} failed`
    };
}

function firstTestClass(sourceDirs: string[], cacheDir: string): string | undefined {
    const org = createLocalOrg({ sourceDirs, cacheDir });
    // A class with test methods (test data factories are @IsTest too but have none).
    const hasTests = (c: ReturnType<typeof org.testableClasses>[number]): boolean =>
        [...c.methods.values()].flat().some((m) => m.mods.annotations.some((a) => a.name.toLowerCase() === "istest"));
    return org.testableClasses().find((c) => c.isTest && hasTests(c))?.name;
}

const suites: [string, string[]][] = [
    ["force-app", ["force-app"]],
    ["conformance", ["tools/local-org/conformance"]]
];
const rows: Row[] = [];
for (const [name, dirs] of suites) {
    if (!dirs.every((d) => fs.existsSync(d))) continue;
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-bench-"));
    rows.push(measure(name, "cold (empty cache)", dirs, cacheDir));
    rows.push(measure(name, "warm (cached AST)", dirs, cacheDir));
    const single = firstTestClass(dirs, cacheDir);
    if (single) rows.push(measure(name, `single class warm (${single})`, dirs, cacheDir, single));
    fs.rmSync(cacheDir, { recursive: true, force: true });
}

/** End-to-end wall time of the CLI in a fresh process (what a developer waits for). */
function cliWall(args: string[]): number {
    const t0 = performance.now();
    try {
        execFileSync(process.execPath, [path.join(__dirname, "cli.js"), "test", ...args], { stdio: "ignore" });
    } catch {
        // Failing tests exit non-zero; only the time matters here.
    }
    return performance.now() - t0;
}

const cliRows: string[] = [];
if (fs.existsSync("force-app")) {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-bench-cli-"));
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-bench-reports-"));
    const common = ["--cache-dir", cacheDir, "--reports", reports];
    cliRows.push(`| \`npm run test:apex\`, cold cache | ${f(cliWall(common))} |`);
    cliRows.push(`| \`npm run test:apex\`, warm cache | ${f(cliWall(common))} |`);
    const single = firstTestClass(["force-app"], cacheDir);
    if (single)
        cliRows.push(
            `| \`npm run test:apex -- --class ${single}\`, warm cache | ${f(cliWall([...common, "--class", single]))} |`
        );
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(reports, { recursive: true, force: true });
}

function f(n: number): string {
    return `${(n / 1000).toFixed(2)} s`;
}

const lines = [
    `Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ""}`.trim(),
    "",
    "| Suite | Mode | Files | Parse/load | Link | Execute | Total | Result |",
    "|---|---|---:|---:|---:|---:|---:|---|",
    ...rows.map(
        (r) =>
            `| ${r.suite} | ${r.mode} | ${r.files} | ${f(r.parseMs)} | ${f(r.linkMs)} | ${f(r.execMs)} | ${f(r.totalMs)} | ${r.tests} |`
    )
];
lines.push(
    "",
    "End to end (fresh `node` process, excluding `tsc -b`):",
    "",
    "| Command | Wall time |",
    "|---|---:|",
    ...cliRows
);
// The data-heavy case (insert 10,000 Contacts, selective WHERE + ORDER BY).
lines.push(...formatDataBench(benchData()));
process.stdout.write(`${lines.join("\n")}\n`);
