import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseState, STATE_SHEET_NAME } from "../../src/core/state";
import type { SheetModel, WorkbookState } from "../../src/core/types";
import { StreamPort, streamCellValue } from "../../src/xlsx/stream";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "stream-port-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function sampleWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.addRow(["Department", "Program", "Amount", "Goal"]);
  ws.addRow(["Parks", "Trail upkeep", 1200.5, ""]);
  ws.addRow([
    "Library",
    { richText: [{ text: "Early " }, { text: "literacy" }] },
    { formula: "C2*2", result: 2401 },
    "",
  ]);
  ws.getCell("A5").value = "Total";
  ws.getCell("C5").value = { formula: "SUM(C2:C3)", result: 3601.5 };
  const notes = wb.addWorksheet("Notes", { state: "hidden" });
  notes.getCell("B2").value = "kept";
  await wb.xlsx.writeFile(file);
}

const model: SheetModel = {
  name: "Alignment",
  values: [
    ["Goal", "Amount"],
    ["G1", 1200.5],
    ["G2", 2401],
  ],
  numberFormats: [{ range: { row: 1, col: 1, rows: 2, cols: 1 }, format: "$#,##0.00" }],
  styles: [],
  columnWidths: [20, 14],
  freeze: { rows: 1, cols: 0 },
  tables: [],
  validations: [],
  conditionalFormats: [],
  charts: [],
  outline: [],
  print: { landscape: true, fitToWidth: true, footer: "" },
};

describe("StreamPort", () => {
  it("reads values as Excel's range.values gives them: formulas as results, rich text joined, blanks filled", async () => {
    const file = path.join(dir, "in.xlsx");
    await sampleWorkbook(file);
    const port = await StreamPort.open(file);
    const sheets = await port.listSheets();
    expect(sheets.map((s) => [s.name, s.visibility, s.rows, s.cols])).toEqual([
      ["Budget", "visible", 5, 4],
      ["Notes", "hidden", 2, 2],
    ]);
    const [budget] = await port.readSheets(["budget"]);
    expect(budget.name).toBe("Budget");
    expect(budget.values).toEqual([
      ["Department", "Program", "Amount", "Goal"],
      ["Parks", "Trail upkeep", 1200.5, ""],
      ["Library", "Early literacy", 2401, ""],
      ["", "", "", ""],
      ["Total", "", 3601.5, ""],
    ]);
    await expect(port.readSheets(["Missing"])).rejects.toThrow(
      'There is no sheet named "Missing" in this workbook.'
    );
  });

  it("writes generated sheets, tag cells and the hidden state, keeping the other sheets' values and order", async () => {
    const file = path.join(dir, "in2.xlsx");
    const out = path.join(dir, "out2.xlsx");
    await sampleWorkbook(file);
    const port = await StreamPort.open(file);
    await port.writeSheets([model]);
    await port.writeCells([
      { sheet: "Budget", cell: "D2", value: "G1" },
      { sheet: "Budget", cell: "D3", value: "=G2" },
    ]);
    const state: WorkbookState = {
      version: 1,
      tags: {},
      rules: [],
      columnOverrides: {},
      reviewAnswers: {},
      generatedSheets: ["Alignment"],
    };
    await port.writeState(state);
    expect(await port.readState()).toEqual(state);
    await port.save(out);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Budget",
      "Notes",
      "Alignment",
      STATE_SHEET_NAME,
    ]);
    const b = wb.getWorksheet("Budget")!;
    expect(b.getCell("D2").value).toBe("G1");
    expect(b.getCell("D3").value).toBe("=G2"); // typed text, never a formula
    expect(b.getCell("C5").value).toBe(3601.5);
    expect(wb.getWorksheet("Notes")!.state).toBe("hidden");
    const a = wb.getWorksheet("Alignment")!;
    expect(a.getCell("B3").value).toBe(2401);
    expect(a.getCell("B3").numFmt).toBe("$#,##0.00");
    expect(a.getColumn(1).width).toBe(20);
    expect(a.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const st = wb.getWorksheet(STATE_SHEET_NAME)!;
    expect(st.state).toBe("veryHidden");
    const rows: unknown[] = [];
    st.getColumn(1).eachCell((c) => rows.push(c.value));
    expect(parseState(rows).state.generatedSheets).toEqual(["Alignment"]);

    // Read back through the port: the state and the generated sheet come back.
    const again = await StreamPort.open(out);
    expect((await again.readState()).generatedSheets).toEqual(["Alignment"]);
    expect((await again.readSheets(["Alignment"]))[0].values[2]).toEqual(["G2", 2401]);
  });

  it("replaces a generated sheet in place and says plainly when a file is not a workbook", async () => {
    const port = StreamPort.fromValues([
      { name: "Budget", values: [["a"]] },
      { name: "Alignment", values: [["old"]] },
      { name: "Z", values: [] },
    ]);
    await port.writeSheets([model]);
    expect((await port.listSheets()).map((s) => `${s.name}:${s.rows}x${s.cols}`)).toEqual([
      "Budget:1x1",
      "Alignment:3x2",
      "Z:0x0",
    ]);
    const bad = path.join(dir, "bad.xlsx");
    await fs.writeFile(bad, "not a zip");
    await expect(StreamPort.open(bad)).rejects.toThrow(
      '"bad.xlsx" is not an Excel workbook (.xlsx) that can be read.'
    );
    await expect(StreamPort.open(path.join(dir, "none.xlsx"))).rejects.toThrow("does not exist");
  });

  it("converts streamed cell objects", () => {
    expect(streamCellValue({ error: "#REF!" })).toBe("#REF!");
    expect(streamCellValue({ formula: "A1", result: { error: "#N/A" } })).toBe("#N/A");
    expect(streamCellValue(null)).toBe("");
    expect(streamCellValue(new Date(Date.UTC(2026, 0, 1)))).toBe(46023);
  });
});
