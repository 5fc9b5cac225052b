/**
 * Stable line keys: from a line's identifying fields (department, division, program, fund, account, account name,
 * description) — never the row number, the sheet or the amounts — so tags survive re-sorting, inserted rows and
 * re-runs. Lines that are identical in every field get "#2", "#3" … in order of appearance.
 */
import { normName } from "../keys";
import type { BudgetLine } from "../types";

type KeyFields = Pick<
  BudgetLine,
  "department" | "division" | "program" | "fund" | "account" | "accountName" | "description"
>;

/** Longest part of a field kept in the key (long descriptions are cut; duplicates are still told apart). */
const MAX_PART = 60;

/** The key of one line, before duplicates are numbered. */
export function baseKey(line: KeyFields, norm: (s: string) => string = normName): string {
  const parts = [
    line.department,
    line.division,
    line.program,
    line.fund,
    line.account,
    line.accountName,
    line.description,
  ];
  let key = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ? norm(parts[i]) : "";
    key += (i ? "|" : "") + (p.length > MAX_PART ? p.slice(0, MAX_PART) : p);
  }
  return key;
}

/** A key ending like a numbered duplicate ("…#2"). */
const NUMBERED = /#\d+$/;

/** Keys for lines in order; unique within the list. */
export function lineKeys(lines: KeyFields[]): string[] {
  const cache = new Map<string, string>();
  const norm = (s: string) => {
    let n = cache.get(s);
    if (n === undefined) {
      n = normName(s).replace(/\|/g, "/");
      cache.set(s, n);
    }
    return n;
  };
  // `seen` counts each base key; `numbered` holds the keys given a "#n" and the base keys that end like one, the
  // only keys two different lines could both arrive at (a base key that itself ends in "#2" must not collide with
  // a numbered duplicate). Most lines are unique: one lookup each.
  const seen = new Map<string, number>();
  const numbered = new Set<string>();
  const out: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const base = baseKey(lines[i], norm);
    let n = (seen.get(base) ?? 0) + 1;
    let key = n === 1 ? base : `${base}#${n}`;
    while (numbered.has(key) || (n > 1 && seen.has(key))) key = `${base}#${++n}`;
    seen.set(base, n);
    if (n > 1 || NUMBERED.test(base)) numbered.add(key);
    out[i] = key;
  }
  return out;
}
