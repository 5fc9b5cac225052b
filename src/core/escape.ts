import type { CellValue } from "./types";

/**
 * Text that Excel would read as a formula when typed or written through `range.values`:
 * it starts with "=", "+", "-", "@", a tab or a carriage return. Numbers-as-text such as "-12" are
 * formula-like too ("-12" would become the number -12), so they are kept as text the same way.
 */
export function isFormulaLike(text: string): boolean {
  if (text.length === 0) return false;
  const c = text.charCodeAt(0);
  // = + - @ \t \r
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/**
 * The one escape used by both ports before writing user-derived text into a cell.
 * Excel's documented way to keep text as text is a leading apostrophe (the quote prefix):
 * Excel stores the text without the apostrophe and never evaluates it.
 * The xlsx port writes typed string cells (never formulas) and sets the quote prefix on the cell, so it
 * calls `unescapeForXlsx` to get the plain text back from the same escaped model value.
 */
export function escapeCellValue(value: CellValue): CellValue {
  if (typeof value === "string" && isFormulaLike(value)) return "'" + value;
  return value;
}

/** For ports that store typed strings: the text to store, and whether the cell needs Excel's quote prefix. */
export function textForTypedCell(value: string): { text: string; quotePrefix: boolean } {
  return { text: value, quotePrefix: isFormulaLike(value) };
}
