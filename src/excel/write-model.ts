/**
 * Queues everything a SheetModel says onto a worksheet, through a WriteBatch (which syncs by payload, never per
 * row): values and number formats as 2-D arrays per row block, styles per range from the one style table
 * (src/core/reports/styles.ts), column widths, freeze panes, tables over the filled ranges, list validations
 * (ExcelApi 1.8), conditional formats, charts, outline groups (1.10), print settings (1.9) and tab colour.
 */
import { STYLES } from "../core/reports/styles";
import {
  columnWidth,
  MAX_INLINE_LIST,
  planTables,
  planValidations,
  printLayout,
  rowHeight,
  sheetNotes,
  validTableName,
  type ValidationPlan,
} from "../core/sheet-rules";
import type {
  CellValue,
  ConditionalFormatModel,
  RangeRef,
  SheetModel,
  StyleSpec,
} from "../core/types";
import { COMMAND_BYTES, WriteBatch } from "./batch";
import {
  charsToPoints,
  clip,
  columnLetter,
  excelCellInput,
  MAX_COLS,
  rangeAddress,
  rowBytes,
} from "./cells";

/** Rows of values per write block at most, whatever their size. */
const MAX_BLOCK_ROWS = 20000;
/** Bytes of values per write block at most (several blocks share a sync). */
const BLOCK_BYTES = 1024 * 1024;
/** Longest inline list ("a,b,c") a list validation may carry in Excel (core/sheet-rules.ts). */
export { MAX_INLINE_LIST };

export interface Features {
  /** ExcelApi 1.8: data validation. */
  validation: boolean;
  /** ExcelApi 1.9: page layout, screen-updating suspension. */
  pageLayout: boolean;
  /** ExcelApi 1.10: outline grouping. */
  outline: boolean;
  /**
   * ExcelApi 1.18: cell notes (worksheet.notes.add). Without it a sheet's notes are not written; what they say is
   * on the sheet anyway (the Review sheet's full goal, why and confidence are in its screen columns after Date).
   */
  notes: boolean;
}

export interface WrittenTable {
  table: Excel.Table;
  /** The name the model asked for (given once the old sheet and its tables are gone). */
  wanted: string;
}

export interface ModelProgress {
  (rowsDone: number): void;
}

/** Width of the model's values (ragged rows padded). */
function valuesWidth(values: CellValue[][]): number {
  let w = 0;
  for (const row of values) if (row && row.length > w) w = row.length;
  return Math.min(w, MAX_COLS);
}

async function writeValues(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  values: CellValue[][],
  onRows: ModelProgress
): Promise<number> {
  const width = valuesWidth(values);
  if (width === 0 || values.length === 0) return 0;
  let start = 0;
  while (start < values.length) {
    const block: (string | number | boolean)[][] = [];
    let bytes = COMMAND_BYTES;
    let r = start;
    while (r < values.length && block.length < MAX_BLOCK_ROWS) {
      const src = values[r] ?? [];
      const row = new Array<string | number | boolean>(width);
      for (let c = 0; c < width; c++) row[c] = excelCellInput(src[c]);
      const b = rowBytes(row);
      if (block.length > 0 && bytes + b > BLOCK_BYTES) break;
      block.push(row);
      bytes += b;
      r++;
    }
    await batch.reserve(bytes);
    ws.getRangeByIndexes(start, 0, block.length, width).values = block;
    start = r;
    onRows(start);
  }
  return width;
}

/**
 * The model's formula cells, after the values (whose cached numbers they replace with live formulas): one
 * `range.formulas` per block, split into row blocks by payload. The formulas are the core's own (A1 references
 * and numbers only); nothing of a user's text reaches them.
 */
async function writeFormulas(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const block of model.formulas ?? []) {
    const range = clip(block.range);
    if (!range) continue;
    const rows = block.formulas.slice(0, range.rows).map((row) =>
      Array.from({ length: range.cols }, (_, j) => {
        const f = row?.[j];
        return typeof f === "string" && f.startsWith("=") ? f : "";
      })
    );
    let start = 0;
    while (start < rows.length) {
      let bytes = COMMAND_BYTES;
      let end = start;
      while (end < rows.length && (end === start || bytes + rowBytes(rows[end]) <= BLOCK_BYTES)) {
        bytes += rowBytes(rows[end]);
        end++;
      }
      await batch.reserve(bytes);
      ws.getRangeByIndexes(range.row + start, range.col, end - start, range.cols).formulas =
        rows.slice(start, end);
      start = end;
    }
  }
}

async function writeNumberFormats(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const f of model.numberFormats) {
    const range = clip(f.range);
    if (!range || !f.format) continue;
    const perRow = range.cols * (JSON.stringify(f.format).length + 1) + 2;
    const rowsPerBlock = Math.max(1, Math.min(MAX_BLOCK_ROWS, Math.floor(BLOCK_BYTES / perRow)));
    for (let r = 0; r < range.rows; r += rowsPerBlock) {
      const n = Math.min(rowsPerBlock, range.rows - r);
      await batch.reserve(COMMAND_BYTES + n * perRow);
      const row = new Array<string>(range.cols).fill(f.format);
      ws.getRangeByIndexes(range.row + r, range.col, n, range.cols).numberFormat = Array.from(
        { length: n },
        () => row
      );
    }
  }
}

/** Consecutive style ranges of the same style over the same columns become one range. */
function mergedStyles(model: SheetModel): { range: RangeRef; spec: StyleSpec }[] {
  const out: { range: RangeRef; style: string; spec: StyleSpec }[] = [];
  for (const s of model.styles) {
    const range = clip(s.range);
    const spec = STYLES[s.style];
    if (!range || !spec) continue;
    const last = out[out.length - 1];
    if (
      last &&
      last.style === s.style &&
      last.range.col === range.col &&
      last.range.cols === range.cols &&
      last.range.row + last.range.rows === range.row
    ) {
      last.range = { ...last.range, rows: last.range.rows + range.rows };
    } else out.push({ range, style: s.style, spec });
  }
  return out;
}

const BORDER_STYLE = { thin: "Continuous", medium: "Continuous", double: "Double" } as const;
const BORDER_WEIGHT = { thin: "Thin", medium: "Medium", double: "Thick" } as const;
const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;

/** Queues a style's font, fill, borders and alignment on a range format; returns the number of commands. */
function applyStyle(format: Excel.RangeFormat, spec: StyleSpec): number {
  let n = 0;
  if (spec.bold !== undefined) ((format.font.bold = spec.bold), n++);
  if (spec.italic !== undefined) ((format.font.italic = spec.italic), n++);
  if (spec.fontSize !== undefined) ((format.font.size = spec.fontSize), n++);
  if (spec.fontColor !== undefined) ((format.font.color = spec.fontColor), n++);
  if (spec.fill !== undefined) ((format.fill.color = spec.fill), n++);
  if (spec.wrap !== undefined) ((format.wrapText = spec.wrap), n++);
  if (spec.horizontal !== undefined)
    ((format.horizontalAlignment = HORIZONTAL[spec.horizontal]), n++);
  const border = (edge: "EdgeBottom" | "EdgeTop", kind: "thin" | "medium" | "double") => {
    const b = format.borders.getItem(edge);
    b.style = BORDER_STYLE[kind];
    if (kind !== "double") b.weight = BORDER_WEIGHT[kind];
    n += 2;
  };
  if (spec.borderBottom) border("EdgeBottom", spec.borderBottom);
  if (spec.borderTop) border("EdgeTop", spec.borderTop);
  return n;
}

async function writeStyles(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const { range, spec } of mergedStyles(model)) {
    await batch.reserve(COMMAND_BYTES * 8);
    applyStyle(ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols).format, spec);
  }
}

async function writeColumnWidths(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  widths: number[]
): Promise<void> {
  let c = 0;
  while (c < widths.length && c < MAX_COLS) {
    const w = widths[c];
    let end = c + 1;
    while (end < widths.length && widths[end] === w) end++;
    const width = columnWidth(w);
    if (width !== null) {
      await batch.reserve(COMMAND_BYTES);
      ws.getRangeByIndexes(0, c, 1, end - c).format.columnWidth = charsToPoints(width);
    }
    c = end;
  }
}

async function writeRowHeights(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const h of model.rowHeights ?? []) {
    const height = rowHeight(h);
    if (height === null) continue;
    await batch.reserve(COMMAND_BYTES);
    ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = height;
  }
}

async function writeFreeze(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  const rows = Math.max(0, Math.floor(model.freeze?.rows ?? 0));
  const cols = Math.max(0, Math.floor(model.freeze?.cols ?? 0));
  if (rows === 0 && cols === 0) return;
  await batch.reserve(COMMAND_BYTES);
  if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else ws.freezePanes.freezeColumns(cols);
}

/** The model's notes, one per cell (ExcelApi 1.18; the sheet is new, so none of ours is there already). */
async function writeNotes(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const n of sheetNotes(model.notes)) {
    await batch.reserve(COMMAND_BYTES + n.text.length * 2);
    ws.notes.add(ws.getRangeByIndexes(n.row, n.col, 1, 1), n.text);
  }
}

/** A valid, workbook-unique table name (the rule of core/sheet-rules.ts, shared with the xlsx port). */
export const tableName = validTableName;

async function writeTables(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel,
  tempPrefix: string
): Promise<WrittenTable[]> {
  const out: WrittenTable[] = [];
  const plans = planTables(model);
  for (let i = 0; i < plans.length; i++) {
    const t = plans[i];
    const { range } = t;
    // Header cells carry the table's headers (one line, non-blank, unique), as the xlsx port writes them.
    for (const c of t.changedHeaders) {
      await batch.reserve(COMMAND_BYTES + t.headers[c].length);
      ws.getRangeByIndexes(range.row, range.col + c, 1, 1).values = [
        [excelCellInput(t.headers[c])],
      ];
    }
    await batch.reserve(COMMAND_BYTES * 3);
    const table = ws.tables.add(
      ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols),
      true
    );
    // A temporary name until the old report (and its tables) is gone: table names are unique in a workbook.
    table.name = `${tempPrefix}${i + 1}`;
    table.style = t.style;
    out.push({ table, wanted: t.wanted });
  }
  return out;
}

function errorAlert(v: ValidationPlan): Excel.DataValidationErrorAlert {
  return {
    showAlert: true,
    style: v.error.style === "warning" ? "Warning" : "Stop",
    title: v.error.title,
    message: v.error.message,
  };
}

/**
 * List validations, as core/sheet-rules.ts plans them: inline lists, or hidden helper columns to the right of
 * the sheet's data for lists too long for Excel's inline limit or with commas in their items.
 */
async function writeValidations(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel,
  dataCols: number
): Promise<void> {
  for (const v of planValidations(model.validations, dataCols)) {
    let source: string;
    if (v.source.kind === "inline") source = v.source.items.join(",");
    else {
      if (v.source.fresh) {
        const rows = v.source.items.map((x) => [excelCellInput(x)]);
        await batch.reserve(COMMAND_BYTES * 2 + rows.reduce((n, r) => n + rowBytes(r), 0));
        const helper = ws.getRangeByIndexes(0, v.source.col, rows.length, 1);
        helper.values = rows;
        helper.columnHidden = true;
      }
      source = `=${v.source.ref}`;
    }
    await batch.reserve(COMMAND_BYTES * 3 + source.length);
    const dv = ws.getRangeByIndexes(
      v.range.row,
      v.range.col,
      v.range.rows,
      v.range.cols
    ).dataValidation;
    dv.rule = { list: { inCellDropDown: true, source } };
    dv.errorAlert = errorAlert(v);
    if (v.prompt) dv.prompt = { showPrompt: true, title: "", message: v.prompt };
  }
}

const OPERATOR = { greaterThan: "GreaterThan", lessThan: "LessThan", equal: "EqualTo" } as const;

function applyConditionalLook(format: Excel.ConditionalRangeFormat, spec: StyleSpec): void {
  if (spec.fill) format.fill.color = spec.fill;
  if (spec.fontColor) format.font.color = spec.fontColor;
  if (spec.bold) format.font.bold = true;
  if (spec.italic) format.font.italic = true;
}

async function writeConditionalFormats(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  list: ConditionalFormatModel[]
): Promise<void> {
  for (const cf of list) {
    const range = clip(cf.range);
    if (!range) continue;
    const spec = STYLES[cf.style] ?? {};
    await batch.reserve(COMMAND_BYTES * 6);
    const target = ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols);
    if (cf.type === "blankCell") {
      const added = target.conditionalFormats.add("Custom");
      added.custom.rule.formula = `=LEN($${columnLetter(cf.testCol)}${range.row + 1})=0`;
      applyConditionalLook(added.custom.format, spec);
    } else {
      const added = target.conditionalFormats.add("CellValue");
      added.cellValue.rule = { formula1: String(cf.value), operator: OPERATOR[cf.operator] };
      applyConditionalLook(added.cellValue.format, spec);
    }
  }
}

async function writeCharts(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  for (const ch of model.charts) {
    const values = clip(ch.values);
    const categories = clip(ch.categories);
    const anchor = clip(ch.anchor);
    if (!values || !anchor) continue;
    await batch.reserve(COMMAND_BYTES * 8);
    const chart = ws.charts.add(
      ch.type === "barClustered" ? "BarClustered" : "ColumnClustered",
      ws.getRangeByIndexes(values.row, values.col, values.rows, values.cols),
      "Columns"
    );
    chart.title.text = ch.title;
    chart.legend.visible = (ch.moreSeries ?? []).length > 0;
    const series = chart.series.getItemAt(0);
    series.name = ch.seriesName;
    const cats = categories
      ? () => ws.getRangeByIndexes(categories.row, categories.col, categories.rows, categories.cols)
      : null;
    if (cats) series.setXAxisValues(cats());
    for (const more of ch.moreSeries ?? []) {
      const v = clip(more.values);
      if (!v) continue;
      await batch.reserve(COMMAND_BYTES * 3);
      const added = chart.series.add(more.name);
      added.setValues(ws.getRangeByIndexes(v.row, v.col, v.rows, v.cols));
      if (cats) added.setXAxisValues(cats());
    }
    const end = {
      row: anchor.row + anchor.rows - 1,
      col: anchor.col + anchor.cols - 1,
      rows: 1,
      cols: 1,
    };
    chart.setPosition(rangeAddress({ ...anchor, rows: 1, cols: 1 }), rangeAddress(end));
  }
}

async function writeOutline(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel
): Promise<void> {
  const groups = [...model.outline]
    .filter((g) => g.endRow >= g.startRow && g.startRow >= 0)
    .sort((a, b) => a.level - b.level || a.startRow - b.startRow);
  for (const g of groups) {
    await batch.reserve(COMMAND_BYTES);
    ws.getRange(`${g.startRow + 1}:${g.endRow + 1}`).group("ByRows");
  }
}

const PAPER = { letter: "Letter", a4: "A4" } as const;

async function writePrint(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  print: SheetModel["print"]
): Promise<void> {
  const p = printLayout(print);
  await batch.reserve(COMMAND_BYTES * (12 + p.rowBreaks.length));
  const layout = ws.pageLayout;
  layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.paperSize = PAPER[p.paper] as Excel.PaperType;
  // Office.js takes margins in points.
  layout.leftMargin = p.margins.left * 72;
  layout.rightMargin = p.margins.right * 72;
  layout.topMargin = p.margins.top * 72;
  layout.bottomMargin = p.margins.bottom * 72;
  layout.headerMargin = p.margins.header * 72;
  layout.footerMargin = p.margins.footer * 72;
  if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (p.titleRows) layout.setPrintTitleRows(p.titleRows);
  if (p.titleCols) layout.setPrintTitleColumns(p.titleCols);
  if (p.areas.length) layout.setPrintArea(p.areas.map((a) => rangeAddress(a)).join(","));
  for (const r of p.rowBreaks) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
  // The footer carries Excel's header/footer codes as the model gives them (e.g. "&P of &N").
  if (p.footer) layout.headersFooters.defaultForAllPages.centerFooter = p.footer;
}

/**
 * Queues the whole model onto `ws` (a new, empty sheet). Returns the tables created, to be given their final
 * names once the sheet they replace is gone.
 */
export async function writeModel(
  batch: WriteBatch,
  ws: Excel.Worksheet,
  model: SheetModel,
  options: {
    features: Features;
    tempTablePrefix: string;
    onRows: ModelProgress;
  }
): Promise<WrittenTable[]> {
  const width = await writeValues(batch, ws, model.values, options.onRows);
  await writeFormulas(batch, ws, model);
  await writeNumberFormats(batch, ws, model);
  await writeStyles(batch, ws, model);
  await writeColumnWidths(batch, ws, model.columnWidths);
  await writeRowHeights(batch, ws, model);
  await writeFreeze(batch, ws, model);
  const tables = await writeTables(batch, ws, model, options.tempTablePrefix);
  if (options.features.validation) await writeValidations(batch, ws, model, width);
  await writeConditionalFormats(batch, ws, model.conditionalFormats);
  await writeCharts(batch, ws, model);
  if (options.features.outline) await writeOutline(batch, ws, model);
  if (options.features.pageLayout) await writePrint(batch, ws, model.print);
  if (options.features.notes) await writeNotes(batch, ws, model);
  if (model.tabColor && /^#[0-9A-Fa-f]{6}$/.test(model.tabColor)) {
    await batch.reserve(COMMAND_BYTES);
    ws.tabColor = model.tabColor;
  }
  return tables;
}
