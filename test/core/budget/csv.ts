/** A small CSV parser for tests (quotes, doubled quotes, newlines in quotes), giving cells as Excel would. */
import type { CellValue } from "../../../src/core/types";

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** As Excel opens a CSV: numbers become numbers, everything else stays text, empty cells are "". */
export function csvToCells(text: string): CellValue[][] {
  return parseCsv(text).map((r) =>
    r.map((v) => (v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v))
  );
}
