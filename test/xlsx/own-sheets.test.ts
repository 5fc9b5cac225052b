/**
 * Never replace a sheet we did not write (issue #30), through the CLI's package port: a user's worksheet, chart
 * sheet, dialog sheet or macro sheet under a report's name is kept byte for byte, the report takes a free name
 * ("Alignment (2)") marked as ours, the summary says so, and the next run writes into the same sheets. A saved state
 * that still lists a name, after the user deleted our sheet and made one of their own under it, costs nothing.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import { serializeState, emptyState } from "../../src/core/state";
import { sheetEntries } from "../../src/xlsx/transplant";
import { ZipReader } from "../../src/xlsx/zip";
import { budgetSheet, planSheet } from "../reliability/books";
import { EXCEL, NS, PackageBuilder } from "../fixtures/xlsx-package";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "own-sheets-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const run = runCli;

const BOOKKEEPING = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
]);

/** Every entry of `before` that is not bookkeeping comes out with the same stored bytes. */
function keptEntries(before: ZipReader, after: ZipReader): string[] {
  const changed: string[] = [];
  for (const e of before.entries) {
    if (BOOKKEEPING.has(e.name)) continue;
    const o = after.entry(e.name);
    if (!o || !before.raw(e).equals(after.raw(o)) || o.crc !== e.crc) changed.push(e.name);
  }
  return changed;
}

const sheetNames = (zip: ZipReader) =>
  sheetEntries(zip.text("xl/workbook.xml") ?? "").map((s) => s.name);

const markers = (zip: ZipReader) =>
  [
    ...(zip.text("xl/workbook.xml") ?? "").matchAll(
      /<definedName name="(_BudgetAlignment_\w+)"[^>]*>([^<]*)<\/definedName>/g
    ),
  ].map((m) => `${m[1]}=${m[2].replace(/&apos;/g, "'")}`);

function everyKindBook(): PackageBuilder {
  const b = new PackageBuilder(EXCEL);
  b.sheets.push(budgetSheet(), planSheet());
  b.sheets.push({ name: "Timetable", values: [["Council retreat notes"], ["Keep this", 42]] });
  b.chartSheets.push({
    name: "Alignment",
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${NS.main}" xmlns:r="${NS.r}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`,
    rels: [],
  });
  b.chartSheets.push({
    name: "Review",
    kind: "dialogsheet",
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dialogsheet xmlns="${NS.main}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></dialogsheet>`,
    rels: [],
  });
  b.chartSheets.push({
    name: "Programs",
    kind: "macrosheet",
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xm:macrosheet xmlns="${NS.main}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>=RETURN()</t></is></c></row></sheetData></xm:macrosheet>`,
    rels: [],
  });
  return b;
}

test("a worksheet, chart sheet, dialog sheet and macro sheet under our names are all kept; ours take free names, twice", async () => {
  const input = path.join(dir, "every-kind.xlsx");
  await fs.writeFile(input, await everyKindBook().build());
  const before = ZipReader.open(input);
  const out1 = path.join(dir, "every-kind.aligned.xlsx");
  const r1 = await run([input, "--out", out1, "--today", "2026-11-23"]);
  expect(r1.err).toBe("");
  expect(r1.code).toBe(0);
  const first = ZipReader.open(out1);
  expect(keptEntries(before, first)).toEqual([]);
  expect(sheetNames(first)).toEqual([
    "Budget",
    "Strategic Plan",
    "Timetable",
    "Alignment",
    "Review",
    "Programs",
    "Alignment (2)",
    "Review (2)",
    "Timetable (2)",
    "Programs (2)",
    "_BudgetAlignmentState",
  ]);
  expect(markers(first).sort()).toEqual([
    "_BudgetAlignment_Alignment='Alignment (2)'!$A$1",
    "_BudgetAlignment_Programs='Programs (2)'!$A$1",
    "_BudgetAlignment_Review='Review (2)'!$A$1",
    "_BudgetAlignment_Timetable='Timetable (2)'!$A$1",
  ]);
  expect(r1.out).toContain(
    `A chart sheet named "Alignment" already exists and was not made by Budget Alignment: it is kept as it is, and the Alignment report is written to the sheet "Alignment (2)".`
  );
  expect(r1.out).toContain(`A dialog sheet named "Review" already exists`);
  expect(r1.out).toContain(`A macro sheet named "Programs" already exists`);
  expect(r1.out).toContain(
    `A sheet named "Timetable" already exists and was not made by Budget Alignment`
  );
  expect(r1.out).toContain("(sheets Alignment (2), Review (2), Timetable (2), Programs (2))");

  // The next run finds ours by the marker: the same sheets are replaced, the user's still kept, no "(3)".
  const out2 = path.join(dir, "every-kind.again.xlsx");
  const r2 = await run([out1, "--out", out2, "--today", "2026-11-23"]);
  expect(r2.code).toBe(0);
  const second = ZipReader.open(out2);
  expect(sheetNames(second)).toEqual(sheetNames(first));
  expect(keptEntries(before, second)).toEqual([]);
  expect(r2.out).toContain("(sheets Alignment (2), Review (2), Timetable (2), Programs (2))");
  expect(markers(second).sort()).toEqual(markers(first).sort());
}, 60000);

test("a saved state that lists our sheets, after the user deleted ours and made their own: theirs are kept", async () => {
  const b = new PackageBuilder(EXCEL);
  b.sheets.push(budgetSheet(), planSheet());
  b.sheets.push({ name: "Alignment", values: [["Council retreat notes"], ["Keep this", 42]] });
  b.sheets.push({
    name: "_BudgetAlignmentState",
    state: "veryHidden",
    values: serializeState({
      ...emptyState(),
      generatedSheets: ["Alignment", "Review", "Timetable", "Programs"],
    }).map((t) => [t]),
  });
  // Excel turned our marker into #REF! when our Alignment sheet was deleted.
  b.definedNames.push(
    `<definedName name="_BudgetAlignment_Alignment" hidden="1">#REF!$A$1</definedName>`
  );
  const input = path.join(dir, "state-claims.xlsx");
  await fs.writeFile(input, await b.build());
  const before = ZipReader.open(input);
  const out = path.join(dir, "state-claims.aligned.xlsx");
  const r = await run([input, "--out", out, "--today", "2026-11-23"]);
  expect(r.code).toBe(0);
  const after = ZipReader.open(out);
  const userPart = "xl/worksheets/sheet3.xml";
  expect(after.raw(after.entry(userPart)!).equals(before.raw(before.entry(userPart)!))).toBe(true);
  expect(sheetNames(after)).toContain("Alignment (2)");
  expect(markers(after)).toContain("_BudgetAlignment_Alignment='Alignment (2)'!$A$1");
  expect(markers(after).filter((m) => m.startsWith("_BudgetAlignment_Alignment="))).toHaveLength(1);
  expect(r.out).toContain(`the Alignment report is written to the sheet "Alignment (2)"`);
}, 60000);
