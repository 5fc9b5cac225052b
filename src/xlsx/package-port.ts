/**
 * The CLI's workbook port: the user's package is kept, and only our parts are added.
 *
 * Reading: cell values are streamed out of each worksheet part (sheet-xml.ts), whatever wrote the file (Excel,
 * LibreOffice, openpyxl, Google Sheets: shared or inline strings, absolute or relative part paths, optional parts
 * missing). Nothing else is loaded.
 *
 * Writing: the output is the input package with only these changes: the generated sheets and the very hidden state
 * sheet added or replaced (written straight to SpreadsheetML as a small package of their own by
 * generated-package.ts, then moved in by transplant.ts with their tables, drawings and charts, styles appended to styles.xml and remapped), the Goal cells
 * we fill patched into their sheet's XML as it streams through, the package bookkeeping (workbook.xml sheets and
 * defined names, the workbook's relationships, [Content_Types].xml), and the calculation chain dropped when cells
 * change. Every other zip entry is copied as its original compressed bytes. The save goes through a temporary
 * file, so a failure leaves no half-written workbook.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { Readable } from "stream";
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "../core/port";
import { columnLetter, parseA1 } from "../core/a1";
import { sheetRef } from "../core/plan/layout";
import { textForTypedCell } from "../core/escape";
import { parseState, STATE_SHEET_NAME } from "../core/state";
import type { CellValue, SheetCells, SheetModel, WorkbookState } from "../core/types";
import {
  markerName,
  markerRef,
  reportOfMarker,
  sheetOfMarkerRef,
  type ReportSheet,
} from "../core/report-sheets";
import { attributes, parseRels, relsPathOf, resolvePart, xmlUnescape } from "./package";
import { generatedPackage } from "./generated-package";
import {
  patchSheetXml,
  scanStream,
  SharedStringsScanner,
  type CellPatch,
  type Patches,
} from "./sheet-xml";
import { sheetEntries, transplant, workbookPartOf, type PartStore } from "./transplant";
import { NotAZipError, ZipReader, ZipWriter } from "./zip";
import { DAYS_1904, type DateSystem } from "../core/number-format";
import { inDateSystem } from "../core/date-system";
import { scanBytes, SheetBytesScanner } from "./sheet-bytes";
import { dateSystemOf, readCellStyles, type CellStyles } from "./styles-read";

interface PackageSheet {
  name: string;
  visibility: SheetInfo["visibility"];
  /** A worksheet, or a chart, dialog or macro sheet (kept, never read, never replaced). */
  type: NonNullable<SheetInfo["type"]>;
  /** The report our marker says this sheet is (src/core/report-sheets.ts). */
  report?: string;
  /** The worksheet part, or null for a sheet we add. */
  part: string | null;
  /** null once handed out to a reader, for a big sheet (read again from the package if asked again). */
  values: CellValue[][] | null;
  rows: number;
  width: number;
  /** Formula cells of the sheet with no saved value (they read as blanks). */
  unsaved?: UnsavedFormula[];
  /** Per column, the number format of most of its numeric cells ("" when unknown). */
  numberFormats?: string[];
  /** The ranges of the pivot tables on the sheet (their `<location ref>`). */
  pivotTables?: string[];
}

/** The user's parts, with the changes of this save laid over them. */
class Overlay implements PartStore {
  readonly changed = new Map<string, string | Buffer>();
  readonly removed = new Set<string>();
  private textCache = new Map<string, string>();

  constructor(private readonly zip: ZipReader) {}

  private key(name: string): string {
    if (this.changed.has(name)) return name;
    return (
      this.zip.findName(name) ??
      [...this.changed.keys()].find((k) => k.toLowerCase() === name.toLowerCase()) ??
      name
    );
  }

  text(name: string): string | null {
    const k = this.key(name);
    if (this.removed.has(k)) return null;
    const c = this.changed.get(k);
    if (c !== undefined) return typeof c === "string" ? c : c.toString("utf8");
    if (!this.zip.has(k)) return null;
    let t = this.textCache.get(k);
    if (t === undefined) this.textCache.set(k, (t = this.zip.read(k).toString("utf8")));
    return t;
  }

  set(name: string, data: string | Buffer): void {
    const k = this.key(name);
    // a part written back as it was stays the original entry (its stored bytes are copied)
    if (!this.changed.has(k) && this.asStored(k, data)) return;
    this.removed.delete(k);
    this.changed.set(k, data);
  }

  /** True when the package holds this part with exactly this text or these bytes. */
  private asStored(k: string, data: string | Buffer): boolean {
    if (typeof data === "string") return this.text(k) === data;
    return !this.removed.has(k) && this.zip.has(k) && this.zip.read(k).equals(data);
  }

  remove(name: string): void {
    const k = this.key(name);
    this.changed.delete(k);
    if (this.zip.has(k)) this.removed.add(k);
  }

  has(name: string): boolean {
    const k = this.key(name);
    return this.changed.has(k) || (this.zip.has(k) && !this.removed.has(k));
  }

  names(): string[] {
    const out = this.zip.entries.map((e) => e.name).filter((n) => !this.removed.has(n));
    for (const k of this.changed.keys()) if (!this.zip.has(k)) out.push(k);
    return out;
  }
}

/** Why a package could not be read, in one plain sentence. */
export class UnreadableWorkbookError extends Error {}

export class PackagePort implements WorkbookPort {
  private generated = new Map<string, SheetModel>();
  private state: WorkbookState | null = null;
  /** sheet name (lower case) → patches of its cells */
  private patches = new Map<
    string,
    Map<number, Map<number, { text: string; quotePrefix: boolean }>>
  >();

  private constructor(
    private readonly zip: ZipReader,
    private readonly sheets: PackageSheet[],
    private readonly shared: readonly string[] = [],
    /** How the package's numbers are read: its cell styles and its date system. */
    private readonly numbers: PackageNumbers = { styles: readCellStyles(null), dateSystem: 1900 }
  ) {}

  /** The workbook's date system (dates are read and written in it; the core always sees 1900-system serials). */
  get dateSystem(): DateSystem {
    return this.numbers.dateSystem;
  }

  /** Opens a workbook file: its zip directory and cell values are read; other parts stay on disk until saved. */
  static async open(file: string, onProgress?: ProgressFn): Promise<PackagePort> {
    const opened = (e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      return new UnreadableWorkbookError(
        code === "ENOENT"
          ? `The file "${file}" does not exist.`
          : code === "EISDIR"
            ? `"${file}" is a folder, not a workbook.`
            : `The file "${file}" could not be opened (${code ?? e}).`
      );
    };
    const st = await fs.stat(file).catch((e: unknown) => {
      throw opened(e);
    });
    if (st.isDirectory()) throw opened(Object.assign(new Error("EISDIR"), { code: "EISDIR" }));
    return PackagePort.fromZip(() => ZipReader.open(file), path.basename(file), onProgress);
  }

  static async fromBuffer(
    data: Buffer,
    label = "the workbook",
    onProgress?: ProgressFn
  ): Promise<PackagePort> {
    return PackagePort.fromZip(() => ZipReader.fromBuffer(data), label, onProgress);
  }

  private static async fromZip(
    load: () => ZipReader,
    label: string,
    onProgress?: ProgressFn
  ): Promise<PackagePort> {
    let zip: ZipReader;
    try {
      zip = load();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code && !(e instanceof NotAZipError))
        throw new UnreadableWorkbookError(`"${label}" could not be opened (${code}).`);
      const why = e instanceof NotAZipError ? e.message : String((e as Error).message ?? e);
      throw new UnreadableWorkbookError(`"${label}" cannot be read as an Excel workbook: ${why}.`);
    }
    try {
      return await PackagePort.read(zip, label, onProgress);
    } catch (e) {
      if (e instanceof UnreadableWorkbookError) throw e;
      throw new UnreadableWorkbookError(
        `"${label}" cannot be read as an Excel workbook: ${(e as Error).message ?? e}.`
      );
    }
  }

  private static async read(
    zip: ZipReader,
    label: string,
    onProgress?: ProgressFn
  ): Promise<PackagePort> {
    const wbPart = zip.findName(workbookPartOf(zip.text("_rels/.rels")));
    if (!wbPart)
      throw new UnreadableWorkbookError(
        `"${label}" is a zip package but not an Excel workbook: it has no workbook part (xl/workbook.xml)` +
          (zip.has("word/document.xml")
            ? "; it is a Word document"
            : zip.has("ppt/presentation.xml")
              ? "; it is a PowerPoint file"
              : "") +
          "."
      );
    const wbXml = zip.text(wbPart) ?? "";
    if (/xmlns(:\w+)?="http:\/\/purl\.oclc\.org\/ooxml\/spreadsheetml\/main"/.test(wbXml))
      // Our sheets are written in the transitional namespaces: mixed into a Strict package, no program opens it.
      throw new UnreadableWorkbookError(
        `"${label}" is saved as Strict Open XML, which Budget Alignment cannot add its sheets to without damaging the file. In Excel, save it as "Excel Workbook (.xlsx)" (not "Strict Open XML Spreadsheet") and run again.`
      );
    const rels = parseRels(zip.text(relsPathOf(wbPart)));
    let shared: string[] = [];
    const sstRel = rels.find((r) => /\/sharedStrings$/.test(r.type ?? ""));
    const sstPart = sstRel ? zip.findName(resolvePart(wbPart, sstRel.target)) : undefined;
    if (sstPart) {
      const sst = await scanStream(zip.stream(sstPart), new SharedStringsScanner());
      if (!sst.complete)
        throw new UnreadableWorkbookError(
          `"${label}" is damaged: its shared-strings part ${sstPart} is cut off after ${sst.strings.length.toLocaleString("en-US")} texts, so cells would read wrong or blank. Open it in Excel (which repairs what it can) and save it again.`
        );
      shared = sst.strings;
    }
    const stylesRel = rels.find((r) => /\/styles$/.test(r.type ?? ""));
    const stylesPart = stylesRel ? zip.findName(resolvePart(wbPart, stylesRel.target)) : undefined;
    const numbers: PackageNumbers = {
      styles: readCellStyles(stylesPart ? zip.text(stylesPart) : null),
      dateSystem: dateSystemOf(wbXml),
    };
    const sheets: PackageSheet[] = [];
    const marked = reportMarkers(wbXml);
    for (const s of sheetEntries(wbXml)) {
      const rel = rels.find((r) => r.id === s.rId);
      if (!rel)
        throw new UnreadableWorkbookError(
          `"${label}" cannot be read as an Excel workbook: its sheet "${s.name}" has no relationship ${s.rId || "(none given)"} in ${relsPathOf(wbPart)}.`
        );
      const type = sheetTypeOf(rel.type);
      const visibility: SheetInfo["visibility"] =
        s.state === "hidden" || s.state === "veryHidden" ? s.state : "visible";
      if (type !== "worksheet") {
        // Chart, dialog and macro sheets have no cells we read, but their names are taken: listed, kept as they are.
        sheets.push({ name: s.name, visibility, type, part: null, values: [], rows: 0, width: 0 });
        continue;
      }
      const wanted = resolvePart(wbPart, rel.target);
      const part = zip.findName(wanted);
      if (!part)
        throw new UnreadableWorkbookError(
          `"${label}" cannot be read as an Excel workbook: its sheet "${s.name}" points to the part ${wanted}, which is not in the file.`
        );
      const { values, width, unsaved, numberFormats } = await scanSheet(
        zip,
        part,
        shared,
        numbers,
        s.name,
        label,
        (n) =>
          onProgress?.({
            label: `Reading ${s.name} (row ${n.toLocaleString("en-US")})`,
            fraction: 0,
          })
      );
      sheets.push({
        name: s.name,
        visibility,
        type,
        report: marked.get(s.name.toLowerCase()),
        part,
        values,
        rows: values.length,
        width,
        unsaved,
        numberFormats,
        pivotTables: pivotTablesOf(zip, part),
      });
    }
    // Every other part is checked against its CRC now, so a damaged one stops the run before anything is written
    // (the sheets and shared strings were checked as they were read).
    for (const e of zip.entries) await zip.verify(e);
    return new PackagePort(zip, sheets, shared, numbers);
  }

  /**
   * Where the formulas with no saved value are (a workbook written by a script and never opened in a spreadsheet
   * program reads as blanks there): the visible sheets, and each sheet's such cells.
   */
  unsavedFormulas(): { visibleSheets: string[]; cellsOf(sheet: string): UnsavedFormula[] } {
    return {
      visibleSheets: this.sheets
        .filter((s) => s.part && s.type === "worksheet" && s.visibility === "visible")
        .map((s) => s.name),
      cellsOf: (sheet) => this.sheets.find((s) => s.name === sheet)?.unsaved ?? [],
    };
  }

  /** A sheet's values: kept, or read again from the package with the cells written since. */
  private async valuesOf(s: PackageSheet): Promise<CellValue[][]> {
    if (s.values) return s.values;
    if (!s.part) return [];
    const { values } = await scanSheet(
      this.zip,
      s.part,
      this.shared,
      this.numbers,
      s.name,
      "the workbook"
    );
    for (const [row, cells] of this.patches.get(s.name.toLowerCase()) ?? [])
      for (const [col, { text }] of cells) setCell(values, s, row, col, text);
    return values;
  }

  private find(name: string): PackageSheet {
    const s = this.sheets.find(
      (x) => x.name.toLowerCase() === name.toLowerCase() && x.type === "worksheet"
    );
    if (!s) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    return s;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s, position) => {
      const model = this.generated.get(s.name.toLowerCase());
      const cols = model ? model.values.reduce((w, r) => Math.max(w, r.length), 0) : s.width;
      return {
        name: s.name,
        position,
        visibility: s.visibility,
        rows: cols ? (model ? model.values.length : s.rows) : 0,
        cols,
        ...(s.type !== "worksheet" ? { type: s.type } : {}),
        ...(model?.report ? { report: model.report } : s.report ? { report: s.report } : {}),
      };
    });
  }

  async readSheets(names: string[], onProgress?: ProgressFn): Promise<SheetCells[]> {
    const out: SheetCells[] = [];
    for (const [i, name] of names.entries()) {
      onProgress?.({ label: `Reading ${name}`, fraction: i / Math.max(1, names.length) });
      const s = this.find(name);
      const model = this.generated.get(s.name.toLowerCase());
      out.push({
        name: s.name,
        startRow: 0,
        startCol: 0,
        values: model ? model.values : await this.valuesOf(s),
        ...(!model && s.numberFormats?.some((f) => f) ? { numberFormats: s.numberFormats } : {}),
        ...(!model && s.pivotTables?.length ? { pivotTables: s.pivotTables } : {}),
      });
      // A big sheet is the reader's now: the port does not hold a second reference to it (a million-row budget
      // is ~250 MB of values), and reads it again from the package if asked again.
      if (s.part && s.rows > RELEASE_ROWS) s.values = null;
    }
    return out;
  }

  async writeSheets(models: SheetModel[]): Promise<void> {
    for (const m of models) {
      const key = m.name.toLowerCase();
      const other = this.sheets.find((s) => s.name.toLowerCase() === key && s.type !== "worksheet");
      // Never over a chart, dialog or macro sheet (the workflow gives a report a free name instead).
      if (other)
        throw new Error(`"${other.name}" is a ${other.type} sheet of yours: it is never replaced.`);
    }
    for (const m of models) {
      const key = m.name.toLowerCase();
      this.generated.delete(key); // a rewritten sheet goes to the end of the generated order
      this.generated.set(key, m);
      if (!this.sheets.some((s) => s.name.toLowerCase() === key))
        this.sheets.push({
          name: m.name,
          visibility: "visible",
          type: "worksheet",
          report: m.report,
          part: null,
          values: [],
          rows: 0,
          width: 0,
        });
    }
  }

  async readState(): Promise<WorkbookState> {
    if (this.state) return this.state;
    const s = this.sheets.find((x) => x.name === STATE_SHEET_NAME);
    const values = s ? await this.valuesOf(s) : [];
    return parseState(values.map((r) => (r[0] === undefined ? "" : r[0]))).state;
  }

  async writeState(state: WorkbookState): Promise<void> {
    this.state = state;
    if (!this.sheets.some((s) => s.name === STATE_SHEET_NAME))
      this.sheets.push({
        name: STATE_SHEET_NAME,
        visibility: "veryHidden",
        type: "worksheet",
        part: null,
        values: [],
        rows: 0,
        width: 1,
      });
  }

  async writeCells(updates: CellUpdate[]): Promise<void> {
    for (const u of updates) {
      const s = this.find(u.sheet);
      const { row, col } = parseA1(u.cell);
      const { text, quotePrefix } = textForTypedCell(u.value);
      const key = s.name.toLowerCase();
      let rows = this.patches.get(key);
      if (!rows) this.patches.set(key, (rows = new Map()));
      let cells = rows.get(row);
      if (!cells) rows.set(row, (cells = new Map()));
      cells.set(col, { text, quotePrefix });
      // what a later read of the sheet sees
      if (s.values) setCell(s.values, s, row, col, text);
      else {
        s.rows = Math.max(s.rows, row + 1);
        s.width = Math.max(s.width, col + 1);
      }
    }
  }

  /** Writes the package to `file` through a temporary file. */
  async save(file: string, onProgress?: ProgressFn): Promise<void> {
    const store = new Overlay(this.zip);
    // Dates go out in the workbook's own date system (a 1904 workbook's serials are 1,462 days smaller).
    const gen = generatedPackage(
      [...this.generated.values()].map((m) => inDateSystem(m, this.dateSystem)),
      this.state
    );
    const sheetPatches = new Map<string, Patches>();
    const markers = [...this.generated.values()].flatMap((m) =>
      m.report ? [{ name: markerName(m.report as ReportSheet), ref: markerRef(m.name) }] : []
    );
    const { styles } = transplant(
      store,
      gen,
      this.patches.size > 0 || this.replacesSheets(),
      markers
    );
    for (const [key, rows] of this.patches) {
      const sheet = this.sheets.find((s) => s.name.toLowerCase() === key);
      if (!sheet?.part) continue;
      const patches: Patches = new Map();
      for (const [r, cells] of rows) {
        const m = new Map<number, CellPatch>();
        for (const [c, { text, quotePrefix }] of cells)
          m.set(c, {
            text,
            style: (existing) => {
              return quotePrefix ? styles.quoted(existing) : existing;
            },
          });
        patches.set(r, m);
      }
      sheetPatches.set(sheet.part, patches);
    }
    const stylesPart = styleEntryName(store);
    // With patched sheets, styles.xml goes after them: which quote-prefix styles they need is known once written.
    const deferStyles = sheetPatches.size > 0 && stylesPart !== null;
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const writer = new ZipWriter(tmp);
    try {
      for (const e of this.zip.entries) {
        if (store.removed.has(e.name)) continue;
        const patches = sheetPatches.get(e.name);
        if (patches) {
          onProgress?.({ label: `Writing ${e.name}`, fraction: 0 });
          await writer.addStream(
            e.name,
            Readable.from(patchSheetXml(this.zip.stream(e.name), patches))
          );
          continue;
        }
        if (e.name === stylesPart) {
          if (!deferStyles) await this.writeStyles(writer, e.name, styles.render());
          continue;
        }
        const changed = store.changed.get(e.name);
        if (changed !== undefined) await writer.add(e.name, changed);
        else {
          await this.zip.verify(e); // a damaged part is never copied into the output
          await writer.copy(this.zip, e);
        }
      }
      for (const [name, data] of store.changed)
        if (!this.zip.has(name) && name !== stylesPart) await writer.add(name, data);
      if (stylesPart && (deferStyles || !this.zip.has(stylesPart))) {
        await this.writeStyles(writer, stylesPart, styles.render());
      }
      await writer.finish();
      await fs.rename(tmp, file);
    } catch (e) {
      await writer.abort();
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  /** styles.xml as it was when nothing was added to it (our styles were all there already), else the new text. */
  private async writeStyles(writer: ZipWriter, part: string, xml: string): Promise<void> {
    const original = this.zip.entry(part);
    if (original && this.zip.read(part).toString("utf8") === xml)
      await writer.copy(this.zip, original);
    else await writer.add(part, xml);
  }

  /** True when a generated sheet or the state sheet replaces a sheet of the package. */
  private replacesSheets(): boolean {
    return this.sheets.some(
      (s) =>
        s.part !== null &&
        (this.generated.has(s.name.toLowerCase()) ||
          (this.state !== null && s.name === STATE_SHEET_NAME))
    );
  }
}

/** The kind of sheet a workbook relationship points to. */
function sheetTypeOf(relType: string | undefined): PackageSheet["type"] {
  if (/\/chartsheet$/i.test(relType ?? "")) return "chart";
  if (/\/dialogsheet$/i.test(relType ?? "")) return "dialog";
  if (/macrosheet$/i.test(relType ?? "")) return "macro";
  return "worksheet";
}

/** The output ranges of the pivot tables a worksheet part holds (each pivot table part's `<location ref>`). */
function pivotTablesOf(zip: ZipReader, sheetPart: string): string[] {
  const refs: string[] = [];
  for (const rel of parseRels(zip.text(relsPathOf(sheetPart)))) {
    if (!/\/pivotTable$/.test(rel.type ?? "")) continue;
    const part = zip.findName(resolvePart(sheetPart, rel.target));
    const xml = part ? zip.text(part) : null;
    const loc = xml ? /<(?:[\w.-]+:)?location\b[^>]*>/.exec(xml) : null;
    const ref = loc ? attributes(loc[0]).ref : undefined;
    if (ref) refs.push(ref);
  }
  return refs;
}

/** Our report markers in workbook.xml: sheet name (lower case) → the report it is. */
function reportMarkers(wbXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of wbXml.matchAll(
    /<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g
  )) {
    const a = attributes(`<x ${m[1]}>`);
    const report = a.localSheetId === undefined ? reportOfMarker(a.name ?? "") : null;
    const sheet = report ? sheetOfMarkerRef(xmlUnescape(m[2])) : null;
    if (report && sheet) out.set(sheet.toLowerCase(), report);
  }
  return out;
}

/** How a package's numbers are read: the number format of each cell style, and the date system. */
interface PackageNumbers {
  styles: CellStyles;
  dateSystem: DateSystem;
}

/** Sheets longer than this are not kept by the port once read (see readSheets). */
const RELEASE_ROWS = 20000;

/**
 * One worksheet's values. A part cut off before its sheet data ends, or cells naming shared strings the file does
 * not hold, stop the run naming the part and cell: read on, the budget would come out short without a word.
 */
async function scanSheet(
  zip: ZipReader,
  part: string,
  shared: readonly string[],
  numbers: PackageNumbers,
  sheet: string,
  label: string,
  onRows?: (n: number) => void
): Promise<{
  values: CellValue[][];
  width: number;
  unsaved: UnsavedFormula[];
  numberFormats: string[];
}> {
  const { styles, dateSystem } = numbers;
  const scanner = await scanBytes(
    zip.stream(part),
    new SheetBytesScanner(shared, onRows, {
      isDate: styles.isDate,
      dateShift: dateSystem === 1904 ? DAYS_1904 : 0,
    })
  );
  if (!scanner.complete)
    throw new UnreadableWorkbookError(
      `"${label}" is damaged: the part ${part} (sheet "${sheet}") is cut off after row ${scanner.rowsSeen.toLocaleString("en-US")}, so the rest of the sheet is missing. Open it in Excel (which repairs what it can) and save it again.`
    );
  const bad = scanner.badShared;
  if (bad)
    throw new UnreadableWorkbookError(
      `"${label}" is damaged: ${sheetRef(sheet)}!${columnLetter(bad.col - 1)}${bad.row} refers to shared text number ${bad.index}, but the shared-strings part holds only ${shared.length.toLocaleString("en-US")}` +
        (bad.count > 1
          ? ` (${(bad.count - 1).toLocaleString("en-US")} more cells of the sheet do too)`
          : "") +
        `. Open it in Excel (which repairs what it can) and save it again.`
    );
  const numberFormats = scanner
    .columnStyleIndexes()
    .map((st) => (st >= 0 ? (styles.formats[st] ?? "") : ""));
  return { ...scanner.result(), unsaved: scanner.unsavedFormulas, numberFormats };
}

/** A formula cell with no saved value: 1-based row and column, and the formula without its "=". */
export interface UnsavedFormula {
  row: number;
  col: number;
  formula: string;
  /** For a shared formula's dependent cell: the cell whose formula it copies. */
  sharedFrom?: string;
}

/** Writes one cell into dense values, growing the rectangle (and the sheet's size) as needed. */
function setCell(
  values: CellValue[][],
  s: { rows: number; width: number },
  row: number,
  col: number,
  text: string
): void {
  const width = Math.max(s.width, col + 1);
  if (width > s.width) {
    // Shared blank rows stay shared: one wider blank row for all of them.
    const blank = Object.freeze(new Array<CellValue>(width).fill("")) as CellValue[];
    for (let i = 0; i < values.length; i++) {
      if (Object.isFrozen(values[i])) values[i] = blank;
      else while (values[i].length < width) values[i].push("");
    }
  }
  while (values.length <= row) values.push(new Array(width).fill(""));
  s.width = width;
  s.rows = Math.max(s.rows, values.length);
  if (Object.isFrozen(values[row])) values[row] = values[row].slice(); // a shared blank row
  values[row][col] = text;
}

/** The styles part the workbook's relationships name, after the transplant (it adds one when there was none). */
function styleEntryName(store: PartStore): string | null {
  const wbPart = workbookPartOf(store.text("_rels/.rels"));
  const rel = parseRels(store.text(relsPathOf(wbPart))).find((r) => /\/styles$/.test(r.type ?? ""));
  return rel ? resolvePart(wbPart, rel.target) : null;
}
