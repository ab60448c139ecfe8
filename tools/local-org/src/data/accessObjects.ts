/**
 * Who may see and change every record of an object, as far as permissions say it: the `ObjectPermissions` rows of
 * permission sets (View All / Modify All per object, from `objectPermissions` in `*.permissionset-meta.xml`), and
 * the View All Data / Modify All Data system permissions on `Profile` and `PermissionSet` (the System Administrator
 * profile holds both). These are what a package's pre-flight can query, and what record-level sharing
 * (`sharing.ts`) reads for the running user.
 * Profiles own no permission set rows here (on the platform each profile has one, `IsOwnedByProfile`): code reads a
 * profile's system permissions from `Profile`.
 */
import { sourceFilesEndingWith } from "./sourceFiles";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { ApexId, type Value } from "../runtime/values/values";
import type { Store } from "./store";

type Spec = {
    t: "BOOLEAN" | "STRING" | "REFERENCE";
    len?: number;
    ref?: string[];
    rel?: string;
    label?: string;
    def?: boolean;
    req?: boolean;
};

/** `ObjectPermissions` (Object Reference): one row per permission set and object. */
export const ACCESS_OBJECTS: Record<
    string,
    { prefix: string; label: string; plural: string; fields: Record<string, Spec> }
> = {
    ObjectPermissions: {
        prefix: "110",
        label: "Object Permissions",
        plural: "Object Permissions",
        fields: {
            ParentId: { t: "REFERENCE", ref: ["PermissionSet"], rel: "Parent", req: true, label: "Parent ID" },
            SobjectType: { t: "STRING", len: 255, req: true, label: "Sobject Type Name" },
            PermissionsRead: { t: "BOOLEAN", def: false, label: "Read" },
            PermissionsCreate: { t: "BOOLEAN", def: false, label: "Create" },
            PermissionsEdit: { t: "BOOLEAN", def: false, label: "Edit" },
            PermissionsDelete: { t: "BOOLEAN", def: false, label: "Delete" },
            PermissionsViewAllRecords: { t: "BOOLEAN", def: false, label: "View All" },
            PermissionsModifyAllRecords: { t: "BOOLEAN", def: false, label: "Modify All" }
        }
    }
};

/** System permissions on `Profile` and `PermissionSet`. */
export const ACCESS_SYSTEM_FIELDS: Record<string, Spec> = {
    PermissionsViewAllData: { t: "BOOLEAN", def: false, label: "View All Data" },
    PermissionsModifyAllData: { t: "BOOLEAN", def: false, label: "Modify All Data" }
};

const truthy = (v: unknown): boolean => String(v) === "true";
const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v)
        ? (v as Record<string, unknown>[])
        : v && typeof v === "object"
          ? [v as Record<string, unknown>]
          : [];

/** Object permissions of every permission set below the source folders, by permission set name. */
function objectPermissions(sourceDirs: string[]): Map<string, Record<string, unknown>[]> {
    const parser = new XMLParser({ parseTagValue: false, trimValues: true });
    const out = new Map<string, Record<string, unknown>[]>();
    for (const p of sourceFilesEndingWith(sourceDirs, ".permissionset-meta.xml")) {
        const doc = (parser.parse(fs.readFileSync(p, "utf8")) as Record<string, unknown>).PermissionSet as
            Record<string, unknown> | undefined;
        out.set(
            path
                .basename(p)
                .replace(/\.permissionset-meta\.xml$/, "")
                .toLowerCase(),
            list(doc?.objectPermissions)
        );
    }
    return out;
}

/**
 * Seeds the access rows of the org's built-in records: the System Administrator profile's View All Data and Modify
 * All Data, and one `ObjectPermissions` row per object of each permission set loaded from metadata.
 */
export function seedAccessRows(
    store: Store,
    sourceDirs: string[],
    put: (object: string, id: string, fields: Record<string, Value>) => void,
    newId: (prefix: string) => string
): void {
    for (const profile of store.table("profile").values()) {
        const admin = profile.get("name") === "System Administrator";
        profile.set("permissionsviewalldata", admin);
        profile.set("permissionsmodifyalldata", admin);
    }
    const byName = objectPermissions(sourceDirs);
    for (const ps of store.table("permissionset").values()) {
        ps.set("permissionsviewalldata", false);
        ps.set("permissionsmodifyalldata", false);
        const id = ps.get("id");
        if (!(id instanceof ApexId)) continue;
        for (const o of byName.get(String(ps.get("name")).toLowerCase()) ?? []) {
            put("objectpermissions", newId(ACCESS_OBJECTS.ObjectPermissions.prefix), {
                parentid: id,
                sobjecttype: String(o.object),
                permissionsread: truthy(o.allowRead),
                permissionscreate: truthy(o.allowCreate),
                permissionsedit: truthy(o.allowEdit),
                permissionsdelete: truthy(o.allowDelete),
                permissionsviewallrecords: truthy(o.viewAllRecords),
                permissionsmodifyallrecords: truthy(o.modifyAllRecords)
            });
        }
    }
}
