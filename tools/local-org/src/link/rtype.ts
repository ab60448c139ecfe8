import type { ClassInfo } from "./classInfo";

/** Primitive (value) types of Apex. */
export type PrimName =
    | "Integer"
    | "Long"
    | "Decimal"
    | "Double"
    | "String"
    | "Boolean"
    | "Id"
    | "Date"
    | "Datetime"
    | "Time"
    | "Blob"
    | "Object";

/** A resolved (linked) type. */
export type RType =
    | { k: "prim"; name: PrimName }
    | { k: "list"; elem: RType }
    | { k: "set"; elem: RType }
    | { k: "map"; key: RType; value: RType }
    | { k: "class"; cls: ClassInfo }
    /** A system class implemented natively (HttpRequest, Type, …); name is the canonical spelling. */
    | { k: "native"; name: string }
    | { k: "void" };

export const PRIM_NAMES: Record<string, PrimName> = {
    integer: "Integer",
    long: "Long",
    decimal: "Decimal",
    double: "Double",
    string: "String",
    boolean: "Boolean",
    id: "Id",
    date: "Date",
    datetime: "Datetime",
    time: "Time",
    blob: "Blob",
    object: "Object"
};

const primCache = new Map<PrimName, RType>();
export function prim(name: PrimName): RType {
    let t = primCache.get(name);
    if (!t) {
        t = { k: "prim", name };
        primCache.set(name, t);
    }
    return t;
}
export const OBJECT = prim("Object");

/** Apex spelling of a type, e.g. `List<String>`, `Map<String,Object>`, `Outer.Inner`. */
export function typeName(t: RType): string {
    switch (t.k) {
        case "prim":
            return t.name;
        case "list":
            return `List<${typeName(t.elem)}>`;
        case "set":
            return `Set<${typeName(t.elem)}>`;
        case "map":
            return `Map<${typeName(t.key)},${typeName(t.value)}>`;
        case "class":
            return t.cls.name;
        case "native":
            return t.name;
        case "void":
            return "void";
    }
}

/** True when `sub` is `sup` or inherits from / implements it. */
export function isSubclass(sub: ClassInfo, sup: ClassInfo): boolean {
    const seen = new Set<ClassInfo>();
    const stack: ClassInfo[] = [sub];
    while (stack.length) {
        const c = stack.pop() as ClassInfo;
        if (c === sup) return true;
        if (seen.has(c)) continue;
        seen.add(c);
        if (c.superClass) stack.push(c.superClass);
        stack.push(...c.interfaces);
    }
    return false;
}

export function sameType(a: RType, b: RType): boolean {
    if (a.k !== b.k) return false;
    switch (a.k) {
        case "prim":
            return a.name === (b as typeof a).name;
        case "list":
        case "set":
            return sameType(a.elem, (b as typeof a).elem);
        case "map":
            return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
        case "class":
            return a.cls === (b as typeof a).cls;
        case "native":
            return a.name.toLowerCase() === (b as typeof a).name.toLowerCase();
        case "void":
            return true;
    }
}
