import { readFileSync } from "node:fs";
import path from "node:path";

const LABELS_FILE = path.resolve(__dirname, "../../main/shared/labels/CustomLabels.labels-meta.xml");
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" };

/**
 * The value of a Custom Label as deployed (read from the labels file), for Jest mocks of
 * `@salesforce/label/c.Name` where a test needs the real template (e.g. "{0} views") rather than the
 * default stand-in "c.Name".
 * @param name The label's full name.
 * @returns The label value.
 */
export function customLabel(name: string): string {
    const xml = readFileSync(LABELS_FILE, "utf8");
    const match = new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([\\s\\S]*?)</value>`).exec(xml);
    if (!match) {
        throw new Error(`No Custom Label ${name}`);
    }
    return match[1].replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity]);
}
