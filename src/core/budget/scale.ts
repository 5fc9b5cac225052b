/**
 * Amounts kept in thousands or millions. Budget books often say so once, in a title ("Dollars in Thousands",
 * "in $000s") or in a column's header ("FY 2026-27 Proposed (000)"), and then show 145,442 for $145,442,000.
 * The reader finds the note and reports every amount in dollars, naming the scale and where it was said.
 */
import { cellAddress, cellText } from "./cells";
import { displayScale } from "../number-format";
import type { CellValue } from "../types";

export interface Scale {
  factor: 1000 | 1000000;
  /** "thousands" or "millions". */
  name: string;
}

const THOUSANDS: RegExp[] = [
  /\bin\s+thousands\b/i,
  /\bthousands\s+of\s+dollars\b/i,
  /\$\s*000'?s?(?![\d,.])/,
  /\(\s*\$?\s*000'?s?\s*\)/,
  /\bin\s+\$?\s*000'?s\b/i,
  /\b000'?s\s+omitted\b/i,
  /\(\s*\$\s*k\s*\)/i,
];
const MILLIONS: RegExp[] = [
  /\bin\s+millions\b/i,
  /\bmillions\s+of\s+dollars\b/i,
  /\(\s*\$?\s*millions?\s*\)/i,
  /\(\s*\$\s*mm?\s*\)/i,
  /\$\s*millions\b/i,
];

/** The scale a text declares, if any ("Dollars in Thousands" → thousands). */
export function scaleIn(text: string): Scale | null {
  if (text.length === 0 || text.length > 300) return null;
  if (!/thousand|million|000|\$\s*k|\$\s*m|\bmm\b/i.test(text)) return null;
  if (MILLIONS.some((re) => re.test(text))) return { factor: 1000000, name: "millions" };
  if (THOUSANDS.some((re) => re.test(text))) return { factor: 1000, name: "thousands" };
  return null;
}

export interface SheetScale {
  /** Factor per amount column (1 when the column is in dollars). */
  factors: number[];
  /** Where the scale was said, when some column is scaled. */
  notes: { scale: Scale; cell: string; text: string; columns: number[] }[];
  /**
   * Where a scale was said over columns whose cells already hold dollars that their number format shows in that
   * scale (`#,##0,`): those columns are not multiplied.
   */
  shownByFormat: {
    scale: Scale;
    cell: string;
    text: string;
    columns: number[];
    formats: string[];
  }[];
}

/**
 * The scale of each amount column of a sheet: said in an amount column's header cells (that column only), or in a
 * title row or another header cell above the table (every amount column). Only rows up to the header are read.
 * A column whose cells' number format divides what it shows (`#,##0,` shows 145,442,136 as 145,442) holds the
 * dollars themselves: the words describe the screen, not the cells, so it is never multiplied (`shownByFormat`).
 */
export function sheetScale(
  values: CellValue[][],
  headerIndex: number,
  amountCols: number[],
  startRow: number,
  startCol: number,
  /** Per amount column: it holds figures below the header (a note standing in an empty column says nothing of it). */
  hasFigures: boolean[],
  /** Per amount column: the number format most of its figures have ("" when not known). */
  formats: string[] = []
): SheetScale {
  const factors = amountCols.map(() => 1);
  const notes: SheetScale["notes"] = [];
  let sheetWide: { scale: Scale; cell: string; text: string } | null = null;
  for (let r = 0; r <= headerIndex && r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < row.length && c < 200; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const scale = scaleIn(cellText(v));
      if (!scale) continue;
      const cell = cellAddress(startRow + r, startCol + c);
      const k = amountCols.indexOf(c);
      // A header cell of one amount column (the header row, or the row above it in a two-row header).
      if (k >= 0 && r >= headerIndex - 1 && hasFigures[k]) {
        if (factors[k] === 1) {
          factors[k] = scale.factor;
          notes.push({ scale, cell, text: cellText(v), columns: [k] });
        }
      } else if (!sheetWide) sheetWide = { scale, cell, text: cellText(v) };
    }
  }
  if (sheetWide) {
    const columns: number[] = [];
    factors.forEach((f, k) => {
      if (f === 1) {
        factors[k] = sheetWide!.scale.factor;
        columns.push(k);
      }
    });
    if (columns.length) notes.unshift({ ...sheetWide, columns });
  }
  return { factors, ...splitShownByFormat(factors, notes, formats) };
}

/** Takes the columns whose number format already shows the scale out of the notes, and back to a factor of 1. */
function splitShownByFormat(
  factors: number[],
  said: SheetScale["notes"],
  formats: string[]
): Pick<SheetScale, "notes" | "shownByFormat"> {
  const shown = (k: number) => displayScale(formats[k] ?? "") > 1;
  const notes: SheetScale["notes"] = [];
  const shownByFormat: SheetScale["shownByFormat"] = [];
  for (const n of said) {
    const byFormat = n.columns.filter(shown);
    const scaled = n.columns.filter((k) => !shown(k));
    for (const k of byFormat) factors[k] = 1;
    if (scaled.length) notes.push({ ...n, columns: scaled });
    if (byFormat.length)
      shownByFormat.push({ ...n, columns: byFormat, formats: byFormat.map((k) => formats[k]) });
  }
  return { notes, shownByFormat };
}

/** An amount read in the sheet's scale, in dollars (to the cent). */
export function inDollars(v: number | null, factor: number): number | null {
  if (v === null || factor === 1) return v;
  const d = v * factor;
  if (!Number.isFinite(d) || Math.abs(d) >= 2 ** 52 / 100) return d;
  return Math.round(d * 100) / 100;
}
