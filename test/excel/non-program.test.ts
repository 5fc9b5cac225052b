/**
 * Non-program lines confirmable, through the Excel port over the fake Excel (as the task pane runs it): "Non-program"
 * typed in the Goal cells of the bond lines counts them as confirmed non-program spending in the Alignment sheet's
 * bucket and in the report, and the next run (the cells left as typed) counts the same. The CLI's test is
 * test/cli/non-program.test.ts.
 */
import { planToSheetValues } from "../../src/core/plan/sheet";
import { runAlignment } from "../../src/core/workflow";
import { samplePlan } from "../../samples/sample-plan";
import { fakeExcel, portOver } from "./helpers";

const ROWS: (string | number)[][] = [
  ["Department", "Program", "Account", "Description", "FY 2027-28 Proposed", "Goal"],
  [
    "Police Department",
    "Patrol Operations",
    "5110",
    "Uniformed officers patrolling beats",
    1_000_000,
    "",
  ],
  [
    "Debt Service",
    "General Obligation Bonds",
    "7110",
    "Bond principal payments",
    300_000,
    "Non-program",
  ],
  ["Debt Service", "General Obligation Bonds", "7120", "Interest on bonds", 120_000, "non program"],
  ["Non-Departmental", "Contingency", "9900", "General contingency", 80_000, ""],
];

test("Non-program in the Goal column counts as confirmed, in the Excel port, on this run and the next", async () => {
  const fake = fakeExcel();
  fake.addSheet("Budget", ROWS);
  fake.addSheet("Strategic Plan", planToSheetValues(samplePlan));
  const port = portOver(fake);
  const runs = [];
  for (const now of ["2026-12-07T09:00:00.000Z", "2026-12-08T09:00:00.000Z"]) {
    const { analysis, report } = await runAlignment(port, { today: "2026-12-07", now });
    const debt = analysis.tags.filter(
      (t, i) => analysis.budget.lines[i].department === "Debt Service"
    );
    expect(debt.map((t) => [t.goals.length, t.confirmedNonProgram, t.origin?.cell])).toEqual([
      [0, true, "Budget!F3"],
      [0, true, "Budget!F4"],
    ]);
    const alignment = fake.sheet("Alignment").dump();
    const row = alignment.find((r) =>
      String(r[0]).startsWith("Debt service: not a program, confirmed")
    );
    runs.push({
      nonProgram: (report.figures as { nonProgram: unknown }).nonProgram,
      row: row?.slice(2, 4),
    });
  }
  const [first, second] = runs;
  expect(first.nonProgram).toMatchObject({
    lines: 3,
    amount: 500_000,
    confirmed: { lines: 2, amount: 420_000 },
  });
  expect(first.row).toEqual([2, 420_000]);
  expect(second).toEqual(first);
  // The cells are the user's: left as typed.
  expect(
    fake
      .sheet("Budget")
      .dump()
      .map((r) => r[5])
  ).toEqual(ROWS.map((r) => r[5]));
}, 60_000);
