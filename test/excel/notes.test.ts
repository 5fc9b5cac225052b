/**
 * Cell notes through the Excel port over the fake Excel: with ExcelApi 1.18 each note of the model is added with
 * worksheet.notes.add on its cell; an older Excel gets no notes and no error (the full reasons are in the Review
 * sheet's screen columns anyway). The Review sheet's notes on the sample are the ones the package writer writes.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { buildReportSheets, runAlignment } from "../../src/core/workflow";
import { worksheetValues } from "../../src/xlsx/port";
import { bareModel } from "../fixtures/sheet-model";
import { fakeExcel, portOver } from "./helpers";

const MODEL = bareModel(
  "Review",
  [
    ["Program", "Nearest goal"],
    ["Aquatics", "G4.1 Keep…"],
  ],
  { notes: [{ row: 1, col: 1, text: "G4.1 — Keep parks open to all\nConfidence: 42%" }] }
);

test("ExcelApi 1.18: the model's notes are added on their cells", async () => {
  const fake = fakeExcel({ apiVersion: "1.18" });
  fake.addSheet("Budget", [["Program"]]);
  await portOver(fake).writeSheets([MODEL]);
  expect(fake.sheet("Review").notes).toEqual([
    { row: 1, col: 1, content: "G4.1 — Keep parks open to all\nConfidence: 42%" },
  ]);
});

test("an Excel without ExcelApi 1.18 gets the sheet without notes, and no error", async () => {
  const fake = fakeExcel({ apiVersion: "1.12" });
  fake.addSheet("Budget", [["Program"]]);
  await portOver(fake).writeSheets([MODEL]);
  expect(fake.sheet("Review").dump()[1]).toEqual(["Aquatics", "G4.1 Keep…"]);
  expect(fake.sheet("Review").notes).toEqual([]);
});

test("the sample's Review sheet: the notes the core puts on it, on the same cells", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, "..", "..", "samples", "sample-budget.xlsx"));
  const fake = fakeExcel({ apiVersion: "1.18" });
  for (const ws of wb.worksheets) fake.addSheet(ws.name, worksheetValues(ws));
  const { analysis } = await runAlignment(portOver(fake), {
    today: "2026-12-07",
    now: "2026-12-07T09:00:00.000Z",
  });
  const review = buildReportSheets(analysis).find((m) => m.name === "Review")!;
  expect(review.notes?.length).toBeGreaterThan(0);
  expect(fake.sheet("Review").notes).toEqual(
    review.notes!.map((n) => ({ row: n.row, col: n.col, content: n.text }))
  );
}, 60_000);
