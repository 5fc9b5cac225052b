/**
 * The Programs-specific part of the print check: every printed page of the program table carries its column
 * headers (the header row is the sheet's print titles), so a continuation page without them fails; the sheet's
 * title prints whole on its first page; each print area is one page wide at 100%.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import JSZip from "jszip";
import { parseA1 } from "../../src/core/a1";
import { columnPx } from "../../src/core/reports/sheet";
import { footerOf, type Page } from "./printed";

/** Header words every page of the printed program table shows. */
export const PROGRAM_HEADER_WORDS = ["Department", "Program", "Quartile"];

/**
 * The Programs pages from the first that shows the table's header row to the sheet's last page, each with
 * whether its top lines carry the header words. Pages before the table (what-if tables, chart) are left out.
 */
export function programTablePages(pages: Page[]): { page: number; headers: boolean }[] {
  const programs = pages
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => footerOf(p)?.sheet === "Programs");
  const hasHeaders = (p: Page) => {
    // The header row sits within the top fifth of the page (below at most the table's section title).
    const top = Math.min(...p.words.map((w) => w.y0));
    const near = p.words.filter((w) => w.y0 < top + p.height * 0.2).map((w) => w.text);
    return PROGRAM_HEADER_WORDS.every((h) => near.includes(h));
  };
  const start = programs.findIndex(
    ({ p }) => hasHeaders(p) && p.words.some((w) => w.text === "Total")
  );
  if (start < 0) return [];
  return programs.slice(start).map(({ p, i }) => ({ page: i + 1, headers: hasHeaders(p) }));
}

/**
 * The sheet's title (cell A1) and, for each of its print areas, its columns and printed width at 100% in Excel's
 * column pixels, read from the workbook itself (the print areas from workbook.xml: exceljs reads only the first).
 */
export async function printedLayout(
  file: string,
  sheet: string
): Promise<{ title: string; areas: { ref: string; px: number }[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`${file} has no sheet "${sheet}".`);
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const names = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
  const id = names.indexOf(sheet);
  const defined = new RegExp(
    `<definedName\\b(?=[^>]*name="_xlnm.Print_Area")(?=[^>]*localSheetId="${id}")[^>]*>([^<]*)<`
  ).exec(xml);
  const areas = (defined?.[1] ?? "").split(",").filter(Boolean);
  const width = (c: number) => ws.getColumn(c + 1).width ?? 8.43;
  return {
    title: typeof ws.getCell("A1").value === "string" ? String(ws.getCell("A1").value) : "",
    areas: areas.map((a) => {
      const m = /\$?([A-Z]+)\$?\d+:\$?([A-Z]+)\$?\d+$/.exec(a);
      if (!m) return { ref: a, px: 0 };
      const from = parseA1(`${m[1]}1`).col;
      const to = parseA1(`${m[2]}1`).col;
      let px = 0;
      for (let c = from; c <= to; c++) px += columnPx(width(c));
      return { ref: a.replace(/^.*!/, ""), px };
    }),
  };
}

/** Whether the first printed page of `sheet` shows its title whole, on one line (no word cut at the edge). */
export function titleWhole(pages: Page[], sheet: string, title: string): boolean {
  const first = pages.find((p) => footerOf(p)?.sheet === sheet);
  if (!first || !title) return false;
  const top = Math.min(...first.words.map((w) => w.y0));
  const line = first.words
    .filter((w) => Math.abs(w.y0 - top) < 3)
    .sort((a, b) => a.x0 - b.x0)
    .map((w) => w.text)
    .join(" ");
  return line === title.replace(/\s+/g, " ").trim();
}
