/**
 * The Programs sheet's core: the inventory reconciles with the Alignment ledger to the cent, scores follow the
 * documented 0–4 rule, quartile counts stay within one of equal (ties included), every formula the model carries
 * evaluates to the value the core cached for it, and the formulas stay live: a weight, score or what-if change
 * typed in the sheet gives, through the formulas, what the core computes with the same inputs.
 */
import fc from "fast-check";
import { cellAddress } from "../../../src/core/a1";
import { buildLedger, UNALIGNED, NOT_IN_PLAN } from "../../../src/core/reports/ledger";
import { programInventory, quartilesOf } from "../../../src/core/reports/program-inventory";
import {
  ATTRIBUTES,
  buildProgramsSheet,
  goalsText,
  mergeProgramInputs,
  PROGRAMS_SHEET,
  readProgramsSheet,
} from "../../../src/core/reports/programs";
import { emptyState } from "../../../src/core/state";
import { toCents } from "../../../src/core/reports/totals";
import type { SheetModel } from "../../../src/core/types";
import { evaluateAll } from "../../fake-excel/formula-eval";
import { mismatches, modelGrid } from "./formula-check";
import { fixture } from "./fixture";

const headerRow = (m: SheetModel) =>
  m.values.findIndex((r) => r[0] === "Department" && r.includes("Program key"));
const colOf = (m: SheetModel, h: string) => m.values[headerRow(m)].indexOf(h);

describe("quartiles by score, never by row order", () => {
  const totals = fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 300 });

  test("equal totals share a quartile, a higher total is never in a later one, and the rule is rank-based", () => {
    fc.assert(
      fc.property(totals, (t) => {
        const q = quartilesOf(t);
        for (let i = 0; i < t.length; i++) {
          const higher = t.filter((x) => x > t[i]).length;
          expect(q[i]).toBe(Math.min(4, Math.floor((higher * 4) / t.length) + 1));
          for (let j = 0; j < t.length; j++) {
            if (t[i] === t[j]) expect(q[i]).toBe(q[j]);
            if (t[i] > t[j]) expect(q[i]).toBeLessThanOrEqual(q[j]);
          }
        }
      })
    );
  });

  test("permuting the rows never changes any program's quartile", () => {
    fc.assert(
      fc.property(
        totals.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.shuffledSubarray(
              t.map((_, i) => i),
              { minLength: t.length, maxLength: t.length }
            )
          )
        ),
        ([t, order]) => {
          const q = quartilesOf(t);
          const permuted = quartilesOf(order.map((i) => t[i]));
          order.forEach((i, pos) => expect(permuted[pos]).toBe(q[i]));
        }
      )
    );
  });

  test("a tie-heavy inventory gives uneven counts rather than an arbitrary cut", () => {
    // 6 of 8 programs tie at the top: all six are quartile 1; the two below are quartile 4.
    expect(quartilesOf([4, 4, 4, 4, 4, 4, 2, 1])).toEqual([1, 1, 1, 1, 1, 1, 4, 4]);
    expect(quartilesOf([8, 7, 6, 5, 4, 3, 2, 1])).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  test("the sheet's quartile formula agrees with the core for tied totals, whatever the row order", () => {
    const { ctx } = fixture();
    const inv = programInventory(ctx);
    const m = buildProgramsSheet(ctx, inv);
    expect(mismatches(m)).toEqual([]);
    const byTotal = new Map<number, Set<number>>();
    for (const p of inv.programs) {
      if (!byTotal.has(p.total)) byTotal.set(p.total, new Set());
      byTotal.get(p.total)!.add(p.quartile);
    }
    for (const qs of byTotal.values()) expect(qs.size).toBe(1);
  });
});

describe("Programs sheet on the fixture", () => {
  const { ctx } = fixture();
  const inv = programInventory(ctx);
  const m = buildProgramsSheet(ctx, inv);

  test("reconciles with the Alignment ledger to the cent: by priority, no goal and in total", () => {
    const ledger = buildLedger(ctx.plan, ctx.budget.lines, ctx.tags);
    inv.priorities.forEach((p, j) =>
      expect(inv.programs.reduce((s, x) => s + x.priorityCents[j], 0)).toBe(
        ledger.byPriority.get(p.id)?.cents ?? 0
      )
    );
    expect(inv.programs.reduce((s, x) => s + x.otherCents, 0)).toBe(
      (ledger.byPriority.get(UNALIGNED)?.cents ?? 0) +
        (ledger.byPriority.get(NOT_IN_PLAN)?.cents ?? 0)
    );
    expect(inv.programs.reduce((s, x) => s + x.cents, 0)).toBe(ledger.budgetCents);
    expect(ledger.budgetCents).toBe(ctx.budget.lines.reduce((s, l) => s + toCents(l.amount), 0));
  });

  test("one row per program key, with the Review sheet's keys", () => {
    const h = headerRow(m);
    const keys = m.values
      .slice(h + 1, h + 1 + inv.programs.length)
      .map((r) => r[colOf(m, "Program key")]);
    expect(new Set(keys).size).toBe(inv.programs.length);
    expect(keys).toEqual(inv.programs.map((p) => p.key));
  });

  test("every formula evaluates to the value the core computed", () => {
    expect(m.formulas!.length).toBeGreaterThan(5);
    expect(mismatches(m)).toEqual([]);
    // The check can fail: a cached value one cent off (or a quartile off by one) is caught.
    const h = headerRow(m);
    const off = m.values.map((r) => [...r]);
    const q = colOf(m, "Quartile");
    const bad = { ...m, values: off };
    off[h + 1][q] = (off[h + 1][q] as number) === 1 ? 2 : 1;
    expect(mismatches(bad, m.values)).toHaveLength(1);
  });

  test("formulas are built from our references only: A1 cells, numbers, operators and nine functions", () => {
    for (const b of m.formulas!)
      for (const row of b.formulas)
        for (const f of row)
          expect(f).toMatch(
            /^=(?:SUMPRODUCT|SUMIF|SUM|COUNTIF|COUNT|RANK|INT|MIN|CHOOSE|\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?|[-+*/(),:=])+$/
          );
  });

  test("the formulas stay live: a weight, a score and what-if changes typed in the sheet give what the core computes", () => {
    const values = m.values.map((r) => [...r]);
    const wRow = values.findIndex((r) => r[0] === "P1" && typeof r[2] === "number");
    values[wRow][2] = 0; // P1's weight
    values[wRow][3] = 0.1; // +10% on P1
    const qRow = values.findIndex((r) => r[0] === 4 && r[1] === "Least aligned");
    values[qRow][3] = -0.2; // -20% on quartile 4
    const h = headerRow(m);
    const p2 = colOf(m, "P2 score");
    values[h + 1][p2] = 4; // the first program: P2 scored 4
    const first = inv.programs[0];
    const ctx2 = {
      ...ctx,
      pbb: { weights: { P1: 0 }, priorityChange: { P1: 0.1 }, quartileChange: [0, 0, 0, -0.2] },
      programInputs: {
        [first.key]: { department: first.department, program: first.program, scores: { P2: 4 } },
      },
    };
    const m2 = buildProgramsSheet(ctx2);
    // Evaluating the first model's formulas over the edited values = the second model's cached values.
    const { grid, cells } = modelGrid(m, values);
    const got = evaluateAll(cells, grid);
    const differ: string[] = [];
    for (const { row, col } of cells) {
      const v = got.get(`${row},${col}`) as number;
      const want = m2.values[row]?.[col] as number;
      if (Math.abs(v - want) > 0.005) differ.push(`${cellAddress(row, col)} ${v} vs ${want}`);
    }
    expect(differ).toEqual([]);
    expect(mismatches(m2)).toEqual([]);
  });

  test("the what-if by priority: money × (1 + priority change) × (1 + quartile change)", () => {
    const ctx2 = {
      ...ctx,
      pbb: { priorityChange: { P1: 0.1 }, quartileChange: [0.05, 0, 0, -0.5] },
    };
    const inv2 = programInventory(ctx2);
    const m2 = buildProgramsSheet(ctx2, inv2);
    const row = m2.values.find((r) => r[0] === "P1" && r[1] === "Safe neighborhoods")!;
    const q = [0.05, 0, 0, -0.5];
    const want = inv2.programs.reduce(
      (s, p) => s + (p.priorityCents[0] / 100) * 1.1 * (1 + q[p.quartile - 1]),
      0
    );
    expect(row[5] as number).toBeCloseTo(want, 6);
    expect(mismatches(m2)).toEqual([]);
  });

  test("an analyst's score counts instead of the computed one, and attributes show as chosen", () => {
    const p = inv.programs[0];
    const m2 = buildProgramsSheet({
      ...ctx,
      programInputs: {
        [p.key]: {
          department: p.department,
          program: p.program,
          scores: { P1: 3.5 },
          attributes: { mandated: "City charter" },
        },
      },
    });
    const h = headerRow(m2);
    expect(m2.values[h + 1][colOf(m2, "P1 score")]).toBe(3.5);
    expect(m2.values[h + 1][colOf(m2, "Mandated")]).toBe("City charter");
  });

  test("attribute dropdowns over every program row; scores offer 0–4", () => {
    const h = headerRow(m);
    for (const a of ATTRIBUTES) {
      const v = m.validations.find((x) => x.range.col === colOf(m, a.header))!;
      expect(v.list).toEqual([...a.list]);
      expect(v.range).toMatchObject({ row: h + 1, rows: inv.programs.length });
    }
    expect(m.validations.some((v) => v.list.join() === "0,1,2,3,4")).toBe(true);
  });

  test("read back: typed scores, attributes, weights and changes; bad ones reported with their cell", () => {
    const values = m.values.map((r) => [...r]);
    const h = headerRow(m);
    values[h + 1][colOf(m, "P1 score")] = 4;
    values[h + 2][colOf(m, "P1 score")] = "high";
    values[h + 1][colOf(m, "Mandated")] = "city charter";
    values[h + 2][colOf(m, "Portion served")] = "Half the town";
    const wRow = values.findIndex((r) => r[0] === "P2" && typeof r[2] === "number");
    values[wRow][2] = 2;
    const read = readProgramsSheet({ name: PROGRAMS_SHEET, values }, ctx.plan);
    const first = read.rows.find((r) => r.key === inv.programs[0].key)!;
    expect(first.scores.P1).toBe(4);
    expect(first.attributes.mandated).toBe("City charter");
    expect(read.rows[1].attributes.served).toBe("Half the town");
    expect(read.rows[1].scores.P1).toBeUndefined();
    expect(read.weights?.P2).toBe(2);
    const cells = read.issues.map((i) => `${i.code} ${i.cell}`);
    expect(cells).toEqual([
      `programs.bad-score ${cellAddress(h + 2, colOf(m, "P1 score"))}`,
      `programs.unknown-attribute ${cellAddress(h + 2, colOf(m, "Portion served"))}`,
    ]);
    expect(read.issues[0].message).toContain(
      `'Programs'!${cellAddress(h + 2, colOf(m, "P1 score"))}`.replace("'Programs'", "Programs")
    );
  });

  test("merge: a score equal to what was written is not the analyst's; a changed one is; a cleared one is dropped", () => {
    const p = inv.programs[0];
    const written = JSON.stringify({ P1: 2, P2: 0, P3: 0 });
    const state = { ...emptyState(), seen: { programs: { [p.key]: written } } };
    const row = (scores: Record<string, number | null>) => ({
      rows: [{ key: p.key, department: p.department, program: p.program, scores, attributes: {} }],
      weights: null,
      priorityChange: null,
      quartileChange: null,
      issues: [],
    });
    const unchanged = mergeProgramInputs(state, row({ P1: 2, P2: 0, P3: 0 }), "t1");
    expect(unchanged.programs?.[p.key]).toBeUndefined();
    const typed = mergeProgramInputs(state, row({ P1: 4, P2: 0, P3: 0 }), "t1");
    expect(typed.programs?.[p.key]?.scores).toEqual({ P1: 4 });
    const cleared = mergeProgramInputs(
      { ...typed, seen: { programs: { [p.key]: JSON.stringify({ P1: 4, P2: 0, P3: 0 }) } } },
      row({ P1: null, P2: 0, P3: 0 }),
      "t2"
    );
    expect(cleared.programs?.[p.key]).toBeUndefined();
  });
});

describe("the Goals column", () => {
  test("names the four largest shares and sums the rest, so a row stays short", () => {
    const goals = new Map([
      ["G1", 10],
      ["G2", 50],
      ["G3", 5],
      ["G4", 20],
      ["G5", 10],
      ["G6", 5],
    ]);
    expect(goalsText(goals, 100)).toBe("G2 50%; G4 20%; G1 10%; G5 10%; +2 more 10%");
    expect(
      goalsText(
        new Map([
          ["G1", 60],
          ["G2", 40],
        ]),
        100
      )
    ).toBe("G1 60%; G2 40%");
    expect(goalsText(new Map(), 0)).toBe("");
  });
});

describe("staff positions (FTE)", () => {
  const { ctx } = fixture();
  const fte = [12.5, 3, 0.1, 0.2, 1, undefined, 2];
  const lines = ctx.budget.lines.map((l, i) =>
    fte[i] === undefined ? l : Object.assign({}, l, { fte: fte[i] })
  );
  const withFte = { ...ctx, budget: { ...ctx.budget, lines } };
  const inv = programInventory(withFte);
  const m = buildProgramsSheet(withFte, inv);

  test("a budget with an FTE column gives each program its positions, summed over its lines", () => {
    expect(inv.hasFte).toBe(true);
    const h = headerRow(m);
    const c = colOf(m, "FTE");
    expect(c).toBeGreaterThan(colOf(m, "Cost"));
    const byProgram = new Map(
      m.values.slice(h + 1, h + 1 + inv.programs.length).map((r) => [r[1], r[c]])
    );
    expect(Object.fromEntries(byProgram)).toEqual({
      Patrol: 12.5,
      Dispatch: 3,
      Maintenance: 0.3,
      Grants: 1,
      Audit: 2,
    });
    // Shown as a count of positions (12.5), not as money: the FTE format is the last word on its cells.
    const last = [...m.numberFormats]
      .reverse()
      .find(
        (f) =>
          f.range.col <= c &&
          c < f.range.col + f.range.cols &&
          f.range.row <= h + 1 &&
          h + 1 < f.range.row + f.range.rows
      );
    expect(last?.format).toBe("#,##0.0#_)");
  });

  test("its formulas still evaluate to the core's values with the column in place", () => {
    expect(mismatches(m)).toEqual([]);
  });

  test("a budget without one shows no FTE column", () => {
    const plain = buildProgramsSheet(ctx, programInventory(ctx));
    expect(colOf(plain, "FTE")).toBe(-1);
  });
});
