/**
 * Record-level sharing: organization-wide defaults (OWD), record owners, the running user's View All / Modify All
 * object permissions and View All Data / Modify All Data, applied when an operation enforces sharing (user mode, or
 * system mode in a `with sharing` context: Apex Developer Guide, "Enforce User Mode for Database Operations": "User
 * mode always applies sharing rules, but in system mode they're controlled by sharing keywords on the class").
 *
 * Access by OWD (Salesforce Help, "Organization-Wide Default Access Settings"): Private: the owner only; Public Read
 * Only (`Read`): every user reads, the owner edits; Public Read/Write (`ReadWrite`, `ReadWriteTransfer`): every user
 * reads and edits; Public Full Access (`FullAccess`): every user also deletes; Controlled by Parent: the same action on
 * the parent (a contact's account, a detail's master). Deleting needs full access (the owner, Modify All) except under
 * Full Access. Defaults ("Default Organization-Wide Access Levels"): Account ReadWrite, Contact ControlledByParent,
 * Lead and Case ReadWriteTransfer, Opportunity Read, Campaign FullAccess, custom objects ReadWrite; a contact without
 * an account is private (only its owner sees it).
 *
 * Not modelled, and refused ("not supported by the local org") wherever they could change an answer, i.e. whenever
 * the OWD alone would deny access: role hierarchy, sharing rules, territories and sharing sets declared in the
 * sources, manual shares (`…Share` objects), queue owners, activity sharing (Task, Event), the access of objects
 * whose sharing follows several parents (OpportunityContactRole, CampaignMember), the role-dependent access of an
 * account owner to opportunities and cases of the account, and a class at the entry point of a transaction that
 * declares no sharing keyword (the guide's versions disagree: "the current sharing rules remain in effect", later
 * "it defaults to with sharing").
 */
import { sourceFiles } from "./sourceFiles";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { UnsupportedError } from "../runtime/errors";
import { ApexId } from "../runtime/values/values";
import type { ObjectDef, Schema } from "./schema";
import type { Row, Store } from "./store";

export type OrgWideDefault = "Private" | "Read" | "ReadWrite" | "FullAccess" | "ControlledByParent";

/** How the running code treats sharing: enforce, ignore, or not known (refused when it would change an answer). */
export type SharingMode = "with" | "without" | "unknown";

export type RecordOp = "read" | "edit" | "delete";

const OWD_NAMES: Record<string, OrgWideDefault> = {
    private: "Private",
    read: "Read",
    readwrite: "ReadWrite",
    readwritetransfer: "ReadWrite",
    fullaccess: "FullAccess",
    controlledbyparent: "ControlledByParent"
};

/** The platform's defaults for a new org (Salesforce Help, "Default Organization-Wide Access Levels"). */
const STANDARD_DEFAULTS: Record<string, OrgWideDefault> = {
    account: "ReadWrite",
    contact: "ControlledByParent",
    lead: "ReadWrite",
    case: "ReadWrite",
    opportunity: "Read",
    campaign: "FullAccess"
};

/** Objects whose record access the local org does not model (several parents, activity rules). */
const UNMODELLED: Record<string, string> = {
    task: "activity sharing (Task access follows the related records)",
    event: "activity sharing (Event access follows the related records)",
    opportunitycontactrole: "OpportunityContactRole access (it follows the opportunity and the contact)",
    campaignmember: "CampaignMember access (it follows the campaign and the contact or lead)"
};

/** Children whose read access gives read access to their account (implicit parent sharing). */
const ACCOUNT_CHILDREN = ["contact", "opportunity", "case"];

function rank(o: OrgWideDefault): number {
    return ["Private", "Read", "ReadWrite", "FullAccess"].indexOf(o);
}

/** Parses an OWD name from object metadata (`ReadWrite`) or a scratch definition (`readWrite`). */
export function parseOwd(name: string, where: string): OrgWideDefault {
    const o = OWD_NAMES[name.toLowerCase()];
    if (!o) throw new UnsupportedError(`sharing model ${name} (${where})`);
    return o;
}

/** What the sources and the scratch definition declare about sharing. */
export class SharingModel {
    /** Lower-cased object name → declared OWD (object metadata wins over the scratch definition). */
    readonly declared = new Map<string, OrgWideDefault>();
    /** Org-wide sharing features the sources declare but the local org does not model (role hierarchy, …). */
    readonly unmodelledOrgWide: string[] = [];
    /** Lower-cased object name → sharing rules file declaring rules for it. */
    readonly sharingRules = new Map<string, string>();

    /**
     * @param sourceDirs folders read for `objects/X/X.object-meta.xml` `<sharingModel>`, `roles`, `sharingRules`,
     *   `territory2*` and `sharingSets`
     * @param scratchSettings `objectSettings` of the scratch definition: object → `sharingModel`
     */
    constructor(sourceDirs: string[] = [], scratchSettings: Record<string, string> = {}) {
        for (const [obj, model] of Object.entries(scratchSettings))
            this.declared.set(obj.toLowerCase(), parseOwd(model, `objectSettings.${obj} of the scratch definition`));
        const parser = new XMLParser({ parseTagValue: false, trimValues: true });
        for (const p of sourceFiles(sourceDirs)) {
            const name = path.basename(p);
            if (name.endsWith(".object-meta.xml")) {
                const doc = parser.parse(fs.readFileSync(p, "utf8")) as {
                    CustomObject?: { sharingModel?: unknown };
                };
                const model = doc.CustomObject?.sharingModel;
                if (typeof model === "string" && model)
                    this.declared.set(name.replace(/\.object-meta\.xml$/, "").toLowerCase(), parseOwd(model, p));
            } else if (name.endsWith(".sharingRules-meta.xml")) {
                const text = fs.readFileSync(p, "utf8");
                if (/<sharing(Criteria|Owner|Guest|Territory)Rules>/.test(text))
                    this.sharingRules.set(name.replace(/\.sharingRules-meta\.xml$/, "").toLowerCase(), p);
            } else if (name.endsWith(".role-meta.xml")) {
                this.unmodelledOrgWide.push(`the role hierarchy (${p})`);
            } else if (/\.territory2(Model|Type)?-meta\.xml$/.test(name)) {
                this.unmodelledOrgWide.push(`territory management (${p})`);
            } else if (name.endsWith(".sharingSet-meta.xml")) {
                this.unmodelledOrgWide.push(`sharing sets (${p})`);
            }
        }
    }

    /**
     * The OWD of an object, or null when its records are not shared one by one (setup objects, custom metadata and
     * settings, objects without an owner that are not the detail of a master-detail relationship).
     */
    owdOf(def: ObjectDef): OrgWideDefault | null {
        const key = def.name.toLowerCase();
        if (def.customMetadata || def.customSetting || def.platformEvent) return null;
        if (masterField(def)) return "ControlledByParent";
        if (!def.fields.has("ownerid")) return null;
        return this.declared.get(key) ?? STANDARD_DEFAULTS[key] ?? (def.custom ? "ReadWrite" : null);
    }
}

function masterField(def: ObjectDef): string | null {
    for (const f of def.fields.values()) if (f.masterDetail) return f.name.toLowerCase();
    return null;
}

/** The running user's record-level privileges. */
export interface UserAccess {
    userId: string;
    viewAllData: boolean;
    modifyAllData: boolean;
    /** Lower-cased objects with View All (Modify All included). */
    viewAll: Set<string>;
    /** Lower-cased objects with Modify All. */
    modifyAll: Set<string>;
}

/** Record access of one user under enforced (or unknown) sharing. */
export class RecordAccess {
    constructor(
        private readonly model: SharingModel,
        private readonly schema: Schema,
        private readonly store: Store,
        private readonly user: UserAccess,
        private readonly mode: "with" | "unknown",
        /** Who is asking, for messages (e.g. `class Foo (no sharing keyword) at the entry point`). */
        private readonly unknownWhy: string
    ) {}

    /** Whether the user may perform `op` on the record; refuses loudly where the answer is not modelled. */
    can(def: ObjectDef, row: Row, op: RecordOp): boolean {
        if (this.privileged(def, op)) return true;
        const allowed = this.byOwd(def, row, op, 0);
        if (allowed) return true;
        // everything below could only grant more access: refuse rather than deny wrongly
        if (this.mode === "unknown")
            throw new UnsupportedError(`the sharing mode of ${this.unknownWhy} (it decides access to ${def.name})`);
        const rules = this.model.sharingRules.get(def.name.toLowerCase());
        const extra = this.model.unmodelledOrgWide[0] ?? (rules ? `sharing rules (${rules})` : null);
        if (extra) throw new UnsupportedError(`record access to ${def.name} with ${extra}`);
        return false;
    }

    private privileged(def: ObjectDef, op: RecordOp): boolean {
        const key = def.name.toLowerCase();
        if (op === "read") return this.user.viewAllData || this.user.modifyAllData || this.user.viewAll.has(key);
        return this.user.modifyAllData || this.user.modifyAll.has(key);
    }

    private byOwd(def: ObjectDef, row: Row, op: RecordOp, depth: number): boolean {
        const key = def.name.toLowerCase();
        const unmodelled = UNMODELLED[key];
        if (unmodelled) throw new UnsupportedError(`record-level sharing: ${unmodelled}`);
        const owd = this.model.owdOf(def);
        if (owd === null) return true;
        if (owd === "ControlledByParent") return this.byParent(def, row, op, depth);
        const owner = row.get("ownerid");
        if (owner instanceof ApexId && !owner.id18.startsWith("005"))
            throw new UnsupportedError(
                `record-level sharing of a ${def.name} owned by a queue or group (${owner.id18})`
            );
        if (owner instanceof ApexId && owner.id18 === this.user.userId) return true;
        const account = this.schema.object("Account");
        if (key === "account" && account) this.checkChildDefaults(account, owd);
        if (op === "read" && rank(owd) >= rank("Read")) return true;
        if (op === "edit" && rank(owd) >= rank("ReadWrite")) return true;
        if (op === "delete" && owd === "FullAccess") return true;
        if (key === "account" && op === "read" && this.ownsChildOf(row)) return true;
        if ((key === "opportunity" || key === "case") && this.ownsParentAccount(row))
            throw new UnsupportedError(
                `the access of an account owner to the account's ${def.labelPlural.toLowerCase()} (set by role settings)`
            );
        return false;
    }

    /** Controlled by Parent: the same action on the parent; a contact without an account is private. */
    private byParent(def: ObjectDef, row: Row, op: RecordOp, depth: number): boolean {
        const field = def.name.toLowerCase() === "contact" ? "accountid" : masterField(def);
        const parentId = field ? row.get(field) : null;
        const owner = row.get("ownerid");
        if (!(parentId instanceof ApexId)) return owner instanceof ApexId && owner.id18 === this.user.userId;
        const parentDef = this.schema.objectOfPrefix(parentId.id18.slice(0, 3));
        const parent = parentDef ? this.store.get(parentDef.name.toLowerCase(), parentId.id18) : undefined;
        if (!parentDef || !parent || depth > 5) return false;
        if (this.privileged(parentDef, op)) return true;
        const allowed = this.byOwd(parentDef, parent, op, depth + 1);
        if (!allowed && owner instanceof ApexId && owner.id18 === this.user.userId)
            throw new UnsupportedError(
                `the access of the owner of a ${def.name} to it when they cannot access its ${parentDef.name}`
            );
        return allowed;
    }

    /** Implicit parent sharing: read access to an account for the owner of one of its contacts, opportunities or cases. */
    private ownsChildOf(accountRow: Row): boolean {
        const id = accountRow.get("id");
        if (!(id instanceof ApexId)) return false;
        for (const child of ACCOUNT_CHILDREN) {
            const def = this.schema.object(child);
            if (!def || this.model.owdOf(def) === "ControlledByParent") continue;
            for (const r of this.store.table(child).values()) {
                const a = r.get("accountid");
                const o = r.get("ownerid");
                if (r.get("isdeleted") === true || !(a instanceof ApexId) || a.id18 !== id.id18) continue;
                if (o instanceof ApexId && o.id18 === this.user.userId) return true;
            }
        }
        return false;
    }

    private ownsParentAccount(row: Row): boolean {
        const a = row.get("accountid");
        const account = a instanceof ApexId ? this.store.get("account", a.id18) : undefined;
        const o = account?.get("ownerid");
        return o instanceof ApexId && o.id18 === this.user.userId;
    }

    /** The platform refuses a contact, opportunity or case default more open than the account default. */
    private checkChildDefaults(account: ObjectDef, accountOwd: OrgWideDefault): void {
        for (const child of ACCOUNT_CHILDREN) {
            const def = this.schema.object(child);
            const o = def ? this.model.owdOf(def) : null;
            if (o && o !== "ControlledByParent" && rank(o) > rank(accountOwd))
                throw new UnsupportedError(
                    `sharing model ${o} on ${def?.name} with ${accountOwd} on ${account.name} (a Salesforce org does not allow a child default more open than the account's)`
                );
        }
    }
}
