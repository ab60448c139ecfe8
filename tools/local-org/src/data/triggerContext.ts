import { UnsupportedError } from "../runtime/errors";
import { hashKey } from "../runtime/values/equality";
import { ApexId, ApexList, ApexMap, EnumValue, type Value } from "../runtime/values/values";
import type { SObjectValue } from "./sobject";
import type { TriggerContext, Triggers } from "./triggers";

/**
 * `System.TriggerOperation`, in the order the Apex Reference lists it (its ordinals are not
 * confirmed in an org).
 */
export const TRIGGER_OPERATIONS = [
    "BEFORE_INSERT",
    "BEFORE_UPDATE",
    "BEFORE_DELETE",
    "AFTER_INSERT",
    "AFTER_UPDATE",
    "AFTER_DELETE",
    "AFTER_UNDELETE"
];

const lists = new WeakMap<TriggerContext, Map<string, Value>>();

function listOf(ctx: TriggerContext, which: "new" | "old"): Value {
    const records = which === "new" ? ctx.newList : ctx.oldList;
    if (!records) return null;
    return new ApexList({ k: "native", name: recordType(records) }, records);
}

function recordType(records: SObjectValue[]): string {
    return records[0]?.def.name ?? "SObject";
}

function mapOf(ctx: TriggerContext, which: "new" | "old"): Value {
    const records = which === "new" ? ctx.newList : ctx.oldList;
    if (!records) return null;
    // before insert: no Ids yet, so no Trigger.newMap
    if (which === "new" && ctx.timing === "before" && ctx.event === "insert") return null;
    const m = new ApexMap({ k: "prim", name: "Id" }, { k: "native", name: recordType(records) });
    for (const r of records) {
        const id = r.values.get("id");
        if (id instanceof ApexId) m.entries.set(hashKey(id), [id, r]);
    }
    return m;
}

/** `Trigger.new`, `Trigger.isBefore`, … (Apex Developer Guide: "Trigger Context Variables"). */
export function triggerStaticProp(triggers: Triggers, name: string): Value {
    const l = name.toLowerCase();
    const ctx = triggers.current;
    if (!ctx) {
        if (l === "isexecuting") return false;
        if (l === "new" || l === "old" || l === "newmap" || l === "oldmap") return null;
        throw new UnsupportedError(`Trigger.${name} outside a trigger`);
    }
    let cache = lists.get(ctx);
    if (!cache) {
        cache = new Map();
        lists.set(ctx, cache);
    }
    if (cache.has(l)) return cache.get(l) ?? null;
    let v: Value;
    switch (l) {
        case "new":
            v = listOf(ctx, "new");
            break;
        case "old":
            v = listOf(ctx, "old");
            break;
        case "newmap":
            v = mapOf(ctx, "new");
            break;
        case "oldmap":
            v = mapOf(ctx, "old");
            break;
        case "isexecuting":
            return true;
        case "isbefore":
            return ctx.timing === "before";
        case "isafter":
            return ctx.timing === "after";
        case "isinsert":
            return ctx.event === "insert";
        case "isupdate":
            return ctx.event === "update";
        case "isdelete":
            return ctx.event === "delete";
        case "isundelete":
            return ctx.event === "undelete";
        case "size":
            return (ctx.newList ?? ctx.oldList ?? []).length;
        case "operationtype": {
            const op = `${ctx.timing}_${ctx.event}`.toUpperCase();
            return new EnumValue("System.TriggerOperation", op, TRIGGER_OPERATIONS.indexOf(op), null);
        }
        default:
            throw new UnsupportedError(`Trigger.${name}`);
    }
    cache.set(l, v);
    return v;
}
