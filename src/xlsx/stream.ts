/**
 * A streaming path for very large workbooks (hundreds of thousands of lines, up to Excel's 1,048,576 rows).
 *
 * The regular XlsxPort loads the whole workbook into exceljs's object model (several KB per row), which
 * does not fit a million-row budget in 2 GB. Here the workbook is read once with exceljs's streaming reader
 * into plain values, the same core runs through a WorkbookPort over those values, and the result is written
 * with the streaming writer.
 *
 * What is kept: every sheet's values, order, names and visibility; the generated sheets' values, column
 * widths, frozen panes and number formats; the hidden state sheet.
 * What is not kept (the price of streaming): the user's sheets' formatting (fonts, fills, borders, column
 * widths, number formats), formulas (their last calculated values are written instead), merged cells, and in
 * the generated sheets the styles, tables, validations, conditional formats, outline groups, print settings
 * and charts. The CLI should use it only for files too big for XlsxPort, and say so.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "../core/port";
import { parseA1 } from "../core/a1";
import { parseState, serializeState, STATE_SHEET_NAME } from "../core/state";
import { textForTypedCell } from "../core/escape";
import type { CellValue, Plan, SheetCells, SheetModel, WorkbookState } from "../core/types";
import { fromXstring, toXstring } from "./write-model";

/** Above this file size the CLI should take the streaming path (XlsxPort needs ~40× the file size in memory). */
export const STREAM_THRESHOLD_BYTES = 25 * 1024 * 1024;

/** A cell from the streaming reader as Excel's `range.values` gives it (styles are not read: dates stay serials). */
export function streamCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return "";
  // The streaming reader leaves the .xlsx escapes (_x000D_ for a carriage return) in the text.
  if (typeof v === "string") return fromXstring(v);
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return String(o.error);
    if ("richText" in o && Array.isArray(o.richText))
      return (o.richText as { text: string }[]).map((r) => fromXstring(String(r.text))).join("");
    if ("formula" in o || "sharedFormula" in o)
      return "result" in o ? streamCellValue(o.result) : "";
    if ("text" in o) return streamCellValue(o.text);
  }
  return String(v);
}

interface StreamSheet {
  name: string;
  visibility: SheetInfo["visibility"];
  values: CellValue[][];
  width: number;
}

/**
 * One shared style object per look. exceljs's writer caches style ids by object identity, while every new
 * cell gets a fresh style object of its own; giving cells the shared object skips styling them one by one
 * (the profile of a 100,000-line save showed ~17% of the time in styles-xform addStyleModel).
 */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({}) as Partial<ExcelJS.Style>;
const formatStyles = new Map<string, Partial<ExcelJS.Style>>();
function formatStyle(numFmt: string): Partial<ExcelJS.Style> {
  let s = formatStyles.get(numFmt);
  if (!s) formatStyles.set(numFmt, (s = Object.freeze({ numFmt }) as Partial<ExcelJS.Style>));
  return s;
}
function plainRow(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.style = PLAIN_STYLE;
  });
}

export class StreamPort implements WorkbookPort {
  private generated = new Map<string, SheetModel>();
  private state: WorkbookState | null = null;

  private constructor(private sheets: StreamSheet[]) {}

  /**
   * Reads every sheet's values with the streaming reader. Errors name the file in plain words. The streaming unzip
   * has been seen to fail once on a file it reads the next time (under heavy load), so a failed read is tried once
   * more before the file is called unreadable.
   */
  static async open(file: string, onProgress?: ProgressFn): Promise<StreamPort> {
    try {
      await fs.access(file);
    } catch {
      throw new Error(`The file "${file}" does not exist.`);
    }
    let first: unknown;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await StreamPort.read(file, onProgress);
      } catch (e) {
        first ??= e;
      }
    }
    throw new Error(
      `"${path.basename(file)}" is not an Excel workbook (.xlsx) that can be read. Save it as .xlsx and try again.`,
      { cause: first }
    );
  }

  private static async read(file: string, onProgress?: ProgressFn): Promise<StreamPort> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "ignore",
      hyperlinks: "ignore",
      entries: "ignore",
    });
    const sheets: StreamSheet[] = [];
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      const values: CellValue[][] = [];
      let width = 0;
      let n = 0;
      for await (const row of ws) {
        const r = row as ExcelJS.Row;
        const raw = r.values as unknown[];
        const out: CellValue[] = new Array(Math.max(0, raw.length - 1));
        for (let c = 1; c < raw.length; c++) out[c - 1] = streamCellValue(raw[c]);
        values[r.number - 1] = out;
        if (out.length > width) width = out.length;
        if (++n % 100000 === 0)
          onProgress?.({
            label: `Reading ${name} (row ${r.number.toLocaleString("en-US")})`,
            fraction: 0,
          });
      }
      sheets.push({ name, visibility: "visible", values, width });
    }
    // Visibility comes from workbook.xml, which the reader has parsed by now.
    const model = (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } })
      .model;
    for (const s of sheets) {
      const info = model?.sheets?.find((m) => m.name === s.name);
      if (info?.state === "hidden" || info?.state === "veryHidden") s.visibility = info.state;
    }
    // Dense rectangles, as Excel's used range is.
    for (const s of sheets) {
      for (let r = 0; r < s.values.length; r++) {
        const row = s.values[r] ?? [];
        for (let c = 0; c < s.width; c++) if (row[c] === undefined) row[c] = "";
        s.values[r] = row;
      }
    }
    return new StreamPort(sheets);
  }

  /** For tests and tools: a port over values already in memory. */
  static fromValues(
    sheets: { name: string; values: CellValue[][]; visibility?: SheetInfo["visibility"] }[]
  ): StreamPort {
    return new StreamPort(
      sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility ?? "visible",
        values: s.values,
        width: s.values.reduce((w, r) => Math.max(w, r.length), 0),
      }))
    );
  }

  private find(name: string): StreamSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    return s;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s, position) => {
      const model = this.generated.get(s.name.toLowerCase());
      const values = model ? model.values : s.values;
      const cols = model ? values.reduce((w, r) => Math.max(w, r.length), 0) : s.width;
      return {
        name: s.name,
        position,
        visibility: s.visibility,
        rows: cols ? values.length : 0,
        cols,
      };
    });
  }

  async readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]> {
    return names.map((name, i) => {
      onProgress?.({ label: `Reading ${name}`, fraction: i / Math.max(1, names.length) });
      const s = this.find(name);
      const model = this.generated.get(s.name.toLowerCase());
      return { name: s.name, startRow: 0, startCol: 0, values: model ? model.values : s.values };
    });
  }

  async writeSheets(models: SheetModel[]): Promise<void> {
    for (const m of models) {
      const key = m.name.toLowerCase();
      this.generated.set(key, m);
      if (!this.sheets.some((s) => s.name.toLowerCase() === key))
        this.sheets.push({ name: m.name, visibility: "visible", values: [], width: 0 });
    }
  }

  async readState(): Promise<WorkbookState> {
    if (this.state) return this.state;
    const s = this.sheets.find((x) => x.name === STATE_SHEET_NAME);
    return parseState(s ? s.values.map((r) => (r[0] === undefined ? "" : r[0])) : []).state;
  }

  async writeState(state: WorkbookState): Promise<void> {
    this.state = state;
    if (!this.sheets.some((s) => s.name === STATE_SHEET_NAME))
      this.sheets.push({ name: STATE_SHEET_NAME, visibility: "veryHidden", values: [], width: 1 });
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    for (const u of updates) {
      const s = this.find(u.sheet);
      const { row, col } = parseA1(u.cell);
      while (s.values.length <= row) s.values.push(new Array(s.width).fill(""));
      const r = s.values[row];
      while (r.length <= col) r.push("");
      if (col + 1 > s.width) s.width = col + 1;
      r[col] = textForTypedCell(u.value).text;
    }
  }

  /** Writes the workbook with the streaming writer, through a temporary file. */
  async save(file: string, onProgress?: ProgressFn): Promise<void> {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useStyles: true,
      useSharedStrings: true,
    });
    try {
      for (const s of this.sheets) {
        const model = this.generated.get(s.name.toLowerCase());
        if (s.name === STATE_SHEET_NAME && this.state) {
          const ws = wb.addWorksheet(s.name, { state: "veryHidden" });
          for (const chunk of serializeState(this.state)) {
            const row = ws.addRow([toXstring(chunk)]);
            plainRow(row);
            row.commit();
          }
          ws.commit();
        } else if (model) {
          writeModelStreaming(wb, model);
        } else {
          const ws = wb.addWorksheet(s.name, { state: s.visibility });
          let n = 0;
          for (const row of s.values) {
            const added = ws.addRow(row.map(streamOut));
            plainRow(added);
            added.commit();
            if (++n % DRAIN_EVERY === 0) {
              // The writer does not wait for the zip to take what it wrote: let it drain, or a big sheet piles up in memory.
              await drain(ws);
              if (n % 100000 === 0)
                onProgress?.({
                  label: `Writing ${s.name} (row ${n.toLocaleString("en-US")})`,
                  fraction: 0,
                });
            }
          }
          ws.commit();
        }
      }
      await wb.commit();
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }
}

/** Rows written between pauses that let the zip stream take them (see save). */
const DRAIN_EVERY = 10000;

/** The most a pause waits for the zip to drain (it never blocks the save; memory is all it saves). */
const DRAIN_WAIT_MS = 5000;

/**
 * Waits until the zip has taken what the sheet's writer handed it. exceljs's worksheet writer passes its XML to the
 * zip through a PassThrough it does not wait on (`_stream.pipes[0]`, an internal of exceljs 4): without this, a
 * sheet of a million rows sits uncompressed in memory (about 450 MB) before the zip catches up. If that internal
 * is not there, it yields once instead.
 */
function drain(ws: ExcelJS.Worksheet): Promise<void> {
  const dest = (ws as unknown as { _stream?: { pipes?: unknown[] } })._stream?.pipes?.[0] as
    (NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (!dest || typeof dest.once !== "function" || !dest._writableState?.needDrain)
    return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const timer = setTimeout(done, DRAIN_WAIT_MS);
    function done(): void {
      clearTimeout(timer);
      dest!.removeListener("drain", done);
      resolve();
    }
    dest.once("drain", done);
  });
}

/** A value as the streaming writer takes it: blanks as no cell, text with the .xlsx escapes (CR → _x000D_). */
function streamOut(v: CellValue): CellValue | null {
  if (v === "") return null;
  return typeof v === "string" ? toXstring(v) : v;
}

/** A generated sheet: values, column widths, frozen panes and number formats (the rest is not streamed). */
function writeModelStreaming(wb: ExcelJS.stream.xlsx.WorkbookWriter, m: SheetModel): void {
  const views =
    m.freeze && (m.freeze.rows || m.freeze.cols)
      ? [{ state: "frozen" as const, xSplit: m.freeze.cols, ySplit: m.freeze.rows }]
      : undefined;
  const ws = wb.addWorksheet(m.name, {
    views,
    properties: m.tabColor ? { tabColor: { argb: "FF" + m.tabColor.replace("#", "") } } : undefined,
  });
  ws.columns = m.columnWidths.map((width) => ({ width }));
  // Number formats by row: formats[row] = list of [firstCol, lastCol, format].
  const formats = new Map<number, [number, number, string][]>();
  for (const f of m.numberFormats) {
    for (let r = f.range.row; r < f.range.row + f.range.rows; r++) {
      const list = formats.get(r) ?? [];
      list.push([f.range.col, f.range.col + f.range.cols - 1, f.format]);
      formats.set(r, list);
    }
  }
  for (let r = 0; r < m.values.length; r++) {
    const row = ws.addRow((m.values[r] ?? []).map(streamOut));
    plainRow(row);
    const list = formats.get(r);
    if (list)
      for (const [c0, c1, fmt] of list)
        for (let c = c0; c <= c1; c++) row.getCell(c + 1).style = formatStyle(fmt);
    row.commit();
  }
  ws.commit();
}

export interface AlignLargeFileOptions {
  input: string;
  out: string;
  plan?: Plan;
  today: string;
  sheets?: string[];
  amountColumn?: string;
  threshold?: number;
  badAmounts?: "skip" | "stop";
  onProgress?: ProgressFn;
}

/**
 * The CLI's job for very large workbooks: stream in, run the same core as alignFile, stream out.
 * Returns what runAlignment returns. The core is loaded only when called.
 */
export async function alignLargeFile(opts: AlignLargeFileOptions) {
  const { runAlignment } = await import("../core/workflow");
  if (path.resolve(opts.out) === path.resolve(opts.input)) {
    throw new Error(
      "The output file must not be the input file: give --out a new name, so the original is kept."
    );
  }
  const port = await StreamPort.open(opts.input, opts.onProgress);
  const result = await runAlignment(port, {
    today: opts.today,
    plan: opts.plan,
    sheets: opts.sheets,
    amountColumn: opts.amountColumn,
    threshold: opts.threshold,
    badAmounts: opts.badAmounts,
  });
  await port.save(opts.out, opts.onProgress);
  return result;
}
