import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ApexSyntaxErrors, createLocalOrg } from "../src/index";
import { shortenAntlrMessage } from "../src/parse/syntaxErrors";
import { orgFrom, writeSources } from "./helpers";

function loadError(files: Record<string, string>): ApexSyntaxErrors {
    try {
        orgFrom(files);
    } catch (e) {
        if (e instanceof ApexSyntaxErrors) return e;
        throw e;
    }
    assert.fail("expected ApexSyntaxErrors");
}

describe("syntax errors", () => {
    it("a missing semicolon stops the load with file:line:col and a short message", () => {
        const e = loadError({
            "classes/Bad.cls": `public class Bad {
    public static void m() {
        Integer x = 1
        System.debug(x);
    }
}`
        });
        assert.equal(e.issues.length, 1);
        assert.equal(e.message, "classes/Bad.cls:4:9 missing ';' at 'System'");
    });

    it("lexer errors (bad escapes) are reported too", () => {
        const e = loadError({ "Esc.cls": `public class Esc { String s = 'bad \\q'; }` });
        assert.ok(e.issues.length >= 1);
        assert.match(e.message, /^Esc\.cls:1:\d+ token recognition error/);
    });

    it("long ANTLR expectation sets are truncated", () => {
        const msg = `extraneous input '<EOF>' expecting {${Array.from({ length: 230 }, (_, i) => `'t${i}'`).join(", ")}}`;
        const short = shortenAntlrMessage(msg);
        assert.ok(short.length <= 200, short);
        assert.match(short, /^extraneous input '<EOF>' expecting \{'t0', 't1', 't2', 't3', 't4', 't5', … 224 more\}$/);
    });

    it("every broken file is listed", () => {
        const e = loadError({ "A.cls": "public class A { void m() { x = ; } }", "B.cls": "public class B {" });
        assert.deepEqual([...new Set(e.issues.map((i) => i.file))].sort(), ["A.cls", "B.cls"]);
    });
});

describe("parse cache", () => {
    it("a second load is served from the cache and gives the same AST", () => {
        const dir = writeSources({ "C.cls": "public class C { public static Integer one() { return 1; } }" });
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-cache-"));
        const first = createLocalOrg({ sourceDirs: [dir], cacheDir, displayRoot: dir });
        assert.equal(first.timings.cacheMisses, 1);
        assert.equal(first.timings.cacheHits, 0);
        const second = createLocalOrg({ sourceDirs: [dir], cacheDir, displayRoot: dir });
        assert.equal(second.timings.cacheHits, 1);
        assert.equal(second.timings.cacheMisses, 0);
        assert.deepEqual(second.units, first.units);
        fs.writeFileSync(path.join(dir, "C.cls"), "public class C { public static Integer one() { return 2; } }");
        const third = createLocalOrg({ sourceDirs: [dir], cacheDir, displayRoot: dir });
        assert.equal(third.timings.cacheMisses, 1, "a changed file is re-parsed");
    });

    it("many cache misses are parsed with worker threads and give the same ASTs and errors", () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 14; i++) {
            files[`P${i}.cls`] = `public class P${i} { public static Integer v() { return ${i}; } }`;
        }
        const dir = writeSources(files);
        const sequential = createLocalOrg({ sourceDirs: [dir], cacheDir: null, displayRoot: dir });
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-cache-"));
        const parallel = createLocalOrg({ sourceDirs: [dir], cacheDir, displayRoot: dir });
        assert.deepEqual(parallel.units, sequential.units);
        // (the org may add built-in sources of its own to the 14 project files)
        assert.ok(parallel.timings.cacheMisses >= 14);
        assert.ok(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".json")).length >= 14);
        assert.equal(parallel.runAnonymous("System.debug(P13.v());").debugLog[0]?.message, "13");

        fs.writeFileSync(path.join(dir, "P3.cls"), "public class P3 { Integer x = ; }");
        const broken = fs.mkdtempSync(path.join(os.tmpdir(), "localorg-cache-"));
        assert.throws(
            () => createLocalOrg({ sourceDirs: [dir], cacheDir: broken, displayRoot: dir }),
            (e: unknown) => e instanceof ApexSyntaxErrors && e.issues.every((i) => i.file === "P3.cls")
        );
    });
});
