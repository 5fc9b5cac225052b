/**
 * A SheetModel laid out cell by cell, as both package writers need it: the area it covers, each cell's look (the
 * model's styles laid over each other in order, core/sheet-rules.ts layerStyle, as Excel applies formats) and
 * number format as small indices in typed grids, and its formula cells. The exceljs writer (write-model.ts) and the
 * direct XML writer (worksheet-xml.ts) both read the model through here, so a cell looks the same whichever wrote it.
 */
import { clipRange, layerStyle, MAX_COLS, MAX_ROWS } from "../core/sheet-rules";
import { STYLES } from "../core/reports/styles";
import type { CellValue, RangeRef, SheetModel, StyleName, StyleSpec } from "../core/types";

/** Above this many cells in a model's area the style grid would not fit comfortably in memory. */
export const MAX_GRID_CELLS = 60_000_000;

export interface Area {
  rows: number;
  cols: number;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

/** A sheet name as formulas write it: 'Sheet Name' with apostrophes doubled. */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The rows and columns a model writes: its values and every range it formats, clipped to Excel's grid. */
export function areaOf(model: SheetModel): Area {
  let rows = model.values.length;
  let cols = 0;
  for (const row of model.values) if (row && row.length > cols) cols = row.length;
  const grow = (r: RangeRef | null) => {
    if (!r) return;
    rows = Math.max(rows, r.row + r.rows);
    cols = Math.max(cols, r.col + r.cols);
  };
  for (const f of model.numberFormats) grow(clipRange(f.range));
  for (const s of model.styles) grow(clipRange(s.range));
  for (const t of model.tables) grow(clipRange(t.range));
  return { rows: Math.min(rows, MAX_ROWS), cols: Math.min(cols, MAX_COLS) };
}

/**
 * Looks by index (1-based; 0 = none), each the merge of the styles laid on a cell so far, in order; and number
 * formats by index (1-based; 0 = none).
 */
export class LookIndex {
  private readonly specs: StyleSpec[] = [];
  private readonly layerIndex = new Map<string, number>();
  private readonly formats: string[] = [];
  private readonly formatIndex = new Map<string, number>();

  /**
   * The look of a cell whose look was `below` (an index, 0 = none) once the named style is laid over it: the
   * style's properties win, the others stay.
   */
  layer(below: number, name: StyleName): number {
    const key = `${below}\u0000${name}`;
    let i = this.layerIndex.get(key);
    if (i === undefined) {
      this.specs.push(layerStyle(below ? this.specs[below - 1] : {}, STYLES[name] ?? {}));
      this.layerIndex.set(key, (i = this.specs.length));
    }
    return i;
  }

  /** 1-based index of a number format (0 = none). */
  format(fmt: string): number {
    let i = this.formatIndex.get(fmt);
    if (i === undefined) {
      this.formats.push(fmt);
      this.formatIndex.set(fmt, (i = this.formats.length));
    }
    return i;
  }

  spec(i: number): StyleSpec | null {
    return i ? this.specs[i - 1] : null;
  }

  formatCode(i: number): string | null {
    return i ? this.formats[i - 1] : null;
  }
}

/** Lays a style over the cells of a range (each cell's look becomes its old look with the style over it). */
function layer(
  grid: Uint16Array,
  area: Area,
  range: RangeRef,
  looks: LookIndex,
  name: StyleName
): void {
  const r = clipRange(range);
  if (!r) return;
  const endRow = Math.min(area.rows, r.row + r.rows);
  const endCol = Math.min(area.cols, r.col + r.cols);
  let lastBelow = -1;
  let lastLook = 0;
  for (let row = r.row; row < endRow; row++)
    for (let i = row * area.cols + r.col, end = row * area.cols + endCol; i < end; i++) {
      const below = grid[i];
      if (below !== lastBelow) [lastBelow, lastLook] = [below, looks.layer(below, name)];
      grid[i] = lastLook;
    }
}

/** Fills grid cells of a range with an index (later ranges win). */
function paint(grid: Uint16Array, area: Area, range: RangeRef, index: number): void {
  const r = clipRange(range);
  if (!r) return;
  const endRow = Math.min(area.rows, r.row + r.rows);
  const endCol = Math.min(area.cols, r.col + r.cols);
  for (let row = r.row; row < endRow; row++)
    grid.fill(index, row * area.cols + r.col, row * area.cols + endCol);
}

/** Each cell's look and number format, by grid index (row × area.cols + col). */
export interface LookGrids {
  styles: Uint16Array;
  formats: Uint16Array;
}

/** The model's looks laid out on its area; a model too large for one go is refused naming its sheet. */
export function lookGrids(model: SheetModel, area: Area, looks: LookIndex): LookGrids {
  const cells = area.rows * area.cols;
  if (cells > MAX_GRID_CELLS)
    throw new Error(
      `The sheet "${model.name}" would have ${area.rows.toLocaleString("en-US")} rows × ${area.cols} columns, more than can be written in one go.`
    );
  const styles = new Uint16Array(cells);
  const formats = new Uint16Array(cells);
  for (const s of model.styles) layer(styles, area, s.range, looks, s.style);
  for (const f of model.numberFormats) paint(formats, area, f.range, looks.format(f.format));
  return { styles, formats };
}

/** The model's formula cells by grid index (row × area.cols + col): formula text without its "=". */
export function formulaGrid(model: SheetModel, area: Area): Map<number, string> {
  const out = new Map<number, string>();
  for (const block of model.formulas ?? []) {
    const r = clipRange(block.range);
    if (!r) continue;
    for (let i = 0; i < block.formulas.length && r.row + i < area.rows; i++)
      for (let j = 0; j < (block.formulas[i]?.length ?? 0) && r.col + j < area.cols; j++) {
        const f = block.formulas[i][j];
        if (typeof f === "string" && f.startsWith("="))
          out.set((r.row + i) * area.cols + r.col + j, f.slice(1));
      }
  }
  return out;
}

/** The value a formula cell caches: the core's computed value when it is a number, text or boolean. */
export function cachedResult(v: CellValue | undefined): number | string | boolean | undefined {
  return typeof v === "number" && Number.isFinite(v)
    ? v
    : typeof v === "string" || typeof v === "boolean"
      ? v
      : undefined;
}

/** Rows → outline level (1–7) and the sheet's deepest level, from the model's groups. */
export function outlineLevels(model: SheetModel): { levels: Map<number, number>; max: number } {
  let max = 0;
  const levels = new Map<number, number>();
  for (const g of model.outline) {
    const level = Math.max(1, Math.min(7, Math.floor(g.level)));
    const start = Math.max(0, g.startRow);
    const end = Math.min(MAX_ROWS - 1, g.endRow);
    for (let r = start; r <= end; r++) if ((levels.get(r) ?? 0) < level) levels.set(r, level);
    if (level > max) max = level;
  }
  return { levels, max };
}

const SUMMARY_STYLES = new Set<StyleName>(["subtotal", "total"]);

/**
 * Where the +/- button of the outline sits: below a group when every group is followed by its subtotal row,
 * otherwise above (a heading row followed by its detail).
 */
export function summaryBelow(model: SheetModel): boolean {
  const styledRows = new Map<number, StyleName>();
  for (const s of model.styles)
    for (let r = s.range.row; r < s.range.row + s.range.rows; r++) styledRows.set(r, s.style);
  return model.outline.every((g) => {
    const s = styledRows.get(g.endRow + 1);
    return s !== undefined && SUMMARY_STYLES.has(s);
  });
}
