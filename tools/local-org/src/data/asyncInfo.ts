/**
 * `System.AsyncInfo` (Apex Reference, "AsyncInfo Class"): the Queueable stack depth of the running job and the org's
 * maximum. The depth is kept by the async queue (`async.ts`): a job enqueued by a running Queueable is one deeper
 * than it, any other job (from a trigger, a test, a schedule or a Transaction Finalizer) starts at 1. `AsyncOptions`
 * (a per-chain maximum, a minimum delay, a duplicate signature) is not modelled, so the maximum is the org's own
 * (`AsyncQueue.maxStackDepth`, none by default as in a production org) and there is never a minimum delay.
 */
import { UnsupportedError } from "../runtime/errors";
import type { Value } from "../runtime/values/values";
import type { AsyncQueue } from "./async";

/** Lower-cased static methods of AsyncInfo the local org implements (for the supported-subset check). */
export const ASYNC_INFO_METHODS = [
    "getcurrentqueueablestackdepth",
    "getmaximumqueueablestackdepth",
    "getminimumqueueabledelayinminutes",
    "hasmaxstackdepth"
];

/** `AsyncInfo.<method>()`; null when the method is not one of AsyncInfo's. */
export function asyncInfoStatic(queue: AsyncQueue, lname: string, args: Value[]): Value | undefined {
    if (!ASYNC_INFO_METHODS.includes(lname)) return undefined;
    if (args.length) throw new UnsupportedError(`AsyncInfo.${lname} with ${args.length} arguments`);
    switch (lname) {
        case "hasmaxstackdepth":
            return queue.maxStackDepth !== null;
        case "getmaximumqueueablestackdepth":
            // what the platform answers without a maximum is not documented
            if (queue.maxStackDepth === null)
                throw new UnsupportedError("AsyncInfo.getMaximumQueueableStackDepth() when no maximum is set");
            return queue.maxStackDepth;
        case "getminimumqueueabledelayinminutes":
            // "Returns null if no delay is defined" (AsyncOptions, which defines one, is not modelled)
            return null;
        default: {
            const depth = queue.currentStackDepth();
            // outside a running Queueable the platform's answer is not documented
            if (depth === null)
                throw new UnsupportedError("AsyncInfo.getCurrentQueueableStackDepth() outside a running Queueable");
            return depth;
        }
    }
}
