import type { CompilationUnit, FieldDecl, MethodDecl, TypeDecl, TypeRef } from "../ast/nodes";
import type { ClassInfo, ObjectHooks } from "./classInfo";
import { PRIM_NAMES, prim, type RType } from "./rtype";

/** System exception types the runtime raises, all extending `Exception`. */
export const SYSTEM_EXCEPTIONS = [
    "NullPointerException",
    "ListException",
    "MathException",
    "TypeException",
    "JSONException",
    "CalloutException",
    "StringException",
    "IllegalArgumentException",
    "LimitException",
    "QueryException",
    "DmlException",
    "SObjectException",
    "NoDataFoundException",
    "FinalException",
    "AsyncException",
    "AuraHandledException",
    "AssertException",
    "InvalidParameterValueException",
    "NoSuchElementException",
    "SerializationException",
    "UnexpectedException",
    "SecurityException",
    "VisualforceException",
    "XmlException",
    "EmailException",
    "SearchException",
    "HandledException",
    "RequiredFeatureMissingException",
    "ProcedureException",
    "LicenseException",
    "InvalidHeaderException",
    "QueryException"
];

/** System interfaces user classes may implement; modelled as empty built-in interfaces. */
export const SYSTEM_INTERFACES = [
    "HttpCalloutMock",
    "Comparable",
    "Comparator",
    "Queueable",
    "Schedulable",
    "Database.Batchable",
    "Database.Stateful",
    "Database.AllowsCallouts",
    "Database.RaisesPlatformEvents",
    "Iterable",
    "Iterator",
    "Callable",
    "StubProvider",
    "Finalizer",
    "System.Finalizer",
    "System.Queueable",
    "InstallHandler",
    "UninstallHandler",
    "Metadata.DeployCallback"
];

/**
 * Platform abstract classes user classes may extend, modelled as empty built-in abstract classes so that such
 * classes load (e.g. App Builder picklists); their platform members are not modelled.
 */
export const SYSTEM_ABSTRACT_CLASSES = ["VisualEditor.DynamicPickList"];

/** System classes implemented natively (see `runtime/system`); resolved to `{k:'native'}`. */
export const NATIVE_TYPES = [
    "HttpRequest",
    "HttpResponse",
    "Http",
    "Type",
    "JSON",
    "Math",
    "System",
    "Test",
    "Assert",
    "EncodingUtil",
    "UserInfo",
    "Limits",
    "Crypto",
    "Pattern",
    "Matcher",
    "Url",
    "UUID",
    "Network",
    "Database",
    "Schema",
    "Dom.Document",
    "JSONParser",
    "JSONGenerator",
    "Blob",
    "RoundingMode",
    "LoggingLevel",
    "TimeZone",
    "VisualEditor.DataRow",
    "VisualEditor.DynamicPickListRows",
    "AsyncInfo"
];

function isStaticMember(f: FieldDecl | MethodDecl): boolean {
    return f.mods.keywords.includes("static");
}

function hasAnnotation(d: { mods: { annotations: { name: string }[] } }, name: string): boolean {
    return d.mods.annotations.some((a) => a.name.toLowerCase() === name);
}

function newInfo(
    name: string,
    kind: ClassInfo["kind"],
    decl: TypeDecl | null,
    file: string | null,
    outer: ClassInfo | null
): ClassInfo {
    const info: ClassInfo = {
        name,
        key: name.toLowerCase(),
        kind,
        decl,
        file,
        topLevel: null as unknown as ClassInfo,
        outer,
        inners: new Map(),
        superRef: null,
        superClass: null,
        interfaceRefs: [],
        interfaces: [],
        fields: new Map(),
        methods: new Map(),
        ctors: [],
        enumValues: [],
        isStatic: isStaticMember,
        builtin: decl === null,
        isException: false,
        isAbstract: false,
        isVirtual: false,
        isTest: false,
        linked: false,
        hooks: null
    };
    info.topLevel = outer ? outer.topLevel : info;
    return info;
}

/**
 * All types known to one local org: the project's classes plus built-in exception classes and
 * system interfaces. Resolves type references case-insensitively with Apex's lookup order
 * (inner types of the current class and its outers and supers, then top-level, then System).
 */
export class Registry {
    readonly classes = new Map<string, ClassInfo>();
    readonly topLevel: ClassInfo[] = [];
    readonly units: CompilationUnit[] = [];
    readonly exceptionBase: ClassInfo;
    private hooks: ObjectHooks | null = null;
    /** resolves SObject and data-layer system types (`Contact`, `Database.SaveResult`); set before linking. */
    extraTypes: ((names: string[]) => RType | null) | null = null;

    /** Installs the interpreter's object hooks on every class, including ones declared later. */
    setHooks(h: ObjectHooks): void {
        this.hooks = h;
        for (const c of this.classes.values()) c.hooks = h;
    }

    constructor() {
        this.exceptionBase = newInfo("Exception", "class", null, null, null);
        this.exceptionBase.isException = true;
        this.exceptionBase.isVirtual = true;
        this.classes.set("exception", this.exceptionBase);
        for (const n of SYSTEM_EXCEPTIONS) {
            if (this.classes.has(n.toLowerCase())) continue;
            const c = newInfo(n, "class", null, null, null);
            c.isException = true;
            c.superClass = this.exceptionBase;
            c.linked = true;
            this.classes.set(n.toLowerCase(), c);
        }
        this.exceptionBase.linked = true;
        for (const n of SYSTEM_INTERFACES) {
            const c = newInfo(n.replace(/^System\./, ""), "interface", null, null, null);
            c.linked = true;
            this.classes.set(n.toLowerCase().replace(/^system\./, ""), c);
        }
        for (const n of SYSTEM_ABSTRACT_CLASSES) {
            const c = newInfo(n, "class", null, null, null);
            c.isAbstract = true;
            c.isVirtual = true;
            c.linked = true;
            this.classes.set(n.toLowerCase(), c);
        }
    }

    /** Adds a lowered compilation unit (duplicate class names are an error). */
    add(unit: CompilationUnit): void {
        this.units.push(unit);
        if (!unit.type) return;
        const info = this.declare(unit.type, unit.file, null);
        this.topLevel.push(info);
    }

    /** Declares the methods and classes of an anonymous script (replacing the previous script's). */
    declareAnonymous(decl: TypeDecl, file: string): ClassInfo {
        this.nameCache.clear();
        this.cache = new WeakMap();
        for (const k of [...this.classes.keys()])
            if (k === "anonymousblock" || k.startsWith("anonymousblock.")) this.classes.delete(k);
        const info = this.declare(decl, file, null);
        for (const [k, c] of this.classes) if (k === "anonymousblock" || k.startsWith("anonymousblock.")) this.link(c);
        return info;
    }

    private declare(decl: TypeDecl, file: string, outer: ClassInfo | null): ClassInfo {
        const name = outer ? `${outer.name}.${decl.name}` : decl.name;
        const key = name.toLowerCase();
        if (this.classes.has(key) && !this.classes.get(key)?.builtin) {
            throw new Error(`${file}: duplicate type ${name}`);
        }
        const info = newInfo(name, decl.typeKind, decl, file, outer);
        info.hooks = this.hooks;
        info.superRef = decl.extendsType;
        info.interfaceRefs = decl.implementsTypes;
        info.enumValues = decl.enumValues;
        info.isAbstract = decl.mods.keywords.includes("abstract") || decl.typeKind === "interface";
        info.isVirtual = decl.mods.keywords.includes("virtual") || info.isAbstract;
        info.isTest = hasAnnotation(decl, "istest");
        this.classes.set(key, info);
        if (outer) outer.inners.set(decl.name.toLowerCase(), info);
        for (const m of decl.members) {
            if (m.kind === "type") this.declare(m, file, info);
            else if (m.kind === "field") info.fields.set(m.name.toLowerCase(), m);
            else if (m.kind === "method") {
                const k = m.name.toLowerCase();
                const list = info.methods.get(k) ?? [];
                list.push(m);
                info.methods.set(k, list);
            } else if (m.kind === "ctor") info.ctors.push(m);
        }
        return info;
    }

    /** Resolves `extends` / `implements` of every class (after all units were added). */
    linkAll(): void {
        for (const c of this.classes.values()) this.link(c);
    }

    link(c: ClassInfo): void {
        if (c.linked) return;
        c.linked = true;
        const ctx = c.outer ?? c;
        if (c.superRef) {
            const t = this.resolve(c.superRef, ctx);
            if (!t || t.k !== "class") {
                // e.g. an unmodelled system class: the class loads, and fails loudly where it is used
                (c.unresolved ??= []).push(`superclass ${c.superRef.names.join(".")}`);
            } else {
                c.superClass = t.cls;
                this.link(t.cls);
            }
        }
        for (const ir of c.interfaceRefs) {
            const t = this.resolve(ir, ctx);
            if (!t || t.k !== "class") {
                // e.g. Messaging.InboundEmailHandler: only the tests that use the class fail
                (c.unresolved ??= []).push(`interface ${ir.names.join(".")}`);
                continue;
            }
            c.interfaces.push(t.cls);
        }
        let s: ClassInfo | null = c.superClass;
        while (s) {
            if (s.isException) c.isException = true;
            s = s.superClass;
        }
    }

    /** Finds a class by simple or dotted name as seen from `ctx` (null = top level). */
    findClass(names: string[], ctx: ClassInfo | null): ClassInfo | null {
        const first = names[0].toLowerCase();
        let found: ClassInfo | null = null;
        // inner types of the current class, its supers and its outers
        for (let c: ClassInfo | null = ctx; c && !found; c = c.outer) {
            for (let s: ClassInfo | null = c; s && !found; s = s.superClass) {
                found = s.inners.get(first) ?? null;
                if (!found && s.key === first) found = s;
            }
        }
        if (!found) found = this.classes.get(first) ?? null;
        let i = 1;
        if (!found && names.length > 1 && first === "system") {
            found = this.classes.get(names[1].toLowerCase()) ?? null;
            i = 2;
        }
        if (!found && names.length > 1) {
            const dotted = `${first}.${names[1].toLowerCase()}`;
            found = this.classes.get(dotted) ?? null;
            i = 2;
        }
        for (; found && i < names.length; i++) found = found.inners.get(names[i].toLowerCase()) ?? null;
        return found;
    }

    private cache = new WeakMap<TypeRef, Map<ClassInfo | null, RType | null>>();

    private nameCache = new Map<ClassInfo | null, Map<string, RType | null>>();

    /**
     * Resolves a (possibly dotted) name without type arguments, cached by spelling: the evaluator
     * asks this for every identifier that is not a variable (e.g. `Math` in `Math.mod`).
     */
    resolveName(names: string[], ctx: ClassInfo | null): RType | null {
        let byName = this.nameCache.get(ctx);
        if (!byName) {
            byName = new Map();
            this.nameCache.set(ctx, byName);
        }
        const key = names.join(".").toLowerCase();
        let r = byName.get(key);
        if (r === undefined) {
            r = this.resolveUncached({ names, args: [] }, ctx);
            byName.set(key, r);
        }
        return r;
    }

    /** Resolves a type reference seen from `ctx`; null when unknown. */
    resolve(t: TypeRef, ctx: ClassInfo | null): RType | null {
        let byCtx = this.cache.get(t);
        if (!byCtx) {
            byCtx = new Map();
            this.cache.set(t, byCtx);
        }
        if (byCtx.has(ctx)) return byCtx.get(ctx) ?? null;
        const r = this.resolveUncached(t, ctx);
        byCtx.set(ctx, r);
        return r;
    }

    private resolveUncached(t: TypeRef, ctx: ClassInfo | null): RType | null {
        const names =
            t.names.length > 1 && t.names[0].toLowerCase() === "system" && t.names[1].toLowerCase() !== "type"
                ? t.names.slice(1)
                : t.names;
        const systemQualified = names !== t.names;
        if (names.length === 1) {
            const n = names[0].toLowerCase();
            const args = t.args.map((a) => this.resolve(a, ctx));
            if (args.some((a) => a === null)) return null;
            const a = args as RType[];
            if (n === "list") return { k: "list", elem: a[0] ?? prim("Object") };
            if (n === "set") return { k: "set", elem: a[0] ?? prim("Object") };
            if (n === "map") return { k: "map", key: a[0] ?? prim("Object"), value: a[1] ?? prim("Object") };
            if (n === "iterable" && a.length) return { k: "list", elem: a[0] };
            const c = this.findClass(names, ctx);
            // `System.X` names a system type even where a user class X (e.g. an inner `Database`) is visible
            if (c && !(systemQualified && !c.builtin)) return { k: "class", cls: c };
            if (PRIM_NAMES[n]) return prim(PRIM_NAMES[n]);
        } else {
            const c = this.findClass(names, ctx);
            if (c && !(systemQualified && !c.builtin)) return { k: "class", cls: c };
        }
        const joined = names.join(".").toLowerCase();
        const nat = NATIVE_TYPES.find((x) => x.toLowerCase() === joined || x.toLowerCase() === `system.${joined}`);
        if (nat) return { k: "native", name: nat };
        if (names.length === 2 && names[0].toLowerCase() === "system") {
            const n2 = names[1].toLowerCase();
            if (n2 === "type") return { k: "native", name: "Type" };
            if (PRIM_NAMES[n2]) return prim(PRIM_NAMES[n2]);
        }
        return this.extraTypes ? this.extraTypes(t.names) : null;
    }
}
