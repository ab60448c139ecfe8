import { sysErr, UnsupportedError } from "../runtime/errors";
import { stringify } from "../runtime/values/format";
import { ApexObject, type Value } from "../runtime/values/values";

/** Built-in methods of every exception: getMessage, setMessage, getCause, getTypeName, getLineNumber, … */
export function exceptionMethod(o: ApexObject, lname: string, args: Value[]): Value {
    const st = o.exc;
    if (!st) throw sysErr.npe();
    switch (lname) {
        case "getmessage":
            return st.message;
        case "setmessage":
            st.message = args[0] === null ? null : stringify(args[0]);
            return null;
        case "getcause":
            return st.cause;
        case "initcause":
            st.cause = args[0] instanceof ApexObject ? args[0] : null;
            return null;
        case "gettypename":
            return o.cls.builtin ? `System.${o.cls.name}` : o.cls.name;
        case "getlinenumber":
            return st.line;
        case "getstacktracestring":
            return st.stack;
        case "tostring":
            return stringify(o);
        case "equals":
            return o === args[0];
        case "hashcode":
            return 0;
    }
    throw new UnsupportedError(`exception method ${lname}`);
}

/** The implicit exception constructors: (), (message), (cause), (message, cause). */
export function exceptionCtor(o: ApexObject, args: Value[]): void {
    const st = o.exc;
    if (!st) return;
    if (args.length === 0) return;
    if (args.length === 1) {
        if (args[0] instanceof ApexObject && args[0].exc) {
            st.cause = args[0];
            st.message = `${stringify(args[0])}`;
        } else st.message = args[0] === null ? null : stringify(args[0]);
        return;
    }
    if (args.length === 2) {
        st.message = args[0] === null ? null : stringify(args[0]);
        st.cause = args[1] instanceof ApexObject ? args[1] : null;
        return;
    }
    throw new UnsupportedError(`exception constructor with ${args.length} arguments`);
}
