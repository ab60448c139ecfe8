import fs from "node:fs";

/** The project's scratch org definition, read for its `features` (e.g. `PersonAccounts`). */
export const DEFAULT_SCRATCH_DEF = "config/project-scratch-def.json";

/**
 * Feature names of a scratch org definition (`features`, with any `:quantity` suffix dropped); none when the
 * default file does not exist. An explicitly named file must exist.
 */
export function scratchDefFeatures(file: string | undefined, fallback = DEFAULT_SCRATCH_DEF): string[] {
    const f = file ?? fallback;
    if (!file && !fs.existsSync(f)) return [];
    const doc = JSON.parse(fs.readFileSync(f, "utf8")) as { features?: unknown };
    const features = Array.isArray(doc.features) ? doc.features : [];
    return features.filter((x): x is string => typeof x === "string").map((x) => x.split(":")[0].trim());
}

/**
 * Organization-wide defaults of a scratch org definition: `objectSettings.<object>.sharingModel` (e.g.
 * `{ "objectSettings": { "contact": { "sharingModel": "private" } } }`), by object name; none when the default file
 * does not exist. An explicitly named file must exist.
 */
export function scratchDefSharingModels(
    file: string | undefined,
    fallback = DEFAULT_SCRATCH_DEF
): Record<string, string> {
    const f = file ?? fallback;
    if (!file && !fs.existsSync(f)) return {};
    const doc = JSON.parse(fs.readFileSync(f, "utf8")) as {
        objectSettings?: Record<string, { sharingModel?: unknown }>;
    };
    const out: Record<string, string> = {};
    for (const [object, settings] of Object.entries(doc.objectSettings ?? {}))
        if (typeof settings?.sharingModel === "string") out[object] = settings.sharingModel;
    return out;
}
