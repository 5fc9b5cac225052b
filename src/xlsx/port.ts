/**
 * The workbook port over exceljs, for the command line: the same WorkbookPort the task pane uses over
 * Office.js, on an .xlsx file. Reads give the core the values Excel's `range.values` would give (dates as
 * serial numbers, errors as "#REF!", formulas as their cached results, merged cells blank but the first).
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "../core/port";
import { parseState, serializeState, STATE_SHEET_NAME } from "../core/state";
import { textForTypedCell } from "../core/escape";
import type { CellValue, ChartModel, SheetCells, SheetModel, WorkbookState } from "../core/types";
import { addCharts } from "./charts";
import {
  fromXstring,
  QUOTE_PREFIX_SUPPORTED,
  styleOf,
  toXstring,
  writeSheetModel,
  type XlsxStyle,
} from "./write-model";

/** Days between Excel's 1900 epoch (with its 1900 leap-year bug) and the Unix epoch. */
const EXCEL_EPOCH_OFFSET = 25569;
const MS_PER_DAY = 86400000;

export function dateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
}

/** One exceljs cell value as Excel's `range.values` would give it. */
export function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if ("error" in o) return String(o.error);
    if ("richText" in o && Array.isArray(o.richText))
      return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("formula" in o || "sharedFormula" in o) {
      const result = o.result as ExcelJS.CellValue | undefined;
      if (result === undefined || result === null) return "";
      if (typeof result === "object" && result !== null && "error" in (result as object))
        return String((result as { error: unknown }).error);
      // exceljs decodes _x000D_ and the like in shared strings, not in a formula's cached text.
      if (typeof result === "string") return fromXstring(result);
      return toCellValue(result);
    }
    if ("text" in o) return toCellValue(o.text as ExcelJS.CellValue);
  }
  return String(v);
}

function visibilityOf(ws: ExcelJS.Worksheet): SheetInfo["visibility"] {
  return ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible";
}

/** Top-left cells of merged areas are kept; the other cells of a merge read as blank, as in Excel. */
function mergedSlaves(ws: ExcelJS.Worksheet): Set<string> {
  const slaves = new Set<string>();
  const merges = (
    ws as unknown as {
      _merges?: Record<
        string,
        { model: { top: number; left: number; bottom: number; right: number } }
      >;
    }
  )._merges;
  if (!merges) return slaves;
  for (const m of Object.values(merges)) {
    const { top, left, bottom, right } = m.model;
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (r !== top || c !== left) slaves.add(`${r}:${c}`);
  }
  return slaves;
}

export function worksheetValues(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  let width = 0;
  const slaves = mergedSlaves(ws);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      out[c - 1] = slaves.size && slaves.has(`${r}:${c}`) ? "" : toCellValue(cell.value);
    });
    rows[r - 1] = out;
    if (out.length > width) width = out.length;
  });
  // Dense rectangle, as Excel's used range is.
  const dense: CellValue[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r];
    const row: CellValue[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = src ? src[c] : undefined;
      row[c] = v === undefined ? "" : v;
    }
    dense[r] = row;
  }
  return dense;
}

/**
 * exceljs orders the tabs by each worksheet's `orderNo` (set from the file's sheet order on load, last + 1 on
 * addWorksheet) and writes the sheets in that order; it keeps the field on the worksheet without declaring it in
 * its typings. A replaced sheet takes over its predecessor's orderNo, so it lands on the same tab and no other
 * sheet moves.
 */
interface OrderedWorksheet {
  orderNo: number;
}
function tabOrder(ws: ExcelJS.Worksheet): number | undefined {
  const n = (ws as unknown as Partial<OrderedWorksheet>).orderNo;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}
function setTabOrder(ws: ExcelJS.Worksheet, orderNo: number): void {
  (ws as unknown as OrderedWorksheet).orderNo = orderNo;
}

export class XlsxPort implements WorkbookPort {
  /** Charts are added to the saved file after exceljs writes it (exceljs cannot write charts). */
  private charts = new Map<string, ChartModel[]>();

  constructor(readonly workbook: ExcelJS.Workbook) {}

  static async open(file: string): Promise<XlsxPort> {
    let data: Buffer;
    try {
      data = await fs.readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(
        code === "ENOENT"
          ? `The file "${file}" does not exist.`
          : `The file "${file}" could not be opened (${code ?? e}).`
      );
    }
    return XlsxPort.fromBuffer(data, path.basename(file));
  }

  static async fromBuffer(
    data: Buffer | ArrayBuffer | Uint8Array,
    label = "the workbook"
  ): Promise<XlsxPort> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as ArrayBuffer);
    } catch {
      throw new Error(
        `"${label}" is not an Excel workbook (.xlsx) that can be read. Save it as .xlsx and try again.`
      );
    }
    return new XlsxPort(wb);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.worksheets.map((ws, position) => ({
      name: ws.name,
      position,
      visibility: visibilityOf(ws),
      rows: ws.actualRowCount ? ws.rowCount : 0,
      cols: ws.actualColumnCount ? ws.columnCount : 0,
    }));
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!ws) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    return ws;
  }

  async readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]> {
    return names.map((name, i) => {
      onProgress?.({ label: `Reading ${name}`, fraction: i / Math.max(1, names.length) });
      const ws = this.sheet(name);
      return { name: ws.name, startRow: 0, startCol: 0, values: worksheetValues(ws) };
    });
  }

  async writeSheets(models: SheetModel[], onProgress?: ProgressFn): Promise<void> {
    models.forEach((model, i) => {
      onProgress?.({ label: `Writing ${model.name}`, fraction: i / Math.max(1, models.length) });
      const old = this.workbook.worksheets.find(
        (w) => w.name.toLowerCase() === model.name.toLowerCase()
      );
      const orderNo = old ? tabOrder(old) : undefined;
      if (old) {
        this.workbook.removeWorksheet(old.id);
        this.charts.delete(old.name);
      }
      let ws: ExcelJS.Worksheet;
      try {
        ws = writeSheetModel(this.workbook, model);
      } catch (e) {
        // Leave no half-written sheet behind; say which sheet could not be written.
        const partial = this.workbook.worksheets.find(
          (w) => w.name.toLowerCase() === model.name.toLowerCase()
        );
        if (partial) this.workbook.removeWorksheet(partial.id);
        throw new Error(
          `The sheet "${model.name}" could not be written: ${(e as Error).message ?? e}`
        );
      }
      if (orderNo !== undefined) setTabOrder(ws, orderNo); // same place among the tabs
      if (model.charts.length) this.charts.set(ws.name, model.charts);
      else this.charts.delete(ws.name);
    });
    onProgress?.({ label: "Sheets written", fraction: 1 });
  }

  async readState(): Promise<WorkbookState> {
    return this.readStateWithIssues().state;
  }

  readStateWithIssues(): ReturnType<typeof parseState> {
    const ws = this.workbook.worksheets.find((w) => w.name === STATE_SHEET_NAME);
    if (!ws) return parseState([]);
    const rows: unknown[] = [];
    ws.getColumn(1).eachCell({ includeEmpty: true }, (cell) => rows.push(toCellValue(cell.value)));
    return parseState(rows);
  }

  async writeState(state: WorkbookState): Promise<void> {
    const old = this.workbook.worksheets.find((w) => w.name === STATE_SHEET_NAME);
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(STATE_SHEET_NAME, { state: "veryHidden" });
    serializeState(state).forEach((chunk, i) => {
      ws.getCell(i + 1, 1).value = toXstring(chunk);
    });
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    for (const u of updates) {
      // A typed string cell in .xlsx is never evaluated, whatever it starts with; the quote prefix keeps it text
      // when someone edits the cell in Excel, as typing '=text would.
      const { text, quotePrefix } = textForTypedCell(u.value);
      const cell = this.sheet(u.sheet).getCell(u.cell);
      cell.value = toXstring(text);
      const style = styleOf(cell);
      if (quotePrefix !== !!style.quotePrefix) {
        const next: XlsxStyle = { ...style };
        if (quotePrefix && QUOTE_PREFIX_SUPPORTED) next.quotePrefix = true;
        else if (quotePrefix) next.numFmt = "@";
        else delete next.quotePrefix;
        cell.style = next as Partial<ExcelJS.Style>;
      }
    }
  }

  /** The workbook as .xlsx bytes, charts included. */
  async toBuffer(): Promise<Buffer> {
    const raw = Buffer.from(await this.workbook.xlsx.writeBuffer());
    const charts = [...this.charts].map(([sheetName, list]) => ({ sheetName, charts: list }));
    return charts.length ? addCharts(raw, charts) : raw;
  }

  /** Saves to a file through a temporary file, so a failure never leaves a half-written workbook. */
  async save(file: string): Promise<void> {
    const data = await this.toBuffer();
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  }
}
