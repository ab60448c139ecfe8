import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Gates that always run first, in this order; every other `test:<suite>` script follows. */
const FIRST = ["build", "lint", "scan", "validate", "test:unit"];
const SUITE_SCRIPT = /^test:[a-z0-9-]+$/;

interface GateOutcome {
    name: string;
    exitCode: number;
    seconds: number;
}

/** The scripts `npm test` runs: the static gates, then each `test:<suite>` script in package.json. */
export function plannedGates(root: string): string[] {
    const scripts = (
        JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const suites = Object.keys(scripts)
        .filter((name) => SUITE_SCRIPT.test(name) && !FIRST.includes(name))
        .sort();
    return [...FIRST.filter((name) => name in scripts), ...suites];
}

/**
 * Runs every gate and suite as `npm run <script>`, streaming its output, keeps going after a
 * failure so one run shows everything, and ends with a summary of each gate's time and the line
 * `N passed, N failed` (counting gates). Returns 1 when any gate failed or could not run.
 */
export async function runAllGates(root: string): Promise<number> {
    const outcomes: GateOutcome[] = [];
    for (const name of plannedGates(root)) {
        console.log(`\n━━ ${name} ━━`);
        const started = Date.now();
        const exitCode = await runScript(root, name);
        outcomes.push({ name, exitCode, seconds: (Date.now() - started) / 1000 });
    }
    const failed = outcomes.filter((o) => o.exitCode !== 0);
    console.log("\n━━ summary ━━");
    const width = Math.max(5, ...outcomes.map((o) => o.name.length));
    for (const outcome of outcomes) {
        const status = outcome.exitCode === 0 ? "passed" : `FAILED (exit ${outcome.exitCode})`;
        console.log(`  ${outcome.name.padEnd(width)} ${outcome.seconds.toFixed(1).padStart(6)} s  ${status}`);
    }
    const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
    console.log(`  ${"total".padEnd(width)} ${total.toFixed(1).padStart(6)} s`);
    console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
    return failed.length === 0 && outcomes.length > 0 ? 0 : 1;
}

function runScript(root: string, script: string): Promise<number> {
    return new Promise((resolve) => {
        const child = spawn("npm", ["run", "--silent", script], { cwd: root, stdio: "inherit" });
        child.on("error", () => resolve(127));
        child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
}
