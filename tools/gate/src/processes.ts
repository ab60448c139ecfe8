import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { PrerequisiteError } from "./findings";

/** Captured output of a child process. */
export interface ProcessOutput {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs a command without a shell and captures its output; never rejects on a non-zero exit. */
export function runProcess(
    command: string,
    args: string[],
    options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }
): Promise<ProcessOutput> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ["ignore", "pipe", "pipe"]
        });
        // Our own timer rather than spawn's `timeout`, whose timer outlives a spawn that failed (ENOENT).
        const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", (error: NodeJS.ErrnoException) => {
            clearTimeout(timer);
            if (error.code === "ENOENT") {
                reject(new PrerequisiteError(`'${command}' was not found.`, installHint(command)));
            } else {
                reject(error);
            }
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code: code ?? 1, stdout, stderr });
        });
    });
}

function installHint(command: string): string {
    if (command === "java") {
        return "install a Java 17 runtime (apt-get install -y openjdk-17-jre-headless), as .ci/run does.";
    }
    return `run 'npm ci' in the project root so '${command}' is installed.`;
}

/** The repository root (where package.json lives), found from this compiled module's location. */
export function repoRoot(): string {
    let dir = __dirname;
    while (!existsSync(path.join(dir, "package.json")) || !existsSync(path.join(dir, "sfdx-project.json"))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error("Cannot find the project root (package.json + sfdx-project.json) above " + __dirname);
        }
        dir = parent;
    }
    return dir;
}

/** Resolves an installed npm package's file, or fails with a one-line cause and fix. */
export function requirePackageFile(relativeToNodeModules: string): string {
    const file = path.join(repoRoot(), "node_modules", relativeToNodeModules);
    if (!existsSync(file)) {
        throw new PrerequisiteError(
            `node_modules/${relativeToNodeModules} is missing.`,
            "run 'npm ci' in the project root."
        );
    }
    return file;
}
