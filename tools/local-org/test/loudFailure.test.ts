import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "./helpers";

/**
 * Issue 4 item 6: unsupported constructs fail the run with file:line and the construct's name.
 * The probes use constructs the local org does not model (SOSL, JSONParser, StubProvider,
 * Messaging), so these tests stay valid as the runtime grows.
 */
function runSingle(body: string, extraMembers = ""): { message: string | null; passed: boolean } {
    const org = orgFrom({
        "classes/LoudTest.cls": `@IsTest
private class LoudTest {
${extraMembers}
    @IsTest
    static void probe() {
        ${body}
    }
}`
    });
    const r = org.runTests();
    assert.equal(r.results.length, 1);
    return r.results[0];
}

describe("loud failures", () => {
    it("a SOSL search fails at its line, not with a guessed result", () => {
        const r = runSingle(`Object found = [FIND 'acme' IN ALL FIELDS RETURNING Contact(Id)];`);
        assert.equal(r.passed, false);
        assert.equal(r.message, "classes/LoudTest.cls:6: not supported by the local org: SOSL search");
    });

    it("an unknown String method fails at the call site", () => {
        const r = runSingle(`String s = 'abc'; s.frobnicate();`);
        assert.equal(
            r.message,
            "classes/LoudTest.cls:6: not supported by the local org: method String.frobnicate(0 arguments)"
        );
    });

    it("an unimplemented system class method fails at the call site", () => {
        const r = runSingle(`Object p = JSON.createParser('{}');`);
        assert.equal(r.passed, false);
        assert.equal(
            r.message,
            "classes/LoudTest.cls:6: not supported by the local org: method JSON.createParser(1 argument)"
        );
    });

    it("an unimplemented static method of a system class fails at the call site", () => {
        const r = runSingle(`Object rows = Test.loadData(Account.SObjectType, 'accounts');`);
        assert.match(
            r.message ?? "",
            /^classes\/LoudTest\.cls:6: not supported by the local org: method Test\.loaddata/
        );
    });

    it("an unknown system type fails loudly", () => {
        const r = runSingle(`Messaging.MassEmailMessage mail = null;`);
        assert.match(
            r.message ?? "",
            /^classes\/LoudTest\.cls:6: not supported by the local org: type Messaging\.MassEmailMessage/
        );
    });

    it("Apex code cannot catch an unsupported-construct failure", () => {
        const r = runSingle(`try { String s = 'x'; s.frobnicate(); } catch (Exception e) { return; }`);
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org/);
    });

    it("Java regex constructs JavaScript cannot express are refused", () => {
        const r = runSingle(`'aaa'.replaceAll('a++', 'b');`);
        assert.match(r.message ?? "", /not supported by the local org: possessive quantifier/);
    });

    it("the supported-subset check lists unsupported constructs found at load", () => {
        const org = orgFrom({
            "classes/Q.cls": `public class Q {
    public static Object q() { return [FIND 'x' IN ALL FIELDS RETURNING Contact]; }
    public static void m() { Messaging.MassEmailMessage mail; }
}`
        });
        const unit = org.units.find((u) => u.file === "classes/Q.cls");
        assert.deepEqual(
            unit?.unsupported.map((u) => `${u.pos.line}:${u.construct}`),
            ["2:SOSL search"]
        );
    });

    it("the supported-subset check also lists types the local org cannot resolve", () => {
        const org = orgFrom({
            "classes/T.cls": `public class T {
    public static List<Messaging.MassEmailMessage> mails;
    public static Map<String, Integer> fine;
    public static void m() { Flow.Interview f; }
}`
        });
        assert.deepEqual(
            org.supportedSubsetCheck().map((x) => `${x.line}:${x.construct}`),
            ["2:type Messaging.MassEmailMessage", "4:type Flow.Interview"]
        );
    });

    it("a null literal with several applicable overloads fails loudly (a compile error on the platform)", () => {
        const r = runSingle(
            `String r = f(null);`,
            `    static String f(Object o) { return 'o'; }
    static String f(String s) { return 's'; }`
        );
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org: ambiguous call to f\(null\)/);
    });

    it("an overload choice that depends on a declared type the local org cannot compute fails loudly", () => {
        const r = runSingle(
            `String r = f(JSON.deserializeUntyped('"x"'));`,
            `    static String f(Object o) { return 'o'; }
    static String f(String s) { return 's'; }`
        );
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /overload resolution of f: the declared type of an argument is not known/);
    });

    it("upsert on an object with a trigger fails loudly instead of skipping the trigger", () => {
        const org = orgFrom({
            "triggers/AccTrigger.trigger": `trigger AccTrigger on Account (before insert) { }`,
            "classes/LoudTest.cls": `@IsTest
private class LoudTest {
    @IsTest
    static void probe() {
        upsert new Account(Name = 'x');
    }
}`
        });
        const r = org.runTests().results[0];
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org: upsert on Account, which has triggers/);
    });

    it("DML and SOQL on a platform event fail loudly instead of storing and returning rows", () => {
        const eventMeta = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <eventType>StandardVolume</eventType>
    <label>Ping</label>
    <pluralLabel>Pings</pluralLabel>
    <publishBehavior>PublishAfterCommit</publishBehavior>
</CustomObject>`;
        const run = (body: string) => {
            const org = orgFrom({
                "objects/Ping__e/Ping__e.object-meta.xml": eventMeta,
                "classes/LoudTest.cls": `@IsTest
private class LoudTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`
            });
            return org.runTests().results[0];
        };
        const dml = run(`insert new Ping__e();`);
        assert.equal(dml.passed, false);
        assert.match(dml.message ?? "", /not supported by the local org: insert on platform event Ping__e/);
        const soql = run(`List<Ping__e> rows = [SELECT Id FROM Ping__e];`);
        assert.equal(soql.passed, false);
        assert.match(soql.message ?? "", /not supported by the local org: SOQL on platform event Ping__e/);
    });

    it("a formula field is neither written nor read with a guessed value", () => {
        const objectMeta = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Thing</label>
    <nameField><label>Name</label><type>Text</type></nameField>
    <pluralLabel>Things</pluralLabel>
</CustomObject>`;
        const fieldMeta = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Shout__c</fullName>
    <formula>UPPER(Name)</formula>
    <label>Shout</label>
    <type>Text</type>
</CustomField>`;
        const run = (body: string) => {
            const org = orgFrom({
                "objects/Thing__c/Thing__c.object-meta.xml": objectMeta,
                "objects/Thing__c/fields/Shout__c.field-meta.xml": fieldMeta,
                "classes/LoudTest.cls": `@IsTest
private class LoudTest {
    @IsTest
    static void probe() {
        ${body}
    }
}`
            });
            return org.runTests().results[0];
        };
        const write = run(`Thing__c t = new Thing__c(Name = 'a'); t.Shout__c = 'A';`);
        assert.match(
            write.message ?? "",
            /not supported by the local org: assignment to formula field Thing__c\.Shout__c/
        );
        const read = run(`Thing__c t = new Thing__c(Name = 'a'); insert t; String s = t.Shout__c;`);
        assert.match(read.message ?? "", /not supported by the local org: formula field Thing__c\.Shout__c/);
        const soql = run(`insert new Thing__c(Name = 'a'); List<Thing__c> r = [SELECT Shout__c FROM Thing__c];`);
        assert.match(soql.message ?? "", /not supported by the local org: formula field Thing__c\.Shout__c in SOQL/);
    });

    it("hashCode() values the local org does not model fail loudly instead of returning 0", () => {
        const type = runSingle(`Integer h = String.class.hashCode();`);
        assert.match(type.message ?? "", /not supported by the local org: method Type\.hashcode/);
        const obj = runSingle(`Integer h = new Plain().hashCode();`, `    public class Plain {}`);
        assert.match(obj.message ?? "", /not supported by the local org: hashCode\(\) of LoudTest\.Plain/);
    });

    it("the supported-subset check also lists system methods the local org does not implement", () => {
        const org = orgFrom({
            "classes/M.cls": `public class M {
    public static void m(String p) {
        Decimal d = Math.frobnicate(1);
        Integer n = p.length() + Math.abs(-1);
        Object q = p.nonsense(1, 2);
        String json = JSON.serialize(q);
    }
}`
        });
        assert.deepEqual(
            org.supportedSubsetCheck().map((x) => `${x.line}:${x.construct}`),
            ["3:method Math.frobnicate(1 argument)", "5:method String.nonsense(2 arguments)"]
        );
    });

    it("a class implementing an unmodelled system interface fails only the tests that use it", () => {
        const org = orgFrom({
            "classes/Handler.cls": `public class Handler implements Messaging.InboundEmailHandler, Iterable<String> {
    public static Integer two() { return 2; }
}`,
            "classes/LoudTest.cls": `@IsTest
private class LoudTest {
    @IsTest
    static void unrelated() { Assert.areEqual(2, 1 + 1); }
    @IsTest
    static void touches() { Integer n = Handler.two(); }
}`
        });
        const results = org.runTests().results;
        const byName = new Map(results.map((r) => [r.methodName, r]));
        assert.equal(byName.get("unrelated")?.passed, true);
        assert.equal(byName.get("touches")?.passed, false);
        assert.match(
            byName.get("touches")?.message ?? "",
            /not supported by the local org: class Handler extends or implements an unmodelled interface Messaging\.InboundEmailHandler, interface Iterable/
        );
    });
});
