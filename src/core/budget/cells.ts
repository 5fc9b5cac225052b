/** Small helpers for reading cells as the budget reader sees them. */
import type { CellValue } from "../types";
import { cellAddress, columnLetter } from "../a1";

export { cellAddress, columnLetter };

/** Excel's error values as `range.values` gives them. */
export const ERROR_VALUES: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

export function isErrorValue(v: CellValue | undefined): boolean {
  return (
    typeof v === "string" &&
    v.length > 1 &&
    v.charCodeAt(0) === 35 /* # */ &&
    ERROR_VALUES.has(v.trim().toUpperCase())
  );
}

/** A number as a person reads it in a cell (no floating-point noise): 5110 → "5110", 1.2 → "1.2". */
export function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

/** The text of an identifying cell: trimmed; numbers as shown; blanks, null and error values → "". */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") {
    if (v.length === 0) return "";
    const t = v.trim();
    return isErrorValue(t) ? "" : t;
  }
  if (typeof v === "number") return Number.isFinite(v) ? numberText(v) : "";
  return v ? "TRUE" : "FALSE";
}

/** Number of leading spaces (tabs count as 4, non-breaking spaces as 1) of a string cell. */
export function leadingSpaces(v: CellValue | undefined): number {
  if (typeof v !== "string") return 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 160) n += 1;
    else if (c === 9) n += 4;
    else break;
  }
  return n;
}

/** A header or label compared without case, underscores or punctuation: "Account_Desc." → "account desc". */
export function normHeader(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9%#&/-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
