import type { CtorDecl, FieldDecl, MethodDecl, TypeDecl, TypeRef } from "../ast/nodes";

/**
 * Calls into the owning interpreter for user-defined `equals`, `hashCode` and `toString`, used by
 * the value layer (==, Map keys, string conversion). Undefined means "not user-defined". The link layer sits below
 * the value layer, so the parameters are typed loosely here: callers pass an `ApexObject` and a `Value`, and the
 * interpreter declares them so.
 */
export interface ObjectHooks {
    equals(a: object, b: unknown): boolean | undefined;
    hashCode(a: object): number | undefined;
    toString(a: object): string | undefined;
}

/**
 * A linked Apex type: a class, interface or enum from source, or a built-in type the runtime
 * models as a class (system exceptions, system interfaces such as `HttpCalloutMock`).
 * All member maps are keyed by lower-cased name (Apex is case-insensitive).
 */
export interface ClassInfo {
    /** Display name, e.g. `Outer.Inner` or `System.NullPointerException` shown as `NullPointerException`. */
    name: string;
    /** Lower-cased unique key. */
    key: string;
    kind: "class" | "interface" | "enum";
    decl: TypeDecl | null;
    /** Source file (null for built-ins). */
    file: string | null;
    /** Top-level class this one belongs to (itself when top-level); used for coverage and stack traces. */
    topLevel: ClassInfo;
    outer: ClassInfo | null;
    inners: Map<string, ClassInfo>;
    superRef: TypeRef | null;
    superClass: ClassInfo | null;
    interfaceRefs: TypeRef[];
    interfaces: ClassInfo[];
    /** Fields and properties, static and instance, in declaration order. */
    fields: Map<string, FieldDecl>;
    methods: Map<string, MethodDecl[]>;
    ctors: CtorDecl[];
    enumValues: string[];
    isStatic: (f: FieldDecl | MethodDecl) => boolean;
    builtin: boolean;
    isException: boolean;
    isAbstract: boolean;
    isVirtual: boolean;
    isTest: boolean;
    linked: boolean;
    /** Supertypes the local org does not model (`interface Messaging.InboundEmailHandler`): using the class fails loudly. */
    unresolved?: string[];
    /** Set by the interpreter that runs this class (one per local org). */
    hooks: ObjectHooks | null;
}
