/** Ring buffer of recent requests for test assertions and the workbench. */

/** One logged request. */
export interface LoggedRequest {
    seq: number;
    time: number;
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: string;
    bodyTruncated: boolean;
    status: number;
    route: string | null;
    dataset: string | null;
    fault: string | null;
    durationMs: number;
}

const MAX_BODY = 64 * 1024;

/** What is stored per request; decoding is deferred to list() so logging stays cheap on the hot path. */
interface RawEntry extends Omit<LoggedRequest, "body" | "bodyTruncated" | "headers" | "query"> {
    rawBody: Buffer;
    rawHeaders: Record<string, string | string[] | undefined>;
    rawQuery: URLSearchParams;
}

/** Keeps the last `capacity` requests. */
export class RequestLog {
    private readonly entries: RawEntry[] = [];
    private seq = 0;

    constructor(private readonly capacity = 500) {}

    /** Next sequence number. */
    nextSeq(): number {
        return ++this.seq;
    }

    /** Records a finished request (the body is kept up to 64 KB). */
    add(entry: RawEntry): void {
        this.entries.push(
            entry.rawBody.length > MAX_BODY ? { ...entry, rawBody: entry.rawBody.subarray(0, MAX_BODY + 1) } : entry
        );
        if (this.entries.length > this.capacity * 2) this.entries.splice(0, this.entries.length - this.capacity);
    }

    /** Recent entries, oldest first. */
    list(limit?: number, pathPrefix?: string): LoggedRequest[] {
        const recent = this.entries.slice(-this.capacity);
        const filtered = pathPrefix ? recent.filter((e) => e.path.startsWith(pathPrefix)) : recent;
        return (limit === undefined ? filtered : filtered.slice(-limit)).map(
            ({ rawBody, rawHeaders, rawQuery, ...rest }) => {
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(rawHeaders))
                    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
                return {
                    ...rest,
                    query: Object.fromEntries(rawQuery),
                    headers,
                    body: rawBody.subarray(0, MAX_BODY).toString("utf8"),
                    bodyTruncated: rawBody.length > MAX_BODY
                };
            }
        );
    }

    /** Forgets everything. */
    clear(): void {
        this.entries.length = 0;
    }
}
