/** The seeded catalog and promotions. Fixed by construction (not seed-dependent) so fixtures can name items. */
import type { CatalogItem, Promotion } from "../store/types";

const SITE = "https://www.northtrail.example.com";
const CDN = "https://cdn.northtrail.example.com";

/** Interest categories; demo people's `interests` use these names. */
export const CATEGORIES = ["Camping", "Hiking", "Climbing", "Cycling", "Running"] as const;

const BRANDS = ["Northtrail", "Peakform", "Cascadia", "Ridgeway", "Velo Works", "Stride Labs"] as const;

// [name, category, brand, price, listPrice, description]
const PRODUCTS: ReadonlyArray<readonly [string, string, string, number, number, string]> = [
    ["Basecamp 4 Family Tent", "Camping", "Northtrail", 499, 549, "Four-person tent with two vestibules."],
    ["Trailhead Camp Stove", "Camping", "Cascadia", 89, 99, "Two-burner propane stove."],
    ["Lumen LED Lantern", "Camping", "Northtrail", 39, 39, "Rechargeable 500-lumen lantern."],
    ["Ridge 2 Ultralight Tent", "Camping", "Peakform", 349, 399, "Two-person, three-season tent, 1.4 kg."],
    ["Ember Camp Chair", "Camping", "Cascadia", 59, 69, "Packable chair with cup holder."],
    ["Glacier 45 Cooler", "Camping", "Ridgeway", 229, 249, "Keeps ice for five days."],
    ["Switchback Trekking Poles", "Hiking", "Peakform", 119, 129, "Carbon poles with cork grips."],
    ["Alpine 38 Daypack", "Hiking", "Northtrail", 139, 159, "38-litre pack with rain cover."],
    ["Granite Mid Hiking Boot", "Hiking", "Ridgeway", 189, 189, "Waterproof leather mid boot."],
    ["Vista Rain Shell", "Hiking", "Cascadia", 219, 249, "Three-layer waterproof shell."],
    ["Summit 20 Down Sleeping Bag", "Camping", "Peakform", 289, 289, "Rated to -7 °C, 800-fill down."],
    ["Canyon Hydration Pack", "Hiking", "Northtrail", 79, 89, "Two-litre reservoir pack."],
    ["Crux Climbing Harness", "Climbing", "Peakform", 69, 79, "All-round sport harness."],
    ["Apex Dynamic Rope 60m", "Climbing", "Ridgeway", 199, 219, "9.8 mm dry-treated rope."],
    ["Boulder Chalk Bag", "Climbing", "Cascadia", 25, 25, "Chalk bag with brush holder."],
    ["Edge Climbing Shoe", "Climbing", "Peakform", 159, 169, "Downturned performance shoe."],
    ["Anchor Quickdraw Set", "Climbing", "Ridgeway", 129, 139, "Six quickdraws, wiregate."],
    ["Summit Climbing Helmet", "Climbing", "Northtrail", 89, 99, "Light foam-shell helmet."],
    ["Gravel Pro Bike Helmet", "Cycling", "Velo Works", 149, 169, "MIPS gravel helmet."],
    ["Tempo Bike Lights", "Cycling", "Velo Works", 59, 59, "USB front and rear light set."],
    ["Ridgeline Cycling Jersey", "Cycling", "Velo Works", 89, 99, "Breathable merino jersey."],
    ["Spoke Multi-tool", "Cycling", "Ridgeway", 35, 35, "18-function multi-tool."],
    ["Cadence Bike Computer", "Cycling", "Velo Works", 249, 279, "GPS bike computer with maps."],
    ["Trail Hydration Bottle", "Cycling", "Cascadia", 15, 15, "Insulated 750 ml bottle."],
    ["Stride Trail Runner", "Running", "Stride Labs", 139, 149, "Grippy trail running shoe."],
    ["Pace GPS Watch", "Running", "Stride Labs", 299, 329, "Multisport GPS watch."],
    ["Breeze Running Jacket", "Running", "Cascadia", 119, 129, "Windproof packable jacket."],
    ["Flow Running Belt", "Running", "Stride Labs", 29, 29, "Bounce-free phone belt."],
    ["Tempo Running Socks", "Running", "Stride Labs", 19, 19, "Cushioned merino socks, 3 pairs."],
    ["Recovery Foam Roller", "Running", "Northtrail", 45, 49, "High-density roller."]
];

const BLOGS: ReadonlyArray<readonly [string, string]> = [
    ["How to Choose a Backpacking Tent", "Camping"],
    ["Ten Day Hikes Worth the Drive", "Hiking"],
    ["Your First Outdoor Lead Climb", "Climbing"],
    ["Gravel Riding for Beginners", "Cycling"],
    ["Training for Your First Trail Race", "Running"],
    ["Layering Guide for Shoulder Season", "Hiking"],
    ["Camp Kitchen Essentials", "Camping"],
    ["Bike Maintenance in 15 Minutes", "Cycling"]
];

const slug = (s: string): string =>
    s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");

/** Builds the catalog of a dataset: products, categories, brands and blog posts. */
export function buildCatalog(variant: "retail" | "b2b"): CatalogItem[] {
    const items: CatalogItem[] = [];
    for (const c of CATEGORIES) {
        items.push({ type: "Category", id: `c-${slug(c)}`, name: c, url: `${SITE}/c/${slug(c)}` });
    }
    if (variant === "retail") {
        for (const b of BRANDS)
            items.push({ type: "Brand", id: `b-${slug(b)}`, name: b, url: `${SITE}/brand/${slug(b)}` });
    }
    PRODUCTS.forEach(([name, category, brand, price, listPrice, description], i) => {
        const id = `p-${1001 + i}`;
        if (variant === "b2b" && i % 2 === 1) return; // the wholesale catalog carries half the range
        const item: CatalogItem = {
            type: "Product",
            id,
            name: variant === "b2b" ? `${name} (case of 6)` : name,
            url: `${SITE}/p/${id}`,
            imageUrl: `${CDN}/p/${id}.jpg`,
            description,
            price: variant === "b2b" ? price * 5 : price,
            listPrice: variant === "b2b" ? listPrice * 6 : listPrice,
            rating: Math.round((3.8 + ((i * 7) % 11) / 10) * 10) / 10,
            category: `c-${slug(category)}`
        };
        if (variant === "retail") item.brand = `b-${slug(brand)}`;
        // Some products track inventory (the Event Stream shows stock at event time).
        if (i % 3 !== 2) item.inventoryCount = 4 + ((i * 13) % 40);
        items.push(item);
    });
    BLOGS.forEach(([name, category], i) => {
        const id = `blog-${101 + i}`;
        items.push({
            type: "Blog",
            id,
            name: variant === "b2b" ? `${name}: Retailer Edition` : name,
            url: `${SITE}/journal/${slug(name)}`,
            imageUrl: `${CDN}/journal/${id}.jpg`,
            description: `Northtrail Journal: ${name.toLowerCase()}.`,
            category: `c-${slug(category)}`
        });
    });
    return items;
}

/** Builds the promotions of a dataset (content zones crm_nbo, crm_service, b2b_nbo). */
export function buildPromotions(variant: "retail" | "b2b"): Promotion[] {
    const p = (
        id: string,
        name: string,
        description: string,
        zones: string[],
        categories: string[],
        external = false
    ): Promotion => ({
        id,
        name,
        url: `${SITE}/promo/${id.replace(/^promo-/, "")}`,
        description,
        assets: [
            {
                type: external ? "ExternalImage" : "CdnImage",
                imageUrl: external ? `https://images.northtrail.example.com/${id}.png` : `${CDN}/promo/${id}.jpg`,
                contentZones: zones
            }
        ],
        categories
    });
    if (variant === "b2b") {
        return [
            p(
                "promo-volume-discount",
                "Volume Discount Programme",
                "8% off orders over 50 units.",
                ["b2b_nbo"],
                ["Camping", "Hiking"]
            ),
            p(
                "promo-demo-kit",
                "Free In-Store Demo Kit",
                "Demo tents and stoves for your floor.",
                ["b2b_nbo"],
                ["Camping"]
            ),
            p(
                "promo-bike-season",
                "Bike Season Pre-Order",
                "Reserve spring cycling stock at winter prices.",
                ["b2b_nbo"],
                ["Cycling"]
            ),
            p(
                "promo-run-club",
                "Run Club Partnership",
                "Co-branded events for running stores.",
                ["b2b_nbo"],
                ["Running"],
                true
            ),
            p("promo-net60", "Net 60 Payment Terms", "Extended terms for accounts in good standing.", ["b2b_nbo"], [])
        ];
    }
    return [
        p(
            "promo-spring-camp",
            "Spring Camping Event",
            "20% off tents and sleeping bags until March 31.",
            ["crm_nbo"],
            ["Camping"]
        ),
        p(
            "promo-loyalty-gold",
            "Gold Loyalty Upgrade",
            "Double points on every order for Gold members.",
            ["crm_nbo", "crm_service"],
            [],
            true
        ),
        p("promo-trail-days", "Trail Days", "Free boot fitting and 15% off hiking footwear.", ["crm_nbo"], ["Hiking"]),
        p(
            "promo-climb-clinic",
            "Climbing Clinic",
            "Free intro clinic with any harness purchase.",
            ["crm_nbo"],
            ["Climbing"]
        ),
        p(
            "promo-bike-tuneup",
            "Free Bike Tune-Up",
            "With any cycling purchase over $100.",
            ["crm_nbo", "crm_service"],
            ["Cycling"]
        ),
        p("promo-race-ready", "Race Ready Bundle", "Watch + shoes bundle, save $60.", ["crm_nbo"], ["Running"]),
        p(
            "promo-service-apology",
            "We Are Sorry: 25% Off",
            "Goodwill voucher for customers with an open case.",
            ["crm_service"],
            []
        ),
        p(
            "promo-extended-warranty",
            "Extended Warranty",
            "Three-year cover on tents and electronics.",
            ["crm_service"],
            ["Camping", "Cycling"]
        )
    ];
}
