/**
 * Roll-up of measures to their goal and priority: counts by status, the number without data, and a goal's status
 * from its measures by a stated rule.
 */
import { planNodes } from "../plan/model";
import type { Plan } from "../types";
import type { Measure } from "./model";
import type { Evaluation, MeasureStatus } from "./status";

export type StatusCounts = Record<MeasureStatus, number>;

export function emptyCounts(): StatusCounts {
  return { met: 0, near: 0, missed: 0, "no data": 0, "direction not set": 0 };
}

/** How a goal's status follows from its measures'. */
export type GoalRule = { kind: "worst" } | { kind: "share"; met: number };

export const DEFAULT_GOAL_RULE: GoalRule = { kind: "worst" };

/** The rule in words, as the Scorecard states it. */
export function goalRuleWords(rule: GoalRule): string {
  if (rule.kind === "worst")
    return (
      "A goal's status is the worst of its measures that have data (missed, then near, then met); measures with " +
      "no data or no direction are counted apart and never make a goal look better."
    );
  const pct = Math.round(rule.met * 100);
  return (
    `A goal is met when at least ${pct}% of its measures that have data are met, near when at least ${pct}% are ` +
    "met or near, missed otherwise; measures with no data or no direction are counted apart."
  );
}

/** A goal's status from the counts of its measures' statuses. */
export function goalStatus(c: StatusCounts, rule: GoalRule = DEFAULT_GOAL_RULE): MeasureStatus {
  const withData = c.met + c.near + c.missed;
  if (withData === 0)
    return c["no data"] > 0 || c["direction not set"] === 0 ? "no data" : "direction not set";
  if (rule.kind === "worst") return c.missed ? "missed" : c.near ? "near" : "met";
  if (c.met / withData >= rule.met) return "met";
  if ((c.met + c.near) / withData >= rule.met) return "near";
  return "missed";
}

export interface NodePlace {
  priorityId: string;
  goalId: string | null;
}

/** Where each plan node sits: its priority and goal (by node id). */
export function nodePlaces(plan: Plan): Map<string, NodePlace> {
  const out = new Map<string, NodePlace>();
  for (const e of planNodes(plan))
    out.set(e.node.id, { priorityId: e.priorityId, goalId: e.goalId });
  return out;
}

export interface RollUp {
  byGoal: Map<string, StatusCounts>;
  byPriority: Map<string, StatusCounts>;
  total: StatusCounts;
  /** Measures linked to no node of the plan (counted in the total only). */
  unlinked: number;
}

/** Counts by status per goal, per priority and in all, from each measure's current evaluation (deprecated ones left out). */
export function rollUp(plan: Plan, measures: Measure[], current: Evaluation[]): RollUp {
  const places = nodePlaces(plan);
  const byGoal = new Map<string, StatusCounts>();
  const byPriority = new Map<string, StatusCounts>();
  const total = emptyCounts();
  let unlinked = 0;
  measures.forEach((m, i) => {
    if (m.deprecated) return;
    const status = current[i].status;
    total[status]++;
    const place = m.node ? places.get(m.node) : undefined;
    if (!place) {
      unlinked++;
      return;
    }
    const p = byPriority.get(place.priorityId) ?? emptyCounts();
    p[status]++;
    byPriority.set(place.priorityId, p);
    if (place.goalId) {
      const g = byGoal.get(place.goalId) ?? emptyCounts();
      g[status]++;
      byGoal.set(place.goalId, g);
    }
  });
  return { byGoal, byPriority, total, unlinked };
}

/** "12 met, 3 near, 2 missed, 5 no data" (and direction not set when any). */
export function countsText(c: StatusCounts): string {
  const parts = [`${c.met} met`, `${c.near} near`, `${c.missed} missed`, `${c["no data"]} no data`];
  if (c["direction not set"]) parts.push(`${c["direction not set"]} direction not set`);
  return parts.join(", ");
}
