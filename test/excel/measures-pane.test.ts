/**
 * The pane's Measures step through the Excel port and the in-memory fake: what the step shows (each goal's measures
 * with the Scorecard's status rules, no data never met, the count of measures without data per goal), adding a
 * measure (a row appended to the Measures sheet by its own header, nothing typed written over, read back with its
 * status on the next run), and the problems of a messy sheet listed with their sheet and cell.
 */
import {
  actualPeriods,
  addMeasure,
  enterActual,
  nextMeasureId,
  previewActual,
} from "../../src/core/measures/add";
import { asOfDate } from "../../src/core/measures/status";
import { measureIssues, measuresView } from "../../src/core/measures/pane";
import { analyse, insertPlanTemplate } from "../../src/core/workflow";
import { fakeExcel, portOver } from "./helpers";

const TODAY = "2026-11-22"; // FY27 (July year), in its second quarter

const budget = [
  ["Department", "Program", "Description", "FY 2026-27 Adopted"],
  ["Fire", "Emergency Communications", "911 dispatch center", 1000],
  ["Fire", "Fire Suppression", "Engine companies and rescue", 2000],
];

async function workbookWithTemplates() {
  const fake = fakeExcel();
  fake.addSheet("Budget", budget);
  const port = portOver(fake);
  await insertPlanTemplate(port, TODAY);
  return { fake, port };
}

const form = {
  name: "Fire inspections completed",
  node: "A1.1.2",
  unit: "count",
  direction: "increase",
  interval: "cumulative",
  target: "1,200",
  owner: "Fire Marshal",
};

describe("the Measures step over the Excel port", () => {
  test("shows each goal's measures with their status; no data is never met and is counted per goal", async () => {
    const { port } = await workbookWithTemplates();
    const a = await analyse(port, { today: TODAY });
    const view = measuresView(a.measures ?? [], a.plan!, TODAY);
    const all = [...view.goals.flatMap((g) => g.measures), ...view.unlinked];
    // The template's two examples: M-1 (seconds, lower is better: 63 against 60 → near), M-2 (88% against 90% → near).
    const m1 = all.find((m) => m.id === "M-1")!;
    const m2 = all.find((m) => m.id === "M-2")!;
    expect(m1).toMatchObject({ status: "near", period: "FY27 Q1", actual: 63, expected: 60 });
    expect(m2).toMatchObject({ status: "near", actual: 88, expected: 90, icon: "◐" });
    expect(m1.rule).toMatch(/within 10% of expected/);
    expect(m1.where).toEqual({ sheet: "Measures", cell: "A5" });
    const goal = view.goals.find((g) => g.measures.some((m) => m.id === "M-1"))!;
    expect(goal.status).toBe("near");
    expect(view.line).toMatch(/^Measures \(FY27 so far, \d+ measures?\): /);

    // A measure with a target and no actual this year: no data, never met, and the goal counts it apart.
    const added = await addMeasure(port, form, {
      plan: a.plan!,
      today: TODAY,
      measures: a.measures ?? [],
    });
    expect(added.ok).toBe(true);
    const b = await analyse(port, { today: TODAY });
    const after = measuresView(b.measures ?? [], b.plan!, TODAY);
    const g = after.goals.find((x) => x.measures.some((m) => m.name === form.name))!;
    const m = g.measures.find((x) => x.name === form.name)!;
    expect(m.status).toBe("no data");
    expect(m.icon).toBe("○");
    expect(g.noData).toBeGreaterThanOrEqual(1);
    expect(g.countsText).toMatch(/\d+ no data/);
    // Only measures with data decide the goal: a goal whose only measure has no data is "no data", never met.
    for (const x of after.goals)
      if (x.measures.length && x.measures.every((y) => y.status === "no data"))
        expect(x.status).toBe("no data");
  });

  test("adding a measure appends one row under the sheet's header, and the next run reads it back", async () => {
    const { fake, port } = await workbookWithTemplates();
    const before = fake.sheet("Measures").dump();
    const a = await analyse(port, { today: TODAY });
    const r = await addMeasure(port, form, {
      plan: a.plan!,
      today: TODAY,
      measures: a.measures ?? [],
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.measure.id).toBe("M-3");
    expect(r.cell).toBe(`A${before.length + 1}`);
    const rows = fake.sheet("Measures").dump();
    // Every cell that was there is as it was.
    expect(rows.slice(0, before.length)).toEqual(before);
    const header = rows[3] as string[];
    const row = rows[before.length];
    const at = (h: string) => row[header.indexOf(h)];
    expect(at("Measure ID")).toBe("M-3");
    expect(at("Measure")).toBe("Fire inspections completed");
    expect(at("Goal or action ID")).toBe("A1.1.2");
    expect(at("Unit")).toBe("count");
    expect(at("Direction")).toBe("increase");
    expect(at("Interval")).toBe("cumulative");
    expect(at("Owner")).toBe("Fire Marshal");
    expect(at("FY27 Target")).toBe(1200);
    expect(at("FY27 Q1 Actual")).toBe("");
    const b = await analyse(port, { today: TODAY });
    const read = b.measures!.find((m) => m.id === "M-3")!;
    expect(read).toMatchObject({
      name: "Fire inspections completed",
      node: "A1.1.2",
      direction: "increase",
      interval: "cumulative",
      targets: { FY27: 1200 },
    });
    // The budget was not touched.
    expect(fake.sheet("Budget").dump()).toEqual(budget);
  });

  test("a workbook without a Measures sheet gets one (the template without its examples) holding the new measure", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budget);
    const port = portOver(fake);
    await insertPlanTemplate(port, TODAY);
    fake.data.removeSheet(fake.sheet("Measures"));
    const a = await analyse(port, { today: TODAY });
    expect((a.measures ?? []).some((m) => m.id === "M-1")).toBe(false);
    const r = await addMeasure(
      port,
      { ...form, unit: "%", target: "0.9", interval: "snapshot" },
      {
        plan: a.plan!,
        today: TODAY,
        measures: a.measures ?? [],
      }
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.createdSheet).toBe(true);
    expect(r.cell).toBe("A5");
    const b = await analyse(port, { today: TODAY });
    const sheetMeasures = b.measures!.filter((m) => m.origin?.sheet === "Measures");
    expect(sheetMeasures.map((m) => m.id)).toEqual(["M-1"]);
    // 0.9 for a percent measure is 90 (the stated percent rule).
    expect(sheetMeasures[0].targets).toEqual({ FY27: 90 });
  });

  test("a city's own layout gets the row in its own columns; a column it lacks stops the add and nothing is written", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budget);
    const port = portOver(fake);
    await insertPlanTemplate(port, TODAY);
    fake.data.removeSheet(fake.sheet("Measures"));
    const city = [
      [
        "Performance Measure",
        "Strategic Goal",
        "Desired Direction",
        "Unit",
        "Calculation",
        "FY27 Target",
        "FY27 Q1 Actual",
        "Measure Owner",
      ],
      ["Calls answered in 15 s", "G1.1", "Increase", "%", "Snapshot", "90%", "N/A", "Dispatch"],
    ];
    fake.addSheet("Measures", city);
    const a = await analyse(port, { today: TODAY });
    const r = await addMeasure(port, form, {
      plan: a.plan!,
      today: TODAY,
      measures: a.measures ?? [],
    });
    if (!r.ok) throw new Error(r.message);
    expect(fake.sheet("Measures").dump()).toEqual([
      ...city,
      [
        "Fire inspections completed",
        "A1.1.2",
        "increase",
        "count",
        "cumulative",
        1200,
        "",
        "Fire Marshal",
      ],
    ]);

    // Without an Owner column the owner typed would be lost: refused, the sheet as it was.
    fake.data.removeSheet(fake.sheet("Measures"));
    const noOwner = city.map((row) => row.slice(0, 7));
    fake.addSheet("Measures", noOwner);
    const refused = await addMeasure(port, form, { plan: a.plan!, today: TODAY, measures: [] });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toMatch(/"Measures" sheet has no "Owner" column.*row 1/);
    expect(fake.sheet("Measures").dump()).toEqual(noOwner);
  });

  test("what is wrong with the form is said field by field, and nothing is written", async () => {
    const { fake, port } = await workbookWithTemplates();
    const before = fake.sheet("Measures").dump();
    const a = await analyse(port, { today: TODAY });
    const r = await addMeasure(
      port,
      { name: " ", node: "G9.9", unit: "", direction: "", interval: "cumulative", target: "lots" },
      { plan: a.plan!, today: TODAY, measures: a.measures ?? [] }
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual([
      "direction",
      "name",
      "node",
      "target",
      "unit",
    ]);
    expect(r.problems.find((p) => p.field === "node")!.message).toBe(
      '"G9.9" is not a goal, subgoal or action of the plan.'
    );
    expect(r.problems.find((p) => p.field === "target")!.message).toMatch(
      /"lots" is not a number.*FY27/
    );
    expect(fake.sheet("Measures").dump()).toEqual(before);
  });

  test("a name that looks like a formula is written as text", async () => {
    const { fake, port } = await workbookWithTemplates();
    const a = await analyse(port, { today: TODAY });
    const r = await addMeasure(
      port,
      { ...form, name: "=SUM(A1:A9) inspections" },
      {
        plan: a.plan!,
        today: TODAY,
        measures: a.measures ?? [],
      }
    );
    if (!r.ok) throw new Error(r.message);
    const rows = fake.sheet("Measures").dump();
    // Kept as the text typed (the escape's apostrophe), never a formula.
    expect(rows[rows.length - 1][1]).toBe("=SUM(A1:A9) inspections");
    expect([...fake.sheet("Measures").formulas.keys()]).toEqual([]);
  });

  test("a messy Measures sheet's problems are listed with their sheet and cell", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budget);
    const port = portOver(fake);
    await insertPlanTemplate(port, TODAY);
    fake.data.removeSheet(fake.sheet("Measures"));
    fake.addSheet("Measures", [
      [
        "Measure ID",
        "Measure",
        "Goal",
        "Desired Direction",
        "Calculation",
        "Unit",
        "FY27 Target",
        "FY27 Q1 Actual",
      ],
      ["P-1", "Permits issued", "G1.1", "increase", "Cumalitve", "count", "1200", "two hundred"],
      ["P-2", "Invoices paid on time", "G9.9", "", "Snapshot", "%", "0.9", "N\\A"],
    ]);
    const a = await analyse(port, { today: TODAY });
    const issues = measureIssues(a.issues);
    const at = (code: string) => issues.find((i) => i.code === code);
    expect(at("measures.unreadable")).toMatchObject({ sheet: "Measures", cell: "H2" });
    expect(at("measures.corrected")).toMatchObject({ sheet: "Measures", cell: "E2" });
    expect(at("measures.direction-blank")).toMatchObject({ sheet: "Measures", cell: "D3" });
    expect(at("measures.not-available")).toMatchObject({ sheet: "Measures", cell: "H3" });
    expect(at("measures.unknown-node")).toMatchObject({ sheet: "Measures", cell: "C3" });
    for (const i of issues) expect(i.message).toMatch(/Measures/);
  });

  test("entering this period's actual: the status shown as it is typed, then written into its cell and nowhere else", async () => {
    const { fake, port } = await workbookWithTemplates();
    const a = await analyse(port, { today: TODAY });
    const m2 = a.measures!.find((m) => m.id === "M-2")!; // % of calls in 8 minutes, higher is better, FY27 target 90
    const { periods, current } = actualPeriods(a.plan!, TODAY);
    expect(periods).toEqual(["FY27 Q1", "FY27 Q2", "FY27 Q3", "FY27 Q4", "FY27"]);
    expect(current).toBe("FY27 Q2");
    const asOf = asOfDate(TODAY, { month: 7, day: 1 });
    const status = (typed: string) => {
      const p = previewActual(m2, "FY27 Q2", typed, asOf);
      return p && "evaluation" in p ? p.evaluation.status : p && "problem" in p ? p.problem : null;
    };
    expect(status("91")).toBe("met");
    expect(status("0.85")).toBe("near"); // a fraction of a percent measure is read ×100: 85 against 90
    expect(status("70%")).toBe("missed");
    expect(status("")).toBeNull();
    expect(status("ninety")).toMatch(/"ninety" is not a number/);
    // A measure without a direction is never met, whatever is typed.
    expect(previewActual({ ...m2, direction: null }, "FY27 Q2", "99", asOf)).toMatchObject({
      evaluation: { status: "direction not set" },
    });

    const before = fake.sheet("Measures").dump();
    const header = before[3] as string[];
    const r = await enterActual(port, m2, "FY27 Q2", 91);
    if (!r.ok) throw new Error(r.message);
    const col = header.indexOf("FY27 Q2 Actual");
    const rowIndex = before.findIndex((row) => row[0] === "M-2");
    expect(r.cell).toBe(`${String.fromCharCode(65 + col)}${rowIndex + 1}`);
    const after = fake.sheet("Measures").dump();
    // Exactly one cell changed.
    const changed: string[] = [];
    after.forEach((row, i) =>
      row.forEach((v, j) => {
        if ((before[i]?.[j] ?? "") !== v) changed.push(`${i},${j}`);
      })
    );
    expect(changed).toEqual([`${rowIndex},${col}`]);
    expect(after[rowIndex][col]).toBe(91);
    expect(fake.sheet("Budget").dump()).toEqual(budget);
    const b = await analyse(port, { today: TODAY });
    const view = measuresView(b.measures!, b.plan!, TODAY);
    const shown = view.goals.flatMap((g) => g.measures).find((m) => m.id === "M-2")!;
    expect(shown).toMatchObject({ period: "FY27 Q2", actual: 91, status: "met" });
  });

  test("the row is found again by the measure's ID after the sheet was sorted; a missing period column is said", async () => {
    const { fake, port } = await workbookWithTemplates();
    const a = await analyse(port, { today: TODAY });
    const m1 = a.measures!.find((m) => m.id === "M-1")!;
    // Someone sorts the sheet: M-2's row now comes first.
    const rows = fake.sheet("Measures").dump();
    fake.data.removeSheet(fake.sheet("Measures"));
    fake.addSheet("Measures", [...rows.slice(0, 4), rows[5], rows[4]]);
    const r = await enterActual(port, m1, "FY27 Q1", 58);
    if (!r.ok) throw new Error(r.message);
    expect(r.cell).toMatch(/6$/);
    expect(r.before).toBe(63);
    const noColumn = await enterActual(port, m1, "FY29 Q1", 58);
    expect(noColumn).toEqual({
      ok: false,
      message:
        'The "Measures" sheet has no "FY29 Q1 Actual" column: add it to the header in row 4, then type the value there.',
    });
    const { origin: _o, ...fromPlan } = m1;
    expect(await enterActual(port, fromPlan, "FY27 Q1", 58)).toEqual({
      ok: false,
      message:
        'Measure "M-1" comes from the plan, not from the Measures sheet: add it there (with the same ID) to enter its actuals.',
    });
  });
});

describe("nextMeasureId", () => {
  test("follows the IDs in use and never takes one of them", () => {
    expect(nextMeasureId([])).toBe("M-1");
    expect(nextMeasureId(["M-1", "M-2"])).toBe("M-3");
    expect(nextMeasureId(["PM-101", "PM-121", "A1.1.2", "M-7"])).toBe("PM-122");
    expect(nextMeasureId(["KPI007", "KPI010"])).toBe("KPI011");
    expect(nextMeasureId(["Calls answered", "A1.2"])).toBe("M-1");
  });
});
