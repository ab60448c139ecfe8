import { isRecord, readBoolean, readNumber, readRecords, readString, readStrings, splitList } from "c/dataUtils";

describe("c/dataUtils", () => {
    const data = {
        text: "Tent",
        count: 9,
        notANumber: Number.NaN,
        flag: true,
        truthy: "true",
        names: ["a", 1, "b", null],
        rows: [{ id: 1 }, "x", null, [1], { id: 2 }]
    };

    it("recognises plain objects only", () => {
        expect(isRecord(data)).toBe(true);
        expect(isRecord(null)).toBe(false);
        expect(isRecord([])).toBe(false);
        expect(isRecord("x")).toBe(false);
    });

    it("reads typed fields with safe defaults", () => {
        expect(readString(data, "text")).toBe("Tent");
        expect(readString(data, "count")).toBeUndefined();
        expect(readNumber(data, "count")).toBe(9);
        expect(readNumber(data, "notANumber")).toBeUndefined();
        expect(readNumber(data, "text")).toBeUndefined();
        expect(readBoolean(data, "flag")).toBe(true);
        expect(readBoolean(data, "truthy")).toBe(false);
        expect(readStrings(data, "names")).toEqual(["a", "b"]);
        expect(readStrings(data, "missing")).toEqual([]);
        expect(readRecords(data, "rows")).toEqual([{ id: 1 }, { id: 2 }]);
        expect(readRecords(data, "text")).toEqual([]);
    });

    it("splits App Builder comma lists", () => {
        expect(splitList(" Blog, ,Brand ,")).toEqual(["Blog", "Brand"]);
        expect(splitList(undefined)).toEqual([]);
        expect(splitList("")).toEqual([]);
    });
});
