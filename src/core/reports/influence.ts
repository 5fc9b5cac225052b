/**
 * Suggested influence scores of priority-based budgeting: for each program and each priority, a suggested 0–4
 * (4 essential, 3 strong influence, 2 some, 1 minimal, 0 none) with the evidence in plain words. The rule:
 * - 4 where a goal, subgoal or action of the priority names the program or its distinctive work: every
 *   distinctive word of the program's name (not generic words such as "services" or "administration") in the
 *   text of one plan node;
 * - 3 where the priority covers the program's main function (the function layer: what the program pays for, and
 *   which plan nodes cover each function) and the tagger put part of the program's money on the priority (a plan
 *   that mentions "every neighborhood" in passing reaches neighborhood services in words only);
 * - 2 where it covers a secondary function of the program, or covers the main one only weakly (money tagged too);
 * - 1 for a topical match only: the tagger put part of the program's money on the priority, by words;
 * - 0 otherwise.
 * A program can score on several priorities. Pure: the plan, each program's name and tagged money, and the function
 * layer's results in; scores and evidence out. The function layer is reached only through `functionLayer` below.
 */
import { programFunctions, planCoverage, taxonomy, type Coverage } from "../tagging/functions";
import type { FunctionProfile } from "../tagging/functions";
import type { Action, Plan, PlanNodeBase } from "../types";

/** A priority covers a function when some node of it covers the function at least this much (0–1). */
export const COVERS = 0.6;
/** Below COVERS but at least this: the priority covers the function weakly. */
export const COVERS_WEAKLY = 0.4;
/** The tagger's money on a priority counts as a topical match from this share of the program's money. */
export const TOPICAL_SHARE = 0.1;

/** Words of a program's name that say nothing distinctive about its work. */
const GENERIC = new Set(
  (
    "a an and as at by for from in of on or the to with city county town village municipal public general " +
    "administration administrative admin services service operations operation operating program programs " +
    "division department dept office offices support management fund funds misc miscellaneous other special " +
    "project projects internal contractual costs cost expenses expense supplies personnel staff non " +
    "departmental citywide total various reserve reserves transfers transfer community center centre " +
    "unit units section bureau agency team director directors main new"
  ).split(" ")
);

/** A word as the name match compares it: lower case, a plural "s" dropped. */
function wordForm(w: string): string {
  const x = w.toLowerCase();
  if (x.length > 4 && x.endsWith("ies")) return x.slice(0, -3) + "y";
  if (x.length > 3 && x.endsWith("s") && !x.endsWith("ss")) return x.slice(0, -1);
  return x;
}

function words(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(wordForm);
}

/** The distinctive words of a program's name (none when every word is generic). */
export function distinctiveWords(program: string): string[] {
  return [...new Set(words(program).filter((w) => w.length > 2 && !GENERIC.has(w)))];
}

/** One plan node's text as the name match reads it. */
interface NodeWords {
  id: string;
  title: string;
  words: Set<string>;
}

/** Per priority, the ids of its goals and subgoals (coverage is kept per node) and its nodes' words. */
export interface PriorityEvidence {
  id: string;
  nodeIds: string[];
  nodes: NodeWords[];
}

function nodeWords(n: PlanNodeBase & Partial<Action>): NodeWords {
  const set = new Set<string>();
  for (const t of [n.title, n.description, ...(n.keywords ?? []), n.measure])
    for (const w of words(t)) set.add(w);
  return { id: n.id, title: n.title, words: set };
}

/** What the name match and the coverage look-up need of each priority, computed once per plan. */
export function priorityEvidence(plan: Plan): PriorityEvidence[] {
  return plan.priorities.map((p) => {
    const nodeIds = [p.id];
    const nodes: NodeWords[] = [];
    for (const g of p.goals ?? []) {
      nodeIds.push(g.id);
      nodes.push(nodeWords(g));
      for (const a of g.actions ?? []) nodes.push(nodeWords(a));
      for (const s of g.subgoals ?? []) {
        nodeIds.push(s.id);
        nodes.push(nodeWords(s));
        for (const a of s.actions ?? []) nodes.push(nodeWords(a));
      }
    }
    return { id: p.id, nodeIds, nodes };
  });
}

/** What the scorer knows of one program. */
export interface InfluenceInput {
  program: string;
  /** Share of the program's money (by absolute amount) the tagger put on each priority, plan order. */
  taggedShare: number[];
  /** What the program pays for (the function layer). */
  profile: FunctionProfile;
}

export interface Influence {
  score: number;
  /** Why, in plain words ("" for 0). */
  evidence: string;
}

/** The best coverage of function `fn` by any node of the priority, and that node's id. */
function bestCover(
  coverage: Coverage,
  pr: PriorityEvidence,
  fn: number
): { value: number; node: string } {
  let best = { value: 0, node: pr.id };
  for (const id of pr.nodeIds) {
    const v = coverage.get(id)?.get(fn) ?? 0;
    if (v > best.value) best = { value: v, node: id };
  }
  return best;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The suggested score of one program on one priority, with its evidence. */
export function influenceOn(
  input: InfluenceInput,
  pr: PriorityEvidence,
  j: number,
  coverage: Coverage,
  labels: readonly string[]
): Influence {
  const distinct = distinctiveWords(input.program);
  if (distinct.length > 0) {
    const named = pr.nodes.find((n) => distinct.every((w) => n.words.has(w)));
    if (named)
      return {
        score: 4,
        evidence: `4: ${named.id} "${named.title}" names the program's work ("${distinct.join('", "')}").`,
      };
  }
  const share = input.taggedShare[j] ?? 0;
  const tagged = share >= TOPICAL_SHARE;
  const fns = input.profile.fns;
  if (fns.length > 0) {
    // Coverage says what the plan's words reach; the tagger's money on the priority corroborates it (a goal that
    // mentions "every neighborhood" in passing reaches neighborhood services, but no line was tagged to it).
    const main = bestCover(coverage, pr, fns[0]);
    if (main.value >= COVERS && tagged)
      return {
        score: 3,
        evidence: `3: ${main.node} covers its main function, ${labels[fns[0]]} (${pct(share)} of its money tagged there).`,
      };
    for (let k = 1; k < fns.length && tagged; k++) {
      const other = bestCover(coverage, pr, fns[k]);
      if (other.value >= COVERS)
        return {
          score: 2,
          evidence: `2: ${other.node} covers a secondary function, ${labels[fns[k]]} (${pct(input.profile.shares[k])} of what it pays for).`,
        };
    }
    if (main.value >= COVERS_WEAKLY && tagged)
      return {
        score: 2,
        evidence: `2: ${main.node} touches its main function, ${labels[fns[0]]}, without naming it.`,
      };
  }
  if (tagged)
    return {
      score: 1,
      evidence: `1: topical match only (${pct(share)} of its money tagged to ${pr.id} by word match).`,
    };
  return { score: 0, evidence: "" };
}

/** Suggested scores of every program (rows) on every priority (columns, plan order). */
export function influenceScores(
  plan: Plan,
  programs: readonly InfluenceInput[],
  coverage: Coverage,
  labels: readonly string[]
): Influence[][] {
  const evidence = priorityEvidence(plan);
  return programs.map((p) => evidence.map((pr, j) => influenceOn(p, pr, j, coverage, labels)));
}

/**
 * The function layer's results the scorer needs, from src/core/tagging/functions.ts (read-only use of its
 * exported API: programFunctions, planCoverage, taxonomy().labels). This is the one place that calls it.
 */
export function functionLayer(
  plan: Plan,
  lines: Parameters<typeof programFunctions>[0],
  programOfLine: Int32Array,
  programCount: number
): { profiles: FunctionProfile[]; coverage: Coverage; labels: readonly string[] } {
  return {
    profiles: programFunctions(lines, programOfLine, programCount),
    coverage: planCoverage(plan),
    labels: taxonomy().labels,
  };
}
