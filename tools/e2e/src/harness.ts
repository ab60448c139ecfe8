/**
 * What the end-to-end tests share: the MCP emulator started in its own process on a free port, a scratch
 * folder, the packaged Named Credential pointed at the emulator, and anonymous Apex run by the local org CLI.
 * Both run as child processes because the local org blocks its thread during a callout.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FaultRuleInput } from "../../emulator/src/index";

/** Repository root (this file runs from `dist/tools/e2e/src`). */
export const ROOT = path.resolve(__dirname, "../../../..");
/** Compiled emulator and local org command lines (`tsc -b tools/e2e` builds both). */
export const EMULATOR_CLI = path.join(ROOT, "dist/tools/emulator/src/cli.js");
export const LOCAL_ORG_CLI = path.join(ROOT, "dist/tools/local-org/src/cli.js");
/** The integration core: loading only it means work in progress elsewhere in force-app cannot break a run. */
export const CORE_SOURCES = ["force-app/main/api", "force-app/main/configuration", "force-app/main/shared"];
/** The packaged Named Credential the Apex calls through. */
const CREDENTIAL = "Personalization_MCP";
const START_TIMEOUT_MS = 20000;

/**
 * @param name file name in `tools/e2e/apex`
 * @returns the absolute path of that anonymous Apex script
 */
export function apexScript(name: string): string {
    return path.join(ROOT, "tools/e2e/apex", name);
}

/** Outcome of one local org run. */
export interface ApexRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** A running emulator with a scratch folder; handed to the body of {@link withEmulator}. */
export interface E2eSession {
    /** Emulator base URL. */
    url: string;
    /** Scratch folder, removed afterwards. */
    dir: string;
    /**
     * Runs an anonymous Apex script in the local org with only `sources` loaded and the Named Credential
     * pointed at the emulator.
     */
    runApex(script: string, sources: string[]): Promise<ApexRun>;
}

/**
 * Starts the emulator (with one-shot `faults`, if any), runs `body`, then stops it and removes the scratch folder
 * whatever happened.
 * @param faults fault rules, consumed in the order the Apex meets them
 * @param body the test's steps
 */
export async function withEmulator(
    faults: FaultRuleInput[],
    body: (session: E2eSession) => Promise<void>
): Promise<void> {
    assertBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-"));
    try {
        const faultsFile = path.join(dir, "faults.json");
        fs.writeFileSync(faultsFile, JSON.stringify(faults));
        const emulator = await startEmulator(faultsFile);
        try {
            const credentials = writeCredentials(dir, emulator.url);
            await body({
                url: emulator.url,
                dir,
                runApex: (script, sources) =>
                    runLocalOrg(["run", script, "--credentials", credentials, ...onlySources(sources)])
            });
        } finally {
            emulator.stop();
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * @param run a local org run
 * @returns its stdout, after checking it exited 0 (the Apex scripts assert every outcome themselves)
 */
export function succeeded(run: ApexRun): string {
    if (run.code !== 0) {
        throw new Error(`Apex script failed (exit ${run.code}):\n${run.stderr}\n${run.stdout.slice(-3000)}`);
    }
    return run.stdout;
}

function assertBuilt(): void {
    for (const cli of [EMULATOR_CLI, LOCAL_ORG_CLI]) {
        if (!fs.existsSync(cli)) {
            throw new Error(`${path.relative(ROOT, cli)} is missing: run 'tsc -b tools/e2e' first`);
        }
    }
}

function onlySources(sources: string[]): string[] {
    return ["--no-default-source", ...sources.flatMap((source) => ["--source", source])];
}

function writeCredentials(dir: string, baseUrl: string): string {
    const file = path.join(dir, "credentials.json");
    const auth = { type: "basic", username: "demo-key", password: "demo-secret" };
    fs.writeFileSync(file, JSON.stringify({ [CREDENTIAL]: { baseUrl, auth } }));
    return file;
}

function startEmulator(faultsFile: string): Promise<{ url: string; stop: () => void }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [EMULATOR_CLI, "--port", "0", "--faults", faultsFile], {
            stdio: ["ignore", "pipe", "pipe"]
        });
        let output = "";
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`emulator did not start: ${output}`));
        }, START_TIMEOUT_MS);
        child.stdout.on("data", (chunk: Buffer) => {
            output += String(chunk);
            const match = /listening on (http:\/\/\S+)/.exec(output);
            if (match?.[1]) {
                clearTimeout(timer);
                resolve({ url: match[1], stop: () => child.kill() });
            }
        });
        child.stderr.on("data", (chunk: Buffer) => (output += String(chunk)));
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`emulator exited with ${code}: ${output}`));
        });
    });
}

function runLocalOrg(args: string[]): Promise<ApexRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [LOCAL_ORG_CLI, ...args], { cwd: ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
        child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
        child.on("error", reject);
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
}
