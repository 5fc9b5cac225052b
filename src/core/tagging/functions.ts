/**
 * The function layer: what a budget line pays for (police, payroll, parks…) and which goals of the plan cover
 * each function. It sits between lines and goals, so that
 * - a line is suggested the goals that cover its functions before any goal that merely shares a word with it, and
 * - a program whose functions no goal covers is flagged: "no goal of the plan covers payroll and personnel
 *   administration", however many incidental words ("safe", "efficient") the plan's titles share with it.
 *
 * Lines → functions: the taxonomy's budget words in the line's texts, and its department patterns in the
 * department and division names (strong evidence: a program of the Police Department is police work unless its own
 * words say otherwise). Goals → functions: a goal covers a function when its own title, description or keywords,
 * or those of its subgoals and actions, name the function (the taxonomy's plan language, its department names or
 * its specific budget words), or name the function's whole area ("public safety", "public works"). Adjectives grant
 * nothing: they are in no list. A goal also inherits, more weakly, what its priority's own text covers.
 *
 * Everything here is computed once per plan (coverage) or once per distinct text (hits), so 100,000 lines cost a
 * few map look-ups each.
 */
import { planNodes } from "../plan/model";
import type { Plan } from "../types";
import {
  DEFAULT_TAXONOMY,
  resolveFunction,
  OTHER_SENSES,
  taxonomyStems,
  type FunctionArea,
  type MunicipalFunction,
  type TaxonomyData,
} from "./taxonomy";
import { FUNCTION_WEIGHTS as W } from "./weights";

// ---------------------------------------------------------------------------------------------
// Phrase matching on stems (longest phrase first, no overlaps)
// ---------------------------------------------------------------------------------------------

interface Phrase {
  stems: string[];
  /** Function index → weight. */
  hits: Map<number, number>;
}

class PhraseIndex {
  private readonly byFirst = new Map<string, Phrase[]>();

  add(text: string, fn: number, weight: number): void {
    const stems = taxonomyStems(text);
    if (stems.length === 0) return;
    let list = this.byFirst.get(stems[0]);
    if (!list) this.byFirst.set(stems[0], (list = []));
    const key = stems.join(" ");
    let phrase = list.find((p) => p.stems.join(" ") === key);
    if (!phrase) {
      list.push((phrase = { stems, hits: new Map() }));
      list.sort((a, b) => b.stems.length - a.stems.length);
    }
    phrase.hits.set(fn, Math.max(phrase.hits.get(fn) ?? 0, weight));
  }

  /** A phrase that names no function: its words are read as one and counted for nothing (OTHER_SENSES). */
  block(text: string): void {
    const stems = taxonomyStems(text);
    if (stems.length < 2) return;
    let list = this.byFirst.get(stems[0]);
    if (!list) this.byFirst.set(stems[0], (list = []));
    if (list.some((p) => p.stems.join(" ") === stems.join(" "))) return;
    list.push({ stems, hits: new Map() });
    list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** Calls `visit` for every phrase found in `stems` (longest first at each position; matched words not reused). */
  scan(stems: readonly string[], visit: (phrase: Phrase) => void): void {
    let i = 0;
    while (i < stems.length) {
      const list = this.byFirst.get(stems[i]);
      let used = 1;
      if (list) {
        for (const p of list) {
          const n = p.stems.length;
          if (i + n > stems.length) continue;
          let ok = true;
          for (let k = 1; k < n && ok; k++) ok = stems[i + k] === p.stems[k];
          if (!ok) continue;
          visit(p);
          used = n;
          break;
        }
      }
      i += used;
    }
  }
}

function parseWeighted(entry: string): { text: string; weight: number } {
  const m = /^(.*?):([\d.]+)$/.exec(entry);
  return m ? { text: m[1], weight: Number(m[2]) } : { text: entry, weight: 1 };
}

export { DEFAULT_TAXONOMY, resolveFunction, unknownFunctions, type TaxonomyData } from "./taxonomy";

export interface Taxonomy {
  /** Number of functions; function i is FUNCTIONS[i]. */
  size: number;
  labels: string[];
  ids: string[];
  /** Each function's area (taxonomy.ts AREAS). */
  fnAreas: string[];
  /** Budget words (lines' texts). */
  budget: PhraseIndex;
  /** Department names (lines' department and division). */
  departments: PhraseIndex;
  /** What a plan's text names: function plan language, department names, specific budget words, area phrases. */
  plan: PhraseIndex;
  /** Hits per distinct text, and coverage per plan, read with this taxonomy. */
  budgetCache: Map<string, FunctionHits>;
  departmentCache: Map<string, FunctionHits>;
  coverageCache: WeakMap<Plan, { signature: string; coverage: Coverage }>;
}

const compiledFor = new WeakMap<TaxonomyData, Taxonomy>();

/** A taxonomy in matching form, built once per taxonomy value (the shipped one when none is given). */
export function taxonomy(data: TaxonomyData = DEFAULT_TAXONOMY): Taxonomy {
  const done = compiledFor.get(data);
  if (done) return done;
  const compiled = compileTaxonomy(data.areas, data.functions);
  compiledFor.set(data, compiled);
  return compiled;
}

function compileTaxonomy(
  areas: readonly FunctionArea[],
  functions: readonly MunicipalFunction[]
): Taxonomy {
  const index = new Map(functions.map((f, i) => [f.id, i]));
  const budget = new PhraseIndex();
  const departments = new PhraseIndex();
  const plan = new PhraseIndex();
  functions.forEach((f, i) => {
    for (const e of f.budget) {
      const { text, weight } = parseWeighted(e);
      budget.add(text, i, weight);
      // A goal that names what the function pays for ("potholes", "payroll") covers it; an ambiguous word does not.
      if (weight >= W.planBudgetWordMin) plan.add(text, i, W.coverBudgetWord);
    }
    for (const e of f.departments) {
      departments.add(parseWeighted(e).text, i, 1);
      plan.add(parseWeighted(e).text, i, W.coverNamed);
    }
    for (const e of f.plan) plan.add(parseWeighted(e).text, i, W.coverNamed);
  });
  for (const phrase of OTHER_SENSES) plan.block(phrase);
  for (const a of areas) {
    const members = functions.map((f, i) => (f.area === a.id ? i : -1)).filter((i) => i >= 0);
    const also = (a.alsoCovers ?? []).map((id) => index.get(id)).filter((i) => i !== undefined);
    for (const e of a.plan) {
      const { text } = parseWeighted(e);
      for (const i of members) plan.add(text, i, W.coverArea);
      for (const i of also) plan.add(text, i, W.coverAlso);
    }
  }
  return {
    size: functions.length,
    labels: functions.map((f) => f.label),
    ids: functions.map((f) => f.id),
    fnAreas: functions.map((f) => f.area),
    budget,
    departments,
    plan,
    budgetCache: new Map(),
    departmentCache: new Map(),
    coverageCache: new WeakMap(),
  };
}

// ---------------------------------------------------------------------------------------------
// Texts → function weights (cached per distinct text)
// ---------------------------------------------------------------------------------------------

/** Sparse function weights: parallel arrays of function index and weight. */
export interface FunctionHits {
  fns: number[];
  weights: number[];
}

const EMPTY: FunctionHits = { fns: [], weights: [] };
const CACHE_LIMIT = 200_000;

function hitsOf(text: string, index: PhraseIndex, cache: Map<string, FunctionHits>): FunctionHits {
  if (!text) return EMPTY;
  let h = cache.get(text);
  if (h) return h;
  const sums = new Map<number, number>();
  index.scan(taxonomyStems(text), (p) => {
    for (const [fn, w] of p.hits) sums.set(fn, (sums.get(fn) ?? 0) + w);
  });
  h = sums.size === 0 ? EMPTY : { fns: [...sums.keys()], weights: [...sums.values()] };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, h);
  return h;
}

/** Budget-word hits of a text. */
export function budgetHits(text: string, t: Taxonomy = taxonomy()): FunctionHits {
  return hitsOf(text, t.budget, t.budgetCache);
}

/** Department-name hits of a department or division name. */
export function departmentHits(text: string, t: Taxonomy = taxonomy()): FunctionHits {
  return hitsOf(text, t.departments, t.departmentCache);
}

/** The texts of one program (or line) that say what it pays for. */
export interface FunctionTexts {
  department: string;
  division: string;
  program: string;
  /** Descriptions and account names (distinct). */
  details: string[];
}

/** What a program pays for: a distribution over functions (summing to 1) and how clearly its texts say so. */
export interface FunctionProfile {
  fns: number[];
  shares: number[];
  /** The summed evidence before normalising: 0 when no text names any function. */
  strength: number;
}

/** Function profile of a program from its texts. */
export function functionProfile(t: FunctionTexts, tx: Taxonomy = taxonomy()): FunctionProfile {
  const sums = new Map<number, number>();
  const add = (h: FunctionHits, factor: number) => {
    for (let k = 0; k < h.fns.length; k++)
      sums.set(h.fns[k], (sums.get(h.fns[k]) ?? 0) + factor * h.weights[k]);
  };
  add(departmentHits(t.department, tx), W.lineDepartment);
  add(budgetHits(t.department, tx), W.lineDepartmentWords);
  add(departmentHits(t.division, tx), W.lineDivision);
  add(budgetHits(t.division, tx), W.lineDivisionWords);
  add(budgetHits(t.program, tx), W.lineProgram);
  // Details (descriptions, account names) together weigh as one text, however many there are.
  const details = t.details.filter(Boolean);
  for (const d of details) add(budgetHits(d, tx), W.lineDetails / details.length);
  let strength = 0;
  for (const v of sums.values()) strength += v;
  if (strength <= 0) return { fns: [], shares: [], strength: 0 };
  // Keep the functions that carry a real part of the evidence (a stray word is not a second function).
  const entries = [...sums.entries()]
    .filter(([, v]) => v >= W.minShare * strength)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const kept = entries.reduce((s, [, v]) => s + v, 0);
  return {
    fns: entries.map(([f]) => f),
    shares: entries.map(([, v]) => v / kept),
    strength,
  };
}

/** The fields of a budget line the function layer reads. */
export interface LineTexts {
  department: string;
  division: string;
  program: string;
  description?: unknown;
  accountName?: unknown;
}

/** Per program (numbered as the engine numbers them): its function profile, from the texts of all its lines. */
export function programFunctions(
  lines: readonly {
    department: string;
    division: string;
    program: string;
    description?: unknown;
    accountName?: unknown;
  }[],
  programOfLine: Int32Array,
  programCount: number,
  tx: Taxonomy = taxonomy()
): FunctionProfile[] {
  const texts: (FunctionTexts & { seen: Set<string> })[] = new Array(programCount);
  for (let i = 0; i < lines.length; i++) {
    const k = programOfLine[i];
    const l = lines[i];
    let t = texts[k];
    if (!t)
      texts[k] = t = {
        department: l.department ?? "",
        division: l.division ?? "",
        program: l.program ?? "",
        details: [],
        seen: new Set(),
      };
    for (const v of [l.description, l.accountName]) {
      const s = v === undefined || v === null ? "" : String(v);
      if (s && t.details.length < MAX_DETAILS && !t.seen.has(s)) {
        t.seen.add(s);
        t.details.push(s);
      }
    }
  }
  const out: FunctionProfile[] = new Array(programCount);
  for (let k = 0; k < programCount; k++)
    out[k] = texts[k] ? functionProfile(texts[k], tx) : { fns: [], shares: [], strength: 0 };
  return out;
}

/** A program of thousands of lines is read from its first distinct descriptions and account names. */
const MAX_DETAILS = 40;

// ---------------------------------------------------------------------------------------------
// Goals → the functions they cover
// ---------------------------------------------------------------------------------------------

/** Per plan node (priority, goal, subgoal; by id): coverage 0–1 per function index (sparse). */
export type Coverage = Map<string, Map<number, number>>;

const AND = taxonomyStems("and")[0];

/**
 * A plan text's stems, and the same with each coordinated word left out ("livable and sustainable city" also reads
 * as "livable city" and "sustainable city"), so that a phrase is found whichever of two coordinated words it uses.
 */
function readings(stems: string[]): string[][] {
  const out = [stems];
  for (let i = 1; i + 2 < stems.length; i++) {
    if (stems[i] !== AND) continue;
    out.push([...stems.slice(0, i), ...stems.slice(i + 2)]);
    out.push([...stems.slice(0, i - 1), ...stems.slice(i + 1)]);
  }
  return out;
}

const FACILITY = taxonomyStems("facility")[0];

/**
 * Whether a function is still covered, for fit, by a text that speaks of a facility: the city's internal services and
 * capital work (facilities, fleet, engineering and capital projects), and functions whose own name is the facilities
 * they run ("recreation programs and facilities"). "Complete the Police facility needs assessment" or "facility
 * improvement projects … for Police, Fire and Public Works" is capital work on buildings: it names whose building,
 * not a goal for policing or fire response.
 */
function fitsFacilityText(fn: number, tx: Taxonomy): boolean {
  return (
    tx.fnAreas[fn] === "internal-services" ||
    tx.ids[fn] === "engineering-capital-projects" ||
    tx.labels[fn].includes("facilities")
  );
}

/**
 * What a node's own texts name: the strongest statement of each function among them. For fit (`forFit`), a text that
 * speaks of a facility names only the facility's own work (fitsFacilityText).
 */
function textCoverage(
  texts: (string | undefined)[],
  tx: Taxonomy,
  forFit = false
): Map<number, number> {
  const out = new Map<number, number>();
  const index = tx.plan;
  for (const text of texts) {
    if (!text) continue;
    const stems = taxonomyStems(text);
    const facility = forFit && stems.includes(FACILITY);
    for (const reading of readings(stems))
      index.scan(reading, (p) => {
        for (const [fn, w] of p.hits)
          if (!facility || fitsFacilityText(fn, tx)) out.set(fn, Math.max(out.get(fn) ?? 0, w));
      });
  }
  return out;
}

function maxInto(target: Map<number, number>, source: Map<number, number>, factor: number): void {
  for (const [fn, w] of source) target.set(fn, Math.max(target.get(fn) ?? 0, w * factor));
}

interface NodeText {
  title: string;
  description?: string;
  keywords?: string[];
  covers?: string[];
}

function ownTexts(n: NodeText): (string | undefined)[] {
  return [n.title, n.description, ...(n.keywords ?? [])];
}

/** Functions an analyst typed in a node's Covers (unknown ones are left out here; the plan check reports them). */
function typedCoverage(n: NodeText): Map<number, number> | null {
  if (!n.covers || n.covers.length === 0) return null;
  const out = new Map<number, number>();
  for (const c of n.covers) {
    const i = resolveFunction(c);
    if (i !== undefined) out.set(i, W.coverNamed);
  }
  return out;
}

function coverageSignature(plan: Plan): string {
  const parts: string[] = [];
  for (const e of planNodes(plan)) {
    const n = e.node as NodeText & { id: string };
    parts.push(
      e.level,
      n.id,
      n.title,
      n.description ?? "",
      (n.keywords ?? []).join(","),
      (n.covers ?? []).join(",")
    );
  }
  return parts.join("\u0001");
}

/**
 * What every priority, goal and subgoal covers. A node covers what its own text names, what its subgoals and
 * actions name (slightly less: they are means, not the aim), and, more weakly, what its priority's (or goal's) own
 * text names. What an analyst typed in a node's Covers replaces what its text implies.
 */
export function planCoverage(plan: Plan, tx: Taxonomy = taxonomy()): Coverage {
  const signature = coverageSignature(plan);
  const cached = tx.coverageCache.get(plan);
  if (cached && cached.signature === signature) return cached.coverage;
  const out = coverageOf(plan, tx, false);
  tx.coverageCache.set(plan, { signature, coverage: out });
  return out;
}

/**
 * The plan's coverage as the engine reads it to decide whether a program fits at all (not to rank): the same, except
 * that a text speaking of a facility covers only the facility's own work (textCoverage). Computed per run (a plan is
 * a few hundred texts), not kept.
 */
export function fitCoverage(plan: Plan, tx: Taxonomy = taxonomy()): Coverage {
  return coverageOf(plan, tx, true);
}

/**
 * What each node's own words name, nothing inherited, read as for fit: a priority's own title, description and
 * keywords (not its goals'), a goal's or subgoal's own texts with its subgoals and actions (not its priority's title).
 * elimination.ts reads from it which areas the plan speaks of.
 */
export function spokenCoverage(plan: Plan, tx: Taxonomy = taxonomy()): Coverage {
  return coverageOf(plan, tx, true, false);
}

function coverageOf(plan: Plan, tx: Taxonomy, forFit: boolean, inherit = true): Coverage {
  const out: Coverage = new Map();
  const own = (n: NodeText) => typedCoverage(n) ?? textCoverage(ownTexts(n), tx, forFit);
  const actions = (list: NodeText[] | undefined) => {
    const m = new Map<number, number>();
    for (const a of list ?? []) maxInto(m, own(a), W.coverFromAction);
    return m;
  };
  for (const p of plan.priorities) {
    const pOwn = own(p);
    const pAll = new Map(pOwn);
    for (const g of p.goals ?? []) {
      const gOwn = own(g);
      const gAll = new Map(gOwn);
      maxInto(gAll, actions(g.actions), 1);
      for (const s of g.subgoals ?? []) {
        const sAll = new Map(own(s));
        maxInto(sAll, actions(s.actions), 1);
        maxInto(gAll, sAll, W.coverFromChild);
        const sInherited = new Map(sAll);
        if (inherit) {
          maxInto(sInherited, gOwn, W.coverInherited);
          maxInto(sInherited, pOwn, W.coverInherited);
        }
        out.set(s.id, typedCoverage(s) ?? sInherited);
      }
      maxInto(pAll, gAll, W.coverFromChild);
      const gInherited = new Map(gAll);
      if (inherit) maxInto(gInherited, pOwn, W.coverInherited);
      out.set(g.id, typedCoverage(g) ?? gInherited);
    }
    out.set(p.id, typedCoverage(p) ?? (inherit ? pAll : pOwn));
  }
  return out;
}

/** How much of a program's function profile a node covers: Σ share × coverage, 0–1. */
export function coveredShare(
  profile: FunctionProfile,
  coverage: Map<number, number> | undefined
): number {
  if (!coverage || profile.fns.length === 0) return 0;
  let s = 0;
  for (let k = 0; k < profile.fns.length; k++)
    s += profile.shares[k] * (coverage.get(profile.fns[k]) ?? 0);
  return s;
}

/** Plain words for a program's main functions: "police services and emergency management". */
export function functionLabels(profile: FunctionProfile, most = 2): string {
  const t = taxonomy();
  const labels = profile.fns.slice(0, most).map((f) => t.labels[f]);
  return labels.length <= 1
    ? (labels[0] ?? "")
    : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/**
 * What each priority, goal and subgoal covers, in plain words, strongest first (what the Plan step shows): the
 * functions covered at least `min` (by default as well as a program needs to fit). `typed` is true where an
 * analyst's Covers decides. NAMED_COVERAGE keeps what the node's own words (or its subgoals' and actions') name,
 * leaving out what it only inherits from its priority or what an area's neighbours add.
 */
/** The coverage a node's own words give (named, its area, its subgoals and actions), above what it inherits. */
export const NAMED_COVERAGE = 0.75;

export function coverageLabels(
  plan: Plan,
  min: number = W.fitCovered
): Map<string, { labels: string[]; typed: boolean }> {
  const t = taxonomy();
  const coverage = planCoverage(plan);
  const out = new Map<string, { labels: string[]; typed: boolean }>();
  for (const e of planNodes(plan)) {
    if (e.level === "action") continue;
    const c = coverage.get(e.node.id);
    const labels = [...(c ?? new Map<number, number>()).entries()]
      .filter(([, w]) => w >= min)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([fn]) => t.labels[fn]);
    out.set(e.node.id, { labels, typed: !!(e.node as NodeText).covers?.length });
  }
  return out;
}
