/**
 * The measures of the evaluation, on plain arrays (no files): ranked priorities of each line, accuracy after some
 * programs are confirmed, flagging when an outcome is removed, and calibration.
 */
import { programKey } from "../src/core/keys";
import { priorityOf } from "../src/core/plan/model";
import { confirmNextOrder } from "../src/core/tagging/confirm-next";
import { logit } from "../src/core/tagging/calibrate";
import { coverageAgreement, LITERAL_WHY, tagLines } from "../src/core/tagging/engine";
import type {
  BudgetLine,
  ConfidenceCalibration,
  LineTag,
  ManualTag,
  Plan,
  TagOptions,
} from "../src/core/types";

/** Tags lines the way a run does; the evaluator swaps this for the full workbook path when it is available. */
export type Tagger = (lines: BudgetLine[], plan: Plan, options: TagOptions) => Promise<LineTag[]>;

export const directTagger: Tagger = async (lines, plan, options) => tagLines(lines, plan, options);

/** Priorities of a tag, best first (its tag, else its ranked candidates). */
export function rankedPriorities(tag: LineTag, plan: Plan): string[] {
  const out: string[] = [];
  const push = (id: string | null) => {
    if (id && !out.includes(id)) out.push(id);
  };
  push(tag.priorityId);
  if (tag.nearest) push(priorityOf(plan, tag.nearest.id));
  for (const c of tag.candidates ?? []) push(priorityOf(plan, c.id));
  return out;
}

/** A seeded random number generator in [0, 1) (mulberry32: small, deterministic, good enough for the eval). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic shuffle. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = mulberry32(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface Scored {
  lines: BudgetLine[];
  /** Label (priority id) per line; null = unlabelled. */
  labels: (string | null)[];
}

export interface Accuracy {
  n: number;
  top1: number;
  top3: number;
}

export function accuracy(tags: LineTag[], data: Scored, plan: Plan, skip?: Set<number>): Accuracy {
  let n = 0;
  let top1 = 0;
  let top3 = 0;
  tags.forEach((t, i) => {
    const label = data.labels[i];
    if (!label || skip?.has(i)) return;
    n++;
    const r = rankedPriorities(t, plan);
    if (r[0] === label) top1++;
    if (r.slice(0, 3).includes(label)) top3++;
  });
  return { n, top1: n ? top1 / n : 0, top3: n ? top3 / n : 0 };
}

/** The keys of the labelled programs, sorted: what the seeded shuffles choose the confirmed ones from. */
function labelledPrograms(data: Scored): string[] {
  return [...new Set(data.lines.filter((_, i) => data.labels[i]).map((l) => programKey(l)))].sort();
}

export interface ConfirmedResult {
  fraction: number;
  confirmedPrograms: number;
  seeds: number;
  /** Mean over seeds, on the labelled lines of programs not confirmed. */
  top1: number;
  top3: number;
  n: number;
  /** Zero-shot top-1 on the same lines (the programs not confirmed), mean over seeds: what learning is measured against. */
  zeroTop1SameRows: number;
  /** Share of all labelled lines right afterwards, confirmed ones counted right: by count and by money. */
  overall: number;
  overallMoney: number;
}

/** Share of labelled lines that are right (confirmed ones count as right), by count and by |amount|. */
function overallRight(
  tags: LineTag[],
  data: Scored,
  plan: Plan,
  confirmed: Set<number>
): { count: number; money: number } {
  let n = 0;
  let right = 0;
  let money = 0;
  let rightMoney = 0;
  tags.forEach((t, i) => {
    const label = data.labels[i];
    if (!label) return;
    const m = Math.abs(data.lines[i].amount ?? 0);
    n++;
    money += m;
    if (confirmed.has(i) || rankedPriorities(t, plan)[0] === label) {
      right++;
      rightMoney += m;
    }
  });
  return { count: n ? right / n : 0, money: money ? rightMoney / money : 0 };
}

/** Confirms the chosen programs (their labelled lines) as staff would and scores the rest. */
export async function confirmAndScore(
  data: Scored,
  plan: Plan,
  chosen: Set<string>,
  tagger: Tagger,
  zero: LineTag[]
) {
  const manual: Record<string, ManualTag> = {};
  const skip = new Set<number>();
  data.lines.forEach((l, i) => {
    const label = data.labels[i];
    if (label && chosen.has(programKey(l))) {
      manual[l.key] = { goals: [{ id: label, share: 1 }], via: "confirmed" };
      skip.add(i);
    }
  });
  const tags = await tagger(data.lines, plan, { manual });
  return {
    tags,
    skip,
    rest: accuracy(tags, data, plan, skip),
    zeroRest: accuracy(zero, data, plan, skip),
    overall: overallRight(tags, data, plan, skip),
  };
}

/**
 * Confirms `fraction` of the labelled programs one at a time in the pane's "confirm next" order (largest amount ×
 * least certain, spread over departments, the engine tagging again after each: confirmNextSequence), then scores as
 * afterConfirming does.
 */
export async function afterConfirmNext(
  data: Scored,
  plan: Plan,
  fraction: number,
  tagger: Tagger,
  zero: LineTag[]
): Promise<ConfirmedResult & { calibration: CalibrationPoint[] }> {
  const chosen = await confirmNextSequence(data, plan, fraction, tagger, zero);
  const r = await confirmAndScore(data, plan, chosen, tagger, zero);
  return {
    fraction,
    confirmedPrograms: chosen.size,
    seeds: 1,
    top1: r.rest.top1,
    top3: r.rest.top3,
    n: r.rest.n,
    zeroTop1SameRows: r.zeroRest.top1,
    overall: r.overall.count,
    overallMoney: r.overall.money,
    calibration: calibrationPoints(r.tags, data, plan, r.skip),
  };
}

/**
 * The program keys staff confirm first, one at a time as the pane's Confirm next does: after each confirmation the
 * engine tags again, and the next program is the head of the order made from the new tags (each program's undecided
 * money and its money-weighted confidence, as src/taskpane/model/confirm.ts ranks it), the programs already
 * confirmed counting as taken in their departments.
 */
export async function confirmNextSequence(
  data: Scored,
  plan: Plan,
  fraction: number,
  tagger: Tagger,
  zero: LineTag[]
): Promise<Set<string>> {
  const labelled = new Set<string>();
  data.lines.forEach((l, i) => {
    if (data.labels[i]) labelled.add(programKey(l));
  });
  const target = Math.round(fraction * labelled.size);
  const chosen = new Set<string>();
  const taken = new Map<string, number>();
  const manual: Record<string, ManualTag> = {};
  let tags = zero;
  while (chosen.size < target) {
    const programs = new Map<
      string,
      { key: string; department: string; amount: number; weighted: number }
    >();
    data.lines.forEach((l, i) => {
      const k = programKey(l);
      if (!labelled.has(k) || chosen.has(k)) return;
      let p = programs.get(k);
      if (!p) programs.set(k, (p = { key: k, department: l.department, amount: 0, weighted: 0 }));
      const w = Math.abs(l.amount ?? 0);
      p.amount += w;
      p.weighted += w * (tags[i]?.confidence ?? 0);
    });
    const next = confirmNextOrder(
      [...programs.values()].map((p) => ({
        ...p,
        confidence: p.amount > 0 ? p.weighted / p.amount : 0,
      })),
      taken
    )[0];
    if (!next) break;
    chosen.add(next.key);
    taken.set(next.department, (taken.get(next.department) ?? 0) + 1);
    data.lines.forEach((l, i) => {
      const label = data.labels[i];
      if (label && programKey(l) === next.key)
        manual[l.key] = { goals: [{ id: label, share: 1 }], via: "confirmed" };
    });
    tags = await tagger(data.lines, plan, { manual });
  }
  return chosen;
}

/** Share of the labelled programs flagged "fits no goal" (any of their lines flagged), with the plan as given. */
export function flaggedShare(tags: LineTag[], data: Scored): { flagged: number; programs: number } {
  const labelled = new Set<string>();
  const flagged = new Set<string>();
  data.lines.forEach((l, i) => {
    if (!data.labels[i]) return;
    labelled.add(programKey(l));
    if (tags[i].flagged) flagged.add(programKey(l));
  });
  return { flagged: flagged.size, programs: labelled.size };
}

/** The same tagger reading another taxonomy (the eval's blind runs). */
export function withTaxonomy(tagger: Tagger, taxonomy: TagOptions["taxonomy"]): Tagger {
  return withOptions(tagger, { taxonomy });
}

/**
 * The same tagger with some options always set (a blind taxonomy, a calibration fitted without the city); an
 * undefined value leaves the engine's default.
 */
export function withOptions(
  tagger: Tagger,
  set: Pick<TagOptions, "taxonomy" | "calibration">
): Tagger {
  const given = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  return Object.keys(given).length
    ? (lines, plan, options) => tagger(lines, plan, { ...options, ...given })
    : tagger;
}

/** Confirms `fraction` of the labelled programs (seeded shuffle) as staff would, then scores the rest. */
export async function afterConfirming(
  data: Scored,
  plan: Plan,
  fraction: number,
  tagger: Tagger,
  zero: LineTag[],
  seeds = [1, 2, 3, 4, 5]
): Promise<{ result: ConfirmedResult; calibration: CalibrationPoint[] }> {
  const programs = labelledPrograms(data);
  const sum = { top1: 0, top3: 0, zero: 0, overall: 0, money: 0 };
  let n = 0;
  let count = 0;
  const calibration: CalibrationPoint[] = [];
  for (const seed of seeds) {
    const chosen = new Set(
      shuffled(programs, seed).slice(0, Math.round(fraction * programs.length))
    );
    count = chosen.size;
    const r = await confirmAndScore(data, plan, chosen, tagger, zero);
    sum.top1 += r.rest.top1;
    sum.top3 += r.rest.top3;
    sum.zero += r.zeroRest.top1;
    sum.overall += r.overall.count;
    sum.money += r.overall.money;
    n = r.rest.n;
    calibration.push(...calibrationPoints(r.tags, data, plan, r.skip));
  }
  const k = seeds.length;
  return {
    result: {
      fraction,
      confirmedPrograms: count,
      seeds: k,
      top1: sum.top1 / k,
      top3: sum.top3 / k,
      n,
      zeroTop1SameRows: sum.zero / k,
      overall: sum.overall / k,
      overallMoney: sum.money / k,
    },
    calibration,
  };
}

/**
 * What copying the department can reach, on the same splits as `afterConfirming`: an unconfirmed program counts as
 * right when any confirmed program of its department has its label (an oracle picking the right one of them), else
 * when the zero-shot guess is right. And with every other program known, how often the department's majority label
 * (ties: any of the tied labels that is right) is the program's own. Labels are per program (its first line's).
 */
export function departmentCeilings(
  data: Scored,
  plan: Plan,
  zero: LineTag[],
  fraction: number,
  seeds = [1, 2, 3, 4, 5]
): { oracle: number; majorityWithAllOthersKnown: number } {
  const programs = new Map<string, { dept: string; label: string; zeroRight: boolean }>();
  data.lines.forEach((l, i) => {
    const label = data.labels[i];
    const k = programKey(l);
    if (!label || programs.has(k)) return;
    programs.set(k, {
      dept: programKey({ department: l.department, division: "", program: "" }),
      label,
      zeroRight: rankedPriorities(zero[i], plan)[0] === label,
    });
  });
  // The same keys in the same order as afterConfirming's, so the same programs are confirmed.
  const keys = labelledPrograms(data);
  let oracle = 0;
  for (const seed of seeds) {
    const chosen = new Set(shuffled(keys, seed).slice(0, Math.round(fraction * keys.length)));
    const taught = new Set<string>();
    for (const k of chosen) taught.add(`${programs.get(k)!.dept}\u0000${programs.get(k)!.label}`);
    let right = 0;
    let n = 0;
    for (const k of keys) {
      if (chosen.has(k)) continue;
      const p = programs.get(k)!;
      n++;
      if (taught.has(`${p.dept}\u0000${p.label}`) || p.zeroRight) right++;
    }
    oracle += n ? right / n : 0;
  }
  let majority = 0;
  let counted = 0;
  for (const [k, p] of programs) {
    const counts = new Map<string, number>();
    for (const [k2, q] of programs)
      if (k2 !== k && q.dept === p.dept) counts.set(q.label, (counts.get(q.label) ?? 0) + 1);
    if (counts.size === 0) continue;
    counted++;
    const top = Math.max(...counts.values());
    if ((counts.get(p.label) ?? 0) === top) majority++;
  }
  return {
    oracle: oracle / seeds.length,
    majorityWithAllOthersKnown: counted ? majority / counted : 0,
  };
}

export interface FlagResult {
  removed: string;
  positives: number;
  flagged: number;
  truePositives: number;
  precision: number;
  recall: number;
}

/** Removes each priority in turn: its labelled programs should be flagged, the others not. Per program. */
export async function flagWhenRemoved(
  data: Scored,
  plan: Plan,
  tagger: Tagger
): Promise<FlagResult[]> {
  const out: FlagResult[] = [];
  for (const p of plan.priorities) {
    const reduced: Plan = { ...plan, priorities: plan.priorities.filter((q) => q !== p) };
    const tags = await tagger(data.lines, reduced, {});
    const label = new Map<string, string>();
    const flagged = new Set<string>();
    data.lines.forEach((l, i) => {
      const lab = data.labels[i];
      if (!lab) return;
      label.set(programKey(l), lab);
      if (tags[i].flagged) flagged.add(programKey(l));
    });
    let positives = 0;
    let tp = 0;
    for (const [k, lab] of label) {
      if (lab === p.id) {
        positives++;
        if (flagged.has(k)) tp++;
      }
    }
    out.push({
      removed: p.id,
      positives,
      flagged: flagged.size,
      truePositives: tp,
      precision: flagged.size ? tp / flagged.size : positives ? 0 : 1,
      recall: positives ? tp / positives : 1,
    });
  }
  return out;
}

export interface CalibrationPoint {
  confidence: number;
  right: boolean;
  source: LineTag["source"];
  /** A suggestion whose name is in a plan node's own words (its confidence is CONFIDENCE.literal). */
  literal: boolean;
  /**
   * 1 / the program's labelled lines in the run: a program budgeted on several lines (several funds) is one
   * placement when the confidence is fitted (fitCalibration). Absent: 1.
   */
  weight?: number;
  /** How the plan's coverage bears on the choice: +1 one priority covers, −1 two or more, 0 none (coverageAgreement). */
  agreement: number;
}

/** Each labelled line's best guess (tag or nearest) with its confidence and whether the priority is right. */
export function calibrationPoints(
  tags: LineTag[],
  data: Scored,
  plan: Plan,
  skip?: Set<number>
): CalibrationPoint[] {
  const out: CalibrationPoint[] = [];
  const counted = (i: number) =>
    Boolean(data.labels[i]) && !skip?.has(i) && Boolean(tags[i].nearest);
  const linesOf = new Map<string, number>();
  data.lines.forEach((l, i) => {
    if (counted(i)) linesOf.set(programKey(l), (linesOf.get(programKey(l)) ?? 0) + 1);
  });
  tags.forEach((t, i) => {
    const label = data.labels[i];
    if (!label || !counted(i) || !t.nearest) return;
    out.push({
      confidence: t.nearest.confidence,
      right: priorityOf(plan, t.nearest.id) === label,
      source: t.source === "none" ? "suggested" : t.source,
      literal: t.nearest.why.startsWith(LITERAL_WHY),
      weight: 1 / (linesOf.get(programKey(data.lines[i])) ?? 1),
      agreement:
        t.source === "suggested" || t.source === "none" ? coverageAgreement(t.covering) : 0,
    });
  });
  return out;
}

export interface Bucket {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  right: number;
}

export function calibrationTable(
  points: CalibrationPoint[],
  width = 0.1
): { buckets: Bucket[]; ece: number } {
  const buckets: Bucket[] = [];
  for (let from = 0; from < 1 - 1e-9; from += width) {
    const to = Math.min(1, from + width);
    const inside = points.filter(
      (p) =>
        p.confidence >= from - 1e-9 && (p.confidence < to - 1e-9 || (to >= 1 && p.confidence <= 1))
    );
    const n = inside.length;
    buckets.push({
      from: Math.round(from * 100) / 100,
      to: Math.round(to * 100) / 100,
      n,
      meanConfidence: n ? inside.reduce((s, p) => s + p.confidence, 0) / n : 0,
      right: n ? inside.filter((p) => p.right).length / n : 0,
    });
  }
  const total = points.length;
  const ece = total
    ? buckets.reduce((s, b) => s + (b.n / total) * Math.abs(b.meanConfidence - b.right), 0)
    : 0;
  return { buckets, ece };
}

/** Platt re-scaling of a confidence: logistic(a + b · logit(c) + coverage · agreement). */
export interface Platt {
  a: number;
  b: number;
  coverage: number;
}

/**
 * Fits a and b by Newton's method on the log loss of `points` (the confidences the engine gave, and whether right,
 * each point by its weight),
 * with a weak ridge toward the identity (a = 0, b = 1) so that nearly separable points do not send b to infinity.
 */
export function fitPlatt(points: CalibrationPoint[], ridge = 1): Platt {
  // Newton's method on (a, b, coverage) with a weak ridge toward the identity (0, 1, 0).
  const w = [0, 1, 0];
  const prior = [0, 1, 0];
  for (let it = 0; it < 100; it++) {
    const g = w.map((v, k) => ridge * (v - prior[k]));
    const h = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (r === c ? ridge : 0)));
    for (const q of points) {
      const x = [1, logit(q.confidence), q.agreement];
      const p = 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2] * x[2])));
      const y = q.right ? 1 : 0;
      const wt = q.weight ?? 1;
      for (let r = 0; r < 3; r++) {
        g[r] += wt * (p - y) * x[r];
        for (let c = 0; c < 3; c++) h[r][c] += wt * p * (1 - p) * x[r] * x[c];
      }
    }
    const step = solve3(h, g);
    for (let k = 0; k < 3; k++) w[k] -= step[k];
    if (Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-9) break;
  }
  return { a: w[0], b: w[1], coverage: w[2] };
}

/** Solves the 3×3 system h · x = g (Gaussian elimination with partial pivoting). */
function solve3(h: number[][], g: number[]): number[] {
  const m = h.map((row, i) => [...row, g[i]]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) return [0, 0, 0];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
}

/**
 * The three parts of the engine's confidence (ConfidenceCalibration), fitted on points the engine gave with
 * RAW_CONFIDENCE: suggestions (not literal) by Platt scaling with the coverage agreement, learned tags by Platt
 * scaling alone, and literal suggestions by the share right (Laplace: one right and one wrong added). Each program
 * counts once (its lines share its weight): a program budgeted on six lines (six funds) is one placement, and the
 * confidence is what the pane and the Review sheet show for a program.
 */
export function fitCalibration(points: CalibrationPoint[]): ConfidenceCalibration {
  const suggested = points.filter((p) => p.source === "suggested" && !p.literal);
  const learned = points.filter((p) => p.source === "learned").map((p) => ({ ...p, agreement: 0 }));
  const literal = points.filter((p) => p.source === "suggested" && p.literal);
  const s = fitPlatt(suggested);
  const l = fitPlatt(learned);
  return {
    suggest: { a: round3(s.a), b: round3(s.b), coverage: round3(s.coverage) },
    learn: { a: round3(l.a), b: round3(l.b) },
    literal: round3((sumWeight(literal.filter((p) => p.right)) + 1) / (sumWeight(literal) + 2)),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const sumWeight = (points: CalibrationPoint[]) => points.reduce((s, p) => s + (p.weight ?? 1), 0);

/** The share of points by which mean confidence over- (+) or under-states (−) how often they are right. */
export function confidenceShift(points: CalibrationPoint[]): number {
  if (!points.length) return 0;
  const conf = points.reduce((s, p) => s + p.confidence, 0);
  const right = points.filter((p) => p.right).length;
  return (conf - right) / points.length;
}

/**
 * The ECE a perfectly calibrated tagger would still show on this many points: each point's rightness drawn from its
 * own confidence (what "calibrated" means), ECE measured in the same buckets, averaged over `draws` draws with a
 * fixed seed. A city's measured ECE cannot be expected below this with so few programs in each bucket.
 */
export function eceSamplingFloor(points: CalibrationPoint[], draws = 400, seed = 1): number {
  const random = mulberry32(seed);
  let sum = 0;
  for (let d = 0; d < draws; d++)
    sum += calibrationTable(points.map((p) => ({ ...p, right: random() < p.confidence }))).ece;
  return draws ? sum / draws : 0;
}
