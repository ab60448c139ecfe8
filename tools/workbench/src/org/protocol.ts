import type { CrmRecords } from "./demoCrm";
import type { SeedOutcome } from "./seed";

/** Data the local-org worker starts with. */
export interface OrgWorkerData {
    sourceDirs: string[];
    seedFile: string;
    emulatorUrl: string;
    apiKey: { id: string; secret: string };
    /** Named Credential routed to the emulator. */
    credentialName: string;
    cacheDir: string;
    /** Demo-org custom metadata overrides (tools/workbench/org-settings.json). */
    settingsFile?: string;
}

/** Requests to the worker. */
export type OrgRequest =
    | { id: number; op: "invoke"; className: string; method: string; params: Record<string, unknown> }
    | { id: number; op: "anonymous"; source: string }
    | { id: number; op: "records" };

/** An Apex exception in platform terms. */
export interface ApexFailure {
    exceptionType: string;
    message: string;
    stackTrace: string;
}

/** Worker replies. `ready` is sent once after loading. */
export type OrgReply =
    | { kind: "ready"; classes: number; loadMs: number; seed: SeedOutcome }
    | { kind: "fatal"; message: string }
    | { kind: "result"; id: number; ok: true; value: unknown }
    | { kind: "result"; id: number; ok: false; error: ApexFailure }
    | { kind: "records"; id: number; records: CrmRecords }
    | { kind: "anonymous"; id: number; success: boolean; log: string[]; error: string | null };
