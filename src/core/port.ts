import type { SheetCells, SheetModel, WorkbookState } from "./types";

/**
 * What the core needs from a workbook. Implemented by src/excel (Office.js, inside Excel) and by
 * src/xlsx (exceljs, for the CLI). The core's workflow (src/core/workflow.ts) drives a run through this
 * interface only, so the task pane and the CLI run exactly the same steps.
 */
export interface SheetInfo {
  name: string;
  /** 0-based tab position. */
  position: number;
  visibility: "visible" | "hidden" | "veryHidden";
  /** Used range size (rows × columns), 0 × 0 when empty. */
  rows: number;
  cols: number;
  /**
   * What kind of sheet it is (a worksheet when not said): chart, dialog and macro sheets have no cells to read;
   * "unlisted" is one of those three whose kind the host does not tell (Excel's API lists worksheets only).
   */
  type?: "worksheet" | "chart" | "dialog" | "macro" | "unlisted";
  /** The report this sheet is, by the marker we write with it (src/core/report-sheets.ts); unset for any other. */
  report?: string;
}

export interface Progress {
  /** What is happening, in plain words: "Reading Budget (rows 1–20,000 of 84,112)". */
  label: string;
  /** 0..1 */
  fraction: number;
}

export type ProgressFn = (p: Progress) => void;

/** A single cell written into a user's sheet (only ever the tag column the user owns). */
export interface CellUpdate {
  sheet: string;
  /** A1 address, e.g. "H14". */
  cell: string;
  value: string;
}

export interface WorkbookPort {
  listSheets(): Promise<SheetInfo[]>;
  /** Used-range values of the named sheets, in the order asked. Unknown names are an error naming the sheet. */
  readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]>;
  /**
   * Add or replace generated sheets. A sheet that exists is replaced in place (same tab position); every
   * other sheet is left untouched. All-or-nothing as far as the host allows: on failure the user's sheets are
   * as they were and the error says what happened.
   */
  writeSheets(models: SheetModel[], onProgress?: ProgressFn): Promise<void>;
  /** State kept with the workbook (tags, rules, overrides, review answers). Empty state when none stored. */
  readState(): Promise<WorkbookState>;
  writeState(state: WorkbookState): Promise<void>;
  /** Write into cells of the user's own tag column (e.g. the Goal column), never anywhere else. */
  writeCells(updates: CellUpdate[]): Promise<void>;
}
