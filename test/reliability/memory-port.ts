/**
 * An in-memory workbook behind the real WorkbookPort interface, with faults that can be injected: any port call
 * can be made to fail on its Nth use. It behaves as the real ports promise: writeSheets is all-or-nothing
 * (a failure leaves every sheet as it was), the state lives in a very-hidden sheet exactly as the ports store it,
 * and written text loses the leading apostrophe of escapeCellValue as Excel does. Every write is recorded so a test
 * can check that no user sheet was touched.
 */
import { parseA1 } from "../../src/core/a1";
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "../../src/core/port";
import { parseState, serializeState, STATE_SHEET_NAME } from "../../src/core/state";
import type { CellValue, SheetCells, SheetModel, WorkbookState } from "../../src/core/types";

export interface Sheet {
  name: string;
  values: CellValue[][];
  visibility?: SheetInfo["visibility"];
  /** A chart, dialog or macro sheet (no cells are read from it); a worksheet when not said. */
  type?: SheetInfo["type"];
  /** The report our marker says this sheet is (the marker a run writes with each report sheet). */
  report?: string;
  /** Per column, the number format of its figures (what the package port reads from the cells' styles). */
  numberFormats?: string[];
  /** The A1 ranges of pivot tables on the sheet (what the package port reads from its pivot table parts). */
  pivotTables?: string[];
}

export type PortCall =
  "listSheets" | "readSheets" | "writeSheets" | "readState" | "writeState" | "writeCells";

const stored = (v: CellValue): CellValue =>
  typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;

export class FaultError extends Error {}

export class MemoryBook implements WorkbookPort {
  sheets: (Required<Omit<Sheet, "type" | "report" | "numberFormats" | "pivotTables">> &
    Pick<Sheet, "type" | "report" | "numberFormats" | "pivotTables">)[];
  /** Calls made, in order. */
  readonly calls: PortCall[] = [];
  /** Every cell written by writeCells, as "Sheet!A1=value". */
  readonly cellWrites: string[] = [];
  /** Models passed to writeSheets that were applied. */
  readonly written: SheetModel[] = [];
  private faults = new Map<PortCall, { nth: number; message: string }>();
  private counts = new Map<PortCall, number>();

  constructor(sheets: Sheet[], state?: WorkbookState | unknown[]) {
    this.sheets = sheets.map((s) => ({
      name: s.name,
      values: s.values.map((r) => [...r]),
      visibility: s.visibility ?? "visible",
      ...(s.type ? { type: s.type } : {}),
      ...(s.report ? { report: s.report } : {}),
      ...(s.numberFormats ? { numberFormats: s.numberFormats } : {}),
      ...(s.pivotTables ? { pivotTables: s.pivotTables } : {}),
    }));
    if (state) {
      const rows = Array.isArray(state) ? state : serializeState(state);
      this.sheets.push({
        name: STATE_SHEET_NAME,
        values: rows.map((r) => [r as CellValue]),
        visibility: "veryHidden",
      });
    }
  }

  /** Makes the nth (1-based) call of this kind, counted from now, fail with the given message. */
  failOn(
    call: PortCall,
    nth = 1,
    message = `The workbook could not be written (${call} failed).`
  ): this {
    this.faults.set(call, { nth: (this.counts.get(call) ?? 0) + nth, message });
    return this;
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private enter(call: PortCall): void {
    this.calls.push(call);
    const n = (this.counts.get(call) ?? 0) + 1;
    this.counts.set(call, n);
    const f = this.faults.get(call);
    if (f && f.nth === n) {
      this.faults.delete(call);
      throw new FaultError(f.message);
    }
  }

  sheet(name: string): MemoryBook["sheets"][number] | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A deep copy of every sheet's values, for before/after comparisons. */
  snapshot(names?: string[]): Record<string, CellValue[][]> {
    const out: Record<string, CellValue[][]> = {};
    for (const s of this.sheets)
      if (!names || names.includes(s.name)) out[s.name] = s.values.map((r) => [...r]);
    return out;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.enter("listSheets");
    return this.sheets.map((s, position) => ({
      name: s.name,
      position,
      visibility: s.visibility,
      rows: s.values.length,
      cols: s.values.reduce((n, r) => Math.max(n, r.length), 0),
      ...(s.type ? { type: s.type } : {}),
      ...(s.report ? { report: s.report } : {}),
    }));
  }

  async readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]> {
    this.enter("readSheets");
    return names.map((name, i) => {
      onProgress?.({ label: `Reading ${name}`, fraction: i / Math.max(1, names.length) });
      const s = this.sheet(name);
      if (!s || (s.type ?? "worksheet") !== "worksheet")
        throw new Error(`There is no sheet named "${name}" in this workbook.`);
      // Excel's used range is a rectangle; rows come back as copies.
      const width = s.values.reduce((n, r) => Math.max(n, r.length), 0);
      const values = s.values.map((r) => {
        const row = r.slice();
        while (row.length < width) row.push("");
        return row;
      });
      return {
        name: s.name,
        startRow: 0,
        startCol: 0,
        values,
        ...(s.numberFormats ? { numberFormats: s.numberFormats } : {}),
        ...(s.pivotTables ? { pivotTables: s.pivotTables } : {}),
      };
    });
  }

  async writeSheets(models: SheetModel[], onProgress?: ProgressFn): Promise<void> {
    this.enter("writeSheets");
    // All-or-nothing: build the new sheet list, then swap it in.
    const next = this.sheets.map((s) => ({ ...s }));
    models.forEach((m, i) => {
      onProgress?.({ label: `Writing ${m.name}`, fraction: i / Math.max(1, models.length) });
      const values = m.values.map((r) => r.map((v) => stored(v)));
      const at = next.findIndex((s) => s.name.toLowerCase() === m.name.toLowerCase());
      if (at >= 0 && (next[at].type ?? "worksheet") !== "worksheet")
        throw new Error(`"${m.name}" is a ${next[at].type} sheet: it cannot be replaced.`);
      // Our marker moves with the report: to the sheet written, off any other.
      if (m.report) for (const s of next) if (s.report === m.report) delete s.report;
      const sheet = {
        name: at >= 0 ? next[at].name : m.name,
        values,
        visibility: "visible" as const,
      };
      const marked = m.report ? { ...sheet, report: m.report } : sheet;
      if (at >= 0) next[at] = marked;
      else next.push(marked);
    });
    this.sheets = next;
    this.written.push(...models);
  }

  async readState(): Promise<WorkbookState> {
    this.enter("readState");
    const s = this.sheet(STATE_SHEET_NAME);
    return parseState(s ? s.values.map((r) => r[0]) : []).state;
  }

  /** The raw rows of the state sheet's column A. */
  stateRows(): CellValue[] {
    return (this.sheet(STATE_SHEET_NAME)?.values ?? []).map((r) => r[0]);
  }

  async writeState(state: WorkbookState): Promise<void> {
    this.enter("writeState");
    const values = serializeState(state).map((text) => [text] as CellValue[]);
    const s = this.sheet(STATE_SHEET_NAME);
    if (s) s.values = values;
    else this.sheets.push({ name: STATE_SHEET_NAME, values, visibility: "veryHidden" });
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    this.enter("writeCells");
    for (const u of updates) {
      if (!this.sheet(u.sheet))
        throw new Error(`There is no sheet named "${u.sheet}" in this workbook.`);
    }
    for (const u of updates) {
      const s = this.sheet(u.sheet)!;
      const { row, col } = parseA1(u.cell);
      while (s.values.length <= row) s.values.push([]);
      const r = s.values[row];
      while (r.length <= col) r.push("");
      r[col] = stored(u.value);
      this.cellWrites.push(`${s.name}!${u.cell}=${u.value}`);
    }
  }
}
