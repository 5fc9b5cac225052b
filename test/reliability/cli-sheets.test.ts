/**
 * Which sheets are the budget, at the command line: by default the spending sheets only — revenue sheets and
 * summaries of other sheets are left out, and the summary line says which and why; `--sheet NAME`, repeated,
 * chooses any sheets, names with commas too.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../cli/run-cli";
import { worksheetValues } from "../../src/xlsx/port";
import type { ReportJson } from "../../src/core/types";
import { budgetSheet, planSheet } from "./books";
import { writeBook } from "./write-book";

jest.setTimeout(60000);

let dir: string;
let file: string;
let before: Buffer;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-sheets-"));
  file = path.join(dir, "three-sheets.xlsx");
  await writeBook(file, [
    {
      name: "Summary",
      values: [
        ["City of Test — Budget Summary"],
        ["Department", "FY 2026-27 Proposed"],
        ["Fire", 1925000],
        ["Police", 2140000],
        ["Parks", 405000],
        ["Library", 640000],
        ["Finance", 278000],
      ],
    },
    budgetSheet(undefined, "Budget, Operating"),
    {
      name: "Revenue",
      values: [
        ["City of Test — Revenues FY 2026-27"],
        ["Source", "Description", "FY 2026-27 Proposed"],
        ["Property tax", "Secured property tax", 4100000],
        ["Sales tax", "Local sales tax", 1200000],
      ],
    },
    planSheet(),
  ]);
  before = await fs.readFile(file);
});
afterAll(async () => {
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const { code, out, err } = await runCli([file, ...args, "--today", "2026-11-23"]);
  return { code, out: out.trim(), err: err.trim() };
}

test("by default only the spending sheet is added in; the summary line names the others and why", async () => {
  const json = path.join(dir, "default.json");
  const r = await run("--out", path.join(dir, "default.xlsx"), "--json", json);
  expect(r.code).toBe(0);
  expect(r.out.split("\n")[0]).toBe(
    `Read 12 budget lines from "Budget, Operating" (amount column: "FY 2026-27 Proposed"; 0 subtotal rows skipped). ` +
      "Left out: Revenue (it holds revenue, not spending); Summary (it repeats other sheets — its total, " +
      "$5,388,000, is the total of 'Budget, Operating')."
  );
  const report: ReportJson = JSON.parse(await fs.readFile(json, "utf8"));
  expect(report.totals.budget).toBe(5388000);
  expect(report.budgetSheets).toEqual(["Budget, Operating"]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "default.xlsx"));
  const values = worksheetValues(wb.getWorksheet("Alignment")!);
  expect(values.find((row) => row[0] === "Sheets not added in")?.slice(0, 3)).toEqual([
    "Sheets not added in",
    2,
    "Revenue (it holds revenue, not spending); Summary (it repeats other sheets — its total, $5,388,000, is the total of 'Budget, Operating').",
  ]);
});

test("--sheet, repeated, chooses sheets whose names have commas, and revenue too when asked", async () => {
  const json = path.join(dir, "chosen.json");
  const r = await run(
    "--sheet",
    "Budget, Operating",
    "--sheet",
    "Revenue",
    "--out",
    path.join(dir, "chosen.xlsx"),
    "--json",
    json
  );
  expect(r.code).toBe(0);
  const report: ReportJson = JSON.parse(await fs.readFile(json, "utf8"));
  expect(report.budgetSheets).toEqual(["Budget, Operating", "Revenue"]);
  expect(report.totals.budget).toBe(5388000 + 5300000);
  expect(r.out).not.toContain("Left out");
});

test("--sheets splits at commas, so the comma name is not found (and the message lists the sheets)", async () => {
  const r = await run("--sheets", "Budget, Operating", "--out", path.join(dir, "x.xlsx"));
  expect(r).toEqual({
    code: 1,
    out: "",
    err: `budget-align: three-sheets.xlsx: There is no sheet named "Budget" in this workbook. Its sheets are: "Summary", "Budget, Operating", "Revenue", "Strategic Plan".`,
  });
});
