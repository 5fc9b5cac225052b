/**
 * Never replace a sheet we did not write (issue #30), through the Excel port and the fake: a user's sheet under a
 * report's name is kept, the report goes to a free name marked as ours (a hidden workbook name over its A1), the
 * next run writes into the same sheet, and a sheet the user makes after deleting ours is never taken for ours.
 */
import { markerName } from "../../src/core/report-sheets";
import { emptyState, serializeState, STATE_SHEET_NAME } from "../../src/core/state";
import { runAlignment } from "../../src/core/workflow";
import { budgetSheet, planSheet } from "../reliability/books";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { fakeExcel, portOver } from "./helpers";

const TODAY = "2026-11-23";
const NOTES = [["Council retreat notes"], ["Keep this", 42]];

function book(): FakeExcel {
  const fake = fakeExcel();
  const budget = budgetSheet();
  fake.addSheet(budget.name, budget.values);
  const plan = planSheet();
  fake.addSheet(plan.name, plan.values);
  fake.addSheet("Alignment", NOTES);
  return fake;
}

const marker = (fake: FakeExcel, report: string) => {
  const n = fake.data.names.find((x) => x.name === markerName(report as "Alignment"));
  return n ? { sheet: n.sheet?.name ?? null, visible: n.visible } : null;
};

test("a user's Alignment sheet is kept; ours is Alignment (2), marked, and found again on the next run", async () => {
  const fake = book();
  const port = portOver(fake);
  const r = await runAlignment(port, { today: TODAY });
  expect(r.written).toEqual(["Alignment (2)", "Review", "Timetable", "Programs"]);
  expect(fake.sheet("Alignment").dump()).toEqual(book().sheet("Alignment").dump());
  expect(marker(fake, "Alignment")).toEqual({ sheet: "Alignment (2)", visible: false });
  expect(marker(fake, "Review")).toEqual({ sheet: "Review", visible: false });
  expect(r.analysis.issues.find((i) => i.code === "sheet.name-taken")?.message).toBe(
    'A sheet named "Alignment" already exists and was not made by Budget Alignment: it is kept as it is, and the ' +
      'Alignment report is written to the sheet "Alignment (2)".'
  );
  const order = fake.data.sheets.map((s) => s.name);

  const again = await runAlignment(port, { today: TODAY });
  expect(again.written).toEqual(["Alignment (2)", "Review", "Timetable", "Programs"]);
  expect(fake.data.sheets.map((s) => s.name)).toEqual(order);
  expect(fake.sheet("Alignment").dump()).toEqual(book().sheet("Alignment").dump());
  expect(fake.data.names.filter((n) => n.name.startsWith("_BudgetAlignment_"))).toHaveLength(4);
  // Ours is where it was: nothing more to say.
  expect(again.analysis.issues.filter((i) => i.code === "sheet.name-taken")).toEqual([]);
});

test("the user deletes our Review sheet and makes their own under that name: theirs is kept although the state lists it", async () => {
  const fake = book();
  const port = portOver(fake);
  await runAlignment(port, { today: TODAY });
  fake.data.removeSheet(fake.sheet("Review"));
  expect(marker(fake, "Review")).toEqual({ sheet: null, visible: false }); // #REF!, as Excel does
  fake.addSheet("Review", [["Our own program review"], ["Patrol", "keep"]]);
  const mine = fake.sheet("Review").dump();
  const r = await runAlignment(port, { today: TODAY });
  expect(r.written).toEqual(["Alignment (2)", "Review (2)", "Timetable", "Programs"]);
  expect(fake.sheet("Review").dump()).toEqual(mine);
  expect(marker(fake, "Review")).toEqual({ sheet: "Review (2)", visible: false });
});

test("a saved state from before the marker that lists a sheet the user has since rewritten: the sheet is kept", async () => {
  const fake = book();
  fake.addSheet(
    STATE_SHEET_NAME,
    serializeState({ ...emptyState(), generatedSheets: ["Alignment", "Review"] }).map((t) => [t])
  ).visibility = "VeryHidden";
  const before = fake.sheet("Alignment").dump();
  const r = await runAlignment(portOver(fake), { today: TODAY });
  expect(r.written).toEqual(["Alignment (2)", "Review", "Timetable", "Programs"]);
  expect(fake.sheet("Alignment").dump()).toEqual(before);
});

test("a worksheet, chart sheet, dialog sheet and macro sheet under our names, which Excel does not list to add-ins: all kept, ours take free names on the FIRST run, and again on the next", async () => {
  const fake = fakeExcel();
  const budget = budgetSheet();
  fake.addSheet(budget.name, budget.values);
  const plan = planSheet();
  fake.addSheet(plan.name, plan.values);
  fake.addSheet("Timetable", NOTES);
  fake.data.addChartSheet("Alignment", "chart");
  fake.data.addChartSheet("Review", "dialog");
  fake.data.addChartSheet("Programs", "macro");
  const port = portOver(fake);
  const before = fake.sheet("Timetable").dump();

  const first = await runAlignment(port, { today: TODAY });
  expect(first.written).toEqual(["Alignment (2)", "Review (2)", "Timetable (2)", "Programs (2)"]);
  const said = first.analysis.issues
    .filter((i) => i.code === "sheet.name-taken")
    .map((i) => i.message);
  expect(said).toEqual([
    'A chart, dialog or macro sheet named "Alignment" already exists and was not made by Budget Alignment: it is ' +
      'kept as it is, and the Alignment report is written to the sheet "Alignment (2)".',
    'A chart, dialog or macro sheet named "Review" already exists and was not made by Budget Alignment: it is ' +
      'kept as it is, and the Review report is written to the sheet "Review (2)".',
    'A sheet named "Timetable" already exists and was not made by Budget Alignment: it is kept as it is, and the ' +
      'Timetable report is written to the sheet "Timetable (2)".',
    'A chart, dialog or macro sheet named "Programs" already exists and was not made by Budget Alignment: it is ' +
      'kept as it is, and the Programs report is written to the sheet "Programs (2)".',
  ]);
  for (const r of ["Alignment", "Review", "Timetable", "Programs"])
    expect(marker(fake, r)).toEqual({ sheet: `${r} (2)`, visible: false });
  expect(fake.data.chartSheets).toEqual(["Alignment", "Review", "Programs"]);
  expect(fake.sheet("Timetable").dump()).toEqual(before);
  const order = fake.data.sheets.map((s) => s.name);
  expect(order).toEqual([
    "Budget",
    "Strategic Plan",
    "Timetable",
    "Alignment (2)",
    "Review (2)",
    "Timetable (2)",
    "Programs (2)",
    STATE_SHEET_NAME,
  ]);

  // The next run finds ours by their markers: the same sheets, nothing more to say.
  const again = await runAlignment(port, { today: TODAY });
  expect(again.written).toEqual(first.written);
  expect(fake.data.sheets.map((s) => s.name)).toEqual(order);
  expect(again.analysis.issues.filter((i) => i.code === "sheet.name-taken")).toEqual([]);
  expect(fake.sheet("Timetable").dump()).toEqual(before);
});

test("a chart sheet under a name the port does not ask about: the write stops cleanly, then ours takes a free name", async () => {
  // Programs … Programs (9) are asked of Excel's SHEET function; a chart sheet "Programs (10)" with worksheets of
  // the user's under the nine names before it is found only when the write runs into it.
  const fake = fakeExcel();
  const budget = budgetSheet();
  fake.addSheet(budget.name, budget.values);
  const plan = planSheet();
  fake.addSheet(plan.name, plan.values);
  for (let n = 1; n <= 9; n++) fake.addSheet(n === 1 ? "Programs" : `Programs (${n})`, NOTES);
  fake.data.addChartSheet("Programs (10)");
  const port = portOver(fake);
  const before = fake.data.sheets.map((s) => ({ name: s.name, cells: s.dump() }));

  await expect(runAlignment(port, { today: TODAY })).rejects.toThrow(
    'The workbook has a sheet named "Programs (10)" that add-ins cannot see (a chart sheet): it is kept as it is, ' +
      "and no report was written. Run again: the report will be written to a free name."
  );
  // Nothing was written or left behind: no report, no temporary sheet, the chart sheet's name still its own.
  expect(fake.data.sheets.map((s) => ({ name: s.name, cells: s.dump() }))).toEqual(before);
  expect(fake.data.chartSheets).toEqual(["Programs (10)"]);

  const again = await runAlignment(port, { today: TODAY });
  expect(again.written).toEqual(["Alignment", "Review", "Timetable", "Programs (11)"]);
  expect(marker(fake, "Programs")).toEqual({ sheet: "Programs (11)", visible: false });
  expect(fake.data.chartSheets).toEqual(["Programs (10)"]);
});
