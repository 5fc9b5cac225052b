import fc from "fast-check";
import {
  emptyMeasure,
  type Direction,
  type Interval,
  type Measure,
} from "../../../src/core/measures/model";
import {
  asOfDate,
  currentEvaluation,
  DEFAULT_STATUS_RULES,
  evaluatePeriod,
  fmt,
  trendText,
} from "../../../src/core/measures/status";
import { goalStatus, emptyCounts } from "../../../src/core/measures/rollup";

function measure(over: Partial<Measure>): Measure {
  return { ...emptyMeasure("M1", "Test measure"), ...over };
}

const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const interval = fc.constantFrom<Interval>("cumulative", "snapshot", "period");
const quarter = fc.constantFrom<0 | 1 | 2 | 3 | 4>(0, 1, 2, 3, 4);

/** A measure with a target and an actual in FY26 (annual and quarterly), any direction. */
const arbMeasure = (direction: fc.Arbitrary<Direction | null>) =>
  fc
    .record({
      direction,
      interval,
      annual: num,
      quarters: fc.array(num, { minLength: 4, maxLength: 4 }),
      actualYear: num,
      actualQuarters: fc.array(num, { minLength: 4, maxLength: 4 }),
      quarterTargets: fc.boolean(),
    })
    .map((r) =>
      measure({
        direction: r.direction,
        interval: r.interval,
        unit: "count",
        targets: {
          FY26: r.annual,
          ...(r.quarterTargets
            ? Object.fromEntries(r.quarters.map((v, i) => [`FY26 Q${i + 1}`, v]))
            : {}),
        },
        actuals: {
          FY26: r.actualYear,
          ...Object.fromEntries(r.actualQuarters.map((v, i) => [`FY26 Q${i + 1}`, v])),
        },
      })
    );

/** Negates every target and actual: the mirror image of a measure. */
function mirror(m: Measure): Measure {
  const neg = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, -v]));
  const flipped: Direction | null =
    m.direction === "increase" ? "decrease" : m.direction === "decrease" ? "increase" : m.direction;
  return {
    ...m,
    direction: flipped,
    targets: neg(m.targets),
    actuals: neg(m.actuals),
    band: m.band ? { low: -m.band.high, high: -m.band.low } : undefined,
  };
}

describe("status rules", () => {
  test("flipping the direction and mirroring target and actual never changes the status (no inversion)", () => {
    fc.assert(
      fc.property(
        arbMeasure(fc.constantFrom<Direction | null>("increase", "decrease", "maintain", null)),
        quarter,
        (m, q) => {
          const a = evaluatePeriod(m, { fy: 2026, quarter: q });
          const b = evaluatePeriod(mirror(m), { fy: 2026, quarter: q });
          expect(b.status).toBe(a.status);
        }
      ),
      { numRuns: 500 }
    );
  });

  test("a measure with no direction is never met, near or missed", () => {
    fc.assert(
      fc.property(
        arbMeasure(fc.constant(null)),
        quarter,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (m, q, elapsed) => {
          const e = evaluatePeriod(m, { fy: 2026, quarter: q }, DEFAULT_STATUS_RULES, {
            fy: 2026,
            elapsed,
          });
          expect(["direction not set", "no data"]).toContain(e.status);
          expect(e.status).toBe("direction not set");
        }
      ),
      { numRuns: 300 }
    );
  });

  test("even a rule list that puts met first never makes a measure with no direction met", () => {
    const rules = {
      nearBand: 0.1,
      rules: [{ test: "otherwise" as const, status: "met" as const }],
    };
    const m = measure({ direction: null, targets: { FY26: 10 }, actuals: { FY26: 20 } });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 0 }, rules).status).toBe("direction not set");
  });

  test("met, near and missed follow the direction: below 150 is good when lower is better", () => {
    const m = measure({
      direction: "decrease",
      interval: "snapshot",
      targets: { FY26: 150 },
      actuals: { FY26: 120 },
    });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 0 }).status).toBe("met");
    expect(evaluatePeriod({ ...m, actuals: { FY26: 160 } }, { fy: 2026, quarter: 0 }).status).toBe(
      "near"
    );
    expect(evaluatePeriod({ ...m, actuals: { FY26: 170 } }, { fy: 2026, quarter: 0 }).status).toBe(
      "missed"
    );
    const up = { ...m, direction: "increase" as const };
    expect(evaluatePeriod(up, { fy: 2026, quarter: 0 }).status).toBe("missed");
  });

  test("the near band is editable and the rule is stated beside the status", () => {
    const m = measure({
      direction: "increase",
      interval: "snapshot",
      targets: { FY26: 100 },
      actuals: { FY26: 93 },
    });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 0 }).status).toBe("near");
    const tight = { ...DEFAULT_STATUS_RULES, nearBand: 0.05 };
    const e = evaluatePeriod(m, { fy: 2026, quarter: 0 }, tight);
    expect(e.status).toBe("missed");
    expect(e.rule).toContain("Rule 6");
    expect(e.rule).toContain("the annual target (100)");
  });

  test("maintain within a band: inside is met, just outside near, far outside missed", () => {
    const m = measure({
      direction: "maintain",
      interval: "snapshot",
      band: { low: 95, high: 105 },
      targets: { FY26: 100 },
      actuals: { FY26: 104 },
    });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 0 }).status).toBe("met");
    expect(evaluatePeriod({ ...m, actuals: { FY26: 110 } }, { fy: 2026, quarter: 0 }).status).toBe(
      "near"
    );
    expect(evaluatePeriod({ ...m, actuals: { FY26: 80 } }, { fy: 2026, quarter: 0 }).status).toBe(
      "missed"
    );
  });

  test("no actual is no data, never met", () => {
    const m = measure({ direction: "increase", targets: { FY26: 100 }, actuals: {} });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 2 }).status).toBe("no data");
    expect(
      currentEvaluation({ ...m, actuals: { FY25: 500 } }, { fy: 2026, elapsed: 0.4 }).status
    ).toBe("no data");
  });
});

describe("pro-rating", () => {
  test("a cumulative target of 1,200 at the end of Q2 expects 600", () => {
    const m = measure({
      direction: "increase",
      interval: "cumulative",
      targets: { FY26: 1200 },
      actuals: { "FY26 Q1": 280, "FY26 Q2": 300 },
    });
    const e = evaluatePeriod(m, { fy: 2026, quarter: 2 });
    expect(e.expected).toBe(600);
    expect(e.compared).toBe(580);
    expect(e.actual).toBe(300);
    expect(e.status).toBe("near");
    expect(e.rule).toContain("2/4 of the annual target 1200 (600)");
  });

  test("a cumulative measure with quarter targets uses them", () => {
    const m = measure({
      direction: "increase",
      interval: "cumulative",
      targets: { FY26: 1200, "FY26 Q1": 100, "FY26 Q2": 200, "FY26 Q3": 400, "FY26 Q4": 500 },
      actuals: { "FY26 Q1": 150, "FY26 Q2": 160 },
    });
    const e = evaluatePeriod(m, { fy: 2026, quarter: 2 });
    expect(e.expected).toBe(300);
    expect(e.status).toBe("met");
  });

  test("a snapshot target of 90% expects 90% at any quarter", () => {
    for (const q of [1, 2, 3, 4] as const) {
      const m = measure({
        direction: "increase",
        interval: "snapshot",
        unit: "%",
        targets: { FY26: 90 },
        actuals: { [`FY26 Q${q}`]: 89 },
      });
      const e = evaluatePeriod(m, { fy: 2026, quarter: q });
      expect(e.expected).toBe(90);
      expect(e.status).toBe("near");
    }
  });

  test("a period measure of a count compares a quarter with a quarter of the year's target", () => {
    const m = measure({
      direction: "increase",
      interval: "period",
      unit: "count",
      targets: { FY26: 400 },
      actuals: { "FY26 Q3": 100 },
    });
    expect(evaluatePeriod(m, { fy: 2026, quarter: 3 }).expected).toBe(100);
    expect(evaluatePeriod(m, { fy: 2026, quarter: 3 }).status).toBe("met");
  });

  test("a cumulative year-to-date actual of the current year is compared with the share of the year elapsed", () => {
    const asOf = asOfDate("2026-01-01", { month: 7, day: 1 });
    expect(asOf.fy).toBe(2026);
    expect(asOf.elapsed).toBeCloseTo(184 / 365, 5);
    const m = measure({
      direction: "increase",
      interval: "cumulative",
      targets: { FY26: 365 },
      actuals: { FY26: 180 },
    });
    const e = currentEvaluation(m, asOf);
    expect(e.expected).toBeCloseTo(184, 5);
    expect(e.status).toBe("near");
  });

  test("the explanation gives the expected value as precisely as a reader needs", () => {
    const m = measure({
      direction: "increase",
      interval: "cumulative",
      targets: { FY26: 2400 },
      actuals: { FY26: 500 },
    });
    const e = currentEvaluation(m, { fy: 2026, elapsed: 0.39452 });
    expect(e.expected).toBeCloseTo(946.848, 3);
    expect(e.rule).toContain("39.5% of the annual target 2400 (947)");
    expect([fmt(946.849), fmt(42.25), fmt(0.04251), fmt(-1234.6), fmt(2400)]).toEqual([
      "947",
      "42.3",
      "0.0425",
      "-1235",
      "2400",
    ]);
  });

  test("the current status is the latest quarter with an actual", () => {
    const m = measure({
      direction: "decrease",
      interval: "snapshot",
      targets: { FY26: 10 },
      actuals: { "FY26 Q1": 12, "FY26 Q2": 9 },
    });
    const e = currentEvaluation(m, { fy: 2026, elapsed: 0.6 });
    expect(e.period).toBe("FY26 Q2");
    expect(e.status).toBe("met");
  });
});

describe("trend and roll-up", () => {
  test("arrows follow the values and say better or worse by direction", () => {
    const m = measure({
      direction: "decrease",
      actuals: { FY24: 10, FY25: 8, "FY26 Q1": 8, "FY26 Q2": 9 },
    });
    expect(trendText(m)).toBe("↓→↑ worse");
  });

  test("a goal's status is the worst of its measures with data; no data never counts as met", () => {
    const c = emptyCounts();
    c.met = 3;
    c["no data"] = 2;
    expect(goalStatus(c)).toBe("met");
    c.missed = 1;
    expect(goalStatus(c)).toBe("missed");
    expect(goalStatus({ ...emptyCounts(), "no data": 4 })).toBe("no data");
    expect(goalStatus({ ...c, missed: 1 }, { kind: "share", met: 0.7 })).toBe("met");
  });
});
