/**
 * The Programs-specific part of the print check: every printed page of the program table carries its column
 * headers (the header row is the sheet's print titles), so a continuation page without them fails.
 */
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
