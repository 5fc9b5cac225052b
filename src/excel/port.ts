/**
 * The workbook port over the Excel JavaScript API (Office.js), for the task pane: the same WorkbookPort the CLI
 * has over exceljs (src/xlsx/port.ts), plus what the pane needs from the host (selecting a cell, activating a
 * sheet, following the selection).
 *
 * How it talks to Excel (see the Excel docs on performance and on the 5 MB payload limit of Excel on the web):
 * - one Excel.run per action; loads queued together and synced once; never a sync per row;
 * - large sheets read in row blocks sized by their columns and by the bytes measured so far, several blocks per
 *   sync up to a payload budget (4 MB), so syncs grow with the bytes read, never with the rows; a block is
 *   halved and read again when Excel answers RequestPayloadSizeLimitExceeded;
 * - generated sheets written into a temporary sheet first, then the old one deleted and the new one renamed
 *   and put in its place, so a failure midway leaves the user's sheets and the old report as they were;
 * - every string written goes through the one escape (src/core/escape.ts), so text is never a formula.
 */
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "../core/port";
import {
  markerName,
  REPORT_SHEETS,
  sheetOfMarkerRef,
  type ReportSheet,
} from "../core/report-sheets";
import { columnLetter } from "../core/a1";
import { dateSystemOfDate1904, fromDateSystem, inDateSystem } from "../core/date-system";
import type { DateSystem } from "../core/number-format";
import { parseState, serializeState, STATE_SHEET_NAME } from "../core/state";
import type { CellValue, SheetCells, SheetModel, WorkbookState } from "../core/types";
import { COMMAND_BYTES, SYNC_BUDGET, WriteBatch } from "./batch";
import {
  excelCellInput,
  FIRST_GUESS_BYTES_PER_CELL,
  formatCount,
  isCellAddress,
  rowBytes,
} from "./cells";
import { officeErrorCode, plainError } from "./errors";
import { tableName, writeModel, type Features, type WrittenTable } from "./write-model";

/** Excel.run, or a stand-in for tests (`new ExcelPort({ run: fake.run })`). */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  context?: Excel.RequestContext
) => Promise<T>;

export interface ExcelPortOptions {
  run?: ExcelRun;
  /** Office.context.requirements.isSetSupported, or a stand-in. */
  isSetSupported?: (name: string, version: string) => boolean;
  /** Bytes per sync the port aims for (default 4 MB). */
  syncBudget?: number;
}

/** The selection as the pane follows it: 1-based row and column, as BudgetLine.row is. */
export interface SelectionInfo {
  sheet: string;
  row: number;
  col: number;
}

/** Sheets looked at per sync when listing (more sheets take another sync). */
const LIST_CHAIN = 64;
/** Rows and cells per read block at most. */
const MAX_READ_ROWS = 100000;
const MAX_READ_CELLS = 1000000;
/** Share of the budget the read planner fills where it has only the running mean of row sizes to go on. */
const READ_FILL = 0.9;
/**
 * Share it fills where the rows ahead have been sampled: one row in every SAMPLE_EVERY is read a sync or two early,
 * so a block's size is known from its own stretch of the sheet (department and program names change a sheet's row
 * sizes by 10–15% from one stretch to the next; the running mean alone let a response grow past the budget). The
 * samples add under 1% to the bytes read; at a million lines the largest response is 3.93 MB.
 */
const SAMPLED_FILL = 0.975;
const SAMPLE_EVERY = 200;
/** Sample rows asked for per sync at most, and how far ahead (in syncs' worth of rows) they reach. */
const MAX_SAMPLES_PER_SYNC = 400;
const SAMPLE_AHEAD_SYNCS = 2;
/** A stretch not to sample (its sample was in a refused sync): planned at the running mean. */
const UNSAMPLED = -2;

const VISIBILITY: Record<string, SheetInfo["visibility"]> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

const defaultRun: ExcelRun = (batch, context) =>
  context ? Excel.run(context, batch) : Excel.run(batch);

const defaultIsSetSupported = (name: string, version: string): boolean => {
  try {
    return (
      typeof Office !== "undefined" && Office.context.requirements.isSetSupported(name, version)
    );
  } catch {
    return false;
  }
};

interface BlockRead {
  name: string;
  ws: Excel.Worksheet;
  startRow: number;
  startCol: number;
  rows: number;
  cols: number;
  values: CellValue[][];
  done: number;
  bytesPerRow: number;
  seenBytes: number;
  seenRows: number;
  /** Doubled each time Excel refuses a payload: blocks become half as large. */
  caution: number;
  /** Per stretch of SAMPLE_EVERY rows: the bytes of its sampled row (0 = not sampled yet, -1 = asked for, UNSAMPLED). */
  sampled: Float64Array;
  /** The cells' number formats, read with the values (only in a 1904 workbook, to find its dates); else null. */
  formats: string[][] | null;
}

/** Queues a block's load: the values, and their number formats where the read needs them. */
function loadBlock(read: BlockRead, range: Excel.Range): void {
  if (read.formats) range.load("values,numberFormat");
  else range.load("values");
}

/** The bytes of a block's response: what the read budget counts. */
function responseBytes(read: BlockRead, range: Excel.Range): number {
  const values = JSON.stringify(range.values).length;
  return read.formats ? values + JSON.stringify(range.numberFormat).length : values;
}

/**
 * Queues the question that tells the workbook's date system (Excel's DATE(1904, 1, 1): 0 in the 1904 system, 1,462
 * in the 1900 one; it writes nothing), to go with the batch's first sync; the answer is read after it.
 */
function askDateSystem(context: Excel.RequestContext): () => DateSystem {
  const day = context.workbook.functions.date(1904, 1, 1);
  day.load("value");
  return () => dateSystemOfDate1904(day.value);
}

/** The names a sheet the API does not list (a chart, dialog or macro sheet) could hold that a report may take. */
const PROBED_SUFFIXES = 9;
const probedNames = (): string[] =>
  REPORT_SHEETS.flatMap((r) => [
    r,
    ...Array.from({ length: PROBED_SUFFIXES - 1 }, (_, i) => `${r} (${i + 2})`),
  ]);

/**
 * How many rows of `read` from `from` (at most `cap`) fit in `left` bytes, and the bytes they are planned at: each
 * stretch at its sampled row's size where sampled (filled to SAMPLED_FILL), else at the running mean (READ_FILL).
 */
function rowsThatFit(
  read: BlockRead,
  from: number,
  cap: number,
  left: number
): { n: number; bytes: number } {
  let n = 0;
  let bytes = 0;
  while (n < cap) {
    const row = from + n;
    const stretch = Math.floor(row / SAMPLE_EVERY);
    const end = Math.min(from + cap, (stretch + 1) * SAMPLE_EVERY);
    const s = read.sampled[stretch];
    const perRow =
      (s > 0 ? Math.max(s, 4) / SAMPLED_FILL : read.bytesPerRow / READ_FILL) * read.caution;
    const fit = Math.max(0, Math.min(end - row, Math.floor((left - bytes) / perRow)));
    n += fit;
    bytes += fit * perRow;
    if (row + fit < end) break;
  }
  return { n, bytes };
}

/** Reads the blocks of several sheets' used ranges, syncing by payload budget. */
async function readBlocks(
  context: Excel.RequestContext,
  reads: BlockRead[],
  budget: number,
  onProgress?: ProgressFn
): Promise<void> {
  const totalRows = reads.reduce((n, r) => n + r.rows, 0);
  let doneRows = 0;
  for (;;) {
    const queued: { read: BlockRead; start: number; n: number; range: Excel.Range }[] = [];
    const samples: { read: BlockRead; stretch: number; range: Excel.Range }[] = [];
    let left = budget;
    // The sample rows of the stretches ahead go in first (a few kilobytes), then the blocks that fit.
    let sampleRows = 0;
    for (const read of reads) {
      if (read.done >= read.rows) continue;
      const ahead = Math.max(SAMPLE_EVERY, Math.floor(budget / read.bytesPerRow));
      const until = Math.min(read.rows, read.done + (SAMPLE_AHEAD_SYNCS + 1) * ahead);
      for (
        let stretch = Math.floor(read.done / SAMPLE_EVERY);
        stretch * SAMPLE_EVERY < until && sampleRows < MAX_SAMPLES_PER_SYNC;
        stretch++
      ) {
        if (read.sampled[stretch] !== 0) continue;
        const row = Math.min(read.rows - 1, stretch * SAMPLE_EVERY + (SAMPLE_EVERY >> 1));
        const range = read.ws.getRangeByIndexes(read.startRow + row, read.startCol, 1, read.cols);
        loadBlock(read, range);
        read.sampled[stretch] = -1;
        samples.push({ read, stretch, range });
        sampleRows++;
        left -= read.bytesPerRow * read.caution * 2;
      }
    }
    outer: for (const read of reads) {
      let next = read.done;
      while (next < read.rows) {
        const cap = Math.min(
          read.rows - next,
          MAX_READ_ROWS,
          Math.max(1, Math.floor(MAX_READ_CELLS / read.cols))
        );
        const fit = rowsThatFit(read, next, cap, left);
        let n = fit.n;
        if (n < 1) {
          if (queued.length > 0) break outer;
          n = 1;
        }
        const range = read.ws.getRangeByIndexes(read.startRow + next, read.startCol, n, read.cols);
        loadBlock(read, range);
        queued.push({ read, start: next, n, range });
        left -= fit.bytes;
        next += n;
        if (n < cap) break outer;
      }
    }
    if (queued.length === 0) return;
    try {
      // One sync per payload budget (many blocks each), not per row: syncs grow with bytes.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (officeErrorCode(e) !== "RequestPayloadSizeLimitExceeded") throw e;
      if (samples.length > 0) {
        // Asked again without samples: a stretch whose sample was in a refused sync is planned at the mean.
        for (const x of samples) x.read.sampled[x.stretch] = UNSAMPLED;
        for (const q of queued) q.read.caution *= 2;
        continue;
      }
      if (queued.length === 1 && queued[0].n === 1) {
        const q = queued[0];
        throw new Error(
          `${q.read.name} row ${formatCount(q.read.startRow + q.start + 1)} holds more data than Excel can hand over in one go. ` +
            `Shorten the text in that row (or split it over more rows) and try again.`
        );
      }
      for (const q of queued) q.read.caution *= 2;
      continue;
    }
    for (const { read, stretch, range } of samples) {
      const row = (range.values as CellValue[][])[0];
      read.sampled[stretch] = row ? responseBytes(read, range) - 1 : 4;
    }
    for (const { read, start, n, range } of queued) {
      const values = range.values as CellValue[][];
      const bytes = responseBytes(read, range);
      for (let i = 0; i < n; i++) read.values[start + i] = values[i];
      if (read.formats) {
        const formats = range.numberFormat as string[][];
        for (let i = 0; i < n; i++) read.formats[start + i] = formats[i];
      }
      read.seenBytes += bytes;
      read.seenRows += n;
      read.bytesPerRow = Math.max(read.seenBytes / read.seenRows, bytes / n, 4);
      read.done = start + n;
      doneRows += n;
    }
    const last = queued[queued.length - 1].read;
    onProgress?.({
      label: `Reading ${last.name} (rows 1–${formatCount(last.done)} of ${formatCount(last.rows)})`,
      fraction: totalRows ? doneRows / totalRows : 1,
    });
  }
}

function newRead(
  name: string,
  ws: Excel.Worksheet,
  used: { row: number; col: number; rows: number; cols: number },
  withFormats = false
): BlockRead {
  return {
    name,
    ws,
    startRow: used.row,
    startCol: used.col,
    rows: used.rows,
    cols: used.cols,
    values: new Array(used.rows),
    done: 0,
    bytesPerRow: used.cols * FIRST_GUESS_BYTES_PER_CELL + 2,
    seenBytes: 0,
    seenRows: 0,
    caution: 1,
    sampled: new Float64Array(Math.ceil(used.rows / SAMPLE_EVERY)),
    formats: withFormats ? new Array<string[]>(used.rows) : null,
  };
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new Error(
      `"${name}" cannot be a sheet name in Excel: names are 1 to 31 characters without [ ] : * ? / \\ and do not start or end with an apostrophe.`
    );
}

/** The codes Excel gives when a worksheet is named with a name another sheet holds. */
const NAME_HELD = new Set(["ItemAlreadyExists", "InvalidArgument"]);

export class ExcelPort implements WorkbookPort {
  private readonly runFn: ExcelRun;
  private readonly supports: (name: string, version: string) => boolean;
  private readonly budget: number;
  /** Names held by sheets the API does not list (chart sheets), lower case → name: found by a write (see nameFreshSheets). */
  private readonly unlisted = new Map<string, string>();

  constructor(options: ExcelPortOptions = {}) {
    this.runFn = options.run ?? defaultRun;
    this.supports = options.isSetSupported ?? defaultIsSetSupported;
    this.budget = options.syncBudget ?? SYNC_BUDGET;
  }

  private api(version: string): boolean {
    return this.supports("ExcelApi", version);
  }

  private async run<T>(
    action: string,
    batch: (context: Excel.RequestContext) => Promise<T>,
    after?: string
  ): Promise<T> {
    try {
      return await this.runFn(batch);
    } catch (e) {
      throw plainError(e, action, after);
    }
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run("looking at the workbook's sheets", async (context) => {
      const out: SheetInfo[] = [];
      // Our report markers (src/core/report-sheets.ts), loaded with the first block of sheets.
      const marks = REPORT_SHEETS.map((report) => {
        const item = context.workbook.names.getItemOrNullObject(markerName(report));
        item.load("formula");
        return { report, item };
      });
      // Names held by sheets the API does not list (chart, dialog and macro sheets), asked of Excel's SHEET
      // function, which counts every kind of sheet: a name it knows that no worksheet has is such a sheet.
      const probes = probedNames().map((name) => {
        const result = context.workbook.functions.sheet(name);
        result.load("value,error");
        return { name, result };
      });
      let from: Excel.Worksheet | null = null;
      for (;;) {
        const chain: { ws: Excel.Worksheet; used: Excel.Range }[] = [];
        let ws: Excel.Worksheet = from
          ? from.getNextOrNullObject()
          : context.workbook.worksheets.getFirst();
        for (let i = 0; i < LIST_CHAIN; i++) {
          ws.load("name,position,visibility");
          const used = ws.getUsedRangeOrNullObject(true);
          used.load("rowCount,columnCount");
          chain.push({ ws, used });
          ws = ws.getNextOrNullObject();
        }
        // Another sync only for workbooks of more than LIST_CHAIN sheets.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        let last: Excel.Worksheet | null = null;
        for (const { ws: sheet, used } of chain) {
          if (sheet.isNullObject) break;
          out.push({
            name: sheet.name,
            position: sheet.position,
            visibility: VISIBILITY[sheet.visibility] ?? "visible",
            rows: used.isNullObject ? 0 : used.rowCount,
            cols: used.isNullObject ? 0 : used.columnCount,
          });
          last = sheet;
        }
        if (last === null || last !== chain[chain.length - 1].ws) break;
        from = last;
      }
      const marked = new Map<string, string>();
      for (const { report, item } of marks) {
        const sheet = item.isNullObject ? null : sheetOfMarkerRef(item.formula);
        if (sheet) marked.set(sheet.toLowerCase(), report);
      }
      for (const s of out) {
        const report = marked.get(s.name.toLowerCase());
        if (report) s.report = report;
      }
      out.sort((a, b) => a.position - b.position);
      const held = probes
        .filter(({ result }) => !result.error && typeof result.value === "number")
        .map((p) => p.name);
      // With the names a write ran into (a sheet the probes did not cover, see findHeldNames).
      for (const name of [...held, ...this.unlisted.values()])
        if (!out.some((s) => s.name.toLowerCase() === name.toLowerCase()))
          out.push({
            name,
            position: out.length,
            visibility: "visible",
            rows: 0,
            cols: 0,
            type: "unlisted",
          });
      return out;
    });
  }

  async readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]> {
    if (names.length === 0) return [];
    return this.run("reading the sheets", async (context) => {
      const all = context.workbook.worksheets;
      all.load("items/name");
      const asked = names.map((name) => {
        const ws = all.getItemOrNullObject(name);
        ws.load("name");
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount");
        return { name, ws, used };
      });
      const dateSystem = askDateSystem(context);
      await context.sync();
      // In a 1904 workbook the cells' number formats come with their values: a number under a date format is a date.
      const dated = dateSystem() === 1904;
      const missing = asked.find((a) => a.ws.isNullObject);
      if (missing) {
        const have = all.items
          .map((w) => w.name)
          .filter((n) => n !== STATE_SHEET_NAME)
          .map((n) => `"${n}"`)
          .join(", ");
        throw new Error(
          `There is no sheet named "${missing.name}" in this workbook. Its sheets are: ${have}.`
        );
      }
      const reads = asked.map(({ ws, used }) =>
        used.isNullObject
          ? newRead(ws.name, ws, { row: 0, col: 0, rows: 0, cols: 0 })
          : newRead(
              ws.name,
              ws,
              {
                row: used.rowIndex,
                col: used.columnIndex,
                rows: used.rowCount,
                cols: used.columnCount,
              },
              dated
            )
      );
      await readBlocks(context, reads, this.budget, onProgress);
      for (const r of reads) if (r.formats) fromDateSystem(r.values, r.formats, 1904);
      return reads.map((r) => ({
        name: r.name,
        startRow: r.startRow,
        startCol: r.startCol,
        values: r.values,
      }));
    });
  }

  /** Column A of the state sheet (from row 1), whether the sheet exists, and how many rows it uses. */
  private async readStateRows(
    context: Excel.RequestContext
  ): Promise<{ rows: unknown[]; exists: boolean }> {
    const ws = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET_NAME);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount");
    await context.sync();
    if (ws.isNullObject) return { rows: [], exists: false };
    if (used.isNullObject || used.columnIndex > 0) return { rows: [], exists: true };
    const read = newRead(STATE_SHEET_NAME, ws, {
      row: 0,
      col: 0,
      rows: used.rowIndex + used.rowCount,
      cols: 1,
    });
    await readBlocks(context, [read], this.budget);
    return { rows: read.values.map((r) => r[0]), exists: true };
  }

  async readState(): Promise<WorkbookState> {
    return this.run("reading the add-in's saved tags and answers", async (context) => {
      const { rows } = await this.readStateRows(context);
      return parseState(rows).state;
    });
  }

  /**
   * Writes the new state below the old one, syncs, and only then removes the old rows: a failure in between
   * leaves both copies and readState takes the newer one. Stored state that could not be read is carried over.
   */
  async writeState(state: WorkbookState): Promise<void> {
    await this.run(
      "saving the tags and answers",
      async (context) => {
        const { rows: stored, exists } = await this.readStateRows(context);
        const previous = parseState(stored);
        const next =
          previous.state.unreadable !== undefined && state.unreadable === undefined
            ? { ...state, unreadable: previous.state.unreadable }
            : state;
        const lines = serializeState(next).map((chunk) => [excelCellInput(chunk)]);
        const batch = new WriteBatch(context, false, this.budget);
        const sheets = context.workbook.worksheets;
        const ws = exists ? sheets.getItem(STATE_SHEET_NAME) : sheets.add(STATE_SHEET_NAME);
        if (!exists) {
          await batch.reserve(COMMAND_BYTES);
          ws.visibility = "VeryHidden";
        }
        const end = stored.length;
        let start = 0;
        while (start < lines.length) {
          let bytes = COMMAND_BYTES;
          let n = 0;
          while (
            start + n < lines.length &&
            (n === 0 || bytes + rowBytes(lines[start + n]) <= this.budget / 4)
          ) {
            bytes += rowBytes(lines[start + n]);
            n++;
          }
          await batch.reserve(bytes);
          ws.getRangeByIndexes(end + start, 0, n, 1).values = lines.slice(start, start + n);
          start += n;
        }
        await batch.flush();
        if (end > 0) {
          ws.getRangeByIndexes(0, 0, end, 1).delete("Up");
          ws.visibility = "VeryHidden";
          await context.sync();
        }
      },
      "The saved tags and answers were left as they were."
    );
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    for (const u of updates) {
      if (!isCellAddress(u.cell))
        throw new Error(`${u.sheet}!${u.cell} is not a single cell, so nothing was written.`);
    }
    await this.run("filling in the Goal cells", async (context) => {
      const names = [...new Set(updates.map((u) => u.sheet))];
      const sheets = names.map((name) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(name);
        ws.load("name");
        return { name, ws };
      });
      await context.sync();
      const missing = sheets.find((s) => s.ws.isNullObject);
      if (missing)
        throw new Error(
          `There is no sheet named "${missing.name}" in this workbook, so no Goal cells were filled in.`
        );
      const byName = new Map(sheets.map((s) => [s.name, s.ws]));
      const batch = new WriteBatch(context, false, this.budget);
      for (const u of updates) {
        const value = [[excelCellInput(u.value)]];
        await batch.reserve(COMMAND_BYTES + rowBytes(value[0]));
        (byName.get(u.sheet) as Excel.Worksheet).getRange(u.cell).values = value;
      }
      await batch.flush();
    });
  }

  /**
   * Writes `rows` below the last row of `sheet` that has a value (from column `startCol`, 0-based), in one batch:
   * the pane's new measures on the Measures sheet. Never writes over a cell with a value; text goes through the one
   * escape. Returns the A1 address of the first cell written.
   */
  async appendRows(sheet: string, startCol: number, rows: CellValue[][]): Promise<string> {
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (rows.length === 0 || width === 0) throw new Error("There is nothing to add.");
    return this.run(`adding a row to the "${sheet}" sheet`, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex,rowCount");
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named "${sheet}" in this workbook.`);
      const first = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      const values = rows.map((r) =>
        Array.from({ length: width }, (_, c) => excelCellInput(r[c] ?? ""))
      );
      ws.getRangeByIndexes(first, startCol, rows.length, width).values = values;
      await context.sync();
      return `${columnLetter(startCol)}${first + 1}`;
    });
  }

  /** Values into single cells of one sheet (a measure's actual typed in the pane), in one batch. */
  async writeValues(sheet: string, updates: { cell: string; value: CellValue }[]): Promise<void> {
    if (updates.length === 0) return;
    for (const u of updates)
      if (!isCellAddress(u.cell))
        throw new Error(`${sheet}!${u.cell} is not a single cell, so nothing was written.`);
    await this.run(`writing into the "${sheet}" sheet`, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named "${sheet}" in this workbook.`);
      for (const u of updates) ws.getRange(u.cell).values = [[excelCellInput(u.value)]];
      await context.sync();
    });
  }

  async writeSheets(models: SheetModel[], onProgress?: ProgressFn): Promise<void> {
    if (models.length === 0) return;
    const seen = new Set<string>();
    for (const m of models) {
      checkSheetName(m.name);
      if (seen.has(m.name.toLowerCase()))
        throw new Error(`Two report sheets are both named "${m.name}".`);
      seen.add(m.name.toLowerCase());
    }
    const features: Features = {
      validation: this.api("1.8"),
      pageLayout: this.api("1.9"),
      outline: this.api("1.10"),
      notes: this.api("1.18"),
    };
    const after = "Your sheets and the previous report were left as they were.";
    await this.run(
      "writing the report sheets",
      async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name,items/position");
        const allTables = context.workbook.tables;
        allTables.load("items/name");
        const olds = models.map((m) => {
          const ws = sheets.getItemOrNullObject(m.name);
          ws.load("name,position");
          // Our marker of this report (a name over A1 of the sheet it is in), moved to the new sheet below.
          const marker = m.report
            ? context.workbook.names.getItemOrNullObject(markerName(m.report as ReportSheet))
            : null;
          marker?.load("name");
          return { ws, marker };
        });
        const dateSystem = askDateSystem(context);
        await context.sync();
        // Dates go out in the workbook's own date system (a 1904 workbook's serials are 1,462 days smaller).
        const dated = models.map((m) => inDateSystem(m, dateSystem()));

        const existing = new Set(sheets.items.map((w) => w.name.toLowerCase()));
        const allNames = new Set(allTables.items.map((t) => t.name.toLowerCase()));
        let stamp = 1;
        const tempName = (i: number) => {
          let name = `BA new ${i + 1}`;
          while (existing.has(name.toLowerCase())) name = `BA new ${i + 1}-${stamp++}`;
          existing.add(name.toLowerCase());
          return name;
        };
        let tablePrefix = "_BA_new_";
        while ([...allNames].some((n) => n.startsWith(tablePrefix.toLowerCase())))
          tablePrefix += "x";

        const totalRows = models.reduce((n, m) => n + m.values.length, 0) || 1;
        let rowsBefore = 0;
        const batch = new WriteBatch(context, this.api("1.9"), this.budget);
        const created: {
          model: SheetModel;
          temp: string;
          ws: Excel.Worksheet;
          tables: WrittenTable[];
        }[] = [];
        const named = new Set<(typeof created)[number]>();
        try {
          for (let i = 0; i < models.length; i++) {
            const model = dated[i];
            const temp = tempName(i);
            await batch.reserve(COMMAND_BYTES);
            const ws = sheets.add(temp);
            created.push({ model, temp, ws, tables: [] });
            const tables = await writeModel(batch, ws, model, {
              features,
              tempTablePrefix: `${tablePrefix}${i + 1}_`,
              onRows: (done) =>
                onProgress?.({
                  label: `Writing ${model.name} (rows 1–${formatCount(done)} of ${formatCount(model.values.length)})`,
                  fraction: Math.min(0.95, (rowsBefore + done) / totalRows),
                }),
            });
            created[created.length - 1].tables = tables;
            rowsBefore += model.values.length;
          }
          // New names go with the last write, before anything is deleted: a name held by a sheet the API cannot
          // list (a chart sheet) stops the write here, with the user's sheets and the previous report as they were.
          const fresh = created.filter((_, i) => olds[i].ws.isNullObject);
          for (const c of fresh) c.ws.name = c.model.name;
          try {
            await batch.flush();
            for (const c of fresh) named.add(c);
          } catch (e) {
            if (fresh.length && NAME_HELD.has(officeErrorCode(e) ?? ""))
              await this.findHeldNames(context, fresh);
            throw e;
          }

          // Swap: old report out, new one in its place, in one sync.
          const order = created
            .map((c, i) => ({ ...c, old: olds[i].ws }))
            .sort((a, b) => {
              const pa = a.old.isNullObject ? Infinity : a.old.position;
              const pb = b.old.isNullObject ? Infinity : b.old.position;
              return pa - pb;
            });
          for (const { marker } of olds) if (marker && !marker.isNullObject) marker.delete();
          for (const c of order) {
            if (!c.old.isNullObject) {
              const position = c.old.position;
              c.old.delete();
              c.ws.name = c.model.name;
              c.ws.position = position;
            } else c.ws.name = c.model.name;
            if (c.model.report) {
              const marker = context.workbook.names.add(
                markerName(c.model.report as ReportSheet),
                c.ws.getRange("A1")
              );
              marker.visible = false;
            }
          }
          await context.sync();
        } catch (e) {
          // A new sheet already under its report's name (named with the last write) is ours to remove too.
          await this.removeTemps(
            context,
            created.map((c) => (named.has(c) ? c.model.name : c.temp))
          );
          throw e;
        }
        const tables = created.flatMap((c) => c.tables);
        if (tables.length > 0) {
          // The old report's tables went with it: the names the models ask for are free unless a table of the
          // user's has one (then a suffix is added).
          try {
            const now = context.workbook.tables;
            now.load("items/name");
            await context.sync();
            const prefix = tablePrefix.toLowerCase();
            const used = new Set(
              now.items.map((t) => t.name.toLowerCase()).filter((n) => !n.startsWith(prefix))
            );
            for (const t of tables) t.table.name = tableName(t.wanted, used);
            await context.sync();
          } catch (e) {
            throw plainError(
              e,
              "naming the report's tables",
              "The report sheets were written; only their table names were not set."
            );
          }
        }
        onProgress?.({ label: "Report sheets written", fraction: 1 });
      },
      after
    );
  }

  /**
   * After the last write failed on a name: which of the new report sheets' names is held by a sheet the API cannot
   * list (Excel lists no chart sheet to add-ins, but a chart sheet's name is taken). Each is tried alone (only on
   * this rare path), every new sheet ending on its temporary name; a held name is remembered (listSheets lists it
   * as a chart sheet from now on, so the next run writes that report to a free name and says so) and the write
   * stops with a plain message. Returns when no name is held (the caller reports the original error).
   */
  private async findHeldNames(
    context: Excel.RequestContext,
    fresh: { model: SheetModel; temp: string; ws: Excel.Worksheet }[]
  ): Promise<void> {
    const held: string[] = [];
    for (const c of fresh) c.ws.name = c.temp;
    await context.sync();
    for (const c of fresh) {
      c.ws.name = c.model.name;
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        c.ws.name = c.temp;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      } catch (e) {
        if (!NAME_HELD.has(officeErrorCode(e) ?? "")) throw e;
        held.push(c.model.name);
      }
    }
    if (held.length === 0) return;
    for (const name of held) this.unlisted.set(name.toLowerCase(), name);
    const list = held.map((n) => `"${n}"`).join(" and ");
    throw new Error(
      `The workbook has a sheet named ${list} that add-ins cannot see (a chart sheet): it is kept as it is, ` +
        `and no report was written. Run again: the report will be written to a free name.`
    );
  }

  /** Best effort after a failed write: removes the temporary sheets that were created. */
  private async removeTemps(context: Excel.RequestContext, temps: string[]): Promise<void> {
    if (temps.length === 0) return;
    try {
      const found = temps.map((t) => context.workbook.worksheets.getItemOrNullObject(t));
      await context.sync();
      for (const ws of found) if (!ws.isNullObject) ws.delete();
      await context.sync();
    } catch {
      /* the original error is the one to report */
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What the pane needs from the host (PaneHost in src/taskpane/hooks/useAlignment.ts)
  // ---------------------------------------------------------------------------------------------

  async selectCell(sheet: string, address: string): Promise<void> {
    await this.run(`selecting ${sheet}!${address}`, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named "${sheet}" in this workbook.`);
      ws.activate();
      ws.getRange(address).select();
      await context.sync();
    });
  }

  async activateSheet(name: string): Promise<void> {
    await this.run(`showing the sheet "${name}"`, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named "${name}" in this workbook.`);
      ws.activate();
      await context.sync();
    });
  }

  /** The selected cell (top-left of the selection), 1-based. */
  async selection(): Promise<SelectionInfo> {
    return this.run("looking at the selection", async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load("rowIndex,columnIndex");
      // A navigation property (a proxy of the range's sheet), not a loaded value.
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      const ws = range.worksheet;
      ws.load("name");
      await context.sync();
      return { sheet: ws.name, row: range.rowIndex + 1, col: range.columnIndex + 1 };
    });
  }

  /**
   * Calls `handler` with the selected cell (sheet, 1-based row and column) whenever the selection changes
   * (workbook-level event, ExcelApi 1.2). Returns a function that stops following.
   */
  async onSelectionChanged(handler: (sel: SelectionInfo) => void): Promise<() => Promise<void>> {
    const registration = await this.run("following the selection", async (context) => {
      const result = context.workbook.onSelectionChanged.add(async () => {
        try {
          handler(await this.selection());
        } catch {
          /* a selection that cannot be read (e.g. a chart) is not followed */
        }
      });
      await context.sync();
      return result;
    });
    return async () => {
      await this.runFn(async (context) => {
        registration.remove();
        await context.sync();
      }, registration.context as Excel.RequestContext);
    };
  }
}
