/**
 * Bulk accept that is safe by default. The engine's confidence is calibrated — of its suggestions at 0.8, about
 * 80% are right (src/core/types.ts LineTag) — out of sample on other cities until staff have confirmed enough
 * programs, then re-fitted on this workbook's own confirmations (src/core/tagging/calibrate.ts). So the share of
 * right tags among the suggestions at or above a level is the mean of their confidences: the engine's own
 * estimate of its precision there. The level offered is the lowest at which that is 95% or more.
 * Pure functions of the lines and the core's tags.
 */
import { decidedByPerson } from "../../core/decisions";
import { programOf } from "../../core/keys";
import { REFIT } from "../../core/tagging/weights";
import { fromCents, toCents } from "../../core/reports/totals";
import type { BudgetLine, LineTag } from "../../core/types";
import { mainGoalId, programIndex, programKeyOf } from "./grid";
import { formatPercent, lineMatches, type TagFilters } from "./view";

/** The precision bulk accept is held to by default. */
export const SAFE_PRECISION = 0.95;

/** Levels offered besides the safe one. */
const OTHER_LEVELS = [0.9, 0.8, 0.7, 0.6, 0.5];

/** What accepting every suggestion shown at or above `min` would do, and how often the engine expects it right. */
export interface AcceptLevel {
  min: number;
  lines: number;
  programs: number;
  amount: number;
  /** The engine's expected share of right tags among them (mean confidence), 0 when there are none. */
  precision: number;
}

export interface AcceptLevels {
  /** The lowest level (in whole percent) with expected precision ≥ SAFE_PRECISION, or null when none has any line. */
  safe: number | null;
  /** The safe level first, then the others below it, each with its figures. */
  levels: AcceptLevel[];
  /** Where the confidences come from, in words. */
  basis: string;
}

interface Candidate {
  confidence: number;
  cents: number;
  /** Its program, by number (programIndex). */
  program: number;
}

/** A suggestion bulk accept may take: suggested (not learned, not a rule), with a goal, shown by the filters. */
function acceptable(line: BudgetLine, tag: LineTag | undefined, filters: TagFilters): boolean {
  return (
    tag !== undefined &&
    tag.source === "suggested" &&
    tag.goals.length > 0 &&
    lineMatches(line, tag, filters)
  );
}

/** The levels bulk accept offers for the lines the filters show, the safe one first. */
export function acceptLevels(
  lines: BudgetLine[],
  tags: LineTag[],
  filters: TagFilters
): AcceptLevels {
  const found: Candidate[] = [];
  const { keys, of } = programIndex(lines);
  const confirmed = new Uint8Array(keys.length);
  for (let i = 0; i < lines.length; i++) {
    const tag = tags[i];
    if (decidedByPerson(tag)) confirmed[of[i]] = 1;
    if (!acceptable(lines[i], tag, filters)) continue;
    found.push({
      confidence: tag!.confidence,
      cents: toCents(lines[i].amount),
      program: of[i],
    });
  }
  found.sort((a, b) => b.confidence - a.confidence);
  const at = sweep(found);
  // From 99% down: the lowest whole percent whose suggestions' mean confidence is still SAFE_PRECISION or more.
  let safe: number | null = null;
  for (let pct = 99; pct >= 1; pct--) {
    const l = at[pct];
    if (l.lines === 0) continue;
    if (l.precision + 1e-9 < SAFE_PRECISION) break;
    safe = pct / 100;
  }
  // Said as the lowest confidence it takes (levels between two suggestions' confidences take the same ones).
  if (safe !== null) {
    let lowest = 1;
    for (const c of found) if (c.confidence >= safe && c.confidence < lowest) lowest = c.confidence;
    safe = Math.floor(lowest * 100 + 1e-9) / 100;
  }
  const levelAt = (min: number): AcceptLevel => ({ ...at[Math.round(min * 100)], min });
  // A lower level that takes exactly what the safe level takes is the same choice: it is not offered again.
  const safeLines = safe !== null ? levelAt(safe).lines : -1;
  const levels = [
    ...(safe !== null ? [levelAt(safe)] : []),
    ...OTHER_LEVELS.filter((m) => safe === null || m < safe)
      .map(levelAt)
      .filter((l) => l.lines > safeLines),
  ];
  return { safe, levels, basis: basisText(confirmed.reduce((n, x) => n + x, 0)) };
}

/**
 * Every whole-percent level at once (index = percent, 0 to 100), in one pass down the candidates sorted by
 * confidence, largest first: each level takes what the level above took and the candidates between the two.
 */
function sweep(sorted: Candidate[]): AcceptLevel[] {
  const out: AcceptLevel[] = new Array(101);
  const programs = new Set<number>();
  let j = 0;
  let cents = 0;
  let sum = 0;
  for (let pct = 100; pct >= 0; pct--) {
    const min = pct / 100;
    while (j < sorted.length && sorted[j].confidence >= min) {
      cents += sorted[j].cents;
      sum += sorted[j].confidence;
      programs.add(sorted[j].program);
      j++;
    }
    out[pct] = {
      min,
      lines: j,
      programs: programs.size,
      amount: fromCents(cents),
      precision: j ? sum / j : 0,
    };
  }
  return out;
}

/** Where the confidences come from: this workbook's confirmations once the engine re-fits on them. */
export function basisText(confirmedPrograms: number): string {
  return confirmedPrograms >= REFIT.minPrograms
    ? `Confidence re-fitted on the ${confirmedPrograms} programs confirmed in this workbook.`
    : `Confidence from the engine's calibration on other cities (this workbook's own is used from ` +
        `${REFIT.minPrograms} confirmed programs; ${confirmedPrograms} so far).`;
}

/** "96% or more (about 97% right)". */
export function levelText(l: AcceptLevel): string {
  return `${formatPercent(l.min)} or more${l.lines ? ` (about ${formatPercent(l.precision)} right)` : ""}`;
}

/** One program of what bulk accept will accept: its lines at or above the level, their money and main goal. */
export interface PreviewProgram {
  key: string;
  department: string;
  program: string;
  lines: number;
  amount: number;
  goal: string | null;
  /** The lowest confidence among them. */
  confidence: number;
}

/** What accepting at `min` will accept, program by program, largest money first. */
export function acceptPreview(
  lines: BudgetLine[],
  tags: LineTag[],
  filters: TagFilters,
  min: number
): PreviewProgram[] {
  const out = new Map<string, PreviewProgram & { cents: number; goalCents: Map<string, number> }>();
  for (let i = 0; i < lines.length; i++) {
    const tag = tags[i];
    if (!acceptable(lines[i], tag, filters) || tag!.confidence < min) continue;
    const line = lines[i];
    const key = programKeyOf(line);
    let p = out.get(key);
    if (!p) {
      p = {
        key,
        department: line.department,
        program: programOf(line),
        lines: 0,
        amount: 0,
        goal: null,
        confidence: 1,
        cents: 0,
        goalCents: new Map(),
      };
      out.set(key, p);
    }
    const cents = toCents(line.amount);
    p.lines++;
    p.cents += cents;
    p.confidence = Math.min(p.confidence, tag!.confidence);
    const g = mainGoalId(tag!.goals)!;
    p.goalCents.set(g, (p.goalCents.get(g) ?? 0) + Math.abs(cents));
  }
  return [...out.values()]
    .map(({ cents, goalCents, ...p }) => ({
      ...p,
      amount: fromCents(cents),
      goal: [...goalCents.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null,
    }))
    .sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || (a.key < b.key ? -1 : 1));
}
