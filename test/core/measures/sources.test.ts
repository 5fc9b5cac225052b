import { importMeasures } from "../../../src/core/measures/import";
import { readMeasuresJson } from "../../../src/core/measures/json";
import { linkMeasures, measureOfAction, targetOfText } from "../../../src/core/measures/link";
import { measuresTemplateSheet, MEASURES_SHEET } from "../../../src/core/measures/template";
import { readPlanJson } from "../../../src/core/plan/json";
import { templateExamplePlan } from "../../../src/core/plan/template";
import type { Plan } from "../../../src/core/types";

describe("the Measures template sheet", () => {
  const sheet = measuresTemplateSheet(2027);
  test("has the fields, FY25–FY27 and FY27's quarters, and dropdowns for direction and interval", () => {
    expect(sheet.name).toBe(MEASURES_SHEET);
    const header = sheet.values[3];
    expect(header.slice(0, 7)).toEqual([
      "Measure ID",
      "Measure",
      "Goal or action ID",
      "Program",
      "Unit",
      "Direction",
      "Interval",
    ]);
    expect(header).toContain("FY25 Target");
    expect(header).toContain("FY27 Q4 Actual");
    expect(sheet.validations.map((v) => v.list)).toEqual(
      expect.arrayContaining([
        ["increase", "decrease", "maintain"],
        ["cumulative", "snapshot", "period"],
      ])
    );
  });
  test("reads back as its two example measures, with no problem reported", () => {
    const read = importMeasures({ name: MEASURES_SHEET, values: sheet.values });
    expect(read.issues.filter((i) => i.severity !== "info")).toEqual([]);
    expect(read.measures.map((m) => [m.id, m.node, m.direction, m.interval])).toEqual([
      ["M-1", "A1.1.1.1", "decrease", "snapshot"],
      ["M-2", "A1.1.2", "increase", "snapshot"],
    ]);
    expect(read.measures[0].targets).toEqual({ FY25: 70, FY26: 65, FY27: 60 });
    expect(read.measures[1].actuals["FY27 Q1"]).toBe(88);
    const linked = linkMeasures({
      plan: templateExamplePlan(),
      sources: [{ measures: read.measures, from: "the sheet" }],
      lines: [],
      tags: [],
      years: [2027],
    });
    expect(linked.issues).toEqual([]);
  });
});

describe("plan JSON measures", () => {
  const plan = {
    name: "P",
    adopted: "2025-01-01",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [
      {
        id: "P1",
        title: "Safe",
        goals: [
          {
            id: "G1",
            title: "Fast response",
            actions: [
              {
                id: "A1",
                title: "Add a shift",
                measure: "Response time",
                target: "Under 6 minutes",
              },
            ],
          },
        ],
      },
    ],
    measures: [
      {
        id: "M1",
        name: "Permits issued",
        node: "G1",
        unit: "count",
        direction: "Increase",
        interval: "cumulative",
        targets: { "FY 2025-26": 1200, "FY26 Q1": 250 },
        actuals: { FY26Q1: 240, "FY2026 Q2": 330 },
      },
    ],
  };
  test("are read with their periods named as people write them", () => {
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    expect(read.issues.filter((i) => i.severity === "error")).toEqual([]);
    const m = read.plan!.measures![0];
    expect(m).toMatchObject({
      id: "M1",
      node: "G1",
      direction: "increase",
      interval: "cumulative",
      unit: "count",
    });
    expect(m.targets).toEqual({ FY26: 1200, "FY26 Q1": 250 });
    expect(m.actuals).toEqual({ "FY26 Q1": 240, "FY26 Q2": 330 });
  });
  test("a wrong value names its place in the file", () => {
    const bad = {
      ...plan,
      measures: [{ id: "M1", name: "x", direction: "sideways", targets: { FY26: "lots" } }],
    };
    const read = readMeasuresJson(bad.measures, "plan.json");
    expect(read.issues.map((i) => i.message)).toEqual([
      'plan.json: measures[0].direction "sideways" must be increase, decrease or maintain.',
      "plan.json: measures[0].targets.FY26 must be a number.",
    ]);
  });
  test("the plan's own action measure joins them, for actions no listed measure covers", () => {
    const read = readPlanJson(JSON.stringify(plan), "plan.json");
    const p = read.plan as Plan;
    const linked = linkMeasures({
      plan: p,
      sources: [{ measures: p.measures!, from: "the plan file" }],
      lines: [],
      tags: [],
      years: [2026],
    });
    expect(linked.measures.map((m) => m.id)).toEqual(["M1", "A1"]);
    expect(linked.measures[1]).toMatchObject({
      node: "A1",
      direction: "decrease",
      interval: "snapshot",
      targets: { FY26: 6 },
    });
  });
  test("a measure naming a node the plan does not have is reported and listed under no goal", () => {
    const p = readPlanJson(JSON.stringify(plan), "plan.json").plan as Plan;
    const linked = linkMeasures({
      plan: p,
      sources: [{ measures: [{ ...p.measures![0], node: "G9" }], from: "x" }],
      lines: [],
      tags: [],
      years: [2026],
    });
    expect(linked.issues[0].message).toContain('"G9" is not a goal, subgoal or action of the plan');
    expect(linked.measures[0].node).toBeUndefined();
  });
});

describe("targets typed as words on a plan action", () => {
  test.each([
    ["Under 6 minutes", 6, "decrease", ""],
    ["90% of calls within 60 seconds", 90, "increase", "%"],
    ["70 or better", 70, "increase", ""],
    ["Fewer than 15", 15, "decrease", ""],
    ["24 per quarter", 24, null, ""],
    ["Approved", null, null, ""],
  ])("%p → %p, %p", (text, value, direction, unit) => {
    expect(targetOfText(text)).toEqual({ value, direction, unit });
  });
  test("a per-quarter target is each quarter's own; a word target is kept as text", () => {
    const m = measureOfAction(
      { id: "A", title: "t", measure: "Meetings", target: "24 per quarter" },
      [2026]
    )!;
    expect(m.interval).toBe("period");
    expect(m.targets).toEqual({ "FY26 Q1": 24, "FY26 Q2": 24, "FY26 Q3": 24, "FY26 Q4": 24 });
    const a = measureOfAction(
      { id: "B", title: "t", measure: "Plan approved", target: "Approved" },
      [2026]
    )!;
    expect(a.targetText).toBe("Approved");
    expect(a.targets).toEqual({});
  });
});
