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

/** Keeps the last `capacity` requests. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly capacity = 500) {}

  /** Next sequence number. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Records a finished request. */
  add(entry: Omit<LoggedRequest, 'body' | 'bodyTruncated'> & { body: Buffer }): void {
    const truncated = entry.body.length > MAX_BODY;
    this.entries.push({ ...entry, body: entry.body.subarray(0, MAX_BODY).toString('utf8'), bodyTruncated: truncated });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Recent entries, oldest first. */
  list(limit?: number, pathPrefix?: string): LoggedRequest[] {
    const filtered = pathPrefix ? this.entries.filter((e) => e.path.startsWith(pathPrefix)) : this.entries;
    return limit === undefined ? [...filtered] : filtered.slice(-limit);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.length = 0;
  }
}
