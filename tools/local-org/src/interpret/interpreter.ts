import type {
    Block,
    CatchClause,
    CompilationUnit,
    CtorDecl,
    Expr,
    FieldDecl,
    MethodDecl,
    Param,
    Pos,
    Stmt,
    TypeRef
} from "../ast/nodes";
import type { ClassInfo } from "../link/classInfo";
import type { Registry } from "../link/registry";
import { isSubclass, OBJECT, prim, sameType, typeName, type PrimName, type RType } from "../link/rtype";
import { ApexCompileError, ApexSystemError, ApexThrow, sysErr, UnsupportedError } from "../runtime/errors";
import { callInstanceNative, callStaticNative, constructNative, staticPropNative, valueTypeName } from "./dispatch";
import { apexEquals, hashKey } from "../runtime/values/equality";
import { stringify } from "../runtime/values/format";
import { arith, isNumber } from "../runtime/values/numbers";
import {
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexList,
    ApexMap,
    ApexObject,
    ApexSet,
    EnumValue,
    NativeObject,
    TypeValue,
    type Value
} from "../runtime/values/values";
import { dmlStatement, mergeStatement, newSObject, queryValue } from "../data/natives";
import { DmlFailure } from "../data/dml";
import type { OrgData } from "../data/orgData";
import { singleRow, sobjectGet, sobjectPut, SObjectValue, SOQL_RESULTS } from "../data/sobject";
import { instancePropNative } from "./dispatch";
import type { Host } from "../runtime/host";
import { exceptionCtor, exceptionMethod } from "./exceptions";
import { binaryValues } from "./operators";
import { cast, coerce, isInstance } from "./typeOps";
import { pickByStaticTypes, systemReturnType, type StaticType } from "./overloads";

/** A field or property of a stub: the stub API leaves its behaviour open ("Apex Stub API Limitations": properties). */
function stubMember(field: FieldDecl, what: "read" | "written"): UnsupportedError {
    return new UnsupportedError(`field or property ${field.name} ${what} on a stub (Test.createStub)`);
}

/** A number that an assignment to `t` widens (Integer → Long → Decimal → Double). */
function widens(v: Value, t: RType): boolean {
    if (!isNumber(v) || t.k !== "prim") return false;
    const rank = ["Integer", "Long", "Decimal", "Double"];
    const from = typeof v === "number" ? 0 : typeof v === "bigint" ? 1 : v instanceof ApexDecimal ? 2 : 3;
    const to = rank.indexOf(t.name);
    return to >= 0 && from <= to;
}

/** Numeric conversions Decimal and Double have; Integer and Long have fewer (see `checkNumberMethod`). */
const NUMBER_CONVERSIONS = new Set(["intvalue", "longvalue", "doublevalue", "abs"]);
import type { NativeCtx } from "../runtime/nativeApi";
import type { SharingMode } from "../data/sharing";
import { sharingOf } from "./sharingMode";

interface Var {
    type: RType;
    value: Value;
}

/** One activation record; `scopes` hold locals, innermost last. */
interface Frame {
    cls: ClassInfo | null;
    /** Display name for stack traces, e.g. `Class.Foo.bar` or `AnonymousBlock`. */
    where: string;
    file: string;
    thisObj: ApexObject | null;
    /** Innermost last; null until the block declares something (most blocks never do). */
    scopes: (Map<string, Var> | null)[];
    pos: Pos;
    returnValue: Value;
    /** Property whose accessor is running: its name refers to the backing store. */
    accessorOf: FieldDecl | null;
    /** Record-level sharing of the code running in this frame (see `sharingOf`). */
    sharing: SharingMode;
    /** The code whose sharing is unknown, for messages. */
    sharingWhy: string;
}

/** Statement completion signals. */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Signal = 0 | 1 | 2 | 3;

/** Result of evaluating the left side of a dot: a value, a type, or a namespace / pseudo-namespace. */
type Qualifier = { q: "value"; v: Value } | { q: "type"; t: RType } | { q: "ns"; ns: string };

const NAMESPACES = new Set([
    "system",
    "database",
    "schema",
    "label",
    "dom",
    "auth",
    "messaging",
    "connectapi",
    "cache",
    "flow",
    "process"
]);

const MAX_DEPTH = 1000;
/** Stack traces longer than this are elided in the middle. */
const MAX_TRACE_LINES = 30;

/** Thrown when `?.` meets null: the whole access chain evaluates to null (caught at the chain root). */
class SafeNavShortCircuit {}
const SHORT = new SafeNavShortCircuit();

/**
 * Tree-walking evaluator for the lowered AST. Synchronous by design: Apex is synchronous, and
 * real callouts (outside tests) are made synchronous by the HTTP layer, which keeps evaluation fast.
 */
export class Interpreter {
    private statics = new Map<ClassInfo, Map<string, Value>>();
    private staticInit = new Set<ClassInfo>();
    private stack: Frame[] = [];
    /** file → executed lines. */
    readonly covered = new Map<string, Set<number>>();

    constructor(
        readonly registry: Registry,
        public host: Host
    ) {
        registry.setHooks({
            equals: (a: ApexObject, b: Value) => {
                const m = this.findMethod(a.cls, "equals", 1);
                if (!m) return undefined;
                return this.invokeMethod(m.cls, m.method, a, [b], m.method.pos) === true;
            },
            hashCode: (a: ApexObject) => (this.findMethod(a.cls, "hashcode", 0) ? 0 : undefined),
            toString: (a: ApexObject) => {
                // A user-defined toString() drives concatenation and String.valueOf.
                const m = this.findMethod(a.cls, "tostring", 0);
                if (!m) return undefined;
                const r = this.invokeMethod(m.cls, m.method, a, [], m.method.pos);
                return r === null ? "null" : stringify(r);
            }
        });
    }

    /** values reachable from the running code (locals, `this`, statics), for the approximate heap size. */
    heapRoots(): Value[] {
        const out: Value[] = [];
        for (const f of this.stack) {
            if (f.thisObj) out.push(f.thisObj);
            for (const sc of f.scopes) if (sc) for (const v of sc.values()) out.push(v.value);
        }
        for (const st of this.statics.values()) for (const v of st.values()) out.push(v);
        return out;
    }

    /** Forgets all static state (fresh transaction / test method). */
    resetStatics(): void {
        this.statics.clear();
        this.staticInit.clear();
    }

    // ================= entry points =================

    /** Runs a static or instance-less method by name (test methods, `@AuraEnabled` calls). */
    runStatic(cls: ClassInfo, methodName: string, args: Value[]): Value {
        const m = this.findMethod(cls, methodName.toLowerCase(), args.length);
        if (!m) throw new Error(`Method ${cls.name}.${methodName} not found`);
        return this.invokeMethod(m.cls, m.method, null, args, m.method.pos);
    }

    /** Runs anonymous Apex statements. */
    runAnonymous(stmts: Stmt[], file: string, cls: ClassInfo | null = null): void {
        const f: Frame = {
            cls,
            where: "AnonymousBlock",
            file,
            thisObj: null,
            scopes: [new Map()],
            pos: { line: 1, col: 1 },
            returnValue: null,
            accessorOf: null,
            // "Apex code that is executed with the executeAnonymous call ... always execute using the sharing rules
            // of the current user" (Apex Developer Guide, "Use the with sharing, without sharing, and inherited
            // sharing Keywords")
            sharing: "with",
            sharingWhy: ""
        };
        this.withFrame(f, () => {
            for (const s of stmts) {
                const sig = this.exec(s, f);
                if (sig === RETURN) break;
            }
            return null;
        });
    }

    /** Runs the body of a trigger (the `Trigger.*` context is on the data layer's trigger stack). */
    runTrigger(unit: CompilationUnit): void {
        const name = unit.trigger?.name ?? "Trigger";
        const f: Frame = {
            cls: null,
            where: `Trigger.${name}`,
            file: unit.file,
            thisObj: null,
            scopes: [new Map()],
            pos: unit.trigger?.pos ?? { line: 1, col: 1 },
            returnValue: null,
            accessorOf: null,
            // a trigger declares no sharing keyword and the guide does not say how it runs
            sharing: "unknown",
            sharingWhy: `trigger ${name}`
        };
        this.withFrame(f, () => {
            for (const s of unit.statements) {
                const sig = this.exec(s, f);
                if (sig === RETURN) break;
            }
            return null;
        });
    }

    /** Converts an escaped JS error into an Apex exception object where possible. */
    toApexException(e: unknown): ApexObject | null {
        if (e instanceof ApexThrow) return e.exc;
        if (e instanceof ApexSystemError) return this.makeSystemException(e.exType, e.message, e);
        // The JS stack ran out before Apex's 1000-frame limit: the same uncatchable LimitException,
        // converted once the stack has unwound (Apex code cannot catch it anyway).
        if (e instanceof RangeError)
            return this.makeSystemException("LimitException", "Maximum stack depth reached: 1001");
        return null;
    }

    // ================= frames, coverage, stack =================

    private withFrame<T>(f: Frame, fn: () => T): T {
        if (this.stack.length >= MAX_DEPTH)
            throw new ApexSystemError("LimitException", "Maximum stack depth reached: 1001");
        this.stack.push(f);
        try {
            return fn();
        } finally {
            this.stack.pop();
        }
    }

    private cover(f: Frame, p: Pos): void {
        f.pos = p;
        let set = this.covered.get(f.file);
        if (!set) {
            set = new Set();
            this.covered.set(f.file, set);
        }
        set.add(p.line);
    }

    /** Apex-style stack trace, innermost first: `Class.Foo.bar: line 3, column 1`. */
    stackTrace(): string {
        const line = (f: Frame): string => `${f.where}: line ${f.pos.line}, column ${f.pos.col}`;
        const n = this.stack.length;
        if (n > MAX_TRACE_LINES) {
            // Deep recursion: keep the innermost frames and the entry point readable.
            const inner = this.stack
                .slice(n - (MAX_TRACE_LINES - 2))
                .reverse()
                .map(line);
            return [...inner, `(${n - MAX_TRACE_LINES + 1} more frames)`, line(this.stack[0])].join("\n");
        }
        const lines: string[] = [];
        for (let i = n - 1; i >= 0; i--) lines.push(line(this.stack[i]));
        return lines.join("\n");
    }

    private currentPos(): Pos {
        const f = this.stack[this.stack.length - 1];
        return f ? f.pos : { line: 0, col: 0 };
    }

    private currentFile(): string {
        const f = this.stack[this.stack.length - 1];
        return f ? f.file : "";
    }

    /** Wraps an unsupported-construct error with the current `file:line`. */
    unsupported(construct: string, p?: Pos): UnsupportedError {
        const pos = p ?? this.currentPos();
        return new UnsupportedError(construct, `${this.currentFile()}:${pos.line}`);
    }

    makeSystemException(exType: string, message: string | null, from?: ApexSystemError): ApexObject {
        const cls = this.registry.classes.get(exType.toLowerCase()) ?? this.registry.exceptionBase;
        const o = new ApexObject(cls);
        this.initExceptionState(o);
        if (o.exc) {
            o.exc.message = message;
            // an all-or-none DML failure: the failed rows behind getNumDml() / getDml*(i)
            if (from instanceof DmlFailure) o.exc.dml = from.failures;
        }
        return o;
    }

    private initExceptionState(o: ApexObject): void {
        const p = this.currentPos();
        o.exc = { message: null, cause: null, line: p.line, col: p.col, stack: this.stackTrace() };
    }

    // ================= static state =================

    private staticStore(cls: ClassInfo): Map<string, Value> {
        let s = this.statics.get(cls);
        if (!s) {
            s = new Map();
            this.statics.set(cls, s);
        }
        return s;
    }

    /** Lazy static initialisation: field initialisers and static blocks on first reference. */
    ensureStaticInit(cls: ClassInfo): void {
        if (cls.unresolved)
            throw this.unsupported(
                `class ${cls.name} extends or implements an unmodelled ${cls.unresolved.join(", ")}`
            );
        if (this.staticInit.has(cls) || !cls.decl) return;
        this.staticInit.add(cls);
        if (cls.superClass) this.ensureStaticInit(cls.superClass);
        const f = this.newFrame(cls, `Class.${cls.name}.<clinit>`, null);
        this.withFrame(f, () => {
            const store = this.staticStore(cls);
            for (const m of cls.decl?.members ?? []) {
                if (m.kind === "field" && cls.isStatic(m)) {
                    let v: Value = null;
                    if (m.init) {
                        this.cover(f, m.pos);
                        v = this.coerce(this.eval(m.init, f), this.resolveType(m.type, cls));
                    }
                    store.set(m.name.toLowerCase(), v);
                } else if (m.kind === "init" && m.isStatic) {
                    this.execBlock(m.body, f);
                }
            }
            return null;
        });
    }

    private newFrame(cls: ClassInfo | null, where: string, thisObj: ApexObject | null): Frame {
        const caller = this.stack.length > this.entryDepth ? this.stack[this.stack.length - 1] : null;
        const { sharing, why } = sharingOf(cls, caller ? { mode: caller.sharing, why: caller.sharingWhy } : null);
        return {
            cls,
            where,
            file: cls?.file ?? "",
            thisObj,
            scopes: [new Map()],
            pos: cls?.decl?.pos ?? { line: 0, col: 0 },
            returnValue: null,
            accessorOf: null,
            sharing,
            sharingWhy: why
        };
    }

    /** Frames at this stack depth start a transaction (no caller whose sharing they could inherit). */
    private entryDepth = 0;

    /** Runs `fn` as the entry point of a transaction of its own (an async job). */
    asEntryPoint<T>(fn: () => T): T {
        const saved = this.entryDepth;
        this.entryDepth = this.stack.length;
        try {
            return fn();
        } finally {
            this.entryDepth = saved;
        }
    }

    /** The sharing mode of the running code (the innermost frame), for the data layer. */
    sharingContext(): { mode: SharingMode; why: string } {
        const top = this.stack.length > this.entryDepth ? this.stack[this.stack.length - 1] : null;
        return top ? { mode: top.sharing, why: top.sharingWhy } : { mode: "unknown", why: "code outside any class" };
    }

    // ================= types =================

    resolveType(t: TypeRef, ctx: ClassInfo | null): RType {
        const r = this.registry.resolve(t, ctx);
        if (!r) {
            // Name the innermost type that does not resolve (e.g. the element of List<Foo__mdt>).
            const bad = t.args.find((a) => this.registry.resolve(a, ctx) === null);
            if (bad) return this.resolveType(bad, ctx);
            const n = t.names.join(".");
            throw this.unsupported(
                `type ${n}${/^(Account|Contact|Lead|User|SObject|Opportunity|Case|Profile|AsyncApexJob|CronTrigger|\w+__c|\w+__mdt)$/i.test(n) ? " (without an org data layer)" : ""}`
            );
        }
        return r;
    }

    /** Runtime type check used by `instanceof`, casts, catch and switch type whens. */
    isInstance(v: Value, t: RType): boolean {
        return isInstance(v, t);
    }

    /** Implicit conversion on assignment to a declared type (numeric widening, String ↔ Id). */
    coerce(v: Value, t: RType): Value {
        return coerce(v, t);
    }

    // ================= statements =================

    private execBlock(b: Block, f: Frame): Signal {
        f.scopes.push(null);
        try {
            for (const s of b.stmts) {
                const sig = this.exec(s, f);
                if (sig !== NORMAL) return sig;
            }
            return NORMAL;
        } finally {
            f.scopes.pop();
        }
    }

    private declare(f: Frame, name: string, type: RType, value: Value): void {
        const top = f.scopes.length - 1;
        let scope = f.scopes[top];
        if (!scope) {
            scope = new Map();
            f.scopes[top] = scope;
        }
        scope.set(name.toLowerCase(), { type, value });
    }

    exec(s: Stmt, f: Frame): Signal {
        try {
            return this.execInner(s, f);
        } catch (e) {
            // System-class code raises UnsupportedError without a position: attach file:line here.
            if (e instanceof UnsupportedError && e.where === null)
                throw new UnsupportedError(e.construct, `${f.file}:${f.pos.line}`);
            if (e instanceof ApexCompileError && e.where === null)
                throw new ApexCompileError(e.problem, `${f.file}:${f.pos.line}`);
            // Platform exceptions get their line and stack where they are raised, while the frames still exist.
            if (e instanceof ApexSystemError) throw new ApexThrow(this.makeSystemException(e.exType, e.message, e));
            throw e;
        }
    }

    private execInner(s: Stmt, f: Frame): Signal {
        if (s.kind !== "block") this.cover(f, s.pos);
        switch (s.kind) {
            case "block":
                return this.execBlock(s, f);
            case "expr":
                this.eval(s.expr, f);
                return NORMAL;
            case "local": {
                const t = this.resolveType(s.type, f.cls);
                for (const d of s.decls) {
                    const v = d.init ? this.coerce(this.eval(d.init, f), t) : null;
                    this.declare(f, d.name, t, v);
                }
                return NORMAL;
            }
            case "if":
                if (this.truthy(this.eval(s.cond, f))) return this.execScoped(s.then, f);
                return s.else ? this.execScoped(s.else, f) : NORMAL;
            case "while":
                while (this.truthy(this.eval(s.cond, f))) {
                    const sig = this.execScoped(s.body, f);
                    if (sig === BREAK) break;
                    if (sig === RETURN) return sig;
                }
                return NORMAL;
            case "doWhile":
                do {
                    const sig = this.execBlock(s.body, f);
                    if (sig === BREAK) break;
                    if (sig === RETURN) return sig;
                    this.cover(f, s.pos);
                } while (this.truthy(this.eval(s.cond, f)));
                return NORMAL;
            case "for": {
                f.scopes.push(null);
                try {
                    if (s.init) this.exec(s.init, f);
                    for (const e of s.initExprs) this.eval(e, f);
                    while (!s.cond || this.truthy(this.eval(s.cond, f))) {
                        const sig = this.execScoped(s.body, f);
                        if (sig === BREAK) break;
                        if (sig === RETURN) return sig;
                        for (const u of s.update) this.eval(u, f);
                    }
                    return NORMAL;
                } finally {
                    f.scopes.pop();
                }
            }
            case "forEach":
                return this.execForEach(s, f);
            case "return":
                f.returnValue = s.value ? this.eval(s.value, f) : null;
                return RETURN;
            case "throw": {
                const v = this.eval(s.value, f);
                if (v === null) throw sysErr.npe();
                if (!(v instanceof ApexObject) || !v.exc) throw sysErr.typeErr("Can only throw exceptions");
                throw new ApexThrow(v);
            }
            case "break":
                return BREAK;
            case "continue":
                return CONTINUE;
            case "try":
                return this.execTry(s.body, s.catches, s.finally, f);
            case "switch":
                return this.execSwitch(s, f);
            case "dml":
                if (s.op === "merge" && s.other) {
                    const master = this.eval(s.value, f);
                    mergeStatement(this.orgData(s.pos), master, this.eval(s.other, f), s.accessLevel === "user");
                    return NORMAL;
                }
                dmlStatement(this.orgData(s.pos), s.op, this.eval(s.value, f), s.accessLevel, s.externalIdField);
                return NORMAL;
            case "runAs": {
                const user = s.args.length === 1 ? this.eval(s.args[0], f) : null;
                if (!(user instanceof SObjectValue) || user.def.name !== "User" || !user.id)
                    throw this.unsupported(
                        "System.runAs without an inserted User (runAs(Version) is not modelled)",
                        s.pos
                    );
                // "The user's sharing permissions are enforced within a runAs block, regardless of the sharing mode
                // of the test class. If a user-defined method is called in the runAs block, the sharing mode
                // enforced is that of the class where the method is defined." (Apex Developer Guide, "Using the
                // runAs Method"): the block's own code runs with sharing
                const saved = f.sharing;
                f.sharing = "with";
                try {
                    return this.orgData(s.pos).runAs(user.id, () => this.execBlock(s.body, f));
                } finally {
                    f.sharing = saved;
                }
            }
            case "unsupported":
                throw this.unsupported(s.construct, s.pos);
        }
    }

    /** A nested statement that is not a block still gets its own scope. */
    private execScoped(s: Stmt, f: Frame): Signal {
        if (s.kind === "block") return this.execBlock(s, f);
        f.scopes.push(null);
        try {
            return this.exec(s, f);
        } finally {
            f.scopes.pop();
        }
    }

    private execForEach(s: Extract<Stmt, { kind: "forEach" }>, f: Frame): Signal {
        const coll = this.eval(s.iterable, f);
        if (coll === null) throw sysErr.npe();
        let items: Value[];
        if (coll instanceof ApexList) items = coll.items.slice();
        else if (coll instanceof ApexSet) items = [...coll.keys.values()];
        else throw this.unsupported(`for-each over ${valueTypeName(coll)}`);
        const t = this.resolveType(s.type, f.cls);
        if (s.iterable.kind === "soql" && t.k === "list" && coll instanceof ApexList) {
            // `for (List<Contact> chunk : [SELECT …])`: the SOQL list for-loop hands out 200-record chunks.
            const chunks: Value[] = [];
            for (let i = 0; i < items.length; i += 200)
                chunks.push(new ApexList(coll.elemType, items.slice(i, i + 200)));
            items = chunks;
        }
        for (const item of items) {
            f.scopes.push(null);
            try {
                this.declare(f, s.name, t, this.coerce(item, t));
                const sig = this.execScoped(s.body, f);
                if (sig === BREAK) break;
                if (sig === RETURN) return sig;
            } finally {
                f.scopes.pop();
            }
        }
        return NORMAL;
    }

    private execTry(body: Block, catches: CatchClause[], fin: Block | null, f: Frame): Signal {
        const depth = f.scopes.length;
        try {
            return this.execBlock(body, f);
        } catch (e) {
            f.scopes.length = depth;
            const exc = this.catchable(e);
            if (!exc) throw e;
            for (const c of catches) {
                const ct = this.resolveType(c.type, f.cls);
                if (ct.k === "class" && isSubclass(exc.cls, ct.cls)) {
                    f.scopes.push(null);
                    try {
                        this.declare(f, c.name, ct, exc);
                        return this.execBlock(c.body, f);
                    } finally {
                        f.scopes.pop();
                    }
                }
            }
            throw e instanceof ApexThrow ? e : new ApexThrow(exc);
        } finally {
            if (fin) {
                f.scopes.length = depth;
                const sig = this.execBlock(fin, f);
                if (sig !== NORMAL) {
                    // A jump out of finally overrides the pending completion, as in Java.
                    return sig;
                }
            }
        }
    }

    /** Exceptions Apex code may catch; LimitException and unsupported constructs are never catchable. */
    private catchable(e: unknown): ApexObject | null {
        if (e instanceof RangeError) return null;
        if (e instanceof ApexSystemError && (e.exType === "LimitException" || e.exType === "AssertException"))
            return null;
        const exc = this.toApexException(e);
        if (exc && exc.cls.builtin && (exc.cls.name === "LimitException" || exc.cls.name === "AssertException"))
            return null;
        return exc;
    }

    private execSwitch(s: Extract<Stmt, { kind: "switch" }>, f: Frame): Signal {
        const v = this.eval(s.value, f);
        for (const w of s.whens) {
            const m = w.match;
            let hit = false;
            if (m.kind === "else") hit = true;
            else if (m.kind === "type") {
                const t = this.resolveType(m.type, f.cls);
                if (this.isInstance(v, t)) {
                    f.scopes.push(null);
                    try {
                        this.declare(f, m.name, t, v);
                        return this.execBlock(w.body, f);
                    } finally {
                        f.scopes.pop();
                    }
                }
            } else {
                for (const ve of m.values) {
                    if (v instanceof EnumValue && ve.kind === "name") {
                        if (ve.name.toLowerCase() === v.name.toLowerCase()) hit = true;
                    } else {
                        const lit = this.eval(ve, f);
                        hit = lit === null ? v === null : v !== null && apexEquals(v, lit, true);
                    }
                    if (hit) break;
                }
            }
            if (hit) return this.execBlock(w.body, f);
        }
        return NORMAL;
    }

    truthy(v: Value): boolean {
        if (v === null) throw sysErr.npe();
        if (typeof v !== "boolean")
            throw sysErr.typeErr(`Invalid conversion from runtime type ${valueTypeName(v)} to Boolean`);
        return v;
    }

    // ================= expressions =================

    eval(e: Expr, f: Frame): Value {
        if (e.kind === "field" || e.kind === "call" || e.kind === "index") {
            try {
                return this.evalChainNode(e, f);
            } catch (x) {
                if (x === SHORT) return null;
                throw x;
            }
        }
        return this.evalChainNode(e, f);
    }

    /** Evaluates without catching a `?.` short-circuit (for members of an access chain). */
    private evalChainNode(e: Expr, f: Frame): Value {
        switch (e.kind) {
            case "lit":
                return this.literal(e);
            case "name":
                return this.evalName(e.name, f, e.pos);
            case "this":
                if (!f.thisObj) throw this.unsupported("this in static context", e.pos);
                return f.thisObj;
            case "super":
                if (!f.thisObj) throw this.unsupported("super in static context", e.pos);
                return f.thisObj;
            case "field":
                return this.evalField(e, f);
            case "call":
                return this.evalCall(e, f);
            case "ctorCall":
                throw this.unsupported(`${e.which}(...) outside the first statement of a constructor`, e.pos);
            case "index": {
                const t = this.chainValue(e.target, f);
                const i = this.eval(e.index, f);
                if (t === null) throw sysErr.npe();
                if (t instanceof ApexList) {
                    if (typeof i !== "number")
                        throw i === null ? sysErr.npe() : sysErr.typeErr("List index must be an Integer");
                    if (i < 0 || i >= t.items.length) throw sysErr.listIndex(i, t.items.length);
                    return t.items[i];
                }
                throw this.unsupported(`index access on ${valueTypeName(t)}`, e.pos);
            }
            case "new":
                return this.evalNew(e.type, e.args, f, e.pos);
            case "newList": {
                const t = this.resolveType(e.type, f.cls);
                const elem = t.k === "list" ? t.elem : OBJECT;
                const list = new ApexList(elem, []);
                if (e.size) {
                    const n = this.eval(e.size, f);
                    if (typeof n !== "number") throw sysErr.npe();
                    for (let i = 0; i < n; i++) list.items.push(null);
                }
                for (const it of e.items ?? []) list.items.push(this.coerce(this.eval(it, f), elem));
                return list;
            }
            case "newSet": {
                const t = this.resolveType(e.type, f.cls);
                const set = new ApexSet(t.k === "set" ? t.elem : OBJECT);
                for (const it of e.items) {
                    const v = this.coerce(this.eval(it, f), set.elemType);
                    set.keys.set(hashKey(v), v);
                }
                return set;
            }
            case "newMap": {
                const t = this.resolveType(e.type, f.cls);
                const map = t.k === "map" ? new ApexMap(t.key, t.value) : new ApexMap(OBJECT, OBJECT);
                for (const [ke, ve] of e.entries) {
                    const k = this.coerce(this.eval(ke, f), map.keyType);
                    map.entries.set(hashKey(k), [k, this.coerce(this.eval(ve, f), map.valueType)]);
                }
                return map;
            }
            case "assign":
                return this.evalAssign(e, f);
            case "binary":
                return this.evalBinary(e.op, e.left, e.right, f);
            case "unary": {
                const v = this.eval(e.operand, f);
                if (e.op === "!") return !this.truthy(v);
                if (v === null) throw sysErr.npe();
                if (e.op === "+") return v;
                if (e.op === "-") {
                    if (typeof v === "number") return -v | 0;
                    if (typeof v === "bigint") return BigInt.asIntN(64, -v);
                    if (v instanceof ApexDecimal) return new ApexDecimal(v.d.neg(), v.scale);
                    if (v instanceof ApexDouble) return new ApexDouble(-v.v);
                }
                if (e.op === "~") {
                    if (typeof v === "number") return ~v;
                    if (typeof v === "bigint") return BigInt.asIntN(64, ~v);
                }
                throw sysErr.typeErr(`Invalid operand for ${e.op}`);
            }
            case "incdec": {
                const old = this.eval(e.target, f);
                if (old === null) throw sysErr.npe();
                if (!isNumber(old)) throw sysErr.typeErr(`Invalid operand for ${e.op}`);
                const nv = arith(e.op === "++" ? "+" : "-", old, 1);
                this.assignTo(e.target, nv, f);
                return e.prefix ? nv : old;
            }
            case "cond":
                return this.truthy(this.eval(e.cond, f)) ? this.eval(e.then, f) : this.eval(e.else, f);
            case "cast":
                return cast(this.eval(e.value, f), this.resolveType(e.type, f.cls));
            case "instanceof":
                return this.isInstance(this.eval(e.value, f), this.resolveType(e.type, f.cls));
            case "classLit":
                return new TypeValue(e.type ? this.resolveType(e.type, f.cls) : { k: "void" });
            case "soql": {
                const data = this.orgData(e.pos);
                const binds = e.binds.map((b) => this.eval(b, f));
                const userMode = /\bWITH\s+USER_MODE\b/i.test(e.text);
                return queryValue(data, e.text, (i) => binds[i] ?? null, userMode, true);
            }
            case "unsupported":
                throw this.unsupported(e.construct, e.pos);
        }
    }

    private literal(e: Extract<Expr, { kind: "lit" }>): Value {
        switch (e.type) {
            case "Integer": {
                const n = Number(e.text);
                if (n > 2147483648) throw this.unsupported(`integer literal out of range: ${e.text}`, e.pos);
                return n | 0;
            }
            case "Long":
                return BigInt(e.text);
            case "Decimal":
                return ApexDecimal.of(e.text);
            case "Double":
                return new ApexDouble(Number(e.text));
            case "String":
                return e.text;
            case "Boolean":
                return e.text === "true";
            case "null":
                return null;
        }
    }

    // ---------- names and fields ----------

    private lookupLocal(f: Frame, name: string): Var | undefined {
        for (let i = f.scopes.length - 1; i >= 0; i--) {
            const v = f.scopes[i]?.get(name);
            if (v) return v;
        }
        return undefined;
    }

    /** Finds a field declaration on a class or its superclasses. */
    private findField(cls: ClassInfo, lname: string): { cls: ClassInfo; field: FieldDecl } | null {
        for (let c: ClassInfo | null = cls; c; c = c.superClass) {
            const fd = c.fields.get(lname);
            if (fd) return { cls: c, field: fd };
        }
        return null;
    }

    /** Finds a static field visible from `cls` (own, supers, outers). */
    private findStaticField(cls: ClassInfo | null, lname: string): { cls: ClassInfo; field: FieldDecl } | null {
        for (let c: ClassInfo | null = cls; c; c = c.outer) {
            const r = this.findField(c, lname);
            if (r && r.cls.isStatic(r.field)) return r;
        }
        return null;
    }

    private evalField(e: Extract<Expr, { kind: "field" }>, f: Frame): Value {
        const q = this.qualifier(e, f);
        if (q.q === "value") return q.v;
        throw this.unsupported(`type or namespace '${e.name}' used as a value`, e.pos);
    }

    private evalName(name: string, f: Frame, p: Pos): Value {
        const q = this.qualifier({ kind: "name", pos: p, name }, f);
        if (q.q === "value") return q.v;
        throw this.unsupported(`variable or type '${name}' used as a value (Variable does not exist: ${name})`, p);
    }

    /** Reads a field or property of an object or class. */
    private readField(owner: ClassInfo, field: FieldDecl, obj: ApexObject | null, f: Frame): Value {
        const lname = field.name.toLowerCase();
        const isStatic = owner.isStatic(field);
        if (!isStatic && obj?.stubProvider) throw stubMember(field, "read");
        if (isStatic) this.ensureStaticInit(owner);
        const getter = field.property?.getter;
        if (getter?.body && f.accessorOf !== field) {
            return this.runAccessor(owner, field, getter.body, obj, null);
        }
        if (isStatic) return this.staticStore(owner).get(lname) ?? null;
        if (!obj) throw sysErr.npe();
        return obj.fields.get(lname) ?? null;
    }

    private writeField(owner: ClassInfo, field: FieldDecl, obj: ApexObject | null, value: Value, f: Frame): void {
        const lname = field.name.toLowerCase();
        const isStatic = owner.isStatic(field);
        if (!isStatic && obj?.stubProvider) throw stubMember(field, "written");
        if (isStatic) this.ensureStaticInit(owner);
        const v = this.coerce(value, this.resolveType(field.type, owner));
        const setter = field.property?.setter;
        if (setter?.body && f.accessorOf !== field) {
            this.runAccessor(owner, field, setter.body, obj, v);
            return;
        }
        if (isStatic) this.staticStore(owner).set(lname, v);
        else {
            if (!obj) throw sysErr.npe();
            obj.fields.set(lname, v);
        }
    }

    private runAccessor(
        owner: ClassInfo,
        field: FieldDecl,
        body: Block,
        obj: ApexObject | null,
        setValue: Value | undefined
    ): Value {
        const f = this.newFrame(
            owner,
            `Class.${owner.name}.${setValue === undefined ? "get" : "set"}${field.name}`,
            obj
        );
        f.accessorOf = field;
        if (setValue !== undefined) this.declare(f, "value", this.resolveType(field.type, owner), setValue);
        return this.withFrame(f, () => {
            const sig = this.execBlock(body, f);
            return sig === RETURN ? this.coerce(f.returnValue, this.resolveType(field.type, owner)) : null;
        });
    }

    /** Evaluates an expression that may name a value, a type or a namespace. */
    private qualifier(e: Expr, f: Frame): Qualifier {
        if (e.kind === "name") {
            const lname = e.name.toLowerCase();
            const local = this.lookupLocal(f, lname);
            if (local) return { q: "value", v: local.value };
            if (f.cls) {
                if (f.thisObj) {
                    const inst = this.findField(f.thisObj.cls, lname);
                    if (inst && !inst.cls.isStatic(inst.field))
                        return { q: "value", v: this.readField(inst.cls, inst.field, f.thisObj, f) };
                }
                const st = this.findStaticField(f.cls, lname);
                if (st) return { q: "value", v: this.readField(st.cls, st.field, null, f) };
            }
            const t = this.registry.resolveName([e.name], f.cls);
            if (t) return { q: "type", t };
            if (NAMESPACES.has(lname)) return { q: "ns", ns: lname };
            throw this.unsupported(`Variable does not exist: ${e.name}`, e.pos);
        }
        if (e.kind === "field") {
            const left = this.qualifier(e.target, f);
            if (left.q === "ns") {
                if (left.ns === "label" || (left.ns === "system" && e.name.toLowerCase() === "label")) {
                    if (left.ns === "system") return { q: "ns", ns: "label" };
                    return { q: "value", v: this.label(e.name, e.pos) };
                }
                const t = this.registry.resolveName([left.ns, e.name], f.cls);
                if (t) return { q: "type", t };
                throw this.unsupported(`${left.ns}.${e.name}`, e.pos);
            }
            if (
                left.q === "type" &&
                left.t.k === "native" &&
                (left.t.name === "Schema" || left.t.name === "Database")
            ) {
                // `Schema.Contact`, `Schema.DisplayType`, `Database.SaveResult`: namespaces of system types.
                const t = this.registry.resolveName([left.t.name, e.name], f.cls);
                if (t) return { q: "type", t };
            }
            if (left.q === "type" && left.t.k === "native" && left.t.name === "System") {
                // `System.Label.X`, `System.JSON`, `System.HttpRequest`: System is also a namespace.
                if (e.name.toLowerCase() === "label") return { q: "ns", ns: "label" };
                const t = this.registry.resolveName(["System", e.name], f.cls);
                if (t) return { q: "type", t };
            }
            if (left.q === "type") return this.staticMember(left.t, e.name, e.pos, f);
            return { q: "value", v: this.instanceField(left.v, e.name, e.safe, e.pos, f) };
        }
        return { q: "value", v: this.evalChainNode(e, f) };
    }

    private chainValue(e: Expr, f: Frame): Value {
        const q = this.qualifier(e, f);
        if (q.q === "value") return q.v;
        throw this.unsupported("type or namespace used as a value", e.pos);
    }

    private label(name: string, p: Pos): Value {
        const v = this.host.labels.get(name.toLowerCase());
        if (v === undefined)
            throw this.unsupported(`custom label ${name} (not found in CustomLabels.labels-meta.xml)`, p);
        return v;
    }

    private staticMember(t: RType, name: string, p: Pos, f: Frame): Qualifier {
        const lname = name.toLowerCase();
        if (t.k === "class") {
            const cls = t.cls;
            if (cls.kind === "enum") {
                const idx = cls.enumValues.findIndex((v) => v.toLowerCase() === lname);
                if (idx >= 0) return { q: "value", v: new EnumValue(cls.name, cls.enumValues[idx], idx, cls) };
            }
            const inner = cls.inners.get(lname);
            if (inner) return { q: "type", t: { k: "class", cls: inner } };
            const fd = this.findField(cls, lname);
            if (fd && fd.cls.isStatic(fd.field)) return { q: "value", v: this.readField(fd.cls, fd.field, null, f) };
            throw this.unsupported(`static member ${cls.name}.${name}`, p);
        }
        if (t.k === "native" || t.k === "prim") {
            const tn = t.k === "native" ? t.name : t.name;
            return { q: "value", v: staticPropNative(tn, name, this.nativeCtx(p)) };
        }
        throw this.unsupported(`static member ${typeName(t)}.${name}`, p);
    }

    private instanceField(v: Value, name: string, safe: boolean, p: Pos, f: Frame): Value {
        if (v === null) {
            if (safe) throw SHORT;
            throw sysErr.npe();
        }
        if (v instanceof ApexObject) {
            const fd = this.findField(v.cls, name.toLowerCase());
            if (fd) return this.readField(fd.cls, fd.field, fd.cls.isStatic(fd.field) ? null : v, f);
        }
        if (v instanceof SObjectValue) return sobjectGet(v, name);
        if (v instanceof NativeObject) return instancePropNative(v, name, this.nativeCtx(p));
        // `[SELECT Name FROM Account LIMIT 1].Name`: a SOQL result used as its single row.
        if (v instanceof ApexList && SOQL_RESULTS.has(v)) {
            const row = singleRow(v);
            if (row instanceof SObjectValue) return sobjectGet(row, name);
        }
        throw this.unsupported(`field ${name} on ${valueTypeName(v)}`, p);
    }

    // ---------- assignment ----------

    private evalAssign(e: Extract<Expr, { kind: "assign" }>, f: Frame): Value {
        let value: Value;
        if (e.op === "=") value = this.eval(e.value, f);
        else {
            const op = e.op.slice(0, -1);
            value = binaryValues(op, this.eval(e.target, f), this.eval(e.value, f));
        }
        return this.assignTo(e.target, value, f);
    }

    private assignTo(target: Expr, value: Value, f: Frame): Value {
        if (target.kind === "name") {
            const lname = target.name.toLowerCase();
            const local = this.lookupLocal(f, lname);
            if (local) {
                local.value = this.coerce(value, local.type);
                return local.value;
            }
            if (f.thisObj) {
                const inst = this.findField(f.thisObj.cls, lname);
                if (inst && !inst.cls.isStatic(inst.field)) {
                    this.writeField(inst.cls, inst.field, f.thisObj, value, f);
                    return value;
                }
            }
            const st = this.findStaticField(f.cls, lname);
            if (st) {
                this.writeField(st.cls, st.field, null, value, f);
                return value;
            }
            throw this.unsupported(`Variable does not exist: ${target.name}`, target.pos);
        }
        if (target.kind === "field") {
            const left = this.qualifier(target.target, f);
            const lname = target.name.toLowerCase();
            if (left.q === "type" && left.t.k === "class") {
                const fd = this.findField(left.t.cls, lname);
                if (fd && fd.cls.isStatic(fd.field)) {
                    this.writeField(fd.cls, fd.field, null, value, f);
                    return value;
                }
            }
            if (left.q === "value") {
                const obj = left.v;
                if (obj === null) throw sysErr.npe();
                if (obj instanceof ApexObject) {
                    const fd = this.findField(obj.cls, lname);
                    if (fd) {
                        this.writeField(fd.cls, fd.field, fd.cls.isStatic(fd.field) ? null : obj, value, f);
                        return value;
                    }
                }
                if (obj instanceof SObjectValue) {
                    sobjectPut(obj, target.name, value);
                    return sobjectGet(obj, target.name);
                }
            }
            throw this.unsupported(`assignment to ${target.name}`, target.pos);
        }
        if (target.kind === "index") {
            const list = this.eval(target.target, f);
            const i = this.eval(target.index, f);
            if (list === null) throw sysErr.npe();
            if (list instanceof ApexList && typeof i === "number") {
                if (i < 0 || i >= list.items.length) throw sysErr.listIndex(i, list.items.length);
                list.items[i] = this.coerce(value, list.elemType);
                return list.items[i];
            }
            throw this.unsupported("index assignment", target.pos);
        }
        throw this.unsupported("assignment target", target.pos);
    }

    // ---------- operators ----------

    private evalBinary(op: string, le: Expr, re: Expr, f: Frame): Value {
        if (op === "&&") return this.truthy(this.eval(le, f)) ? this.truthy(this.eval(re, f)) : false;
        if (op === "||") return this.truthy(this.eval(le, f)) ? true : this.truthy(this.eval(re, f));
        if (op === "??") {
            const l = this.eval(le, f);
            return l !== null ? l : this.eval(re, f);
        }
        return binaryValues(op, this.eval(le, f), this.eval(re, f));
    }

    // ---------- calls ----------

    private evalArgs(args: Expr[], f: Frame): Value[] {
        return args.map((a) => this.eval(a, f));
    }

    private evalCall(e: Extract<Expr, { kind: "call" }>, f: Frame): Value {
        const lname = e.name.toLowerCase();
        if (!e.target) {
            // Unqualified: virtual dispatch on `this` first, then static methods of this class, its supers and outers.
            const args = this.evalArgs(e.args, f);
            if (f.thisObj) {
                const vm = this.findMethod(f.thisObj.cls, lname, args.length, args, e.args, f, () => f.cls);
                if (vm)
                    return this.invokeMethod(
                        vm.cls,
                        vm.method,
                        vm.cls.isStatic(vm.method) ? null : f.thisObj,
                        args,
                        e.pos
                    );
            }
            for (let c: ClassInfo | null = f.cls; c; c = c.outer) {
                const m = this.findMethod(c, lname, args.length, args, e.args, f);
                if (m) {
                    if (!m.cls.isStatic(m.method) && !(f.thisObj && isSubclass(f.thisObj.cls, m.cls))) {
                        throw this.unsupported(`instance method ${m.method.name} called without an instance`, e.pos);
                    }
                    return this.invokeMethod(m.cls, m.method, m.cls.isStatic(m.method) ? null : f.thisObj, args, e.pos);
                }
            }
            if (f.thisObj?.exc) return exceptionMethod(f.thisObj, lname, args);
            throw this.unsupported(`Method does not exist: ${e.name}`, e.pos);
        }
        if (e.target.kind === "super") {
            const sup = f.cls?.superClass;
            const args = this.evalArgs(e.args, f);
            if (!sup || !f.thisObj) throw this.unsupported("super call without superclass", e.pos);
            const m = this.findMethod(sup, lname, args.length, args, e.args, f);
            if (m) return this.invokeMethod(m.cls, m.method, f.thisObj, args, e.pos);
            if (f.thisObj.exc) return exceptionMethod(f.thisObj, lname, args);
            throw this.unsupported(`super.${e.name}`, e.pos);
        }
        const q = this.qualifier(e.target, f);
        if (q.q === "value") {
            const target = q.v;
            if (target === null) {
                if (e.safe) throw SHORT;
                throw sysErr.npe();
            }
            const args = this.evalArgs(e.args, f);
            const recvExpr = e.target;
            if (typeof target === "number" || typeof target === "bigint") this.checkNumberMethod(recvExpr, e.name, f);
            return this.callOnValue(target, lname, e.name, args, e.pos, e.args, f, () => {
                const st = this.staticTypeOf(recvExpr, f);
                return st && st !== "null" && st.k === "class" ? st.cls : null;
            });
        }
        const args = this.evalArgs(e.args, f);
        if (q.q === "type") {
            const t = q.t;
            if (t.k === "class") {
                if (t.cls.kind === "enum") {
                    if (lname === "values" && args.length === 0)
                        return new ApexList(
                            t,
                            t.cls.enumValues.map((n, i) => new EnumValue(t.cls.name, n, i, t.cls))
                        );
                    if (lname === "valueof" && args.length === 1) {
                        const idx = t.cls.enumValues.findIndex(
                            (n) => typeof args[0] === "string" && n.toLowerCase() === args[0].toLowerCase()
                        );
                        return idx < 0 ? null : new EnumValue(t.cls.name, t.cls.enumValues[idx], idx, t.cls);
                    }
                }
                const m = this.findMethod(t.cls, lname, args.length, args, e.args, f);
                if (m && m.cls.isStatic(m.method)) return this.invokeMethod(m.cls, m.method, null, args, e.pos);
                throw this.unsupported(`static method ${t.cls.name}.${e.name}`, e.pos);
            }
            const tn = t.k === "native" || t.k === "prim" ? t.name : typeName(t);
            return callStaticNative(tn, lname, args, this.nativeCtx(e.pos));
        }
        return callStaticNative(q.ns === "system" ? "System" : q.ns, lname, args, this.nativeCtx(e.pos));
    }

    /** Calls a method on a non-null value (user object, exception, enum, system value). */
    callOnValue(
        target: Value,
        lname: string,
        name: string,
        args: Value[],
        p: Pos,
        argExprs?: Expr[],
        f?: Frame,
        recv?: () => ClassInfo | null
    ): Value {
        if (target instanceof ApexObject) {
            const m = this.findMethod(target.cls, lname, args.length, args, argExprs, f, recv);
            if (target.stubProvider)
                return this.callStub(target, m ?? this.abstractMethod(target.cls, lname, args), name, args, p);
            if (m && !m.cls.isStatic(m.method)) return this.invokeMethod(m.cls, m.method, target, args, p);
            if (target.exc) return exceptionMethod(target, lname, args);
            if (lname === "equals" && args.length === 1) return apexEquals(target, args[0]);
            // the platform's identity hash of an object is not modelled (it was a constant 0)
            if (lname === "hashcode" && args.length === 0)
                throw this.unsupported(`hashCode() of ${target.cls.name}, which does not define hashCode()`, p);
            if (lname === "tostring" && args.length === 0) return stringify(target);
            throw this.unsupported(`Method does not exist: ${target.cls.name}.${name}`, p);
        }
        if (target instanceof EnumValue) {
            if (lname === "name") return target.name;
            if (lname === "ordinal") return target.ordinal;
            if (lname === "equals") return apexEquals(target, args[0]);
            if (lname === "hashcode") return hashCodeOfString(target.name);
            if (lname === "tostring") return target.name;
            throw this.unsupported(`enum method ${name}`, p);
        }
        return callInstanceNative(target, lname, args, this.nativeCtx(p));
    }

    /** Overload resolution by arity and runtime argument types (most-derived class first). */
    findMethod(
        cls: ClassInfo,
        lname: string,
        arity: number,
        args?: Value[],
        argExprs?: Expr[],
        f?: Frame,
        recv?: () => ClassInfo | null
    ): { cls: ClassInfo; method: MethodDecl } | null {
        if (args && argExprs && f && recv) {
            const chosen = this.findBySignature(cls, lname, arity, args, argExprs, f, recv);
            if (chosen !== undefined) return chosen;
        }
        for (let c: ClassInfo | null = cls; c; c = c.superClass) {
            const list = c.methods.get(lname);
            if (!list) continue;
            const cands = list.filter((m) => m.params.length === arity && m.body !== null);
            if (cands.length === 0) continue;
            if (cands.length === 1 || !args) return { cls: c, method: cands[0] };
            const best = this.pickOverload(c, cands, args, argExprs, f);
            if (best) return { cls: c, method: best };
        }
        return null;
    }

    /**
     * Compile-time choice with the receiver's declared type: the signature is picked among the methods that
     * type (with its supertypes) declares, then the runtime class's implementation of that signature runs
     * (an overload that only a subclass declares is not visible through a base-class variable). Undefined
     * when there is nothing to choose (one signature) or the receiver's declared type is unknown.
     */
    private findBySignature(
        cls: ClassInfo,
        lname: string,
        arity: number,
        args: Value[],
        argExprs: Expr[],
        f: Frame,
        recv: () => ClassInfo | null
    ): { cls: ClassInfo; method: MethodDecl } | null | undefined {
        type Sig = { cls: ClassInfo; method: MethodDecl };
        const collect = (start: ClassInfo): Sig[] => {
            const out: Sig[] = [];
            const seen = new Set<ClassInfo>();
            const visit = (c: ClassInfo | null): void => {
                if (!c || seen.has(c)) return;
                seen.add(c);
                for (const m of c.methods.get(lname) ?? [])
                    if (m.params.length === arity && !out.some((o) => this.sameSignature(o, { cls: c, method: m })))
                        out.push({ cls: c, method: m });
                visit(c.superClass);
                c.interfaces.forEach(visit);
            };
            visit(start);
            return out;
        };
        const key = `${lname}/${arity}`;
        let perCls = this.overloaded.get(cls);
        if (!perCls) {
            perCls = new Map();
            this.overloaded.set(cls, perCls);
        }
        let several = perCls.get(key);
        if (several === undefined) {
            several = collect(cls).length > 1;
            perCls.set(key, several);
        }
        if (!several) return undefined;
        const staticCls = recv();
        if (!staticCls || !isSubclass(cls, staticCls)) return undefined;
        const sigs = collect(staticCls);
        if (sigs.length === 0) return undefined;
        const types = argExprs.map((a) => this.staticTypeOf(a, f));
        const pick = pickByStaticTypes(
            sigs,
            (sig) => sig.method.params.map((p) => this.registry.resolve(p.type, sig.cls)),
            types,
            (i, t) => this.runtimeApplicable(args[i], t),
            lname
        );
        if (!pick) return null;
        for (let c: ClassInfo | null = cls; c; c = c.superClass)
            for (const m of c.methods.get(lname) ?? [])
                if (m.body !== null && this.sameSignature(pick, { cls: c, method: m })) return { cls: c, method: m };
        return null;
    }

    /** Per class and `name/arity`: whether its hierarchy declares several signatures (overload choice needed). */
    private readonly overloaded = new Map<ClassInfo, Map<string, boolean>>();

    /** Whether a runtime value may be passed for a parameter of type `t` (used when its declared type is unknown). */
    private runtimeApplicable(a: Value, t: RType): boolean {
        if (a === null || this.isInstance(a, t)) return true;
        if (t.k === "prim" && isNumber(a) && ["Long", "Decimal", "Double"].includes(t.name)) return true;
        if (t.k === "prim" && t.name === "Id" && typeof a === "string") return true;
        return t.k === "prim" && t.name === "String" && a instanceof ApexId;
    }

    private sameSignature(
        a: { cls: ClassInfo; method: MethodDecl },
        b: { cls: ClassInfo; method: MethodDecl }
    ): boolean {
        if (a.method.params.length !== b.method.params.length) return false;
        return a.method.params.every((p, i) => {
            const x = this.registry.resolve(p.type, a.cls);
            const y = this.registry.resolve(b.method.params[i].type, b.cls);
            return x !== null && y !== null && sameType(x, y);
        });
    }

    /**
     * Apex Reference, "Integer Class" and "Long Class": Integer has `format()` (and the static `valueOf`), Long has
     * `format()` and `intValue()`. The local org shares one implementation of the numeric conversions, so a call the
     * declared type does not have (`aLong.longValue()`, e.g. on `Decimal.round(mode)`, which returns a Long) is
     * refused when the receiver's declared type is known.
     */
    private checkNumberMethod(recv: Expr, method: string, f: Frame): void {
        const l = method.toLowerCase();
        if (!NUMBER_CONVERSIONS.has(l)) return;
        const st = this.staticTypeOf(recv, f);
        if (!st || st === "null" || st.k !== "prim") return;
        const allowed = st.name === "Long" ? ["intvalue"] : st.name === "Integer" ? [] : null;
        if (allowed && !allowed.includes(l))
            throw new ApexCompileError(
                `Method does not exist or incorrect signature: ${method}() from the type ${st.name}`
            );
    }

    /**
     * The declared (compile-time) type of an argument expression, computed without evaluating it;
     * null when the local org cannot tell (then overload choices that depend on it fail loudly).
     */
    staticTypeOf(e: Expr, f: Frame): StaticType {
        try {
            return this.staticTypeInner(e, f);
        } catch (x) {
            if (x instanceof UnsupportedError) return null;
            throw x;
        }
    }

    private staticTypeInner(e: Expr, f: Frame): StaticType {
        switch (e.kind) {
            case "lit":
                return e.type === "null" ? "null" : prim(e.type);
            case "name": {
                const lname = e.name.toLowerCase();
                const local = this.lookupLocal(f, lname);
                if (local) return local.type;
                if (f.cls) {
                    const fd =
                        (f.thisObj && this.findField(f.thisObj.cls, lname)) || this.findStaticField(f.cls, lname);
                    if (fd) return this.registry.resolve(fd.field.type, fd.cls);
                }
                return null;
            }
            case "this":
                return f.thisObj ? { k: "class", cls: f.thisObj.cls } : null;
            case "cast":
            case "new":
            case "newList":
            case "newSet":
            case "newMap":
                return this.registry.resolve(e.type, f.cls);
            case "instanceof":
                return prim("Boolean");
            case "index": {
                const t = this.staticTypeInner(e.target, f);
                return t && t !== "null" && t.k === "list" ? t.elem : null;
            }
            case "unary":
                return e.op === "!" ? prim("Boolean") : this.staticTypeInner(e.operand, f);
            case "assign":
                return this.staticTypeInner(e.target, f);
            case "cond": {
                const a = this.staticTypeInner(e.then, f);
                const b = this.staticTypeInner(e.else, f);
                if (a && b && a !== "null" && b !== "null" && sameType(a, b)) return a;
                return null;
            }
            case "binary": {
                if (["==", "!=", "===", "!==", "<", ">", "<=", ">=", "&&", "||"].includes(e.op)) return prim("Boolean");
                const a = this.staticTypeInner(e.left, f);
                const b = this.staticTypeInner(e.right, f);
                if (
                    e.op === "+" &&
                    ((a && a !== "null" && a.k === "prim" && a.name === "String") ||
                        (b && b !== "null" && b.k === "prim" && b.name === "String"))
                )
                    return prim("String");
                if (a && b && a !== "null" && b !== "null" && a.k === "prim" && b.k === "prim") {
                    const rank = ["Integer", "Long", "Decimal", "Double"];
                    const ra = rank.indexOf(a.name);
                    const rb = rank.indexOf(b.name);
                    if (ra >= 0 && rb >= 0 && ["+", "-", "*", "/"].includes(e.op))
                        return prim(rank[Math.max(ra, rb)] as PrimName);
                }
                return null;
            }
            case "field": {
                const t = this.staticTypeInner(e.target, f);
                if (t && t !== "null" && t.k === "class") {
                    const fd = this.findField(t.cls, e.name.toLowerCase());
                    if (fd) return this.registry.resolve(fd.field.type, fd.cls);
                }
                return null;
            }
            case "call": {
                let cls: ClassInfo | null = null;
                if (!e.target) cls = f.thisObj?.cls ?? f.cls;
                else {
                    const t = this.staticTypeInner(e.target, f);
                    if (t && t !== "null" && t.k === "class") cls = t.cls;
                    else if (t && t !== "null") return systemReturnType(t, e.name, e.args.length, false);
                    else if (e.target.kind === "name" && !this.lookupLocal(f, e.target.name.toLowerCase())) {
                        const tt = this.registry.resolveName([e.target.name], f.cls);
                        if (tt && tt.k === "class") cls = tt.cls;
                        else if (tt) return systemReturnType(tt, e.name, e.args.length, true);
                    }
                }
                if (!cls) return null;
                const lname = e.name.toLowerCase();
                let found: RType | null = null;
                for (let c: ClassInfo | null = cls; c; c = c.superClass ?? (c.outer && !e.target ? c.outer : null)) {
                    for (const m of c.methods.get(lname) ?? []) {
                        if (m.params.length !== e.args.length || !m.returnType) continue;
                        const r = this.registry.resolve(m.returnType, c);
                        if (!r || (found && !sameType(found, r))) return null;
                        found = r;
                    }
                    if (found) return found;
                }
                return null;
            }
            default:
                return null;
        }
    }

    private pickOverload<T extends { params: Param[] }>(
        ctx: ClassInfo,
        cands: T[],
        args: Value[],
        argExprs?: Expr[],
        f?: Frame
    ): T | null {
        if (argExprs && f) {
            const types = argExprs.map((a) => this.staticTypeOf(a, f));
            const label = (cands[0] as { name?: string }).name ?? ctx.name;
            return pickByStaticTypes(
                cands,
                (m) => m.params.map((p) => this.registry.resolve(p.type, ctx)),
                types,
                (i, t) => this.runtimeApplicable(args[i], t),
                label
            );
        }
        return this.pickOverloadByValues(ctx, cands, args);
    }

    private pickOverloadByValues<T extends { params: Param[] }>(ctx: ClassInfo, cands: T[], args: Value[]): T | null {
        let best: T | null = null;
        let bestScore = -1;
        for (const m of cands) {
            let score = 0;
            let ok = true;
            m.params.forEach((p, i) => {
                const t = this.registry.resolve(p.type, ctx);
                const a = args[i];
                if (!t || a === null) return;
                if (this.isInstance(a, t)) score += t.k === "prim" && t.name === "Object" ? 1 : 3;
                else if (t.k === "prim" && isNumber(a) && ["Long", "Decimal", "Double"].includes(t.name)) score += 2;
                else if (t.k === "prim" && t.name === "Id" && typeof a === "string") score += 2;
                else if (t.k === "prim" && t.name === "String" && a instanceof ApexId) score += 2;
                else ok = false;
            });
            if (ok && score > bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return best;
    }

    /** Invokes a user-defined method with a fresh frame; parameters and the result are coerced to their declared types. */
    invokeMethod(cls: ClassInfo, m: MethodDecl, thisObj: ApexObject | null, args: Value[], callPos: Pos): Value {
        if (!m.body) throw this.unsupported(`abstract method ${cls.name}.${m.name}`, callPos);
        if (this.host.data?.async && m.mods.annotations.some((a) => a.name.toLowerCase() === "future")) {
            if (this.futureBypass) this.futureBypass = false;
            else return this.queueFuture(cls, m, args, callPos);
        }
        if (cls.isStatic(m)) this.ensureStaticInit(cls);
        const f = this.newFrame(cls, `Class.${cls.name}.${m.name}`, thisObj);
        m.params.forEach((p, i) => {
            const t = this.resolveType(p.type, cls);
            this.declare(f, p.name, t, this.coerce(args[i] ?? null, t));
        });
        const body = m.body;
        return this.withFrame(f, () => {
            const sig = this.execBlock(body, f);
            if (sig === RETURN && m.returnType) return this.coerce(f.returnValue, this.resolveType(m.returnType, cls));
            return null;
        });
    }

    /** One-shot flag: the next `@future` invocation runs now (the queued job itself). */
    private futureBypass = false;

    /** `@future` methods are queued: they run at `Test.stopTest()` or when the executor drains. */
    private queueFuture(cls: ClassInfo, m: MethodDecl, args: Value[], callPos: Pos): Value {
        const data = this.orgData(callPos);
        const queue = data.async;
        if (!queue) throw this.unsupported("@future without an async queue", callPos);
        if (queue.current === "future" || queue.current === "batch")
            throw new ApexSystemError(
                "AsyncException",
                `Future method cannot be called from a future or batch method: ${cls.name}.${m.name}`
            );
        data.governor.add("futureCalls");
        const saved = args.slice();
        queue.future(cls.name, m.name, () => {
            this.futureBypass = true;
            this.invokeMethod(cls, m, null, saved, callPos);
        });
        return null;
    }

    // ---------- object creation ----------

    private evalNew(tref: TypeRef, argExprs: Expr[], f: Frame, p: Pos): Value {
        const t = this.resolveType(tref, f.cls);
        if (argExprs.length && argExprs.every((a) => a.kind === "assign" && a.op === "=" && a.target.kind === "name")) {
            // `new Contact(LastName = 'Doe', Email = e)`: SObject field initialisers.
            const o = t.k === "native" ? newSObject(this.orgData(p), t.name) : null;
            if (!o) throw this.unsupported(`field initialisers in new ${typeName(t)}(…)`, p);
            for (const a of argExprs)
                if (a.kind === "assign" && a.target.kind === "name")
                    sobjectPut(o, a.target.name, this.eval(a.value, f));
            return o;
        }
        const args = this.evalArgs(argExprs, f);
        if (argExprs.some((a) => a.kind === "assign"))
            throw this.unsupported(`SObject field initialisers in new ${typeName(t)}(…) without an org data layer`, p);
        return this.instantiate(t, args, p, argExprs, f);
    }

    /** The org's data layer; code that touches data fails loudly when an embedder has none. */
    private orgData(p: Pos): OrgData {
        const d = this.host.data;
        if (!d) throw this.unsupported("SObjects and data access (no data layer attached)", p);
        return d;
    }

    /** `new T(args)` for any type. */
    instantiate(t: RType, args: Value[], p: Pos, argExprs?: Expr[], f?: Frame): Value {
        switch (t.k) {
            case "list": {
                const list = new ApexList(t.elem, []);
                if (args.length === 1) {
                    const src = args[0];
                    if (src instanceof ApexList) list.items = src.items.map((x) => this.coerce(x, t.elem));
                    else if (src instanceof ApexSet)
                        list.items = [...src.keys.values()].map((x) => this.coerce(x, t.elem));
                    else if (src === null) throw sysErr.npe();
                    else throw this.unsupported(`new List(${valueTypeName(src)})`, p);
                }
                return list;
            }
            case "set": {
                const set = new ApexSet(t.elem);
                if (args.length === 1) {
                    const src = args[0];
                    if (src === null) throw sysErr.npe();
                    const items =
                        src instanceof ApexList ? src.items : src instanceof ApexSet ? [...src.keys.values()] : null;
                    if (!items) throw this.unsupported(`new Set(${valueTypeName(src)})`, p);
                    for (const x of items) {
                        const v = this.coerce(x, t.elem);
                        set.keys.set(hashKey(v), v);
                    }
                }
                return set;
            }
            case "map": {
                const map = new ApexMap(t.key, t.value);
                if (args.length === 1) {
                    const src = args[0];
                    if (src === null) throw sysErr.npe();
                    if (src instanceof ApexList) {
                        // `new Map<Id, Contact>(records)`: keyed by record Id.
                        for (const r of src.items) {
                            if (!(r instanceof SObjectValue))
                                throw this.unsupported(`new Map(${valueTypeName(src)})`, p);
                            const id = r.values.get("id") ?? null;
                            if (id === null)
                                throw new ApexSystemError(
                                    "ListException",
                                    "Row with null Id at index: " + src.items.indexOf(r)
                                );
                            map.entries.set(hashKey(this.coerce(id, map.keyType)), [this.coerce(id, map.keyType), r]);
                        }
                        return map;
                    }
                    if (!(src instanceof ApexMap))
                        throw this.unsupported(`new Map(${valueTypeName(src)}) (without an org data layer)`, p);
                    for (const [k, [kv, vv]] of src.entries) map.entries.set(k, [kv, vv]);
                }
                return map;
            }
            case "class":
                return this.construct(t.cls, args, p, argExprs, f);
            case "native":
                return constructNative(t.name, args, this.nativeCtx(p));
            case "prim":
                if (t.name === "Object" && args.length === 0) throw this.unsupported("new Object()", p);
                throw this.unsupported(`new ${t.name}()`, p);
            case "void":
                throw this.unsupported("new void", p);
        }
    }

    /** Allocates an object with default (null) fields and exception state, without running constructors. */
    allocate(cls: ClassInfo): ApexObject {
        const o = new ApexObject(cls);
        if (cls.isException) this.initExceptionState(o);
        return o;
    }

    private construct(cls: ClassInfo, args: Value[], p: Pos, argExprs?: Expr[], argFrame?: Frame): ApexObject {
        if (cls.kind !== "class" || cls.isAbstract)
            throw this.unsupported(`instantiating abstract type ${cls.name}`, p);
        this.ensureStaticInit(cls);
        const o = this.allocate(cls);
        this.runCtor(cls, o, args, p, argExprs, argFrame);
        return o;
    }

    /** Runs the constructor chain of `cls` for `o`: super/this chaining, then field initialisers, then the body. */
    private runCtor(cls: ClassInfo, o: ApexObject, args: Value[], p: Pos, argExprs?: Expr[], argFrame?: Frame): void {
        if (cls.builtin) {
            if (!cls.isException) return;
            exceptionCtor(o, args);
            return;
        }
        let ctor: CtorDecl | null = null;
        if (cls.ctors.length) {
            const cands = cls.ctors.filter((c) => c.params.length === args.length);
            ctor = cands.length <= 1 ? (cands[0] ?? null) : this.pickOverload(cls, cands, args, argExprs, argFrame);
            if (!ctor && !(cls.isException && args.length <= 2))
                throw this.unsupported(`Constructor not defined: ${cls.name}(${args.length} arguments)`, p);
        }
        if (!ctor && args.length > 0) {
            if (cls.isException) {
                // Custom exceptions get the four implicit constructors.
                if (cls.superClass) this.runCtor(cls.superClass, o, args, p);
                this.runInstanceInit(cls, o);
                return;
            }
            throw this.unsupported(`Constructor not defined: ${cls.name}(${args.length} arguments)`, p);
        }
        const f = this.newFrame(cls, `Class.${cls.name}.<init>`, o);
        this.withFrame(f, () => {
            let stmts = ctor ? ctor.body.stmts : [];
            if (ctor) {
                ctor.params.forEach((pp, i) => {
                    const t = this.resolveType(pp.type, cls);
                    this.declare(f, pp.name, t, this.coerce(args[i] ?? null, t));
                });
            }
            const first = stmts[0];
            const chain = first && first.kind === "expr" && first.expr.kind === "ctorCall" ? first.expr : null;
            if (chain) {
                this.cover(f, first.pos);
                const chainArgs = this.evalArgs(chain.args, f);
                stmts = stmts.slice(1);
                if (chain.which === "this") this.runCtor(cls, o, chainArgs, chain.pos, chain.args, f);
                else {
                    if (!cls.superClass) throw this.unsupported("super(...) without a superclass", chain.pos);
                    this.runCtor(cls.superClass, o, chainArgs, chain.pos, chain.args, f);
                    this.runInstanceInit(cls, o);
                }
            } else {
                if (cls.superClass) this.runCtor(cls.superClass, o, [], p);
                this.runInstanceInit(cls, o);
            }
            f.scopes.push(null);
            for (const s of stmts) {
                const sig = this.exec(s, f);
                if (sig === RETURN) break;
            }
            return null;
        });
    }

    /** Instance field initialisers and instance initializer blocks, in declaration order. */
    private runInstanceInit(cls: ClassInfo, o: ApexObject): void {
        if (!cls.decl) return;
        const f = this.newFrame(cls, `Class.${cls.name}.<init>`, o);
        this.withFrame(f, () => {
            for (const m of cls.decl?.members ?? []) {
                if (m.kind === "field" && !cls.isStatic(m)) {
                    const t = this.resolveType(m.type, cls);
                    let v: Value = null;
                    if (m.init) {
                        this.cover(f, m.pos);
                        v = this.coerce(this.eval(m.init, f), t);
                    }
                    o.fields.set(m.name.toLowerCase(), v);
                } else if (m.kind === "init" && !m.isStatic) this.execBlock(m.body, f);
            }
            return null;
        });
    }

    // ---------- native bridge ----------

    private ctxCache: NativeCtx | null = null;

    /** The bridge handed to system classes; one object per interpreter, its `pos` updated per call. */
    nativeCtx(p: Pos): NativeCtx {
        if (this.ctxCache) {
            this.ctxCache.pos = p;
            return this.ctxCache;
        }
        const ctx: NativeCtx = {
            host: this.host,
            registry: this.registry,
            pos: p,
            invoke: (obj, method, args) => this.callOnValue(obj, method.toLowerCase(), method, args, ctx.pos),
            hasMethod: (obj, method, arity) => this.findMethod(obj.cls, method.toLowerCase(), arity) !== null,
            resolveTypeName: (name) => {
                const names = name.split(".");
                return this.registry.resolve({ names, args: [] }, null);
            },
            newInstance: (t) => {
                if (t.k === "class" && t.cls.kind === "class" && !t.cls.isAbstract)
                    return this.construct(t.cls, [], ctx.pos);
                return this.instantiate(t, [], ctx.pos);
            },
            allocate: (t) => {
                if (t.k !== "class") throw this.unsupported(`allocating ${typeName(t)}`, ctx.pos);
                const o = this.allocate(t.cls);
                return o;
            },
            coerce: (v, t) => this.coerce(v, t),
            isInstance: (v, t) => this.isInstance(v, t),
            objectFields: (obj) =>
                (obj.stubProvider ? this.unsupportedStubFields(obj, ctx.pos) : this.instanceFields(obj.cls)).map(
                    ({ owner, field }) => ({
                        name: field.name,
                        value: this.readForJson(owner, field, obj),
                        transient: field.mods.keywords.includes("transient")
                    })
                ),
            classFields: (t) => {
                if (t.k !== "class") return [];
                return this.instanceFields(t.cls).map(({ owner, field }) => ({
                    name: field.name,
                    type: this.declaredType(owner, field)
                }));
            },
            setField: (obj, name, v) => {
                const fd = this.findField(obj.cls, name.toLowerCase());
                if (!fd) throw this.unsupported(`field ${name} on ${obj.cls.name}`, ctx.pos);
                obj.fields.set(fd.field.name.toLowerCase(), this.coerce(v, this.declaredType(fd.cls, fd.field)));
            },
            stackTrace: () => this.stackTrace(),
            createStub: (t, provider) => this.createStub(t, provider, ctx.pos),
            lookupVariable: (name) => {
                const top = this.stack[this.stack.length - 1];
                if (!top) return { found: false, value: null };
                try {
                    const q = this.qualifier({ kind: "name", pos: ctx.pos, name }, top);
                    return q.q === "value" ? { found: true, value: q.v } : { found: false, value: null };
                } catch (e) {
                    if (e instanceof UnsupportedError) return { found: false, value: null };
                    throw e;
                }
            }
        };
        this.ctxCache = ctx;
        return ctx;
    }

    // ---------- the stub API ----------

    /**
     * `Test.createStub(parentType, stubProvider)` (Apex Developer Guide, "Build a Mocking Framework with the Stub
     * API"): a stub is an object of the stubbed type (an anonymous subclass on the platform) whose instance method calls
     * go to `StubProvider.handleMethodCall`. Test context only. The guide's "Apex Stub API Limitations" cannot be mocked
     * and fail loudly: system types, inner classes, classes that implement `Database.Batchable`, classes that have only
     * private constructors; as do the members whose behaviour on a stub it leaves open (private methods, properties and
     * fields, enums, exceptions).
     */
    private createStub(t: RType, provider: Value, p: Pos): ApexObject {
        if (!this.host.isRunningTest) throw this.unsupported("Test.createStub outside a test", p);
        if (t.k !== "class" || t.cls.builtin)
            throw this.unsupported(
                `Test.createStub of the system type ${typeName(t)} (system types cannot be mocked)`,
                p
            );
        const cls = t.cls;
        if (cls.outer)
            throw this.unsupported(
                `Test.createStub of the inner class ${cls.name} (inner classes cannot be mocked)`,
                p
            );
        if (cls.kind === "enum" || cls.isException)
            throw this.unsupported(
                `Test.createStub of ${cls.kind === "enum" ? "the enum" : "the exception"} ${cls.name}`,
                p
            );
        const batchable = this.registry.classes.get("database.batchable");
        if (batchable && isSubclass(cls, batchable))
            throw this.unsupported(`Test.createStub of ${cls.name}, a Database.Batchable (cannot be mocked)`, p);
        const ctors = cls.ctors;
        if (ctors.length && ctors.every((c) => c.mods.keywords.includes("private")))
            throw this.unsupported(
                `Test.createStub of ${cls.name}, which has only private constructors (cannot be mocked)`,
                p
            );
        if (provider === null) throw sysErr.npe();
        const stubProvider = this.registry.classes.get("stubprovider");
        if (!(provider instanceof ApexObject) || !stubProvider || !isSubclass(provider.cls, stubProvider))
            throw this.unsupported("Test.createStub with a provider that is not a System.StubProvider", p);
        const o = new ApexObject(cls);
        o.stubProvider = provider;
        return o;
    }

    private unsupportedStubFields(obj: ApexObject, p: Pos): never {
        throw this.unsupported(`the fields of a stub of ${obj.cls.name} (serialising a stub)`, p);
    }

    /**
     * An abstract method a stub answers (an interface's or an abstract class's, inherited ones included), by name and
     * the runtime arguments: the stub is "created at runtime as an anonymous subclass" that implements them.
     */
    private abstractMethod(
        cls: ClassInfo,
        lname: string,
        args: Value[]
    ): { cls: ClassInfo; method: MethodDecl } | null {
        const seen = new Set<ClassInfo>();
        const queue: ClassInfo[] = [cls];
        while (queue.length) {
            const c = queue.shift() as ClassInfo;
            if (seen.has(c)) continue;
            seen.add(c);
            const cands = (c.methods.get(lname) ?? []).filter((m) => m.params.length === args.length);
            const best =
                cands.length === 1 ? cands[0] : cands.length ? this.pickOverloadByValues(c, cands, args) : null;
            if (best) return { cls: c, method: best };
            if (c.superClass) queue.push(c.superClass);
            queue.push(...c.interfaces);
        }
        return null;
    }

    /** A method call on a stub: `handleMethodCall(stubbedObject, name, returnType, paramTypes, paramNames, args)`. */
    private callStub(
        stub: ApexObject,
        m: { cls: ClassInfo; method: MethodDecl } | null,
        name: string,
        args: Value[],
        p: Pos
    ): Value {
        if (!m) throw this.unsupported(`${name}() on a stub of ${stub.cls.name} (not a method of the stubbed type)`, p);
        const { cls, method } = m;
        if (cls.isStatic(method))
            throw this.unsupported(`static method ${cls.name}.${method.name} called on a stub`, p);
        if (method.mods.keywords.includes("private"))
            throw this.unsupported(
                `private method ${cls.name}.${method.name} on a stub (private methods cannot be mocked)`,
                p
            );
        const paramTypes = method.params.map((q) => this.resolveType(q.type, cls));
        const returnType: RType = method.returnType ? this.resolveType(method.returnType, cls) : { k: "void" };
        const typeT: RType = { k: "native", name: "Type" };
        const result = this.callOnValue(
            stub.stubProvider as ApexObject,
            "handlemethodcall",
            "handleMethodCall",
            [
                stub,
                method.name,
                new TypeValue(returnType),
                new ApexList(
                    typeT,
                    paramTypes.map((q) => new TypeValue(q))
                ),
                new ApexList(
                    prim("String"),
                    method.params.map((q) => q.name)
                ),
                new ApexList(
                    prim("Object"),
                    args.map((a, i) => this.coerce(a, paramTypes[i]))
                )
            ],
            p
        );
        if (returnType.k === "void") return null;
        if (result !== null && !this.isInstance(result, returnType) && !widens(result, returnType))
            throw this.unsupported(
                `handleMethodCall returned ${valueTypeName(result)} for ${cls.name}.${method.name}, declared ${typeName(returnType)}`,
                p
            );
        return this.coerce(result, returnType);
    }

    /** Field declarations of an object's class chain in JSON order (superclass fields first). */
    instanceFields(cls: ClassInfo): { owner: ClassInfo; field: FieldDecl }[] {
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = cls; c; c = c.superClass) chain.unshift(c);
        const out: { owner: ClassInfo; field: FieldDecl }[] = [];
        for (const c of chain)
            for (const fd of c.fields.values()) if (!c.isStatic(fd)) out.push({ owner: c, field: fd });
        return out;
    }

    /** Reads a field for serialisation (runs custom getters). */
    readForJson(owner: ClassInfo, field: FieldDecl, obj: ApexObject): Value {
        const f = this.newFrame(owner, `Class.${owner.name}`, obj);
        return this.readField(owner, field, obj, f);
    }

    declaredType(owner: ClassInfo, field: FieldDecl): RType {
        return this.resolveType(field.type, owner);
    }

    primitive = prim;
}

function hashCodeOfString(s: string): number {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    return h;
}
