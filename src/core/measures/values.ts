/**
 * Reading the values of a measure export as people and systems write them: "N/A" and "N\A", "64.98%" beside bare
 * numbers, non-breaking spaces, category words with typos ("Cumalitve", "Ouput"), lower-case directions, blanks.
 */
import type { CellValue } from "../types";
import type { Direction, Interval } from "./model";

/** A cleaned text: non-breaking and other odd spaces made plain, runs of space folded, trimmed. */
export function cleanText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v
    .replace(/[\u00a0\u2007\u202f\u200b\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Marks for "no value on purpose": left out without a complaint (a blank is the same). */
const NOT_AVAILABLE =
  /^(?:n\s*[/\\.]?\s*a\.?|na|n\.a\.|not available|not applicable|none|null|-+|—|–|tbd|pending|not reported|no data|#n\/a)$/i;

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

export type ParsedValue =
  | { kind: "number"; value: number; percentSign: boolean }
  | { kind: "blank" }
  | { kind: "not available" }
  | { kind: "unreadable"; text: string };

/**
 * A value cell: a number, "1,234", "$1,234.50", "(12)", "64.98%", "12 days"; blank; a "not available" mark; or
 * unreadable (never read as 0).
 */
export function parseValue(v: CellValue | undefined): ParsedValue {
  if (typeof v === "number")
    return Number.isFinite(v)
      ? { kind: "number", value: v, percentSign: false }
      : { kind: "unreadable", text: String(v) };
  // The common case first: a plain number written as text (every value of a CSV file).
  if (typeof v === "string" && PLAIN_NUMBER.test(v))
    return { kind: "number", value: Number(v), percentSign: false };
  const t = cleanText(v);
  if (t === "") return { kind: "blank" };
  if (NOT_AVAILABLE.test(t)) return { kind: "not available" };
  let s = t
    .replace(/^\$\s*/, "")
    .replace(/\s*(?:days?|hrs?|hours?|minutes?|mins?|seconds?|secs?)$/i, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  const pct = /%$/.test(s);
  if (pct) s = s.slice(0, -1).trim();
  s = s.replace(/^\$\s*/, "");
  if (!/^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/.test(s) || !/\d/.test(s))
    return { kind: "unreadable", text: t };
  const n = Number(s.replace(/,/g, ""));
  if (!Number.isFinite(n)) return { kind: "unreadable", text: t };
  return { kind: "number", value: negative ? -n : n, percentSign: pct };
}

/** Levenshtein distance, capped (enough to forgive a typo or two in a category word). */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      best = Math.min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The vocabulary word a text means: an exact word or phrase first, else the closest word within a typo or two
 * (one for short words). null when nothing is close.
 */
export function closestWord<T extends string>(
  text: string,
  vocab: Record<string, T>
): { value: T; corrected: boolean } | null {
  const t = text
    .toLowerCase()
    .replace(/[^a-z0-9% ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!t) return null;
  if (Object.prototype.hasOwnProperty.call(vocab, t)) return { value: vocab[t], corrected: false };
  let best: { value: T; d: number } | null = null;
  for (const [word, value] of Object.entries(vocab)) {
    const allowed = word.length <= 4 ? 1 : word.length <= 7 ? 2 : 3;
    const d = editDistance(t, word, allowed);
    if (d <= allowed && (!best || d < best.d)) best = { value, d };
  }
  return best ? { value: best.value, corrected: true } : null;
}

const DIRECTION_WORDS: Record<string, Direction> = {
  increase: "increase",
  increasing: "increase",
  up: "increase",
  higher: "increase",
  "higher is better": "increase",
  "high is good": "increase",
  maximize: "increase",
  more: "increase",
  "↑": "increase",
  decrease: "decrease",
  decreasing: "decrease",
  down: "decrease",
  lower: "decrease",
  "lower is better": "decrease",
  "low is good": "decrease",
  minimize: "decrease",
  reduce: "decrease",
  less: "decrease",
  "↓": "decrease",
  maintain: "maintain",
  "maintain within band": "maintain",
  "within range": "maintain",
  "within band": "maintain",
  stable: "maintain",
  "on target": "maintain",
  steady: "maintain",
};

const INTERVAL_WORDS: Record<string, Interval> = {
  cumulative: "cumulative",
  "year to date": "cumulative",
  ytd: "cumulative",
  sum: "cumulative",
  total: "cumulative",
  additive: "cumulative",
  snapshot: "snapshot",
  "point in time": "snapshot",
  average: "snapshot",
  rate: "snapshot",
  percentage: "snapshot",
  level: "snapshot",
  "non cumulative": "period",
  noncumulative: "period",
  period: "period",
  discrete: "period",
  quarterly: "period",
  "per period": "period",
  "per quarter": "period",
};

const CATEGORY_WORDS: Record<string, string> = {
  output: "Output",
  outcome: "Outcome",
  efficiency: "Efficiency",
  effectiveness: "Effectiveness",
  input: "Input",
  quality: "Quality",
  workload: "Workload",
  demand: "Demand",
  satisfaction: "Satisfaction",
};

export function readDirection(text: string): { value: Direction; corrected: boolean } | null {
  return closestWord(text.replace(/[↑]/g, " up ").replace(/[↓]/g, " down "), DIRECTION_WORDS);
}

export function readInterval(text: string): { value: Interval; corrected: boolean } | null {
  return closestWord(text, INTERVAL_WORDS);
}

export function readCategory(text: string): { value: string; corrected: boolean } | null {
  return closestWord(text, CATEGORY_WORDS);
}

/** Words that mark a measure as no longer in use. */
export function isDeprecatedText(text: string): boolean {
  return /\b(deprecated|retired|inactive|discontinued|obsolete|archived|no longer (?:used|tracked|reported))\b/i.test(
    text
  );
}

/** A unit as the reports write it: "%", "$", "days", "count" … (as given when it is none of these). */
export function readUnit(text: string): string {
  const t = cleanText(text).toLowerCase();
  if (!t) return "";
  if (/%|percent|pct|percentage|rate/.test(t)) return "%";
  if (/^\$|dollar|currency|money|cost/.test(t)) return "$";
  if (/^(#|count|number|num|no\.?|each|units?|quantity|qty)$/.test(t)) return "count";
  if (/^days?$/.test(t)) return "days";
  return cleanText(text);
}
