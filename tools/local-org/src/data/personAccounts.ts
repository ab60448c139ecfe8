import { UnsupportedError } from "../runtime/errors";
import { ApexDatetime, ApexId, type Value } from "../runtime/values/values";
import type { DmlError } from "./dmlError";
import { personContactField, type ObjectDef, type Schema } from "./schema";
import type { SObjectValue } from "./sobject";
import type { Row, Store } from "./store";

/**
 * Person Accounts (enabled by the `PersonAccounts` scratch-org feature): an Account whose record type is a person
 * record type (`RecordType.IsPersonType`) is a person account. The platform keeps a Contact behind it
 * (`PersonContactId`, `Contact.IsPersonAccount = true`) whose fields appear on the Account under their Person… names
 * (`PersonEmail` = `Contact.Email`, custom `X__pc` = `Contact.X__c`); `Name` is composed from the name fields and
 * `LastName` is required instead of `Name`. The local org writes the person contact with the account (no Contact
 * triggers run) and deletes and restores it with the account. What it does not model fails loudly: converting
 * between business and person accounts, Name set on a person account, person fields on a business account, DML on a
 * person contact itself and contacts added to a person account.
 */

interface PaEnv {
    schema: Schema;
    store: Store;
    now(): number;
    userId(): string;
}

function enabled(schema: Schema): boolean {
    return schema.features.personAccounts;
}

/** Whether a record type Id names a person record type. */
function isPersonRecordType(store: Store, v: Value | undefined): boolean {
    if (!(v instanceof ApexId)) return false;
    return store.get("recordtype", v.id18)?.get("ispersontype") === true;
}

/** Whether an Account row (stored or about to be) is a person account. */
export function isPersonAccountRow(schema: Schema, store: Store, def: ObjectDef, row: Row): boolean {
    return def.name === "Account" && enabled(schema) && isPersonRecordType(store, row.get("recordtypeid"));
}

function personFieldsSet(o: SObjectValue): string[] {
    const out: string[] = [];
    for (const [k, v] of o.values) {
        if (v === null || v === false) continue;
        const f = o.def.fields.get(k);
        if (f && personContactField(f.name) !== null) out.push(f.name);
    }
    return out;
}

/**
 * Checks a DML record against the Person Account model before anything is written (`current`: the stored row of an
 * update). Throws `UnsupportedError` for what is not modelled; returns an error for a missing LastName.
 */
export function checkPersonAccount(
    schema: Schema,
    store: Store,
    o: SObjectValue,
    row: Row,
    current: Row | null
): DmlError | null {
    if (!enabled(schema)) return null;
    if (o.def.name === "Contact") {
        if (current?.get("ispersonaccount") === true)
            throw new UnsupportedError(
                "DML on a person account's contact (change the person account instead: the platform's rules are not modelled)"
            );
        const account = row.get("accountid");
        if (account instanceof ApexId && store.get("account", account.id18)?.get("ispersonaccount") === true)
            throw new UnsupportedError("a contact related to a person account");
        return null;
    }
    if (o.def.name !== "Account") return null;
    const person = isPersonRecordType(store, row.get("recordtypeid"));
    if (current !== null && (current.get("ispersonaccount") === true) !== person)
        throw new UnsupportedError("changing an account between a business and a person record type");
    if (!person) {
        const set = personFieldsSet(o);
        if (set.length)
            throw new UnsupportedError(
                `person account fields on a business account (${set.join(", ")}; the platform's error is not modelled)`
            );
        return null;
    }
    if (o.values.has("name") && (o.values.get("name") ?? null) !== null && current === null)
        throw new UnsupportedError("Name set on a person account (the platform composes it from the name fields)");
    const last = row.get("lastname");
    if (typeof last !== "string" || last === "")
        return {
            statusCode: "REQUIRED_FIELD_MISSING",
            message: "Required fields are missing: [LastName]",
            fields: ["LastName"]
        };
    return null;
}

/**
 * After an Account row is stamped for saving: `IsPersonAccount`, the composed `Name` and the person contact's row
 * (created on insert, kept in step on update).
 */
export function savePersonAccount(env: PaEnv, def: ObjectDef, row: Row): void {
    if (def.name !== "Account" || !enabled(env.schema)) return;
    const person = isPersonRecordType(env.store, row.get("recordtypeid"));
    row.set("ispersonaccount", person);
    if (!person) {
        row.set("personcontactid", null);
        return;
    }
    const first = row.get("firstname");
    const last = row.get("lastname");
    const name = [first, last].filter((x) => typeof x === "string" && x !== "").join(" ");
    row.set("name", name || null);
    const contactDef = env.schema.object("Contact") as ObjectDef;
    const existing = row.get("personcontactid");
    const id = existing instanceof ApexId ? existing.id18 : env.store.newId(contactDef.keyPrefix);
    env.store.touch("contact", id);
    const table = env.store.table("contact");
    const now = new ApexDatetime(env.now());
    const user = new ApexId(env.userId());
    const c: Row =
        table.get(id) ??
        new Map<string, Value>([
            ["id", new ApexId(id)],
            ["isdeleted", false],
            ["createddate", now],
            ["createdbyid", user]
        ]);
    c.set("accountid", row.get("id") ?? null);
    c.set("ispersonaccount", true);
    c.set("ownerid", row.get("ownerid") ?? user);
    for (const f of def.fields.values()) {
        const target = personContactField(f.name);
        if (target === null || !contactDef.fields.has(target.toLowerCase())) continue;
        c.set(target.toLowerCase(), row.get(f.name.toLowerCase()) ?? (f.type === "BOOLEAN" ? false : null));
    }
    c.set("name", name || null);
    c.set("lastmodifieddate", now);
    c.set("lastmodifiedbyid", user);
    c.set("systemmodstamp", now);
    table.set(id, c);
    row.set("personcontactid", new ApexId(id));
}

/** Deleting or restoring a person account does the same to its contact. */
export function deletePersonAccount(env: PaEnv, def: ObjectDef, row: Row, deleted: boolean): void {
    if (def.name !== "Account" || !enabled(env.schema)) return;
    const cid = row.get("personcontactid");
    if (!(cid instanceof ApexId)) return;
    const c = env.store.get("contact", cid.id18);
    if (!c) return;
    env.store.touch("contact", cid.id18);
    c.set("isdeleted", deleted);
    c.set("systemmodstamp", new ApexDatetime(env.now()));
}
