import { createElement } from "lwc";
import { readFileSync } from "node:fs";
import path from "node:path";
import Affinities from "c/affinities";
import { loadAffinities } from "c/recordPageData";
import { flushPromises } from "../../../../../test/utils/flushPromises";
import { deepQuery, deepQueryAll } from "../../../../../test/utils/shadowQuery";
import AFFINITIES from "./data/getAffinities.json";

// label templates with placeholders take their real values, so the text the rep reads is asserted
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock("c/recordPageData", () => ({ loadAffinities: jest.fn() }));
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Views_Value",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Views_Value") }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Share",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Share") }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Previous_Value",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Previous_Value")
    }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Insight_Identity_Used",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Insight_Identity_Used") }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Summary_Two",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Summary_Two") }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Summary_Rising",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Summary_Rising")
    }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Insight_Across_Contacts",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Insight_Across_Contacts")
    }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Purchases_Value",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Purchases_Value")
    }),
    {
        virtual: true
    }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_View_Time_Value",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_View_Time_Value")
    }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Affinities_Revenue_Value",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Affinities_Revenue_Value")
    }),
    { virtual: true }
);

const loadAffinitiesMock = loadAffinities as unknown as jest.Mock;

type AffinitiesElement = HTMLElement & Record<string, unknown>;

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

async function render(props: Record<string, unknown> = {}): Promise<AffinitiesElement> {
    const element = createElement("c-affinities", { is: Affinities }) as unknown as AffinitiesElement;
    Object.assign(element, { recordId: "003Hs00002Jd0AkIAJ", ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const query = (element: HTMLElement, id: string): HTMLElement | null => deepQuery(element, `[data-id="${id}"]`);
const queryAll = (element: HTMLElement, id: string): HTMLElement[] => deepQueryAll(element, `[data-id="${id}"]`);

function lastRequest(): Record<string, unknown> {
    const call = loadAffinitiesMock.mock.calls[loadAffinitiesMock.mock.calls.length - 1] as [
        { request: Record<string, unknown> }
    ];
    return call[0].request;
}

async function choose(element: HTMLElement, id: string, value: string): Promise<void> {
    query(element, id)!.dispatchEvent(new CustomEvent("change", { detail: { value } }));
    await flushPromises();
}

describe("c-affinities", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("uses fixture items taken from the contract example", () => {
        const contract = readFileSync(
            path.resolve(__dirname, "../../../../../../contract/personalization-api.openapi.yaml"),
            "utf8"
        );
        const example = contract.slice(
            contract.indexOf("    AffinitiesProducts:"),
            contract.indexOf("    EventStreamFirstPage:")
        );
        for (const item of AFFINITIES.items) {
            expect(example).toContain(`itemId: ${item.itemId}`);
            expect(example).toContain(`name: ${item.name}`);
            expect(example).toContain(`url: ${item.url}`);
            expect(example).toContain(`views: ${item.views}`);
        }
    });

    it("shows bars with figure, share, trend and a plain-words summary", async () => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        const element = await render();

        expect(loadAffinitiesMock).toHaveBeenCalledTimes(1);
        const items = queryAll(element, "item");
        expect(items).toHaveLength(2);
        expect(items[0].textContent).toContain("Ridge 2 Ultralight Tent");
        const figure = items[0].querySelector('[data-id="figure"]')!.textContent!;
        expect(figure).toBe("9 views · 64.3% of total · previous period: 3 views");
        expect(items[0].querySelector('[data-id="trend"]')!.textContent).toContain(
            "c.Personalization_Affinities_Trend_Rising"
        );
        expect(items[1].querySelector('[data-id="trend"]')!.textContent).toContain(
            "c.Personalization_Affinities_Trend_Falling"
        );
        const link = items[0].querySelector("a")!;
        expect(link.getAttribute("href")).toBe("https://www.northtrail.example.com/p/p-1004");
        expect(link.getAttribute("rel")).toBe("noopener noreferrer");
        // the label templates are the label names in Jest; the summary is built from them and the data
        expect(query(element, "summary")!.textContent).toContain(
            "Mostly Ridge 2 Ultralight Tent and Summit 20 Down Sleeping Bag, rising compared with the previous period."
        );
        expect(query(element, "updated")).not.toBeNull();
    });

    it("builds the summary from the top two names and the type trend", async () => {
        const { buildSummary } = await import("../affinitiesModel");
        const labels = {
            one: "Mostly {0}, {1}.",
            two: "Mostly {0} and {1}, {2}.",
            trends: { RISING: "rising", FALLING: "falling", NEW: "new", STEADY: "steady", NONE: "overall" }
        };
        const items = AFFINITIES.items.map((item) => ({ ...item, trend: item.trend as "RISING" | "FALLING" }));
        expect(buildSummary(items, "RISING", labels)).toBe(
            "Mostly Ridge 2 Ultralight Tent and Summit 20 Down Sleeping Bag, rising."
        );
        expect(buildSummary(items.slice(0, 1), "NEW", labels)).toBe("Mostly Ridge 2 Ultralight Tent, new.");
        expect(buildSummary([], "NEW", labels)).toBe("");
        const tie = [items[0], { ...items[1], value: 3 }, { ...items[1], name: "Ember Camp Chair", value: 3 }];
        expect(buildSummary(tie, "NEW", labels, "en-US")).toBe(
            `Mostly ${items[0].name}, ${items[1].name}, and Ember Camp Chair, new.`
        );
    });

    it("passes the App Builder properties to Apex", async () => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        await render({
            mcpDataset: "b2b",
            identifierField: "AccountNumber",
            identityType: "customerId",
            showBy: "revenue",
            dateRange: "90",
            maxItems: 3,
            hiddenCatalogTypes: " Blog , Brand "
        });

        expect(loadAffinitiesMock).toHaveBeenCalledWith(
            {
                recordId: "003Hs00002Jd0AkIAJ",
                request: {
                    dataset: "b2b",
                    identifierField: "AccountNumber",
                    identityType: "customerId",
                    showBy: "revenue",
                    days: 90,
                    maxItems: 3,
                    hiddenCatalogTypes: "Blog,Brand"
                }
            },
            { refresh: false }
        );
    });

    it.each([
        ["a Case page (web email off)", "500Hs00001CaSeAIAV", { useCaseWebEmail: false }, { useCaseWebEmail: false }],
        [
            "an Opportunity page (primary role only)",
            "006Hs00001OpPtYIAV",
            { opportunityContactRoles: " Primary only " },
            { opportunityContactRoles: "Primary only" }
        ],
        ["a page with the defaults", "006Hs00001OpPtYIAV", { opportunityContactRoles: "", useCaseWebEmail: true }, {}]
    ])("passes the person properties of %s to Apex", async (_page, recordId, props, expected) => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        await render({ recordId, ...props });
        const request = lastRequest();
        expect(request.opportunityContactRoles).toBe((expected as Record<string, unknown>).opportunityContactRoles);
        expect(request.useCaseWebEmail).toBe((expected as Record<string, unknown>).useCaseWebEmail);
        expect((loadAffinitiesMock.mock.calls[0] as [{ recordId: string }])[0].recordId).toBe(recordId);
    });

    it("shows the reason when the case has no contact, and is accessible", async () => {
        loadAffinitiesMock.mockResolvedValue({
            status: "NO_IDENTITY",
            message: "This case has no contact",
            fixHint: "Add a contact to the case, or a web email that belongs to a contact or lead.",
            identitiesTried: [],
            profileCount: 0
        });
        const element = await render({ recordId: "500Hs00001CaSeAIAV" });
        expect(query(element, "no-identity")!.textContent).toContain("This case has no contact");
        expect(query(element, "no-identity-hint")!.textContent).toContain("Add a contact to the case");
        expect(queryAll(element, "item")).toHaveLength(0);
        await expect(element).toBeAccessible();
    });

    it.each([
        ["viewTime", 412000, "6.9 min viewed"],
        ["revenue", 349, "$349.00 revenue"],
        ["purchases", 2, "2 purchases"],
        ["views", 1, "c.Personalization_Affinities_Views_Value_One"]
    ])("shows the figure of the %s measure", async (showBy, value, expected) => {
        const data = clone(AFFINITIES);
        data.showBy = showBy as string;
        data.items = [
            {
                ...data.items[0],
                value: value as number,
                previousValue: undefined
            } as unknown as (typeof data.items)[number]
        ];
        loadAffinitiesMock.mockResolvedValue(data);
        const element = await render();
        expect(queryAll(element, "figure")[0].textContent).toBe(`${expected} · 64.3% of total`);
    });

    it("shows no trend over all time and says so in the summary", async () => {
        const data = clone(AFFINITIES);
        data.days = 0;
        data.trendByType = { Product: "NONE" } as typeof data.trendByType;
        data.items.forEach((item) => {
            item.trend = "NONE";
            delete (item as Partial<typeof item>).previousValue;
        });
        loadAffinitiesMock.mockResolvedValue(data);
        const element = await render({ dateRange: "0" });
        expect(queryAll(element, "trend")).toHaveLength(0);
        expect(query(element, "summary")!.textContent).toContain(
            "Mostly Ridge 2 Ultralight Tent and Summit 20 Down Sleeping Bag, c.Personalization_Affinities_Summary_All_Time."
        );
        expect(queryAll(element, "figure")[0].textContent).toBe("9 views · 64.3% of total");
    });

    it("falls back to views over 30 days for unknown property values", async () => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        await render({ showBy: "likes", dateRange: "12" });
        expect(lastRequest()).toMatchObject({ showBy: "views", days: 30, dataset: null, identityType: null });
    });

    it("reloads when the rep changes the measure or the window", async () => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        const element = await render();

        await choose(element, "measure", "purchases");
        expect(lastRequest()).toMatchObject({ showBy: "purchases", days: 30 });
        await choose(element, "range", "7");
        expect(lastRequest()).toMatchObject({ showBy: "purchases", days: 7 });
        await choose(element, "range", "0");
        expect(lastRequest()).toMatchObject({ days: 0 });
        expect(loadAffinitiesMock).toHaveBeenCalledTimes(4);
    });

    it("switches catalog type on the card without another call, starting with the default type", async () => {
        const data = clone(AFFINITIES);
        data.catalogTypes = ["Product", "Blog"];
        data.trendByType = { Product: "RISING", Blog: "NEW" } as typeof data.trendByType;
        data.items.push({ ...data.items[0], itemType: "Blog", itemId: "b-1", name: "Layering 101", trend: "NEW" });
        loadAffinitiesMock.mockResolvedValue(data);
        const element = await render({ catalogType: "Blog" });

        expect(queryAll(element, "item").map((item) => item.querySelector('[data-id="name"]')!.textContent)).toEqual([
            "Layering 101"
        ]);
        await choose(element, "type", "Product");
        expect(queryAll(element, "item")).toHaveLength(2);
        expect(loadAffinitiesMock).toHaveBeenCalledTimes(1);
    });

    it("shows an unsafe URL and markup in a name as text", async () => {
        const data = clone(AFFINITIES);
        // eslint-disable-next-line no-script-url -- the unsafe URL under test
        data.items[0].url = "javascript:alert(1)";
        data.items[0].name = "<img src=x onerror=alert(1)>";
        data.items[1].url = "data:text/html,<script>alert(1)</script>";
        loadAffinitiesMock.mockResolvedValue(data);
        const element = await render();

        expect(element.shadowRoot!.querySelector("a")).toBeNull();
        expect(element.shadowRoot!.querySelector("img")).toBeNull();
        expect(queryAll(element, "name")[0].textContent).toBe("<img src=x onerror=alert(1)>");
    });

    it("shows the empty state with the identity used when no profile matches", async () => {
        loadAffinitiesMock.mockResolvedValue({
            status: "NO_PROFILE",
            identitiesTried: ["emailAddress: jane.doe@acme-outdoor.example.com", "sfdcContactId: 003Hs00002Jd0AkIAJ"],
            fetchedAt: 1795867200000
        });
        const element = await render();

        const empty = query(element, "no-profile")!;
        expect(empty.textContent).toContain("c.Personalization_Insight_No_Profile");
        expect(empty.textContent).toContain("jane.doe@acme-outdoor.example.com");
        expect(query(element, "items")).toBeNull();
    });

    it("names the missing field when the record has no identity value", async () => {
        loadAffinitiesMock.mockResolvedValue({
            status: "NO_IDENTITY",
            message: "This record has no value in Email, so it cannot be matched."
        });
        const element = await render();
        expect(query(element, "no-identity")!.textContent).toContain("Email");
    });

    it("says what the MCP account does not serve and how to enable it, without filters or an error panel", async () => {
        loadAffinitiesMock.mockResolvedValue({
            status: "UNAVAILABLE",
            capability: "AFFINITIES",
            message: "The insights template has no 14-day window.",
            fixHint: "Choose 7, 30 or 90 days, or all time.",
            identitiesTried: []
        });
        const element = await render();
        expect(query(element, "unavailable")!.textContent).toContain("no 14-day window");
        expect(query(element, "unavailable-hint")!.textContent).toBe("Choose 7, 30 or 90 days, or all time.");
        expect(query(element, "error")).toBeNull();
        expect(query(element, "no-profile")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("says so when the window has no activity", async () => {
        loadAffinitiesMock.mockResolvedValue({ ...clone(AFFINITIES), items: [], catalogTypes: [] });
        const element = await render();
        expect(query(element, "empty-window")).not.toBeNull();
        expect(query(element, "measure")).not.toBeNull();
    });

    it.each([
        ["MCP down", { body: { message: "Personalization had a problem answering this request." } }],
        ["401", { body: { message: "Personalization rejected the connection." } }],
        ["slow", { body: { message: "Personalization did not answer in time." } }]
    ])("shows a clear message and stays usable when %s", async (_case, failure) => {
        loadAffinitiesMock.mockRejectedValueOnce(failure).mockResolvedValueOnce(clone(AFFINITIES));
        const element = await render();

        const panel = query(element, "error") as HTMLElement & { friendlyMessage: string; errors: unknown };
        expect(panel.friendlyMessage).toBe("c.Personalization_Insight_Load_Failed");
        expect(panel.errors).toEqual(failure);
        (query(element, "retry") as HTMLButtonElement).click();
        await flushPromises();
        expect(query(element, "error")).toBeNull();
        expect(queryAll(element, "item")).toHaveLength(2);
    });

    it("treats a garbage answer as an error", async () => {
        loadAffinitiesMock.mockResolvedValue("<html>Bad Gateway</html>");
        const element = await render();
        expect(query(element, "error")).not.toBeNull();
    });

    it("refreshes on demand and ignores superseded answers", async () => {
        let resolveFirst: (value: unknown) => void = () => undefined;
        loadAffinitiesMock
            .mockReturnValueOnce(new Promise((resolve) => (resolveFirst = resolve)))
            .mockResolvedValueOnce(clone(AFFINITIES));
        const element = await render();
        expect(deepQuery(element, "c-loading-skeleton")).not.toBeNull();

        query(element, "refresh")!.click();
        await flushPromises();
        resolveFirst({ status: "NO_PROFILE", identitiesTried: [] });
        await flushPromises();

        expect(query(element, "no-profile")).toBeNull();
        expect(queryAll(element, "item")).toHaveLength(2);
        expect(loadAffinitiesMock.mock.calls[1][1]).toEqual({ refresh: true });
    });

    it("keeps the bars on screen with a notice when a refresh fails, and names its refresh button", async () => {
        loadAffinitiesMock
            .mockResolvedValueOnce(clone(AFFINITIES))
            .mockRejectedValueOnce({ body: { message: "Busy" } });
        const element = await render();
        expect((query(element, "refresh") as HTMLElement & { alternativeText: string }).alternativeText).toBe(
            "c.Personalization_Card_Refresh_Named"
        );
        query(element, "refresh")!.click();
        await flushPromises();

        expect(queryAll(element, "item")).toHaveLength(2);
        expect(query(element, "stale")).not.toBeNull();
        expect(query(element, "error")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("mentions the contacts summed on an Account page", async () => {
        loadAffinitiesMock.mockResolvedValue({ ...clone(AFFINITIES), profileCount: 3 });
        const element = await render({ recordId: "001Hs00002Jd0AkIAJ" });
        expect(query(element, "aggregate")!.textContent).toBe("Across 3 contacts of this account");
    });

    it("is accessible with data", async () => {
        loadAffinitiesMock.mockResolvedValue(clone(AFFINITIES));
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it("is accessible with an error", async () => {
        loadAffinitiesMock.mockRejectedValue({ body: { message: "Busy" } });
        const element = await render();
        await expect(element).toBeAccessible();
    });

    it("is accessible in the empty state", async () => {
        loadAffinitiesMock.mockResolvedValue({ status: "NO_PROFILE", identitiesTried: ["emailAddress: a@b.example"] });
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
