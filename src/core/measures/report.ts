/**
 * The measures of one run, evaluated once: each measure's periods and its current status, the roll-up to goals and
 * priorities, and the shapes the reports share (the Scorecard sheet, the one-line summary, --json).
 */
import { fyMonthDay } from "../reports/sheet";
import type { Plan } from "../types";
import type { Measure } from "./model";
import { countsText, DEFAULT_GOAL_RULE, rollUp, type GoalRule, type RollUp } from "./rollup";
import {
  asOfDate,
  currentEvaluation,
  DEFAULT_STATUS_RULES,
  evaluateMeasure,
  type AsOf,
  type Evaluation,
  type StatusRules,
} from "./status";

export interface MeasureReport {
  measures: Measure[];
  /** current[i]: measures[i]'s status now (see currentEvaluation). */
  current: Evaluation[];
  /** periods[i]: every period of measures[i] with a target or an actual. */
  periods: Evaluation[][];
  rollUp: RollUp;
  asOf: AsOf;
  rules: StatusRules;
  goalRule: GoalRule;
}

export function measureReport(
  measures: Measure[],
  plan: Plan,
  today: string,
  rules: StatusRules = DEFAULT_STATUS_RULES,
  goalRule: GoalRule = DEFAULT_GOAL_RULE
): MeasureReport {
  const asOf = asOfDate(today, fyMonthDay(plan.fiscalYearStart));
  const current = measures.map((m) => currentEvaluation(m, asOf, rules));
  const periods = measures.map((m) => evaluateMeasure(m, rules, asOf));
  return {
    measures,
    current,
    periods,
    rollUp: rollUp(plan, measures, current),
    asOf,
    rules,
    goalRule,
  };
}

/** The line the CLI summary and the Alignment sheet's mid-year view show. */
export function measuresLine(r: MeasureReport): string {
  const active = r.measures.filter((m) => !m.deprecated).length;
  const fy = `FY${String(r.asOf.fy % 100).padStart(2, "0")}`;
  return `Measures (${fy} so far, ${active} measure${active === 1 ? "" : "s"}): ${countsText(r.rollUp.total)}.`;
}

/** One measure in --json (a public contract; fields may be added, never removed). */
export interface MeasureJson {
  id: string;
  name: string;
  node: string | null;
  program: string | null;
  direction: Measure["direction"];
  interval: Measure["interval"];
  unit: string;
  deprecated: boolean;
  status: Evaluation["status"];
  periods: {
    period: string;
    target: number | null;
    actual: number | null;
    status: Evaluation["status"];
    expected: number | null;
    compared: number | null;
  }[];
}

export function measuresJson(r: MeasureReport): MeasureJson[] {
  return r.measures.map((m, i) => ({
    id: m.id,
    name: m.name,
    node: m.node ?? null,
    program: m.program ?? null,
    direction: m.direction,
    interval: m.interval,
    unit: m.unit,
    deprecated: m.deprecated === true,
    status: r.current[i].status,
    periods: r.periods[i].map((e) => ({
      period: e.period,
      target: e.target,
      actual: e.actual,
      status: e.status,
      expected: e.expected,
      compared: e.compared,
    })),
  }));
}
