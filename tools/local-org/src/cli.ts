#!/usr/bin/env node
import fs from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { Command } from "commander";
import { createLocalOrg, type LocalOrg } from "./org";
import { ApexSyntaxErrors } from "./parse/syntaxErrors";
import { formatConsoleReport, writeReports } from "./testing/report";
import { DEFAULT_SCRATCH_DEF, scratchDefFeatures, scratchDefSharingModels } from "./scratchDef";
import { formatCompatReport, runCompat } from "./compat";
import { stopSyncFetch } from "./runtime/http/syncFetch";
import type { NamedCredentialConfig } from "./runtime/http/namedCredentials";

const DEFAULT_SOURCE = "force-app";

/** Apex allows 1000 nested calls; a tree-walking evaluator needs a deeper JS stack than Node's default. */
const STACK_MB = 256;

function collect(v: string, prev: string[]): string[] {
    return [...prev, v];
}

interface SourceOpts {
    source: string[];
    defaultSource: boolean;
    credentials?: string;
    cacheDir?: string;
    scratchDef?: string;
}

function sourceDirs(o: SourceOpts): string[] {
    return [...(o.defaultSource ? [DEFAULT_SOURCE] : []), ...o.source];
}

function loadOrg(o: SourceOpts, testDirs?: string[]): LocalOrg {
    let namedCredentials: Record<string, NamedCredentialConfig> = {};
    if (o.credentials)
        namedCredentials = JSON.parse(fs.readFileSync(o.credentials, "utf8")) as Record<string, NamedCredentialConfig>;
    return createLocalOrg({
        sourceDirs: sourceDirs(o),
        testDirs,
        namedCredentials,
        cacheDir: o.cacheDir,
        features: scratchDefFeatures(o.scratchDef),
        sharingModels: scratchDefSharingModels(o.scratchDef)
    });
}

/** Reports the exit code to the launching thread (the CLI runs in a worker with a large stack). */
function finish(code: number): void {
    if (parentPort) parentPort.postMessage({ exitCode: code });
    else process.exitCode = code;
}

/** Loads the org or reports syntax errors (exit 2); returns null on failure. */
function tryLoad(o: SourceOpts, testDirs?: string[]): LocalOrg | null {
    try {
        return loadOrg(o, testDirs);
    } catch (e) {
        if (e instanceof ApexSyntaxErrors) process.stderr.write(`Apex syntax or compile errors:\n${e.message}\n`);
        else process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        finish(2);
        return null;
    }
}

function main(): void {
    const program = new Command();
    program
        .name("local-org")
        .description("Offline Apex interpreter: run Apex tests and anonymous Apex (model-green, not org-verified)");

    program
        .command("test")
        .description("run @IsTest classes with line coverage")
        .option("--class <name>", "only this test class")
        .option("--method <name>", "only this test method")
        .option("--source <dir>", "extra source folder (repeatable); when given, only its tests run", collect, [])
        .option("--no-default-source", `do not load ${DEFAULT_SOURCE}`)
        .option("--reports <dir>", "folder for junit.xml and coverage.json", "reports/apex")
        .option("--cache-dir <dir>", "parse cache folder (default .localorg-cache)")
        .option(
            "--scratch-def <file>",
            `scratch org definition whose features apply (default ${DEFAULT_SCRATCH_DEF} if present)`
        )
        .option(
            "--unsupported-as-skipped",
            "report tests that only hit unimplemented constructs as skipped (not failed)"
        )
        .action(
            (o: SourceOpts & { class?: string; method?: string; reports: string; unsupportedAsSkipped?: boolean }) => {
                const org = tryLoad(o, o.source.length ? o.source : undefined);
                if (!org) return;
                const r = org.runTests({
                    className: o.class,
                    methodName: o.method,
                    unsupportedAsSkipped: o.unsupportedAsSkipped === true
                });
                writeReports(r, o.reports);
                const unsupportedCount = org.supportedSubsetCheck().length;
                if (unsupportedCount > 0) {
                    process.stdout.write(
                        `Supported-subset check: ${unsupportedCount} construct(s) in the loaded sources are not supported by the local org (list: npm run apex -- check); tests reaching them do not pass.\n`
                    );
                }
                if (r.results.length === 0) process.stdout.write("No @IsTest methods found in the selected sources.\n");
                process.stdout.write(`${formatConsoleReport(r)}\n`);
                org.close();
                finish(r.failed > 0 || (r.gateEnforced && r.belowThreshold.length > 0) ? 1 : 0);
            }
        );

    program
        .command("run <file>")
        .description("execute an anonymous Apex script")
        .option("--source <dir>", "extra source folder (repeatable)", collect, [])
        .option("--no-default-source", `do not load ${DEFAULT_SOURCE}`)
        .option("--credentials <file>", 'JSON: { "NamedCredential": { "baseUrl": …, "auth": { "type": "basic", … } } }')
        .option(
            "--scratch-def <file>",
            `scratch org definition whose features apply (default ${DEFAULT_SCRATCH_DEF} if present)`
        )
        .option("--seed [file]", "first load the demo CRM records (default config/seed/demo-crm.json)")
        .option("--fire-scheduled", "after the script, fire every scheduled job once (and run what it queues)")
        .action((file: string, o: SourceOpts & { seed?: string | boolean; fireScheduled?: boolean }) => {
            const org = tryLoad(o);
            if (!org) return;
            org.host.echoDebug = true;
            let r;
            try {
                // seeded records and queued/scheduled jobs for the local demo.
                if (o.seed) org.seed(typeof o.seed === "string" ? o.seed : undefined);
                r = org.runAnonymous(fs.readFileSync(file, "utf8"), path.relative(process.cwd(), file));
                if (r.success && o.fireScheduled) org.fireScheduledJobs();
            } catch (e) {
                process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
                org.close();
                finish(2);
                return;
            }
            if (!r.success) process.stderr.write(`${r.error}\n`);
            org.close();
            finish(r.success ? 0 : 1);
        });

    program
        .command("check")
        .description("supported-subset check: list constructs the local org does not implement (exit 1 if any)")
        .option("--source <dir>", "extra source folder (repeatable)", collect, [])
        .option("--no-default-source", `do not load ${DEFAULT_SOURCE}`)
        .option(
            "--scratch-def <file>",
            `scratch org definition whose features apply (default ${DEFAULT_SCRATCH_DEF} if present)`
        )
        .action((o: SourceOpts) => {
            const org = tryLoad(o);
            if (!org) return;
            const found = org.supportedSubsetCheck();
            for (const x of found) {
                process.stdout.write(`${x.file}:${x.line}:${x.col} not supported by the local org: ${x.construct}\n`);
            }
            const count = found.length;
            process.stdout.write(
                `${count} unsupported construct${count === 1 ? "" : "s"} in ${org.units.length} files\n`
            );
            finish(count > 0 ? 1 : 0);
        });

    program
        .command("compat")
        .description(
            "compatibility report: run an SFDX project's Apex tests, print pass/fail per class and the unsupported features ranked by tests blocked"
        )
        .option(
            "--source <dir>",
            "SFDX project folder (repeatable; its sfdx-project.json package directories load)",
            collect,
            []
        )
        .option(
            "--scratch-def <file>",
            "scratch org definition whose features apply (default: the project's definitionFile)"
        )
        .option("--json <file>", "also write the report as JSON")
        .option("--cache-dir <dir>", "parse cache folder (default .localorg-cache)")
        .action((o: { source: string[]; scratchDef?: string; json?: string; cacheDir?: string }) => {
            if (!o.source.length) {
                process.stderr.write("compat: give the project with --source DIR\n");
                finish(2);
                return;
            }
            try {
                const report = runCompat({ projects: o.source, scratchDef: o.scratchDef, cacheDir: o.cacheDir });
                process.stdout.write(`${formatCompatReport(report)}\n`);
                if (o.json) {
                    fs.mkdirSync(path.dirname(path.resolve(o.json)), { recursive: true });
                    fs.writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
                }
                finish(0);
            } catch (e) {
                process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
                stopSyncFetch();
                finish(2);
            }
        });

    program.parse(process.argv);
}

if (isMainThread && !process.env.LOCALORG_IN_PROCESS) {
    const worker = new Worker(__filename, {
        argv: process.argv.slice(2),
        resourceLimits: { stackSizeMb: STACK_MB }
    });
    worker.on("message", (m: { exitCode?: number }) => {
        if (typeof m.exitCode === "number") process.exitCode = m.exitCode;
    });
    worker.on("error", (e: Error) => {
        process.stderr.write(`${e.stack ?? e.message}\n`);
        process.exitCode = 3;
    });
} else {
    main();
}
