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
export { seedFromFile, type SeedResult } from "./data/seed";
export type { OrgData } from "./data/orgData";
export type { LimitPeaks } from "./testing/runner";

import path from "node:path";
import type { LocalOrg as Org } from "./org";
import { seedFromFile as seed, type SeedResult as Seeded } from "./data/seed";

/** Seeds the demo CRM (Accounts, Contacts, Leads shared with the emulator) into an org; default `config/seed/demo-crm.json`. */
export function seedDemoCrm(org: Org, file = path.join(process.cwd(), "config/seed/demo-crm.json")): Seeded {
    return seed(org.data, file);
}
export { runCompat, formatCompatReport, featureOf, type CompatReport, type CompatOptions } from "./compat";
