/**
 * "Confirm next" on programs: which program to confirm next (the tagging engine's order, src/core/tagging/
 * confirm-next.ts), the goals offered for it, and how far staff are ("12 of 86 programs, $40,100,000 of
 * $145,442,136 confirmed"). Pure functions of the lines and the core's tags.
 */
import { decidedByPerson } from "../../core/decisions";
import { confirmNextQueue } from "../../core/tagging/confirm-next";
import { toCents } from "../../core/reports/totals";
import type { BudgetLine, LineTag } from "../../core/types";
import { mainGoalId, programIndex } from "./grid";
import { formatMoney, formatMoneyShort } from "./view";

/** A program in the "confirm next" queue: its key, and whether it is there as a spot check of a sure answer. */
export interface ConfirmNext {
  key: string;
  spotCheck: boolean;
}

/**
 * Programs with a line no person has decided yet, in the engine's "confirm next" order (largest money × least
 * certain, spread over departments, the programs already decided counting as taken in theirs; one in four a spot
 * check of the largest money the engine is sure of). Each program is ranked by its undecided lines' money and their
 * confidence weighted by money; a program with a line placed by staff's own rule is not spot-checked.
 */
export function confirmNextPrograms(lines: BudgetLine[], tags: LineTag[]): ConfirmNext[] {
  const programs = new Map<
    string,
    { key: string; department: string; amount: number; weighted: number; checkable: boolean }
  >();
  const { keys, of } = programIndex(lines);
  // Programs a person decided whole count as taken in their department, so the spread holds across confirmations.
  const decided = new Map<string, string>();
  for (let i = 0; i < lines.length; i++)
    if (decidedByPerson(tags[i])) decided.set(keys[of[i]], lines[i].department);
  for (let i = 0; i < lines.length; i++) {
    const tag = tags[i];
    if (decidedByPerson(tag)) continue;
    const line = lines[i];
    const key = keys[of[i]];
    let p = programs.get(key);
    if (!p)
      programs.set(
        key,
        (p = { key, department: line.department, amount: 0, weighted: 0, checkable: true })
      );
    if (tag?.source === "rule") p.checkable = false;
    const w = Math.abs(line.amount);
    p.amount += w;
    p.weighted += w * (tag?.confidence ?? 0);
  }
  const candidates = [...programs.values()].map((p) => ({
    ...p,
    confidence: p.amount > 0 ? p.weighted / p.amount : 0,
  }));
  const taken = new Map<string, number>();
  for (const [key, department] of decided)
    if (!programs.has(key)) taken.set(department, (taken.get(department) ?? 0) + 1);
  return confirmNextQueue(candidates, taken).map((q) => ({
    key: q.item.key,
    spotCheck: q.spotCheck,
  }));
}

/** How far staff are, by program: a program is confirmed when a person decided every one of its lines. */
export interface ProgramProgress {
  confirmedPrograms: number;
  programs: number;
  /** Money (absolute amounts) of the lines a person decided, and of all lines. */
  confirmedAmount: number;
  amount: number;
}

export function programProgress(lines: BudgetLine[], tags: LineTag[]): ProgramProgress {
  const { keys, of } = programIndex(lines);
  const open = new Uint8Array(keys.length);
  let done = 0;
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const cents = Math.abs(toCents(lines[i].amount));
    total += cents;
    if (decidedByPerson(tags[i])) done += cents;
    else open[of[i]] = 1;
  }
  const stillOpen = open.reduce((n, x) => n + x, 0);
  return {
    confirmedPrograms: keys.length - stillOpen,
    programs: keys.length,
    confirmedAmount: done / 100,
    amount: total / 100,
  };
}

/** "12 of 86 programs, $40,100,000 of $145,442,136 confirmed". */
export function programProgressText(p: ProgramProgress): string {
  return (
    `${p.confirmedPrograms.toLocaleString("en-US")} of ${p.programs.toLocaleString("en-US")} programs, ` +
    `${formatMoney(p.confirmedAmount)} of ${formatMoney(p.amount)} confirmed`
  );
}

/**
 * The same, short enough for one line of a 320 px pane: "12 of 86 programs, $40.1M of $145.4M confirmed" (shown
 * with the whole sentence in its title and read out).
 */
export function programProgressShort(p: ProgramProgress): string {
  return (
    `${p.confirmedPrograms.toLocaleString("en-US")} of ${p.programs.toLocaleString("en-US")} programs, ` +
    `${formatMoneyShort(p.confirmedAmount)} of ${formatMoneyShort(p.amount)} confirmed`
  );
}

/**
 * The goals offered for a program being confirmed, best first, at most `max`: the goals its undecided lines are
 * tagged to (by money), then the nearest goal and the engine's ranked candidates of its largest undecided line.
 */
export function programChoices(
  lines: BudgetLine[],
  tags: LineTag[],
  items: number[],
  max = 3
): string[] {
  const money = new Map<string, number>();
  let largest = -1;
  let largestAt = -1;
  for (const i of items) {
    const tag = tags[i];
    if (decidedByPerson(tag)) continue;
    const size = Math.abs(lines[i].amount);
    const main = tag ? mainGoalId(tag.goals) : null;
    if (main) money.set(main, (money.get(main) ?? 0) + size);
    if (size > largest) {
      largest = size;
      largestAt = i;
    }
  }
  const out = [...money.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const top = largestAt >= 0 ? tags[largestAt] : undefined;
  const more = [top?.nearest?.id, ...(top?.candidates ?? []).map((c) => c.id)];
  for (const id of more) if (id && !out.includes(id)) out.push(id);
  return out.slice(0, max);
}
