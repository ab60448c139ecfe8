import { readFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { Finding, StepResult, resultOf } from "../findings";
import { listFiles } from "../projectFiles";
import { repoRoot } from "../processes";

/** What prettier checks: Apex (parsed by Salesforce's own Apex parser), TypeScript, HTML, CSS, metadata XML. */
const CHECKED = /\.(cls|trigger|ts|html|css|xml)$/;
const APEX = /\.(cls|trigger)$/;
const PARALLEL_CHECKS = 4;

/**
 * `prettier --check` through the API over `<root>/force-app` (and, for the project itself, the
 * tools' TypeScript). prettier-plugin-apex parses with Salesforce's Jorje parser, so an Apex syntax
 * error fails here with the parser's message; unformatted files fail too.
 */
export async function checkFormatting(root: string): Promise<StepResult> {
    const configFile = path.join(repoRoot(), ".prettierrc");
    const isProject = path.resolve(root) === repoRoot();
    const ignorePath = isProject ? path.join(repoRoot(), ".prettierignore") : undefined;
    const folders = isProject ? ["force-app", "tools", "mcp"] : ["force-app"];
    const files = folders.flatMap((folder) =>
        listFiles(path.join(root, folder), (f) => CHECKED.test(f) && !f.endsWith(".d.ts"))
    );

    const findings: Finding[] = [];
    let checked = 0;
    const checkOne = async (file: string): Promise<void> => {
        if (ignorePath && (await prettier.getFileInfo(file, { ignorePath })).ignored) {
            return;
        }
        checked++;
        findings.push(...(await checkFile(file, path.relative(root, file), configFile)));
    };
    // Apex files are parsed by a native executable per file: a few in flight at once hide its start-up.
    await runPooled(files, PARALLEL_CHECKS, checkOne);
    findings.sort((a, b) => (a.file ?? "").localeCompare(b.file ?? ""));
    return resultOf("prettier", findings, [`${checked} files checked`]);
}

async function checkFile(file: string, relative: string, configFile: string): Promise<Finding[]> {
    const options = (await prettier.resolveConfig(file, { config: configFile })) ?? {};
    try {
        const formatted = await prettier.check(readFileSync(file, "utf8"), { ...options, filepath: file });
        return formatted ? [] : [{ file: relative, code: "prettier", message: "not formatted: run 'npm run format'" }];
    } catch (error) {
        return [
            {
                file: relative,
                line: lineOf(error),
                code: APEX.test(file) ? "apex-syntax" : "syntax",
                message: firstLine(error instanceof Error ? error.message : String(error))
            }
        ];
    }
}

async function runPooled<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            await work(items[next++]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

function lineOf(error: unknown): number | undefined {
    const loc = (error as { loc?: { start?: { line?: number } } }).loc;
    return loc?.start?.line;
}

function firstLine(text: string): string {
    return text.split("\n")[0].trim();
}
