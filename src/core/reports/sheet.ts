/**
 * Small helpers the report builders share: ranges, a sheet being filled row by row, column widths from the
 * values, and the print set-up every report uses.
 */
import { addMonths, format, parse } from "date-fns";
import { programKey } from "../keys";
import type { CellValue, RangeRef, SheetModel, StyleName } from "../types";

/** Footer printed on every page: the sheet's name and the page number (Excel header/footer codes). */
export const REPORT_FOOTER = "&A — page &P of &N";

export function rng(row: number, col: number, rows = 1, cols = 1): RangeRef {
  return { row, col, rows, cols };
}

const REF = new Date(2000, 0, 1);

/** ISO "YYYY-MM-DD" → local Date. */
export function isoDate(iso: string): Date {
  return parse(iso, "yyyy-MM-dd", REF);
}

export function toIso(d: Date): string {
  return format(d, "yyyy-MM-dd");
}

/** "MM-DD" fiscal-year start → month (1-12) and day; 07-01 when unreadable. */
export function fyMonthDay(text: string | undefined): { month: number; day: number } {
  const m = /^(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1 || Number(m[2]) > 31)
    return { month: 7, day: 1 };
  return { month: Number(m[1]), day: Number(m[2]) };
}

/** Start of the fiscal year `date` falls in. */
export function fiscalYearStartOf(date: Date, fy: { month: number; day: number }): Date {
  const same = new Date(date.getFullYear(), fy.month - 1, fy.day);
  return same <= date ? same : new Date(date.getFullYear() - 1, fy.month - 1, fy.day);
}

/** Start of the fiscal year that ends in calendar year `endYear` ("FY 2025-26" ends in 2026). */
export function fiscalYearStartEnding(endYear: number, fy: { month: number; day: number }): Date {
  if (fy.month === 1 && fy.day === 1) return new Date(endYear, 0, 1);
  return new Date(endYear - 1, fy.month - 1, fy.day);
}

export function nextFiscalYearStart(start: Date): Date {
  return addMonths(start, 12);
}

/**
 * A sheet filled top to bottom: values, styles and number formats, with the row count always covering every
 * range added (so ranges lie inside the values).
 */
export class SheetBuilder {
  readonly values: CellValue[][] = [];
  readonly styles: { range: RangeRef; style: StyleName }[] = [];
  readonly numberFormats: { range: RangeRef; format: string }[] = [];
  /** Rows whose text should not widen their columns (titles, notes, long explanations). */
  readonly freeRows = new Set<number>();

  get next(): number {
    return this.values.length;
  }

  /** Appends a row and returns its index. */
  row(cells: CellValue[] = []): number {
    this.values.push(cells);
    return this.values.length - 1;
  }

  /** Appends a row of text that may run past its column (titles, notes). */
  textRow(text: string, style: StyleName): number {
    const r = this.row([text]);
    this.freeRows.add(r);
    this.style(rng(r, 0), style);
    return r;
  }

  style(range: RangeRef, style: StyleName): void {
    if (range.rows > 0 && range.cols > 0) this.styles.push({ range, style });
  }

  format(range: RangeRef, fmt: string): void {
    if (range.rows > 0 && range.cols > 0) this.numberFormats.push({ range, format: fmt });
  }

  /** Sets one cell, padding the row with blanks so it has no holes. */
  set(row: number, col: number, value: CellValue): void {
    this.ensureRows(row + 1);
    const cells = this.values[row];
    while (cells.length < col) cells.push("");
    cells[col] = value;
  }

  /** Makes sure the sheet has at least `rows` rows (blank rows at the end). */
  ensureRows(rows: number): void {
    while (this.values.length < rows) this.values.push([]);
  }
}

/** Characters a value takes when shown (numbers as formatted roughly: currency with separators, dates as 10). */
function shownLength(v: CellValue, fmt: string | undefined): number {
  if (v === null || v === "") return 0;
  if (typeof v === "string") {
    let longest = 0;
    for (const line of v.split("\n")) longest = Math.max(longest, line.length);
    return longest;
  }
  if (typeof v === "boolean") return 5;
  if (fmt && /yy/.test(fmt)) return fmt.length;
  if (fmt && fmt.includes("%")) return 7;
  const whole = Math.abs(Math.trunc(v)).toString().length;
  const seps = Math.floor((whole - 1) / 3);
  return (
    whole + seps + (v < 0 ? 1 : 0) + (fmt?.includes("$") ? 1 : 0) + (fmt?.includes(".00") ? 3 : 0)
  );
}

/**
 * Column widths (characters) that fit the values, clamped to [min, max]. Rows in `skip` (titles, notes) do not
 * widen columns; only the first `sampleRows` rows are measured (enough to see the longest text of big reports).
 */
export function fitWidths(
  values: CellValue[][],
  numberFormats: { range: RangeRef; format: string }[],
  options: {
    skip?: Set<number>;
    min?: number;
    max?: number;
    cols?: number;
    sampleRows?: number;
    fixed?: Record<number, number>;
  } = {}
): number[] {
  const min = options.min ?? 8;
  const max = options.max ?? 50;
  let cols = options.cols ?? 0;
  for (const row of values) if (row.length > cols) cols = row.length;
  const widths = new Array<number>(cols).fill(0);
  // Only column formats matter for the width estimate: remember the format per column.
  const colFormat: (string | undefined)[] = new Array(cols);
  for (const f of numberFormats)
    for (let c = f.range.col; c < f.range.col + f.range.cols && c < cols; c++)
      colFormat[c] ??= f.format;
  const limit = Math.min(values.length, options.sampleRows ?? 5000);
  for (let r = 0; r < limit; r++) {
    if (options.skip?.has(r)) continue;
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const n = shownLength(row[c], colFormat[c]);
      if (n > widths[c]) widths[c] = n;
    }
  }
  return widths.map((w, c) => options.fixed?.[c] ?? Math.max(min, Math.min(max, Math.ceil(w + 2))));
}

/** The print set-up every report uses: landscape, one page wide, the given rows repeated, sheet name and page. */
export function reportPrint(titleRows: { start: number; end: number }): SheetModel["print"] {
  return { landscape: true, fitToWidth: true, titleRows, footer: REPORT_FOOTER };
}

/**
 * programKey with a memo: budgets repeat the same department and program on many lines, and normalising the
 * names is the costly part of a key.
 */
export function programKeyMemo(): (line: {
  department: string;
  division: string;
  program: string;
}) => string {
  const memo = new Map<string, string>();
  return (line) => {
    const raw = `${line.department}\u0001${line.division}\u0001${line.program}`;
    let key = memo.get(raw);
    if (key === undefined) memo.set(raw, (key = programKey(line)));
    return key;
  };
}

/**
 * A report's title cell: "Budget Alignment — <what>", on one line (a name with line breaks is folded), so the
 * workflow recognises the sheet as generated by its title alone.
 */
export function reportTitle(what: string): string {
  const text = what.replace(/\s+/g, " ").trim();
  return text ? `Budget Alignment — ${text}` : "Budget Alignment";
}
