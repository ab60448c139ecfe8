import { sourceFilesEndingWith } from "./sourceFiles";
import path from "node:path";
import { ApexSystemError } from "../runtime/errors";
import type { Value } from "../runtime/values/values";

/** Platform Cache TTL bounds in seconds (org: 300 … 172800 = 48 h; session: 300 … 28800 = 8 h). */
export const CACHE_TTL = { min: 300, orgMax: 172800, sessionMax: 28800, orgDefault: 86400, sessionDefault: 28800 };

interface Entry {
    value: Value;
    expires: number;
}

/**
 * In-memory Platform Cache: partitions from `cachePartitions/*.cachePartition-meta.xml` (`local.Name`
 * without a namespace). Every partition is given capacity in the local org, so values round-trip;
 * entries expire after their TTL on the org clock. Org cache lives as long as the org; session cache
 * as long as a transaction series (reset with the data of each test).
 */
export class PlatformCache {
    readonly partitions = new Set<string>();
    private readonly org = new Map<string, Map<string, Entry>>();
    private readonly session = new Map<string, Map<string, Entry>>();

    constructor(private readonly now: () => number) {}

    load(sourceDirs: string[]): void {
        for (const p of sourceFilesEndingWith(sourceDirs, ".cachePartition-meta.xml"))
            this.partitions.add(
                path
                    .basename(p)
                    .replace(/\.cachePartition-meta\.xml$/, "")
                    .toLowerCase()
            );
    }

    clear(): void {
        this.org.clear();
        this.session.clear();
    }

    /** Resolves `ns.Partition` (`local.` = no namespace); unknown partitions fail as on the platform. */
    partition(kind: "org" | "session", qualified: string): string {
        const parts = qualified.split(".");
        const name = (parts.length === 2 ? parts[1] : parts[0]).toLowerCase();
        if (parts.length !== 2 || !this.partitions.has(name))
            throw new ApexSystemError(
                "InvalidParameterValueException",
                `Failed Cache.${kind === "org" ? "Org" : "Session"}.getPartition() Partition not found: ${qualified}`
            );
        return name;
    }

    private bucket(kind: "org" | "session", partition: string): Map<string, Entry> {
        const top = kind === "org" ? this.org : this.session;
        let b = top.get(partition);
        if (!b) {
            b = new Map();
            top.set(partition, b);
        }
        return b;
    }

    private checkKey(key: string): void {
        if (!/^[a-zA-Z0-9]{1,50}$/.test(key))
            throw new ApexSystemError(
                "InvalidParameterValueException",
                `Invalid key: ${key}. Keys must be alphanumeric and at most 50 characters.`
            );
    }

    put(kind: "org" | "session", partition: string, key: string, value: Value, ttlSeconds: number | null): void {
        this.checkKey(key);
        const max = kind === "org" ? CACHE_TTL.orgMax : CACHE_TTL.sessionMax;
        const ttl = ttlSeconds ?? (kind === "org" ? CACHE_TTL.orgDefault : CACHE_TTL.sessionDefault);
        if (ttl < CACHE_TTL.min || ttl > max)
            throw new ApexSystemError(
                "InvalidParameterValueException",
                `Invalid TTL: ${ttl}. TTL must be between ${CACHE_TTL.min} and ${max} seconds.`
            );
        this.bucket(kind, partition).set(key, { value, expires: this.now() + ttl * 1000 });
    }

    get(kind: "org" | "session", partition: string, key: string): Value {
        this.checkKey(key);
        const b = this.bucket(kind, partition);
        const e = b.get(key);
        if (!e) return null;
        if (e.expires <= this.now()) {
            b.delete(key);
            return null;
        }
        return e.value;
    }

    contains(kind: "org" | "session", partition: string, key: string): boolean {
        return this.get(kind, partition, key) !== null;
    }

    remove(kind: "org" | "session", partition: string, key: string): boolean {
        this.checkKey(key);
        return this.bucket(kind, partition).delete(key);
    }

    keys(kind: "org" | "session", partition: string): string[] {
        const b = this.bucket(kind, partition);
        return [...b.keys()].filter((k) => this.get(kind, partition, k) !== null);
    }
}
