import { createElement } from "lwc";
import Affinities from "c/affinities";
import NextBestAction from "c/nextBestAction";
import {
    clearKeptAnswers,
    configureDataLayer,
    loadAffinities,
    loadEvents,
    loadPromotions,
    loadRecommendations,
    sendFeedback
} from "c/recordPageData";
import loadPage from "@salesforce/apex/PersonalizationPageController.loadPage";
import sendFeedbackBatch from "@salesforce/apex/PersonalizationPageController.sendFeedback";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import AFFINITIES from "../../affinities/__tests__/data/getAffinities.json";

jest.mock("@salesforce/apex/PersonalizationPageController.loadPage", () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock("@salesforce/apex/PersonalizationPageController.sendFeedback", () => ({ default: jest.fn() }), {
    virtual: true
});
const PROMOTIONS: unknown = require("../../nextBestAction/__tests__/data/promotions.json");

const loadPageMock = loadPage as unknown as jest.Mock;
const sendFeedbackMock = sendFeedbackBatch as unknown as jest.Mock;
const RECORD_ID = "003Hs00002Jd0AkIAJ";
const OTHER_ID = "00QHs00003Ld1aZMAR";

interface Part {
    key: string;
    kind: string;
    refresh: boolean;
    [member: string]: unknown;
}

interface PageCall {
    request: { recordId?: string; parts: Part[] };
}

function pageCalls(): PageCall[] {
    return loadPageMock.mock.calls.map((call: unknown[]) => call[0] as PageCall);
}

/** Answers every part of a page call with the given function of its kind (an error string fails the part). */
function answerParts(answer: (part: Part) => unknown): void {
    loadPageMock.mockImplementation(({ request }: PageCall) =>
        Promise.resolve({
            callouts: 1,
            parts: request.parts.map((part) => {
                const value = answer(part);
                const member = part.kind === "affinities" || part.kind === "events" ? part.kind : "decision";
                return typeof value === "string"
                    ? { key: part.key, kind: part.kind, error: value, errorCode: "BUSY" }
                    : { key: part.key, kind: part.kind, [member]: value };
            })
        })
    );
}

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

function mount<T>(tag: string, ctor: T, props: Record<string, unknown>): HTMLElement {
    const element = createElement(tag, { is: ctor as never }) as unknown as HTMLElement;
    Object.assign(element, { recordId: RECORD_ID, ...props });
    document.body.appendChild(element);
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);

describe("c/recordPageData", () => {
    beforeEach(() => {
        sendFeedbackMock.mockImplementation(({ feedback }: { feedback: unknown[] }) =>
            Promise.resolve(feedback.map(() => ({ sent: true, attempts: 1, disabled: false })))
        );
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        configureDataLayer({ coalesce: true });
        clearKeptAnswers();
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    describe("two components on one record page", () => {
        it("share one Apex call and each renders its own part", async () => {
            answerParts((part) => (part.kind === "affinities" ? clone(AFFINITIES) : clone(PROMOTIONS)));
            const affinities = mount("c-affinities", Affinities, {});
            const offers = mount("c-next-best-action", NextBestAction, {});
            await flushPromises();
            await flushPromises();

            expect(loadPageMock).toHaveBeenCalledTimes(1);
            const [call] = pageCalls();
            expect(call.request.recordId).toBe(RECORD_ID);
            expect(call.request.parts.map((part) => part.kind)).toEqual(["affinities", "promotions"]);
            expect(call.request.parts[1].decision).toMatchObject({ recordId: RECORD_ID, datafield: "promos" });
            expect(deepQueryAll(affinities, '[data-id="item"]')).toHaveLength(2);
            expect(deepQueryAll(offers, "c-decision-item").length).toBeGreaterThan(0);
        });

        it("keep a failing campaign from blanking Affinities", async () => {
            answerParts((part) => (part.kind === "affinities" ? clone(AFFINITIES) : "Personalization is busy."));
            const affinities = mount("c-affinities", Affinities, {});
            const offers = mount("c-next-best-action", NextBestAction, {});
            await flushPromises();
            await flushPromises();

            expect(loadPageMock).toHaveBeenCalledTimes(1);
            expect(deepQueryAll(affinities, '[data-id="item"]')).toHaveLength(2);
            expect(byId(affinities, "error")).toBeNull();
            expect(deepQuery(offers, "c-error-panel")).not.toBeNull();
        });

        it("refresh only the component whose Refresh was pressed", async () => {
            answerParts((part) => (part.kind === "affinities" ? clone(AFFINITIES) : clone(PROMOTIONS)));
            const affinities = mount("c-affinities", Affinities, {});
            mount("c-next-best-action", NextBestAction, {});
            await flushPromises();
            await flushPromises();

            byId(affinities, "refresh")!.click();
            await flushPromises();
            await flushPromises();

            expect(loadPageMock).toHaveBeenCalledTimes(2);
            const refreshed = pageCalls()[1].request.parts;
            expect(refreshed).toHaveLength(1);
            expect(refreshed[0]).toMatchObject({ kind: "affinities", refresh: true });
        });

        it("send their impressions in one call", async () => {
            answerParts(() => clone(PROMOTIONS));
            mount("c-next-best-action", NextBestAction, { mcpDatafield: "promos" });
            mount("c-next-best-action", NextBestAction, { mcpDatafield: "promos", maxItems: 1 });
            await flushPromises();
            await flushPromises();
            await flushPromises();

            expect(loadPageMock).toHaveBeenCalledTimes(1);
            expect(sendFeedbackMock).toHaveBeenCalledTimes(1);
            const { feedback } = sendFeedbackMock.mock.calls[0][0] as { feedback: { feedbackType: string }[] };
            expect(feedback.map((entry) => entry.feedbackType)).toEqual(["Impression", "Impression"]);
        });
    });

    it("resolves each request with its part and rejects a failed part with an Apex-shaped error", async () => {
        answerParts((part) => {
            return part.kind === "events" ? "Personalization took too long to answer." : { ok: part.kind };
        });
        const results = Promise.allSettled([
            loadAffinities({ recordId: RECORD_ID, request: {} }),
            loadEvents({ recordId: RECORD_ID, request: {} }),
            loadRecommendations({ request: { recordId: RECORD_ID } })
        ]);
        const [affinities, events, recommendations] = await results;

        expect(loadPageMock).toHaveBeenCalledTimes(1);
        expect(affinities).toEqual({ status: "fulfilled", value: { ok: "affinities" } });
        expect(events).toEqual({
            status: "rejected",
            reason: { body: { message: "Personalization took too long to answer." }, errorCode: "BUSY" }
        });
        expect(recommendations).toEqual({ status: "fulfilled", value: { ok: "recommendations" } });
    });

    it("rejects every request of a call that fails as a whole", async () => {
        const failure = { body: { message: "Something went wrong" } };
        loadPageMock.mockRejectedValue(failure);
        const results = await Promise.allSettled([
            loadAffinities({ recordId: RECORD_ID, request: {} }),
            loadPromotions({ request: { recordId: RECORD_ID } })
        ]);

        expect(results).toEqual([
            { status: "rejected", reason: failure },
            { status: "rejected", reason: failure }
        ]);
    });

    it("rejects a request whose part is missing from the answer", async () => {
        loadPageMock.mockResolvedValue({ parts: [] });
        await expect(loadAffinities({ recordId: RECORD_ID, request: {} })).rejects.toThrow(
            "Unexpected answer from Personalization"
        );
    });

    it("keeps records apart: one call per record", async () => {
        answerParts(() => ({}));
        await Promise.all([
            loadAffinities({ recordId: RECORD_ID, request: {} }),
            loadAffinities({ recordId: OTHER_ID, request: {} })
        ]);

        expect(pageCalls().map((call) => call.request.recordId)).toEqual([RECORD_ID, OTHER_ID]);
    });

    it("reuses an insight answer for the same record and request for five minutes, never a decision", async () => {
        jest.useFakeTimers({ doNotFake: ["setTimeout", "nextTick", "setImmediate"] });
        jest.setSystemTime(new Date("2026-12-07T10:00:00Z"));
        answerParts((part) => ({ kind: part.kind, at: Date.now() }));
        const again = async (): Promise<unknown[]> =>
            Promise.all([
                loadAffinities({ recordId: RECORD_ID, request: { showBy: "views" } }),
                loadPromotions({ request: { recordId: RECORD_ID } })
            ]);

        const [first] = await again();
        const [second] = await again();
        expect(second).toEqual(first);
        expect(pageCalls().map((call) => call.request.parts.map((part) => part.kind))).toEqual([
            ["affinities", "promotions"],
            ["promotions"]
        ]);

        await loadAffinities({ recordId: RECORD_ID, request: { showBy: "revenue" } });
        expect(pageCalls()).toHaveLength(3); // another request is another answer

        jest.setSystemTime(new Date("2026-12-07T10:05:01Z"));
        await loadAffinities({ recordId: RECORD_ID, request: { showBy: "views" } });
        expect(pageCalls()).toHaveLength(4); // five minutes later it is read again
    });

    it("asks for a record's whole page at its first component's request once the page's shape is known", async () => {
        const NEXT_CONTACT = "003Hs00002Rt0FkIAJ";
        answerParts((part) => ({ kind: part.kind, record: (part.decision as { recordId?: string })?.recordId }));
        await Promise.all([
            loadAffinities({ recordId: RECORD_ID, request: { showBy: "views" } }),
            loadPromotions({ request: { recordId: RECORD_ID, datafield: "promos" } as { recordId?: string } })
        ]);
        expect(loadPageMock).toHaveBeenCalledTimes(1);

        // the next Contact: the first request sends the whole page at once, before any timer
        const offers = loadPromotions({
            request: { recordId: NEXT_CONTACT, datafield: "promos" } as { recordId?: string }
        });
        expect(loadPageMock).toHaveBeenCalledTimes(2);
        expect(pageCalls()[1].request).toMatchObject({ recordId: NEXT_CONTACT });
        expect(pageCalls()[1].request.parts.map((part) => part.kind)).toEqual(["affinities", "promotions"]);
        const bars = loadAffinities({ recordId: NEXT_CONTACT, request: { showBy: "views" } });
        await expect(offers).resolves.toEqual({ kind: "promotions", record: NEXT_CONTACT });
        await expect(bars).resolves.toEqual({ kind: "affinities" });
        expect(loadPageMock).toHaveBeenCalledTimes(2); // the second component took its part of that call

        // a request the page did not ask for in advance goes the usual way
        await loadAffinities({ recordId: NEXT_CONTACT, request: { showBy: "revenue" } });
        expect(loadPageMock).toHaveBeenCalledTimes(3);
    });

    it("bypasses and replaces a kept insight answer on refresh", async () => {
        let version = 0;
        answerParts(() => ({ version: ++version }));
        await loadEvents({ recordId: RECORD_ID, request: {} });
        await expect(loadEvents({ recordId: RECORD_ID, request: {} }, { refresh: true })).resolves.toEqual({
            version: 2
        });
        await expect(loadEvents({ recordId: RECORD_ID, request: {} })).resolves.toEqual({ version: 2 });
        expect(pageCalls()[1].request.parts[0].refresh).toBe(true);
        expect(loadPageMock).toHaveBeenCalledTimes(2);
    });

    it("sends the rep's own feedback at once, not batched", async () => {
        sendFeedbackMock.mockResolvedValue([{ sent: true }]);
        const accepted = sendFeedback({ feedback: { feedbackType: "Accepted" } });

        expect(sendFeedbackMock).toHaveBeenCalledWith({ feedback: [{ feedbackType: "Accepted" }] });
        await expect(accepted).resolves.toEqual({ sent: true });
    });

    it("rejects batched feedback when the call fails", async () => {
        const failure = new Error("offline");
        sendFeedbackMock.mockRejectedValue(failure);
        await expect(sendFeedback({ feedback: { feedbackType: "Impression" } })).rejects.toBe(failure);
    });

    it("sends every request alone when coalescing is off (the benchmark's old path)", async () => {
        configureDataLayer({ coalesce: false });
        answerParts(() => ({}));
        await Promise.all([
            loadAffinities({ recordId: RECORD_ID, request: {} }),
            loadEvents({ recordId: RECORD_ID, request: {} })
        ]);

        expect(loadPageMock).toHaveBeenCalledTimes(2);
        expect(pageCalls().map((call) => call.request.parts.length)).toEqual([1, 1]);
    });

    it("keeps no insight answer when the data layer is off (the old path asked every time)", async () => {
        configureDataLayer({ coalesce: false });
        answerParts(() => ({}));
        await loadAffinities({ recordId: RECORD_ID, request: {} });
        await loadAffinities({ recordId: RECORD_ID, request: {} });

        expect(loadPageMock).toHaveBeenCalledTimes(2);
    });
});
