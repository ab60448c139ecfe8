/** Child process for the benchmark: runs one emulator and reports its URL and memory over IPC. */
import { startEmulator } from "../src/index";

const users = Number(process.argv[2] ?? "10000");

startEmulator({ port: 0, users, seed: 42 }).then(
    (emu) => {
        const send = (m: unknown): void => {
            if (process.send) process.send(m);
        };
        send({
            type: "ready",
            url: emu.url,
            profiles: [...emu.server.stores.values()].reduce((s, st) => s + st.profiles.size, 0)
        });
        process.on("message", (m: unknown) => {
            if (m === "rss") {
                // Collect garbage first when exposed so the figure is resident data, not pending garbage.
                const gc = (globalThis as { gc?: () => void }).gc;
                if (gc) gc();
                send({ type: "rss", rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
            } else if (m === "stop") {
                emu.close().then(
                    () => process.exit(0),
                    () => process.exit(1)
                );
            }
        });
    },
    (e: unknown) => {
        process.stderr.write(String(e) + "\n");
        process.exit(1);
    }
);
