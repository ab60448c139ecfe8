/** Resolves after pending promise callbacks (and the re-render they trigger) have run. */
export function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}
