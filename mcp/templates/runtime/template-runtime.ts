/**
 * Offline runtime for the shipped MCP templates (tests and the emulator; never pasted into MCP).
 * MCP provides the campaign UI decorators as globals; here they are no-ops. The templates read the time only through
 * Date.now(), so {@link runAt} pins it for one synchronous run().
 */
import type { CrmProfileInsightsTemplate } from "../crm-profile-insights/template";

type Decorator = (target: object, propertyKey: string) => void;
const noop = (): Decorator => () => undefined;

/** Installs `title` and `subtitle` as global no-op decorators (idempotent). */
export function installTemplateGlobals(): void {
    const g = globalThis as Record<string, unknown>;
    for (const name of ["title", "subtitle"]) if (typeof g[name] !== "function") g[name] = noop;
}

/** Runs `fn` with Date.now() returning `now` (synchronous code only). */
export function runAt<T>(now: number, fn: () => T): T {
    const real = Date.now;
    Date.now = () => now;
    try {
        return fn();
    } finally {
        Date.now = real;
    }
}

/** The CRM Profile Insights template class, loaded after the globals are installed. */
export function loadCrmProfileInsights(): typeof CrmProfileInsightsTemplate {
    installTemplateGlobals();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("../crm-profile-insights/template") as {
        CrmProfileInsightsTemplate: typeof CrmProfileInsightsTemplate;
    };
    return mod.CrmProfileInsightsTemplate;
}
