/**
 * Non-program lines confirmable (issue #27, item 2): a finance clerk types "Non-program" in the Goal cell of a
 * debt-service line (or of any line that is not a program); the run counts it in the Alignment sheet's non-program
 * bucket as confirmed, the CLI summary and --json say the same, and the answer survives the next run (it is the
 * clerk's own cell, read again every time).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { planToJson } from "../../src/core/plan/json";
import type { CellValue } from "../../src/core/types";
import { worksheetValues } from "../../src/xlsx/port";
import { samplePlan } from "../../samples/sample-plan";
import { validate, type Schema } from "./json-schema";
import { runCli } from "./run-cli";

let dir: string;
let plan: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-nonprogram-"));
  plan = path.join(dir, "plan.json");
  await fs.writeFile(plan, JSON.stringify(planToJson(samplePlan)));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const HEADER = ["Department", "Program", "Account", "Description", "FY 2027-28 Proposed", "Goal"];
const LINES: (string | number)[][] = [
  [
    "Police Department",
    "Patrol Operations",
    "5110",
    "Uniformed officers answering calls and patrolling beats",
    1_000_000,
  ],
  [
    "Parks and Recreation",
    "Park Maintenance",
    "5320",
    "Mowing, irrigation and playground repair",
    500_000,
  ],
  ["Debt Service", "General Obligation Bonds", "7110", "Bond principal payments", 300_000],
  ["Debt Service", "General Obligation Bonds", "7120", "Interest on bonds", 120_000],
  [
    "Non-Departmental",
    "Interfund Transfers",
    "9100",
    "Transfer out to the Capital Projects Fund",
    250_000,
  ],
  ["Non-Departmental", "Contingency", "9900", "General contingency", 80_000],
  [
    "Non-Departmental",
    "Sister City Exchange",
    "5610",
    "Delegation visits and gifts for sister cities",
    95_000,
  ],
];
/** Rows (1-based, on the sheet) of the lines the clerk confirms: both debt lines and the Sister City Exchange. */
const CONFIRMED_ROWS = [4, 5, 8];

interface Figures {
  nonProgram: {
    lines: number;
    amount: number;
    confirmed: { lines: number; amount: number };
    byKind: {
      kind: string;
      label: string;
      lines: number;
      amount: number;
      confirmedLines: number;
      confirmedAmount: number;
    }[];
  };
  fitsNoGoal: { programs: number; lines: number; amount: number };
  onReview: number;
}

async function writeBudget(file: string, goal: (row: number) => string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.addRow(HEADER);
  LINES.forEach((l, i) => ws.addRow([...l, goal(i + 2)]));
  await wb.xlsx.writeFile(file);
}

async function align(input: string, name: string) {
  const out = path.join(dir, `${name}.aligned.xlsx`);
  const json = path.join(dir, `${name}.json`);
  const r = await runCli([
    input,
    "--plan",
    plan,
    "--out",
    out,
    "--json",
    json,
    "--today",
    "2026-12-07",
  ]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const report = JSON.parse(await fs.readFile(json, "utf8"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return {
    out,
    text: r.out,
    figures: report.figures as Figures,
    report,
    codes: (report.issues as { code: string }[]).map((i) => i.code),
    alignment: worksheetValues(wb.getWorksheet("Alignment")!),
    review: worksheetValues(wb.getWorksheet("Review")!).flat(),
    goals: CONFIRMED_ROWS.map((r) => wb.getWorksheet("Budget")!.getCell(r, HEADER.length).value),
  };
}

const rowsStarting = (values: CellValue[][], start: string) =>
  values.filter((r) => typeof r[0] === "string" && r[0].startsWith(start));

describe("a Non-program answer in the Goal column", () => {
  let before: Awaited<ReturnType<typeof align>>;
  let after: Awaited<ReturnType<typeof align>>;
  let again: Awaited<ReturnType<typeof align>>;
  beforeAll(async () => {
    const plain = path.join(dir, "plain.xlsx");
    await writeBudget(plain, () => "");
    before = await align(plain, "plain");
    const typed = path.join(dir, "typed.xlsx");
    await writeBudget(typed, (row) => (CONFIRMED_ROWS.includes(row) ? "Non-program" : ""));
    after = await align(typed, "typed");
    // The next run, on the result (the Goal cells as the clerk left them).
    again = await align(after.out, "again");
  }, 120_000);

  it("before: the untagged transfer and contingency lines are non-program by their words, none confirmed", () => {
    const np = before.figures.nonProgram;
    expect([np.lines, np.amount, np.confirmed]).toEqual([2, 330_000, { lines: 0, amount: 0 }]);
    // The tagger put the bond lines under a goal: only a person's "Non-program" takes them off it.
    expect(np.byKind.map((k) => k.kind)).toEqual(["transfers", "contingency"]);
    expect(before.figures.fitsNoGoal.programs).toBe(1);
    expect(before.review).toContain("Sister City Exchange");
    expect(before.text).toContain("type Non-program in a line's Goal cell to confirm it");
  });

  it("counts the typed lines as confirmed, by kind, in --json", () => {
    const np = after.figures.nonProgram;
    expect([np.lines, np.amount, np.confirmed]).toEqual([
      5,
      845_000,
      { lines: 3, amount: 515_000 },
    ]);
    expect(
      np.byKind.map((k) => [k.kind, k.lines, k.amount, k.confirmedLines, k.confirmedAmount])
    ).toEqual([
      ["debt", 2, 420_000, 2, 420_000],
      ["transfers", 1, 250_000, 0, 0],
      ["contingency", 1, 80_000, 0, 0],
      ["other", 1, 95_000, 1, 95_000],
    ]);
    // The confirmed program is no longer on the Review sheet, and "Non-program" is no unknown goal.
    expect(after.figures.fitsNoGoal.programs).toBe(0);
    expect(after.review).not.toContain("Sister City Exchange");
    expect(after.codes).not.toContain("tag.unknown-goal");
    const schemaFile = path.join(__dirname, "..", "..", "docs", "report.schema.json");
    return fs.readFile(schemaFile, "utf8").then((text) => {
      expect(validate(JSON.parse(text) as Schema, after.report)).toEqual([]);
    });
  });

  it("the CLI summary and the Alignment sheet's bucket say the same as --json", () => {
    expect(after.text).toContain(
      "debt service 2 lines, $420,000 (all confirmed); transfers between funds 1 line, $250,000; " +
        "contingency and reserves 1 line, $80,000; other spending confirmed as not a program 1 line, $95,000 (all confirmed)."
    );
    for (const k of after.figures.nonProgram.byKind) {
      const confirmed = rowsStarting(after.alignment, `${k.label}: not a program, confirmed`);
      const rest = rowsStarting(after.alignment, `${k.label}: not a program by its words`);
      expect(confirmed.map((r) => r.slice(2, 4))).toEqual(
        k.confirmedLines ? [[k.confirmedLines, k.confirmedAmount]] : []
      );
      expect(rest.map((r) => r.slice(2, 4))).toEqual(
        k.lines > k.confirmedLines
          ? [[k.lines - k.confirmedLines, k.amount - k.confirmedAmount]]
          : []
      );
    }
  });

  it("survives the next run: the cells still say Non-program and the counts are the same", () => {
    expect(after.goals).toEqual(["Non-program", "Non-program", "Non-program"]);
    expect(again.goals).toEqual(["Non-program", "Non-program", "Non-program"]);
    expect(again.figures.nonProgram).toEqual(after.figures.nonProgram);
    expect(again.text).toBe(after.text.replace(after.out, again.out));
  });
});
