import type { Pos } from "../ast/nodes";
import type { Registry } from "../link/registry";
import type { RType } from "../link/rtype";
import type { ApexObject, Value } from "./values/values";
import type { Host } from "./host";

/** What system-class implementations may ask of the interpreter. */
export interface NativeCtx {
    host: Host;
    registry: Registry;
    /** Position of the current call (updated per call). */
    pos: Pos;
    /** Calls an Apex instance method on a user object (e.g. `HttpCalloutMock.respond`, `compareTo`). */
    invoke(obj: ApexObject, method: string, args: Value[]): Value;
    /** Finds a user method; used to detect optional overrides such as `equals`. */
    hasMethod(obj: ApexObject, method: string, arity: number): boolean;
    /** Resolves a type name (as `Type.forName` does); null when unknown. */
    resolveTypeName(name: string): RType | null;
    /** Creates an instance with its no-argument constructor (`Type.newInstance`). */
    newInstance(t: RType): Value;
    /** Creates an instance without running constructors or initialisers (JSON deserialisation). */
    allocate(t: RType): ApexObject;
    /** Runtime type check (`instanceof`). */
    isInstance(v: Value, t: RType): boolean;
    /** Coerces a value to a declared type as an assignment would. */
    coerce(v: Value, t: RType): Value;
    /** Non-static fields of an object's class chain, superclass first, in declaration order (JSON order). */
    objectFields(obj: ApexObject): { name: string; value: Value; transient: boolean }[];
    /** Declared instance fields of a class type (for typed JSON deserialisation). */
    classFields(t: RType): { name: string; type: RType }[];
    /** Sets an instance field by name (declared type coercion applies). */
    setField(obj: ApexObject, name: string, v: Value): void;
    /** Current stack as Apex stack-trace text. */
    stackTrace(): string;
    /** `Test.createStub(type, provider)` (the stub API). */
    createStub(t: RType, provider: Value): ApexObject;
    /** a variable visible in the calling frame (dynamic SOQL binds). */
    lookupVariable?(name: string): { found: boolean; value: Value };
}

export type NativeFn = (args: Value[], ctx: NativeCtx) => Value;
