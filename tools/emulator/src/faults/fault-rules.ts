/** Fault injection rules: which requests they hit, when they fire, and what they do. */
import { DC_ROUTES } from "../datacloud/surface";
import { Prng } from "../util/prng";

/** What a fault does. */
export type FaultKind = "latency" | "status" | "errorCode" | "malformedJson" | "truncatedBody" | "stall" | "oversized";

/** When a matching rule fires. */
export type FaultApply = "always" | "everyNth" | "probability";

/** A rule as posted (see FaultRuleInput in the contract). */
export interface FaultRuleInput {
    route?: string;
    method?: string;
    dataset?: string;
    kind: FaultKind;
    latencyMs?: number;
    status?: number;
    retryAfter?: number;
    errorCode?: number;
    stallMs?: number;
    oversizedBytes?: number;
    apply?: FaultApply;
    n?: number;
    probability?: number;
    seed?: number;
    times?: number;
}

/** A stored rule with counters. */
export interface FaultRule extends FaultRuleInput {
    id: string;
    route: string;
    apply: FaultApply;
    matched: number;
    applied: number;
}

const KINDS: readonly FaultKind[] = [
    "latency",
    "status",
    "errorCode",
    "malformedJson",
    "truncatedBody",
    "stall",
    "oversized"
];
const STATUSES = [400, 401, 403, 404, 429, 500, 502, 503, 504];
const ROUTES = [
    "*",
    "event",
    "authevent",
    "user",
    "usersDelete",
    "usersExport",
    "datasets",
    "metadata",
    "identity",
    "affinities",
    "events",
    ...DC_ROUTES
];
const KEYS = new Set([
    "route",
    "method",
    "dataset",
    "kind",
    "latencyMs",
    "status",
    "retryAfter",
    "errorCode",
    "stallMs",
    "oversizedBytes",
    "apply",
    "n",
    "probability",
    "seed",
    "times"
]);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min = 0): v is number => typeof v === "number" && Number.isInteger(v) && v >= min;

/** Validates a posted rule; returns the rule or a list of problems. */
export function parseFaultRule(raw: unknown): FaultRuleInput | string[] {
    if (!isObj(raw)) return ["a fault rule must be an object"];
    const problems: string[] = [];
    for (const k of Object.keys(raw)) if (!KEYS.has(k)) problems.push(`unknown field ${k}`);
    const kind = raw["kind"];
    if (typeof kind !== "string" || !KINDS.includes(kind as FaultKind))
        problems.push(`kind must be one of ${KINDS.join(", ")}`);
    const route = raw["route"];
    if (route !== undefined && (typeof route !== "string" || (!route.startsWith("/") && !ROUTES.includes(route))))
        problems.push(`route must be one of ${ROUTES.join(", ")} or a path prefix starting with /`);
    if (raw["method"] !== undefined && typeof raw["method"] !== "string") problems.push("method must be a string");
    if (raw["dataset"] !== undefined && typeof raw["dataset"] !== "string") problems.push("dataset must be a string");
    if (kind === "status" && !STATUSES.includes(raw["status"] as number))
        problems.push(`status must be one of ${STATUSES.join(", ")}`);
    if (kind === "errorCode" && raw["errorCode"] !== undefined && ![1, 2, 3, 4, 5].includes(raw["errorCode"] as number))
        problems.push("errorCode must be 1..5");
    for (const k of ["latencyMs", "retryAfter", "stallMs", "seed"] as const)
        if (raw[k] !== undefined && !isInt(raw[k])) problems.push(`${k} must be a non-negative integer`);
    for (const k of ["oversizedBytes", "times", "n"] as const)
        if (raw[k] !== undefined && !isInt(raw[k], 1)) problems.push(`${k} must be a positive integer`);
    const apply = raw["apply"] ?? "always";
    if (!["always", "everyNth", "probability"].includes(apply as string))
        problems.push("apply must be always, everyNth or probability");
    if (apply === "everyNth" && !isInt(raw["n"], 1)) problems.push("everyNth needs n >= 1");
    if (
        apply === "probability" &&
        !(typeof raw["probability"] === "number" && raw["probability"] >= 0 && raw["probability"] <= 1)
    )
        problems.push("probability needs a number in [0, 1]");
    if (kind === "latency" && !isInt(raw["latencyMs"])) problems.push("latency needs latencyMs");
    if (problems.length > 0) return problems;
    return raw as unknown as FaultRuleInput;
}

/** The request facts a rule matches on. */
export interface FaultTarget {
    route: string | null;
    method: string;
    path: string;
    dataset: string | null;
}

/** Ordered rule list with per-rule counters and seeded PRNGs. */
export class FaultSet {
    private rules: FaultRule[] = [];
    private readonly prngs = new Map<string, Prng>();
    private nextId = 1;

    constructor(private readonly defaultSeed: number) {}

    /** Adds a validated rule; returns it. */
    add(input: FaultRuleInput): FaultRule {
        const rule: FaultRule = {
            ...input,
            id: `f${this.nextId++}`,
            route: input.route ?? "*",
            apply: input.apply ?? "always",
            matched: 0,
            applied: 0
        };
        this.rules.push(rule);
        this.prngs.set(rule.id, new Prng(input.seed ?? this.defaultSeed));
        return rule;
    }

    /** Snapshot of the rules. */
    list(): FaultRule[] {
        return this.rules.map((r) => ({ ...r }));
    }

    /** Removes one rule. */
    remove(id: string): boolean {
        const before = this.rules.length;
        this.rules = this.rules.filter((r) => r.id !== id);
        this.prngs.delete(id);
        return this.rules.length < before;
    }

    /** Removes every rule. */
    clear(): void {
        this.rules = [];
        this.prngs.clear();
    }

    private matches(rule: FaultRule, t: FaultTarget): boolean {
        if (rule.method && rule.method.toUpperCase() !== t.method.toUpperCase()) return false;
        if (rule.dataset && rule.dataset !== t.dataset) return false;
        if (rule.route === "*") return true;
        if (rule.route.startsWith("/")) return t.path.startsWith(rule.route);
        return rule.route === t.route;
    }

    /**
     * Rules that fire for this request, in order: every firing latency rule, then at most one other rule.
     * Counters advance for every matching rule so everyNth and probability stay deterministic.
     */
    fire(t: FaultTarget): FaultRule[] {
        const fired: FaultRule[] = [];
        let terminal = false;
        for (const rule of [...this.rules]) {
            if (!this.matches(rule, t)) continue;
            if (terminal && rule.kind !== "latency") continue;
            rule.matched++;
            let fires = true;
            if (rule.apply === "everyNth") fires = rule.matched % (rule.n ?? 1) === 0;
            else if (rule.apply === "probability")
                fires = (this.prngs.get(rule.id)?.next() ?? 1) < (rule.probability ?? 0);
            if (!fires) continue;
            rule.applied++;
            fired.push({ ...rule });
            if (rule.kind !== "latency") terminal = true;
            if (rule.times !== undefined && rule.applied >= rule.times) this.remove(rule.id);
        }
        return fired;
    }
}
