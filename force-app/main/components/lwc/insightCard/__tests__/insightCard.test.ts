import { createElement } from "lwc";
import InsightCard from "c/insightCard";
import { flushPromises } from "../../../../../test/utils/flushPromises";

// the two label templates with placeholders take their real values, so the text the user reads is asserted
type LabelsModule = typeof import("../../../../../test/utils/customLabels");
const LABELS = "../../../../../test/utils/customLabels";
jest.mock(
    "@salesforce/label/c.Personalization_Insight_Identity_Used",
    () => ({ default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Insight_Identity_Used") }),
    { virtual: true }
);
jest.mock(
    "@salesforce/label/c.Personalization_Insight_Across_Contacts",
    () => ({
        default: jest.requireActual<LabelsModule>(LABELS).customLabel("Personalization_Insight_Across_Contacts")
    }),
    { virtual: true }
);

type CardElement = HTMLElement & Record<string, unknown>;

const OK = { status: "OK", identitiesTried: ["emailAddress"], profileCount: 1, fetchedAt: 1764370000000 };

async function render(props: Record<string, unknown> = {}): Promise<CardElement> {
    const element = createElement("c-insight-card", { is: InsightCard }) as unknown as CardElement;
    Object.assign(element, { cardTitle: "Affinities", iconName: "standard:customers" }, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const byId = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
const shown = (element: HTMLElement): string[] =>
    ["error", "no-identity", "no-profile", "unavailable", "aggregate"].filter((id) => byId(element, id) !== null);
/** The Try again button of the card's error panel. */
const tryAgain = (element: HTMLElement): HTMLElement | null =>
    byId(element, "error")?.shadowRoot?.querySelector<HTMLElement>('[data-id="retry"]') ?? null;
const skeleton = (element: HTMLElement): Element | null => element.shadowRoot!.querySelector("c-loading-skeleton");
const dataSlot = (element: HTMLElement): Element | null => element.shadowRoot!.querySelector("slot");

describe("c-insight-card", () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it("shows the skeleton on the first load only, with the requested rows", async () => {
        const element = await render({ loading: true, skeletonRows: 5 });
        const card = element.shadowRoot!.querySelector("lightning-card") as HTMLElement & Record<string, unknown>;
        expect(card.title).toBe("Affinities");
        expect(card.iconName).toBe("standard:customers");
        expect((skeleton(element) as HTMLElement & { rows: unknown }).rows).toBe(5);
        expect((byId(element, "refresh") as HTMLElement & { disabled: boolean }).disabled).toBe(true);
        expect(dataSlot(element)).toBeNull();

        // a reload keeps the last answer on screen instead of flashing the skeleton
        element.answer = OK;
        await flushPromises();
        expect(skeleton(element)).toBeNull();
        expect(dataSlot(element)).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows the compact error panel with Try again, which asks for a refresh", async () => {
        const element = await render({ error: new Error("Read timed out"), answer: OK });
        expect(shown(element)).toEqual(["error"]);
        expect((byId(element, "error") as HTMLElement & { retryable: boolean }).retryable).toBe(true);
        expect(dataSlot(element)).toBeNull();
        expect((byId(element, "error") as HTMLElement & Record<string, unknown>).friendlyMessage).toBe(
            "c.Personalization_Insight_Load_Failed"
        );
        const onRefresh = jest.fn();
        element.addEventListener("refresh", onRefresh);
        tryAgain(element)!.click();
        byId(element, "refresh")!.click();
        expect(onRefresh).toHaveBeenCalledTimes(2);
        await expect(element).toBeAccessible();
    });

    it("explains a missing identity with the server's message", async () => {
        const element = await render({
            answer: {
                status: "NO_IDENTITY",
                message: "This Contact has no Email.",
                identitiesTried: [],
                profileCount: 0
            }
        });
        expect(shown(element)).toEqual(["no-identity"]);
        expect(byId(element, "no-identity")!.textContent).toContain("This Contact has no Email.");
        expect(byId(element, "updated")).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("names the path that found no person, with what to do", async () => {
        const element = await render({
            answer: {
                status: "NO_IDENTITY",
                message: "This case has no contact",
                fixHint: "Add a contact to the case, or a web email that belongs to a contact or lead.",
                identitiesTried: [],
                profileCount: 0
            }
        });
        expect(shown(element)).toEqual(["no-identity"]);
        expect(byId(element, "no-identity")!.textContent).toContain("This case has no contact");
        expect(byId(element, "no-identity-hint")!.textContent).toBe(
            "Add a contact to the case, or a web email that belongs to a contact or lead."
        );
        await expect(element).toBeAccessible();
    });

    it("shows no hint line when the server gives none", async () => {
        const element = await render({
            answer: {
                status: "NO_IDENTITY",
                message: "This Contact has no Email.",
                identitiesTried: [],
                profileCount: 0
            }
        });
        expect(byId(element, "no-identity-hint")).toBeNull();
    });

    it("explains a missing profile with the identities tried", async () => {
        const element = await render({ answer: { ...OK, status: "NO_PROFILE", identitiesTried: ["a@x.com", "b"] } });
        expect(shown(element)).toEqual(["no-profile"]);
        expect(byId(element, "no-profile")!.textContent).toContain("a@x.com, b");
        expect(dataSlot(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("renders the data slot, the several-profiles note and the last-updated footer when OK", async () => {
        const element = await render({ answer: OK, now: 1764370060000 });
        expect(shown(element)).toEqual([]);
        expect(dataSlot(element)).not.toBeNull();
        const time = byId(element, "updated")!.querySelector("c-relative-time") as HTMLElement &
            Record<string, unknown>;
        expect(time.value).toBe(1764370000000);
        expect(time.now).toBe(1764370060000);

        element.answer = { ...OK, profileCount: 3 };
        await flushPromises();
        expect(shown(element)).toEqual(["aggregate"]);
        expect(byId(element, "aggregate")!.textContent).toContain("3");
        await expect(element).toBeAccessible();
    });
    it("says what the MCP account does not serve and how an admin enables it, without an error panel", async () => {
        const element = await render({
            answer: {
                status: "UNAVAILABLE",
                message: "Affinities aren't available.",
                fixHint: "Install the insights template.",
                capability: "INSIGHTS_TEMPLATE",
                identitiesTried: [],
                profileCount: 0
            }
        });
        expect(shown(element)).toEqual(["unavailable"]);
        expect(byId(element, "unavailable")!.getAttribute("role")).toBe("status");
        expect(byId(element, "unavailable")!.textContent).toContain("Affinities aren't available.");
        expect(byId(element, "unavailable-hint")!.textContent).toBe("Install the insights template.");
        expect(dataSlot(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("leaves the hint out when there is none", async () => {
        const element = await render({
            answer: { status: "UNAVAILABLE", message: "Not linked yet.", identitiesTried: [], profileCount: 0 }
        });
        expect(byId(element, "unavailable")!.textContent).toContain("Not linked yet.");
        expect(byId(element, "unavailable-hint")).toBeNull();
    });
});
