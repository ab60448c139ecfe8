import { reduceErrors } from "c/errorUtils";

describe("reduceErrors", () => {
    it("reads Apex and wire errors", () => {
        expect(reduceErrors({ body: { message: "Apex failed" } })).toEqual(["Apex failed"]);
        expect(reduceErrors({ body: [{ message: "A" }, { message: "B" }] })).toEqual(["A", "B"]);
    });

    it("reads DML page and field errors", () => {
        const error = {
            body: { pageErrors: [{ message: "Page" }], fieldErrors: { Email: [{ message: "Bad email" }] } }
        };
        expect(reduceErrors(error)).toEqual(["Page", "Bad email"]);
    });

    it("reads JavaScript errors, strings and status texts", () => {
        expect(reduceErrors(new Error("boom"))).toEqual(["boom"]);
        expect(reduceErrors("plain")).toEqual(["plain"]);
        expect(reduceErrors({ statusText: "Service Unavailable" })).toEqual(["Service Unavailable"]);
    });

    it("flattens lists, drops empties and duplicates", () => {
        expect(reduceErrors([null, undefined, "  ", "x", { message: "x" }, 42])).toEqual(["x"]);
        expect(reduceErrors(undefined)).toEqual([]);
    });
});
