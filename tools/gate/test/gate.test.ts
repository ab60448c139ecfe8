import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { Finding, PrerequisiteError, formatFinding } from "../src/findings";
import { repoRoot } from "../src/processes";
import { checkApexSemantics } from "../src/steps/apexLs";
import { runCodeAnalyzer } from "../src/steps/codeAnalyzer";
import { compileLwcBundles } from "../src/steps/lwcPlatformCompile";
import { validateMetadata } from "../src/steps/metadata";
import { checkReferences } from "../src/steps/references";
import { checkFormatting } from "../src/steps/prettierCheck";
import { applyNamespace, stageNamespacedProject } from "../src/namespace";
import { checkApexDomains } from "../src/steps/apexDomains";
import { checkPackageRules, findNamespaceLeaks } from "../src/steps/packageRules";
import { checkLocalOrgImports } from "../src/steps/localOrgImports";
import { buildComponents } from "../src/steps/typescriptBuild";
import { plannedGates } from "../src/testRunner";

/** Every fixture plants exactly one kind of defect; these tests prove each gate step catches it. */
const fixture = (name: string): string => path.join(repoRoot(), "tools", "gate", "fixtures", name);

function assertCaught(findings: Finding[], file: string, pattern: RegExp): void {
    const lines = findings.map(formatFinding);
    assert.ok(
        findings.some((f) => (f.file ?? "").endsWith(file) && pattern.test(formatFinding(f))),
        `expected a finding in ${file} matching ${pattern}, got:\n${lines.join("\n") || "(none)"}`
    );
}

describe("quality gate catches planted defects", { concurrency: true }, () => {
    it("lint: an Apex syntax error fails prettier with the Apex parser message", async () => {
        const result = await checkFormatting(fixture("apex-syntax-error"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "MissingSemicolon.cls", /apex-syntax .*Unexpected token 'return'/);
    });

    it("scan: an Apex type error fails apex-ls", async () => {
        const result = await checkApexSemantics(fixture("apex-type-error"));
        assert.equal(result.ok, false);
        assertCaught(
            result.findings,
            "WrongType.cls",
            /:3:.*Incompatible types in assignment, from 'System.String' to 'System.Integer'/
        );
    });

    it("scan: an unknown custom field fails apex-ls (known fields pass)", async () => {
        const result = await checkApexSemantics(fixture("apex-unknown-field"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "UnknownField.cls", /:4:.*Unknown field 'Colour__c'/);
        assert.equal(result.findings.length, 1, "Size__c exists in the object metadata and must not be reported");
    });

    it("scan: SOQL injection, a missing CRUD/FLS check and a hard-coded endpoint fail Code Analyzer; clean code passes", async () => {
        const result = await runCodeAnalyzer([path.join(fixture("security-defects"), "force-app")]);
        assert.equal(result.ok, false);
        assertCaught(result.findings, "SoqlInjection.cls", /sev[12] pmd:ApexSOQLInjection/);
        assertCaught(result.findings, "MissingCrudCheck.cls", /sev[12] pmd:ApexCRUDViolation/);
        assertCaught(
            result.findings,
            "HardcodedEndpoint.cls",
            /:4:.*sev2 regex:NoHardcodedEndpoint .*Named Credential/
        );
        const falsePositives = result.findings.filter((f) => (f.file ?? "").endsWith("SafeCallout.cls"));
        assert.deepEqual(falsePositives.map(formatFinding), [], "callout: endpoints and USER_MODE queries are clean");
    });

    it("build: a TypeScript type error in a component fails the build", async () => {
        const result = await buildComponents(fixture("ts-type-error"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "scoreBadge.ts", /:7:.*TS2322 Type 'string' is not assignable to type 'number'/);
    });

    it("validate: malformed metadata XML fails with the line", () => {
        const result = validateMetadata(fixture("malformed-xml"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "Score__c.field-meta.xml", /:5 xml XML not well-formed: .*precision/);
    });

    it("validate: an LWC template the platform compiler rejects fails", async () => {
        const result = await compileLwcBundles(fixture("lwc-template-error"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "itemList.html", /LWC1071 .*Missing key for element <p> inside of iterator/);
    });

    it("validate: an unknown Custom Label, a non-@AuraEnabled Apex import and an undescribed invocable variable are reported (known ones pass)", () => {
        const result = checkReferences(fixture("broken-references"));
        assertCaught(result.findings, "greeter.ts", /:3 label unknown Custom Label c.Greeting_Missing/);
        assertCaught(
            result.findings,
            "greeter.ts",
            /:4 apex-import GreeterController.greet is not an @AuraEnabled method/
        );
        assertCaught(
            result.findings,
            "GreetAction.cls",
            /invocable @InvocableVariable without description \(agents and Flow Builder read them\)/
        );
        assert.equal(
            result.findings.length,
            3,
            "Greeting_Hello exists, and the described variable and method must not be reported"
        );
    });

    it("validate: an incomplete LWC bundle is reported", () => {
        const result = validateMetadata(fixture("ts-type-error"));
        assertCaught(result.findings, "scoreBadge", /missing scoreBadge.js-meta.xml/);
    });
});

describe("one-way rooms (issue 23)", () => {
    it("validate: two domains that reference each other fail, a one-way arrow, a test and a comment do not", () => {
        const result = checkApexDomains(fixture("domain-cycle"));
        assert.equal(result.ok, false);
        assert.equal(result.findings.length, 1, result.findings.map(formatFinding).join("\n"));
        const message = result.findings[0].message;
        assert.match(message, /the domains alpha, beta reference each other in a circle/);
        assert.match(message, /alpha → beta \(AlphaService → BetaRules\)/);
        assert.match(message, /beta → alpha \(BetaRules → AlphaService\)/);
        assert.doesNotMatch(message, /gamma/);
    });

    it("validate: outside the api room no class constructs an MCP client or a raw request", () => {
        const result = checkApexDomains(fixture("mcp-access"));
        assert.equal(result.ok, false);
        assertCaught(result.findings, "SalesService.cls", /:4 mcp-access constructs McpOrderClient: ask McpClients/);
        assertCaught(result.findings, "SalesService.cls", /:5 mcp-access builds a raw MCP request/);
        assert.equal(result.findings.length, 2, result.findings.map(formatFinding).join("\n"));
    });

    it("validate: an import circle in the local org fails, naming every module in it", async () => {
        const result = await checkLocalOrgImports(fixture("import-circle"));
        assert.equal(result.ok, false);
        assert.equal(result.findings.length, 1, result.findings.map(formatFinding).join("\n"));
        assert.match(
            formatFinding(result.findings[0]),
            /import-circle .*data\/store\.ts → runtime\/clock\.ts → data\/store\.ts/
        );
        assert.doesNotMatch(formatFinding(result.findings[0]), /values/);
    });

    it("validate: the local org has no import circle", async () => {
        const result = await checkLocalOrgImports(repoRoot());
        assert.deepEqual(result.findings.map(formatFinding), []);
    });

    it("validate: the package's own rooms reference each other one way only", () => {
        const result = checkApexDomains(repoRoot());
        assert.deepEqual(result.findings.map(formatFinding), []);
    });
});

describe("packaging with a namespace (issue 22)", () => {
    const project = fixture("package-defects");

    it("validate: a wrapped <parameterValue>, an unknown $Credential, a scheduled class with dependencies, a missing metadata notice and a public dynamic picklist fail", () => {
        const result = checkPackageRules(project);
        assert.equal(result.ok, false);
        assertCaught(
            result.findings,
            "Fixture_Api.externalCredential-meta.xml",
            /:8 credential <parameterValue> must be one line/
        );
        assertCaught(
            result.findings,
            "Fixture_Api.externalCredential-meta.xml",
            /credential \$Credential\.Other_Api names no External Credential/
        );
        assertCaught(
            result.findings,
            "NightlyJob.cls",
            /:3 upgrade-lock scheduled class references SettingsDeployer directly/
        );
        assertCaught(
            result.findings,
            "sfdx-project.json",
            /metadata-notice .*versionDescription must carry the notice/
        );
        assertCaught(
            result.findings,
            "ColourPicklist.cls",
            /:1 picklist a VisualEditor.DynamicPickList must be global/
        );
        assert.equal(result.findings.length, 5, result.findings.map(formatFinding).join("\n"));
    });

    it("the namespace rewrite qualifies the property editor and every $Credential reference, nothing else", () => {
        assert.equal(
            applyNamespace("A.cls", "@InvocableMethod(label='x' configurationEditor='c-my-editor')", "acme"),
            "@InvocableMethod(label='x' configurationEditor='acme-my-editor')"
        );
        assert.equal(
            applyNamespace(
                "C.externalCredential-meta.xml",
                "{!$Credential.Api.User & $Credential.acme__Api.Key}",
                "acme"
            ),
            "{!$Credential.acme__Api.User & $Credential.acme__Api.Key}"
        );
        assert.equal(applyNamespace("A.cls", "String s = 'c-my-editor';", "acme"), "String s = 'c-my-editor';");
        assert.equal(
            applyNamespace("A.cls", "configurationEditor='c-x'", ""),
            "configurationEditor='c-x'",
            "no namespace: unchanged"
        );
    });

    it("validate: after staging with a namespace, a c- name and a written-out custom metadata full name survive and are reported", () => {
        const out = mkdtempSync(path.join(os.tmpdir(), "gate-ns-"));
        try {
            const staged = stageNamespacedProject(project, out, "acme");
            assert.ok(
                staged.rewritten.some((f) => f.endsWith("SendAction.cls")),
                "the editor annotation was rewritten"
            );
            const project2 = JSON.parse(readFileSync(path.join(out, "sfdx-project.json"), "utf8")) as {
                namespace: string;
            };
            assert.equal(project2.namespace, "acme", "the staged project carries the namespace");
            const leaks = findNamespaceLeaks(path.join(out, "force-app"), "acme", path.join(out, "force-app"));
            assertCaught(
                leaks,
                "SendAction.cls",
                /:8 namespace 'c-my-editor' names a package component in the c namespace/
            );
            assertCaught(
                leaks,
                "SettingsDeployer.cls",
                /:4 namespace 'Fixture_Settings__mdt.Default' is a custom metadata full name written out/
            );
            assert.equal(leaks.length, 2, leaks.map(formatFinding).join("\n"));
        } finally {
            rmSync(out, { recursive: true, force: true });
        }
    });
});

describe("the package's own invocable actions", () => {
    it("describe every input and output for agents and Flow Builder", () => {
        const agentDir = path.join(repoRoot(), "force-app", "main", "agent", "classes");
        const actions = ["GetCustomerInterestsAction", "GetNextBestOffersAction", "RecordOfferResponseAction"];
        for (const action of actions) {
            const source = readFileSync(path.join(agentDir, `${action}.cls`), "utf8");
            const variables = source.match(/@InvocableVariable\b/g) ?? [];
            assert.ok(variables.length >= 3, `${action} declares its inputs and outputs`);
            assert.equal((source.match(/@InvocableMethod\b/g) ?? []).length, 1, `${action}: one action`);
        }
        const invocable = checkReferences(repoRoot()).findings.filter((f) => f.code === "invocable");
        assert.deepEqual(invocable.map(formatFinding), [], "every invocable has a label and a description");
    });
});

describe("quality gate fails loudly when it cannot run", () => {
    it("apex-ls without Java gives a one-line cause and fix", async () => {
        const savedPath = process.env.PATH;
        process.env.PATH = "/nonexistent";
        try {
            await assert.rejects(checkApexSemantics(fixture("apex-type-error")), (error: unknown) => {
                assert.ok(error instanceof PrerequisiteError);
                assert.match(error.message, /^'java' was not found\. Fix: install a Java 17 runtime/);
                assert.equal(error.message.includes("\n"), false);
                return true;
            });
        } finally {
            process.env.PATH = savedPath;
        }
    });
});

describe("npm test runner", () => {
    const project = fixture("runner-project");

    it("plans the static gates first, then each test:<suite>, ignoring sub-scripts", () => {
        assert.deepEqual(plannedGates(project), ["build", "lint", "test:alpha"]);
    });

    it("keeps going after a failure, times each gate, and ends with the count line", () => {
        const cli = path.join(repoRoot(), "dist", "tools", "gate", "src", "testRunner.js");
        const run = spawnSync(
            process.execPath,
            [
                "-e",
                `require(${JSON.stringify(cli)}).runAllGates(${JSON.stringify(project)}).then((c) => process.exit(c))`
            ],
            { encoding: "utf8" }
        );
        assert.equal(run.status, 1, "a failed gate makes the run fail");
        assert.match(run.stdout, /alpha ran/, "gates after the failure still ran");
        assert.match(run.stdout, /lint\s+\d+\.\d s\s+FAILED \(exit 3\)/);
        const lines = run.stdout.trim().split("\n");
        assert.equal(lines[lines.length - 1], "2 passed, 1 failed");
    });
});
