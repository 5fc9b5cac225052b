/**
 * Writes each data set as a user would have it: `<id>.plan.json` (the plan JSON format) and `<id>.xlsx`, a budget
 * workbook laid out as a city publishes one — title rows, a header, then one row per program with department,
 * program, description and adopted amount. Labels are not in the workbook.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { planToJson } from "../src/core/plan/json";
import type { DataSet } from "./data";
import { labelsPath, type LabelEntry } from "./regression";

export const FIXTURE_DIR = path.resolve(__dirname, "..", "..", "eval", "fixtures");

export const HEADER = ["Department", "Program", "Description", "Adopted Budget"];
/** 1-based row of the header in the fixture workbooks (two title rows and a blank row above it). */
export const HEADER_ROW = 4;

export function fixturePaths(ds: DataSet, dir = FIXTURE_DIR): { xlsx: string; plan: string } {
  return { xlsx: path.join(dir, `${ds.id}.xlsx`), plan: path.join(dir, `${ds.id}.plan.json`) };
}

/** The fixtures, written when missing (or when `force`): a rerun leaves the committed files alone. */
export async function ensureFixtures(
  ds: DataSet,
  force = false,
  dir = FIXTURE_DIR
): Promise<{ xlsx: string; plan: string }> {
  const paths = fixturePaths(ds, dir);
  if (!force && fs.existsSync(paths.xlsx) && fs.existsSync(paths.plan)) {
    if (!fs.existsSync(labelsPath(dir, ds.id))) writeLabels(ds, dir);
    return paths;
  }
  return writeFixtures(ds, dir);
}

/** The city's labels beside its fixture (for the regression check in `npm test`, which has no ../shared/data). */
export function writeLabels(ds: DataSet, dir = FIXTURE_DIR): void {
  const entries: LabelEntry[] = ds.programs.map((p) => ({
    department: p.department,
    program: p.program,
    label: p.label,
  }));
  fs.writeFileSync(labelsPath(dir, ds.id), JSON.stringify(entries, null, 1) + "\n");
}

export async function writeFixtures(
  ds: DataSet,
  dir = FIXTURE_DIR
): Promise<{ xlsx: string; plan: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const planFile = path.join(dir, `${ds.id}.plan.json`);
  fs.writeFileSync(planFile, JSON.stringify(planToJson(ds.plan), null, 2) + "\n");
  writeLabels(ds, dir);
  const wb = new ExcelJS.Workbook();
  // Fixed dates so that regenerating gives the same file contents.
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Budget");
  ws.addRow([ds.title]);
  ws.addRow(["All funds, in dollars"]);
  ws.addRow([]);
  ws.addRow(HEADER);
  for (const p of ds.programs) ws.addRow([p.department, p.program, p.description, p.amount]);
  ws.getColumn(4).numFmt = "#,##0";
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(HEADER_ROW).font = { bold: true };
  const xlsxFile = path.join(dir, `${ds.id}.xlsx`);
  await wb.xlsx.writeFile(xlsxFile);
  return { xlsx: xlsxFile, plan: planFile };
}
