/** Column headers on every printed page of every table (src/core/reports/print-pages.ts). */
import fc from "fast-check";
import {
  headerContinuations,
  movedReferences,
  tablesOf,
  withHeaderCopies,
} from "../../../src/core/reports/print-pages";
import { PAGE_HEIGHT_PT } from "../../../src/core/reports/sheet";
import type { CellValue, SheetModel } from "../../../src/core/types";
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import { fixture } from "./fixture";

/** A sheet: a title, a short table, a blank row, then a table of `n` rows, each 15 pt tall. */
function sheet(n: number): SheetModel {
  const values: CellValue[][] = [["Title"], ["Kind", "Amount"], ["a", 1], ["b", 2], []];
  values.push(["Goal", "Amount"]);
  for (let i = 0; i < n; i++) values.push([`G${i + 1}`, i + 1]);
  return {
    name: "S",
    values,
    numberFormats: [{ range: { row: 6, col: 1, rows: n, cols: 1 }, format: "#,##0" }],
    styles: [
      { range: { row: 1, col: 0, rows: 1, cols: 2 }, style: "tableHeader" },
      { range: { row: 5, col: 0, rows: 1, cols: 2 }, style: "tableHeader" },
      { range: { row: 6, col: 0, rows: n, cols: 1 }, style: "wrapText" },
    ],
    columnWidths: [20, 12],
    tables: [{ name: "Goals", range: { row: 5, col: 0, rows: n + 1, cols: 2 }, style: "S" }],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: { landscape: true, fitToWidth: true, titleRows: { start: 0, end: 0 }, footer: "" },
  };
}

const perPage = Math.floor((PAGE_HEIGHT_PT - 15) / 15);

test("a table is a header row and the rows below it to the first blank row", () => {
  expect(tablesOf(sheet(3))).toEqual([
    { header: 1, end: 3 },
    { header: 5, end: 8 },
  ]);
});

test("a table running past a page gets its header row again at the top of the next page", () => {
  const m = sheet(80);
  const copies = headerContinuations(tablesOf(m), () => 15, m.values.length - 1, [], 15);
  // Page 1 holds perPage rows (the title repeats on every page): rows 0 … perPage-1.
  expect(copies[0]).toEqual({ row: perPage, header: 5 });
  // Page 2 starts with the copy of the header, so it holds one body row fewer.
  expect(copies[1]).toEqual({ row: 2 * perPage - 1, header: 5 });
  const { model, moved } = withHeaderCopies(m, copies);
  expect(model.values).toHaveLength(m.values.length + copies.length);
  for (const c of copies) {
    const at = moved(c.row) - 1;
    expect(model.values[at]).toEqual(["Goal", "Amount"]);
    expect(model.values[at + 1]).toEqual(m.values[c.row]);
    // A page break above the copy, styled as the header.
    expect(model.print.rowBreaks).toContain(at);
    expect(model.styles).toContainEqual({
      range: { row: at, col: 0, rows: 1, cols: 2 },
      style: "tableHeader",
    });
    // The body's looks skip the copy.
    expect(
      model.styles.some(
        (s) => s.style === "wrapText" && s.range.row <= at && at < s.range.row + s.range.rows
      )
    ).toBe(false);
    expect(
      model.numberFormats.some((f) => f.range.row <= at && at < f.range.row + f.range.rows)
    ).toBe(false);
  }
  // The Excel table is cut in two, each part under its own header row, together every body row once.
  expect(model.tables.map((t) => t.name)).toEqual(
    ["Goals", "Goals_2", "Goals_3"].slice(0, copies.length + 1)
  );
  const body = model.tables.flatMap((t) =>
    model.values.slice(t.range.row + 1, t.range.row + t.range.rows)
  );
  expect(body).toEqual(m.values.slice(6));
  for (const t of model.tables) expect(model.values[t.range.row]).toEqual(["Goal", "Amount"]);
});

test("a formula moves with its cell and its references move with the rows they name", () => {
  // Rows 6 and 7 (0-based) have a header copy above them: row r moves down by the copies at or above it.
  const moved = (r: number) => r + [6, 7].filter((x) => x <= r).length;
  expect(movedReferences("=SUM($B$7:$B$9)+C6*(1+$D$8)", moved)).toBe(
    "=SUM($B$8:$B$11)+C6*(1+$D$10)"
  );
  // Function names, quoted text and numbers are not references.
  expect(movedReferences('=MIN(4,INT((RANK(D9,$D$9:$D$20)-1)*4)+1)&"A7"', moved)).toBe(
    '=MIN(4,INT((RANK(D11,$D$11:$D$22)-1)*4)+1)&"A7"'
  );
  // Names that end in digits, references followed by a name character, too many letters, lower case: not moved.
  expect(movedReferences("=LOG10(A7)+Q1_7+ABCD7+a7+A7B+.A7+A7.5+$$A7+A$$7+X_A7+A7_", moved)).toBe(
    "=LOG10(A8)+Q1_7+ABCD7+a7+A7B+.A7+A8.5+$$A7+A$$7+X_A7+A7_"
  );
  const m = sheet(3);
  m.formulas = [{ range: { row: 8, col: 2, rows: 1, cols: 1 }, formulas: [["=SUM(B7:B8)"]] }];
  const out = withHeaderCopies(m, [{ row: 7, header: 5 }]).model;
  expect(out.formulas).toEqual([
    { range: { row: 9, col: 2, rows: 1, cols: 1 }, formulas: [["=SUM(B7:B9)"]] },
  ]);
});

test("nothing changes when every table fits its page", () => {
  const m = sheet(5);
  expect(headerContinuations(tablesOf(m), () => 15, m.values.length - 1, [], 15)).toEqual([]);
  expect(withHeaderCopies(m, []).model).toBe(m);
});

test("the Alignment sheet of a plan with many goals: every page break inside a table has the header above it", () => {
  const { ctx } = fixture({});
  const goals = Array.from({ length: 70 }, (_, i) => ({
    id: `G1.${i + 1}`,
    title: `Goal number ${i + 1} of the first priority`,
  }));
  ctx.plan.priorities[0].goals.push(...goals);
  const m = buildAlignmentSheet(ctx);
  const tables = tablesOf(m);
  // A break right below a table's row continues that table: the new page starts with its header row.
  const continued = (m.print.rowBreaks ?? []).flatMap((r) => {
    const t = tables.find((x) => x.header < r && r - 1 <= x.end);
    return t ? [{ r, t }] : [];
  });
  expect(continued.length).toBeGreaterThan(0);
  for (const { r, t } of continued) expect(m.values[r]).toEqual(m.values[t.header]);
  // And every table's rows that cross a page are followed by such a copy (none starts a page bare).
  expect(m.tables.some((t) => /_\d+$/.test(t.name))).toBe(true);
});

test("formulas' references move as the A1 pattern reads them, whatever the text around them", () => {
  // The pattern the reader was written from: the scanner must find the same references in any text.
  const pattern = /(^|[^A-Za-z0-9_.$])(\$?[A-Z]{1,3}\$?)(\d+)(?![\d(A-Za-z_])/g;
  // Every row moved, and (as header copies do) rows above the first copy left where they are: a reference left in
  // place must read as the pattern rewrites it ("A007" becomes "A7" even where row 7 does not move).
  for (const moved of [(r: number) => r * 3 + 7, (r: number) => (r < 10 ? r : r + 2)])
    referencesMoveAsThePatternReads(pattern, moved);
});

function referencesMoveAsThePatternReads(pattern: RegExp, moved: (r: number) => number): void {
  const byPattern = (part: string) =>
    part.replace(
      pattern,
      (_, before: string, col: string, row: string) =>
        `${before}${col}${moved(Number(row) - 1) + 1}`
    );
  const piece = fc.constantFrom(
    ..."ABCXZab$_.(),:+-*/!' 0123456789".split(""),
    "A1",
    "$B$12",
    "XFD7",
    "SUM(",
    "Q1_",
    "007",
    "A",
    "$"
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const text = pieces.join("");
      expect(movedReferences(text, moved)).toBe(byPattern(text));
    }),
    { numRuns: 5000 }
  );
}
