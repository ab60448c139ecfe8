import fs from "node:fs";
import path from "node:path";
import { rollup, type Plugin, type RollupLog } from "rollup";
import lwc from "@lwc/rollup-plugin";
import replace from "@rollup/plugin-replace";
import { discoverBundles, usableBundles, type LwcBundle } from "./discover";
import { loadLabels } from "./labels";
import { LIGHTNING_STUBS, salesforceModule, stubPath } from "./platformModules";
import { inputFingerprint } from "./fingerprint";
import { FORCE_APP, REPO_ROOT, WEB_OUT, WEB_SRC } from "../paths";

/** Outcome of a browser build. */
export interface BuildResult {
    /** Bundles compiled into the page. */
    bundles: LwcBundle[];
    /** Bundles skipped because `npm run build` has not emitted their `.js`. */
    unbuilt: string[];
    /** Labels imported by a component but missing from the labels files. */
    missingLabels: string[];
    outFile: string;
    ms: number;
}

const REGISTRY_ID = "\0wb-registry";
/** `@salesforce/*` modules the workbench always provides (the package's own labels, its Apex, schema…). */
const OWN_MODULES =
    /^@salesforce\/(apex|label\/c\.|schema\/|user\/|customPermission\/|userPermission\/|i18n\/|client\/|resourceUrl\/|messageChannel\/)/;

/**
 * Links each package bundle into `gen/modules/c/<name>` so the LWC resolver sees the `c` namespace
 * (force-app keeps bundles in `lwc/<name>` without a namespace folder).
 */
function linkNamespace(bundles: LwcBundle[], genDir: string): string {
    const modules = path.join(genDir, "modules");
    fs.rmSync(modules, { recursive: true, force: true });
    fs.mkdirSync(path.join(modules, "c"), { recursive: true });
    for (const b of bundles) fs.symlinkSync(b.dir, path.join(modules, "c", b.name), "dir");
    return modules;
}

/** Source of the `wb/registry` module: every built bundle's constructor and its App Builder metadata. */
function registrySource(all: LwcBundle[]): string {
    const bundles = all.filter((b) => b.hasTemplate);
    const lines = bundles.map((b, i) => `import C${i} from "c/${b.name}";`);
    const entries = bundles.map(
        (b, i) =>
            `  ${JSON.stringify(b.name)}: { ctor: C${i}, meta: ${JSON.stringify({ label: b.masterLabel, targets: b.targets, objects: b.objects, properties: b.properties })} }`
    );
    return `${lines.join("\n")}\nexport const components = {\n${entries.join(",\n")}\n};\n`;
}

/** Resolves the platform's module namespaces to the workbench's browser-side stand-ins. */
function platformPlugin(labels: Map<string, string>, missing: Set<string>, bundles: LwcBundle[]): Plugin {
    return {
        name: "workbench-platform-modules",
        async resolveId(id, importer) {
            if (id === "wb/registry") return REGISTRY_ID;
            const stub = LIGHTNING_STUBS[id];
            if (stub) return stubPath(stub);
            if (!id.startsWith("@salesforce/")) return null;
            // lightning-base-components maps its own labels and gates; the package's modules come from us.
            if (!OWN_MODULES.test(id)) {
                const other = await this.resolve(id, importer, { skipSelf: true });
                if (other) return other;
            }
            return `\0wb:${id}`;
        },
        load(id) {
            if (id === REGISTRY_ID) return registrySource(bundles);
            if (!id.startsWith("\0wb:")) return null;
            const name = id.slice(4);
            const src = salesforceModule(name, labels, missing);
            if (src === null)
                this.error(
                    `The workbench does not provide ${name}; add it to tools/workbench/src/build/platformModules.ts`
                );
            return src;
        }
    };
}

const QUIET = new Set(["CIRCULAR_DEPENDENCY", "THIS_IS_UNDEFINED", "PLUGIN_WARNING"]);

/**
 * Builds the browser bundle: the shell (`tools/workbench/web`) plus every built LWC bundle of the package,
 * with lightning-base-components, into `dist/tools/workbench/web/app.js`, and copies the SLDS assets.
 */
export async function buildWeb(
    options: { log?: (line: string) => void; force?: boolean; exclude?: Set<string> } = {}
): Promise<BuildResult> {
    const t0 = performance.now();
    const all = discoverBundles(FORCE_APP);
    const usable = usableBundles(all, options.exclude ?? new Set());
    const bundles = all.filter((b) => usable.has(b.name));
    const unbuilt = all.filter((b) => !usable.has(b.name)).map((b) => b.name);
    const outFile = path.join(WEB_OUT, "app.js");
    const stampFile = path.join(WEB_OUT, "build-stamp.json");
    const fingerprint = inputFingerprint(
        [
            WEB_SRC,
            FORCE_APP,
            path.join(REPO_ROOT, "node_modules/lightning-base-components/package.json"),
            path.join(REPO_ROOT, "node_modules/lwc/package.json")
        ],
        (f) =>
            f.startsWith(WEB_SRC) ||
            f.endsWith("package.json") ||
            f.endsWith(".labels-meta.xml") ||
            /[\\/]lwc[\\/].*\.(js|html|css|xml)$/.test(f)
    );
    const key = `${fingerprint}:${[...usable].sort().join(",")}`;
    if (!options.force && fs.existsSync(outFile) && fs.existsSync(stampFile)) {
        const stamp = JSON.parse(fs.readFileSync(stampFile, "utf8")) as {
            fingerprint?: string;
            missingLabels?: string[];
        };
        if (stamp.fingerprint === key) {
            options.log?.("workbench: page bundle up to date");
            return { bundles, unbuilt, missingLabels: stamp.missingLabels ?? [], outFile, ms: performance.now() - t0 };
        }
    }
    const labels = loadLabels(FORCE_APP);
    const missing = new Set<string>();
    const genDir = path.join(WEB_OUT, "gen");
    const cModules = linkNamespace(bundles, genDir);
    const build = await rollup({
        input: path.join(WEB_SRC, "main.js"),
        preserveSymlinks: true,
        plugins: [
            platformPlugin(labels, missing, bundles),
            replace({
                preventAssignment: true,
                values: { "process.env.NODE_ENV": JSON.stringify("development"), "import.meta.env.SSR": "false" }
            }),
            lwc({
                rootDir: WEB_SRC,
                modules: [
                    { dir: path.join(WEB_SRC, "modules") },
                    { dir: cModules },
                    { npm: "lightning-base-components" }
                ],
                enableDynamicComponents: true,
                // base components such as lightning-combobox call attachInternals, which synthetic shadow refuses otherwise
                enableSyntheticElementInternals: true
            })
        ],
        onwarn(warning: RollupLog, warn) {
            if (warning.code && QUIET.has(warning.code)) return;
            if (/LWC1\d{3}/.test(warning.message)) return; // harmless template warnings from lightning-base-components
            warn(warning);
        }
    });
    await build.write({ file: outFile, format: "esm", inlineDynamicImports: true, sourcemap: false });
    await build.close();
    copyStatic();
    fs.writeFileSync(stampFile, JSON.stringify({ fingerprint: key, missingLabels: [...missing].sort() }));
    const ms = performance.now() - t0;
    options.log?.(`workbench: built ${bundles.length} component bundles in ${(ms / 1000).toFixed(1)} s`);
    return { bundles, unbuilt, missingLabels: [...missing].sort(), outFile, ms };
}

/** The HTML page and the shell stylesheet next to the bundle (SLDS is served from node_modules). */
function copyStatic(): void {
    fs.mkdirSync(WEB_OUT, { recursive: true });
    fs.copyFileSync(path.join(WEB_SRC, "index.html"), path.join(WEB_OUT, "index.html"));
    fs.copyFileSync(path.join(WEB_SRC, "workbench.css"), path.join(WEB_OUT, "workbench.css"));
}
