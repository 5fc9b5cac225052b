/** Pure helpers of the Excel port and its plain-language errors. */
import fc from "fast-check";
import {
  charsToPoints,
  excelCellInput,
  excelWouldConvert,
  isCellAddress,
  rangeAddress,
} from "../../src/excel/cells";
import { plainError } from "../../src/excel/errors";
import { FakeSheet } from "../fake-excel/model";

describe("excelCellInput", () => {
  test("formula-like text gets the apostrophe of the shared escape", () => {
    expect(excelCellInput("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(excelCellInput("-2+3")).toBe("'-2+3");
    expect(excelCellInput("@x")).toBe("'@x");
    expect(excelCellInput("\rx")).toBe("'\rx");
  });
  test("text Excel would convert keeps its text", () => {
    for (const t of [
      "00123",
      "1,234",
      "12%",
      "$5",
      "1e5",
      "TRUE",
      "false",
      "1/2/2025",
      "2025-01-02",
      "10:30",
      "Jan 2025",
      "#N/A",
      "'x",
    ])
      expect(excelCellInput(t)).toBe("'" + t);
    for (const t of ["Parks", "FY 2026 Adopted", "G1.2 Safe streets", "May", "Program 12"])
      expect(excelCellInput(t)).toBe(t);
    expect(excelWouldConvert("Account 100")).toBe(false);
  });
  test("numbers, booleans and blanks", () => {
    expect(excelCellInput(12.5)).toBe(12.5);
    expect(excelCellInput(false)).toBe(false);
    expect(excelCellInput(null)).toBe("");
    expect(excelCellInput(Number.NaN)).toBe("");
  });
  test("any text written through the fake reads back as the same text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const sheet = new FakeSheet("S");
        sheet.writeCell(0, 0, excelCellInput(text));
        const cell = sheet.cell(0, 0);
        expect(cell.formula).toBeUndefined();
        expect(cell.value).toBe(text.length > 32765 ? cell.value : text);
      }),
      { numRuns: 500 }
    );
  });
});

test("widths, addresses", () => {
  expect(charsToPoints(8.43)).toBeCloseTo(48, 0);
  expect(charsToPoints(30)).toBe(161.25);
  expect(rangeAddress({ row: 6, col: 1, rows: 14, cols: 3 })).toBe("B7:D20");
  expect(rangeAddress({ row: 0, col: 27, rows: 1, cols: 1 })).toBe("AB1");
  expect(isCellAddress("H14")).toBe(true);
  expect(isCellAddress("H14:H15")).toBe(false);
  expect(isCellAddress("Budget!H14")).toBe(false);
  expect(isCellAddress("XFE1")).toBe(false);
});

test("Excel's errors in plain words, with code and location", () => {
  const e = Object.assign(new Error("x"), {
    code: "ItemNotFound",
    debugInfo: { errorLocation: "Worksheet.getItem" },
  });
  expect(plainError(e, "reading the sheets").message).toBe(
    "Excel stopped while reading the sheets: something the add-in needed is no longer in the workbook " +
      "(a sheet may have been renamed or deleted) (Excel's code ItemNotFound, at Worksheet.getItem). Your sheets were left as they were."
  );
  const unknown = Object.assign(new Error("Odd thing"), { code: "OddCode" });
  expect(plainError(unknown, "x").message).toContain(
    "Excel said: Odd thing (Excel's code OddCode)"
  );
  const ours = new Error('There is no sheet named "X".');
  expect(plainError(ours, "x")).toBe(ours);
});
