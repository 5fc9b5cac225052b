/**
 * The parts of the `--json` report beyond its lines (a documented, versioned contract: docs/report.schema.json):
 * the plan's IDs and titles, the run's figures (./figures), totals by priority, goal, department and function, the
 * Review list with its answers, the Programs sheet's scores and quartiles, and the warnings grouped by kind.
 * Every amount is in dollars, from cents added once.
 */
import { groupIssues, type IssueGroup } from "../issue-groups";
import { planTargets } from "../plan/model";
import { linesByFunction } from "./by-function";
import type { Issue, Plan } from "../types";
import type { ReportContext } from "./context";
import type { Count, Figures } from "./figures";
import { buildLedger, goalRows, NOT_IN_PLAN, UNALIGNED, type Bucket } from "./ledger";
import type { Inventory } from "./program-inventory";
import { fromCents } from "./totals";

/** Bumped when a field changes meaning; fields are only ever added within a version. */
export const REPORT_SCHEMA_VERSION = 2;
/** Where the schema lives in the repository. */
export const REPORT_SCHEMA = "docs/report.schema.json";

export interface CountJson {
  programs: number;
  lines: number;
  amount: number;
}

const count = (c: Count): CountJson => ({
  programs: c.programs,
  lines: c.lines,
  amount: fromCents(c.cents),
});

/** The figures as `--json` gives them (dollars). */
export function figuresJson(f: Figures) {
  return {
    budget: fromCents(f.budgetCents),
    aligned: fromCents(f.alignedCents),
    unaligned: fromCents(f.unalignedCents),
    lines: f.lines,
    programs: f.programs,
    onReview: f.onReview,
    fitsNoGoal: count(f.fitsNoGoal),
    partlyUntagged: count(f.partlyUntagged),
    lowConfidence: count(f.lowConfidence),
    untagged: count(f.untagged),
    nonProgram: {
      ...count(f.nonProgram),
      confirmed: {
        lines: f.nonProgram.confirmed.lines,
        amount: fromCents(f.nonProgram.confirmed.cents),
      },
      byKind: f.nonProgram.byKind.map((k) => ({
        kind: k.kind,
        label: k.label,
        lines: k.lines,
        amount: fromCents(k.cents),
        confirmedLines: k.confirmedLines,
        confirmedAmount: fromCents(k.confirmedCents),
      })),
    },
    untaggedZeroLines: f.untaggedZeroLines,
    unallocatedShare: fromCents(f.unallocatedShareCents),
    answers: {
      total: f.answers.total,
      read: f.answers.read,
      changed: f.answers.changed,
      byResponse: f.answers.byResponse.map((r) => ({
        response: r.response,
        programs: r.programs,
        amount: fromCents(r.cents),
      })),
    },
  };
}

/** The plan's priorities, goals and subgoals with their IDs and titles. */
export function planJson(plan: Plan | null) {
  return {
    name: plan?.name ?? "",
    priorities: plan?.priorities.length ?? 0,
    goals: plan ? plan.priorities.reduce((n, p) => n + p.goals.length, 0) : 0,
    adopted: plan?.adopted ?? null,
    fiscalYearStart: plan?.fiscalYearStart ?? null,
    targets: plan
      ? planTargets(plan).map((t) => ({
          id: t.id,
          level: t.level,
          title: t.title,
          priorityId: t.priorityId,
          goalId: t.goalId,
        }))
      : [],
  };
}

const bucketJson = (b: Bucket | undefined) => ({
  amount: fromCents(b?.cents ?? 0),
  lines: b?.lines ?? 0,
  programs: b?.programs.size ?? 0,
});

/** Totals by priority, goal, department and function: the Alignment sheet's tables, as data. */
export function totalsByJson(ctx: ReportContext) {
  const { plan, budget, tags } = ctx;
  const ledger = buildLedger(plan, budget.lines, tags);
  const title = new Map(planTargets(plan).map((t) => [t.id, t.title]));
  const special = (k: string) =>
    k === UNALIGNED ? "unaligned" : k === NOT_IN_PLAN ? "notInPlan" : null;
  const keys = [...plan.priorities.map((p) => p.id), NOT_IN_PLAN, UNALIGNED];
  const priority = keys
    .filter((k) => k === UNALIGNED || ledger.byPriority.has(k) || special(k) === null)
    .map((k) => ({
      id: special(k) ? null : k,
      kind: special(k) ?? "priority",
      title: special(k) ? null : (title.get(k) ?? k),
      ...bucketJson(ledger.byPriority.get(k)),
    }));
  const goal = [
    ...goalRows(plan, ledger).map((g) => ({
      id: g.key,
      kind: g.kind === "priority" ? "wholePriority" : "goal",
      title: title.get(g.key) ?? g.key,
      priorityId: g.priorityId,
      ...bucketJson(ledger.byGoal.get(g.key)),
    })),
    ...[NOT_IN_PLAN, UNALIGNED]
      .filter((k) => ledger.byGoal.has(k))
      .map((k) => ({
        id: null,
        kind: special(k)!,
        title: null,
        priorityId: null,
        ...bucketJson(ledger.byGoal.get(k)),
      })),
  ];
  const department = [...ledger.byDepartment].map(([name, row]) => {
    let cents = 0;
    const byPriority: Record<string, number> = {};
    for (const [k, c] of row) {
      cents += c;
      byPriority[special(k) ?? k] = fromCents(c);
    }
    return { department: name, amount: fromCents(cents), byPriority };
  });
  const fb = ctx.functionBudget ?? linesByFunction(budget.lines, plan);
  const functions = [
    ...fb.rows.map((r) => ({
      id: r.id as string | null,
      label: r.label,
      amount: fromCents(r.cents),
      programs: r.programs,
      coveredBy: r.coveredBy,
    })),
    ...(fb.unrecognised.cents !== 0 || fb.unrecognised.programs > 0
      ? [
          {
            id: null,
            label: "(no function recognised)",
            amount: fromCents(fb.unrecognised.cents),
            programs: fb.unrecognised.programs,
            coveredBy: [] as string[],
          },
        ]
      : []),
  ];
  return { priority, goal, department, function: functions };
}

/** The Review sheet's programs, as listed there, with their answers and conflicts. */
export function reviewJson(ctx: ReportContext, f: Figures) {
  const out = [];
  for (const p of f.byProgram.values()) {
    const a = ctx.reviewAnswers[p.key] as ReportContext["reviewAnswers"][string] | undefined;
    const own = Object.prototype.hasOwnProperty.call(ctx.reviewAnswers, p.key) ? a : undefined;
    if (!p.reason && !own) continue;
    out.push({
      programKey: p.key,
      department: p.department,
      program: p.program,
      reason: p.reason ?? "answeredEarlier",
      lines: p.review.lines,
      amount: fromCents(p.review.cents),
      nearest: p.review.nearest
        ? { id: p.review.nearest.id, confidence: p.review.nearest.confidence }
        : null,
      answer: own
        ? {
            response: String(own.response ?? ""),
            goalId: own.goalId ?? null,
            justification: own.justification ?? null,
            reviewer: own.reviewer ?? null,
            date: own.date ?? null,
          }
        : null,
      conflict:
        ctx.conflicts && Object.prototype.hasOwnProperty.call(ctx.conflicts, p.key)
          ? ctx.conflicts[p.key]
          : null,
    });
  }
  return out;
}

/** The Programs sheet's programs: cost, score per priority, total score and quartile (as written; formulas redo them). */
export function programsJson(inv: Inventory) {
  return inv.programs.map((p) => ({
    programKey: p.key,
    department: p.department,
    program: p.program,
    lines: p.lines,
    cost: fromCents(p.cents),
    scores: Object.fromEntries(inv.priorities.map((pr, i) => [pr.id, p.scores[i]])),
    totalScore: p.total,
    quartile: p.quartile,
  }));
}

/** Warnings (and notes) grouped by kind, with counts. */
export function warningsJson(issues: readonly Issue[]): IssueGroup[] {
  return groupIssues(issues, ["warning", "info"]);
}
