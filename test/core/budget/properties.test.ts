/** Property-based tests: the reader never throws, generated budgets reconcile, the output is deterministic. */
import fc from "fast-check";
import { readBudget } from "../../../src/core/budget/read";
import type { CellValue, SheetCells } from "../../../src/core/types";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(""),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "#REF!",
    "#N/A",
    "Total",
    "Grand Total",
    "$1,234",
    "(500)",
    "-",
    "n/a",
    "Department",
    "Program",
    "FY 2026 Budget",
    "Goal",
    "   indented"
  ),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean()
);

describe("readBudget on arbitrary cells", () => {
  it("never throws and always returns well-formed results", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 40 }),
        fc.nat(5),
        fc.nat(5),
        (values, startRow, startCol) => {
          const r = readBudget([{ name: "Any", values, startRow, startCol }]);
          for (const l of r.lines) {
            expect(Number.isFinite(l.amount)).toBe(true);
            expect(l.row).toBeGreaterThan(startRow);
          }
          expect(new Set(r.lines.map((l) => l.key)).size).toBe(r.lines.length);
          expect(Number.isFinite(r.checkTotal)).toBe(true);
          for (const l of r.layouts) expect(Number.isFinite(l.skippedTotal)).toBe(true);
          for (const i of r.issues) expect(i.message).not.toContain("\n");
        }
      ),
      { numRuns: 500 }
    );
  });
});

const NAMES = [
  "Parks",
  "Library",
  "Police",
  "Fire",
  "Streets",
  "Water",
  "Housing",
  "Clerk",
  "Finance",
  "Transit",
];
const ACCOUNTS = ["Salaries", "Overtime", "Benefits", "Supplies", "Contracts", "Utilities"];

interface Generated {
  sheet: SheetCells;
  lines: number;
  lineSum: number;
  subtotals: number;
  subtotalSum: number;
}

/** A budget book: optional titles, department headings, program subtotals, department totals, a grand total. */
const budgetBook: fc.Arbitrary<Generated> = fc
  .record({
    titles: fc.nat(4),
    depts: fc.array(
      fc.record({
        name: fc.constantFrom(...NAMES),
        programs: fc.uniqueArray(
          fc.record({
            name: fc.constantFrom(...NAMES.map((n) => `${n} Operations`)),
            lines: fc.array(
              fc.record({
                account: fc.constantFrom(...ACCOUNTS),
                cents: fc.integer({ min: -1e8, max: 1e10 }),
                asText: fc.boolean(),
              }),
              { minLength: 1, maxLength: 6 }
            ),
            subtotal: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4, selector: (p) => p.name }
        ),
        total: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 }
    ),
    grand: fc.boolean(),
  })
  .map(({ titles, depts, grand }) => {
    const values: CellValue[][] = [];
    for (let i = 0; i < titles; i++) values.push(i === 0 ? ["City of Quillfield"] : []);
    values.push(["Program", "Account", "FY 2026-27 Proposed"]);
    let lines = 0;
    let lineSum = 0;
    let subtotals = 0;
    let subtotalSum = 0;
    let all = 0;
    for (const d of depts) {
      values.push([`${d.name} Department`]);
      let dt = 0;
      for (const p of d.programs) {
        let pt = 0;
        for (const l of p.lines) {
          const amount = l.cents / 100;
          const text =
            (amount < 0 ? "(" : "") +
            "$" +
            Math.abs(amount).toLocaleString("en-US", { minimumFractionDigits: 2 }) +
            (amount < 0 ? ")" : "");
          values.push([p.name, l.account, l.asText ? text : amount]);
          lines++;
          lineSum += l.cents;
          pt += l.cents;
        }
        if (p.subtotal) {
          values.push([`Total ${p.name}`, null, pt / 100]);
          subtotals++;
          subtotalSum += pt;
        }
        dt += pt;
      }
      if (d.total) {
        values.push([`Total ${d.name} Department`, "", dt / 100]);
        subtotals++;
        subtotalSum += dt;
      }
      all += dt;
    }
    if (grand) {
      values.push(["Grand Total", null, all / 100]);
      subtotals++;
      subtotalSum += all;
    }
    return {
      sheet: { name: "Budget", values },
      lines,
      lineSum: lineSum / 100,
      subtotals,
      subtotalSum: subtotalSum / 100,
    };
  });

describe("generated budget books", () => {
  it("read every line, skip every total, and reconcile", () => {
    fc.assert(
      fc.property(budgetBook, (g) => {
        const r = readBudget([g.sheet]);
        expect(r.issues).toEqual([]);
        expect(r.lines).toHaveLength(g.lines);
        expect(r.checkTotal).toBeCloseTo(g.lineSum, 2);
        expect(r.skippedSubtotals).toBe(g.subtotals);
        expect(r.layouts[0].skippedTotal).toBeCloseTo(g.subtotalSum, 2);
        expect(r.lines.every((l) => l.department.endsWith(" Department"))).toBe(true);
      }),
      { numRuns: 300 }
    );
  });

  it("give the same result every time", () => {
    fc.assert(
      fc.property(budgetBook, (g) => {
        const a = readBudget([g.sheet]);
        const b = readBudget([structuredClone(g.sheet)]);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 100 }
    );
  });
});
