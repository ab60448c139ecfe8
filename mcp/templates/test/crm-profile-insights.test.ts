/** Offline tests of the CRM Profile Insights template against fixture contexts (full, missing, drifted, caps). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Insights } from "../crm-profile-insights/template";
import { loadCrmProfileInsights, runAt } from "../runtime/template-runtime";

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const Template = loadCrmProfileInsights();

function run(
    context: unknown,
    config: Partial<{ datafield: string; itemTypes: string; maxItems: number }> = {}
): Insights {
    const t = new Template();
    Object.assign(t, config);
    const out = runAt(NOW, () => t.run(context as CampaignComponentContext));
    const key = config.datafield ?? "crmInsights";
    assert.deepEqual(Object.keys(out), [key]);
    return out[key] as Insights;
}

/** A full context in the public-code shapes. */
function fullContext(): { user: Record<string, unknown>; calls: Array<[string, Date, Date]> } {
    const calls: Array<[string, Date, Date]> = [];
    const user = {
        attributes: {
            profileId: { value: "9184b725626a39f2bd489474" },
            emailAddress: { value: "jane@example.com" },
            firstName: { value: "Jane" },
            lifetimeValue: { value: 1200 }
        },
        visits: [
            {
                start: NOW - 3 * DAY,
                lastEventTime: NOW - 3 * DAY + 60_000,
                deviceType: "Desktop",
                operatingSystem: "macOS",
                browser: "Chrome",
                referrer: "https://www.google.com/"
            },
            {
                start: NOW - DAY,
                lastEventTime: NOW - DAY + 1000,
                deviceType: "Mobile",
                operatingSystem: "iOS",
                browser: "Safari",
                referrer: null
            }
        ],
        orderHistory: [
            {
                orderId: "o-1",
                time: NOW - 20 * DAY,
                totalValue: 99.5,
                currency: "USD",
                status: "Purchased",
                lineItems: [{}, {}]
            },
            {
                orderId: "o-2",
                time: NOW - 2 * DAY,
                totalValue: 10,
                currency: "USD",
                status: "Purchased",
                lineItems: [{}]
            }
        ],
        segmentMembership: [
            { id: "seg-campers", name: "Campers" },
            { id: "seg-gold", name: "Gold", joined: NOW - 5 * DAY }
        ],
        getSegmentJoinDate: (id: string) => (id === "seg-campers" ? new Date(NOW - 9 * DAY) : null),
        getDimensionActivity: (type: string, start: Date, end: Date) => {
            calls.push([type, start, end]);
            return [
                {
                    itemId: "p-2",
                    name: "Tent",
                    views: 3,
                    viewTimeMs: 30_000,
                    purchases: 0,
                    revenue: 0,
                    lastActivity: end.getTime() - 1000
                },
                {
                    itemId: "p-1",
                    name: "Stove",
                    views: 5,
                    viewTimeMs: 50_000,
                    purchases: 1,
                    revenue: 49,
                    lastActivity: end.getTime() - 2000
                },
                {
                    itemId: "p-3",
                    name: "Mug",
                    views: 3,
                    viewTimeMs: 1000,
                    purchases: 2,
                    revenue: 20,
                    lastActivity: null
                }
            ];
        }
    };
    return { user, calls };
}

describe("CRM Profile Insights template", () => {
    it("returns the full payload from a full context", () => {
        const { user, calls } = fullContext();
        const i = run({ user });
        assert.equal(i.template, "PersonalizationConnectorInsights");
        assert.equal(i.version, "1.0.0");
        assert.equal(i.generatedAt, NOW);
        assert.equal(i.profileId, "9184b725626a39f2bd489474");
        assert.deepEqual(i.attributeNames, ["emailAddress", "firstName", "lifetimeValue"]);
        assert.equal(JSON.stringify(i).includes("jane@example.com"), false, "no attribute values");
        assert.equal(i.affinities.available, true);
        assert.deepEqual(
            i.affinities.windows.map((w) => [w.days, w.offsetDays, w.itemType]),
            [
                [7, 0, "Product"],
                [7, 7, "Product"],
                [30, 0, "Product"],
                [30, 30, "Product"],
                [90, 0, "Product"],
                [90, 90, "Product"],
                [0, 0, "Product"]
            ]
        );
        // Windows passed as Dates: (7,7) is the week before last; (0,0) is 365 days back.
        assert.deepEqual(
            calls[1]?.map((c) => (c instanceof Date ? c.getTime() : c)),
            ["Product", NOW - 14 * DAY, NOW - 7 * DAY]
        );
        assert.deepEqual(
            calls[6]?.map((c) => (c instanceof Date ? c.getTime() : c)),
            ["Product", NOW - 365 * DAY, NOW]
        );
        const w = i.affinities.windows[0];
        assert.deepEqual(
            w?.items.map((x) => x.itemId),
            ["p-1", "p-3", "p-2"],
            "by views, then purchases"
        );
        assert.deepEqual(w?.items[0], {
            itemId: "p-1",
            name: "Stove",
            views: 5,
            viewTimeMs: 50_000,
            purchases: 1,
            revenue: 49,
            lastActivity: NOW - 2000
        });
        assert.equal(i.visits.available, true);
        assert.deepEqual(
            i.visits.items.map((v) => v.start),
            [NOW - DAY, NOW - 3 * DAY],
            "newest first"
        );
        assert.deepEqual(i.visits.items[1], {
            start: NOW - 3 * DAY,
            lastEventTime: NOW - 3 * DAY + 60_000,
            deviceType: "Desktop",
            operatingSystem: "macOS",
            browser: "Chrome",
            referrer: "https://www.google.com/"
        });
        assert.deepEqual(i.orders, {
            available: true,
            items: [
                {
                    orderId: "o-2",
                    time: NOW - 2 * DAY,
                    totalValue: 10,
                    currency: "USD",
                    status: "Purchased",
                    lineItemCount: 1
                },
                {
                    orderId: "o-1",
                    time: NOW - 20 * DAY,
                    totalValue: 99.5,
                    currency: "USD",
                    status: "Purchased",
                    lineItemCount: 2
                }
            ]
        });
        assert.deepEqual(i.segments, {
            available: true,
            items: [
                { id: "seg-campers", name: "Campers", joined: NOW - 9 * DAY },
                { id: "seg-gold", name: "Gold", joined: NOW - 5 * DAY }
            ]
        });
    });

    it("honours datafield, itemTypes and maxItems (clamped to 1..50)", () => {
        const { user } = fullContext();
        const i = run({ user }, { datafield: "insightsX", itemTypes: " Product , Blog,,Product", maxItems: 1 });
        assert.equal(i.affinities.windows.length, 14);
        assert.deepEqual([...new Set(i.affinities.windows.map((w) => w.itemType))], ["Product", "Blog"]);
        assert.ok(i.affinities.windows.every((w) => w.items.length === 1));
        const many = (n: number) => ({
            getDimensionActivity: () => Array.from({ length: n }, (_, k) => ({ itemId: `p-${k}`, views: k }))
        });
        assert.equal(run({ user: many(80) }, { maxItems: 500 }).affinities.windows[0]?.items.length, 50);
        assert.equal(run({ user: many(80) }, { maxItems: 0 }).affinities.windows[0]?.items.length, 1);
        assert.equal(
            run({ user: many(80) }, { maxItems: "7" as unknown as number }).affinities.windows[0]?.items.length,
            7
        );
        assert.equal(run({ user: many(80) }).affinities.windows[0]?.items[0]?.itemId, "p-79");
        const blank = new Template();
        blank.datafield = "  ";
        assert.deepEqual(Object.keys(runAt(NOW, () => blank.run({}))), ["crmInsights"], "blank datafield falls back");
    });

    it("every member missing: sections unavailable with reasons, no throw", () => {
        for (const context of [undefined, null, {}, { user: null }, { user: "x" }]) {
            const i = run(context);
            assert.equal(i.profileId, null);
            assert.deepEqual(i.affinities, { available: false, reason: "context.user not available", windows: [] });
            assert.equal(i.visits.available, false);
            assert.equal(i.orders.available, false);
            assert.deepEqual(i.segments, { available: false, items: [] });
            assert.deepEqual(i.attributeNames, []);
        }
        const i = run({ user: {} });
        assert.deepEqual(i.affinities, { available: false, reason: "getDimensionActivity not available", windows: [] });
        assert.deepEqual(i.visits, { available: false, reason: "visits not available", items: [] });
        assert.deepEqual(i.orders, { available: false, reason: "orderHistory not available", items: [] });
        assert.deepEqual(i.segments, { available: false, items: [] });
        assert.equal(i.profileId, null);
    });

    it("empty arrays are available and empty", () => {
        const i = run({
            user: {
                attributes: {},
                visits: [],
                orderHistory: [],
                segmentMembership: [],
                getDimensionActivity: () => []
            }
        });
        assert.equal(i.affinities.available, true);
        assert.equal(i.affinities.windows.length, 7);
        assert.ok(i.affinities.windows.every((w) => w.items.length === 0));
        assert.deepEqual(i.visits, { available: true, items: [] });
        assert.deepEqual(i.orders, { available: true, items: [] });
        assert.deepEqual(i.segments, { available: true, items: [] });
        assert.equal(run({ user: { getDimensionActivity: () => null } }).affinities.available, true);
    });

    it("drifted shapes: strings for numbers, seconds, alternative names, maps", () => {
        const i = run({
            user: {
                id: "fallback-id",
                attributes: { firstName: { value: "J" } },
                getDimensionActivity: () => [
                    {
                        id: "a",
                        viewCount: "4",
                        timeSpent: 12,
                        purchaseCount: "1",
                        totalRevenue: "19.99",
                        lastViewed: "2026-11-27T10:00:00Z",
                        attributes: { name: { value: "Alpha" } }
                    },
                    { _id: 7, count: 2, viewTimeSeconds: "3.5", lastActivity: 1795860000 },
                    { itemId: "c", views: 1, timeSpent: 250_000, lastActivity: new Date(NOW - DAY) },
                    { itemId: "d", views: -3, viewTime: "abc", revenue: "n/a" },
                    { name: "no id", views: 99 },
                    "junk",
                    null
                ],
                visits: [
                    {
                        start: "2026-11-27T10:00:00Z",
                        lastEventTime: "1795860000000",
                        referrer: { url: "https://x.example/" },
                        deviceType: 3
                    },
                    { start: null },
                    {}
                ],
                orderHistory: {
                    orders: [
                        {
                            id: "o9",
                            orderTime: String(NOW - DAY),
                            total: "12.5",
                            currencyCode: "EUR",
                            orderStatus: "Open",
                            lineItemCount: "3"
                        }
                    ]
                },
                segmentMembership: [
                    "seg-a",
                    "seg-a",
                    { segmentId: "seg-b", segmentName: "B", joinDate: "2026-11-01T00:00:00Z" }
                ]
            }
        });
        assert.equal(i.profileId, "fallback-id");
        const items = i.affinities.windows[0]?.items ?? [];
        assert.deepEqual(
            items.map((x) => x.itemId),
            ["a", "7", "c", "d"]
        );
        assert.deepEqual(items[0], {
            itemId: "a",
            name: "Alpha",
            views: 4,
            viewTimeMs: 12_000,
            purchases: 1,
            revenue: 19.99,
            lastActivity: Date.parse("2026-11-27T10:00:00Z")
        });
        assert.deepEqual(items[1], {
            itemId: "7",
            name: null,
            views: 2,
            viewTimeMs: 3500,
            purchases: null,
            revenue: null,
            lastActivity: 1795860000000
        });
        assert.equal(items[2]?.viewTimeMs, 250_000, "timeSpent >= 1e5 is already ms");
        assert.equal(items[2]?.lastActivity, NOW - DAY);
        assert.deepEqual(items[3], {
            itemId: "d",
            name: null,
            views: null,
            viewTimeMs: null,
            purchases: null,
            revenue: null,
            lastActivity: null
        });
        assert.deepEqual(i.visits.items, [
            {
                start: Date.parse("2026-11-27T10:00:00Z"),
                lastEventTime: 1795860000000,
                deviceType: "3",
                operatingSystem: null,
                browser: null,
                referrer: "https://x.example/"
            }
        ]);
        assert.deepEqual(i.orders.items, [
            { orderId: "o9", time: NOW - DAY, totalValue: 12.5, currency: "EUR", status: "Open", lineItemCount: 3 }
        ]);
        assert.deepEqual(i.segments.items, [
            { id: "seg-a", name: null, joined: null },
            { id: "seg-b", name: "B", joined: Date.parse("2026-11-01T00:00:00Z") }
        ]);
        // An object keyed by item ID is read as a list; the key is the item ID.
        const mapped = run({ user: { getDimensionActivity: () => ({ "p-9": { views: 2 }, "p-8": { views: 5 } }) } });
        assert.deepEqual(
            mapped.affinities.windows[0]?.items.map((x) => x.itemId),
            ["p-8", "p-9"]
        );
        assert.equal(
            run({ user: { getDimensionActivity: () => 42 } }).affinities.reason,
            "getDimensionActivity returned an unexpected shape"
        );
        assert.equal(run({ user: { attributes: { profileId: "bare" } } }).profileId, "bare");
    });

    it("throwing methods and getters make only their section unavailable", () => {
        const user = {
            attributes: { profileId: { value: "p1" } },
            getDimensionActivity: () => {
                throw new TypeError("dimension activity disabled for jane@example.com");
            },
            get visits(): unknown {
                throw new Error("boom");
            },
            orderHistory: [{ orderId: "o1", time: NOW }],
            segmentMembership: [{ id: "s1" }],
            getSegmentJoinDate: () => {
                throw new Error("nope");
            }
        };
        const i = run({ user });
        assert.deepEqual(i.affinities, {
            available: false,
            reason: "getDimensionActivity threw (TypeError)",
            windows: []
        });
        assert.deepEqual(i.visits, { available: false, reason: "visits not available", items: [] });
        assert.equal(i.orders.available, true);
        assert.deepEqual(i.segments.items, [{ id: "s1", name: null, joined: null }]);
        assert.equal(i.profileId, "p1");
        assert.equal(JSON.stringify(i).includes("jane@example.com"), false, "error messages are not echoed");
        const hostile = new Proxy(
            {},
            {
                ownKeys: () => {
                    throw new RangeError("x");
                }
            }
        );
        assert.deepEqual(run({ user: { getDimensionActivity: () => hostile } }).affinities, {
            available: false,
            reason: "getDimensionActivity result threw (RangeError)",
            windows: []
        });
        const visitsThrow = run({
            user: {
                visits: [
                    {
                        get start(): unknown {
                            throw new Error("x");
                        }
                    }
                ]
            }
        });
        assert.deepEqual(visitsThrow.visits, { available: true, items: [] });
    });

    it("keeps HTML in names as plain text, unchanged", () => {
        const name = `<img src=x onerror="alert(1)"> Tent & <b>Stove</b>`;
        const i = run({
            user: {
                getDimensionActivity: () => [{ itemId: "<p>", name, views: 1 }],
                visits: [{ start: NOW, browser: "<script>x</script>" }]
            }
        });
        assert.equal(i.affinities.windows[0]?.items[0]?.name, name);
        assert.equal(i.affinities.windows[0]?.items[0]?.itemId, "<p>");
        assert.equal(i.visits.items[0]?.browser, "<script>x</script>");
        assert.equal(
            run({ user: { getDimensionActivity: () => [{ itemId: "x", name: "n".repeat(400) }] } }).affinities
                .windows[0]?.items[0]?.name?.length,
            255
        );
    });

    it("caps visits and orders at 50, newest first", () => {
        const visits = Array.from({ length: 120 }, (_, k) => ({ start: NOW - k * 3_600_000 }));
        const orderHistory = Array.from({ length: 70 }, (_, k) => ({ orderId: `o${k}`, time: NOW - (70 - k) * DAY }));
        const i = run({ user: { visits: [...visits].reverse(), orderHistory } });
        assert.equal(i.visits.items.length, 50);
        assert.equal(i.visits.items[0]?.start, NOW);
        assert.equal(i.visits.items[49]?.start, NOW - 49 * 3_600_000);
        assert.equal(i.orders.items.length, 50);
        assert.equal(i.orders.items[0]?.orderId, "o69");
    });
});
