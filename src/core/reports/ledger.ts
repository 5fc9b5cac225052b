/**
 * The budget summed by priority, by goal and by department, in cents, in one pass over the lines.
 * Each line's cents are split among its goals by share (see ./totals), so every bucket adds up to the lines.
 * Subgoal shares count toward their goal; a share on a priority itself counts toward the priority (a "whole
 * priority" row among the goals); a share naming an id the plan no longer has is kept apart ("not in the plan").
 */
import { goalsOf, planTargets } from "../plan/model";
import type { BudgetLine, LineTag, Plan, TagSource } from "../types";
import { programKeyMemo } from "./sheet";
import { splitCents, toCents, usableShares } from "./totals";

/** Bucket key for the part of the budget no goal carries. */
export const UNALIGNED = "\u0000unaligned";
/** Bucket key for shares that name an id the plan does not have. */
export const NOT_IN_PLAN = "\u0000not-in-plan";

export interface Bucket {
  /** Amount in cents (primary amount column). */
  cents: number;
  /** Lines with any part in this bucket (a split line counts in each of its buckets). */
  lines: number;
  programs: Set<string>;
  /** Cents per extra amount column (same order as Ledger.extraColumns). */
  extra: number[];
  /** Index of the last line counted, so a line counts once per bucket. */
  lastLine: number;
}

export interface GoalRow {
  /** Goal id, or the priority id for a "whole priority" row. */
  key: string;
  priorityId: string;
  kind: "goal" | "priority";
}

export interface Ledger {
  budgetCents: number;
  alignedCents: number;
  unalignedCents: number;
  lineCount: number;
  extraColumns: string[];
  /** Extra-column totals (cents) over all lines. */
  extraTotals: number[];
  byPriority: Map<string, Bucket>;
  byGoal: Map<string, Bucket>;
  /** Department → cents per priority id (and UNALIGNED, NOT_IN_PLAN). Departments in budget order. */
  byDepartment: Map<string, Map<string, number>>;
  bySource: Map<TagSource, { lines: number; cents: number }>;
  /** Goal (and subgoal) ids with at least one line allocated a non-zero amount. */
  fundedGoals: Set<string>;
}

export const NO_DEPARTMENT = "(no department)";

function newBucket(extra: number): Bucket {
  return {
    cents: 0,
    lines: 0,
    programs: new Set(),
    extra: new Array<number>(extra).fill(0),
    lastLine: -1,
  };
}

function add(
  map: Map<string, Bucket>,
  key: string,
  i: number,
  program: string,
  cents: number,
  extra: number[]
): void {
  let b = map.get(key);
  if (!b) map.set(key, (b = newBucket(extra.length)));
  b.cents += cents;
  for (let k = 0; k < extra.length; k++) b.extra[k] += extra[k];
  if (b.lastLine !== i) {
    b.lastLine = i;
    b.lines++;
    b.programs.add(program);
  }
}

/**
 * Sums the lines. `extraColumns` are AmountColumnSpec ids (adopted, revised, YTD …) split by the same shares.
 * tags[i] belongs to lines[i]; a missing tag counts as untagged.
 */
export function buildLedger(
  plan: Plan,
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  extraColumns: string[] = []
): Ledger {
  const where = new Map<string, { priorityId: string; goalKey: string; goalId: string | null }>();
  for (const t of planTargets(plan)) {
    if (where.has(t.id)) continue;
    where.set(t.id, {
      priorityId: t.priorityId,
      goalKey: t.goalId ?? t.priorityId,
      goalId: t.goalId,
    });
  }
  const ledger: Ledger = {
    budgetCents: 0,
    alignedCents: 0,
    unalignedCents: 0,
    lineCount: lines.length,
    extraColumns,
    extraTotals: extraColumns.map(() => 0),
    byPriority: new Map(),
    byGoal: new Map(),
    byDepartment: new Map(),
    bySource: new Map(),
    fundedGoals: new Set(),
  };
  const programKey = programKeyMemo();
  const nx = extraColumns.length;
  // Buffers reused line after line (add() copies what it is given).
  const extra = new Array<number>(nx).fill(0);
  const partExtra = new Array<number>(nx).fill(0);
  const restExtra = new Array<number>(nx).fill(0);
  const whole = (shares: readonly { share: number }[]) =>
    shares.length === 1 && Math.abs(shares[0].share - 1) < 1e-9;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tag = tags[i];
    const program = programKey(line);
    const cents = toCents(line.amount);
    ledger.budgetCents += cents;
    for (let k = 0; k < nx; k++) {
      extra[k] = toCents(line.amounts?.[extraColumns[k]]);
      ledger.extraTotals[k] += extra[k];
    }
    const source: TagSource = tag?.source ?? "none";
    let src = ledger.bySource.get(source);
    if (!src) ledger.bySource.set(source, (src = { lines: 0, cents: 0 }));
    src.lines++;
    src.cents += cents;

    const dept = line.department || NO_DEPARTMENT;
    let deptRow = ledger.byDepartment.get(dept);
    if (!deptRow) ledger.byDepartment.set(dept, (deptRow = new Map()));

    const shares = usableShares(tag?.goals);
    let rest = cents;
    restExtra.fill(0);
    if (shares.length === 0) {
      for (let k = 0; k < nx; k++) restExtra[k] = extra[k];
    } else {
      const fast = whole(shares);
      const split = fast ? null : splitCents(cents, shares);
      const extraSplits = fast ? null : extra.map((c) => splitCents(c, shares));
      rest = split ? split.rest : 0;
      if (extraSplits) for (let k = 0; k < nx; k++) restExtra[k] = extraSplits[k].rest;
      for (let j = 0; j < shares.length; j++) {
        const info = where.get(shares[j].id);
        const part = split ? split.parts[j] : cents;
        for (let k = 0; k < nx; k++)
          partExtra[k] = extraSplits ? extraSplits[k].parts[j] : extra[k];
        const pKey = info ? info.priorityId : NOT_IN_PLAN;
        add(ledger.byPriority, pKey, i, program, part, partExtra);
        add(ledger.byGoal, info ? info.goalKey : NOT_IN_PLAN, i, program, part, partExtra);
        deptRow.set(pKey, (deptRow.get(pKey) ?? 0) + part);
        ledger.alignedCents += part;
        if (info && part !== 0) {
          if (info.goalId) ledger.fundedGoals.add(info.goalId);
          ledger.fundedGoals.add(shares[j].id);
        }
      }
    }
    let restAny = shares.length === 0 || rest !== 0;
    for (let k = 0; k < nx && !restAny; k++) restAny = restExtra[k] !== 0;
    if (restAny) {
      add(ledger.byPriority, UNALIGNED, i, program, rest, restExtra);
      add(ledger.byGoal, UNALIGNED, i, program, rest, restExtra);
      deptRow.set(UNALIGNED, (deptRow.get(UNALIGNED) ?? 0) + rest);
    }
  }
  ledger.unalignedCents = ledger.budgetCents - ledger.alignedCents;
  return ledger;
}

/** Rows of the by-goal table in plan order: each priority's goals, then a "whole priority" row when it has money. */
export function goalRows(plan: Plan, ledger: Ledger): GoalRow[] {
  const rows: GoalRow[] = [];
  const seen = new Set<string>();
  for (const p of plan.priorities) {
    for (const g of goalsOf(p)) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      rows.push({ key: g.id, priorityId: p.id, kind: "goal" });
    }
    if (ledger.byGoal.has(p.id) && !seen.has(p.id)) {
      seen.add(p.id);
      rows.push({ key: p.id, priorityId: p.id, kind: "priority" });
    }
  }
  return rows;
}
