/**
 * Every warning reachable from the command line: the plan's own warnings when it comes from --plan FILE, all
 * warnings grouped by kind with counts (--quiet shortens), a .csv budget answered in one line, and an amount column
 * picked among tied candidates said, with how to choose another.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";
import { planToJson } from "../../src/core/plan/json";
import { samplePlan } from "../../samples/sample-plan";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cli-warnings-"));
});

const run = runCli;

/** A small budget workbook with the given header and rows, no plan sheet. */
async function budget(
  name: string,
  header: string[],
  rows: (string | number)[][]
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The sample plan as JSON, with no adoption date, an action with nothing SMART, and an unknown function. */
async function looseplan(): Promise<string> {
  const json = planToJson(samplePlan) as unknown as {
    adopted: string | null;
    priorities: {
      covers?: string[];
      goals: { actions?: Record<string, unknown>[] }[];
    }[];
  };
  json.adopted = null;
  json.priorities[0].covers = ["police", "underwater basket weaving"];
  json.priorities[0].goals[0].actions = [{ id: "A-loose", title: "Do something good" }];
  const file = path.join(dir, "loose-plan.json");
  await fs.writeFile(file, JSON.stringify(json));
  return file;
}

const ROWS: (string | number)[][] = [
  ["Police Department", "Patrol Operations", 1000, 1100],
  ["Parks and Recreation", "Park Maintenance", 2000, 2100],
  ["Public Works", "Street Maintenance", 3000, 3100],
];

describe("budget-align warnings", () => {
  it("reports the warnings of a plan given with --plan, grouped by kind with counts", async () => {
    const plan = await looseplan();
    const file = await budget(
      "plain.xlsx",
      ["Department", "Program", "Amount"],
      ROWS.map((r) => r.slice(0, 3))
    );
    const r = await run([file, "--plan", plan, "--out", path.join(dir, "plain.out.xlsx")]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ warnings of \d+ kinds:$/m);
    expect(r.out).toMatch(/^ {2}1 × plan without an adoption date:$/m);
    expect(r.out).toMatch(/^ {2}1 × unknown functions in a Covers cell:$/m);
    expect(r.out).toContain("underwater basket weaving");
    expect(r.out).toMatch(
      /^ {2}\d+ × actions without a measure, target, owner or due date \(SMART check\):$/m
    );
    expect(r.out).toContain('"A-loose"');
    // --quiet: one line per kind, no messages.
    const q = await run([file, "--plan", plan, "--out", path.join(dir, "plain.q.xlsx"), "--quiet"]);
    expect(q.code).toBe(0);
    expect(q.out).toMatch(/^ {2}1 × plan without an adoption date$/m);
    expect(q.out).not.toContain("underwater basket weaving");
  }, 60_000);

  it("answers a .csv budget in one line: save it as .xlsx", async () => {
    const csv = path.join(dir, "budget.csv");
    await fs.writeFile(csv, "Department,Program,Amount\nPolice,Patrol,100\n");
    const r = await run([csv]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(
      "budget-align: budget.csv is a text (CSV) file: open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and run budget-align on that."
    );
  });

  it("says which amount column it used when two could be meant, and how to choose the other", async () => {
    const plan = path.join(dir, "plan.json");
    await fs.writeFile(plan, JSON.stringify(planToJson(samplePlan)));
    const both = await budget("both.xlsx", ["Department", "Program", "Amount", "Budget"], ROWS);
    const r = await run([both, "--plan", plan, "--out", path.join(dir, "both.out.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 × amount columns that could be chosen:/);
    expect(r.out).toMatch(
      /2 amount columns that could be the one to report \("(Amount|Budget)", "(Amount|Budget)"\); "(Amount|Budget)" was used\. To use another, run again with --amount-column "(Amount|Budget)"/
    );
    // Chosen: no warning.
    const chosen = await run([
      both,
      "--plan",
      plan,
      "--amount-column",
      "Budget",
      "--out",
      path.join(dir, "both.chosen.xlsx"),
    ]);
    expect(chosen.code).toBe(0);
    expect(chosen.out).not.toContain("could be the one to report");
    // Two "Amount" headers.
    const twice = await budget("twice.xlsx", ["Department", "Program", "Amount", "Amount"], ROWS);
    const t = await run([twice, "--plan", plan, "--out", path.join(dir, "twice.out.xlsx")]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(
      /2 amount columns that could be the one to report \("Amount.*", "Amount.*"\)/
    );
  }, 60_000);

  it("mentions the Programs sheet and the exit codes in --help", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Programs sheets");
    expect(r.out).toContain("priority-based budgeting");
    expect(r.out).toContain("2 a mistyped command line");
    expect(r.out).toContain("--quiet");
  });
});
