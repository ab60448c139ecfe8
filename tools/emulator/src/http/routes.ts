/** Path → route resolution. Routing is by path only, so any host (local or *.evergage.com) works. */
import type { Permission } from "./auth";

/** A matched route. */
export interface RouteMatch {
    name: string;
    /** Required permission, or null for unauthenticated routes. */
    permission: Permission | null;
    dataset: string | null;
    params: Record<string, string>;
}

/** Routes of the project's own read contract (`x-contract: project`): no real MCP account serves them. */
export const PROJECT_ROUTES: ReadonlySet<string> = new Set([
    "datasets",
    "metadata",
    "identity",
    "affinities",
    "events"
]);

const seg = (s: string | undefined): string => {
    try {
        return decodeURIComponent(s ?? "");
    } catch {
        return s ?? "";
    }
};

/** Resolves an API route (not /__emulator); null when nothing matches. */
export function matchRoute(method: string, pathname: string): RouteMatch | null {
    const parts = pathname.split("/").filter((p, i) => i > 0 || p !== "");
    // parts[0] is '' for a leading slash.
    const p = parts[0] === "" ? parts.slice(1) : parts;
    const m = method.toUpperCase();
    if (p[0] === "api2" && p.length === 3 && p[2] !== "") {
        if (p[1] === "event" && (m === "GET" || m === "POST"))
            return { name: "event", permission: null, dataset: seg(p[2]), params: {} };
        if (p[1] === "authevent" && m === "POST")
            return { name: "authevent", permission: "sendEvents", dataset: seg(p[2]), params: {} };
        return null;
    }
    if (p[0] !== "api") return null;
    if (p.length === 2 && p[1] === "datasets" && m === "GET")
        return { name: "datasets", permission: "accessApi", dataset: null, params: {} };
    if (p[1] !== "dataset" || !p[2]) return null;
    const dataset = seg(p[2]);
    const rest = p.slice(3);
    if (m === "GET" && rest.length === 1 && rest[0] === "metadata")
        return { name: "metadata", permission: "accessApi", dataset, params: {} };
    if (m === "GET" && rest.length === 1 && (rest[0] === "users.json" || rest[0] === "users.csv"))
        return {
            name: "usersExport",
            permission: "accessApi",
            dataset,
            params: { format: rest[0] === "users.json" ? "json" : "csv" }
        };
    if (m === "POST" && rest.length === 2 && rest[0] === "users" && rest[1] === "delete")
        return { name: "usersDelete", permission: "accessApi", dataset, params: {} };
    if (m === "GET" && rest.length === 3 && rest[0] === "identity" && rest[1] && rest[2])
        return {
            name: "identity",
            permission: "accessApi",
            dataset,
            params: { attribute: seg(rest[1]), value: seg(rest[2]) }
        };
    if (m === "GET" && rest[0] === "user" && rest[1]) {
        const userId = seg(rest[1]);
        if (rest.length === 2) return { name: "user", permission: "either", dataset, params: { userId } };
        if (rest.length === 3 && rest[2] === "affinities")
            return { name: "affinities", permission: "accessApi", dataset, params: { userId } };
        if (rest.length === 3 && rest[2] === "events")
            return { name: "events", permission: "accessApi", dataset, params: { userId } };
    }
    return null;
}
