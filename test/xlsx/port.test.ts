import ExcelJS from "exceljs";
import { emptyState, serializeState, setManualTag, STATE_SHEET_NAME } from "../../src/core/state";
import type { SheetModel } from "../../src/core/types";
import { XlsxPort, worksheetValues } from "../../src/xlsx/port";
import { cellAt } from "./helpers";

function model(name: string, values: SheetModel["values"]): SheetModel {
  return {
    name,
    values,
    numberFormats: [],
    styles: [],
    columnWidths: [12, 12],
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: { landscape: true, fitToWidth: true, footer: "&A" },
  };
}

async function roundTrip(port: XlsxPort): Promise<XlsxPort> {
  return XlsxPort.fromBuffer(await port.toBuffer());
}

describe("XlsxPort", () => {
  it("reads values as Excel's range.values gives them: dense, dates as serials, merged cells blank but the first", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Budget");
    ws.getCell("A1").value = "City of X";
    ws.mergeCells("A1:C1");
    ws.getCell("A3").value = new Date(Date.UTC(2025, 0, 1));
    ws.getCell("C3").value = { formula: "1+1", result: 2 } as ExcelJS.CellValue;
    const port = await roundTrip(new XlsxPort(wb));
    const [cells] = await port.readSheets(["budget"]);
    expect(cells.name).toBe("Budget");
    expect(cells.values).toEqual([
      ["City of X", "", ""],
      ["", "", ""],
      [45658, "", 2],
    ]);
  });

  it("names the sheet it cannot find", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    await expect(port.readSheets(["Budget"])).rejects.toThrow(
      'There is no sheet named "Budget" in this workbook.'
    );
  });

  it("replaces a generated sheet in place and leaves the others alone", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Dept", 1]);
    wb.addWorksheet("Alignment").addRow(["old"]);
    wb.addWorksheet("Notes").addRow(["mine"]);
    const port = new XlsxPort(wb);
    await port.writeSheets([model("Alignment", [["new", 2]]), model("Timetable", [["t"]])]);
    const back = await roundTrip(port);
    expect((await back.listSheets()).map((s) => s.name)).toEqual([
      "Budget",
      "Alignment",
      "Notes",
      "Timetable",
    ]);
    const [alignment, notes] = await back.readSheets(["Alignment", "Notes"]);
    expect(alignment.values).toEqual([["new", 2]]);
    expect(notes.values).toEqual([["mine"]]);
  });

  it("keeps state in a very hidden sheet across saves, growing and shrinking", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    let state = emptyState();
    for (let i = 0; i < 3000; i++)
      state = setManualTag(state, `key-${i}`, { goals: [{ id: "G1", share: 1 }], via: "pane" });
    await port.writeState(state);
    const back = await roundTrip(port);
    expect(await back.readState()).toEqual(state);
    const info = (await back.listSheets()).find((s) => s.name === STATE_SHEET_NAME);
    expect(info?.visibility).toBe("veryHidden");
    await back.writeState(emptyState());
    const again = await roundTrip(back);
    expect(await again.readState()).toEqual(emptyState());
    expect((await again.listSheets()).filter((s) => s.name === STATE_SHEET_NAME)).toHaveLength(1);
  }, 60000); // two exceljs round trips of 3,000 tags: seconds on a busy 2-core machine

  it("writes formula-like text into the user's tag cells as text, never as a formula", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Dept", "Goal"]);
    const port = new XlsxPort(wb);
    await port.writeCells([{ sheet: "Budget", cell: "B2", value: '=HYPERLINK("http://x","y")' }]);
    const back = await roundTrip(port);
    const cell = cellAt(back.workbook.getWorksheet("Budget")!, "B2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.formula).toBeUndefined();
    expect(worksheetValues(back.workbook.getWorksheet("Budget")!)[1]).toEqual([
      "",
      '=HYPERLINK("http://x","y")',
    ]);
  });
});

it("reads the newer of two stored state copies, as a halfway Excel write leaves them", async () => {
  const older = setManualTag(emptyState(), "k1", { goals: [{ id: "G1", share: 1 }], via: "pane" });
  const newer = setManualTag(older, "k2", { goals: [{ id: "G2", share: 1 }], via: "pane" });
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Budget").getCell("A1").value = "x";
  const ws = wb.addWorksheet(STATE_SHEET_NAME, { state: "veryHidden" });
  [...serializeState(older), ...serializeState(newer)].forEach(
    (chunk, i) => (ws.getCell(i + 1, 1).value = chunk)
  );
  const port = await XlsxPort.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
  expect(await port.readState()).toEqual(newer);
});
