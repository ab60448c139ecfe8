/**
 * `@salesforce/customPermission/<Name>` in the workbench: whether the running user holds the custom permission
 * in the local org, read once per page load (as Lightning evaluates it when the page loads; a new assignment
 * shows after a reload).
 *
 * The read is asynchronous and starts when the bundle evaluates, so it runs in parallel with the shell's state
 * request and never holds up a record page's components. Each `@salesforce/customPermission/*` module exports
 * a live binding updated when the answer lands (see src/build/platformModules.ts); until then a permission
 * reads as not held, and the shell renders pages that may need one only after `permissionsLoaded` settles.
 * The server answers `GET /wb/permissions` from the org pool's cache (invalidated when a commit writes
 * PermissionSetAssignment), so a page load normally costs no Apex transaction. Names the local org's
 * `customPermissions` script does not list are granted, as before this module existed.
 */
let granted = null;
const listeners = [];

async function load() {
    try {
        const r = await fetch("/wb/permissions", { cache: "no-store" });
        const data = r.ok ? await r.json() : {};
        const map = (data && data.permissions) || {};
        const out = {};
        for (const [k, v] of Object.entries(map)) out[k.toLowerCase()] = v === true;
        return out;
    } catch (e) {
        return {};
    }
}

/** Settles once the running user's custom permissions are known (never rejects). */
export const permissionsLoaded = load().then((map) => {
    granted = map;
    for (const fn of listeners.splice(0)) fn();
});

/** Whether the running user holds the custom permission (false until the answer has landed). */
export function customPermission(name) {
    if (granted === null) return false;
    const v = granted[name.toLowerCase()];
    return v === undefined ? true : v;
}

/** Calls `fn` once the permissions are known (right away when they already are). */
export function onPermissions(fn) {
    if (granted === null) listeners.push(fn);
    else fn();
}
