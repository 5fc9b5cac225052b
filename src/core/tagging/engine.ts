/**
 * The tagging engine: one tag per budget line, deterministic, the same in the task pane and the CLI.
 *
 * Precedence: manual (typed or confirmed by staff) → rules (in order, first match) → learned (same programme as a
 * confirmed line; lines like the confirmed ones) → suggested (text and concept similarity to the plan) → none.
 * A programme whose lines all end up untagged is flagged for review.
 */
import { normName as normNameUncached, programOf } from "../keys";
import { planNodes, priorityOf, findTarget } from "../plan/model";
import type {
  BudgetLine,
  ConfidenceCalibration,
  GoalShare,
  LineTag,
  ManualTag,
  Plan,
  Rule,
  TagOptions,
} from "../types";
import { applyPrograms, lineSpecificity, programSetsRows, programSizes } from "./programs";
import {
  coveredShare,
  functionLabels,
  functionProfile,
  fitCoverage,
  planCoverage,
  programFunctions,
  spokenCoverage,
  taxonomy,
  type Coverage,
  type FunctionProfile,
  type Taxonomy,
} from "./functions";
import { applyRefit, fitRefit, type Refit, type RefitPoint } from "./calibrate";
import { literalMatches, type LiteralMatch } from "./literal";
import { namesakeTeaching, type NamesakeLesson, type Namesakes } from "./namesakes";
import { DEFAULT_TAXONOMY, type TaxonomyData } from "./taxonomy";
import { ruleMatches, ruleToText } from "./rules";
import {
  combineProfiles,
  ConceptSpace,
  DenseOperand,
  entryDots,
  FieldGroup,
  fieldParts,
  lineEvidenceInto,
  profileOf,
  ProfileSet,
  stemCount,
  type EvidenceField,
  type EvidenceOut,
  type FieldCacheEntry,
  type Profile,
} from "./similarity";
import { conceptLabel, concepts } from "./concepts";
import {
  areaOf,
  leanedAreas,
  planReading,
  silentMayHold,
  type PlanReading,
  type Residual,
} from "./elimination";
import {
  CONCEPT_WEIGHT,
  DEPARTMENT_WEIGHT,
  DESCENT_FACTOR,
  FIT_FLOOR,
  FUNCTION_WEIGHTS,
  LEARN_CALIBRATION,
  LEARNED,
  CONFIDENCE,
  PLAN_TEXT,
  SUGGEST_CALIBRATION,
  WORD_WEIGHT,
} from "./weights";

export { DEPARTMENT_WEIGHT, FIT_FLOOR, LEARN_CALIBRATION, SUGGEST_CALIBRATION };

export const DEFAULT_THRESHOLD = 0.35;

// ---------------------------------------------------------------------------------------------
// Plan side: one profile per taggable node, built once per plan
// ---------------------------------------------------------------------------------------------

export interface NodeModel {
  id: string;
  level: "priority" | "goal" | "subgoal";
  title: string;
  priorityId: string;
  children: NodeModel[];
  profile: Profile;
  /** Position in PlanModel.targets. */
  index: number;
}

export interface PlanModel {
  /** The concept space its profiles were read in. */
  space: ConceptSpace;
  priorities: NodeModel[];
  byId: Map<string, NodeModel>;
  /** Every node's profile, by NodeModel.index. */
  targets: Profile[];
}

/** Weights of a node's own fields and of the text it inherits from below. */
const TITLE_WEIGHT = PLAN_TEXT.title;
const DESCRIPTION_WEIGHT = PLAN_TEXT.description;
const KEYWORD_WEIGHT = PLAN_TEXT.keywords;
const CHILD_WEIGHT = PLAN_TEXT.child;
const ACTION_WEIGHT = PLAN_TEXT.action;

function ownNodeProfile(
  node: { title: string; description?: string; keywords?: string[] },
  space: ConceptSpace
): Profile {
  return profileOf(
    [
      { text: node.title, weight: TITLE_WEIGHT },
      { text: node.description ?? "", weight: DESCRIPTION_WEIGHT },
      { text: (node.keywords ?? []).join(" ; "), weight: KEYWORD_WEIGHT },
    ],
    space
  );
}

function planSignature(plan: Plan): string {
  // Cheap but complete enough: ids, titles, descriptions and keywords of every node.
  const parts: string[] = [];
  for (const e of planNodes(plan)) {
    parts.push(
      e.level,
      e.node.id,
      e.node.title,
      e.node.description ?? "",
      (e.node.keywords ?? []).join(",")
    );
  }
  return parts.join("\u0001");
}

/** Profiles of every taggable node of the plan (priority, goal, subgoal), each inheriting its children's text. */
function buildPlanModel(plan: Plan, state: TaggerState): PlanModel {
  const { space, planModels } = state;
  const ownProfile = (n: { title: string; description?: string; keywords?: string[] }) =>
    ownNodeProfile(n, space);
  const signature = planSignature(plan);
  const cached = planModels.get(plan);
  if (cached && cached.signature === signature) return cached.model;
  const byId = new Map<string, NodeModel>();
  const actionsProfile = (
    actions: { title: string; description?: string; keywords?: string[] }[] | undefined
  ) =>
    (actions ?? []).map((a) => ({
      profile: ownProfile(a),
      weight: ACTION_WEIGHT / Math.sqrt((actions ?? []).length),
    }));
  const priorities: NodeModel[] = plan.priorities.map((p) => {
    const goals: NodeModel[] = (p.goals ?? []).map((g) => {
      const subs: NodeModel[] = (g.subgoals ?? []).map((s) => {
        const profile = combineProfiles([
          { profile: ownProfile(s), weight: 1 },
          ...actionsProfile(s.actions),
        ]);
        const node: NodeModel = {
          id: s.id,
          level: "subgoal",
          title: s.title,
          priorityId: p.id,
          children: [],
          profile,
          index: 0,
        };
        return node;
      });
      const profile = combineProfiles([
        { profile: ownProfile(g), weight: 1 },
        ...subs.map((s) => ({ profile: s.profile, weight: CHILD_WEIGHT / Math.sqrt(subs.length) })),
        ...actionsProfile(g.actions),
      ]);
      return {
        id: g.id,
        level: "goal",
        title: g.title,
        priorityId: p.id,
        children: subs,
        profile,
        index: 0,
      } as NodeModel;
    });
    const profile = combineProfiles([
      { profile: ownProfile(p), weight: 1 },
      ...goals.map((g) => ({ profile: g.profile, weight: CHILD_WEIGHT / Math.sqrt(goals.length) })),
    ]);
    return {
      id: p.id,
      level: "priority",
      title: p.title,
      priorityId: p.id,
      children: goals,
      profile,
      index: 0,
    } as NodeModel;
  });
  const targets: Profile[] = [];
  const visit = (n: NodeModel) => {
    if (!byId.has(n.id)) byId.set(n.id, n);
    n.index = targets.length;
    targets.push(n.profile);
    n.children.forEach(visit);
  };
  priorities.forEach(visit);
  const model: PlanModel = { space, priorities, byId, targets };
  planModels.set(plan, { signature, model });
  return model;
}

// ---------------------------------------------------------------------------------------------
// Names compared as keys, memoised (a budget repeats the same few hundred names on every line)
// ---------------------------------------------------------------------------------------------

const normMemo = new Map<string, string>();

function normKey(text: string): string {
  let v = normMemo.get(text);
  if (v === undefined) {
    v = normNameUncached(text);
    if (normMemo.size >= 100_000) normMemo.clear();
    normMemo.set(text, v);
  }
  return v;
}

/** The same key as keys.programKey, through the memo. */
function programKeyOf(line: { department: string; division: string; program: string }): string {
  return `${normKey(line.department)}|${normKey(programOf(line))}`;
}

// ---------------------------------------------------------------------------------------------
// Line side
// ---------------------------------------------------------------------------------------------

/** Weights of a line's fields: what the line is for is mostly in its programme and account name. */
const LINE_FIELDS: { field: keyof BudgetLine; weight: number }[] = [
  { field: "department", weight: 0.6 },
  { field: "division", weight: 0.6 },
  { field: "program", weight: 1 },
  { field: "accountName", weight: 0.5 },
  { field: "description", weight: 0.45 },
  { field: "fund", weight: 0.25 },
];

function lineTextKey(line: BudgetLine): string {
  return [
    line.department,
    line.division,
    line.program,
    line.accountName,
    line.description,
    line.fund,
    line.account,
  ].join("\u0001");
}

export function lineProfile(line: BudgetLine): Profile {
  return profileOf(lineFields(line));
}

/** A line's profile without its department and division names: what the line is, wherever it sits. */
function workProfile(line: BudgetLine): Profile {
  return profileOf(
    LINE_FIELDS.map((f) => ({
      text: f.field === "department" || f.field === "division" ? "" : String(line[f.field] ?? ""),
      weight: f.weight,
    }))
  );
}

function lineFields(line: BudgetLine): { text: string; weight: number }[] {
  return LINE_FIELDS.map((f) => ({ text: String(line[f.field] ?? ""), weight: f.weight }));
}

// ---------------------------------------------------------------------------------------------
// Scoring a line against the plan
// ---------------------------------------------------------------------------------------------

/** Score of each node under `n` (memoised in `scores`), the node's own being the best of its text and its best child. */
function scoreNode(sims: Float64Array, n: NodeModel, scores: Float64Array): number {
  fillScores(sims, n, scores);
  return scores[n.index];
}

/**
 * scoreNode's scores of `n` and every node below it, into `scores`. Returns nothing and reads each child's score
 * back from `scores`: a number returned by a recursive call is boxed on the heap, and at one call per plan node
 * per line that was the tagger's largest source of garbage (52 MB of 525 allocated on the real-shaped 100k).
 */
function fillScores(sims: Float64Array, n: NodeModel, scores: Float64Array): void {
  let s = sims[n.index];
  const children = n.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    fillScores(sims, c, scores);
    s = Math.max(s, DESCENT_FACTOR * scores[c.index]);
  }
  scores[n.index] = s;
}

/** Walks down from a priority to the most specific node that fits: the best child while one fits at all. */
function descend(n: NodeModel, scores: Float64Array): NodeModel {
  let node = n;
  for (;;) {
    let best: NodeModel | null = null;
    let bestScore = 0;
    for (const c of node.children) {
      const s = scores[c.index];
      if (s > bestScore + 1e-12) {
        best = c;
        bestScore = s;
      }
    }
    if (!best) return node;
    node = best;
  }
}

/**
 * A confidence re-scaled in logit space: logistic(a + b · logit(c) + coverage · agreement), where agreement says how
 * the plan's coverage of the line's functions bears on the choice (see coverageAgreement).
 */
function rescale(c: number, r: { a: number; b: number; coverage?: number }, agreement = 0): number {
  const x = Math.min(1 - 1e-6, Math.max(1e-6, c));
  return logistic(r.a + r.b * Math.log(x / (1 - x)) + (r.coverage ?? 0) * agreement);
}

/** How a literal suggestion's reason begins (a plan node's own words name the program): the eval tells them apart by it. */
export const LITERAL_WHY = "its name is in ";

/**
 * +1 when exactly one priority covers the functions a program clearly names (the choice is the plan's own), −1 when
 * two or more do (the plan is contested for it), 0 when none does or the program names no function clearly.
 * `covering` is LineTag.covering (undefined for the latter).
 */
export function coverageAgreement(covering: number | undefined): number {
  if (covering === undefined || covering === 0) return 0;
  return covering === 1 ? 1 : -1;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Learning from confirmed lines
// ---------------------------------------------------------------------------------------------

interface Teacher {
  line: BudgetLine;
  tag: ManualTag;
  /** Priority of the tag's largest share. */
  priorityId: string;
  targetId: string;
}

interface Learned {
  byProgram: Map<string, Teacher>;
  /**
   * normalised department → what its confirmed programs say: `total` is the number of confirmed programs (a program
   * of twelve lines is one confirmation, not twelve), `priorities` and `targets` count programs, and each teacher
   * line votes with its program's weight spread over the program's confirmed lines.
   */
  byDepartment: Map<string, DepartmentLearned>;
  byAccount: Map<string, { total: number; priorities: Map<string, number> }>;
  /** priority → profile of the confirmed lines tagged to it. */
  centroids: Map<string, Profile>;
  /** The centroids indexed (in the map's order), and each priority's number in it. */
  centroidSet: ProfileSet;
  centroidIndex: Map<string, number>;
  /** priority → the main functions (by their own names) of the programs confirmed under it. */
  functionsByPriority: Map<string, Set<number>>;
  /** priority → its confirmed programs (one line each), to name the confirmation a spread tag came from. */
  byPriority: Map<string, PriorityConfirmations>;
  teachers: number;
}

/** The programs confirmed under one priority: their first line, what their own names do, and their profiles. */
interface PriorityConfirmations {
  teachers: Teacher[];
  fns: number[][];
  profiles: Profile[];
  /** The profiles indexed, built on first use. */
  set?: ProfileSet;
}

interface DepartmentLearned {
  total: number;
  priorities: Map<string, number>;
  targets: Map<string, number>;
  teachers: { profile: Profile; priorityId: string; weight: number; teacher: Teacher }[];
  /** Main function of each confirmed program (by program number), and its priority. */
  programs: Map<number, { fn: number; priorityId: string }>;
  /** The teachers' profiles indexed for voting, built on first use. */
  votes?: TeacherVotes;
}

/**
 * Whether a department's confirmations speak for another of its programs. A confirmation teaches what it names: its
 * program (sameProgramStage), then programs of the same function in any department (functionTeaching and the
 * centroids), then its department, the last only as far as the department's own confirmations agree:
 * - one confirmation shows no agreement, so it speaks for its own program only: a single answer moves no other
 *   program of its department (Los Angeles's one attorney program confirmed under safety pulled three more there);
 * - confirmations split by function (each function under a priority of its own) say that the work decides, not the
 *   department: the department's vote is worth nothing (splitByFunction);
 * - otherwise (two or more, under one priority or split within a work) its confirmed lines vote by resemblance.
 * Functions here are what a program's own name says (`ownNameFunctions`: the department's name would make every
 * program of "Community Development" the same work). A program whose name names no function clearly
 * ("Administration") is read by its department. One that clearly does another work than every confirmed program of
 * its department is read by the department only when its confirmations already span two functions or more and all
 * put them under one priority (a department that is about one priority whatever the work).
 */
function departmentSpeaksFor(d: DepartmentLearned, fn: FunctionProfile): boolean {
  if (d.total < 2 || splitByFunction(d)) return false;
  if (fn.strength < FUNCTION_WEIGHTS.strongFunction || fn.fns.length === 0) return true;
  const main = fn.fns[0];
  const fns = new Set<number>();
  const priorities = new Set<string>();
  for (const c of d.programs.values()) {
    if (c.fn === main) return true;
    if (c.fn >= 0) fns.add(c.fn);
    priorities.add(c.priorityId);
  }
  return fns.size >= 2 && priorities.size === 1;
}

/**
 * A department whose confirmations sit under two priorities or more, and each under the priority of its own work:
 * every confirmed program names a function clearly enough to have one (`fn` ≥ 0) and no function is confirmed under
 * two priorities. Its programs are read by their work, not by the department.
 */
function splitByFunction(d: DepartmentLearned): boolean {
  if (d.priorities.size < 2) return false;
  const at = new Map<number, string>();
  for (const c of d.programs.values()) {
    if (c.fn < 0) return false;
    const p = at.get(c.fn);
    if (p !== undefined && p !== c.priorityId) return false;
    at.set(c.fn, c.priorityId);
  }
  return true;
}

/** Account codes that lines of more than one program use (never evidence of a program: see buildLearned). */
function sharedAccounts(lines: BudgetLine[], programOfLine: Int32Array): Set<string> {
  const first = new Map<string, number>();
  const shared = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i].account;
    if (!a) continue;
    const k = normKey(a);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, programOfLine[i]);
    else if (seen !== programOfLine[i]) shared.add(k);
  }
  return shared;
}

/** A department's confirmed lines as a ProfileSet, each voting for a slot (one per priority id). */
interface TeacherVotes {
  set: ProfileSet;
  slotOf: Int32Array;
  slotById: Map<string, number>;
  votes: Float64Array;
  /** Per teacher: its share of its program's one vote. Per slot: the teacher that voted most for it this line. */
  weight: Float64Array;
  best: Int32Array;
  bestVote: Float64Array;
  /** Dot products of the line's description with the teachers (not cached: descriptions are many). */
  scratch: Float64Array;
  /** Per teacher: the sums of a line's fields' products (word at 2t, concept at 2t + 1). */
  sums: Float64Array;
  /** For sparseDots: products of one field (zero between uses), which teachers it wrote, and their list. */
  sparse: Float64Array;
  mark: Uint8Array;
  touched: Int32Array;
}

function teacherVotes(d: DepartmentLearned): TeacherVotes {
  if (d.votes) return d.votes;
  const slotById = new Map<string, number>();
  const slotOf = new Int32Array(d.teachers.length);
  d.teachers.forEach((t, i) => {
    let k = slotById.get(t.priorityId);
    if (k === undefined) slotById.set(t.priorityId, (k = slotById.size));
    slotOf[i] = k;
  });
  const set = new ProfileSet(d.teachers.map((t) => t.profile));
  d.votes = {
    set,
    slotOf,
    slotById,
    votes: new Float64Array(slotById.size),
    weight: Float64Array.from(d.teachers, (t) => t.weight),
    best: new Int32Array(slotById.size),
    bestVote: new Float64Array(slotById.size),
    scratch: new Float64Array(2 * set.size),
    sums: new Float64Array(2 * set.size),
    sparse: new Float64Array(2 * set.size),
    mark: new Uint8Array(set.size),
    touched: new Int32Array(set.size),
  };
  return d.votes;
}

/** Staff's tag for a line key (never an Object.prototype member: a key may well read "constructor"). */
function ownTag(manual: Record<string, ManualTag>, key: string): ManualTag | undefined {
  return Object.prototype.hasOwnProperty.call(manual, key) ? manual[key] : undefined;
}

function mainGoal(goals: GoalShare[]): GoalShare | null {
  let best: GoalShare | null = null;
  for (const g of goals) if (!best || g.share > best.share + 1e-9) best = g;
  return best;
}

function buildLearned(
  lines: BudgetLine[],
  plan: Plan,
  manual: Record<string, ManualTag>,
  profiles: (l: BudgetLine) => Profile,
  programOfLine: Int32Array,
  nameFns: FunctionProfile[],
  sharedAccounts: ReadonlySet<string>,
  planCovered: ReadonlySet<number> = new Set()
): Learned {
  // Confirmed lines per program, so that each confirmed program is one vote however many lines it has.
  const confirmedLines = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    const tag = ownTag(manual, lines[i].key);
    if (tag && tag.goals.length > 0)
      confirmedLines.set(programOfLine[i], (confirmedLines.get(programOfLine[i]) ?? 0) + 1);
  }
  const byProgram = new Map<string, Teacher>();
  const byDepartment: Learned["byDepartment"] = new Map();
  const byAccount: Learned["byAccount"] = new Map();
  const centroidParts = new Map<string, { profile: Profile; weight: number }[]>();
  const functionsByPriority = new Map<string, Set<number>>();
  const byPriority = new Map<string, PriorityConfirmations>();
  const fnPrograms = new Map<number, Map<string, number>>();
  const counted = new Set<number>();
  let teachers = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tag = ownTag(manual, line.key);
    if (!tag || tag.goals.length === 0) continue;
    const g = mainGoal(tag.goals);
    if (!g) continue;
    const p = priorityOf(plan, g.id);
    if (!p) continue;
    teachers++;
    const t: Teacher = { line, tag, priorityId: p, targetId: g.id };
    const pk = programKeyOf(line);
    if (!byProgram.has(pk)) {
      byProgram.set(pk, t);
      let c = byPriority.get(p);
      if (!c) byPriority.set(p, (c = { teachers: [], fns: [], profiles: [] }));
      c.teachers.push(t);
      c.fns.push(nameFns[programOfLine[i]]?.fns ?? []);
      c.profiles.push(workProfile(line));
    }
    const dk = normKey(line.department);
    const k = programOfLine[i];
    if (dk) {
      let d = byDepartment.get(dk);
      if (!d)
        byDepartment.set(
          dk,
          (d = {
            total: 0,
            priorities: new Map(),
            targets: new Map(),
            teachers: [],
            programs: new Map(),
          })
        );
      d.teachers.push({
        profile: profiles(line),
        priorityId: p,
        weight: 1 / (confirmedLines.get(k) ?? 1),
        teacher: t,
      });
      if (!d.programs.has(k)) {
        d.programs.set(k, { fn: nameFns[k]?.fns[0] ?? -1, priorityId: p });
        d.total++;
        d.priorities.set(p, (d.priorities.get(p) ?? 0) + 1);
        d.targets.set(g.id, (d.targets.get(g.id) ?? 0) + 1);
      }
    }
    // An account code is evidence only where it belongs to one program: a code shared by a department's programs
    // (an object code, a fund-department code) says nothing about which program a line is.
    const ak = normKey(line.account);
    if (ak && !sharedAccounts.has(ak)) {
      let a = byAccount.get(ak);
      if (!a) byAccount.set(ak, (a = { total: 0, priorities: new Map() }));
      a.total++;
      a.priorities.set(p, (a.priorities.get(p) ?? 0) + 1);
    }
    if (!counted.has(k)) {
      counted.add(k);
      const f = nameFns[k]?.fns[0] ?? -1;
      let byP = fnPrograms.get(f);
      if (!byP) fnPrograms.set(f, (byP = new Map()));
      byP.set(p, (byP.get(p) ?? 0) + 1);
    }
    let parts = centroidParts.get(p);
    if (!parts) centroidParts.set(p, (parts = []));
    // The centroids compare a line with the confirmed lines of every department, by what the lines are (program,
    // descriptions, account names), not by the department they sit in: a department's name shared by all its
    // programs would carry one answer to every program of the department.
    parts.push({ profile: workProfile(line), weight: 1 });
  }
  // A function is taught under a priority (for the centroids' gate) only as far as the city's confirmations agree:
  // where the plan's own words cover the function somewhere, one confirmation is not agreement (functionAgreed).
  for (const [f, byP] of fnPrograms)
    for (const [p, n] of byP) {
      if (f >= 0 && !functionAgreed(n, planCovered.has(f))) continue;
      let fns = functionsByPriority.get(p);
      if (!fns) functionsByPriority.set(p, (fns = new Set()));
      fns.add(f);
    }
  const centroids = new Map<string, Profile>();
  for (const [p, parts] of centroidParts) centroids.set(p, combineProfiles(parts));
  const centroidIndex = new Map<string, number>();
  for (const p of centroids.keys()) centroidIndex.set(p, centroidIndex.size);
  const centroidSet = new ProfileSet([...centroids.values()]);
  return {
    byProgram,
    byDepartment,
    byAccount,
    centroids,
    centroidSet,
    centroidIndex,
    functionsByPriority,
    byPriority,
    teachers,
  };
}

/**
 * The confirmation a learned tag that no department teacher carried came from: of the programs confirmed under the
 * priority (those of the functions staff's teaching was matched on, when any is), the one whose texts the line's
 * resemble most (the first on a tie).
 */
function nearestConfirmation(
  learned: Learned,
  priorityId: string,
  fns: readonly number[],
  fields: EvidenceField[],
  count: number
): Teacher | null {
  const c = learned.byPriority.get(priorityId);
  if (!c) return null;
  const set = c.set ?? (c.set = new ProfileSet(c.profiles));
  const sameWork = c.fns.map((f) => f.some((x) => fns.includes(x)));
  const any = sameWork.some(Boolean);
  const sims = new Float64Array(c.teachers.length);
  const dots = new Float64Array(2 * set.size);
  for (let f = 0; f < count; f++) {
    set.fieldDots(fields[f].entry, dots);
    for (let t = 0; t < set.size; t++)
      sims[t] += fields[f].weight * (WORD_WEIGHT * dots[2 * t] + CONCEPT_WEIGHT * dots[2 * t + 1]);
  }
  let best = -1;
  for (let t = 0; t < c.teachers.length; t++)
    if ((!any || sameWork[t]) && (best < 0 || sims[t] > sims[best] + 1e-12)) best = t;
  return best >= 0 ? c.teachers[best] : null;
}

// ---------------------------------------------------------------------------------------------
// Why texts
// ---------------------------------------------------------------------------------------------

const VIA_WORDS: Record<ManualTag["via"], string> = {
  sheet: "set by staff in the Goal column",
  pane: "set by staff in the task pane",
  review: "answered in the Review sheet",
  confirmed: "confirmed by staff",
};

const VIA_SHORT: Record<ManualTag["via"], string> = {
  sheet: "set by staff",
  pane: "set by staff",
  review: "answered in the Review sheet",
  confirmed: "confirmed",
};

function nodeLabel(n: { id: string; title: string }): string {
  return `${n.id} ${n.title}`;
}

function quoteList(words: string[]): string {
  return words.map((w) => `'${w}'`).join(", ");
}

/** A suggestion's explanation, and the same when the line is left untagged. */
interface WhyTexts {
  why: string;
  notFit: string;
}

/** Explanations by node index, concept and up to three words (absent ones as ""); one string shared by many lines. */
type WhyMemo = Map<string, Map<string, Map<string, Map<string, WhyTexts>>>>[];
const whyMemos = new WeakMap<PlanModel, { memo: WhyMemo; size: number }>();

function suggestionWhy(model: PlanModel, node: NodeModel, e: EvidenceOut): WhyTexts {
  let state = whyMemos.get(model);
  if (!state || state.size >= 200_000) whyMemos.set(model, (state = { memo: [], size: 0 }));
  const byNode = state.memo[node.index] ?? (state.memo[node.index] = new Map());
  const w = e.words;
  const k0 = e.concept ?? "";
  let m1 = byNode.get(k0);
  if (!m1) byNode.set(k0, (m1 = new Map()));
  let m2 = m1.get(w[0] ?? "");
  if (!m2) m1.set(w[0] ?? "", (m2 = new Map()));
  let m3 = m2.get(w[1] ?? "");
  if (!m3) m2.set(w[1] ?? "", (m3 = new Map()));
  const cached = m3.get(w[2] ?? "");
  if (cached) return cached;
  const topic = e.concept ? ` (${conceptLabel(e.concept, model.space.compiled)})` : "";
  const why =
    w.length > 0
      ? `matched ${quoteList(w)}${topic} to ${nodeLabel(node)}`
      : `closest in topic to ${nodeLabel(node)}`;
  const texts = { why, notFit: `no goal fits well enough (nearest: ${why})` };
  m3.set(w[2] ?? "", texts);
  state.size++;
  return texts;
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

/** The line fields kept apart from the shared group (in LINE_FIELDS order: accountName, then description). */
const DETAIL_FIELDS: { field: "accountName" | "description"; weight: number }[] = [
  { field: "accountName", weight: LINE_FIELDS[3].weight },
  { field: "description", weight: LINE_FIELDS[4].weight },
];

/**
 * The shared fields of a line (department, division, program, fund) read once per distinct combination in a run:
 * their summed vectors and the keys the engine compares (department and program), and the run's number for its
 * program. A run's groups are its own (tagWith's `trie`), so they go when the run ends: kept in the tagger, those of
 * a million real-shaped lines (84,518 groups) held about 350 MB through the reports and the save.
 */
interface LineGroup {
  /** Non-empty department, division and program fields, in field order (fund comes after the details). */
  head: EvidenceField[];
  fund: EvidenceField | null;
  group: FieldGroup;
  deptKey: string;
  programKey: string;
  /** The program's number in the run (-1 until the run numbers it). */
  program: number;
  /** The confirmed lines of the department last scored against, and the sums over `head` of the dot products with them. */
  teacherSet: ProfileSet | null;
  teacherPrefix: Float64Array | null;
}

type GroupTrie = Map<string, Map<string, Map<string, Map<string, LineGroup>>>>;

function textOfField(v: unknown): string {
  return typeof v === "string" ? v : String(v ?? "");
}

function lineGroupOf(line: BudgetLine, trie: GroupTrie, space: ConceptSpace): LineGroup {
  const dept = textOfField(line.department);
  const div = textOfField(line.division);
  const prog = textOfField(line.program);
  const fund = textOfField(line.fund);
  let a = trie.get(dept);
  if (!a) trie.set(dept, (a = new Map()));
  let b = a.get(div);
  if (!b) a.set(div, (b = new Map()));
  let c = b.get(prog);
  if (!c) b.set(prog, (c = new Map()));
  const cached = c.get(fund);
  if (cached) return cached;
  const head: EvidenceField[] = [];
  const all: { text: string; weight: number; entry: FieldCacheEntry }[] = [];
  const add = (text: string, weight: number) => {
    if (!text || weight === 0) return null;
    const f = { text, weight, entry: fieldParts(text, space) };
    all.push(f);
    return f;
  };
  for (const [text, weight] of [
    [dept, LINE_FIELDS[0].weight],
    [div, LINE_FIELDS[1].weight],
    [prog, LINE_FIELDS[2].weight],
  ] as const) {
    const f = add(text, weight);
    if (f) head.push(f);
  }
  const fundField = add(fund, LINE_FIELDS[5].weight);
  const g: LineGroup = {
    head,
    fund: fundField,
    group: new FieldGroup(all, space),
    deptKey: normKey(dept),
    programKey: `${normKey(dept)}|${normKey(programOf({ department: dept, division: div, program: prog }))}`,
    program: -1,
    teacherSet: null,
    teacherPrefix: null,
  };
  c.set(fund, g);
  return g;
}

/**
 * Text scores of every line against the plan, in flat typed arrays: per line and priority (in plan order) the
 * priority's score and the most specific node chosen under it. Computed from dot products cached per field text and
 * per shared group, in the same order of operations as `LineText.scoresAgainst`.
 */
interface TextScores {
  priorities: NodeModel[];
  nodes: NodeModel[];
  /** score[i * P + p], node index node[i * P + p]. */
  score: Float64Array;
  node: Int32Array;
  /** Per line: the length of its word vector and of its concept vector (norms[2i], norms[2i + 1]). */
  norms: Float64Array;
}

/**
 * Per line: its text's score on each priority and the node chosen under it, and its vectors' lengths. `programSize`
 * (lines per program, with `programOfLine`): a line of a program whose rows the program layer writes (programSetsRows)
 * gets its lengths only, its row left at 0 until applyPrograms writes it, as it does before anything reads a row;
 * most lines of a budget are in such programs, and their rows were computed here only to be written over.
 */
function textScores(
  lines: BudgetLine[],
  groups: LineGroup[],
  details: (FieldCacheEntry | null)[],
  model: PlanModel,
  programOfLine: Int32Array,
  programSize: Int32Array
): TextScores {
  const P = model.priorities.length;
  const T = model.targets.length;
  const nodes: NodeModel[] = new Array(T);
  const visit = (n: NodeModel) => {
    nodes[n.index] = n;
    n.children.forEach(visit);
  };
  model.priorities.forEach(visit);
  const hasConcepts = model.targets.map((t) => t.concepts.size > 0);
  const score = new Float64Array(lines.length * P);
  const norms = new Float64Array(2 * lines.length);
  const node = new Int32Array(lines.length * P);
  const sims = new Float64Array(T);
  const scores = new Float64Array(T);
  const wa = DETAIL_FIELDS[0].weight;
  const wd = DETAIL_FIELDS[1].weight;
  // The line's group's vectors as dense scratch (a budget's lines come group by group): same sums as dotSparse.
  const groupWords = new DenseOperand(stemCount());
  const groupSpread = new DenseOperand(model.space.numbers.size);
  const pairWords = new DenseOperand(stemCount());
  const pairSpread = new DenseOperand(model.space.numbers.size);
  // The group's dot products with the targets, summed again only when the group changes.
  const gd = new Float64Array(2 * T);
  let gdOf: FieldGroup | null = null;
  for (let i = 0; i < lines.length; i++) {
    const g = groups[i].group;
    const a = details[2 * i];
    const d = details[2 * i + 1];
    // Lengths of the line's word and concept vectors (as LineText's constructor sums them).
    let w2 = g.w2;
    let c2 = g.c2;
    if (a) {
      if (a.parts.words.size > 0) w2 += wa * wa;
      c2 += wa * wa * a.spreadNorm2;
      w2 += 2 * wa * groupWords.dot(a.wordVec, g.wordVec);
      c2 += 2 * wa * groupSpread.dot(a.spreadVec, g.spreadVec);
      if (d) {
        w2 += 2 * wa * wd * pairWords.dot(a.wordVec, d.wordVec);
        c2 += 2 * wa * wd * pairSpread.dot(a.spreadVec, d.spreadVec);
      }
    }
    if (d) {
      if (d.parts.words.size > 0) w2 += wd * wd;
      c2 += wd * wd * d.spreadNorm2;
      w2 += 2 * wd * groupWords.dot(d.wordVec, g.wordVec);
      c2 += 2 * wd * groupSpread.dot(d.spreadVec, g.spreadVec);
    }
    const wordNorm = Math.sqrt(Math.max(0, w2));
    const conceptNorm = Math.sqrt(Math.max(0, c2));
    norms[2 * i] = wordNorm;
    norms[2 * i + 1] = conceptNorm;
    if (programSetsRows(programSize[programOfLine[i]])) continue;
    if (gdOf !== g) {
      g.dotsInto(model, model.targets, gd);
      gdOf = g;
    }
    const ad = a ? entryDots(a, model, model.targets) : null;
    const dd = d ? entryDots(d, model, model.targets) : null;
    const wn = wordNorm > 1e-12 ? 1 / wordNorm : 0;
    const cn = conceptNorm > 1e-12 ? 1 / conceptNorm : 0;
    // LineText.scoresAgainst's sums per target: the group's, plus the account name's, plus the description's.
    for (let k = 0; k < T; k++) {
      let word = gd[2 * k];
      let concept = gd[2 * k + 1];
      if (ad) {
        word += wa * ad[2 * k];
        concept += wa * ad[2 * k + 1];
      }
      if (dd) {
        word += wd * dd[2 * k];
        concept += wd * dd[2 * k + 1];
      }
      const c = hasConcepts[k] ? concept * cn : 0;
      sims[k] = CONCEPT_WEIGHT * c + WORD_WEIGHT * word * wn;
    }
    for (let p = 0; p < P; p++) {
      const pr = model.priorities[p];
      score[i * P + p] = scoreNode(sims, pr, scores);
      node[i * P + p] = descend(pr, scores).index;
    }
  }
  return { priorities: model.priorities, nodes, score, node, norms };
}

/** Positions 0..P-1 of the priorities, best text score first (ties in plan order), into `order`. */
function rankText(s: Float64Array, base: number, P: number, order: Int32Array): void {
  for (let p = 0; p < P; p++) order[p] = p;
  for (let i = 1; i < P; i++) {
    const x = order[i];
    let j = i - 1;
    while (j >= 0 && s[base + order[j]] - s[base + x] < 0) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
}

/** Reorders `order[0..P)` by `score` (best first) then priority id, keeping the given order otherwise. */
function rankBy(score: Float64Array, ids: string[], P: number, order: Int32Array): void {
  for (let i = 1; i < P; i++) {
    const x = order[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = order[j];
      const c = score[x] - score[y] || (ids[y] < ids[x] ? -1 : 1);
      if (!(c > 0)) break;
      order[j + 1] = y;
    }
    order[j + 1] = x;
  }
}

/** A line's ranked priorities for scoring: what suggestOrLearn reads. */
interface Ranked {
  /** Priority positions, best first, and their scores (by position) after the department blend. */
  order: Int32Array;
  score: Float64Array;
  P: number;
  /** Index of the line in TextScores. */
  line: number;
  text: TextScores;
  /** Priority ids by position. */
  ids: string[];
  /** Scratch of suggestOrLearn, by position: learned evidence and combined total; and the combined order. */
  e: Float64Array;
  total: Float64Array;
  combined: Int32Array;
  /** The function layer for the line's program: its profile and, by priority position, the share each covers. */
  functions: FunctionProfile;
  cover: Float64Array;
  /** By priority position: the share of the line's functions that staff's confirmed programs put there (0 if none). */
  fnTaught: Float64Array;
  /** By priority position: what the plan's own words cover of the line's functions (cover before teaching). */
  planCover: Float64Array;
  /**
   * By priority position: the share of the line's functions covered for fit (fitCoverage: a facility project covers
   * the building, not its owner's service), with staff's teaching; decides whether the line fits, not where it ranks.
   */
  fitCover: Float64Array;
  coverage: Coverage;
  /** The plan node whose own words name the line's program, if any (literal.ts). */
  literal: LiteralMatch | null;
}

/** candidatesOf over the text ranking: the top three priorities' chosen nodes with a positive score. */
function textCandidates(
  text: TextScores,
  i: number,
  order: Int32Array
): { id: string; score: number }[] {
  const P = text.priorities.length;
  rankText(text.score, i * P, P, order);
  const out: { id: string; score: number }[] = [];
  for (let q = 0; q < Math.min(3, P); q++) {
    const p = order[q];
    const s = text.score[i * P + p];
    if (s > 0) out.push({ id: text.nodes[text.node[i * P + p]].id, score: round(s) });
  }
  return out;
}

/**
 * One LineTag per line, in the same order. See the module comment for the precedence. `options.threshold`
 * (default 0.35) is the confidence a learned or suggested tag needs to count.
 */
export function tagLines(lines: BudgetLine[], plan: Plan, options: TagOptions = {}): LineTag[] {
  const data = options.taxonomy ?? DEFAULT_TAXONOMY;
  let tagger = taggers.get(data);
  if (!tagger) taggers.set(data, (tagger = createTagger(data)));
  return tagger.tag(lines, plan, options);
}

/**
 * A tagger: the engine with everything it reads and keeps between runs, for one taxonomy (the shipped one, or a
 * blind copy in the eval). It owns its compiled taxonomy, the concept space texts are read in (with each distinct
 * field text's entry) and the plan models, so two taggers never share a cache and nothing needs a reset; the line
 * groups of a budget belong to the run that tags it. A
 * worker or a pane keeps one across edits; `tagLines` keeps one per taxonomy value.
 */
export interface Tagger {
  readonly taxonomy: TaxonomyData;
  /** One LineTag per line, in the same order (see tagLines). */
  tag(lines: BudgetLine[], plan: Plan, options?: TagOptions): LineTag[];
}

interface TaggerState {
  tx: Taxonomy;
  space: ConceptSpace;
  planModels: WeakMap<Plan, { signature: string; model: PlanModel }>;
}

export function createTagger(data: TaxonomyData = DEFAULT_TAXONOMY): Tagger {
  const state: TaggerState = {
    tx: taxonomy(data),
    space: new ConceptSpace(concepts(data)),
    planModels: new WeakMap(),
  };
  return {
    taxonomy: data,
    tag: (lines, plan, options = {}) => tagWith(state, lines, plan, options),
  };
}

/** The taggers `tagLines` keeps, one per taxonomy value it is given. */
const taggers = new WeakMap<TaxonomyData, Tagger>();

function tagWith(
  state: TaggerState,
  lines: BudgetLine[],
  plan: Plan,
  options: TagOptions
): LineTag[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const manual = options.manual ?? {};
  const rules = options.rules ?? [];
  const space = state.space;
  const model = buildPlanModel(plan, state);

  // Each line's shared group (by department, division, program and fund) and detail fields, read once per distinct text.
  const n = lines.length;
  const trie: GroupTrie = new Map();
  const groups: LineGroup[] = new Array(n);
  const details: (FieldCacheEntry | null)[] = new Array(2 * n);
  const programKeys: string[] = [];
  const programNames: string[] = [];
  const programOfLine = new Int32Array(n);
  const programIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const line = lines[i];
    const g = lineGroupOf(line, trie, space);
    groups[i] = g;
    const acc = textOfField(line.accountName);
    const desc = textOfField(line.description);
    details[2 * i] = acc ? fieldParts(acc, space) : null;
    details[2 * i + 1] = desc ? fieldParts(desc, space) : null;
    if (g.program < 0) {
      let k = programIndex.get(g.programKey);
      if (k === undefined) {
        k = programKeys.length;
        programKeys.push(g.programKey);
        programNames.push(programOf(line));
        programIndex.set(g.programKey, k);
      }
      g.program = k;
    }
    programOfLine[i] = g.program;
  }
  const programSize = programSizes(programOfLine, programKeys.length);
  const text = textScores(lines, groups, details, model, programOfLine, programSize);
  // Programs: lines of a program share its suggestion unless their own specific text points elsewhere.
  const validRules = rules.filter((r) => findTarget(plan, r.target));
  // Once per run, not per line: staff's tags may run to tens of thousands.
  const hasManual = Object.keys(manual).length > 0;
  const programs = applyPrograms(
    lines,
    groups,
    details,
    lineSpecificity(lines, details, programOfLine, programKeys.length),
    programOfLine,
    programKeys.length,
    { account: DETAIL_FIELDS[0].weight, description: DETAIL_FIELDS[1].weight },
    {
      set: model,
      targets: model.targets,
      priorities: model.priorities.length,
      space,
      scoreRow: scoreRowOf(model),
    },
    text.score,
    text.node,
    (i) =>
      (hasManual && ownTag(manual, lines[i].key) !== undefined) ||
      validRules.some((r) => ruleMatches(r, lines[i]))
  );
  const programTags: (LineTag | undefined)[] = new Array(programKeys.length);
  const P = model.priorities.length;
  const priorityIds = model.priorities.map((p) => p.id);

  // Profiles of confirmed lines (for learning), one per distinct line text.
  const profileMemo = new Map<string, Profile>();
  const profiles = (line: BudgetLine): Profile => {
    const k = lineTextKey(line);
    let p = profileMemo.get(k);
    if (!p) profileMemo.set(k, (p = profileOf(lineFields(line), space)));
    return p;
  };
  // The function layer: what each program pays for, and how much of it each priority covers.
  const tx = state.tx;
  const spoken = spokenCoverage(plan, tx);
  const reading = planReading(plan, planCoverage(plan, tx), spoken);
  const { silent, residual, coverage } = reading;
  // What the plan covers for fit (fitCoverage); the areas it speaks of are read from its nodes' own words.
  const fitReading = planReading(plan, fitCoverage(plan, tx), spoken);
  const fnProfiles = programFunctions(lines, programOfLine, programKeys.length, tx);
  const nameFns = hasManual ? programNames.map((name) => ownNameFunctions(name, tx)) : [];
  const learned = hasManual
    ? buildLearned(
        lines,
        plan,
        manual,
        profiles,
        programOfLine,
        nameFns,
        sharedAccounts(lines, programOfLine),
        coveredFunctions(coverage, priorityIds)
      )
    : buildLearned([], plan, manual, profiles, programOfLine, nameFns, new Set());
  const deptMeans = departmentMeans(lines, groups, programOfLine, programKeys.length, text);
  const fnCover = new Float64Array(programKeys.length * P);
  for (let k = 0; k < programKeys.length; k++)
    for (let p = 0; p < P; p++)
      fnCover[k * P + p] = coveredShare(fnProfiles[k], coverage.get(model.priorities[p].id));
  const fnFit = new Float64Array(programKeys.length * P);
  for (let k = 0; k < programKeys.length; k++)
    for (let p = 0; p < P; p++)
      fnFit[k * P + p] = coveredShare(
        fnProfiles[k],
        fitReading.coverage.get(model.priorities[p].id)
      );
  // What staff's confirmed programs teach about functions: where programs of each function belong.
  const taught = hasManual
    ? functionTeaching(lines, manual, plan, programOfLine, nameFns, priorityIds, coverage)
    : null;

  const order = new Int32Array(P);
  const ranked: Ranked = {
    order,
    score: new Float64Array(P),
    P,
    line: 0,
    text,
    ids: priorityIds,
    e: new Float64Array(P),
    total: new Float64Array(P),
    combined: new Int32Array(P),
    functions: { fns: [], shares: [], strength: 0 },
    cover: new Float64Array(P),
    fnTaught: new Float64Array(P),
    planCover: new Float64Array(P),
    fitCover: new Float64Array(P),
    coverage,
    literal: null,
  };
  const fields: EvidenceField[] = [];
  // The line's own fields for explanations: two slots refilled per line.
  const accountField: EvidenceField = {
    entry: fieldParts("", space),
    weight: DETAIL_FIELDS[0].weight,
  };
  const descriptionField: EvidenceField = {
    entry: fieldParts("", space),
    weight: DETAIL_FIELDS[1].weight,
  };
  const run: TagRun = {
    space,
    lines,
    plan,
    model,
    threshold,
    manual,
    hasManual,
    rules,
    validRules,
    groups,
    details,
    text,
    programs,
    programOfLine,
    programTags,
    learned,
    deptMeans,
    coverage,
    taxonomy: tx,
    fnProfiles,
    fnCover,
    fnFit,
    fitCoverage: fitReading.coverage,
    taught,
    namesakes: hasManual ? namesakesOf(learned, tx) : null,
    namesakeLessons: new Array(programKeys.length),
    unfit: new Uint8Array(programKeys.length),
    lastUnfit: false,
    calibration: options.calibration ?? CONFIDENCE,
    refit: null,
    opaquePriorities: silent.length,
    reading,
    coveredAreas: fitReading.planAreas,
    residual,
    leanedAreas: leanedAreas(plan.priorities),
    nameFns,
    literal: literalMatches(programNames, plan, space.compiled),
    ranked,
    fields,
    accountField,
    descriptionField,
    scratch: { fieldDots: [], centroidDots: [], evidence: { words: [], concept: null } },
  };
  if (hasManual) run.refit = fitRefit(refitPoints(run));
  const out: LineTag[] = new Array(n);
  for (let index = 0; index < n; index++)
    out[index] =
      manualStage(run, index) ??
      ruleStage(run, index) ??
      sameProgramStage(run, index) ??
      namesakeStage(run, index) ??
      followStage(run, index) ??
      suggestStage(run, index);
  flagStage(run, out);
  return out;
}

/**
 * One run of the engine: what every stage reads (the lines, the plan, staff's tags and rules, the text scores, the
 * program layer, what was learned, the function layer) and the scratch space the stages share. Made once per
 * tagLines call; nothing of a run is kept in module state.
 */
interface TagRun {
  /** The concept space of the tagger the run belongs to. */
  space: ConceptSpace;
  lines: BudgetLine[];
  plan: Plan;
  model: PlanModel;
  threshold: number;
  manual: Record<string, ManualTag>;
  hasManual: boolean;
  rules: Rule[];
  validRules: Rule[];
  groups: LineGroup[];
  details: (FieldCacheEntry | null)[];
  text: TextScores;
  programs: ReturnType<typeof applyPrograms>;
  programOfLine: Int32Array;
  /** Per program: the tag its leading line computed, shared by the lines that follow it. */
  programTags: (LineTag | undefined)[];
  learned: Learned;
  deptMeans: Map<string, Float64Array>;
  coverage: Coverage;
  /** The taxonomy this run reads (options.taxonomy, else the shipped one). */
  taxonomy: Taxonomy;
  fnProfiles: FunctionProfile[];
  fnCover: Float64Array;
  /** Per program and priority: the share of its functions covered for fit (fitCoverage). */
  fnFit: Float64Array;
  /** The plan's coverage for fit (fitCoverage, with the residual priority's), for lines that leave their program. */
  fitCoverage: Coverage;
  taught: ReturnType<typeof functionTeaching>;
  /** A department's confirmed programs named alike, when they agree (namesakes.ts), or null with nothing confirmed. */
  namesakes: Namesakes<Teacher> | null;
  /** Per program: its namesake lesson once read (null: none), so that it is read once per program, not per line. */
  namesakeLessons: (NamesakeLesson<Teacher> | null | undefined)[];
  /** How many priorities name no work at all (silentPriorities): their scope is unknown. */
  opaquePriorities: number;
  /** The plan read as a whole (elimination.ts): silent priorities and what they may hold (silentMayHold). */
  reading: PlanReading;
  /** Areas of the taxonomy (taxonomy.ts AREAS) the plan speaks of for fit: it covers two or more of their functions. */
  coveredAreas: Set<string>;
  /** Areas a priority's title or description leans to by an adjective ("Healthy Communities"): not silent on. */
  leanedAreas: Set<string>;
  /** The one priority the city's own administration is read under by elimination (residualPriority), or null. */
  residual: Residual | null;
  /** How raw scores become confidences (options.calibration, else the shipped CONFIDENCE). */
  calibration: ConfidenceCalibration;
  /** This workbook's re-fit of suggestion confidence on its own confirmations (calibrate.ts), or null. */
  refit: Refit | null;
  /** Per program: 1 when the engine is sure no goal fits it (flagStage); set by the suggest stage. */
  unfit: Uint8Array;
  lastUnfit: boolean;
  /** Per program (when staff have confirmed lines): what its own name says it does. */
  nameFns: FunctionProfile[];
  /** Per program: the plan node whose own words name it (literal.ts), or null. */
  literal: (LiteralMatch | null)[];
  ranked: Ranked;
  /** The line's evidence fields for explanations, and two slots refilled per line. */
  fields: EvidenceField[];
  accountField: EvidenceField;
  descriptionField: EvidenceField;
  scratch: Scratch;
}

/** Per-line scratch of the learned and explanation stages: dot products per field, the evidence found. */
interface Scratch {
  fieldDots: Float64Array[];
  centroidDots: Float64Array[];
  evidence: EvidenceOut;
}

/**
 * What the engine suggested for each program staff have confirmed, as if nothing had been confirmed (text, plan
 * and functions only), beside whether that was the priority staff chose: the points the workbook's re-fit of
 * confidence is made on. One suggestion per confirmed program, from its first confirmed line.
 */
function refitPoints(run: TagRun): RefitPoint[] {
  const { lines, manual, plan } = run;
  const fresh: TagRun = {
    ...run,
    hasManual: false,
    learned: buildLearned(
      [],
      plan,
      manual,
      () => profileOf([], run.space),
      run.programOfLine,
      [],
      new Set()
    ),
    taught: null,
    programTags: new Array(run.programTags.length),
    unfit: new Uint8Array(run.unfit.length),
    refit: null,
  };
  const seen = new Set<number>();
  const out: RefitPoint[] = [];
  for (let i = 0; i < lines.length; i++) {
    const k = run.programOfLine[i];
    if (seen.has(k)) continue;
    const m = ownTag(manual, lines[i].key);
    const g = m ? mainGoal(m.goals) : null;
    const truth = g ? priorityOf(plan, g.id) : null;
    if (!truth) continue;
    seen.add(k);
    const tag = suggestStage(fresh, i);
    const said = tag.priorityId ?? (tag.nearest ? priorityOf(plan, tag.nearest.id) : null);
    out.push({ confidence: tag.confidence, right: said === truth });
  }
  return out;
}

/** 1. Manual: typed in the Goal column, set in the pane, confirmed, or answered in Review. */
function manualStage(run: TagRun, index: number): LineTag | null {
  const line = run.lines[index];
  const m = run.hasManual ? ownTag(run.manual, line.key) : undefined;
  if (!m || m.goals.length === 0) return null;
  const g = mainGoal(m.goals)!;
  return {
    key: line.key,
    goals: m.goals.map((x) => ({ id: x.id, share: x.share })),
    priorityId: priorityOf(run.plan, g.id),
    source: "manual",
    confidence: 1,
    why: VIA_WORDS[m.via] ?? "set by staff",
    flagged: false,
    nearest: { id: g.id, confidence: 1, why: VIA_WORDS[m.via] ?? "set by staff" },
    candidates: textCandidates(run.text, index, run.ranked.order),
  };
}

/** 2. Rules, in order: the first that matches. */
function ruleStage(run: TagRun, index: number): LineTag | null {
  const line = run.lines[index];
  for (let i = 0; i < run.rules.length; i++) {
    const rule = run.rules[i];
    if (!run.validRules.includes(rule) || !ruleMatches(rule, line)) continue;
    const why = `rule ${i + 1}: ${rule.label || ruleText(rule)}`;
    return {
      key: line.key,
      goals: [{ id: rule.target, share: 1 }],
      priorityId: priorityOf(run.plan, rule.target),
      source: "rule",
      confidence: 1,
      why,
      flagged: false,
      nearest: { id: rule.target, confidence: 1, why },
      candidates: textCandidates(run.text, index, run.ranked.order),
    };
  }
  return null;
}

/** 3. Learned from the program: a line of a program staff confirmed follows it. */
function sameProgramStage(run: TagRun, index: number): LineTag | null {
  const { learned, lines } = run;
  const line = lines[index];
  const teacher =
    learned.teachers > 0 ? learned.byProgram.get(run.groups[index].programKey) : undefined;
  if (!teacher) return null;
  const why = `same program as row ${teacher.line.row}${teacher.line.sheet !== line.sheet ? ` of ${teacher.line.sheet}` : ""}, ${VIA_SHORT[teacher.tag.via]}`;
  const g = mainGoal(teacher.tag.goals)!;
  const confidence = LEARNED.sameProgram;
  const tagged = confidence >= run.threshold;
  return {
    key: line.key,
    goals: tagged ? teacher.tag.goals.map((x) => ({ id: x.id, share: x.share })) : [],
    priorityId: tagged ? teacher.priorityId : null,
    source: tagged ? "learned" : "none",
    confidence,
    why,
    flagged: false,
    nearest: { id: g.id, confidence, why },
    candidates: textCandidates(run.text, index, run.ranked.order),
  };
}

/** The namesake rule over the city's confirmed programs (each program once, by its first confirmed line). */
function namesakesOf(learned: Learned, tx: Taxonomy): Namesakes<Teacher> {
  return namesakeTeaching(
    [...learned.byProgram.values()].map((t) => ({
      department: t.line.department,
      name: programOf(t.line),
      priorityId: t.priorityId,
      work: clearWork(ownNameFunctions(programOf(t.line), tx)),
      teacher: t,
    })),
    (word) => ownNameFunctions(word, tx).strength < FUNCTION_WEIGHTS.strongFunction
  );
}

/** The work a name names clearly (its main function), or -1 (as departmentSpeaksFor reads "clearly"). */
function clearWork(fn: FunctionProfile | undefined): number {
  return fn && fn.fns.length > 0 && fn.strength >= FUNCTION_WEIGHTS.strongFunction ? fn.fns[0] : -1;
}

/**
 * 3b. Learned from namesakes: a program of a department whose confirmed programs named with one of its name's words
 * agree on a priority (two or more, none elsewhere) follows them, to the goal most of them were confirmed to.
 */
function namesakeStage(run: TagRun, index: number): LineTag | null {
  if (!run.namesakes) return null;
  const line = run.lines[index];
  const k = run.programOfLine[index];
  let lesson = run.namesakeLessons[k];
  if (lesson === undefined)
    run.namesakeLessons[k] = lesson = run.namesakes.lessonFor(
      line.department,
      programOf(line),
      clearWork(run.nameFns[k])
    );
  if (!lesson) return null;
  const counts = new Map<string, number>();
  for (const t of lesson.teachers) counts.set(t.targetId, (counts.get(t.targetId) ?? 0) + 1);
  const targetId = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const node = run.model.byId.get(targetId);
  if (!node) return null;
  const n = lesson.teachers.length;
  // Laplace's rule on the agreeing confirmations, re-scaled as every learned tag is (the eval's fit sees it raw).
  const confidence = rescale(
    (n + LEARNED.namesakePrior[0]) / (n + LEARNED.namesakePrior[1]),
    run.calibration.learn
  );
  const first = lesson.teachers[0];
  const names = lesson.teachers
    .slice(0, 3)
    .map((t) => `${programOf(t.line)} (row ${t.line.row}, ${VIA_SHORT[t.tag.via]})`)
    .join(", ");
  const why = `named like ${names}${n > 3 ? ` and ${n - 3} more` : ""}: ${line.department}'s programs named '${lesson.word}' are filed under ${nodeLabel(run.model.byId.get(lesson.priorityId) ?? node)}; tagged to ${nodeLabel(node)}`;
  const tagged = confidence >= run.threshold;
  return {
    key: line.key,
    goals: tagged ? [{ id: targetId, share: 1 }] : [],
    priorityId: tagged ? lesson.priorityId : null,
    source: tagged ? "learned" : "none",
    confidence,
    why,
    flagged: false,
    nearest: { id: targetId, confidence, why },
    candidates: textCandidates(run.text, index, run.ranked.order),
    ...(tagged ? { learnedFrom: programKeyOf(first.line) } : {}),
  };
}

/** 4. A line that takes its program's suggestion, once its program's leading line has one. */
function followStage(run: TagRun, index: number): LineTag | null {
  const k = run.programOfLine[index];
  const lead = run.programs.follows[index] ? run.programs.leader[k] : -1;
  const shared = lead >= 0 ? run.programTags[k] : undefined;
  if (!shared) return null;
  return index === lead ? shared : followProgram(shared, run.lines[index], run.lines[lead]);
}

/**
 * 5. Learned from similar confirmed lines, the function layer and the text suggestion (smoothed over the
 * department), for the line or, when it follows its program, for the program's leading line; "none" when no goal
 * fits. Fills the run's ranking scratch, then suggestOrLearn decides.
 */
function suggestStage(run: TagRun, index: number): LineTag {
  const { lines, model, text, ranked, programs, programOfLine, details, fields } = run;
  const { order, P } = ranked;
  const line = lines[index];
  const group = run.groups[index];
  rankText(text.score, index * P, P, order);
  const means = run.deptMeans.get(group.deptKey);
  const k = programOfLine[index];
  // A line that leaves its program on its own specific text is read by that text's functions too.
  const departs = programs.size[k] > 1 && !programs.follows[index];
  ranked.functions = departs ? ownFunctions(line, run.taxonomy) : run.fnProfiles[k];
  ranked.literal = departs ? null : run.literal[k];
  // What staff taught about the work this program's own name says it does (not its department's: a confirmed Code
  // Enforcement program says nothing about Affordable Housing because both sit in Community Development).
  if (run.taught)
    run.taught.sharesFor(departs ? ranked.functions : run.nameFns[k], ranked.fnTaught);
  for (let p = 0; p < P; p++) {
    const s = text.score[index * P + p];
    ranked.cover[p] = departs
      ? coveredShare(ranked.functions, run.coverage.get(model.priorities[p].id))
      : run.fnCover[k * P + p];
    // A function staff have confirmed under a priority is covered there, whatever the plan's words say.
    ranked.planCover[p] = ranked.cover[p];
    ranked.fitCover[p] = departs
      ? coveredShare(ranked.functions, run.fitCoverage.get(model.priorities[p].id))
      : run.fnFit[k * P + p];
    if (run.taught) {
      ranked.cover[p] = Math.max(ranked.cover[p], ranked.fnTaught[p]);
      ranked.fitCover[p] = Math.max(ranked.fitCover[p], ranked.fnTaught[p]);
    }
    ranked.score[p] =
      (means
        ? (1 - DEPARTMENT_WEIGHT) * s + DEPARTMENT_WEIGHT * means[model.priorities[p].index]
        : s) +
      FUNCTION_WEIGHTS.rank * ranked.cover[p];
  }
  rankBy(ranked.score, ranked.ids, P, order);
  const lead = programs.follows[index] ? programs.leader[k] : -1;
  const at = lead >= 0 ? lead : index;
  ranked.line = at;
  // The line's non-empty fields in field order, for explanations.
  let count = 0;
  if (lead >= 0) for (const f of programs.fields[k]) fields[count++] = f;
  else {
    for (const f of group.head) fields[count++] = f;
    const a = details[2 * index];
    const d = details[2 * index + 1];
    if (a) {
      run.accountField.entry = a;
      fields[count++] = run.accountField;
    }
    if (d) {
      run.descriptionField.entry = d;
      fields[count++] = run.descriptionField;
    }
    if (group.fund) fields[count++] = group.fund;
  }
  if (lead >= 0) run.descriptionField.entry = details[2 * lead + 1] ?? fieldParts("", run.space);
  run.lastUnfit = false;
  const tag = suggestOrLearn(run, lines[at], count, run.groups[at]);
  if (run.lastUnfit) run.unfit[k] = 1;
  if (lead >= 0) run.programTags[k] = tag;
  return lead >= 0 && index !== lead ? followProgram(tag, line, lines[lead]) : tag;
}

/**
 * 6. Flag the programs that fit no goal: none of whose lines has a tag, and the engine is sure no goal fits (no
 * priority covers the functions its texts clearly name and its text reaches no goal either, or nothing in the plan
 * shares a word with it). A program with a likeliest goal below the threshold is uncertain, not flagged: it stays
 * untagged and goes to the Confirm next queue and the Review sheet's low-confidence list.
 */
function flagStage(run: TagRun, out: LineTag[]): void {
  const tagged = new Uint8Array(run.programTags.length);
  for (let i = 0; i < out.length; i++)
    if (out[i].goals.length > 0) tagged[run.programOfLine[i]] = 1;
  for (let i = 0; i < out.length; i++) {
    const k = run.programOfLine[i];
    if (!tagged[k] && run.unfit[k]) out[i].flagged = true;
  }
}

/**
 * Mean text score per priority (indexed by NodeModel.index) over the programmes of each department, each programme
 * counted once with the mean of its lines: the same whatever the order of the lines.
 */
function departmentMeans(
  lines: BudgetLine[],
  groups: LineGroup[],
  programOfLine: Int32Array,
  programCount: number,
  text: TextScores
): Map<string, Float64Array> {
  const P = text.priorities.length;
  const size = Math.max(0, ...text.priorities.map((p) => p.index + 1));
  // Per programme (numbered in order of first appearance): its department, line count and score sums.
  const deptOf: (string | null)[] = new Array(programCount).fill(null);
  const count = new Float64Array(programCount);
  const sums = new Float64Array(programCount * P);
  const perDept = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const d = groups[i].deptKey;
    if (!d) continue;
    const k = programOfLine[i];
    if (deptOf[k] === null) {
      deptOf[k] = d;
      let list = perDept.get(d);
      if (!list) perDept.set(d, (list = []));
      list.push(k);
    }
    count[k]++;
    for (let p = 0; p < P; p++) sums[k * P + p] += text.score[i * P + p];
  }
  const out = new Map<string, Float64Array>();
  for (const [d, programs] of perDept) {
    if (programs.length < 2) continue;
    const mean = new Float64Array(size);
    for (const k of programs)
      for (let p = 0; p < P; p++) mean[text.priorities[p].index] += sums[k * P + p] / count[k];
    for (let p = 0; p < P; p++) mean[text.priorities[p].index] /= programs.length;
    out.set(d, mean);
  }
  return out;
}

/** The tag of a line that shares its program's suggestion, explained by the program's leading line. */
function followProgram(tag: LineTag, line: BudgetLine, lead: BudgetLine): LineTag {
  // One explanation string per program tag and sheet, shared by the program's lines (strings are immutable).
  let bySheet = followWhys.get(tag);
  if (!bySheet) followWhys.set(tag, (bySheet = new Map()));
  let why = bySheet.get(line.sheet);
  if (why === undefined) {
    const where = `same program as row ${lead.row}${lead.sheet !== line.sheet ? ` of ${lead.sheet}` : ""}`;
    bySheet.set(line.sheet, (why = `${where}: ${tag.why}`));
  }
  // The goals, nearest goal and candidates are the program's: one frozen copy shared by all its lines (a program
  // of 12,000 lines would otherwise hold 12,000 equal copies; at a million lines that is some 300 MB).
  let parts = followParts.get(tag);
  if (!parts)
    followParts.set(
      tag,
      (parts = {
        goals: Object.freeze(tag.goals.map((g) => Object.freeze({ id: g.id, share: g.share }))),
        nearest: tag.nearest ? Object.freeze({ ...tag.nearest }) : null,
        candidates: Object.freeze(
          (tag.candidates ?? []).map((c) => Object.freeze({ id: c.id, score: c.score }))
        ),
      })
    );
  const out: LineTag = {
    key: line.key,
    goals: parts.goals as LineTag["goals"],
    priorityId: tag.priorityId,
    source: tag.source,
    confidence: tag.confidence,
    why,
    flagged: false,
    nearest: parts.nearest,
    candidates: parts.candidates as LineTag["candidates"],
  };
  // Set rather than spread in (a spread of a conditional object is a runtime call per line): same keys, same order.
  if (tag.covering !== undefined) out.covering = tag.covering;
  if (tag.learnedFrom !== undefined) out.learnedFrom = tag.learnedFrom;
  return out;
}

/** Explanations of lines that follow their program, by the program's tag and the line's sheet. */
const followWhys = new WeakMap<LineTag, Map<string, string>>();
/** The program tag's parts its following lines share (frozen: no one may change one line's goals through another). */
const followParts = new WeakMap<
  LineTag,
  {
    goals: readonly LineTag["goals"][number][];
    nearest: LineTag["nearest"];
    candidates: readonly NonNullable<LineTag["candidates"]>[number][];
  }
>();

/** How a row of similarities (one per plan node) becomes each priority's score and chosen node. */
function scoreRowOf(
  model: PlanModel
): (sims: Float64Array, score: Float64Array, node: Int32Array, base: number) => void {
  const scores = new Float64Array(model.targets.length);
  return (sims, score, node, base) => {
    for (let p = 0; p < model.priorities.length; p++) {
      const pr = model.priorities[p];
      score[base + p] = scoreNode(sims, pr, scores);
      node[base + p] = descend(pr, scores).index;
    }
  };
}

function ruleText(rule: Rule): string {
  // The rule as written, without its target: "department = Library".
  return ruleToText(rule).replace(/\s*→.*$/, "");
}

/**
 * Per teacher, the sums over a line's fields of weight × dot products (word at 2t, concept at 2t + 1), field by
 * field in order: the department, division and program once per group (their sums kept on the group), the dot
 * products cached per field text, the description's computed (descriptions are many).
 */
function teacherSumsByLine(
  tv: TeacherVotes,
  fields: EvidenceField[],
  count: number,
  group: LineGroup,
  descriptionSlot: EvidenceField,
  fieldDots: Float64Array[]
): void {
  const set = tv.set;
  for (let f = group.teacherSet === set ? group.head.length : 0; f < count; f++) {
    const entry = fields[f].entry;
    if (fields[f] === descriptionSlot) {
      set.fieldDots(entry, tv.scratch);
      fieldDots[f] = tv.scratch;
    } else fieldDots[f] = set.dotsOf(entry);
  }
  const h = group.head.length;
  if (group.teacherSet !== set || !group.teacherPrefix) {
    const prefix = new Float64Array(2 * set.size);
    for (let t = 0; t < set.size; t++) {
      let word = 0;
      let concept = 0;
      for (let f = 0; f < h; f++) {
        const w = fields[f].weight;
        const dd = fieldDots[f];
        word += w * dd[2 * t];
        concept += w * dd[2 * t + 1];
      }
      prefix[2 * t] = word;
      prefix[2 * t + 1] = concept;
    }
    group.teacherSet = set;
    group.teacherPrefix = prefix;
  }
  const prefix = group.teacherPrefix;
  const sums = tv.sums;
  for (let t = 0; t < set.size; t++) {
    let word = prefix[2 * t];
    let concept = prefix[2 * t + 1];
    for (let f = h; f < count; f++) {
      const w = fields[f].weight;
      const dd = fieldDots[f];
      word += w * dd[2 * t];
      concept += w * dd[2 * t + 1];
    }
    sums[2 * t] = word;
    sums[2 * t + 1] = concept;
  }
}

/**
 * The same sums for many fields (a program's texts): field by field, each adding its products to the teachers it
 * shares something with (for the others it would add w × 0, which changes nothing), nothing cached per field.
 */
function teacherSumsByField(tv: TeacherVotes, fields: EvidenceField[], count: number): void {
  const { set, sums, sparse, mark, touched } = tv;
  sums.fill(0);
  for (let f = 0; f < count; f++) {
    const w = fields[f].weight;
    const m = set.sparseDots(fields[f].entry, sparse, mark, touched);
    for (let j = 0; j < m; j++) {
      const t = touched[j];
      sums[2 * t] += w * sparse[2 * t];
      sums[2 * t + 1] += w * sparse[2 * t + 1];
      sparse[2 * t] = 0;
      sparse[2 * t + 1] = 0;
      mark[t] = 0;
    }
  }
}

function suggestOrLearn(run: TagRun, line: BudgetLine, count: number, group: LineGroup): LineTag {
  const { ranked, fields, learned, model, threshold, scratch } = run;
  const descriptionSlot = run.descriptionField;
  const { order, score, P, text, e: ev, total, combined } = ranked;
  const priorities = model.priorities;
  const base = ranked.line * P;
  // Learned evidence per priority: the department's confirmed lines, the account's, and the centroid of each priority's confirmed lines.
  ev.fill(0);
  // The confirmation that taught most toward a priority (the department's teacher line that voted most for it).
  let teacherFor: (priorityId: string) => Teacher | null = () => null;
  if (learned.teachers > 0) {
    const wordNorm = text.norms[2 * ranked.line];
    const conceptNorm = text.norms[2 * ranked.line + 1];
    const evidence = new Map<string, number>();
    const own = run.nameFns[run.programOfLine[ranked.line]] ?? NO_FUNCTION;
    const ownFn =
      own.strength >= FUNCTION_WEIGHTS.strongFunction && own.fns.length > 0 ? own.fns[0] : -1;
    const dept = learned.byDepartment.get(normKey(line.department));
    const d = dept && departmentSpeaksFor(dept, own) ? dept : undefined;
    const a = line.account ? learned.byAccount.get(normKey(line.account)) : undefined;
    // The department's confirmed lines vote, each by how much the line resembles it: a department whose
    // programmes serve different goals is read programme by programme.
    let tv: TeacherVotes | null = null;
    let voteTotal = 0;
    if (d) {
      tv = teacherVotes(d);
      const { set, slotOf, votes, weight, best, bestVote } = tv;
      votes.fill(0);
      best.fill(-1);
      bestVote.fill(0);
      // Each teacher's similarity as LineText.similarity computes it: per-field dot products summed in field order.
      const sums = tv.sums;
      if (count > LINE_FIELDS.length) teacherSumsByField(tv, fields, count);
      else teacherSumsByLine(tv, fields, count, group, descriptionSlot, scratch.fieldDots);
      for (let t = 0; t < set.size; t++) {
        const word = sums[2 * t];
        const concept = sums[2 * t + 1];
        const ws = wordNorm > 1e-12 ? word / wordNorm : 0;
        const cs = conceptNorm > 1e-12 && set.hasConcepts[t] ? concept / conceptNorm : 0;
        const w = weight[t] * (LEARNED.teacherBase + (CONCEPT_WEIGHT * cs + WORD_WEIGHT * ws));
        const slot = slotOf[t];
        if (w > bestVote[slot]) {
          bestVote[slot] = w;
          best[slot] = t;
        }
        votes[slot] = votes[slot] + w;
        voteTotal += w;
      }
    }
    const cset = learned.centroidSet;
    const centroidDots = scratch.centroidDots;
    for (let f = 0; f < count && cset.size > 0; f++) centroidDots[f] = cset.dotsOf(fields[f].entry);
    for (let q = 0; q < P; q++) {
      const p = priorities[order[q]].id;
      let e = 0;
      if (d && tv && voteTotal > 0) {
        const slot = tv.slotById.get(p);
        const v = slot === undefined ? 0 : tv.votes[slot];
        e +=
          LEARNED.department * (v / voteTotal) * (d.total / (d.total + LEARNED.departmentDamping));
      }
      if (a)
        e +=
          LEARNED.account *
          ((a.priorities.get(p) ?? 0) / a.total) *
          (a.total / (a.total + LEARNED.accountDamping));
      const k = learned.centroidIndex.get(p);
      // Lines like the confirmed ones, across departments, only as far as the work agrees (issue #24 item 3: a
      // confirmation teaches its program, its function across departments, its department): a line whose own name
      // says what it does learns from confirmations of the same work; a line whose name names no function the
      // taxonomy knows ("BaRSSA (Gas Tax)" in Transfers) learns nothing across departments, where a resemblance of
      // descriptions ("costs", "funds") had tagged it like Information Technology.
      if (k !== undefined && ownFn >= 0 && learned.functionsByPriority.get(p)?.has(ownFn)) {
        let word = 0;
        let concept = 0;
        for (let f = 0; f < count; f++) {
          const w = fields[f].weight;
          const dd = centroidDots[f];
          word += w * dd[2 * k];
          concept += w * dd[2 * k + 1];
        }
        const pw = wordNorm > 1e-12 ? word / wordNorm : 0;
        const pc = conceptNorm > 1e-12 && cset.hasConcepts[k] ? concept / conceptNorm : 0;
        const sim = LEARNED.centroidWords * pw + LEARNED.centroidConcepts * pc;
        e += LEARNED.centroid * sim;
      }
      if (e > 0) evidence.set(p, e);
    }
    for (let p = 0; p < P; p++) ev[p] = evidence.get(priorities[p].id) ?? 0;
    if (d && tv) {
      const votes = tv;
      teacherFor = (id) => {
        const slot = votes.slotById.get(id);
        const t = slot === undefined ? -1 : votes.best[slot];
        return t >= 0 ? d.teachers[t].teacher : null;
      };
    }
  }

  for (let q = 0; q < P; q++) {
    const p = order[q];
    combined[q] = p;
    total[p] = score[p] + LEARNED.weight * ev[p];
  }
  rankBy(total, ranked.ids, P, combined);
  if (P === 0 || total[combined[0]] <= 0) {
    run.lastUnfit = true;
    const named = ranked.functions.strength >= FUNCTION_WEIGHTS.strongFunction;
    return {
      key: line.key,
      goals: [],
      priorityId: null,
      source: "none",
      confidence: 0,
      why: named
        ? `no goal of the plan covers ${functionLabels(ranked.functions)}`
        : "no goal in the plan shares words or topics with this line",
      flagged: false,
      nearest: null,
      candidates: [],
    };
  }
  const leadsByLearning = (p: number) =>
    ev[p] > 0 && (p !== order[0] || ev[p] * LEARNED.weight >= score[p]);
  // For a program whose texts clearly name its functions, the priorities that cover them come first, then the text.
  const fn = ranked.functions;
  const strong = fn.strength >= FUNCTION_WEIGHTS.strongFunction;
  if (
    strong &&
    !leadsByLearning(combined[0]) &&
    ranked.cover[combined[0]] < FUNCTION_WEIGHTS.fitCovered
  ) {
    for (let q = 1; q < P; q++) {
      const p = combined[q];
      if (ranked.cover[p] < FUNCTION_WEIGHTS.fitCovered) continue;
      combined.copyWithin(1, 0, q);
      combined[0] = p;
      break;
    }
  }
  // Literal evidence first: a node whose own words name the program leads any topical match (staff's teaching
  // still leads it: a confirmation is the city's own word).
  const lit = ranked.literal;
  const literalAt = lit && !leadsByLearning(combined[0]) ? ranked.ids.indexOf(lit.priorityId) : -1;
  if (literalAt >= 0 && combined[0] !== literalAt) {
    const q = combined.indexOf(literalAt);
    combined.copyWithin(1, 0, q);
    combined[0] = literalAt;
  }
  const best = combined[0];
  const margin = total[best] - (P > 1 ? total[combined[1]] : 0);
  // Staff's teaching leads when it outweighs the text, or when only what staff confirmed covers the functions.
  const taughtOnly =
    strong &&
    ranked.fnTaught[best] >= FUNCTION_WEIGHTS.fitCovered &&
    ranked.planCover[best] < FUNCTION_WEIGHTS.fitCovered;
  const learnedLeads = leadsByLearning(best) || taughtOnly;

  let node = text.nodes[text.node[base + best]];
  let confidence: number;
  let why: string;
  let source: "learned" | "suggested";
  let notFit: string | null = null;
  // Whether the line shares a word with the goal it is nearest to (a topic alone is no word).
  let sharesWords = true;
  let learnedFrom: string | undefined;
  let covering = 0;
  if (strong)
    for (let p = 0; p < P; p++) if (ranked.cover[p] >= FUNCTION_WEIGHTS.fitCovered) covering++;
  // The text's confidence in the best priority: score and margin (over the text's runner-up and the combined one).
  const suggestConfidence = () => {
    const c = SUGGEST_CALIBRATION;
    let other = 0;
    for (let q = 0; q < P; q++) {
      if (order[q] !== best) {
        other = score[order[q]];
        break;
      }
    }
    const sMargin = score[best] - other;
    return rescale(
      logistic(c.bias + c.score * score[best] + c.margin * Math.max(sMargin, margin)),
      run.calibration.suggest,
      coverageAgreement(covering)
    );
  };
  if (learnedLeads) {
    source = "learned";
    // Within the priority, the node staff used most for this department, else the text's choice.
    const d = learned.byDepartment.get(normKey(line.department));
    if (d) {
      let bestT: string | null = null;
      let bestN = 0;
      for (const [t, n] of d.targets) {
        const tn = model.byId.get(t);
        if (tn && tn.priorityId === priorities[best].id && n > bestN) {
          bestT = t;
          bestN = n;
        }
      }
      if (bestT) node = model.byId.get(bestT)!;
    }
    const c = LEARN_CALIBRATION;
    confidence = rescale(
      logistic(c.bias + c.evidence * ev[best] + c.margin * margin),
      run.calibration.learn
    );
    // Where the plan's own words cover the program's functions there too, the two agree: the surer of them counts.
    if (strong && ranked.planCover[best] >= FUNCTION_WEIGHTS.fitCovered)
      confidence = Math.max(confidence, suggestConfidence());
    // Every spread tag names the confirmation it came from: the department's teacher line that voted most for the
    // priority, else the confirmed program of the same work (or, failing that, any) under it that the line resembles.
    const teacher = teacherFor(priorities[best].id);
    const byFunction = ranked.fnTaught[best] > 0;
    const from =
      teacher ??
      nearestConfirmation(
        learned,
        priorities[best].id,
        byFunction ? taughtBy(run, fn).fns : [],
        fields,
        count
      );
    if (from) learnedFrom = programKeyOf(from.line);
    const named = from
      ? `${programOf(from.line)} (row ${from.line.row}${from.line.sheet !== line.sheet ? ` of ${from.line.sheet}` : ""}, ${VIA_SHORT[from.tag.via]})`
      : "";
    why = teacher
      ? `like ${named}, tagged to ${nodeLabel(node)}`
      : byFunction
        ? `like the confirmed ${functionLabels(taughtBy(run, fn))} programs, tagged to ${nodeLabel(node)}${from ? `: learned from ${named}` : ""}`
        : `like the confirmed lines tagged to ${nodeLabel(node)}${from ? `, most of all ${named}` : ""}`;
  } else if (literalAt >= 0 && lit) {
    source = "suggested";
    node = model.byId.get(lit.nodeId) ?? node;
    confidence = applyRefit(run.calibration.literal, run.refit);
    const by = lit.namedBy === node.id ? "" : ` (action ${lit.namedBy})`;
    why = `${LITERAL_WHY}${nodeLabel(node)}${by}: ${quoteList(lit.words)}`;
  } else {
    source = "suggested";
    confidence = applyRefit(suggestConfidence(), run.refit);
    lineEvidenceInto(fields, count, model, node.index, node.profile, scratch.evidence);
    const texts = suggestionWhy(model, node, scratch.evidence);
    why = texts.why;
    notFit = texts.notFit;
    sharesWords = scratch.evidence.words.length > 0;
  }
  confidence = round(Math.min(0.99, Math.max(0, confidence)));
  // Confidence says which goal is likeliest; fit says whether any goal fits at all (a line about something the plan
  // does not cover still has a likeliest goal). A program whose texts clearly name what it pays for fits when the
  // chosen priority covers that function; otherwise the text must reach the fit floor. Staff's teaching decides on
  // its own (a confirmed program may well sit under a goal whose words do not name its function).
  // A program that clearly names its functions fits where a covering priority is chosen (staff's teaching may also
  // place it by the text); any other line fits by the text's fit floor.
  const textFit = total[best] - FUNCTION_WEIGHTS.rank * ranked.cover[best];
  const textFits = textFit >= FIT_FLOOR * (threshold / DEFAULT_THRESHOLD);
  const covered = ranked.cover[best] >= FUNCTION_WEIGHTS.fitCovered;
  const fitCovered = ranked.fitCover[best] >= FUNCTION_WEIGHTS.fitCovered;
  const fits =
    literalAt === best || (strong ? fitCovered || (source === "learned" && textFits) : textFits);
  if (strong && covered && source === "suggested" && literalAt !== best) {
    // Within the priority, the goal that covers what the program's own name says it does ("Emergency Management" in
    // a fire department: the disasters goal, not the response-times one), else what the program as a whole does.
    const named = functionProfile(
      { department: "", division: "", program: line.program, details: [] },
      run.taxonomy
    );
    const chosen = coveringNode(
      priorities[best],
      node,
      named.strength > 0 ? named : fn,
      ranked.coverage
    );
    if (chosen !== node) {
      node = chosen;
      lineEvidenceInto(fields, count, model, node.index, node.profile, scratch.evidence);
      const texts = suggestionWhy(model, node, scratch.evidence);
      why = texts.why;
      notFit = texts.notFit;
    }
  }
  if (
    strong &&
    covered &&
    source === "suggested" &&
    literalAt !== best &&
    run.residual?.priorityId === priorities[best].id
  )
    why = `no goal names the city's own administration and ${nodeLabel(priorities[best])} names no other work, so ${functionLabels(fn)} is read as belonging to it (by elimination)`;
  const tagged = confidence >= threshold && fits;
  // Sure that no goal fits (as opposed to a likeliest goal below the threshold, which is uncertain). For a program
  // whose texts clearly name its functions: no priority covers them, the plan does not speak of their area (it
  // names fewer than two of the area's functions — a plan that names parks and libraries may well mean the zoo — and
  // no priority's title leans to it: "Healthy Communities" is not silent on a health clinic), no priority that names
  // no work may hold it (silentMayHold: the city's own administration, or anything in a plan of slogans), and its
  // words meet no priority's own title: a goal that shares a word with it names it in passing ("facility projects for
  // Police, Fire and Public Works" is not a goal for policing), so only coverage of its functions counts there. A
  // program whose texts name no function clearly is sure to fit no goal only when nothing fits by its text, no
  // priority names no work, and it shares no word with the goal nearest to it (a topic alone is no word).
  const area = areaOf(fn.fns[0]);
  const areaSilent = !run.coveredAreas.has(area) && !run.leanedAreas.has(area);
  const heldBySilent = strong ? silentMayHold(run.reading, fn.fns) : run.opaquePriorities > 0;
  const textSaves = textFits && !(strong && areaSilent && node.level !== "priority");
  run.lastUnfit = !fits && !textSaves && !heldBySilent && (strong ? areaSilent : !sharesWords);
  if (!fits && strong)
    notFit = `no goal of the plan covers ${functionLabels(fn)}${run.lastUnfit ? silentNote(run.reading) : ""}`;
  const candidates: { id: string; score: number }[] = [];
  for (let q = 0; q < Math.min(3, P); q++) {
    const x = combined[q];
    if (total[x] > 0)
      candidates.push({
        id: x === best ? node.id : text.nodes[text.node[base + x]].id,
        score: round(total[x]),
      });
  }
  return {
    key: line.key,
    goals: tagged ? [{ id: node.id, share: 1 }] : [],
    priorityId: tagged ? priorities[best].id : null,
    source: tagged ? source : "none",
    confidence,
    why: tagged
      ? why
      : fits
        ? `not sure enough to tag (nearest: ${why})`
        : (notFit ?? `no goal fits well enough (nearest: ${why})`),
    flagged: false,
    nearest: { id: node.id, confidence, why },
    candidates,
    ...(strong ? { covering } : {}),
    ...(tagged && learnedFrom ? { learnedFrom } : {}),
  };
}

/**
 * What a flag's reason adds when the plan has priorities that name no work: why none of them is read as covering the
 * program (the analyst sees the priority's title, not a rule).
 */
function silentNote(reading: PlanReading): string {
  if (reading.silent.length === 0) return "";
  const titles = reading.silent.map((s) => `"${s.title}"`).join(" and ");
  const verb = reading.silent.length === 1 ? "names" : "name";
  return ` (${titles} ${verb} no work and ${reading.silent.length === 1 ? "is" : "are"} read only as the home of the city's own administration)`;
}

/**
 * Where staff's confirmed programs put each function: per function, its confirmed programs' votes by priority
 * (each program one vote, spread over its functions by their shares). `sharesFor` gives, for a function profile,
 * the share of it confirmed under each priority: staff have said the priority covers those functions. A function
 * is taught only as far as the city's confirmations agree (functionAgreed): where the plan's words cover it, not
 * until two confirmed programs of it sit under one priority. (Used as a vote in the learned evidence as well, it made
 * no city better and Los Angeles and Missoula worse: eval/README.md.)
 */
function functionTeaching(
  lines: BudgetLine[],
  manual: Record<string, ManualTag>,
  plan: Plan,
  programOfLine: Int32Array,
  profiles: FunctionProfile[],
  priorityIds: string[],
  coverage: Coverage
): { sharesFor: (f: FunctionProfile, share: Float64Array) => void } | null {
  const position = new Map(priorityIds.map((id, i) => [id, i]));
  const votes = new Map<number, Float64Array>();
  const totals = new Map<number, number>();
  const counted = new Set<number>();
  const programsAt = new Map<number, Float64Array>();
  const planCovered = coveredFunctions(coverage, priorityIds);
  for (let i = 0; i < lines.length; i++) {
    const tag = ownTag(manual, lines[i].key);
    const g = tag ? mainGoal(tag.goals) : null;
    const pid = g ? priorityOf(plan, g.id) : null;
    const p = pid ? position.get(pid) : undefined;
    const k = programOfLine[i];
    if (p === undefined || counted.has(k)) continue;
    counted.add(k);
    const f = profiles[k];
    // A confirmation teaches what the plan did not already say: where the priority's own words cover some of the
    // program's functions ("Public Safety Employment" under a safety priority), those explain the confirmation and
    // the program's other functions (hiring) learn nothing from it; otherwise all its functions are taught.
    const planCovers = coverage.get(pid!);
    let explained = 0;
    for (let j = 0; j < f.fns.length; j++)
      if ((planCovers?.get(f.fns[j]) ?? 0) >= FUNCTION_WEIGHTS.fitCovered) explained += f.shares[j];
    for (let j = 0; j < f.fns.length; j++) {
      const covered = (planCovers?.get(f.fns[j]) ?? 0) >= FUNCTION_WEIGHTS.fitCovered;
      if (explained > 0 && !covered) continue;
      const share = explained > 0 ? f.shares[j] / explained : f.shares[j];
      let v = votes.get(f.fns[j]);
      if (!v) votes.set(f.fns[j], (v = new Float64Array(priorityIds.length)));
      v[p] += share;
      totals.set(f.fns[j], (totals.get(f.fns[j]) ?? 0) + share);
      let c = programsAt.get(f.fns[j]);
      if (!c) programsAt.set(f.fns[j], (c = new Float64Array(priorityIds.length)));
      c[p]++;
    }
  }
  for (const [fn, c] of programsAt)
    if (!functionAgreed(Math.max(...c), planCovered.has(fn))) votes.delete(fn);
  if (votes.size === 0) return null;
  return {
    sharesFor(f, share) {
      share.fill(0);
      for (let j = 0; j < f.fns.length; j++) {
        const v = votes.get(f.fns[j]);
        if (!v) continue;
        const total = totals.get(f.fns[j])!;
        for (let p = 0; p < share.length; p++) share[p] += f.shares[j] * (v[p] / total);
      }
    },
  };
}

/**
 * Whether staff's confirmations of a function teach it to programs of the same work elsewhere: as far as the city's
 * own confirmations agree. Where the plan's words cover the function (under some priority), a confirmation under
 * a priority teaches it only once a second confirmation of that work agrees (one may be the program's own case:
 * Missoula's MRA "PW FACILITY" confirmed under safety pulled the city's Facility Operations there, although the plan's
 * words file facilities under its organisational pillar); where the plan is silent on it, one confirmation is all the
 * city says (a museum confirmed where no goal names museums teaches the other museums).
 */
function functionAgreed(programsUnderPriority: number, planCoversIt: boolean): boolean {
  return programsUnderPriority >= 2 || !planCoversIt;
}

/** The functions some priority of the plan covers by its own words (at least the fit share). */
function coveredFunctions(coverage: Coverage, priorityIds: string[]): Set<number> {
  const out = new Set<number>();
  for (const id of priorityIds)
    for (const [fn, share] of coverage.get(id) ?? [])
      if (share >= FUNCTION_WEIGHTS.fitCovered) out.add(fn);
  return out;
}

/** The functions staff's teaching was matched on for the line being tagged: its program's own name's, else all. */
function taughtBy(run: TagRun, fn: FunctionProfile): FunctionProfile {
  const own = run.nameFns[run.programOfLine[run.ranked.line]];
  return own && own.strength > 0 ? own : fn;
}

/** What a program's own name says it does, without its department's name. */
function ownNameFunctions(name: string, tx: Taxonomy): FunctionProfile {
  return functionProfile({ department: "", division: "", program: name, details: [] }, tx);
}

const NO_FUNCTION: FunctionProfile = { fns: [], shares: [], strength: 0 };

/** The functions a line's own texts (description, account name) name, without its program's. */
function ownFunctions(line: BudgetLine, tx: Taxonomy): FunctionProfile {
  return functionProfile(
    {
      department: "",
      division: "",
      program: "",
      details: [textOfField(line.description), textOfField(line.accountName)].filter(Boolean),
    },
    tx
  );
}

/**
 * Within a priority, the node to suggest for a program of known functions: the text's choice when it covers them as
 * well as any node of the priority, else the node that covers them best (the first in plan order on a tie).
 */
function coveringNode(
  priority: NodeModel,
  chosen: NodeModel,
  fn: FunctionProfile,
  coverage: Coverage
): NodeModel {
  let best = chosen;
  let bestShare = coveredShare(fn, coverage.get(chosen.id));
  const visit = (n: NodeModel) => {
    const share = coveredShare(fn, coverage.get(n.id));
    if (share > bestShare + 1e-9) {
      best = n;
      bestShare = share;
    }
    n.children.forEach(visit);
  };
  priority.children.forEach(visit);
  return best;
}
