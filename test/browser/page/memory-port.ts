/**
 * An in-memory workbook and a WorkbookPort over it, for the browser tests' page: sheets are `{ name, values }`,
 * the state lives in a very-hidden sheet exactly as the real ports store it (src/core/state.ts), and written text
 * loses the leading apostrophe of escapeCellValue as Excel does. It also records selections and the active sheet
 * so the test can assert what the pane asked Excel to do.
 */
import type { CellUpdate, SheetInfo, WorkbookPort } from "../../../src/core/port";
import { parseState, serializeState, STATE_SHEET_NAME } from "../../../src/core/state";
import type { CellValue, SheetCells, SheetModel, WorkbookState } from "../../../src/core/types";

export interface MemorySheet {
  name: string;
  values: CellValue[][];
  visibility: SheetInfo["visibility"];
}

/** "H14" → { row: 13, col: 7 } (0-based). */
export function parseA1(cell: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(cell.toUpperCase());
  if (!m) throw new Error(`"${cell}" is not a cell address.`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

const asStored = (v: CellValue): CellValue =>
  typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;

export class MemoryWorkbook {
  sheets: MemorySheet[];
  active: string | null = null;
  selected: { sheet: string; cell: string } | null = null;
  constructor(sheets: { name: string; values: CellValue[][] }[]) {
    this.sheets = sheets.map((s) => ({
      name: s.name,
      values: s.values.map((r) => [...r]),
      visibility: "visible",
    }));
    this.active = this.sheets[0]?.name ?? null;
  }
  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
}

export class MemoryPort implements WorkbookPort {
  private listeners: ((sel: { sheet: string; row: number; col: number }) => void)[] = [];
  constructor(readonly book: MemoryWorkbook) {}

  async listSheets(): Promise<SheetInfo[]> {
    return this.book.sheets.map((s, position) => ({
      name: s.name,
      position,
      visibility: s.visibility,
      rows: s.values.length,
      cols: s.values.reduce((n, r) => Math.max(n, r.length), 0),
    }));
  }

  async readSheets(names: string[]): Promise<SheetCells[]> {
    return names.map((name) => {
      const s = this.book.sheet(name);
      if (!s) throw new Error(`There is no sheet named "${name}" in this workbook.`);
      return { name: s.name, values: s.values.map((r) => [...r]) };
    });
  }

  async writeSheets(
    models: SheetModel[],
    onProgress?: (p: { label: string; fraction: number }) => void
  ): Promise<void> {
    models.forEach((m, i) => {
      onProgress?.({ label: `Writing ${m.name}`, fraction: i / models.length });
      const values = m.values.map((r) => r.map(asStored));
      const existing = this.book.sheet(m.name);
      if (existing) existing.values = values;
      else this.book.sheets.push({ name: m.name, values, visibility: "visible" });
    });
  }

  async readState(): Promise<WorkbookState> {
    const s = this.book.sheet(STATE_SHEET_NAME);
    return parseState(s ? s.values.map((r) => r[0]) : []).state;
  }

  async writeState(state: WorkbookState): Promise<void> {
    const values = serializeState(state).map((text) => [text]);
    const s = this.book.sheet(STATE_SHEET_NAME);
    if (s) s.values = values;
    else this.book.sheets.push({ name: STATE_SHEET_NAME, values, visibility: "veryHidden" });
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    for (const u of updates) {
      const s = this.book.sheet(u.sheet);
      if (!s) throw new Error(`There is no sheet named "${u.sheet}" in this workbook.`);
      const { row, col } = parseA1(u.cell);
      while (s.values.length <= row) s.values.push([]);
      const r = s.values[row];
      while (r.length <= col) r.push("");
      r[col] = asStored(u.value);
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.book.active = sheet;
    this.book.selected = { sheet, cell: address };
  }

  async activateSheet(name: string): Promise<void> {
    this.book.active = name;
  }

  async onSelectionChanged(
    handler: (sel: { sheet: string; row: number; col: number }) => void
  ): Promise<() => Promise<void>> {
    this.listeners.push(handler);
    return async () => {
      this.listeners = this.listeners.filter((h) => h !== handler);
    };
  }

  /** What Excel does when the user clicks a cell: `row` is the 1-based worksheet row. */
  userSelects(sheet: string, cell: string): void {
    const { row, col } = parseA1(cell);
    this.book.selected = { sheet, cell };
    for (const h of this.listeners) h({ sheet, row: row + 1, col });
  }
}
