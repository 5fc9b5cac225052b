/**
 * The CLI keeps the user's file and adds only our parts (issue #17).
 *
 * Workbooks holding charts, a chart sheet, a pivot table (cache, records and table parts), a picture, comments,
 * conditional formats, data validation, defined names, hidden and very hidden sheets, an autofilter, an external
 * link and (as .xlsm) a VBA project go through `budget-align`, twice. Every zip entry we did not mean to change must
 * come out as the same stored bytes (same CRC, same compressed data); the ones we change (workbook.xml, its
 * relationships, [Content_Types].xml, styles.xml) must keep every element of the user's; and LibreOffice must open
 * and convert every output. Workbooks as openpyxl, LibreOffice / Google Sheets and the Open XML SDK write them are
 * read and written too.
 */
import { execFileSync, spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import { defaultOutPath } from "../../src/cli/run";
import type { CellValue } from "../../src/core/types";
import { PackagePort } from "../../src/xlsx/package-port";
import { parseRels, relsPathOf, resolvePart } from "../../src/xlsx/package";
import { sheetEntries } from "../../src/xlsx/transplant";
import { ZipReader } from "../../src/xlsx/zip";
import { budgetSheet, planSheet } from "../reliability/books";
import {
  chartFrame,
  chartXml,
  CT,
  drawingXml,
  EXCEL,
  NS,
  PackageBuilder,
  picture,
  PNG,
  relsFor,
  type Flavour,
} from "../fixtures/xlsx-package";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "fidelity-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const run = runCli;

const GENERATED = ["Alignment", "Review", "Timetable", "Programs", "_BudgetAlignmentState"];
/** The parts the writer rewrites on every run (the package's bookkeeping). */
const BOOKKEEPING = [
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
];

/** A workbook with one of everything a city's workbook may hold. */
function everythingBook(macros: boolean): PackageBuilder {
  const b = new PackageBuilder({ ...EXCEL, macros });
  const budget = budgetSheet();
  b.sheets.push({
    ...budget,
    after:
      `<autoFilter ref="A3:F15"/>` +
      `<conditionalFormatting sqref="E4:E15"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>1000000</formula></cfRule></conditionalFormatting>` +
      `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" sqref="F4:F15"><formula1>"G1.1,G1.2,G2.1"</formula1></dataValidation></dataValidations>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/>`,
    rels: [
      { id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" },
      { id: "rId2", type: "vmlDrawing", target: "../drawings/vmlDrawing1.vml" },
      { id: "rId3", type: "comments", target: "../comments1.xml" },
    ],
  });
  b.sheets.push(planSheet());
  b.sheets.push({
    name: "Pivot",
    values: [["Department", "Lines"]],
    extraCells: { 0: `<c r="C1"><f>1+1</f><v>2</v></c>` },
    rels: [{ id: "rId1", type: "pivotTable", target: "../pivotTables/pivotTable1.xml" }],
  });
  b.sheets.push({ name: "Hidden notes", values: [["kept hidden"]], state: "hidden" });
  b.sheets.push({ name: "Secret", values: [["kept very hidden"]], state: "veryHidden" });
  b.chartSheets.push({
    name: "Dept Chart",
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${NS.main}" xmlns:r="${NS.r}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
    rels: [{ id: "rId1", type: "drawing", target: "../drawings/drawing2.xml" }],
  });
  b.defaults.set("png", "image/png");
  b.defaults.set("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
  b.part(
    "xl/drawings/drawing1.xml",
    drawingXml([
      { from: [7, 2], to: [9, 6], inner: picture(2, "rId1") },
      { from: [7, 8], to: [14, 22], inner: chartFrame(3, "rId2") },
    ]),
    CT.drawing
  )
    .part(
      "xl/drawings/_rels/drawing1.xml.rels",
      relsFor([
        { id: "rId1", type: "image", target: "../media/image1.png" },
        { id: "rId2", type: "chart", target: "../charts/chart1.xml" },
      ])
    )
    .part("xl/media/image1.png", PNG)
    .part("xl/charts/chart1.xml", chartXml("Budget!$E$4:$E$15", "Amounts"), CT.chart)
    .part(
      "xl/drawings/drawing2.xml",
      drawingXml([{ from: [0, 0], to: [10, 20], inner: chartFrame(2, "rId1") }]),
      CT.drawing
    )
    .part(
      "xl/drawings/_rels/drawing2.xml.rels",
      relsFor([{ id: "rId1", type: "chart", target: "../charts/chart2.xml" }])
    )
    .part("xl/charts/chart2.xml", chartXml("Budget!$E$4:$E$9", "By department"), CT.chart)
    .part(
      "xl/comments1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors><author>Finance</author></authors><commentList><comment ref="D4" authorId="0"><text><r><t>Check with the fire chief</t></r></text></comment></commentList></comments>`,
      CT.comments
    )
    .part(
      "xl/drawings/vmlDrawing1.vml",
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
        `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
        `<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><v:textbox/>` +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>4, 15, 3, 10, 6, 15, 7, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>3</x:Row><x:Column>3</x:Column></x:ClientData></v:shape></xml>`
    )
    .part(
      "xl/pivotCache/pivotCacheDefinition1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${NS.main}" xmlns:r="${NS.r}" r:id="rId1" refreshOnLoad="1" recordCount="4" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3">` +
        `<cacheSource type="worksheet"><worksheetSource ref="A3:A7" sheet="Budget"/></cacheSource>` +
        `<cacheFields count="1"><cacheField name="Department" numFmtId="0"><sharedItems count="2"><s v="Fire"/><s v="Police"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
      CT.pivotCache
    )
    .part(
      "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels",
      relsFor([{ id: "rId1", type: "pivotCacheRecords", target: "pivotCacheRecords1.xml" }])
    )
    .part(
      "xl/pivotCache/pivotCacheRecords1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="${NS.main}" count="4"><r><x v="0"/></r><r><x v="0"/></r><r><x v="0"/></r><r><x v="1"/></r></pivotCacheRecords>`,
      CT.pivotRecords
    )
    .part(
      "xl/pivotTables/pivotTable1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${NS.main}" name="PivotTable1" cacheId="1" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" minRefreshableVersion="3" createdVersion="6" indent="0" outline="1" outlineData="1">` +
        `<location ref="A3:A6" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/>` +
        `<pivotFields count="1"><pivotField axis="axisRow" showAll="0"><items count="3"><item x="0"/><item x="1"/><item t="default"/></items></pivotField></pivotFields>` +
        `<rowFields count="1"><field x="0"/></rowFields><rowItems count="3"><i><x/></i><i><x v="1"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems></pivotTableDefinition>`,
      CT.pivotTable
    )
    .part(
      "xl/pivotTables/_rels/pivotTable1.xml.rels",
      relsFor([
        {
          id: "rId1",
          type: "pivotCacheDefinition",
          target: "../pivotCache/pivotCacheDefinition1.xml",
        },
      ])
    )
    .part(
      "xl/externalLinks/externalLink1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${NS.main}" xmlns:r="${NS.r}"><externalBook r:id="rId1"><sheetNames><sheetName val="Rates"/></sheetNames><sheetDataSet><sheetData sheetId="0"/></sheetDataSet></externalBook></externalLink>`,
      CT.externalLink
    )
    .part(
      "xl/externalLinks/_rels/externalLink1.xml.rels",
      relsFor([
        {
          id: "rId1",
          type: "externalLinkPath",
          target: "file:///C:/Finance/rates.xlsx",
          external: true,
        },
      ])
    )
    .part(
      "xl/calcChain.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${NS.main}"><c r="C1" i="3"/></calcChain>`,
      CT.calcChain
    );
  b.workbookRels.push(
    { id: "rId90", type: "pivotCacheDefinition", target: "pivotCache/pivotCacheDefinition1.xml" },
    { id: "rId91", type: "externalLink", target: "externalLinks/externalLink1.xml" },
    { id: "rId92", type: "calcChain", target: "calcChain.xml" }
  );
  b.beforeNames = `<externalReferences><externalReference r:id="rId91"/></externalReferences>`;
  b.definedNames.push(
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Budget!$A$3:$F$15</definedName>`,
    `<definedName name="_xlnm.Print_Area" localSheetId="1">'Strategic Plan'!$A$1:$L$20</definedName>`,
    `<definedName name="Amounts">Budget!$E$4:$E$15</definedName>`,
    `<definedName name="FireRate">[1]Rates!$A$1</definedName>`
  );
  b.afterNames = `<calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId90"/></pivotCaches>`;
  if (macros) {
    b.defaults.set("bin", "application/vnd.ms-office.vbaProject");
    // An OLE compound file's header, then bytes: the writer must carry it without looking inside.
    const vba = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)),
    ]);
    b.part("xl/vbaProject.bin", vba);
    b.workbookRels.push({
      id: "rId93",
      type: "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
      target: "vbaProject.bin",
    });
  }
  return b;
}

/** The parts a sheet owns (its rels and what they point to, recursively), by sheet name. */
function ownedParts(zip: ZipReader, names: string[]): Set<string> {
  const wbRels = parseRels(zip.text("xl/_rels/workbook.xml.rels"));
  const out = new Set<string>();
  const walk = (part: string) => {
    if (out.has(part) || !zip.has(part)) return;
    out.add(part);
    const relsName = relsPathOf(part);
    if (!zip.has(relsName)) return;
    out.add(relsName);
    const relsXml = zip.text(relsName) ?? "";
    for (const r of parseRels(relsXml)) {
      if (new RegExp(`Id="${r.id}"[^>]*TargetMode="External"`).test(relsXml)) continue;
      walk(resolvePart(part, r.target));
    }
  };
  for (const s of sheetEntries(zip.text("xl/workbook.xml") ?? "")) {
    if (!names.includes(s.name)) continue;
    const rel = wbRels.find((r) => r.id === s.rId);
    if (rel) walk(resolvePart("xl/workbook.xml", rel.target));
  }
  return out;
}

/** Entries of `before` that are not in `after` as the same stored bytes. */
function changedEntries(before: ZipReader, after: ZipReader, allowed: Set<string>): string[] {
  const changed: string[] = [];
  for (const e of before.entries) {
    if (allowed.has(e.name)) continue;
    const o = after.entry(e.name);
    if (!o) changed.push(`${e.name} (missing)`);
    else if (o.crc !== e.crc || o.method !== e.method || !after.raw(o).equals(before.raw(e)))
      changed.push(e.name);
  }
  return changed;
}

/** Every element of the user's list (sheets, defined names, …) is still in the rewritten part, verbatim. */
function keptElements(before: string, after: string, re: RegExp): string[] {
  return [...before.matchAll(re)].map((m) => m[0]).filter((el) => !after.includes(el));
}

const converted: { file: string; mustShow: string[] }[] = [];
/** Text of the user's Budget sheet and of our three sheets, as LibreOffice prints them. */
const PRINTED = [
  "City of Test — Proposed Budget FY 2026-27",
  "Budget Alignment — Test City Strategic Plan",
  "Budget Alignment — Review of programs",
  "Budget Alignment — Timetable: Test City Strategic Plan",
];

describe.each([
  ["an .xlsx", false],
  ["an .xlsm with a VBA project", true],
])("%s with charts, a chart sheet, a pivot table, pictures, comments, links…", (_label, macros) => {
  const ext = macros ? "xlsm" : "xlsx";
  let input: string;
  let once: string;
  let twice: string;

  beforeAll(async () => {
    input = path.join(dir, `everything.${ext}`);
    once = path.join(dir, `everything.once.${ext}`);
    twice = path.join(dir, `everything.twice.${ext}`);
    await fs.writeFile(input, await everythingBook(macros).build());
  });

  it("runs, and says nothing about parts left out", async () => {
    const original = await fs.readFile(input);
    const r = await run([input, "--out", once, "--today", "2026-01-15"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Read 12 budget lines");
    expect(r.out).not.toMatch(/not in the copy|cannot copy/i);
    expect((await fs.readFile(input)).equals(original)).toBe(true);
    // "Total Result": LibreOffice's grand total row of the user's pivot table
    converted.push({ file: once, mustShow: [...PRINTED, "Total Result"] });
  }, 60000);

  it("copies every entry it did not mean to change as the same stored bytes", async () => {
    const before = ZipReader.fromBuffer(await fs.readFile(input));
    const after = ZipReader.fromBuffer(await fs.readFile(once));
    expect(changedEntries(before, after, new Set(BOOKKEEPING))).toEqual([]);
    // The entries only we write: our sheets, their tables, drawings and charts.
    const ours = ownedParts(after, GENERATED);
    const added = after.entries.map((e) => e.name).filter((n) => !before.has(n));
    expect(added.filter((n) => !ours.has(n))).toEqual([]);
    expect(added.some((n) => /^xl\/tables\//.test(n))).toBe(true);
    expect(added.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    // The calculation chain is kept while no cell of the user's changes.
    expect(after.has("xl/calcChain.xml")).toBe(true);
  });

  it("keeps every sheet, defined name, pivot cache, external link and content type of the user's", async () => {
    const before = ZipReader.fromBuffer(await fs.readFile(input));
    const after = ZipReader.fromBuffer(await fs.readFile(once));
    const wbBefore = before.text("xl/workbook.xml")!;
    const wbAfter = after.text("xl/workbook.xml")!;
    expect(keptElements(wbBefore, wbAfter, /<sheet\b[^>]*\/>/g)).toEqual([]);
    expect(keptElements(wbBefore, wbAfter, /<definedName\b[^>]*>[^<]*<\/definedName>/g)).toEqual(
      []
    );
    expect(
      keptElements(
        wbBefore,
        wbAfter,
        /<(externalReferences|pivotCaches|calcPr)\b[\s\S]*?(<\/\1>|\/>)/g
      )
    ).toEqual([]);
    expect(sheetEntries(wbAfter).map((s) => [s.name, s.state ?? "visible"])).toEqual([
      ["Budget", "visible"],
      ["Strategic Plan", "visible"],
      ["Pivot", "visible"],
      ["Hidden notes", "hidden"],
      ["Secret", "veryHidden"],
      ["Dept Chart", "visible"],
      ["Alignment", "visible"],
      ["Review", "visible"],
      ["Timetable", "visible"],
      ["Programs", "visible"],
      ["_BudgetAlignmentState", "veryHidden"],
    ]);
    // print titles of our sheets point at the right tab
    const alignmentAt = sheetEntries(wbAfter).findIndex((s) => s.name === "Alignment");
    expect(wbAfter).toMatch(
      new RegExp(`localSheetId="${alignmentAt}">(&apos;|')?Alignment(&apos;|')?!`)
    );
    expect(
      keptElements(
        before.text("xl/_rels/workbook.xml.rels")!,
        after.text("xl/_rels/workbook.xml.rels")!,
        /<Relationship\b[^>]*\/>/g
      )
    ).toEqual([]);
    expect(
      keptElements(
        before.text("[Content_Types].xml")!,
        after.text("[Content_Types].xml")!,
        /<(Default|Override)\b[^>]*\/>/g
      )
    ).toEqual([]);
    if (macros) expect(after.text("[Content_Types].xml")).toContain(CT.workbookMacro);
    // styles: the user's come first, unchanged, ours after them
    const sBefore = before.text("xl/styles.xml")!;
    const sAfter = after.text("xl/styles.xml")!;
    for (const tag of ["fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      const inner = (xml: string) => new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml)![1];
      expect(inner(sAfter).startsWith(inner(sBefore))).toBe(true);
      expect(inner(sAfter).length).toBeGreaterThan(inner(sBefore).length);
    }
  });

  it("runs again on its own output: replaces our sheets, drops the calculation chain, keeps the rest", async () => {
    const r = await run([once, "--out", twice, "--today", "2026-01-16"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const before = ZipReader.fromBuffer(await fs.readFile(once));
    const after = ZipReader.fromBuffer(await fs.readFile(twice));
    const oursBefore = ownedParts(before, GENERATED);
    const oursAfter = ownedParts(after, GENERATED);
    // workbook.xml and styles.xml too come out as stored: same tabs, and our styles are all there already
    const allowed = new Set([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/calcChain.xml",
      ...oursBefore,
      ...oursAfter,
    ]);
    expect(changedEntries(before, after, allowed)).toEqual([]);
    // nothing of the first run's sheets is left behind, nothing is added beside ours
    expect(
      after.entries.map((e) => e.name).filter((n) => !before.has(n) && !oursAfter.has(n))
    ).toEqual([]);
    expect(
      before.entries.map((e) => e.name).filter((n) => !after.has(n) && !oursBefore.has(n))
    ).toEqual(["xl/calcChain.xml"]);
    expect(after.text("xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(after.text("[Content_Types].xml")).not.toContain("calcChain");
    expect([...oursAfter].filter((p) => /^xl\/tables\//.test(p)).length).toBe(
      [...oursBefore].filter((p) => /^xl\/tables\//.test(p)).length
    );
    converted.push({ file: twice, mustShow: [...PRINTED, "Total Result"] });
  }, 60000);
});

it("a macro-enabled workbook is written only under .xlsm (Excel refuses a macro package named .xlsx)", async () => {
  const input = path.join(dir, "macros.xlsm");
  await fs.writeFile(input, await everythingBook(true).build());
  const r = await run([input, "--out", path.join(dir, "macros.aligned.xlsx")]);
  expect([r.code, r.err.trim()]).toEqual([
    1,
    "budget-align: macros.xlsm: macros.xlsm holds macros: give --out a name ending in .xlsm, so Excel opens it.",
  ]);
  expect(defaultOutPath(input)).toBe(path.join("out", "macros.aligned.xlsm"));
});

// ---------------------------------------------------------------------------------------------
// Workbooks written by other programs
// ---------------------------------------------------------------------------------------------

const FLAVOURS: [string, Flavour, (b: PackageBuilder) => void][] = [
  [
    "openpyxl (absolute part paths; a table, notes and a chart, which exceljs refused)",
    { ...EXCEL, absolute: true },
    (b) => {
      const budget = b.sheets[0];
      budget.after = `<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId3"/></tableParts>`;
      budget.rels = [
        { id: "rId1", type: "drawing", target: "/xl/drawings/drawing1.xml" },
        { id: "rId2", type: "vmlDrawing", target: "/xl/drawings/commentsDrawing1.vml" },
        { id: "rId3", type: "table", target: "/xl/tables/table1.xml" },
        { id: "rId4", type: "comments", target: "/xl/comments/comment1.xml" },
      ];
      b.defaults.set("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing");
      b.part(
        "xl/drawings/drawing1.xml",
        drawingXml([{ from: [8, 2], to: [14, 16], inner: chartFrame(1, "rId1") }]),
        CT.drawing
      )
        .part(
          "xl/drawings/_rels/drawing1.xml.rels",
          relsFor([{ id: "rId1", type: "chart", target: "/xl/charts/chart1.xml" }])
        )
        .part("xl/charts/chart1.xml", chartXml("'Budget'!$E$4:$E$15", "Amounts"), CT.chart)
        .part(
          "xl/tables/table1.xml",
          `<table xmlns="${NS.main}" id="1" name="Lines" displayName="Lines" ref="A3:F15"><autoFilter ref="A3:F15"/><tableColumns count="6">` +
            ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed", "Goal"]
              .map((n, i) => `<tableColumn id="${i + 1}" name="${n}"/>`)
              .join("") +
            `</tableColumns><tableStyleInfo name="TableStyleMedium9" showRowStripes="1"/></table>`,
          CT.table
        )
        .part(
          "xl/comments/comment1.xml",
          `<comments xmlns="${NS.main}"><authors><author>openpyxl</author></authors><commentList><comment ref="D5" authorId="0"><text><t>fuel estimate</t></text></comment></commentList></comments>`,
          CT.comments
        )
        .part(
          "xl/drawings/commentsDrawing1.vml",
          `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>4</x:Row><x:Column>3</x:Column></x:ClientData></v:shape></xml>`
        );
    },
  ],
  [
    "LibreOffice / Google Sheets export style (inline strings, no shared strings part, no docProps)",
    { ...EXCEL, strings: "inline", docProps: false },
    () => undefined,
  ],
  [
    "a minimal package (no styles part, no docProps, inline strings)",
    { ...EXCEL, strings: "inline", styles: false, docProps: false },
    () => undefined,
  ],
  [
    "the Open XML SDK style (x: prefixed elements, rows and cells without addresses)",
    { ...EXCEL, prefix: "x:", noRefs: true },
    () => undefined,
  ],
];

describe.each(FLAVOURS)("a workbook as %s", (label, flavour, extend) => {
  it("is read and written: the same lines, our sheets added, its own parts kept", async () => {
    const b = new PackageBuilder(flavour);
    b.sheets.push(budgetSheet(), planSheet());
    extend(b);
    const slug = label.replace(/\W+/g, "-").slice(0, 40);
    const input = path.join(dir, `${slug}.xlsx`);
    const out = path.join(dir, `${slug}.aligned.xlsx`);
    await fs.writeFile(input, await b.build());
    const r = await run([input, "--out", out, "--today", "2026-01-15"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Read 12 budget lines");
    expect(r.out).toContain("Total budget: $5,388,000.");
    const before = ZipReader.fromBuffer(await fs.readFile(input));
    const after = ZipReader.fromBuffer(await fs.readFile(out));
    expect(changedEntries(before, after, new Set(BOOKKEEPING))).toEqual([]);
    const port = await PackagePort.open(out);
    expect((await port.listSheets()).map((s) => s.name)).toEqual([
      "Budget",
      "Strategic Plan",
      "Alignment",
      "Review",
      "Timetable",
      "Programs",
      "_BudgetAlignmentState",
    ]);
    const [budget] = await port.readSheets(["Budget"]);
    const expected: CellValue[][] = budgetSheet().values.map((row) => {
      const dense = [...row];
      while (dense.length < 6) dense.push("");
      return dense;
    });
    expect(budget.values).toEqual(expected);
    expect((await port.readState()).generatedSheets).toEqual([
      "Alignment",
      "Review",
      "Timetable",
      "Programs",
    ]);
    converted.push({ file: out, mustShow: PRINTED });
  }, 60000);
});

// ---------------------------------------------------------------------------------------------
// LibreOffice opens and converts every output
// ---------------------------------------------------------------------------------------------

function soffice(): string | null {
  for (const bin of ["soffice", "libreoffice"]) {
    const r = spawnSync("which", [bin], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

describe("LibreOffice (headless)", () => {
  it("opens every output and converts it to PDF without error, our sheets and the user's in it", async () => {
    const bin = soffice();
    // .ci/run installs libreoffice-calc (scripts/ensure-libreoffice.sh); without it this check cannot be made.
    expect(bin ?? "soffice not found: run scripts/ensure-libreoffice.sh").toMatch(
      /soffice|libreoffice/
    );
    expect(converted.length).toBe(4 + 4);
    const outDir = path.join(dir, "pdf");
    const profile = path.join(dir, "lo-profile");
    await fs.mkdir(outDir, { recursive: true });
    const res = spawnSync(
      bin!,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        ...converted.map((c) => c.file),
      ],
      { encoding: "utf8", timeout: 240000 }
    );
    expect([res.status, res.stderr.split("\n").filter((l) => /error/i.test(l))]).toEqual([0, []]);
    for (const c of converted) {
      const pdf = path.join(outDir, path.basename(c.file).replace(/\.xls[xm]$/, ".pdf"));
      const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
      for (const s of c.mustShow)
        expect([path.basename(c.file), s, text.includes(s)]).toEqual([
          path.basename(c.file),
          s,
          true,
        ]);
    }
  }, 300000);
});
