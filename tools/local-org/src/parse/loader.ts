import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { CompilationUnit } from "../ast/nodes";
import { ApexSyntaxErrors, type SyntaxIssue } from "./syntaxErrors";

/** Bump when the AST shape or lowering changes: it keys the on-disk parse cache. */
export const RUNTIME_VERSION = "localorg-ast-1";

let astVersion: string | null = null;

/**
 * Cache-key version: RUNTIME_VERSION plus a hash of the compiled lowering code, so any change to
 * the lowering invalidates cached ASTs even if nobody bumps the constant.
 */
function cacheVersion(): string {
    if (astVersion === null) {
        const h = crypto.createHash("sha1").update(RUNTIME_VERSION);
        for (const mod of ["./lower", "./apexParser"]) {
            try {
                h.update(fs.readFileSync(require.resolve(mod)));
            } catch {
                h.update(mod);
            }
        }
        astVersion = h.digest("hex").slice(0, 12);
    }
    return astVersion;
}

/** Timing and cache statistics of one load (reported by the benchmark). */
export interface LoadStats {
    files: number;
    cacheHits: number;
    cacheMisses: number;
    parseMs: number;
    /** Time spent loading apex-parser/ANTLR (only on a cache miss). */
    parserLoadMs: number;
}

function walk(dir: string, out: string[]): void {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p, out);
        else out.push(p);
    }
}

/** All `.cls` and `.trigger` files under the given folders, sorted for determinism. */
export function findApexSources(dirs: string[]): string[] {
    const all: string[] = [];
    for (const d of dirs) walk(d, all);
    return all.filter((f) => f.endsWith(".cls") || f.endsWith(".trigger")).sort();
}

/** Custom labels (`**\/labels/*.labels-meta.xml`) by lower-cased name. */
export function loadLabels(dirs: string[]): Map<string, string> {
    const files: string[] = [];
    for (const d of dirs) walk(d, files);
    const labels = new Map<string, string>();
    const parser = new XMLParser({ isArray: (name) => name === "labels", parseTagValue: false });
    for (const f of files.filter((x) => x.endsWith(".labels-meta.xml"))) {
        const doc = parser.parse(fs.readFileSync(f, "utf8")) as {
            CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
        };
        for (const l of doc.CustomLabels?.labels ?? []) {
            if (l.fullName) labels.set(String(l.fullName).toLowerCase(), String(l.value ?? ""));
        }
    }
    return labels;
}

type ParseModule = typeof import("./apexParser");
type LowerModule = typeof import("./lower");

/**
 * Parses (or loads from cache) and lowers Apex sources. apex-parser and its ANTLR runtime are
 * required lazily, so a fully cached run never pays their load and warm-up cost.
 */
export class SourceLoader {
    readonly stats: LoadStats = { files: 0, cacheHits: 0, cacheMisses: 0, parseMs: 0, parserLoadMs: 0 };
    private parserMod: ParseModule | null = null;
    private lowerMod: LowerModule | null = null;

    constructor(private readonly cacheDir: string | null) {}

    private modules(): { p: ParseModule; l: LowerModule } {
        if (!this.parserMod || !this.lowerMod) {
            const t0 = performance.now();
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            this.parserMod = require("./apexParser") as ParseModule;
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            this.lowerMod = require("./lower") as LowerModule;
            this.stats.parserLoadMs += performance.now() - t0;
        }
        return { p: this.parserMod, l: this.lowerMod };
    }

    /** Lowers one source text; returns the unit or the syntax issues. */
    lowerSource(
        file: string,
        source: string,
        kind: "class" | "trigger" | "anonymous"
    ): { unit: CompilationUnit | null; issues: SyntaxIssue[] } {
        this.stats.files++;
        const key = crypto.createHash("sha1").update(`${cacheVersion()}\0${kind}\0${file}\0${source}`).digest("hex");
        const cached = this.cacheDir ? path.join(this.cacheDir, `${key}.json`) : null;
        if (cached && fs.existsSync(cached)) {
            try {
                const unit = JSON.parse(fs.readFileSync(cached, "utf8")) as CompilationUnit;
                this.stats.cacheHits++;
                return { unit, issues: [] };
            } catch {
                // A corrupt cache entry is simply re-parsed.
            }
        }
        this.stats.cacheMisses++;
        const { p, l } = this.modules();
        const t0 = performance.now();
        const { parsed, issues } = p.parseApex(file, source, kind);
        if (issues.length) {
            this.stats.parseMs += performance.now() - t0;
            return { unit: null, issues };
        }
        const unit = l.lowerTree(file, source, parsed);
        this.stats.parseMs += performance.now() - t0;
        if (cached && this.cacheDir) {
            fs.mkdirSync(this.cacheDir, { recursive: true });
            const tmp = `${cached}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, JSON.stringify(unit));
            fs.renameSync(tmp, cached);
        }
        return { unit, issues: [] };
    }

    /** Loads files; any syntax error stops the load with every issue listed. */
    loadFiles(files: string[], displayRoot: string): CompilationUnit[] {
        const units: CompilationUnit[] = [];
        const issues: SyntaxIssue[] = [];
        for (const f of files) {
            const rel = path.relative(displayRoot, f) || f;
            const r = this.lowerSource(rel, fs.readFileSync(f, "utf8"), f.endsWith(".trigger") ? "trigger" : "class");
            if (r.unit) units.push(r.unit);
            issues.push(...r.issues);
        }
        if (issues.length) throw new ApexSyntaxErrors(issues);
        return units;
    }
}
