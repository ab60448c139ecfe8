/**
 * The local org's primary + replica workers: routing, value serialisation, replication of commits, and a
 * replica crash. The pool runs a small fixture Apex class (written to a temp folder) over the demo seed.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import Decimal from "decimal.js";
import { createLocalOrg } from "../../local-org/src/index";
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexId,
    ApexTime,
    NativeObject,
    type Value
} from "../../local-org/src/runtime/values/values";
import { OrgClient, type InvokeOutcome } from "../src/org/orgClient";
import { apply, capture, diff, fullState } from "../src/org/replication";
import { methodKey, Router } from "../src/org/router";
import { fromWire, NotWireableError, sameValue, toWire } from "../src/org/wireValues";
import { DEMO_SEED } from "../src/paths";

/** The outcome without its timing (which every answered call carries; see "timing" below). */
function outcome(r: InvokeOutcome): { ok: boolean; value?: unknown; error?: unknown } {
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
}

const FIXTURE = `public with sharing class WbPoolFixture {
    @AuraEnabled(cacheable=true)
    public static Integer countAccounts(String name) {
        return [SELECT COUNT() FROM Account WHERE Name = :name WITH USER_MODE];
    }
    @AuraEnabled
    public static Integer countAccountsUncached(String name) {
        return [SELECT COUNT() FROM Account WHERE Name = :name WITH USER_MODE];
    }
    @AuraEnabled
    public static Id addAccount(String name) {
        Account a = new Account(Name = name);
        insert as user a;
        return a.Id;
    }
    @AuraEnabled(cacheable=true)
    public static Integer spin(Integer n) {
        Integer s = 0;
        for (Integer i = 0; i < n; i++) {
            s += 1;
        }
        return s;
    }
}
`;

function fixtureDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-pool-"));
    fs.mkdirSync(path.join(dir, "classes"));
    fs.writeFileSync(path.join(dir, "classes/WbPoolFixture.cls"), FIXTURE);
    return dir;
}

describe("router", () => {
    const cacheable = methodKey("Ctl", "cached");
    test("a cacheable method always goes to a replica, whatever it did before", () => {
        const r = new Router([cacheable]);
        assert.deepEqual(r.route("CTL.CACHED"), { target: "replica", reason: "cacheable" });
        r.observe(cacheable, "replica", true);
        assert.equal(r.route(cacheable).target, "replica");
    });
    test("an unseen method runs on the primary; once it completed there without writing, on replicas", () => {
        const r = new Router([]);
        const k = methodKey("Ctl", "read");
        assert.deepEqual(r.route(k), { target: "primary", reason: "not yet observed" });
        r.observe(k, "primary", false);
        assert.deepEqual(r.route(k), { target: "replica", reason: "observed read-only" });
    });
    test("a method seen writing goes to the primary, also after a replica transaction that wrote", () => {
        const r = new Router([]);
        const w = methodKey("Ctl", "write");
        r.observe(w, "primary", true);
        assert.equal(r.route(w).target, "primary");
        r.observe(w, "primary", false);
        assert.deepEqual(r.route(w), { target: "primary", reason: "known writer" });
        const sometimes = methodKey("Ctl", "sometimes");
        r.observe(sometimes, "primary", false);
        assert.equal(r.route(sometimes).target, "replica");
        r.observe(sometimes, "replica", true);
        assert.deepEqual(r.route(sometimes), { target: "primary", reason: "known writer" });
    });
    test("a read-only transaction on a replica does not promote an unseen method", () => {
        const r = new Router([]);
        r.observe("x.y", "replica", false);
        assert.equal(r.route("x.y").target, "primary");
    });
});

describe("wire values", () => {
    const samples: Value[] = [
        null,
        true,
        "text",
        42,
        12345678901234n,
        new ApexId("003Hs00002Jd0AkIAJ"),
        new ApexDatetime(Date.UTC(2026, 10, 29, 1, 2, 3)),
        new ApexDate(2026, 11, 29),
        new ApexTime(3_600_000),
        new ApexDecimal(new Decimal("12.50"), 2),
        new ApexDouble(0.25),
        new ApexBlob(Buffer.from("blob"))
    ];
    test("every stored scalar survives structured clone as its own class with its value", () => {
        for (const v of samples) {
            const back = fromWire(structuredClone(toWire(v)));
            assert.ok(sameValue(v, back), `round trip of ${String(v)}`);
            if (v !== null && typeof v === "object") assert.equal(back?.constructor, v.constructor);
        }
        const dec = fromWire(structuredClone(toWire(new ApexDecimal(new Decimal("12.50"), 2))));
        assert.ok(dec instanceof ApexDecimal);
        assert.equal(dec.toString(), "12.50", "the Decimal keeps its scale");
    });
    test("different values are not the same; objects are refused", () => {
        assert.equal(sameValue(new ApexId("003Hs00002Jd0AkIAJ"), new ApexId("00QHs00003Ld1aZMAR")), false);
        assert.equal(sameValue(new ApexDatetime(1), new ApexDate(1970, 1, 1)), false);
        assert.throws(() => toWire(new NativeObject("HttpRequest", {})), NotWireableError);
    });
});

describe("replication between two orgs", () => {
    test("a transaction's rows and cache entries reach another org; deletions too", () => {
        const dir = fixtureDir();
        const a = createLocalOrg({ sourceDirs: [dir], cacheDir: null });
        const b = createLocalOrg({ sourceDirs: [dir], cacheDir: null });
        apply(b, fullState(a));
        const before = capture(a);
        const r = a.runAnonymous("insert new Account(Name = 'Replicated', NumberOfEmployees = 7);");
        assert.ok(r.success, r.error ?? "");
        const d = diff(a, before);
        assert.ok(d?.wrote, "the insert is a write");
        apply(b, d.changes);
        const rows = [...b.data.store.table("account").values()].filter((x) => x.get("name") === "Replicated");
        assert.equal(rows.length, 1);
        assert.equal(rows[0].get("numberofemployees"), 7);
        assert.ok(rows[0].get("createddate") instanceof ApexDatetime, "system fields keep their Apex class");

        // Platform Cache: a put and a removal travel; a cache-only change is not a write
        for (const org of [a, b]) org.data.cache.partitions.add("wbtest");
        const put = capture(a);
        a.data.cache.put("org", "wbtest", "profileKey1", "profile-1", null);
        const cached = diff(a, put);
        assert.ok(cached, "the put is a change");
        assert.equal(cached.wrote, false, "a cache entry alone is not a row write");
        apply(b, cached.changes);
        assert.equal(b.data.cache.get("org", "wbtest", "profileKey1"), "profile-1");
        const removal = capture(a);
        a.data.cache.remove("org", "wbtest", "profileKey1");
        const removed = diff(a, removal);
        assert.ok(removed, "the removal is a change");
        apply(b, removed.changes);
        assert.equal(b.data.cache.get("org", "wbtest", "profileKey1"), null);

        const del = capture(a);
        a.data.store.table("account").clear();
        const gone = diff(a, del);
        assert.ok(gone?.wrote);
        apply(b, gone.changes);
        assert.equal(b.data.store.table("account").size, 0);
        assert.equal(diff(a, capture(a)), null, "no change, no commit");
        a.close();
        b.close();
    });
});

describe("a pool without replicas", () => {
    test("runs every call, cacheable ones included, on the primary", { timeout: 120_000 }, async () => {
        const pool = await OrgClient.start({
            sourceDirs: [fixtureDir()],
            seedFile: DEMO_SEED,
            emulatorUrl: "http://127.0.0.1:9",
            apiKey: { id: "k", secret: "s" },
            credentialName: "Personalization_MCP",
            cacheDir: path.join(os.tmpdir(), "wb-pool-cache"),
            replicas: 0
        });
        try {
            const r = await pool.invoke("WbPoolFixture", "countAccounts", { name: "None" });
            assert.deepEqual(outcome(r), { ok: true, value: 0 });
            assert.deepEqual(pool.stats().transactions, [1]);
            assert.equal(r.timing?.worker, "primary", "the answer says which worker ran it");
            for (const k of ["waitMs", "captureMs", "apexMs", "diffMs"] as const)
                assert.ok((r.timing?.[k] ?? -1) >= 0, `timing.${k} is a duration`);
        } finally {
            await pool.close();
        }
    });
});

describe("primary + replicas", () => {
    let pool: OrgClient;
    before(
        async () => {
            pool = await OrgClient.start({
                sourceDirs: [fixtureDir()],
                seedFile: DEMO_SEED,
                emulatorUrl: "http://127.0.0.1:9",
                apiKey: { id: "k", secret: "s" },
                credentialName: "Personalization_MCP",
                cacheDir: path.join(os.tmpdir(), "wb-pool-cache"),
                replicas: 2
            });
        },
        { timeout: 120_000 }
    );
    after(async () => {
        await pool?.close();
    });

    test("the seeded demo records are on every worker", async () => {
        assert.deepEqual(pool.seed.counts, {
            Account: 5,
            Contact: 15,
            Lead: 8,
            Case: 2,
            Opportunity: 2,
            OpportunityContactRole: 2
        });
        assert.equal(pool.stats().workers, 3);
        const name = (await pool.records()).Account[0].name;
        for (let i = 0; i < 2; i++) {
            const r = await pool.invoke("WbPoolFixture", "countAccounts", { name });
            assert.deepEqual(outcome(r), { ok: true, value: 1 });
        }
    });

    test("a write on the primary is visible in a replica's next read; an idle primary takes a read only when every replica is busy", async () => {
        const start = pool.stats();
        const added = await pool.invoke("WbPoolFixture", "addAccount", { name: "Pool Written" });
        assert.equal(added.ok, true);
        const afterWrite = pool.stats();
        assert.equal(afterWrite.transactions[0], start.transactions[0] + 1, "the write ran on the primary");
        const one = await pool.invoke("WbPoolFixture", "countAccounts", { name: "Pool Written" });
        assert.deepEqual(outcome(one), { ok: true, value: 1 });
        assert.match(one.timing?.worker ?? "", /^replica-\d$/, "a lone cacheable read runs on a replica");
        const s1 = pool.stats();
        // routed in call order: replica 1, replica 2, then (both busy, primary idle) the primary, then replica 1
        const reads = await Promise.all(
            [1, 2, 3, 4].map(() => pool.invoke("WbPoolFixture", "countAccounts", { name: "Pool Written" }))
        );
        for (const r of reads) assert.deepEqual(outcome(r), { ok: true, value: 1 });
        assert.deepEqual(
            reads.map((r) => r.timing?.worker),
            ["replica-1", "replica-2", "primary", "replica-1"]
        );
        const end = pool.stats();
        assert.deepEqual(
            end.transactions.map((n, i) => n - s1.transactions[i]),
            [1, 2, 1],
            "three reads on replicas, one on the idle primary"
        );
    });

    test("a non-cacheable read runs on the primary once, then on replicas; a second write is seen there", async () => {
        const s0 = pool.stats();
        await pool.invoke("WbPoolFixture", "countAccountsUncached", { name: "Twice" });
        const s1 = pool.stats();
        assert.equal(s1.onPrimary, s0.onPrimary + 1);
        await pool.invoke("WbPoolFixture", "addAccount", { name: "Twice" });
        await pool.invoke("WbPoolFixture", "addAccount", { name: "Twice" });
        const r = await pool.invoke("WbPoolFixture", "countAccountsUncached", { name: "Twice" });
        assert.deepEqual(outcome(r), { ok: true, value: 2 });
        assert.equal(pool.stats().onReplicas, s1.onReplicas + 1, "the read-only method now runs on a replica");
    });

    test("cached read-only Apex: a repeat costs no transaction until a commit writes a table it reads", async () => {
        const script = "System.debug([SELECT COUNT() FROM Account WHERE Name = 'Cached Read' WITH USER_MODE]);";
        const count = (r: { success: boolean; log: string[] }): string => {
            assert.equal(r.success, true, r.log.join("\n"));
            return r.log[r.log.length - 1].split("|").pop() ?? "";
        };
        const s0 = pool.stats();
        const [first, shared] = await Promise.all([
            pool.cachedAnonymous(script, ["Account"]),
            pool.cachedAnonymous(script, ["Account"])
        ]);
        assert.equal(count(first), "0");
        assert.equal(shared, first, "a concurrent asker shares the running look-up");
        const s1 = pool.stats();
        assert.equal(s1.transactions[0], s0.transactions[0] + 1, "one run, on the primary");
        assert.equal(count(await pool.cachedAnonymous(script, ["Account"])), "0");
        const contact = await pool.anonymous("insert as user new Contact(LastName = 'Not An Account');");
        assert.equal(contact.success, true, contact.error ?? "");
        assert.equal(count(await pool.cachedAnonymous(script, ["Account"])), "0");
        const s2 = pool.stats();
        assert.deepEqual(s2.transactions, [s1.transactions[0] + 1, ...s1.transactions.slice(1)], "hits run nothing");
        assert.equal(s2.readHits, s1.readHits + 2);
        // a write of Account on a replica-routed method or the primary drops the answer; the next ask sees it
        assert.equal((await pool.invoke("WbPoolFixture", "addAccount", { name: "Cached Read" })).ok, true);
        assert.equal(count(await pool.cachedAnonymous(script, ["Account"])), "1");
        assert.equal(pool.stats().readMisses, s2.readMisses + 1);
    });

    test("a boxcar runs its calls in order on one worker, each seeing the commits before it; answers come together", async () => {
        const count = { className: "WbPoolFixture", method: "countAccounts", params: { name: "Boxcar" } };
        const add = { className: "WbPoolFixture", method: "addAccount", params: { name: "Boxcar" } };
        const s0 = pool.stats();
        const mixed = await pool.invokeBoxcar([count, add, count]);
        assert.deepEqual(
            mixed.map((r) => outcome(r).value),
            [0, (mixed[1] as { value: unknown }).value, 1],
            "the read after the write sees it"
        );
        assert.deepEqual(
            mixed.map((r) => r.timing?.worker),
            ["primary", "primary", "primary"],
            "a call that must run on the primary takes the boxcar there"
        );
        assert.deepEqual(
            pool.stats().transactions.map((n, i) => n - s0.transactions[i]),
            [3, 0, 0],
            "three transactions, one worker"
        );
        const [first, second] = mixed;
        assert.ok(
            (second.timing?.waitMs ?? 0) >= (first.timing?.apexMs ?? Infinity),
            "the second call waited for the first"
        );
        const reads = await pool.invokeBoxcar([count, count]);
        assert.deepEqual(reads.map(outcome), [
            { ok: true, value: 1 },
            { ok: true, value: 1 }
        ]);
        assert.equal(reads[0].timing?.worker, reads[1].timing?.worker, "one worker");
        assert.match(reads[0].timing?.worker ?? "", /^replica-\d$/, "reads only: a replica");
    });

    test("a replica crash fails the call in flight with the cause, and later calls go to the other replica", async () => {
        const slow = pool.invoke("WbPoolFixture", "spin", { n: 1_000_000_000 });
        await pool.stopReplica(1);
        const r = await slow;
        assert.equal(r.ok, false);
        if (!r.ok) {
            assert.equal(r.error.exceptionType, "LocalOrg.WorkerStopped");
            assert.match(r.error.message, /local org replica 1 stopped/);
        }
        assert.equal(pool.stats().replicasRunning, 1);
        assert.deepEqual(outcome(await pool.invoke("WbPoolFixture", "countAccounts", { name: "Twice" })), {
            ok: true,
            value: 2
        });
        await pool.stopReplica(2);
        const none = await pool.invoke("WbPoolFixture", "countAccounts", { name: "Twice" });
        assert.equal(none.ok, false, "a cacheable call does not fall back to the primary");
        if (!none.ok) assert.match(none.error.message, /no local org replica is running/);
    });
});
