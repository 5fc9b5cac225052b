import {
  cellToIsoDate,
  displayDate,
  isIsoDate,
  isoToSerial,
  parseDateText,
  parseMonthDay,
  serialToIso,
} from "../../../src/core/plan/dates";

describe("plan dates", () => {
  test("Excel 1900 serials", () => {
    expect(serialToIso(45658)).toBe("2025-01-01");
    expect(serialToIso(46096)).toBe("2026-03-15");
    expect(serialToIso(45658.75)).toBe("2025-01-01");
    expect(serialToIso(12)).toBeNull();
    expect(isoToSerial("2025-01-01")).toBe(45658);
    expect(isoToSerial("2026-03-15")).toBe(46096);
  });

  test.each([
    ["2026-03-15", "2026-03-15"],
    ["3/15/2026", "2026-03-15"],
    ["03/15/26", "2026-03-15"],
    ["March 15, 2026", "2026-03-15"],
    ["March 15th, 2026", "2026-03-15"],
    ["Mar 15 2026", "2026-03-15"],
    ["15 March 2026", "2026-03-15"],
    ["15-Mar-2026", "2026-03-15"],
    ["2026/3/15", "2026-03-15"],
    ["46096", "2026-03-15"],
    ["2026-03-15T00:00:00.000Z", "2026-03-15"],
    ["next spring", null],
    ["2026-02-30", null],
    ["13/15/2026", null],
  ])("parseDateText(%j) → %j", (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  test("cells: blank, numbers, text, booleans", () => {
    expect(cellToIsoDate("")).toBe("empty");
    expect(cellToIsoDate(null)).toBe("empty");
    expect(cellToIsoDate(45658)).toBe("2025-01-01");
    expect(cellToIsoDate(" 3/15/2026 ")).toBe("2026-03-15");
    expect(cellToIsoDate(true)).toBeNull();
  });

  test.each<[string | number, string | null]>([
    ["07-01", "07-01"],
    ["7/1", "07-01"],
    ["July 1", "07-01"],
    ["Jul 1st", "07-01"],
    ["1 October", "10-01"],
    [46204, "07-01"], // a typed "07-01" that Excel turned into 1 July 2026
    ["2026-10-01", "10-01"],
    ["02-30", null],
    ["Julember 1", null],
  ])("parseMonthDay(%j) → %j", (v, md) => {
    expect(parseMonthDay(v)).toBe(md);
  });

  test("ISO check and display", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(displayDate("2027-01-31")).toBe("Jan 31, 2027");
  });
});
