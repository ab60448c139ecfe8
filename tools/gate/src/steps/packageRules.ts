import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Finding, StepResult, resultOf } from "../findings";
import { listFiles, listLwcBundles } from "../projectFiles";

/**
 * Package rules that only a subscriber org would otherwise reveal (issue 22), checked on source text:
 * - credential metadata keeps every `<parameterValue>` on one line without surrounding whitespace (a header formula
 *   that starts with a newline is sent with it) and its `$Credential.X.` references name credentials of the package;
 * - a Schedulable class references no other package class: scheduled jobs lock the scheduled class and what it
 *   references against upgrades, so it instantiates its work through `Type.forName`;
 * - a package that deploys metadata from Apex carries the install notice in its version description;
 * - after the namespace is applied ({@link findNamespaceLeaks}), no `c-` component name and no hard-coded custom
 *   metadata full name is left in Apex, and every `$Credential` reference is qualified.
 */
export function checkPackageRules(root: string): StepResult {
    const source = path.join(root, "force-app");
    const findings = [
        ...checkCredentialXml(root, source),
        ...checkScheduledClasses(root, source),
        ...checkMetadataNotice(root, source),
        ...checkDynamicPicklists(root, source)
    ];
    return resultOf("package-rules", findings);
}

/** An Apex source split into code (string literals blanked, comments removed) and its string literals. */
interface ApexText {
    code: string;
    strings: { value: string; index: number }[];
}

/** Strips comments and collects string literals of Apex source (offsets are kept, so lines stay right). */
export function scanApex(source: string): ApexText {
    let code = "";
    const strings: { value: string; index: number }[] = [];
    let i = 0;
    while (i < source.length) {
        const c = source[i];
        const next = source[i + 1];
        if (c === "/" && next === "/") {
            while (i < source.length && source[i] !== "\n") {
                code += " ";
                i++;
            }
        } else if (c === "/" && next === "*") {
            const end = source.indexOf("*/", i + 2);
            const stop = end < 0 ? source.length : end + 2;
            code += source.slice(i, stop).replace(/[^\n]/g, " ");
            i = stop;
        } else if (c === "'") {
            const start = i;
            let value = "";
            i++;
            while (i < source.length && source[i] !== "'") {
                if (source[i] === "\\" && i + 1 < source.length) {
                    value += source[i + 1];
                    i += 2;
                } else {
                    value += source[i++];
                }
            }
            i++;
            strings.push({ value, index: start });
            code += "'" + " ".repeat(Math.max(0, i - start - 2)) + "'";
        } else {
            code += c;
            i++;
        }
    }
    return { code, strings };
}

function lineOf(text: string, index: number): number {
    return text.slice(0, index).split("\n").length;
}

function isTestClass(code: string): boolean {
    return /@IsTest\b[^{;]*\bclass\b/i.test(code);
}

function apexClasses(dir: string): string[] {
    return listFiles(dir, (f) => f.endsWith(".cls"));
}

/** `<parameterValue>` on one line, no surrounding whitespace; `$Credential` names a packaged External Credential. */
export function checkCredentialXml(root: string, source: string): Finding[] {
    const findings: Finding[] = [];
    const credentialFiles = listFiles(source, (f) => /\.(externalCredential|namedCredential)-meta\.xml$/.test(f));
    const known = new Set(
        credentialFiles
            .filter((f) => f.endsWith(".externalCredential-meta.xml"))
            .map((f) =>
                path
                    .basename(f)
                    .replace(/\.externalCredential-meta\.xml$/, "")
                    .toLowerCase()
            )
    );
    for (const file of credentialFiles) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(/<parameterValue>([\s\S]*?)<\/parameterValue>/g)) {
            const value = match[1];
            const line = lineOf(text, match.index ?? 0);
            if (/[\r\n]/.test(value) || value !== value.trim()) {
                findings.push({
                    file: path.relative(root, file),
                    line,
                    code: "credential",
                    message:
                        "<parameterValue> must be one line without surrounding whitespace (the platform keeps it; keep credentials out of the formatter, .prettierignore)"
                });
            }
            for (const ref of value.matchAll(/\$Credential\.([A-Za-z][A-Za-z0-9_]*)\./g)) {
                const name = ref[1].includes("__") ? ref[1].slice(ref[1].indexOf("__") + 2) : ref[1];
                if (!known.has(name.toLowerCase())) {
                    findings.push({
                        file: path.relative(root, file),
                        line,
                        code: "credential",
                        message: `$Credential.${ref[1]} names no External Credential of the package`
                    });
                }
            }
        }
    }
    return findings;
}

/**
 * A class handed to `System.schedule` references no other package class (it would be locked with the schedule). Its
 * work may implement `Schedulable` too: only what a schedule holds is checked.
 */
export function checkScheduledClasses(root: string, source: string): Finding[] {
    const files = apexClasses(source);
    const names = new Map(files.map((f) => [path.basename(f, ".cls").toLowerCase(), path.basename(f, ".cls")]));
    const codes = new Map(files.map((f) => [f, scanApex(readFileSync(f, "utf8")).code]));
    const scheduled = new Set<string>();
    for (const code of codes.values()) {
        if (isTestClass(code)) {
            continue;
        }
        for (const call of code.matchAll(/\bSystem\s*\.\s*schedule\s*\([^;]*?\bnew\s+(\w+)\s*\(/gi)) {
            scheduled.add(call[1].toLowerCase());
        }
    }
    const findings: Finding[] = [];
    for (const file of files) {
        const code = codes.get(file) ?? "";
        if (!scheduled.has(path.basename(file, ".cls").toLowerCase())) {
            continue;
        }
        const own = path.basename(file, ".cls").toLowerCase();
        const reported = new Set<string>();
        for (const word of code.matchAll(/\b[A-Za-z_]\w*\b/g)) {
            const name = word[0].toLowerCase();
            if (name !== own && names.has(name) && !reported.has(name)) {
                reported.add(name);
                findings.push({
                    file: path.relative(root, file),
                    line: lineOf(code, word.index ?? 0),
                    code: "upgrade-lock",
                    message: `scheduled class references ${names.get(name)} directly: instantiate its work through Type.forName so the schedule does not lock it`
                });
            }
        }
    }
    return findings;
}

/**
 * A `VisualEditor.DynamicPickList` is `global` with `global` overrides, as Salesforce's examples declare it: App
 * Builder instantiates it from outside the package namespace.
 */
export function checkDynamicPicklists(root: string, source: string): Finding[] {
    const findings: Finding[] = [];
    for (const file of apexClasses(source)) {
        const { code } = scanApex(readFileSync(file, "utf8"));
        const declaration =
            /\b((?:global|public)\b[^{;]*?)\bclass\s+\w+\s+extends\s+VisualEditor\s*\.\s*DynamicPickList\b/i.exec(code);
        if (!declaration) {
            continue;
        }
        const overrides = [...code.matchAll(/\b(public|global)\s+override\s+VisualEditor\s*\.\s*\w+\s+(\w+)\s*\(/gi)];
        if (!/\bglobal\b/i.test(declaration[1]) || overrides.some((m) => m[1].toLowerCase() !== "global")) {
            findings.push({
                file: path.relative(root, file),
                line: lineOf(code, declaration.index),
                code: "picklist",
                message:
                    "a VisualEditor.DynamicPickList must be global, with global getDefaultValue/getValues overrides"
            });
        }
    }
    return findings;
}

/** The ISVforce notice: "notify the user in the description of your package" when Apex deploys metadata. */
export function checkMetadataNotice(root: string, source: string): Finding[] {
    const deploys = apexClasses(source).some((f) => {
        const { code } = scanApex(readFileSync(f, "utf8"));
        return !isTestClass(code) && /Metadata\s*\.\s*Operations\s*\.\s*enqueueDeployment/i.test(code);
    });
    const projectFile = path.join(root, "sfdx-project.json");
    if (!deploys || !existsSync(projectFile)) {
        return [];
    }
    const project = JSON.parse(readFileSync(projectFile, "utf8")) as {
        packageDirectories?: { package?: string; versionDescription?: string }[];
    };
    const packaged = (project.packageDirectories ?? []).filter((d) => d.package);
    return packaged
        .filter((d) => !/can access and change metadata/i.test(d.versionDescription ?? ""))
        .map((d) => ({
            file: "sfdx-project.json",
            code: "metadata-notice",
            message: `package "${d.package}" deploys metadata from Apex: its versionDescription must carry the notice ("This package can access and change metadata …"), which the security review verifies`
        }));
}

/**
 * What a namespaced package must not contain, checked on the packaged (converted) files of a namespaced build:
 * a `configurationEditor` or another Apex string naming a package component in the `c` namespace, an unqualified
 * `$Credential` reference, or a custom metadata full name written out in Apex (`'Type__mdt.Record'`: the deployer
 * qualifies type and record at run time).
 */
export function findNamespaceLeaks(dir: string, namespace: string, lwcRoot: string): Finding[] {
    const findings: Finding[] = [];
    const bundles = new Set(listLwcBundles(lwcRoot).map((b) => kebab(path.basename(b))));
    for (const file of apexClasses(dir)) {
        const text = readFileSync(file, "utf8");
        const { code, strings } = scanApex(text);
        const relative = path.relative(dir, file);
        for (const editor of code.matchAll(/configurationEditor\s*=\s*'/gi)) {
            const literal = strings.find((s) => s.index === (editor.index ?? 0) + editor[0].length - 1);
            if (literal && !literal.value.startsWith(`${namespace}-`)) {
                findings.push({
                    file: relative,
                    line: lineOf(text, literal.index),
                    code: "namespace",
                    message: `configurationEditor='${literal.value}' does not name the editor in the package namespace ${namespace}`
                });
            }
        }
        const test = isTestClass(code);
        for (const literal of strings) {
            const component = /^c-([a-z0-9-]+)$/.exec(literal.value);
            if (component && bundles.has(component[1])) {
                findings.push({
                    file: relative,
                    line: lineOf(text, literal.index),
                    code: "namespace",
                    message: `'${literal.value}' names a package component in the c namespace`
                });
            }
            if (!test && /^[A-Za-z]\w*__mdt\.[A-Za-z]/.test(literal.value)) {
                findings.push({
                    file: relative,
                    line: lineOf(text, literal.index),
                    code: "namespace",
                    message: `'${literal.value}' is a custom metadata full name written out: qualify type and record at run time (PersonalizationNamespace.customMetadataFullName)`
                });
            }
        }
    }
    for (const file of listFiles(
        dir,
        (f) =>
            /\.(externalCredential|namedCredential)(-meta)?\.xml$/.test(f) ||
            /[\\/](externalCredentials|namedCredentials)[\\/]/.test(f)
    )) {
        const text = readFileSync(file, "utf8");
        for (const ref of text.matchAll(/\$Credential\.([A-Za-z][A-Za-z0-9_]*)\./g)) {
            if (!ref[1].startsWith(`${namespace}__`)) {
                findings.push({
                    file: path.relative(dir, file),
                    line: lineOf(text, ref.index ?? 0),
                    code: "namespace",
                    message: `$Credential.${ref[1]} is not qualified with the package namespace ${namespace}`
                });
            }
        }
    }
    return findings;
}

function kebab(name: string): string {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
