/**
 * Command line of the contract-fixture check.
 * Usage: node dist/tools/e2e/src/check-fixtures.js [apexFixtureFile] [openapiFile]
 *        node dist/tools/e2e/src/check-fixtures.js --literal '<pointer>'   (prints the Apex literal for a pointer)
 */
import fs from "node:fs";
import {
    DEFAULT_APEX,
    DEFAULT_OPENAPI,
    checkFixtures,
    loadOpenApi,
    resolvePointer,
    toApexLiteral
} from "./contract/fixtures";

function main(args: string[]): number {
    if (args[0] === "--literal") {
        process.stdout.write(toApexLiteral(resolvePointer(loadOpenApi(DEFAULT_OPENAPI), args[1] ?? "")) + "\n");
        return 0;
    }
    const results = checkFixtures(
        fs.readFileSync(args[0] ?? DEFAULT_APEX, "utf8"),
        loadOpenApi(args[1] ?? DEFAULT_OPENAPI)
    );
    for (const result of results) {
        const reason = result.reason ? ` (${result.reason})` : "";
        process.stdout.write(`${result.ok ? "ok  " : "FAIL"} ${result.name} ${result.pointer}${reason}\n`);
    }
    const failed = results.filter((result) => !result.ok).length;
    process.stdout.write(`${results.length - failed} fixtures match the contract, ${failed} differ\n`);
    return failed > 0 || results.length === 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
