/**
 * The print check's rule for every table: a printed page of a sheet (after its first) starts with a table's column
 * headers or a section's title, never with a table's rows alone. The header rows and section titles are read from
 * the workbook itself (the cells styled as table headers or section headers), so the check knows no sheet's layout.
 */
import ExcelJS from "exceljs";
import { footerOf, type Page, type Word } from "./printed";

/** What may start a page of a sheet: its table header rows (the first word of each cell) and section titles. */
export interface PageStarts {
  headers: string[][];
  sections: string[][];
}

const WHITE = "FFFFFFFF";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * The header rows (white bold text on a filled cell: the report's tableHeader style) and section titles (bold 12 pt
 * or larger) of each named sheet of a workbook.
 */
export async function pageStarts(file: string, sheets: string[]): Promise<Map<string, PageStarts>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, PageStarts>();
  for (const name of sheets) {
    const ws = wb.getWorksheet(name);
    if (!ws) continue;
    const starts: PageStarts = { headers: [], sections: [] };
    ws.eachRow((row) => {
      const header: string[] = [];
      let section: string[] | null = null;
      row.eachCell((cell) => {
        const text = typeof cell.value === "string" ? cell.value : "";
        if (!text) return;
        const font = cell.font ?? {};
        if (font.bold && font.color?.argb === WHITE) header.push(words(text)[0]);
        else if (font.bold && (font.size ?? 11) >= 12 && (font.size ?? 11) < 16 && !section)
          section = words(text).slice(0, 2);
      });
      if (header.length >= 2) starts.headers.push(header);
      if (section) starts.sections.push(section);
    });
    out.set(name, starts);
  }
  return out;
}

/** A page's lines of words, top to bottom (words within 3 pt of the same height are one line). */
function lines(page: Page): Word[][] {
  const sorted = [...page.words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: Word[][] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0].y0 - w.y0) < 3) last.push(w);
    else out.push([w]);
  }
  return out;
}

/**
 * The pages (1-based, in the PDF) of `sheet` after its first whose top lines show neither a table's column headers
 * nor a section title: a table's continuation printed without its headers.
 */
export function pagesWithoutHeaders(pages: Page[], sheet: string, starts: PageStarts): number[] {
  const mine = pages.map((p, i) => ({ p, i })).filter(({ p }) => footerOf(p)?.sheet === sheet);
  const bare: number[] = [];
  for (const { p, i } of mine.slice(1)) {
    const top = new Set(
      lines(p)
        .slice(0, 5)
        .flat()
        .map((w) => w.text)
    );
    const ok =
      // A page may print some of a table's columns (the Timetable's month grid beside ID and Action): two of its
      // header words at the top are enough.
      starts.headers.some((h) => h.filter((w) => top.has(w)).length >= 2) ||
      starts.sections.some((s) => s.every((w) => top.has(w)));
    if (!ok) bare.push(i + 1);
  }
  return bare;
}
