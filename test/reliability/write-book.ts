/** Writes small in-memory sheets as a real .xlsx file with exceljs, for the CLI tests. */
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/core/types";
import type { Sheet } from "./memory-port";

export async function writeBook(file: string, sheets: Sheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v: CellValue, c) => {
        if (v !== "" && v !== null) ws.getCell(r + 1, c + 1).value = v;
      })
    );
  }
  await wb.xlsx.writeFile(file);
}
