import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

/** A plain HTTP request/response pair exchanged with the fetch worker. */
export interface PlainRequest {
    url: string;
    method: string;
    headers: [string, string][];
    /** base64 */
    body: string | null;
    timeoutMs: number;
}
export interface PlainResponse {
    ok: boolean;
    error?: string;
    status: number;
    statusText: string;
    headers: [string, string][];
    /** base64 */
    body: string;
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ req, sab, port }) => {
  const flag = new Int32Array(sab);
  let result;
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body === null || req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.from(req.body, 'base64'),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const buf = Buffer.from(await res.arrayBuffer());
    result = { ok: true, status: res.status, statusText: res.statusText, headers: [...res.headers.entries()], body: buf.toString('base64') };
  } catch (e) {
    result = { ok: false, error: String(e && e.message || e), status: 0, statusText: '', headers: [], body: '' };
  }
  port.postMessage(result);
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

let worker: Worker | null = null;

/**
 * Performs an HTTP request synchronously: Apex callouts are synchronous, so the interpreter stays
 * synchronous and a worker thread does the `fetch` while this thread blocks on `Atomics.wait`.
 */
export function syncFetch(req: PlainRequest): PlainResponse {
    if (!worker) {
        worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.unref();
    }
    const sab = new SharedArrayBuffer(4);
    const flag = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ req, sab, port: port2 }, [port2]);
    const r = Atomics.wait(flag, 0, 0, req.timeoutMs + 1000);
    const msg = receiveMessageOnPort(port1);
    port1.close();
    if (r === "timed-out" || !msg)
        return { ok: false, error: "Read timed out", status: 0, statusText: "", headers: [], body: "" };
    return msg.message as PlainResponse;
}

/** Stops the fetch worker (tests and short-lived CLIs). */
export function stopSyncFetch(): void {
    if (worker) {
        void worker.terminate();
        worker = null;
    }
}
