import { sysErr, UnsupportedError } from "../runtime/errors";
import { stringify } from "../runtime/values/format";
import { ApexList, ApexObject, type Value } from "../runtime/values/values";
import type { DmlFailureRow } from "../data/dml";
import { enumOf, fieldToken } from "../data/natives";
import { prim } from "../link/rtype";

const DML_METHODS = new Set([
    "getnumdml",
    "getdmltype",
    "getdmlfieldnames",
    "getdmlfields",
    "getdmlmessage",
    "getdmlindex",
    "getdmlid",
    "getdmlstatuscode"
]);

/**
 * The DmlException methods (Apex Reference, "DmlException Class" / "Exception Class": getNumDml, getDmlFieldNames,
 * getDmlFields, getDmlId, getDmlIndex, getDmlMessage, getDmlType, getDmlStatusCode) over the failed rows of an
 * all-or-none DML call, `i` counting failed rows from 0. A DmlException that no DML call raised (constructed in Apex,
 * or the local org's own DML errors without rows) and an index past the failed rows fail loudly.
 */
function dmlMethod(o: ApexObject, lname: string, args: Value[]): Value {
    const rows = o.exc?.dml as DmlFailureRow[] | undefined;
    if (!rows) throw new UnsupportedError(`DmlException.${lname} of a DmlException that no DML call raised`);
    if (lname === "getnumdml") return rows.length;
    const i = args[0];
    if (typeof i !== "number") throw sysErr.npe();
    const row = rows[i];
    if (!row) throw new UnsupportedError(`DmlException.${lname}(${i}) past the ${rows.length} failed row(s)`);
    switch (lname) {
        case "getdmltype":
            return enumOf("System.StatusCode", row.error.statusCode);
        case "getdmlstatuscode":
            return row.error.statusCode;
        case "getdmlmessage":
            return row.error.message;
        case "getdmlindex":
            return row.index;
        case "getdmlid":
            return row.id ?? null;
        case "getdmlfieldnames":
            return new ApexList(prim("String"), [...row.error.fields]);
        case "getdmlfields": {
            const def = row.object;
            if (!def) throw new UnsupportedError("DmlException.getDmlFields of a row without its object");
            return new ApexList(
                { k: "native", name: "Schema.SObjectField" },
                row.error.fields.map((n) => {
                    const f = def.fields.get(n.toLowerCase());
                    if (!f) throw new UnsupportedError(`DmlException.getDmlFields: field ${n} of ${def.name}`);
                    return fieldToken(def, f);
                })
            );
        }
    }
    return null;
}

/** Built-in methods of every exception: getMessage, setMessage, getCause, getTypeName, getLineNumber, … */
export function exceptionMethod(o: ApexObject, lname: string, args: Value[]): Value {
    const st = o.exc;
    if (!st) throw sysErr.npe();
    if (DML_METHODS.has(lname) && o.cls.name.toLowerCase() === "dmlexception") return dmlMethod(o, lname, args);
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
