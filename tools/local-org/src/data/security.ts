import { sourceFilesEndingWith } from "./sourceFiles";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { FieldDef, ObjectDef } from "./schema";

/** CRUD of one object. */
export interface ObjectPerms {
    read: boolean;
    create: boolean;
    edit: boolean;
    delete: boolean;
}

/** Effective permissions of a user (profile + permission sets). */
export interface Perms {
    /** System Administrator: every object and field. */
    all: boolean;
    objects: Map<string, ObjectPerms>;
    /** `object.field` (lower-cased) → read / edit. */
    fields: Map<string, { read: boolean; edit: boolean }>;
    /** Lower-cased custom permission names granted. */
    customPermissions: Set<string>;
}

/** A permission set read from `permissionsets/*.permissionset-meta.xml`. */
export interface PermissionSetDef {
    name: string;
    label: string;
    objects: Map<string, ObjectPerms>;
    fields: Map<string, { read: boolean; edit: boolean }>;
    customPermissions: Set<string>;
}

/** Profiles the local org knows (rows are seeded in the Profile table). */
export const PROFILES = ["System Administrator", "Standard User", "Minimum Access - Salesforce"] as const;

const STANDARD_USER_OBJECTS = ["account", "contact", "lead"];
const ALWAYS_READABLE = ["user", "profile", "organization", "permissionset", "permissionsetassignment"];

function list(v: unknown): Record<string, unknown>[] {
    if (Array.isArray(v)) return v as Record<string, unknown>[];
    return v && typeof v === "object" ? [v as Record<string, unknown>] : [];
}

const t = (v: unknown): boolean => String(v) === "true";

/** Reads every permission set below the source folders. */
export function loadPermissionSets(sourceDirs: string[]): PermissionSetDef[] {
    const parser = new XMLParser({ parseTagValue: false, trimValues: true });
    const out: PermissionSetDef[] = [];
    for (const p of sourceFilesEndingWith(sourceDirs, ".permissionset-meta.xml")) {
        const doc = (parser.parse(fs.readFileSync(p, "utf8")) as Record<string, unknown>).PermissionSet as
            Record<string, unknown> | undefined;
        const name = path.basename(p).replace(/\.permissionset-meta\.xml$/, "");
        const def: PermissionSetDef = {
            name,
            label: String(doc?.label ?? name),
            objects: new Map(),
            fields: new Map(),
            customPermissions: new Set()
        };
        for (const c of list(doc?.customPermissions))
            if (t(c.enabled)) def.customPermissions.add(String(c.name).toLowerCase());
        for (const c of list(doc?.customSettingAccesses))
            if (t(c.enabled))
                def.objects.set(String(c.name).toLowerCase(), {
                    read: true,
                    create: true,
                    edit: true,
                    delete: true
                });
        for (const o of list(doc?.objectPermissions))
            def.objects.set(String(o.object).toLowerCase(), {
                read: t(o.allowRead),
                create: t(o.allowCreate),
                edit: t(o.allowEdit),
                delete: t(o.allowDelete)
            });
        for (const c of list(doc?.customMetadataTypeAccesses))
            if (t(c.enabled))
                def.objects.set(String(c.name).toLowerCase(), {
                    read: true,
                    create: false,
                    edit: false,
                    delete: false
                });
        for (const f of list(doc?.fieldPermissions))
            def.fields.set(String(f.field).toLowerCase(), { read: t(f.readable), edit: t(f.editable) });
        out.push(def);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Permissions of a profile by name; unknown profiles get no access. */
export function profilePerms(profileName: string): Perms {
    const p: Perms = {
        all: profileName === "System Administrator",
        objects: new Map(),
        fields: new Map(),
        customPermissions: new Set()
    };
    for (const o of ALWAYS_READABLE) p.objects.set(o, { read: true, create: false, edit: false, delete: false });
    if (profileName === "Standard User") {
        for (const o of STANDARD_USER_OBJECTS) p.objects.set(o, { read: true, create: true, edit: true, delete: true });
    }
    return p;
}

/** Adds a permission set's grants to effective permissions (grants only ever add). */
export function grant(p: Perms, ps: PermissionSetDef): void {
    for (const c of ps.customPermissions) p.customPermissions.add(c);
    for (const [k, v] of ps.objects) {
        const cur = p.objects.get(k) ?? { read: false, create: false, edit: false, delete: false };
        p.objects.set(k, {
            read: cur.read || v.read,
            create: cur.create || v.create,
            edit: cur.edit || v.edit,
            delete: cur.delete || v.delete
        });
    }
    for (const [k, v] of ps.fields) {
        const cur = p.fields.get(k) ?? { read: false, edit: false };
        p.fields.set(k, { read: cur.read || v.read, edit: cur.edit || v.edit });
    }
}

export type Access = "read" | "create" | "edit" | "delete";

/** Object-level check. */
export function canObject(p: Perms, o: ObjectDef, a: Access): boolean {
    if (p.all) return true;
    const op = p.objects.get(o.name.toLowerCase());
    if (!op) return false;
    return op[a];
}

/**
 * Field-level check. Standard fields of an accessible object are granted (profiles in the local org
 * give standard-field FLS with object access); custom fields need an explicit grant; system fields
 * are read-only; required fields are always accessible, as on the platform.
 */
export function canField(p: Perms, o: ObjectDef, f: FieldDef, a: "read" | "edit"): boolean {
    if (a === "edit" && f.system) return false;
    if (p.all) return true;
    if (!canObject(p, o, a === "read" ? "read" : "edit") && !(a === "edit" && canObject(p, o, "create"))) return false;
    if (f.system || f.required || f.name === "Id") return a === "read" || !f.system;
    const fp = p.fields.get(`${o.name}.${f.name}`.toLowerCase());
    if (fp) return a === "read" ? fp.read : fp.edit;
    if (o.customMetadata) return a === "read";
    return !f.custom;
}
