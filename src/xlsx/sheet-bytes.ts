/**
 * The worksheet reader at the byte level (issue #29 item 3): cell values are read straight out of the inflated
 * bytes of a worksheet part, with no UTF-8 decoding of the part as a whole and no string made per tag.
 *
 * - Tags are found with Buffer.indexOf and read byte by byte: the tag name is compared as bytes, the attributes
 *   the reader needs (a cell's r, t and s; a row's r; a formula's t and si) are read in place, and a '>' inside a
 *   quoted attribute value is stepped over in the same pass (no second pass counting quotes).
 * - Texts are interned: a cell's raw bytes are looked up by a hash of the bytes and compared byte for byte (no string
 *   is made to look a text up) and decoded (UTF-8, entities, _xHHHH_ escapes) once per distinct text; a budget's
 *   599k inline strings hold 3,070 distinct values, so the values hold 3,070 strings, not 599k.
 * - Numbers are parsed from their bytes' Latin-1 image; shared-string cells only look their index up.
 *
 * It takes what Excel, LibreOffice, openpyxl and Google Sheets write — shared and inline strings, rich text joined,
 * phonetic runs left out, `t="str"` formula text, booleans, errors, ISO dates (`t="d"`), rows and cells without
 * addresses, namespace prefixes, CDATA and comments — and gives what Excel's `range.values` gives: formulas as their
 * saved results, dates as serial numbers. It is the CLI's one worksheet reader: a property test holds what it reads
 * equal to what the cells were written as, however the bytes are cut (test/xlsx/sheet-bytes.test.ts).
 */
import { columnLetter } from "../core/a1";
import type { CellValue } from "../core/types";
import { xmlUnescape } from "./package";
import { compactText } from "./sheet-xml";
import { fromXstring } from "./xstring";

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QMARK = 0x3f;
const QUOT = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const EQ = 0x3d;

/** The elements the reader acts on. */
const enum El {
  Other,
  C,
  V,
  F,
  T,
  Is,
  Row,
  RPh,
  SheetData,
  Worksheet,
}

/** A cell's type attribute. */
const enum Ty {
  Number,
  Shared,
  Inline,
  Str,
  Bool,
  Error,
  Date,
}

const CDATA_OPEN = Buffer.from("<![CDATA[");
const CDATA_CLOSE = Buffer.from("]]>");
const COMMENT_CLOSE = Buffer.from("-->");

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** The element of the tag name at [from, to) (its local name: a prefix is skipped). */
function elementOf(buf: Buffer, from: number, to: number): El {
  let s = from;
  for (let i = from; i < to; i++) if (buf[i] === COLON) s = i + 1;
  const n = to - s;
  const a = buf[s];
  if (n === 1)
    return a === 0x63 ? El.C : a === 0x76 ? El.V : a === 0x66 ? El.F : a === 0x74 ? El.T : El.Other;
  if (n === 2) return a === 0x69 && buf[s + 1] === 0x73 ? El.Is : El.Other;
  if (n === 3) {
    if (a === 0x72 && buf[s + 1] === 0x6f && buf[s + 2] === 0x77) return El.Row;
    if (a === 0x72 && buf[s + 1] === 0x50 && buf[s + 2] === 0x68) return El.RPh;
    return El.Other;
  }
  if (n === 9) {
    const name = buf.toString("latin1", s, to);
    return name === "sheetData" ? El.SheetData : name === "worksheet" ? El.Worksheet : El.Other;
  }
  return El.Other;
}

/**
 * The end of the tag starting at `lt` (the index of its '>'), stepping over quoted values; -1 when not in `buf`.
 * One pass over the tag's bytes (a tag is a few dozen bytes: a loop beats a native search per attribute).
 */
function tagEnd(buf: Buffer, lt: number): number {
  const n = buf.length;
  for (let i = lt + 1; i < n; i++) {
    const b = buf[i];
    if (b === GT) return i;
    if (b === QUOT || b === APOS) {
      // A quoted value may hold a '>': step to its closing quote.
      let j = i + 1;
      while (j < n && buf[j] !== b) j++;
      if (j >= n) return -1;
      i = j;
    }
  }
  return -1;
}

/** The index of the next '<' at or after `from`, -1 when none: short gaps (a cell's text) by a loop, long ones natively. */
function nextLt(buf: Buffer, from: number): number {
  const n = buf.length;
  const stop = Math.min(n, from + 64);
  for (let i = from; i < stop; i++) if (buf[i] === LT) return i;
  return stop < n ? buf.indexOf(LT, stop) : -1;
}

/** One attribute of a start tag: its name's bytes and its value's range. */
interface Attr {
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
}

/**
 * Reads the next attribute of a tag whose attributes run over [from, to) into `a`; returns where the one after it
 * starts, or -1 when there is none. (A loop over this, not a callback per attribute: no closure per tag.)
 */
function nextAttribute(buf: Buffer, from: number, to: number, a: Attr): number {
  let i = from;
  while (i < to && isSpace(buf[i])) i++;
  if (i >= to || buf[i] === SLASH) return -1;
  a.nameStart = i;
  while (i < to && buf[i] !== EQ && !isSpace(buf[i])) i++;
  a.nameEnd = i;
  while (i < to && buf[i] !== EQ) i++;
  i++;
  while (i < to && isSpace(buf[i])) i++;
  const q = buf[i];
  if (q !== QUOT && q !== APOS) return -1;
  let close = i + 1;
  while (close < to && buf[close] !== q) close++;
  if (close >= to) return -1;
  a.start = i + 1;
  a.end = close;
  return close + 1;
}

/** The attribute's name is the one byte `b` (r, t, s), unprefixed. */
const named1 = (buf: Buffer, a: Attr, b: number) =>
  a.nameEnd - a.nameStart === 1 && buf[a.nameStart] === b;

/** A non-negative integer written in [from, to); NaN when not one. */
function intAt(buf: Buffer, from: number, to: number): number {
  if (from >= to) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number written in [from, to) when it is a plain decimal of at most 15 digits (an optional '-', digits, and
 * optionally '.' and digits), else NaN. The digits as an integer (exact below 2^53) divided by an exact power of ten
 * is the correctly rounded value, so it is the same number as Number() of the text.
 */
function decimalAt(buf: Buffer, from: number, to: number): number {
  let i = from;
  const neg = buf[i] === 0x2d;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < to; i++) {
    const c = buf[i];
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 0x2e && frac < 0 && digits > 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || frac === 0) return NaN;
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
}

/** The 0-based column of an A1 reference in [from, to); -1 when it has no letters. */
function columnAt(buf: Buffer, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = buf[i];
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === from ? -1 : col - 1;
}

function typeAt(buf: Buffer, from: number, to: number): Ty {
  const n = to - from;
  const a = buf[from];
  if (n === 1)
    return a === 0x73
      ? Ty.Shared
      : a === 0x62
        ? Ty.Bool
        : a === 0x65
          ? Ty.Error
          : a === 0x64
            ? Ty.Date
            : Ty.Number;
  if (n === 3 && a === 0x73) return Ty.Str;
  if (n === 9 && a === 0x69) return Ty.Inline;
  return Ty.Number;
}

/** A serial date from an ISO date or date-time (`t="d"` cells). */
function isoToSerial(text: string): CellValue {
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(/T/.test(iso) ? iso : `${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? ms / 86400000 + 25569 : text;
}

/** A decoded text and the bytes it was read from; `next`: another text whose bytes have the same hash. */
interface Interned {
  bytes: Uint8Array;
  value: string;
  next: Interned | undefined;
}

/** FNV-1a of the bytes [from, to). */
function bytesHash(buf: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h;
}

/** `bytes` are the bytes [from, to) of `buf`. */
function sameBytes(bytes: Uint8Array, buf: Buffer, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[from + i]) return false;
  return true;
}

/** Per column, the style most of its numeric cells have (-1 for a column with none styled). */
function mostCommonStyles(columnStyles: readonly (Map<number, number> | undefined)[]): number[] {
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
function denseRows(rows: CellValue[][], width: number, holey: ReadonlySet<number>): CellValue[][] {
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

/** Every cell value of one worksheet, as a dense rectangle (rows × widest row), read from its bytes. */
export class SheetBytesScanner {
  private rows: CellValue[][] = [];
  private width = 0;
  private inData = false;
  private done = false;
  private row: CellValue[] | null = null;
  private rowIndex = -1;
  private col = -1;
  private cellType: Ty = Ty.Number;
  private cellStyle = -1;
  private cellOpen = false;
  /** The text of the element being read (v, t or f), decoded, or null while none. */
  private v: string | null = null;
  /** The value of a `<v>` read as a plain decimal straight from its bytes (numRead), else v holds its text. */
  private num = 0;
  private numRead = false;
  private inline: string | null = null;
  private formula: string | null = null;
  private sharedSi: string | undefined;
  private inIs = false;
  private inPhonetic = false;
  private cellsInRow = 0;
  private holey = new Set<number>();
  /** Where the text being collected starts in the current buffer (-1 when not collecting), and the pieces so far. */
  private textStart = -1;
  private textPieces: string | null = null;
  /** Decoded texts by a hash of their bytes (chained on collisions): one string per distinct text. */
  private readonly interned = new Map<number, Interned>();
  private internedCount = 0;
  private tail: Buffer | null = null;
  /** Chunks of a text being collected that held no tag, joined to the tail when the text ends. */
  private waiting: Buffer[] = [];
  private columnStyles: Map<number, number>[] = [];
  private sharedFormulas = new Map<string, { formula: string; cell: string }>();
  readonly unsavedFormulas: { row: number; col: number; formula: string; sharedFrom?: string }[] =
    [];
  /** The attribute being read (one object, reused for every attribute of every tag). */
  private readonly attr: Attr = { nameStart: 0, nameEnd: 0, start: 0, end: 0 };
  rowsSeen = 0;
  complete = false;
  badShared: { row: number; col: number; index: string; count: number } | null = null;

  constructor(
    private readonly shared: readonly string[],
    private readonly onRows?: (rowsSeen: number) => void,
    private readonly styles?: { isDate: readonly boolean[]; dateShift: number }
  ) {}

  /** How many distinct texts were decoded (the rest were found interned). */
  get distinctTexts(): number {
    return this.internedCount;
  }

  push(chunk: Buffer): void {
    if (this.done) return;
    // A long text being collected waits whole, chunk by chunk, and is joined once its end is in: never copied again
    // with every chunk (a 100 MB text would otherwise be copied thousands of times).
    if (this.tail && this.textStart >= 0 && chunk.indexOf(LT) < 0) {
      this.waiting.push(chunk);
      return;
    }
    const buf = this.tail ? Buffer.concat([this.tail, ...this.waiting, chunk]) : chunk;
    this.tail = null;
    this.waiting = [];
    const n = buf.length;
    let pos = 0;
    while (pos < n && !this.done) {
      const lt = nextLt(buf, pos);
      if (lt < 0) {
        if (this.textStart < 0) pos = n; // text no one reads is not kept
        break;
      }
      const next = buf[lt + 1];
      if (next === BANG) {
        if (lt + 9 > n) break;
        if (buf.compare(CDATA_OPEN, 0, 9, lt, lt + 9) === 0) {
          const end = buf.indexOf(CDATA_CLOSE, lt + 9);
          if (end < 0) break;
          if (this.textStart >= 0) {
            this.addPiece(this.decoded(buf, this.textStart, lt));
            this.addPiece(compactText(fromXstring(buf.toString("utf8", lt + 9, end))));
            this.textStart = end + 3;
          }
          pos = end + 3;
          continue;
        }
        if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
          const end = buf.indexOf(COMMENT_CLOSE, lt + 4);
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
      }
      const gt = tagEnd(buf, lt);
      if (gt < 0 || lt + 1 >= n) break;
      if (next === QMARK || next === BANG) {
        pos = gt + 1;
        continue;
      }
      const closing = next === SLASH;
      const empty = buf[gt - 1] === SLASH;
      const nameStart = closing ? lt + 2 : lt + 1;
      let nameEnd = nameStart;
      while (nameEnd < gt && !isSpace(buf[nameEnd]) && buf[nameEnd] !== SLASH) nameEnd++;
      this.tag(
        buf,
        elementOf(buf, nameStart, nameEnd),
        nameEnd,
        empty ? gt - 1 : gt,
        lt,
        gt,
        closing,
        empty
      );
      pos = gt + 1;
    }
    if (this.done) return;
    // What is not read yet waits for the next chunk: from the text being collected, else from the cut tag.
    const keep = this.textStart >= 0 ? Math.min(this.textStart, pos) : pos;
    if (keep < n) {
      this.tail = Buffer.from(buf.subarray(keep));
      if (this.textStart >= 0) this.textStart -= keep;
    } else if (this.textStart >= 0) this.textStart -= keep;
  }

  /** Call at the end of the part. */
  end(): void {
    this.tail = null;
    this.waiting = [];
  }

  private addPiece(s: string): void {
    if (s === "") return;
    this.textPieces = this.textPieces === null ? s : this.textPieces + s;
  }

  /** The text of [from, to) decoded, interned. */
  private decoded(buf: Buffer, from: number, to: number): string {
    if (from >= to) return "";
    // Looked up by the bytes themselves: no string is made for a text already seen (most of a budget's texts).
    const h = bytesHash(buf, from, to);
    const first = this.interned.get(h);
    for (let e = first; e !== undefined; e = e.next)
      if (sameBytes(e.bytes, buf, from, to)) return e.value;
    const key = buf.toString("latin1", from, to);
    let text = buf.toString("utf8", from, to);
    if (text.indexOf("&") >= 0) text = xmlUnescape(text);
    text = fromXstring(text);
    const value = text === key ? key : compactText(text);
    const bytes = new Uint8Array(to - from);
    bytes.set(buf.subarray(from, to));
    this.interned.set(h, { bytes, value, next: first });
    this.internedCount++;
    return value;
  }

  private startText(gt: number): void {
    this.textStart = gt + 1;
    this.textPieces = null;
  }

  /**
   * The text collected up to the closing tag at `lt`. `plain`: a number, index or date, read as its bytes (never
   * interned: a million distinct amounts would only fill the table).
   */
  private endText(buf: Buffer, lt: number, plain = false): string {
    const from = this.textStart;
    this.textStart = -1;
    if (from < 0) return this.textPieces ?? "";
    const last = plain ? buf.toString("latin1", from, lt) : this.decoded(buf, from, lt);
    const pieces = this.textPieces;
    this.textPieces = null;
    return pieces === null ? last : pieces + last;
  }

  private tag(
    buf: Buffer,
    el: El,
    attrsFrom: number,
    attrsTo: number,
    lt: number,
    gt: number,
    closing: boolean,
    empty: boolean
  ): void {
    if (!this.inData) {
      if (el === El.SheetData && !closing && !empty) this.inData = true;
      if ((el === El.SheetData && empty) || (el === El.Worksheet && closing)) this.complete = true;
      return;
    }
    switch (el) {
      case El.C:
        if (!closing) this.openCell(buf, attrsFrom, attrsTo, empty);
        if (closing && this.cellOpen) {
          this.cellOpen = false;
          this.setCell();
        }
        return;
      case El.F:
        if (!closing) {
          this.formula = "";
          this.sharedSi = undefined;
          let shared = false;
          let si: string | undefined;
          const a = this.attr;
          for (let i = attrsFrom; (i = nextAttribute(buf, i, attrsTo, a)) >= 0;) {
            if (named1(buf, a, 0x74)) shared = buf.toString("latin1", a.start, a.end) === "shared";
            else if (
              a.nameEnd - a.nameStart === 2 &&
              buf.toString("latin1", a.nameStart, a.nameEnd) === "si"
            )
              si = buf.toString("latin1", a.start, a.end);
          }
          if (shared) this.sharedSi = si;
          if (!empty) this.startText(gt);
        } else {
          this.formula = this.endText(buf, lt);
          if (this.sharedSi !== undefined && this.formula !== "")
            this.sharedFormulas.set(this.sharedSi, {
              formula: this.formula,
              cell: `${columnLetter(this.col)}${this.rowIndex + 1}`,
            });
        }
        return;
      case El.V:
        if (!closing && !empty) this.startText(gt);
        else if (closing) {
          const t = this.cellType;
          if (t === Ty.Number && this.textStart >= 0 && this.textPieces === null) {
            // A plain decimal is read from its bytes (no string made for it).
            const n = decimalAt(buf, this.textStart, lt);
            if (n === n) {
              this.textStart = -1;
              this.num = n;
              this.numRead = true;
              this.v = null;
              return;
            }
          }
          this.numRead = false;
          this.v = this.endText(buf, lt, t !== Ty.Str && t !== Ty.Error && t !== Ty.Inline);
        }
        return;
      case El.Is:
        this.inIs = !closing && !empty;
        if (!closing) this.inline = "";
        return;
      case El.RPh:
        this.inPhonetic = !closing && !empty;
        return;
      case El.T:
        if (!this.inIs || this.inPhonetic) return;
        if (!closing && !empty) this.startText(gt);
        else if (closing) this.inline = (this.inline ?? "") + this.endText(buf, lt);
        return;
      case El.Row:
        if (!closing) {
          let r = NaN;
          const a = this.attr;
          for (let i = attrsFrom; (i = nextAttribute(buf, i, attrsTo, a)) >= 0;)
            if (named1(buf, a, 0x72)) r = intAt(buf, a.start, a.end);
          this.rowIndex = Number.isFinite(r) && r >= 1 ? r - 1 : this.rowIndex + 1;
          this.row = [];
          this.col = -1;
          this.cellsInRow = 0;
        }
        if (closing || empty) this.endRow();
        return;
      case El.SheetData:
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

  private openCell(buf: Buffer, from: number, to: number, empty: boolean): void {
    let col = -1;
    let type = Ty.Number;
    let style = -1;
    const a = this.attr;
    for (let i = from; (i = nextAttribute(buf, i, to, a)) >= 0;) {
      if (a.nameEnd - a.nameStart !== 1) continue;
      const b = buf[a.nameStart];
      if (b === 0x72) col = columnAt(buf, a.start, a.end);
      else if (b === 0x74) type = typeAt(buf, a.start, a.end);
      else if (b === 0x73) {
        const s = intAt(buf, a.start, a.end);
        if (Number.isFinite(s)) style = s;
      }
    }
    this.col = col >= 0 ? col : this.col + 1;
    this.cellType = type;
    this.cellStyle = style;
    this.v = null;
    this.numRead = false;
    this.inline = null;
    this.formula = null;
    this.sharedSi = undefined;
    this.cellOpen = !empty;
  }

  private setCell(): void {
    if (!this.row) return;
    const raw = this.v;
    if (
      this.formula !== null &&
      !this.numRead &&
      (raw === null || raw === "") &&
      this.inline === null
    ) {
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
      case Ty.Shared:
        value = raw === null ? "" : this.sharedString(raw);
        break;
      case Ty.Inline:
        value = this.inline !== null ? this.inline : (raw ?? "");
        break;
      case Ty.Str:
      case Ty.Error:
        value = raw ?? "";
        break;
      case Ty.Bool:
        value = raw === null ? "" : raw === "1" || raw.toLowerCase() === "true";
        break;
      case Ty.Date:
        value = raw === null ? "" : isoToSerial(raw.trim());
        break;
      default: {
        if (this.numRead) value = this.styles ? this.styledNumber(this.num) : this.num;
        else if (raw === null || raw === "") value = "";
        else {
          const n = Number(raw);
          value = Number.isFinite(n) ? (this.styles ? this.styledNumber(n) : n) : raw;
        }
      }
    }
    if (value === "") return;
    if (this.row[this.col] === undefined) this.cellsInRow++;
    this.row[this.col] = value;
  }

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
    this.rows[this.rowIndex] = row.slice();
    if (this.cellsInRow !== row.length) this.holey.add(this.rowIndex);
    if (row.length > this.width) this.width = row.length;
  }

  /** The values read, dense (denseRows: blank rows share one frozen row). */
  result(): { values: CellValue[][]; width: number } {
    return { values: denseRows(this.rows, this.width, this.holey), width: this.width };
  }
}

/** Runs the byte scanner over a stream of the part's bytes. */
export async function scanBytes(
  source: AsyncIterable<Buffer>,
  scanner: SheetBytesScanner
): Promise<SheetBytesScanner> {
  for await (const chunk of source) scanner.push(chunk);
  scanner.end();
  return scanner;
}
