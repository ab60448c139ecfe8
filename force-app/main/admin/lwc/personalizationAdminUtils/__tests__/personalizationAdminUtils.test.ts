import {
    asRecords,
    csvCell,
    downloadCsv,
    formatDateTime,
    formatDay,
    formatDuration,
    formatTimeOfDay,
    nextUtcMidnight,
    numberOf,
    runListAction,
    type ListActionHost,
    textOf,
    toCsv,
    toggleSelection
} from "c/personalizationAdminUtils";

describe("c-personalization-admin-utils", () => {
    it("quotes CSV cells and neutralises formulas", () => {
        expect(csvCell("plain")).toBe('"plain"');
        expect(csvCell('say "hi"')).toBe('"say ""hi"""');
        expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
        expect(csvCell("-1")).toBe('"\'-1"');
        expect(csvCell(null)).toBe('""');
        expect(csvCell(42)).toBe('"42"');
    });

    it("builds a CSV with a header row", () => {
        const csv = toCsv(
            [
                { header: "Id", value: (row: { id: string; n: number }) => row.id },
                { header: "Count", value: (row: { id: string; n: number }) => row.n }
            ],
            [
                { id: "a", n: 1 },
                { id: "b", n: 2 }
            ]
        );
        expect(csv).toBe('"Id","Count"\r\n"a","1"\r\n"b","2"');
    });

    it("downloads through a temporary link", () => {
        const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
        downloadCsv("runs.csv", '"a"');
        expect(click).toHaveBeenCalledTimes(1);
        expect(document.body.children).toHaveLength(0);
        click.mockRestore();
    });

    it("formats durations", () => {
        expect(formatDuration(42)).toBe("42 s");
        expect(formatDuration(330)).toBe("5 min 30 s");
        expect(formatDuration(3900)).toBe("1 h 5 min");
        expect(formatDuration(null)).toBe("");
        expect(formatDuration(-1)).toBe("");
    });

    it("formats date-times and ignores bad values", () => {
        expect(formatDateTime("2026-11-28T02:00:00.000Z")).not.toBe("");
        expect(formatDateTime("not a date")).toBe("");
        expect(formatDateTime(undefined)).toBe("");
    });

    it("formats every date and time in the user's locale and time zone, with the zone named", () => {
        // Jest stands in en-US and America/Los_Angeles for @salesforce/i18n
        expect(formatDateTime("2026-11-28T02:00:00.000Z")).toBe("Nov 27, 2026, 6:00 PM PST");
        expect(formatDateTime(Date.UTC(2026, 6, 1, 12, 5))).toBe("Jul 1, 2026, 5:05 AM PDT");
        expect(formatDateTime("2026-11-28T02:00:00.000Z", "de-DE", "Europe/Berlin")).toBe("28. Nov. 2026, 03:00 MEZ");
    });

    it("names the next UTC midnight in the user's time of day", () => {
        const now = Date.UTC(2026, 11, 6, 20, 30);
        expect(nextUtcMidnight(now)).toBe(Date.UTC(2026, 11, 7));
        expect(nextUtcMidnight(Date.UTC(2026, 11, 31, 23, 59))).toBe(Date.UTC(2027, 0, 1));
        expect(formatTimeOfDay(nextUtcMidnight(now))).toBe("4:00 PM PST");
        expect(formatTimeOfDay(Number.NaN)).toBe("");
    });

    it("formats a UTC budget day as that day, whatever the user's time zone", () => {
        expect(formatDay("2026-11-28")).toBe("Nov 28, 2026");
        expect(formatDay("2026-11-28", "fr-FR")).toBe("28 nov. 2026");
        expect(formatDay("soon")).toBe("soon");
        expect(formatDay(undefined)).toBe("");
    });

    it("narrows answers", () => {
        expect(asRecords([{ a: 1 }, "x", null])).toEqual([{ a: 1 }]);
        expect(asRecords("nope")).toEqual([]);
        expect(numberOf({ a: 3, b: "x" }, "a")).toBe(3);
        expect(numberOf({ b: "x" }, "b")).toBe(0);
        expect(textOf({ a: "x", b: 1 }, "a")).toBe("x");
        expect(textOf({ b: 1 }, "b")).toBe("");
    });
    it("toggles a row in a new selection and ignores blank ids", () => {
        const selected = new Set(["a"]);
        const added = toggleSelection(selected, "b", true);
        expect([...added]).toEqual(["a", "b"]);
        expect(added).not.toBe(selected);
        expect([...toggleSelection(added, "a", false)]).toEqual(["b"]);
        expect([...toggleSelection(selected, "", true)]).toEqual(["a"]);
    });

    describe("runListAction", () => {
        function host(): ListActionHost & { events: Event[] } {
            const events: Event[] = [];
            return {
                busy: false,
                error: undefined,
                errorMessage: "",
                events,
                dispatchEvent: (event: Event) => events.push(event) > 0
            };
        }

        it("is busy while the action runs, toasts the count, then reloads", async () => {
            const list = host();
            let busyDuringAction = false;
            const reload = jest.fn(() => Promise.resolve());
            await runListAction(
                list,
                () => {
                    busyDuringAction = list.busy;
                    return Promise.resolve(3);
                },
                "{0} retried",
                reload
            );
            expect(busyDuringAction).toBe(true);
            expect(list.busy).toBe(false);
            expect(reload).toHaveBeenCalledTimes(1);
            expect(list.events).toHaveLength(1);
            expect(list.events[0].type).toBe("lightning__showtoast");
            expect((list.events[0] as CustomEvent<{ message: string; variant: string }>).detail).toMatchObject({
                message: "3 retried",
                variant: "success"
            });
            expect(list.error).toBeUndefined();
        });

        it("shows a failed action in the error panel without reloading", async () => {
            const list = host();
            const reload = jest.fn(() => Promise.resolve());
            const failure = { body: { message: "Insufficient access" } };
            await runListAction(list, () => Promise.reject(failure), "{0} retried", reload);
            expect(list.error).toBe(failure);
            expect(list.errorMessage).toBe("c.Personalization_Console_Action_Error");
            expect(list.busy).toBe(false);
            expect(reload).not.toHaveBeenCalled();
            expect(list.events).toHaveLength(0);
        });
    });
});
