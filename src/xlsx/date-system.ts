/**
 * Dates in a workbook of the 1904 date system. The core always works in Excel's 1900 serials; the package port
 * adds 1,462 days to every number under a date format as it reads a 1904 workbook (sheet-xml.ts), and takes them
 * off again here, on the sheets it writes into one, so a Timetable due 2025-06-30 shows 2025-06-30 in either.
 */
import { DAYS_1904, isDateFormat, type DateSystem } from "../core/number-format";
import type { SheetModel } from "../core/types";

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
