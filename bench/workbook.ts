/**
 * Writes generated budgets to .xlsx with exceljs's streaming writer (so a million lines fit in memory),
 * and the floor: exceljs alone reading and writing the same workbook with the same number of added cells.
 */
import ExcelJS from "exceljs";
import type { CellValue } from "../src/core/types";

export async function writeWorkbook(
  file: string,
  sheets: { name: string; values: CellValue[][] }[]
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: true,
  });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.values) ws.addRow(row.map((v) => (v === "" ? null : v))).commit();
    ws.commit();
  }
  await wb.commit();
}

/** A row of the floor's added sheets: mixed text and numbers, like the generated reports. */
function floorRow(i: number, cols: number): CellValue[] {
  const row: CellValue[] = [];
  for (let c = 0; c < cols; c++) row.push(c % 3 === 0 ? `Item ${i} col ${c}` : i * 10 + c + 0.25);
  return row;
}

/**
 * The floor: exceljs loads `input`, gets 3 new sheets with `cells` cells in all (12 columns wide), and
 * writes `out`. Nothing else — the least any exceljs-based CLI can do for the same job.
 */
export async function floorRoundTrip(input: string, out: string, cells: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  const cols = 12;
  const perSheet = Math.ceil(cells / 3);
  for (const name of ["Alignment", "Review", "Timetable"]) {
    const ws = wb.addWorksheet(name);
    const rows = Math.ceil(perSheet / cols);
    for (let i = 0; i < rows; i++) ws.addRow(floorRow(i, cols));
  }
  await wb.xlsx.writeFile(out);
}

/** Non-blank cells per sheet of a workbook, read with the streaming reader (low memory). */
export async function countCellsStreaming(
  file: string,
  names: string[]
): Promise<Record<string, number>> {
  const want = new Set(names.map((n) => n.toLowerCase()));
  const counts: Record<string, number> = {};
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
  });
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    if (!want.has(name.toLowerCase())) {
      for await (const _row of ws) void _row; // drain
      continue;
    }
    let n = 0;
    for await (const row of ws) {
      (row as ExcelJS.Row).eachCell({ includeEmpty: false }, () => {
        n++;
      });
    }
    counts[name] = n;
  }
  return counts;
}
