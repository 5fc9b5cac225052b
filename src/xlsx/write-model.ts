/**
 * Writes a SheetModel into an exceljs workbook as a new worksheet: values, number formats, styles (from the one
 * style table in src/core/reports/styles.ts), column widths, frozen panes, tables, list validations, conditional
 * formats, outline groups, print setup and tab colour. Charts are not written here: exceljs cannot write them,
 * so the port injects them into the saved file (see ./charts).
 *
 * Text that Excel would take for a formula (=, +, -, @, tab, CR at the start) is written as a typed string cell
 * with Excel's quote prefix set, exactly what Excel stores when someone types '=text: the cell is never a formula,
 * reads back as the same text, and stays text when a person edits it.
 */
import ExcelJS from "exceljs";
import { isFormulaLike } from "../core/escape";
import {
  cellText,
  clipRange,
  columnWidth,
  MAX_CELL_TEXT,
  MAX_COLS,
  MAX_INLINE_LIST,
  MAX_ROWS,
  planTables,
  planValidations,
  printLayout,
  rowHeight,
  sheetNotes,
  validTableName,
  type TablePlan,
  type ValidationPlan,
} from "../core/sheet-rules";
import { STYLES } from "../core/reports/styles";
import type {
  CellValue,
  ConditionalFormatModel,
  OutlineGroup,
  SheetModel,
  StyleName,
  StyleSpec,
} from "../core/types";
import { absoluteRange, cellAddress, columnLetter, rangeAddress } from "../core/a1";
import { fromXstring, toXstring } from "./xstring";
import {
  areaOf,
  cachedResult,
  formulaGrid,
  isBlank,
  LookIndex,
  lookGrids,
  outlineLevels,
  quoteSheetName,
  summaryBelow,
  type Area,
} from "./model-grid";

export { absoluteRange, cellAddress, columnLetter, rangeAddress };

/** Excel's limits (the one copy is in core/sheet-rules.ts). */
export { MAX_CELL_TEXT, MAX_COLS, MAX_INLINE_LIST, MAX_ROWS };
export { fromXstring, toXstring };

/** A cell style with Excel's quote prefix, which exceljs 4.4 knows nothing about (see installQuotePrefix). */
export type XlsxStyle = Partial<ExcelJS.Style> & { quotePrefix?: boolean };

// ---------------------------------------------------------------------------------------------
// Quote prefix: exceljs 4.4 neither writes nor reads the `quotePrefix` attribute of a cell format (<xf>).
// Its style manager turns a cell's style object into an <xf> in three steps (addStyleModel → _addStyle →
// StyleXform.render) and back on load (StyleXform.parseOpen → getStyleModel). The hooks below carry one more
// flag through those steps; nothing else of exceljs's behaviour changes. If a later exceljs moves these
// internals, QUOTE_PREFIX_SUPPORTED is false and formula-like text falls back to the text number format "@"
// (still a typed string cell, still never a formula).
// ---------------------------------------------------------------------------------------------

interface XmlStreamLike {
  openNode(name: string, attributes?: Record<string, unknown>): void;
  addAttribute(name: string, value: string): void;
}
interface StyleXformProto {
  render(xmlStream: XmlStreamLike, model: Record<string, unknown>): void;
  parseOpen(node: { name: string; attributes: Record<string, string> }): boolean;
  model?: Record<string, unknown>;
  __quotePrefixPatched?: boolean;
}
interface StylesXformProto {
  addStyleModel(model: XlsxStyle | undefined, cellType?: number): number;
  _addStyle(style: Record<string, unknown>): number;
  getStyleModel(id: number): XlsxStyle | null;
  model: { styles: unknown[] };
  weakMap?: WeakMap<object, number>;
  __quotePrefixPending?: boolean;
}

function installQuotePrefix(): boolean {
  let styleProto: StyleXformProto;
  let stylesProto: StylesXformProto;
  try {
    styleProto = require("exceljs/lib/xlsx/xform/style/style-xform").prototype;
    stylesProto = require("exceljs/lib/xlsx/xform/style/styles-xform").prototype;
  } catch {
    return false;
  }
  if (
    !styleProto ||
    !stylesProto ||
    typeof styleProto.render !== "function" ||
    typeof styleProto.parseOpen !== "function" ||
    typeof stylesProto.addStyleModel !== "function" ||
    typeof stylesProto._addStyle !== "function" ||
    typeof stylesProto.getStyleModel !== "function"
  )
    return false;
  if (styleProto.__quotePrefixPatched) return true;
  styleProto.__quotePrefixPatched = true;

  const render = styleProto.render;
  styleProto.render = function (
    this: StyleXformProto,
    xmlStream: XmlStreamLike,
    model: Record<string, unknown>
  ) {
    if (!model || !model.quotePrefix) return render.call(this, xmlStream, model);
    // The attribute must be added right after <xf> opens, before its <alignment>/<protection> children.
    const stream = xmlStream as XmlStreamLike & { openNode: XmlStreamLike["openNode"] };
    const own = Object.prototype.hasOwnProperty.call(stream, "openNode");
    const open = stream.openNode;
    stream.openNode = function (
      this: XmlStreamLike,
      name: string,
      attributes?: Record<string, unknown>
    ) {
      open.call(this, name, attributes);
      if (name === "xf") {
        this.addAttribute("quotePrefix", "1");
        restore();
      }
    };
    function restore(): void {
      if (own) stream.openNode = open;
      else delete (stream as Partial<XmlStreamLike>).openNode;
    }
    try {
      render.call(this, xmlStream, model);
    } finally {
      restore();
    }
  };

  const parseOpen = styleProto.parseOpen;
  styleProto.parseOpen = function (this: StyleXformProto, node) {
    const result = parseOpen.call(this, node);
    if (
      node.name === "xf" &&
      this.model &&
      (node.attributes.quotePrefix === "1" || node.attributes.quotePrefix === "true")
    )
      this.model.quotePrefix = true;
    return result;
  };

  const addStyleModel = stylesProto.addStyleModel;
  stylesProto.addStyleModel = function (this: StylesXformProto, model, cellType) {
    if (!model || !model.quotePrefix || (this.weakMap && this.weakMap.has(model)))
      return addStyleModel.call(this, model, cellType);
    this.__quotePrefixPending = true;
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      this.__quotePrefixPending = false;
    }
  };

  const addStyle = stylesProto._addStyle;
  stylesProto._addStyle = function (this: StylesXformProto, style) {
    return addStyle.call(this, this.__quotePrefixPending ? { ...style, quotePrefix: true } : style);
  };

  const getStyleModel = stylesProto.getStyleModel;
  stylesProto.getStyleModel = function (this: StylesXformProto, id) {
    const model = getStyleModel.call(this, id);
    const xf =
      this.model && this.model.styles
        ? (this.model.styles[id] as { quotePrefix?: boolean } | undefined)
        : undefined;
    if (model && xf && typeof xf === "object" && xf.quotePrefix) model.quotePrefix = true;
    return model;
  };
  return true;
}

/** True when exceljs writes and reads the quote prefix (always, with exceljs 4.4). */
export const QUOTE_PREFIX_SUPPORTED = installQuotePrefix();

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------

export { quoteSheetName };

/** A range clipped to Excel's grid; null when nothing of it is left (core/sheet-rules.ts). */
const clip = clipRange;

// ---------------------------------------------------------------------------------------------
// Looks: one frozen style object per combination of style name, number format and quote prefix
// ---------------------------------------------------------------------------------------------

function argb(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  return /^[0-9A-F]{6}$/.test(h) ? `FF${h}` : /^[0-9A-F]{8}$/.test(h) ? h : "FF000000";
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** The exceljs parts of a named style: font, fill, borders, alignment. */
export function xlsxStyleParts(spec: StyleSpec): XlsxStyle {
  const out: XlsxStyle = {};
  if (spec.bold || spec.italic || spec.fontSize || spec.fontColor) {
    const font: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: spec.fontSize ?? 11 };
    if (spec.bold) font.bold = true;
    if (spec.italic) font.italic = true;
    if (spec.fontColor) font.color = { argb: argb(spec.fontColor) };
    out.font = font;
  }
  if (spec.fill)
    out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(spec.fill) } };
  if (spec.borderTop || spec.borderBottom) {
    const border: Partial<ExcelJS.Borders> = {};
    if (spec.borderTop) border.top = { style: spec.borderTop };
    if (spec.borderBottom) border.bottom = { style: spec.borderBottom };
    out.border = border;
  }
  if (spec.wrap || spec.horizontal) {
    const alignment: Partial<ExcelJS.Alignment> = {};
    // Wrapped text keeps the default (bottom) vertical alignment, as the Excel port leaves it, so a row's
    // wrapped and one-line cells line up.
    if (spec.wrap) alignment.wrapText = true;
    if (spec.horizontal) alignment.horizontal = spec.horizontal;
    out.alignment = alignment;
  }
  return out;
}

/** The differential format (font colour, bold, fill) a conditional format applies for a named style. */
function dxfStyle(name: StyleName): Partial<ExcelJS.Style> {
  const spec = STYLES[name] ?? {};
  const out: Partial<ExcelJS.Style> = {};
  if (spec.bold || spec.italic || spec.fontColor) {
    const font: Partial<ExcelJS.Font> = {};
    if (spec.bold) font.bold = true;
    if (spec.italic) font.italic = true;
    if (spec.fontColor) font.color = { argb: argb(spec.fontColor) };
    out.font = font;
  }
  // In a differential format a solid fill's colour is its background colour.
  if (spec.fill)
    out.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: argb(spec.fill) },
      bgColor: { argb: argb(spec.fill) },
    };
  return out;
}

const PLAIN: XlsxStyle = Object.freeze({}) as XlsxStyle;

class Looks extends LookIndex {
  private readonly cache = new Map<number, XlsxStyle>();

  /** The shared style object for one combination; PLAIN when the cell has no look at all. */
  get(styleIdx: number, formatIdx: number, quote: boolean): XlsxStyle {
    if (!styleIdx && !formatIdx && !quote) return PLAIN;
    const key = (formatIdx * 65536 + styleIdx) * 2 + (quote ? 1 : 0);
    let look = this.cache.get(key);
    if (!look) {
      const spec = this.spec(styleIdx);
      look = spec ? { ...xlsxStyleParts(spec) } : {};
      const format = this.formatCode(formatIdx);
      if (format) look.numFmt = format;
      if (quote) {
        if (QUOTE_PREFIX_SUPPORTED) look.quotePrefix = true;
        else look.numFmt = "@";
      }
      this.cache.set(key, (look = deepFreeze(look)));
    }
    return look;
  }
}

/** The look of a helper-list cell whose text reads like a formula. */
const QUOTE_ONLY: XlsxStyle = new Looks().get(0, 0, true);

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A cell's style object (exceljs shares one object among cells loaded with the same format: never mutate it). */
export function styleOf(cell: ExcelJS.Cell): XlsxStyle {
  return cell.style as XlsxStyle;
}

function cellValueFor(v: CellValue): ExcelJS.CellValue {
  if (typeof v === "number")
    return Number.isFinite(v) ? v : { error: "#NUM!" as ExcelJS.CellErrorValue["error"] };
  if (typeof v === "string") return toXstring(cellText(v));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/** Every table name and defined name in the workbook (lower case): table names must be unique among them. */
function namesInUse(workbook: ExcelJS.Workbook): Set<string> {
  const used = new Set<string>();
  for (const ws of workbook.worksheets) {
    const tables = (ws as unknown as { tables?: Record<string, unknown> }).tables ?? {};
    for (const name of Object.keys(tables)) used.add(name.toLowerCase());
  }
  const defined = (workbook.definedNames as unknown as { model?: { name: string }[] }).model ?? [];
  for (const d of defined) if (d && d.name) used.add(d.name.toLowerCase());
  return used;
}

export { validTableName };

// ---------------------------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------------------------

/** A formula cell as exceljs writes it: <f> with the core's value as the cached <v>. */
function formulaValue(formula: string, v: CellValue | undefined): ExcelJS.CellValue {
  return { formula, result: cachedResult(v) } as ExcelJS.CellFormulaValue;
}

function writeCells(ws: ExcelJS.Worksheet, model: SheetModel, area: Area): void {
  const formulas = formulaGrid(model, area);
  const looks = new Looks();
  const { styles: styleGrid, formats: formatGrid } = lookGrids(model, area, looks);

  for (let r = 0; r < area.rows; r++) {
    const src = model.values[r] ?? [];
    const base = r * area.cols;
    let row: ExcelJS.Row | null = null;
    for (let c = 0; c < area.cols; c++) {
      const v = src[c];
      const blank = isBlank(v);
      const s = styleGrid[base + c];
      const f = formatGrid[base + c];
      const formula = formulas.size ? formulas.get(base + c) : undefined;
      if (blank && !s && !f && formula === undefined) continue;
      if (!row) row = ws.getRow(r + 1);
      const cell = row.getCell(c + 1);
      if (formula !== undefined) {
        cell.value = formulaValue(formula, v);
        cell.style = looks.get(s, f, false) as Partial<ExcelJS.Style>;
        continue;
      }
      const quote = !blank && typeof v === "string" && isFormulaLike(v);
      if (!blank) cell.value = cellValueFor(v as CellValue);
      cell.style = looks.get(s, f, quote) as Partial<ExcelJS.Style>;
    }
  }
}

function writeTables(ws: ExcelJS.Worksheet, model: SheetModel, workbook: ExcelJS.Workbook): void {
  const plans = planTables(model);
  if (!plans.length) return;
  const used = namesInUse(workbook);
  const formulas = model.formulas?.length ? formulaGrid(model, areaOf(model)) : null;
  for (const t of plans) addTable(ws, model, t, used, formulas);
}

function addTable(
  ws: ExcelJS.Worksheet,
  model: SheetModel,
  t: TablePlan,
  used: Set<string>,
  formulas: Map<number, string> | null
): void {
  const { range } = t;
  const rows: ExcelJS.CellValue[][] = [];
  const cols = formulas ? areaOf(model).cols : 0;
  for (let r = 1; r < range.rows; r++) {
    const src = model.values[range.row + r] ?? [];
    const out: ExcelJS.CellValue[] = new Array(range.cols);
    for (let c = 0; c < range.cols; c++) {
      const v = src[range.col + c];
      const formula = formulas?.get((range.row + r) * cols + range.col + c);
      out[c] =
        formula !== undefined
          ? formulaValue(formula, v)
          : isBlank(v)
            ? null
            : cellValueFor(v as CellValue);
    }
    rows.push(out);
  }
  ws.addTable({
    name: validTableName(t.wanted, used),
    ref: cellAddress(range.row, range.col),
    headerRow: true,
    totalsRow: false,
    style: {
      theme: t.style as ExcelJS.TableStyleProperties["theme"],
      showRowStripes: true,
    },
    columns: t.headers.map((name) => ({ name: toXstring(name), filterButton: true })),
    rows,
  });
  // exceljs wrote the (cleaned) header texts and the same body values into the cells; the looks stay as written,
  // and a header that reads like a formula keeps its quote prefix.
}

/**
 * List validations, as core/sheet-rules.ts plans them: inline lists, or hidden helper columns to the right of
 * the sheet's data for lists too long for Excel's inline limit or with commas in their items.
 */
function writeValidations(ws: ExcelJS.Worksheet, model: SheetModel, area: Area): void {
  for (const v of planValidations(model.validations, area.cols)) {
    let formula: string;
    if (v.source.kind === "inline") formula = `"${v.source.text}"`;
    else {
      if (v.source.fresh) writeHelperList(ws, v.source.col, v.source.items);
      formula = v.source.ref;
    }
    dataValidations(ws).add(rangeAddress(v.range), validationFor(v, formula));
  }
}

/** exceljs keeps a worksheet's validations in `dataValidations` (typed only on cells in its typings). */
function dataValidations(ws: ExcelJS.Worksheet): {
  add(address: string, validation: ExcelJS.DataValidation): void;
} {
  return (
    ws as unknown as {
      dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
}

function writeHelperList(ws: ExcelJS.Worksheet, col: number, items: string[]): void {
  const column = ws.getColumn(col + 1);
  column.hidden = true;
  items.forEach((item, i) => {
    const cell = ws.getRow(i + 1).getCell(col + 1);
    cell.value = cellValueFor(item);
    cell.style = (isFormulaLike(item) ? QUOTE_ONLY : PLAIN) as Partial<ExcelJS.Style>;
  });
}

function validationFor(v: ValidationPlan, formula: string): ExcelJS.DataValidation {
  const dv: ExcelJS.DataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: v.error.style,
    errorTitle: v.error.title,
    error: v.error.message,
  };
  if (v.prompt) {
    dv.showInputMessage = true;
    dv.prompt = v.prompt;
  }
  return dv;
}

function writeConditionalFormats(ws: ExcelJS.Worksheet, formats: ConditionalFormatModel[]): void {
  let priority = 1;
  for (const cf of formats) {
    const range = clip(cf.range);
    if (!range) continue;
    const style = dxfStyle(cf.style);
    if (cf.type === "blankCell") {
      const formula = `LEN($${columnLetter(cf.testCol)}${range.row + 1})=0`;
      ws.addConditionalFormatting({
        ref: rangeAddress(range),
        rules: [{ type: "expression", formulae: [formula], style, priority: priority++ }],
      });
    } else {
      ws.addConditionalFormatting({
        ref: rangeAddress(range),
        rules: [
          {
            type: "cellIs",
            operator: cf.operator,
            formulae: [String(cf.value)],
            style,
            priority: priority++,
          },
        ],
      });
    }
  }
}

function writeOutline(ws: ExcelJS.Worksheet, model: SheetModel, groups: OutlineGroup[]): void {
  if (!groups.length) return;
  const { levels, max } = outlineLevels(model);
  for (const [r, level] of levels) ws.getRow(r + 1).outlineLevel = level;
  ws.properties.outlineLevelRow = max;
  ws.properties.outlineProperties = { summaryBelow: summaryBelow(model), summaryRight: true };
}

// ---------------------------------------------------------------------------------------------
// Print: exceljs writes one _xlnm.Print_Area defined name per area ("A1:B2&&C1:D2"); Excel wants one per sheet
// with the areas separated by commas (it repairs a file with two). The hook below merges them when the
// workbook is written; nothing else of exceljs's behaviour changes.
// ---------------------------------------------------------------------------------------------

interface WorkbookXformProto {
  prepare(model: {
    definedNames?: { name: string; ranges: string[]; localSheetId?: number }[];
  }): void;
  __printAreasPatched?: boolean;
}

function installPrintAreaMerge(): boolean {
  let proto: WorkbookXformProto;
  try {
    proto = require("exceljs/lib/xlsx/xform/book/workbook-xform").prototype;
  } catch {
    return false;
  }
  if (!proto || typeof proto.prepare !== "function") return false;
  if (proto.__printAreasPatched) return true;
  proto.__printAreasPatched = true;
  const prepare = proto.prepare;
  proto.prepare = function (this: WorkbookXformProto, model) {
    prepare.call(this, model);
    if (!model.definedNames) return;
    const merged: typeof model.definedNames = [];
    const bySheet = new Map<number, { ranges: string[] }>();
    for (const d of model.definedNames) {
      if (d.name === "_xlnm.Print_Area" && d.localSheetId !== undefined) {
        const first = bySheet.get(d.localSheetId);
        if (first) {
          first.ranges.push(...d.ranges);
          continue;
        }
        const copy = { ...d, ranges: [...d.ranges] };
        bySheet.set(d.localSheetId, copy);
        merged.push(copy);
      } else merged.push(d);
    }
    model.definedNames = merged;
  };
  return true;
}

/** True when several print areas of a sheet are written as Excel wants them (always, with exceljs 4.4). */
export const PRINT_AREAS_SUPPORTED = installPrintAreaMerge();

/** OOXML paper sizes (exceljs types only some of them: Letter, 1, is missing). */
const PAPER_SIZE = { letter: 1, a4: 9 } as const;

function writePrint(ws: ExcelJS.Worksheet, print: SheetModel["print"]): void {
  const layout = printLayout(print);
  ws.pageSetup.orientation = layout.orientation;
  ws.pageSetup.paperSize = PAPER_SIZE[layout.paper] as unknown as ExcelJS.PaperSize;
  ws.pageSetup.margins = { ...layout.margins };
  if (layout.fitToWidth) {
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = 1;
    ws.pageSetup.fitToHeight = 0;
  }
  if (layout.titleRows) ws.pageSetup.printTitlesRow = layout.titleRows.replace(/\$/g, "");
  if (layout.titleCols) ws.pageSetup.printTitlesColumn = layout.titleCols.replace(/\$/g, "");
  if (layout.areas.length && (layout.areas.length === 1 || PRINT_AREAS_SUPPORTED))
    // exceljs writes "$" + each end as given: "A$1:H$7" becomes the absolute $A$1:$H$7 that LibreOffice needs
    // (it ignores a print area of mixed references such as $A1:$H7).
    ws.pageSetup.printArea = layout.areas
      .map((a) => absoluteRange(a).replace(/(^|:)\$/g, "$1"))
      .join("&&");
  // A break above 0-based row r: exceljs breaks below the 1-based row it is called on, which is row r - 1.
  for (const r of layout.rowBreaks) ws.getRow(r).addPageBreak();
  if (layout.footer) ws.headerFooter.oddFooter = layout.footer;
}

/**
 * Adds a worksheet named model.name and writes everything the model says (charts aside, see ./charts).
 * The caller removes any old sheet of that name first.
 */
export function writeSheetModel(workbook: ExcelJS.Workbook, model: SheetModel): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(model.name, {
    properties: model.tabColor ? { tabColor: { argb: argb(model.tabColor) } } : undefined,
  });
  const area = areaOf(model);
  writeCells(ws, model, area);

  model.columnWidths.forEach((w, i) => {
    const width = columnWidth(w);
    // exceljs leaves a width of exactly 9 (its default) out of the file, so Excel would show 8.43.
    if (width !== null && i < MAX_COLS) ws.getColumn(i + 1).width = width === 9 ? 9.001 : width;
  });

  for (const h of model.rowHeights ?? []) {
    const height = rowHeight(h);
    if (height !== null) ws.getRow(h.row + 1).height = height;
  }

  if (model.freeze && (model.freeze.rows > 0 || model.freeze.cols > 0)) {
    const rows = Math.max(0, model.freeze.rows);
    const cols = Math.max(0, model.freeze.cols);
    ws.views = [
      {
        state: "frozen",
        xSplit: cols,
        ySplit: rows,
        topLeftCell: cellAddress(rows, cols),
        activeCell: cellAddress(rows, cols),
      },
    ];
  }

  writeTables(ws, model, workbook);
  writeValidations(ws, model, area);
  writeConditionalFormats(ws, model.conditionalFormats);
  writeOutline(ws, model, model.outline);
  writePrint(ws, model.print);
  for (const n of sheetNotes(model.notes)) ws.getCell(n.row + 1, n.col + 1).note = n.text;
  return ws;
}
