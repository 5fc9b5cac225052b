/**
 * Scoring a city blind to its own words. While a city is scored, every taxonomy entry that occurs in that city's
 * own plan text and is not backed by a general source is left out of the taxonomy the engine reads (it is passed as
 * a value: RunOptions.taxonomy). The rule (eval/README.md, "Blind figures"):
 *
 * - an entry occurs in a plan when its words (taxonomy stems, whole words, in order) are found in any text of the
 *   plan (its name; every priority, goal, subgoal and action title, description and keyword), also in the readings
 *   the engine makes of coordinated words ("livable and sustainable city" also reads "sustainable city");
 * - it is backed only when (a) its words are a run of a category name of a general classification
 *   (eval/general-sources.ts: Census, GASB, CIPFA, COFOG, OMB, NTEE) AND (b) it is not, on its own, the whole title
 *   of a priority (or the name) of any shared city's plan: "public safety" is GASB's, but Boston, Portland and
 *   Kansas City title a priority "Public Safety", so a city whose plan says "public safety" is scored without it;
 * - an unbacked entry is dropped from every list it is in (budget words, department names, plan language, area
 *   phrases); the functions themselves stay, in the same order.
 *
 * The independence test uses the same reading of titles (titlePhrases) to keep such entries out of the taxonomy.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_TAXONOMY, type TaxonomyData } from "../src/core/tagging/functions";
import { taxonomyStems } from "../src/core/tagging/taxonomy";
import type { ConfidenceCalibration, Plan } from "../src/core/types";
import { backingSource } from "./general-sources";
import type { SharedPlanText } from "./shared-plans";

const AND = taxonomyStems("and")[0];
/** Words a distinctive phrase neither starts nor ends with (articles, prepositions, conjunctions, possessives). */
const EDGE_WORDS = new Set(
  [
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "for",
    "on",
    "at",
    "by",
    "with",
    "from",
    "our",
    "its",
    "their",
    "all",
    "across",
    "as",
    "more",
    "most",
  ].map((w) => taxonomyStems(w)[0])
);
const ARTICLES = new Set(["a", "an", "the"].map((w) => taxonomyStems(w)[0]));

/** The entry without its ":w" weight. */
export const entryText = (entry: string): string => entry.replace(/:\d+(?:\.\d+)?$/, "");

/** A text's stems, and the readings with each coordinated word left out (as the engine reads plan text). */
function readings(text: string): string[][] {
  const stems = taxonomyStems(text);
  const out = [stems];
  for (let i = 1; i + 1 < stems.length; i++) {
    if (stems[i] !== AND) continue;
    out.push([...stems.slice(0, i), ...stems.slice(i + 2)]);
    out.push([...stems.slice(0, i - 1), ...stems.slice(i + 1)]);
  }
  return out;
}

const spaced = (stems: readonly string[]) => ` ${stems.join(" ")} `;

/** A title as one phrase: its stems without a leading article ("A Safe City" → "safe city"). */
function wholeTitle(stems: string[]): string {
  let s = stems;
  while (s.length > 1 && ARTICLES.has(s[0])) s = s.slice(1);
  return s.join(" ");
}

export interface TitlePhrases {
  /** Whole titles (plan names, priority titles and short labels, as written), as stem keys. */
  whole: Map<string, string>;
  /**
   * Runs of two or more words of a priority title or description, in any reading the engine makes of it, not
   * starting or ending with an edge word.
   */
  distinctive: Map<string, string>;
}

/** The phrases the taxonomy must not copy: whole titles, and distinctive multi-word runs of titles and descriptions. */
export function titlePhrases(plans: readonly SharedPlanText[]): TitlePhrases {
  const whole = new Map<string, string>();
  const distinctive = new Map<string, string>();
  for (const p of plans) {
    for (const t of [...p.names, ...p.titles]) {
      const stems = taxonomyStems(t);
      if (stems.length) whole.set(wholeTitle(stems), `"${t}" (${p.file})`);
    }
    for (const t of [...p.titles, ...p.descriptions])
      for (const r of readings(t))
        for (let i = 0; i < r.length; i++)
          for (let j = i + 2; j <= r.length; j++) {
            if (EDGE_WORDS.has(r[i]) || EDGE_WORDS.has(r[j - 1])) continue;
            distinctive.set(r.slice(i, j).join(" "), `"${t}" (${p.file})`);
          }
  }
  return { whole, distinctive };
}

/** Does the entry occur in any of these texts (on stems, whole words, in order, in any reading)? */
export function occursIn(entry: string, texts: readonly string[][]): boolean {
  const k = spaced(taxonomyStems(entryText(entry)));
  return k.trim() !== "" && texts.some((t) => spaced(t).includes(k));
}

export interface Dropped {
  entry: string;
  where: string;
  why: string;
}

/** Why an entry found in a city's plan is not backed, or null when it is. */
export function unbacked(entry: string, titles: TitlePhrases): string | null {
  const text = entryText(entry);
  // A general classification's own category name is general language, whoever else uses it as a title ("Public
  // Safety" is GASB's category and Kansas City's goal area): only what no general source names is the city's.
  if (backingSource(text)) return null;
  const stems = taxonomyStems(text);
  const title = titles.whole.get(stems.join(" "));
  if (title) return `the whole title ${title}`;
  // A run of two words or more of a shared city's priority title or description: a phrase that reads as copied
  // from it. Single words and other phrases are the ordinary language of municipal budgets, kept.
  const run = titles.distinctive.get(stems.join(" "));
  return run ? `words of ${run}, no general source names them` : null;
}

/** Every entry of a taxonomy with where it is ("police.budget", "area public-safety"). */
export function taxonomyEntries(t: TaxonomyData): { where: string; entry: string }[] {
  const out: { where: string; entry: string }[] = [];
  for (const f of t.functions)
    for (const list of ["budget", "departments", "plan"] as const)
      for (const e of f[list]) out.push({ where: `${f.id}.${list}`, entry: e });
  for (const a of t.areas) for (const e of a.plan) out.push({ where: `area ${a.id}`, entry: e });
  return out;
}

/** Every text of a plan: its name; each priority, goal, subgoal and action's title, description and keywords. */
export function planTexts(plan: Plan): string[] {
  const out = [plan.name ?? ""];
  const node = (n: { title: string; description?: string; keywords?: string[] }) =>
    out.push(n.title, n.description ?? "", ...(n.keywords ?? []));
  for (const p of plan.priorities) {
    node(p);
    for (const g of p.goals ?? []) {
      node(g);
      for (const a of g.actions ?? []) node(a);
      for (const sg of g.subgoals ?? []) {
        node(sg);
        for (const a of sg.actions ?? []) node(a);
      }
    }
  }
  return out.filter(Boolean);
}

/** The taxonomy a city is scored with: its own unbacked words left out, and what was left out. */
export function blindTaxonomy(
  cityTexts: readonly string[],
  titles: TitlePhrases,
  base: TaxonomyData = DEFAULT_TAXONOMY
): { taxonomy: TaxonomyData; dropped: Dropped[] } {
  const texts = cityTexts.flatMap(readings);
  const dropped: Dropped[] = [];
  const keep = (where: string) => (e: string) => {
    if (!occursIn(e, texts)) return true;
    const why = unbacked(e, titles);
    if (why === null) return true;
    dropped.push({ entry: entryText(e), where, why });
    return false;
  };
  const taxonomy: TaxonomyData = {
    functions: base.functions.map((f) => ({
      ...f,
      budget: f.budget.filter(keep(`${f.id}.budget`)),
      departments: f.departments.filter(keep(`${f.id}.departments`)),
      plan: f.plan.filter(keep(`${f.id}.plan`)),
    })),
    areas: base.areas.map((a) => ({ ...a, plan: a.plan.filter(keep(`area ${a.id}`)) })),
  };
  return { taxonomy, dropped };
}

/**
 * The confidence the published figure scores this city with: fitted on the other cities (eval/results.json, written by
 * `npm run eval`). Absent (no results yet): the shipped one, and it says so.
 */
export function blindCalibration(id: string): ConfidenceCalibration | undefined {
  const file = path.resolve(__dirname, "..", "..", "eval", "results.json");
  const fit = fs.existsSync(file)
    ? (
        JSON.parse(fs.readFileSync(file, "utf8")) as {
          calibrationFits?: { perCity?: Record<string, ConfidenceCalibration> };
        }
      ).calibrationFits?.perCity?.[id]
    : undefined;
  if (!fit)
    console.log(`(no blind confidence for ${id} in eval/results.json: the shipped one is used)`);
  return fit;
}
