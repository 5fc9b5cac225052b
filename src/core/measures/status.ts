/**
 * A measure's status in a period: the expected value for that period (pro-rated for a cumulative measure part
 * way through its year), compared with the actual by an ordered list of rules, first match wins.
 *
 * Default rules, in order:
 *   1. direction not set — the measure does not say which way is better (never met or missed);
 *   2. no data — no actual for the period;
 *   3. no data — no target for the period;
 *   4. met — the actual is at or better than expected in the measure's direction (inside the band for "maintain");
 *   5. near — within the near band (10% of the expected value, editable) on the wrong side;
 *   6. missed — anything else.
 */
import {
  isAdditiveUnit,
  parsePeriodLabel,
  periodLabel,
  measurePeriods,
  type Measure,
  type Period,
} from "./model";

export type MeasureStatus = "met" | "near" | "missed" | "no data" | "direction not set";

export const STATUSES: readonly MeasureStatus[] = [
  "met",
  "near",
  "missed",
  "no data",
  "direction not set",
];

/** What a rule tests. */
export type RuleTest =
  | "no direction"
  | "no actual"
  | "no target"
  | "at or better than expected"
  | "within the near band"
  | "otherwise";

export interface StatusRule {
  test: RuleTest;
  status: MeasureStatus;
}

export interface StatusRules {
  /** Applied in order; the first whose test holds gives the status. */
  rules: StatusRule[];
  /** "near" means within this share of the expected value (0.1 = 10%). */
  nearBand: number;
}

export const DEFAULT_STATUS_RULES: StatusRules = {
  nearBand: 0.1,
  rules: [
    { test: "no direction", status: "direction not set" },
    { test: "no actual", status: "no data" },
    { test: "no target", status: "no data" },
    { test: "at or better than expected", status: "met" },
    { test: "within the near band", status: "near" },
    { test: "otherwise", status: "missed" },
  ],
};

/** Icons shown beside the word (never colour alone). */
export const STATUS_ICONS: Record<MeasureStatus, string> = {
  met: "✔",
  near: "◐",
  missed: "✘",
  "no data": "○",
  "direction not set": "?",
};

/** Where a report stands in time: the fiscal year today falls in and the share of it elapsed (0..1). */
export interface AsOf {
  fy: number;
  elapsed: number;
}

export interface Evaluation {
  period: string;
  /** The period's own target as given (null when only the year has one). */
  target: number | null;
  /** The period's own actual as given (for a year without one: derived from its quarters, as `compared`). */
  actual: number | null;
  /** What the actual is compared with: the target, or the part of it due by then. */
  expected: number | null;
  /** The value compared: the actual, or the year to date of a cumulative measure. */
  compared: number | null;
  status: MeasureStatus;
  /** In words: how the expected value was found and which rule gave the status. */
  rule: string;
}

/**
 * A number in an explanation, as precise as a reader needs: whole from 100 up (an expected 946.849 residents reads
 * 947), one decimal from 1, three significant digits below (0.0425); a whole number as it is.
 */
export function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return String(Math.round(n));
  if (a >= 1) return String(Number(n.toFixed(1)));
  return String(Number(n.toPrecision(3)));
}

/** The fiscal year a date falls in and the share of it elapsed, for a fiscal year starting on fyStart (month, day). */
export function asOfDate(today: string, fyStart: { month: number; day: number }): AsOf {
  const [y, mo, d] = today.split("-").map(Number);
  const t = Date.UTC(y, mo - 1, d);
  let start = Date.UTC(y, fyStart.month - 1, fyStart.day);
  if (start > t) start = Date.UTC(y - 1, fyStart.month - 1, fyStart.day);
  const startYear = new Date(start).getUTCFullYear();
  const end = Date.UTC(startYear + 1, fyStart.month - 1, fyStart.day);
  const fy = fyStart.month === 1 && fyStart.day === 1 ? startYear : startYear + 1;
  return { fy, elapsed: (t - start) / (end - start) };
}

interface Expected {
  expected: number | null;
  target: number | null;
  actual: number | null;
  how: string;
}

const get = (r: Record<string, number>, p: Period): number | null => {
  const v = r[periodLabel(p)];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

/** Sum of the quarters 1..n of a year in `r`, or null when any is missing. */
function quartersSum(r: Record<string, number>, fy: number, n: number): number | null {
  let sum = 0;
  for (let q = 1; q <= n; q++) {
    const v = get(r, { fy, quarter: q as Period["quarter"] });
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

/** The expected value and the actual a period's status compares, and how they were found. */
export function expectedFor(m: Measure, p: Period, asOf?: AsOf): Expected {
  const annual = get(m.targets, { fy: p.fy, quarter: 0 });
  if (p.quarter === 0) return yearExpected(m, p, annual, asOf);
  const q = p.quarter;
  const own = get(m.targets, p);
  if (m.interval === "cumulative") {
    const actual = quartersSum(m.actuals, p.fy, q);
    const byQuarters = quartersSum(m.targets, p.fy, q);
    if (byQuarters !== null)
      return {
        expected: byQuarters,
        target: own ?? annual,
        actual,
        how: `the quarter targets to Q${q} added up (${fmt(byQuarters)})`,
      };
    if (annual !== null) {
      const e = (annual * q) / 4;
      return {
        expected: e,
        target: annual,
        actual,
        how: `${q}/4 of the annual target ${fmt(annual)} (${fmt(e)}), year to date`,
      };
    }
    return { expected: null, target: own, actual, how: "no target for the year" };
  }
  const actual = get(m.actuals, p);
  if (own !== null)
    return { expected: own, target: own, actual, how: `the Q${q} target (${fmt(own)})` };
  if (annual === null)
    return { expected: null, target: null, actual, how: "no target for the quarter or the year" };
  if (m.interval === "period" && isAdditiveUnit(m.unit)) {
    const e = annual / 4;
    return {
      expected: e,
      target: annual,
      actual,
      how: `a quarter of the annual target ${fmt(annual)} (${fmt(e)})`,
    };
  }
  return {
    expected: annual,
    target: annual,
    actual,
    how: `the annual target (${fmt(annual)}), compared directly`,
  };
}

function yearExpected(m: Measure, p: Period, annual: number | null, asOf?: AsOf): Expected {
  let actual = get(m.actuals, p);
  let from = "";
  if (actual === null) {
    if (m.interval === "snapshot") actual = get(m.actuals, { fy: p.fy, quarter: 4 });
    else actual = quartersSum(m.actuals, p.fy, 4);
    if (actual !== null)
      from = m.interval === "snapshot" ? "; actual: Q4's" : "; actual: the four quarters added up";
  }
  if (annual === null)
    return { expected: null, target: null, actual, how: "no target for the year" };
  const current = asOf && asOf.fy === p.fy && asOf.elapsed < 1;
  if (current && m.interval === "cumulative") {
    const e = annual * asOf.elapsed;
    const pct = Math.round(asOf.elapsed * 1000) / 10;
    return {
      expected: e,
      target: annual,
      actual,
      how: `${pct}% of the year had passed: ${pct}% of the annual target ${fmt(annual)} (${fmt(e)})${from}`,
    };
  }
  return {
    expected: annual,
    target: annual,
    actual,
    how: `the annual target (${fmt(annual)})${from}`,
  };
}

/** True when `actual` is at or better than `expected` in the measure's direction. */
function atOrBetter(m: Measure, expected: number, actual: number, nearBand: number): boolean {
  if (m.direction === "increase") return actual >= expected;
  if (m.direction === "decrease") return actual <= expected;
  const { low, high } = bandOf(m, expected, nearBand);
  return actual >= low && actual <= high;
}

function withinNear(m: Measure, expected: number, actual: number, nearBand: number): boolean {
  const slack = Math.abs(expected) * nearBand;
  if (m.direction === "increase") return actual >= expected - slack;
  if (m.direction === "decrease") return actual <= expected + slack;
  const { low, high } = bandOf(m, expected, nearBand);
  return actual >= low - slack && actual <= high + slack;
}

/** A "maintain" measure's band: as given, else the expected value ± the near band. */
function bandOf(m: Measure, expected: number, nearBand: number): { low: number; high: number } {
  if (m.band) return m.band;
  const slack = Math.abs(expected) * nearBand;
  return { low: expected - slack, high: expected + slack };
}

function ruleHolds(test: RuleTest, m: Measure, e: Expected, nearBand: number): boolean {
  switch (test) {
    case "no direction":
      return m.direction === null;
    case "no actual":
      return e.actual === null;
    case "no target":
      return e.expected === null;
    case "at or better than expected":
      return (
        m.direction !== null &&
        e.actual !== null &&
        e.expected !== null &&
        atOrBetter(m, e.expected, e.actual, nearBand)
      );
    case "within the near band":
      return (
        m.direction !== null &&
        e.actual !== null &&
        e.expected !== null &&
        withinNear(m, e.expected, e.actual, nearBand)
      );
    case "otherwise":
      return true;
  }
}

function ruleWords(r: StatusRule, index: number, m: Measure, nearBand: number): string {
  const better =
    m.direction === "increase"
      ? "higher is better"
      : m.direction === "decrease"
        ? "lower is better"
        : "within the band";
  const words: Record<RuleTest, string> = {
    "no direction": "the measure does not say whether higher or lower is better",
    "no actual": "no actual for the period",
    "no target": "no target for the period",
    "at or better than expected": `at or better than expected (${better})`,
    "within the near band": `within ${Math.round(nearBand * 1000) / 10}% of expected`,
    otherwise: "worse than expected by more than the near band",
  };
  return `rule ${index + 1}: ${words[r.test]}`;
}

/** The status of one period of a measure, with the expected value and the rule that gave it. */
export function evaluatePeriod(
  m: Measure,
  p: Period,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  asOf?: AsOf
): Evaluation {
  const e = expectedFor(m, p, asOf);
  const own = get(m.actuals, p);
  let status: MeasureStatus = "no data";
  let words = "no rule matched";
  for (let i = 0; i < rules.rules.length; i++) {
    const r = rules.rules[i];
    if (ruleHolds(r.test, m, e, rules.nearBand)) {
      status = r.status;
      words = ruleWords(r, i, m, rules.nearBand);
      break;
    }
  }
  // A measure without a direction is never met or missed, whatever the rule list says.
  if (m.direction === null && (status === "met" || status === "missed" || status === "near"))
    status = "direction not set";
  const assumed = m.intervalAssumed ? `; interval not given, read as ${m.interval}` : "";
  return {
    period: periodLabel(p),
    target: e.target,
    actual: own ?? (p.quarter === 0 ? e.actual : null),
    expected: e.expected,
    compared: e.actual,
    status,
    rule: `Expected: ${e.how}. ${cap(words)}${assumed}.`,
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every period of a measure with a target or an actual, evaluated in order. */
export function evaluateMeasure(
  m: Measure,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  asOf?: AsOf
): Evaluation[] {
  return measurePeriods(m).map((p) => evaluatePeriod(m, p, rules, asOf));
}

/**
 * The status a report shows for a measure now: the latest quarter of the current fiscal year with an actual; else
 * the current year itself (a year-to-date actual against the pro-rated target); else, with no actual this year,
 * "no data" for the current year (never the last year's colour carried forward).
 */
export function currentEvaluation(
  m: Measure,
  asOf: AsOf,
  rules: StatusRules = DEFAULT_STATUS_RULES
): Evaluation {
  for (let q = 4; q >= 1; q--) {
    const p: Period = { fy: asOf.fy, quarter: q as Period["quarter"] };
    if (m.actuals[periodLabel(p)] !== undefined) return evaluatePeriod(m, p, rules, asOf);
  }
  return evaluatePeriod(m, { fy: asOf.fy, quarter: 0 }, rules, asOf);
}

/** The last `n` actual values of a measure, oldest first, with their periods (years and quarters in order). */
export function recentActuals(m: Measure, n: number): { period: string; value: number }[] {
  const out: { period: string; value: number }[] = [];
  for (const p of measurePeriods(m)) {
    const v = m.actuals[periodLabel(p)];
    if (typeof v === "number") out.push({ period: periodLabel(p), value: v });
  }
  return out.slice(-n);
}

/**
 * Trend arrows over the last values: ↑ rose, ↓ fell, → the same (within 1%); followed by "better", "worse" or
 * "steady" when the measure has a direction.
 */
export function trendText(m: Measure, n = 4): string {
  const recent = recentActuals(m, n);
  if (recent.length < 2) return recent.length ? "(one value)" : "";
  const arrows: string[] = [];
  for (let i = 1; i < recent.length; i++) {
    const a = recent[i - 1].value;
    const b = recent[i].value;
    const tol = Math.max(Math.abs(a), Math.abs(b)) * 0.01;
    arrows.push(b > a + tol ? "↑" : b < a - tol ? "↓" : "→");
  }
  const last = arrows[arrows.length - 1];
  const word =
    m.direction === "increase" || m.direction === "decrease"
      ? last === "→"
        ? " steady"
        : (last === "↑") === (m.direction === "increase")
          ? " better"
          : " worse"
      : "";
  return arrows.join("") + word;
}

export { parsePeriodLabel };
