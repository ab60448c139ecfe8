import fs from "node:fs";
import path from "node:path";
import type { LwcBundle } from "./build/discover";

/** A component placed on a page with its App Builder property values. */
export interface PlacedComponent {
    component: string;
    properties: Record<string, string | number | boolean>;
}

/** An Apex snippet runnable from the actions page (e.g. the sync, or its dry run). */
export interface PageScript {
    name: string;
    label: string;
    /** Anonymous Apex; `System.debug` output is shown to the user. */
    apex: string;
}

/** A page definition from `tools/workbench/pages/*.json`. */
export interface PageDefinition {
    name: string;
    label: string;
    /** Record pages: the object whose records use this page. */
    object?: string;
    kind?: "record" | "app" | "actions";
    highlightFields?: string[];
    /** App pages: also place every bundle with one of these targets (so new console components appear as they land). */
    autoTargets?: string[];
    columns: { width?: number; components: PlacedComponent[] }[];
    /** Actions page: the Flow action run for selected records. */
    flowAction?: { label: string; apex: string };
    scripts?: PageScript[];
    /** Problems found while resolving it against the bundles (unknown properties, …). */
    warnings?: string[];
}

/** A page definition file that cannot be used, with a one-line cause and fix. */
export class PageDefinitionError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

function coerce(type: string, raw: string | number | boolean): string | number | boolean {
    if (type === "Integer") return typeof raw === "number" ? raw : Number(raw);
    if (type === "Boolean") return raw === true || raw === "true";
    return raw;
}

/**
 * Resolves a page against the package's bundles as App Builder would: declared defaults first, then the
 * page's values converted to the declared types. Properties the bundle does not declare are dropped with a
 * warning (setting them would be an error in LWC).
 */
export function resolvePage(page: PageDefinition, bundles: Map<string, LwcBundle>): PageDefinition {
    const warnings: string[] = [];
    const cols = page.columns.map((c) => ({ ...c, components: [...c.components] }));
    if (page.autoTargets?.length && cols.length) {
        const placed = new Set(cols.flatMap((c) => c.components.map((x) => x.component)));
        for (const b of bundles.values())
            if (b.hasTemplate && !placed.has(b.name) && b.targets.some((t) => page.autoTargets?.includes(t)))
                cols[0].components.push({ component: b.name, properties: {} });
    }
    const columns = cols.map((col) => ({
        ...col,
        components: col.components.map((c) => {
            const b = bundles.get(c.component);
            if (!b) return c; // not landed yet: the shell shows a placeholder
            const properties: PlacedComponent["properties"] = {};
            for (const p of b.properties) if (p.default !== undefined) properties[p.name] = coerce(p.type, p.default);
            for (const [k, v] of Object.entries(c.properties)) {
                const p = b.properties.find((x) => x.name === k);
                if (!p) warnings.push(`${page.name}: c-${c.component} declares no property "${k}" (ignored)`);
                else properties[k] = coerce(p.type, v);
            }
            return { component: c.component, properties };
        })
    }));
    return { ...page, columns, warnings };
}

/** Reads and checks every page definition. */
export function loadPages(dir: string): PageDefinition[] {
    const out: PageDefinition[] = [];
    for (const file of fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()) {
        const full = path.join(dir, file);
        let doc: unknown;
        try {
            doc = JSON.parse(fs.readFileSync(full, "utf8"));
        } catch (e) {
            throw new PageDefinitionError(
                `page definition ${full} is not valid JSON (${e instanceof Error ? e.message : String(e)}); fix the file`
            );
        }
        if (
            !isRecord(doc) ||
            typeof doc.name !== "string" ||
            typeof doc.label !== "string" ||
            !Array.isArray(doc.columns)
        )
            throw new PageDefinitionError(
                `page definition ${full} needs "name", "label" and "columns"; see tools/workbench/README.md`
            );
        for (const col of doc.columns) {
            if (!isRecord(col) || !Array.isArray(col.components))
                throw new PageDefinitionError(`page definition ${full}: each column needs a "components" array`);
            for (const c of col.components) {
                if (!isRecord(c) || typeof c.component !== "string")
                    throw new PageDefinitionError(
                        `page definition ${full}: each placed component needs a "component" name`
                    );
                if (c.properties === undefined) c.properties = {};
                if (!isRecord(c.properties))
                    throw new PageDefinitionError(
                        `page definition ${full}: "properties" of ${c.component} must be an object`
                    );
            }
        }
        out.push(doc as unknown as PageDefinition);
    }
    return out;
}
