/**
 * Field sets read from `objects/X/fieldSets/Y.fieldSet-meta.xml` (Metadata API "FieldSet": `displayedFields` with
 * `field` and `isRequired`, `label`, `description`), described through `Schema.FieldSet` / `Schema.FieldSetMember`
 * (`natives.ts`).
 */
import { sourceFilesEndingWith } from "./sourceFiles";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

export interface FieldSetDef {
    /** The field set's API name (the file name). */
    name: string;
    label: string;
    description: string | null;
    /** Displayed fields in order: a field of the object, or one lookup away (`Account.Name`). */
    members: { path: string; required: boolean }[];
}

const list = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v)
        ? (v as Record<string, unknown>[])
        : v && typeof v === "object"
          ? [v as Record<string, unknown>]
          : [];

/** Field sets by lower-cased object name, in file-name order. */
export function loadFieldSets(sourceDirs: string[]): Map<string, FieldSetDef[]> {
    const parser = new XMLParser({ parseTagValue: false, trimValues: true });
    const out = new Map<string, FieldSetDef[]>();
    for (const p of sourceFilesEndingWith(sourceDirs, ".fieldSet-meta.xml")) {
        if (path.basename(path.dirname(p)) !== "fieldSets") continue;
        const object = path.basename(path.dirname(path.dirname(p))).toLowerCase();
        const doc = (parser.parse(fs.readFileSync(p, "utf8")) as { FieldSet?: Record<string, unknown> }).FieldSet;
        const name = path.basename(p).replace(/\.fieldSet-meta\.xml$/, "");
        const sets = out.get(object) ?? [];
        sets.push({
            name,
            label: typeof doc?.label === "string" ? doc.label : name,
            description: typeof doc?.description === "string" ? doc.description : null,
            members: list(doc?.displayedFields).map((f) => ({
                path: String(f.field),
                required: String(f.isRequired) === "true"
            }))
        });
        out.set(object, sets);
    }
    return out;
}
