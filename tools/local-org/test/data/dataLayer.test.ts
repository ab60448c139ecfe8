import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DmlFailure, executeDml } from "../../src/data/dml";
import { Governor } from "../../src/data/limits";
import { OrgData } from "../../src/data/orgData";
import { PlatformCache } from "../../src/data/platformCache";
import { nextFireTime } from "../../src/data/cron";
import { seedFromFile } from "../../src/data/seed";
import { SObjectValue, sobjectGet, sobjectPut } from "../../src/data/sobject";
import { parseSoql } from "../../src/data/soql/parse";
import { ApexSystemError } from "../../src/runtime/errors";
import { normaliseId } from "../../src/runtime/values/id";
import { ApexId, ApexList, type Value } from "../../src/runtime/values/values";

const NOW = Date.parse("2026-11-28T12:00:00Z");

function org(files: Record<string, string> = {}): OrgData {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-data-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return new OrgData([dir], () => NOW);
}

function contact(d: OrgData, fields: Record<string, Value>): SObjectValue {
    const o = new SObjectValue(d.schema.object("Contact") ?? assert.fail("no Contact"));
    for (const [k, v] of Object.entries(fields)) sobjectPut(o, k, v);
    return o;
}

function rows(d: OrgData, soql: string, binds: Value[] = []): SObjectValue[] {
    const r = d.query(soql, (i) => binds[i] ?? null, false);
    assert.equal(r.kind, "rows");
    return r.kind === "rows" ? r.rows : [];
}

function sysErr(type: string, pattern: RegExp): (e: unknown) => boolean {
    return (e) => e instanceof ApexSystemError && e.exType === type && pattern.test(e.message);
}

describe("schema", () => {
    it("knows the standard objects with key prefixes and custom fields from metadata", () => {
        const d = org({
            "objects/Contact/fields/Loyalty__c.field-meta.xml":
                "<CustomField><fullName>Loyalty__c</fullName><label>Loyalty</label><length>12</length><type>Text</type></CustomField>"
        });
        for (const [name, prefix] of [
            ["Account", "001"],
            ["Contact", "003"],
            ["Lead", "00Q"],
            ["User", "005"],
            ["Profile", "00e"],
            ["AsyncApexJob", "707"],
            ["CronTrigger", "08e"],
            ["Organization", "00D"]
        ])
            assert.equal(d.schema.object(name)?.keyPrefix, prefix, name);
        const f = d.schema.object("contact")?.fields.get("loyalty__c");
        assert.equal(f?.length, 12);
        assert.equal(f?.custom, true);
        assert.ok(d.schema.object("Account")?.childRelationships.has("contacts"));
    });

    it("reads picklist value sets from field metadata and knows standard picklist values", () => {
        const d = org({
            "objects/Contact/fields/Tier__c.field-meta.xml":
                "<CustomField><fullName>Tier__c</fullName><label>Tier</label><type>Picklist</type><valueSet>" +
                "<restricted>true</restricted><valueSetDefinition><value><fullName>1</fullName><default>true</default>" +
                "<label>Gold</label></value></valueSetDefinition></valueSet></CustomField>",
            "objects/Contact/fields/Region__c.field-meta.xml":
                "<CustomField><fullName>Region__c</fullName><label>Region</label><type>Picklist</type>" +
                "<valueSet><valueSetName>Regions</valueSetName></valueSet></CustomField>"
        });
        const contact = d.schema.object("Contact") ?? assert.fail("no Contact");
        assert.deepEqual(contact.fields.get("tier__c")?.picklist, {
            restricted: true,
            values: [{ value: "1", label: "Gold", isDefault: true, active: true }]
        });
        // a global value set is not read: no values, not restricted
        assert.deepEqual(contact.fields.get("region__c")?.picklist, { restricted: false, values: [] });
        const status = d.schema.object("Lead")?.fields.get("status")?.picklist;
        assert.equal(status?.restricted, false);
        assert.equal(status?.values.find((v) => v.isDefault)?.value, "Open - Not Contacted");
        assert.equal(contact.fields.get("title")?.picklist, undefined);
    });

    it("generates valid 18-character Ids with the key prefix", () => {
        const d = org();
        const id = d.store.newId("003");
        assert.equal(id.length, 18);
        assert.equal(normaliseId(id), id);
        assert.ok(id.startsWith("003"));
        assert.notEqual(d.store.newId("003"), id);
    });
});

describe("SObject values", () => {
    it("type-checks put and refuses unknown fields", () => {
        const d = org();
        const c = contact(d, { LastName: "Doe" });
        assert.throws(() => sobjectPut(c, "LastName", 5), sysErr("SObjectException", /Illegal assignment/));
        assert.throws(() => sobjectPut(c, "Nope__c", "x"), sysErr("SObjectException", /Invalid field Nope__c/));
        assert.equal(sobjectGet(c, "lastname"), "Doe");
    });
});

describe("SOQL", () => {
    it("rejects trailing garbage, keyword aliases and unknown names with QueryException", () => {
        assert.throws(
            () => parseSoql("SELECT Id FROM Contact garbage garbage"),
            sysErr("QueryException", /unexpected/)
        );
        assert.throws(() => parseSoql("SELECT Id FROM Contact WHERE"), sysErr("QueryException", /WHERE/));
        const d = org();
        assert.throws(() => rows(d, "SELECT Nope FROM Contact"), sysErr("QueryException", /No such column 'Nope'/));
        assert.throws(() => rows(d, "SELECT Id FROM Nope__c"), sysErr("QueryException", /sObject type 'Nope__c'/));
    });

    it("filters, orders with NULLS LAST, pages and counts", () => {
        const d = org();
        d.dml(
            "insert",
            [
                contact(d, { LastName: "b", Title: "VP" }),
                contact(d, { LastName: "A", Title: null }),
                contact(d, { LastName: "c", Title: "CEO" })
            ],
            true,
            false
        );
        const ordered = rows(d, "SELECT LastName FROM Contact ORDER BY Title DESC NULLS LAST, LastName");
        assert.deepEqual(
            ordered.map((r) => sobjectGet(r, "LastName")),
            ["b", "c", "A"]
        );
        const paged = rows(d, "SELECT LastName FROM Contact ORDER BY LastName LIMIT 1 OFFSET 1");
        assert.deepEqual(
            paged.map((r) => sobjectGet(r, "LastName")),
            ["b"]
        );
        const inList = rows(d, "SELECT Id FROM Contact WHERE Title IN :t", [
            new ApexList({ k: "prim", name: "String" }, ["vp", "CEO"])
        ]);
        assert.equal(inList.length, 2, "IN is case-insensitive for text");
        const r = d.query("SELECT COUNT() FROM Contact WHERE Title != null", () => null, false);
        assert.deepEqual(r, { kind: "count", count: 2 });
        assert.throws(
            () => sobjectGet(ordered[0], "Email"),
            sysErr("SObjectException", /without querying the requested field: Contact.Email/)
        );
    });

    it("counts queries and throws LimitException on the 101st", () => {
        const d = org();
        d.beginTransaction();
        for (let i = 0; i < 100; i++) rows(d, "SELECT Id FROM Contact");
        assert.throws(() => rows(d, "SELECT Id FROM Contact"), sysErr("LimitException", /Too many SOQL queries: 101/));
        assert.equal(d.governor.peak.queries, 101);
    });
});

describe("DML", () => {
    it("all-or-none writes nothing when one record fails; partial mode reports each record", () => {
        const d = org();
        const good = contact(d, { LastName: "Ok" });
        const bad = contact(d, { FirstName: "NoLast" });
        assert.throws(
            () => d.dml("insert", [good, bad], true, false),
            (e: unknown) => {
                assert.ok(e instanceof DmlFailure);
                assert.match(
                    e.message,
                    /^Insert failed. First exception on row 1; first error: REQUIRED_FIELD_MISSING/
                );
                return true;
            }
        );
        assert.equal(good.id, null);
        assert.equal(rows(d, "SELECT Id FROM Contact").length, 0);
        const results = d.dml("insert", [good, bad], false, false);
        assert.equal(results[0].success, true);
        assert.equal(results[1].errors[0].statusCode, "REQUIRED_FIELD_MISSING");
        assert.ok(String(good.id).startsWith("003"));
    });

    it("validates lengths and references, stamps system fields and composes Name", () => {
        const d = org();
        const long = contact(d, { LastName: "x".repeat(81) });
        const dangling = contact(d, { LastName: "y", AccountId: new ApexId(d.store.newId("001")) });
        const r = executeDml(
            { schema: d.schema, store: d.store, now: () => NOW, userId: () => d.userId, perms: null },
            "insert",
            [long, dangling, contact(d, { FirstName: "Jane", LastName: "Doe" })],
            false
        );
        assert.equal(r[0].errors[0].statusCode, "STRING_TOO_LONG");
        assert.equal(r[1].errors[0].statusCode, "INVALID_CROSS_REFERENCE_KEY");
        const [jane] = rows(d, "SELECT Name, CreatedDate, OwnerId FROM Contact");
        assert.equal(sobjectGet(jane, "Name"), "Jane Doe");
        assert.ok(sobjectGet(jane, "OwnerId") instanceof ApexId);
    });

    it("cascades a master's delete through every master-detail level", () => {
        const md = (obj: string, field: string, master: string): string =>
            `<CustomField><fullName>${field}</fullName><label>${field}</label><referenceTo>${master}</referenceTo>` +
            `<relationshipName>${obj.replace(/__c$/, "")}s</relationshipName><type>MasterDetail</type></CustomField>`;
        const obj = (name: string): string => `<CustomObject><label>${name}</label></CustomObject>`;
        const d = org({
            "objects/Order__c/Order__c.object-meta.xml": obj("Order"),
            "objects/Line__c/Line__c.object-meta.xml": obj("Line"),
            "objects/Line__c/fields/Order__c.field-meta.xml": md("Line__c", "Order__c", "Order__c"),
            "objects/Split__c/Split__c.object-meta.xml": obj("Split"),
            "objects/Split__c/fields/Line__c.field-meta.xml": md("Split__c", "Line__c", "Line__c")
        });
        const make = (name: string, fields: Record<string, Value> = {}): SObjectValue => {
            const o = new SObjectValue(d.schema.object(name) ?? assert.fail(name));
            for (const [k, v] of Object.entries(fields)) sobjectPut(o, k, v);
            d.dml("insert", [o], true, false);
            return o;
        };
        const order = make("Order__c");
        const other = make("Order__c");
        const line = make("Line__c", { Order__c: new ApexId(String(order.id)) });
        make("Line__c", { Order__c: new ApexId(String(other.id)) });
        make("Split__c", { Line__c: new ApexId(String(line.id)) });
        assert.equal(d.schema.object("Line__c")?.fields.has("ownerid"), false, "a detail has no owner");
        d.dml("delete", [order], true, false);
        assert.equal(rows(d, "SELECT Id FROM Line__c").length, 1, "the other order's line stays");
        assert.equal(rows(d, "SELECT Id FROM Split__c").length, 0, "grand-details go too");
        assert.equal(rows(d, "SELECT Id FROM Split__c WHERE IsDeleted = true ALL ROWS").length, 1);
    });

    it("undoes a journaled transaction's inserts, updates and deletes, and keeps a committed one", () => {
        const d = org();
        const kept = contact(d, { LastName: "kept" });
        const gone = contact(d, { LastName: "gone" });
        d.dml("insert", [kept, gone], true, false);
        d.store.beginJournal();
        sobjectPut(kept, "LastName", "changed");
        d.dml("update", [kept], true, false);
        d.dml("delete", [gone], true, false);
        d.dml("insert", [contact(d, { LastName: "new" })], true, false);
        d.store.rollbackJournal();
        assert.deepEqual(
            rows(d, "SELECT LastName FROM Contact ORDER BY LastName").map((r) => sobjectGet(r, "LastName")),
            ["gone", "kept"]
        );
        d.store.beginJournal();
        d.dml("insert", [contact(d, { LastName: "committed" })], true, false);
        d.store.commitJournal();
        assert.equal(d.store.journaling, false);
        assert.equal(rows(d, "SELECT Id FROM Contact").length, 3);
    });

    it("rolls back to a savepoint", () => {
        const d = org();
        d.dml("insert", [contact(d, { LastName: "kept" })], true, false);
        const sp = d.store.snapshot();
        d.dml("insert", [contact(d, { LastName: "undone" })], true, false);
        d.store.restore(sp);
        assert.deepEqual(
            rows(d, "SELECT LastName FROM Contact").map((r) => sobjectGet(r, "LastName")),
            ["kept"]
        );
    });
});

describe("governor, cache, cron, seed", () => {
    it("keeps a fresh window between startWindow and endWindow", () => {
        const g = new Governor();
        g.add("dmlStatements", 3);
        g.startWindow();
        assert.equal(g.counters.dmlStatements, 0);
        g.add("dmlStatements");
        g.endWindow();
        assert.equal(g.counters.dmlStatements, 3);
        assert.equal(g.peak.dmlStatements, 3);
    });

    it("expires Platform Cache entries after their TTL and validates keys", () => {
        let now = NOW;
        const c = new PlatformCache(() => now);
        c.partitions.add("p");
        c.put("org", "p", "k1", "v", 300);
        assert.equal(c.get("org", "p", "k1"), "v");
        now += 301_000;
        assert.equal(c.get("org", "p", "k1"), null);
        assert.throws(
            () => c.put("org", "p", "bad key", "v", 300),
            sysErr("InvalidParameterValueException", /Invalid key/)
        );
        assert.throws(() => c.put("org", "p", "k", "v", 10), sysErr("InvalidParameterValueException", /Invalid TTL/));
    });

    it("computes the next fire time of a cron expression in the user's zone", () => {
        const next = nextFireTime("0 0 2 * * ?", NOW, "America/Los_Angeles");
        assert.equal(new Date(next ?? 0).toISOString(), "2026-11-29T10:00:00.000Z");
        assert.equal(nextFireTime("0 0 0 15 3 ? 2020", NOW, "UTC"), null);
    });

    it("seeds the shared demo CRM with its Ids", () => {
        const d = org();
        const file = path.join(process.cwd(), "config/seed/demo-crm.json");
        const counts = seedFromFile(d, file);
        assert.ok(counts.contacts > 0 && counts.accounts > 0 && counts.leads > 0);
        const [jane] = rows(
            d,
            "SELECT Name, Account.Name FROM Contact WHERE Email = 'jane.doe@acme-outdoor.example.com'"
        );
        assert.equal(sobjectGet(jane, "Name"), "Jane Doe");
        assert.equal(jane.id, "003Hs00002Jd0AkIAJ");
    });
});
