import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orgFrom } from "../helpers";

const FIELD = (name: string, type: string, extra = ""): string =>
    `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName><label>${name}</label><type>${type}</type>${extra}</CustomField>`;

const SOURCES = {
    "objects/Knob__mdt/Knob__mdt.object-meta.xml": `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Knob</label><pluralLabel>Knobs</pluralLabel></CustomObject>`,
    "objects/Knob__mdt/fields/Text__c.field-meta.xml": FIELD("Text__c", "Text", "<length>40</length>"),
    "objects/Knob__mdt/fields/On__c.field-meta.xml": FIELD("On__c", "Checkbox", "<defaultValue>false</defaultValue>"),
    "objects/Knob__mdt/fields/Size__c.field-meta.xml": FIELD(
        "Size__c",
        "Number",
        "<precision>5</precision><scale>0</scale>"
    ),
    "customMetadata/Knob.Default.md-meta.xml": `<?xml version="1.0" encoding="UTF-8"?><CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><label>Default</label><protected>false</protected><values><field>Text__c</field><value xsi:type="xsd:string">old</value></values></CustomMetadata>`,
    "classes/Recorder.cls": `public class Recorder implements Metadata.DeployCallback {
    public void handleResult(Metadata.DeployResult result, Metadata.DeployCallbackContext context) {
        String failures = '';
        for (Metadata.DeployMessage m : result.details.componentFailures) failures += m.fullName + ' ' + m.problem + ';';
        insert new Account(Name = String.valueOf(result.status) + '|' + result.success + '|' + failures);
    }
}`
};

/** Anonymous Apex deploying Knob records; `values` is Apex source of `field => value` pairs per record. */
function deploy(records: Record<string, string>): string {
    let src = "Metadata.DeployContainer c = new Metadata.DeployContainer();\n";
    for (const [fullName, values] of Object.entries(records)) {
        src += `{ Metadata.CustomMetadata r = new Metadata.CustomMetadata(); r.fullName = '${fullName}'; r.label = 'L';
  Map<String, Object> vs = new Map<String, Object>{ ${values} };
  for (String f : vs.keySet()) { Metadata.CustomMetadataValue v = new Metadata.CustomMetadataValue(); v.field = f; v.value = vs.get(f); r.values.add(v); }
  c.addMetadata(r); }\n`;
    }
    return `${src}Id jobId = Metadata.Operations.enqueueDeployment(c, new Recorder());\nSystem.debug(jobId != null);`;
}

describe("Metadata.Operations.enqueueDeployment (custom metadata records)", () => {
    it("updates and creates records after the transaction and reports success to the callback", () => {
        const org = orgFrom(SOURCES);
        const r = org.runAnonymous(
            deploy({
                "Knob__mdt.Default": "'Text__c' => 'new', 'On__c' => true, 'Size__c' => 7",
                "Knob.Second": "'Text__c' => 'two'"
            })
        );
        assert.equal(r.success, true, r.error ?? "");
        assert.deepEqual(
            r.debugLog.map((d) => d.message),
            ["true"]
        );
        const check = org.runAnonymous(
            `for (Knob__mdt k : [SELECT DeveloperName, Text__c, On__c, Size__c FROM Knob__mdt ORDER BY DeveloperName]) System.debug(k.DeveloperName + ' ' + k.Text__c + ' ' + k.On__c + ' ' + k.Size__c);
System.debug([SELECT Name FROM Account].Name);`
        );
        assert.deepEqual(
            check.debugLog.map((d) => d.message),
            ["Default new true 7", "Second two false null", "Succeeded|true|"]
        );
        org.close();
    });

    it("is all-or-nothing: an unknown field fails the deployment and changes no record", () => {
        const org = orgFrom(SOURCES);
        const r = org.runAnonymous(
            deploy({ "Knob__mdt.Default": "'Text__c' => 'new'", "Knob__mdt.Other": "'Missing__c' => 1" })
        );
        assert.equal(r.success, true, r.error ?? "");
        const check = org.runAnonymous(
            `System.debug([SELECT Text__c FROM Knob__mdt WHERE DeveloperName = 'Default'].Text__c + ' ' + [SELECT COUNT() FROM Knob__mdt]);
System.debug([SELECT Name FROM Account].Name);`
        );
        assert.deepEqual(
            check.debugLog.map((d) => d.message),
            ["old 1", "Failed|false|Knob__mdt.Other no field Missing__c on Knob__mdt;"]
        );
        org.close();
    });

    it("refuses in a test context, as the platform does", () => {
        const org = orgFrom({
            ...SOURCES,
            "classes/DeployTest.cls": `@IsTest private class DeployTest {
    @IsTest static void deploys() {
        Metadata.Operations.enqueueDeployment(new Metadata.DeployContainer(), null);
    }
}`
        });
        const run = org.runTests({});
        const result = run.results.find((t) => t.methodName.toLowerCase() === "deploys");
        assert.equal(result?.passed, false);
        assert.match(result?.message ?? "", /cannot be deployed from within a test/);
        org.close();
    });
});
