/**
 * Programs as the unit of tagging: a program's purpose is read from everything its lines say together, and its lines
 * share its suggestion unless a line's own specific text clearly points elsewhere.
 *
 * Account names say what is bought (salaries, utilities, vehicle replacement), not what for. Within one budget an
 * account name or description that recurs across many programs tells little about any one of them, so every such
 * text is weighted by its specificity in THIS run: an inverse document frequency over the run's programs, computed
 * from the lines given (no state kept between runs, the same whatever the order of the lines).
 */
import type { BudgetLine } from "../types";
import {
  CONCEPT_WEIGHT,
  dotSparse,
  entryDots,
  WORD_WEIGHT,
  type EvidenceField,
  type FieldCacheEntry,
  type FieldGroup,
  type ConceptSpace,
  stemCount,
  type Profile,
  type SparseVec,
} from "./similarity";
import { DEPART_MARGIN, OWN_FIT, SPECIFIC_MIN } from "./weights";
export { DEPART_MARGIN, OWN_FIT, SPECIFIC_MIN };

/** The shared fields of a line as the engine reads them (a subset of its LineGroup). */
export interface ProgramGroup {
  head: EvidenceField[];
  fund: EvidenceField | null;
  group: FieldGroup;
}

/**
 * How specific a text is among `programs` programs when `df` of them use it: 1 for a text of one program, falling
 * (logarithmically) to 0 for a text every program uses.
 */
export function specificity(df: number, programs: number): number {
  if (df <= 1 || programs <= 1) return 1;
  return Math.max(0, Math.log((programs + 1) / df) / Math.log(programs + 1));
}

/** Per line, the specificity of its account name (at 2i) and of its description (at 2i + 1); 0 where blank. */
export function lineSpecificity(
  lines: readonly BudgetLine[],
  details: readonly (FieldCacheEntry | null)[],
  programOfLine: Int32Array,
  programCount: number
): Float64Array {
  const n = lines.length;
  const spec = new Float64Array(2 * n);
  // Distinct programs per text, one map per field (an account name and a description are different evidence): the
  // one program while a text has one (most have), a set once it has more.
  const seen: Map<string, number | Set<number>>[] = [new Map(), new Map()];
  const texts: string[] = new Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 2; f++) {
      if (!details[2 * i + f]) continue;
      const text = keyOf(f === 0 ? lines[i].accountName : lines[i].description);
      texts[2 * i + f] = text;
      const k = programOfLine[i];
      const s = seen[f].get(text);
      if (s === undefined) seen[f].set(text, k);
      else if (typeof s === "number") {
        if (s !== k) seen[f].set(text, new Set([s, k]));
      } else s.add(k);
    }
  }
  const memo: Map<string, number>[] = [new Map(), new Map()];
  for (let i = 0; i < 2 * n; i++) {
    const text = texts[i];
    if (text === undefined) continue;
    const f = i & 1;
    let v = memo[f].get(text);
    if (v === undefined) {
      const s = seen[f].get(text)!;
      memo[f].set(text, (v = specificity(typeof s === "number" ? 1 : s.size, programCount)));
    }
    spec[i] = v;
  }
  return spec;
}

/** Texts compared for frequency: case and spacing do not make a different account name. */
function keyOf(v: unknown): string {
  const raw = String(v ?? "");
  let key = keyMemo.get(raw);
  if (key === undefined) {
    key = raw.trim().replace(/\s+/g, " ").toLowerCase();
    if (keyMemo.size >= 100_000) keyMemo.clear();
    keyMemo.set(raw, key);
  }
  return key;
}

/** keyOf per distinct text (a budget repeats the same account names on thousands of lines). */
const keyMemo = new Map<string, string>();

/** What the engine needs to score a program: its plan targets and how a row of similarities becomes scores. */
export interface ProgramScoring {
  /** Target set (the plan model) and its profiles, as for entryDots. */
  set: object;
  targets: Profile[];
  /** Number of priorities (columns of a score row). */
  priorities: number;
  /** The concept space the lines' fields were read in. */
  space: ConceptSpace;
  /** Writes the priorities' scores and chosen nodes for similarities `sims` (one per target) at `base`. */
  scoreRow: (sims: Float64Array, score: Float64Array, node: Int32Array, base: number) => void;
}

export interface ProgramLayer {
  /** Per program: how many lines it has. */
  size: Int32Array;
  /** Per line: 1 when it takes its program's suggestion (programs of two or more lines only). */
  follows: Uint8Array;
  /** Per program: the line whose row the why names ("same program as row …"), the first (sheet, row) that follows; -1 if none. */
  leader: Int32Array;
  /** Per program: its evidence fields for explanations (department, division, program, descriptions, specific accounts, fund). */
  fields: EvidenceField[][];
}

interface ProgramParts {
  groups: ProgramGroup[];
  accounts: Map<string, { entry: FieldCacheEntry; spec: number; text: string }>;
  descriptions: Map<string, { entry: FieldCacheEntry; spec: number; text: string }>;
  lines: number[];
}

function groupKey(g: ProgramGroup): string {
  const parts = g.head.map((f) => f.entry.tokens.map((t) => t.word).join(" "));
  parts.push(g.fund ? g.fund.entry.tokens.map((t) => t.word).join(" ") : "");
  return parts.join("\u0001");
}

/**
 * Groups in the order of their groupKey (ties as given), each key made once: the sort compared keys made afresh,
 * two to four per comparison.
 */
function byGroupKey(groups: ProgramGroup[]): ProgramGroup[] {
  if (groups.length < 2) return groups.slice();
  const keyed = groups.map((g) => ({ g, key: groupKey(g) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return keyed.map((x) => x.g);
}

/**
 * A weighted sum of vectors by key number (stems or concepts), with its keys in order of first addition: the same
 * sums, and the same squared length, as adding the vectors into a Map.
 */
class Accumulator {
  private readonly dense: Float64Array;
  private readonly seen: Uint8Array;
  /**
   * The keys added, in order: `count` of them. A typed array of the vocabulary's size, made once: an array cleared
   * by `length = 0` gives back its storage and grows again (copying) on every program's texts.
   */
  private readonly keys: Int32Array;
  private count = 0;

  constructor(size: number) {
    this.dense = new Float64Array(size);
    this.seen = new Uint8Array(size);
    this.keys = new Int32Array(size);
  }

  add(v: SparseVec, factor: number): void {
    if (factor === 0) return;
    const ids = v.ids!;
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i];
      if (!this.seen[k]) {
        this.seen[k] = 1;
        this.keys[this.count++] = k;
      }
      this.dense[k] = this.dense[k] + v.vals[i] * factor;
    }
  }

  /** Adds `factor` × everything accumulated in `other`. */
  addAll(other: Accumulator, factor: number): void {
    if (factor === 0) return;
    for (let i = 0; i < other.count; i++) {
      const k = other.keys[i];
      if (!this.seen[k]) {
        this.seen[k] = 1;
        this.keys[this.count++] = k;
      }
      this.dense[k] = this.dense[k] + other.dense[k] * factor;
    }
  }

  norm2(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) {
      const k = this.keys[i];
      s += this.dense[k] * this.dense[k];
    }
    return s;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const k = this.keys[i];
      this.dense[k] = 0;
      this.seen[k] = 0;
    }
    this.count = 0;
  }
}

/**
 * Scores every program of two or more lines from its program-level evidence, and makes each of its lines take the
 * program's row of `score`/`node` unless the line's own specific text (a specific account name, or a description
 * of its own where the program has several) fits another priority by DEPART_MARGIN more than the program's. Rows
 * of lines that depart, and of one-line programs, are left as the engine computed them (their own text).
 */
export function applyPrograms(
  lines: readonly BudgetLine[],
  groups: readonly ProgramGroup[],
  details: readonly (FieldCacheEntry | null)[],
  spec: Float64Array,
  programOfLine: Int32Array,
  programCount: number,
  detailWeights: { account: number; description: number },
  scoring: ProgramScoring,
  score: Float64Array,
  node: Int32Array,
  ownPath: (i: number) => boolean
): ProgramLayer {
  const n = lines.length;
  const P = scoring.priorities;
  const T = scoring.targets.length;
  const size = programSizes(programOfLine, programCount);
  const parts: (ProgramParts | null)[] = new Array(programCount).fill(null);
  for (let i = 0; i < n; i++) {
    const k = programOfLine[i];
    if (!programSetsRows(size[k])) continue;
    let p = parts[k];
    if (!p) parts[k] = p = { groups: [], accounts: new Map(), descriptions: new Map(), lines: [] };
    p.lines.push(i);
    if (!p.groups.includes(groups[i])) p.groups.push(groups[i]);
    const a = details[2 * i];
    if (a) {
      const text = String(lines[i].accountName ?? "");
      if (!p.accounts.has(text)) p.accounts.set(text, { entry: a, spec: spec[2 * i], text });
    }
    const d = details[2 * i + 1];
    if (d) {
      const text = String(lines[i].description ?? "");
      if (!p.descriptions.has(text))
        p.descriptions.set(text, { entry: d, spec: spec[2 * i + 1], text });
    }
  }

  const follows = new Uint8Array(n);
  const leader = new Int32Array(programCount).fill(-1);
  const fields: EvidenceField[][] = new Array(programCount);
  const sims = new Float64Array(T);
  const sum = new Float64Array(2 * T);
  const groupDots = new Float64Array(2 * T);
  const hasConcepts = scoring.targets.map((t) => t.concepts.size > 0);
  const progScore = new Float64Array(P);
  // Program vectors: every stem and concept has its number by now (the lines' fields are all read).
  const words = new Accumulator(stemCount());
  const spread = new Accumulator(scoring.space.numbers.size);
  const progNode = new Int32Array(P);
  const sortedValues = <V>(m: Map<string, V>): V[] =>
    [...m.keys()].sort().map((key) => m.get(key)!);

  // Scores of a line's own specific text alone (its specific account name and its own description), per distinct pair.
  const ownMemo = new Map<number, Map<number, { score: Float64Array; node: Int32Array }>>();
  const wa = detailWeights.account;
  const wd = detailWeights.description;
  const ownScores = (
    a: FieldCacheEntry | null,
    sa: number,
    d: FieldCacheEntry | null,
    sd: number
  ): { score: Float64Array; node: Int32Array } => {
    let byD = ownMemo.get(a ? a.id : -1);
    if (!byD) ownMemo.set(a ? a.id : -1, (byD = new Map()));
    const cached = byD.get(d ? d.id : -1);
    if (cached) return cached;
    const x = wa * sa;
    const y = wd * sd;
    let w2 = 0;
    let c2 = 0;
    sum.fill(0);
    if (a) {
      if (a.parts.words.size > 0) w2 += x * x;
      c2 += x * x * a.spreadNorm2;
      const e = entryDots(a, scoring.set, scoring.targets);
      for (let t = 0; t < 2 * T; t++) sum[t] += x * e[t];
    }
    if (d) {
      if (d.parts.words.size > 0) w2 += y * y;
      c2 += y * y * d.spreadNorm2;
      const e = entryDots(d, scoring.set, scoring.targets);
      for (let t = 0; t < 2 * T; t++) sum[t] += y * e[t];
    }
    if (a && d) {
      w2 += 2 * x * y * dotSparse(a.wordVec, d.wordVec);
      c2 += 2 * x * y * dotSparse(a.spreadVec, d.spreadVec);
    }
    // A text whose only plan-language is a weak word ("operations" at 0.2) reads as weakly as that word: a cosine
    // alone would make one weak concept a perfect match.
    toSims(w2, c2, Math.min(1, Math.max(conceptMass(a), conceptMass(d))));
    const out = { score: new Float64Array(P), node: new Int32Array(P) };
    scoring.scoreRow(sims, out.score, out.node, 0);
    byD.set(d ? d.id : -1, out);
    return out;
  };
  const toSims = (w2: number, c2: number, conceptStrength = 1) => {
    const wn = Math.sqrt(Math.max(0, w2));
    const cn = Math.sqrt(Math.max(0, c2));
    for (let t = 0; t < T; t++) {
      const c = hasConcepts[t] && cn > 1e-12 ? (conceptStrength * sum[2 * t + 1]) / cn : 0;
      sims[t] = CONCEPT_WEIGHT * c + WORD_WEIGHT * (wn > 1e-12 ? sum[2 * t] / wn : 0);
    }
  };

  // Scratch sums of one field's texts, and the length factors (words, concepts) that bring each sum to `weight`.
  const textWords = new Accumulator(stemCount());
  const textSpread = new Accumulator(scoring.space.numbers.size);
  const addTexts = (texts: { entry: FieldCacheEntry; spec: number }[], weight: number): number => {
    if (texts.length === 0 || weight === 0) return 0;
    textWords.clear();
    textSpread.clear();
    let spread2 = 0;
    for (const x of texts) {
      textWords.add(x.entry.wordVec, 1);
      textSpread.add(x.entry.spreadVec, 1);
      spread2 += x.entry.spreadNorm2;
    }
    // Word vectors are of unit length; concept vectors keep their own, so theirs is scaled to the texts' mean.
    const fw = lengthFactor(textWords.norm2(), weight, texts.length);
    const fc = lengthFactor(
      textSpread.norm2(),
      weight * Math.sqrt(spread2 / texts.length),
      texts.length
    );
    words.addAll(textWords, fw);
    spread.addAll(textSpread, fc);
    for (const x of texts) {
      if (x.spec === 0) continue;
      const dd = entryDots(x.entry, scoring.set, scoring.targets);
      for (let t = 0; t < T; t++) {
        sum[2 * t] += fw * x.spec * dd[2 * t];
        sum[2 * t + 1] += fc * x.spec * dd[2 * t + 1];
      }
    }
    return fw;
  };

  for (let k = 0; k < programCount; k++) {
    const p = parts[k];
    if (!p) continue;
    // Program-level evidence, summed in an order that does not depend on the order of the lines.
    const gs = byGroupKey(p.groups);
    const descs = sortedValues(p.descriptions);
    const accts = sortedValues(p.accounts);
    // A program's descriptions (and its account names) together weigh as one text of their field's weight, however
    // many there are: their sum is scaled to that length, so a program of ten thousand lines whose descriptions share
    // their words is read from its department, division and program as much as one of ten. Each text's evidence is
    // then its share of that length times its specificity, so a text found in many programs is present but adds
    // little to any similarity (a cosine alone would ignore how little it weighs).
    words.clear();
    spread.clear();
    sum.fill(0);
    const gw = 1 / gs.length;
    for (const g of gs) {
      words.add(g.group.wordVec, gw);
      spread.add(g.group.spreadVec, gw);
      const dd = g.group.dotsInto(scoring.set, scoring.targets, groupDots);
      for (let t = 0; t < 2 * T; t++) sum[t] += gw * dd[t];
    }
    const descFactor = addTexts(descs, detailWeights.description);
    const acctFactor = addTexts(accts, detailWeights.account);
    toSims(words.norm2(), spread.norm2());
    scoring.scoreRow(sims, progScore, progNode, 0);
    const progBest = argmax(progScore, 0, P);

    // Each line: the program's row, unless its own specific text clearly points elsewhere.
    const ownDescriptions = p.descriptions.size > 1;
    let lead = -1;
    for (const i of p.lines) {
      const base = i * P;
      const a = details[2 * i];
      const d = details[2 * i + 1];
      const ownA = a !== null && spec[2 * i] >= SPECIFIC_MIN ? a : null;
      const ownD = ownDescriptions && d !== null && spec[2 * i + 1] >= SPECIFIC_MIN ? d : null;
      if ((ownA || ownD) && P > 0) {
        const own = ownScores(ownA, ownA ? spec[2 * i] : 0, ownD, ownD ? spec[2 * i + 1] : 0);
        const best = argmax(own.score, 0, P);
        if (
          best !== progBest &&
          own.score[best] >= OWN_FIT &&
          own.score[best] - own.score[progBest] >= DEPART_MARGIN
        ) {
          // The line's own text decides: its row is what that text alone reads as.
          for (let q = 0; q < P; q++) {
            score[base + q] = own.score[q];
            node[base + q] = own.node[q];
          }
          continue;
        }
      }
      for (let q = 0; q < P; q++) {
        score[base + q] = progScore[q];
        node[base + q] = progNode[q];
      }
      follows[i] = 1;
      if (!ownPath(i) && (lead < 0 || before(lines[i], lines[lead]))) lead = i;
    }
    leader[k] = lead;

    // Explanation fields: the leader's department, division and program, then the program's texts, then its fund.
    const g0 = lead >= 0 ? groups[lead] : gs[0];
    const f: EvidenceField[] = [...g0.head];
    // The most specific of its texts (a program of thousands of lines is not explained by all of them).
    for (const x of mostSpecific(descs, 0, EXPLAIN_TEXTS))
      f.push({ entry: x.entry, weight: descFactor * x.spec });
    for (const x of mostSpecific(accts, SPECIFIC_MIN, EXPLAIN_TEXTS))
      f.push({ entry: x.entry, weight: acctFactor * x.spec });
    if (g0.fund) f.push(g0.fund);
    fields[k] = f;
  }
  return {
    size,
    follows,
    leader,
    fields,
  };
}

/** Per program: how many lines it has. */
export function programSizes(programOfLine: Int32Array, programCount: number): Int32Array {
  const size = new Int32Array(programCount);
  for (let i = 0; i < programOfLine.length; i++) size[programOfLine[i]]++;
  return size;
}

/**
 * Whether applyPrograms writes every row of a program of `size` lines (its own row, or its departing line's own
 * text): programs of two or more lines. The text scores of a one-line program's line are left as they are.
 */
export function programSetsRows(size: number): boolean {
  return size >= 2;
}

/**
 * The factor that brings a sum of `count` texts, of squared length `norm2`, to length `weight`: texts that do not
 * overlap keep 1/√count each, texts that repeat each other's words get less.
 */
export function lengthFactor(norm2: number, weight: number, count: number): number {
  return norm2 > 1e-24 ? weight / Math.sqrt(norm2) : weight / Math.sqrt(count);
}

/** How many of a program's descriptions (and of its account names) its explanation looks at. */
const EXPLAIN_TEXTS = 12;

/** Up to `max` texts more specific than `min` (and above 0), most specific first, in name order on ties. */
function mostSpecific<T extends { spec: number; text: string }>(
  texts: T[],
  min: number,
  max: number
): T[] {
  const out = texts.filter((x) => x.spec > 0 && x.spec >= min);
  if (out.length <= max) return out;
  return out
    .sort((a, b) => b.spec - a.spec || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, max);
}

/** The summed weight of a text's concept hits (1 for one full-weight plan word); 0 for no text. */
function conceptMass(e: FieldCacheEntry | null): number {
  if (!e) return 0;
  let m = 0;
  for (const h of e.hits) m += h.weight;
  return m;
}

/** Position of the highest of `s[base..base+P)`, the first on ties. */
function argmax(s: Float64Array, base: number, P: number): number {
  let best = 0;
  for (let q = 1; q < P; q++) if (s[base + q] > s[base + best]) best = q;
  return best;
}

/** Sheet then row order (the line a reader finds first). */
function before(a: BudgetLine, b: BudgetLine): boolean {
  if (a.sheet !== b.sheet) return a.sheet < b.sheet;
  return a.row < b.row;
}
