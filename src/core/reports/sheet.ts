/**
 * Small helpers the report builders share: ranges, a sheet being filled row by row, column widths from the
 * values, and the print set-up every report uses.
 */
import { addMonths } from "date-fns/addMonths";
import { format } from "date-fns/format";
import { parse } from "date-fns/parse";
import { programKey } from "../keys";
import type { CellValue, RangeRef, SheetModel, StyleName } from "../types";
import { STYLES } from "./styles";

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
  /** Rows whose cells wrap (table headers): they do not widen columns, they grow taller instead. */
  readonly wrapRows = new Set<number>();
  /** Ranges whose style wraps text: their rows grow as tall as the text needs. */
  readonly wrapRanges: RangeRef[] = [];
  /** First rows of the sheet's sections, in order: a page break may go above each (see sectionBreaks). */
  readonly sections: number[] = [];

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

  /**
   * Appends a long text as rows of at most `maxChars` characters each, broken between words, so a note stays
   * inside the printed width instead of running off the page. Returns the rows.
   */
  textRows(text: string, style: StyleName, maxChars = 120): number[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      if (line && line.length + 1 + word.length > maxChars) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line || !lines.length) lines.push(line);
    return lines.map((l) => this.textRow(l, style));
  }

  style(range: RangeRef, style: StyleName): void {
    if (!(range.rows > 0 && range.cols > 0)) return;
    this.styles.push({ range, style });
    if (style === "tableHeader")
      for (let r = range.row; r < range.row + range.rows; r++) this.wrapRows.add(r);
    if (STYLES[style]?.wrap) this.wrapRanges.push(range);
  }

  /** Starts a section at the next row (a page break may go above it). */
  section(): void {
    this.sections.push(this.values.length);
  }

  /**
   * Estimated printed height of each row in points: titles and section headers by their font, wrapped rows by
   * the lines their text needs in its column, every other row Excel's default (15 pt).
   */
  rowHeights(widths: number[]): number[] {
    const heights = this.values.map(() => 15);
    for (const s of this.styles) {
      const size =
        s.style === "title"
          ? 16
          : s.style === "sectionHeader" || s.style === "headlineValue"
            ? 12
            : 0;
      if (!size) continue;
      for (let r = s.range.row; r < s.range.row + s.range.rows && r < heights.length; r++)
        heights[r] = Math.max(heights[r], rowHeightPt(1, size));
    }
    for (const w of this.wrapRanges) {
      const end = Math.min(w.row + w.rows, this.values.length);
      for (let r = w.row; r < end; r++) {
        const row = this.values[r] ?? [];
        let lines = 1;
        for (let c = w.col; c < w.col + w.cols && c < row.length; c++) {
          const v = row[c];
          if (typeof v === "string" && v) lines = Math.max(lines, wrappedLines(v, widths[c] ?? 8));
        }
        heights[r] = Math.max(heights[r], rowHeightPt(lines));
      }
    }
    return heights;
  }

  /** Heights for the model's rowHeights: the wrapped rows, as tall as their text needs (one line: left alone). */
  wrappedRowHeights(
    widths: number[],
    heights: readonly number[] = this.rowHeights(widths)
  ): { row: number; height: number }[] {
    const rows = new Set<number>();
    for (const w of this.wrapRanges)
      for (let r = w.row; r < w.row + w.rows && r < heights.length; r++) rows.add(r);
    const out: { row: number; height: number }[] = [];
    for (const r of [...rows].sort((a, b) => a - b))
      if (heights[r] > rowHeightPt(1)) out.push({ row: r, height: heights[r] });
    return out;
  }

  /** Page breaks above the sections that would split badly (see sectionBreaks). */
  sectionBreaks(
    widths: number[],
    repeatedRows: number[] = [],
    lastRow = this.values.length - 1,
    heights: readonly number[] = this.rowHeights(widths)
  ): number[] {
    const starts = this.sections.filter((r) => r <= lastRow);
    const list = starts.map((start, i) => ({ start, end: (starts[i + 1] ?? lastRow + 1) - 1 }));
    const repeated = repeatedRows.reduce((sum, r) => sum + (heights[r] ?? 15), 0);
    return sectionBreaks(list, (r) => heights[r] ?? 15, repeated);
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
    // The longest line, found by position (no array of lines per cell: every cell of a report is measured).
    let longest = 0;
    let start = 0;
    for (let nl = v.indexOf("\n"); nl >= 0; nl = v.indexOf("\n", start)) {
      if (nl - start > longest) longest = nl - start;
      start = nl + 1;
    }
    return Math.max(longest, v.length - start);
  }
  if (typeof v === "boolean") return 5;
  if (fmt && fmt.includes("yy")) return fmt.length;
  if (fmt && fmt.includes("%")) return 7;
  const whole = integerDigits(Math.abs(Math.trunc(v)));
  const seps = Math.floor((whole - 1) / 3);
  return (
    whole + seps + (v < 0 ? 1 : 0) + (fmt?.includes("$") ? 1 : 0) + (fmt?.includes(".00") ? 3 : 0)
  );
}

/** Powers of ten up to 10^21, each exact as a double. */
const TENS = Float64Array.from({ length: 22 }, (_, i) => Number(`1e${i}`));

/**
 * The length of `x.toString()` for a whole number x ≥ 0, without making the string: its digits below 10^21 (where
 * toString writes every digit), else the string's own length (exponent notation, Infinity, NaN).
 */
function integerDigits(x: number): number {
  if (!(x < 1e21)) return x.toString().length;
  let d = 1;
  while (d < 21 && x >= TENS[d]) d++;
  return d;
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
    /** Rows that wrap (table headers): measured by their longest word only. */
    wrap?: Set<number>;
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
    if (options.skip?.has(r) || options.wrap?.has(r)) continue;
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const n = shownLength(row[c], colFormat[c]);
      if (n > widths[c]) widths[c] = n;
    }
  }
  for (const r of options.wrap ?? []) {
    const row = values[r] ?? [];
    for (let c = 0; c < row.length && c < cols; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      for (const word of v.split(/\s+/)) if (word.length > widths[c]) widths[c] = word.length;
    }
  }
  return widths.map((w, c) => options.fixed?.[c] ?? Math.max(min, Math.min(max, Math.ceil(w + 2))));
}

/**
 * The print set-up every report uses: landscape Letter (its layout fits A4 landscape too), one page wide at most
 * (the layouts are sized to print at 100%, so this only shrinks a sheet whose columns grew past the page), as
 * many pages tall as it needs, the given rows repeated, sheet name and page in the footer. `extra` adds print
 * areas, repeated columns and page breaks.
 */
export function reportPrint(
  titleRows: { start: number; end: number },
  extra: Pick<SheetModel["print"], "areas" | "titleCols" | "rowBreaks"> = {}
): SheetModel["print"] {
  return {
    landscape: true,
    fitToWidth: true,
    paper: "letter",
    titleRows,
    footer: REPORT_FOOTER,
    ...extra,
  };
}

/** Each header's 0-based column in a report's row of `headers`. */
export function columnIndexes<H extends string>(headers: readonly H[]): Record<H, number> {
  return Object.fromEntries(headers.map((h, i) => [h, i])) as Record<H, number>;
}

/**
 * The print set-up of a ready-to-fill template (the Strategic Plan and Measures sheets): landscape, one page wide, its
 * header row repeated on every page, the sheet's own name in the footer.
 */
export function templatePrint(headerRow: number, sheet: string): SheetModel["print"] {
  return {
    landscape: true,
    fitToWidth: true,
    titleRows: { start: headerRow, end: headerRow },
    footer: sheet,
  };
}

// ---------------------------------------------------------------------------------------------
// Paper: how much of a sheet a printed page holds at 100%
// ---------------------------------------------------------------------------------------------

/**
 * Width of the printable part of a landscape page inside the report margins (0.5" each side), in Excel's
 * column pixels (96 per inch): Letter is 11" wide, A4 11.69", so a layout sized for Letter fits both. A little
 * is kept back for fonts that set text wider than Calibri.
 */
export const PAGE_WIDTH_PX = Math.floor(10 * 96 * 0.98);
/**
 * Height of the printable part of a landscape page in points, for the shorter of the two papers (A4: 8.27"),
 * less the margins (0.6" top and bottom) and a row's worth for the footer.
 */
export const PAGE_HEIGHT_PT = Math.floor((8.27 - 1.2) * 72) - 15;

/** Pixels a column of `chars` characters takes (Excel: 7 px per character of Calibri 11, plus 5 px of padding). */
export function columnPx(chars: number): number {
  return Math.round(chars * 7 + 5);
}

/** Printed width, in pixels at 100%, of columns [from, to] (inclusive). */
export function printedWidthPx(widths: number[], from: number, to: number): number {
  let px = 0;
  for (let c = from; c <= to; c++) px += columnPx(widths[c] ?? 8.43);
  return px;
}

/**
 * Narrows the `shrinkable` columns (wrapped text), widest first, one character at a time and never below
 * `min`, until columns [from, to] plus `reservedPx` fit a page's width. Returns whether they fit.
 */
export function shrinkToPage(
  widths: number[],
  from: number,
  to: number,
  shrinkable: number[],
  min: number,
  reservedPx = 0
): boolean {
  for (;;) {
    if (printedWidthPx(widths, from, to) + reservedPx <= PAGE_WIDTH_PX) return true;
    let widest = -1;
    for (const c of shrinkable)
      if (widths[c] > min && (widest < 0 || widths[c] > widths[widest])) widest = c;
    if (widest < 0) return false;
    widths[widest] = Math.max(min, widths[widest] - 1);
  }
}

/** Points a row takes when its text wraps into `lines` lines of a font of `size` points. */
export function rowHeightPt(lines: number, size = 11): number {
  return lines <= 1 && size <= 11 ? 15 : Math.ceil(lines * size * 1.25 + 2);
}

/**
 * Width of a word in a column's characters (a digit's width), from Calibri's (and Carlito's) advance widths rounded
 * up a little: i, l, j and punctuation about half a digit, f, r, t two thirds, other small letters nearly one, most
 * capitals a tenth more, M and W (and m, w, &) half as much again.
 */
export function textWidth(word: string): number {
  return textWidthAt(word, 0, word.length);
}

/** textWidth of `text.slice(start, end)`, without making the slice. */
function textWidthAt(text: string, start: number, end: number): number {
  let w = 0;
  // By character code (no string per character): every width the table gives is an ASCII character's; any other
  // character, a surrogate pair counted once, is 1.
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      w += ASCII_WIDTH[c];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    w += 1;
  }
  return w * 1.05;
}

const CHAR_WIDTH: Record<string, number> = Object.fromEntries([
  ..."iljI.,;:'!|".split("").map((c) => [c, 0.5]),
  ..."frt()-/".split("").map((c) => [c, 0.7]),
  ..."sczJL".split("").map((c) => [c, 0.82]),
  ..."abdeghknopquvxy".split("").map((c) => [c, 0.98]),
  ..."mwMW&%".split("").map((c) => [c, 1.7]),
]);

/** CHAR_WIDTH by ASCII code, with the width of a capital (1.12) or any other character (1) where it has none. */
const ASCII_WIDTH = Float64Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return CHAR_WIDTH[ch] ?? (/[A-Z]/.test(ch) ? 1.12 : 1);
});

/** A space between words, in a digit's widths. */
const SPACE = 0.45;

/**
 * Lines a text needs in a wrapped column of `chars` characters (words kept whole where they fit). A column's
 * width counts digits; text is often a little narrower, so this errs on the tall side (a blank line rather
 * than a clipped one).
 */
export function wrappedLines(text: string, chars: number): number {
  const width = Math.max(1, chars);
  let lines = 0;
  // Paragraphs and words found by position, not split into arrays of strings: the reports measure every wrapped
  // cell, some more than once.
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // Leading spaces indent the first line.
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    let line = (indent - start) * SPACE;
    let first = true;
    lines++;
    for (let i = start; i < end;) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && !isSpace(text.charCodeAt(i))) i++;
      const w = textWidthAt(text, from, i);
      if (first) {
        line += w;
        first = false;
      } else if (line + SPACE + w <= width) line += SPACE + w;
      else {
        lines++;
        line = w;
      }
      while (line > width + 1) {
        lines++;
        line -= width;
      }
    }
    start = end + 1;
  }
  return Math.max(1, lines);
}

/** Whether a character code is one that /\s/ matches (the words of wrappedLines are what `split(/\s+/)` gives). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A text broken between words into lines of at most `chars` characters (as wrappedLines measures them), for text
 * that prints in rows of its own rather than wrapping in a cell. A word longer than a line is a line of its own.
 */
export function lineBreaks(text: string, chars: number): string[] {
  if (!Number.isFinite(chars)) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const next = line ? `${line} ${word}` : word;
    if (line && wrappedLines(next, chars) > 1) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/**
 * How many characters (in wrappedLines' 11 pt units) of a style's text fit on the printed page's width from
 * `fromPx` pixels in: fewer for a larger or bold font.
 */
export function pageChars(style: StyleName, fromPx = 0): number {
  const spec = STYLES[style];
  const size = spec?.fontSize ?? 11;
  const bold = spec?.bold ? 0.9 : 1;
  return Math.max(10, Math.floor(((PAGE_WIDTH_PX - fromPx - 10) / 7) * (11 / size) * bold));
}

/**
 * Manual page breaks so that sections do not split badly: walking down the sheet with each row's height, a
 * section that would not fit in what is left of the page starts on a new page when only a few of its rows
 * would fit here (fewer than `minRows`, or than a third of the section); a section split after that many rows
 * prints on with its header repeated. `repeatedPt` is the height of the rows repeated on every page. Returns
 * the rows to break above.
 */
export function sectionBreaks(
  sections: { start: number; end: number }[],
  heightOf: (row: number) => number,
  repeatedPt: number,
  minRows = 6
): number[] {
  const page = PAGE_HEIGHT_PT - repeatedPt;
  const breaks: number[] = [];
  let used = 0;
  let row = 0;
  const advance = (to: number) => {
    for (; row < to; row++) {
      const h = heightOf(row);
      if (used + h > page) used = 0;
      used += h;
    }
  };
  for (const s of sections) {
    advance(s.start);
    if (used === 0) continue;
    let height = 0;
    let fitting = 0;
    for (let r = s.start; r <= s.end; r++) {
      height += heightOf(r);
      if (used + height <= page) fitting++;
    }
    const rows = s.end - s.start + 1;
    if (used + height > page && fitting < Math.max(minRows, rows / 3)) {
      breaks.push(s.start);
      used = 0;
    }
  }
  return breaks;
}

interface ProgramNames {
  department: string;
  division: string;
  program: string;
}

/**
 * A value made once per distinct department, division and program: budgets repeat the same names on many lines, so
 * the memo is nested (department → division → program) and a line already seen costs three lookups of strings the
 * reader shares between lines, with no key string built per line; a line with the names of the line asked about
 * just before it (a program's lines run together) costs three comparisons.
 */
function perProgramNames(make: (line: ProgramNames) => string): (line: ProgramNames) => string {
  const memo = new Map<string, Map<string, Map<string, string>>>();
  // The names asked about last (kept as strings: a caller may ask again with the same object, changed).
  let department: unknown = memo; // nothing asked yet: no name is the memo
  let division = "";
  let program = "";
  let lastValue = "";
  return (line) => {
    if (line.department === department && line.division === division && line.program === program)
      return lastValue;
    department = line.department;
    division = line.division;
    program = line.program;
    lastValue = lookUp(line);
    return lastValue;
  };
  function lookUp(line: ProgramNames): string {
    let byDivision = memo.get(line.department);
    if (byDivision === undefined) memo.set(line.department, (byDivision = new Map()));
    let byProgram = byDivision.get(line.division);
    if (byProgram === undefined) byDivision.set(line.division, (byProgram = new Map()));
    let value = byProgram.get(line.program);
    if (value === undefined) byProgram.set(line.program, (value = make(line)));
    return value;
  }
}

/** programKey with a memo (normalising the names is the costly part of a key). */
export function programKeyMemo(): (line: ProgramNames) => string {
  return perProgramNames(programKey);
}

/**
 * A line's department, division and program joined (the program identity the budget-by-function section counts by),
 * one string per distinct combination instead of one per line.
 */
export function lineProgramIdMemo(): (line: ProgramNames) => string {
  return perProgramNames((line) => `${line.department}\u0001${line.division}\u0001${line.program}`);
}

/**
 * A report's title cell: "Budget Alignment — <what>", on one line (a name with line breaks is folded), so the
 * workflow recognises the sheet as generated by its title alone.
 */
export function reportTitle(what: string): string {
  const text = what.replace(/\s+/g, " ").trim();
  return text ? `Budget Alignment — ${text}` : "Budget Alignment";
}

/** Formula cells gathered one by one → blocks of consecutive rows in one column (one write per block). */
export function formulaBlocks(
  cells: readonly { row: number; col: number; formula: string }[]
): { range: RangeRef; formulas: string[][] }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const out: { range: RangeRef; formulas: string[][] }[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.range.col === c.col && last.range.row + last.range.rows === c.row) {
      last.range.rows++;
      last.formulas.push([c.formula]);
    } else out.push({ range: rng(c.row, c.col), formulas: [[c.formula]] });
  }
  return out;
}

/**
 * Columns [from, to] cut into runs that each fit a landscape page at 100%, the first with `firstReservedPx` kept
 * free at its left, the others with `reservedPx` (columns repeated at the left of every page).
 */
export function pageGroups(
  widths: number[],
  from: number,
  to: number,
  reservedPx: number,
  firstReservedPx = 0
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let start = from;
  let used = firstReservedPx;
  for (let c = from; c <= to; c++) {
    const w = columnPx(widths[c] ?? 8.43);
    if (c > start && used + w > PAGE_WIDTH_PX) {
      out.push({ from: start, to: c - 1 });
      start = c;
      used = reservedPx;
    }
    used += w;
  }
  if (start <= to) out.push({ from: start, to });
  return out;
}
