/**
 * Public API of the local org (offline Apex interpreter). See tools/local-org/README.md.
 */
export {
    createLocalOrg,
    LocalOrg,
    ApexError,
    type LocalOrgOptions,
    type AnonymousResult,
    type LoadTimings
} from "./org";
export type { TestFilter, TestResult, TestRunResult } from "./testing/runner";
export { formatConsoleReport, junitXml, coverageJson, writeReports } from "./testing/report";
export type { NamedCredentialConfig } from "./runtime/http/namedCredentials";
export { ApexSyntaxErrors, type SyntaxIssue } from "./parse/syntaxErrors";
export { UnsupportedError } from "./runtime/errors";
export { clockSettings } from "./runtime/values/clock";
