/**
 * Column headers on every printed page of every table: the rule, in one place.
 *
 * - A table is a row styled "tableHeader" and the rows below it down to the first blank row (its body).
 * - A sheet's print titles repeat one range of rows on every page. A sheet whose printed part is one long table
 *   (Review, the Programs table, the Timetable's actions) uses that table's header row as its print titles.
 * - A sheet with several tables (Alignment) keeps each section whole on a page where it fits (sectionBreaks), and
 *   where a table still runs on past a page, a copy of its header row is written into the sheet at the top of the
 *   next page, with a page break above it (withHeaderCopies). An Excel table cut that way becomes two tables, each
 *   with its own header row, so both the screen and the paper show what every column is. A formula moves with
 *   its cell and its references move with the rows they name (the Programs sheet's top tables are live formulas
 *   over the program table below them), so every formula still reads the cells it read before.
 *
 * The page walk uses the same estimated row heights and page height as the section breaks (./sheet), so the
 * breaks written into the sheet are the ones the printer makes.
 */
import type { CellValue, RangeRef, SheetModel } from "../types";
import { PAGE_HEIGHT_PT } from "./sheet";

/** A table on the sheet: its header row and the last row of its body (inclusive), 0-based. */
export interface PrintedTable {
  header: number;
  end: number;
}

const blankRow = (row: CellValue[] | undefined) =>
  !row || row.every((v) => v === null || v === undefined || v === "");

/** The tables of a model: each row styled "tableHeader" with the rows below it down to the first blank row. */
export function tablesOf(model: Pick<SheetModel, "values" | "styles">): PrintedTable[] {
  const headers = new Set<number>();
  for (const s of model.styles)
    if (s.style === "tableHeader")
      for (let r = s.range.row; r < s.range.row + s.range.rows; r++) headers.add(r);
  const out: PrintedTable[] = [];
  for (const header of [...headers].sort((a, b) => a - b)) {
    let end = header;
    while (
      end + 1 < model.values.length &&
      !blankRow(model.values[end + 1]) &&
      !headers.has(end + 1)
    )
      end++;
    if (end > header) out.push({ header, end });
  }
  return out;
}

/**
 * Where the printed pages of a sheet break inside its tables: walking down the rows with their heights, a page
 * starts at each row of `breaks` and wherever the next row no longer fits; when that row is in a table's body, the
 * continuation page must start with a copy of the table's header. Returns those rows with their table's header
 * row. `repeatedPt` is the height of the print titles, printed on every page.
 */
export function headerContinuations(
  tables: readonly PrintedTable[],
  heightOf: (row: number) => number,
  lastRow: number,
  breaks: readonly number[],
  repeatedPt: number
): { row: number; header: number }[] {
  const page = PAGE_HEIGHT_PT - repeatedPt;
  const breakSet = new Set(breaks);
  const tableAt = new Map<number, PrintedTable>();
  for (const t of tables) for (let r = t.header + 1; r <= t.end; r++) tableAt.set(r, t);
  const out: { row: number; header: number }[] = [];
  let used = 0;
  for (let r = 0; r <= lastRow; r++) {
    if (breakSet.has(r)) used = 0;
    const h = heightOf(r);
    if (used > 0 && used + h > page) {
      const t = tableAt.get(r);
      if (t) {
        out.push({ row: r, header: t.header });
        used = heightOf(t.header);
      } else used = 0;
    }
    used += h;
  }
  return out;
}

/**
 * A formula's A1 references (to cells of its own sheet) with each row moved: `moved` maps a 0-based row to its new
 * 0-based row. "$C$12", "C12" and both ends of "$C$12:$C$50" move; a range with header copies written inside it
 * takes them in (a copy holds text, which SUM, COUNT, COUNTIF and SUMIF pass over). Text in quotes is left alone.
 */
export function movedReferences(formula: string, moved: (row: number) => number): string {
  // Most formulas hold no quoted text: moved whole, without splitting and joining them.
  if (!formula.includes('"')) return movedOutsideQuotes(formula, moved);
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 1 ? part : movedOutsideQuotes(part, moved)))
    .join('"');
}

/**
 * movedReferences of a part of a formula outside quotes: every A1 reference (an optional '$', one to three capital
 * letters, an optional '$' and digits) at the start of the part or after a character that cannot be in a name
 * (not a letter, digit, '_', '.' or '$'), and not followed by a digit, '(', a letter or '_', has its row moved.
 * It reads what the pattern /(^|[^A-Za-z0-9_.$])(\$?[A-Z]{1,3}\$?)(\d+)(?![\d(A-Za-z_])/g replaced (a property test
 * holds them equal), in one pass over the characters: a replace with a function called per match was most of
 * the Programs sheet's header copies (thousands of formulas).
 */
function movedOutsideQuotes(part: string, moved: (row: number) => number): string {
  const n = part.length;
  let out = "";
  let copied = 0;
  let s = 0;
  while (s < n) {
    // A reference starts here at the start of the part, or after the character at s.
    let end = s === 0 ? referenceEnd(part, 0) : -1;
    let start = 0;
    if (end < 0 && !nameChar(part.charCodeAt(s))) {
      start = s + 1;
      end = referenceEnd(part, start);
    }
    if (end < 0) {
      s++;
      continue;
    }
    let digits = end;
    while (isDigit(part.charCodeAt(digits - 1))) digits--;
    // The row read from its digits (no string for it: Number of the slice where it is too long to be exact so).
    let row = 0;
    if (end - digits <= 15)
      for (let j = digits; j < end; j++) row = row * 10 + (part.charCodeAt(j) - 48);
    else row = Number(part.slice(digits, end));
    const to = moved(row - 1) + 1;
    // A reference whose row does not move, written as String writes it (no leading zero), stays in the text copied
    // as it is.
    const asWritten = end - digits <= 15 && (end - digits === 1 || part.charCodeAt(digits) !== 48);
    if (!(asWritten && to === row)) {
      out += part.slice(copied, digits) + String(to);
      copied = end;
    }
    s = end;
  }
  return copied === 0 ? part : out + part.slice(copied);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isCapital = (c: number) => c >= 65 && c <= 90;
const isLetter = (c: number) => isCapital(c) || (c >= 97 && c <= 122);
/** A character that may be in a name or reference (before a reference, it makes the reference part of a name). */
const nameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 36;

/** The end of the A1 reference starting at `i` (after its last digit), or -1 when none starts there. */
function referenceEnd(part: string, i: number): number {
  const n = part.length;
  if (i < n && part.charCodeAt(i) === 36) i++;
  let letters = 0;
  while (i < n && isCapital(part.charCodeAt(i))) {
    i++;
    letters++;
  }
  if (letters === 0 || letters > 3) return -1;
  if (i < n && part.charCodeAt(i) === 36) i++;
  const digits = i;
  while (i < n && isDigit(part.charCodeAt(i))) i++;
  if (i === digits) return -1;
  // Not followed by '(', a letter or '_' (a function name such as LOG10( is not a reference).
  if (i < n) {
    const c = part.charCodeAt(i);
    if (c === 40 || isLetter(c) || c === 95) return -1;
  }
  return i;
}

/** How many of the sorted rows `rows` are at or above row `r` (≤ r), by binary search: formulas move every reference. */
function copiesAtOrAbove(rows: readonly number[], r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The model with a copy of a table's header row written above each row of `copies` (rows of the model as it is),
 * every range, table, chart, height and print setting moved down with its rows, a page break above each copy,
 * and an Excel table cut by a copy split in two (the second named `<name>_2`, …). Returns the new model and where
 * each old row went.
 */
export function withHeaderCopies(
  model: SheetModel,
  copies: readonly { row: number; header: number }[]
): { model: SheetModel; moved: (row: number) => number } {
  if (!copies.length) return { model, moved: (r) => r };
  const at = [...copies].sort((a, b) => a.row - b.row);
  const rows = at.map((c) => c.row);
  /** New index of an old row: below every copy written above it or above a row before it (`rows` is sorted). */
  const moved = (r: number) => r + copiesAtOrAbove(rows, r);
  /** New index of the copy written above old row `r`. */
  const copyAt = (r: number) => moved(r) - 1;

  const values: CellValue[][] = [];
  let next = 0;
  for (const c of at) {
    for (; next < c.row; next++) values.push(model.values[next] ?? []);
    values.push([...(model.values[c.header] ?? [])]);
  }
  for (; next < model.values.length; next++) values.push(model.values[next]);

  /** A range moved with its rows, cut into pieces at the copies inside it (a copy takes none of its looks). */
  const pieces = (range: RangeRef): RangeRef[] => {
    const last = range.row + range.rows - 1;
    const inside = rows.slice(copiesAtOrAbove(rows, range.row), copiesAtOrAbove(rows, last));
    const out: RangeRef[] = [];
    let start = range.row;
    for (const x of [...inside, last + 1]) {
      out.push({ ...range, row: moved(start), rows: moved(x - 1) - moved(start) + 1 });
      start = x;
    }
    return out;
  };
  /** A range moved whole (chart data, print areas): it grows by the copies inside it. */
  const whole = (range: RangeRef): RangeRef => {
    const last = range.row + range.rows - 1;
    return { ...range, row: moved(range.row), rows: moved(last) - moved(range.row) + 1 };
  };

  const styles = model.styles.flatMap((s) => pieces(s.range).map((range) => ({ ...s, range })));
  for (const c of at)
    for (const s of model.styles)
      if (s.range.row <= c.header && c.header < s.range.row + s.range.rows)
        styles.push({ range: { ...s.range, row: copyAt(c.row), rows: 1 }, style: s.style });

  const tables = model.tables.flatMap((t) => {
    const last = t.range.row + t.range.rows - 1;
    const inside = rows.filter((x) => x > t.range.row + 1 && x <= last);
    if (!inside.length) return [{ ...t, range: whole(t.range) }];
    const out = [];
    let header = moved(t.range.row);
    for (let i = 0; i <= inside.length; i++) {
      const end = i < inside.length ? moved(inside[i] - 1) : moved(last);
      out.push({
        ...t,
        name: i === 0 ? t.name : `${t.name}_${i + 1}`,
        range: { ...t.range, row: header, rows: end - header + 1 },
      });
      if (i < inside.length) header = copyAt(inside[i]);
    }
    return out;
  });

  const heightOf = new Map((model.rowHeights ?? []).map((h) => [h.row, h.height]));
  const rowHeights = (model.rowHeights ?? []).map((h) => ({ ...h, row: moved(h.row) }));
  for (const c of at) {
    const h = heightOf.get(c.header);
    if (h !== undefined) rowHeights.push({ row: copyAt(c.row), height: h });
  }

  const p = model.print;
  const span = (t: { start: number; end: number } | undefined) =>
    t && { start: moved(t.start), end: moved(t.end) };
  return {
    moved,
    model: {
      ...model,
      values,
      styles,
      numberFormats: model.numberFormats.flatMap((f) =>
        pieces(f.range).map((range) => ({ ...f, range }))
      ),
      formulas: model.formulas?.flatMap((f) => {
        let offset = 0;
        return pieces(f.range).map((range) => {
          const block = {
            range,
            formulas: f.formulas
              .slice(offset, offset + range.rows)
              .map((row) => row.map((text) => movedReferences(text, moved))),
          };
          offset += range.rows;
          return block;
        });
      }),
      tables,
      validations: model.validations.flatMap((v) =>
        pieces(v.range).map((range) => ({ ...v, range }))
      ),
      conditionalFormats: model.conditionalFormats.flatMap((f) =>
        pieces(f.range).map((range) => ({ ...f, range }))
      ),
      charts: model.charts.map((c) => ({
        ...c,
        categories: whole(c.categories),
        values: whole(c.values),
        moreSeries: c.moreSeries?.map((m) => ({ ...m, values: whole(m.values) })),
        anchor: whole(c.anchor),
      })),
      outline: model.outline.map((o) => ({
        ...o,
        startRow: moved(o.startRow),
        endRow: moved(o.endRow),
      })),
      rowHeights: rowHeights.sort((a, b) => a.row - b.row),
      freeze: model.freeze && {
        ...model.freeze,
        rows: model.freeze.rows && moved(model.freeze.rows - 1) + 1,
      },
      print: {
        ...p,
        titleRows: span(p.titleRows),
        areas: p.areas?.map(whole),
        rowBreaks: [...(p.rowBreaks ?? []).map(moved), ...at.map((c) => copyAt(c.row))].sort(
          (a, b) => a - b
        ),
      },
    },
  };
}
