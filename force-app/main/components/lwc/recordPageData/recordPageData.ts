/**
 * The record page's data layer. Every Personalization component on a page imports this one module instance, so
 * requests made in the same moment (the components mount together) for the same record travel in one Apex call,
 * `PersonalizationPageController.loadPage`, which answers them with as few MCP callouts as the account allows
 * (one on the documented surface). Each component still gets its own promise: its own result or its own error, so
 * a failing campaign never blanks Affinities, and a component's refresh sends only its own part. Impressions are
 * batched the same way into one `sendFeedback` call; the rep's own feedback (accept, dismiss, open) goes at once.
 * Insight answers (Affinities, Event Stream) are kept for {@link INSIGHT_TTL_MS} per record and request, as the
 * server keeps the insights for the session: a rep returning to a record sees them at once; Refresh and live polls
 * bypass and replace them. Decisions are never kept (each load asks MCP, and impressions must match what is shown).
 * A component dropped alone on a page makes exactly one call per load, as before.
 */
import loadPage from "@salesforce/apex/PersonalizationPageController.loadPage";
import sendFeedbackBatch from "@salesforce/apex/PersonalizationPageController.sendFeedback";
import { isRecord, readString, type DataRecord } from "c/dataUtils";

/** The components' kinds of data, as `PersonalizationPageModel.KIND_*`. */
export type PartKind = "affinities" | "events" | "promotions" | "recommendations";

/** An insight component's load: the record and its request, as the Affinities and Event Stream parts take them. */
export interface InsightParams {
    recordId?: string;
    request: object;
}

/** A decision component's load: its request, which names the record. */
export interface DecisionParams {
    request: { recordId?: string };
}

/** One piece of decision feedback (`PersonalizationDecisionModel.FeedbackRequest`). */
export interface FeedbackParams {
    feedback: { feedbackType?: string };
}

/** Options of one load. */
export interface LoadOptions {
    /** The rep asked for fresh data (Refresh, live polling): cached insights are bypassed and replaced. */
    refresh?: boolean;
}

/** What a failed part rejects with: the shape of an Apex error, so `c/errorUtils` reads it as one. */
export interface PartError {
    body: { message: string };
    errorCode?: string;
}

interface Pending<T> {
    payload: T;
    resolve: (value: unknown) => void;
    reject: (reason: unknown) => void;
}

interface PendingPart {
    key: string;
    kind: PartKind;
    refresh: boolean;
    request: object;
}

/** Where each kind's request and answer sit in a part (`PersonalizationPageModel.PartRequest/PartResult`). */
const MEMBER: Record<PartKind, "affinities" | "events" | "decision"> = {
    affinities: "affinities",
    events: "events",
    promotions: "decision",
    recommendations: "decision"
};

const IMPRESSION = "Impression";
/** How long an insight answer is reused in this browser tab (the server's session cache keeps the same 5 minutes). */
export const INSIGHT_TTL_MS = 300_000;
/** Most insight answers kept (a rep visits a few dozen records an hour). */
const INSIGHT_CACHE_SIZE = 50;

/** Insight answers by record, kind and request, oldest first. */
const insightAnswers = new Map<string, { value: unknown; at: number }>();

let coalescing = true;
/**
 * What the last page of each record type asked for (by the Id's 3-character prefix), so that a rep's next record of
 * that type asks for the whole page as soon as its first component connects, instead of after every component
 * rendered its loading state: one call, sent sooner. A component whose request the page asked for in advance takes
 * that part's answer; any other request goes the usual way.
 */
const lastShapes = new Map<string, { kind: PartKind; request: object; signature: string }[]>();
/** Answers of parts asked in advance and not yet taken, by record and request. */
const anticipated = new Map<string, Promise<unknown>[]>();
let partSequence = 0;
const partQueues = new Map<string, Pending<PendingPart>[]>();
const feedbackQueue: Pending<object>[] = [];
let flushScheduled = false;

/**
 * Switches the data layer off (each request its own Apex call and no answers kept in the tab, as before the data
 * layer) for side-by-side measurements in the workbench's benchmark; never used by the components.
 * @param options `coalesce: false` sends every request alone and keeps nothing.
 */
export function configureDataLayer(options: { coalesce: boolean }): void {
    coalescing = options.coalesce;
}

/**
 * Affinities of a record.
 * @param params The record and the Affinities request.
 * @param options Whether the rep asked for fresh data.
 * @returns The part's answer (`AffinitiesService.Result`).
 */
export function loadAffinities(params: InsightParams, options: LoadOptions = {}): Promise<unknown> {
    return loadInsight(params, "affinities", options);
}

/**
 * One page of a record's events.
 * @param params The record and the Event Stream request.
 * @param options Whether the rep asked for fresh data.
 * @returns The part's answer (`EventStreamService.Result`).
 */
export function loadEvents(params: InsightParams, options: LoadOptions = {}): Promise<unknown> {
    return loadInsight(params, "events", options);
}

/**
 * Promotions decided for the record of the request.
 * @param params The decision request (with `recordId`).
 * @returns The part's answer (`PersonalizationDecisionModel.LoadResult`).
 */
export function loadPromotions(params: DecisionParams): Promise<unknown> {
    return enqueuePart(params.request.recordId, "promotions", params.request, {});
}

/**
 * Items recommended for the record of the request.
 * @param params The decision request (with `recordId`).
 * @returns The part's answer (`PersonalizationDecisionModel.LoadResult`).
 */
export function loadRecommendations(params: DecisionParams): Promise<unknown> {
    return enqueuePart(params.request.recordId, "recommendations", params.request, {});
}

/**
 * Sends one piece of feedback: impressions wait for the others of the same moment, the rep's actions go at once.
 * @param params The feedback (`PersonalizationDecisionModel.FeedbackRequest`).
 * @returns Its `FeedbackResult`.
 */
export function sendFeedback(params: FeedbackParams): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const pending = { payload: params.feedback, resolve, reject };
        if (coalescing && params.feedback.feedbackType === IMPRESSION) {
            feedbackQueue.push(pending);
            scheduleFlush();
        } else {
            sendFeedbackNow([pending]);
        }
    });
}

/** An insight part from this tab's recent answers, else from Apex (the answer is then kept). */
function insightKey(recordId: string | undefined, kind: PartKind, request: object): string {
    return `${recordId ?? ""}|${kind}|${JSON.stringify(request)}`;
}

/** A kept insight answer still within its time, or undefined. */
function keptAnswer(key: string): { value: unknown } | undefined {
    const kept = insightAnswers.get(key);
    return kept !== undefined && Date.now() - kept.at < INSIGHT_TTL_MS ? kept : undefined;
}

function loadInsight(params: InsightParams, kind: PartKind, options: LoadOptions): Promise<unknown> {
    const key = insightKey(params.recordId, kind, params.request);
    const kept = coalescing ? keptAnswer(key) : undefined;
    if (options.refresh !== true && kept !== undefined) {
        return Promise.resolve(structuredCopy(kept.value));
    }
    return enqueuePart(params.recordId, kind, params.request, options).then((value) => {
        if (!coalescing) {
            return value;
        }
        insightAnswers.delete(key);
        insightAnswers.set(key, { value: structuredCopy(value), at: Date.now() });
        if (insightAnswers.size > INSIGHT_CACHE_SIZE) {
            insightAnswers.delete(insightAnswers.keys().next().value as string);
        }
        return value;
    });
}

/** A copy, so a component changing its answer never changes the kept one. */
function structuredCopy(value: unknown): unknown {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Forgets every kept insight answer and page shape (tests). */
export function clearKeptAnswers(): void {
    insightAnswers.clear();
    lastShapes.clear();
    anticipated.clear();
}

function enqueuePart(
    recordId: string | undefined,
    kind: PartKind,
    request: object,
    options: LoadOptions
): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const pending: Pending<PendingPart> = {
            payload: { key: `p${++partSequence}`, kind, refresh: options.refresh === true, request },
            resolve,
            reject
        };
        if (!coalescing) {
            loadNow(recordId, [pending]);
            return;
        }
        const claimed = pending.payload.refresh ? undefined : claimAnticipated(recordId, kind, request);
        if (claimed) {
            claimed.then(resolve, reject);
            return;
        }
        const queueKey = recordId ?? "";
        const queue = partQueues.get(queueKey) ?? [];
        queue.push(pending);
        partQueues.set(queueKey, queue);
        scheduleFlush();
    });
}

/**
 * Waits one task, so every component that mounts in the same render asks in the same call; a task rather than a
 * microtask, so that components a framework connects in later microtasks of the same render still share it.
 */
function scheduleFlush(): void {
    if (flushScheduled) {
        return;
    }
    flushScheduled = true;
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout(flush, 0);
}

/** A request's identity apart from its record: the component kind and its properties. */
function signatureOf(kind: PartKind, request: object): string {
    return `${kind}|${JSON.stringify(request, (key: string, value: unknown) => (key === "recordId" ? undefined : value))}`;
}

/**
 * The answer of a part the page asked for in advance, or undefined. On the first request of a record whose type has
 * a known page shape, the whole shape is asked for at once.
 */
function claimAnticipated(recordId: string | undefined, kind: PartKind, request: object): Promise<unknown> | undefined {
    if (recordId === undefined) {
        return undefined;
    }
    const signature = signatureOf(kind, request);
    const shape = lastShapes.get(recordId.slice(0, 3));
    const prefix = `${recordId}|`;
    const started = [...anticipated.keys()].some((key) => key.startsWith(prefix));
    if (!started && shape?.some((part) => part.signature === signature)) {
        anticipate(recordId, shape);
    }
    const waiting = anticipated.get(prefix + signature);
    const answer = waiting?.shift();
    if (waiting?.length === 0) {
        anticipated.delete(prefix + signature);
    }
    return answer;
}

/** Asks for every part of a page shape for a record now; components take the answers as they connect. */
function anticipate(recordId: string, shape: { kind: PartKind; request: object; signature: string }[]): void {
    const keys: string[] = [];
    // insight parts this tab still holds are answered from it when their component asks
    const needed = shape.filter(
        (part) =>
            MEMBER[part.kind] === "decision" || keptAnswer(insightKey(recordId, part.kind, part.request)) === undefined
    );
    if (needed.length === 0) {
        return;
    }
    const batch = needed.map((part) => {
        let resolve: (value: unknown) => void = () => undefined;
        let reject: (reason: unknown) => void = () => undefined;
        const answer = new Promise<unknown>((onResolve, onReject) => {
            resolve = onResolve;
            reject = onReject;
        });
        answer.catch(() => undefined); // an answer no component takes must not be an unhandled rejection
        const key = `${recordId}|${part.signature}`;
        keys.push(key);
        anticipated.set(key, [...(anticipated.get(key) ?? []), answer]);
        const request = MEMBER[part.kind] === "decision" ? { ...part.request, recordId } : part.request;
        return { payload: { key: `p${++partSequence}`, kind: part.kind, refresh: false, request }, resolve, reject };
    });
    loadNow(recordId, batch, () => keys.forEach((key) => anticipated.delete(key)));
}

/** Remembers what a page of this record type asked for (not refreshes: they are one card's). */
function rememberShape(recordId: string, batch: Pending<PendingPart>[]): void {
    const parts = batch
        .filter(({ payload }) => !payload.refresh)
        .map(({ payload }) => ({
            kind: payload.kind,
            request: payload.request,
            signature: signatureOf(payload.kind, payload.request)
        }));
    if (parts.length > 1) {
        lastShapes.set(recordId.slice(0, 3), parts);
    }
}

function flush(): void {
    flushScheduled = false;
    const queues = [...partQueues.entries()];
    partQueues.clear();
    for (const [recordId, queue] of queues) {
        if (recordId) {
            rememberShape(recordId, queue);
        }
        loadNow(recordId || undefined, queue);
    }
    if (feedbackQueue.length > 0) {
        sendFeedbackNow(feedbackQueue.splice(0, feedbackQueue.length));
    }
}

function loadNow(recordId: string | undefined, batch: Pending<PendingPart>[], done?: () => void): void {
    const parts = batch.map(({ payload }) => ({
        key: payload.key,
        kind: payload.kind,
        refresh: payload.refresh,
        [MEMBER[payload.kind]]: payload.request
    }));
    loadPage({ request: { recordId, parts } })
        .then((answer: unknown) => {
            const results = isRecord(answer) && Array.isArray(answer.parts) ? answer.parts.filter(isRecord) : [];
            for (const pending of batch) {
                settle(
                    pending,
                    results.find((result) => result.key === pending.payload.key)
                );
            }
        })
        .catch((error: unknown) => {
            batch.forEach((pending) => pending.reject(error));
        })
        .finally(() => done?.());
}

function settle(pending: Pending<PendingPart>, result: DataRecord | undefined): void {
    if (result === undefined) {
        pending.reject(new Error("Unexpected answer from Personalization"));
        return;
    }
    const message = readString(result, "error");
    if (message !== undefined) {
        const failure: PartError = { body: { message }, errorCode: readString(result, "errorCode") };
        pending.reject(failure);
        return;
    }
    pending.resolve(result[MEMBER[pending.payload.kind]]);
}

function sendFeedbackNow(batch: Pending<object>[]): void {
    sendFeedbackBatch({ feedback: batch.map(({ payload }) => payload) })
        .then((answer: unknown) => {
            const results = Array.isArray(answer) ? answer : [];
            batch.forEach((pending, index) => pending.resolve(results[index]));
        })
        .catch((error: unknown) => {
            batch.forEach((pending) => pending.reject(error));
        });
}
