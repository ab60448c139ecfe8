/**
 * Local Marketing Cloud Personalization emulator.
 *
 * ```ts
 * const emu = await startEmulator({ port: 0, seed: 7, now: Date.UTC(2026, 10, 28, 12) });
 * await fetch(`${emu.url}/api/datasets`, { headers: { authorization: 'Basic ' + btoa('demo-key:demo-secret') } });
 * await emu.close();
 * ```
 */
import { loadDemoCrm } from "./data/demo-seed";
import { parseFaultRule, type FaultRuleInput } from "./faults/fault-rules";
import { defaultTokens, type ApiToken } from "./http/auth";
import { EmulatorServer, type ApiSurface } from "./http/server";
import { makeClock, type Clock } from "./util/time";

export type { ApiToken } from "./http/auth";
export type { FaultRuleInput, FaultRule } from "./faults/fault-rules";
export type { ApiSurface };
export { ContractValidator, CONTRACT_PATH } from "./contract/openapi-validator";
export { DEMO_SEED_PATH, loadDemoCrm, isValidSalesforceId18 } from "./data/demo-seed";
export { demoProfileId } from "./data/build-state";
export { DC_CLIENT, DC_DEMO_SUBJECT_TOKEN } from "./datacloud/surface";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
    /** TCP port; 0 picks a free port (default 0 for the library, 4010 for the CLI). */
    port?: number;
    /** Interface to bind (default 127.0.0.1). */
    host?: string;
    /** Seed of all generated data (default 42). */
    seed?: number;
    /** Synthetic profiles in the engage dataset (default 400; b2b gets 30%). */
    users?: number;
    /** Demo CRM file in the config/seed/demo-crm.json format (default: that file). */
    dataFile?: string;
    /** Demo API key (default demo-key / demo-secret). */
    apiKey?: { id: string; secret: string };
    /** Replaces every token (default: the demo key plus the fixed auth-matrix tokens). */
    tokens?: ApiToken[];
    /** Latency added to every API response, ms. */
    latencyMs?: number;
    /** Fixed clock (epoch ms) or a clock function; default wall time. */
    now?: number | Clock;
    /** CampaignResponse.type: "c" (documented, default) or "ng" (observed in real traffic). */
    campaignResponseType?: "c" | "ng";
    /** Fault rules active from the start. */
    faults?: FaultRuleInput[];
    /** Requests kept by GET /__emulator/requests (default 500). */
    requestLogSize?: number;
    /**
     * `extended` (default): also the project's own read routes (`x-contract: project`); `documented`: only what a
     * real MCP account serves, the project routes answering 404 with an HTML page as an unknown path would.
     */
    surface?: ApiSurface;
    /**
     * Whether the package's CRM Profile Insights template (mcp/templates) is installed, i.e. whether the seeded
     * "Personalization Connector Insights" campaigns exist (default true). Toggle at run time with
     * `POST /__emulator/insights-template`.
     */
    insightsTemplate?: boolean;
}

/** A running emulator. */
export interface EmulatorHandle {
    /** Base URL, e.g. http://127.0.0.1:4010 */
    url: string;
    port: number;
    seed: number;
    /** The tokens in force. */
    tokens: ApiToken[];
    /** Dataset IDs served. */
    datasets: string[];
    /** Stops the server. */
    close(): Promise<void>;
    /** In-process access for tests and benchmarks. */
    server: EmulatorServer;
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
    const faults: FaultRuleInput[] = [];
    for (const f of options.faults ?? []) {
        const parsed = parseFaultRule(f);
        if (Array.isArray(parsed)) throw new Error(`Invalid fault rule: ${parsed.join("; ")}`);
        faults.push(parsed);
    }
    const tokens = options.tokens ?? defaultTokens(options.apiKey);
    const seed = options.seed ?? 42;
    const server = new EmulatorServer({
        seed,
        users: options.users ?? 400,
        demo: loadDemoCrm(options.dataFile),
        tokens,
        latencyMs: options.latencyMs ?? 0,
        clock: makeClock(options.now),
        typeCode: options.campaignResponseType ?? "c",
        initialFaults: faults,
        requestLogSize: options.requestLogSize ?? 500,
        surface: options.surface ?? "extended",
        insightsTemplate: options.insightsTemplate ?? true
    });
    const host = options.host ?? "127.0.0.1";
    const address = await server.listen(options.port ?? 0, host);
    const shownHost = host.includes(":") ? `[${host}]` : host;
    return {
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        seed,
        tokens,
        datasets: [...server.stores.keys()],
        close: () => server.close(),
        server
    };
}
