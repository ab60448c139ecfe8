import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId, Worker } from "node:worker_threads";
import { XMLParser } from "fast-xml-parser";
import type { CompilationUnit } from "../ast/nodes";
import { ApexSyntaxErrors, type SyntaxIssue } from "./syntaxErrors";
import { reservedIdentifierIssues } from "./reserved";

/** A lowered unit, refused when it declares a reserved identifier (a compile error on the platform). */
function withReservedCheck(unit: CompilationUnit): { unit: CompilationUnit | null; issues: SyntaxIssue[] } {
    const issues = reservedIdentifierIssues(unit);
    return issues.length ? { unit: null, issues } : { unit, issues: [] };
}

/** Bump when the AST shape or lowering changes: it keys the on-disk parse cache. */
export const RUNTIME_VERSION = "localorg-ast-2";

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

/** With at least this many cache misses, parsing is shared with worker threads (ANTLR is CPU-bound). */
const PARALLEL_MIN_MISSES = 12;
/** Upper bound for one worker's share (ms) before the main thread gives up waiting and parses itself. */
const WORKER_TIMEOUT_MS = 180_000;

/** One source file to load. */
interface SourceEntry {
    rel: string;
    kind: "class" | "trigger";
    source: string;
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

    private cacheFile(file: string, source: string, kind: string): string | null {
        if (!this.cacheDir) return null;
        const key = crypto.createHash("sha1").update(`${cacheVersion()}\0${kind}\0${file}\0${source}`).digest("hex");
        return path.join(this.cacheDir, `${key}.json`);
    }

    /** Lowers one source text; returns the unit or the syntax issues (reserved identifiers included). */
    lowerSource(
        file: string,
        source: string,
        kind: "class" | "trigger" | "anonymous"
    ): { unit: CompilationUnit | null; issues: SyntaxIssue[] } {
        this.stats.files++;
        const cached = this.cacheFile(file, source, kind);
        if (cached && fs.existsSync(cached)) {
            try {
                const unit = JSON.parse(fs.readFileSync(cached, "utf8")) as CompilationUnit;
                this.stats.cacheHits++;
                return withReservedCheck(unit);
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
            const tmp = `${cached}.${process.pid}.${threadId}.tmp`;
            fs.writeFileSync(tmp, JSON.stringify(unit));
            fs.renameSync(tmp, cached);
        }
        return withReservedCheck(unit);
    }

    /**
     * Warms the cache for many misses in parallel: worker threads parse and write cache entries for
     * their share while this thread parses its own; the sequential pass below then reads the cache.
     * Synchronous by design (Atomics.wait), like the rest of the loader.
     */
    private parseMissesInParallel(entries: SourceEntry[]): void {
        if (!this.cacheDir) return;
        const misses = entries.filter((e) => {
            const file = this.cacheFile(e.rel, e.source, e.kind);
            return file !== null && !fs.existsSync(file);
        });
        // LOCALORG_PARSE_WORKERS caps the worker count (0 = parse on this thread only).
        const cap = Number(process.env.LOCALORG_PARSE_WORKERS ?? 3);
        const workers = Math.min(
            os.availableParallelism() - 1,
            Number.isFinite(cap) ? cap : 3,
            Math.floor(misses.length / 6)
        );
        if (misses.length < PARALLEL_MIN_MISSES || workers < 1) return;
        // Largest files first into the lightest bin; bin 0 is this thread's share.
        const bins: SourceEntry[][] = Array.from({ length: workers + 1 }, () => []);
        const load = new Array<number>(workers + 1).fill(0);
        for (const e of [...misses].sort((a, b) => b.source.length - a.source.length)) {
            const i = load.indexOf(Math.min(...load));
            bins[i].push(e);
            load[i] += e.source.length;
        }
        const done = new Int32Array(new SharedArrayBuffer(4));
        const script = path.join(__dirname, "parseWorker.js");
        if (!fs.existsSync(script)) return;
        for (const bin of bins.slice(1)) {
            const w = new Worker(script, { workerData: { cacheDir: this.cacheDir, items: bin, done: done.buffer } });
            w.unref();
        }
        for (const e of bins[0]) this.lowerSource(e.rel, e.source, e.kind);
        // The sequential pass reads every miss back from the cache: count them as misses, not hits.
        this.stats.files -= bins[0].length;
        this.stats.cacheMisses += misses.length - bins[0].length;
        this.stats.cacheHits -= misses.length;
        const deadline = Date.now() + WORKER_TIMEOUT_MS;
        for (;;) {
            const finished = Atomics.load(done, 0);
            if (finished >= workers || Date.now() > deadline) break;
            Atomics.wait(done, 0, finished, Math.max(1, deadline - Date.now()));
        }
    }

    /** Loads files; any syntax error stops the load with every issue listed. */
    loadFiles(files: string[], displayRoot: string): CompilationUnit[] {
        const entries: SourceEntry[] = files.map((f) => ({
            rel: path.relative(displayRoot, f) || f,
            kind: f.endsWith(".trigger") ? "trigger" : "class",
            source: fs.readFileSync(f, "utf8")
        }));
        this.parseMissesInParallel(entries);
        const units: CompilationUnit[] = [];
        const issues: SyntaxIssue[] = [];
        for (const e of entries) {
            const r = this.lowerSource(e.rel, e.source, e.kind);
            if (r.unit) units.push(r.unit);
            issues.push(...r.issues);
        }
        if (issues.length) throw new ApexSyntaxErrors(issues);
        return units;
    }
}
