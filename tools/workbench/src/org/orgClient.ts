import path from "node:path";
import { Worker } from "node:worker_threads";
import type { CrmRecords } from "./demoCrm";
import type { ApexFailure, OrgReply, OrgRequest, OrgWorkerData } from "./protocol";
import type { SeedOutcome } from "./seed";

/** Outcome of an `@AuraEnabled` call. */
export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; error: ApexFailure };

/** Outcome of anonymous Apex. */
export interface AnonymousOutcome {
    success: boolean;
    log: string[];
    error: string | null;
}

type Pending = (r: OrgReply) => void;

/** Distributes the `Omit` over the request union (so each variant keeps its own fields). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** Main-thread handle of the local org running in its worker (see orgWorker.ts). */
export class OrgClient {
    private nextId = 1;
    private readonly pending = new Map<number, Pending>();
    /** Apex calls made through this client (for the benchmark). */
    apexCalls = 0;

    private constructor(
        private readonly worker: Worker,
        readonly classes: number,
        readonly loadMs: number,
        readonly seed: SeedOutcome
    ) {
        worker.on("message", (r: OrgReply) => {
            if ("id" in r) {
                const p = this.pending.get(r.id);
                this.pending.delete(r.id);
                p?.(r);
            }
        });
    }

    /** Starts the worker and waits until the package Apex is loaded and the demo records seeded. */
    static start(data: OrgWorkerData): Promise<OrgClient> {
        // Apex allows 1000 frames; the interpreter needs a deep native stack to reach that limit.
        const worker = new Worker(path.join(__dirname, "orgWorker.js"), {
            workerData: data,
            resourceLimits: { stackSizeMb: 256 }
        });
        return new Promise((resolve, reject) => {
            const onExit = (code: number): void =>
                reject(new Error(`the local org stopped while loading (exit ${code})`));
            worker.once("error", reject);
            worker.once("exit", onExit);
            worker.once("message", (r: OrgReply) => {
                worker.off("exit", onExit);
                if (r.kind === "ready") resolve(new OrgClient(worker, r.classes, r.loadMs, r.seed));
                else if (r.kind === "fatal") reject(new Error(r.message));
                else reject(new Error(`unexpected first message from the local org: ${r.kind}`));
            });
        });
    }

    private request(req: WithoutId<OrgRequest>): Promise<OrgReply> {
        const id = this.nextId++;
        return new Promise((resolve) => {
            this.pending.set(id, resolve);
            this.worker.postMessage({ ...req, id });
        });
    }

    /** Invokes a static `@AuraEnabled` method (the real Apex) as its own transaction. */
    async invoke(className: string, method: string, params: Record<string, unknown>): Promise<InvokeOutcome> {
        this.apexCalls++;
        const r = await this.request({ op: "invoke", className, method, params });
        if (r.kind !== "result") throw new Error(`unexpected reply ${r.kind}`);
        return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
    }

    /** Runs anonymous Apex (not a test context: callouts reach the emulator). */
    async anonymous(source: string): Promise<AnonymousOutcome> {
        const r = await this.request({ op: "anonymous", source });
        if (r.kind !== "anonymous") throw new Error(`unexpected reply ${r.kind}`);
        return { success: r.success, log: r.log, error: r.error };
    }

    /** The demo records with their current field values. */
    async records(): Promise<CrmRecords> {
        const r = await this.request({ op: "records" });
        if (r.kind !== "records") throw new Error(`unexpected reply ${r.kind}`);
        return r.records;
    }

    async close(): Promise<void> {
        await this.worker.terminate();
    }
}
