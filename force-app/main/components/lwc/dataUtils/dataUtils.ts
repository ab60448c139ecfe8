/**
 * Narrowing helpers for data that arrives from Apex as `unknown`: each reads one field and returns a
 * value of the expected type or a safe default, so a malformed answer never reaches a template as-is.
 */

/** A plain object. */
export type DataRecord = Record<string, unknown>;

/**
 * Whether a value is a non-null, non-array object.
 * @param value Any value.
 * @returns True for plain objects.
 */
export function isRecord(value: unknown): value is DataRecord {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A string field, or undefined when absent or not a string.
 * @param data The object.
 * @param key The field.
 * @returns The string or undefined.
 */
export function readString(data: DataRecord, key: string): string | undefined {
    const value = data[key];
    return typeof value === "string" ? value : undefined;
}

/**
 * A finite number field, or undefined when absent or not a number.
 * @param data The object.
 * @param key The field.
 * @returns The number or undefined.
 */
export function readNumber(data: DataRecord, key: string): number | undefined {
    const value = data[key];
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * A boolean field (false unless exactly true).
 * @param data The object.
 * @param key The field.
 * @returns The flag.
 */
export function readBoolean(data: DataRecord, key: string): boolean {
    return data[key] === true;
}

/**
 * The string members of an array field (other members dropped).
 * @param data The object.
 * @param key The field.
 * @returns The strings, possibly empty.
 */
export function readStrings(data: DataRecord, key: string): string[] {
    const value = data[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * The object members of an array field (other members dropped).
 * @param data The object.
 * @param key The field.
 * @returns The objects, possibly empty.
 */
export function readRecords(data: DataRecord, key: string): DataRecord[] {
    const value = data[key];
    return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * Splits an App Builder comma list ("Blog, Brand") into trimmed, non-empty values.
 * @param value The property value.
 * @returns The values.
 */
export function splitList(value: unknown): string[] {
    return typeof value === "string"
        ? value
              .split(",")
              .map((part) => part.trim())
              .filter((part) => part.length > 0)
        : [];
}

/** What every insight answer starts with: the outcome of the record's profile look-up and read. */
export interface InsightEnvelope {
    status: "OK" | "NO_PROFILE" | "NO_IDENTITY" | "UNAVAILABLE";
    message?: string;
    /** What an admin does to enable an UNAVAILABLE capability. */
    fixHint?: string;
    /** The unavailable capability, e.g. INSIGHTS_TEMPLATE. */
    capability?: string;
    identitiesTried: string[];
    profileCount: number;
    fetchedAt?: number;
}

const INSIGHT_STATUSES: ReadonlySet<string> = new Set(["OK", "NO_PROFILE", "NO_IDENTITY", "UNAVAILABLE"]);

/**
 * Reads the envelope of an insight controller's answer.
 * @param value The answer's object.
 * @returns The envelope.
 * @throws When the status is not one the insight services send.
 */
export function readInsightEnvelope(value: DataRecord): InsightEnvelope {
    const status = readString(value, "status");
    if (status === undefined || !INSIGHT_STATUSES.has(status)) {
        throw new Error("Unexpected answer from Personalization");
    }
    return {
        status: status as InsightEnvelope["status"],
        message: readString(value, "message"),
        fixHint: readString(value, "fixHint"),
        capability: readString(value, "capability"),
        identitiesTried: readStrings(value, "identitiesTried"),
        profileCount: readNumber(value, "profileCount") ?? 0,
        fetchedAt: readNumber(value, "fetchedAt")
    };
}

/** How the record's person is found (App Builder), as the Apex requests carry it; defaults are left out. */
export function personOptions(properties: { opportunityContactRoles?: string; useCaseWebEmail?: boolean }): {
    opportunityContactRoles?: string;
    useCaseWebEmail?: boolean;
} {
    const options: { opportunityContactRoles?: string; useCaseWebEmail?: boolean } = {};
    const roles = (properties.opportunityContactRoles ?? "").trim();
    if (roles.length > 0) {
        options.opportunityContactRoles = roles;
    }
    if (String(properties.useCaseWebEmail) === "false") {
        options.useCaseWebEmail = false;
    }
    return options;
}
