/**
 * Amounts as cities type them: numbers, or text such as "$1,234.50", "(1,234)", "-1,234", "1 234", "1.2M",
 * "$3.4K"; "-" and blanks are zero, "n/a" is missing, Excel error values are missing (and reported).
 */
import type { CellValue } from "../types";
import { isErrorValue } from "./cells";

export type AmountStatus =
  /** A number. */
  | "number"
  /** Blank, or a dash that means zero: counts as 0. */
  | "blank"
  /** "n/a" and the like: no figure given (null). */
  | "missing"
  /** An Excel error value such as "#REF!" (null, reported). */
  | "error"
  /** Text that is not an amount, such as "12,3,4" (null, reported). */
  | "invalid";

export interface ParsedAmount {
  status: AmountStatus;
  /** The amount; 0 for blanks; null when missing, an error or not an amount. */
  value: number | null;
}

const BLANK: ParsedAmount = Object.freeze({ status: "blank", value: 0 }) as ParsedAmount;
const MISSING: ParsedAmount = Object.freeze({ status: "missing", value: null }) as ParsedAmount;
const ERROR: ParsedAmount = Object.freeze({ status: "error", value: null }) as ParsedAmount;
const INVALID: ParsedAmount = Object.freeze({ status: "invalid", value: null }) as ParsedAmount;

const DASHES = new Set(["-", "--", "—", "–", "−", "‒", "- -", "$ -", "$-", "-0-", "nil", "none"]);
const MISSING_WORDS = new Set([
  "n/a",
  "na",
  "n.a.",
  "n.a",
  "not applicable",
  "tbd",
  "unknown",
  "?",
  "…",
  "...",
]);

const PLAIN = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d{1,3}(?:'\d{3})+)?(?:\.\d+)?$/;
const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

/** The decimal mark of text amounts: "." (1,234.50) or "," (1.234,50 and 1 234,50). */
export type DecimalMark = "." | ",";

/** Text that can only be written with a decimal comma: "1.234.567", "1.234,50", "12,5". */
const COMMA_ONLY = /^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$|^\d{1,3}(?:\.\d{3})+,\d+$|^\d+,\d{1,2}$/;
/** Text that can only be written with a decimal point: "1,234,567", "1,234.50", "12.5", "0.0625". */
const DOT_ONLY =
  /^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$|^\d{1,3}(?:,\d{3})+\.\d+$|^\d+\.(?:\d{1,2}|\d{4,})$/;
/** A dot before exactly three digits ("878.605"): thousands with dots, or a decimal point? */
const DOT_THREE = /^\d{1,3}\.\d{3}$/;

/**
 * What one text amount says about its column's decimal mark: "," or "." when it can only be written that way,
 * "ambiguous" for "878.605" (878,605 with a dot between thousands, or 878.605), null when it says nothing.
 */
export function decimalEvidence(v: CellValue | undefined): DecimalMark | "ambiguous" | null {
  if (typeof v !== "string") return null;
  const core = v.replace(/[\u00a0\u202f\u2009 ]/g, "").replace(/^[^\d]+|[^\d]+$/g, "");
  if (COMMA_ONLY.test(core)) return ",";
  if (DOT_ONLY.test(core)) return ".";
  if (DOT_THREE.test(core)) return "ambiguous";
  return null;
}

/**
 * Parses one cell as an amount. Never throws. `decimal` is the column's decimal mark (see decimalEvidence); without
 * it, text that can only be written with a decimal comma ("1.234.567", "1.234,50") is read that way, and any other
 * with a decimal point.
 */
export function parseAmount(v: CellValue | undefined, decimal?: DecimalMark): ParsedAmount {
  if (typeof v === "number") return Number.isFinite(v) ? { status: "number", value: v } : INVALID;
  if (v === null || v === undefined || v === "") return BLANK;
  if (typeof v === "boolean") return INVALID;
  return parseAmountText(v, decimal);
}

/** "1.234.567,50" → "1,234,567.50": the decimal comma's marks swapped, so one grammar reads both. */
function swapMarks(s: string): string {
  return s.replace(/[.,]/g, (m) => (m === "." ? "," : "."));
}

function parseAmountText(raw: string, decimal?: DecimalMark): ParsedAmount {
  let s = raw.trim();
  if (s.length === 0) return BLANK;
  if (s.charCodeAt(0) === 35 /* # */ && isErrorValue(s)) return ERROR;
  const lower = s.toLowerCase();
  if (DASHES.has(lower)) return BLANK;
  if (MISSING_WORDS.has(lower)) return MISSING;
  if (s.length > 40) return INVALID;

  let negative = false;
  // (1,234) and (1,234.00)
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Trailing minus (1,234-) and CR (credit) as some ledgers print them.
  if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  } else if (/\scr$/i.test(s)) {
    negative = !negative;
    s = s.slice(0, -2).trim();
  }
  // Leading sign, possibly before or after the currency sign: -$1,234 / $-1,234.
  const stripSign = () => {
    const c = s.charAt(0);
    if (c === "-" || c === "−" || c === "–") {
      negative = !negative;
      s = s.slice(1).trim();
    } else if (c === "+") s = s.slice(1).trim();
  };
  stripSign();
  if (s.startsWith("USD")) s = s.slice(3).trim();
  const c0 = s.charAt(0);
  if (c0 === "$" || c0 === "€" || c0 === "£" || c0 === "¥") s = s.slice(1).trim();
  stripSign();
  if (s.charAt(0) === "(" && s.charAt(s.length - 1) === ")") {
    negative = !negative;
    s = s.slice(1, -1).trim();
  }
  // Non-breaking and thin spaces as thousands separators.
  s = s.replace(/[\u00a0\u202f\u2009]/g, " ");

  let scale = 1;
  const m = /^(.*?\d)\s*([a-z]+)\.?$/i.exec(s);
  if (m) {
    const f = SCALES[m[2].toLowerCase()];
    if (f === undefined) return INVALID;
    scale = f;
    s = m[1].trim();
    if (s.charAt(0) === "$") s = s.slice(1).trim();
  }
  const mark = decimal ?? (COMMA_ONLY.test(s.replace(/ /g, "")) ? "," : ".");
  if (mark === ",") s = swapMarks(s);
  if (s.length === 0 || !PLAIN.test(s) || s === ".") return INVALID;
  const digits = s.replace(/[, ']/g, "");
  let n = Number(digits);
  if (!Number.isFinite(n)) return INVALID;
  if (scale !== 1) n = Math.round(n * scale * 100) / 100;
  if (negative) n = -n;
  return { status: "number", value: n === 0 ? 0 : n };
}

/** True when the cell holds something that reads as an amount (a number, or amount text such as "$1,200"). */
export function isAmountLike(v: CellValue | undefined): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "string" || v.trim() === "") return false;
  return parseAmountText(v).status === "number";
}
