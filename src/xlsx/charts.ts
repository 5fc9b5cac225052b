/**
 * Charts for the CLI's workbooks. exceljs cannot write charts, so they are added to the saved .xlsx package:
 * for each chart a DrawingML chart part (xl/charts/chartN.xml: a clustered bar or column chart with one series
 * whose categories and values reference the sheet's cells), an anchor in the sheet's drawing part
 * (xl/drawings/drawingN.xml, shared with any pictures exceljs already put there), the relationships that tie
 * sheet → drawing → chart, the sheet's <drawing r:id> element in the place the schema's element order requires,
 * and the content-type overrides. The series caches are filled from the cells of the saved sheet, so a viewer
 * that does not recalculate still shows the numbers; Excel and LibreOffice read the references.
 */
import JSZip from "jszip";
import type { ChartModel, RangeRef } from "../core/types";
import {
  attributes,
  nextPartNumber,
  nextRelId,
  parseRels,
  readText,
  relativeTarget,
  relsPathOf,
  renderRels,
  resolvePart,
  sheetParts,
  xmlUnescape,
} from "./package";
import { cellAddress } from "../core/a1";
import {
  anchorXml,
  chartXml,
  CT_CHART,
  CT_DRAWING,
  emptyDrawingXml,
  NS,
  REL_CHART,
  REL_DRAWING,
  type Cached,
} from "./chart-xml";

export { chartXml };

/**
 * Worksheet children that come after <drawing> in CT_Worksheet's sequence; <drawing> goes before the first of
 * them (or before </worksheet>).
 */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
/** Worksheet children that come before <drawing> and may contain nested elements named like the ones above. */
const BEFORE_DRAWING_ENDS = [
  "</sheetData>",
  "<sheetData/>",
  "</conditionalFormatting>",
  "</dataValidations>",
  "</hyperlinks>",
  "</headerFooter>",
  "</rowBreaks>",
  "</colBreaks>",
  "</ignoredErrors>",
];

// ---------------------------------------------------------------------------------------------
// Small XML helpers (the parts are machine-written: exceljs's output)
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Reading cached values from the saved sheet
// ---------------------------------------------------------------------------------------------

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    const body = (m[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
    let text = "";
    for (const t of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += xmlUnescape(t[1]);
    out.push(text);
  }
  return out;
}

/**
 * Values of the wanted cells (A1 addresses) as the sheet part stores them. Each cell is found by its start tag
 * (`<c r="B7"`, as exceljs writes it), so a large sheet is not scanned cell by cell; a cell not in the part is blank.
 */
function cellValues(
  sheetXml: string,
  wanted: Set<string>,
  strings: string[],
  styleIds?: Map<string, number>
): Map<string, Cached> {
  const out = new Map<string, Cached>();
  for (const address of wanted) {
    const at = sheetXml.indexOf(`<c r="${address}"`);
    if (at < 0) continue;
    const close = sheetXml.indexOf("</c>", at);
    const m = /^<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/.exec(
      sheetXml.slice(at, close < 0 ? undefined : close + 4)
    );
    if (!m) continue;
    const a = attributes(m[1]);
    if (styleIds && a.s) styleIds.set(address, Number(a.s));
    const body = m[2] ?? "";
    const v = /<v>([\s\S]*?)<\/v>/.exec(body);
    if (a.t === "s" && v) out.set(address, strings[Number(v[1])] ?? "");
    else if (a.t === "inlineStr") {
      let text = "";
      for (const t of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += xmlUnescape(t[1]);
      out.set(address, text);
    } else if (a.t === "str" || a.t === "e") {
      if (v) out.set(address, xmlUnescape(v[1]));
    } else if (a.t === "b") {
      if (v) out.set(address, v[1] === "1" ? "TRUE" : "FALSE");
    } else if (v) {
      const n = Number(v[1]);
      out.set(address, Number.isFinite(n) ? n : xmlUnescape(v[1]));
    }
  }
  return out;
}

/** Built-in number formats Excel does not spell out in styles.xml (the ones reports use). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  49: "@",
};

/** Number format code of each cell format (cellXfs index), from styles.xml. */
function cellFormats(stylesXml: string | null): string[] {
  if (!stylesXml) return [];
  const codes = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    codes.set(Number(a.numFmtId), a.formatCode);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!xfs) return [];
  return [...xfs[1].matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).numFmtId ?? 0);
    return codes.get(id) ?? BUILTIN_FORMATS[id] ?? "General";
  });
}

function addressesOf(r: RangeRef): string[] {
  const out: string[] = [];
  for (let row = r.row; row < r.row + Math.max(1, r.rows); row++)
    for (let col = r.col; col < r.col + Math.max(1, r.cols); col++) out.push(cellAddress(row, col));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parts
// ---------------------------------------------------------------------------------------------

/** The sheet part with a <drawing r:id> element where CT_Worksheet's sequence puts it. */
export function insertDrawingElement(sheetXml: string, relId: string): string {
  const rootEnd = sheetXml.indexOf(">", sheetXml.indexOf("<worksheet"));
  const root = sheetXml.slice(sheetXml.indexOf("<worksheet"), rootEnd);
  const rPrefix =
    /xmlns:r\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships["']/.test(
      root
    );
  const element = rPrefix
    ? `<drawing r:id="${relId}"/>`
    : `<drawing xmlns:r="${NS.r}" r:id="${relId}"/>`;
  let from = rootEnd;
  for (const end of BEFORE_DRAWING_ENDS) {
    const i = sheetXml.lastIndexOf(end);
    if (i >= 0) from = Math.max(from, i + end.length);
  }
  for (const tag of ["<pageMargins", "<pageSetup", "<printOptions"]) {
    const i = sheetXml.lastIndexOf(tag);
    if (i >= 0) from = Math.max(from, sheetXml.indexOf(">", i) + 1);
  }
  let at = sheetXml.lastIndexOf("</worksheet>");
  for (const tag of AFTER_DRAWING) {
    const re = new RegExp(`<${tag}[\\s/>]`, "g");
    re.lastIndex = from;
    const m = re.exec(sheetXml);
    if (m && m.index < at) at = m.index;
  }
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

function addOverride(contentTypes: string, partName: string, type: string): string {
  if (contentTypes.includes(`PartName="${partName}"`)) return contentTypes;
  return contentTypes.replace(
    "</Types>",
    () => `<Override PartName="${partName}" ContentType="${type}"/></Types>`
  );
}

// ---------------------------------------------------------------------------------------------
// The entry point
// ---------------------------------------------------------------------------------------------

/** Adds the charts to the named sheets of a saved .xlsx and returns the new file. */
export async function addCharts(
  xlsx: Buffer,
  charts: { sheetName: string; charts: ChartModel[] }[]
): Promise<Buffer> {
  const todo = charts.filter((c) => c.charts.length);
  if (!todo.length) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  let contentTypes = await readText(zip, "[Content_Types].xml");
  if (!zip.file("xl/workbook.xml") || !contentTypes)
    throw new Error("The saved workbook has no workbook part; the charts could not be added.");

  const sheetPartOf = new Map(
    (await sheetParts(zip)).map((s) => [s.name.toLowerCase(), s.part] as const)
  );
  const strings = sharedStrings(await readText(zip, "xl/sharedStrings.xml"));
  const formats = cellFormats(await readText(zip, "xl/styles.xml"));
  let nextChart = nextPartNumber(zip, "xl/charts", "chart");
  let nextDrawing = nextPartNumber(zip, "xl/drawings", "drawing");

  for (const { sheetName, charts: list } of todo) {
    const sheetPart = sheetPartOf.get(sheetName.toLowerCase());
    if (!sheetPart)
      throw new Error(
        `The chart could not be added: there is no sheet named "${sheetName}" in the saved workbook.`
      );
    let sheetXml = (await readText(zip, sheetPart)) ?? "";
    const sheetRelsPath = relsPathOf(sheetPart);
    const sheetRels = parseRels(await readText(zip, sheetRelsPath));

    // The sheet's drawing: the one exceljs wrote (pictures) or a new one.
    let drawingPart: string;
    const existing = /<drawing\b[^>]*>/.exec(sheetXml);
    const existingRel = existing
      ? sheetRels.find((r) => r.id === attributes(existing[0])["r:id"])
      : undefined;
    if (existingRel) {
      drawingPart = resolvePart(sheetPart, existingRel.target);
    } else {
      drawingPart = `xl/drawings/drawing${nextDrawing++}.xml`;
      const relId = nextRelId(sheetRels);
      sheetRels.push({
        id: relId,
        type: REL_DRAWING,
        target: relativeTarget(sheetPart, drawingPart),
      });
      sheetXml = insertDrawingElement(sheetXml, relId);
      zip.file(sheetPart, sheetXml);
      zip.file(sheetRelsPath, renderRels(sheetRels));
      zip.file(drawingPart, emptyDrawingXml());
      contentTypes = addOverride(contentTypes, `/${drawingPart}`, CT_DRAWING);
    }
    let drawingXml = (await readText(zip, drawingPart)) ?? emptyDrawingXml();
    const drawingRelsPath = relsPathOf(drawingPart);
    const drawingRels = parseRels(await readText(zip, drawingRelsPath));
    let shapeId = 1;
    for (const m of drawingXml.matchAll(/<xdr:cNvPr\b[^>]*\bid="(\d+)"/g))
      shapeId = Math.max(shapeId, Number(m[1]));

    // Cached values for every series, read once from the sheet.
    const wanted = new Set<string>();
    for (const c of list)
      for (const r of [c.categories, c.values, ...(c.moreSeries ?? []).map((m) => m.values)])
        for (const a of addressesOf(r)) wanted.add(a);
    const styleIds = new Map<string, number>();
    const values = cellValues(sheetXml, wanted, strings, styleIds);

    let anchors = "";
    for (const chart of list) {
      const chartPart = `xl/charts/chart${nextChart++}.xml`;
      const cats = addressesOf(chart.categories).map((a) => values.get(a));
      const vals = addressesOf(chart.values).map((a) => values.get(a));
      const firstValue = addressesOf(chart.values).find((a) => typeof values.get(a) === "number");
      const styleId = firstValue !== undefined ? styleIds.get(firstValue) : undefined;
      const valueFormat = styleId !== undefined ? (formats[styleId] ?? "General") : "General";
      const more = (chart.moreSeries ?? []).map((m) =>
        addressesOf(m.values).map((a) => values.get(a))
      );
      zip.file(chartPart, chartXml(sheetName, chart, cats, vals, valueFormat, more));
      contentTypes = addOverride(contentTypes, `/${chartPart}`, CT_CHART);
      const relId = nextRelId(drawingRels);
      drawingRels.push({
        id: relId,
        type: REL_CHART,
        target: relativeTarget(drawingPart, chartPart),
      });
      anchors += anchorXml(chart, ++shapeId, relId);
    }
    drawingXml = drawingXml.includes("</xdr:wsDr>")
      ? drawingXml.replace("</xdr:wsDr>", () => `${anchors}</xdr:wsDr>`)
      : drawingXml.replace(
          /<xdr:wsDr\b([^>]*)\/>/,
          (_, attrs: string) => `<xdr:wsDr${attrs}>${anchors}</xdr:wsDr>`
        );
    zip.file(drawingPart, drawingXml);
    zip.file(drawingRelsPath, renderRels(drawingRels));
  }
  zip.file("[Content_Types].xml", contentTypes);
  return zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
