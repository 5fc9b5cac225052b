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

/** Distinct field texts per run at most (part numbers are packed two to a map key). */
const PART_LIMIT = 1 << 21;

/**
 * Keys for lines in order; unique within the list. Lines are counted in a trie of their fields' part numbers (two
 * to a level), not by their long key strings: a million lines would otherwise hash a million 150-character keys.
 */
export function lineKeys(lines: KeyFields[]): string[] {
  // Per distinct part of a key (texts that read the same share one): its number, and whether it ends like "#2".
  const partOf = new Map<string, number>();
  const idOfPart = new Map<string, number>();
  const parts: string[] = [];
  const numberedPart: boolean[] = [];
  const part = (s: string): number => {
    let id = partOf.get(s);
    if (id === undefined) {
      const n = s ? normName(s).replace(/\|/g, "/") : "";
      const cut = n.length > MAX_PART ? n.slice(0, MAX_PART) : n;
      id = idOfPart.get(cut);
      if (id === undefined) {
        id = parts.length;
        parts.push(cut);
        numberedPart.push(NUMBERED.test(cut));
        idOfPart.set(cut, id);
      }
      partOf.set(s, id);
    }
    return id;
  };
  // Lines seen per base key: a trie over the part numbers, two to a level; the leaf holds the count.
  type Level = Map<number, Level | number>;
  const root: Level = new Map();
  // Keys that could be given twice: those given a "#n", and base keys that themselves end like one.
  const numbered = new Set<string>();
  const out: string[] = new Array(lines.length);
  const ids = new Array<number>(8).fill(0);
  const texts = new Array<string>(7).fill("");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    ids[0] = part(l.department);
    ids[1] = part(l.division);
    ids[2] = part(l.program);
    ids[3] = part(l.fund);
    ids[4] = part(l.account);
    ids[5] = part(l.accountName);
    ids[6] = part(l.description);
    if (parts.length > PART_LIMIT) return lineKeysByString(lines);
    let level = root;
    for (let k = 0; k < 6; k += 2) {
      const key = ids[k] * PART_LIMIT + ids[k + 1];
      let next = level.get(key) as Level | undefined;
      if (!next) level.set(key, (next = new Map()));
      level = next;
    }
    const seen = (level.get(ids[6]) as number | undefined) ?? 0;
    // One flat string (joined, not concatenated into a chain of twelve pieces).
    for (let k = 0; k < 7; k++) texts[k] = parts[ids[k]];
    const base = texts.join("|");
    let n = seen + 1;
    let key = n === 1 ? base : `${base}#${n}`;
    if (n > 1 || numberedPart[ids[6]]) {
      while (numbered.has(key)) key = `${base}#${++n}`;
      numbered.add(key);
    }
    level.set(ids[6], n);
    out[i] = key;
  }
  return out;
}

/** The same keys through one map of base-key strings (for runs of more distinct texts than part numbers hold). */
function lineKeysByString(lines: KeyFields[]): string[] {
  const cache = new Map<string, string>();
  const norm = (s: string) => {
    let n = cache.get(s);
    if (n === undefined) {
      n = normName(s).replace(/\|/g, "/");
      cache.set(s, n);
    }
    return n;
  };
  const seen = new Map<string, number>();
  const used = new Set<string>();
  const out: string[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const base = baseKey(lines[i], norm);
    let n = (seen.get(base) ?? 0) + 1;
    let key = n === 1 ? base : `${base}#${n}`;
    while (used.has(key)) key = `${base}#${++n}`;
    seen.set(base, n);
    used.add(key);
    out[i] = key;
  }
  return out;
}
