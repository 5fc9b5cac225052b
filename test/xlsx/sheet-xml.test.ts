/**
 * The shared-strings reader and the cell patcher give the same answer however the XML is cut into chunks (worksheet
 * values: test/xlsx/sheet-bytes.test.ts).
 */
import fc from "fast-check";
import {
  attr,
  columnOfRef,
  compactText,
  patchSheetXml,
  scanStream,
  SharedStringsScanner,
  type Patches,
} from "../../src/xlsx/sheet-xml";

const SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/>` +
  `<sheetData>` +
  `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Early </t></r><r><t xml:space="preserve">literacy</t></r><rPh><t>ignored</t></rPh></is></c>` +
  `<c r="C1" s="3"><v>1200.5</v></c><c r="D1" t="b"><v>1</v></c></row>` +
  `<row r="3"><c r="A3" t="str"><f>B3&amp;"x"</f><v>a &amp; b_x000D_</v></c><c r="B3" t="e"><v>#REF!</v></c><c r="C3"><f>1/0</f></c>` +
  `<c r="D3" t="d"><v>2026-07-01</v></c><c r="E3" s="2"/><c r="F3" t="inlineStr"><is><t><![CDATA[x < y]]></t></is></c></row>` +
  `<row r="6"><c r="B6" t="s"><v>1</v></c></row>` +
  `</sheetData><!-- a comment with <row r="9"> in it --><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

const SHARED =
  `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">` +
  `<si><t>Parks &amp; Trails</t></si><si><r><t>Fire</t></r><r><rPr><b/></rPr><t xml:space="preserve"> EMS</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si></sst>`;

function scanIn<T extends { push(s: string): void }>(scanner: T, text: string, size: number): T {
  for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
  return scanner;
}

describe("SharedStringsScanner and the patcher's cell addresses", () => {
  const shared = scanIn(new SharedStringsScanner(), SHARED, SHARED.length).strings;

  it("reads shared strings without phonetic runs, rich text joined", () => {
    expect(shared).toEqual(["Parks & Trails", "Fire EMS"]);
    for (const size of [1, 2, 3, 7, 16])
      expect([size, scanIn(new SharedStringsScanner(), SHARED, size).strings]).toEqual([
        size,
        shared,
      ]);
  });

  it("column letters and attributes", () => {
    expect([
      columnOfRef("A1"),
      columnOfRef("Z9"),
      columnOfRef("AA1"),
      columnOfRef("XFD3"),
      columnOfRef("12"),
    ]).toEqual([0, 25, 26, 16383, -1]);
    expect(attr(`c r="B2" s='4' t = "s"`, "s")).toBe("4");
    expect(attr(`c r="B2" rs="4"`, "s")).toBeUndefined();
    expect(attr(`c r="B2" t="s"`, "r")).toBe("B2");
  });
});

async function patched(xml: string, patches: Patches, size: number): Promise<string> {
  const bytes = Buffer.from(xml, "utf8");
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  let out = "";
  for await (const s of patchSheetXml(chunks(), patches)) out += s;
  return out;
}

describe("patchSheetXml", () => {
  const patches = (): Patches =>
    new Map([
      [0, new Map([[5, { text: "G1 — é", style: (s?: string) => s }]])],
      [1, new Map([[0, { text: "new row", style: () => undefined }]])],
      [2, new Map([[4, { text: "=x", style: (s?: string) => `9${s ?? ""}` }]])],
      [9, new Map([[1, { text: "a & <b>", style: () => undefined }]])],
    ]);

  it("replaces and inserts cells and rows in order, and passes everything else through", async () => {
    const out = await patched(SHEET, patches(), SHEET.length);
    expect(out).toContain(`<row r="1"><c r="A1" t="s"><v>0</v></c>`);
    expect(out).toContain(
      `<c r="D1" t="b"><v>1</v></c><c r="F1" t="inlineStr"><is><t xml:space="preserve">G1 — é</t></is></c></row>` +
        `<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">new row</t></is></c></row><row r="3">`
    );
    expect(out).toContain(
      `<c r="E3" s="92" t="inlineStr"><is><t xml:space="preserve">=x</t></is></c><c r="F3"`
    );
    expect(out).toContain(
      `<row r="6"><c r="B6" t="s"><v>1</v></c></row><row r="10"><c r="B10" t="inlineStr"><is><t xml:space="preserve">a &amp; &lt;b&gt;</t></is></c></row></sheetData><!-- a comment with <row r="9"> in it -->`
    );
    // nothing else changed
    const strip = (x: string) =>
      x
        .replace(/<row r="(1|2|3|10)"[^>]*>[\s\S]*?<\/row>/g, "")
        .replace(/<row r="1" spans="1:4">[\s\S]*?<\/row>/, "");
    expect(strip(out)).toBe(strip(SHEET));
  });

  it("gives the same bytes whatever the chunk size (multi-byte characters split too)", async () => {
    const whole = await patched(SHEET, patches(), SHEET.length * 4);
    for (const size of [1, 2, 3, 5, 17, 64, 333])
      expect([size, await patched(SHEET, patches(), size)]).toEqual([size, whole]);
  });

  it("fills an empty sheet", async () => {
    const xml = `<worksheet xmlns="m"><sheetData/></worksheet>`;
    expect(
      await patched(xml, new Map([[0, new Map([[0, { text: "t", style: () => undefined }]])]]), 4)
    ).toBe(
      `<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">t</t></is></c></row></sheetData></worksheet>`
    );
  });
});

describe("compactText (cell texts kept as one-byte strings where they fit)", () => {
  it("never changes a text: ASCII, Latin-1, wider characters, astral characters, lone surrogates", () => {
    for (const t of ["", "Police", "Café ½ año", "Parks — Forestry", "Budget 📊", "\ud800x"])
      expect(compactText(t)).toBe(t);
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (t) => compactText(t) === t));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (t) => compactText(t) === t));
  });

  it("a shared string cut from a chunk that held an em dash reads the same as it was written", async () => {
    const xml =
      "<sst><si><t>Parks — Forestry</t></si><si><t>Street lighting</t></si><si><t>Caf\u00e9</t></si></sst>";
    const scanned = await scanStream(
      (async function* () {
        yield Buffer.from(xml, "utf8");
      })(),
      new SharedStringsScanner()
    );
    expect(scanned.strings).toEqual(["Parks — Forestry", "Street lighting", "Café"]);
  });
});
