import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { usableBundles, type LwcBundle } from "../src/build/discover";
import { inputFingerprint } from "../src/build/fingerprint";
import { loadLabels } from "../src/build/labels";
import { salesforceModule } from "../src/build/platformModules";
import { readDemoCrm, SeedFileError } from "../src/org/demoCrm";
import { ReadCache, touchedTables } from "../src/org/readCache";
import type { ChangeSet } from "../src/org/replication";
import { parsePermissions, PERMISSION_TABLES } from "../src/server/permissions";
import { parseBoxcar, serverTiming } from "../src/server/server";
import { loadPages, PageDefinitionError, resolvePage, type PageDefinition } from "../src/pages";
import { DEMO_SEED, PAGES_DIR } from "../src/paths";

function tmp(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "workbench-test-"));
}

function bundle(name: string, extra: Partial<LwcBundle> = {}): LwcBundle {
    return {
        name,
        dir: `/x/${name}`,
        built: true,
        hasTemplate: true,
        exposed: true,
        targets: [],
        objects: [],
        properties: [],
        masterLabel: name,
        deps: [],
        ...extra
    };
}

test("labels come from every labels file, values kept verbatim", () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "a/labels"), { recursive: true });
    fs.writeFileSync(
        path.join(dir, "a/labels/CustomLabels.labels-meta.xml"),
        `<?xml version="1.0" encoding="UTF-8"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">\n<labels><fullName>One</fullName><value>Top {0} items &amp; more</value><language>en_US</language><protected>true</protected><shortDescription>One</shortDescription></labels>\n<labels><fullName>Two</fullName><value>0042</value><language>en_US</language><protected>true</protected><shortDescription>Two</shortDescription></labels>\n</CustomLabels>`
    );
    const labels = loadLabels(dir);
    assert.equal(labels.get("One"), "Top {0} items & more");
    assert.equal(labels.get("Two"), "0042", "numeric-looking values stay strings");
});

test("platform modules: Apex, labels, schema, i18n, permissions", () => {
    const labels = new Map([["Hello", "Hi there"]]);
    const missing = new Set<string>();
    assert.match(
        salesforceModule("@salesforce/apex/PersonalizationPageController.loadPage", labels, missing) ?? "",
        /createApexMethod\("PersonalizationPageController\.loadPage"\)/
    );
    assert.equal(salesforceModule("@salesforce/label/c.Hello", labels, missing), 'export default "Hi there";');
    assert.equal(salesforceModule("@salesforce/label/c.Nope", labels, missing), 'export default "[Nope]";');
    assert.deepEqual([...missing], ["Nope"]);
    assert.equal(
        salesforceModule("@salesforce/schema/Contact.Email", labels, missing),
        'export default {"objectApiName":"Contact","fieldApiName":"Email"};'
    );
    assert.equal(
        salesforceModule("@salesforce/schema/Lead", labels, missing),
        'export default {"objectApiName":"Lead"};'
    );
    assert.equal(
        salesforceModule("@salesforce/i18n/timeZone", labels, missing),
        'export default "America/Los_Angeles";'
    );
    // custom permissions come from the local org (wb/permissions), so a fresh install shows the console's refusal
    // read asynchronously, so the module's default export is a live binding updated when the answer lands
    assert.equal(
        salesforceModule("@salesforce/customPermission/Personalization_View_Diagnostics", labels, missing),
        [
            'import { customPermission, onPermissions } from "wb/permissions";',
            'let held = customPermission("Personalization_View_Diagnostics");',
            "onPermissions(() => {",
            '    held = customPermission("Personalization_View_Diagnostics");',
            "});",
            "export { held as default };"
        ].join("\n")
    );
    assert.equal(salesforceModule("@salesforce/userPermission/ModifyAllData", labels, missing), "export default true;");
    assert.equal(salesforceModule("@salesforce/somethingElse/x", labels, missing), null);
});

test("the shared seed file reads into Accounts, Contacts and Leads with API field names", () => {
    const crm = readDemoCrm(DEMO_SEED);
    assert.equal(crm.Account.length, 5);
    assert.equal(crm.Contact.length, 15);
    assert.equal(crm.Lead.length, 8);
    const jane = crm.Contact.find((c) => c.id === "003Hs00002Jd0AkIAJ");
    assert.ok(jane);
    assert.equal(jane.name, "Jane Doe");
    assert.equal(jane.fields.Email, "jane.doe@acme-outdoor.example.com");
    assert.equal(jane.accountName, "Acme Outdoor Co");
    assert.equal("Mcp" in jane.fields, false, "the emulator's mcp block is not a CRM field");
});

test("an unparsable seed file gives a one-line cause and fix", () => {
    const file = path.join(tmp(), "bad.json");
    fs.writeFileSync(file, "{ not json");
    assert.throws(
        () => readDemoCrm(file),
        (e: unknown) => e instanceof SeedFileError && !e.message.includes("\n") && /fix the JSON/.test(e.message)
    );
    fs.writeFileSync(file, JSON.stringify({ accounts: [], contacts: [{ firstName: "x" }], leads: [] }));
    assert.throws(() => readDemoCrm(file), /has no string id/);
});

test("the repository's page definitions load", () => {
    const pages = loadPages(PAGES_DIR);
    const names = pages.map((p) => p.name).sort();
    for (const n of ["contact", "lead", "console", "actions"]) assert.ok(names.includes(n), `page ${n}`);
    assert.equal(pages.find((p) => p.name === "contact")?.object, "Contact");
});

test("a broken page definition is reported with its file and fix", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "x.json"), JSON.stringify({ name: "x", label: "X" }));
    assert.throws(
        () => loadPages(dir),
        (e: unknown) => e instanceof PageDefinitionError && /needs "name", "label" and "columns"/.test(e.message)
    );
});

test("pages resolve like App Builder: defaults, typed values, unknown properties dropped with a warning", () => {
    const page: PageDefinition = {
        name: "p",
        label: "P",
        autoTargets: ["lightning__AppPage"],
        columns: [
            {
                components: [
                    { component: "cmp", properties: { maxItems: "7", hide: "true", bogus: 1 } },
                    { component: "notLanded", properties: { a: 1 } }
                ]
            }
        ]
    };
    const bundles = new Map([
        [
            "cmp",
            bundle("cmp", {
                properties: [
                    { name: "maxItems", type: "Integer", default: "3" },
                    { name: "hide", type: "Boolean", default: "false" },
                    { name: "datafield", type: "String", default: "promos" }
                ]
            })
        ],
        ["consoleCmp", bundle("consoleCmp", { targets: ["lightning__AppPage"] })],
        ["utils", bundle("utils", { hasTemplate: false, targets: ["lightning__AppPage"] })]
    ]);
    const r = resolvePage(page, bundles);
    const placed = r.columns[0].components;
    assert.deepEqual(placed[0], { component: "cmp", properties: { maxItems: 7, hide: true, datafield: "promos" } });
    assert.deepEqual(
        placed[1],
        { component: "notLanded", properties: { a: 1 } },
        "bundles not landed yet stay as placeholders"
    );
    assert.deepEqual(
        placed.map((c) => c.component),
        ["cmp", "notLanded", "consoleCmp"],
        "app-page bundles are added automatically"
    );
    assert.deepEqual(r.warnings, ['p: c-cmp declares no property "bogus" (ignored)']);
});

test("bundles that import a broken or missing bundle are left out of the page, transitively", () => {
    const all = [
        bundle("a", { deps: ["b"] }),
        bundle("b", { deps: ["c"] }),
        bundle("c"),
        bundle("d", { deps: ["ghost"] }),
        bundle("e", { built: false }),
        bundle("f")
    ];
    assert.deepEqual([...usableBundles(all, new Set(["c"]))].sort(), ["f"]);
    assert.deepEqual([...usableBundles(all, new Set())].sort(), ["a", "b", "c", "f"]);
});

/** A commit writing (upsert) and removing (delete) rows of the given tables (lower-cased, as the store has them). */
function commitOf(upserted: string[], deleted: string[] = [], full = false): ChangeSet {
    return {
        full,
        upserts: upserted.map((t): [string, [string, [string, never][]][]] => [t, [["001000000000001AAA", []]]]),
        deletes: deleted.map((t): [string, string[]] => [t, ["001000000000002AAA"]]),
        cache: []
    };
}

test("read cache: one load per key until a commit writes a table it reads; others keep it", async () => {
    const cache = new ReadCache<number>();
    let loads = 0;
    const load = (): Promise<number> => Promise.resolve(++loads);
    assert.equal(await cache.get("perms", PERMISSION_TABLES, load), 1);
    assert.equal(await cache.get("perms", PERMISSION_TABLES, load), 1, "a hit does not load again");
    assert.deepEqual(cache.invalidate(commitOf(["account", "contact"])), [], "other tables keep the entry");
    assert.equal(await cache.get("perms", PERMISSION_TABLES, load), 1);
    assert.deepEqual(cache.invalidate(commitOf(["permissionsetassignment"])), ["perms"], "an assignment drops it");
    assert.equal(await cache.get("perms", PERMISSION_TABLES, load), 2);
    assert.deepEqual(cache.invalidate(commitOf([], ["permissionsetassignment"])), ["perms"], "so does a removal");
    assert.equal(await cache.get("perms", PERMISSION_TABLES, load), 3);
    assert.deepEqual(cache.invalidate(commitOf([], [], true)), ["perms"], "a full state drops everything");
    assert.equal(cache.has("perms"), false);
    assert.deepEqual([...touchedTables(commitOf(["a"], ["b"]))].sort(), ["a", "b"]);
});

test("read cache: concurrent askers share one load; a commit while it runs keeps its outcome out", async () => {
    const cache = new ReadCache<string>();
    let loads = 0;
    let finish: (v: string) => void = () => undefined;
    const slow = (): Promise<string> => {
        loads++;
        return new Promise((resolve) => (finish = resolve));
    };
    const a = cache.get("k", ["PermissionSetAssignment"], slow);
    const b = cache.get("k", ["permissionsetassignment"], slow);
    assert.equal(loads, 1, "the second asker waits for the running load");
    assert.deepEqual(cache.invalidate(commitOf(["permissionsetassignment"])), ["k"]);
    finish("before the commit");
    assert.deepEqual(await Promise.all([a, b]), ["before the commit", "before the commit"]);
    assert.equal(cache.has("k"), false, "an outcome that may predate the commit is not kept");
    assert.equal(await cache.get("k", ["permissionsetassignment"], () => Promise.resolve("after")), "after");
});

test("read cache: a refused outcome or a failed load is not kept", async () => {
    const cache = new ReadCache<{ success: boolean }>();
    const ok = (r: { success: boolean }): boolean => r.success;
    assert.deepEqual(await cache.get("k", ["user"], () => Promise.resolve({ success: false }), ok), { success: false });
    assert.equal(cache.has("k"), false);
    await assert.rejects(cache.get("k", ["user"], () => Promise.reject(new Error("worker stopped")), ok));
    assert.equal(cache.has("k"), false);
    assert.deepEqual(await cache.get("k", ["user"], () => Promise.resolve({ success: true }), ok), { success: true });
    assert.equal(cache.has("k"), true);
});

test("permissions are read from the customPermissions script's debug log, names lower-cased", () => {
    assert.deepEqual(
        parsePermissions(["USER_DEBUG|hello", 'DEBUG|{"Personalization_Admin_Console":true,"Other":false,"X":"yes"}']),
        { personalization_admin_console: true, other: false, x: false }
    );
    assert.deepEqual(parsePermissions(["DEBUG|{not json", "DEBUG|[1]"]), {});
    assert.deepEqual(parsePermissions([]), {});
});

test("Server-Timing of an Apex call: total, wait, worker phases and the worker's name; none when the worker stopped", () => {
    const header = serverTiming(
        { worker: "replica-2", waitMs: 1.26, captureMs: 0.2, apexMs: 168.04, diffMs: 0.1 },
        172.5
    )["Server-Timing"];
    assert.equal(
        header,
        'total;dur=172.5, wait;dur=1.3, capture;dur=0.2, apex;dur=168.0, diff;dur=0.1, worker;desc="replica-2"'
    );
    assert.deepEqual(serverTiming(undefined, 3), {});
});

test("a boxcar request names Class.method and a JSON object of parameters per call; anything else is refused", () => {
    assert.deepEqual(
        parseBoxcar(
            JSON.stringify({
                actions: [
                    { name: "PersonalizationPageController.loadPage", params: { request: { parts: [] } } },
                    { name: "ns.Ctl.read" }
                ]
            })
        ),
        [
            { className: "PersonalizationPageController", method: "loadPage", params: { request: { parts: [] } } },
            { className: "ns.Ctl", method: "read", params: {} }
        ]
    );
    for (const bad of [
        "",
        "[]",
        '{"actions":[]}',
        '{"actions":[{"name":"nodot"}]}',
        '{"actions":[{"name":"A.b","params":[1]}]}'
    ])
        assert.equal(typeof parseBoxcar(bad), "string", bad);
});

test("the browser build's fingerprint follows file contents, not modification times", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-fp-"));
    const file = path.join(dir, "a.js");
    fs.writeFileSync(file, "export default 1;");
    const first = inputFingerprint([dir]);
    fs.utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    assert.equal(inputFingerprint([dir]), first, "a rewrite with the same content keeps the build");
    fs.writeFileSync(file, "export default 2;");
    assert.notEqual(inputFingerprint([dir]), first, "a changed file rebuilds");
    fs.rmSync(dir, { recursive: true, force: true });
});
