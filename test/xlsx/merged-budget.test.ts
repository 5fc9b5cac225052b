/** A budget whose department cells are merged down each block, read from a real .xlsx through the port. */
import ExcelJS from "exceljs";
import { readBudget } from "../../src/core/budget/read";
import { XlsxPort } from "../../src/xlsx/port";

test("every line of a merged department block is named after a save and reload", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("FY 26 Budget");
  ws.addRows([
    ["Department", "Program", "Account", "FY 2026-27 Proposed"],
    ["Fire", "Suppression", "5110", 1200000],
    [null, "EMS", "5110", 640000],
    [null, null, "5220", 85000],
    ["Police", "Patrol", "5110", 1500000],
    [null, "Investigations", "5110", 900000],
  ]);
  ws.mergeCells("A2:A4");
  ws.mergeCells("B3:B4");
  ws.mergeCells("A5:A6");
  const port = await XlsxPort.fromBuffer(await new XlsxPort(wb).toBuffer());
  const sheets = await port.readSheets(["FY 26 Budget"]);
  const r = readBudget(sheets);
  expect(r.lines.map((l) => [l.department, l.program, l.account])).toEqual([
    ["Fire", "Suppression", "5110"],
    ["Fire", "EMS", "5110"],
    ["Fire", "EMS", "5220"],
    ["Police", "Patrol", "5110"],
    ["Police", "Investigations", "5110"],
  ]);
  expect(r.checkTotal).toBe(4325000);
  expect(r.issues).toEqual([]);
});
