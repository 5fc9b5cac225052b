/** The committed sample workbook, read as the CLI reads it (exceljs values), picks out only the Budget sheet. */
import * as path from "path";
import ExcelJS from "exceljs";
import { sampleBudgetRows } from "../../../samples/make-sample";
import { looksLikeBudgetSheet, readBudget } from "../../../src/core/budget/read";
import { worksheetValues } from "../../../src/xlsx/port";
import type { SheetCells } from "../../../src/core/types";

let sheets: SheetCells[];
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.resolve(__dirname, "../../../samples/sample-budget.xlsx"));
  sheets = wb.worksheets.map((ws) => ({ name: ws.name, values: worksheetValues(ws) }));
}, 30000);

it("finds the Budget sheet only, not the plan or the notes", () => {
  // The Measures sheet has amount-like year columns ("FY26 Actual"): the run sets it aside by its name, as the
  // `Strategic Plan` sheet (src/core/workflow.ts, sheetRoles), so only the other sheets are looked at here.
  const others = sheets.filter((s) => s.name !== "Measures");
  expect(others.filter(looksLikeBudgetSheet).map((s) => s.name)).toEqual(["Budget"]);
});

it("reads the same lines as the rows the sample was built from", () => {
  const budget = sheets.find((s) => s.name === "Budget")!;
  const r = readBudget([budget]);
  const sample = sampleBudgetRows();
  expect(r.issues).toEqual([]);
  expect(r.lines.map((l) => l.row)).toEqual(sample.lineRows);
  expect(r.checkTotal).toBe(
    sample.lineRows.reduce((s, row) => s + (sample.rows[row - 1][9] as number), 0)
  );
});
