import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrerequisiteError, StepResult, resultOf } from "../findings";
import { DRY_RUN_NAMESPACE, projectNamespace, stageNamespacedProject } from "../namespace";
import { repoRoot, runProcess } from "../processes";
import { findNamespaceLeaks } from "./packageRules";

/**
 * The packaging dry run with a namespace: stages the project as `npm run package:stage` does (the namespace of
 * `sfdx-project.json`, or the test namespace {@link DRY_RUN_NAMESPACE} while none is registered), converts it with
 * the pinned Salesforce CLI (`sf project convert source`, what a package version is built from) and checks that no
 * `c-` component name, unqualified `$Credential` reference or written-out custom metadata full name survives.
 */
export async function checkNamespacedPackage(root: string): Promise<StepResult> {
    const namespace = projectNamespace(root) || DRY_RUN_NAMESPACE;
    const work = mkdtempSync(path.join(os.tmpdir(), "pconn-ns-"));
    try {
        const staged = path.join(work, "project");
        const output = path.join(work, "mdapi");
        const stage = stageNamespacedProject(root, staged, namespace);
        const run = await runProcess(
            path.join(repoRoot(), "scripts", "sf"),
            ["project", "convert", "source", "--root-dir", "force-app", "--output-dir", output, "--json"],
            { cwd: staged, timeoutMs: 180_000 }
        );
        if (run.code === 127) {
            throw new PrerequisiteError("the pinned Salesforce CLI is not installed.", "run 'npm ci'.");
        }
        if (run.code !== 0) {
            return resultOf("namespaced-package", [
                {
                    code: "sf",
                    message: `sf project convert source failed: ${(run.stdout || run.stderr).trim().slice(0, 300)}`
                }
            ]);
        }
        const findings = findNamespaceLeaks(output, namespace, path.join(staged, "force-app"));
        return resultOf("namespaced-package", findings, [
            `namespace ${namespace}: ${stage.rewritten.length} of ${stage.files} files rewritten (${stage.rewritten.map((f) => path.basename(f)).join(", ") || "none"})`
        ]);
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}
