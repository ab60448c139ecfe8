import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Finding, StepResult, resultOf } from "../findings";
import { isTestOnly, listFiles, listLwcBundles } from "../projectFiles";

const METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";
const BUNDLE_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Root element required for a metadata file suffix (where the suffix pins it). */
const REQUIRED_ROOTS: Record<string, string> = {
    ".cls-meta.xml": "ApexClass",
    ".trigger-meta.xml": "ApexTrigger",
    ".js-meta.xml": "LightningComponentBundle",
    ".object-meta.xml": "CustomObject",
    ".field-meta.xml": "CustomField",
    ".md-meta.xml": "CustomMetadata",
    ".permissionset-meta.xml": "PermissionSet",
    ".labels-meta.xml": "CustomLabels",
    ".namedCredential-meta.xml": "NamedCredential",
    ".externalCredential-meta.xml": "ExternalCredential",
    ".tab-meta.xml": "CustomTab",
    ".app-meta.xml": "CustomApplication",
    ".flexipage-meta.xml": "FlexiPage",
    ".cachePartition-meta.xml": "PlatformCachePartition"
};

/**
 * Validates the metadata under `<root>/force-app` offline (the CLI silently "repairs" or drops
 * broken metadata): well-formed XML in the metadata namespace, the right root element per file
 * type, every Apex class/trigger paired with its -meta.xml, and complete, well-named LWC bundles.
 */
export function validateMetadata(root: string): StepResult {
    const sourceDir = path.join(root, "force-app");
    const rel = (file: string): string => path.relative(root, file);
    const findings: Finding[] = [];
    const files = listFiles(sourceDir, (f) => !isTestOnly(f));

    for (const file of files.filter((f) => f.endsWith(".xml"))) {
        findings.push(...checkXmlFile(file, rel(file)));
    }
    findings.push(...checkApexPairs(files, rel));
    findings.push(...checkBundles(sourceDir, rel));
    return resultOf("metadata", findings, [`${files.length} files checked`]);
}

function checkXmlFile(file: string, relative: string): Finding[] {
    const text = readFileSync(file, "utf8");
    const validation = XMLValidator.validate(text);
    if (validation !== true) {
        return [
            {
                file: relative,
                line: validation.err.line,
                code: "xml",
                message: `XML not well-formed: ${validation.err.msg}`
            }
        ];
    }
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(text) as Record<
        string,
        unknown
    >;
    const rootName = Object.keys(parsed).find((key) => key !== "?xml");
    if (!rootName) {
        return [{ file: relative, code: "xml", message: "no root element" }];
    }
    const findings: Finding[] = [];
    const rootElement = parsed[rootName];
    const namespace =
        typeof rootElement === "object" && rootElement !== null
            ? (rootElement as Record<string, unknown>)["@xmlns"]
            : undefined;
    if (namespace !== METADATA_NAMESPACE) {
        findings.push({
            file: relative,
            code: "xml",
            message: `root <${rootName}> must declare xmlns="${METADATA_NAMESPACE}"`
        });
    }
    const suffix = Object.keys(REQUIRED_ROOTS).find((s) => relative.endsWith(s));
    if (suffix && REQUIRED_ROOTS[suffix] !== rootName) {
        findings.push({
            file: relative,
            code: "xml",
            message: `root element is <${rootName}>, expected <${REQUIRED_ROOTS[suffix]}> for a ${suffix} file`
        });
    }
    return findings;
}

function checkApexPairs(files: string[], rel: (file: string) => string): Finding[] {
    const present = new Set(files);
    const findings: Finding[] = [];
    for (const file of files) {
        for (const ext of [".cls", ".trigger"]) {
            if (file.endsWith(ext) && !present.has(`${file}-meta.xml`)) {
                findings.push({ file: rel(file), code: "apex", message: `has no ${path.basename(file)}-meta.xml` });
            }
            if (file.endsWith(`${ext}-meta.xml`) && !present.has(file.slice(0, -"-meta.xml".length))) {
                findings.push({ file: rel(file), code: "apex", message: `has no matching ${ext} source file` });
            }
        }
    }
    return findings;
}

function checkBundles(sourceDir: string, rel: (file: string) => string): Finding[] {
    const findings: Finding[] = [];
    for (const bundle of listLwcBundles(sourceDir)) {
        const name = path.basename(bundle);
        const where = rel(bundle);
        if (!BUNDLE_NAME.test(name)) {
            findings.push({ file: where, code: "lwc", message: `bundle name '${name}' must match ${BUNDLE_NAME}` });
        }
        if (!existsSync(path.join(bundle, `${name}.js-meta.xml`))) {
            findings.push({ file: where, code: "lwc", message: `missing ${name}.js-meta.xml` });
        }
        if (!existsSync(path.join(bundle, `${name}.ts`)) && !existsSync(path.join(bundle, `${name}.js`))) {
            findings.push({ file: where, code: "lwc", message: `missing ${name}.ts (the component's source)` });
        }
    }
    return findings;
}
