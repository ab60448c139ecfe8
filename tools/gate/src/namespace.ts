import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listFiles } from "./projectFiles";

/**
 * The packaging-time namespace: the few places where the platform wants the package namespace spelled out in source
 * that must also deploy unnamespaced (scratch orgs, the local org). Everything else is qualified at run time by
 * `PersonalizationNamespace` (Apex) or by the platform itself (schema references inside the package).
 *
 * - An invocable action's `configurationEditor` names its Flow Builder property editor as `<namespace>-<kebab-name>`;
 *   "the namespace is c unless the org has a custom namespace" (LWC Developer Guide, "Example: Custom Property Editor
 *   for an Invocable Action").
 * - An External Credential's header formula names the credential by developer name
 *   (`$Credential.<ExternalCredential>.<Parameter>`, Salesforce Help "Create or Edit a Custom Authentication External
 *   Credential"); the packaged credential's developer name in a subscriber org is namespace-qualified.
 */

/** Test namespace of the packaging dry run when `sfdx-project.json` has none yet. */
export const DRY_RUN_NAMESPACE = "pzcdry";

const EDITOR = /(configurationEditor\s*=\s*)(['"])c-/gi;
const CREDENTIAL_REF = /\$Credential\.([A-Za-z][A-Za-z0-9_]*)\./g;

/** The namespace in `<root>/sfdx-project.json` (empty when none is registered yet). */
export function projectNamespace(root: string): string {
    const file = path.join(root, "sfdx-project.json");
    if (!existsSync(file)) {
        return "";
    }
    const project = JSON.parse(readFileSync(file, "utf8")) as { namespace?: string };
    return (project.namespace ?? "").trim();
}

/** Rewrites one source file for a namespaced package; returns the text unchanged when nothing applies. */
export function applyNamespace(file: string, text: string, namespace: string): string {
    if (!namespace) {
        return text;
    }
    if (file.endsWith(".cls")) {
        return text.replace(EDITOR, (_all, prefix: string, quote: string) => `${prefix}${quote}${namespace}-`);
    }
    if (file.endsWith(".externalCredential-meta.xml") || file.endsWith(".namedCredential-meta.xml")) {
        return text.replace(CREDENTIAL_REF, (all, name: string) =>
            name.includes("__") ? all : `$Credential.${namespace}__${name}.`
        );
    }
    return text;
}

/** Files and folders of a project that a package version is built from. */
const STAGED_ROOT_FILES = ["sfdx-project.json", ".forceignore"];
const STAGED_FOLDERS = ["force-app", "config"];

/**
 * Copies the packaged source of `root` to `out` with {@link applyNamespace} applied and the namespace written into
 * the copy's `sfdx-project.json`: the folder `sf package version create` runs in. Returns how many files the
 * namespace changed.
 */
export function stageNamespacedProject(
    root: string,
    out: string,
    namespace: string
): { files: number; rewritten: string[] } {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const rewritten: string[] = [];
    let files = 0;
    for (const name of STAGED_ROOT_FILES) {
        const source = path.join(root, name);
        if (existsSync(source)) {
            copyFileSync(source, path.join(out, name));
        }
    }
    const projectFile = path.join(out, "sfdx-project.json");
    if (existsSync(projectFile)) {
        const project = JSON.parse(readFileSync(projectFile, "utf8")) as Record<string, unknown>;
        project.namespace = namespace;
        writeFileSync(projectFile, JSON.stringify(project, null, 2) + "\n");
    }
    for (const folder of STAGED_FOLDERS) {
        for (const source of listFiles(path.join(root, folder))) {
            const relative = path.relative(root, source);
            const target = path.join(out, relative);
            mkdirSync(path.dirname(target), { recursive: true });
            files++;
            if (/\.(cls|xml)$/.test(source)) {
                const text = readFileSync(source, "utf8");
                const changed = applyNamespace(source, text, namespace);
                writeFileSync(target, changed);
                if (changed !== text) {
                    rewritten.push(relative);
                }
            } else {
                copyFileSync(source, target);
            }
        }
    }
    return { files, rewritten };
}
