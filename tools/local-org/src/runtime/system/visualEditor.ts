import type { NativeCtx } from "../nativeApi";
import { sysErr } from "../errors";
import { stringify } from "../values/format";
import { ApexList, NativeObject, type Value } from "../values/values";
import { argInt, noMethod } from "./args";

/**
 * App Builder picklist values (`VisualEditor.DataRow`, `VisualEditor.DynamicPickListRows`), the
 * return types of classes extending `VisualEditor.DynamicPickList`.
 */

const ROW = "VisualEditor.DataRow";
const ROWS = "VisualEditor.DynamicPickListRows";

interface RowState {
    label: string | null;
    value: Value;
    selected: boolean;
}

interface RowsState {
    rows: NativeObject[];
    containsAllRows: boolean;
}

function rowType(): { k: "native"; name: string } {
    return { k: "native", name: ROW };
}

function asRow(v: Value): NativeObject {
    if (v === null || v === undefined) throw sysErr.npe();
    if (!(v instanceof NativeObject) || v.typeName !== ROW)
        throw sysErr.typeErr(`Expected ${ROW}, got ${stringify(v)}`);
    return v;
}

/** `new VisualEditor.DataRow(label, value[, selected])` / `new VisualEditor.DynamicPickListRows([rows[, containsAllRows]])`. */
export function constructVisualEditor(type: string, a: Value[]): NativeObject | null {
    switch (type.toLowerCase()) {
        case ROW.toLowerCase(): {
            if (a.length < 2 || a.length > 3) return noMethod(`new ${ROW}`, a.length);
            const st: RowState = {
                label: a[0] === null ? null : stringify(a[0]),
                value: a[1],
                selected: a[2] === true
            };
            return new NativeObject(ROW, st as unknown as Record<string, unknown>);
        }
        case ROWS.toLowerCase(): {
            const rows = a[0] instanceof ApexList ? a[0].items.map(asRow) : [];
            const st: RowsState = { rows, containsAllRows: a.length > 1 ? a[1] === true : true };
            return new NativeObject(ROWS, st as unknown as Record<string, unknown>);
        }
    }
    return null;
}

export function dataRowMethod(o: NativeObject, name: string, a: Value[]): Value {
    const st = o.state as unknown as RowState;
    switch (name) {
        case "getlabel":
            return st.label;
        case "getvalue":
            return st.value;
        case "isselected":
            return st.selected;
        case "tostring":
            return `${ROW}[label=${st.label ?? "null"}, value=${stringify(st.value)}]`;
    }
    return noMethod(`${ROW}.${name}`, a.length);
}

export function pickListRowsMethod(o: NativeObject, name: string, a: Value[], _ctx: NativeCtx): Value {
    const st = o.state as unknown as RowsState;
    switch (name) {
        case "addrow":
            st.rows.push(asRow(a[0]));
            return null;
        case "addallrows": {
            const list = a[0];
            if (!(list instanceof ApexList)) throw sysErr.npe();
            st.rows.push(...list.items.map(asRow));
            return null;
        }
        case "getdatarows":
            return new ApexList(rowType(), st.rows.slice());
        case "get": {
            const i = argInt(a, 0);
            if (i < 0 || i >= st.rows.length) throw sysErr.listIndex(i);
            return st.rows[i];
        }
        case "size":
            return st.rows.length;
        case "containsallrows":
            return st.containsAllRows;
        case "setcontainsallrows":
            st.containsAllRows = a[0] === true;
            return null;
    }
    return noMethod(`${ROWS}.${name}`, a.length);
}
