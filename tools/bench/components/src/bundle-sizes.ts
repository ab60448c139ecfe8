/**
 * Size of each Lightning Web Component bundle as deployed: the JavaScript tsc emits from the bundle's TypeScript
 * (tsconfig.build.json settings) plus its HTML templates, raw and gzip -9. Compiles into a temporary folder,
 * so it works whatever state the work tree's emitted .js files are in.
 * Usage: npm run bench:bundles [-- bundle …]   (default: every bundle under force-app)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

/** Repository root (this file runs from `dist/tools/bench/components/src`). */
const ROOT = path.resolve(__dirname, "../../../../..");
const FORCE_APP = path.join(ROOT, "force-app");

/** Every LWC bundle folder (a child of an `lwc` folder) below `dir`. */
function lwcBundles(dir: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name === "__tests__" || entry.name === "node_modules") continue;
        const full = path.join(dir, entry.name);
        if (path.basename(dir) === "lwc") found.push(full);
        else found.push(...lwcBundles(full));
    }
    return found;
}

function filesEndingWith(dir: string, ending: string): Buffer[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith(ending))
        .map((file) => fs.readFileSync(path.join(dir, file)));
}

/** Emits the bundles' JavaScript into `out`; type errors elsewhere do not stop the emit (sizes need only the JS). */
function emitJavaScript(bundles: string[], out: string): void {
    const sources = bundles.flatMap((bundle) =>
        fs
            .readdirSync(bundle)
            .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
            .map((file) => path.join(bundle, file))
    );
    const types = fs.readdirSync(path.join(ROOT, "types")).map((file) => path.join(ROOT, "types", file));
    const config = path.join(out, "tsconfig.json");
    fs.writeFileSync(
        config,
        JSON.stringify({
            extends: path.join(ROOT, "tsconfig.build.json"),
            compilerOptions: {
                outDir: path.join(out, "js"),
                rootDir: FORCE_APP,
                noEmitOnError: false,
                typeRoots: [path.join(ROOT, "node_modules/@types")]
            },
            include: [],
            files: [...sources, ...types]
        })
    );
    spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config], { cwd: ROOT, encoding: "utf8" });
}

function main(wanted: Set<string>): void {
    const bundles = lwcBundles(FORCE_APP).filter((bundle) => wanted.size === 0 || wanted.has(path.basename(bundle)));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-sizes-"));
    try {
        emitJavaScript(bundles, out);
        console.log("| Bundle | JS bytes | HTML bytes | JS + HTML | gzip -9 |");
        console.log("|---|---:|---:|---:|---:|");
        for (const bundle of bundles) {
            const js = filesEndingWith(path.join(out, "js", path.relative(FORCE_APP, bundle)), ".js");
            const html = filesEndingWith(bundle, ".html");
            const bytes = (files: Buffer[]): number => files.reduce((total, file) => total + file.length, 0);
            const gzip = zlib.gzipSync(Buffer.concat([...js, ...html]), { level: 9 }).length;
            console.log(
                `| ${path.basename(bundle)} | ${bytes(js)} | ${bytes(html)} | ${bytes(js) + bytes(html)} | ${gzip} |`
            );
        }
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

main(new Set(process.argv.slice(2)));
