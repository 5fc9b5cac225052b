/**
 * CSV text → the cells of one sheet, as a city's measure export arrives: a byte-order mark, commas or semicolons
 * or tabs (whichever the header row uses most), quoted fields with commas, quotes ("") and line breaks inside,
 * CRLF or LF line ends. Every field stays text: the measure reader decides what is a number.
 */
import type { SheetCells } from "../types";

export function parseCsv(text: string, name: string): SheetCells {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = separatorOf(src);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
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
