/**
 * Runs the MCP emulator in a worker thread: the local org blocks its own thread while a callout is in flight
 * (Atomics.wait), so the server it calls must live on another thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startEmulator, type FaultRuleInput } from "../../../emulator/src/index";

interface WorkerInput {
    now: number;
    faults?: FaultRuleInput[];
}

function isWorkerInput(value: unknown): value is WorkerInput {
    return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)["now"] === "number";
}

async function main(): Promise<void> {
    if (!isWorkerInput(workerData) || !parentPort) throw new Error("emulator worker: bad input");
    const port = parentPort;
    const emulator = await startEmulator({ port: 0, seed: 42, now: workerData.now, faults: workerData.faults });
    port.postMessage({ url: emulator.url });
    port.on("message", (message: unknown) => {
        if (message === "close") void emulator.close().then(() => process.exit(0));
    });
}

void main();
