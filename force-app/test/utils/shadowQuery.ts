/**
 * Queries a component's shadow tree and the shadow trees of the package's own child components (`c-*`), so a test
 * can assert what the user sees whichever shared child (a card shell, an item layout) renders it. Base components
 * (`lightning-*`) are not entered: their internals are stubs in Jest.
 */
export function deepQueryAll(host: Element, selector: string): HTMLElement[] {
    const root = host.shadowRoot;
    if (!root) {
        return [];
    }
    const found = Array.from(root.querySelectorAll<HTMLElement>(selector));
    for (const child of Array.from(root.querySelectorAll<HTMLElement>("*"))) {
        if (child.tagName.toLowerCase().startsWith("c-")) {
            found.push(...deepQueryAll(child, selector));
        }
    }
    return found;
}

/** The first match of {@link deepQueryAll}, or null. */
export function deepQuery(host: Element, selector: string): HTMLElement | null {
    return deepQueryAll(host, selector)[0] ?? null;
}
