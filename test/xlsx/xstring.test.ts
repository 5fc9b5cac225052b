/**
 * Text with a carriage return, other control characters or a literal "_x000D_" survives the .xlsx exactly:
 * written as Excel writes it (ECMA-376 ST_Xstring: CR → _x000D_, a literal escape's underscore → _x005F_) and
 * read back by the full reader, the streaming reader, and a formula's cached text.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { emptyState, setManualTag } from "../../src/core/state";
import { XlsxPort, toCellValue } from "../../src/xlsx/port";
import { PackagePort } from "../../src/xlsx/package-port";
import { fromXstring, toXstring } from "../../src/xlsx/write-model";
import { bareModel, sheetPartOf } from "./helpers";

const TEXTS = [
  "\r=2+2",
  "line one\r\nline two",
  "a\rb",
  "_x000D_",
  "_x005F_x000D_",
  "x_x000d_y",
  "_x000D\r",
  "bell\u0007 and tab\tand lf\n",
  "my_xylophone_",
];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "xstring-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every string the saved package holds for a sheet (its cells' inline text and the shared strings). */
async function savedXml(buffer: Buffer, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const part = await zip.file(await sheetPartOf(zip, sheet))!.async("string");
  const shared = zip.file("xl/sharedStrings.xml");
  return part + (shared ? await shared.async("string") : "");
}

describe("toXstring / fromXstring", () => {
  it("escape as Excel does", () => {
    expect(toXstring("\r=2+2")).toBe("_x000D_=2+2");
    expect(toXstring("line one\r\nline two")).toBe("line one_x000D_\nline two");
    expect(toXstring("_x000D_")).toBe("_x005F_x000D_");
    expect(toXstring("\u0007")).toBe("_x0007_");
    expect(toXstring("tab\tlf\n")).toBe("tab\tlf\n");
    expect(toXstring("my_xylophone_x12")).toBe("my_xylophone_x12");
    expect(fromXstring("_x000D_=2+2")).toBe("\r=2+2");
    expect(fromXstring("_x005F_x000D_")).toBe("_x000D_");
  });

  it("round-trip any text, however its underscores and control characters fall", () => {
    const piece = fc.constantFrom(
      "_",
      "x",
      "0",
      "00",
      "D",
      "d",
      "5F",
      "A",
      "\r",
      "\n",
      "\u0001",
      "é",
      " "
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
        const text = parts.join("");
        const stored = toXstring(text);
        expect(fromXstring(stored)).toBe(text);
        // Nothing XML would alter is left raw.
        // eslint-disable-next-line no-control-regex
        expect(stored).not.toMatch(/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      }),
      { numRuns: 2000 }
    );
  });
});

describe("XlsxPort keeps the exact text", () => {
  it("of generated sheets: _x000D_ in the saved XML, the same text read back", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    await port.writeSheets([bareModel("Review", [TEXTS], { columnWidths: TEXTS.map(() => 12) })]);
    const buffer = await port.toBuffer();
    const xml = await savedXml(buffer, "Review");
    expect(xml).toContain("_x000D_=2+2");
    expect(xml).toContain("line one_x000D_\nline two");
    expect(xml).toContain("_x005F_x000D_");
    expect(xml).not.toContain("\r");
    const [cells] = await (await XlsxPort.fromBuffer(buffer)).readSheets(["Review"]);
    expect(cells.values[0]).toEqual(TEXTS);
  });

  it("of a table's header and body cells", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    await port.writeSheets([
      bareModel(
        "Review",
        [
          ["Program", "Note"],
          ["\r=2+2", "_x000D_"],
        ],
        {
          columnWidths: [12, 12],
          tables: [{ name: "Review", range: { row: 0, col: 0, rows: 2, cols: 2 } }],
        }
      ),
    ]);
    const back = await XlsxPort.fromBuffer(await port.toBuffer());
    const [cells] = await back.readSheets(["Review"]);
    expect(cells.values).toEqual([
      ["Program", "Note"],
      ["\r=2+2", "_x000D_"],
    ]);
  });

  it("of cells written one by one (tags typed into the budget)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").getCell("A1").value = "Goal";
    const port = new XlsxPort(wb);
    await port.writeCells([
      { sheet: "Budget", cell: "B2", value: "G1\r\nG2" },
      { sheet: "Budget", cell: "C2", value: "_x000D_" },
    ]);
    const buffer = await port.toBuffer();
    expect(await savedXml(buffer, "Budget")).toContain("G1_x000D_\nG2");
    const [cells] = await (await XlsxPort.fromBuffer(buffer)).readSheets(["Budget"]);
    expect(cells.values[1].slice(1)).toEqual(["G1\r\nG2", "_x000D_"]);
  });

  it("of the saved state", async () => {
    const state = setManualTag(emptyState(), "Fire|_x0041_|a\rb", {
      goals: [{ id: "G1", share: 1 }],
      via: "pane",
    });
    const port = new XlsxPort(new ExcelJS.Workbook());
    await port.writeState(state);
    const back = await XlsxPort.fromBuffer(await port.toBuffer());
    expect(await back.readState()).toEqual(state);
  });

  it("of a formula's cached text, which exceljs leaves escaped", () => {
    expect(toCellValue({ formula: "A1", result: "a_x000D_b" } as ExcelJS.CellValue)).toBe("a\rb");
    expect(toCellValue({ formula: "A1", result: "_x005F_x000D_" } as ExcelJS.CellValue)).toBe(
      "_x000D_"
    );
  });
});

describe("PackagePort (the CLI) keeps the exact text", () => {
  it("reads Excel's escapes, and writes the user's and the generated sheets with them", async () => {
    const input = path.join(dir, "in.xlsx");
    const output = path.join(dir, "out.xlsx");
    const src = new XlsxPort(new ExcelJS.Workbook());
    await src.writeSheets([bareModel("Budget", [TEXTS], { columnWidths: TEXTS.map(() => 12) })]);
    await src.save(input);

    const port = await PackagePort.open(input);
    const [budget] = await port.readSheets(["Budget"]);
    expect(budget.values[0]).toEqual(TEXTS);
    await port.writeSheets([
      bareModel("Review", [["\r=2+2", "_x000D_"]], { columnWidths: [9, 9] }),
    ]);
    await port.save(output);

    const buffer = await fs.readFile(output);
    expect(await savedXml(buffer, "Review")).toContain("_x000D_=2+2");
    // read back as Excel reads it (exceljs decodes the escapes in shared strings only, not in inline strings)
    const back = await PackagePort.fromBuffer(buffer);
    const [b, r] = await back.readSheets(["Budget", "Review"]);
    expect(b.values[0]).toEqual(TEXTS);
    expect(r.values[0]).toEqual(["\r=2+2", "_x000D_"]);
  });
});
