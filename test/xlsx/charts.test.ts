import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { FORMATS } from "../../src/core/reports/styles";
import type { ChartModel, SheetModel } from "../../src/core/types";
import { addCharts, insertDrawingElement } from "../../src/xlsx/charts";
import { XlsxPort } from "../../src/xlsx/port";
import { bareModel, load, sheetPartOf } from "./helpers";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
);

const barChart: ChartModel = {
  type: "barClustered",
  title: "Budget by priority (R&D <all>)",
  categories: { row: 4, col: 0, rows: 3, cols: 1 },
  values: { row: 4, col: 1, rows: 3, cols: 1 },
  seriesName: "Amount",
  anchor: { row: 1, col: 4, rows: 15, cols: 8 },
};
const columnChart: ChartModel = {
  ...barChart,
  type: "columnClustered",
  title: "Second",
  anchor: { row: 20, col: 4, rows: 10, cols: 6 },
};

function chartModel(name: string, charts: ChartModel[]): SheetModel {
  return bareModel(
    name,
    [
      ["Alignment"],
      [],
      [],
      ["Priority", "Amount"],
      ["Safe City", 1200000],
      ["Green & Clean", 250000.5],
      ["=Unaligned", 300000],
    ],
    {
      charts,
      tables: [{ name: "Priorities", range: { row: 3, col: 0, rows: 4, cols: 2 } }],
      numberFormats: [{ range: { row: 4, col: 1, rows: 3, cols: 1 }, format: FORMATS.currency }],
      conditionalFormats: [
        {
          type: "cellValue",
          range: { row: 4, col: 1, rows: 3, cols: 1 },
          operator: "greaterThan",
          value: 1,
          style: "flag",
        },
      ],
      print: { landscape: true, fitToWidth: true, footer: "&A" },
    }
  );
}

function wellFormed(xml: string): void {
  const errors: string[] = [];
  new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (e: string) => errors.push(e),
      fatalError: (e: string) => errors.push(e),
    },
  }).parseFromString(xml, "application/xml");
  expect(errors).toEqual([]);
}

async function text(zip: JSZip, part: string): Promise<string> {
  const f = zip.file(part);
  if (!f) throw new Error(`missing part ${part}`);
  return f.async("string");
}

function relTargets(rels: string): { id: string; type: string; target: string }[] {
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: /Id="([^"]+)"/.exec(m[0])![1],
    type: /Type="([^"]+)"/.exec(m[0])![1],
    target: /Target="([^"]+)"/.exec(m[0])![1],
  }));
}

describe("charts in the saved workbook", () => {
  it("adds chart, drawing, relationships and content types that reference the sheet's ranges", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Dept", 1]);
    const port = new XlsxPort(wb);
    await port.writeSheets([chartModel("Alignment", [barChart, columnChart])]);
    const buffer = await port.toBuffer();
    const zip = await JSZip.loadAsync(buffer);

    const sheetPart = await sheetPartOf(zip, "Alignment");
    const sheet = await text(zip, sheetPart);
    wellFormed(sheet);
    const drawingRid = /<drawing r:id="([^"]+)"\/>/.exec(sheet)![1];
    // Schema order: after the page setup and header/footer, before the table parts.
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(sheet.indexOf("<headerFooter"));
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(sheet.indexOf("<pageSetup"));
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<tableParts"));

    const sheetRels = relTargets(
      await text(zip, sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels")
    );
    const drawingRel = sheetRels.find((r) => r.id === drawingRid)!;
    expect(drawingRel.type).toMatch(/\/relationships\/drawing$/);
    expect(sheetRels.some((r) => /\/table$/.test(r.type))).toBe(true); // exceljs's table relationship kept
    const drawingPart = `xl/drawings/${drawingRel.target.split("/").pop()}`;
    const drawing = await text(zip, drawingPart);
    wellFormed(drawing);
    expect(drawing.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    expect(drawing).toContain(
      "<xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>"
    );
    expect(drawing).toContain(
      "<xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row>"
    );

    const drawingRels = relTargets(
      await text(zip, drawingPart.replace("drawings/", "drawings/_rels/") + ".rels")
    );
    expect(drawingRels).toHaveLength(2);
    const chartParts = drawingRels.map((r) => {
      expect(r.type).toMatch(/\/relationships\/chart$/);
      expect(drawing).toContain(`r:id="${r.id}"`);
      return `xl/charts/${r.target.split("/").pop()}`;
    });
    const [bar, col] = await Promise.all(chartParts.map((p) => text(zip, p)));
    wellFormed(bar);
    wellFormed(col);
    expect(bar).toContain('<c:barDir val="bar"/>');
    expect(col).toContain('<c:barDir val="col"/>');
    expect(bar).toContain('<c:grouping val="clustered"/>');
    expect(bar).toContain("<c:f>&apos;Alignment&apos;!$A$5:$A$7</c:f>");
    expect(bar).toContain("<c:f>&apos;Alignment&apos;!$B$5:$B$7</c:f>");
    expect(bar).toContain("<a:t>Budget by priority (R&amp;D &lt;all&gt;)</a:t>");
    expect(bar.match(/<c:ser>/g)).toHaveLength(1);
    // Caches hold the sheet's values.
    expect(bar).toContain('<c:pt idx="1"><c:v>Green &amp; Clean</c:v></c:pt>');
    expect(bar).toContain('<c:pt idx="2"><c:v>=Unaligned</c:v></c:pt>');
    expect(bar).toContain('<c:pt idx="1"><c:v>250000.5</c:v></c:pt>');
    // Amounts keep the sheet's currency format in the cache and on the value axis.
    const currency = FORMATS.currency.replace(/"/g, "&quot;");
    expect(bar).toContain(`<c:formatCode>${currency}</c:formatCode>`);
    expect(bar).toContain(
      `<c:numFmt formatCode="${currency}" sourceLinked="1"/></c:valAx>`.replace("</c:valAx>", "")
    );

    const types = await text(zip, "[Content_Types].xml");
    wellFormed(types);
    for (const p of chartParts)
      expect(types).toContain(
        `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
      );
    expect(types).toContain(
      `PartName="/${drawingPart}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"`
    );

    // The file still loads, and the sheet reads back as written.
    const back = await load(buffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(["Budget", "Alignment"]);
    expect(back.getWorksheet("Alignment")!.getCell("A6").value).toBe("Green & Clean");
    const port2 = await XlsxPort.fromBuffer(buffer);
    expect((await port2.readSheets(["Alignment"]))[0].values[4]).toEqual(["Safe City", 1200000]);
  });

  it("shares the drawing exceljs wrote for pictures, on the chart's sheet and on others", async () => {
    const wb = new ExcelJS.Workbook();
    const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
    wb.addWorksheet("Logo").addImage(image, {
      tl: { col: 0, row: 0 },
      ext: { width: 20, height: 20 },
    });
    const port = new XlsxPort(wb);
    await port.writeSheets([chartModel("Alignment", [barChart])]);
    wb.getWorksheet("Alignment")!.addImage(image, {
      tl: { col: 3, row: 0 },
      ext: { width: 20, height: 20 },
    });
    const buffer = await port.toBuffer();
    const zip = await JSZip.loadAsync(buffer);
    const sheetPart = await sheetPartOf(zip, "Alignment");
    const sheet = await text(zip, sheetPart);
    expect(sheet.match(/<drawing /g)).toHaveLength(1);
    const rid = /<drawing r:id="([^"]+)"\/>/.exec(sheet)![1];
    const rel = relTargets(
      await text(zip, sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels")
    ).find((r) => r.id === rid)!;
    const drawingPart = `xl/drawings/${rel.target.split("/").pop()}`;
    const drawing = await text(zip, drawingPart);
    wellFormed(drawing);
    expect(drawing).toContain("<xdr:pic>");
    expect(drawing).toContain("<c:chart ");
    const ids = [...drawing.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const drawingRels = relTargets(
      await text(zip, drawingPart.replace("drawings/", "drawings/_rels/") + ".rels")
    );
    expect(drawingRels.map((r) => r.type.split("/").pop()).sort()).toEqual(["chart", "image"]);
    expect(new Set(drawingRels.map((r) => r.id)).size).toBe(2);
    // The other sheet's picture drawing is untouched and the file loads with both pictures.
    const back = await load(buffer);
    expect(back.getWorksheet("Logo")!.getImages()).toHaveLength(1);
    expect(back.getWorksheet("Alignment")!.getImages()).toHaveLength(1);
  });

  it("quotes sheet names with spaces and apostrophes in references", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    await port.writeSheets([chartModel("Mayor's Summary", [barChart])]);
    const zip = await JSZip.loadAsync(await port.toBuffer());
    const chart = await text(zip, "xl/charts/chart1.xml");
    expect(chart).toContain("<c:f>&apos;Mayor&apos;&apos;s Summary&apos;!$A$5:$A$7</c:f>");
  });

  it("keeps one chart per model through regeneration (no duplicates, no dangling parts)", async () => {
    const port = new XlsxPort(new ExcelJS.Workbook());
    await port.writeSheets([chartModel("Alignment", [barChart])]);
    const again = await XlsxPort.fromBuffer(await port.toBuffer());
    await again.writeSheets([chartModel("Alignment", [barChart])]);
    const buffer = await again.toBuffer();
    const zip = await JSZip.loadAsync(buffer);
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(1);
    const types = await text(zip, "[Content_Types].xml");
    expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(1);
    await load(buffer);
  });

  it("returns the file unchanged when there are no charts, and names a missing sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A");
    const raw = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await addCharts(raw, [])).toBe(raw);
    await expect(addCharts(raw, [{ sheetName: "Nope", charts: [barChart] }])).rejects.toThrow(
      'no sheet named "Nope"'
    );
  });

  it("places <drawing> before legacy drawings, table parts and extLst, after everything before it", () => {
    const sheet =
      '<worksheet xmlns="x" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData/>' +
      '<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><extLst><ext/></extLst></cfRule></conditionalFormatting>' +
      '<pageMargins left="0.7"/><headerFooter><oddFooter>&amp;A</oddFooter></headerFooter><legacyDrawing r:id="rId1"/>' +
      '<tableParts count="1"><tablePart r:id="rId2"/></tableParts><extLst/></worksheet>';
    const out = insertDrawingElement(sheet, "rId9");
    expect(out).toContain('</headerFooter><drawing r:id="rId9"/><legacyDrawing');
    const bare = insertDrawingElement('<worksheet xmlns="x"><sheetData/></worksheet>', "rId1");
    expect(bare).toBe(
      '<worksheet xmlns="x"><sheetData/><drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>'
    );
  });
});

describe("a chart with a second series (the Programs sheet's current vs what-if)", () => {
  it("writes one <c:ser> per series over the same categories, each with its cached values, and a legend", async () => {
    const { chartXml } = await import("../../src/xlsx/charts");
    const chart: ChartModel = {
      type: "barClustered",
      title: "Budget by priority: current and what-if",
      categories: { row: 1, col: 0, rows: 2, cols: 1 },
      values: { row: 1, col: 4, rows: 2, cols: 1 },
      seriesName: "Current",
      moreSeries: [{ name: "What-if", values: { row: 1, col: 5, rows: 2, cols: 1 } }],
      anchor: { row: 5, col: 0, rows: 10, cols: 6 },
    };
    const xml = chartXml("Programs", chart, ["P1", "P2"], [100, 200], "General", [[90, 210]]);
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const ser = doc.getElementsByTagName("c:ser");
    expect(ser.length).toBe(2);
    const refs = Array.from(
      { length: 2 },
      (_, i) => ser[i].getElementsByTagName("c:val")[0].getElementsByTagName("c:f")[0].textContent
    );
    expect(refs).toEqual(["'Programs'!$E$2:$E$3", "'Programs'!$F$2:$F$3"]);
    expect(ser[1].getElementsByTagName("c:v")[0].textContent).toBe("What-if");
    expect(xml).toContain('<c:pt idx="1"><c:v>210</c:v></c:pt>');
    expect(doc.getElementsByTagName("c:legend").length).toBe(1);
  });
});
