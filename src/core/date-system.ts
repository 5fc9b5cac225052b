/**
 * Dates in a workbook of the 1904 date system, the one rule both ports use. The core always works in Excel's 1900
 * serials. A port that reads a 1904 workbook adds 1,462 days to every number under a date format (`fromDateSystem`;
 * the package port does it as it parses, src/xlsx/sheet-bytes.ts, with the same DAYS_1904 and isDateFormat), and
 * takes them off again on the sheets it writes into one (`inDateSystem`), so a Timetable due 2025-06-30 shows
 * 2025-06-30 in either system.
 */
import { DAYS_1904, isDateFormat, type DateSystem } from "./number-format";
import type { CellValue, SheetModel } from "./types";

/** The model with its date cells (numbers under a date number format) as serials of `system`. */
export function inDateSystem(model: SheetModel, system: DateSystem): SheetModel {
  if (system === 1900) return model;
  const dated = model.numberFormats.filter((f) => isDateFormat(f.format));
  if (dated.length === 0) return model;
  const values = model.values.map((row) => row.slice());
  const done = new Set<number>(); // a cell under two date formats moves once
  for (const { range } of dated)
    for (let r = range.row; r < range.row + range.rows && r < values.length; r++) {
      const row = values[r];
      for (let c = range.col; c < range.col + range.cols && c < row.length; c++) {
        const v = row[c];
        const key = r * 16384 + c;
        if (typeof v !== "number" || done.has(key)) continue;
        done.add(key);
        row[c] = v - DAYS_1904;
      }
    }
  return { ...model, values };
}

/**
 * Cells read from a workbook of `system`, as the core reads them: in a 1904 workbook each number under a date
 * format (`formats[r][c]`, the cell's own number format) becomes its 1900-system serial. Changes `values` in place.
 */
export function fromDateSystem(
  values: CellValue[][],
  formats: readonly (readonly string[])[],
  system: DateSystem
): void {
  if (system === 1900) return;
  const dateFormat = new Map<string, boolean>();
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const fmts = formats[r];
    if (!row || !fmts) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "number") continue;
      const f = fmts[c] ?? "";
      let isDate = dateFormat.get(f);
      if (isDate === undefined) dateFormat.set(f, (isDate = isDateFormat(f)));
      if (isDate) row[c] = v + DAYS_1904;
    }
  }
}

/**
 * The date system from what `DATE(1904, 1, 1)` gives in the workbook (Excel's DATE function, asked through the
 * API, writes nothing): 0 in the 1904 system (its day 0), 1,462 in the 1900 system. Anything else (an error, a
 * host that cannot answer) is taken for Excel's default, 1900.
 */
export function dateSystemOfDate1904(serial: unknown): DateSystem {
  return serial === 0 ? 1904 : 1900;
}
