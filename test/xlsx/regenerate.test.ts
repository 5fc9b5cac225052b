import ExcelJS from "exceljs";
import JSZip from "jszip";
import { emptyState } from "../../src/core/state";
import type { SheetModel } from "../../src/core/types";
import { XlsxPort } from "../../src/xlsx/port";
import { bareModel, cellAt, load } from "./helpers";

function alignment(label: string, rows: number): SheetModel {
  const values: SheetModel["values"] = [[`Alignment ${label}`], ["Priority", "Amount"]];
  for (let i = 0; i < rows; i++) values.push([`P${i}`, i * 100]);
  return bareModel("Alignment", values, {
    styles: [{ range: { row: 1, col: 0, rows: 1, cols: 2 }, style: "tableHeader" }],
    columnWidths: [30, 14],
    freeze: { rows: 2, cols: 0 },
    tables: [{ name: "AlignmentTable", range: { row: 1, col: 0, rows: rows + 1, cols: 2 } }],
    charts: [
      {
        type: "barClustered",
        title: "By priority",
        categories: { row: 2, col: 0, rows, cols: 1 },
        values: { row: 2, col: 1, rows, cols: 1 },
        seriesName: "Amount",
        anchor: { row: 0, col: 3, rows: 12, cols: 6 },
      },
    ],
    print: { landscape: true, fitToWidth: true, titleRows: { start: 1, end: 1 }, footer: "&A" },
  });
}

/** Values, looks, widths and merges of a user's sheet, to compare before and after. */
function snapshot(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) =>
      cells.push([r, c, cell.value, cell.numFmt, cell.font, cell.fill, cell.border, cell.alignment])
    )
  );
  const widths = [1, 2, 3].map((c) => ws.getColumn(c).width);
  const merges = Object.keys(
    (ws as unknown as { _merges: Record<string, unknown> })._merges
  ).sort();
  return {
    cells,
    widths,
    merges,
    state: ws.state,
    views: ws.views,
    tabColor: ws.properties.tabColor,
  };
}

function userWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const budget = wb.addWorksheet("Budget", { properties: { tabColor: { argb: "FF00B050" } } });
  budget.addRow(["Department", "Program", "FY26 Adopted"]);
  budget.addRow(["Police", "Patrol", 1200000]);
  budget.addRow(["Parks", "Trails", 250000]);
  budget.getRow(1).font = { bold: true, color: { argb: "FFFF0000" } };
  cellAt(budget, "C2").numFmt = "#,##0.00";
  cellAt(budget, "A3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  cellAt(budget, "B3").border = { bottom: { style: "thick" } };
  budget.getColumn(1).width = 33;
  budget.mergeCells("A5:C5");
  cellAt(budget, "A5").value = "Notes row";
  budget.views = [{ state: "frozen", ySplit: 1 }];
  const notes = wb.addWorksheet("Notes");
  notes.addRow(["mine", 42]);
  cellAt(notes, "A1").font = { italic: true };
  wb.addWorksheet("Hidden", { state: "hidden" }).addRow(["secret"]);
  return wb;
}

describe("regenerating generated sheets", () => {
  it("keeps the tab position and leaves the user's sheets as they were", async () => {
    const wb = userWorkbook();
    // Alignment goes between Budget and Notes (the user moved it there).
    const first = new XlsxPort(wb);
    await first.writeSheets([alignment("v1", 3)]);
    const ws = wb.getWorksheet("Alignment")!;
    (ws as unknown as { orderNo: number }).orderNo = 1.5;
    await first.writeState(emptyState());
    const saved1 = await first.toBuffer();

    const reloaded = await XlsxPort.fromBuffer(saved1);
    const names1 = (await reloaded.listSheets()).map((s) => s.name);
    expect(names1.slice(0, 4)).toEqual(["Budget", "Alignment", "Notes", "Hidden"]);
    const before = ["Budget", "Notes", "Hidden"].map((n) =>
      snapshot(reloaded.workbook.getWorksheet(n)!)
    );

    await reloaded.writeSheets([alignment("v2", 5)]);
    const saved2 = await reloaded.toBuffer();
    const back = await XlsxPort.fromBuffer(saved2);
    const sheets = await back.listSheets();
    expect(sheets.map((s) => s.name)).toEqual(names1);
    expect(sheets.find((s) => s.name === "Hidden")!.visibility).toBe("hidden");
    const after = ["Budget", "Notes", "Hidden"].map((n) =>
      snapshot(back.workbook.getWorksheet(n)!)
    );
    expect(after).toEqual(before);

    // The new content replaced the old, with its table, print titles and one chart.
    const [cells] = await back.readSheets(["Alignment"]);
    expect(cells.values[0][0]).toBe("Alignment v2");
    expect(cells.values).toHaveLength(7);
    const gen = back.workbook.getWorksheet("Alignment")!;
    expect(
      (gen.getTables() as unknown as { table: { tableRef: string } }[]).map((t) => t.table.tableRef)
    ).toEqual(["A2:B7"]);
    expect(gen.pageSetup.printTitlesRow).toBe("2:2");
    const zip = await JSZip.loadAsync(saved2);
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    // The print titles name belongs to the Alignment tab (index 1), not to whatever sheet sits at its old index.
    expect(workbookXml).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="1">(?:&apos;)?Alignment(?:&apos;)?!\$2:\$2<\/definedName>/
    );
    expect(
      Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    ).toHaveLength(1);
    expect(await zip.file("xl/charts/chart1.xml")!.async("string")).toContain("$A$3:$A$7");
    expect(await back.readState()).toEqual(emptyState());
  });

  it("adds new generated sheets after the existing tabs and replaces names case-insensitively", async () => {
    const port = new XlsxPort(userWorkbook());
    await port.writeSheets([bareModel("Review", [["r1"]]), bareModel("Timetable", [["t1"]])]);
    const again = await XlsxPort.fromBuffer(await port.toBuffer());
    await again.writeSheets([bareModel("review", [["r2"]])]);
    const back = await XlsxPort.fromBuffer(await again.toBuffer());
    expect((await back.listSheets()).map((s) => s.name)).toEqual([
      "Budget",
      "Notes",
      "Hidden",
      "review",
      "Timetable",
    ]);
    expect((await back.readSheets(["Review"]))[0].values).toEqual([["r2"]]);
  });

  it("leaves no half-written sheet when a model cannot be written, and says which", async () => {
    const port = new XlsxPort(userWorkbook());
    const bad = bareModel("Huge", [["x"]], {
      styles: [{ range: { row: 0, col: 0, rows: 1048576, cols: 16384 }, style: "muted" }],
    });
    await expect(port.writeSheets([bad])).rejects.toThrow('The sheet "Huge" could not be written');
    expect(port.workbook.worksheets.map((w) => w.name)).toEqual(["Budget", "Notes", "Hidden"]);
    await load(await port.toBuffer());
  });
});
