/**
 * Text profiles of budget lines and plan nodes: a weighted bag of stems and a weighted bag of concepts
 * (the functions and areas of the taxonomy, see concepts.ts), both unit length, and the similarity between two profiles.
 */
import { tokenize, WEAK_WORDS, type Token } from "./text";
import {
  conceptHits,
  conceptTokens,
  concepts as compiledConcepts,
  type CompiledConcepts,
} from "./concepts";
import { CONCEPT_WEIGHT, WEAK_FACTOR, WORD_WEIGHT } from "./weights";
export { CONCEPT_WEIGHT, WORD_WEIGHT };

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

/** A vector as parallel arrays in its map's order, with the map for look-ups. */
export interface SparseVec {
  keys: string[];
  vals: number[];
  /**
   * The vector as a map, for look-ups; null for a line group's summed vectors, looked up by key number instead (a
   * group is a few fields' words: a scan of its numbers costs less than a map held per group, 84,518 of them in a
   * million real-shaped lines).
   */
  map: Vec | null;
  /** Numbers of the keys (stemNumber or conceptNumber), when known (for the accumulators of programs.ts). */
  ids: Int32Array | null;
}

/** A field text's vector: always with its map (ProfileSet looks its keys up there). */
type MappedVec = SparseVec & { map: Vec };

function sparse(v: Vec): MappedVec {
  return { keys: [...v.keys()], vals: [...v.values()], map: v, ids: null };
}

/** Stems numbered in order of first sight (for the scratch accumulators of programs.ts). */
const stemNumbers = new Map<string, number>();

function stemNumber(stem: string): number {
  let k = stemNumbers.get(stem);
  if (k === undefined) stemNumbers.set(stem, (k = stemNumbers.size));
  return k;
}

/** A field's vector with the numbers of its keys. */
function numbered(v: Vec, number: (key: string) => number | undefined): MappedVec {
  const out = sparse(v);
  out.ids = Int32Array.from(out.keys, (k) => number(k) ?? -1);
  return out;
}

/** `v` without its map when every key has a number (looked up by number then). */
function withoutMap(v: MappedVec): SparseVec {
  return v.ids!.includes(-1) ? v : { keys: v.keys, vals: v.vals, map: null, ids: v.ids };
}

/** How many stems have a number so far (every stem of every field read). */
export function stemCount(): number {
  return stemNumbers.size;
}

/** The same sum as dot(a.map, b.map), in the same order: over the smaller vector (the first on ties). */
export function dotSparse(a: SparseVec, b: SparseVec): number {
  if (a.keys.length > b.keys.length) {
    const t = a;
    a = b;
    b = t;
  }
  const keys = a.keys;
  const vals = a.vals;
  let s = 0;
  const m = b.map;
  for (let i = 0; i < keys.length; i++) {
    const y = m ? m.get(keys[i]) : valueByNumber(b, a.ids![i]);
    if (y !== undefined) s += vals[i] * y;
  }
  return s;
}

/** The value of `v` (a vector without a map, whose keys all have numbers) at key number `id`, if it has that key. */
function valueByNumber(v: SparseVec, id: number): number | undefined {
  const ids = v.ids!;
  for (let j = 0; j < ids.length; j++) if (ids[j] === id) return v.vals[j];
  return undefined;
}

/**
 * dotSparse(a, b) for many vectors `a` against one `b` at a time (a line's fields against its group's vectors): `b`
 * is copied once into a dense scratch by key number, so each key of `a` is an array read instead of a map look-up.
 * The same products summed in the same order as dotSparse, so the same result to the bit; where dotSparse would
 * run over `b` (the smaller), or a key has no number in the scratch, it is dotSparse itself.
 */
export class DenseOperand {
  private readonly vals: Float64Array;
  private readonly has: Uint8Array;
  private loaded: SparseVec | null = null;

  constructor(private readonly size: number) {
    this.vals = new Float64Array(size);
    this.has = new Uint8Array(size);
  }

  dot(a: SparseVec, b: SparseVec): number {
    // Where dotSparse runs over `b` (the shorter), the scratch holds `a` instead: the same products in b's order.
    if (a.keys.length > b.keys.length) return this.over(b, a);
    return this.over(a, b);
  }

  /** dotSparse over the keys of `a` (never longer than `b`), `b` from the scratch. */
  private over(a: SparseVec, b: SparseVec): number {
    const ids = a.ids;
    if (!ids || !this.load(b)) return dotSparse(a, b);
    const vals = a.vals;
    let s = 0;
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i];
      if (k < 0 || k >= this.size) return dotSparse(a, b);
      if (this.has[k]) s += vals[i] * this.vals[k];
    }
    return s;
  }

  /** Makes `b` the scratch's vector; false when one of its keys has no number that fits. */
  private load(b: SparseVec): boolean {
    if (this.loaded === b) return true;
    const old = this.loaded;
    if (old) for (const k of old.ids!) ((this.has[k] = 0), (this.vals[k] = 0));
    this.loaded = null;
    const ids = b.ids;
    if (!ids) return false;
    for (let i = 0; i < ids.length; i++) if (ids[i] < 0 || ids[i] >= this.size) return false;
    for (let i = 0; i < ids.length; i++) {
      this.has[ids[i]] = 1;
      this.vals[ids[i]] = b.vals[i];
    }
    this.loaded = b;
    return true;
  }
}

/** Concept weights spread a little to related concepts (a function lends weight to its area). */
function spread(concepts: Vec, space: ConceptSpace): Vec {
  const related = space.compiled.related;
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

/** What a distinct field text reads as, computed once per text (budgets repeat the same names on thousands of lines). */
export interface FieldCacheEntry {
  /** Unique number of this entry (for per-entry caches). */
  id: number;
  /** The concept space the entry was read in (its concept numbers are that space's). */
  space: ConceptSpace;
  parts: FieldParts;
  tokens: Token[];
  hits: ReturnType<typeof conceptHits>;
  /** The unit concept vector with related concepts spread in, and its squared length. */
  spread: Vec;
  spreadNorm2: number;
  /** The words of each concept hit as written ("law enforcement"), by hit. */
  hitPhrases: string[];
  /** parts.words and spread as arrays in the maps' order (dot products without map iterators). */
  wordVec: MappedVec;
  spreadVec: MappedVec;
  /** Per target node (by index, for the target set `evSet`): what the field contributes to an explanation. */
  evSet?: object;
  ev?: (EvidenceRecord | undefined)[];
  /** Per target set (a plan's nodes): word and concept dot products with each target, interleaved. */
  dots?: WeakMap<object, Float64Array>;
  /** The last target set asked for and its dot products (one plan per run: no WeakMap lookup per line). */
  lastSet?: object;
  lastDots?: Float64Array;
}

/**
 * The concepts texts are read in (a taxonomy's functions and areas, compiled by concepts.ts), with everything read
 * in them: each distinct field text's entry, and the groups of shared fields. A tagger owns one (createTagger), so a
 * run with another taxonomy (the eval's blind ones) never meets an entry read with the shipped one.
 */
export class ConceptSpace {
  /** Concept ids in sorted order and their numbers (sorting numbers = sorting ids), and the ids by number. */
  readonly numbers: Map<string, number>;
  readonly ids: string[];
  readonly fieldCache = new Map<string, FieldCacheEntry>();
  groupTrie: GroupTrie = { next: new Map() };
  groupCount = 0;

  constructor(readonly compiled: CompiledConcepts) {
    const ids = new Set<string>(compiled.labels.keys());
    for (const m of compiled.single.values()) for (const c of m.keys()) ids.add(c);
    for (const list of compiled.phrases.values())
      for (const e of list) for (const c of e.concepts.keys()) ids.add(c);
    for (const [a, rel] of compiled.related) {
      ids.add(a);
      for (const b of rel.keys()) ids.add(b);
    }
    this.numbers = new Map([...ids].sort().map((c, i) => [c, i]));
    this.ids = [];
    for (const [c, k] of this.numbers) this.ids[k] = c;
  }
}

let entryCount = 0;
let shipped: ConceptSpace | null = null;

/** The space of the shipped taxonomy, for callers outside a tagger (tests, the Review sheet's words). */
export function defaultSpace(): ConceptSpace {
  return (shipped ??= new ConceptSpace(compiledConcepts()));
}

/** The entry of a field text (tokens, stems, concepts, unit vectors), cached per distinct text. */
export function fieldParts(text: string, space: ConceptSpace = defaultSpace()): FieldCacheEntry {
  const fieldCache = space.fieldCache;
  let cached = fieldCache.get(text);
  if (cached) return cached;
  const tokens = tokenize(text);
  const words: Vec = new Map();
  for (const t of tokens) {
    const w = WEAK_WORDS.has(t.stem) ? WEAK_FACTOR : 1;
    words.set(t.stem, (words.get(t.stem) ?? 0) + w);
  }
  const conceptWords = conceptTokens(text);
  const hits = conceptHits(
    conceptWords.map((t) => t.stem),
    space.compiled
  );
  const concepts: Vec = new Map();
  for (const h of hits) concepts.set(h.concept, (concepts.get(h.concept) ?? 0) + h.weight);
  const unitConcepts = normalise(concepts);
  const spreadConcepts = spread(unitConcepts, space);
  const numbers = space.numbers;
  const unitWords = normalise(words);
  cached = {
    id: entryCount++,
    space,
    wordVec: numbered(unitWords, stemNumber),
    spreadVec: numbered(spreadConcepts, (c) => numbers.get(c)),
    evSet: undefined,
    ev: undefined,
    dots: undefined,
    lastSet: undefined,
    lastDots: undefined,
    parts: { words: unitWords, concepts: unitConcepts },
    tokens,
    hits,
    spread: spreadConcepts,
    spreadNorm2: dot(spreadConcepts, spreadConcepts),
    hitPhrases: hits.map((h) =>
      conceptWords
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
export function profileOf(fields: WeightedText[], space: ConceptSpace = defaultSpace()): Profile {
  const words: Vec = new Map();
  const concepts: Vec = new Map();
  const surface = new Map<string, string>();
  const conceptWordWeights = new Map<string, Map<string, number>>();
  for (const f of fields) {
    if (!f.text || f.weight === 0) continue;
    const { parts, tokens, hits } = fieldParts(f.text, space);
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
  return {
    words: normalise(words),
    concepts: normalise(spread(concepts, space)),
    surface,
    conceptWords,
  };
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

/** Target sets (a plan's nodes) indexed by stem and concept. */
const targetSets = new WeakMap<object, ProfileSet>();

/** A field's word and concept dot products with each of a target set's profiles, interleaved, cached on the field. */
export function entryDots(entry: FieldCacheEntry, set: object, targets: Profile[]): Float64Array {
  if (entry.lastSet === set && entry.lastDots) return entry.lastDots;
  if (!entry.dots) entry.dots = new WeakMap();
  let d = entry.dots.get(set);
  if (!d) {
    // The same sums as dot() with each target, from the targets' postings.
    let indexed = targetSets.get(set);
    if (!indexed || indexed.profiles !== targets)
      targetSets.set(set, (indexed = new ProfileSet(targets)));
    d = new Float64Array(2 * targets.length);
    indexed.fieldDots(entry, d);
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
export class FieldGroup {
  readonly w2: number;
  readonly c2: number;
  /** The summed vectors, without maps when every key has a number (see SparseVec.map). */
  readonly wordVec: SparseVec;
  readonly spreadVec: SparseVec;

  constructor(
    readonly fields: LineField[],
    space: ConceptSpace = fields[0]?.entry.space ?? defaultSpace()
  ) {
    const words: Vec = new Map();
    const spread: Vec = new Map();
    for (const f of fields) {
      addInto(words, f.entry.parts.words, f.weight);
      addInto(spread, f.entry.spread, f.weight);
    }
    this.w2 = dot(words, words);
    this.c2 = dot(spread, spread);
    // Sparse: nothing a group keeps is sized by the vocabulary (84,518 groups of a million real lines held 612 MB
    // of dense copies); its dot products with the lines' own fields run over the smaller vector.
    const numbers = space.numbers;
    this.wordVec = withoutMap(numbered(words, (k) => stemNumbers.get(k)));
    this.spreadVec = withoutMap(numbered(spread, (c) => numbers.get(c)));
  }

  /**
   * The group's word and concept dot products with each target (interleaved) into `out` (2 × targets), summed from
   * its fields' cached ones. Not kept on the group: at 2 × 8 bytes per plan node it was a third of a group's memory
   * (84,518 groups of a million real-shaped lines), and the sum is a few additions per target.
   */
  dotsInto(set: object, targets: Profile[], out: Float64Array): Float64Array {
    out.fill(0);
    for (const f of this.fields) {
      const e = entryDots(f.entry, set, targets);
      for (let i = 0; i < out.length; i++) out[i] += f.weight * e[i];
    }
    return out;
  }
}

interface GroupTrie {
  next: Map<string, GroupTrie>;
  group?: FieldGroup;
}

/** Groups by their field texts, one level per field (no key string built per line), in their space. */
function fieldGroup(fields: LineField[], space: ConceptSpace): FieldGroup {
  let node = space.groupTrie;
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
  if (space.groupCount >= 50_000) {
    space.groupTrie = { next: new Map() };
    space.groupCount = 0;
  }
  space.groupCount++;
  node.group = new FieldGroup(fields, space);
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
    shared: boolean[] = [],
    private readonly space: ConceptSpace = defaultSpace()
  ) {
    this.fields = [];
    const groupFields: LineField[] = [];
    this.details = [];
    input.forEach((f, i) => {
      if (!f.text || f.weight === 0) return;
      const field = { text: f.text, weight: f.weight, entry: fieldParts(f.text, space) };
      this.fields.push(field);
      (shared[i] ? groupFields : this.details).push(field);
    });
    this.group = fieldGroup(groupFields, space);
    let w2 = this.group.w2;
    let c2 = this.group.c2;
    const n = this.details.length;
    for (let i = 0; i < n; i++) {
      const a = this.details[i];
      if (a.entry.parts.words.size > 0) w2 += a.weight * a.weight;
      c2 += a.weight * a.weight * a.entry.spreadNorm2;
      w2 += 2 * a.weight * dotSparse(a.entry.wordVec, this.group.wordVec);
      c2 += 2 * a.weight * dotSparse(a.entry.spreadVec, this.group.spreadVec);
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
   * each field for this target set (the shared group's summed from its fields): a few array reads per target.
   */
  scoresAgainst(set: object, targets: Profile[]): Float64Array {
    const n = targets.length;
    const sum = this.group.dotsInto(set, targets, new Float64Array(2 * n));
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
    if (!this.full) this.full = profileOf(this.input, this.space);
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

// ---------------------------------------------------------------------------------------------
// Explanations from cached per-field records
// ---------------------------------------------------------------------------------------------

/** What one field text contributes to the explanation of a match with one target node. */
export interface EvidenceRecord {
  /** Stems the field shares with the node, in the field's order, with the field's and the node's weights. */
  stems: string[];
  xs: number[];
  ys: number[];
  /** The field's first word (as written) with each shared stem. */
  surface: string[];
  /** Numbers (conceptNumber) of the concepts the field names that the node has, without repeats. */
  concepts: number[];
}

/** The record of a field that shares nothing with a node (most pairs): one object for all. */
const NO_EVIDENCE: EvidenceRecord = { stems: [], xs: [], ys: [], surface: [], concepts: [] };

function evidenceRecord(
  entry: FieldCacheEntry,
  set: object,
  index: number,
  node: Profile
): EvidenceRecord {
  if (entry.evSet !== set || !entry.ev) {
    entry.evSet = set;
    entry.ev = [];
  }
  const cached = entry.ev[index];
  if (cached) return cached;
  let r: EvidenceRecord = NO_EVIDENCE;
  const keys = entry.wordVec.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = entry.wordVec.vals[i];
    const y = node.words.get(k);
    if (y === undefined) continue;
    if (r === NO_EVIDENCE) r = { stems: [], xs: [], ys: [], surface: [], concepts: [] };
    r.stems.push(k);
    r.xs.push(x);
    r.ys.push(y);
    let surface = k;
    for (const t of entry.tokens) {
      if (t.stem === k) {
        surface = t.word;
        break;
      }
    }
    r.surface.push(surface);
  }
  const numbers = entry.space.numbers;
  for (const h of entry.hits) {
    if (!node.concepts.has(h.concept)) continue;
    const c = numbers.get(h.concept);
    if (c === undefined || r.concepts.includes(c)) continue;
    if (r === NO_EVIDENCE) r = { stems: [], xs: [], ys: [], surface: [], concepts: [] };
    r.concepts.push(c);
  }
  entry.ev[index] = r;
  return r;
}

/** A line's field for explanations: its entry and weight. */
export interface EvidenceField {
  entry: FieldCacheEntry;
  weight: number;
}

/** Stable insertion sort of `order[0..n)` (a handful of items: no closure, no copy). */
function sortBy(order: number[], n: number, before: (a: number, b: number) => boolean): void {
  for (let i = 1; i < n; i++) {
    const x = order[i];
    let j = i - 1;
    while (j >= 0 && before(x, order[j])) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = x;
  }
}

// Scratch of lineEvidence (one call at a time: the engine is synchronous).
const shStems: string[] = [];
const shValues: number[] = [];
const shSurface: string[] = [];
const shOrder: number[] = [];
const candidates: number[] = [];
const phText: string[] = [];
const phValues: number[] = [];
const phOrder: number[] = [];
const bySharedValue = (a: number, b: number) =>
  shValues[a] > shValues[b] || (shValues[a] === shValues[b] && shStems[a] < shStems[b]);
const byPhraseValue = (a: number, b: number) =>
  phValues[a] > phValues[b] || (phValues[a] === phValues[b] && phText[a] < phText[b]);

/**
 * The explanation of a line's match with target `index` of `set` (node profile `node`): the same words and concept as
 * `matchEvidence(profileOf(fields), node)` gives, from records cached per field text and node. `fields[0..count)` are
 * the line's non-empty fields in field order.
 */
export function lineEvidence(
  fields: readonly EvidenceField[],
  count: number,
  set: object,
  index: number,
  node: Profile
): { words: string[]; concept: string | null } {
  const out: EvidenceOut = { words: [], concept: null };
  lineEvidenceInto(fields, count, set, index, node, out);
  return out;
}

/** Where lineEvidenceInto writes: up to three words (the array is reused) and the concept. */
export interface EvidenceOut {
  words: string[];
  concept: string | null;
}

/** lineEvidence into a reused result (`out.words` is emptied first): no allocation per line. */
export function lineEvidenceInto(
  fields: readonly EvidenceField[],
  count: number,
  set: object,
  index: number,
  node: Profile,
  out: EvidenceOut
): void {
  let m = 0;
  let nc = 0;
  for (let f = 0; f < count; f++) {
    const w = fields[f].weight;
    const r = evidenceRecord(fields[f].entry, set, index, node);
    for (let j = 0; j < r.stems.length; j++) {
      const k = r.stems[j];
      const v = w * r.xs[j] * r.ys[j];
      let at = -1;
      for (let q = 0; q < m; q++) {
        if (shStems[q] === k) {
          at = q;
          break;
        }
      }
      if (at < 0) {
        shStems[m] = k;
        shValues[m] = 0 + v;
        shSurface[m] = r.surface[j];
        m++;
      } else shValues[at] = shValues[at] + v;
    }
    for (const c of r.concepts) {
      let seen = false;
      for (let q = 0; q < nc; q++) if (candidates[q] === c) seen = true;
      if (!seen) candidates[nc++] = c;
    }
  }
  // The concept the line names that weighs most in the match (in id order on ties).
  let concept: string | null = null;
  if (nc > 0) {
    sortBy(candidates, nc, (a, b) => a < b);
    const ids = fields[0].entry.space.ids;
    let best = 0;
    for (let q = 0; q < nc; q++) {
      const c = candidates[q];
      const y = node.concepts.get(ids[c])!;
      let x = 0;
      for (let f = 0; f < count; f++)
        x += fields[f].weight * (fields[f].entry.spread.get(ids[c]) ?? 0);
      if (x * y > best) {
        best = x * y;
        concept = ids[c];
      }
    }
  }
  const words = out.words;
  words.length = 0;
  out.concept = concept;
  if (concept) {
    let np = 0;
    for (let f = 0; f < count; f++) {
      const e = fields[f].entry;
      const w = fields[f].weight;
      const hits = e.hits;
      for (let i = 0; i < hits.length; i++) {
        if (hits[i].concept !== concept) continue;
        const phrase = e.hitPhrases[i];
        const v = hits[i].weight * w;
        let at = -1;
        for (let q = 0; q < np; q++) {
          if (phText[q] === phrase) {
            at = q;
            break;
          }
        }
        if (at < 0) {
          phText[np] = phrase;
          phValues[np] = 0 + v;
          np++;
        } else phValues[at] = phValues[at] + v;
      }
    }
    for (let q = 0; q < np; q++) phOrder[q] = q;
    sortBy(phOrder, np, byPhraseValue);
    for (let q = 0; q < np; q++) words.push(phText[phOrder[q]]);
  }
  if (words.length < 3 && m > 0) {
    for (let q = 0; q < m; q++) shOrder[q] = q;
    sortBy(shOrder, m, bySharedValue);
    for (let q = 0; q < m; q++) {
      const at = shOrder[q];
      if (WEAK_WORDS.has(shStems[at])) continue;
      const w = shSurface[at];
      if (!words.includes(w)) words.push(w);
      if (words.length >= 3) break;
    }
  }
  if (words.length > 3) words.length = 3;
}

// ---------------------------------------------------------------------------------------------
// Many profiles scored against many lines (confirmed lines of a department, learned centroids)
// ---------------------------------------------------------------------------------------------

interface Postings {
  t: number[];
  y: number[];
}

/**
 * A list of profiles indexed by stem and concept: a field's dot products with all of them cost the postings of the
 * field's own stems and concepts, not one map look-up per profile. Each dot product is the same sum as `dot` (over
 * the smaller vector, in its order).
 */
export class ProfileSet {
  readonly size: number;
  /** Per profile: whether it has any concept (a concept cosine with none is 0). */
  readonly hasConcepts: Uint8Array;
  private readonly wordPost = new Map<string, Postings>();
  private readonly conceptPost = new Map<string, Postings>();
  private readonly wSize: Int32Array;
  private readonly cSize: Int32Array;
  /** Profile numbers by size of their word and concept vectors, smallest first. */
  private readonly byWordSize: number[];
  private readonly byConceptSize: number[];

  constructor(readonly profiles: Profile[]) {
    const n = profiles.length;
    this.size = n;
    this.hasConcepts = new Uint8Array(n);
    this.wSize = new Int32Array(n);
    this.cSize = new Int32Array(n);
    const post = (m: Map<string, Postings>, k: string, t: number, y: number) => {
      let p = m.get(k);
      if (!p) m.set(k, (p = { t: [], y: [] }));
      p.t.push(t);
      p.y.push(y);
    };
    profiles.forEach((p, t) => {
      this.hasConcepts[t] = p.concepts.size > 0 ? 1 : 0;
      this.wSize[t] = p.words.size;
      this.cSize[t] = p.concepts.size;
      for (const [k, y] of p.words) post(this.wordPost, k, t, y);
      for (const [k, y] of p.concepts) post(this.conceptPost, k, t, y);
    });
    const order = profiles.map((_, t) => t);
    this.byWordSize = order.slice().sort((a, b) => this.wSize[a] - this.wSize[b] || a - b);
    this.byConceptSize = order.slice().sort((a, b) => this.cSize[a] - this.cSize[b] || a - b);
  }

  /**
   * `out[2t]` = dot(entry.parts.words, profiles[t].words), `out[2t + 1]` = dot(entry.spread, profiles[t].concepts).
   */
  fieldDots(entry: FieldCacheEntry, out: Float64Array): void {
    out.fill(0);
    this.side(entry.wordVec, 0, out, null, null, 0);
    this.side(entry.spreadVec, 1, out, null, null, 0);
  }

  /**
   * fieldDots written only for the profiles that share a stem or concept with the field (or are smaller than it):
   * `out` must hold zeros; the profiles written are listed in `touched[0..returned count)` and marked in `mark`, so
   * that the caller can read them and put the zeros back.
   */
  sparseDots(
    entry: FieldCacheEntry,
    out: Float64Array,
    mark: Uint8Array,
    touched: Int32Array
  ): number {
    const m = this.side(entry.wordVec, 0, out, mark, touched, 0);
    return this.side(entry.spreadVec, 1, out, mark, touched, m);
  }

  /**
   * One side (words at 0, concepts at 1) of the dot products into `out[2t + at]`. Each sum runs over the smaller
   * of the two vectors, in its order. With `mark`, every profile written is also marked and listed in `touched`
   * from `m` on; returns the new count.
   */
  private side(
    v: MappedVec,
    at: 0 | 1,
    out: Float64Array,
    mark: Uint8Array | null,
    touched: Int32Array | null,
    m: number
  ): number {
    const postings = at === 0 ? this.wordPost : this.conceptPost;
    const sizes = at === 0 ? this.wSize : this.cSize;
    const bySize = at === 0 ? this.byWordSize : this.byConceptSize;
    const n = v.keys.length;
    for (let i = 0; i < n; i++) {
      const p = postings.get(v.keys[i]);
      if (!p) continue;
      const x = v.vals[i];
      const ts = p.t;
      const ys = p.y;
      for (let j = 0; j < ts.length; j++) {
        const t = ts[j];
        // Profiles at least as large as the field: the sum runs over the field, in its order.
        if (sizes[t] < n) continue;
        out[2 * t + at] += x * ys[j];
        if (mark && !mark[t]) {
          mark[t] = 1;
          touched![m++] = t;
        }
      }
    }
    // Profiles smaller than the field: the sum runs over the profile, in its order.
    for (const t of bySize) {
      if (sizes[t] >= n) break;
      let s = 0;
      for (const [k, x] of at === 0 ? this.profiles[t].words : this.profiles[t].concepts) {
        const y = v.map.get(k);
        if (y !== undefined) s += x * y;
      }
      out[2 * t + at] = s;
      if (mark && !mark[t]) {
        mark[t] = 1;
        touched![m++] = t;
      }
    }
    return m;
  }

  /** fieldDots of an entry, cached on the entry for this set. */
  dotsOf(entry: FieldCacheEntry): Float64Array {
    if (entry.lastSet === this && entry.lastDots) return entry.lastDots;
    if (!entry.dots) entry.dots = new WeakMap();
    let d = entry.dots.get(this);
    if (!d) {
      d = new Float64Array(2 * this.size);
      this.fieldDots(entry, d);
      entry.dots.set(this, d);
    }
    entry.lastSet = this;
    entry.lastDots = d;
    return d;
  }
}
