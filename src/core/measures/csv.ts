/**
 * CSV text → the cells of one sheet, as a city's measure export arrives: a byte-order mark, commas or semicolons
 * or tabs (whichever the header row uses most), quoted fields with commas, quotes ("") and line breaks inside,
 * CRLF or LF line ends. Every field stays text: the measure reader decides what is a number.
 */
import type { SheetCells } from "../types";

export function parseCsv(text: string, name: string): SheetCells {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = separatorOf(src).charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  const n = src.length;
  let i = 0;
  // One field per turn: a quoted field up to its closing quote, or a plain one sliced up to the next separator or
  // line end (no character-by-character copying: a 10,000-row export is read in a few milliseconds).
  while (i < n) {
    let field: string;
    if (src.charCodeAt(i) === 34 /* " */) {
      let out = "";
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0) {
          out += src.slice(from);
          i = n;
          break;
        }
        out += src.slice(from, q);
        if (src.charCodeAt(q + 1) === 34) {
          out += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      let j = i;
      while (
        j < n &&
        src.charCodeAt(j) !== sep &&
        src.charCodeAt(j) !== 10 &&
        src.charCodeAt(j) !== 13
      )
        j++;
      field = out + src.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === sep || c === 10 || c === 13) break;
        j++;
      }
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) break;
    const c = src.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i >= n) row.push("");
      continue;
    }
    // A line end: CRLF, LF or CR.
    rows.push(row);
    row = [];
    i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  if (row.length) rows.push(row);
  return { name, values: rows };
}

function separatorOf(text: string): string {
  const firstLine = text.slice(0, Math.max(0, text.indexOf("\n")) || text.length);
  let best = ",";
  let most = 0;
  for (const s of [",", ";", "\t"]) {
    const count = firstLine.split(s).length - 1;
    if (count > most) {
      most = count;
      best = s;
    }
  }
  return best;
}
