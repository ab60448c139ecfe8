import { readFileSync } from "node:fs";
import path from "node:path";
import { Finding, StepResult, resultOf } from "../findings";
import { listFiles } from "../projectFiles";
import { scanApex } from "./packageRules";

/** A production Apex class and the domain ("room") it lives in: the folder under `force-app/main/`. */
interface ApexClass {
    name: string;
    domain: string;
    file: string;
    code: string;
}

/** Domain → domain it references → the class references behind that arrow ("Caller → Callee"). */
export type DomainGraph = Map<string, Map<string, string[]>>;

/**
 * The package's rooms reference each other one way only (issue 23): no domain under `force-app/main/` may
 * reach, through any chain of class references, a domain that reaches it back. No off-the-shelf tool draws
 * Apex imports, so this reads them: every identifier in a production class's code (comments and string
 * literals removed) that names another production class of the package is a reference. Test classes are left
 * out: a test may reach into any room.
 */
export function checkApexDomains(root: string): StepResult {
    const classes = readClasses(root);
    const graph = domainGraph(classes);
    const findings: Finding[] = [];
    for (const cycle of domainCycles(graph)) {
        const members = new Set(cycle);
        const arrows = cycle.flatMap((from) =>
            [...(graph.get(from) ?? new Map<string, string[]>())]
                .filter(([to]) => members.has(to))
                .map(([to, via]) => `${from} → ${to} (${via.slice(0, 3).join(", ")}${more(via.length - 3)})`)
        );
        findings.push({
            file: `force-app/main/${cycle[0]}`,
            message: `the domains ${cycle.join(", ")} reference each other in a circle: ${arrows.join("; ")}`
        });
    }
    findings.push(...mcpAccessOutsideApi(root, classes));
    return resultOf("apex-domains", findings);
}

/**
 * MCP access has one composition root (`McpClients`, issue 23): outside the `api` room no production class constructs
 * a typed client (`new Mcp…Client(`; the REST client itself may be built, e.g. over a recording transport) or a raw
 * request (`McpRestClient.Request`).
 */
function mcpAccessOutsideApi(root: string, classes: ApexClass[]): Finding[] {
    const findings: Finding[] = [];
    for (const apexClass of classes.filter((c) => c.domain !== "api")) {
        const patterns: [RegExp, string][] = [
            [/\bnew\s+(Mcp(?!Rest)\w*Client)\s*\(/gi, "constructs $1: ask McpClients for it"],
            [/\bMcpRestClient\s*\.\s*Request\b/gi, "builds a raw MCP request: send it through a typed client"]
        ];
        for (const [pattern, message] of patterns) {
            for (const match of apexClass.code.matchAll(pattern)) {
                findings.push({
                    file: path.relative(root, apexClass.file),
                    line: apexClass.code.slice(0, match.index ?? 0).split("\n").length,
                    code: "mcp-access",
                    message: message.replace("$1", match[1] ?? "")
                });
            }
        }
    }
    return findings;
}

function more(count: number): string {
    return count > 0 ? `, +${count}` : "";
}

/** Reads every production class of `force-app/main/<domain>/classes`. */
function readClasses(root: string): ApexClass[] {
    const main = path.join(root, "force-app", "main");
    return listFiles(main, (file) => file.endsWith(".cls"))
        .map((file) => {
            const relative = path.relative(main, file).split(path.sep);
            const code = scanApex(readFileSync(file, "utf8")).code;
            return { name: path.basename(file, ".cls"), domain: relative[0], file, code };
        })
        .filter((apexClass) => !/@IsTest\b[^{;]*\bclass\b/i.test(apexClass.code));
}

/** The domain graph read from class references (Apex names are case-insensitive). */
export function domainGraph(classes: ApexClass[]): DomainGraph {
    const byName = new Map(classes.map((apexClass) => [apexClass.name.toLowerCase(), apexClass]));
    const graph: DomainGraph = new Map();
    for (const caller of classes) {
        const seen = new Set<string>();
        for (const match of caller.code.matchAll(/\b[A-Za-z][A-Za-z0-9_]*\b/g)) {
            const word = match[0].toLowerCase();
            const callee = byName.get(word);
            if (!callee || callee === caller || callee.domain === caller.domain || seen.has(word)) continue;
            seen.add(word);
            const arrows = graph.get(caller.domain) ?? new Map<string, string[]>();
            graph.set(caller.domain, arrows);
            const via = arrows.get(callee.domain) ?? [];
            arrows.set(callee.domain, [...via, `${caller.name} → ${callee.name}`]);
        }
    }
    return graph;
}

/** Every strongly connected set of two or more domains (Tarjan), each sorted by name. */
export function domainCycles(graph: DomainGraph): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    let counter = 0;
    const visit = (node: string): void => {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
        for (const next of graph.get(node)?.keys() ?? []) {
            if (!index.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node)!, low.get(next)!));
            } else if (onStack.has(next)) {
                low.set(node, Math.min(low.get(node)!, index.get(next)!));
            }
        }
        if (low.get(node) === index.get(node)) {
            const component: string[] = [];
            let member: string;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== node);
            if (component.length > 1) components.push(component.sort());
        }
    };
    for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
    return components;
}
