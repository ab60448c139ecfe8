#!/usr/bin/env node
import { Command, InvalidArgumentError } from "commander";
import { SeedFileError } from "./org/demoCrm";
import { PageDefinitionError } from "./pages";
import { startWorkbench, WorkbenchStartError, type Backend } from "./workbench";

function int(name: string) {
    return (v: string): number => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535)
            throw new InvalidArgumentError(`${name} must be an integer 0–65535`);
        return n;
    };
}

const program = new Command()
    .name("workbench")
    .description(
        "Runs the package locally: MCP emulator, local org (the real Apex) and the component pages in a browser."
    )
    .option("--port <n>", "web server port", int("port"), 4321)
    .option("--emulator-port <n>", "emulator port (0: any free port)", int("emulator port"), 4010)
    .option("--seed <n>", "emulator data seed", int("seed"), 42)
    .option("--latency <ms>", "latency added to every MCP response", int("latency"), 0)
    .option(
        "--replicas <n>",
        "local org replica workers for read-only Apex calls (0: one worker; default: 2, or the cores beyond two up to 4)",
        int("replicas")
    )
    .option("--data <file>", "demo CRM seed file (default config/seed/demo-crm.json)")
    .option("--no-build", "skip compiling the components and the page bundle")
    .option("--fresh", "fresh install: package metadata only, no demo settings, permission set or schedule")
    .option(
        "--surface <documented|extended>",
        "MCP surface: documented (what a real account serves; insights from the package's template) or extended (also the project's own read contract)",
        "documented"
    )
    .option(
        "--backend <mcp|data-cloud>",
        "personalization backend: mcp (Marketing Cloud Personalization) or data-cloud (Salesforce Personalization on Data Cloud, the emulator's Data Cloud surface)",
        "mcp"
    )
    .parse();

const o = program.opts<{
    port: number;
    emulatorPort: number;
    seed: number;
    latency: number;
    replicas?: number;
    data?: string;
    build: boolean;
    fresh?: boolean;
    surface: string;
    backend: string;
}>();
if (o.backend !== "mcp" && o.backend !== "data-cloud") {
    console.error("workbench: --backend must be mcp or data-cloud");
    process.exit(2);
}
if (o.surface !== "documented" && o.surface !== "extended") {
    console.error("workbench: --surface must be documented or extended");
    process.exit(2);
}

startWorkbench({
    port: o.port,
    emulatorPort: o.emulatorPort,
    seed: o.seed,
    latencyMs: o.latency || undefined,
    seedFile: o.data,
    replicas: o.replicas,
    build: o.build,
    fresh: o.fresh === true,
    surface: o.surface,
    backend: o.backend as Backend,
    log: (l) => console.log(l)
}).then(
    (wb) => {
        console.log(`\nWorkbench ready: ${wb.url}   (MCP emulator ${wb.emulator.url}; Ctrl-C stops everything)`);
        const stop = (): void => {
            console.log("workbench: stopping…");
            wb.close().then(
                () => process.exit(0),
                () => process.exit(1)
            );
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
    },
    (e: unknown) => {
        const known =
            e instanceof WorkbenchStartError || e instanceof SeedFileError || e instanceof PageDefinitionError;
        console.error(
            `workbench: ${known ? (e as Error).message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`
        );
        process.exit(1);
    }
);
