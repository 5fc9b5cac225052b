/**
 * The main job end to end, as a user runs it: budget-align on the bundled sample workbook.
 * Reads the written workbook back with exceljs and checks what people will see.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";
import { SAMPLE_WORKBOOK } from "../../src/cli/run";
import { SAMPLE_AS_OF, sampleBudgetRows } from "../../samples/make-sample";
import { samplePlan } from "../../samples/sample-plan";
import { planActions } from "../../src/core/plan/model";
import { addCharts } from "../../src/xlsx/charts";
import JSZip from "jszip";
import { toCellValue, worksheetValues } from "../../src/xlsx/port";
import type { CellValue, ReportJson } from "../../src/core/types";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-"));
});

const run = runCli;

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The first number to the right of the first cell whose text matches `label`. */
function valueRightOf(values: CellValue[][], label: RegExp): number {
  for (const row of values) {
    const i = row.findIndex((v) => typeof v === "string" && label.test(v));
    if (i >= 0) {
      const n = row.slice(i + 1).find((v) => typeof v === "number");
      if (typeof n === "number") return n;
    }
  }
  throw new Error(`no number next to ${label}`);
}

describe("budget-align on the bundled sample workbook", () => {
  let out: string;
  let json: string;
  let result: { code: number; out: string; err: string };
  let report: ReportJson;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    out = path.join(dir, "sample.aligned.xlsx");
    json = path.join(dir, "report.json");
    // The committed sample, as of the date it is built for (a run with no BUDGET builds it for its own date).
    result = await run([SAMPLE_WORKBOOK, "--out", out, "--json", json, "--today", SAMPLE_AS_OF]);
    report = JSON.parse(await fs.readFile(json, "utf8"));
    wb = await load(out);
  }, 60000);

  it("succeeds and prints a short summary", () => {
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    const sample = sampleBudgetRows();
    expect(result.out).toContain(`Read ${sample.lineRows.length} budget lines from "Budget"`);
    expect(result.out).toMatch(/Total budget: \$[\d,]+\. Aligned: \$[\d,]+ \(\d+\.\d%\)/);
    expect(result.out).toMatch(
      /^\d+ programs? (is|are) on the Review sheet: \d+ fits? no goal \(\$[\d,]+\)/m
    );
    expect(result.out).toContain("Review answers: none yet.");
    expect(result.out).toContain(
      `Wrote ${out} (sheets Alignment, Review, Timetable, Scorecard, Programs).`
    );
  });

  it("reads every line item and none of the subtotal rows", () => {
    const sample = sampleBudgetRows();
    expect(report.lines.map((l) => l.row)).toEqual(sample.lineRows);
    const proposed = sample.lineRows.reduce((s, r) => s + (sample.rows[r - 1][9] as number), 0);
    expect(report.totals.budget).toBe(proposed);
    expect(report.totals.aligned + report.totals.unaligned).toBeCloseTo(report.totals.budget, 2);
  });

  it("keeps the JSON contract", () => {
    expect(report.plan).toMatchObject({ name: samplePlan.name, priorities: 5, goals: 20 });
    expect(report.schemaVersion).toBe(2);
    for (const line of report.lines) {
      expect(Object.keys(line).sort()).toEqual(
        [
          "amount",
          "confidence",
          "department",
          "description",
          "division",
          "flagged",
          "goals",
          "key",
          "origin",
          "priorityId",
          "program",
          "programKey",
          "row",
          "sheet",
          "source",
          "why",
        ].sort()
      );
      expect(["manual", "rule", "learned", "suggested", "none"]).toContain(line.source);
      if (line.goals.length) expect(line.goals.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 9);
    }
    // The Goal column's typed tags are manual tags.
    const library = report.lines.find((l) => l.program === "Branch Library Services")!;
    expect(library.source).toBe("manual");
    expect(library.goals).toEqual([{ id: "G4.2", share: 1 }]);
    expect(new Set(report.lines.map((l) => l.key)).size).toBe(report.lines.length);
  });

  it("adds Alignment, Review, Timetable and Programs and leaves the user's sheets exactly as they were", async () => {
    const before = await load(SAMPLE_WORKBOOK);
    const names = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
    expect(names).toEqual([
      "Budget",
      "Strategic Plan",
      "Measures",
      "Notes",
      "Alignment",
      "Review",
      "Timetable",
      "Scorecard",
      "Programs",
    ]);
    for (const name of ["Budget", "Strategic Plan", "Measures", "Notes"]) {
      expect(worksheetValues(wb.getWorksheet(name)!)).toEqual(
        worksheetValues(before.getWorksheet(name)!)
      );
    }
  });

  it("writes an Alignment sheet whose totals equal the sum of the budget lines", () => {
    const values = worksheetValues(wb.getWorksheet("Alignment")!);
    const lineSum = report.lines.reduce((s, l) => s + l.amount, 0);
    expect(valueRightOf(values, /^total budget/i)).toBeCloseTo(lineSum, 2);
    expect(valueRightOf(values, /^aligned/i)).toBeCloseTo(report.totals.aligned, 2);
    // No formulas anywhere: totals are values.
    wb.getWorksheet("Alignment")!.eachRow((row) =>
      row.eachCell((cell) => expect(cell.formula).toBeUndefined())
    );
  });

  it("lists on the Review sheet every program it flags", () => {
    const flagged = [...new Set(report.lines.filter((l) => l.flagged).map((l) => l.program))];
    const text = worksheetValues(wb.getWorksheet("Review")!)
      .flat()
      .filter((v): v is string => typeof v === "string");
    // The sample's one program that serves no goal of its plan.
    expect(flagged).toEqual(["Sister City Exchange"]);
    for (const p of flagged) expect(text).toContain(p);
  });

  it("lists every action of the plan with its dates on the Timetable", () => {
    const ws = wb.getWorksheet("Timetable")!;
    const rows = worksheetValues(ws);
    for (const { action } of planActions(samplePlan)) {
      const row = rows.find((r) => r.some((v) => v === action.title));
      expect(row).toBeDefined();
      if (action.due) {
        const [y, m, d] = action.due.split("-").map(Number);
        const serial = Date.UTC(y, m - 1, d) / 86400000 + 25569;
        expect(row!.some((v) => v === serial || v === action.due)).toBe(true);
      }
    }
  });

  it("running again on its own output changes nothing but the generated sheets", async () => {
    const again = path.join(dir, "again.xlsx");
    const second = await run([
      out,
      "--out",
      again,
      "--json",
      path.join(dir, "again.json"),
      "--today",
      SAMPLE_AS_OF,
    ]);
    expect(second.code).toBe(0);
    const report2: ReportJson = JSON.parse(await fs.readFile(path.join(dir, "again.json"), "utf8"));
    expect(report2.lines).toEqual(report.lines);
    const wb2 = await load(again);
    expect(wb2.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual([
      "Budget",
      "Strategic Plan",
      "Measures",
      "Notes",
      "Alignment",
      "Review",
      "Timetable",
      "Scorecard",
      "Programs",
    ]);
    for (const name of ["Alignment", "Review", "Timetable", "Scorecard", "Programs"]) {
      expect(worksheetValues(wb2.getWorksheet(name)!)).toEqual(
        worksheetValues(wb.getWorksheet(name)!)
      );
    }
  }, 60000);
});

describe("budget-align on a workbook with a chart of the user's own", () => {
  it("keeps it in the copy byte for byte, and leaves the original as it was", async () => {
    const input = path.join(dir, "with-chart.xlsx");
    const original = await addCharts(await fs.readFile(SAMPLE_WORKBOOK), [
      {
        sheetName: "Budget",
        charts: [
          {
            type: "columnClustered",
            title: "Departments",
            categories: { row: 5, col: 0, rows: 4, cols: 1 },
            values: { row: 5, col: 9, rows: 4, cols: 1 },
            seriesName: "Proposed",
            anchor: { row: 2, col: 12, rows: 12, cols: 6 },
          },
        ],
      },
    ]);
    await fs.writeFile(input, original);
    const out = path.join(dir, "with-chart.aligned.xlsx");
    const r = await run([input, "--out", out, "--today", SAMPLE_AS_OF]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("Not in the copy");
    const before = await JSZip.loadAsync(original);
    const after = await JSZip.loadAsync(await fs.readFile(out));
    const userParts = Object.keys(before.files).filter((p) =>
      /^xl\/(charts\/chart\d+\.xml|drawings\/(_rels\/)?drawing\d+\.xml(\.rels)?)$/.test(p)
    );
    expect(userParts.length).toBeGreaterThanOrEqual(3);
    for (const p of userParts)
      expect([p, await after.file(p)?.async("string")]).toEqual([
        p,
        await before.file(p)!.async("string"),
      ]);
    expect((await fs.readFile(input)).equals(original)).toBe(true);
  }, 60000);
});

describe("budget-align errors, in one plain line", () => {
  it("names a file that does not exist", async () => {
    const r = await run([path.join(dir, "nope.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(
      `budget-align: nope.xlsx: The file "${path.join(dir, "nope.xlsx")}" does not exist.`
    );
  });

  it("refuses a file that is not a workbook", async () => {
    const bad = path.join(dir, "notes.xlsx");
    await fs.writeFile(bad, "just text");
    const r = await run([bad]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(
      'budget-align: notes.xlsx: "notes.xlsx" cannot be read as an Excel workbook: it is not a zip package (an .xlsx file is a zip of XML parts; this one has no zip directory, so it is another kind of file or was cut short).'
    );
  });

  it("lists the amount columns when --amount-column names none", async () => {
    const r = await run([
      SAMPLE_WORKBOOK,
      "--amount-column",
      "FY 2030 Dreams",
      "--out",
      path.join(dir, "x.xlsx"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("FY 2030 Dreams");
    expect(r.err).toContain("FY 2027-28 Proposed");
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("rejects a bad --threshold and unknown options", async () => {
    // A mistyped command line exits 2, says what is wrong in its first line, and shows the usage.
    const threshold = await run(["--threshold", "5"]);
    expect(threshold.code).toBe(2);
    expect(threshold.err.split("\n")[0]).toBe(
      'budget-align: --threshold must be a number from 0 to 1, not "5" (for 35% write 0.35).'
    );
    const today = await run(["--today", "2026-02-30"]);
    expect(today.code).toBe(2);
    expect(today.err.split("\n")[0]).toBe(
      'budget-align: --today must be a date written YYYY-MM-DD, not "2026-02-30".'
    );
    expect((await run(["--bogus"])).code).toBe(2);
    const typo = await run(["--plna", "plan.json"]);
    expect(typo.code).toBe(2);
    expect(typo.err.split("\n")[0]).toBe(
      "budget-align: there is no option --plna. Did you mean --plan?"
    );
    expect((await run(["--amount-colum", "X"])).err.split("\n")[0]).toContain(
      "Did you mean --amount-column?"
    );
    expect((await run(["--zzzzzz"])).err.split("\n")[0]).toBe(
      "budget-align: there is no option --zzzzzz."
    );
  });

  it("never writes over the input workbook", async () => {
    const copy = path.join(dir, "copy.xlsx");
    await fs.copyFile(SAMPLE_WORKBOOK, copy);
    const r = await run([copy, "--out", copy]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("must be four different files");
  });
});

describe("budget-align --amount-column and --plan", () => {
  it("reports the adopted column when asked", async () => {
    const json = path.join(dir, "adopted.json");
    const r = await run([
      SAMPLE_WORKBOOK,
      "--amount-column",
      "fy 2026-27 adopted",
      "--out",
      path.join(dir, "adopted.xlsx"),
      "--json",
      json,
    ]);
    expect(r.code).toBe(0);
    const report: ReportJson = JSON.parse(await fs.readFile(json, "utf8"));
    const sample = sampleBudgetRows();
    expect(report.totals.budget).toBe(
      sample.lineRows.reduce((s, r2) => s + (sample.rows[r2 - 1][6] as number), 0)
    );
  });

  it("reads the plan from a JSON file", async () => {
    const { planToJson } = await import("../../src/core/plan/json");
    const planFile = path.join(dir, "plan.json");
    await fs.writeFile(planFile, JSON.stringify(planToJson(samplePlan)));
    const json = path.join(dir, "withplan.json");
    const r = await run([
      "--plan",
      planFile,
      "--out",
      path.join(dir, "withplan.xlsx"),
      "--json",
      json,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(await fs.readFile(json, "utf8")).plan.goals).toBe(20);
  });
});

describe("budget-align with a plan that leaves out a priority", () => {
  it("flags the programs that served it and lists them on the Review sheet for department heads", async () => {
    const { planToJson } = await import("../../src/core/plan/json");
    const withoutSafety = {
      ...samplePlan,
      priorities: samplePlan.priorities.filter((p) => p.id !== "P1"),
    };
    const planFile = path.join(dir, "plan-without-p1.json");
    await fs.writeFile(planFile, JSON.stringify(planToJson(withoutSafety)));
    const out = path.join(dir, "without-p1.xlsx");
    const json = path.join(dir, "without-p1.json");
    const r = await run(["--plan", planFile, "--out", out, "--json", json]);
    expect(r.code).toBe(0);
    const report: ReportJson = JSON.parse(await fs.readFile(json, "utf8"));
    const flagged = [...new Set(report.lines.filter((l) => l.flagged).map((l) => l.program))];
    // The police and fire programs have nowhere to go; beyond them only the sister-city exchange, as without the cut.
    expect(flagged).toEqual(
      expect.arrayContaining([
        "Patrol Operations",
        "Criminal Investigations",
        "Fire Suppression and EMS",
      ])
    );
    const departments = new Set(report.lines.filter((l) => l.flagged).map((l) => l.department));
    expect([...departments].sort()).toEqual([
      "Fire Department",
      "Non-Departmental",
      "Police Department",
    ]);
    expect(r.out).toMatch(new RegExp(`: ${flagged.length} fits? no goal \\(`));
    const review = worksheetValues((await load(out)).getWorksheet("Review")!);
    for (const p of flagged) {
      const row = review.find((cells) => cells.includes(p));
      expect(row).toBeDefined();
      expect(row).toContain("Fits no goal");
    }
  });
});

describe("budget-align --init-plan", () => {
  it("adds the template to a workbook without a plan, and refuses on one with a plan", async () => {
    const noPlan = path.join(dir, "noplan.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRows([
      ["Department", "Amount"],
      ["Parks", 100],
    ]);
    await wb.xlsx.writeFile(noPlan);
    const outFile = path.join(dir, "noplan.with-plan.xlsx");
    const ok = await run([noPlan, "--init-plan", "--out", outFile]);
    expect(ok.code).toBe(0);
    const written = await load(outFile);
    expect(written.worksheets.map((w) => w.name)).toEqual(["Budget", "Strategic Plan", "Measures"]);
    const header = worksheetValues(written.getWorksheet("Strategic Plan")!).find((r) =>
      r.includes("Parent ID")
    );
    expect(header).toEqual(
      expect.arrayContaining([
        "ID",
        "Parent ID",
        "Level",
        "Title",
        "Owner",
        "Start",
        "Due",
        "Measure",
        "Target",
        "Status",
      ])
    );

    const refused = await run([
      SAMPLE_WORKBOOK,
      "--init-plan",
      "--out",
      path.join(dir, "never.xlsx"),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toBe(
      'budget-align: sample-budget.xlsx: sample-budget.xlsx already has a "Strategic Plan" sheet; it was left as it is. Rename or delete it first if you want a fresh template.'
    );
    await expect(fs.access(path.join(dir, "never.xlsx"))).rejects.toThrow();
  });
});

it("toCellValue gives what Excel's range.values gives", () => {
  expect(toCellValue(null)).toBe("");
  expect(toCellValue(new Date(Date.UTC(2025, 0, 1)))).toBe(45658);
  expect(toCellValue({ formula: "A1+1", result: 3 } as ExcelJS.CellValue)).toBe(3);
  expect(toCellValue({ error: "#REF!" } as ExcelJS.CellValue)).toBe("#REF!");
  expect(
    toCellValue({ richText: [{ text: "Fire " }, { text: "Dept" }] } as ExcelJS.CellValue)
  ).toBe("Fire Dept");
});

describe("budget-align --today after the YTD column's fiscal year (FY 2026-27) has ended", () => {
  it("says the year has ended, compares with the full year and flags no row as behind pace", async () => {
    const out = path.join(dir, "after.xlsx");
    const json = path.join(dir, "after.json");
    // The committed sample (its YTD column is FY 2026-27's), a year later.
    const r = await run([SAMPLE_WORKBOOK, "--out", out, "--json", json, "--today", "2027-12-02"]);
    expect(r.code).toBe(0);
    const values = worksheetValues((await load(out)).getWorksheet("Alignment")!);
    const texts = values.flat().filter((v): v is string => typeof v === "string" && v !== "");
    expect(texts).toContain("Mid-year view (FY 2026-27, a year that has ended)");
    const note =
      "FY 2026-27 ended on Jun 30, 2027, before Dec 2, 2027: year-to-date actuals are compared with the full " +
      "year's revised budget, and spending over it is flagged. No pace is flagged for a year that has ended.";
    // The note is broken into rows that fit the printed page.
    const at = texts.findIndex((t) => t.startsWith("FY 2026-27 ended on"));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(texts.slice(at, at + 2).join(" ")).toBe(note);
    expect(texts.filter((t) => /\bpace\b/i.test(t) && !note.includes(t))).toEqual([]);
    expect(texts.some((t) => /had passed/.test(t))).toBe(false);
    const report: ReportJson = JSON.parse(await fs.readFile(json, "utf8"));
    expect(report.midYear).toEqual({ fiscalYear: "FY 2026-27", phase: "after", elapsed: 1, note });
  }, 60000);
});
