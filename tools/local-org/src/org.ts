import path from "node:path";
import type { CompilationUnit, Expr, Param, Pos, Stmt, TypeRef } from "./ast/nodes";
import { attachData, createOrgData } from "./interpret/attachData";
import { orgFeatures } from "./data/schema";
import { METADATA_APEX, METADATA_APEX_FILE } from "./data/metadataApex";
import type { OrgData } from "./data/orgData";
import { seedFromFile, type SeedResult } from "./data/seed";
import { Interpreter } from "./interpret/interpreter";
import { OrgHost, type DebugLine } from "./interpret/orgHost";
import type { ClassInfo } from "./link/classInfo";
import { Registry } from "./link/registry";
import { ApexSyntaxErrors } from "./parse/syntaxErrors";
import { findApexSources, loadLabels, SourceLoader, type LoadStats } from "./parse/loader";
import { ApexCompileError, ApexSystemError, ApexThrow, UnsupportedError } from "./runtime/errors";
import type { NamedCredentialConfig } from "./runtime/http/namedCredentials";
import { stopSyncFetch } from "./runtime/http/syncFetch";
import { isKnownStaticMethod, isKnownStringMethod } from "./interpret/dispatch";
import { parseJson, serialize, typed, type JNode } from "./data/json";
import { clockSettings } from "./runtime/values/clock";
import { exceptionTypeName } from "./runtime/values/format";
import type { ApexObject, Value } from "./runtime/values/values";
import { runTests, type TestFilter, type TestRunResult } from "./testing/runner";

/** Options of {@link createLocalOrg}. */
export interface LocalOrgOptions {
    /** Source folders; `.cls`/`.trigger` files and custom labels are loaded from all of them. */
    sourceDirs: string[];
    /** Folders whose `@IsTest` classes run (default: all source folders). */
    testDirs?: string[];
    /** Routing of `callout:Name/...` outside tests. */
    namedCredentials?: Record<string, NamedCredentialConfig>;
    /** Epoch-millisecond clock (fix it for deterministic runs). */
    clock?: () => number;
    /** The running user's time zone (IANA id), default America/Los_Angeles. */
    timeZone?: string;
    /** Parse cache folder; null disables caching. Default `.localorg-cache` in the working directory. */
    cacheDir?: string | null;
    /** Root for relative file names in messages (default: the working directory). */
    displayRoot?: string;
    /**
     * Org features, as in the `features` of a scratch org definition (`PersonAccounts` enables Person Accounts);
     * names the local org does not model are ignored.
     */
    features?: string[];
    /**
     * Organization-wide defaults by object, as in the `objectSettings` of a scratch org definition
     * (`{ contact: "private" }`); object metadata `<sharingModel>` wins. Undeclared: the platform's defaults.
     */
    sharingModels?: Record<string, string>;
    /** Source files (absolute paths) to leave out of the load (the compatibility report skips files that do not load). */
    excludeFiles?: string[];
}

/** An Apex exception that escaped to the embedder, with platform-style type, message and stack. */
export class ApexError extends Error {
    constructor(
        readonly exceptionType: string,
        readonly apexMessage: string | null,
        readonly stackTraceString: string
    ) {
        super(`${exceptionType}: ${apexMessage ?? "null"}`);
        this.name = "ApexError";
    }
}

/** Result of anonymous Apex. */
export interface AnonymousResult {
    success: boolean;
    debugLog: DebugLine[];
    error: string | null;
}

/** Timings of the last load (benchmarks). */
export interface LoadTimings extends LoadStats {
    linkMs: number;
}

/** A loaded, linked local org: run tests, anonymous Apex, or `@AuraEnabled` methods. */
export class LocalOrg {
    readonly registry = new Registry();
    readonly interpreter: Interpreter;
    readonly host: OrgHost;
    readonly units: CompilationUnit[];
    readonly timings: LoadTimings;
    /** schema, records, governor, security, Platform Cache and async queue. */
    readonly data: OrgData;
    private readonly loader: SourceLoader;
    private readonly testFiles: Set<string>;

    constructor(private readonly opts: LocalOrgOptions) {
        const root = opts.displayRoot ?? process.cwd();
        if (opts.clock) clockSettings.now = opts.clock;
        if (opts.timeZone) clockSettings.timeZone = opts.timeZone;
        this.loader = new SourceLoader(
            opts.cacheDir === undefined ? path.join(process.cwd(), ".localorg-cache") : opts.cacheDir
        );
        const excluded = new Set((opts.excludeFiles ?? []).map((f) => path.resolve(f)));
        const files = findApexSources(opts.sourceDirs).filter((f) => !excluded.has(path.resolve(f)));
        this.units = this.loader.loadFiles(files, root);
        const t0 = performance.now();
        this.data = createOrgData(opts.sourceDirs, this.registry, {
            ...orgFeatures(opts.features ?? []),
            sharingModels: opts.sharingModels
        });
        for (const u of this.units) this.registry.add(u);
        // the Metadata namespace's data classes, modelled in Apex (unless the sources declare their own).
        if (!this.units.some((u) => u.type?.name.toLowerCase() === "metadata")) {
            // Not counted in the load statistics (they describe the project's sources).
            const stats = { ...this.loader.stats };
            const md = this.loader.lowerSource(METADATA_APEX_FILE, METADATA_APEX, "class");
            Object.assign(this.loader.stats, stats);
            if (md.unit) this.registry.add(md.unit);
        }
        this.registry.linkAll();
        this.timings = { ...this.loader.stats, linkMs: performance.now() - t0 };
        const testRoots = (opts.testDirs ?? opts.sourceDirs).map((d) => path.resolve(d));
        this.testFiles = new Set(
            files
                .filter((f) => testRoots.some((r) => path.resolve(f).startsWith(r + path.sep) || path.resolve(f) === r))
                .map((f) => path.relative(root, f) || f)
        );
        this.host = new OrgHost(loadLabels(opts.sourceDirs), opts.namedCredentials ?? {});
        this.interpreter = new Interpreter(this.registry, this.host);
        attachData(this.data, this.host, this.interpreter, this.registry, this.units);
    }

    /**
     * Supported-subset check: constructs lowered as unsupported plus type names the local org cannot
     * resolve (e.g. an unmodelled system type), each with its source position.
     */
    supportedSubsetCheck(): { file: string; line: number; col: number; construct: string }[] {
        const out: { file: string; line: number; col: number; construct: string }[] = [];
        for (const u of this.units) {
            for (const x of u.unsupported)
                out.push({ file: u.file, line: x.pos.line, col: x.pos.col, construct: x.construct });
            const contexts = [...this.registry.classes.values()].filter((c) => c.file === u.file);
            const seen = new Set<string>();
            const walk = (node: unknown, pos: Pos): void => {
                if (Array.isArray(node)) {
                    for (const n of node) walk(n, pos);
                    return;
                }
                if (!node || typeof node !== "object") return;
                const rec = node as Record<string, unknown>;
                const here = isPos(rec.pos) ? rec.pos : pos;
                if (Array.isArray(rec.names) && Array.isArray(rec.args)) {
                    const t = rec as unknown as TypeRef;
                    // A container with an unknown argument is reported through the argument itself.
                    const argsKnown = t.args.every(
                        (a) =>
                            contexts.some((c) => this.registry.resolve(a, c) !== null) ||
                            this.registry.resolve(a, null) !== null
                    );
                    const resolved =
                        contexts.some((c) => this.registry.resolve(t, c) !== null) ||
                        this.registry.resolve(t, null) !== null;
                    const name = t.names.join(".");
                    if (argsKnown && !resolved && !seen.has(`${here.line}:${name}`)) {
                        seen.add(`${here.line}:${name}`);
                        out.push({ file: u.file, line: here.line, col: here.col, construct: `type ${name}` });
                    }
                }
                for (const [k, v] of Object.entries(rec)) if (k !== "pos") walk(v, here);
            };
            walk(u.type, { line: 1, col: 1 });
            walk(u.statements, { line: 1, col: 1 });
            for (const m of this.missingSystemMethods(u, contexts[0] ?? null))
                out.push({ file: u.file, line: m.pos.line, col: m.pos.col, construct: m.construct });
        }
        return out;
    }

    /**
     * System methods a unit calls that the local org does not implement: static calls on system types
     * (`Math.foo()`) and String instance calls on literals and on names declared String in the unit.
     */
    private missingSystemMethods(u: CompilationUnit, ctx: ClassInfo | null): { pos: Pos; construct: string }[] {
        // Names declared String in a scope (class fields everywhere; a method's params and locals in it).
        type Scope = Map<string, boolean>;
        const note = (declared: Scope, name: string, t: TypeRef): void => {
            const isString = t.names.length === 1 && t.names[0].toLowerCase() === "string" && !t.args.length;
            const k = name.toLowerCase();
            declared.set(k, (declared.get(k) ?? true) && isString);
        };
        const calls: { call: Extract<Expr, { kind: "call" }>; scope: Scope }[] = [];
        const classFields: Scope = new Map();
        const collectFields = (node: unknown): void => {
            if (Array.isArray(node)) return node.forEach(collectFields);
            if (!node || typeof node !== "object") return;
            const rec = node as Record<string, unknown>;
            if (rec.kind === "field" && isTypeRef(rec.type)) note(classFields, rec.name as string, rec.type);
            if (rec.kind === "type") collectFields(rec.members);
        };
        collectFields(u.type);
        const visit = (node: unknown, scope: Scope): void => {
            if (Array.isArray(node)) {
                for (const n of node) visit(n, scope);
                return;
            }
            if (!node || typeof node !== "object") return;
            const rec = node as Record<string, unknown>;
            if ((rec.kind === "method" || rec.kind === "ctor") && Array.isArray(rec.params)) {
                const inner: Scope = new Map(classFields);
                for (const p of rec.params as Param[]) note(inner, p.name, p.type);
                visit(rec.body, inner);
                return;
            }
            if (rec.kind === "local") {
                const l = rec as Extract<Stmt, { kind: "local" }>;
                for (const d of l.decls) note(scope, d.name, l.type);
            } else if (rec.kind === "forEach") note(scope, rec.name as string, rec.type as TypeRef);
            else if (rec.kind === "catch" || (isTypeRef(rec.type) && typeof rec.name === "string" && rec.body))
                note(scope, rec.name as string, rec.type as TypeRef);
            else if (rec.kind === "call") calls.push({ call: rec as Extract<Expr, { kind: "call" }>, scope });
            for (const [k, v] of Object.entries(rec)) if (k !== "pos") visit(v, scope);
        };
        visit(u.type, new Map(classFields));
        visit(u.statements, new Map(classFields));
        const out: { pos: Pos; construct: string }[] = [];
        const ctxNative = this.interpreter.nativeCtx({ line: 0, col: 0 });
        const plural = (n: number): string => `${n} argument${n === 1 ? "" : "s"}`;
        for (const { call: c, scope: declared } of calls) {
            const t = c.target;
            const lname = c.name.toLowerCase();
            let onString = false;
            if (t?.kind === "lit" && t.type === "String") onString = true;
            else if (t?.kind === "name") {
                const d = declared.get(t.name.toLowerCase());
                const rt = this.registry.resolveName([t.name], ctx);
                // a name that is both a variable and a system type (`String json = JSON.serialize(…)`): say nothing
                if (d !== undefined && rt) continue;
                if (d !== undefined) onString = d;
                else {
                    if (rt && (rt.k === "native" || rt.k === "prim")) {
                        const tn = rt.name;
                        if (isKnownStaticMethod(tn, lname) === false)
                            out.push({ pos: c.pos, construct: `method ${tn}.${c.name}(${plural(c.args.length)})` });
                    }
                    continue;
                }
            }
            if (onString && !isKnownStringMethod(lname, c.args.length, ctxNative))
                out.push({ pos: c.pos, construct: `method String.${c.name}(${plural(c.args.length)})` });
        }
        return out;
    }

    /** Top-level classes whose tests may run (from `testDirs`). */
    testableClasses(): ClassInfo[] {
        return this.registry.topLevel.filter((c) => c.file !== null && this.testFiles.has(c.file));
    }

    /** Runs `@IsTest` methods, isolated, with coverage. */
    runTests(filter: TestFilter = {}): TestRunResult {
        return runTests(this, filter);
    }

    /** Executes anonymous Apex (not a test context; callouts go to configured Named Credentials). */
    runAnonymous(source: string, file = "AnonymousBlock.apex"): AnonymousResult {
        const r = this.loader.lowerSource(file, source, "anonymous");
        if (!r.unit) throw new ApexSyntaxErrors(r.issues);
        const unit = r.unit;
        this.interpreter.resetStatics();
        this.host.beginTransaction(false);
        this.data.entryQuiddity = "ANONYMOUS";
        const tx = this.openTransaction();
        try {
            const cls = unit.type ? this.registry.declareAnonymous(unit.type, file) : null;
            this.interpreter.runAnonymous(unit.statements, file, cls);
            tx.commit();
            // Outside tests, queued async work runs after the transaction.
            this.runAsyncJobs();
            return { success: true, debugLog: [...this.host.debugLog], error: null };
        } catch (e) {
            tx.rollback();
            return { success: false, debugLog: [...this.host.debugLog], error: this.describeError(e) };
        }
    }

    /**
     * Invokes a static `@AuraEnabled` method as Lightning would: params by name, converted from JSON
     * to the declared parameter types; the result comes back as JSON-compatible data. An escaping
     * Apex exception rejects with {@link ApexError} (AuraHandledException keeps its message).
     */
    async invokeAuraEnabled(
        className: string,
        methodName: string,
        params: Record<string, unknown> = {}
    ): Promise<unknown> {
        const cls = this.registry.findClass(className.split("."), null);
        if (!cls) throw new Error(`No Apex class ${className}`);
        const methods = cls.methods.get(methodName.toLowerCase()) ?? [];
        const m = methods.find(
            (x) =>
                x.mods.annotations.some((a) => a.name.toLowerCase() === "auraenabled") &&
                x.mods.keywords.includes("static")
        );
        if (!m) throw new Error(`${className}.${methodName} is not a static @AuraEnabled method`);
        const byName = new Map(Object.entries(params).map(([k, v]) => [k.toLowerCase(), v]));
        this.interpreter.resetStatics();
        this.host.beginTransaction(false);
        this.data.entryQuiddity = "AURA";
        const ctx = this.interpreter.nativeCtx(m.pos);
        const tx = this.openTransaction();
        try {
            const args = m.params.map((p) => {
                const raw = byName.get(p.name.toLowerCase());
                const t = this.registry.resolve(p.type, cls);
                if (!t) throw new UnsupportedError(`parameter type ${p.type.names.join(".")}`);
                return raw === undefined ? null : typed(toJNode(raw), t, false, ctx);
            });
            const result = this.interpreter.invokeMethod(cls, m, null, args, m.pos);
            const json = result === null ? null : (JSON.parse(serialize(result, false, false, ctx)) as unknown);
            tx.commit();
            // Work the call queued (Queueable, batch, @future) runs after its transaction, as in an org.
            this.runAsyncJobs();
            return json;
        } catch (e) {
            tx.rollback();
            const exc = this.interpreter.toApexException(e);
            if (exc?.exc) throw new ApexError(exceptionTypeName(exc), exc.exc.message, exc.exc.stack);
            throw e;
        }
    }

    /**
     * A top-level transaction (anonymous Apex, an `@AuraEnabled` call): an unhandled exception rolls back its DML
     * and forgets the async work it queued, as on the platform.
     */
    private openTransaction(): { commit(): void; rollback(): void } {
        const store = this.data.store;
        const own = !store.journaling;
        if (own) store.beginJournal();
        const mark = this.data.async?.mark() ?? { queued: 0, scheduled: 0 };
        return {
            commit: () => {
                if (own) store.commitJournal();
            },
            rollback: () => {
                if (own) store.rollbackJournal();
                this.data.async?.discardSince(mark);
                // events published after commit (the default publish behaviour) are not published on a rollback
                this.data.eventBus.clear();
            }
        };
    }

    /**
     * Async executor (outside tests): runs queued Queueables, batches (every chunk) and `@future` calls,
     * including jobs they enqueue, that are due on the org clock (a delayed Queueable waits until
     * {@link advanceClock} passes its due time). Returns the number of jobs run.
     */
    runAsyncJobs(): number {
        // platform events published by the committed transaction reach their subscriber triggers
        this.data.eventBus.deliver(this.data.triggers, this.data.governor);
        return this.data.async?.drain() ?? 0;
    }

    /**
     * Moves the org clock forward (a virtual clock: `System.now()`, Platform Cache expiry and delayed Queueables
     * follow it). Nothing runs by itself: call {@link runAsyncJobs} to run the jobs now due.
     * @param minutes minutes to advance (≥ 0)
     */
    advanceClock(minutes: number): void {
        if (!(minutes >= 0)) throw new RangeError(`advanceClock: minutes must be ≥ 0, got ${minutes}`);
        const base = clockSettings.now;
        const offset = minutes * 60_000;
        clockSettings.now = () => base() + offset;
    }

    /** Epoch ms when the earliest queued async job is due on the org clock, or null when none is queued. */
    nextAsyncJobDueAt(): number | null {
        return this.data.async?.nextDueAt() ?? null;
    }

    /** Fires every scheduled job now (the demo's "run the nightly sync"), then runs what they queued. */
    fireScheduledJobs(): number {
        return this.data.async?.fireScheduled() ?? 0;
    }

    /** Loads the shared demo CRM seed (`config/seed/demo-crm.json`) into this org's records. */
    seed(file = path.join(process.cwd(), "config/seed/demo-crm.json")): SeedResult {
        return seedFromFile(this.data, file);
    }

    /** Platform-style text for an escaped error. */
    describeError(e: unknown): string {
        const exc: ApexObject | null = this.interpreter.toApexException(e);
        if (exc?.exc) return `${exceptionTypeName(exc)}: ${exc.exc.message ?? "null"}\n${exc.exc.stack}`;
        if (e instanceof UnsupportedError || e instanceof ApexCompileError) return e.message;
        if (e instanceof ApexThrow || e instanceof ApexSystemError) return String(e.message);
        return `local org internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }

    /** Releases background resources (the callout worker). */
    close(): void {
        stopSyncFetch();
    }
}

function isPos(v: unknown): v is Pos {
    return !!v && typeof v === "object" && typeof (v as Pos).line === "number" && typeof (v as Pos).col === "number";
}

function toJNode(v: unknown): JNode {
    return parseJson(JSON.stringify(v));
}

/** Loads and links a local org. Throws {@link ApexSyntaxErrors} when a source file does not parse. */
export function createLocalOrg(opts: LocalOrgOptions): LocalOrg {
    return new LocalOrg(opts);
}

export type { Value };

function isTypeRef(v: unknown): v is TypeRef {
    return !!v && typeof v === "object" && Array.isArray((v as TypeRef).names) && Array.isArray((v as TypeRef).args);
}
