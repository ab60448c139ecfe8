/**
 * Turns whatever an Apex call, a wire adapter or JavaScript threw into readable messages.
 * Shapes handled: Aura/Apex errors (`body.message`), arrays of them, page-level and field-level
 * DML errors (`body.pageErrors`, `body.fieldErrors`), `Error` objects and plain strings.
 */

/** The subset of a platform error the components read. */
export interface PlatformError {
    body?: unknown;
    message?: unknown;
    statusText?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null;
}

function messagesFromBody(body: unknown): string[] {
    if (Array.isArray(body)) {
        return body.flatMap((entry) => (isRecord(entry) && typeof entry.message === "string" ? [entry.message] : []));
    }
    if (!isRecord(body)) {
        return [];
    }
    const messages: string[] = [];
    if (Array.isArray(body.pageErrors)) {
        for (const pageError of body.pageErrors) {
            if (isRecord(pageError) && typeof pageError.message === "string") {
                messages.push(pageError.message);
            }
        }
    }
    if (isRecord(body.fieldErrors)) {
        for (const fieldErrors of Object.values(body.fieldErrors)) {
            if (Array.isArray(fieldErrors)) {
                for (const fieldError of fieldErrors) {
                    if (isRecord(fieldError) && typeof fieldError.message === "string") {
                        messages.push(fieldError.message);
                    }
                }
            }
        }
    }
    if (messages.length === 0 && typeof body.message === "string") {
        messages.push(body.message);
    }
    return messages;
}

/**
 * Reduces one error or a list of errors to a flat list of non-empty, de-duplicated messages.
 * @param errors An error, or a list of errors, from Apex, a wire adapter or JavaScript.
 * @returns The messages, in order of appearance.
 */
export function reduceErrors(errors: unknown): string[] {
    const list: unknown[] = Array.isArray(errors) ? errors : [errors];
    const messages = list
        .filter((error) => error !== null && error !== undefined)
        .flatMap((error): string[] => {
            if (typeof error === "string") {
                return [error];
            }
            if (!isRecord(error)) {
                return [];
            }
            const fromBody = messagesFromBody(error.body);
            if (fromBody.length > 0) {
                return fromBody;
            }
            if (typeof error.message === "string") {
                return [error.message];
            }
            return typeof error.statusText === "string" ? [error.statusText] : [];
        })
        .map((message) => message.trim())
        .filter((message) => message.length > 0);
    return [...new Set(messages)];
}
