#!/usr/bin/env node
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { createLocalOrg, type LocalOrg } from "./org";
import { ApexSyntaxErrors } from "./parse/syntaxErrors";
import { formatConsoleReport, writeReports } from "./testing/report";
import type { NamedCredentialConfig } from "./runtime/http/namedCredentials";

const DEFAULT_SOURCE = "force-app";

function collect(v: string, prev: string[]): string[] {
    return [...prev, v];
}

interface SourceOpts {
    source: string[];
    defaultSource: boolean;
    credentials?: string;
}

function sourceDirs(o: SourceOpts): string[] {
    return [...(o.defaultSource ? [DEFAULT_SOURCE] : []), ...o.source];
}

function loadOrg(o: SourceOpts, testDirs?: string[]): LocalOrg {
    let namedCredentials: Record<string, NamedCredentialConfig> = {};
    if (o.credentials)
        namedCredentials = JSON.parse(fs.readFileSync(o.credentials, "utf8")) as Record<string, NamedCredentialConfig>;
    return createLocalOrg({ sourceDirs: sourceDirs(o), testDirs, namedCredentials });
}

function fail(e: unknown): never {
    if (e instanceof ApexSyntaxErrors) {
        process.stderr.write(`Apex syntax errors:\n${e.message}\n`);
    } else process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
}

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
    .option("--unsupported-as-skipped", "report tests that only hit unimplemented constructs as skipped (not failed)")
    .action((o: SourceOpts & { class?: string; method?: string; reports: string; unsupportedAsSkipped?: boolean }) => {
        let org: LocalOrg;
        try {
            org = loadOrg(o, o.source.length ? o.source : undefined);
        } catch (e) {
            fail(e);
        }
        const r = org.runTests({
            className: o.class,
            methodName: o.method,
            unsupportedAsSkipped: o.unsupportedAsSkipped === true
        });
        writeReports(r, o.reports);
        process.stdout.write(`${formatConsoleReport(r)}\n`);
        org.close();
        if (r.results.length === 0) process.stdout.write("No @IsTest methods found in the selected sources.\n");
        process.exitCode = r.failed > 0 || (r.gateEnforced && r.belowThreshold.length > 0) ? 1 : 0;
    });

program
    .command("run <file>")
    .description("execute an anonymous Apex script")
    .option("--source <dir>", "extra source folder (repeatable)", collect, [])
    .option("--no-default-source", `do not load ${DEFAULT_SOURCE}`)
    .option("--credentials <file>", 'JSON: { "NamedCredential": { "baseUrl": …, "auth": { "type": "basic", … } } }')
    .action((file: string, o: SourceOpts) => {
        let org: LocalOrg;
        try {
            org = loadOrg(o);
        } catch (e) {
            fail(e);
        }
        org.host.echoDebug = true;
        let r;
        try {
            r = org.runAnonymous(fs.readFileSync(file, "utf8"), path.relative(process.cwd(), file));
        } catch (e) {
            fail(e);
        }
        if (!r.success) process.stderr.write(`${r.error}\n`);
        org.close();
        process.exitCode = r.success ? 0 : 1;
    });

program.parse();
