import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

/**
 * Record-level sharing (src/data/sharing.ts): organization-wide defaults from object metadata and the scratch
 * definition, and loud refusals where the local org does not model what could grant more access.
 */

const USER = `    static User standardUser() {
        User u = new User(Username = 'std@sharing.example.com', LastName = 'Std', Email = 'std@sharing.example.com',
            Alias = 'std', ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id,
            TimeZoneSidKey = 'America/Los_Angeles', LocaleSidKey = 'en_US', LanguageLocaleKey = 'en_US',
            EmailEncodingKey = 'UTF-8');
        insert u;
        return u;
    }`;

function testClass(body: string, extra: Record<string, string> = {}, sharingModels?: Record<string, string>) {
    const org = orgFrom(
        {
            "classes/Reader.cls": `public with sharing class Reader {
    public static Integer accounts() { return [SELECT COUNT() FROM Account]; }
    public static Integer contacts() { return [SELECT COUNT() FROM Contact]; }
    public static Integer tasks() { return [SELECT COUNT() FROM Task]; }
}`,
            "classes/SharingTest.cls": `@IsTest
private class SharingTest {
${USER}
    @IsTest
    static void probe() {
${body}
    }
}`,
            ...extra
        },
        { sharingModels }
    );
    try {
        return org.runTests().results[0];
    } finally {
        org.close();
    }
}

const PRIVATE_ACCOUNTS = { account: "private", opportunity: "private", case: "private" };

describe("record-level sharing", () => {
    it("takes organization-wide defaults from the scratch definition's objectSettings", () => {
        const r = testClass(
            `        User u = standardUser();
        Account theirs = new Account(Name = 'Theirs');
        insert theirs;
        insert new Contact(LastName = 'Under theirs', AccountId = theirs.Id);
        System.runAs(u) {
            Account own = new Account(Name = 'Own');
            insert own;
            insert new Contact(LastName = 'Under own', AccountId = own.Id);
            Assert.areEqual(1, Reader.accounts(), 'own account only');
            Assert.areEqual(1, Reader.contacts(), 'contacts follow their account');
        }
        Assert.areEqual(2, Reader.accounts(), 'the administrator has View All Data');`,
            {},
            PRIVATE_ACCOUNTS
        );
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("gives the owner of a contact, opportunity or case read access to its account (implicit sharing)", () => {
        const r = testClass(
            `        User u = standardUser();
        Account theirs = new Account(Name = 'Theirs');
        insert theirs;
        insert new Case(Subject = 'Mine', AccountId = theirs.Id, OwnerId = u.Id);
        System.runAs(u) {
            Assert.areEqual(1, Reader.accounts(), 'read through the owned case');
        }`,
            {},
            PRIVATE_ACCOUNTS
        );
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("refuses a child default more open than the account's (a Salesforce org refuses it)", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new Account(Name = 'Theirs');
        System.runAs(u) {
            Reader.accounts();
        }`,
            {},
            { account: "private" }
        );
        assert.equal(r.passed, false);
        assert.match(
            r.message ?? "",
            /not supported by the local org: sharing model Read on Opportunity with Private on Account/
        );
    });

    it("refuses to deny access when the sources declare a role hierarchy", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new Account(Name = 'Theirs');
        System.runAs(u) {
            Reader.accounts();
        }`,
            {
                "roles/CEO.role-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<Role xmlns="http://soap.sforce.com/2006/04/metadata"><name>CEO</name></Role>`
            },
            PRIVATE_ACCOUNTS
        );
        assert.equal(r.passed, false);
        assert.match(
            r.message ?? "",
            /not supported by the local org: record access to Account with the role hierarchy/
        );
    });

    it("refuses to deny access to an object with sharing rules", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new Account(Name = 'Theirs');
        System.runAs(u) {
            Reader.accounts();
        }`,
            {
                "sharingRules/Account.sharingRules-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<SharingRules xmlns="http://soap.sforce.com/2006/04/metadata"><sharingOwnerRules><fullName>All</fullName></sharingOwnerRules></SharingRules>`
            },
            PRIVATE_ACCOUNTS
        );
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org: record access to Account with sharing rules/);
    });

    it("refuses activity sharing for a user without View All Data", () => {
        const r = testClass(`        User u = standardUser();
        insert new Task(Subject = 'Call');
        System.runAs(u) {
            Reader.tasks();
        }`);
        assert.equal(r.passed, false);
        assert.match(r.message ?? "", /not supported by the local org: record-level sharing: activity sharing/);
    });

    it("refuses a decision that depends on the sharing of a class without a keyword at an entry point", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new Account(Name = 'Theirs');
        Test.startTest();
        System.runAs(u) {
            System.enqueueJob(new CountJob());
        }
        Test.stopTest();`,
            {
                "classes/CountJob.cls": `public class CountJob implements Queueable {
    public void execute(QueueableContext c) { Integer n = [SELECT COUNT() FROM Account]; }
}`
            },
            PRIVATE_ACCOUNTS
        );
        assert.equal(r.passed, false);
        assert.match(
            r.message ?? "",
            /not supported by the local org: the sharing mode of class CountJob \(no sharing keyword/
        );
    });

    it("runs a without sharing class over every record; under sharing a parent the user cannot see fails loudly", () => {
        const object = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>${name}</label><pluralLabel>${name}s</pluralLabel>
<nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus>
<sharingModel>Private</sharingModel></CustomObject>`;
        const r = testClass(
            `        User u = standardUser();
        Gadget__c theirs = new Gadget__c(Name = 'Theirs');
        insert theirs;
        System.runAs(u) {
            Everything.save(new Widget__c(Name = 'Mine', Gadget__c = theirs.Id));
            Assert.areEqual(1, Everything.gadgets(), 'without sharing');
            Assert.areEqual(0, [SELECT COUNT() FROM Gadget__c], 'with sharing');
            List<Widget__c> rows = [SELECT Gadget__r.Name FROM Widget__c];
        }`,
            {
                "classes/Everything.cls": `public without sharing class Everything {
    public static Integer gadgets() { return [SELECT COUNT() FROM Gadget__c]; }
    public static void save(SObject o) { insert o; }
}`,
                "objects/Gadget__c/Gadget__c.object-meta.xml": object("Gadget"),
                "objects/Widget__c/Widget__c.object-meta.xml": object("Widget"),
                "objects/Widget__c/fields/Gadget__c.field-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Gadget__c</fullName><label>Gadget</label>
<type>Lookup</type><referenceTo>Gadget__c</referenceTo><relationshipName>Widgets</relationshipName></CustomField>`
            }
        );
        assert.equal(r.passed, false);
        assert.match(
            r.message ?? "",
            /not supported by the local org: a parent record the running user cannot see under sharing \(Gadget__r → Gadget__c/
        );
    });

    it("defaults an undeclared custom object to Public Read/Write", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new Widget__c(Name = 'Theirs');
        System.runAs(u) {
            Assert.areEqual(1, [SELECT COUNT() FROM Widget__c], 'visible');
        }`,
            {
                "objects/Widget__c/Widget__c.object-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Widget</label><pluralLabel>Widgets</pluralLabel>
<nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus></CustomObject>`
            }
        );
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("keeps the class's mode for WITH SECURITY_ENFORCED and system-mode operations; user mode enforces sharing", () => {
        const r = testClass(
            `        User u = standardUser();
        insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Gadgets'].Id);
        insert new Gadget__c(Name = 'Theirs');
        System.runAs(u) {
            Assert.areEqual(1, Modes.enforcedWithoutSharing(), 'WITH SECURITY_ENFORCED checks permissions, not sharing');
            Assert.areEqual(0, new Modes.WithSharing().systemMode(), 'AccessLevel.SYSTEM_MODE in a with sharing class');
            Assert.areEqual(0, Modes.userModeWithoutSharing(), 'user mode always applies sharing');
        }`,
            {
                "classes/Modes.cls": `public without sharing class Modes {
    public static Integer enforcedWithoutSharing() { return [SELECT Id FROM Gadget__c WITH SECURITY_ENFORCED].size(); }
    public static Integer userModeWithoutSharing() { return Database.query('SELECT Id FROM Gadget__c', AccessLevel.USER_MODE).size(); }
    public with sharing class WithSharing {
        public Integer systemMode() { return Database.query('SELECT Id FROM Gadget__c', AccessLevel.SYSTEM_MODE).size(); }
    }
}`,
                "objects/Gadget__c/Gadget__c.object-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Gadget</label><pluralLabel>Gadgets</pluralLabel>
<nameField><label>Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus>
<sharingModel>Private</sharingModel></CustomObject>`,
                "permissionsets/Gadgets.permissionset-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata"><label>Gadgets</label>
<objectPermissions><object>Gadget__c</object><allowRead>true</allowRead></objectPermissions></PermissionSet>`
            }
        );
        assert.equal(r.passed, true, r.message ?? "");
    });

    it("runs a scheduled job as the user who scheduled it", () => {
        const r = testClass(
            `        User u = standardUser();
        Test.startTest();
        System.runAs(u) {
            System.schedule('Probe', '0 0 1 * * ?', new WhoJob());
        }
        Test.stopTest();
        Assert.areEqual(u.Id, [SELECT OwnerId FROM Account WHERE Name = 'Scheduled'].OwnerId, 'owned by the scheduler');`,
            {
                "classes/WhoJob.cls": `public with sharing class WhoJob implements Schedulable {
    public void execute(SchedulableContext c) { insert new Account(Name = 'Scheduled'); }
}`
            }
        );
        assert.equal(r.passed, true, r.message ?? "");
    });
});
