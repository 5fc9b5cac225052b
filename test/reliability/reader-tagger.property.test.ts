/**
 * Property tests over the budget reader and the tagger: whatever the cells, readBudget never throws, gives the same
 * lines twice, names sheet and cell in its messages, and its totals reconcile (the check total is the sum of the
 * lines; each sheet's layout adds up to it; every line has a unique key). The tagger never throws, is deterministic,
 * gives one tag per line with shares that add up to 1, and a manual tag always wins.
 */
import fc from "fast-check";
import { readBudget } from "../../src/core/budget/read";
import { readPlanSheet } from "../../src/core/plan/sheet";
import { tagLines } from "../../src/core/tagging/engine";
import type { CellValue, Plan, SheetCells } from "../../src/core/types";
import { BUDGET_HEADER, planSheet } from "./books";

const RUNS = 150;
jest.setTimeout(60000);

const plan: Plan = readPlanSheet({ name: "Strategic Plan", values: planSheet().values }).plan!;

const errorValue = fc.constantFrom("#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!");
const amountCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "$1,234.50",
      "(1,234)",
      "1.2M",
      "-",
      "n/a",
      "12,3,4",
      "",
      "1,234-",
      "$3.4K"
    ),
  },
  { weight: 1, arbitrary: errorValue },
  { weight: 1, arbitrary: fc.boolean() }
);
const nameCell: fc.Arbitrary<CellValue> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "Fire",
      "Police",
      "Parks",
      "Library",
      "Finance",
      "Total",
      "Total Fire",
      "Grand Total",
      ""
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 15 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 15, unit: "grapheme" }) },
  { weight: 1, arbitrary: errorValue },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }) }
);
const goalCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "G1.1",
    "G2.2",
    "P1",
    "G9.9",
    "G1.1 60%; G1.2 40%",
    "Expand library access",
    "=G1.1",
    "nonsense"
  )
);

const lineRow = fc.tuple(
  nameCell,
  nameCell,
  fc.oneof(fc.constantFrom("5110", "5220", ""), fc.integer({ min: 1000, max: 9999 })),
  nameCell,
  amountCell,
  goalCell
);

/** A budget sheet: optional title rows, the header, then arbitrary line-ish rows with blank rows among them. */
const budgetSheet = (name: string): fc.Arbitrary<SheetCells> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 3 }),
      fc.array(
        fc.oneof(
          { weight: 8, arbitrary: lineRow.map((r) => [...r] as CellValue[]) },
          { weight: 1, arbitrary: fc.constant([] as CellValue[]) }
        ),
        {
          maxLength: 40,
        }
      )
    )
    .map(([titleRows, rows]) => ({
      name,
      values: [
        ...Array.from(
          { length: titleRows },
          (_, i) => [i === 0 ? "City of Test Budget" : ""] as CellValue[]
        ),
        BUDGET_HEADER,
        ...rows,
      ],
    }));

const anySheet: fc.Arbitrary<SheetCells> = fc
  .array(fc.array(fc.oneof(amountCell, nameCell), { maxLength: 10 }), { maxLength: 30 })
  .map((values) => ({ name: "Anything", values }));

const near = (a: number, b: number) => Math.abs(a - b) <= 0.01 + 1e-9 * Math.abs(b);

describe("readBudget", () => {
  test("never throws on arbitrary cells; deterministic; messages name their sheet", () => {
    fc.assert(
      fc.property(anySheet, (sheet) => {
        const a = readBudget([sheet]);
        expect(readBudget([{ ...sheet, values: sheet.values.map((r) => [...r]) }])).toEqual(a);
        for (const i of a.issues) {
          expect(i.message.length).toBeGreaterThan(10);
          // The cell, or (for totals, as the reader words them today) "Sheet row N" of the cell's row.
          if (i.cell) {
            const row = /\d+$/.exec(i.cell)![0];
            expect(i.message.includes(i.cell) || i.message.includes(`row ${row}`)).toBe(true);
          }
        }
      }),
      { numRuns: RUNS }
    );
  });

  test("on budget-shaped sheets: totals reconcile, keys are unique, every line points at a real row", () => {
    fc.assert(
      fc.property(budgetSheet("Budget"), budgetSheet("Capital"), (s1, s2) => {
        const a = readBudget([s1, s2]);
        expect(readBudget([s1, s2])).toEqual(a);
        const sum = a.lines.reduce((s, l) => s + l.amount, 0);
        expect(near(a.checkTotal, sum)).toBe(true);
        expect(
          near(
            a.layouts.reduce((s, l) => s + l.checkTotal, 0),
            a.checkTotal
          )
        ).toBe(true);
        expect(a.layouts.reduce((n, l) => n + l.subtotalRows, 0)).toBe(a.skippedSubtotals);
        expect(new Set(a.lines.map((l) => l.key)).size).toBe(a.lines.length);
        for (const l of a.lines) {
          const sheet = l.sheet === "Budget" ? s1 : s2;
          expect(l.row).toBeGreaterThanOrEqual(1);
          expect(l.row).toBeLessThanOrEqual(sheet.values.length);
          expect(Number.isFinite(l.amount)).toBe(true);
        }
        for (const i of a.issues) if (i.cell) expect(["Budget", "Capital"]).toContain(i.sheet);
      }),
      { numRuns: RUNS }
    );
  });
});

describe("tagLines", () => {
  test("never throws; deterministic; one tag per line; shares add up to 1; a manual tag always wins", () => {
    fc.assert(
      fc.property(
        budgetSheet("Budget"),
        fc.integer({ min: 0, max: 39 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sheet, pick, threshold) => {
          const read = readBudget([sheet]);
          const lines = read.lines;
          const manual: Record<string, { goals: { id: string; share: number }[]; via: "pane" }> =
            {};
          const chosen = lines[pick % Math.max(1, lines.length)];
          if (chosen) manual[chosen.key] = { goals: [{ id: "G2.2", share: 1 }], via: "pane" };
          const a = tagLines(lines, plan, { threshold, manual });
          expect(tagLines(lines, plan, { threshold, manual })).toEqual(a);
          expect(a).toHaveLength(lines.length);
          a.forEach((t, i) => {
            expect(t.key).toBe(lines[i].key);
            expect(t.confidence).toBeGreaterThanOrEqual(0);
            expect(t.confidence).toBeLessThanOrEqual(1);
            if (t.goals.length > 0)
              expect(
                near(
                  t.goals.reduce((s, g) => s + g.share, 0),
                  1
                )
              ).toBe(true);
          });
          if (chosen) {
            const t = a[lines.indexOf(chosen)];
            expect([t.source, t.goals]).toEqual(["manual", [{ id: "G2.2", share: 1 }]]);
          }
        }
      ),
      { numRuns: RUNS }
    );
  });
});
