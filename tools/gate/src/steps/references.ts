import { readFileSync } from "node:fs";
import path from "node:path";
import { Finding, StepResult, resultOf } from "../findings";
import { isTestOnly, listFiles } from "../projectFiles";

const LWC_LABEL_IMPORT = /['"]@salesforce\/label\/c\.(\w+)['"]/g;
const LWC_APEX_IMPORT = /['"]@salesforce\/apex\/(?:(\w+)__)?(\w+)\.(\w+)['"]/g;
const APEX_LABEL_USE = /\b(?:System\.)?Label\.(\w+)\b/gi;
const APEX_DATASOURCE = /datasource\s*=\s*"apex:\/\/(\w+)"/gi;
const LABEL_NAME = /<fullName>(\w+)<\/fullName>/g;
/** An invocable annotation with its parameters (Flow Builder and Agentforce read label and description). */
const INVOCABLE = /@(InvocableVariable|InvocableMethod)\b/gi;

/**
 * Cross-references that only a deploy would otherwise catch: every Custom Label used by a
 * component or by Apex exists, every `@salesforce/apex/Class.method` import names an existing
 * class with an `@AuraEnabled` method of that name, and every App Builder `apex://` datasource
 * names an existing class. Every `@InvocableMethod` and `@InvocableVariable` carries a non-blank
 * `label` and `description`: Flow Builder shows them, and an Agentforce agent reads them to decide
 * when to call an action and what to pass.
 */
export function checkReferences(root: string): StepResult {
    const sourceDir = path.join(root, "force-app");
    const rel = (file: string): string => path.relative(root, file);
    const files = listFiles(sourceDir);
    const labels = new Set<string>();
    for (const file of files.filter((f) => f.endsWith(".labels-meta.xml"))) {
        for (const match of readFileSync(file, "utf8").matchAll(LABEL_NAME)) {
            labels.add(match[1].toLowerCase());
        }
    }
    const apexSources = new Map<string, string>();
    for (const file of files.filter((f) => f.endsWith(".cls"))) {
        apexSources.set(path.basename(file, ".cls").toLowerCase(), readFileSync(file, "utf8"));
    }

    const findings: Finding[] = [];
    const componentSources = files.filter((f) => /[\\/]lwc[\\/]/.test(f) && /\.(ts|js)$/.test(f) && !isTestOnly(f));
    for (const file of componentSources.filter(
        (f) => !f.endsWith(".js") || !componentSources.includes(f.replace(/\.js$/, ".ts"))
    )) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(LWC_LABEL_IMPORT)) {
            if (!labels.has(match[1].toLowerCase())) {
                findings.push({
                    file: rel(file),
                    line: lineOf(text, match.index),
                    code: "label",
                    message: `unknown Custom Label c.${match[1]}`
                });
            }
        }
        for (const match of text.matchAll(LWC_APEX_IMPORT)) {
            const [, , className, method] = match;
            const source = apexSources.get(className.toLowerCase());
            const problem = !source
                ? `unknown Apex class ${className}`
                : !declaresAuraEnabled(source, method)
                  ? `${className}.${method} is not an @AuraEnabled method`
                  : undefined;
            if (problem) {
                findings.push({
                    file: rel(file),
                    line: lineOf(text, match.index),
                    code: "apex-import",
                    message: problem
                });
            }
        }
    }
    for (const [name, text] of apexSources) {
        for (const match of stripComments(text).matchAll(APEX_LABEL_USE)) {
            if (!labels.has(match[1].toLowerCase())) {
                findings.push({ file: `${name}.cls`, code: "label", message: `unknown Custom Label ${match[0]}` });
            }
        }
    }
    for (const file of files.filter((f) => f.endsWith(".cls"))) {
        const text = readFileSync(file, "utf8");
        const code = stripComments(text);
        for (const match of code.matchAll(INVOCABLE)) {
            const parameters = annotationParameters(code, (match.index ?? 0) + match[0].length);
            const missing = ["label", "description"].filter(
                (name) => !new RegExp(`\\b${name}\\s*=\\s*'[^']*\\S[^']*'`, "i").test(parameters)
            );
            if (missing.length > 0) {
                findings.push({
                    file: rel(file),
                    code: "invocable",
                    message: `@${match[1]} without ${missing.join(" and ")} (agents and Flow Builder read them)`
                });
            }
        }
    }
    for (const file of files.filter((f) => f.endsWith(".js-meta.xml"))) {
        const text = readFileSync(file, "utf8");
        for (const match of text.matchAll(APEX_DATASOURCE)) {
            if (!apexSources.has(match[1].toLowerCase())) {
                findings.push({
                    file: rel(file),
                    line: lineOf(text, match.index),
                    code: "datasource",
                    message: `unknown Apex class apex://${match[1]}`
                });
            }
        }
    }
    return resultOf("references", findings, [`${labels.size} labels, ${apexSources.size} Apex classes`]);
}

/** True when `source` declares a static method `method` annotated with `@AuraEnabled`. */
function declaresAuraEnabled(source: string, method: string): boolean {
    const declaration = new RegExp(`@AuraEnabled\\b[^;{}]*?\\bstatic\\b[^;{}(]*?\\b${method}\\s*\\(`, "i");
    return declaration.test(stripComments(source));
}

/** The text between an annotation's parentheses (quotes respected), or "" when it has none. */
function annotationParameters(source: string, from: number): string {
    let index = from;
    while (index < source.length && /\s/.test(source[index])) {
        index++;
    }
    if (source[index] !== "(") {
        return "";
    }
    let quoted = false;
    for (let end = index + 1; end < source.length; end++) {
        const char = source[end];
        if (char === "\\" && quoted) {
            end++;
        } else if (char === "'") {
            quoted = !quoted;
        } else if (char === ")" && !quoted) {
            return source.slice(index + 1, end);
        }
    }
    return source.slice(index + 1);
}

function stripComments(source: string): string {
    return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

function lineOf(text: string, index: number | undefined): number | undefined {
    return index === undefined ? undefined : text.slice(0, index).split("\n").length;
}
