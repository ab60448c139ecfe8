import { workerData } from "node:worker_threads";
import { SourceLoader } from "./loader";

/**
 * Worker thread of `SourceLoader.parseMissesInParallel`: parses its share of the cache misses and
 * writes the lowered ASTs to the cache. Syntax errors are not reported here: the main thread
 * re-parses any file without a cache entry and reports its errors.
 */
const data = workerData as {
    cacheDir: string;
    items: { rel: string; kind: "class" | "trigger"; source: string }[];
    done: SharedArrayBuffer;
};
const done = new Int32Array(data.done);
try {
    const loader = new SourceLoader(data.cacheDir);
    for (const item of data.items) {
        try {
            loader.lowerSource(item.rel, item.source, item.kind);
        } catch {
            // The main thread parses this file again and reports the failure.
        }
    }
} finally {
    Atomics.add(done, 0, 1);
    Atomics.notify(done, 0);
}
