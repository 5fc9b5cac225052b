/** The bundled sample workbook's Budget sheet must read exactly: every line, no subtotal, the right columns. */
import { sampleBudgetRows, SAMPLE_HEADERS } from "../../../samples/make-sample";
import { looksLikeBudgetSheet, readBudget } from "../../../src/core/budget/read";
import type { CellValue, SheetCells } from "../../../src/core/types";

function sampleSheet(): SheetCells {
  const s = sampleBudgetRows();
  const width = SAMPLE_HEADERS.length;
  // As a port hands it over: a rectangle, blanks as "" (range.values) or null (exceljs).
  const values: CellValue[][] = s.rows.map((r) =>
    Array.from({ length: width }, (_, c) => r[c] ?? "")
  );
  return { name: "Budget", values };
}

describe("the sample budget", () => {
  const sample = sampleBudgetRows();
  const result = readBudget([sampleSheet()]);

  it("looks like a budget", () => {
    expect(looksLikeBudgetSheet(sampleSheet())).toBe(true);
  });

  it("reads exactly the line rows, none of the subtotal, total or heading rows", () => {
    expect(result.issues).toEqual([]);
    expect(result.lines.map((l) => l.row)).toEqual(sample.lineRows);
    expect(result.skippedSubtotals).toBe(sample.totalRows.length);
    expect(result.layouts[0].subtotalRows).toBe(sample.totalRows.length);
    expect(result.layouts[0].headingRows).toBe(sample.headingRows.length);
    expect(result.layouts[0].headerRow).toBe(sample.headerRow);
  });

  it("uses FY 2027-28 Proposed (next year's, as of SAMPLE_AS_OF) as the primary amount and keeps every amount column", () => {
    const primary = result.amountColumns.find((c) => c.id === result.primaryAmount)!;
    expect(primary.header).toBe(SAMPLE_HEADERS[9]);
    expect(primary).toEqual({
      id: "fy 2027-28 proposed",
      header: "FY 2027-28 Proposed",
      kind: "proposed",
      fiscalYear: 2028,
    });
    expect(result.amountColumns.map((c) => [c.kind, c.fiscalYear])).toEqual([
      ["actual", 2026],
      ["adopted", 2027],
      ["revised", 2027],
      ["ytd", 2027],
      ["proposed", 2028],
    ]);
    const proposed = sample.lineRows.reduce((s, r) => s + (sample.rows[r - 1][9] as number), 0);
    const adopted = sample.lineRows.reduce((s, r) => s + (sample.rows[r - 1][6] as number), 0);
    expect(result.checkTotal).toBe(proposed);
    expect(result.lines.reduce((s, l) => s + (l.amounts["fy 2026-27 adopted"] ?? 0), 0)).toBe(
      adopted
    );
    for (const line of result.lines) expect(line.amount).toBe(sample.rows[line.row - 1][9]);
    const grand = sample.rows[sample.totalRows[sample.totalRows.length - 1] - 1][9] as number;
    expect(grand).toBe(proposed);
  });

  it("detects the roles of the columns", () => {
    expect(result.layouts[0].columns.map((c) => [c.letter, c.role])).toEqual([
      ["A", "program"],
      ["B", "fund"],
      ["C", "account"],
      ["D", "accountName"],
      ["E", "description"],
      ["F", "amount"],
      ["G", "amount"],
      ["H", "amount"],
      ["I", "amount"],
      ["J", "amount"],
      ["K", "tag"],
    ]);
  });

  it("fills the department from the heading rows and the Goal column's typed text into tagText", () => {
    const library = result.lines.filter((l) => l.program === "Branch Library Services");
    expect(library[0].department).toBe("Library");
    expect(library[0].tagText).toBe("G4.2");
    expect(library[0].tagCell).toBe(`K${library[0].row}`);
    expect(library[1].tagText).toBeUndefined();
    expect(library[1].tagCell).toBe(`K${library[1].row}`);
    const typed = sample.lineRows.filter((r) => typeof sample.rows[r - 1][10] === "string");
    expect(result.lines.filter((l) => l.tagText).map((l) => l.row)).toEqual(typed);
    expect(new Set(result.lines.map((l) => l.department)).size).toBe(sample.headingRows.length);
  });

  it("gives every line a unique key that does not depend on the row", () => {
    expect(new Set(result.lines.map((l) => l.key)).size).toBe(result.lines.length);
    const shifted = sampleSheet();
    shifted.values.splice(4, 0, ["Prepared by the Budget Office"], []);
    const again = readBudget([shifted]);
    expect(again.lines.map((l) => l.key)).toEqual(result.lines.map((l) => l.key));
    expect(again.lines[0].row).toBe(result.lines[0].row + 2);
  });
});
