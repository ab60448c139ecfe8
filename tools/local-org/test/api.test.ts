import assert from "node:assert/strict";
import http from "node:http";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { ApexError } from "../src/index";
import { anon, orgFrom } from "./helpers";

const CONTROLLER = `public with sharing class GreetingController {
    public class Greeting {
        @AuraEnabled public String text;
        @AuraEnabled public Integer count;
        @AuraEnabled public List<String> tags;
    }
    public class Req {
        public String name;
        public Integer times;
    }
    @AuraEnabled
    public static Greeting greet(String name, Integer times, List<String> tags) {
        Greeting g = new Greeting();
        g.text = 'Hello ' + name;
        g.count = times * 2;
        g.tags = tags;
        return g;
    }
    @AuraEnabled
    public static String fromRequest(Req request) {
        return request.name + request.times;
    }
    @AuraEnabled
    public static String boom() {
        throw new AuraHandledException('Friendly message');
    }
    @AuraEnabled
    public static String npe() {
        String s;
        return s.trim();
    }
    public class Later implements Queueable {
        public void execute(QueueableContext ctx) {
            insert new Account(Name = 'queued by ' + ctx.getJobId());
        }
    }
    public class Nightly implements Schedulable {
        public void execute(SchedulableContext ctx) {
            insert new Account(Name = 'nightly');
        }
    }
    @AuraEnabled
    public static String halfDone(Boolean fail) {
        insert new Account(Name = 'first');
        System.enqueueJob(new Later());
        if (fail) {
            throw new AuraHandledException('Stopped');
        }
        return 'done';
    }
    @AuraEnabled
    public static Integer accounts() {
        return [SELECT COUNT() FROM Account];
    }
    @AuraEnabled
    public static String callEmulator() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('callout:Mcp_Api/api/ping?x=1');
        req.setMethod('POST');
        req.setBody('{"hello":"world"}');
        HttpResponse res = new Http().send(req);
        return res.getStatusCode() + ' ' + res.getBody();
    }
}`;

describe("anonymous Apex", () => {
    it("runs statements and captures System.debug", () => {
        assert.deepEqual(
            anon(
                `Integer x = 40; x += 2; System.debug('x=' + x); System.debug(LoggingLevel.ERROR, new List<Integer>{1, 2});`
            ),
            ["x=42", "(1, 2)"]
        );
    });

    it("supports helper methods and classes declared in the script", () => {
        const src = `
Integer twice(Integer n) { return n * 2; }
class Box { public Integer v; Box(Integer v) { this.v = v; } }
Box b = new Box(twice(21));
System.debug(b.v);`;
        assert.deepEqual(anon(src), ["42"]);
        assert.deepEqual(anon(src), ["42"], "a second script may declare the same names");
    });

    it("resolves custom labels from labels/*.labels-meta.xml via Label.X and System.Label.X", () => {
        const org = orgFrom({
            "labels/CustomLabels.labels-meta.xml": `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
    <labels><fullName>Greeting_Text</fullName><language>en_US</language><protected>true</protected><shortDescription>g</shortDescription><value>Hello there</value></labels>
</CustomLabels>`
        });
        const r = org.runAnonymous(`System.debug(Label.Greeting_Text); System.debug(System.Label.greeting_text);`);
        assert.equal(r.error, null);
        assert.deepEqual(
            r.debugLog.map((d) => d.message),
            ["Hello there", "Hello there"]
        );
        const missing = org.runAnonymous(`System.debug(Label.Nope);`);
        assert.match(missing.error ?? "", /not supported by the local org: custom label Nope/);
    });

    it("reports an escaping exception with an AnonymousBlock stack line", () => {
        const org = orgFrom({});
        const r = org.runAnonymous(`Integer a = 1;\nInteger b = a / 0;`);
        assert.equal(r.success, false);
        assert.equal(r.error, "System.MathException: Divide by 0\nAnonymousBlock: line 2, column 1");
    });

    it("is not a test context: callouts without a Named Credential route are refused", () => {
        const org = orgFrom({});
        const r = org.runAnonymous(
            `HttpRequest req = new HttpRequest(); req.setEndpoint('https://example.com'); req.setMethod('GET'); new Http().send(req);`
        );
        assert.equal(r.success, false);
        assert.match(r.error ?? "", /^System\.CalloutException: Unauthorized endpoint/);
    });
});

describe("invokeAuraEnabled", () => {
    const org = orgFrom({ "GreetingController.cls": CONTROLLER });

    it("converts params by name and returns JSON data", async () => {
        const out = await org.invokeAuraEnabled("GreetingController", "greet", { name: "Ada", times: 2, tags: ["a"] });
        assert.deepEqual(out, { text: "Hello Ada", count: 4, tags: ["a"] });
    });

    it("deserialises Apex-class parameters from plain objects", async () => {
        assert.equal(
            await org.invokeAuraEnabled("GreetingController", "fromRequest", { request: { name: "n", times: 3 } }),
            "n3"
        );
    });

    it("surfaces AuraHandledException messages", async () => {
        await assert.rejects(org.invokeAuraEnabled("GreetingController", "boom"), (e: unknown) => {
            assert.ok(e instanceof ApexError);
            assert.equal(e.exceptionType, "System.AuraHandledException");
            assert.equal(e.apexMessage, "Friendly message");
            return true;
        });
    });

    it("rejects with the platform exception for other errors", async () => {
        await assert.rejects(
            org.invokeAuraEnabled("GreetingController", "npe"),
            /System\.NullPointerException: Attempt to de-reference a null object/
        );
    });

    it("rolls back a failed call's DML and forgets the work it queued; a successful call commits both", async () => {
        const fresh = orgFrom({ "GreetingController.cls": CONTROLLER });
        await assert.rejects(fresh.invokeAuraEnabled("GreetingController", "halfDone", { fail: true }), /Stopped/);
        assert.equal(await fresh.invokeAuraEnabled("GreetingController", "accounts"), 0);
        assert.equal(fresh.runAsyncJobs(), 0, "no job left from the failed call");
        assert.equal(await fresh.invokeAuraEnabled("GreetingController", "halfDone", { fail: false }), "done");
        assert.equal(await fresh.invokeAuraEnabled("GreetingController", "accounts"), 2, "the insert and the job");
        const r = fresh.runAnonymous(
            "insert new Account(Name = 'anon'); " +
                "System.schedule('Nightly', '0 0 2 * * ?', new GreetingController.Nightly()); Integer x = 1 / 0;"
        );
        assert.equal(r.success, false);
        assert.equal(fresh.fireScheduledJobs(), 0, "the schedule of the failed script was rolled back");
        const scheduled = fresh.runAnonymous(
            "System.debug([SELECT COUNT() FROM CronTrigger] + ' ' + [SELECT COUNT() FROM CronJobDetail]);"
        );
        assert.deepEqual(
            scheduled.debugLog.map((d) => d.message),
            ["0 0"]
        );
        assert.equal(await fresh.invokeAuraEnabled("GreetingController", "accounts"), 2, "anonymous Apex rolled back");
    });

    it("refuses methods that are not @AuraEnabled", async () => {
        await assert.rejects(org.invokeAuraEnabled("GreetingController", "nope"), /not a static @AuraEnabled method/);
    });
});

/** An HTTP server in a worker thread: the main thread blocks in Atomics.wait during a callout. */
function startServer(): Promise<{ port: number; stop: () => Promise<number> }> {
    const src = `
    const http = require('node:http');
    const { parentPort } = require('node:worker_threads');
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path: req.url, method: req.method, auth: req.headers.authorization, body }));
      });
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  `;
    const w = new Worker(src, { eval: true });
    return new Promise((resolve) => {
        w.once("message", (port: number) => resolve({ port, stop: () => w.terminate() }));
    });
}

describe("real callouts outside tests", () => {
    it("routes callout:Name/path to the configured base URL with Basic auth", async () => {
        const server = await startServer();
        try {
            const org = orgFrom(
                { "GreetingController.cls": CONTROLLER },
                {
                    namedCredentials: {
                        Mcp_Api: {
                            baseUrl: `http://127.0.0.1:${server.port}/base/`,
                            auth: { type: "basic", username: "u", password: "p" }
                        }
                    }
                }
            );
            const out = (await org.invokeAuraEnabled("GreetingController", "callEmulator")) as string;
            const [status, ...rest] = out.split(" ");
            assert.equal(status, "200");
            const echoed = JSON.parse(rest.join(" ")) as { path: string; method: string; auth: string; body: string };
            assert.deepEqual(echoed, {
                path: "/base/api/ping?x=1",
                method: "POST",
                auth: `Basic ${Buffer.from("u:p").toString("base64")}`,
                body: '{"hello":"world"}'
            });
            org.close();
        } finally {
            await server.stop();
        }
    });

    it("merges {!$Credential.OAuthToken} into the body only where the credential allows merge fields in the body", async () => {
        const server = await startServer();
        const apex = `public with sharing class TokenExchange {
    @AuraEnabled
    public static String exchange(String credential) {
        System.HttpRequest req = new System.HttpRequest();
        req.setEndpoint('callout:' + credential + '/services/a360/token');
        req.setMethod('POST');
        req.setBody('subject_token={!$Credential.OAuthToken}');
        return new System.Http().send(req).getBody();
    }
}`;
        try {
            const base = `http://127.0.0.1:${server.port}`;
            const org = orgFrom(
                { "TokenExchange.cls": apex },
                {
                    namedCredentials: {
                        Merging: {
                            baseUrl: base,
                            auth: { type: "bearer", token: "sf-token" },
                            allowMergeFieldsInBody: true
                        },
                        Plain: { baseUrl: base, auth: { type: "bearer", token: "sf-token" } },
                        Basic_Merging: {
                            baseUrl: base,
                            auth: { type: "basic", username: "u", password: "p" },
                            allowMergeFieldsInBody: true
                        }
                    }
                }
            );
            const merged = JSON.parse(
                (await org.invokeAuraEnabled("TokenExchange", "exchange", { credential: "Merging" })) as string
            ) as { body: string; auth: string };
            assert.equal(merged.body, "subject_token=sf-token");
            assert.equal(merged.auth, "Bearer sf-token");
            const plain = JSON.parse(
                (await org.invokeAuraEnabled("TokenExchange", "exchange", { credential: "Plain" })) as string
            ) as { body: string };
            assert.equal(
                plain.body,
                "subject_token={!$Credential.OAuthToken}",
                "no merge without allowMergeFieldsInBody"
            );
            await assert.rejects(
                org.invokeAuraEnabled("TokenExchange", "exchange", { credential: "Basic_Merging" }),
                /not supported by the local org: merge field \{!\$Credential.OAuthToken\}/
            );
            org.close();
        } finally {
            await server.stop();
        }
    });

    it("keeps http imported for type checking of the server helper", () => {
        assert.equal(typeof http.createServer, "function");
    });
});
