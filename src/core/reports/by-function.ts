/**
 * The budget by municipal function (the Alignment sheet's "Budget by function" section): a report over the function
 * layer (tagging/functions.ts), kept with the reports so that the tagging code imports nothing from them.
 */
import { planCoverage, programFunctions, taxonomy, type LineTexts } from "../tagging/functions";
import { FUNCTION_WEIGHTS as W } from "../tagging/weights";
import type { BudgetLine, Plan } from "../types";
import { lineProgramIdMemo } from "./sheet";
import { splitCentsInto, toCents } from "./totals";

// ---------------------------------------------------------------------------------------------

export interface FunctionBudgetRow {
  id: string;
  label: string;
  /** Cents of the primary amount, split over each program's functions by their shares. */
  cents: number;
  programs: number;
  /** Plan nodes (goals, and priorities that have no goals) that cover the function, in plan order. */
  coveredBy: string[];
}

export interface FunctionBudget {
  /** Funded functions, largest first. */
  rows: FunctionBudgetRow[];
  /** Cents of programs whose texts name no function of the taxonomy, and how many programs. */
  unrecognised: { cents: number; programs: number };
  /** Goals none of whose covered functions has money: what they cover (labels), in plan order. */
  goalsWithoutFunding: { id: string; title: string; covers: string[] }[];
}

/** Plan nodes that count as "the goals" of a function: goals, and priorities that have no goals. */
function goalLevelNodes(plan: Plan): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  for (const p of plan.priorities) {
    if (!p.goals || p.goals.length === 0) out.push(p);
    else out.push(...p.goals);
  }
  return out;
}

/**
 * The run's budget by function as the reports show it: each line's primary amount in cents, lines of one program
 * (by department, division and program) sharing its function profile. The Alignment sheet's section and the JSON
 * report read the same one (ReportContext.functionBudget), computed once.
 */
export function linesByFunction(lines: readonly BudgetLine[], plan: Plan): FunctionBudget {
  const programId = lineProgramIdMemo();
  return budgetByFunction(
    lines,
    lines.map((l) => toCents(l.amount)),
    (i) => programId(lines[i]),
    plan
  );
}

/**
 * The budget by municipal function: each program's amount split over its functions, with the goals that cover each
 * function; and the goals that cover no funded function. `cents[i]` is line i's primary amount in cents and
 * `programKey(i)` its program key (lines of one program share their program's function profile).
 */
export function budgetByFunction(
  lines: readonly LineTexts[],
  cents: readonly number[],
  programKeyOf: (i: number) => string,
  plan: Plan
): FunctionBudget {
  const t = taxonomy();
  const index = new Map<string, number>();
  const programOfLine = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const k = programKeyOf(i);
    let n = index.get(k);
    if (n === undefined) index.set(k, (n = index.size));
    programOfLine[i] = n;
  }
  const profiles = programFunctions(lines, programOfLine, index.size);
  // Each program's shares in the form splitCents takes, made once per program rather than once per line.
  const shares = profiles.map((p) => p.shares.map((share) => ({ share })));
  const byFn = new Map<number, { cents: number; programs: Set<number> }>();
  const unrecognised = { cents: 0, programs: new Set<number>() };
  // Each program's entries in byFn (in the order of its functions), found once: a line adds its parts to them.
  const entries: { cents: number; programs: Set<number> }[][] = new Array(profiles.length);
  // A line's cents per function, refilled per line (no parts array and closure per line).
  const parts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const k = programOfLine[i];
    const p = profiles[k];
    if (p.fns.length === 0) {
      unrecognised.cents += cents[i];
      unrecognised.programs.add(k);
      continue;
    }
    let es = entries[k];
    if (!es) {
      es = entries[k] = p.fns.map((fn) => {
        let e = byFn.get(fn);
        if (!e) byFn.set(fn, (e = { cents: 0, programs: new Set() }));
        e.programs.add(k);
        return e;
      });
    }
    splitCentsInto(cents[i], shares[k], parts);
    for (let j = 0; j < es.length; j++) es[j].cents += parts[j];
  }
  const coverage = planCoverage(plan);
  const nodes = goalLevelNodes(plan);
  const coveredBy = (fn: number) =>
    nodes.filter((n) => (coverage.get(n.id)?.get(fn) ?? 0) >= W.fitCovered).map((n) => n.id);
  const rows = [...byFn.entries()]
    .filter(([, e]) => e.cents !== 0)
    .map(([fn, e]) => ({
      id: t.ids[fn],
      label: t.labels[fn],
      cents: e.cents,
      programs: e.programs.size,
      coveredBy: coveredBy(fn),
    }))
    .sort((a, b) => b.cents - a.cents || (a.id < b.id ? -1 : 1));
  const funded = new Set([...byFn.entries()].filter(([, e]) => e.cents > 0).map(([fn]) => fn));
  const goalsWithoutFunding = nodes
    .map((n) => {
      const own = [...(coverage.get(n.id) ?? new Map<number, number>()).entries()].filter(
        ([, w]) => w >= W.fitCovered
      );
      return { n, own };
    })
    .filter(({ own }) => !own.some(([fn]) => funded.has(fn)))
    .map(({ n, own }) => ({ id: n.id, title: n.title, covers: own.map(([fn]) => t.labels[fn]) }));
  return {
    rows,
    unrecognised: { cents: unrecognised.cents, programs: unrecognised.programs.size },
    goalsWithoutFunding,
  };
}
