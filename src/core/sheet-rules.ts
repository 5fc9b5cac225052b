/**
 * The rules every writer of a SheetModel follows, in one place: Excel's sheet limits, clipping ranges and text
 * to them, table names and headers, the inline-list-or-helper-column rule for dropdowns and their messages,
 * and the print layout. The ports (src/excel over Office.js, src/xlsx over exceljs) only translate what these
 * return into their API, so one sheet model renders the same everywhere. Addresses come from ./a1.
 */
import { absoluteRange, columnSpan, rowSpan } from "./a1";
import type { CellNote, RangeRef, SheetModel, StyleSpec, ValidationModel } from "./types";

/** Excel's grid. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Longest text a cell holds; longer text makes Excel repair the file (or refuse the write). */
export const MAX_CELL_TEXT = 32767;
/** Longest inline list ("a,b,c") a list validation may carry. */
export const MAX_INLINE_LIST = 255;
/** Longest input prompt (and header/footer text) Excel accepts. */
export const MAX_PROMPT = 255;
export const MAX_FOOTER = 255;
/** Longest table name Excel accepts. */
export const MAX_TABLE_NAME = 255;
/** Widest column Excel accepts, in characters. */
export const MAX_COLUMN_WIDTH = 255;

/** A range clipped to Excel's grid (whole cells); null when nothing of it is left. */
export function clipRange(r: RangeRef): RangeRef | null {
  const row = Math.max(0, Math.floor(r.row));
  const col = Math.max(0, Math.floor(r.col));
  const end = Math.min(MAX_ROWS, Math.floor(r.row + r.rows));
  const endCol = Math.min(MAX_COLS, Math.floor(r.col + r.cols));
  if (!(end > row) || !(endCol > col)) return null;
  return { row, col, rows: end - row, cols: endCol - col };
}

/** Text cut to `max` characters, the last one an ellipsis, when it is longer. */
export function clipText(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/**
 * Cell text as every port writes it: at most MAX_CELL_TEXT - 1 characters (the last an ellipsis when cut), so
 * the Excel port's leading apostrophe for text Excel would convert still fits and both ports show the same text.
 */
export function cellText(text: string): string {
  return clipText(text, MAX_CELL_TEXT - 1);
}

/** A column width (characters) Excel accepts, or null for "leave the default". */
export function columnWidth(w: unknown): number | null {
  return typeof w === "number" && Number.isFinite(w) && w > 0
    ? Math.min(MAX_COLUMN_WIDTH, w)
    : null;
}

/** Tallest row Excel accepts, in points. */
export const MAX_ROW_HEIGHT = 409;

/** A row height (points) Excel accepts, or null when the row is off the sheet or the height is not usable. */
export function rowHeight(h: { row: number; height: number }): number | null {
  if (!(Number.isInteger(h.row) && h.row >= 0 && h.row < MAX_ROWS)) return null;
  if (!(typeof h.height === "number" && Number.isFinite(h.height) && h.height > 0)) return null;
  return Math.min(MAX_ROW_HEIGHT, h.height);
}

/**
 * A cell's look when a model's style is laid over the look it has: the style's stated properties win, the
 * others stay. The model's styles are laid in order, so a later range wins where both say something (a header
 * cell of today's month keeps the header's font under the gold fill), exactly as Excel applies formats.
 */
export function layerStyle(below: StyleSpec, over: StyleSpec): StyleSpec {
  const out: StyleSpec = { ...below };
  for (const [k, v] of Object.entries(over) as [keyof StyleSpec, unknown][])
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/**
 * A valid table name, unique (case-insensitive) among `used`, which it joins: starts with a letter or
 * underscore-free letter, then letters (any script), digits, underscores and periods; not a cell reference (A1
 * or R1C1), not "R" or "C"; at most 240 characters, leaving room for a "_2" suffix within Excel's 255.
 */
export function validTableName(wanted: string, used: Set<string>): string {
  let name = wanted
    .replace(/[^A-Za-z0-9_.\u00C0-\uFFFF]+/g, "_")
    .replace(/^[^A-Za-z\u00C0-\uFFFF]+/, "")
    .replace(/_+$/, "");
  if (!name) name = "Table";
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    name = `T_${name}`;
  name = name.slice(0, 240);
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${name}_${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Header texts a table can carry: non-blank, one line, unique (case-insensitive), as Excel requires. */
export function tableHeaders(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((text, i) => {
    let base = text.replace(/[\r\n\t]+/g, " ").trim();
    if (!base) base = `Column${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Whether two ranges share a cell (tables may not overlap: Excel drops such tables when it repairs the file). */
export function overlaps(a: RangeRef, b: RangeRef): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

/** A table as every port writes it. */
export interface TablePlan {
  /** Header row plus body, clipped; one blank body row added when the model gives none and the row below is free. */
  range: RangeRef;
  /** The name the model asks for (each port makes it valid and unique with validTableName). */
  wanted: string;
  style: string;
  /** The header texts the table carries (tableHeaders of the header cells). */
  headers: string[];
  /** Columns (0-based within the table) whose header cell text differs from its header and is rewritten. */
  changedHeaders: number[];
}

function shownText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : String(v);
}

const blank = (v: unknown) => v === null || v === undefined || v === "";

/**
 * The model's tables as the ports write them: clipped to the grid; a table with no body row gets one blank row
 * when the row below is free and is left out otherwise; a table overlapping an earlier one is left out (Excel
 * drops such tables when it repairs the file); headers made one-line, non-blank and unique.
 */
export function planTables(model: SheetModel): TablePlan[] {
  const out: TablePlan[] = [];
  for (const t of model.tables) {
    const range = clipRange(t.range);
    if (!range) continue;
    let bodyRows = range.rows - 1;
    if (bodyRows < 1) {
      const below = model.values[range.row + 1] ?? [];
      let free = range.row + 1 < MAX_ROWS;
      for (let c = range.col; c < range.col + range.cols && free; c++)
        if (!blank(below[c])) free = false;
      if (!free) continue;
      bodyRows = 1;
    }
    const full: RangeRef = { row: range.row, col: range.col, rows: bodyRows + 1, cols: range.cols };
    if (out.some((o) => overlaps(o.range, full))) continue;
    const headerRow = model.values[range.row] ?? [];
    const raw = Array.from({ length: range.cols }, (_, i) => shownText(headerRow[range.col + i]));
    const headers = tableHeaders(raw);
    out.push({
      range: full,
      wanted: t.name,
      style: t.style || "TableStyleMedium2",
      headers,
      changedHeaders: headers.flatMap((h, i) => (h === raw[i] ? [] : [i])),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dropdowns (list validations)
// ---------------------------------------------------------------------------------------------

/** How a port writes one list validation: an inline list, or a hidden helper column of the items. */
export type ListSource =
  | {
      kind: "inline";
      items: string[];
      /** "a,b,c" with quotes doubled, without the outer quotes. */ text: string;
    }
  | {
      kind: "helper";
      items: string[];
      /** 0-based helper column; the items fill rows 0…items.length-1. */
      col: number;
      /** "$X$1:$X$12". */
      ref: string;
      /** False when an earlier validation of the same list already wrote this column. */
      fresh: boolean;
    };

export interface ValidationPlan {
  range: RangeRef;
  source: ListSource;
  /** The error alert. */
  error: { style: "stop" | "warning"; title: string; message: string };
  /** The input prompt, clipped to Excel's limit; null when none. */
  prompt: string | null;
}

/**
 * The list validations of a model as every port writes them. A list longer than Excel's 255-character inline
 * limit, or one whose items contain commas, goes into a hidden helper column: the first one a blank column to
 * the right of the sheet's data (`dataCols` columns wide), the next one to its right; one column per distinct
 * list. Validations with no items or no range left after clipping are dropped, as are lists past the last column.
 */
export function planValidations(
  validations: ValidationModel[],
  dataCols: number
): ValidationPlan[] {
  let helperCol = dataCols + 1; // one blank column between the sheet and its helper lists
  const helperByList = new Map<string, { col: number; ref: string }>();
  const out: ValidationPlan[] = [];
  for (const v of validations) {
    const range = clipRange(v.range);
    if (!range) continue;
    const items = v.list.map((x) => String(x)).filter((x) => x !== "");
    if (!items.length) continue;
    const text = items.map((x) => x.replace(/"/g, '""')).join(",");
    let source: ListSource;
    if (text.length <= MAX_INLINE_LIST && !items.some((x) => x.includes(","))) {
      source = { kind: "inline", items, text };
    } else {
      const key = items.join("\u0000");
      const known = helperByList.get(key);
      if (known) source = { kind: "helper", items, ...known, fresh: false };
      else {
        if (helperCol >= MAX_COLS) continue;
        const rows = Math.min(items.length, MAX_ROWS);
        const helper = {
          col: helperCol,
          ref: absoluteRange({ row: 0, col: helperCol, rows, cols: 1 }),
        };
        helperByList.set(key, helper);
        helperCol++;
        source = { kind: "helper", items: items.slice(0, rows), ...helper, fresh: true };
      }
    }
    out.push({
      range,
      source,
      error: validationError(v),
      prompt: v.prompt ? clipText(v.prompt, MAX_PROMPT) : null,
    });
  }
  return out;
}

/** The error alert of a list validation: stop for a closed list, a warning when other values are allowed. */
export function validationError(v: ValidationModel): ValidationPlan["error"] {
  return v.allowOther
    ? {
        style: "warning",
        title: "Not in the list",
        message: "This value is not in the list. Choose Yes to keep it anyway.",
      }
    : {
        style: "stop",
        title: "Choose from the list",
        message: "Choose one of the values in the list.",
      };
}

// ---------------------------------------------------------------------------------------------
// Print
// ---------------------------------------------------------------------------------------------

/** Page margins in inches: narrow sides so a Letter landscape page holds ~126 characters of columns at 100%. */
export const PRINT_MARGINS = {
  left: 0.5,
  right: 0.5,
  top: 0.6,
  bottom: 0.6,
  header: 0.3,
  footer: 0.3,
};

/** What a port writes for a model's print settings. */
export interface PrintLayout {
  orientation: "landscape" | "portrait";
  paper: "letter" | "a4";
  margins: typeof PRINT_MARGINS;
  fitToWidth: boolean;
  /** "$5:$5" or null. */
  titleRows: string | null;
  /** "$A:$B" or null. */
  titleCols: string | null;
  /** Print areas, clipped, in order. */
  areas: RangeRef[];
  /** 0-based rows with a page break above them, ascending, unique, never row 0. */
  rowBreaks: number[];
  footer: string;
}

export function printLayout(print: SheetModel["print"]): PrintLayout {
  const t = print.titleRows;
  const c = print.titleCols;
  const areas: RangeRef[] = [];
  for (const a of print.areas ?? []) {
    const r = clipRange(a);
    if (r) areas.push(r);
  }
  const rowBreaks = [...new Set(print.rowBreaks ?? [])]
    .filter((r) => Number.isInteger(r) && r > 0 && r < MAX_ROWS)
    .sort((a, b) => a - b);
  return {
    orientation: print.landscape ? "landscape" : "portrait",
    paper: print.paper ?? "letter",
    margins: PRINT_MARGINS,
    fitToWidth: print.fitToWidth,
    titleRows:
      t && t.start >= 0 && t.end >= t.start
        ? rowSpan(t.start, Math.min(t.end, MAX_ROWS - 1))
        : null,
    titleCols:
      c && c.start >= 0 && c.end >= c.start
        ? columnSpan(c.start, Math.min(c.end, MAX_COLS - 1))
        : null,
    areas,
    rowBreaks,
    footer: print.footer ? clipText(print.footer, MAX_FOOTER) : "",
  };
}

/**
 * A sheet's notes as every port writes them: one per cell inside the grid (the last given for a cell wins), by row
 * then column, their text cut to what a cell holds.
 */
export function sheetNotes(notes: readonly CellNote[] | undefined): CellNote[] {
  const byCell = new Map<string, CellNote>();
  for (const n of notes ?? []) {
    if (n.row < 0 || n.col < 0 || n.row >= MAX_ROWS || n.col >= MAX_COLS || !n.text) continue;
    byCell.set(`${n.row}:${n.col}`, { ...n, text: n.text.slice(0, MAX_CELL_TEXT) });
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}
