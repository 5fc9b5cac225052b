/**
 * The tagging engine: one tag per budget line, deterministic, the same in the task pane and the CLI.
 *
 * Precedence: manual (typed or confirmed by staff) → rules (in order, first match) → learned (same programme as a
 * confirmed line; lines like the confirmed ones) → suggested (text and concept similarity to the plan) → none.
 * A programme whose lines all end up untagged is flagged for review.
 */
import { normName as normNameUncached, programOf } from "../keys";
import { planNodes, priorityOf, findTarget } from "../plan/model";
import type { BudgetLine, GoalShare, LineTag, ManualTag, Plan, Rule, TagOptions } from "../types";
import { ruleMatches, ruleToText } from "./rules";
import { combineProfiles, LineText, profileOf, type Profile } from "./similarity";
import { conceptLabel } from "./vocabulary";

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
  priorities: NodeModel[];
  byId: Map<string, NodeModel>;
  /** Every node's profile, by NodeModel.index. */
  targets: Profile[];
}

/** Weights of a node's own fields and of the text it inherits from below. */
const TITLE_WEIGHT = 1;
const DESCRIPTION_WEIGHT = 0.7;
const KEYWORD_WEIGHT = 0.9;
const CHILD_WEIGHT = 0.6;
const ACTION_WEIGHT = 0.4;

function ownProfile(node: { title: string; description?: string; keywords?: string[] }): Profile {
  return profileOf([
    { text: node.title, weight: TITLE_WEIGHT },
    { text: node.description ?? "", weight: DESCRIPTION_WEIGHT },
    { text: (node.keywords ?? []).join(" ; "), weight: KEYWORD_WEIGHT },
  ]);
}

const planModelCache = new WeakMap<Plan, { signature: string; model: PlanModel }>();

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
export function buildPlanModel(plan: Plan): PlanModel {
  const signature = planSignature(plan);
  const cached = planModelCache.get(plan);
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
  const model: PlanModel = { priorities, byId, targets };
  planModelCache.set(plan, { signature, model });
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

/** The fields of LINE_FIELDS that many lines share (summed once per distinct combination). */
const SHARED_FIELDS = LINE_FIELDS.map(
  (f) => f.field !== "description" && f.field !== "accountName"
);

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

function lineFields(line: BudgetLine): { text: string; weight: number }[] {
  return LINE_FIELDS.map((f) => ({ text: String(line[f.field] ?? ""), weight: f.weight }));
}

// ---------------------------------------------------------------------------------------------
// Scoring a line against the plan
// ---------------------------------------------------------------------------------------------

interface PathChoice {
  /** Most specific node chosen under the priority. */
  node: NodeModel;
  priority: NodeModel;
  /** Score of the priority (best of its own text and its best descendant). */
  score: number;
}

const DESCENT_FACTOR = 0.9;

/** Score of each node under `n` (memoised in `scores`), the node's own being the best of its text and its best child. */
function scoreNode(sims: Float64Array, n: NodeModel, scores: Float64Array): number {
  let s = sims[n.index];
  for (const c of n.children) s = Math.max(s, DESCENT_FACTOR * scoreNode(sims, c, scores));
  scores[n.index] = s;
  return s;
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
 * Calibration of suggestion confidence: logistic on score and margin. Fitted (Platt scaling of the earlier
 * hand-set weights) on the Los Angeles zero-shot suggestions by `npm run eval`; see eval/README.md.
 */
export const SUGGEST_CALIBRATION = { bias: -0.59, score: 2.56, margin: 2.98 };
/**
 * Calibration of learned confidence: logistic on the learned evidence and the margin of the combined score.
 * Fitted the same way on the Los Angeles learned tags after 10% and 25% of programmes were confirmed.
 */
export const LEARN_CALIBRATION = { bias: -1.14, evidence: 2.33, margin: 2.91 };

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
  /** normalised department → priority → count of confirmed lines; and the targets used under it. */
  byDepartment: Map<
    string,
    {
      total: number;
      priorities: Map<string, number>;
      targets: Map<string, number>;
      teachers: { profile: Profile; priorityId: string }[];
    }
  >;
  byAccount: Map<string, { total: number; priorities: Map<string, number> }>;
  /** priority → profile of the confirmed lines tagged to it. */
  centroids: Map<string, Profile>;
  teachers: number;
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
  profiles: (l: BudgetLine) => Profile
): Learned {
  const byProgram = new Map<string, Teacher>();
  const byDepartment: Learned["byDepartment"] = new Map();
  const byAccount: Learned["byAccount"] = new Map();
  const centroidParts = new Map<string, { profile: Profile; weight: number }[]>();
  let teachers = 0;
  for (const line of lines) {
    const tag = ownTag(manual, line.key);
    if (!tag || tag.goals.length === 0) continue;
    const g = mainGoal(tag.goals);
    if (!g) continue;
    const p = priorityOf(plan, g.id);
    if (!p) continue;
    teachers++;
    const t: Teacher = { line, tag, priorityId: p, targetId: g.id };
    const pk = programKeyOf(line);
    if (!byProgram.has(pk)) byProgram.set(pk, t);
    const dk = normKey(line.department);
    if (dk) {
      let d = byDepartment.get(dk);
      if (!d)
        byDepartment.set(
          dk,
          (d = { total: 0, priorities: new Map(), targets: new Map(), teachers: [] })
        );
      d.teachers.push({ profile: profiles(line), priorityId: p });
      d.total++;
      d.priorities.set(p, (d.priorities.get(p) ?? 0) + 1);
      d.targets.set(g.id, (d.targets.get(g.id) ?? 0) + 1);
    }
    const ak = normKey(line.account);
    if (ak) {
      let a = byAccount.get(ak);
      if (!a) byAccount.set(ak, (a = { total: 0, priorities: new Map() }));
      a.total++;
      a.priorities.set(p, (a.priorities.get(p) ?? 0) + 1);
    }
    let parts = centroidParts.get(p);
    if (!parts) centroidParts.set(p, (parts = []));
    parts.push({ profile: profiles(line), weight: 1 });
  }
  const centroids = new Map<string, Profile>();
  for (const [p, parts] of centroidParts) centroids.set(p, combineProfiles(parts));
  return { byProgram, byDepartment, byAccount, centroids, teachers };
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

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

interface TextResult {
  ranked: PathChoice[];
  line: LineText;
}

/**
 * One LineTag per line, in the same order. See the module comment for the precedence. `options.threshold`
 * (default 0.35) is the confidence a learned or suggested tag needs to count.
 */
export function tagLines(lines: BudgetLine[], plan: Plan, options: TagOptions = {}): LineTag[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const manual = options.manual ?? {};
  const rules = options.rules ?? [];
  const model = buildPlanModel(plan);

  const profiles = (line: BudgetLine): Profile => byTextKey(line).line.profile();
  const textCache = new Map<string, TextResult>();
  const byTextKey = (line: BudgetLine): TextResult => {
    const k = lineTextKey(line);
    let r = textCache.get(k);
    if (r) return r;
    const lt = new LineText(lineFields(line), SHARED_FIELDS);
    const sims = lt.scoresAgainst(model, model.targets);
    const scores = new Float64Array(model.targets.length);
    const ranked: PathChoice[] = model.priorities.map((p) => {
      const score = scoreNode(sims, p, scores);
      return { priority: p, node: descend(p, scores), score };
    });
    ranked.sort((a, b) => b.score - a.score);
    r = { ranked, line: lt };
    textCache.set(k, r);
    return r;
  };

  const learned = buildLearned(lines, plan, manual, profiles);
  const textOf = lines.map(byTextKey);
  const deptMeans = departmentMeans(lines, textOf, model.targets.length);
  const validRules = rules.filter((r) => findTarget(plan, r.target));

  const out: LineTag[] = lines.map((line, index) => {
    // 1. Manual
    const m = ownTag(manual, line.key);
    if (m && m.goals.length > 0) {
      const g = mainGoal(m.goals)!;
      return {
        key: line.key,
        goals: m.goals.map((x) => ({ id: x.id, share: x.share })),
        priorityId: priorityOf(plan, g.id),
        source: "manual",
        confidence: 1,
        why: VIA_WORDS[m.via] ?? "set by staff",
        flagged: false,
        nearest: { id: g.id, confidence: 1, why: VIA_WORDS[m.via] ?? "set by staff" },
        candidates: candidatesOf(textOf[index].ranked),
      };
    }
    // 2. Rules
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!validRules.includes(rule) || !ruleMatches(rule, line)) continue;
      const why = `rule ${i + 1}: ${rule.label || ruleText(rule)}`;
      return {
        key: line.key,
        goals: [{ id: rule.target, share: 1 }],
        priorityId: priorityOf(plan, rule.target),
        source: "rule",
        confidence: 1,
        why,
        flagged: false,
        nearest: { id: rule.target, confidence: 1, why },
        candidates: candidatesOf(textOf[index].ranked),
      };
    }
    const text = textOf[index];
    // 3. Learned: same programme as a confirmed line.
    const teacher = learned.byProgram.get(programKeyOf(line));
    if (teacher) {
      const why = `same program as row ${teacher.line.row}${teacher.line.sheet !== line.sheet ? ` of ${teacher.line.sheet}` : ""}, ${VIA_SHORT[teacher.tag.via]}`;
      const g = mainGoal(teacher.tag.goals)!;
      const confidence = 0.95;
      const tagged = confidence >= threshold;
      return {
        key: line.key,
        goals: tagged ? teacher.tag.goals.map((x) => ({ id: x.id, share: x.share })) : [],
        priorityId: tagged ? teacher.priorityId : null,
        source: tagged ? "learned" : "none",
        confidence,
        why,
        flagged: false,
        nearest: { id: g.id, confidence, why },
        candidates: candidatesOf(text.ranked),
      };
    }
    // 3b. Learned from similar confirmed lines, blended with 4. the text suggestion (smoothed over the department).
    return suggestOrLearn(
      line,
      withDepartment(text, deptMeans.get(normKey(line.department))),
      learned,
      model,
      threshold
    );
  });

  // 5. Flag programmes none of whose lines has a tag.
  const tagged = new Set<string>();
  for (let i = 0; i < lines.length; i++)
    if (out[i].goals.length > 0) tagged.add(programKeyOf(lines[i]));
  for (let i = 0; i < lines.length; i++) {
    if (!tagged.has(programKeyOf(lines[i]))) out[i].flagged = true;
  }
  return out;
}

/**
 * How much a line's text score leans on its department's: programmes of one department mostly serve its mission
 * ("Training" in a fire department is about emergency response), so each priority's score is blended with the
 * mean over the department's programmes.
 */
export const DEPARTMENT_WEIGHT = 0.5;

/**
 * Mean text score per priority (indexed by NodeModel.index) over the programmes of each department, each programme
 * counted once with the mean of its lines: the same whatever the order of the lines.
 */
function departmentMeans(
  lines: BudgetLine[],
  textOf: TextResult[],
  size: number
): Map<string, Float64Array> {
  const perDept = new Map<string, Map<string, { n: number; sums: Float64Array }>>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const d = normKey(line.department);
    if (!d) continue;
    let programs = perDept.get(d);
    if (!programs) perDept.set(d, (programs = new Map()));
    const pk = programKeyOf(line);
    let prog = programs.get(pk);
    if (!prog) programs.set(pk, (prog = { n: 0, sums: new Float64Array(size) }));
    prog.n++;
    for (const c of textOf[i].ranked) prog.sums[c.priority.index] += c.score;
  }
  const out = new Map<string, Float64Array>();
  for (const [d, programs] of perDept) {
    if (programs.size < 2) continue;
    const mean = new Float64Array(size);
    for (const prog of programs.values())
      for (let k = 0; k < size; k++) mean[k] += prog.sums[k] / prog.n;
    for (let k = 0; k < size; k++) mean[k] /= programs.size;
    out.set(d, mean);
  }
  return out;
}

function withDepartment(text: TextResult, means: Float64Array | undefined): TextResult {
  if (!means) return text;
  const ranked = text.ranked
    .map((r) => ({
      ...r,
      score: (1 - DEPARTMENT_WEIGHT) * r.score + DEPARTMENT_WEIGHT * means[r.priority.index],
    }))
    .sort((a, b) => b.score - a.score || (a.priority.id < b.priority.id ? -1 : 1));
  return { ranked, line: text.line };
}

function ruleText(rule: Rule): string {
  // The rule as written, without its target: "department = Library".
  return ruleToText(rule).replace(/\s*→.*$/, "");
}

function candidatesOf(
  ranked: { node: NodeModel; score: number }[]
): { id: string; score: number }[] {
  return ranked
    .slice(0, 3)
    .filter((r) => r.score > 0)
    .map((r) => ({ id: r.node.id, score: round(r.score) }));
}

/** The combined score a learned or suggested tag needs (at the default threshold; it scales with the threshold). */
export const FIT_FLOOR = 0.25;

/** Weight of the learned evidence against the text score when both speak. */
const LEARN_WEIGHT = 1.2;
/** Weight of the department's confirmed lines in the learned evidence, and the vote every one of them has before similarity. */
const DEPARTMENT_EVIDENCE = 0.55;
const TEACHER_BASE = 0.1;

function suggestOrLearn(
  line: BudgetLine,
  text: TextResult,
  learned: Learned,
  model: PlanModel,
  threshold: number
): LineTag {
  const ranked = text.ranked;
  // Learned evidence per priority: the department's confirmed lines, the account's, and the centroid of each priority's confirmed lines.
  const evidence = new Map<string, number>();
  let learnedWhy = "";
  if (learned.teachers > 0) {
    const d = learned.byDepartment.get(normKey(line.department));
    const a = line.account ? learned.byAccount.get(normKey(line.account)) : undefined;
    // The department's confirmed lines vote, each by how much the line resembles it: a department whose
    // programmes serve different goals is read programme by programme.
    const votes = new Map<string, number>();
    let voteTotal = 0;
    if (d) {
      for (const t of d.teachers) {
        const w = TEACHER_BASE + text.line.similarity(t.profile).score;
        votes.set(t.priorityId, (votes.get(t.priorityId) ?? 0) + w);
        voteTotal += w;
      }
    }
    for (const r of ranked) {
      const p = r.priority.id;
      let e = 0;
      if (d && voteTotal > 0)
        e += DEPARTMENT_EVIDENCE * ((votes.get(p) ?? 0) / voteTotal) * (d.total / (d.total + 0.5));
      if (a) e += 0.15 * ((a.priorities.get(p) ?? 0) / a.total) * (a.total / (a.total + 1));
      const c = learned.centroids.get(p);
      if (c) {
        const parts = text.line.parts(c);
        const sim = 0.6 * parts.word + 0.4 * parts.concept;
        e += 0.3 * sim;
      }
      if (e > 0) evidence.set(p, e);
    }
    if (d || a) {
      const parts: string[] = [];
      if (line.account && a) parts.push(`account ${line.account}`);
      if (line.department && d) parts.push(line.department);
      learnedWhy = parts.join(", ");
    }
  }

  const combined = ranked
    .map((r) => ({
      r,
      total: r.score + LEARN_WEIGHT * (evidence.get(r.priority.id) ?? 0),
      e: evidence.get(r.priority.id) ?? 0,
    }))
    .sort((x, y) => y.total - x.total || (x.r.priority.id < y.r.priority.id ? -1 : 1));
  const best = combined[0];
  const second = combined[1];
  if (!best || best.total <= 0) {
    return {
      key: line.key,
      goals: [],
      priorityId: null,
      source: "none",
      confidence: 0,
      why: "no goal in the plan shares words or topics with this line",
      flagged: false,
      nearest: null,
      candidates: [],
    };
  }
  const margin = best.total - (second?.total ?? 0);
  const learnedLeads =
    best.e > 0 && (best.r !== ranked[0] || best.e * LEARN_WEIGHT >= best.r.score);

  let node = best.r.node;
  let confidence: number;
  let why: string;
  let source: "learned" | "suggested";
  if (learnedLeads) {
    source = "learned";
    // Within the priority, the node staff used most for this department, else the text's choice.
    const d = learned.byDepartment.get(normKey(line.department));
    if (d) {
      let bestT: string | null = null;
      let bestN = 0;
      for (const [t, n] of d.targets) {
        const tn = model.byId.get(t);
        if (tn && tn.priorityId === best.r.priority.id && n > bestN) {
          bestT = t;
          bestN = n;
        }
      }
      if (bestT) node = model.byId.get(bestT)!;
    }
    const c = LEARN_CALIBRATION;
    confidence = logistic(c.bias + c.evidence * best.e + c.margin * margin);
    const count = countFor(learned, line, best.r.priority.id);
    why =
      count > 0
        ? `like ${count} confirmed line${count === 1 ? "" : "s"} (${learnedWhy}) tagged to ${nodeLabel(node)}`
        : `like the confirmed lines tagged to ${nodeLabel(node)}`;
  } else {
    source = "suggested";
    const c = SUGGEST_CALIBRATION;
    const sMargin = best.r.score - (ranked.find((r) => r !== best.r)?.score ?? 0);
    confidence = logistic(c.bias + c.score * best.r.score + c.margin * Math.max(sMargin, margin));
    const ev = text.line.evidence(node.profile);
    const topic = ev.concept ? ` (${conceptLabel(ev.concept)})` : "";
    why =
      ev.words.length > 0
        ? `matched ${quoteList(ev.words)}${topic} to ${nodeLabel(node)}`
        : `closest in topic to ${nodeLabel(node)}`;
  }
  confidence = round(Math.min(0.99, Math.max(0, confidence)));
  // Confidence says which goal is likeliest; fit says whether any goal fits at all (a line about something the plan
  // does not cover still has a likeliest goal). Below the floor the line is left untagged and its programme flagged.
  const fit = best.total;
  const tagged = confidence >= threshold && fit >= FIT_FLOOR * (threshold / DEFAULT_THRESHOLD);
  return {
    key: line.key,
    goals: tagged ? [{ id: node.id, share: 1 }] : [],
    priorityId: tagged ? best.r.priority.id : null,
    source: tagged ? source : "none",
    confidence,
    why: tagged ? why : `no goal fits well enough (nearest: ${why})`,
    flagged: false,
    nearest: { id: node.id, confidence, why },
    candidates: combined
      .slice(0, 3)
      .filter((x) => x.total > 0)
      .map((x) => ({
        id: x === best ? node.id : x.r.node.id,
        score: round(x.total),
      })),
  };
}

function countFor(learned: Learned, line: BudgetLine, priorityId: string): number {
  const d = learned.byDepartment.get(normKey(line.department));
  const a = line.account ? learned.byAccount.get(normKey(line.account)) : undefined;
  return Math.max(d?.priorities.get(priorityId) ?? 0, a?.priorities.get(priorityId) ?? 0);
}
