/**
 * What a save through exceljs drops from the user's workbook (charts, chart sheets, pivot tables): found per sheet in
 * the package, so the CLI can say what its copy does not have.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { ChartModel } from "../../src/core/types";
import { addCharts } from "../../src/xlsx/charts";
import { notCarriedMessage, partsNotCarried } from "../../src/xlsx/not-carried";
import { XlsxPort } from "../../src/xlsx/port";

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const chart: ChartModel = {
  type: "columnClustered",
  title: "By fund",
  categories: { row: 1, col: 0, rows: 2, cols: 1 },
  values: { row: 1, col: 1, rows: 2, cols: 1 },
  seriesName: "Amount",
  anchor: { row: 4, col: 3, rows: 10, cols: 6 },
};

/** A workbook as a city might keep it: a budget with a pivot table, a summary with two charts, a chart sheet. */
async function cityBook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Budget").addRows([
    ["Fund", "Amount"],
    ["General", 1200000],
    ["Water", 300000],
  ]);
  wb.addWorksheet("Summary").addRows([
    ["Fund", "Amount"],
    ["General", 1200000],
    ["Water", 300000],
  ]);
  wb.addWorksheet("Notes").addRow(["Nothing drawn here"]);
  const plain = Buffer.from(await wb.xlsx.writeBuffer());
  const withCharts = await addCharts(plain, [{ sheetName: "Summary", charts: [chart, chart] }]);
  const zip = await JSZip.loadAsync(withCharts);
  // A pivot table on the budget sheet (its relationship is what ties it to the sheet).
  zip.file(
    "xl/worksheets/_rels/sheet1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId9" Type="${R}/pivotTable" Target="../pivotTables/pivotTable1.xml"/></Relationships>`
  );
  zip.file("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>");
  // A chart sheet after the others, drawn with the summary's first chart part.
  const workbookXml = (await zip.file("xl/workbook.xml")!.async("string")).replace(
    "</sheets>",
    `<sheet name="Chart &amp; trend" sheetId="9" r:id="rId99"/></sheets>`
  );
  zip.file("xl/workbook.xml", workbookXml);
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).replace(
    "</Relationships>",
    `<Relationship Id="rId99" Type="${R}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
  );
  zip.file("xl/_rels/workbook.xml.rels", rels);
  zip.file("xl/chartsheets/sheet1.xml", "<chartsheet/>");
  zip.file(
    "xl/chartsheets/_rels/sheet1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/drawing9.xml"/></Relationships>`
  );
  zip.file(
    "xl/drawings/_rels/drawing9.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/></Relationships>`
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("partsNotCarried", () => {
  test("finds, sheet by sheet in tab order, the charts, pivot tables and chart sheets", async () => {
    expect(await partsNotCarried(await cityBook())).toEqual([
      { sheet: "Budget", charts: 0, pivotTables: 1, chartSheet: false },
      { sheet: "Summary", charts: 2, pivotTables: 0, chartSheet: false },
      { sheet: "Chart & trend", charts: 1, pivotTables: 0, chartSheet: true },
    ]);
  });

  test("is right to warn: a save through exceljs has none of them", async () => {
    const port = await XlsxPort.fromBuffer(await cityBook());
    expect(await partsNotCarried(await port.toBuffer())).toEqual([]);
  });

  test("finds nothing in a plain workbook, or in bytes that are not one", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Fund", "Amount"]);
    expect(await partsNotCarried(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual([]);
    expect(await partsNotCarried(Buffer.from("not a zip"))).toEqual([]);
  });
});

describe("notCarriedMessage", () => {
  test("says in one sentence what the copy lacks, and that the original is unchanged", async () => {
    const message = notCarriedMessage(
      await partsNotCarried(await cityBook()),
      "out/city.aligned.xlsx"
    );
    expect(message).toBe(
      'Not in the copy: 1 pivot table on "Budget"; 2 charts on "Summary"; the chart sheet "Chart & trend". ' +
        "The command-line tool cannot copy charts or pivot tables, so out/city.aligned.xlsx has your sheets' " +
        "values and formatting without them. Your original file is unchanged; in Excel, the add-in keeps them."
    );
    expect(notCarriedMessage([], "x.xlsx")).toBeNull();
  });
});
