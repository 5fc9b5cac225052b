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

interface FieldCacheEntry {
  parts: FieldParts;
  tokens: Token[];
  hits: ReturnType<typeof conceptHits>;
  /** The unit concept vector with related concepts spread in, and its squared length. */
  spread: Vec;
  spreadNorm2: number;
  /** The words of each concept hit as written ("law enforcement"), by hit. */
  hitPhrases: string[];
  /** Per target set (a plan's nodes): word and concept dot products with each target, interleaved. */
  dots?: WeakMap<object, Float64Array>;
  /** The last target set asked for and its dot products (one plan per run: no WeakMap lookup per line). */
  lastSet?: object;
  lastDots?: Float64Array;
}

const fieldCache = new Map<string, FieldCacheEntry>();

function fieldParts(text: string): FieldCacheEntry {
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
  const unitConcepts = normalise(concepts);
  const spreadConcepts = spread(unitConcepts);
  cached = {
    parts: { words: normalise(words), concepts: unitConcepts },
    tokens,
    hits,
    spread: spreadConcepts,
    spreadNorm2: dot(spreadConcepts, spreadConcepts),
    hitPhrases: hits.map((h) =>
      tokens
        .slice(h.at, h.at + h.length)
        .map((t) => t.word)
        .join(" ")
    ),
  };
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

// ---------------------------------------------------------------------------------------------
// Fast path: a line scored field by field
// ---------------------------------------------------------------------------------------------

interface LineField {
  text: string;
  weight: number;
  entry: FieldCacheEntry;
}

/** Per target profile: field text → the field's word and (spread) concept dot products with the target. */
const targetDots = new WeakMap<Profile, Map<string, { word: number; concept: number }>>();

/** A field's word and concept dot products with each of a target set's profiles, interleaved, cached on the field. */
function entryDots(entry: FieldCacheEntry, set: object, targets: Profile[]): Float64Array {
  if (entry.lastSet === set && entry.lastDots) return entry.lastDots;
  if (!entry.dots) entry.dots = new WeakMap();
  let d = entry.dots.get(set);
  if (!d) {
    const n = targets.length;
    d = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      d[2 * i] = dot(entry.parts.words, targets[i].words);
      d[2 * i + 1] = dot(entry.spread, targets[i].concepts);
    }
    entry.dots.set(set, d);
  }
  entry.lastSet = set;
  entry.lastDots = d;
  return d;
}

/**
 * Fields many lines share (department, division, programme, fund) summed once: their weighted word and concept
 * vectors, squared lengths, and dot products with a target set.
 */
class FieldGroup {
  readonly words: Vec = new Map();
  readonly spread: Vec = new Map();
  readonly w2: number;
  readonly c2: number;
  private lastSet: object | null = null;
  private lastDots: Float64Array | null = null;

  constructor(readonly fields: LineField[]) {
    for (const f of fields) {
      addInto(this.words, f.entry.parts.words, f.weight);
      addInto(this.spread, f.entry.spread, f.weight);
    }
    this.w2 = dot(this.words, this.words);
    this.c2 = dot(this.spread, this.spread);
  }

  dotsFor(set: object, targets: Profile[]): Float64Array {
    if (this.lastSet === set && this.lastDots) return this.lastDots;
    const d = new Float64Array(2 * targets.length);
    for (const f of this.fields) {
      const e = entryDots(f.entry, set, targets);
      for (let i = 0; i < d.length; i++) d[i] += f.weight * e[i];
    }
    this.lastSet = set;
    this.lastDots = d;
    return d;
  }
}

interface GroupTrie {
  next: Map<string, GroupTrie>;
  group?: FieldGroup;
}

/** Groups by their field texts, one level per field (no key string built per line). */
let groupTrie: GroupTrie = { next: new Map() };
let groupCount = 0;

function fieldGroup(fields: LineField[]): FieldGroup {
  let node = groupTrie;
  for (const f of fields) {
    let child = node.next.get(f.text);
    if (!child) node.next.set(f.text, (child = { next: new Map() }));
    node = child;
  }
  const g = node.group;
  if (
    g &&
    g.fields.length === fields.length &&
    g.fields.every((x, i) => x.weight === fields[i].weight)
  )
    return g;
  if (groupCount >= 50_000) {
    groupTrie = { next: new Map() };
    groupCount = 0;
  }
  groupCount++;
  node.group = new FieldGroup(fields);
  return node.group;
}

/**
 * A line's text as its weighted fields. Its similarity to a profile equals `similarity(profileOf(fields), target)`,
 * but is computed from dot products cached per field text (and per group of shared fields): budgets repeat the same
 * department, programme and account names on thousands of lines, so a line costs a few lookups, not a profile.
 */
export class LineText {
  private readonly fields: LineField[];
  private readonly group: FieldGroup;
  private readonly details: LineField[];
  private readonly wordNorm: number;
  private readonly conceptNorm: number;
  private full: Profile | null = null;

  /** `shared[i]` marks the fields many lines have in common (summed once per distinct combination). */
  constructor(
    private readonly input: WeightedText[],
    shared: boolean[] = []
  ) {
    this.fields = [];
    const groupFields: LineField[] = [];
    this.details = [];
    input.forEach((f, i) => {
      if (!f.text || f.weight === 0) return;
      const field = { text: f.text, weight: f.weight, entry: fieldParts(f.text) };
      this.fields.push(field);
      (shared[i] ? groupFields : this.details).push(field);
    });
    this.group = fieldGroup(groupFields);
    let w2 = this.group.w2;
    let c2 = this.group.c2;
    const n = this.details.length;
    for (let i = 0; i < n; i++) {
      const a = this.details[i];
      if (a.entry.parts.words.size > 0) w2 += a.weight * a.weight;
      c2 += a.weight * a.weight * a.entry.spreadNorm2;
      w2 += 2 * a.weight * dot(a.entry.parts.words, this.group.words);
      c2 += 2 * a.weight * dot(a.entry.spread, this.group.spread);
      for (let j = i + 1; j < n; j++) {
        const b = this.details[j];
        w2 += 2 * a.weight * b.weight * dot(a.entry.parts.words, b.entry.parts.words);
        c2 += 2 * a.weight * b.weight * dot(a.entry.spread, b.entry.spread);
      }
    }
    this.wordNorm = Math.sqrt(Math.max(0, w2));
    this.conceptNorm = Math.sqrt(Math.max(0, c2));
  }

  /** Word and concept cosine with a target profile. */
  parts(target: Profile): { word: number; concept: number } {
    let cache = targetDots.get(target);
    if (!cache) targetDots.set(target, (cache = new Map()));
    let word = 0;
    let concept = 0;
    for (const f of this.fields) {
      let d = cache.get(f.text);
      if (!d) {
        d = {
          word: dot(f.entry.parts.words, target.words),
          concept: dot(f.entry.spread, target.concepts),
        };
        if (cache.size < 200_000) cache.set(f.text, d);
      }
      word += f.weight * d.word;
      concept += f.weight * d.concept;
    }
    return {
      word: this.wordNorm > 1e-12 ? word / this.wordNorm : 0,
      concept:
        this.conceptNorm > 1e-12 && target.concepts.size > 0 ? concept / this.conceptNorm : 0,
    };
  }

  /**
   * Similarity score to each of `targets` (the same as `similarity(target).score`), from the dot products cached on
   * the shared group and on each other field for this target set: a line costs a few array reads per target.
   */
  scoresAgainst(set: object, targets: Profile[]): Float64Array {
    const n = targets.length;
    const sum = this.group.dotsFor(set, targets).slice();
    for (const f of this.details) {
      const d = entryDots(f.entry, set, targets);
      const w = f.weight;
      for (let i = 0; i < 2 * n; i++) sum[i] += w * d[i];
    }
    const out = new Float64Array(n);
    const wn = this.wordNorm > 1e-12 ? 1 / this.wordNorm : 0;
    const cn = this.conceptNorm > 1e-12 ? 1 / this.conceptNorm : 0;
    for (let i = 0; i < n; i++) {
      const c = targets[i].concepts.size > 0 ? sum[2 * i + 1] * cn : 0;
      out[i] = CONCEPT_WEIGHT * c + WORD_WEIGHT * sum[2 * i] * wn;
    }
    return out;
  }

  similarity(target: Profile): Similarity {
    const { word, concept } = this.parts(target);
    return { score: CONCEPT_WEIGHT * concept + WORD_WEIGHT * word, concept, word };
  }

  /** The full profile (for learned centroids), built on first use. */
  profile(): Profile {
    if (!this.full) this.full = profileOf(this.input);
    return this.full;
  }

  /** The explanation `matchEvidence(this.profile(), node)` gives, without building the profile. */
  evidence(node: Profile): { words: string[]; concept: string | null } {
    const shared = new Map<string, number>();
    const named: string[] = [];
    for (const f of this.fields) {
      for (const [k, x] of f.entry.parts.words) {
        const y = node.words.get(k);
        if (y !== undefined) shared.set(k, (shared.get(k) ?? 0) + f.weight * x * y);
      }
      // Only concepts the line itself names (not ones reached through a related concept) explain a match.
      for (const h of f.entry.hits) if (!named.includes(h.concept)) named.push(h.concept);
    }
    let concept: string | null = null;
    let best = 0;
    for (const c of named.sort()) {
      const y = node.concepts.get(c);
      if (y === undefined) continue;
      let x = 0;
      for (const f of this.fields) x += f.weight * (f.entry.spread.get(c) ?? 0);
      if (x * y > best) {
        best = x * y;
        concept = c;
      }
    }
    const words: string[] = [];
    if (concept) {
      const phrases = new Map<string, number>();
      for (const f of this.fields) {
        const hits = f.entry.hits;
        for (let i = 0; i < hits.length; i++) {
          if (hits[i].concept !== concept) continue;
          const phrase = f.entry.hitPhrases[i];
          phrases.set(phrase, (phrases.get(phrase) ?? 0) + hits[i].weight * f.weight);
        }
      }
      for (const [w] of [...phrases.entries()].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
      )) {
        words.push(w);
      }
    }
    if (words.length < 3 && shared.size > 0) {
      for (const [k] of [...shared.entries()].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
      )) {
        if (WEAK_WORDS.has(k)) continue;
        const w = this.surfaceOf(k);
        if (!words.includes(w)) words.push(w);
        if (words.length >= 3) break;
      }
    }
    return { words: words.slice(0, 3), concept };
  }

  /** The first word of the line (in field order) with this stem, as written. */
  private surfaceOf(stem: string): string {
    for (const f of this.fields) for (const t of f.entry.tokens) if (t.stem === stem) return t.word;
    return stem;
  }
}
