import fc from "fast-check";
import { buildLedger, NOT_IN_PLAN, UNALIGNED } from "../../../src/core/reports/ledger";
import {
  alignmentCents,
  alignmentTotals,
  splitCents,
  toCents,
  usableShares,
} from "../../../src/core/reports/totals";
import type { BudgetLine, LineTag } from "../../../src/core/types";
import { fixture, fixturePlan } from "./fixture";

describe("splitCents", () => {
  test("0.6 / 0.4 of $1,000.01 gives the odd cent to the larger remainder", () => {
    expect(splitCents(100001, [{ share: 0.6 }, { share: 0.4 }])).toEqual({
      parts: [60001, 40000],
      rest: 0,
    });
  });

  test("thirds of $10.00 add up to $10.00 exactly", () => {
    expect(splitCents(1000, [{ share: 1 / 3 }, { share: 1 / 3 }, { share: 1 / 3 }])).toEqual({
      parts: [334, 333, 333],
      rest: 0,
    });
  });

  test("negative amounts (credits) split the same way", () => {
    expect(splitCents(-100001, [{ share: 0.6 }, { share: 0.4 }])).toEqual({
      parts: [-60001, -40000],
      rest: 0,
    });
  });

  test("shares below 1 leave the rest unallocated", () => {
    expect(splitCents(1001, [{ share: 0.5 }])).toEqual({ parts: [501], rest: 500 });
    expect(splitCents(1000, [{ share: 0.25 }, { share: 0.25 }])).toEqual({
      parts: [250, 250],
      rest: 500,
    });
  });

  test("shares adding to more than 1 are scaled down, never counted twice", () => {
    const shares = usableShares([
      { id: "a", share: 1 },
      { id: "b", share: 1 },
    ]);
    expect(shares.map((s) => s.share)).toEqual([0.5, 0.5]);
    expect(splitCents(999, shares)).toEqual({ parts: [500, 499], rest: 0 });
  });

  test("zero, negative and non-numeric shares do not count", () => {
    expect(
      usableShares([
        { id: "a", share: 0 },
        { id: "b", share: -1 },
        { id: "c", share: Number.NaN },
        { id: "d", share: 0.7 },
      ])
    ).toEqual([{ id: "d", share: 0.7 }]);
  });
});

describe("alignmentTotals", () => {
  test("the fixture: budget, aligned and unaligned to the cent", () => {
    const { lines, tags } = fixture();
    expect(alignmentTotals(lines, tags)).toEqual({
      budget: 2193.51,
      aligned: 1693.43,
      unaligned: 500.08,
    });
  });

  test("no lines: all zero; missing tags count as unaligned", () => {
    expect(alignmentTotals([], [])).toEqual({ budget: 0, aligned: 0, unaligned: 0 });
    const { lines } = fixture();
    expect(alignmentTotals(lines, [])).toEqual({ budget: 2193.51, aligned: 0, unaligned: 2193.51 });
  });

  test("non-finite amounts count as zero", () => {
    expect(toCents(Number.NaN)).toBe(0);
    expect(toCents(Number.POSITIVE_INFINITY)).toBe(0);
    expect(toCents(null)).toBe(0);
    expect(toCents(12.345)).toBe(1235);
  });
});

const IDS = ["P1", "G1.1", "S1.1.1", "G1.2", "P2", "G2.1", "G2.2", "P3", "GONE"];

const lineArb: fc.Arbitrary<Row> = fc.record({
  cents: fc.integer({ min: -5_000_000_00, max: 5_000_000_00 }),
  dept: fc.constantFrom("Police", "Parks", "Library", ""),
  program: fc.constantFrom("A", "B", "C"),
  shares: fc.oneof(
    fc.constant([] as { id: string; w: number }[]),
    fc.array(fc.record({ id: fc.constantFrom(...IDS), w: fc.integer({ min: 1, max: 1000 }) }), {
      minLength: 1,
      maxLength: 4,
    })
  ),
});

interface Row {
  cents: number;
  dept: string;
  program: string;
  shares: { id: string; w: number }[];
}

function build(rows: Row[]): { lines: BudgetLine[]; tags: LineTag[] } {
  const lines = rows.map((r, i): BudgetLine => ({
    key: `k${i}`,
    sheet: "Budget",
    row: i + 2,
    department: r.dept,
    division: "",
    program: r.program,
    fund: "",
    account: "",
    accountName: "",
    description: "",
    amounts: { ytd: r.cents / 300 },
    amount: r.cents / 100,
  }));
  const tags = rows.map((r, i): LineTag => {
    const sum = r.shares.reduce((s, x) => s + x.w, 0);
    return {
      key: `k${i}`,
      goals: r.shares.map((x) => ({ id: x.id, share: x.w / sum })),
      priorityId: null,
      source: r.shares.length ? "suggested" : "none",
      confidence: 0.5,
      why: "",
      flagged: r.shares.length === 0,
    };
  });
  return { lines, tags };
}

describe("every total reconciles to the lines (property)", () => {
  test("aligned + unaligned = budget = Σ lines; priority, goal and department sums equal the budget", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), (rows) => {
        const { lines, tags } = build(rows);
        const c = alignmentCents(lines, tags);
        const sumLines = rows.reduce((s, r) => s + r.cents, 0);
        expect(c.budget).toBe(sumLines);
        expect(c.aligned + c.unaligned).toBe(c.budget);
        const t = alignmentTotals(lines, tags);
        expect(Math.round(t.aligned * 100) + Math.round(t.unaligned * 100)).toBe(sumLines);

        const ledger = buildLedger(fixturePlan(), lines, tags, ["ytd"]);
        const sum = (m: Map<string, { cents: number }>) =>
          [...m.values()].reduce((s, b) => s + b.cents, 0);
        expect(sum(ledger.byPriority)).toBe(sumLines);
        expect(sum(ledger.byGoal)).toBe(sumLines);
        expect((ledger.byPriority.get(UNALIGNED)?.cents ?? 0) + ledger.alignedCents).toBe(sumLines);
        expect(ledger.alignedCents).toBe(c.aligned);
        let dept = 0;
        for (const row of ledger.byDepartment.values()) for (const v of row.values()) dept += v;
        expect(dept).toBe(sumLines);
        // The extra column is split by the same shares and reconciles too.
        const ytd = lines.reduce((s, l) => s + toCents(l.amounts.ytd), 0);
        const ytdSum = [...ledger.byPriority.values()].reduce((s, b) => s + b.extra[0], 0);
        expect(ytdSum).toBe(ytd);
        // Ids the plan does not have are kept apart, never dropped.
        const gone = rows.some(
          (r) => r.cents !== 0 && r.shares.length > 0 && r.shares.every((x) => x.id === "GONE")
        );
        if (gone) expect(ledger.byPriority.has(NOT_IN_PLAN)).toBe(true);
      }),
      { numRuns: 300 }
    );
  });

  test("each line's parts add back to the line", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.array(fc.integer({ min: 1, max: 997 }), { minLength: 1, maxLength: 6 }),
        (cents, weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const { parts, rest } = splitCents(
            cents,
            weights.map((w) => ({ share: w / total }))
          );
          expect(parts.reduce((a, b) => a + b, 0) + rest).toBe(cents);
          expect(rest).toBe(0);
          parts.forEach((p, i) =>
            expect(Math.abs(p - (cents * weights[i]) / total)).toBeLessThanOrEqual(1)
          );
        }
      )
    );
  });
});
