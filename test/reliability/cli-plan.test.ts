/**
 * The plan at the command line: every error of a plan (up to 20) in one run, not one per run; --init-plan says
 * where it wrote and what to run next. The input workbook never changes.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../cli/run-cli";
import { budgetSheet, planSheet } from "./books";
import { writeBook } from "./write-book";

jest.setTimeout(60000);

let dir: string;
let budget: string;
let before: Buffer;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-plan-"));
  budget = path.join(dir, "budget.xlsx");
  await writeBook(budget, [budgetSheet(), planSheet()]);
  before = await fs.readFile(budget);
});
afterAll(async () => {
  expect((await fs.readFile(budget)).equals(before)).toBe(true);
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const { code, out, err } = await runCli(args);
  return { code, out: out.trim(), err: err.trim() };
}

const plan = (priorities: unknown[]) =>
  JSON.stringify({
    name: "P",
    adopted: "2025-03-01",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities,
  });

test("a plan with three errors: all three in one run", async () => {
  const file = path.join(dir, "three.json");
  await fs.writeFile(
    file,
    plan([
      { id: "P1", title: "Safe", goals: [{ id: "G1", title: "" }] },
      { id: "P1", title: "Again", goals: [] },
      {
        id: "P3",
        title: "Parks",
        goals: [
          {
            id: "G3",
            title: "Trails",
            actions: [{ id: "A1", title: "Build", start: "2026-05-01", due: "2026-01-01" }],
          },
        ],
      },
    ])
  );
  const r = await run(budget, "--plan", file, "--out", path.join(dir, "o.xlsx"));
  expect(r.code).toBe(1);
  expect(r.err.split("\n")).toEqual([
    "budget-align: budget.xlsx: 3 problems stop the run:",
    '  - three.json: priorities[1].id: ID "P1" is used twice (also at priorities[0]).',
    "  - three.json: priorities[0].goals[0].title is missing.",
    '  - three.json: priorities[2].goals[0].actions[0]: action "A1" is due Jan 1, 2026, before it starts (May 1, 2026).',
  ]);
});

test("a plan with 25 errors: the first 20 listed, the rest counted", async () => {
  const file = path.join(dir, "many.json");
  await fs.writeFile(
    file,
    plan(Array.from({ length: 25 }, (_, i) => ({ id: `P${i + 1}`, title: "", goals: [] })))
  );
  const r = await run(budget, "--plan", file, "--out", path.join(dir, "o.xlsx"));
  expect(r.code).toBe(1);
  const lines = r.err.split("\n");
  expect(lines[0]).toBe("budget-align: budget.xlsx: 25 problems stop the run:");
  expect(lines.slice(1, 21)).toEqual(
    Array.from({ length: 20 }, (_, i) => `  - many.json: priorities[${i}].title is missing.`)
  );
  expect(lines.slice(21)).toEqual(["  … and 5 more (every one is in the JSON report, --json)."]);
});

test("--init-plan says where it wrote, that the input is unchanged, and the command to run next", async () => {
  const noPlan = path.join(dir, "no plan.xlsx");
  await writeBook(noPlan, [budgetSheet()]);
  const input = await fs.readFile(noPlan);
  const out = path.join(dir, "with plan.xlsx");
  const r = await run(noPlan, "--init-plan", "--out", out);
  expect(r).toEqual({
    code: 0,
    err: "",
    out:
      `Added a ready-to-fill "Strategic Plan" sheet. Wrote ${out}; no plan.xlsx was not changed.\n` +
      `Next: open ${out} in Excel, fill in the plan (the sheet says how), save it, and run:\n` +
      `  budget-align "${out}"`,
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  // The Measures template goes in beside the plan's (src/core/measures/template.ts).
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Budget", "Strategic Plan", "Measures"]);
  expect((await fs.readFile(noPlan)).equals(input)).toBe(true);
});

test("the help says where --init-plan writes", async () => {
  const r = await run("--help");
  expect(r.out).toContain(
    "write the workbook to --out (default: out/<name>.with-plan.xlsx); the input is not changed"
  );
});
