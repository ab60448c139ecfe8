/**
 * `npm run bench:emulator`: drives POST /api2/authevent/engage with autocannon (50 connections, loopback)
 * against a 10,000-profile emulator, then measures resident memory with 50,000 profiles.
 * Targets (issue 3): >= 3,000 req/s, p99 < 25 ms, < 300 MB RSS.
 * BENCH_NODE_FLAGS passes V8 flags to the server child, e.g. --max-semi-space-size=32 (fewer scavenges, lower p99).
 */
import { fork, type ChildProcess } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import autocannon from "autocannon";

interface Ready {
    type: "ready";
    url: string;
    profiles: number;
}

const DURATION_S = Number(process.env["BENCH_DURATION"] ?? "10");

function spawnServer(users: number): Promise<{ child: ChildProcess; ready: Ready }> {
    const child = fork(path.join(__dirname, "server-child.js"), [String(users)], {
        execArgv: ["--expose-gc", ...serverFlags.split(" ").filter((f) => f.length > 0)],
        stdio: ["ignore", "inherit", "inherit", "ipc"]
    });
    return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`server exited with ${String(code)}`)));
        child.on("message", (m: unknown) => {
            const msg = m as { type?: string };
            if (msg.type === "ready") resolve({ child, ready: m as Ready });
        });
    });
}

function rss(child: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
    return new Promise((resolve) => {
        const onMessage = (m: unknown): void => {
            const msg = m as { type?: string; rss?: number; heapUsed?: number };
            if (msg.type === "rss") {
                child.off("message", onMessage);
                resolve({ rss: msg.rss ?? 0, heapUsed: msg.heapUsed ?? 0 });
            }
        };
        child.on("message", onMessage);
        child.send("rss");
    });
}

function stop(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
    });
}

async function load(url: string, users: number, duration: number): Promise<autocannon.Result> {
    let n = 0;
    const auth = "Basic " + Buffer.from("demo-key:demo-secret").toString("base64");
    return autocannon({
        url: `${url}/api2/authevent/engage`,
        connections: 50,
        duration,
        method: "POST",
        headers: { "content-type": "application/json", authorization: auth },
        requests: [
            {
                setupRequest: (req) => {
                    // Walk through the synthetic customers so identity look-ups hit the whole index.
                    const i = (n++ * 7919) % users;
                    const body = JSON.stringify({
                        action: "Contact Record Viewed",
                        user: { id: `C-${200000 + i}` },
                        source: { channel: "Server", application: "Sales Console" }
                    });
                    return { ...req, body };
                }
            }
        ]
    });
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const serverFlags = process.env["BENCH_NODE_FLAGS"] ?? "";
const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

async function main(): Promise<void> {
    const started = Date.now();
    const small = await spawnServer(10_000);
    process.stdout.write(
        `10,000-user emulator ready (${small.ready.profiles} profiles in all datasets) in ${Date.now() - started} ms\n`
    );
    await load(small.ready.url, 10_000, 2); // warm-up
    const result = await load(small.ready.url, 10_000, DURATION_S);
    const rss10 = await rss(small.child);
    await stop(small.child);

    const bigStart = Date.now();
    const big = await spawnServer(50_000);
    const bigReady = Date.now() - bigStart;
    const idle = await rss(big.child);
    const bigLoad = await load(big.ready.url, 50_000, Math.min(5, DURATION_S));
    const loaded = await rss(big.child);
    await stop(big.child);

    const lines = [
        `| Machine | ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average at start ${loadAtStart} |`,
        `| Server flags | ${serverFlags || "(none)"} |`,
        `| authevent, 50 connections, ${DURATION_S} s, 10,000 profiles | ${result.requests.average.toFixed(0)} req/s (target ≥ 3,000) |`,
        `| latency p50 / p99 | ${result.latency.p50} ms / ${result.latency.p99} ms (p99 target < 25 ms) |`,
        `| requests / errors / non-2xx | ${result.requests.total} / ${result.errors} / ${result.non2xx} |`,
        `| RSS after load, 10,000 profiles | ${mb(rss10.rss)} MB |`,
        `| start-up with 50,000 profiles | ${bigReady} ms (${big.ready.profiles} profiles in all datasets) |`,
        `| RSS with 50,000 profiles: idle / after ${Math.min(5, DURATION_S)} s of load | ${mb(idle.rss)} MB / ${mb(loaded.rss)} MB (target < 300 MB) |`,
        `| authevent with 50,000 profiles | ${bigLoad.requests.average.toFixed(0)} req/s, p99 ${bigLoad.latency.p99} ms |`
    ];
    process.stdout.write(["", "| Measure | Result |", "|---|---|", ...lines, ""].join("\n"));
    const ok =
        result.requests.average >= 3000 &&
        result.latency.p99 < 25 &&
        loaded.rss < 300 * 1024 * 1024 &&
        result.errors === 0 &&
        result.non2xx === 0;
    process.stdout.write(ok ? "All targets met.\n" : "Some targets missed.\n");
}

main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
});
