import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { Finding, StepResult, resultOf } from '../findings';
import { listFiles } from '../projectFiles';
import { repoRoot } from '../processes';

/** What prettier checks: Apex (parsed by Salesforce's own Apex parser), TypeScript, HTML, CSS, metadata XML. */
const CHECKED = /\.(cls|trigger|ts|html|css|xml)$/;
const APEX = /\.(cls|trigger)$/;

/**
 * `prettier --check` through the API over `<root>/force-app` (and, for the project itself, the
 * tools' TypeScript). prettier-plugin-apex parses with Salesforce's Jorje parser, so an Apex syntax
 * error fails here with the parser's message; unformatted files fail too.
 */
export async function checkFormatting(root: string): Promise<StepResult> {
    const configFile = path.join(repoRoot(), '.prettierrc');
    const isProject = path.resolve(root) === repoRoot();
    const ignorePath = isProject ? path.join(repoRoot(), '.prettierignore') : undefined;
    const folders = isProject ? ['force-app', 'tools'] : ['force-app'];
    const files = folders.flatMap((folder) =>
        listFiles(path.join(root, folder), (f) => CHECKED.test(f) && !f.endsWith('.d.ts'))
    );

    const findings: Finding[] = [];
    let checked = 0;
    for (const file of files) {
        const relative = path.relative(root, file);
        if (ignorePath && (await prettier.getFileInfo(file, { ignorePath })).ignored) {
            continue;
        }
        checked++;
        const options = (await prettier.resolveConfig(file, { config: configFile })) ?? {};
        try {
            const formatted = await prettier.check(readFileSync(file, 'utf8'), { ...options, filepath: file });
            if (!formatted) {
                findings.push({ file: relative, code: 'prettier', message: "not formatted: run 'npm run format'" });
            }
        } catch (error) {
            findings.push({
                file: relative,
                line: lineOf(error),
                code: APEX.test(file) ? 'apex-syntax' : 'syntax',
                message: firstLine(error instanceof Error ? error.message : String(error))
            });
        }
    }
    return resultOf('prettier', findings, [`${checked} files checked`]);
}

function lineOf(error: unknown): number | undefined {
    const loc = (error as { loc?: { start?: { line?: number } } }).loc;
    return loc?.start?.line;
}

function firstLine(text: string): string {
    return text.split('\n')[0].trim();
}
