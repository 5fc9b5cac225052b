/**
 * The Programs sheet as priority-based budgeting means it, on the bundled sample and on Missoula (eval/fixtures):
 * quartiles by score (equal totals share a quartile), the sample's core services in quartiles 1–2 with the default
 * weights, the diagnostic naming the programs that fit no goal, and a what-if an analyst can trust (it reconciles
 * by priority and by quartile; +5% to a priority whose programs are mostly quartiles 1–2 never leaves it below
 * current, even with quartiles 3 and 4 cut).
 */
import * as os from "os";
import * as path from "path";
import { alignFile } from "../../../src/cli/run";
import { diagnostic } from "../../../src/core/reports/diagnostic";
import { programInventory, type Inventory } from "../../../src/core/reports/program-inventory";
import { buildProgramsSheet } from "../../../src/core/reports/programs";
import { largestTie, tiesNote } from "../../../src/core/reports/programs-whatif";
import type { ReportContext } from "../../../src/core/reports/context";
import { toCents } from "../../../src/core/reports/totals";
import { reportContext } from "../../../src/core/workflow";
import { mismatches } from "./formula-check";

jest.setTimeout(300_000);

const root = path.resolve(__dirname, "../../..");

async function run(input: string, plan?: string): Promise<ReportContext> {
  const out = path.join(os.tmpdir(), `pbb-${process.pid}-${path.basename(input)}`);
  const r = await alignFile({ input, plan, out, today: "2026-01-15" });
  require("fs").rmSync(out, { force: true });
  return reportContext(r.analysis);
}

function equalTotalsShareAQuartile(inv: Inventory): void {
  const quartileOf = new Map<number, number>();
  for (const p of inv.programs) {
    expect([p.program, quartileOf.get(p.total) ?? p.quartile]).toEqual([p.program, p.quartile]);
    quartileOf.set(p.total, p.quartile);
  }
}

describe("the sample", () => {
  let ctx: ReportContext;
  let inv: Inventory;
  beforeAll(async () => {
    ctx = await run(path.join(root, "samples/sample-budget.xlsx"));
    inv = programInventory(ctx);
  });

  test("equal total scores share a quartile, and reversing the rows changes no quartile", () => {
    equalTotalsShareAQuartile(inv);
    const reversed = programInventory({
      ...ctx,
      budget: { ...ctx.budget, lines: [...ctx.budget.lines].reverse() },
      tags: [...ctx.tags].reverse(),
    });
    const byKey = new Map(reversed.programs.map((p) => [p.key, p.quartile]));
    for (const p of inv.programs) expect([p.key, byKey.get(p.key)]).toEqual([p.key, p.quartile]);
  });

  test("police, fire, water, sewer, streets and the other core services land in quartiles 1–2", () => {
    const core = inv.programs.filter(
      (p) =>
        /^(Police Department|Fire Department|Water and Sewer Utility)$/.test(p.department) ||
        /^(Street Maintenance|Solid Waste and Recycling|Park Maintenance|Branch Library Services)$/.test(
          p.program
        )
    );
    expect(core.length).toBeGreaterThanOrEqual(15);
    for (const p of core) expect([p.program, p.quartile <= 2]).toEqual([p.program, true]);
  });

  test("scores are suggested influence with evidence; the sister-city exchange scores 0 everywhere", () => {
    const patrol = inv.programs.find((p) => p.program === "Patrol Operations")!;
    expect(patrol.scores[0]).toBe(4);
    expect(patrol.evidence[0]).toMatch(/^4: A1\.1\.1 .*patrol/);
    const exchange = inv.programs.find((p) => p.program === "Sister City Exchange")!;
    expect(exchange.scores).toEqual([0, 0, 0, 0, 0]);
    expect(exchange.quartile).toBe(4);
  });

  test("the diagnostic lists the sister-city exchange and every program that fits no goal among its candidates", () => {
    const d = diagnostic(inv);
    const names = d.candidates.map((c) => c.program);
    expect(names).toContain("Sister City Exchange");
    for (const p of inv.programs)
      if (p.priorityCents.every((c) => c === 0)) expect(names).toContain(p.program);
    // Candidates are named with their amounts, largest first.
    for (let i = 1; i < d.candidates.length; i++)
      expect(d.candidates[i - 1].cents).toBeGreaterThanOrEqual(d.candidates[i].cents);
    const m = buildProgramsSheet(ctx, inv);
    const row = m.values.find(
      (r) => r[1] === "Sister City Exchange" && r[2] === 4 && r.length >= 5
    );
    expect(row?.[3]).toBe(exchange(inv));
  });

  test("the sheet says how far the quartiles separate the programs: the largest group of equal totals", () => {
    const tie = largestTie(inv);
    expect(tie.programs).toBe(inv.programs.filter((p) => p.total === tie.total).length);
    for (const t of new Set(inv.programs.map((p) => p.total)))
      expect(inv.programs.filter((p) => p.total === t).length).toBeLessThanOrEqual(tie.programs);
    const m = buildProgramsSheet(ctx, inv);
    const [first, second] = tiesNote(inv);
    expect(m.values.flat()).toContain(first);
    if (tie.programs * 4 > inv.programs.length) expect(m.values.flat()).toContain(second);
  });

  test("the diagnostic's cross table adds up, attribute by attribute, to the budget of each quartile", () => {
    const d = diagnostic(inv);
    const quartileCents = [1, 2, 3, 4].map((q) =>
      inv.programs.filter((p) => p.quartile === q).reduce((s, p) => s + p.cents, 0)
    );
    for (const attribute of new Set(d.cross.map((r) => r.attribute))) {
      const rows = d.cross.filter((r) => r.attribute === attribute);
      for (let q = 0; q < 4; q++)
        expect(rows.reduce((s, r) => s + r.cents[q], 0)).toBe(quartileCents[q]);
    }
  });

  test("+5% to public safety (mostly quartiles 1–2) with quartiles 3 and 4 cut 10% never leaves it below current", () => {
    const p1 = inv.priorities.findIndex((p) => p.id === "P1");
    const inQ12 = inv.programs
      .filter((p) => p.quartile <= 2)
      .reduce((s, p) => s + p.priorityCents[p1], 0);
    const all = inv.programs.reduce((s, p) => s + p.priorityCents[p1], 0);
    expect(inQ12 / all).toBeGreaterThan(0.5);
    const scenario = {
      ...ctx,
      pbb: { priorityChange: { P1: 0.05 }, quartileChange: [0, 0, -0.1, -0.1] },
    };
    const m = buildProgramsSheet(scenario);
    expect(mismatches(m)).toEqual([]);
    const row = m.values.find((r) => r[0] === "P1" && typeof r[4] === "number")!;
    expect(row[5] as number).toBeGreaterThanOrEqual(row[4] as number);
  });

  test("the what-if reconciles: by priority (and no goal), by quartile and by program it is the same total", () => {
    const scenario = {
      ...ctx,
      pbb: { priorityChange: { P1: 0.05, P3: -0.02 }, quartileChange: [0.01, 0, -0.05, -0.1] },
    };
    const m = buildProgramsSheet(scenario);
    const totals = m.values.filter((r) => r[0] === "Total");
    const [byPriority, byQuartile] = totals;
    expect(toCents(byPriority[5] as number)).toBe(toCents(byQuartile[5] as number));
    expect(toCents(byPriority[4] as number)).toBe(toCents(byQuartile[4] as number));
    expect(mismatches(m)).toEqual([]);
  });
});

function exchange(inv: Inventory): number {
  return inv.programs.find((p) => p.program === "Sister City Exchange")!.cents / 100;
}

test("Missoula: no two programs with equal total score are in different quartiles; every formula agrees", async () => {
  const ctx = await run(
    path.join(root, "eval/fixtures/missoula.xlsx"),
    path.join(root, "eval/fixtures/missoula.plan.json")
  );
  const inv = programInventory(ctx);
  expect(inv.programs.length).toBeGreaterThan(100);
  equalTotalsShareAQuartile(inv);
  const m = buildProgramsSheet(ctx, inv);
  expect(mismatches(m)).toEqual([]);
  // Permuting the rows (reversed, and every other line first) changes no program's quartile.
  const odd = ctx.budget.lines.map((_, i) => i).sort((a, b) => (a % 2) - (b % 2) || a - b);
  for (const order of [ctx.budget.lines.map((_, i) => ctx.budget.lines.length - 1 - i), odd]) {
    const permuted = programInventory({
      ...ctx,
      budget: { ...ctx.budget, lines: order.map((i) => ctx.budget.lines[i]) },
      tags: order.map((i) => ctx.tags[i]),
    });
    const byKey = new Map(permuted.programs.map((p) => [p.key, p.quartile]));
    expect(permuted.programs.length).toBe(inv.programs.length);
    for (const p of inv.programs) expect([p.key, byKey.get(p.key)]).toEqual([p.key, p.quartile]);
  }
  // Missoula's inventory is tie-heavy (most programs score 3 on one priority from its main function alone): the
  // sheet says how many share one total, so nobody reads the quartiles as a finer ranking than they are.
  const tie = largestTie(inv);
  expect(tie.programs * 4).toBeGreaterThan(inv.programs.length);
  expect(m.values.flat()).toContain(
    `As of this run, ${tie.programs} of ${inv.programs.length} programs share the total score ${tie.total.toFixed(1)}, so the quartiles separate them little:`
  );
  // Programs score on several priorities where their money and the plan's words say so.
  expect(
    inv.programs.filter((p) => p.computed.filter((s) => s > 0).length > 1).length
  ).toBeGreaterThan(0);
});
