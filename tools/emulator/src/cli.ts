/** Command line: `npm run emulator -- [--port 4010] [--no-insights-template] [--data FILE] [--seed N] [--users N] [--api-key ID:SECRET] [--latency MS]`. */
import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { startEmulator, type EmulatorOptions } from "./index";

const int =
    (name: string) =>
    (value: string): number => {
        if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
        return Number(value);
    };

/** Parses argv and starts the emulator; resolves with a stop function. */
export async function main(argv: string[] = process.argv): Promise<() => Promise<void>> {
    const program = new Command()
        .name("emulator")
        .description(
            "Local Marketing Cloud Personalization emulator (MCP Event API, user APIs and the project read contract)."
        )
        .option("--port <port>", "TCP port (0 = any free port)", int("port"), 4010)
        .option("--host <host>", "interface to bind", "127.0.0.1")
        .option("--data <file>", "demo CRM file (config/seed/demo-crm.json format) to seed profiles from")
        .option("--seed <n>", "seed of all generated data", int("seed"), 42)
        .option("--users <n>", "synthetic profiles in the engage dataset", int("users"), 400)
        .option("--api-key <id:secret>", "demo API key", "demo-key:demo-secret")
        .option("--latency <ms>", "latency added to every API response", int("latency"), 0)
        .option("--now <epochMs>", "freeze the clock at this time", int("now"))
        .option("--type <c|ng>", "CampaignResponse.type to emit", "c")
        .option("--faults <file>", "JSON file with an array of fault rules active from the start")
        .option(
            "--surface <documented|extended>",
            "documented: only routes a real MCP account serves (project read routes answer 404 HTML); extended: also the project's own read contract",
            "extended"
        )
        .option("--no-insights-template", "model an account where the package's insights template is not installed")
        // Throw instead of exiting so main() can be tested in-process.
        .exitOverride()
        .parse(argv);
    const o = program.opts<{
        port: number;
        host: string;
        data?: string;
        seed: number;
        users: number;
        apiKey: string;
        latency: number;
        now?: number;
        type: string;
        faults?: string;
        surface: string;
        insightsTemplate: boolean;
    }>();
    const colon = o.apiKey.indexOf(":");
    if (colon <= 0) throw new InvalidArgumentError("--api-key must be ID:SECRET");
    if (o.type !== "c" && o.type !== "ng") throw new InvalidArgumentError("--type must be c or ng");
    if (o.surface !== "documented" && o.surface !== "extended")
        throw new InvalidArgumentError("--surface must be documented or extended");
    const options: EmulatorOptions = {
        port: o.port,
        host: o.host,
        seed: o.seed,
        users: o.users,
        apiKey: { id: o.apiKey.slice(0, colon), secret: o.apiKey.slice(colon + 1) },
        latencyMs: o.latency,
        campaignResponseType: o.type,
        surface: o.surface,
        insightsTemplate: o.insightsTemplate
    };
    if (o.data) options.dataFile = o.data;
    if (o.now !== undefined) options.now = o.now;
    if (o.faults) options.faults = JSON.parse(readFileSync(o.faults, "utf8")) as EmulatorOptions["faults"];
    const emu = await startEmulator(options);
    const demo = emu.tokens[0];
    const lines = [
        `MCP emulator listening on ${emu.url}`,
        `API key: ${demo?.id ?? ""} / ${demo?.secret ?? ""}   (Authorization: Basic ${Buffer.from(`${demo?.id ?? ""}:${demo?.secret ?? ""}`).toString("base64")})`,
        `Datasets: ${[...emu.server.stores.values()].map((s) => `${s.config.id} (${s.profiles.size} profiles)`).join(", ")}`,
        `Surface: ${o.surface}${o.surface === "documented" ? " (project read routes answer 404)" : ""}`,
        `Insights template: ${o.insightsTemplate ? "installed" : "not installed"}`,
        `Seed: ${emu.seed}${o.latency > 0 ? `   latency: ${o.latency} ms` : ""}`,
        `Try: curl -u ${demo?.id ?? ""}:${demo?.secret ?? ""} "${emu.url}/api/dataset/${emu.datasets[0] ?? "engage"}/users.json?pageSize=1"`
    ];
    process.stdout.write(lines.join("\n") + "\n");
    return () => emu.close();
}

if (require.main === module) {
    main().then(
        (stop) => {
            const shutdown = (): void => {
                stop().then(
                    () => process.exit(0),
                    () => process.exit(1)
                );
            };
            process.on("SIGINT", shutdown);
            process.on("SIGTERM", shutdown);
        },
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
        }
    );
}
