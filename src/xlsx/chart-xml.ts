/**
 * The DrawingML parts of our charts, from the chart model and the cells' values: the chart part (a clustered bar or
 * column chart whose series reference the sheet's cells, with their values cached so a viewer that does not
 * recalculate still shows them), its anchor in the sheet's drawing part, and an empty drawing part. Shared by the
 * direct package writer (generated-package.ts) and the exceljs path's chart injection (charts.ts).
 */
import type { ChartModel } from "../core/types";
import { absoluteRange } from "../core/a1";
import { quoteSheetName } from "./model-grid";
import { xmlEscape } from "./package";

/** A cell's value as a chart caches it. */
export type Cached = string | number;

export const NS = {
  rel: "http://schemas.openxmlformats.org/package/2006/relationships",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
};
export const REL_DRAWING = `${NS.r}/drawing`;
export const REL_CHART = `${NS.r}/chart`;
export const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
/** The chart colour: the reports' accent blue (src/core/reports/styles.ts COLORS.accent). */
const SERIES_COLOR = "1F4E79";
/** Colours of a chart's series in order: the accent blue, then a green that prints distinctly in grey. */
const SERIES_COLORS = [SERIES_COLOR, "A9D18E"];

function strCache(points: (Cached | undefined)[]): string {
  const pts = points
    .map((v, i) =>
      v === undefined || v === ""
        ? ""
        : `<c:pt idx="${i}"><c:v>${xmlEscape(String(v))}</c:v></c:pt>`
    )
    .join("");
  return `<c:strCache><c:ptCount val="${points.length}"/>${pts}</c:strCache>`;
}

function numCache(points: (Cached | undefined)[], formatCode: string): string {
  const pts = points
    .map((v, i) => (typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>${xmlEscape(formatCode)}</c:formatCode><c:ptCount val="${points.length}"/>${pts}</c:numCache>`;
}

/** The chart part: a clustered bar (horizontal) or column chart with one series. */
export function chartXml(
  sheetName: string,
  chart: ChartModel,
  cats: (Cached | undefined)[],
  vals: (Cached | undefined)[],
  /** Number format of the value cells: the cache and the value axis show amounts as the sheet does. */
  valueFormat = "General",
  /** Cached values of chart.moreSeries, in order. */
  moreVals: (Cached | undefined)[][] = []
): string {
  const horizontal = chart.type === "barClustered";
  const sheet = quoteSheetName(sheetName);
  const catRef = `${sheet}!${absoluteRange(chart.categories)}`;
  const series = [
    { name: chart.seriesName, values: chart.values, cache: vals },
    ...(chart.moreSeries ?? []).map((m, i) => ({ ...m, cache: moreVals[i] ?? [] })),
  ];
  const title = chart.title
    ? `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>` +
      `<a:r><a:rPr lang="en-US" sz="1400" b="1"/><a:t>${xmlEscape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
      `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`
    : `<c:autoTitleDeleted val="1"/>`;
  // Horizontal bars list the first category at the top (reversed category axis, value axis kept at the bottom).
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${horizontal ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>` +
    `<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="${xmlEscape(valueFormat)}" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="${horizontal ? "max" : "autoZero"}"/>` +
    `<c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    series
      .map(
        (ser, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(ser.name)}</c:v></c:tx>` +
          `<c:spPr><a:solidFill><a:srgbClr val="${SERIES_COLORS[i % SERIES_COLORS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
          `<c:cat><c:strRef><c:f>${xmlEscape(catRef)}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
          `<c:val><c:numRef><c:f>${xmlEscape(`${sheet}!${absoluteRange(ser.values)}`)}</c:f>${numCache(ser.cache, valueFormat)}</c:numRef></c:val></c:ser>`
      )
      .join("") +
    `<c:gapWidth val="60"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `${catAx}${valAx}</c:plotArea>` +
    (series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

export function anchorXml(chart: ChartModel, shapeId: number, relId: string): string {
  const a = chart.anchor;
  const pos = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    `<xdr:from>${pos(a.col, a.row)}</xdr:from><xdr:to>${pos(a.col + Math.max(1, a.cols), a.row + Math.max(1, a.rows))}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${xmlEscape(`Chart ${shapeId - 1}`)}"` +
    (chart.title ? ` descr="${xmlEscape(chart.title)}"` : "") +
    `/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${relId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

export function emptyDrawingXml(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`;
}
