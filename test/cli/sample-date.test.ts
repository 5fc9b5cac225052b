/**
 * budget-align with no BUDGET.xlsx runs on the sample built for the run's date: its fiscal year, year-to-date
 * column, measures and plan dates follow that date, so every sheet names the same current year and the mid-year
 * view is a view of a year under way, whatever day it runs.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { ReportJson } from "../../src/core/types";
import { sampleBudgetRows, sampleYear } from "../../samples/make-sample";
import { runCli } from "./run-cli";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-sample-date-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function runOn(today: string) {
  const out = path.join(dir, `${today}.xlsx`);
  const json = path.join(dir, `${today}.json`);
  const r = await runCli(["--out", out, "--json", json, "--today", today]);
  const wb = new ExcelJS.Workbook();
  if (r.code === 0) await wb.xlsx.readFile(out);
  const report: ReportJson | null =
    r.code === 0 ? JSON.parse(await fs.readFile(json, "utf8")) : null;
  return { r, wb, report };
}

const texts = (ws: ExcelJS.Worksheet | undefined): string[] => {
  const all: string[] = [];
  ws?.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && all.push(c.value)));
  return all;
};

describe.each([
  ["2028-03-15", 2028, "FY 2027-28", "FY 2028-29", "FY28", "2026–2031"],
  ["2030-08-20", 2031, "FY 2030-31", "FY 2031-32", "FY31", "2029–2034"],
])("budget-align with no BUDGET on %s", (today, fy, current, next, short, span) => {
  let run: Awaited<ReturnType<typeof runOn>>;
  beforeAll(async () => {
    run = await runOn(today);
  }, 60_000);

  it("reads next year's proposed budget and this year's measures", () => {
    expect(run.r.err).toBe("");
    expect(run.r.code).toBe(0);
    expect(sampleYear(today).fy).toBe(fy);
    expect(run.r.out).toContain(`(amount column: "${next} Proposed"`);
    expect(run.r.out).toContain(
      `Plan: Lakemont Forward: Strategic Plan ${span} (5 priorities, 20 goals).`
    );
    expect(run.r.out).toContain(`Measures (${short} so far, 20 measures): 7 met, 6 near, 3 missed`);
  });

  it("shows a mid-year view of the year under way, with the year-to-date spending of the date", () => {
    const mid = run.report!.midYear!;
    expect(mid.fiscalYear).toBe(current);
    expect(mid.phase).toBe("during");
    expect(mid.elapsed).toBeGreaterThan(0);
    expect(mid.elapsed).toBeLessThan(1);
    const sample = sampleBudgetRows(today);
    const ytd = sample.lineRows.reduce((s, r) => s + (sample.rows[r - 1][8] as number), 0);
    const revised = sample.lineRows.reduce((s, r) => s + (sample.rows[r - 1][7] as number), 0);
    // Spent in step with the year: within five points of the share of it elapsed.
    expect(Math.abs(ytd / revised - mid.elapsed)).toBeLessThan(0.05);
    const alignment = texts(run.wb.getWorksheet("Alignment"));
    expect(alignment).toContain(`Mid-year view (${current})`);
  });

  it("names this year on every sheet: the budget's columns, the Measures and the Scorecard", () => {
    expect(texts(run.wb.getWorksheet("Budget"))).toEqual(
      expect.arrayContaining([`${current} Adopted`, `${current} YTD Actual`, `${next} Proposed`])
    );
    const scorecard = texts(run.wb.getWorksheet("Scorecard")).join("\n");
    expect(scorecard).toContain(short);
    expect(scorecard).not.toMatch(
      new RegExp(`FY${String((fy - 1) % 100).padStart(2, "0")} so far`)
    );
  });
});

it("the same date builds the same sample; amounts other than the year to date do not depend on the date", () => {
  const a = sampleBudgetRows("2026-12-07");
  const b = sampleBudgetRows("2029-04-02");
  expect(sampleBudgetRows("2026-12-07")).toEqual(a);
  const strip = (rows: (string | number | null)[][]) =>
    rows.slice(5).map((r) => r.filter((_, i) => i !== 8));
  expect(strip(b.rows)).toEqual(strip(a.rows));
});
