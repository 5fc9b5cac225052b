/**
 * The bench's real-shaped budget: Oakland's adopted FY22-23 expense line items (../shared/data/oakland, 14,657
 * lines, 7 columns) repeated until the budget has the lines asked for. Each repetition after the first names its
 * programs (the org description) "… (copy N)", so line groups grow with the size as a real city's many programs
 * would, rather than folding into the first copy's. Written as Excel, LibreOffice and openpyxl write sheets a
 * script made: one worksheet, inline strings, no styles.
 */
import * as fs from "fs";
import * as path from "path";
import { parseCsv } from "../src/core/measures/csv";
import { xmlEscape } from "../src/xlsx/package";
import { ZipWriter } from "../src/xlsx/zip";
import { columnLetter } from "../src/core/a1";
import type { CellValue } from "../src/core/types";

/**
 * Where the shared data lives beside the repositories (the eval's held-out data): ../shared from the checkout, found
 * from the source (bench/) or the compiled bench (lib/bench/).
 */
export const OAKLAND_CSV = ((): string => {
  const file = path.join(
    "shared",
    "data",
    "oakland",
    "oakland_adopted_expense_FY22-23_lineitems.csv"
  );
  const candidates = [
    path.resolve(__dirname, "..", "..", file),
    path.resolve(__dirname, "..", "..", "..", file),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
})();

export function realShapeAvailable(): boolean {
  return fs.existsSync(OAKLAND_CSV);
}

interface RealRows {
  header: string[];
  rows: CellValue[][];
  /** The column repeated copies rename (org_description, the program). */
  programCol: number;
}

function oaklandRows(): RealRows {
  const cells = parseCsv(fs.readFileSync(OAKLAND_CSV, "utf8"), "Budget").values as string[][];
  const header = cells[0].map(String);
  const amountCol = header.indexOf("amount");
  const rows = cells
    .slice(1)
    .filter((r) => r.length >= header.length)
    .map((r) =>
      r.map((v, c) =>
        c === amountCol && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v
      )
    );
  return { header, rows, programCol: Math.max(0, header.indexOf("org_description")) };
}

/** The i-th line of the real-shaped budget (0-based). */
function lineAt(src: RealRows, i: number): CellValue[] {
  const copy = Math.floor(i / src.rows.length);
  const row = src.rows[i % src.rows.length];
  if (copy === 0) return row;
  const out = row.slice();
  out[src.programCol] = `${row[src.programCol]} (copy ${copy + 1})`;
  return out;
}

function cellXml(v: CellValue, ref: string): string {
  if (v === "" || v === null || v === undefined) return "";
  if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(String(v))}</t></is></c>`;
}

function* sheetXml(src: RealRows, lines: number): Generator<string> {
  const cols = src.header.map((_, c) => columnLetter(c));
  yield (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  );
  const row = (r: number, values: CellValue[]) =>
    `<row r="${r}">${values.map((v, c) => cellXml(v, `${cols[c]}${r}`)).join("")}</row>`;
  let chunk = row(1, src.header);
  for (let i = 0; i < lines; i++) {
    chunk += row(i + 2, lineAt(src, i));
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

const CT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  "</Types>";
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  "</Relationships>";

/** Writes the real-shaped budget of `lines` lines to `file` (one sheet, "Budget"). */
export async function writeRealShaped(file: string, lines: number): Promise<void> {
  const src = oaklandRows();
  const w = new ZipWriter(file);
  try {
    await w.add("[Content_Types].xml", CT);
    await w.add("_rels/.rels", ROOT_RELS);
    await w.add("xl/workbook.xml", WORKBOOK);
    await w.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
    const { Readable } = await import("stream");
    await w.addStream("xl/worksheets/sheet1.xml", Readable.from(sheetXml(src, lines)));
    await w.finish();
  } catch (e) {
    await w.abort();
    fs.rmSync(file, { force: true });
    throw e;
  }
}
