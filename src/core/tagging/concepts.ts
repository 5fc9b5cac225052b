/**
 * The one knowledge path: the concepts a line and a plan node are compared on are the municipal function taxonomy's
 * functions and areas (taxonomy.ts), nothing else. A line's words name functions through the taxonomy's budget
 * words and department names; a plan's words name them through its plan language; an area's plan phrases ("public
 * safety", "culture and recreation") name the area. Every function hit also counts, at AREA_SHARE, toward its area,
 * so a police line meets a goal that speaks of public safety in general, and meets one that names policing more.
 *
 * Each concept's label is the function's or area's plain label, so a suggestion's explanation names the function:
 * "matched 'parks', 'playgrounds' (parks and open space) to G4.1 …".
 *
 * Compiled once into the matching form similarity.ts reads (stems of single words and of phrases, longest phrase
 * first), with `conceptTokens`' stems so that line and plan texts are read the same way.
 */
import { DEFAULT_TAXONOMY, type TaxonomyData } from "./taxonomy";
import {
  BUDGET_FILLER,
  ENGLISH_STOP_WORDS,
  stemWord,
  tokenize,
  WEAK_WORDS,
  type Token,
} from "./text";
import { CONCEPT_SPACE } from "./weights";

export interface CompiledConcepts {
  /** Single-stem entries: stem → concept id → weight. */
  single: Map<string, Map<string, number>>;
  /** Multi-word entries by first stem: each phrase's stems and concept weights; longest first. */
  phrases: Map<string, { stems: string[]; concepts: Map<string, number> }[]>;
  labels: Map<string, string>;
  /** concept → related concept → weight (both directions). */
  related: Map<string, Map<string, number>>;
}

export interface ConceptHit {
  concept: string;
  weight: number;
  /** Index of the first token of the word or phrase that matched, and how many tokens it spans. */
  at: number;
  length: number;
}

/** Concept id of an area (function ids and area ids share no name, but keep them apart anyway). */
export const areaConcept = (areaId: string) => `area:${areaId}`;

function parseWeighted(entry: string): { text: string; weight: number } {
  const m = /^(.*?):([\d.]+)$/.exec(entry);
  return m ? { text: m[1], weight: Number(m[2]) } : { text: entry, weight: 1 };
}

/**
 * The words concepts are matched on: every word but English grammar ("of", "and", "the"). Budget filler ("city",
 * "fiscal", "general", "budget") stays, so "fiscal health" is a phrase of finance and a plan's "Health" alone is not,
 * and "general ledger" is accounting while "ledger" alone is too; a filler word alone names nothing (see `add`).
 */
export function conceptTokens(text: string): Token[] {
  return tokenize(text.replace(/-/g, " "), ENGLISH_STOP_WORDS);
}

function phraseStems(phrase: string): string[] {
  return conceptTokens(phrase).map((t) => t.stem);
}

const FILLER_STEMS: ReadonlySet<string> = new Set([...BUDGET_FILLER].map(stemWord));

/**
 * The adjective forms of general category names, by area: GASB's and the Census's "public safety" (safe, safer);
 * the HUD–DOT–EPA Livability Principles (livable); the Partnership for Sustainable Communities and GASB/CIPFA
 * "environmental services" (sustainable); GASB "health and welfare" (healthy); economic development ("prosperous").
 */
const AREA_ADJECTIVES: readonly [string, readonly string[]][] = [
  ["public-safety", ["safe", "safer", "safety"]],
  ["community-development", ["livable", "liveable", "livability"]],
  ["environment", ["sustainable", "sustainability"]],
  ["health-human-services", ["healthy", "healthier"]],
  ["economy", ["prosperous"]],
];

/**
 * Areas a plan text leans to through the adjectives of their general names ("A Safe City" → public safety,
 * "Healthy Communities" → health and human services): not coverage, but the plan is not silent on them.
 */
export function adjectiveAreas(text: string): string[] {
  const stems = new Set(conceptTokens(text).map((t) => t.stem));
  const out: string[] = [];
  for (const [area, words] of AREA_ADJECTIVES)
    if (words.some((w) => stems.has(stemWord(w)))) out.push(area);
  return out;
}

const compiledFor = new WeakMap<TaxonomyData, CompiledConcepts>();

/** A taxonomy in matching form, built once per taxonomy value (the shipped one when none is given). */
export function concepts(data: TaxonomyData = DEFAULT_TAXONOMY): CompiledConcepts {
  const done = compiledFor.get(data);
  if (done) return done;
  const single = new Map<string, Map<string, number>>();
  const phrases = new Map<string, { stems: string[]; concepts: Map<string, number> }[]>();
  const labels = new Map<string, string>();
  const add = (phrase: string, concept: string, weight: number) => {
    const ss = phraseStems(phrase);
    if (ss.length === 0) return;
    if (ss.length === 1) {
      // A weak word alone ("operations", "services", "management") names no function: only inside a phrase.
      if (WEAK_WORDS.has(ss[0]) || FILLER_STEMS.has(ss[0])) return;
      let m = single.get(ss[0]);
      if (!m) single.set(ss[0], (m = new Map()));
      m.set(concept, Math.max(m.get(concept) ?? 0, weight));
      return;
    }
    let list = phrases.get(ss[0]);
    if (!list) phrases.set(ss[0], (list = []));
    let entry = list.find((e) => e.stems.join(" ") === ss.join(" "));
    if (!entry) list.push((entry = { stems: ss, concepts: new Map() }));
    entry.concepts.set(concept, Math.max(entry.concepts.get(concept) ?? 0, weight));
  };
  const related = new Map<string, Map<string, number>>();
  const relate = (a: string, b: string, w: number) => {
    if (!related.has(a)) related.set(a, new Map());
    if (!related.has(b)) related.set(b, new Map());
    related.get(a)!.set(b, Math.max(related.get(a)!.get(b) ?? 0, w));
    related.get(b)!.set(a, Math.max(related.get(b)!.get(a) ?? 0, w));
  };
  for (const a of data.areas) {
    const id = areaConcept(a.id);
    labels.set(id, a.label);
    for (const e of a.plan) add(parseWeighted(e).text, id, 1);
    for (const f of a.alsoCovers ?? []) relate(id, f, CONCEPT_SPACE.alsoCovers);
  }
  // Adjectives of the general categories' names point toward their area when ranking (never for coverage, which
  // reads the taxonomy's plan language only: "safe facilities" covers no police work).
  for (const [area, words] of AREA_ADJECTIVES)
    if (labels.has(areaConcept(area)))
      for (const w of words) add(w, areaConcept(area), CONCEPT_SPACE.adjective);
  for (const f of data.functions) {
    labels.set(f.id, f.label);
    relate(f.id, areaConcept(f.area), CONCEPT_SPACE.areaShare);
    for (const e of f.budget) {
      const { text, weight } = parseWeighted(e);
      add(text, f.id, weight);
    }
    for (const e of f.departments) add(parseWeighted(e).text, f.id, 1);
    for (const e of f.plan) add(parseWeighted(e).text, f.id, 1);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const compiled = { single, phrases, labels, related };
  compiledFor.set(data, compiled);
  return compiled;
}

/** Plain-words label of a concept: a function's ("police services") or an area's ("public safety"). */
export function conceptLabel(id: string, compiled: CompiledConcepts = concepts()): string {
  return compiled.labels.get(id) ?? id;
}

/**
 * Concept hits in a run of stems: phrases first (longest), so "code enforcement" is code enforcement and not
 * police, and the words of a matched phrase are not counted again on their own.
 */
export function conceptHits(
  stemsInOrder: string[],
  v: CompiledConcepts = concepts()
): ConceptHit[] {
  const out: ConceptHit[] = [];
  let i = 0;
  while (i < stemsInOrder.length) {
    const s = stemsInOrder[i];
    let consumed = 0;
    const list = v.phrases.get(s);
    if (list) {
      for (const entry of list) {
        const n = entry.stems.length;
        if (i + n > stemsInOrder.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = stemsInOrder[i + k] === entry.stems[k];
        if (!ok) continue;
        for (const [concept, weight] of entry.concepts)
          out.push({ concept, weight, at: i, length: n });
        consumed = n;
        break;
      }
    }
    if (consumed > 0) {
      i += consumed;
      continue;
    }
    const m = v.single.get(s);
    if (m) for (const [concept, weight] of m) out.push({ concept, weight, at: i, length: 1 });
    i += 1;
  }
  return out;
}
