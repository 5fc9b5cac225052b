/**
 * Cell notes in the CLI's package writer (src/xlsx/comments-xml.ts through generated-package.ts and transplant.ts):
 * a sheet model's notes become a comments part and a VML drawing, as Excel writes legacy notes, and exceljs (the
 * independent reader) reads them back on the right cells; a second run replaces our notes without leaving parts
 * behind, and a note the user wrote on their own sheet is kept. LibreOffice and openpyxl were checked by hand
 * (README, "Full reasons in cell notes"). The Excel port's notes are in test/excel/notes.test.ts.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PackagePort } from "../../src/xlsx/package-port";
import { bareModel } from "./helpers";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "notes-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const MODEL = bareModel(
  "Review",
  [
    ["Program", "Reason", "Nearest goal"],
    ["Sister City Exchange", "Fits no goal", "G3.2 Grow…"],
    ["Aquatics", "Low confidence", "G4.1 Keep parks <safe> & open…"],
  ],
  {
    notes: [
      { row: 1, col: 2, text: "G3.2 — Grow the local economy\nWhy: closest in topic" },
      { row: 2, col: 2, text: "G4.1 — Keep parks <safe> & open to all\nConfidence: 42%" },
      { row: 2, col: 1, text: "Low-confidence tag" },
    ],
  }
);

async function notesOf(file: string, sheet: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  wb.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell((c) => {
      if (c.note)
        out[c.address] =
          typeof c.note === "string" ? c.note : c.note.texts?.map((t) => t.text).join("");
    })
  );
  return out;
}

it("writes the notes where the model puts them, keeps the user's note, and rewrites ours in place", async () => {
  const input = path.join(dir, "book.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Budget");
  ws.addRow(["Program", "Amount"]);
  ws.getCell("A1").note = "Typed by the budget office";
  await wb.xlsx.writeFile(input);

  const first = path.join(dir, "first.xlsx");
  const port = await PackagePort.open(input);
  await port.writeSheets([MODEL]);
  await port.save(first);
  const second = path.join(dir, "second.xlsx");
  const again = await PackagePort.open(first);
  await again.writeSheets([MODEL]);
  await again.save(second);

  for (const file of [first, second]) {
    expect(await notesOf(file, "Review")).toEqual({
      C2: "G3.2 — Grow the local economy\nWhy: closest in topic",
      B3: "Low-confidence tag",
      C3: "G4.1 — Keep parks <safe> & open to all\nConfidence: 42%",
    });
    expect(await notesOf(file, "Budget")).toEqual({ A1: "Typed by the budget office" });
  }
  // As Excel writes them: a comments part and a VML drawing per sheet with notes, named by the sheet's part.
  const zip = await JSZip.loadAsync(await fs.readFile(second));
  const names = Object.keys(zip.files);
  expect(names.filter((n) => /comments\d*\.xml$/.test(n))).toHaveLength(2);
  expect(names.filter((n) => /vmlDrawing\d*\.vml$/.test(n))).toHaveLength(2);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  expect(types.match(/spreadsheetml\.comments\+xml/g)).toHaveLength(2);
  const sheets = await Promise.all(
    names
      .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map((n) => zip.file(n)!.async("string"))
  );
  // The user's sheet and ours each name their own VML drawing.
  expect(sheets.filter((x) => /<legacyDrawing r:id="rId\d+"\/>/.test(x))).toHaveLength(2);
}, 60_000);
