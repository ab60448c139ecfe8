/**
 * The set-up the Flow end-to-end test files share: an emulator worker with the file's fault rules and a configured
 * local org on a fixed clock, started in `before` and stopped in `after`. Kept under src/ (not test/) because
 * `node --test <dir>` runs every .js file below a test/ folder as a test file of its own.
 */
import path from "node:path";
import { after, before } from "node:test";
import type { FaultRuleInput } from "../../../emulator/src/index";
import type { LocalOrg } from "../../../local-org/src/index";
import { configure, createFlowOrg, startEmulatorWorker, type EmulatorWorker } from "./flow-org";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "../../../../..");

/** The fixed clock of the emulator and of the org, epoch ms (the org's clock moves only by `advanceClock`). */
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

/** The org and emulator of a test file. */
export interface FlowSession {
    /** The configured local org (valid once `before` has run). */
    readonly org: LocalOrg;
    /** The emulator worker (valid once `before` has run). */
    readonly emulator: EmulatorWorker;
}

/**
 * Registers `before`/`after` hooks that start the emulator with the given fault rules and a configured local org
 * for the calling test file, and stop them.
 * @param faults fault rules active from the start
 * @returns accessors usable inside the file's tests
 */
export function useFlowOrg(faults: FaultRuleInput[]): FlowSession {
    let org: LocalOrg | undefined;
    let emulator: EmulatorWorker | undefined;

    before(async () => {
        emulator = await startEmulatorWorker(NOW, faults);
        org = createFlowOrg(ROOT, emulator.url, () => NOW);
        configure(org);
    });

    after(async () => {
        org?.close();
        await emulator?.stop();
    });

    return {
        get org() {
            if (!org) throw new Error("the org is not started: use the session inside a test");
            return org;
        },
        get emulator() {
            if (!emulator) throw new Error("the emulator is not started: use the session inside a test");
            return emulator;
        }
    };
}
