import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DC_DEMO_SUBJECT_TOKEN, startEmulator, type ApiSurface, type EmulatorHandle } from "../../emulator/src/index";
import { buildWeb, type BuildResult } from "./build/bundle";
import { discoverBundles } from "./build/discover";
import { readDemoCrm } from "./org/demoCrm";
import { OrgClient } from "./org/orgClient";
import type { OrgWorkerData } from "./org/protocol";
import { loadPages, resolvePage } from "./pages";
import { DEMO_SEED, FORCE_APP, PAGES_DIR, REPO_ROOT, WEB_OUT } from "./paths";
import { startServer, type WorkbenchServer } from "./server/server";

/** Options of {@link startWorkbench}. */
export interface WorkbenchOptions {
    /** Web server port (0: any free port). */
    port?: number;
    host?: string;
    /** Emulator port (0: any free port). */
    emulatorPort?: number;
    /** Emulator data seed. */
    seed?: number;
    /** Latency the emulator adds to every API response, ms. */
    latencyMs?: number;
    /** Demo CRM file shared by the emulator and the local org. */
    seedFile?: string;
    /** Local org replica workers running read-only Apex calls in parallel (default: 2, or the cores beyond two up to 4; 0 = one worker). */
    replicas?: number;
    /** Compile the components and the page bundle first (default true). */
    build?: boolean;
    /**
     * Fresh install: the org holds only what the package installs (no `org-settings.json`: no settings
     * overrides, no permission set assignment, no schedule), as an admin finds it right after installing.
     */
    fresh?: boolean;
    /**
     * MCP surface the emulator serves (default `documented`: only what a real account serves, insight data from the
     * package's insights template; the demo org is as after its first nightly sync, which links the profiles).
     * `extended`: the emulator also serves the project's own read contract and the package reads through it.
     */
    surface?: ApiSurface;
    /**
     * Personalization backend of the demo org (default `mcp`). `data-cloud`: Backend = DATA_CLOUD, the Data Cloud
     * Named Credentials routed to the emulator's Data Cloud surface (the org credential with a demo Salesforce token
     * and merge fields in the body, the instance credential without authentication), personalization points
     * `promos,recs`, an ingestion source and object; no first nightly sync (Data Cloud does not need it).
     */
    backend?: Backend;
    log?: (line: string) => void;
}

/** Personalization backend of the workbench's demo org. */
export type Backend = "mcp" | "data-cloud";

/** Settings of the Data Cloud demo org. */
export const DATA_CLOUD_SETTINGS = {
    Backend__c: "DATA_CLOUD",
    Data_Cloud_Personalization_Points__c: "promos,recs",
    Data_Cloud_Ingestion_Source__c: "Personalization_Connector",
    Data_Cloud_Ingestion_Object__c: "personalization_interaction"
};

/** A running workbench. */
export interface Workbench {
    url: string;
    emulator: EmulatorHandle;
    org: OrgClient;
    server: WorkbenchServer;
    build: BuildResult | null;
    close(): Promise<void>;
}

/** A start-up failure with a one-line cause and fix. */
export class WorkbenchStartError extends Error {}

/** The Named Credential the package's Apex calls out through. */
export const CREDENTIAL = "Personalization_MCP";
/** The emulator's demo key, used by the Named Credential in the local org. */
export const DEMO_KEY = { id: "demo-key", secret: "demo-secret" };

/** Outcome of compiling the components: bundles with type errors, and the first error of each. */
export interface CompileOutcome {
    broken: Map<string, string>;
}

/**
 * Emits each component's `.js` from its `.ts` (the compile `npm run build` does, tests excluded). Type
 * errors do not stop the workbench: the bundles they are in are left out of the page, with a warning.
 */
export function compileComponents(): CompileOutcome {
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const r = spawnSync(
        process.execPath,
        [tsc, "-p", path.join(REPO_ROOT, "tsconfig.build.json"), "--noEmitOnError", "false"],
        {
            cwd: REPO_ROOT,
            encoding: "utf8"
        }
    );
    const broken = new Map<string, string>();
    if (r.error) throw new WorkbenchStartError(`TypeScript cannot run (${r.error.message}); run npm ci`);
    for (const line of `${r.stdout}\n${r.stderr}`.split("\n")) {
        const m = /[\\/]lwc[\\/]([A-Za-z0-9_]+)[\\/][^(]*\(\d+,\d+\): error/.exec(line);
        if (m && !broken.has(m[1])) broken.set(m[1], line.trim());
    }
    if (r.status !== 0 && broken.size === 0) {
        const first = `${r.stdout}${r.stderr}`.split("\n").find((l) => l.trim()) ?? "unknown error";
        throw new WorkbenchStartError(
            `the components do not compile (${first.trim()}); fix it, then run npm start again`
        );
    }
    return { broken };
}

async function portFree(host: string, port: number): Promise<boolean> {
    if (port === 0) return true;
    const net = await import("node:net");
    return new Promise((resolve) => {
        const s = net.createServer();
        s.once("error", () => resolve(false));
        s.listen(port, host, () => s.close(() => resolve(true)));
    });
}

/** How the demo org matches the emulator surface: the insight source, and on documented surfaces the first sync. */
function surfaceSetup(
    surface: ApiSurface,
    fresh: boolean
): Pick<OrgWorkerData, "metadataOverrides" | "afterSetupApex"> {
    if (surface === "extended")
        return {
            metadataOverrides: { "Personalization_Settings__mdt.Default": { Insight_Source__c: "Extended_API" } }
        };
    // documented: profiles are linked by the nightly sync from MCP's user export, as after the first night
    return fresh ? {} : { afterSetupApex: "new PersonalizationSyncService().start(false);" };
}

/** What the Data Cloud backend adds to the demo org: its settings and its two credentials, routed to the emulator. */
function dataCloudSetup(
    emulatorUrl: string,
    surface: Pick<OrgWorkerData, "metadataOverrides">
): Pick<OrgWorkerData, "metadataOverrides" | "extraCredentials"> {
    const current = surface.metadataOverrides?.["Personalization_Settings__mdt.Default"] ?? {};
    return {
        metadataOverrides: { "Personalization_Settings__mdt.Default": { ...current, ...DATA_CLOUD_SETTINGS } },
        extraCredentials: {
            Personalization_Data_Cloud: {
                baseUrl: emulatorUrl,
                auth: { type: "bearer", token: DC_DEMO_SUBJECT_TOKEN },
                allowMergeFieldsInBody: true
            },
            Personalization_Data_Cloud_Tenant: { baseUrl: emulatorUrl, auth: { type: "none" } }
        }
    };
}

/**
 * Starts the whole package locally: the MCP emulator (seeded), the local org (package Apex, demo records,
 * the Named Credential routed to the emulator with the demo key) in a worker thread, and the web server.
 */
export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
    const log = options.log ?? (() => undefined);
    const surface: ApiSurface = options.surface ?? "documented";
    const host = options.host ?? "127.0.0.1";
    const port = options.port ?? 0;
    const seedFile = options.seedFile ?? DEMO_SEED;
    readDemoCrm(seedFile); // fail fast, before anything starts, on an unreadable seed file
    if (!(await portFree(host, port)))
        throw new WorkbenchStartError(`port ${port} is in use; stop the other process or pass --port <free port>`);
    if (options.emulatorPort && !(await portFree(host, options.emulatorPort)))
        throw new WorkbenchStartError(
            `emulator port ${options.emulatorPort} is in use; stop the other process or pass --emulator-port <free port>`
        );

    let build: BuildResult | null = null;
    if (options.build !== false) {
        log("workbench: compiling components (tsc)…");
        const { broken } = compileComponents();
        for (const line of broken.values()) log(`workbench: left out (type error): ${line}`);
        log("workbench: building the page bundle (rollup, LWC, lightning-base-components)…");
        build = await buildWeb({ log, exclude: new Set(broken.keys()) });
        if (build.unbuilt.length) log(`workbench: not compiled, left out: ${build.unbuilt.join(", ")}`);
        if (build.missingLabels.length)
            log(`workbench: labels missing from the labels files: ${build.missingLabels.join(", ")}`);
    } else if (!fs.existsSync(path.join(WEB_OUT, "app.js"))) {
        throw new WorkbenchStartError("the workbench page is not built; run npm start (without --no-build) once");
    }

    const bundles = new Map(discoverBundles(FORCE_APP).map((b) => [b.name, b]));
    const pages = loadPages(PAGES_DIR).map((p) => resolvePage(p, bundles));
    for (const p of pages) for (const w of p.warnings ?? []) log(`workbench: ${w}`);

    const emulator = await startEmulator({
        port: options.emulatorPort ?? 0,
        host,
        seed: options.seed ?? 42,
        dataFile: seedFile,
        apiKey: DEMO_KEY,
        latencyMs: options.latencyMs,
        requestLogSize: 5000,
        surface
    });
    log(`workbench: MCP emulator on ${emulator.url}`);
    let org: OrgClient;
    try {
        org = await OrgClient.start({
            sourceDirs: [FORCE_APP],
            seedFile,
            emulatorUrl: emulator.url,
            apiKey: DEMO_KEY,
            credentialName: CREDENTIAL,
            cacheDir: path.join(REPO_ROOT, ".localorg-cache"),
            settingsFile: options.fresh ? undefined : path.join(REPO_ROOT, "tools/workbench/org-settings.json"),
            ...(options.backend === "data-cloud"
                ? dataCloudSetup(emulator.url, surfaceSetup(surface, options.fresh === true))
                : surfaceSetup(surface, options.fresh === true)),
            replicas: options.replicas
        });
    } catch (e) {
        await emulator.close();
        throw new WorkbenchStartError(`the local org did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    const { workers } = org.stats();
    log(
        `workbench: local org loaded ${org.classes} Apex classes in ${workers} workers (1 primary, ${workers - 1} replicas) in ${(org.loadMs / 1000).toFixed(1)} s`
    );
    log(
        `workbench: seeded ${Object.entries(org.seed.counts)
            .map(([k, v]) => `${v} ${k}`)
            .join(", ")}`
    );
    if (org.seed.settings?.length) log(`workbench: demo settings ${org.seed.settings.join(", ")}`);
    let server: WorkbenchServer;
    try {
        server = await startServer({
            port,
            host,
            org,
            emulatorUrl: emulator.url,
            pages,
            info: { seed: org.seed, unbuilt: build?.unbuilt ?? [], missingLabels: build?.missingLabels ?? [] }
        });
    } catch (e) {
        await org.close();
        await emulator.close();
        const code = (e as { code?: unknown }).code;
        throw new WorkbenchStartError(
            code === "EADDRINUSE"
                ? `port ${port} is in use; stop the other process or pass --port <free port>`
                : String(e)
        );
    }
    return {
        url: server.url,
        emulator,
        org,
        server,
        build,
        close: async () => {
            await server.close();
            await org.close();
            await emulator.close();
        }
    };
}
