import path from "node:path";
import { StepResult } from "./findings";
import { checkApexSemantics } from "./steps/apexLs";
import { runCodeAnalyzer } from "./steps/codeAnalyzer";
import { lintTypeScript } from "./steps/eslintCheck";
import { compileLwcBundles } from "./steps/lwcPlatformCompile";
import { validateMetadata } from "./steps/metadata";
import { checkPackagingView } from "./steps/packagingView";
import { checkNamespacedPackage } from "./steps/namespacedPackage";
import { checkApexDomains } from "./steps/apexDomains";
import { checkLocalOrgImports } from "./steps/localOrgImports";
import { checkPackageRules } from "./steps/packageRules";
import { checkReferences } from "./steps/references";
import { checkFormatting } from "./steps/prettierCheck";
import { buildTools } from "./steps/toolsBuild";
import { buildComponents } from "./steps/typescriptBuild";

/** One step of a gate, run against a project root (the repository or a fixture project). */
export type GateStep = (root: string) => Promise<StepResult> | StepResult;

/** The gates behind `npm run build|lint|scan|validate`, each a list of steps run in order. */
export const GATES: Record<string, GateStep[]> = {
    build: [buildTools, buildComponents],
    lint: [lintTypeScript, checkFormatting],
    scan: [
        checkApexSemantics,
        (root) =>
            runCodeAnalyzer([path.join(root, "force-app")], {
                html: path.join(root, "reports", "scan", "code-analyzer.html"),
                sarif: path.join(root, "reports", "scan", "code-analyzer.sarif")
            })
    ],
    validate: [
        validateMetadata,
        checkReferences,
        checkPackageRules,
        checkApexDomains,
        checkLocalOrgImports,
        compileLwcBundles,
        checkPackagingView,
        checkNamespacedPackage
    ]
};
