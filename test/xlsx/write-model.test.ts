import ExcelJS from "exceljs";
import JSZip from "jszip";
import { FORMATS, STYLES } from "../../src/core/reports/styles";
import type { SheetModel } from "../../src/core/types";
import { XlsxPort } from "../../src/xlsx/port";
import {
  QUOTE_PREFIX_SUPPORTED,
  validTableName,
  writeSheetModel,
  type XlsxStyle,
} from "../../src/xlsx/write-model";
import { bareModel, cellAt, cellXf, columnAt, load, sheetPartOf } from "./helpers";

const FORMULA_LIKE = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  "@SUM(A1)",
  "-2+3",
  "=1+1",
  "\tTabbed",
];

async function saveModels(models: SheetModel[], wb = new ExcelJS.Workbook()): Promise<Buffer> {
  const port = new XlsxPort(wb);
  await port.writeSheets(models);
  return port.toBuffer();
}

function alignmentModel(): SheetModel {
  return bareModel(
    "Alignment",
    [
      ["Budget alignment"],
      ["Plan: Safe City"],
      [],
      ["Department", "Program", "Amount", "Goal", "Confidence"],
      ["Police", "Patrol", 1200000, "G1", 0.91],
      ["Police", '=HYPERLINK("http://x","y")', 300000, "", 0.2],
      ["Parks", "Trails", 250000.5, "G2", 1],
      ["Total", "", 1750000.5],
      ["Done", true, false],
    ],
    {
      numberFormats: [
        { range: { row: 4, col: 2, rows: 4, cols: 1 }, format: FORMATS.currency },
        { range: { row: 4, col: 4, rows: 3, cols: 1 }, format: FORMATS.confidence },
      ],
      styles: [
        { range: { row: 0, col: 0, rows: 1, cols: 1 }, style: "title" },
        { range: { row: 3, col: 0, rows: 1, cols: 5 }, style: "tableHeader" },
        { range: { row: 7, col: 0, rows: 1, cols: 5 }, style: "total" },
        { range: { row: 9, col: 3, rows: 2, cols: 1 }, style: "inputCell" },
      ],
      columnWidths: [24, 30, 16, 10, 12],
      freeze: { rows: 4, cols: 1 },
      tables: [{ name: "Alignment Lines", range: { row: 3, col: 0, rows: 4, cols: 5 } }],
      validations: [
        {
          range: { row: 4, col: 3, rows: 3, cols: 1 },
          list: ["G1", "G2", "G3"],
          prompt: "Pick the goal",
        },
      ],
      conditionalFormats: [
        {
          type: "blankCell",
          range: { row: 4, col: 0, rows: 3, cols: 5 },
          style: "flag",
          testCol: 3,
        },
        {
          type: "cellValue",
          range: { row: 4, col: 4, rows: 3, cols: 1 },
          operator: "lessThan",
          value: 0.35,
          style: "warning",
        },
      ],
      outline: [{ startRow: 4, endRow: 6, level: 1 }],
      print: {
        landscape: true,
        fitToWidth: true,
        titleRows: { start: 3, end: 3 },
        footer: "&A — page &P of &N",
      },
      tabColor: "#1F4E79",
    }
  );
}

describe("writeSheetModel through XlsxPort", () => {
  let buffer: Buffer;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    buffer = await saveModels([alignmentModel()]);
    ws = (await load(buffer)).getWorksheet("Alignment")!;
  });

  it("writes numbers, text and booleans where the model puts them, ragged rows blank", () => {
    expect(ws.getCell("A1").value).toBe("Budget alignment");
    expect(ws.getCell("C5").value).toBe(1200000);
    expect(ws.getCell("C7").value).toBe(250000.5);
    expect(ws.getCell("B9").value).toBe(true);
    expect(ws.getCell("C9").value).toBe(false);
    expect(ws.getCell("B1").value).toBeNull();
    expect(ws.getCell("D6").value).toBeNull();
  });

  it("keeps formula-like text as text with the quote prefix", async () => {
    const cell = cellAt(ws, "B6");
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(QUOTE_PREFIX_SUPPORTED).toBe(true);
    expect((cell.style as XlsxStyle).quotePrefix).toBe(true);
    expect(await cellXf(buffer, "Alignment", "B6")).toMatch(/quotePrefix="1"/);
    // Ordinary text has no quote prefix.
    expect(await cellXf(buffer, "Alignment", "B5")).not.toMatch(/quotePrefix/);
  });

  it("applies number formats per range", () => {
    expect(ws.getCell("C5").numFmt).toBe(FORMATS.currency);
    expect(ws.getCell("C8").numFmt).toBe(FORMATS.currency);
    expect(ws.getCell("E5").numFmt).toBe(FORMATS.confidence);
    expect(ws.getCell("E8").numFmt).toBeUndefined();
  });

  it("applies the named styles from the one style table", () => {
    const title = cellAt(ws, "A1");
    expect(title.font.bold).toBe(true);
    expect(title.font.size).toBe(STYLES.title.fontSize);
    expect(title.font.color?.argb).toBe("FF1F4E79");
    const header = cellAt(ws, "E4");
    expect(header.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FF1F4E79" },
    });
    expect(header.font.color?.argb).toBe("FFFFFFFF");
    expect(header.alignment.wrapText).toBe(true);
    const total = cellAt(ws, "C8");
    expect(total.border.top?.style).toBe("thin");
    expect(total.border.bottom?.style).toBe("double");
    expect(total.numFmt).toBe(FORMATS.currency);
    // Styles reach blank cells inside their range too.
    expect(ws.getCell("D11").fill).toMatchObject({ fgColor: { argb: "FFFFFFE0" } });
    expect(ws.getCell("B5").font?.bold).toBeFalsy();
  });

  it("sets column widths, frozen panes and the tab colour", () => {
    expect([1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width)).toEqual([24, 30, 16, 10, 12]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4, topLeftCell: "B5" });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F4E79" });
  });

  it("makes a table over the filled range with a valid name and the header texts", () => {
    const tables = ws.getTables() as unknown as {
      table: { name: string; tableRef: string; columns: { name: string }[] };
    }[];
    expect(tables).toHaveLength(1);
    const t = tables[0].table;
    expect(t.name).toBe("Alignment_Lines");
    expect(t.tableRef).toBe("A4:E7");
    expect(t.columns.map((c) => c.name)).toEqual([
      "Department",
      "Program",
      "Amount",
      "Goal",
      "Confidence",
    ]);
    // The table kept the values and the looks.
    expect(ws.getCell("A5").value).toBe("Police");
    expect(ws.getCell("B6").value).toBe('=HYPERLINK("http://x","y")');
    expect(ws.getCell("A4").font.bold).toBe(true);
  });

  it("adds list validations with the prompt", () => {
    const dv = ws.getCell("D5").dataValidation;
    expect(dv).toMatchObject({
      type: "list",
      formulae: ['"G1,G2,G3"'],
      showInputMessage: true,
      prompt: "Pick the goal",
    });
    expect(dv.errorStyle).toBe("stop");
    expect(ws.getCell("D7").dataValidation?.type).toBe("list");
    expect(ws.getCell("D8").dataValidation).toBeUndefined();
  });

  it("adds conditional formats: blank test column as an expression, values as cellIs", () => {
    const cfs = (
      ws as unknown as {
        conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[];
      }
    ).conditionalFormattings;
    const blank = cfs.find((c) => c.ref === "A5:E7")!;
    expect(blank.rules[0]).toMatchObject({ type: "expression", formulae: ["LEN($D5)=0"] });
    expect(JSON.stringify(blank.rules[0].style)).toContain("FFFCE4D6");
    const low = cfs.find((c) => c.ref === "E5:E7")!;
    expect(low.rules[0]).toMatchObject({
      type: "cellIs",
      operator: "lessThan",
      formulae: ["0.35"],
    });
  });

  it("groups outline rows", () => {
    expect([4, 5, 6, 7, 8].map((r) => ws.getRow(r).outlineLevel ?? 0)).toEqual([0, 1, 1, 1, 0]);
    expect(ws.properties.outlineLevelRow).toBe(1);
    // The group is followed by its total row: the summary sits below.
    expect(ws.properties.outlineProperties).toMatchObject({ summaryBelow: true });
  });

  it("sets up printing: landscape, one page wide, title rows, footer", () => {
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "4:4",
    });
    expect(ws.headerFooter.oddFooter).toBe("&A — page &P of &N");
  });
});

describe("formula-like text", () => {
  it("reads back as the exact strings, never formulas, always with the quote prefix", async () => {
    const values = FORMULA_LIKE.map((t) => [t]);
    const buffer = await saveModels([bareModel("Review", values)]);
    const ws = (await load(buffer)).getWorksheet("Review")!;
    for (let i = 0; i < FORMULA_LIKE.length; i++) {
      const cell = cellAt(ws, `A${i + 1}`);
      expect(cell.value).toBe(FORMULA_LIKE[i]);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(await cellXf(buffer, "Review", `A${i + 1}`)).toMatch(/quotePrefix="1"/);
    }
    // The saved sheet holds them as shared strings, with no <f> element anywhere.
    const zip = await JSZip.loadAsync(buffer);
    expect(await zip.file(await sheetPartOf(zip, "Review"))!.async("string")).not.toMatch(/<f[ >]/);
  });

  it("keeps the quote prefix alongside a number format and a style", async () => {
    const buffer = await saveModels([
      bareModel("S", [["-12", "=A1"]], {
        styles: [{ range: { row: 0, col: 0, rows: 1, cols: 2 }, style: "flag" }],
        numberFormats: [{ range: { row: 0, col: 0, rows: 1, cols: 1 }, format: FORMATS.integer }],
      }),
    ]);
    const ws = (await load(buffer)).getWorksheet("S")!;
    expect(ws.getCell("A1").value).toBe("-12");
    expect(ws.getCell("A1").numFmt).toBe(FORMATS.integer);
    expect(ws.getCell("A1").fill).toMatchObject({ fgColor: { argb: "FFFCE4D6" } });
    expect((ws.getCell("A1").style as XlsxStyle).quotePrefix).toBe(true);
    expect((ws.getCell("B1").style as XlsxStyle).quotePrefix).toBe(true);
  });

  it("writeCells sets the quote prefix on a user's tag cell and keeps its look", async () => {
    const wb = new ExcelJS.Workbook();
    const user = wb.addWorksheet("Budget");
    user.addRow(["Dept", "Goal"]);
    user.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    const port = new XlsxPort(wb);
    await port.writeCells([
      { sheet: "Budget", cell: "B2", value: "@SUM(A1)" },
      { sheet: "Budget", cell: "B3", value: "G1" },
    ]);
    const buffer = await port.toBuffer();
    const ws = (await load(buffer)).getWorksheet("Budget")!;
    expect(ws.getCell("B2").value).toBe("@SUM(A1)");
    expect((ws.getCell("B2").style as XlsxStyle).quotePrefix).toBe(true);
    expect(ws.getCell("B2").fill).toMatchObject({ fgColor: { argb: "FFFFFF00" } });
    expect(await cellXf(buffer, "Budget", "B3")).not.toMatch(/quotePrefix/);
  });

  it("keeps a user's own quote-prefixed cells through a load and save", async () => {
    const first = await saveModels([bareModel("Notes", [["=not a formula"]])]);
    const port = await XlsxPort.fromBuffer(first);
    await port.writeSheets([bareModel("Other", [["x"]])]);
    const second = await port.toBuffer();
    expect(await cellXf(second, "Notes", "A1")).toMatch(/quotePrefix="1"/);
  });
});

describe("shared looks", () => {
  it("gives every cell of one look the same style object and the file a handful of cell formats", async () => {
    const rows = 2000;
    const values = Array.from({ length: rows }, (_, i) => [
      `Dept ${i % 7}`,
      i * 10,
      i % 3 === 0 ? "=x" : "ok",
    ]);
    const model = bareModel("Big", values, {
      numberFormats: [{ range: { row: 0, col: 1, rows, cols: 1 }, format: FORMATS.currency }],
      styles: [{ range: { row: 0, col: 0, rows, cols: 1 }, style: "muted" }],
    });
    const wb = new ExcelJS.Workbook();
    const ws = writeSheetModel(wb, model);
    expect(ws.getCell("A1").style).toBe(ws.getCell("A1999").style);
    expect(ws.getCell("B1").style).toBe(ws.getCell("B2000").style);
    expect(ws.getCell("C1").style).toBe(ws.getCell("C4").style); // "=x" both
    expect(ws.getCell("C2").style).not.toBe(ws.getCell("C1").style);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const styles = await (await JSZip.loadAsync(buffer)).file("xl/styles.xml")!.async("string");
    const count = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
    expect(count).toBeLessThanOrEqual(6);
  });
});

describe("tables", () => {
  it("gives tables valid, unique names and never makes an empty table corrupt", async () => {
    const wb = new ExcelJS.Workbook();
    const user = wb.addWorksheet("Data");
    user.addRow(["a", "b"]);
    user.addRow([1, 2]);
    user.addTable({
      name: "Lines",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "a" }, { name: "b" }],
      rows: [[1, 2]],
    });
    const model = bareModel(
      "Gen",
      [
        ["Goal", "Goal", ""],
        [],
        [],
        ["Id", "Amount"],
        ["x", 1],
        [],
        ["Only a header"],
        [],
        ["A1"],
        [1],
      ],
      {
        tables: [
          { name: "Lines", range: { row: 0, col: 0, rows: 1, cols: 3 } }, // header only, duplicate/blank headers
          { name: "1 bad name!", range: { row: 3, col: 0, rows: 2, cols: 2 } },
          { name: "lines", range: { row: 6, col: 0, rows: 1, cols: 1 } }, // header only, row below is blank
          { name: "A1", range: { row: 8, col: 0, rows: 2, cols: 1 } },
        ],
      }
    );
    const buffer = await saveModels([model], wb);
    const back = await load(buffer);
    const ws = back.getWorksheet("Gen")!;
    const tables = (
      ws.getTables() as unknown as {
        table: { name: string; tableRef: string; columns: { name: string }[] };
      }[]
    )
      .map((t) => t.table)
      .sort((a, b) => a.tableRef.localeCompare(b.tableRef));
    const names = tables.map((t) => t.name);
    expect(names).toEqual(["Lines_2", "bad_name", "lines_3", "T_A1"]);
    expect(tables.map((t) => t.tableRef)).toEqual(["A1:C2", "A4:B5", "A7:A8", "A9:A10"]);
    expect(tables[0].columns.map((c) => c.name)).toEqual(["Goal", "Goal2", "Column3"]);
    expect(ws.getCell("B1").value).toBe("Goal2");
    // The user's table is untouched.
    expect(
      (back.getWorksheet("Data")!.getTables() as unknown as { table: { name: string } }[])[0].table
        .name
    ).toBe("Lines");
    // Every table part is well formed and the header row of each matches its columns.
    const zip = await JSZip.loadAsync(buffer);
    const parts = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    expect(parts).toHaveLength(5);
  });

  it("validTableName avoids cell references, bad characters and names in use", () => {
    const used = new Set(["budget"]);
    expect(validTableName("Budget", used)).toBe("Budget_2");
    expect(validTableName("R1C1", used)).toBe("T_R1C1");
    expect(validTableName("c", used)).toBe("T_c");
    expect(validTableName("XFD1048576", used)).toBe("T_XFD1048576");
    expect(validTableName("ABCD1", used)).toBe("ABCD1"); // four letters: not a reference
    expect(validTableName("ABC12", used)).toBe("T_ABC12");
    expect(validTableName("  ", used)).toBe("Table");
    expect(validTableName("Goals & Amounts", used)).toBe("Goals_Amounts");
    expect(validTableName("_x", used)).toBe("x");
  });
});

describe("validations", () => {
  it("puts a list longer than 255 characters (or with commas) on a hidden helper column; the file loads", async () => {
    const long = Array.from({ length: 120 }, (_, i) => `G${i + 1}.${i % 9} Goal number ${i + 1}`);
    const model = bareModel("Review", [["Program", "Goal"], ["Patrol"], ["Trails"]], {
      validations: [
        {
          range: { row: 1, col: 1, rows: 2, cols: 1 },
          list: long,
          allowOther: true,
          prompt: "p".repeat(400),
        },
        {
          range: { row: 1, col: 0, rows: 2, cols: 1 },
          list: ["Retain, serves goal", "Modify", "=Eliminate"],
        },
        { range: { row: 1, col: 2, rows: 2, cols: 1 }, list: ['Say "yes"', "No"] },
      ],
    });
    const buffer = await saveModels([model]);
    const ws = (await load(buffer)).getWorksheet("Review")!;
    const goal = ws.getCell("B2").dataValidation;
    expect(goal.type).toBe("list");
    expect(goal.errorStyle).toBe("warning");
    expect(goal.prompt!.length).toBeLessThanOrEqual(255);
    const ref = /^\$([A-Z]+)\$1:\$\1\$(\d+)$/.exec(goal.formulae[0] as string)!;
    expect(ref).not.toBeNull();
    expect(Number(ref[2])).toBe(120);
    const helper = columnAt(ws, ref[1]);
    expect(helper.hidden).toBe(true);
    expect(ws.getCell(`${ref[1]}1`).value).toBe(long[0]);
    expect(ws.getCell(`${ref[1]}120`).value).toBe(long[119]);
    const response = ws.getCell("A3").dataValidation;
    const ref2 = /^\$([A-Z]+)\$1:\$\1\$3$/.exec(response.formulae[0] as string)!;
    expect(ref2[1]).not.toBe(ref[1]);
    expect(ws.getCell(`${ref2[1]}1`).value).toBe("Retain, serves goal");
    expect(ws.getCell(`${ref2[1]}3`).value).toBe("=Eliminate");
    expect(ws.getCell(`${ref2[1]}3`).formula).toBeUndefined();
    expect(ws.getCell("C2").dataValidation.formulae).toEqual(['"Say ""yes"",No"']);
  });
});

describe("outline", () => {
  it("puts the summary above when a heading row leads each group, with nested levels", async () => {
    const values = [["Police"], ["Patrol", 1], ["Detectives", 2], ["Fire"], ["Stations", 3]];
    const buffer = await saveModels([
      bareModel("O", values, {
        styles: [
          { range: { row: 0, col: 0, rows: 1, cols: 2 }, style: "sectionHeader" },
          { range: { row: 3, col: 0, rows: 1, cols: 2 }, style: "sectionHeader" },
        ],
        outline: [
          { startRow: 1, endRow: 2, level: 1 },
          { startRow: 2, endRow: 2, level: 2 },
          { startRow: 4, endRow: 4, level: 1 },
        ],
      }),
    ]);
    const ws = (await load(buffer)).getWorksheet("O")!;
    expect([1, 2, 3, 4, 5].map((r) => ws.getRow(r).outlineLevel ?? 0)).toEqual([0, 1, 2, 0, 1]);
    expect(ws.properties.outlineLevelRow).toBe(2);
    expect(ws.properties.outlineProperties).toMatchObject({ summaryBelow: false });
  });
});

describe("odd values", () => {
  it("writes non-finite numbers as #NUM! and over-long text cut to Excel's limit", async () => {
    const buffer = await saveModels([
      bareModel("V", [[Number.NaN, Infinity, "x".repeat(40000), null, ""]]),
    ]);
    const ws = (await load(buffer)).getWorksheet("V")!;
    expect(ws.getCell("A1").value).toEqual({ error: "#NUM!" });
    expect(ws.getCell("B1").value).toEqual({ error: "#NUM!" });
    // One character under Excel's limit, as the Excel port writes it too (core/sheet-rules.ts cellText).
    expect((ws.getCell("C1").value as string).length).toBe(32766);
    expect((ws.getCell("C1").value as string).endsWith("…")).toBe(true);
    expect(ws.getCell("D1").value).toBeNull();
    expect(ws.getCell("E1").value).toBeNull();
  });
});

describe("a large model", () => {
  it("writes 100,000 rows × 12 columns, with one style object per look", () => {
    const rows = 100000;
    const values: SheetModel["values"] = [Array.from({ length: 12 }, (_, c) => `Column ${c + 1}`)];
    for (let i = 0; i < rows; i++)
      values.push([
        `Dept ${i % 40}`,
        `Division ${i % 90}`,
        `Program ${i % 500}`,
        "General",
        1000 + (i % 300),
        "Salaries",
        `Line ${i}`,
        i * 3.5,
        i % 5 ? `G${i % 7}` : "",
        0.5,
        "learned",
        i % 50 === 0 ? "=not a formula" : "matched words",
      ]);
    const model = bareModel("Review", values, {
      numberFormats: [{ range: { row: 1, col: 7, rows, cols: 1 }, format: FORMATS.currency }],
      styles: [
        { range: { row: 0, col: 0, rows: 1, cols: 12 }, style: "tableHeader" },
        { range: { row: 1, col: 8, rows, cols: 1 }, style: "inputCell" },
      ],
      tables: [{ name: "Lines", range: { row: 0, col: 0, rows: rows + 1, cols: 12 } }],
      validations: [{ range: { row: 1, col: 8, rows, cols: 1 }, list: ["G1", "G2", "G3"] }],
      conditionalFormats: [
        { type: "blankCell", range: { row: 1, col: 0, rows, cols: 12 }, style: "flag", testCol: 8 },
      ],
    });
    const wb = new ExcelJS.Workbook();
    // How fast is measured by `npm run bench`; here, that every row lands and looks are shared, not copied.
    const ws = writeSheetModel(wb, model);
    expect(ws.rowCount).toBe(rows + 1);
    expect(cellAt(ws, "H100001").value).toBe((rows - 1) * 3.5);
    expect(cellAt(ws, "L1").style).not.toBe(cellAt(ws, "L2").style);
    expect(cellAt(ws, "L2").style).toBe(cellAt(ws, "L99952").style);
    expect(cellAt(ws, "H2").style).toBe(cellAt(ws, "H100001").style);
    expect(cellAt(ws, "I2").style).toBe(cellAt(ws, "I3").style);
  }, 60000);
});
