/**
 * Generates a profile's 90-day event history from a seed. Histories are regenerated on demand instead of being
 * stored, which keeps 50,000 profiles well under the memory budget; the same seed always yields the same events.
 */
import { Prng } from "../util/prng";
import { DAY_MS } from "../util/time";
import type { CatalogItem, StoredEvent } from "../store/types";

/** What the generator needs to know about a dataset's catalog. */
export interface CatalogView {
    siteUrl: string;
    products: CatalogItem[];
    productsByCategory: Map<string, CatalogItem[]>;
    blogs: CatalogItem[];
    categories: CatalogItem[];
}

/** Inputs of one generated history. */
export interface HistorySpec {
    seed: number;
    /** Interest category names (e.g. Camping). */
    interests: string[];
    /** 0..1: how active the person is. */
    activity: number;
    /** Every generated event is strictly before this time. */
    until: number;
    /** Prefix for order IDs. */
    orderPrefix: string;
}

const HISTORY_DAYS = 90;

const categoryId = (name: string): string => `c-${name.toLowerCase()}`;

/** Generated events, oldest first, times strictly increasing and < spec.until. */
export function generateHistory(spec: HistorySpec, catalog: CatalogView): StoredEvent[] {
    const rng = new Prng(spec.seed);
    const visits = 1 + Math.round(spec.activity * 40);
    const starts: number[] = [];
    const from = spec.until - HISTORY_DAYS * DAY_MS;
    for (let v = 0; v < visits; v++) {
        // Skew towards recent days so engagement differs between windows.
        const recency = Math.pow(rng.next(), 0.8);
        starts.push(Math.floor(from + recency * (HISTORY_DAYS * DAY_MS - 3 * 3600_000)));
    }
    starts.sort((a, b) => a - b);
    const events: StoredEvent[] = [];
    let orderSeq = 0;
    starts.forEach((start, visit) => {
        const channel = rng.weighted([
            ["Web", 0.6],
            ["MobileApp", 0.2],
            ["Email", 0.12],
            ["Server", 0.08]
        ] as const);
        let t = Math.max(start, (events[events.length - 1]?.time ?? 0) + 1000);
        const push = (e: Omit<StoredEvent, "time" | "visit">): void => {
            events.push({ ...e, time: t, visit });
            t += rng.int(20, 180) * 1000;
        };
        const pickProduct = (): CatalogItem => {
            const interest = spec.interests.length > 0 && rng.next() < 0.75 ? rng.pick(spec.interests) : undefined;
            const pool = (interest && catalog.productsByCategory.get(categoryId(interest))) || catalog.products;
            return rng.pick(pool.length > 0 ? pool : catalog.products);
        };
        const itemRef = (item: CatalogItem): NonNullable<StoredEvent["item"]> => {
            const ref: NonNullable<StoredEvent["item"]> = { type: item.type, id: item.id, name: item.name };
            if (item.inventoryCount !== undefined)
                ref.inventoryCount = Math.max(0, item.inventoryCount + rng.int(-3, 12));
            if (item.price !== undefined) ref.price = item.price;
            return ref;
        };
        if (channel === "Email") {
            const product = pickProduct();
            push({ action: "Email Open", channel });
            if (rng.next() < 0.5)
                push({
                    action: "Email Click",
                    channel,
                    url: `${product.url}?utm_medium=email`,
                    item: itemRef(product)
                });
            return;
        }
        if (channel === "Server") {
            const kind = rng.weighted([
                ["Store Visit", 0.4],
                ["Support Case Opened", 0.3],
                ["Contact Record Viewed", 0.3]
            ] as const);
            const application =
                kind === "Store Visit" ? "POS" : kind === "Support Case Opened" ? "Service Console" : "Sales Console";
            push({ action: kind, channel, application });
            return;
        }
        push(
            channel === "Web"
                ? { action: "Homepage", channel, url: `${catalog.siteUrl}/` }
                : { action: "App Open", channel, application: "Northtrail App" }
        );
        const steps = rng.int(1, 6);
        const cart: CatalogItem[] = [];
        for (let s = 0; s < steps; s++) {
            const roll = rng.next();
            if (roll < 0.2 && catalog.categories.length > 0) {
                const interest =
                    spec.interests.length > 0 ? rng.pick(spec.interests) : rng.pick(catalog.categories).name;
                const cat =
                    catalog.categories.find((c) => c.id === categoryId(interest)) ?? rng.pick(catalog.categories);
                push({
                    action: "View Category",
                    channel,
                    url: cat.url,
                    item: { type: "Category", id: cat.id, name: cat.name }
                });
            } else if (roll < 0.3 && catalog.blogs.length > 0) {
                const blog = rng.pick(catalog.blogs);
                push({
                    action: "View Item",
                    itemAction: "View Item",
                    channel,
                    url: blog.url,
                    item: itemRef(blog),
                    viewTimeMs: rng.int(30, 300) * 1000
                });
            } else {
                const product = pickProduct();
                push({
                    action: "View Item",
                    itemAction: "View Item",
                    channel,
                    url: product.url,
                    item: itemRef(product),
                    viewTimeMs: rng.int(5, 120) * 1000
                });
                if (rng.next() < 0.18) {
                    cart.push(product);
                    push({
                        action: "Add To Cart",
                        itemAction: "Add To Cart",
                        channel,
                        url: product.url,
                        item: { ...itemRef(product), quantity: 1 }
                    });
                }
            }
        }
        if (cart.length > 0 && rng.next() < 0.55) {
            const lines = cart.map((p) => ({ type: p.type, id: p.id, price: p.price ?? 0, quantity: 1 }));
            const totalValue = lines.reduce((s, l) => s + l.price * l.quantity, 0);
            orderSeq++;
            push({
                action: "Purchase",
                itemAction: "Purchase",
                channel,
                url: `${catalog.siteUrl}/checkout/complete`,
                order: { orderId: `${spec.orderPrefix}-${orderSeq}`, totalValue, currency: "USD", lines }
            });
        }
    });
    // Visits can overrun `until` when they start late; drop the overflow rather than shift times.
    return events.filter((e) => e.time < spec.until);
}
