/**
 * The worksheet reader (src/xlsx/sheet-bytes.ts) gives what Excel's range.values gives, and reads back what the cells
 * were written as, whatever the bytes are cut into (multi-byte characters, tags, CDATA and comments split); it interns
 * its texts: one string per distinct text.
 */
import fc from "fast-check";
import { SheetBytesScanner } from "../../src/xlsx/sheet-bytes";
import type { CellValue } from "../../src/core/types";
import { SharedStringsScanner } from "../../src/xlsx/sheet-xml";

const SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/>` +
  `<sheetData>` +
  `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Early </t></r><r><t xml:space="preserve">literacy</t></r><rPh><t>ignored</t></rPh></is></c>` +
  `<c r="C1" s="3"><v>1200.5</v></c><c r="D1" t="b"><v>1</v></c></row>` +
  `<row r="3"><c r="A3" t="str"><f>B3&amp;"x"</f><v>a &amp; b_x000D_</v></c><c r="B3" t="e"><v>#REF!</v></c><c r="C3"><f>1/0</f></c>` +
  `<c r="D3" t="d"><v>2026-07-01</v></c><c r="E3" s="2"/><c r="F3" t="inlineStr"><is><t><![CDATA[x < y]]></t></is></c></row>` +
  `<row r="4"><c r="A4" t="inlineStr" x:attr="a > b"><is><t>Fire — EMS ✓ 🚒</t></is></c><c r="B4"><f t="shared" si="0" ref="B4:B5">A4&amp;1</f></c></row>` +
  `<row r="5"><c r="B5"><f t="shared" si="0"/></c></row>` +
  `<row r="6"><c r="B6" t="s"><v>1</v></c><c r="C6" t="s"><v>7</v></c></row>` +
  `</sheetData><!-- a comment with <row r="9"> in it --><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

const SHARED =
  `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">` +
  `<si><t>Parks &amp; Trails</t></si><si><r><t>Fire</t></r><r><rPr><b/></rPr><t xml:space="preserve"> EMS</t></r></si></sst>`;

const shared = (() => {
  const s = new SharedStringsScanner();
  s.push(SHARED);
  return s.strings;
})();

function byBytes(xml: string, size: number) {
  const bytes = Buffer.from(xml, "utf8");
  const s = new SheetBytesScanner(shared);
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  s.end();
  return s;
}

const outcome = (s: SheetBytesScanner) => ({
  ...s.result(),
  complete: s.complete,
  rowsSeen: s.rowsSeen,
  unsaved: s.unsavedFormulas,
  badShared: s.badShared,
});

test("what Excel's range.values gives, the unsaved formulas and the damage, whatever the chunk size", () => {
  const expected = {
    width: 6,
    values: [
      ["Parks & Trails", "Early literacy", 1200.5, true, "", ""],
      ["", "", "", "", "", ""],
      ["a & b\r", "#REF!", "", 46204, "", "x < y"],
      ["Fire — EMS ✓ 🚒", "", "", "", "", ""],
      ["", "", "", "", "", ""],
      ["", "Fire EMS", "", "", "", ""],
    ],
    complete: true,
    rowsSeen: 5,
    unsaved: [
      { row: 3, col: 3, formula: "1/0" },
      { row: 4, col: 2, formula: "A4&1" },
      { row: 5, col: 2, formula: "A4&1", sharedFrom: "B4" },
    ],
    badShared: { row: 6, col: 3, index: "7", count: 1 },
  };
  for (const size of [SHEET.length * 2, 1, 2, 3, 5, 7, 16, 61, 333])
    expect([size, outcome(byBytes(SHEET, size))]).toEqual([size, expected]);
});

test("a part cut off is not complete", () => {
  const cut = SHEET.slice(0, SHEET.indexOf(`<row r="4">`));
  expect(byBytes(cut, 50).complete).toBe(false);
  expect(byBytes(cut, 50).rowsSeen).toBe(2);
});

test("prefixed elements and rows and cells without addresses", () => {
  const xml = `<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c/><x:c><x:v>3</x:v></x:c></x:row><x:row/><x:row><x:c><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  expect(byBytes(xml, 4).result().values).toEqual([
    ["a", "", 3],
    ["", "", ""],
    [4, "", ""],
  ]);
});

test("texts are interned: repeated texts are one string each, numbers are never interned", () => {
  const rows = Array.from(
    { length: 300 },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${["Fire", "Police & EMS", "Parks — Trails"][i % 3]}</t></is></c><c r="B${i + 1}"><v>${i * 1.5}</v></c></row>`
  ).join("");
  const s = byBytes(`<worksheet><sheetData>${rows}</sheetData></worksheet>`, 97);
  expect(s.distinctTexts).toBe(3);
  const values = s.result().values;
  expect(values[3][0]).toBe("Fire");
  expect(values[4][0]).toBe("Police & EMS");
  expect(values[5][0]).toBe("Parks — Trails");
  expect(values[299][1]).toBe(448.5);
});

// XML 1.0 leaves these characters out (the writer drops them): not generated. Nor is text that reads as an ST_Xstring
// escape (_x000D_): the fixed sheet above reads one.
const text = fc
  .string({ maxLength: 12 })
  // eslint-disable-next-line no-control-regex
  .map((t) => t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g, ""))
  .filter((t) => !/_x[0-9A-Fa-f]{4}_/.test(t));
const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const digits = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength });
/** Decimal texts as a budget writes them (read from their bytes when plain and short), and some that are not plain. */
const decimal = fc
  .tuple(fc.constantFrom("", "-", "+", " "), digits(18), fc.option(digits(18), { nil: null }))
  .map(([sign, int, frac]) => `${sign}${int}${frac === null ? "" : `.${frac}`}`);
/** A number cell's text as range.values gives it: the number Number() reads, else the text; no text is a blank. */
const numberCell = (raw: string): CellValue =>
  raw === "" ? "" : Number.isFinite(Number(raw)) ? Number(raw) : raw;

/** A cell as written (its type attribute and what is inside it) and what it reads as; `unsaved`: its formula. */
interface Written {
  t?: string;
  inner: string;
  value: CellValue;
  unsaved?: string;
}
const cell: fc.Arbitrary<Written> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({
    inner: `<v>${n}</v>`,
    value: Number(`${n}`),
  })),
  decimal.map((d) => ({ inner: `<v>${d}</v>`, value: numberCell(d) })),
  decimal.map((d) => ({
    inner: `<f>A1+1</f><v>${d}</v>`,
    value: numberCell(d),
    ...(d === "" ? { unsaved: "A1+1" } : {}),
  })),
  text.map((t) => ({ t: "inlineStr", inner: `<is><t>${esc(t)}</t></is>`, value: t })),
  text.map((t) => ({ t: "str", inner: `<v>${esc(t)}</v>`, value: t })),
  fc.constantFrom<Written>(
    { t: "b", inner: "<v>1</v>", value: true },
    { t: "e", inner: "<v>#N/A</v>", value: "#N/A" },
    { t: "s", inner: "<v>1</v>", value: "Fire EMS" },
    { t: "inlineStr", inner: "<is><t><![CDATA[a<b]]></t></is>", value: "a<b" }
  )
);

/** What a grid of written cells reads as: rows up to the last with a value, each as wide as the widest. */
function readAs(grid: (Written | null)[][]) {
  const widths = grid.map((row) => 1 + row.reduce((w, c, k) => (c && c.value !== "" ? k : w), -1));
  const width = Math.max(0, ...widths);
  const height = widths.reduce((h, w, r) => (w > 0 ? r + 1 : h), 0);
  return {
    values: grid
      .slice(0, height)
      .map((row) => Array.from({ length: width }, (_, k) => row[k]?.value ?? "")),
    width,
    complete: true,
    rowsSeen: grid.length,
    unsaved: grid.flatMap((row, r) =>
      row.flatMap((c, k) => (c?.unsaved ? [{ row: r + 1, col: k + 1, formula: c.unsaved }] : []))
    ),
    badShared: null,
  };
}

test("property: on any sheet of these cells, cut anywhere, the reader gives what the cells were written as", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.option(cell, { nil: null }), { maxLength: 5 }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 40 }),
      (grid, size) => {
        const rows = grid
          .map(
            (row, r) =>
              `<row r="${r + 1}">` +
              row
                .map((c, k) => {
                  if (c === null) return "";
                  return `<c r="${String.fromCharCode(65 + k)}${r + 1}"${c.t ? ` t="${c.t}"` : ""}>${c.inner}</c>`;
                })
                .join("") +
              `</row>`
          )
          .join("");
        const xml = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
        expect(outcome(byBytes(xml, size))).toEqual(readAs(grid));
      }
    ),
    { numRuns: 300 }
  );
});

test("a text longer than many chunks is read whole, and text outside cells is not kept", () => {
  const long = "Trail resurfacing — phase ".repeat(5000);
  const xml =
    `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1"><v>5</v></c></row></sheetData>` +
    `<extLst>${"x".repeat(100000)}</extLst></worksheet>`;
  for (const size of [7, 1000, 65536]) {
    const s = byBytes(xml, size);
    expect([size, s.result().values]).toEqual([size, [[long, 5]]]);
    expect(s.complete).toBe(true);
  }
});
