/**
 * Performance measures: what a measure is, and the periods its targets and actuals belong to.
 *
 * A measure says how progress on a plan node (goal, subgoal or action) is counted: a unit, the direction that is
 * better, how values add up over a year (its interval), a target per fiscal year (and optionally per quarter) and
 * actual values per period. Pure data: read from the Measures sheet, plan JSON, a city's own export, or the
 * Measure/Target fields of the Strategic Plan's actions.
 */

/** Which way is better: more, less, or staying inside a band. null: the source does not say. */
export type Direction = "increase" | "decrease" | "maintain";

/**
 * How values add up over the year:
 * - cumulative: counts that build up (permits issued this year): a quarter's value is that quarter's count and
 *   the year to date is their sum; a mid-year target is the part of the annual target due by then;
 * - snapshot: a level at a moment (% of invoices paid on time): compared with the target directly, at any time;
 * - period: each period's own value (this quarter's count), compared with that period's target.
 */
export type Interval = "cumulative" | "snapshot" | "period";

export const DIRECTIONS: readonly Direction[] = ["increase", "decrease", "maintain"];
export const INTERVALS: readonly Interval[] = ["cumulative", "snapshot", "period"];

/** Where a measure was read from, for messages that name the cell. */
export interface MeasureOrigin {
  sheet: string;
  /** 1-based rows the measure was read from (a measure listed twice has two). */
  rows: number[];
  /** Column letters of the measure's ID (else name) and plan-node cells, for messages that point at them. */
  idCol?: string;
  nodeCol?: string;
}

export interface Measure {
  /** The measure's ID as the source gives it (derived from the action's ID for a Strategic Plan measure). */
  id: string;
  name: string;
  /** The plan node (priority, goal, subgoal or action id) it measures, when known. */
  node?: string;
  /** The service or program name the source links it to (matched to budget programs). */
  program?: string;
  /** "count", "%", "$", "days" … as given; "%" for percentages (values on the 0–100 scale). */
  unit: string;
  direction: Direction | null;
  /** For "maintain": the band that counts as met (low ≤ actual ≤ high); else target ± the near band. */
  band?: { low: number; high: number };
  interval: Interval;
  /** Output, outcome, efficiency … as the source gives it (typos corrected). */
  category?: string;
  baseline?: number;
  /** Targets by period label ("FY26", "FY26 Q2"). */
  targets: Record<string, number>;
  /** Actual values by period label. */
  actuals: Record<string, number>;
  owner?: string;
  source?: string;
  notes?: string;
  /** The source marks it deprecated, retired or inactive: kept, but left out of statuses and roll-ups. */
  deprecated?: boolean;
  /** Set when the interval was not given and was assumed (the assumption is stated beside its status). */
  intervalAssumed?: boolean;
  /** Target text that is not a number (from a plan action's Target field): shown, never compared. */
  targetText?: string;
  origin?: MeasureOrigin;
}

/** A fiscal year (the calendar year it ends in: FY26 = 2025-26 for a July year) and a quarter (0: the whole year). */
export interface Period {
  fy: number;
  quarter: 0 | 1 | 2 | 3 | 4;
}

/** "FY26", "FY26 Q2". */
export function periodLabel(p: Period): string {
  const yy = String(p.fy % 100).padStart(2, "0");
  return p.quarter ? `FY${yy} Q${p.quarter}` : `FY${yy}`;
}

/** The period of a label written by periodLabel; null for anything else. Two-digit years are 2000-based. */
export function parsePeriodLabel(label: string): Period | null {
  const m = /^FY(\d{2}|\d{4})(?: Q([1-4]))?$/.exec(label);
  if (!m) return null;
  const fy = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  return { fy, quarter: (m[2] ? Number(m[2]) : 0) as Period["quarter"] };
}

/** Order of periods: by year, the whole year after its quarters (it closes the year). */
export function comparePeriods(a: Period, b: Period): number {
  return a.fy - b.fy || (a.quarter || 5) - (b.quarter || 5);
}

/** Every period a measure has a target or an actual for, in order. */
export function measurePeriods(m: Measure): Period[] {
  const labels = new Set([...Object.keys(m.targets), ...Object.keys(m.actuals)]);
  const out: Period[] = [];
  for (const l of labels) {
    const p = parsePeriodLabel(l);
    if (p) out.push(p);
  }
  return out.sort(comparePeriods);
}

/** True when a unit is a percentage. */
export function isPercentUnit(unit: string): boolean {
  return /%|percent|pct|rate/i.test(unit);
}

/** True when a value of the unit adds up across quarters (a count or money), so a quarter's share of a year is ¼. */
export function isAdditiveUnit(unit: string): boolean {
  return (
    !isPercentUnit(unit) &&
    !/\b(days?|hours?|minutes?|seconds?|score|index|ratio|average|avg|mean|median)\b/i.test(unit)
  );
}

/** A measure with nothing set but its ID and name. */
export function emptyMeasure(id: string, name: string): Measure {
  return { id, name, unit: "", direction: null, interval: "cumulative", targets: {}, actuals: {} };
}
