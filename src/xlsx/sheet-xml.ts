/**
 * Reading cell values out of worksheet XML as it streams in, and patching cells of a worksheet's XML as it streams
 * through, for the CLI's package writer (package-port.ts).
 *
 * The reader takes what Excel, LibreOffice, openpyxl and Google Sheets write: shared strings or inline strings,
 * `t="str"` formula text, booleans, errors, ISO dates (`t="d"`), rows and cells with or without their `r`
 * addresses, namespace prefixes (`<x:c>`), CDATA and comments. It gives what Excel's `range.values` gives: formulas
 * as their saved results, rich text joined, dates as serial numbers (styles are not read).
 */
import { StringDecoder } from "string_decoder";
import type { CellValue } from "../core/types";
import { xmlEscape, xmlUnescape } from "./package";
import { fromXstring, toXstring } from "./xstring";

/** "AB12" → 27 (0-based column); -1 when the text holds no letters. */
export function columnOfRef(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : col - 1;
}

/** The value of attribute `name` in a start tag's text, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = tag.charCodeAt(i - 1);
    // preceded by whitespace, followed by optional spaces and '='
    if (!(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let j = from;
    while (tag[j] === " ") j++;
    if (tag[j] !== "=") continue;
    j++;
    while (tag[j] === " ") j++;
    const q = tag[j];
    if (q !== '"' && q !== "'") continue;
    const end = tag.indexOf(q, j + 1);
    if (end < 0) return undefined;
    const v = tag.slice(j + 1, end);
    return v.indexOf("&") >= 0 ? xmlUnescape(v) : v;
  }
}

function localName(tag: string): string {
  let end = 0;
  const n = tag.length;
  while (end < n) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) break;
    end++;
  }
  const name = tag.slice(0, end);
  const colon = name.indexOf(":");
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/**
 * A resumable scanner of XML text: feed it text as it arrives; it calls `tag` for each start, end or empty tag
 * and, while `collecting` is on, gathers the (still escaped) text between tags.
 */
abstract class XmlScanner {
  private buf = "";
  protected collecting = false;
  protected text = "";
  protected done = false;

  /** name: local name; tag: text between < and > (without them). */
  protected abstract tag(name: string, tagText: string, closing: boolean, empty: boolean): void;

  push(chunk: string): void {
    if (this.done) return;
    const buf = this.buf ? this.buf + chunk : chunk;
    let pos = 0;
    const n = buf.length;
    while (pos < n && !this.done) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        if (this.collecting) this.text += buf.slice(pos);
        pos = n;
        break;
      }
      if (lt > pos && this.collecting) this.text += buf.slice(pos, lt);
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (buf.startsWith("<![CDATA[", lt)) {
          const end = buf.indexOf("]]>", lt);
          if (end < 0) {
            pos = lt;
            break;
          }
          if (this.collecting) this.text += xmlEscape(buf.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        if (buf.startsWith("<!--", lt)) {
          const end = buf.indexOf("-->", lt);
          if (end < 0) {
            pos = lt;
            break;
          }
          pos = end + 3;
          continue;
        }
      }
      let gt = buf.indexOf(">", lt);
      // A '>' inside a quoted attribute value does not end the tag.
      while (gt >= 0 && !balancedQuotes(buf, lt, gt)) gt = buf.indexOf(">", gt + 1);
      if (gt < 0) {
        pos = lt;
        break;
      }
      if (next === 63 /* ? */ || next === 33) {
        pos = gt + 1;
        continue;
      }
      const closing = next === 47;
      const empty = buf.charCodeAt(gt - 1) === 47;
      const tagText = buf.slice(closing ? lt + 2 : lt + 1, empty ? gt - 1 : gt);
      this.tag(localName(tagText), tagText, closing, empty);
      pos = gt + 1;
    }
    this.buf = pos < n ? buf.slice(pos) : "";
  }
}

/** True when the text from `from` to `to` holds an even number of double quotes (so `to` is outside a value). */
function balancedQuotes(buf: string, from: number, to: number): boolean {
  // Counted over the tag only: a search for the next quote would run past a tag that has none (a shared string's
  // <t>) to wherever the next quote of the part is, for every such tag.
  let q = 0;
  for (let i = from; i < to; i++) if (buf.charCodeAt(i) === 34) q++;
  return q % 2 === 0;
}

function decodeText(raw: string): string {
  return compactText(fromXstring(raw.indexOf("&") >= 0 ? xmlUnescape(raw) : raw));
}

/**
 * The text as V8's one-byte string when it fits in one. A piece cut out of a decoded chunk that held one wider
 * character anywhere (an em dash in a shared string) stays two bytes a character, and so does every key and name
 * made from it: for a million-line budget that was ~150 MB more (measured 2026-12-02). Latin-1 in, Latin-1 out
 * is a byte-for-byte copy, so the text is the same.
 */
export function compactText(text: string): string {
  if (text.length === 0) return text;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return text;
  return Buffer.from(text, "latin1").toString("latin1");
}

/** The shared strings part: one text per <si>, rich-text runs joined, phonetic runs left out. */
export class SharedStringsScanner extends XmlScanner {
  readonly strings: string[] = [];
  /** The part ended where it should (</sst>): false for a part cut short. */
  complete = false;
  private inSi = false;
  private inPhonetic = false;
  private acc = "";

  protected tag(name: string, _t: string, closing: boolean, empty: boolean): void {
    if (name === "sst" && (closing || empty)) this.complete = true;
    if (name === "si") {
      if (!closing) {
        this.inSi = true;
        this.acc = "";
      }
      if (closing || empty) {
        this.strings.push(decodeText(this.acc));
        this.inSi = false;
      }
    } else if (name === "rPh") {
      this.inPhonetic = !closing && !empty;
    } else if (name === "t" && this.inSi && !this.inPhonetic) {
      if (!closing && !empty) {
        this.collecting = true;
        this.text = "";
      } else if (closing) {
        this.collecting = false;
        this.acc += this.text;
      }
    }
  }
}

/** A serial date from an ISO date or date-time (`t="d"` cells). */
function isoToSerial(text: string): CellValue {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(/T/.test(iso) ? iso : `${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? ms / 86400000 + 25569 : text;
}

/** Every cell value of one worksheet, as a dense rectangle (rows × widest row). */
export class SheetValuesScanner extends XmlScanner {
  private rows: CellValue[][] = [];
  private width = 0;
  private inData = false;
  private row: CellValue[] | null = null;
  private rowIndex = -1;
  private col = -1;
  private cellType: string | undefined;
  private cellOpen = false;
  private v: string | null = null;
  /** The cell's formula text ("" for a shared formula's dependent), or null when it has none. */
  private formula: string | null = null;
  /**
   * Formula cells with no saved value (a workbook written by a script and never opened in a spreadsheet program):
   * 1-based row and column, and the formula. They read as blanks.
   */
  readonly unsavedFormulas: { row: number; col: number; formula: string; sharedFrom?: string }[] =
    [];
  /** Shared formulas by their si: the master cell's formula and address (a dependent cell holds only the si). */
  private sharedFormulas = new Map<string, { formula: string; cell: string }>();
  /** The si of the current cell's shared formula, when it has one. */
  private sharedSi: string | undefined;
  private inline: string | null = null;
  private inIs = false;
  private inPhonetic = false;
  private cellsInRow = 0;
  /** Rows read with gaps between their cells. */
  private holey = new Set<number>();
  rowsSeen = 0;
  /** The sheet data ended where it should (</sheetData>): false for a part cut short. */
  complete = false;
  /** The first cell that names a shared string the shared-strings part does not hold, and how many do. */
  badShared: { row: number; col: number; index: string; count: number } | null = null;

  /** The current cell's style (cellXfs index), -1 for none. */
  private cellStyle = -1;
  /** Per column: how many of its numeric cells have each style (only when the styles are known). */
  private columnStyles: Map<number, number>[] = [];

  constructor(
    private readonly shared: readonly string[],
    private readonly onRows?: (rowsSeen: number) => void,
    /** The package's cell styles and date system: numbers under a date style are read as 1900-system serials. */
    private readonly styles?: { isDate: readonly boolean[]; dateShift: number }
  ) {
    super();
  }

  protected tag(name: string, t: string, closing: boolean, empty: boolean): void {
    if (!this.inData) {
      if (name === "sheetData" && !closing && !empty) this.inData = true;
      if ((name === "sheetData" && empty) || (name === "worksheet" && closing))
        this.complete = true;
      return;
    }
    switch (name) {
      case "c":
        if (!closing) {
          const r = attr(t, "r");
          const c = r === undefined ? -1 : columnOfRef(r);
          this.col = c >= 0 ? c : this.col + 1;
          this.cellType = attr(t, "t");
          if (this.styles) {
            const st = attr(t, "s");
            this.cellStyle = st === undefined ? -1 : Number(st);
          }
          this.v = null;
          this.inline = null;
          this.formula = null;
          this.sharedSi = undefined;
          this.cellOpen = !empty;
        }
        if (closing && this.cellOpen) {
          this.cellOpen = false;
          this.setCell();
        }
        return;
      case "f":
        if (!closing) {
          this.formula = "";
          this.sharedSi = attr(t, "t") === "shared" ? attr(t, "si") : undefined;
          if (!empty) {
            this.collecting = true;
            this.text = "";
          }
        } else {
          this.collecting = false;
          this.formula = decodeText(this.text);
          if (this.sharedSi !== undefined && this.formula !== "")
            this.sharedFormulas.set(this.sharedSi, {
              formula: this.formula,
              cell: cellRef(this.rowIndex, this.col),
            });
        }
        return;
      case "v":
        if (!closing && !empty) {
          this.collecting = true;
          this.text = "";
        } else if (closing) {
          this.collecting = false;
          this.v = this.text;
        }
        return;
      case "is":
        this.inIs = !closing && !empty;
        if (!closing) this.inline = "";
        return;
      case "rPh":
        this.inPhonetic = !closing && !empty;
        return;
      case "t":
        if (!this.inIs || this.inPhonetic) return;
        if (!closing && !empty) {
          this.collecting = true;
          this.text = "";
        } else if (closing) {
          this.collecting = false;
          this.inline = (this.inline ?? "") + this.text;
        }
        return;
      case "row":
        if (!closing) {
          const r = attr(t, "r");
          const n = r === undefined ? NaN : Number(r);
          this.rowIndex = Number.isFinite(n) && n >= 1 ? n - 1 : this.rowIndex + 1;
          this.row = [];
          this.col = -1;
          this.cellsInRow = 0;
        }
        if (closing || empty) this.endRow();
        return;
      case "sheetData":
        if (closing) {
          this.inData = false;
          this.done = true;
          this.complete = true;
        }
        return;
      default:
        return;
    }
  }

  private setCell(): void {
    if (!this.row) return;
    const raw = this.v;
    if (this.formula !== null && (raw === null || raw === "") && this.inline === null) {
      // A shared formula's dependent holds only the group's number: described by the master it copies.
      const master =
        this.formula === "" && this.sharedSi !== undefined
          ? this.sharedFormulas.get(this.sharedSi)
          : undefined;
      this.unsavedFormulas.push({
        row: this.rowIndex + 1,
        col: this.col + 1,
        formula: master ? master.formula : this.formula,
        ...(master ? { sharedFrom: master.cell } : {}),
      });
    }
    let value: CellValue;
    switch (this.cellType) {
      case "s":
        value = raw === null ? "" : this.sharedString(raw);
        break;
      case "inlineStr":
        value = this.inline !== null ? decodeText(this.inline) : raw ? decodeText(raw) : "";
        break;
      case "str":
        value = raw === null ? "" : decodeText(raw);
        break;
      case "b":
        value = raw === null ? "" : raw === "1" || raw.toLowerCase() === "true";
        break;
      case "e":
        value = raw === null ? "" : decodeText(raw);
        break;
      case "d":
        value = raw === null ? "" : isoToSerial(raw.trim());
        break;
      default: {
        if (raw === null || raw === "") value = "";
        else {
          const n = Number(raw);
          value = Number.isFinite(n) ? (this.styles ? this.styledNumber(n) : n) : decodeText(raw);
        }
      }
    }
    if (value === "") return;
    if (this.row[this.col] === undefined) this.cellsInRow++;
    this.row[this.col] = value;
  }

  /** A number as the core reads it: a date in a 1904 workbook becomes its 1900-system serial; its style counted. */
  private styledNumber(n: number): number {
    const st = this.cellStyle;
    if (st < 0) return n;
    const counts = (this.columnStyles[this.col] ??= new Map());
    counts.set(st, (counts.get(st) ?? 0) + 1);
    return this.styles!.isDate[st] ? n + this.styles!.dateShift : n;
  }

  /** Per column, the style most of its numeric cells have (-1 for a column with none styled). */
  columnStyleIndexes(): number[] {
    return mostCommonStyles(this.columnStyles);
  }

  /** Shared string `raw` (an index); one the part does not hold is recorded (the file is damaged) and reads "". */
  private sharedString(raw: string): CellValue {
    const v = this.shared[Number(raw)];
    if (v !== undefined) return v;
    if (this.badShared) this.badShared.count++;
    else this.badShared = { row: this.rowIndex + 1, col: this.col + 1, index: raw, count: 1 };
    return "";
  }

  private endRow(): void {
    const row = this.row;
    this.row = null;
    if (!row) return;
    if (++this.rowsSeen % 100000 === 0) this.onRows?.(this.rowsSeen);
    if (row.length === 0) return;
    // Kept as an exact copy (no growth slack: a million rows are held at once); holes are filled in result().
    this.rows[this.rowIndex] = row.slice();
    if (this.cellsInRow !== row.length) this.holey.add(this.rowIndex);
    if (row.length > this.width) this.width = row.length;
  }

  /** The values read, dense (denseRows). */
  result(): { values: CellValue[][]; width: number } {
    return { values: denseRows(this.rows, this.width, this.holey), width: this.width };
  }
}

/** Per column, the style most of its numeric cells have (-1 for a column with none styled). */
export function mostCommonStyles(
  columnStyles: readonly (Map<number, number> | undefined)[]
): number[] {
  return Array.from(columnStyles, (counts) => {
    let best = -1;
    let most = 0;
    for (const [st, n] of counts ?? []) if (n > most) [best, most] = [st, n];
    return best;
  });
}

/**
 * The rows a scanner read, made dense in place: every row as wide as the widest, blanks as "". Rows with no cell at
 * all share one frozen blank row, so a sheet whose cells sit at A1 and XFD1048576 costs two rows, not a million (a
 * reader that writes into a row copies it first). `holey` lists the rows read with gaps between their cells.
 */
export function denseRows(
  rows: CellValue[][],
  width: number,
  holey: ReadonlySet<number>
): CellValue[][] {
  let blank: CellValue[] | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) {
      blank ??= Object.freeze(new Array<CellValue>(width).fill("")) as CellValue[];
      rows[r] = blank;
      continue;
    }
    if (row.length === width && !holey.has(r)) continue;
    const dense: CellValue[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = row[c];
      dense[c] = v === undefined ? "" : v;
    }
    rows[r] = dense;
  }
  return rows;
}

/** Runs a scanner over a stream of UTF-8 chunks. */
export async function scanStream<T extends { push(s: string): void }>(
  source: AsyncIterable<Buffer>,
  scanner: T
): Promise<T> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of source) scanner.push(decoder.write(chunk));
  scanner.push(decoder.end());
  return scanner;
}

// ---------------------------------------------------------------------------------------------
// Patching cells
// ---------------------------------------------------------------------------------------------

/** Text to put into one cell; `style` picks the cell's style index from the one it has (undefined: none). */
export interface CellPatch {
  text: string;
  style(existing: string | undefined): string | undefined;
}

/** row (0-based) → column (0-based) → patch */
export type Patches = Map<number, Map<number, CellPatch>>;

function cellRef(row: number, col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

function patchedCellXml(p: string, row: number, col: number, patch: CellPatch, s?: string): string {
  const style = patch.style(s);
  return (
    `<${p}c r="${cellRef(row, col)}"${style !== undefined ? ` s="${style}"` : ""} t="inlineStr">` +
    `<${p}is><${p}t xml:space="preserve">${xmlEscape(toXstring(patch.text))}</${p}t></${p}is></${p}c>`
  );
}

/** A whole row element with its cells patched (cells replaced or inserted in column order). */
function patchRow(p: string, rowXml: string, row: number, cells: Map<number, CellPatch>): string {
  const gt = rowXml.indexOf(">");
  let start = rowXml.slice(0, gt + 1);
  // `spans` is a hint of the row's first and last columns; it may no longer hold.
  start = start.replace(/\sspans\s*=\s*"[^"]*"/, "");
  const selfClosing = start.endsWith("/>");
  if (selfClosing) start = start.slice(0, -2).replace(/\s+$/, "") + ">";
  const body = selfClosing ? "" : rowXml.slice(gt + 1, rowXml.lastIndexOf("<"));
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g;
  const todo = [...cells.keys()].sort((a, b) => a - b);
  let out = "";
  let last = 0;
  let col = -1;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = cellRe.exec(body))) {
    const ref = attr(m[1], "r");
    const c = ref === undefined ? col + 1 : columnOfRef(ref);
    col = c;
    while (k < todo.length && todo[k] < c) {
      out += body.slice(last, m.index) + patchedCellXml(p, row, todo[k], cells.get(todo[k])!);
      last = m.index;
      k++;
    }
    if (k < todo.length && todo[k] === c) {
      out += body.slice(last, m.index) + patchedCellXml(p, row, c, cells.get(c)!, attr(m[1], "s"));
      last = m.index + m[0].length;
      k++;
    }
  }
  out += body.slice(last);
  for (; k < todo.length; k++) out += patchedCellXml(p, row, todo[k], cells.get(todo[k])!);
  return `${start}${out}</${p}row>`;
}

function newRow(p: string, row: number, cells: Map<number, CellPatch>): string {
  return patchRow(p, `<${p}row r="${row + 1}"/>`, row, cells);
}

/**
 * Streams a worksheet's XML through, replacing or inserting the patched cells (and rows) and passing every other
 * byte of the text as it was. Only rows that get a cell are parsed.
 */
export async function* patchSheetXml(
  source: AsyncIterable<Buffer>,
  patches: Patches
): AsyncGenerator<string> {
  const pending = [...patches.keys()].sort((a, b) => a - b);
  let next = 0;
  const decoder = new StringDecoder("utf8");
  let buf = "";
  let p: string | null = null; // namespace prefix of the worksheet's elements ("" or "x:")
  let rowCounter = -1;
  let finished = false;
  const insertRowsBefore = (limit: number): string => {
    let s = "";
    while (next < pending.length && pending[next] < limit) {
      s += newRow(p!, pending[next], patches.get(pending[next])!);
      next++;
    }
    return s;
  };
  const step = (final: boolean): string => {
    let out = "";
    let pos = 0;
    if (p === null) {
      const m = /<(\w+:)?sheetData[\s>/]/.exec(buf);
      if (!m) {
        if (!final) return "";
        finished = true;
        const all = buf;
        buf = "";
        return all;
      }
      p = m[1] ?? "";
    }
    const rowOpen = `<${p}row`;
    const rowClose = `</${p}row>`;
    const dataClose = `</${p}sheetData>`;
    for (;;) {
      if (finished || next >= pending.length) {
        finished = true;
        out += buf.slice(pos);
        pos = buf.length;
        break;
      }
      let idx = buf.indexOf(rowOpen, pos);
      while (idx >= 0 && !/[\s>/]/.test(buf[idx + rowOpen.length] ?? "")) {
        if (buf.length <= idx + rowOpen.length) break;
        idx = buf.indexOf(rowOpen, idx + 1);
      }
      const emptyData = buf.indexOf(`<${p}sheetData/>`, pos);
      const close = buf.indexOf(dataClose, pos);
      const end = emptyData >= 0 && (close < 0 || emptyData < close) ? emptyData : close;
      if (end >= 0 && (idx < 0 || end < idx)) {
        const rows = insertRowsBefore(Infinity);
        if (end === emptyData) {
          out += buf.slice(pos, end) + `<${p}sheetData>${rows}${dataClose}`;
          pos = end + `<${p}sheetData/>`.length;
        } else {
          out += buf.slice(pos, end) + rows;
          pos = end;
        }
        finished = true;
        continue;
      }
      if (idx < 0 || buf.length <= idx + rowOpen.length) break; // need more text
      const gt = buf.indexOf(">", idx);
      if (gt < 0) break;
      const tag = buf.slice(idx + 1, gt);
      const r = attr(tag, "r");
      const rowIndex = r !== undefined && Number(r) >= 1 ? Number(r) - 1 : rowCounter + 1;
      out += buf.slice(pos, idx) + insertRowsBefore(rowIndex);
      pos = idx;
      if (next < pending.length && pending[next] === rowIndex) {
        let rowEnd: number;
        if (buf.charCodeAt(gt - 1) === 47) rowEnd = gt + 1;
        else {
          const c = buf.indexOf(rowClose, gt);
          if (c < 0) break; // need more text
          rowEnd = c + rowClose.length;
        }
        out += patchRow(p, buf.slice(idx, rowEnd), rowIndex, patches.get(rowIndex)!);
        next++;
        pos = rowEnd;
      } else {
        out += buf.slice(idx, gt + 1);
        pos = gt + 1;
      }
      rowCounter = rowIndex;
    }
    buf = buf.slice(pos);
    if (final && buf) {
      out += buf;
      buf = "";
    }
    return out;
  };
  for await (const chunk of source) {
    if (finished) {
      const s = buf + decoder.write(chunk);
      buf = "";
      if (s) yield s;
      continue;
    }
    buf += decoder.write(chunk);
    const out = step(false);
    if (out) yield out;
  }
  buf += decoder.end();
  const out = finished ? buf : step(true);
  if (out) yield out;
}
