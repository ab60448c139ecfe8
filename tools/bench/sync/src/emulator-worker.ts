/**
 * Runs the MCP emulator in a worker thread: the local org blocks its own thread while a callout is in flight
 * (Atomics.wait), so the server it calls must live on another thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startEmulator } from "../../../emulator/src/index";

interface WorkerInput {
    dataFile: string;
    now: number;
}

function isWorkerInput(value: unknown): value is WorkerInput {
    if (typeof value !== "object" || value === null) return false;
    const v = value as Record<string, unknown>;
    return typeof v["dataFile"] === "string" && typeof v["now"] === "number";
}

async function main(): Promise<void> {
    if (!isWorkerInput(workerData) || !parentPort) throw new Error("emulator worker: bad input");
    const port = parentPort;
    const emu = await startEmulator({
        port: 0,
        seed: 42,
        users: 0,
        dataFile: workerData.dataFile,
        now: workerData.now
    });
    port.postMessage({ url: emu.url });
    port.on("message", (message: unknown) => {
        if (message === "close") void emu.close().then(() => process.exit(0));
    });
}

void main();
