/**
 * The program inventory of priority-based budgeting, computed: one entry per program (the program key the Review
 * sheet uses) with its lines, cost, other amount columns, money per priority and per goal, the alignment score per
 * priority on the 0–4 scale, the analyst's scores and attributes laid over them, the weighted total score and the
 * quartile. The Programs sheet (./programs.ts) writes it with live formulas; the Alignment sheet's quartile map
 * sums it. Pure: plain data in, plain data out.
 */
import { normName, programOf } from "../keys";
import { goalsOf, planTargets } from "../plan/model";
import { getOwn, setOwn } from "../state";
import type {
  AmountColumnSpec,
  PbbSettings,
  Plan,
  ProgramAttribute,
  ProgramInputs,
} from "../types";
import type { ReportContext } from "./context";
import { cellText } from "../sheet-rules";
import { NO_DEPARTMENT } from "./ledger";
import {
  ATTRIBUTES,
  attributePoints,
  DEFAULT_ATTRIBUTE_WEIGHT,
  isRevenueColumn,
  suggestAttributes,
} from "./attributes";
import { functionLayer, influenceScores } from "./influence";
import { programKeyMemo } from "./sheet";
import { fromCents, splitCentsInto, toCents, usableShares } from "./totals";

/**
 * A program key as the Programs sheet's Program key column holds it, and as its inputs are stored: the key, cut
 * (with an ellipsis) only where it would not fit a cell (names of thousands of characters).
 */
export function sheetKey(key: string): string {
  return cellText(key);
}

/** PBB's scale: 0 no influence on the priority … 4 essential to it. */
export const SCORE_MAX = 4;

/** The default weight of a priority in the total score. */
export const DEFAULT_WEIGHT = 1;

export interface InventoryProgram {
  key: string;
  /** As shown: the line's department, or "(no department)". */
  department: string;
  program: string;
  lines: number;
  /** Primary amount, cents. */
  cents: number;
  /** Cents per other amount column (Inventory.extra order). */
  extraCents: number[];
  /** Staff positions (FTE) summed over the program's lines; null when none of its lines gives one. */
  fte: number | null;
  /** Cents on each priority (Inventory.priorities order). */
  priorityCents: number[];
  /** Cents on no goal of the plan (untagged, a share left over, or a goal no longer in the plan). */
  otherCents: number;
  /** Cents per goal key (goal id, or a priority id for a share on the priority itself), in first-seen order. */
  goalCents: Map<string, number>;
  /** The suggested influence score per priority (0–4; ./influence.ts). */
  computed: number[];
  /** Per priority, why the suggested score is what it is ("" for 0). */
  evidence: string[];
  /** The score that counts per priority: the analyst's where they typed one, else the computed. */
  scores: number[];
  /** Where the analyst's score is used. */
  typed: boolean[];
  total: number;
  /** 1 most aligned … 4 least. */
  quartile: number;
  /** The what-if change of the program's quartile (fraction). */
  change: number;
  /** The attributes shown: an analyst's choice, else the add-in's suggestion (./attributes.ts), else none. */
  attributes: Partial<Record<ProgramAttribute, string>>;
  /** The attributes shown that are the add-in's suggestions (not yet chosen by anyone). */
  suggestedAttributes: ProgramAttribute[];
  /** Why each suggested attribute is what it is. */
  attributeEvidence: string[];
}

export interface Inventory {
  priorities: { id: string; title: string }[];
  /** Goal keys in plan order with their priority's index (goals, then a "whole priority" key when it has money). */
  goals: { key: string; title: string; priority: number }[];
  extra: AmountColumnSpec[];
  /** True when the budget has an FTE column (a line gives its staff positions): the sheet shows an FTE column. */
  hasFte: boolean;
  weights: number[];
  /** Weights of the attributes (ATTRIBUTES order). */
  attributeWeights: number[];
  priorityChange: number[];
  quartileChange: number[];
  programs: InventoryProgram[];
}

const num = (v: unknown, dflt: number): number =>
  typeof v === "number" && Number.isFinite(v) ? v : dflt;

/** Weights and what-if changes: the analyst's (state.pbb) where given, else the defaults (1 and 0%). */
export function pbbNumbers(
  priorities: { id: string }[],
  pbb: PbbSettings | undefined
): {
  weights: number[];
  attributeWeights: number[];
  priorityChange: number[];
  quartileChange: number[];
} {
  const w = pbb?.weights ?? {};
  const aw = pbb?.attributeWeights ?? {};
  const pc = pbb?.priorityChange ?? {};
  const qc = Array.isArray(pbb?.quartileChange) ? pbb!.quartileChange! : [];
  return {
    weights: priorities.map((p) => num(getOwn(w, p.id), DEFAULT_WEIGHT)),
    attributeWeights: ATTRIBUTES.map((a) => num(getOwn(aw, a.id), DEFAULT_ATTRIBUTE_WEIGHT)),
    priorityChange: priorities.map((p) => num(getOwn(pc, p.id), 0)),
    quartileChange: [0, 1, 2, 3].map((i) => num(qc[i], 0)),
  };
}

/**
 * Quartiles by score, never by row order: a program's quartile is set by how many programs score strictly higher
 * than it (Excel's RANK, where equal totals share the best rank): fewer than a quarter of all programs → 1, fewer
 * than half → 2, fewer than three quarters → 3, else 4. So the boundaries sit at the score quartiles, equal totals
 * always share a quartile, the order of the rows changes nothing, and an inventory full of ties gives uneven counts
 * (even an empty quartile) rather than an arbitrary cut. quartile = min(4, floor((rank − 1) · 4 / n) + 1).
 */
export function quartilesOf(totals: readonly number[]): number[] {
  const n = totals.length;
  const sorted = [...totals].sort((a, b) => b - a);
  return totals.map((t) => {
    // Programs scoring strictly higher: the position of the first total equal to t in the sorted list.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] > t) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(4, Math.floor((lo * 4) / n) + 1);
  });
}

/** The rule above in words, as the Programs sheet states it. */
export const QUARTILE_RULE =
  "Quartiles are by score, never by row order: a program is in quartile 1 when fewer than a quarter of all programs have a higher total score, 2 when fewer than half do, 3 when fewer than three quarters do, else 4. Programs with equal total scores always share a quartile, so when many programs tie the quartiles hold uneven numbers of programs (one can even be empty).";

/**
 * The weighted total score: each priority's score × its weight, then each attribute's points × its weight (a
 * blank attribute adds nothing), summed in the order the sheet's formula adds them (so the two agree to the bit).
 */
export function totalScore(
  weights: readonly number[],
  scores: readonly number[],
  attributeWeights: readonly number[] = [],
  attributePoints: readonly (number | null)[] = []
): number {
  let t = 0;
  for (let k = 0; k < scores.length; k++)
    t = k === 0 ? weights[0] * scores[0] : t + weights[k] * scores[k];
  for (let a = 0; a < attributePoints.length; a++)
    t = t + attributeWeights[a] * (attributePoints[a] ?? 0);
  return t;
}

/** A program's what-if amount: money on each priority × (1 + its change), plus the rest, × (1 + its quartile's change). */
export function scenarioOf(p: InventoryProgram, priorityChange: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < p.priorityCents.length; k++)
    s += fromCents(p.priorityCents[k]) * (1 + priorityChange[k]);
  s += fromCents(p.otherCents);
  return s * (1 + p.change);
}

function byDeptThenProgram(a: InventoryProgram, b: InventoryProgram): number {
  return (
    normName(a.department).localeCompare(normName(b.department)) ||
    normName(a.program).localeCompare(normName(b.program)) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

function goalKeys(plan: Plan): Map<string, { priority: number; goalKey: string }> {
  const index = new Map(plan.priorities.map((p, i) => [p.id, i]));
  const where = new Map<string, { priority: number; goalKey: string }>();
  for (const t of planTargets(plan)) {
    if (where.has(t.id)) continue;
    const priority = index.get(t.priorityId);
    if (priority === undefined) continue;
    where.set(t.id, { priority, goalKey: t.goalId ?? t.priorityId });
  }
  return where;
}

/** The inventory of a run: every program with its money, scores, quartile and attributes. */
export function programInventory(ctx: ReportContext): Inventory {
  const { plan, budget, tags } = ctx;
  const priorities = plan.priorities.map((p) => ({ id: p.id, title: p.title }));
  const k = priorities.length;
  const extra = budget.amountColumns.filter((c) => c.id !== budget.primaryAmount);
  const revenue = extra.find(isRevenueColumn);
  const where = goalKeys(plan);
  const keyOf = programKeyMemo();
  const byKey = new Map<
    string,
    InventoryProgram & { weighted: number[]; absCents: number; index: number; revenueCents: number }
  >();
  const programOfLine = new Int32Array(budget.lines.length);
  let hasFte = false;
  // A line's cents per share, refilled per line.
  const parts: number[] = [];
  for (let i = 0; i < budget.lines.length; i++) {
    const line = budget.lines[i];
    const tag = tags[i];
    const key = keyOf(line);
    let p = byKey.get(key);
    if (!p) {
      p = {
        key,
        department: line.department || NO_DEPARTMENT,
        program: programOf(line),
        lines: 0,
        cents: 0,
        extraCents: extra.map(() => 0),
        fte: null,
        priorityCents: new Array<number>(k).fill(0),
        otherCents: 0,
        goalCents: new Map(),
        computed: [],
        evidence: [],
        scores: [],
        typed: [],
        total: 0,
        quartile: 0,
        change: 0,
        attributes: {},
        suggestedAttributes: [],
        attributeEvidence: [],
        weighted: new Array<number>(k).fill(0),
        absCents: 0,
        index: byKey.size,
        revenueCents: 0,
      };
      byKey.set(key, p);
    }
    programOfLine[i] = p.index;
    const cents = toCents(line.amount);
    p.lines++;
    p.cents += cents;
    p.absCents += Math.abs(cents);
    for (let x = 0; x < extra.length; x++) p.extraCents[x] += toCents(line.amounts?.[extra[x].id]);
    if (revenue) p.revenueCents += toCents(line.amounts?.[revenue.id]);
    if (typeof line.fte === "number") {
      // Summed in hundredths, as money is in cents, so 0.1 + 0.2 shows 0.3.
      p.fte = Math.round(((p.fte ?? 0) + line.fte) * 100) / 100;
      hasFte = true;
    }
    const shares = usableShares(tag?.goals);
    const rest = splitCentsInto(cents, shares, parts);
    p.otherCents += rest;
    for (let j = 0; j < shares.length; j++) {
      const info = where.get(shares[j].id);
      const part = parts[j];
      if (!info) {
        p.otherCents += part;
        continue;
      }
      p.priorityCents[info.priority] += part;
      p.goalCents.set(info.goalKey, (p.goalCents.get(info.goalKey) ?? 0) + part);
      p.weighted[info.priority] += Math.abs(part);
    }
  }
  const settings = pbbNumbers(priorities, ctx.pbb);
  const inFirstSeen = [...byKey.values()];
  const layer = functionLayer(plan, budget.lines, programOfLine, inFirstSeen.length);
  const suggested = influenceScores(
    plan,
    inFirstSeen.map((p) => ({
      program: p.program,
      taggedShare: p.weighted.map((w) => (p.absCents > 0 ? w / p.absCents : 0)),
      profile: layer.profiles[p.index],
    })),
    layer.coverage,
    layer.labels
  );
  const attrs = suggestAttributes(
    inFirstSeen.map((p) => ({
      department: p.department,
      cents: p.cents,
      revenueCents: revenue ? p.revenueCents : null,
      revenueHeader: revenue?.header,
      mainFunction: clearMainFunction(layer.profiles[p.index]),
    })),
    layer.labels
  );
  const programs = inFirstSeen.sort(byDeptThenProgram);
  for (const p of programs) {
    const inputs = ctx.programInputs ? getOwn(ctx.programInputs, sheetKey(p.key)) : undefined;
    p.computed = suggested[p.index].map((x) => x.score);
    p.evidence = suggested[p.index].map((x) => x.evidence);
    p.scores = priorities.map((pr, j) => typedScore(inputs, pr.id) ?? p.computed[j]);
    p.typed = priorities.map((pr) => typedScore(inputs, pr.id) !== undefined);
    p.attributes = { ...(inputs?.attributes ?? {}) };
    for (const a of ATTRIBUTES) {
      const suggestion = attrs[p.index][a.id];
      if (p.attributes[a.id] || !suggestion) continue;
      p.attributes[a.id] = suggestion.value;
      p.suggestedAttributes.push(a.id);
      p.attributeEvidence.push(suggestion.evidence);
    }
    p.total = totalScore(
      settings.weights,
      p.scores,
      settings.attributeWeights,
      ATTRIBUTES.map((a) => attributePoints(a, p.attributes[a.id]))
    );
  }
  const quartiles = quartilesOf(programs.map((p) => p.total));
  programs.forEach((p, i) => {
    p.quartile = quartiles[i];
    p.change = settings.quartileChange[p.quartile - 1];
  });
  const goals: Inventory["goals"] = [];
  const seen = new Set<string>();
  const funded = new Set<string>();
  for (const p of programs) for (const g of p.goalCents.keys()) funded.add(g);
  plan.priorities.forEach((pr, i) => {
    for (const g of goalsOf(pr)) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      goals.push({ key: g.id, title: g.title, priority: i });
    }
    if (funded.has(pr.id) && !seen.has(pr.id)) {
      seen.add(pr.id);
      goals.push({ key: pr.id, title: `${pr.title} (the priority as a whole)`, priority: i });
    }
  });
  return {
    priorities,
    goals,
    extra,
    hasFte,
    ...settings,
    programs: programs.map(
      ({ weighted: _w, absCents: _a, index: _i, revenueCents: _r, ...rest }) => rest
    ),
  };
}

/** A program's main function when its texts name functions clearly (not one stray word). */
function clearMainFunction(profile: {
  fns: number[];
  shares: number[];
  strength: number;
}): number | undefined {
  return profile.strength >= CLEAR_FUNCTION ? profile.fns[0] : undefined;
}

/** Evidence (summed function weights) a program's texts need before its main function suggests an attribute. */
const CLEAR_FUNCTION = 1.5;

function typedScore(inputs: ProgramInputs | undefined, priorityId: string): number | undefined {
  const v = inputs?.scores ? getOwn(inputs.scores, priorityId) : undefined;
  return typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= SCORE_MAX ? v : undefined;
}

/** Money by quartile × priority, in cents: rows quartile 1–4, columns the priorities then no goal. */
export function quartileMap(inv: Inventory): { cents: number[][]; programs: number[] } {
  const k = inv.priorities.length;
  const cents = [0, 1, 2, 3].map(() => new Array<number>(k + 1).fill(0));
  const programs = [0, 0, 0, 0];
  for (const p of inv.programs) {
    const row = cents[p.quartile - 1];
    programs[p.quartile - 1]++;
    for (let j = 0; j < k; j++) row[j] += p.priorityCents[j];
    row[k] += p.otherCents;
  }
  return { cents, programs };
}

/** The prefix of a suggested attribute's entry among the written scores ("attribute:costRecovery"). */
export const ATTRIBUTE_SEEN = "attribute:";

/** Per program key, the scores the Programs sheet shows (JSON, priority id → score): `seen` for the next run. */
export function writtenScores(inv: Inventory): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of inv.programs) {
    const rec: Record<string, number | string> = {};
    inv.priorities.forEach((pr, j) => setOwn(rec, pr.id, p.scores[j]));
    // Attributes the add-in suggested, so the next run does not take them for an analyst's choice.
    for (const a of p.suggestedAttributes) setOwn(rec, `${ATTRIBUTE_SEEN}${a}`, p.attributes[a]!);
    setOwn(out, sheetKey(p.key), JSON.stringify(rec));
  }
  return out;
}
