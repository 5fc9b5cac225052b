/**
 * Our generated sheets as the parts of a small package of their own, written directly from the sheet models (no
 * exceljs, no zip): the worksheet parts (worksheet-xml.ts), their tables, drawings and charts, the state sheet,
 * styles.xml (styles-xml.ts), workbook.xml with the sheets and their print areas and titles, the workbook's
 * relationships and [Content_Types].xml. transplant.ts moves them into the user's package exactly as it moves any
 * package's sheets: the user's parts stay as they were, ours are added or replace our earlier ones.
 */
import { absoluteRange, cellAddress } from "../core/a1";
import { cellText, clipRange, planTables, sheetNotes, validTableName } from "../core/sheet-rules";
import { serializeState, STATE_SHEET_NAME } from "../core/state";
import type { CellValue, ChartModel, RangeRef, SheetModel, WorkbookState } from "../core/types";
import {
  anchorXml,
  chartXml,
  CT_CHART,
  CT_DRAWING,
  emptyDrawingXml,
  REL_CHART,
  REL_DRAWING,
  type Cached,
} from "./chart-xml";
import { commentsXml, CT_COMMENTS, CT_VML, notesVml, REL_COMMENTS, REL_VML } from "./comments-xml";
import { renderRels, xmlEscape, type Relationship } from "./package";
import { StyleTable } from "./styles-xml";
import {
  prepareWorksheet,
  printNames,
  type PreparedWorksheet,
  type SheetLinks,
  type StyleNumbers,
} from "./worksheet-xml";
import { toXstring } from "./xstring";

/** The parts of a package, as transplant.ts reads them. */
export interface PackageParts {
  text(name: string): string | null;
  read(name: string): Buffer;
  /**
   * The style numbers of the package the worksheets go into (transplant.ts's merge of styles.xml): the worksheets
   * are written when first read, with these numbers, so nothing in them is renumbered afterwards.
   */
  restyle(numbers: StyleNumbers): void;
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_TABLE = `${NS_REL}/table`;
const REL_STYLES = `${NS_REL}/styles`;
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts written so far, and the numbering of tables, drawings and charts among them. */
class Parts implements PackageParts {
  private readonly map = new Map<string, string>();
  /** Worksheet parts written when first read, with the style numbers given by then. */
  private readonly sheets = new Map<string, PreparedWorksheet>();
  /** Worksheet parts written with the package's style numbers, as UTF-8. */
  private readonly written = new Map<string, Buffer>();
  private numbers: StyleNumbers | undefined;
  readonly overrides: { part: string; type: string }[] = [];
  private tables = 0;
  private drawings = 0;
  private charts = 0;
  /** Table names in the package (lower case): each new table's name is unique among them. */
  readonly tableNames = new Set<string>();

  put(name: string, xml: string, contentType?: string): void {
    this.map.set(name, xml);
    if (contentType) this.overrides.push({ part: name, type: contentType });
  }
  putSheet(name: string, sheet: PreparedWorksheet, contentType: string): void {
    this.sheets.set(name, sheet);
    this.overrides.push({ part: name, type: contentType });
  }
  restyle(numbers: StyleNumbers): void {
    this.numbers = numbers;
  }
  text(name: string): string | null {
    const sheet = this.sheetBytes(name);
    if (sheet) return sheet.toString("utf8");
    return this.map.get(name) ?? null;
  }
  read(name: string): Buffer {
    const sheet = this.sheetBytes(name);
    if (sheet) return sheet;
    const t = this.map.get(name);
    if (t === undefined) throw new Error(`the generated package has no part ${name}`);
    return Buffer.from(t, "utf8");
  }
  /**
   * A worksheet's XML as bytes. Once the package's style numbers are given it is final: it is kept, and the
   * sheet's layout (its style grids and formula map, tens of MB at a million lines) is let go before the next.
   */
  private sheetBytes(name: string): Buffer | null {
    const sheet = this.sheets.get(name);
    if (!sheet) return this.written.get(name) ?? null;
    if (!this.numbers) return sheet.bytes();
    const bytes = sheet.bytes(this.numbers);
    this.sheets.delete(name);
    this.written.set(name, bytes);
    return bytes;
  }
  nextTable(): number {
    return ++this.tables;
  }
  nextDrawing(): number {
    return ++this.drawings;
  }
  nextChart(): number {
    return ++this.charts;
  }
}

function tableXml(id: number, name: string, ref: string, headers: string[], style: string): string {
  const cols = headers
    .map((h, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(toXstring(h))}"/>`)
    .join("");
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${id}" name="${xmlEscape(name)}" displayName="${xmlEscape(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${xmlEscape(style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    "</table>"
  );
}

/** A cell's value as the chart caches it: its text or number as written; blank is no value. */
function cachedOf(model: SheetModel, row: number, col: number): Cached | undefined {
  const v: CellValue | undefined = model.values[row]?.[col];
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? v : "#NUM!";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return cellText(v);
}

function pointsOf(model: SheetModel, r: RangeRef): (Cached | undefined)[] {
  const out: (Cached | undefined)[] = [];
  for (let row = r.row; row < r.row + Math.max(1, r.rows); row++)
    for (let col = r.col; col < r.col + Math.max(1, r.cols); col++)
      out.push(cachedOf(model, row, col));
  return out;
}

/** The number format of a cell: the last of the model's formats over it (as the writers paint them). */
function formatAt(model: SheetModel, row: number, col: number): string {
  let out = "General";
  for (const f of model.numberFormats) {
    const r = clipRange(f.range);
    if (r && row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols)
      out = f.format;
  }
  return out;
}

/** The chart part of one chart; its series caches come from the model's values. */
function oneChartXml(model: SheetModel, chart: ChartModel): string {
  const vals = pointsOf(model, chart.values);
  const first = vals.findIndex((v) => typeof v === "number");
  const r = chart.values;
  const width = Math.max(1, r.cols);
  const valueFormat =
    first < 0
      ? "General"
      : formatAt(model, r.row + Math.floor(first / width), r.col + (first % width));
  return chartXml(
    model.name,
    chart,
    pointsOf(model, chart.categories),
    vals,
    valueFormat,
    (chart.moreSeries ?? []).map((m) => pointsOf(model, m.values))
  );
}

/** The sheet's drawing with its charts; returns the drawing part. */
function writeCharts(parts: Parts, model: SheetModel): string {
  const drawing = `xl/drawings/drawing${parts.nextDrawing()}.xml`;
  const rels: Relationship[] = [];
  let anchors = "";
  model.charts.forEach((chart, i) => {
    const part = `xl/charts/chart${parts.nextChart()}.xml`;
    parts.put(part, oneChartXml(model, chart), CT_CHART);
    const id = `rId${i + 1}`;
    rels.push({
      id,
      type: REL_CHART,
      target: `../charts/${part.slice(part.lastIndexOf("/") + 1)}`,
    });
    anchors += anchorXml(chart, i + 2, id);
  });
  parts.put(
    drawing,
    emptyDrawingXml().replace("</xdr:wsDr>", () => `${anchors}</xdr:wsDr>`),
    CT_DRAWING
  );
  parts.put(
    `xl/drawings/_rels/${drawing.slice(drawing.lastIndexOf("/") + 1)}.rels`,
    renderRels(rels)
  );
  return drawing;
}

/** One model's worksheet part and what it owns. */
function writeSheet(parts: Parts, styles: StyleTable, model: SheetModel, n: number): void {
  const part = `xl/worksheets/sheet${n}.xml`;
  const rels: Relationship[] = [];
  const links: SheetLinks = { tables: [] };
  for (const plan of planTables(model)) {
    const id = parts.nextTable();
    const name = validTableName(plan.wanted, parts.tableNames);
    const relId = `rId${rels.length + 1}`;
    parts.put(
      `xl/tables/table${id}.xml`,
      tableXml(id, name, absoluteRange(plan.range).replace(/\$/g, ""), plan.headers, plan.style),
      CT_TABLE
    );
    rels.push({ id: relId, type: REL_TABLE, target: `../tables/table${id}.xml` });
    links.tables.push({ plan, relId });
  }
  if (model.charts.length) {
    const drawing = writeCharts(parts, model);
    links.drawingRelId = `rId${rels.length + 1}`;
    rels.push({
      id: links.drawingRelId,
      type: REL_DRAWING,
      target: `../drawings/${drawing.slice(drawing.lastIndexOf("/") + 1)}`,
    });
  }
  if (sheetNotes(model.notes).length) {
    // The notes: the comments part and the VML drawing of their boxes, numbered by the sheet.
    const comments = `xl/comments${n}.xml`;
    const vml = `xl/drawings/vmlDrawing${n}.vml`;
    const notes = sheetNotes(model.notes);
    parts.put(comments, commentsXml(notes), CT_COMMENTS);
    parts.put(vml, notesVml(notes, n), CT_VML);
    rels.push({ id: `rId${rels.length + 1}`, type: REL_COMMENTS, target: `../comments${n}.xml` });
    links.legacyDrawingRelId = `rId${rels.length + 1}`;
    rels.push({
      id: links.legacyDrawingRelId,
      type: REL_VML,
      target: `../drawings/vmlDrawing${n}.vml`,
    });
  }
  try {
    parts.putSheet(part, prepareWorksheet(model, styles, links), CT_WORKSHEET);
  } catch (e) {
    throw new Error(`The sheet "${model.name}" could not be written: ${(e as Error).message ?? e}`);
  }
  if (rels.length) parts.put(`xl/worksheets/_rels/sheet${n}.xml.rels`, renderRels(rels));
}

/** The very hidden state sheet: the serialized state, one chunk per cell down column A. */
function stateSheetXml(state: WorkbookState): string {
  const rows = serializeState(state)
    .map((chunk, i) => {
      const t = xmlEscape(toXstring(chunk));
      const text = /^\s|\s$|\n/.test(t) ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`;
      return `<row r="${i + 1}"><c r="${cellAddress(i, 0)}" t="inlineStr"><is>${text}</is></c></row>`;
    })
    .join("");
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

function workbookXml(sheets: { name: string; hidden: boolean }[], names: string[]): string {
  const entries = sheets
    .map(
      (s, i) =>
        `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="veryHidden"' : ""} r:id="rId${i + 1}"/>`
    )
    .join("");
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${entries}</sheets>` +
    (names.length ? `<definedNames>${names.join("")}</definedNames>` : "") +
    "</workbook>"
  );
}

/** The print areas and titles of the sheet at `position`, as defined names. */
function printDefinedNames(model: SheetModel, position: number): string[] {
  const { area, titles } = printNames(model);
  const out: string[] = [];
  if (area)
    out.push(
      `<definedName name="_xlnm.Print_Area" localSheetId="${position}">${xmlEscape(area)}</definedName>`
    );
  if (titles)
    out.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${position}">${xmlEscape(titles)}</definedName>`
    );
  return out;
}

function contentTypesXml(overrides: { part: string; type: string }[]): string {
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides
      .map((o) => `<Override PartName="/${xmlEscape(o.part)}" ContentType="${o.type}"/>`)
      .join("") +
    "</Types>"
  );
}

/**
 * The package of the generated sheets (in the order given) and, after them, the state sheet; null when there is
 * nothing to write.
 */
export function generatedPackage(
  models: SheetModel[],
  state: WorkbookState | null
): PackageParts | null {
  if (!models.length && !state) return null;
  const parts = new Parts();
  const styles = new StyleTable();
  const names: string[] = [];
  const sheets: { name: string; hidden: boolean }[] = [];
  models.forEach((model, i) => {
    writeSheet(parts, styles, model, i + 1);
    names.push(...printDefinedNames(model, i));
    sheets.push({ name: model.name, hidden: false });
  });
  if (state) {
    const n = sheets.length + 1;
    parts.put(`xl/worksheets/sheet${n}.xml`, stateSheetXml(state), CT_WORKSHEET);
    sheets.push({ name: STATE_SHEET_NAME, hidden: true });
  }
  parts.put("xl/styles.xml", styles.render());
  parts.put("xl/workbook.xml", workbookXml(sheets, names));
  parts.put(
    "xl/_rels/workbook.xml.rels",
    renderRels([
      ...sheets.map((_, i) => ({
        id: `rId${i + 1}`,
        type: REL_WORKSHEET,
        target: `worksheets/sheet${i + 1}.xml`,
      })),
      { id: `rId${sheets.length + 1}`, type: REL_STYLES, target: "styles.xml" },
    ])
  );
  parts.put("[Content_Types].xml", contentTypesXml(parts.overrides));
  return parts;
}
