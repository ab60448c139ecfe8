import { existsSync } from "node:fs";
import path from "node:path";
import madge from "madge";
import { Finding, StepResult, resultOf } from "../findings";

/**
 * The local org's layers import one way (issue 23): no import circle among `tools/local-org/src`'s modules,
 * type-only imports included (a shared type that two layers both need is lowered instead). madge reads the imports.
 */
export async function checkLocalOrgImports(root: string): Promise<StepResult> {
    const source = path.join(root, "tools", "local-org", "src");
    if (!existsSync(source)) {
        return resultOf("local-org-imports", []);
    }
    const graph = await madge(source, { fileExtensions: ["ts"], tsConfig: path.join(root, "tsconfig.json") });
    const findings: Finding[] = graph.circular().map((circle) => ({
        file: path.relative(root, path.join(source, circle[0])),
        code: "import-circle",
        message: `modules import each other in a circle: ${[...circle, circle[0]].join(" → ")}`
    }));
    return resultOf("local-org-imports", findings);
}
