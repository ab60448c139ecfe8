import type { ApexObject } from "./values/values";

/**
 * A platform exception raised by runtime code (system classes, operators). The interpreter turns it
 * into an Apex exception object at the current source position, so runtime modules stay free of
 * interpreter state. `exType` is the simple platform name, e.g. `NullPointerException`.
 */
export class ApexSystemError extends Error {
    constructor(
        readonly exType: string,
        message: string
    ) {
        super(message);
        this.name = exType;
    }
}

/** Convenience constructors for the platform's exact message texts. */
export const sysErr = {
    npe: () => new ApexSystemError("NullPointerException", "Attempt to de-reference a null object"),
    listIndex: (i: number, size?: number) =>
        new ApexSystemError(
            "ListException",
            size === undefined ? `List index out of bounds: ${i}` : `List index out of bounds: ${i}`
        ),
    divideByZero: () => new ApexSystemError("MathException", "Divide by 0"),
    invalidId: (s: string) => new ApexSystemError("StringException", `Invalid id: ${s}`),
    typeErr: (msg: string) => new ApexSystemError("TypeException", msg)
};

/** An Apex exception in flight (thrown by `throw` or converted from an {@link ApexSystemError}). */
export class ApexThrow extends Error {
    constructor(readonly exc: ApexObject) {
        super("Apex exception");
    }
}

/**
 * A construct or system member the local org does not implement. Never catchable by Apex code:
 * the run must fail loudly rather than guess (issue 4, item 6).
 */
export class UnsupportedError extends Error {
    constructor(
        readonly construct: string,
        readonly where: string | null = null
    ) {
        super(`${where ? `${where}: ` : ""}not supported by the local org: ${construct}`);
        this.name = "UnsupportedError";
    }
}

/**
 * Code the platform's compiler refuses (e.g. a method the declared type does not have), detected when it runs.
 * Not catchable by Apex code (the class would not compile); unlike {@link UnsupportedError} it is a real failure.
 */
export class ApexCompileError extends Error {
    constructor(
        readonly problem: string,
        readonly where: string | null = null
    ) {
        super(`${where ? `${where}: ` : ""}compile error on the platform: ${problem}`);
        this.name = "ApexCompileError";
    }
}

/** Throws an {@link UnsupportedError}. */
export function unsupported(construct: string): never {
    throw new UnsupportedError(construct);
}
