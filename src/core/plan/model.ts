/**
 * The strategic plan as a tree: plan → priorities → goals → subgoals → actions.
 * Flattened views (targets, actions), look-ups by id, and resolving what a person typed
 * ("G1.2", "1.2", "G1.2 — Reduce response times", or a title) to a plan node id.
 */
import { normName } from "../keys";
import type {
  Action,
  Goal,
  Plan,
  PlanLevel,
  PlanNodeBase,
  PlanTarget,
  Priority,
  Subgoal,
} from "../types";

export const PLAN_SHEET_NAME = "Strategic Plan";

/** Separator used in display paths: "Safe City › Reduce response times". */
export const PATH_SEPARATOR = " › ";

/** Any node of the plan with its level and the ids of the nodes above it. */
export interface PlanNodeEntry {
  node: PlanNodeBase;
  level: PlanLevel;
  priorityId: string;
  goalId: string | null;
  subgoalId: string | null;
  /** Id of the node directly above (null for a priority). */
  parentId: string | null;
  /** Titles from the priority down to this node. */
  titles: string[];
}

/** Every node of the plan, depth first in plan order (a goal's subgoals, each with its actions, then the goal's own actions). */
export function planNodes(plan: Plan): PlanNodeEntry[] {
  const out: PlanNodeEntry[] = [];
  for (const p of plan.priorities) {
    out.push({
      node: p,
      level: "priority",
      priorityId: p.id,
      goalId: null,
      subgoalId: null,
      parentId: null,
      titles: [p.title],
    });
    for (const g of p.goals ?? []) {
      const gTitles = [p.title, g.title];
      out.push({
        node: g,
        level: "goal",
        priorityId: p.id,
        goalId: g.id,
        subgoalId: null,
        parentId: p.id,
        titles: gTitles,
      });
      for (const s of g.subgoals ?? []) {
        const sTitles = [...gTitles, s.title];
        out.push({
          node: s,
          level: "subgoal",
          priorityId: p.id,
          goalId: g.id,
          subgoalId: s.id,
          parentId: g.id,
          titles: sTitles,
        });
        for (const a of s.actions ?? []) {
          out.push({
            node: a,
            level: "action",
            priorityId: p.id,
            goalId: g.id,
            subgoalId: s.id,
            parentId: s.id,
            titles: [...sTitles, a.title],
          });
        }
      }
      for (const a of g.actions ?? []) {
        out.push({
          node: a,
          level: "action",
          priorityId: p.id,
          goalId: g.id,
          subgoalId: null,
          parentId: g.id,
          titles: [...gTitles, a.title],
        });
      }
    }
  }
  return out;
}

/** Priorities, goals and subgoals (the nodes a budget line can be tagged to), in plan order. */
export function planTargets(plan: Plan): PlanTarget[] {
  const out: PlanTarget[] = [];
  for (const e of planNodes(plan)) {
    if (e.level === "action") continue;
    out.push({
      id: e.node.id,
      level: e.level,
      title: e.node.title,
      priorityId: e.priorityId,
      goalId: e.goalId,
      path: e.titles.join(PATH_SEPARATOR),
    });
  }
  return out;
}

/** The priority, goal or subgoal with this id (exact id), if any. */
export function findTarget(plan: Plan, id: string): PlanTarget | undefined {
  return targetIndex(plan).byExactId.get(id);
}

/** The priority id for any node id (priority, goal, subgoal or action); null when the id is not in the plan. */
export function priorityOf(plan: Plan, id: string): string | null {
  return targetIndex(plan).priorityById.get(id) ?? null;
}

/** Every action with the ids above it, in plan order (a goal's subgoal actions first, then its own). */
export function planActions(
  plan: Plan
): { action: Action; priorityId: string; goalId: string; subgoalId: string | null }[] {
  const out: { action: Action; priorityId: string; goalId: string; subgoalId: string | null }[] =
    [];
  for (const e of planNodes(plan)) {
    if (e.level !== "action") continue;
    out.push({
      action: e.node as Action,
      priorityId: e.priorityId,
      goalId: e.goalId as string,
      subgoalId: e.subgoalId,
    });
  }
  return out;
}

/** Number of goals (not counting priorities, subgoals or actions). */
export function countGoals(plan: Plan): number {
  let n = 0;
  for (const p of plan.priorities) n += (p.goals ?? []).length;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Resolving what a person typed
// ---------------------------------------------------------------------------------------------

/** An id compared the way people type it: lower case, no spaces, no trailing dot. */
export function normId(id: string): string {
  return id.toLowerCase().replace(/\s+/g, "").replace(/\.+$/, "");
}

/** The numeric part of an id: "G1.2" → "1.2", "P-3" → "3", "1.2" → "1.2"; null when the id has no such part. */
function numericCore(id: string): string | null {
  const m = /^[a-z]{0,12}[-_ ]?(\d+(?:\.\d+)*)$/.exec(normId(id));
  if (!m) return null;
  // "01.02" and "1.2" are the same number path.
  return m[1]
    .split(".")
    .map((part) => String(Number(part)))
    .join(".");
}

/** A title compared case-, space- and punctuation-insensitively. */
export function normTitle(text: string): string {
  return normName(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Words people put before an id: "Goal 1.2", "Priority 3". */
const LEVEL_WORDS = /^(?:priority|goal|subgoal|sub-goal|objective|strategy|action)\s+/i;

/**
 * Splits typed text into a leading id-like token and the rest:
 * "G1.2 Reduce response times" → ["G1.2", "Reduce response times"]; "G1.2 — Reduce…" → ["G1.2", "Reduce…"];
 * "1.2: Parks" → ["1.2", "Parks"]; "Goal 1.2" → ["1.2", ""].
 */
function splitLeadingId(text: string): { id: string; rest: string } | null {
  const t = text.trim().replace(LEVEL_WORDS, "");
  const m = /^([A-Za-z]{0,12}[-_]?\d+(?:\.\d+)*)\.?(?=$|[\s:;,)\]–—-])[\s:;,)\]–—-]*(.*)$/s.exec(t);
  if (!m) return null;
  return { id: m[1], rest: m[2].trim() };
}

interface TargetIndex {
  /** What the index was built from, to notice a plan changed in place. */
  priorities: Priority[];
  signature: string;
  byExactId: Map<string, PlanTarget>;
  /** Priority id of every node, actions included. */
  priorityById: Map<string, string>;
  /** resolveGoalRef answers already given for this index (budget sheets repeat the same few texts). */
  resolved: Map<string, string | null>;
  byId: Map<string, string>;
  byCore: Map<string, string[]>;
  byTitle: Map<string, string[]>;
  byLooseTitle: Map<string, string[]>;
  titles: { norm: string; id: string }[];
}

const indexCache = new WeakMap<Plan, TargetIndex>();

/**
 * Cheap fingerprint of the plan's shape (how many children each node has), so the index is rebuilt when nodes
 * are added or removed in place. Plans are otherwise treated as values: a title edited in place on the same plan
 * object is only noticed with a new plan object.
 */
function signatureOf(plan: Plan): string {
  let total = 0;
  let mix = 0;
  for (const p of plan.priorities) {
    const goals = p.goals ?? [];
    total += 1 + goals.length;
    for (const g of goals) {
      const subs = g.subgoals ?? [];
      total += subs.length + (g.actions?.length ?? 0);
      for (const sg of subs) total += sg.actions?.length ?? 0;
      mix = (mix * 31 + subs.length * 7 + (g.actions?.length ?? 0)) | 0;
    }
    mix = (mix * 31 + goals.length) | 0;
  }
  return `${plan.priorities.length}:${total}:${mix}`;
}

function targetIndex(plan: Plan): TargetIndex {
  const signature = signatureOf(plan);
  const cached = indexCache.get(plan);
  if (cached && cached.priorities === plan.priorities && cached.signature === signature)
    return cached;
  const priorityById = new Map<string, string>();
  for (const e of planNodes(plan))
    if (!priorityById.has(e.node.id)) priorityById.set(e.node.id, e.priorityId);
  const byExactId = new Map<string, PlanTarget>();
  const byId = new Map<string, string>();
  const byCore = new Map<string, string[]>();
  const byTitle = new Map<string, string[]>();
  const byLooseTitle = new Map<string, string[]>();
  const titles: { norm: string; id: string }[] = [];
  const push = (m: Map<string, string[]>, k: string, id: string) => {
    const list = m.get(k);
    if (list) {
      if (!list.includes(id)) list.push(id);
    } else m.set(k, [id]);
  };
  for (const t of planTargets(plan)) {
    if (!byExactId.has(t.id)) byExactId.set(t.id, t);
    const nid = normId(t.id);
    if (!byId.has(nid)) byId.set(nid, t.id);
    const core = numericCore(t.id);
    if (core) push(byCore, core, t.id);
    const nt = normTitle(t.title);
    if (nt) {
      push(byTitle, nt, t.id);
      push(byLooseTitle, looseTitle(nt), t.id);
      titles.push({ norm: nt, id: t.id });
    }
  }
  const index: TargetIndex = {
    priorities: plan.priorities,
    signature,
    byExactId,
    priorityById,
    resolved: new Map(),
    byId,
    byCore,
    byTitle,
    byLooseTitle,
    titles,
  };
  indexCache.set(plan, index);
  return index;
}

/** A word without its plural ending: "times" → "time", "cities" → "city", "businesses" → "business". */
function singular(word: string): string {
  if (word.length <= 3) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + "y";
  if (/(sses|xes|ches|shes|zes)$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A normalised title with each word singular, so "Reduce response time" finds "Reduce response times". */
function looseTitle(norm: string): string {
  return norm.split(" ").map(singular).join(" ");
}

function byTitle(index: TargetIndex, text: string): string | null {
  const raw = text.trim();
  const nt = normTitle(raw);
  if (!nt) return null;
  const exact = index.byTitle.get(nt);
  if (exact && exact.length === 1) return exact[0];
  if (exact && exact.length > 1) return null;
  const loose = index.byLooseTitle.get(looseTitle(nt));
  if (loose && loose.length === 1) return loose[0];
  // A shortened title ("Reduce response…"): a unique title starting with it.
  if (/(\.\.\.|…)$/.test(raw) && nt.length >= 4) {
    const hits = [...new Set(index.titles.filter((t) => t.norm.startsWith(nt)).map((t) => t.id))];
    if (hits.length === 1) return hits[0];
  }
  return null;
}

function byIdToken(index: TargetIndex, token: string, rest: string): string | null {
  const exact = index.byId.get(normId(token));
  if (exact) return exact;
  const core = numericCore(token);
  if (!core) return null;
  const hits = index.byCore.get(core) ?? [];
  if (hits.length === 1) return hits[0];
  if (hits.length > 1 && rest) {
    // "1 Safe City" when both P1 and G1 exist: the title decides.
    const t = byTitle(index, rest);
    if (t && hits.includes(t)) return t;
  }
  return null;
}

/**
 * The plan node (priority, goal or subgoal) a person meant: an id ("G1.2", "g1.2", "1.2"), optionally followed
 * by its title ("G1.2 Reduce response times", "G1.2 — Reduce…"), or a title alone, compared without regard to
 * case, spaces, punctuation or plural endings, or a title followed by its id in brackets ("Reduce response times
 * (G1.2)"). "1.2" finds "G1.2" when no other node's id has the number path 1.2.
 * Returns the node id, or null when nothing (or more than one node) fits.
 */
export function resolveGoalRef(plan: Plan, text: string): string | null {
  const raw = String(text ?? "").trim();
  if (!raw) return null;
  const index = targetIndex(plan);
  const known = index.resolved.get(raw);
  if (known !== undefined) return known;
  const answer = resolveUncached(index, raw);
  if (index.resolved.size < 50_000) index.resolved.set(raw, answer);
  return answer;
}

function resolveUncached(index: TargetIndex, raw: string): string | null {
  // The whole text as an id ("G1.2", "Priority-3" when that is the id).
  const whole = index.byId.get(normId(raw));
  if (whole) return whole;
  const split = splitLeadingId(raw);
  if (split) {
    const hit = byIdToken(index, split.id, split.rest);
    if (hit) return hit;
  }
  const title = byTitle(index, raw);
  if (title) return title;
  if (split && split.rest) {
    const restTitle = byTitle(index, split.rest);
    if (restTitle) return restTitle;
  }
  // A title followed by its id in brackets: "Reduce response times (G1.2)".
  const bracket = /^(.*?)[\s]*[([]\s*([^()[\]]+?)\s*[)\]]$/.exec(raw);
  if (bracket) {
    const id = byIdToken(index, bracket[2], bracket[1]);
    if (id) return id;
  }
  return null;
}

/** Helpers to walk a plan's children without caring about optional arrays. */
export function goalsOf(p: Priority): Goal[] {
  return p.goals ?? [];
}
export function subgoalsOf(g: Goal): Subgoal[] {
  return g.subgoals ?? [];
}
