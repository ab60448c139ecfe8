import Decimal from "decimal.js";
import type { ClassInfo } from "../../link/classInfo";
import type { RType } from "../../link/rtype";

/**
 * Apex runtime values. Representation:
 * - `null`, Boolean → JS boolean, String → JS string, Integer → JS number (always int32),
 * - Long → bigint, Double → {@link ApexDouble}, Decimal → {@link ApexDecimal} (keeps scale),
 * - everything else → a class below.
 */
export type Value =
    | null
    | boolean
    | string
    | number
    | bigint
    | ApexDouble
    | ApexDecimal
    | ApexId
    | ApexDate
    | ApexDatetime
    | ApexTime
    | ApexBlob
    | ApexList
    | ApexSet
    | ApexMap
    | ApexObject
    | EnumValue
    | TypeValue
    | NativeObject;

/** 64-bit floating point Apex Double (boxed so it is distinguishable from Integer). */
export class ApexDouble {
    constructor(readonly v: number) {}
}

/** Arbitrary-precision Apex Decimal; decimal.js drops trailing zeros, so the scale is kept beside it. */
export class ApexDecimal {
    constructor(
        readonly d: Decimal,
        readonly scale: number
    ) {}
    static of(text: string): ApexDecimal {
        const dot = text.indexOf(".");
        return new ApexDecimal(new Decimal(text), dot < 0 ? 0 : text.length - dot - 1);
    }
    static fromDecimal(d: Decimal): ApexDecimal {
        return new ApexDecimal(d, Math.max(0, d.decimalPlaces()));
    }
    toString(): string {
        return this.d.toFixed(this.scale);
    }
}

/** An 18-character Salesforce Id. */
export class ApexId {
    constructor(readonly id18: string) {}
    toString(): string {
        return this.id18;
    }
}

/** A date without time zone. */
export class ApexDate {
    constructor(
        readonly year: number,
        readonly month: number,
        readonly day: number
    ) {}
}

/** An instant, held as epoch milliseconds (UTC); rendered in the running user's time zone. */
export class ApexDatetime {
    constructor(readonly ms: number) {}
}

/** A time of day in milliseconds. */
export class ApexTime {
    constructor(readonly ms: number) {}
}

export class ApexBlob {
    constructor(readonly bytes: Buffer) {}
}

export class ApexList {
    constructor(
        public elemType: RType,
        public items: Value[]
    ) {}
}

/** Set with Apex equality; `keys` maps a hash key to the member. */
export class ApexSet {
    readonly keys = new Map<string, Value>();
    constructor(public elemType: RType) {}
}

/** Map with Apex key equality, insertion-ordered. */
export class ApexMap {
    readonly entries = new Map<string, [Value, Value]>();
    /**
     * String keys match case-insensitively (the describe maps `Schema.getGlobalDescribe()` and
     * `fields.getMap()`); their keys are stored lower-cased.
     */
    caseInsensitive = false;
    constructor(
        public keyType: RType,
        public valueType: RType
    ) {}
}

/** Extra state of an exception instance. */
export interface ExceptionState {
    message: string | null;
    cause: ApexObject | null;
    line: number;
    col: number;
    stack: string;
    /** A DmlException raised by an all-or-none DML call: its failed rows (`DmlFailureRow[]` of the data layer). */
    dml?: unknown[];
}

/** An instance of an Apex class (including exceptions). */
export class ApexObject {
    readonly fields = new Map<string, Value>();
    exc: ExceptionState | null = null;
    /** `Test.createStub`: the `System.StubProvider` that handles this stub's method calls (null: not a stub). */
    stubProvider: ApexObject | null = null;
    constructor(readonly cls: ClassInfo) {}
}

export class EnumValue {
    constructor(
        readonly enumName: string,
        readonly name: string,
        readonly ordinal: number,
        readonly enumCls: ClassInfo | null
    ) {}
}

/** `Foo.class`: an Apex `System.Type`. */
export class TypeValue {
    constructor(readonly type: RType) {}
}

/** Instance of a system class implemented in TypeScript (HttpRequest, HttpResponse, Http, …). */
export class NativeObject {
    constructor(
        readonly typeName: string,
        readonly state: Record<string, unknown>
    ) {}
    /** String form for concatenation / `String.valueOf`; null = the generic `System.<type>` (subclasses override). */
    apexToString(): string | null {
        return null;
    }
    /** Value equality for `==` (SObjects compare field values); null = identity. */
    valueEquals(_other: Value): boolean | null {
        return null;
    }
    /** Hash key matching {@link valueEquals}; null = identity. */
    valueHashKey(): string | null {
        return null;
    }
}
