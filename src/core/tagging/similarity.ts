/**
 * Text profiles of budget lines and plan nodes: a weighted bag of stems and a weighted bag of concepts
 * (see vocabulary.ts), both unit length, and the similarity between two profiles.
 */
import { tokenize, WEAK_WORDS, type Token } from "./text";
import { conceptHits, vocabulary } from "./vocabulary";

export type Vec = Map<string, number>;

export interface Profile {
  words: Vec;
  concepts: Vec;
  /** stem → a word as written, for explanations. */
  surface: Map<string, string>;
  /** concept → words of the text that evoked it, strongest first. */
  conceptWords: Map<string, string[]>;
}

export interface WeightedText {
  text: string;
  weight: number;
}

const WEAK_FACTOR = 0.3;

function addInto(target: Vec, source: Vec, factor: number): void {
  if (factor === 0) return;
  for (const [k, v] of source) target.set(k, (target.get(k) ?? 0) + v * factor);
}

function norm(v: Vec): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

export function normalise(v: Vec): Vec {
  const n = norm(v);
  if (n === 0) return v;
  const out: Vec = new Map();
  for (const [k, x] of v) out.set(k, x / n);
  return out;
}

export function dot(a: Vec, b: Vec): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/** Concept weights spread a little to related concepts ("streets" lends weight to "mobility"). */
function spread(concepts: Vec): Vec {
  const related = vocabulary().related;
  const out: Vec = new Map(concepts);
  for (const [c, w] of concepts) {
    const rel = related.get(c);
    if (!rel) continue;
    for (const [d, r] of rel) out.set(d, (out.get(d) ?? 0) + w * r);
  }
  return out;
}

interface FieldParts {
  words: Vec;
  concepts: Vec;
}

const fieldCache = new Map<
  string,
  { parts: FieldParts; tokens: Token[]; hits: ReturnType<typeof conceptHits> }
>();

function fieldParts(text: string) {
  let cached = fieldCache.get(text);
  if (cached) return cached;
  const tokens = tokenize(text);
  const words: Vec = new Map();
  for (const t of tokens) {
    const w = WEAK_WORDS.has(t.stem) ? WEAK_FACTOR : 1;
    words.set(t.stem, (words.get(t.stem) ?? 0) + w);
  }
  const hits = conceptHits(tokens.map((t) => t.stem));
  const concepts: Vec = new Map();
  for (const h of hits) concepts.set(h.concept, (concepts.get(h.concept) ?? 0) + h.weight);
  cached = { parts: { words: normalise(words), concepts: normalise(concepts) }, tokens, hits };
  if (fieldCache.size < 100_000) fieldCache.set(text, cached);
  return cached;
}

/**
 * Profile of a text made of weighted fields: each field is made unit length first (a long description does not
 * drown a short programme name), then weighted and summed.
 */
export function profileOf(fields: WeightedText[]): Profile {
  const words: Vec = new Map();
  const concepts: Vec = new Map();
  const surface = new Map<string, string>();
  const conceptWordWeights = new Map<string, Map<string, number>>();
  for (const f of fields) {
    if (!f.text || f.weight === 0) continue;
    const { parts, tokens, hits } = fieldParts(f.text);
    addInto(words, parts.words, f.weight);
    addInto(concepts, parts.concepts, f.weight);
    for (const t of tokens) if (!surface.has(t.stem)) surface.set(t.stem, t.word);
    for (const h of hits) {
      const phrase = tokens
        .slice(h.at, h.at + h.length)
        .map((t) => t.word)
        .join(" ");
      let m = conceptWordWeights.get(h.concept);
      if (!m) conceptWordWeights.set(h.concept, (m = new Map()));
      m.set(phrase, (m.get(phrase) ?? 0) + h.weight * f.weight);
    }
  }
  const conceptWords = new Map<string, string[]>();
  for (const [c, m] of conceptWordWeights) {
    conceptWords.set(
      c,
      [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0])
    );
  }
  return { words: normalise(words), concepts: normalise(spread(concepts)), surface, conceptWords };
}

/** Sum of profiles (for plan nodes that inherit their children's text, and for learned centroids). */
export function combineProfiles(parts: { profile: Profile; weight: number }[]): Profile {
  const words: Vec = new Map();
  const concepts: Vec = new Map();
  const surface = new Map<string, string>();
  const conceptWords = new Map<string, string[]>();
  for (const { profile, weight } of parts) {
    addInto(words, profile.words, weight);
    addInto(concepts, profile.concepts, weight);
    for (const [k, v] of profile.surface) if (!surface.has(k)) surface.set(k, v);
    for (const [c, ws] of profile.conceptWords) {
      const list = conceptWords.get(c) ?? [];
      for (const w of ws) if (!list.includes(w)) list.push(w);
      conceptWords.set(c, list);
    }
  }
  return { words: normalise(words), concepts: normalise(concepts), surface, conceptWords };
}

/** Weights of the two spaces in the similarity. */
export const CONCEPT_WEIGHT = 0.7;
export const WORD_WEIGHT = 0.3;

export interface Similarity {
  score: number;
  concept: number;
  word: number;
}

export function similarity(a: Profile, b: Profile): Similarity {
  const concept = a.concepts.size > 0 && b.concepts.size > 0 ? dot(a.concepts, b.concepts) : 0;
  const word = dot(a.words, b.words);
  return { score: CONCEPT_WEIGHT * concept + WORD_WEIGHT * word, concept, word };
}

/** The words of `line` that explain a match with `node`: shared stems, and the line's words for the concept they share most. */
export function matchEvidence(
  line: Profile,
  node: Profile
): { words: string[]; concept: string | null } {
  const shared: [string, number][] = [];
  for (const [k, x] of line.words) {
    const y = node.words.get(k);
    if (y !== undefined) shared.push([k, x * y]);
  }
  shared.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  let concept: string | null = null;
  let best = 0;
  for (const [c, x] of line.concepts) {
    const y = node.concepts.get(c);
    if (y === undefined) continue;
    // Only concepts the line itself names (not ones it reached through a related concept) explain a match.
    if (!line.conceptWords.has(c)) continue;
    if (x * y > best) {
      best = x * y;
      concept = c;
    }
  }
  const words: string[] = [];
  if (concept)
    for (const w of line.conceptWords.get(concept) ?? []) if (!words.includes(w)) words.push(w);
  for (const [k] of shared) {
    const w = line.surface.get(k) ?? k;
    if (!words.includes(w) && !WEAK_WORDS.has(k)) words.push(w);
  }
  return { words: words.slice(0, 3), concept };
}
