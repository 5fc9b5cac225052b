/**
 * Pure helpers of the Excel port: what to write into a cell through `range.values`, payload estimates, widths,
 * addresses. No Office objects here, so they are tested directly.
 */
import { escapeCellValue } from "../core/escape";
import type { CellValue } from "../core/types";
import { columnLetter, rangeAddress } from "../core/a1";
import { cellText, clipRange, MAX_CELL_TEXT, MAX_COLS, MAX_ROWS } from "../core/sheet-rules";

export { columnLetter };

/** Excel's limits (the one copy is in core/sheet-rules.ts). */
export { MAX_CELL_TEXT, MAX_COLS, MAX_ROWS };

/**
 * Text Excel would turn into something else when written through `range.values` (as if typed): numbers
 * ("00123", "1,234", "12%", "$5", "1e5"), TRUE/FALSE, dates and times ("1/2/2025", "2025-01-02", "10:30",
 * "Jan 2025"), error literals ("#N/A"), and text starting with an apostrophe (Excel would drop it).
 */
export function excelWouldConvert(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  if (text.startsWith("'")) return true;
  if (/^[$€£]?\(?[+-]?[$€£]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?%?\)?$/i.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(t)) return true;
  if (/^\d{1,2}:\d{2}(:\d{2})?(\s*[ap]m?)?$/i.test(t)) return true;
  if (
    /^(\d{1,2}[- ])?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?([- ,]+\d{1,4})?$/i.test(
      t
    ) &&
    /\d/.test(t)
  )
    return true;
  if (/^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!)$/i.test(t)) return true;
  return false;
}

/**
 * The value to put in `range.values` so the cell shows exactly the model's value: strings go through the one
 * escape (src/core/escape.ts) so formula-like text stays text; text Excel would otherwise convert (numbers,
 * dates, TRUE) gets the same leading apostrophe; null becomes a blank; non-finite numbers a blank.
 */
export function excelCellInput(value: CellValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value;
  const text = cellText(value);
  const escaped = escapeCellValue(text);
  if (escaped !== text) return escaped as string;
  return excelWouldConvert(text) ? "'" + text : text;
}

/** JSON length of one row as the request or response carries it. */
export function rowBytes(row: readonly unknown[]): number {
  return JSON.stringify(row).length + 1;
}

/** A conservative first guess at the bytes of one cell in a response, before anything has been measured. */
export const FIRST_GUESS_BYTES_PER_CELL = 64;

/** Column width in characters (as the models and Excel's UI give it) → points (as Office.js sets it). */
export function charsToPoints(chars: number): number {
  const px = Math.round(chars * 7 + 5);
  return Math.round(px * 0.75 * 100) / 100;
}

/** A1 address of a block, e.g. "B7:D20" or "B7" (core/a1.ts). */
export { rangeAddress };

/** A single cell address such as "H14" (no sheet, no range). */
export function isCellAddress(address: string): boolean {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(address);
  if (!m) return false;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col <= MAX_COLS && Number(m[2]) <= MAX_ROWS;
}

/** A block clipped to the sheet; null when nothing of it is left (core/sheet-rules.ts). */
export const clip = clipRange;

/** "1,234" in the US style the progress labels use. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
