#!/usr/bin/env node
import path from "node:path";
import { Command } from "commander";
import { PrerequisiteError, StepResult, formatFinding } from "./findings";
import { GATES } from "./gates";
import { projectNamespace, stageNamespacedProject } from "./namespace";
import { repoRoot } from "./processes";
import { runAllGates } from "./testRunner";

/** Exit codes: 0 passed, 1 a step found problems, 2 a step could not run (prerequisite missing). */
async function runGate(name: string, root: string): Promise<number> {
    let exitCode = 0;
    for (const step of GATES[name]) {
        const started = Date.now();
        let result: StepResult;
        try {
            result = await step(root);
        } catch (error) {
            if (error instanceof PrerequisiteError) {
                console.error(`✖ ${name}: cannot run: ${error.message}`);
                return 2;
            }
            throw error;
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${result.ok ? "✔" : "✖"} ${result.step} (${seconds} s)`);
        for (const note of result.notes) {
            console.log(`    ${note}`);
        }
        for (const finding of result.findings) {
            console.log(`    ${formatFinding(finding)}`);
        }
        if (!result.ok) {
            exitCode = 1;
        }
    }
    return exitCode;
}

const program = new Command("gate").description("Personalization Connector offline quality gate");
for (const name of Object.keys(GATES)) {
    program
        .command(name)
        .description(`run the ${name} gate`)
        .option("--root <dir>", "project root to check (default: this repository)")
        .action(async (options: { root?: string }) => {
            process.exitCode = await runGate(name, path.resolve(options.root ?? repoRoot()));
        });
}
program
    .command("stage")
    .description(
        "copy the packaged source with the namespace applied: the folder to run 'sf package version create' in"
    )
    .option("--namespace <ns>", "namespace (default: sfdx-project.json)")
    .option("--out <dir>", "target folder", ".package-stage")
    .action((options: { namespace?: string; out: string }) => {
        const root = repoRoot();
        const namespace = (options.namespace ?? projectNamespace(root)).trim();
        if (!namespace) {
            console.error("✖ stage: no namespace: register one and set it in sfdx-project.json, or pass --namespace");
            process.exitCode = 2;
            return;
        }
        const out = path.resolve(root, options.out);
        const staged = stageNamespacedProject(root, out, namespace);
        console.log(`✔ staged ${staged.files} files in ${path.relative(root, out) || out} with namespace ${namespace}`);
        for (const file of staged.rewritten) {
            console.log(`    rewritten: ${file}`);
        }
    });
program
    .command("test")
    .description("run every gate and every test:* suite, keep going after failures, print a summary")
    .action(async () => {
        process.exitCode = await runAllGates(repoRoot());
    });

program.parseAsync(process.argv).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 3;
});
