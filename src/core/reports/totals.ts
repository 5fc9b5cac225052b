/**
 * Money arithmetic for the reports. Every amount is split into whole cents: a line's cents are shared out among
 * its goals by the largest-remainder method, so the parts of a line always add up to the line, and every total
 * on every report (by priority, by goal, by department) adds up to the sum of the lines to the cent.
 * Multi-goal shares are allocated, never double counted.
 */
import type { BudgetLine, GoalShare, LineTag } from "../types";

/** An amount in whole cents (0 for a missing or non-finite amount). */
export function toCents(amount: number | null | undefined): number {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return 0;
  return Math.round(amount * 100);
}

/** Cents back to the currency unit. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/**
 * The shares of a tag that count: finite and positive, scaled down when they add up to more than 1. A tag whose
 * shares all count as they are is given back as it is (read-only: the reports call this once per line, several
 * times, and a copy per call was their largest garbage).
 */
export function usableShares(
  goals: readonly GoalShare[] | undefined
): readonly { id: string; share: number }[] {
  if (!goals || goals.length === 0) return NO_SHARES;
  let sum = 0;
  let usable = true;
  // Indexed loops: an array iterator per call, at once per line in four reports, was garbage wherever it ran cold.
  for (let i = 0; i < goals.length; i++) {
    const g = goals[i];
    if (!usableShare(g)) {
      usable = false;
      break;
    }
    sum += g.share;
  }
  if (usable && sum <= 1 + 1e-9) return goals;
  const out: { id: string; share: number }[] = [];
  sum = 0;
  for (const g of goals) {
    if (!usableShare(g)) continue;
    out.push({ id: g.id, share: g.share });
    sum += g.share;
  }
  if (sum > 1 + 1e-9) for (const s of out) s.share /= sum;
  return out;
}

const NO_SHARES: readonly { id: string; share: number }[] = Object.freeze([]);

function usableShare(g: GoalShare | null | undefined): boolean {
  return (
    !!g &&
    typeof g.id === "string" &&
    typeof g.share === "number" &&
    Number.isFinite(g.share) &&
    g.share > 0
  );
}

/**
 * Splits `cents` among `shares` (each 0..1, adding to at most 1). Returns the cents of each share (same order)
 * and the cents left unallocated. Parts + rest === cents exactly; the parts follow the shares to within a cent.
 */
export function splitCents(
  cents: number,
  shares: readonly { share: number }[]
): { parts: number[]; rest: number } {
  const parts: number[] = [];
  const rest = splitCentsInto(cents, shares, parts);
  return { parts, rest };
}

/**
 * splitCents into `parts` (emptied and filled, one per share): returns the rest. For the reports' per-line loops,
 * which pass one array for every line instead of making two objects per line.
 */
export function splitCentsInto(
  cents: number,
  shares: readonly { share: number }[],
  parts: number[]
): number {
  const n = shares.length;
  parts.length = n;
  if (n === 0 || cents === 0) {
    for (let i = 0; i < n; i++) parts[i] = 0;
    return cents;
  }
  if (n === 1) {
    const share = shares[0].share;
    if (Math.abs(share - 1) < 1e-9) {
      parts[0] = cents;
      return 0;
    }
    const part =
      Math.sign(cents) * Math.min(Math.abs(cents), Math.round(Math.abs(cents) * share)) || 0;
    parts[0] = part;
    return cents - part;
  }
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  let total = 0;
  for (const s of shares) total += s.share;
  // Shares that add to 1 (within rounding) allocate the whole line.
  const allocated = Math.abs(total - 1) < 1e-9 ? abs : Math.min(abs, Math.round(abs * total));
  // Largest remainder: every share gets the whole cents of its exact part; the cents left over go to the
  // largest fractions (the earlier share on a tie), one each.
  const fracs = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const x = total > 0 ? (allocated * shares[i].share) / total : 0;
    const whole = Math.floor(x);
    parts[i] = whole;
    fracs[i] = x - whole;
    given += whole;
  }
  for (let left = allocated - given; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if (fracs[i] > fracs[best]) best = i;
    parts[best] += 1;
    fracs[best] = -1;
  }
  for (let i = 0; i < n; i++) parts[i] = parts[i] * sign || 0;
  return (abs - allocated) * sign || 0;
}

/** Budget, aligned and unaligned amounts in cents. */
export interface CentTotals {
  budget: number;
  aligned: number;
  unaligned: number;
}

/** alignmentTotals in cents. */
export function alignmentCents(lines: readonly BudgetLine[], tags: readonly LineTag[]): CentTotals {
  let budget = 0;
  let aligned = 0;
  for (let i = 0; i < lines.length; i++) {
    const cents = toCents(lines[i].amount);
    budget += cents;
    const shares = usableShares(tags[i]?.goals);
    if (shares.length === 0) continue;
    const { rest } = splitCents(cents, shares);
    aligned += cents - rest;
  }
  return { budget, aligned, unaligned: budget - aligned };
}

/**
 * The run's headline figures: budget = sum of the line amounts; aligned = the part of each line allocated to goals
 * by its tag's shares; unaligned = the rest. Summed in cents, so aligned + unaligned === budget exactly.
 */
export function alignmentTotals(
  lines: BudgetLine[],
  tags: LineTag[]
): { budget: number; aligned: number; unaligned: number } {
  const c = alignmentCents(lines, tags);
  return {
    budget: fromCents(c.budget),
    aligned: fromCents(c.aligned),
    unaligned: fromCents(c.unaligned),
  };
}
