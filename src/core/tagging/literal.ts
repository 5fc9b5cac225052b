/**
 * Literal evidence: a goal, subgoal or action whose own words name a program ("Reduce fire risk through prevention
 * and inspections" for "Fire Prevention and Inspections"; "Continue support of the Mobile Support Team" for "Mobile
 * Support Team") is the strongest evidence the plan can give, stronger than any topical match. The plan's authors
 * wrote the program into the goal; a clerk expects the goal that names it.
 *
 * A program's distinctive words are the words of its name that say what it is (not "services", "operations",
 * "administration": the weak words of text.ts), each weighted by how rare it is among the budget's program names
 * (a word every program of a department shares says little). A node names the program when it holds words carrying
 * at least LITERAL.share of that weight, at least two of them (or the one word of a one-word name that no other
 * program uses). An action names the program for the goal or subgoal it belongs to. An action or goal about a
 * facility or capital project ("Complete the Police facility conceptual design") names the capital work on it, not
 * the operating program, so it counts only for a program whose own name is capital work.
 *
 * Where two priorities name the program equally well, neither is literal evidence (the plan is ambiguous; the
 * topical and function evidence decides).
 */
import type { Plan } from "../types";
import { concepts, type CompiledConcepts } from "./concepts";
import { stems as textStems, tokenize, WEAK_WORDS } from "./text";
import { LITERAL } from "./weights";

export interface LiteralMatch {
  /** The goal or subgoal to tag (an action's goal or subgoal). */
  nodeId: string;
  priorityId: string;
  /** The node whose words name the program (the target itself, or one of its actions). */
  namedBy: string;
  /** The program's words the node holds, as the program name spells them. */
  words: string[];
  /** Share of the name's distinctive weight the node holds (0–1). */
  share: number;
}

const CAPITAL = new Set(
  textStems(
    "facility facilities construction construct design renovation renovate expansion building buildings station stations capital improvement improvements replacement"
  )
);

interface NodeWords {
  targetId: string;
  priorityId: string;
  namedBy: string;
  stems: Set<string>;
  capital: boolean;
}

function nodeWords(plan: Plan): NodeWords[] {
  const out: NodeWords[] = [];
  const add = (
    targetId: string,
    priorityId: string,
    n: { id: string; title: string; description?: string; keywords?: string[] }
  ) => {
    const s = new Set<string>();
    for (const text of [n.title, n.description ?? "", ...(n.keywords ?? [])])
      for (const st of textStems(text)) s.add(st);
    const titleStems = textStems(n.title);
    out.push({
      targetId,
      priorityId,
      namedBy: n.id,
      stems: s,
      capital: titleStems.some((st) => CAPITAL.has(st)),
    });
  };
  for (const p of plan.priorities)
    for (const g of p.goals ?? []) {
      add(g.id, p.id, g);
      for (const a of g.actions ?? []) add(g.id, p.id, a);
      for (const s of g.subgoals ?? []) {
        add(s.id, p.id, s);
        for (const a of s.actions ?? []) add(s.id, p.id, a);
      }
    }
  return out;
}

/** Per compiled taxonomy: how many of its functions use each stem in any of their words or phrases. */
const functionsPerStem = new WeakMap<CompiledConcepts, Map<string, number>>();

/** A word the taxonomy uses for more than one function ("emergency": fire, medical, dispatch, disasters). */
function ambiguous(stem: string, c: CompiledConcepts): boolean {
  let counts = functionsPerStem.get(c);
  if (!counts) {
    const sets = new Map<string, Set<string>>();
    const note = (st: string, fns: Iterable<string>) => {
      let set = sets.get(st);
      if (!set) sets.set(st, (set = new Set()));
      for (const f of fns) if (!f.startsWith("area:")) set.add(f);
    };
    for (const [st, hits] of c.single) note(st, hits.keys());
    for (const list of c.phrases.values())
      for (const e of list) for (const st of e.stems) note(st, e.concepts.keys());
    functionsPerStem.set(c, (counts = new Map([...sets].map(([st, set]) => [st, set.size]))));
  }
  return (counts.get(stem) ?? 0) > 1;
}

/** The words of a program name that say what it is, stem → the word as written (first seen). */
function distinctive(name: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokenize(name))
    if (!WEAK_WORDS.has(t.stem) && !out.has(t.stem)) out.set(t.stem, t.word);
  return out;
}

/**
 * For each program name (in the order given), the plan node whose own words name it, or null. Names are compared
 * once each: a budget of 100,000 lines has a few thousand programs at most.
 */
export function literalMatches(
  names: readonly string[],
  plan: Plan,
  compiled: CompiledConcepts = concepts()
): (LiteralMatch | null)[] {
  const nodes = nodeWords(plan);
  if (nodes.length === 0) return names.map(() => null);
  const parsed = names.map(distinctive);
  // The nodes that hold each stem: a node holding none of a name's words has share 0 and never names it, so only the
  // nodes holding one of them are looked at (in node order, as before: the same best and the same ties).
  const nodesByStem = new Map<string, number[]>();
  nodes.forEach((node, i) => {
    for (const st of node.stems) {
      const list = nodesByStem.get(st);
      if (list) list.push(i);
      else nodesByStem.set(st, [i]);
    }
  });
  const mark = new Uint8Array(nodes.length);
  // How many program names use each stem: rarer words say more about the one program that has them.
  const df = new Map<string, number>();
  for (const d of parsed) for (const st of d.keys()) df.set(st, (df.get(st) ?? 0) + 1);
  const n = Math.max(1, names.length);
  const weight = (st: string) => Math.log(1 + n / (df.get(st) ?? 1));
  return parsed.map((d, k) => {
    if (d.size === 0) return null;
    let total = 0;
    for (const st of d.keys()) total += weight(st);
    const capitalName = textStems(names[k]).some((st) => CAPITAL.has(st));
    // A one-word name ("Zoning", "Aquatics") is literal evidence only where the word is the program's own: no other
    // program of the budget uses it, and it does not name several kinds of work ("emergency": fire, medical,
    // dispatch, disasters).
    const only = d.size === 1 ? [...d.keys()][0] : "";
    const oneWord = only !== "" && (df.get(only) ?? 0) === 1 && !ambiguous(only, compiled);
    let best: { node: NodeWords; share: number; held: string[] } | null = null;
    let tied = false;
    // (Were LITERAL.share 0, every node would be looked at.)
    const candidates: number[] = LITERAL.share > 0 ? [] : nodes.map((_, i) => i);
    if (LITERAL.share > 0)
      for (const st of d.keys())
        for (const i of nodesByStem.get(st) ?? [])
          if (!mark[i]) {
            mark[i] = 1;
            candidates.push(i);
          }
    candidates.sort((a, b) => a - b);
    for (const i of candidates) mark[i] = 0;
    for (const i of candidates) {
      const node = nodes[i];
      if (node.capital && !capitalName) continue;
      let w = 0;
      const held: string[] = [];
      for (const [st, word] of d) {
        if (!node.stems.has(st)) continue;
        w += weight(st);
        held.push(word);
      }
      const share = total > 0 ? w / total : 0;
      const enough = share >= LITERAL.share && (held.length >= 2 || (d.size === 1 && oneWord));
      if (!enough) continue;
      if (!best || share > best.share + 1e-9) {
        best = { node, share, held };
        tied = false;
      } else if (Math.abs(share - best.share) <= 1e-9 && node.priorityId !== best.node.priorityId)
        tied = true;
    }
    if (!best || tied) return null;
    return {
      nodeId: best.node.targetId,
      priorityId: best.node.priorityId,
      namedBy: best.node.namedBy,
      words: best.held,
      share: best.share,
    };
  });
}
