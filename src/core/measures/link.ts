/**
 * One list of measures for a run, from every place they can come from, each linked to a node of the plan:
 * the workbook's Measures sheet, the plan JSON's `measures`, an imported export (--measures, the pane's Measures
 * step), and the Measure/Target fields of the Strategic Plan's actions (for actions no other source measures).
 * A measure names its plan node by ID, or a service/program whose budget lines the tags put under a goal.
 */
import { normName, programOf } from "../keys";
import { normId, planActions, planNodes, resolveGoalRef } from "../plan/model";
import type { Action, BudgetLine, Issue, LineTag, Plan } from "../types";
import { emptyMeasure, periodLabel, type Direction, type Measure } from "./model";
import { cleanText, parseValue } from "./values";

/** The measure a plan action's Measure and Target fields describe, for the fiscal years it runs. */
export function measureOfAction(a: Action, years: number[]): Measure | null {
  if (!a.measure && !a.target) return null;
  const m = emptyMeasure(a.id, a.measure || a.title);
  m.node = a.id;
  if (a.owner) m.owner = a.owner;
  m.source = "Strategic Plan (the action's Measure and Target)";
  const target = cleanText(a.target ?? "");
  if (target) m.targetText = target;
  const read = targetOfText(target);
  m.direction = read.direction;
  if (read.unit) m.unit = read.unit;
  // A target in words is most often a level to reach ("Under 6 minutes", "70 or better"): compared directly, unless
  // it says it counts per year (added up over the year) or per quarter (each quarter's own).
  m.interval = /\b(per|a|each) (year|annum)\b|\bannually\b|\byearly\b/i.test(target)
    ? "cumulative"
    : /\b(per|a|each) quarter\b|\bquarterly\b/i.test(target)
      ? "period"
      : "snapshot";
  m.intervalAssumed = true;
  if (read.value !== null)
    for (const fy of years) {
      if (m.interval !== "period") m.targets[periodLabel({ fy, quarter: 0 })] = read.value;
      // "24 per quarter": each quarter's own target.
      else
        for (const q of [1, 2, 3, 4] as const)
          m.targets[periodLabel({ fy, quarter: q })] = read.value;
    }
  return m;
}

/**
 * A target typed as words: "Under 6 minutes" (6, lower is better), "90% of calls within 60 seconds" (90%),
 * "70 or better" (70, higher is better), "24 per quarter" (24, no direction said). A target with no number
 * ("Approved") is kept as text and never compared.
 */
export function targetOfText(text: string): {
  value: number | null;
  unit: string;
  direction: Direction | null;
} {
  const t = text.toLowerCase();
  const num = /(-?\d[\d,]*(?:\.\d+)?)\s*(%|percent)?/.exec(t);
  const value = num
    ? parseValue(num[1]).kind === "number"
      ? Number(num[1].replace(/,/g, ""))
      : null
    : null;
  const unit = num?.[2] ? "%" : "";
  let direction: Direction | null = null;
  if (
    /\b(under|below|less than|fewer than|at most|no more than|or less|or fewer|reduce|cut|lower)\b/.test(
      t
    )
  )
    direction = "decrease";
  else if (
    /\b(at least|or better|or more|over|above|more than|increase|raise|grow|exceed|within)\b|%/.test(
      t
    )
  )
    direction = "increase";
  return { value, unit, direction };
}

/** Where a measure's node text points: an action, subgoal, goal or priority id of the plan; null when none. */
export function resolveNode(plan: Plan, text: string): string | null {
  const want = normId(text);
  for (const e of planNodes(plan)) if (normId(e.node.id) === want) return e.node.id;
  return resolveGoalRef(plan, text);
}

export interface LinkInput {
  plan: Plan;
  /** From the most trusted to the least: earlier sources win for the same ID. */
  sources: { measures: Measure[]; from: string }[];
  lines: BudgetLine[];
  tags: LineTag[];
  /** Fiscal years an action's target applies to (the report's years). */
  years: number[];
}

/**
 * Every measure once (the first source to list an ID wins; the others are reported), each with its plan node:
 * the node it names, else the goal carrying most of its program's money; plus the plan actions' own measures for
 * actions no listed measure covers.
 */
export function linkMeasures(input: LinkInput): { measures: Measure[]; issues: Issue[] } {
  const { plan } = input;
  const issues: Issue[] = [];
  const byId = new Map<string, { m: Measure; from: string }>();
  for (const s of input.sources) {
    for (const m of s.measures) {
      const k = normName(m.id);
      const had = byId.get(k);
      if (had) {
        if (had.from !== s.from)
          issues.push({
            severity: "info",
            code: "measures.listed-twice",
            message: `Measure "${m.id}" is in ${had.from} and in ${s.from}; the one in ${had.from} is used.`,
          });
        continue;
      }
      byId.set(k, { m: { ...m }, from: s.from });
    }
  }
  const measures = [...byId.values()].map((x) => x.m);
  const programGoal = programGoals(input.lines, input.tags);
  for (const m of measures) {
    const where = m.origin ? `${m.origin.sheet} row ${m.origin.rows[0]}` : `measure "${m.id}"`;
    if (m.node) {
      const id = resolveNode(plan, m.node);
      if (id) m.node = id;
      else {
        issues.push({
          severity: "warning",
          code: "measures.unknown-node",
          ...(m.origin ? { sheet: m.origin.sheet } : {}),
          ...(m.origin?.nodeCol ? { cell: `${m.origin.nodeCol}${m.origin.rows[0]}` } : {}),
          message: `${where}: "${m.node}" is not a goal, subgoal or action of the plan; the measure is listed under no goal.`,
        });
        delete m.node;
      }
    }
    if (!m.node && m.program) {
      const goal = programGoal.get(normName(m.program));
      if (goal) m.node = goal;
      else
        issues.push({
          severity: "info",
          code: "measures.unknown-program",
          ...(m.origin ? { sheet: m.origin.sheet } : {}),
          message: `${where}: "${m.program}" matches no budget program with a goal; the measure is listed under no goal.`,
        });
    }
  }
  // The plan's own Measure/Target fields, for actions no listed measure measures.
  const measured = new Set(measures.map((m) => m.node).filter((n): n is string => !!n));
  for (const { action } of planActions(plan)) {
    if (measured.has(action.id) || byId.has(normName(action.id))) continue;
    const m = measureOfAction(action, input.years);
    if (m) measures.push(m);
  }
  return { measures, issues };
}

/** Program name (normalised) → the goal carrying most of its money among the tags, for every budget program. */
function programGoals(lines: BudgetLine[], tags: LineTag[]): Map<string, string> {
  const money = new Map<string, Map<string, number>>();
  lines.forEach((l, i) => {
    const t = tags[i];
    if (!t || t.goals.length === 0) return;
    for (const name of new Set(
      [programOf(l), l.program, l.division, l.department].filter(Boolean)
    )) {
      const k = normName(name);
      const byGoal = money.get(k) ?? new Map<string, number>();
      for (const g of t.goals)
        byGoal.set(g.id, (byGoal.get(g.id) ?? 0) + Math.abs(l.amount) * g.share + 1e-9);
      money.set(k, byGoal);
    }
  });
  const out = new Map<string, string>();
  for (const [k, byGoal] of money) {
    let best: [string, number] | null = null;
    for (const e of byGoal) if (!best || e[1] > best[1]) best = e;
    if (best) out.set(k, best[0]);
  }
  return out;
}
