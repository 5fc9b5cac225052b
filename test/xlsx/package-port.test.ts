import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseState, STATE_SHEET_NAME } from "../../src/core/state";
import type { SheetModel, WorkbookState } from "../../src/core/types";
import { PackagePort } from "../../src/xlsx/package-port";
import { ZipReader } from "../../src/xlsx/zip";
import { bareModel } from "../fixtures/sheet-model";
import { CT, EXCEL, NS, PackageBuilder } from "../fixtures/xlsx-package";
import { budgetSheet, planSheet } from "../reliability/books";

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

const model: SheetModel = bareModel(
  "Alignment",
  [
    ["Goal", "Amount"],
    ["G1", 1200.5],
    ["G2", 2401],
  ],
  {
    numberFormats: [{ range: { row: 1, col: 1, rows: 2, cols: 1 }, format: "$#,##0.00" }],
    columnWidths: [20, 14],
    freeze: { rows: 1, cols: 0 },
    print: { landscape: true, fitToWidth: true, footer: "" },
  }
);

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

describe("PackagePort: Goal cells filled in the user's sheet", () => {
  it("patches only those cells into the sheet's XML: the rest of the sheet, its dropdown and every other part stay as they were", async () => {
    const b = new PackageBuilder(EXCEL);
    // F5 exists, empty, with a style of its own; rows 2 and 20 do not exist in the XML
    b.sheets.push(
      {
        ...budgetSheet(),
        extraCells: { 4: `<c r="F5" s="2"/>` },
        after: `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="F4:F15 F20"><formula1>"G1.1,G1.2,G2.1"</formula1></dataValidation></dataValidations>`,
      },
      planSheet()
    );
    b.sheets[1].extraCells = { 0: `<c r="C1"><f>1+1</f><v>2</v></c>` };
    b.part(
      "xl/calcChain.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${NS.main}"><c r="C1" i="2"/></calcChain>`,
      CT.calcChain
    );
    b.workbookRels.push({ id: "rId50", type: "calcChain", target: "calcChain.xml" });
    const input = path.join(dir, "goal-cells.xlsx");
    const out = path.join(dir, "goal-cells.out.xlsx");
    await fs.writeFile(input, await b.build());

    const port = await PackagePort.open(input);
    await port.writeCells([
      { sheet: "Budget", cell: "F4", value: "G1.1" },
      { sheet: "Budget", cell: "F5", value: "=G1.2" },
      { sheet: "Budget", cell: "F2", value: "G2.1 60%; G1.1 40%" },
      { sheet: "Budget", cell: "F20", value: "G2.1 & <more>" },
    ]);
    await port.save(out);

    const before = ZipReader.fromBuffer(await fs.readFile(input));
    const after = ZipReader.fromBuffer(await fs.readFile(out));
    const sheet = "xl/worksheets/sheet1.xml";
    const untouched = [
      "xl/workbook.xml",
      "xl/worksheets/sheet2.xml",
      "xl/sharedStrings.xml",
      "docProps/core.xml",
    ];
    for (const p of untouched)
      expect([p, after.raw(after.entry(p)!).equals(before.raw(before.entry(p)!))]).toEqual([
        p,
        true,
      ]);
    const xmlBefore = before.text(sheet)!;
    const xmlAfter = after.text(sheet)!;
    const withoutRows = (xml: string, rows: number[]) =>
      rows.reduce((x, r) => x.replace(new RegExp(`<row r="${r}"[^>]*>[\\s\\S]*?</row>`), ""), xml);
    expect(withoutRows(xmlAfter, [2, 4, 5, 20])).toBe(withoutRows(xmlBefore, [4, 5]));
    expect(xmlAfter).toContain(
      `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="F4:F15 F20">`
    );
    // rows stay in order, the new ones in their place
    const rowNumbers = [...xmlAfter.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));
    expect(rowNumbers).toEqual(expect.arrayContaining([2, 20]));
    // the formula-like text is text with Excel's quote prefix, on a copy of the cell's own style
    const f5 = /<c r="F5"([^>]*)>/.exec(xmlAfter)![1];
    expect(f5).toContain('t="inlineStr"');
    const styles = after.text("xl/styles.xml")!;
    const xfs = [
      .../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/
        .exec(styles)![1]
        .matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g),
    ].map((m) => m[0]);
    const f5Xf = xfs[Number(/s="(\d+)"/.exec(f5)![1])];
    expect(f5Xf).toContain('quotePrefix="1"');
    expect(f5Xf).toContain('numFmtId="164"');
    expect(/<c r="F4"([^>]*)>/.exec(xmlAfter)![1]).not.toContain("s=");
    // cells changed: the calculation chain goes (Excel rebuilds it)
    expect(after.has("xl/calcChain.xml")).toBe(false);
    expect(after.text("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(after.text("[Content_Types].xml")).toBe(
      before
        .text("[Content_Types].xml")!
        .replace(/<Override PartName="\/xl\/calcChain.xml"[^>]*\/>/, "")
    );
    // read back: the values, never a formula
    const back = await PackagePort.open(out);
    const [budget] = await back.readSheets(["Budget"]);
    expect([
      budget.values[3][5],
      budget.values[4][5],
      budget.values[1][5],
      budget.values[19][5],
    ]).toEqual(["G1.1", "=G1.2", "G2.1 60%; G1.1 40%", "G2.1 & <more>"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Budget")!.getCell("F5").value).toBe("=G1.2");
    expect(wb.getWorksheet("Budget")!.getCell("E4").value).toBe(1200000);
  });
});

it("lists formula cells with no saved value (a workbook written by a script), sheet by sheet", async () => {
  const b = new PackageBuilder(EXCEL);
  b.sheets.push(
    {
      ...budgetSheet(),
      extraCells: {
        3: `<c r="G4"><f>E4*2</f></c>`,
        4: `<c r="G5"><f>E5*2</f><v>170000</v></c>`,
        5: `<c r="G6"><f t="shared" ref="G6:G7" si="0">E6&amp;"x"</f><v></v></c>`,
      },
    },
    {
      name: "Notes",
      values: [["n"]],
      state: "hidden",
      extraCells: { 0: `<c r="B1"><f>1+1</f></c>` },
    }
  );
  const port = await PackagePort.fromBuffer(await b.build(), "scripted.xlsx");
  const unsaved = port.unsavedFormulas();
  expect(unsaved.visibleSheets).toEqual(["Budget"]);
  expect(unsaved.cellsOf("Budget")).toEqual([
    { row: 4, col: 7, formula: "E4*2" },
    { row: 6, col: 7, formula: 'E6&"x"' },
  ]);
  expect(unsaved.cellsOf("Notes")).toEqual([{ row: 1, col: 2, formula: "1+1" }]);
  const [budget] = await port.readSheets(["Budget"]);
  expect([budget.values[3][6], budget.values[4][6]]).toEqual(["", 170000]);
});
