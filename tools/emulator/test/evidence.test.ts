/**
 * The evidence rule (issue 17): every documented operation the package calls carries public evidence, and no
 * project-defined read is reached by the package except through the optional extended read client.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { contract } from "./helpers";

const FORCE_APP = path.resolve(__dirname, "../../../../force-app/main");
/** The one class that may build the project's own read paths (Insight Source = Extended_API only). */
const EXTENDED_CLIENT = "McpReadClient.cls";

function apexFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return apexFiles(full);
        return name.endsWith(".cls") ? [full] : [];
    });
}

type Operation = Record<string, unknown>;

describe("evidence rule", () => {
    const paths = contract().doc["paths"] as Record<string, Record<string, Operation>>;
    const ops = contract().operations();
    const op = (template: string, method: string): Operation => paths[template]?.[method.toLowerCase()] ?? {};

    it("every mcp-documented operation cites evidence: tag D or O, source, URL and a short quote", () => {
        const documented = ops.filter((o) => o.contract === "mcp-documented");
        assert.ok(documented.length >= 6);
        for (const o of documented) {
            const evidence = op(o.template, o.method)["x-evidence"];
            assert.ok(Array.isArray(evidence) && evidence.length > 0, `${o.method} ${o.template} has no x-evidence`);
            for (const entry of evidence as Array<Record<string, unknown>>) {
                assert.match(String(entry["tag"]), /^[DO]$/, `${o.template}: tag`);
                assert.match(String(entry["url"]), /^https:\/\//, `${o.template}: url`);
                assert.ok(String(entry["source"] ?? "").length > 5, `${o.template}: source`);
                const quote = String(entry["quote"] ?? "");
                assert.ok(quote.length > 10 && quote.length < 400, `${o.template}: short quote`);
            }
        }
    });

    it("every project operation says how the package uses it on a real account, with no evidence claimed", () => {
        for (const o of ops.filter((x) => x.contract === "project")) {
            const entry = op(o.template, o.method);
            assert.deepEqual(entry["x-evidence"], [], `${o.template} claims evidence`);
            assert.match(String(entry["x-package-use"] ?? ""), /Extended_API/, `${o.template}: x-package-use`);
        }
    });

    it("no package class except the extended read client builds a project read path", () => {
        const offenders: string[] = [];
        for (const file of apexFiles(FORCE_APP)) {
            if (path.basename(file) === EXTENDED_CLIENT) continue;
            const source = readFileSync(file, "utf8");
            // the project's own routes: datasets, dataset metadata, identity look-up, affinities, events
            if (/'api\/datasets'|\.path\('(metadata|identity|affinities|events)'\)/.test(source))
                offenders.push(path.relative(FORCE_APP, file));
        }
        assert.deepEqual(offenders, []);
        const extended = readFileSync(
            apexFiles(FORCE_APP).find((f) => f.endsWith(EXTENDED_CLIENT))!,
            "utf8"
        );
        assert.match(extended, /'api\/datasets'/, "the check would see the paths it forbids");
    });
});
