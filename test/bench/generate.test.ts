import { readBudget } from "../../src/core/budget/read";
import { planToJson, readPlanJson } from "../../src/core/plan/json";
import {
  BUDGET_HEADERS,
  countCells,
  DEPARTMENTS,
  generateBudget,
  generatePlan,
  rng,
} from "../../bench/generate";

describe("bench generator", () => {
  it("is deterministic: the same seed gives the same cells, another seed other amounts", () => {
    const a = generateBudget(500);
    const b = generateBudget(500);
    expect(b.sheet.values).toEqual(a.sheet.values);
    const c = generateBudget(500, 7);
    expect(c.sheet.values).not.toEqual(a.sheet.values);
    expect(c.lines).toBe(500);
  });

  it("the PRNG stays in [0, 1) and repeats for a seed", () => {
    const r1 = rng(42);
    const r2 = rng(42);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, () => r2())).toEqual(xs);
  });

  it("writes exactly the asked number of lines, with headings, subtotals and a grand total", () => {
    const g = generateBudget(1000);
    const v = g.sheet.values;
    expect(g.lines).toBe(1000);
    expect(v[g.headerRow - 1]).toEqual(BUDGET_HEADERS);
    const width = BUDGET_HEADERS.length;
    expect(v.every((row) => row.length === width)).toBe(true);
    const body = v.slice(g.headerRow);
    const isLine = (row: (typeof v)[number]) => typeof row[11] === "number" && row[4] !== "";
    const lines = body.filter(isLine);
    expect(lines).toHaveLength(1000);
    const programs = DEPARTMENTS.reduce(
      (n, d) => n + d.divisions.reduce((m, x) => m + x.programs.length, 0),
      0
    );
    expect(body.filter((row) => String(row[2]).startsWith("Total "))).toHaveLength(programs);
    expect(body.filter((row) => String(row[0]).startsWith("Total "))).toHaveLength(
      DEPARTMENTS.length
    );
    const grand = v[v.length - 1];
    expect(grand[0]).toBe("Grand Total");
    const sum = lines.reduce((s, row) => s + (row[11] as number), 0);
    expect(grand[11]).toBeCloseTo(sum, 1);
    expect(g.proposedTotal).toBeCloseTo(sum, 1);
  });

  it("its subtotals and totals add up: the budget reader finds every line and no total that disagrees", () => {
    const b = generateBudget(3000);
    const read = readBudget([b.sheet]);
    expect(read.lines).toHaveLength(3000);
    expect(read.issues.filter((i) => i.code === "budget.total-mismatch")).toEqual([]);
  });

  it("lines carry a department, program, account and a description of several words", () => {
    const g = generateBudget(200);
    const lines = g.sheet.values
      .slice(g.headerRow)
      .filter((row) => row[4] !== "" && typeof row[11] === "number");
    for (const row of lines) {
      expect(typeof row[0]).toBe("string");
      expect(String(row[2]).length).toBeGreaterThan(3);
      expect(String(row[4])).toMatch(/^\d{4}$/);
      expect(String(row[6]).split(" ").length).toBeGreaterThanOrEqual(2);
    }
    expect(countCells([["a", "", null, 0]])).toBe(2);
  });

  it("the plan has 5 priorities and 20 goals with unique ids and keywords", () => {
    const plan = generatePlan();
    expect(plan.priorities).toHaveLength(5);
    const goals = plan.priorities.flatMap((p) => p.goals);
    expect(goals).toHaveLength(20);
    const ids = [...plan.priorities.map((p) => p.id), ...goals.map((g) => g.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(goals.every((g) => (g.keywords ?? []).length >= 3)).toBe(true);
  });

  it("the plan reads back through the plan JSON reader with no errors", () => {
    const plan = generatePlan();
    const read = readPlanJson(JSON.stringify(planToJson(plan)), "plan.json");
    expect(read.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(read.plan?.priorities.flatMap((p) => p.goals.map((g) => g.id))).toEqual(
      plan.priorities.flatMap((p) => p.goals.map((g) => g.id))
    );
  });
});
