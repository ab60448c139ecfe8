import type { NamedCredentialConfig } from "../../../local-org/src/index";
import type { CrmRecords } from "./demoCrm";
import type { ChangeSet } from "./replication";
import type { SeedOutcome } from "./seed";

/** Data a local-org worker starts with. */
export interface OrgWorkerData {
    sourceDirs: string[];
    seedFile: string;
    emulatorUrl: string;
    apiKey: { id: string; secret: string };
    /** Named Credential routed to the emulator. */
    credentialName: string;
    /** Further Named Credentials (the Data Cloud backend's), routed as given. */
    extraCredentials?: Record<string, NamedCredentialConfig>;
    cacheDir: string;
    /** Demo-org custom metadata overrides (tools/workbench/org-settings.json). */
    settingsFile?: string;
    /**
     * Custom metadata set before the demo settings, e.g. the insight source of the emulator surface in use
     * (`"Personalization_Settings__mdt.Default": { Insight_Source__c: "Extended_API" }`); applied in fresh mode too.
     */
    metadataOverrides?: Record<string, Record<string, string | number | boolean | null>>;
    /** Anonymous Apex run after the demo settings (e.g. the first nightly sync run). */
    afterSetupApex?: string;
    /** Replicas running cacheable and read-only calls in parallel (default {@link DEFAULT_REPLICAS}; 0 = everything on the primary). */
    replicas?: number;
}

/** What a worker is: the primary (seeds, writes, async work) or replica `index` (1…n). */
export interface WorkerRole {
    role: "primary" | "replica";
    index: number;
}

/** Requests to a worker. */
export type OrgRequest =
    | { id: number; op: "invoke"; className: string; method: string; params: Record<string, unknown> }
    | { id: number; op: "anonymous"; source: string }
    | { id: number; op: "records" }
    /** Apply another transaction's commit (no reply). */
    | { id: number; op: "apply"; changes: ChangeSet };

/** An Apex exception in platform terms. */
export interface ApexFailure {
    exceptionType: string;
    message: string;
    stackTrace: string;
}

/** Where a worker spent an `@AuraEnabled` call, ms (sent back as the response's `Server-Timing`). */
export interface WorkerTiming {
    /** Copying the data before the transaction (for its commit). */
    captureMs: number;
    /** The Apex itself, callouts included. */
    apexMs: number;
    /** Finding what the transaction changed. */
    diffMs: number;
}

/** What a transaction committed: null when it changed nothing. */
export interface Commit {
    changes: ChangeSet | null;
    /** Rows changed (not just Platform Cache entries). */
    wrote: boolean;
}

/**
 * Worker replies. `loaded` is sent once the Apex is parsed and linked (the parse cache is warm from then on);
 * `ready` once the worker can serve (the primary after seeding, with its whole state for the replicas).
 */
export type OrgReply =
    | { kind: "loaded"; loadMs: number }
    | {
          kind: "ready";
          classes: number;
          loadMs: number;
          /** Primary only. */
          seed?: SeedOutcome;
          state?: ChangeSet;
          /** `class.method` (lower case) of every static `@AuraEnabled(cacheable=true)` method. */
          cacheable?: string[];
      }
    | { kind: "fatal"; message: string }
    | ({ kind: "result"; id: number; ok: true; value: unknown; timing: WorkerTiming } & Commit)
    | ({ kind: "result"; id: number; ok: false; error: ApexFailure; timing: WorkerTiming } & Commit)
    | { kind: "records"; id: number; records: CrmRecords }
    | ({ kind: "anonymous"; id: number; success: boolean; log: string[]; error: string | null } & Commit);
