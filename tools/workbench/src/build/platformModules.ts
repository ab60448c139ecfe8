import path from "node:path";
import { LOCAL_USER } from "../../../local-org/src/runtime/system/localUser";
import { WEB_SRC } from "../paths";

/** The running user the browser shell pretends to be: the local org's fixed user. */
export const LOCAL_USER_ID = LOCAL_USER.id;

/** `lightning/*` modules lightning-base-components lacks (or that need the platform), mapped to workbench stubs. */
export const LIGHTNING_STUBS: Record<string, string> = {
    "lightning/platformShowToastEvent": "platformShowToastEvent.js",
    "lightning/uiRecordApi": "uiRecordApi.js",
    "lightning/navigation": "navigation.js",
    "lightning/flowSupport": "flowSupport.js",
    "lightning/refresh": "refresh.js",
    "lightning/messageService": "messageService.js"
};

const I18N: Record<string, string> = {
    lang: "en-US",
    locale: "en-US",
    currency: "USD",
    timeZone: "America/Los_Angeles",
    dir: "ltr",
    firstDayOfWeek: "1",
    // en_US date and time patterns (the date and time pickers show and parse values with them)
    "dateTime.shortDateFormat": "M/d/yyyy",
    "dateTime.mediumDateFormat": "MMM d, yyyy",
    "dateTime.longDateFormat": "MMMM d, yyyy",
    "dateTime.shortTimeFormat": "h:mm a",
    "dateTime.mediumTimeFormat": "h:mm:ss a"
};

/** Absolute path of a stub module in `tools/workbench/web/stubs`. */
export function stubPath(file: string): string {
    return path.join(WEB_SRC, "stubs", file);
}

/**
 * Source of `@salesforce/customPermission/<name>`: a default export that is a live binding (`export { x as
 * default }`, which importers read at use time) set from `wb/permissions` once the local org's answer lands.
 */
export function customPermissionModule(name: string): string {
    const n = JSON.stringify(name);
    return [
        `import { customPermission, onPermissions } from "wb/permissions";`,
        `let held = customPermission(${n});`,
        `onPermissions(() => {`,
        `    held = customPermission(${n});`,
        `});`,
        `export { held as default };`
    ].join("\n");
}

/**
 * Source of the virtual module for a `@salesforce/*` import, or null when the workbench does not provide it.
 * Labels resolve to their real values; an unknown label resolves to its name in brackets and is reported.
 */
export function salesforceModule(id: string, labels: Map<string, string>, missingLabels: Set<string>): string | null {
    const js = (v: unknown): string => JSON.stringify(v);
    if (id === "@salesforce/apex") return `export * from ${js(stubPath("apexClient.js"))};`;
    let m = /^@salesforce\/apex\/([A-Za-z0-9_.]+)$/.exec(id);
    if (m)
        return `import { createApexMethod } from ${js(stubPath("apexClient.js"))};\nexport default createApexMethod(${js(m[1])});`;
    m = /^@salesforce\/label\/(?:c\.)?([A-Za-z0-9_]+)$/.exec(id);
    if (m) {
        const value = labels.get(m[1]);
        if (value === undefined) missingLabels.add(m[1]);
        return `export default ${js(value ?? `[${m[1]}]`)};`;
    }
    m = /^@salesforce\/schema\/([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_.]+))?$/.exec(id);
    if (m) return `export default ${js(m[2] ? { objectApiName: m[1], fieldApiName: m[2] } : { objectApiName: m[1] })};`;
    m = /^@salesforce\/i18n\/([A-Za-z.]+)$/.exec(id);
    if (m) return `export default ${js(I18N[m[1]] ?? "en-US")};`;
    if (id === "@salesforce/user/Id") return `export default ${js(LOCAL_USER_ID)};`;
    if (id === "@salesforce/user/isGuest") return "export default false;";
    // Custom permissions as the local org has them for the running user (wb/permissions: a fresh install's
    // admin lacks the package's until the permission set is assigned); user permissions are granted. The value
    // is a live binding: the read is asynchronous (off the page's critical path) and updates it when it lands.
    m = /^@salesforce\/customPermission\/([A-Za-z0-9_]+)$/.exec(id);
    if (m) return customPermissionModule(m[1]);
    if (/^@salesforce\/userPermission\//.test(id)) return "export default true;";
    if (id === "@salesforce/client/formFactor") return `export default "Large";`;
    m = /^@salesforce\/resourceUrl\/(.+)$/.exec(id);
    if (m) return `export default ${js(`/resource/${m[1]}`)};`;
    if (/^@salesforce\/messageChannel\//.test(id)) return `export default ${js({ channel: id })};`;
    return null;
}
