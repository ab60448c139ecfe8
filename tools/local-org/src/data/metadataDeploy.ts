/**
 * The platform side of `Metadata.Operations.enqueueDeployment` for custom metadata records: the modelled
 * Apex (`metadataApex.ts`) queues a job that flattens the container and calls
 * `System.localOrgDeployCustomMetadata(fullNames, labels, values, apply)`, which validates every record and,
 * only when all are valid, creates or updates the rows (deployments are all-or-nothing). Only custom metadata
 * records deploy; that is all Apex may deploy in a subscriber org anyway.
 */
import type { NativeCtx } from "../runtime/nativeApi";
import { prim } from "../link/rtype";
import { ApexSystemError } from "../runtime/errors";
import { ApexDatetime, ApexDecimal, ApexId, ApexList, ApexMap, type Value } from "../runtime/values/values";
import type { OrgData } from "./orgData";
import type { FieldDef, ObjectDef } from "./schema";

/** Lower-cased name of the hidden System method the modelled Apex calls. */
export const DEPLOY_NATIVE = "localorgdeploycustommetadata";

const DEV_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

function text(v: Value): string | null {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v instanceof ApexDecimal) return v.d.toFixed(v.scale);
    return String(v as unknown);
}

/** A deployed value converted to the field's type, or an error text. */
function convert(f: FieldDef, v: Value): { value: Value } | { problem: string } {
    if (v === null || v === undefined) return { value: null };
    const raw = text(v) ?? "";
    switch (f.type) {
        case "BOOLEAN":
            if (typeof v === "boolean") return { value: v };
            if (raw === "true" || raw === "false") return { value: raw === "true" };
            return { problem: `${f.name}: ${raw} is not a checkbox value` };
        case "DOUBLE":
        case "CURRENCY":
        case "PERCENT":
        case "INTEGER":
            if (!/^-?\d+(\.\d+)?$/.test(raw)) return { problem: `${f.name}: ${raw} is not a number` };
            return { value: f.type === "INTEGER" ? Number(raw) | 0 : ApexDecimal.of(raw) };
        default:
            return { value: raw };
    }
}

interface Planned {
    def: ObjectDef;
    devName: string;
    label: string | null;
    values: Map<FieldDef, Value>;
}

/** Validates one record; returns the plan or the problems. */
function plan(data: OrgData, fullName: string, label: string | null, values: Value): Planned | string[] {
    const dot = fullName.indexOf(".");
    if (dot <= 0) return [`${fullName}: the full name must be Type__mdt.RecordName`];
    const typeName = fullName.slice(0, dot);
    const devName = fullName.slice(dot + 1);
    const def = data.schema.object(/__mdt$/i.test(typeName) ? typeName : `${typeName}__mdt`);
    if (!def || !def.customMetadata) return [`${fullName}: no custom metadata type ${typeName}`];
    const problems: string[] = [];
    if (!DEV_NAME.test(devName)) problems.push(`${fullName}: ${devName} is not a valid record name`);
    const out = new Map<FieldDef, Value>();
    if (values instanceof ApexMap) {
        for (const [key, v] of values.entries.values()) {
            const name = text(key) ?? "";
            const f = def.fields.get(name.toLowerCase());
            if (!f || !f.custom) {
                problems.push(`${fullName}: no field ${name} on ${def.name}`);
                continue;
            }
            const c = convert(f, v);
            if ("problem" in c) problems.push(`${fullName}: ${c.problem}`);
            else out.set(f, c.value);
        }
    }
    return problems.length ? problems : { def, devName, label, values: out };
}

function write(data: OrgData, p: Planned): void {
    const table = data.store.table(p.def.name.toLowerCase());
    let row = [...table.values()].find(
        (r) => String(r.get("developername") ?? "").toLowerCase() === p.devName.toLowerCase()
    );
    if (!row) {
        const id = data.store.newId(p.def.keyPrefix);
        const now = new ApexDatetime(data.now());
        row = new Map<string, Value>([
            ["id", new ApexId(id)],
            ["isdeleted", false],
            ["createddate", now],
            ["lastmodifieddate", now],
            ["systemmodstamp", now],
            ["developername", p.devName],
            ["qualifiedapiname", p.devName],
            ["masterlabel", p.label ?? p.devName],
            ["label", p.label ?? p.devName]
        ]);
        table.set(id, row);
    } else if (p.label) {
        row.set("masterlabel", p.label);
        row.set("label", p.label);
    }
    for (const [f, v] of p.values) row.set(f.name.toLowerCase(), v);
}

/**
 * `System.localOrgDeployCustomMetadata(List<String> fullNames, List<String> labels,
 * List<Map<String, Object>> values, Boolean apply)`: the problems of the whole deployment (empty when it
 * succeeds); with `apply`, a valid deployment is written. Metadata cannot be deployed from a test, as on the
 * platform.
 */
export function deployCustomMetadata(data: OrgData, a: Value[], ctx: NativeCtx): Value {
    if (ctx.host.isRunningTest)
        throw new ApexSystemError("UnexpectedException", "Metadata cannot be deployed from within a test");
    const list = (v: Value): Value[] => (v instanceof ApexList ? v.items : []);
    const names = list(a[0]);
    const labels = list(a[1]);
    const values = list(a[2]);
    const problems: string[] = [];
    const planned: Planned[] = [];
    names.forEach((n, i) => {
        const p = plan(data, text(n) ?? "", text(labels[i] ?? null), values[i] ?? null);
        if (Array.isArray(p)) problems.push(...p);
        else planned.push(p);
    });
    if (!problems.length && a[3] === true) for (const p of planned) write(data, p);
    return new ApexList(prim("String"), problems);
}
