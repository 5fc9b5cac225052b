/**
 * The Programs sheet on screen and on paper: column widths, and the print set-up. Everything prints one page wide
 * at 100% on Letter (and A4) landscape, in three print areas:
 * - the title, notes and the tables above the program table (columns A–G): each table starts a page where it would
 *   split badly, and a table that still runs past a page gets a copy of its header row at the top of the next
 *   (./print-pages: the copies are written into the sheet, and the formulas move with their rows);
 * - the chart, on a page of its own under its section title;
 * - the program table from Department through every priority's score (Department and Program wrap narrower so
 *   the scores fit), its header row the sheet's print titles, each department kept on one page where it fits.
 *   The attributes and the columns after them are for the screen (the table's section title says so).
 */
import { normName } from "../keys";
import type { SheetModel } from "../types";
import { ATTRIBUTES } from "./attributes";
import type { Inventory } from "./program-inventory";
import { headerContinuations, tablesOf, withHeaderCopies } from "./print-pages";
import { TOP_COLS, type ProgramsWriter } from "./programs-layout";
import { fitWidths, pageGroups, reportPrint, rng, sectionBreaks, shrinkToPage } from "./sheet";

/** Column widths: the top tables and the program table share columns; each printed part fits a page at 100%. */
export function programsWidths(w: ProgramsWriter): number[] {
  const { b, c, inv, k } = w;
  const widths = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 8,
    max: 30,
    cols: c.count,
    sampleRows: 20000,
  });
  for (let cc = 2; cc < TOP_COLS; cc++) widths[cc] = Math.max(widths[cc], 13);
  widths[c.goals] = Math.min(Math.max(widths[c.goals], 14), 24);
  for (let j = 0; j < ATTRIBUTES.length; j++) widths[c.attr + j] = 13;
  widths[c.source] = 12;
  widths[c.evidence] = 45;
  // The key is for reading answers back, not for paper: as wide as it needs, one line, never printed.
  widths[c.key] = Math.min(
    60,
    inv.programs.reduce((wd, p) => Math.max(wd, p.key.length + 2), 14)
  );
  // Score columns are narrow, except where they share a column with the top tables' amounts.
  for (let j = 0; j < k; j++)
    if (c.score + j >= TOP_COLS)
      widths[c.score + j] = Math.max(8, Math.min(widths[c.score + j], 10));
  // Department and Program wrap narrower until the table prints through its last score on one page width.
  shrinkToPage(widths, 0, Math.max(TOP_COLS - 1, c.score + k - 1), [0, 1], 14);
  return widths;
}

/**
 * The model with its widths, row heights and print set-up, and the header copies of the top tables written in;
 * the program table's section title says which of its columns print.
 */
export function programsPage(
  w: ProgramsWriter,
  model: SheetModel,
  headers: readonly string[]
): SheetModel {
  const { b, c, n, inv, rows } = w;
  const widths = programsWidths(w);
  const printed = pageGroups(widths, 0, c.key - 1, 0)[0] ?? { from: 0, to: c.quartile };
  model.columnWidths = widths;
  const heights = b.rowHeights(widths);
  model.rowHeights = b.wrappedRowHeights(widths, heights);
  const heightOf = (r: number) => heights[r] ?? 15;
  b.set(
    rows.tableSection,
    0,
    `Programs (printed: ${headers[0]} to ${headers[printed.to]}; the columns after it are on screen)`
  );
  // The top tables print above the program table's header row, so no title rows repeat on their pages. A table
  // that fits a page is never cut (the total score looks attribute points up in the attribute table's ranges):
  // it starts a new page instead; only a table longer than a page (goals, departments, the diagnostic's lists,
  // whose one formula over their own rows is the Total's SUM) runs on under a copy of its header row.
  const starts = b.sections.filter((r) => r <= rows.topEnd);
  const sections = starts.map((start, i) => ({
    start,
    end: (starts[i + 1] ?? rows.topEnd + 1) - 1,
  }));
  const topBreaks = sectionBreaks(sections, heightOf, 0, Number.MAX_SAFE_INTEGER);
  const copies = headerContinuations(
    tablesOf(model).filter((t) => t.end <= rows.topEnd),
    heightOf,
    rows.topEnd,
    topBreaks,
    0
  );
  model.print = reportPrint(
    { start: rows.header, end: rows.header },
    {
      areas: [
        rng(0, 0, rows.topEnd + 1, TOP_COLS),
        rng(rows.chartTitle, 0, rows.chartRows + 1, TOP_COLS),
        rng(rows.tableSection, 0, Math.max(2, n + 2), printed.to + 1),
      ],
      rowBreaks: [
        ...topBreaks,
        rows.chartTitle,
        rows.tableSection,
        ...departmentBreaks(inv, rows.first, rows.header, rows.tableSection, heights),
      ],
    }
  );
  return withHeaderCopies(model, copies).model;
}

/**
 * Page breaks in the printed program table so a department's programs stay on one page where they fit (a
 * department longer than a page runs on, its header row repeated): the rows to break above.
 */
function departmentBreaks(
  inv: Inventory,
  first: number,
  header: number,
  tableSection: number,
  heights: number[]
): number[] {
  const groups: { start: number; end: number }[] = [];
  inv.programs.forEach((p, i) => {
    const last = groups[groups.length - 1];
    if (last && normName(inv.programs[i - 1].department) === normName(p.department)) last.end++;
    else groups.push({ start: first + i, end: first + i });
  });
  // Rows above the table print on pages of their own (the table starts a page): they take no room here.
  const heightOf = (r: number) => (r < tableSection ? 0 : (heights[r] ?? 15));
  return sectionBreaks(groups, heightOf, heights[header] ?? 15, Number.MAX_SAFE_INTEGER);
}
