import path from "node:path";

/** Repository root (this file compiles to dist/tools/workbench/src/paths.js). */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");
/** Package sources the workbench loads (LWC bundles, labels, Apex). */
export const FORCE_APP = path.join(REPO_ROOT, "force-app");
/** Hand-written browser modules of the workbench shell. */
export const WEB_SRC = path.join(REPO_ROOT, "tools/workbench/web");
/** Page definitions (which components, with which App Builder properties, on which page). */
export const PAGES_DIR = path.join(REPO_ROOT, "tools/workbench/pages");
/** Build output of the browser bundle (git-ignored). */
export const WEB_OUT = path.join(REPO_ROOT, "dist/tools/workbench/web");
/** Shared demo CRM people (the emulator gives them profiles; the local org inserts them). */
export const DEMO_SEED = path.join(REPO_ROOT, "config/seed/demo-crm.json");
/** Screenshots and benchmark output. */
export const REPORTS_DIR = path.join(REPO_ROOT, "reports/workbench");
/** SLDS assets served under /slds/. */
export const SLDS_ASSETS = path.join(REPO_ROOT, "node_modules/@salesforce-ux/design-system/assets");
