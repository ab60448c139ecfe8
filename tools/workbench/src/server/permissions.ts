/**
 * The running user's custom permissions for `@salesforce/customPermission/*` (web/modules/wb/permissions).
 * They come from the local org (the `customPermissions` script of pages/setup.json, read-only anonymous Apex),
 * cached by the org pool until a commit writes a table `FeatureManagement.checkPermission` reads, so a page
 * load costs no Apex transaction and never queues behind the primary.
 */

/** Name of the page-definition script that reports the running user's custom permissions. */
export const PERMISSION_SCRIPT = "customPermissions";

/**
 * Tables the answer depends on: the local org derives custom permissions from the running user's profile and
 * permission set assignments (`OrgData.perms`). A commit writing any of them invalidates the cached answer.
 */
export const PERMISSION_TABLES: readonly string[] = ["PermissionSetAssignment", "PermissionSet", "User", "Profile"];

/**
 * The `{ name: held }` map the script prints with `System.debug(JSON.serialize(...))`, from its debug log
 * (`LEVEL|message` lines), names lower-cased (Apex names are case-insensitive); `{}` when there is none.
 */
export function parsePermissions(log: readonly string[]): Record<string, boolean> {
    for (const line of log) {
        const message = line.slice(line.indexOf("|") + 1);
        if (!message.trimStart().startsWith("{")) continue;
        let parsed: unknown;
        try {
            parsed = JSON.parse(message);
        } catch {
            continue;
        }
        if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) continue;
        const out: Record<string, boolean> = {};
        for (const [k, v] of Object.entries(parsed)) out[k.toLowerCase()] = v === true;
        return out;
    }
    return {};
}
