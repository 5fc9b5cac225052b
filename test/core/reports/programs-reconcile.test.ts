/**
 * The Programs sheet reconciles with the Alignment sheet to the cent, on the bundled sample and on a 100,000-line
 * generated budget (bench/generate.ts): its current amount per priority and for money on no goal equals the
 * Alignment sheet's by-priority table, its total the Alignment total, the Alignment sheet's quartile map adds up
 * to the same, and programs with equal total scores share a quartile.
 */
import * as path from "path";
import { generateBudget, generatePlan } from "../../../bench/generate";
import { alignFile } from "../../../src/cli/run";
import { readBudget } from "../../../src/core/budget/read";
import type { ReportContext } from "../../../src/core/reports/context";
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import { programInventory } from "../../../src/core/reports/program-inventory";
import { buildProgramsSheet } from "../../../src/core/reports/programs";
import { toCents } from "../../../src/core/reports/totals";
import { tagLines } from "../../../src/core/tagging/engine";
import type { SheetModel } from "../../../src/core/types";
import { reportContext } from "../../../src/core/workflow";
import { mismatches } from "./formula-check";

jest.setTimeout(180_000);

const cents = (v: unknown) => toCents(v as number);

function reconcile(ctx: ReportContext): void {
  const inv = programInventory(ctx);
  const programs = buildProgramsSheet(ctx, inv);
  const alignment = buildAlignmentSheet(ctx, inv);
  // The Alignment sheet's by-priority table: the first row labelled with each priority.
  const alignmentRow = (label: string) => alignment.values.find((r) => r[0] === label);
  const programsRow = (id: string) =>
    programs.values.find(
      (r, i) => r[0] === id && i < programs.values.findIndex((x) => x[0] === "Total")
    );
  let sum = 0;
  for (const p of ctx.plan.priorities) {
    const a = alignmentRow(p.title ? `${p.id} ${p.title}` : p.id);
    const mine = cents(programsRow(p.id)?.[4] ?? 0);
    expect([p.id, mine]).toEqual([p.id, cents(a?.[1] ?? 0)]);
    sum += mine;
  }
  const total = programs.values.find((r) => r[0] === "Total")!;
  const budget = ctx.budget.lines.reduce((s, l) => s + toCents(l.amount), 0);
  expect(cents(total[4])).toBe(budget);
  const noGoal = cents(programsRow("(no goal)")?.[4]);
  expect(sum + noGoal).toBe(budget);
  // Alignment's headline "Total budget" is the same.
  const alignmentTotal = alignment.values.find((r) => r[0] === "Total");
  expect(cents(alignmentTotal?.[1])).toBe(budget);
  // Quartile map on the Alignment sheet (priorities down, quartiles across): its total row adds to the budget.
  const mapHeader = alignment.values.findIndex(
    (r) => r[0] === "Priority" && r[1] === "1 most aligned"
  );
  expect(mapHeader).toBeGreaterThan(0);
  const mapTotal = alignment.values[mapHeader + inv.priorities.length + 2];
  expect(mapTotal[0]).toBe("Total");
  expect(cents(mapTotal[5])).toBe(budget);
  const mapPrograms = alignment.values[mapHeader + inv.priorities.length + 3];
  expect(mapPrograms[0]).toBe("Programs");
  // Quartile by quartile, the map's columns are the Programs sheet's quartiles: the same programs, the same money.
  const qHeader = programs.values.findIndex((r) => r[0] === "Quartile" && r[1] === "Meaning");
  for (let q = 0; q < 4; q++) {
    const mine = programs.values[qHeader + 1 + q];
    expect([q + 1, mapPrograms[1 + q], cents(mapTotal[1 + q])]).toEqual([
      q + 1,
      mine[2],
      cents(mine[4]),
    ]);
  }
  // Quartiles by score: programs with equal total scores are never in different quartiles.
  const quartileOfTotal = new Map<number, number>();
  for (const p of inv.programs) {
    expect([p.key, quartileOfTotal.get(p.total) ?? p.quartile]).toEqual([p.key, p.quartile]);
    quartileOfTotal.set(p.total, p.quartile);
  }
  // Each program's amounts add up to its cost.
  for (const p of inv.programs)
    expect(p.priorityCents.reduce((s, c) => s + c, 0) + p.otherCents).toBe(p.cents);
  checkFormulas(programs);
}

function checkFormulas(m: SheetModel): void {
  expect(mismatches(m)).toEqual([]);
}

test("the sample: Programs reconciles with Alignment to the cent", async () => {
  const input = path.resolve(__dirname, "../../../samples/sample-budget.xlsx");
  const out = path.join(require("os").tmpdir(), `reconcile-${process.pid}.xlsx`);
  const r = await alignFile({ input, out, today: "2026-01-15" });
  require("fs").rmSync(out, { force: true });
  reconcile(reportContext(r.analysis));
});

test("a 100,000-line generated budget: Programs reconciles with Alignment to the cent", () => {
  const gen = generateBudget(100_000);
  const plan = generatePlan();
  const budget = readBudget([gen.sheet]);
  expect(budget.lines).toHaveLength(100_000);
  const tags = tagLines(budget.lines, plan);
  reconcile({
    plan,
    budget,
    tags,
    reviewAnswers: {},
    sourceSheets: ["Budget"],
    today: "2026-11-22",
  });
});
