/**
 * The print check's rule against clipped labels: every word of every text cell a sheet prints (inside its print
 * areas, in shown rows and columns) is on that sheet's printed pages, whole. A label cut at the page's or the print
 * area's right edge, or hidden by the next cell, loses its last words or prints part of a word ("Inven"), so those
 * words are missing from the page; `###` for a number is the print check's other rule. The cells are read from the
 * workbook and the words from the PDF, so the check knows no sheet's layout.
 */
import ExcelJS from "exceljs";
import { footerOf, type Page } from "./printed";

/** A word as both sides are compared: lower case, letters and digits only ("G1.2," → "g12"). */
const token = (w: string) =>
  w
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * The words of a text, split at spaces and hyphens too: a label wrapped at its hyphen prints "City-" and "owned" on
 * two lines.
 */
const wordsOf = (text: string) => text.split(/[\s\-‐‑–—]+/).filter((w) => token(w));

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const o = v as { richText?: { text: string }[]; result?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (typeof o.result === "string") return o.result;
  }
  return "";
}

/** 1-based [top, left, bottom, right] of each print area ("A1:J80&&L5:W80"), or the used range. */
function areasOf(ws: ExcelJS.Worksheet): [number, number, number, number][] {
  const spec = ws.pageSetup?.printArea;
  if (!spec) return [[1, 1, ws.rowCount, ws.columnCount]];
  return spec.split("&&").map((a) => {
    const [from, to] = a.replace(/\$/g, "").split(":");
    const at = (ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref.replace(/^.*!/, ""))!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return [Number(m[2]), col] as const;
    };
    const [r0, c0] = at(from);
    const [r1, c1] = at(to ?? from);
    return [r0, c0, r1, c1];
  });
}

/**
 * Per sheet, the printed text cells some of whose words are not on the sheet's pages: "C12: …long goal title"
 * (the cell and its missing words). Empty when every label prints whole.
 */
export async function clippedCells(
  file: string,
  pages: Page[],
  sheets: string[]
): Promise<Map<string, string[]>> {
  // Each word counted as often as it prints: a word cut in one label is missing there though it prints elsewhere.
  const printed = new Map<string, Map<string, number>>();
  for (const page of pages) {
    const sheet = footerOf(page)?.sheet;
    if (!sheet) continue;
    let counts = printed.get(sheet);
    if (!counts) printed.set(sheet, (counts = new Map()));
    for (const w of page.words)
      for (const part of wordsOf(w.text))
        counts.set(token(part), (counts.get(token(part)) ?? 0) + 1);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string[]>();
  for (const name of sheets) {
    const ws = wb.getWorksheet(name);
    const counts = printed.get(name);
    if (!ws || !counts) continue;
    const areas = areasOf(ws);
    const hiddenCols = new Set<number>();
    (ws.columns ?? []).forEach((col, i) => {
      if (col.hidden || (col.width !== undefined && col.width < 0.5)) hiddenCols.add(i + 1);
    });
    const inPrint = (r: number, c: number) =>
      !hiddenCols.has(c) &&
      areas.some(([r0, c0, r1, c1]) => r >= r0 && r <= r1 && c >= c0 && c <= c1);
    // The printed cells' words, in order; a word is missing where the cells have it more often than the pages.
    const cells: { address: string; words: string[] }[] = [];
    const wanted = new Map<string, number>();
    ws.eachRow((row, r) => {
      if (row.hidden) return;
      row.eachCell((cell, c) => {
        if (!inPrint(r, c)) return;
        const words = wordsOf(cellText(cell));
        if (!words.length) return;
        cells.push({ address: cell.address, words });
        for (const w of words) wanted.set(token(w), (wanted.get(token(w)) ?? 0) + 1);
      });
    });
    const short = (w: string) => (counts.get(token(w)) ?? 0) < (wanted.get(token(w)) ?? 0);
    out.set(
      name,
      cells
        .filter((cell) => cell.words.some(short))
        .map((cell) => `${cell.address}: ${cell.words.filter(short).join(" ")}`)
    );
  }
  return out;
}
