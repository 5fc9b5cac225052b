/**
 * The shared-strings part read as it streams in, and patching cells of a worksheet's XML as it streams through, for
 * the CLI's package port (package-port.ts). Worksheet cell values are read by the byte-level reader (sheet-bytes.ts).
 *
 * The shared-strings reader takes what Excel, LibreOffice, openpyxl and Google Sheets write: rich-text runs joined,
 * phonetic runs left out, namespace prefixes, CDATA and comments.
 */
import { StringDecoder } from "string_decoder";
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
