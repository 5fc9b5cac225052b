/**
 * Money is never silently wrong at the command line: an amount cell that is not an amount stops the run (exit 1,
 * the cell named) unless --skip-bad-amounts is given, and then every such problem is on screen, grouped and
 * counted before any other warning, and in the Alignment sheet's "Data checks" block; amount formulas with no saved
 * value are refused with what to do; the JSON report is written even when the run stops. The input never changes.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { runCli } from "../cli/run-cli";
import { worksheetValues } from "../../src/xlsx/port";
import { budgetSheet, planSheet, STANDARD_LINES, type Line } from "./books";
import { writeBook } from "./write-book";

jest.setTimeout(60000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-money-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runCli([...args, "--today", "2026-11-23"]);
  return { code, out: out.trim(), err: err.trim() };
}

/** Standard lines with some amounts replaced: index → value. */
function linesWith(changes: Record<number, ExcelJS.CellValue>): Line[] {
  return STANDARD_LINES.map((l, i) =>
    i in changes ? ([l[0], l[1], l[2], l[3], changes[i] as never] as Line) : l
  );
}

describe("an amount cell that is not an amount", () => {
  let file: string;
  let before: Buffer;
  beforeAll(async () => {
    file = path.join(dir, "bad-amounts.xlsx");
    // Row 7 (Patrol officer salaries, $1,500,000) typed as "12,3,4"; row 13 (Finance) TRUE.
    await writeBook(file, [budgetSheet(linesWith({ 3: "12,3,4", 9: true })), planSheet()]);
    before = await fs.readFile(file);
  });
  afterAll(async () => {
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  test("stops the run: exit 1, one line naming the cell and both ways out; nothing written; JSON says why", async () => {
    const out = path.join(dir, "never.xlsx");
    const json = path.join(dir, "stopped.json");
    const r = await run(file, "--out", out, "--json", json);
    expect(r).toEqual({
      code: 1,
      out: "",
      err:
        'budget-align: bad-amounts.xlsx: Budget!E7: "12,3,4" is not an amount. 1 more amount cell is not an amount ' +
        "either (Budget!E13). Correct them so the totals are right, or run again with --skip-bad-amounts to count " +
        "them as 0.",
    });
    await expect(fs.access(out)).rejects.toThrow();
    const report = JSON.parse(await fs.readFile(json, "utf8"));
    expect(report.stopped).toBe(true);
    expect(
      report.issues.map((i: { code: string; cell?: string }) => `${i.code}@${i.cell}`)
    ).toEqual(
      expect.arrayContaining([
        "budget.bad-amounts@E7",
        "budget.amount-not-a-number@E7",
        "budget.amount-not-a-number@E13",
      ])
    );
  });

  test("--skip-bad-amounts: counted as 0, and the money problems come first on screen and on the Alignment sheet", async () => {
    const out = path.join(dir, "skipped.xlsx");
    const r = await run(file, "--out", out, "--skip-bad-amounts");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const total = lines.findIndex((l) => l.startsWith("Total budget:"));
    // The standard $5,388,000 less the two cells counted as 0 ($1,500,000 and $120,000).
    expect(lines[total]).toMatch(/^Total budget: \$3,768,000\./);
    const money = lines.findIndex((l) => l.startsWith("Check the money:"));
    expect(lines.slice(money, money + 2)).toEqual([
      "Check the money: 2 problems change the totals above.",
      '  2 amount cells are not amounts (counted as 0): Budget!E7, Budget!E13. First: Budget!E7: "12,3,4" is not an amount.',
    ]);
    // Plan warnings (if any) come after the money.
    const warn = lines.findIndex((l) => /warnings?; the first/.test(l));
    if (warn >= 0) expect(warn).toBeGreaterThan(money);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const values = worksheetValues(wb.getWorksheet("Alignment")!);
    const at = values.findIndex((row) => row[0] === "Data checks");
    expect(at).toBeGreaterThan(0);
    expect(values.slice(at + 1, at + 4).map((row) => row.slice(0, 3))).toEqual([
      ["Check", "Count", "Where"],
      [
        "Amount cells that are not amounts (counted as 0)",
        2,
        'Budget!E7, Budget!E13. Budget!E7: "12,3,4" is not an amount.',
      ],
      ["Subtotal and total rows left out (not counted twice)", 0, ""],
    ]);
  });
});

test("a clean budget: the Data checks block says no problem changes a total", async () => {
  const file = path.join(dir, "clean.xlsx");
  await writeBook(file, [budgetSheet(), planSheet()]);
  const out = path.join(dir, "clean.aligned.xlsx");
  const r = await run(file, "--out", out);
  expect(r.code).toBe(0);
  expect(r.out).not.toContain("Check the money");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const values = worksheetValues(wb.getWorksheet("Alignment")!);
  const at = values.findIndex((row) => row[0] === "Data checks");
  expect(values[at + 2].slice(0, 3)).toEqual([
    "Problems that change a total",
    0,
    "None: every amount cell was read as an amount and every total row of the sheets matches its lines.",
  ]);
});

describe("amount formulas with no saved value (a workbook written by a script, never opened in Excel)", () => {
  async function scriptBook(file: string, allFormulas: boolean): Promise<void> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Budget");
    const sheet = budgetSheet();
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "" && v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      })
    );
    // The amounts as formulas with no cached result: all of them, or three.
    const rows = allFormulas ? [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] : [5, 9, 14];
    for (const r of rows) {
      const n = ws.getCell(r, 5).value as number;
      ws.getCell(r, 5).value = { formula: `${n / 2}+${n / 2}` } as ExcelJS.CellValue;
    }
    const plan = wb.addWorksheet("Strategic Plan");
    planSheet().values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "" && v !== null) plan.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      })
    );
    await wb.xlsx.writeFile(file);
  }

  test.each([
    [
      "three of them: refused (the total would have been $775,000 short), the cells named",
      false,
      "Budget!E5 holds the formula =42500+42500 with no saved value, and so do 2 more amount cells (Budget!E9, Budget!E14)",
    ],
    [
      "every one of them (the sheet reads as no budget at all): refused for the real reason",
      true,
      "Budget!E4 holds the formula =600000+600000 with no saved value, and so do 11 more amount cells (Budget!E5, Budget!E6, Budget!E7, Budget!E8, Budget!E9, …)",
    ],
  ])("%s", async (_what, all, start) => {
    const file = path.join(dir, `formulas-${all}.xlsx`);
    await scriptBook(file, all);
    const before = await fs.readFile(file);
    const json = path.join(dir, `formulas-${all}.json`);
    const r = await run(file, "--out", path.join(dir, `never-${all}.xlsx`), "--json", json);
    expect(r).toEqual({
      code: 1,
      out: "",
      err:
        `budget-align: formulas-${all}.xlsx: ${start}: the workbook was saved by a program that does not ` +
        "calculate formulas, so these amounts cannot be read and the totals would be wrong. Open it in Excel or " +
        "LibreOffice, save it, and run again.",
    });
    expect(JSON.parse(await fs.readFile(json, "utf8")).issues[0].code).toBe(
      "budget.formula-no-value"
    );
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});

test("--json is written even when the run stops before reading the budget (a plan file that is not there)", async () => {
  const file = path.join(dir, "plain.xlsx");
  await writeBook(file, [budgetSheet(), planSheet()]);
  const json = path.join(dir, "early.json");
  const missing = path.join(dir, "no-such-plan.json");
  const r = await run(file, "--plan", missing, "--json", json, "--out", path.join(dir, "x.xlsx"));
  expect(r.code).toBe(1);
  expect(JSON.parse(await fs.readFile(json, "utf8"))).toEqual({
    schemaVersion: 2,
    schema: "docs/report.schema.json",
    plan: { name: "", priorities: 0, goals: 0, adopted: null, fiscalYearStart: null, targets: [] },
    warnings: [],
    lines: [],
    totals: { budget: 0, aligned: 0, unaligned: 0 },
    issues: [
      {
        severity: "error",
        code: "run.stopped",
        message: `The plan file "${missing}" does not exist or cannot be read.`,
      },
    ],
    stopped: true,
  });
});

test('a title saying "in $000s": the total is in dollars and the scale is named on screen and on the Alignment sheet', async () => {
  const file = path.join(dir, "thousands.xlsx");
  const sheet = budgetSheet(
    STANDARD_LINES.map((l) => [l[0], l[1], l[2], l[3], (l[4] as number) / 1000] as Line)
  );
  sheet.values[1] = ["Dollars in $000s"];
  await writeBook(file, [sheet, planSheet()]);
  const out = path.join(dir, "thousands.aligned.xlsx");
  const r = await run(file, "--out", out);
  expect(r.code).toBe(0);
  const lines = r.out.split("\n");
  const note =
    'Budget!A2 says "Dollars in $000s": the amounts of "FY 2026-27 Proposed" are in thousands of dollars, so ' +
    "they are reported in dollars (1 on the sheet is $1,000).";
  expect(lines[1]).toBe(note);
  expect(r.out).toMatch(/^Total budget: \$5,388,000\./m);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const values = worksheetValues(wb.getWorksheet("Alignment")!);
  expect(values.find((row) => row[1] === 5388000)?.[0]).toBe("Total budget");
  expect(
    values
      .find((row) => row[0] === "Amounts given in thousands or millions, shown here in dollars")
      ?.slice(0, 3)
  ).toEqual(["Amounts given in thousands or millions, shown here in dollars", 1, note]);
});

test("--json is written when the command line itself stops the run (a bad --today)", async () => {
  const file = path.join(dir, "plain.xlsx");
  const json = path.join(dir, "bad-today.json");
  let err = "";
  const code = await main(
    [file, "--today", "2026-02-30", "--json", json],
    () => undefined,
    (s) => (err += s)
  );
  // A mistyped command line: exit 2, one plain line.
  expect([code, err]).toEqual([
    2,
    'budget-align: --today must be a date written YYYY-MM-DD, not "2026-02-30".',
  ]);
  expect(JSON.parse(await fs.readFile(json, "utf8")).issues).toEqual([
    {
      severity: "error",
      code: "run.stopped",
      message: '--today must be a date written YYYY-MM-DD, not "2026-02-30".',
    },
  ]);
});
