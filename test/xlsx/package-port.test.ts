import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseState, STATE_SHEET_NAME } from "../../src/core/state";
import type { SheetModel, WorkbookState } from "../../src/core/types";
import { PackagePort } from "../../src/xlsx/package-port";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "package-port-"));
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

describe("PackagePort", () => {
  it("reads values as Excel's range.values gives them: formulas as results, rich text joined, blanks filled", async () => {
    const file = path.join(dir, "in.xlsx");
    await sampleWorkbook(file);
    const port = await PackagePort.open(file);
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
    const port = await PackagePort.open(file);
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
    // the user's formula is kept as it was, with its saved result
    expect(b.getCell("C5").value).toEqual({ formula: "SUM(C2:C3)", result: 3601.5 });
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
    const again = await PackagePort.open(out);
    expect((await again.readState()).generatedSheets).toEqual(["Alignment"]);
    expect((await again.readSheets(["Alignment"]))[0].values[2]).toEqual(["G2", 2401]);
  });

  it("replaces a generated sheet on its own tab and says plainly when a file is not a workbook", async () => {
    const file = path.join(dir, "in3.xlsx");
    const once = path.join(dir, "once.xlsx");
    const twice = path.join(dir, "twice.xlsx");
    await sampleWorkbook(file);
    const first = await PackagePort.open(file);
    await first.writeSheets([{ ...model, values: [["old"]] }]);
    await first.save(once);
    const second = await PackagePort.open(once);
    await second.writeSheets([model]);
    expect((await second.listSheets()).map((s) => `${s.name}:${s.rows}x${s.cols}`)).toEqual([
      "Budget:5x4",
      "Notes:2x2",
      "Alignment:3x2",
    ]);
    await second.save(twice);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(twice);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Budget", "Notes", "Alignment"]);
    expect(wb.getWorksheet("Alignment")!.getCell("A2").value).toBe("G1");
    const bad = path.join(dir, "bad.xlsx");
    await fs.writeFile(bad, "not a zip");
    await expect(PackagePort.open(bad)).rejects.toThrow(
      '"bad.xlsx" cannot be read as an Excel workbook: it is not a zip package'
    );
    await expect(PackagePort.open(path.join(dir, "none.xlsx"))).rejects.toThrow("does not exist");
  });
});
