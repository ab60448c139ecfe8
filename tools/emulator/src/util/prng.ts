/** Deterministic pseudo-random numbers; every generated thing derives from the emulator seed. */
import { createHash } from "node:crypto";

/** A seeded generator (mulberry32): fast, small state, good enough for test data. */
export class Prng {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** Uniform float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** Integer in [min, max] inclusive. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    /** One element of a non-empty array. */
    pick<T>(items: readonly T[]): T {
        const item = items[Math.floor(this.next() * items.length)];
        if (item === undefined) throw new Error("pick from an empty array");
        return item;
    }

    /** Picks by weight; weights need not sum to 1. */
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
        const total = items.reduce((s, [, w]) => s + w, 0);
        let r = this.next() * total;
        for (const [item, w] of items) {
            r -= w;
            if (r < 0) return item;
        }
        const last = items[items.length - 1];
        if (!last) throw new Error("weighted pick from an empty array");
        return last[0];
    }

    /** 24 lowercase hex characters, the shape of an MCP profile ID. */
    hex24(): string {
        let s = "";
        for (let i = 0; i < 3; i++)
            s += Math.floor(this.next() * 0x100000000)
                .toString(16)
                .padStart(8, "0");
        return s;
    }
}

/** Stable 32-bit seed from any strings (FNV-1a). */
export function hashSeed(...parts: Array<string | number>): number {
    let h = 0x811c9dc5;
    const s = parts.join("\u0001");
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

/** Stable 24-hex ID from strings (SHA-256 prefix); used for demo profiles so fixtures can name them. */
export function hashHex24(...parts: string[]): string {
    return createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 24);
}

/** Stable bucket 0..99 for control-group and similar splits. */
export function bucket100(...parts: string[]): number {
    return hashSeed(...parts) % 100;
}
