// @ts-check
"use strict";
/**
 * Size of each Lightning Web Component bundle as deployed: the JavaScript tsc emits from the bundle's
 * TypeScript (tsconfig.build.json settings) plus its HTML templates, raw and gzip -9. Compiles into a temporary
 * folder, so it works whatever state the work tree's emitted .js files are in.
 * Usage: node scripts/bundle-sizes.js [bundle …]   (default: every bundle under force-app)
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");

const ROOT = path.resolve(__dirname, "..");

/** @param {string} dir @returns {string[]} */
function lwcBundles(dir) {
    /** @type {string[]} */
    const found = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (!entry.isDirectory() || entry.name === "__tests__" || entry.name === "node_modules") continue;
        if (path.basename(dir) === "lwc") found.push(full);
        else found.push(...lwcBundles(full));
    }
    return found;
}

const wanted = new Set(process.argv.slice(2));
const bundles = lwcBundles(path.join(ROOT, "force-app")).filter(
    (b) => wanted.size === 0 || wanted.has(path.basename(b))
);
const sources = bundles.flatMap((b) =>
    fs
        .readdirSync(b)
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .map((f) => path.join(b, f))
);
const out = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-sizes-"));
const config = path.join(out, "tsconfig.json");
fs.writeFileSync(
    config,
    JSON.stringify({
        extends: path.join(ROOT, "tsconfig.build.json"),
        compilerOptions: {
            outDir: path.join(out, "js"),
            rootDir: path.join(ROOT, "force-app"),
            noEmitOnError: false,
            typeRoots: [path.join(ROOT, "node_modules/@types")]
        },
        include: [],
        files: [...sources, ...fs.readdirSync(path.join(ROOT, "types")).map((f) => path.join(ROOT, "types", f))]
    })
);
// type errors elsewhere do not stop the emit; sizes only need the JavaScript
spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", config], { cwd: ROOT, encoding: "utf8" });

console.log("| Bundle | JS bytes | HTML bytes | JS + HTML | gzip -9 |");
console.log("|---|---:|---:|---:|---:|");
for (const bundle of bundles) {
    const emitted = path.join(out, "js", path.relative(path.join(ROOT, "force-app"), bundle));
    const js = fs.existsSync(emitted)
        ? fs
              .readdirSync(emitted)
              .filter((f) => f.endsWith(".js"))
              .map((f) => fs.readFileSync(path.join(emitted, f)))
        : [];
    const html = fs
        .readdirSync(bundle)
        .filter((f) => f.endsWith(".html"))
        .map((f) => fs.readFileSync(path.join(bundle, f)));
    const jsBytes = js.reduce((n, b) => n + b.length, 0);
    const htmlBytes = html.reduce((n, b) => n + b.length, 0);
    const gzip = zlib.gzipSync(Buffer.concat([...js, ...html]), { level: 9 }).length;
    console.log(`| ${path.basename(bundle)} | ${jsBytes} | ${htmlBytes} | ${jsBytes + htmlBytes} | ${gzip} |`);
}
fs.rmSync(out, { recursive: true, force: true });
