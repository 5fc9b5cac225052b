/**
 * For goals the budget does not fund: the funded programs nearest to each, so the analyst can see at once
 * whether the goal is truly unfunded or the tagging missed it.
 *
 * A program's nearness to a goal is the better of two measures, both 0..1: the tagger's own score for the goal
 * when it was among a line's ranked candidates, and the overlap of the words (stems, without stop words) of the
 * program's name and line descriptions with the goal's title, description, keywords and subgoals (cosine of the
 * two word sets). The shared words are kept to say why.
 */
import { goalsOf } from "../plan/model";
import { STOP_WORDS, stems } from "../tagging/text";
import type { BudgetLine, Goal, LineTag, Plan } from "../types";
import { programKeyMemo } from "./sheet";
import { toCents } from "./totals";

export interface NearProgram {
  department: string;
  program: string;
  /** The program's funded amount (lines tagged to a goal), in cents. */
  cents: number;
  /** 0..1. */
  fit: number;
  /** The goal most of its funded amount is tagged to now. */
  taggedTo: string;
  /** Words the program and the goal share (as written in the goal), at most three. */
  shared: string[];
}

/** Programs read per program for their words: enough for a program's vocabulary, bounded for big budgets. */
const TEXTS_PER_PROGRAM = 40;

interface ProgramWords {
  department: string;
  program: string;
  cents: number;
  byGoal: Map<string, number>;
  stems: Set<string>;
  texts: number;
  /** Best tagger score per goal among its lines' candidates. */
  scores: Map<string, number>;
  /** mostFundedGoal of byGoal, once it is asked for (the same for every goal the program is near). */
  taggedTo?: string;
}

/** Per stem of any of the goals: the positions in `funded` of the programs whose words hold it, in order. */
function stemPostings(
  funded: readonly ProgramWords[],
  goals: Iterable<{ stems: Set<string> }>
): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  for (const g of goals) for (const s of g.stems) postings.set(s, []);
  funded.forEach((p, i) => {
    for (const s of p.stems) postings.get(s)?.push(i);
  });
  return postings;
}

/** The goal with the most cents (the first in id order on a tie); "" for none. */
function mostFundedGoal(byGoal: Map<string, number>): string {
  let taggedTo = "";
  let most = -Infinity;
  for (const [g, c] of byGoal)
    if (c > most || (c === most && g < taggedTo)) [taggedTo, most] = [g, c];
  return taggedTo;
}

function goalText(goal: Goal): string {
  const parts = [goal.title, goal.description ?? "", ...(goal.keywords ?? [])];
  for (const sg of goal.subgoals ?? [])
    parts.push(sg.title, sg.description ?? "", ...(sg.keywords ?? []));
  return parts.join(" ");
}

function stemSet(text: string, into = new Set<string>()): Set<string> {
  for (const s of stems(text)) if (s.length > 2 && !STOP_WORDS.has(s)) into.add(s);
  return into;
}

/**
 * The `limit` nearest funded programs of each goal in `goalIds`, best first; goals with none that share a word
 * or a candidate score get an empty list.
 */
export function nearestFundedPrograms(
  plan: Plan,
  lines: BudgetLine[],
  tags: (LineTag | undefined)[],
  goalIds: Set<string>,
  limit = 3
): Map<string, NearProgram[]> {
  const out = new Map<string, NearProgram[]>();
  if (goalIds.size === 0) return out;
  const keyOf = programKeyMemo();
  const programs = new Map<string, ProgramWords>();
  const seenText = new Map<string, Set<string>>();
  // A description's stems, read once per distinct text (a budget repeats its descriptions across programs).
  const descriptionStems = new Map<string, string[]>();
  // The program and candidate list of the line before: the lines of a program come together, and those that follow
  // their program share its tag's candidates (one frozen list), whose best scores the first of them has given.
  let lastKey = "";
  let lastP: ProgramWords | undefined;
  let lastCandidates: LineTag["candidates"] = undefined;
  for (let i = 0; i < lines.length; i++) {
    const tag = tags[i];
    if (!tag || tag.goals.length === 0) continue;
    const line = lines[i];
    const key = keyOf(line);
    let p = key === lastKey ? lastP : programs.get(key);
    if (!p) {
      p = {
        department: line.department,
        program: line.program || line.division || line.department,
        cents: 0,
        byGoal: new Map(),
        stems: stemSet(`${line.program} ${line.division}`),
        texts: 0,
        scores: new Map(),
      };
      programs.set(key, p);
    }
    const cents = toCents(line.amount);
    p.cents += cents;
    for (const g of tag.goals)
      p.byGoal.set(g.id, (p.byGoal.get(g.id) ?? 0) + Math.round(cents * g.share));
    if (p !== lastP || tag.candidates !== lastCandidates)
      for (const c of tag.candidates ?? [])
        if (goalIds.has(c.id) && c.score > (p.scores.get(c.id) ?? 0)) p.scores.set(c.id, c.score);
    lastKey = key;
    lastP = p;
    lastCandidates = tag.candidates;
    if (p.texts < TEXTS_PER_PROGRAM && line.description) {
      let seen = seenText.get(key);
      if (!seen) seenText.set(key, (seen = new Set()));
      if (!seen.has(line.description)) {
        seen.add(line.description);
        p.texts++;
        let words = descriptionStems.get(line.description);
        if (!words)
          descriptionStems.set(line.description, (words = [...stemSet(line.description)]));
        for (const w of words) p.stems.add(w);
      }
    }
  }

  const titleOf = new Map<string, string>();
  const goals = new Map<string, Goal>();
  for (const pr of plan.priorities)
    for (const g of goalsOf(pr)) {
      titleOf.set(g.id, g.title ? `${g.id} ${g.title}` : g.id);
      for (const sg of g.subgoals ?? [])
        titleOf.set(sg.id, sg.title ? `${sg.id} ${sg.title}` : sg.id);
      goals.set(g.id, g);
    }

  // Funded programs in the order they were met, and per goal stem the ones whose words hold it: a goal is compared
  // with the programs that share one of its words or have a tagger score for it (the rest have fit 0), not with
  // every program (goals × programs × the goal's words before).
  const funded = [...programs.values()].filter((p) => p.cents > 0);
  const goalTexts = new Map<string, { text: string; stems: Set<string> }>();
  for (const id of goalIds) {
    const goal = goals.get(id);
    if (!goal) continue;
    const text = goalText(goal);
    goalTexts.set(id, { text, stems: stemSet(text) });
  }
  const postings = stemPostings(funded, goalTexts.values());
  const scoredBy = new Map<string, number[]>();
  funded.forEach((p, i) => {
    for (const goalId of p.scores.keys()) {
      const list = scoredBy.get(goalId);
      if (list) list.push(i);
      else scoredBy.set(goalId, [i]);
    }
  });

  for (const [id, { text, stems: gStems }] of goalTexts) {
    // The goal's own words for each stem, to say which words are shared as the plan writes them.
    const wordOf = new Map<string, string>();
    for (const w of text.split(/[^\p{L}\p{N}]+/u)) {
      if (!w) continue;
      for (const s of stemSet(w)) if (!wordOf.has(s)) wordOf.set(s, w.toLowerCase());
    }
    // Per program sharing a word: the shared stems, in the goal's order.
    const sharedOf = new Map<number, string[]>();
    for (const s of gStems)
      for (const i of postings.get(s) ?? []) {
        const list = sharedOf.get(i);
        if (list) list.push(s);
        else sharedOf.set(i, [s]);
      }
    const candidates = new Set(sharedOf.keys());
    for (const i of scoredBy.get(id) ?? []) candidates.add(i);
    // Ranked by program position and rounded fit; only the `limit` kept are written out as NearPrograms (a goal's
    // words can be shared by thousands of programs).
    const ranked: { i: number; fit: number }[] = [];
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const p = funded[i];
      const shared = sharedOf.get(i);
      const overlap =
        gStems.size && p.stems.size
          ? (shared?.length ?? 0) / Math.sqrt(gStems.size * p.stems.size)
          : 0;
      const fit = Math.max(overlap, p.scores.get(id) ?? 0);
      if (fit <= 0) continue;
      ranked.push({ i, fit: Math.round(fit * 1000) / 1000 });
    }
    ranked.sort((x, y) => {
      const a = funded[x.i];
      const b = funded[y.i];
      return (
        y.fit - x.fit ||
        b.cents - a.cents ||
        a.department.localeCompare(b.department) ||
        a.program.localeCompare(b.program)
      );
    });
    out.set(
      id,
      ranked.slice(0, limit).map(({ i, fit }) => {
        const p = funded[i];
        const taggedTo = (p.taggedTo ??= mostFundedGoal(p.byGoal));
        return {
          department: p.department,
          program: p.program,
          cents: p.cents,
          fit,
          taggedTo: titleOf.get(taggedTo) ?? taggedTo,
          shared: (sharedOf.get(i) ?? []).slice(0, 3).map((s) => wordOf.get(s) ?? s),
        };
      })
    );
  }
  return out;
}
