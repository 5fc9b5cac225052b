/**
 * What the pane's Measures step shows, computed here so the pane holds no rule of its own: every goal of the plan
 * with its measures' current status (the same evaluation and roll-up as the Scorecard: src/core/measures/report.ts),
 * its status by the stated goal rule, its counts and how many of its measures have no data; the measures linked to
 * no goal apart. "No data" and "direction not set" are their own statuses, never shown as met.
 */
import { planNodes } from "../plan/model";
import type { Issue, Plan } from "../types";
import type { Direction, Interval, Measure } from "./model";
import { measureReport, measuresLine } from "./report";
import { countsText, emptyCounts, goalRuleWords, goalStatus, nodePlaces } from "./rollup";
import type { StatusCounts } from "./rollup";
import { STATUS_ICONS, type MeasureStatus } from "./status";

/** One measure as the pane lists it. */
export interface MeasureView {
  id: string;
  name: string;
  /** The plan node it measures (action, subgoal or goal id), or null. */
  node: string | null;
  unit: string;
  direction: Direction | null;
  interval: Interval;
  owner: string | null;
  /** The period the status is for ("FY27 Q1", or the year "FY27"). */
  period: string;
  status: MeasureStatus;
  icon: string;
  /** The value compared (the actual, or a cumulative measure's year to date) and what was expected by then. */
  actual: number | null;
  expected: number | null;
  /** How the expected value was found and which rule gave the status, in words. */
  rule: string;
  /** Where it was read from (the Measures sheet's row), when from a sheet: its actuals can be entered there. */
  where: { sheet: string; cell: string } | null;
}

export interface GoalMeasuresView {
  goalId: string;
  /** "G1.2 Reduce response times". */
  label: string;
  priority: string;
  status: MeasureStatus;
  icon: string;
  counts: StatusCounts;
  /** Measures without data (no actual or no target for the period): counted apart, never green. */
  noData: number;
  /** "2 met, 1 near, 0 missed, 1 no data". */
  countsText: string;
  measures: MeasureView[];
}

export interface MeasuresView {
  /** "Measures (FY27 so far, 20 measures): 7 met, …" — the CLI summary's line. */
  line: string;
  /** The goal rule in words, as the Scorecard states it. */
  goalRule: string;
  /** Every goal of the plan in plan order (a goal with no measure has an empty list). */
  goals: GoalMeasuresView[];
  /** Measures linked to no goal of the plan (a priority, or nothing). */
  unlinked: MeasureView[];
  /** Deprecated measures: kept, but left out of statuses and counts. */
  deprecated: number;
  total: number;
}

function viewOf(m: Measure, e: ReturnType<typeof measureReport>["current"][number]): MeasureView {
  return {
    id: m.id,
    name: m.name,
    node: m.node ?? null,
    unit: m.unit,
    direction: m.direction,
    interval: m.interval,
    owner: m.owner ?? null,
    period: e.period,
    status: e.status,
    icon: STATUS_ICONS[e.status],
    actual: e.compared,
    expected: e.expected,
    rule: e.rule,
    where: m.origin
      ? { sheet: m.origin.sheet, cell: `${m.origin.idCol ?? "A"}${m.origin.rows[0]}` }
      : null,
  };
}

/** The Measures step's view of a run's measures (empty goals listed too, so a goal with no measure shows). */
export function measuresView(measures: Measure[], plan: Plan, today: string): MeasuresView {
  const report = measureReport(measures, plan, today);
  const places = nodePlaces(plan);
  const byGoal = new Map<string, MeasureView[]>();
  const unlinked: MeasureView[] = [];
  let deprecated = 0;
  measures.forEach((m, i) => {
    if (m.deprecated) {
      deprecated++;
      return;
    }
    const v = viewOf(m, report.current[i]);
    const goal = m.node ? places.get(m.node)?.goalId : null;
    if (!goal) return void unlinked.push(v);
    const list = byGoal.get(goal) ?? [];
    list.push(v);
    byGoal.set(goal, list);
  });
  const goals: GoalMeasuresView[] = [];
  for (const p of plan.priorities)
    for (const g of p.goals ?? []) {
      const counts = report.rollUp.byGoal.get(g.id) ?? emptyCounts();
      const status = goalStatus(counts, report.goalRule);
      goals.push({
        goalId: g.id,
        label: `${g.id} ${g.title}`,
        priority: `${p.id} ${p.title}`,
        status,
        icon: STATUS_ICONS[status],
        counts,
        noData: counts["no data"],
        countsText: countsText(counts),
        measures: byGoal.get(g.id) ?? [],
      });
    }
  return {
    line: measuresLine(report),
    goalRule: goalRuleWords(report.goalRule),
    goals,
    unlinked,
    deprecated,
    total: measures.length,
  };
}

/** The issues of reading and linking measures (the Measures sheet, a city's export), for the step to list. */
export function measureIssues(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.code.startsWith("measures."));
}

/** The goals, subgoals and actions a new measure can measure, in plan order ("A1.1.2 Add a peak-hour patrol shift"). */
export function measureNodeChoices(plan: Plan): { id: string; label: string; level: string }[] {
  return planNodes(plan)
    .filter((e) => e.level !== "priority")
    .map((e) => ({ id: e.node.id, label: `${e.node.id} ${e.node.title}`, level: e.level }));
}

/** The owners named by measures, sorted, for "the measures I own". */
export function measureOwners(measures: Measure[]): string[] {
  return [...new Set(measures.map((m) => m.owner?.trim() ?? "").filter(Boolean))].sort((a, b) =>
    a.localeCompare(b)
  );
}
