/** A1 addresses, the one implementation every module uses (core, both ports). */

/** 0-based column index → letters: 0 → "A", 27 → "AB". */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based worksheet row and column: (6, 1) → "B7". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** "H14" → 0-based { row: 13, col: 7 }. */
export function parseA1(cell: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/i.exec(cell.trim());
  if (!m) throw new Error(`"${cell}" is not a cell address.`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A 0-based range → "B7:D20" (a single cell → "B7"). */
export function rangeAddress(r: { row: number; col: number; rows: number; cols: number }): string {
  const tl = cellAddress(r.row, r.col);
  if (r.rows <= 1 && r.cols <= 1) return tl;
  return `${tl}:${cellAddress(r.row + Math.max(1, r.rows) - 1, r.col + Math.max(1, r.cols) - 1)}`;
}

/** A 0-based range → "$B$7:$B$20" (absolute, as chart, validation and print-area formulas use). */
export function absoluteRange(r: { row: number; col: number; rows: number; cols: number }): string {
  const abs = (row: number, col: number) => `$${columnLetter(col)}$${row + 1}`;
  return `${abs(r.row, r.col)}:${abs(r.row + Math.max(1, r.rows) - 1, r.col + Math.max(1, r.cols) - 1)}`;
}

/** 0-based rows (inclusive) → "$3:$5", as print titles name them. */
export function rowSpan(start: number, end: number): string {
  return `$${start + 1}:$${end + 1}`;
}

/** 0-based columns (inclusive) → "$A:$B", as print titles name them. */
export function columnSpan(start: number, end: number): string {
  return `$${columnLetter(start)}:$${columnLetter(end)}`;
}

/** A 0-based cell → "$B$7" (absolute, as formulas that must not move when copied or sorted name it). */
export function absoluteCell(row: number, col: number): string {
  return `$${columnLetter(col)}$${row + 1}`;
}
