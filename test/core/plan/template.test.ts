import { planToJson } from "../../../src/core/plan/json";
import { PLAN_SHEET_NAME } from "../../../src/core/plan/model";
import { looksLikePlanSheet, readPlanSheet } from "../../../src/core/plan/sheet";
import {
  planTemplateSheet,
  templateExamplePlan,
  TEMPLATE_INPUT_ROWS,
} from "../../../src/core/plan/template";
import type { Plan } from "../../../src/core/types";

describe("planTemplateSheet", () => {
  const t = planTemplateSheet();

  test("reads back as the example plan with no issues at all", () => {
    const r = readPlanSheet({ name: t.name, values: t.values });
    expect(r.issues).toEqual([]);
    expect(planToJson(r.plan as Plan)).toEqual(planToJson(templateExamplePlan()));
    expect(looksLikePlanSheet({ name: t.name, values: t.values })).toBe(true);
  });

  test("one priority, a goal, a subgoal and two actions (one under the subgoal)", () => {
    const rows = t.values.slice(6, 11).map((r) => r.slice(0, 3));
    expect(rows).toEqual([
      ["P1", "", "Priority"],
      ["G1.1", "P1", "Goal"],
      ["S1.1.1", "G1.1", "Subgoal"],
      ["A1.1.1.1", "S1.1.1", "Action"],
      ["A1.1.2", "G1.1", "Action"],
    ]);
  });

  test("plan fields, header row styled and frozen, dates as real dates", () => {
    expect(t.name).toBe(PLAN_SHEET_NAME);
    expect(t.values.slice(0, 4).map((r) => r[0])).toEqual([
      "Plan name",
      "Adopted",
      "Fiscal year starts",
      "Horizon (years)",
    ]);
    expect(t.values[1][1]).toBe(46096); // 2026-03-15
    expect(t.values[5].slice(0, 13)).toEqual([
      "ID",
      "Parent ID",
      "Level",
      "Title",
      "Description",
      "Keywords",
      "Owner",
      "Start",
      "Due",
      "Measure",
      "Target",
      "Status",
      "Covers",
    ]);
    expect(t.styles).toContainEqual({
      range: { row: 5, col: 0, rows: 1, cols: 13 },
      style: "tableHeader",
    });
    expect(t.freeze).toEqual({ rows: 6, cols: 0 });
    expect(t.numberFormats).toContainEqual({
      range: { row: 6, col: 0, rows: TEMPLATE_INPUT_ROWS, cols: 2 },
      format: "@",
    });
  });

  test("drop-down lists on Level and Status over the input rows", () => {
    expect(t.validations.map((v) => [v.range, v.list, v.allowOther])).toEqual([
      [{ row: 6, col: 2, rows: 500, cols: 1 }, ["Priority", "Goal", "Subgoal", "Action"], true],
      [
        { row: 6, col: 11, rows: 500, cols: 1 },
        ["Not started", "In progress", "Complete", "Delayed", "Cancelled"],
        false,
      ],
    ]);
  });

  test("a short instruction block to the right of the table, styled as a note", () => {
    const col = 14;
    const lines = t.values.map((r) => r[col]).filter((v) => typeof v === "string" && v !== "");
    expect(lines[0]).toBe("How to fill in this sheet");
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines.length).toBeLessThanOrEqual(13);
    expect(t.styles).toContainEqual({
      range: { row: 1, col, rows: lines.length - 1, cols: 1 },
      style: "note",
    });
    expect(t.columnWidths).toHaveLength(15);
  });
});
