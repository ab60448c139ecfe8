import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

/** One App Builder property declared in a bundle's `js-meta.xml`. */
export interface BundleProperty {
    name: string;
    type: string;
    default?: string;
}

/** A Lightning web component bundle found under force-app. */
export interface LwcBundle {
    /** Bundle folder name, e.g. `affinities` (tag `c-affinities`). */
    name: string;
    /** Absolute bundle folder. */
    dir: string;
    /** The tsc-emitted entry `<name>.js` exists (`npm run build` was run). */
    built: boolean;
    /** Has a template (a UI component rather than a service module). */
    hasTemplate: boolean;
    /** Exposed to App Builder (`isExposed`). */
    exposed: boolean;
    /** Targets such as `lightning__RecordPage`. */
    targets: string[];
    /** Record-page objects (empty: any). */
    objects: string[];
    /** Declared properties with their defaults (first targetConfig that declares them). */
    properties: BundleProperty[];
    masterLabel: string;
    /** Other `c/*` bundles it imports (from its `.js` and its templates' `<c-…>` tags). */
    deps: string[];
}

/** `c-event-stream-item` → `eventStreamItem`. */
function tagToName(tag: string): string {
    return tag.replace(/-([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
}

/** Bundles a bundle depends on, read from its emitted JS and its HTML templates. */
function readDeps(dir: string, self: string): string[] {
    const deps = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
        const full = path.join(dir, f);
        if (!fs.statSync(full).isFile()) continue;
        const text = f.endsWith(".js") || f.endsWith(".html") ? fs.readFileSync(full, "utf8") : "";
        for (const m of text.matchAll(/from\s+["']c\/([A-Za-z0-9_]+)["']/g)) deps.add(m[1]);
        for (const m of text.matchAll(/<c-([a-z0-9-]+)/g)) deps.add(tagToName(m[1]));
    }
    deps.delete(self);
    return [...deps].sort();
}

const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (n) => ["target", "targetConfig", "property", "object"].includes(n)
});

function asRecord(v: unknown): Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asArray(v: unknown): unknown[] {
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function str(v: unknown): string | undefined {
    return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

/** Every folder named `lwc` under `root` (skipping node_modules and tests). */
export function findLwcRoots(root: string): string[] {
    const out: string[] = [];
    const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (!e.isDirectory() || e.name === "node_modules" || e.name === "__tests__") continue;
            const p = path.join(dir, e.name);
            if (e.name === "lwc") out.push(p);
            else walk(p);
        }
    };
    if (fs.existsSync(root)) walk(root);
    return out.sort();
}

/** Parses one bundle's `js-meta.xml`. */
export function readBundle(dir: string): LwcBundle | null {
    const name = path.basename(dir);
    const metaFile = path.join(dir, `${name}.js-meta.xml`);
    if (!fs.existsSync(metaFile)) return null;
    const doc = asRecord(asRecord(xml.parse(fs.readFileSync(metaFile, "utf8"))).LightningComponentBundle);
    const targets = asArray(asRecord(doc.targets).target)
        .map((t) => str(t) ?? "")
        .filter(Boolean);
    const objects: string[] = [];
    const properties: BundleProperty[] = [];
    for (const cfg of asArray(asRecord(doc.targetConfigs).targetConfig)) {
        const c = asRecord(cfg);
        for (const o of asArray(asRecord(c.objects).object)) {
            const s = str(o);
            if (s && !objects.includes(s)) objects.push(s);
        }
        for (const p of asArray(c.property)) {
            const r = asRecord(p);
            const pname = str(r.name);
            if (!pname || properties.some((x) => x.name === pname)) continue;
            properties.push({ name: pname, type: str(r.type) ?? "String", default: str(r.default) });
        }
    }
    return {
        name,
        dir,
        built: fs.existsSync(path.join(dir, `${name}.js`)),
        hasTemplate: fs.existsSync(path.join(dir, `${name}.html`)),
        exposed: str(doc.isExposed) === "true",
        targets,
        objects,
        properties,
        masterLabel: str(doc.masterLabel) ?? name,
        deps: readDeps(dir, name)
    };
}

/** All LWC bundles of the package, by name. A name found twice keeps the first (sorted) folder. */
export function discoverBundles(forceApp: string): LwcBundle[] {
    const out = new Map<string, LwcBundle>();
    for (const root of findLwcRoots(forceApp)) {
        for (const e of fs.readdirSync(root, { withFileTypes: true })) {
            if (!e.isDirectory()) continue;
            const b = readBundle(path.join(root, e.name));
            if (b && !out.has(b.name)) out.set(b.name, b);
        }
    }
    return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Names of the bundles that can go into the page: emitted, not excluded, and whose `c/*` dependencies can
 * too (a bundle importing a broken or missing one would break the whole page bundle).
 */
export function usableBundles(bundles: LwcBundle[], excluded: Set<string>): Set<string> {
    const byName = new Map(bundles.map((b) => [b.name, b]));
    const ok = new Set(bundles.filter((b) => b.built && !excluded.has(b.name)).map((b) => b.name));
    let changed = true;
    while (changed) {
        changed = false;
        for (const name of [...ok]) {
            const b = byName.get(name);
            if (b && b.deps.some((d) => !ok.has(d))) {
                ok.delete(name);
                changed = true;
            }
        }
    }
    return ok;
}
