/**
 * A SheetModel written straight to a SpreadsheetML worksheet part, from the same model and the same rules
 * (src/core/sheet-rules.ts) the Excel port writes through Office.js: cell values (inline strings), formulas with
 * the core's values cached, shared cell formats (styles-xml.ts), column widths, row heights, frozen panes, outline
 * levels, conditional formats, list validations (hidden helper columns for long lists), print settings, page
 * breaks, and the references to the sheet's tables and drawing. Elements go in CT_Worksheet's order.
 *
 * Text that Excel would take for a formula (=, +, -, @, tab, CR at the start) is a string cell with Excel's quote
 * prefix, exactly what Excel stores when someone types '=text.
 */
import { isFormulaLike } from "../core/escape";
import { absoluteRange, columnLetter, rangeAddress } from "../core/a1";
import {
  cellText,
  clipRange,
  columnWidth,
  MAX_COLS,
  planValidations,
  printLayout,
  rowHeight,
  type TablePlan,
  type ValidationPlan,
} from "../core/sheet-rules";
import type { CellValue, RangeRef, SheetModel } from "../core/types";
import {
  areaOf,
  cachedResult,
  formulaGrid,
  isBlank,
  LookIndex,
  lookGrids,
  outlineLevels,
  summaryBelow,
  type Area,
} from "./model-grid";
import { xmlEscape } from "./package";
import { argbOf, type StyleTable } from "./styles-xml";
import { toXstring } from "./xstring";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** OOXML paper sizes. */
const PAPER_SIZE = { letter: 1, a4: 9 } as const;

/** What the sheet part refers to outside itself: its tables' and drawing's relationship ids. */
export interface SheetLinks {
  /** The tables as planned (sheet-rules planTables), with their relationship ids. */
  tables: { plan: TablePlan; relId: string }[];
  drawingRelId?: string;
  /** The VML drawing of the sheet's notes (src/xlsx/comments-xml.ts). */
  legacyDrawingRelId?: string;
}

/** A string cell's inline text, as ST_Xstring in XML. */
function inlineText(text: string): string {
  const t = xmlEscape(toXstring(cellText(text)));
  return /^\s|\s$|\n/.test(t)
    ? `<is><t xml:space="preserve">${t}</t></is>`
    : `<is><t>${t}</t></is>`;
}

/**
 * One cell's XML (the empty string for a blank cell with no format); `s` is its style attribute (` s="3"`, or ""
 * for the default format).
 */
function cellXml(ref: string, v: CellValue | undefined, s: string, formula?: string): string {
  if (formula !== undefined) {
    const result = cachedResult(v);
    const f = `<f>${xmlEscape(formula)}</f>`;
    if (result === undefined) return `<c r="${ref}"${s}>${f}</c>`;
    if (typeof result === "number") return `<c r="${ref}"${s}>${f}<v>${result}</v></c>`;
    if (typeof result === "boolean")
      return `<c r="${ref}"${s} t="b">${f}<v>${result ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s} t="str">${f}<v>${xmlEscape(toXstring(cellText(result)))}</v></c>`;
  }
  if (isBlank(v)) return s ? `<c r="${ref}"${s}/>` : "";
  if (typeof v === "number")
    return Number.isFinite(v)
      ? `<c r="${ref}"${s}><v>${v}</v></c>`
      : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr">${inlineText(String(v))}</c>`;
}

/** The cells laid out: values (table headers as the tables carry them), looks and formulas. */
class CellLayout {
  readonly area: Area;
  private readonly looks = new LookIndex();
  private readonly grids;
  private readonly formulas: Map<number, string>;
  /** grid index → header text a table carries in place of the model's */
  private readonly headers = new Map<number, string>();
  /** (look, format, quote) → cellXfs index */
  private readonly xfs = new Map<number, number>();

  constructor(
    private readonly model: SheetModel,
    private readonly styles: StyleTable,
    tables: TablePlan[]
  ) {
    this.area = areaOf(model);
    this.grids = lookGrids(model, this.area, this.looks);
    this.formulas = formulaGrid(model, this.area);
    for (const t of tables)
      t.headers.forEach((h, i) => {
        if (t.range.col + i < this.area.cols)
          this.headers.set(t.range.row * this.area.cols + t.range.col + i, h);
      });
  }

  private xf(look: number, format: number, quote: boolean): number {
    const key = (format * 65536 + look) * 2 + (quote ? 1 : 0);
    let i = this.xfs.get(key);
    if (i === undefined) {
      i = this.styles.xf(this.looks.spec(look), this.looks.formatCode(format), quote);
      this.xfs.set(key, i);
    }
    return i;
  }

  /** The cellXfs index of a plain cell with Excel's quote prefix (helper-list text that reads like a formula). */
  quoted(): number {
    return this.xf(0, 0, true);
  }

  /**
   * Visits the cells that are written, in order, with their value (a table's header text in place of the model's),
   * cellXfs index (in this package's style table) and formula.
   */
  private eachCell(
    r: number,
    visit: (c: number, v: CellValue | undefined, xf: number, formula?: string) => void
  ): void {
    const { cols } = this.area;
    const src = this.model.values[r] ?? [];
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const i = base + c;
      const look = this.grids.styles[i];
      const format = this.grids.formats[i];
      const formula = this.formulas.size ? this.formulas.get(i) : undefined;
      const v = src[c];
      if (formula === undefined && isBlank(v) && !look && !format) continue;
      const header = this.headers.size ? this.headers.get(i) : undefined;
      const quote = formula === undefined && typeof v === "string" && isFormulaLike(v);
      visit(c, header ?? v, this.xf(look, format, quote), formula);
    }
  }

  /** Every cell's format, into the style table (before any cell is written, so styles.xml is complete first). */
  register(): void {
    for (let r = 0; r < this.area.rows; r++) this.eachCell(r, () => undefined);
  }

  /** The cells of one row, in column order; `attr` gives a cellXfs index's style attribute. */
  row(r: number, letters: string[], attr: (xf: number) => string): string {
    const suffix = String(r + 1);
    let out = "";
    this.eachCell(r, (c, v, xf, formula) => {
      out += cellXml(letters[c] + suffix, v, attr(xf), formula);
    });
    return out;
  }
}

/** Hidden helper columns of long dropdown lists: column → its items, one per row from the top. */
function helperLists(plans: ValidationPlan[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const v of plans)
    if (v.source.kind === "helper" && v.source.fresh) out.set(v.source.col, v.source.items);
  return out;
}

function sheetPrXml(model: SheetModel, outlineMax: number): string {
  const tab = model.tabColor ? `<tabColor rgb="${argbOf(model.tabColor)}"/>` : "";
  const outline = outlineMax
    ? `<outlinePr summaryBelow="${summaryBelow(model) ? 1 : 0}" summaryRight="1"/>`
    : "";
  const fit = printLayout(model.print).fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "";
  return tab || outline || fit ? `<sheetPr>${tab}${outline}${fit}</sheetPr>` : "";
}

function sheetViewsXml(model: SheetModel): string {
  const rows = Math.max(0, model.freeze?.rows ?? 0);
  const cols = Math.max(0, model.freeze?.cols ?? 0);
  if (!rows && !cols) return "";
  const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const cell = `${columnLetter(cols)}${rows + 1}`;
  return (
    '<sheetViews><sheetView workbookViewId="0"><pane' +
    (cols ? ` xSplit="${cols}"` : "") +
    (rows ? ` ySplit="${rows}"` : "") +
    ` topLeftCell="${cell}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${cell}" sqref="${cell}"/></sheetView></sheetViews>`
  );
}

/** <cols>: the model's widths and the hidden helper columns, runs of equal columns merged. */
function colsXml(model: SheetModel, helpers: Map<number, string[]>): string {
  const cols = new Map<number, { width: number; hidden: boolean }>();
  model.columnWidths.forEach((w, i) => {
    const width = columnWidth(w);
    if (width !== null && i < MAX_COLS) cols.set(i, { width, hidden: false });
  });
  for (const c of helpers.keys()) cols.set(c, { width: cols.get(c)?.width ?? 9, hidden: true });
  const sorted = [...cols].sort((a, b) => a[0] - b[0]);
  let out = "";
  for (let i = 0; i < sorted.length;) {
    const [start, { width, hidden }] = sorted[i];
    let end = start;
    while (
      i + 1 < sorted.length &&
      sorted[i + 1][0] === end + 1 &&
      sorted[i + 1][1].width === width &&
      sorted[i + 1][1].hidden === hidden
    ) {
      end++;
      i++;
    }
    i++;
    out += `<col min="${start + 1}" max="${end + 1}" width="${width}"${hidden ? ' hidden="1"' : ""} customWidth="1"/>`;
  }
  return out ? `<cols>${out}</cols>` : "";
}

/** Row heights in points by 0-based row (the last given for a row wins). */
function rowHeights(model: SheetModel): Map<number, number> {
  const out = new Map<number, number>();
  for (const h of model.rowHeights ?? []) {
    const height = rowHeight(h);
    if (height !== null) out.set(h.row, height);
  }
  return out;
}

/**
 * <sheetData>, row by row, in pieces of a thousand rows. A row built by concatenation is a tree of pieces until it
 * is flattened; holding every row's tree for one final join, then the joined text (two bytes a character when one
 * title has an en dash), cost hundreds of MB for the Programs sheet of a million lines.
 */
function* sheetDataXml(
  layout: CellLayout,
  helpers: Map<number, string[]>,
  levels: Map<number, number>,
  heights: Map<number, number>,
  attr: (xf: number) => string
): Generator<string> {
  const helperCols = [...helpers.keys()].sort((a, b) => a - b);
  let rows = layout.area.rows;
  for (const items of helpers.values()) rows = Math.max(rows, items.length);
  for (const r of heights.keys()) rows = Math.max(rows, r + 1);
  for (const r of levels.keys()) rows = Math.max(rows, r + 1);
  const lastCol = Math.max(layout.area.cols, ...helperCols.map((c) => c + 1));
  const letters = Array.from({ length: lastCol }, (_, c) => columnLetter(c));
  const batch: string[] = [];
  let any = false;
  for (let r = 0; r < rows; r++) {
    if (batch.length === 1000) {
      yield (any ? "" : "<sheetData>") + batch.join("");
      any = true;
      batch.length = 0;
    }
    let cells = r < layout.area.rows ? layout.row(r, letters, attr) : "";
    for (const c of helperCols) {
      const item = helpers.get(c)![r];
      if (item !== undefined && item !== "")
        cells += cellXml(
          `${letters[c]}${r + 1}`,
          item,
          attr(isFormulaLike(item) ? layout.quoted() : 0)
        );
    }
    const ht = heights.get(r);
    const level = levels.get(r);
    if (!cells && ht === undefined && !level) continue;
    batch.push(
      `<row r="${r + 1}"` +
        (ht !== undefined ? ` ht="${ht}" customHeight="1"` : "") +
        (level ? ` outlineLevel="${level}"` : "") +
        (cells ? `>${cells}</row>` : "/>")
    );
  }
  if (batch.length) yield (any ? "" : "<sheetData>") + batch.join("") + "</sheetData>";
  else yield any ? "</sheetData>" : "<sheetData/>";
}

/** The model's conditional formats that are written, each with its differential format (dxfs index). */
function conditionalFormats(
  model: SheetModel,
  styles: StyleTable
): { cf: SheetModel["conditionalFormats"][number]; range: RangeRef; dxf: number }[] {
  const out: { cf: SheetModel["conditionalFormats"][number]; range: RangeRef; dxf: number }[] = [];
  for (const cf of model.conditionalFormats) {
    const range = clipRange(cf.range);
    if (range) out.push({ cf, range, dxf: styles.dxf(cf.style) });
  }
  return out;
}

function conditionalFormatsXml(
  formats: ReturnType<typeof conditionalFormats>,
  dxfOf: (i: number) => number
): string {
  return formats
    .map(({ cf, range, dxf }, i) => {
      const head = `type="${cf.type === "blankCell" ? "expression" : "cellIs"}" dxfId="${dxfOf(dxf)}" priority="${i + 1}"`;
      const rule =
        cf.type === "blankCell"
          ? `<cfRule ${head}><formula>${xmlEscape(`LEN($${columnLetter(cf.testCol)}${range.row + 1})=0`)}</formula></cfRule>`
          : `<cfRule ${head} operator="${cf.operator}"><formula>${xmlEscape(String(cf.value))}</formula></cfRule>`;
      return `<conditionalFormatting sqref="${rangeAddress(range)}">${rule}</conditionalFormatting>`;
    })
    .join("");
}

function validationsXml(plans: ValidationPlan[]): string {
  if (!plans.length) return "";
  const items = plans.map((v) => {
    const formula = v.source.kind === "inline" ? `"${v.source.text}"` : v.source.ref;
    return (
      '<dataValidation type="list" allowBlank="1"' +
      (v.prompt ? ` showInputMessage="1" prompt="${xmlEscape(v.prompt)}"` : "") +
      ` showErrorMessage="1" errorStyle="${v.error.style}" errorTitle="${xmlEscape(v.error.title)}"` +
      ` error="${xmlEscape(v.error.message)}" sqref="${rangeAddress(v.range)}">` +
      `<formula1>${xmlEscape(formula)}</formula1></dataValidation>`
    );
  });
  return `<dataValidations count="${items.length}">${items.join("")}</dataValidations>`;
}

function printXml(model: SheetModel): string {
  const layout = printLayout(model.print);
  const m = layout.margins;
  let out =
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${PAPER_SIZE[layout.paper]}" orientation="${layout.orientation}"` +
    (layout.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "") +
    "/>";
  if (layout.footer)
    out += `<headerFooter><oddFooter>${xmlEscape(layout.footer)}</oddFooter></headerFooter>`;
  if (layout.rowBreaks.length)
    out +=
      `<rowBreaks count="${layout.rowBreaks.length}" manualBreakCount="${layout.rowBreaks.length}">` +
      layout.rowBreaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("") +
      "</rowBreaks>";
  return out;
}

/** The print areas and print titles of a sheet, as its _xlnm defined names' texts (null: none). */
export function printNames(model: SheetModel): { area: string | null; titles: string | null } {
  const layout = printLayout(model.print);
  const sheet = `'${model.name.replace(/'/g, "''")}'`;
  const area = layout.areas.length
    ? layout.areas.map((a) => `${sheet}!${absoluteRange(a)}`).join(",")
    : null;
  const titles = [layout.titleCols, layout.titleRows]
    .filter((t): t is string => !!t)
    .map((t) => `${sheet}!${t}`)
    .join(",");
  return { area, titles: titles || null };
}

/** Style indices as the package that receives the sheet numbers them (transplant.ts's merge). */
export interface StyleNumbers {
  xf(i: number): number;
  dxf(i: number): number;
}

const SAME: StyleNumbers = { xf: (i) => i, dxf: (i) => i };

/** A worksheet part ready to write: its cell formats are in the style table; `render` writes the XML. */
export interface PreparedWorksheet {
  render(numbers?: StyleNumbers): string;
  /** The same XML as UTF-8 bytes, encoded a thousand rows at a time (never one string of the whole sheet). */
  bytes(numbers?: StyleNumbers): Buffer;
}

/**
 * A model's worksheet part, in two steps: preparing registers every cell format and conditional format with the
 * style table (so styles.xml is complete, and can be merged into the user's, before any cell is written); `render`
 * then writes the cells with the final style numbers, never rewriting the XML afterwards.
 */
export function prepareWorksheet(
  model: SheetModel,
  styles: StyleTable,
  links: SheetLinks
): PreparedWorksheet {
  const layout = new CellLayout(
    model,
    styles,
    links.tables.map((t) => t.plan)
  );
  layout.register();
  const validations = planValidations(model.validations, layout.area.cols);
  const helpers = helperLists(validations);
  if ([...helpers.values()].some((items) => items.some(isFormulaLike))) layout.quoted();
  const formats = conditionalFormats(model, styles);
  function* pieces(numbers: StyleNumbers): Generator<string> {
    const attrs = new Map<number, string>();
    const attr = (xf: number): string => {
      let a = attrs.get(xf);
      if (a === undefined) {
        const n = numbers.xf(xf);
        attrs.set(xf, (a = n ? ` s="${n}"` : ""));
      }
      return a;
    };
    const { levels, max } = outlineLevels(model);
    const dimension =
      layout.area.rows && layout.area.cols
        ? `<dimension ref="${rangeAddress({ row: 0, col: 0, ...layout.area })}"/>`
        : "";
    const tables = links.tables.length
      ? `<tableParts count="${links.tables.length}">${links.tables.map((t) => `<tablePart r:id="${t.relId}"/>`).join("")}</tableParts>`
      : "";
    yield (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
      sheetPrXml(model, max) +
      dimension +
      sheetViewsXml(model) +
      `<sheetFormatPr defaultRowHeight="15"${max ? ` outlineLevelRow="${max}"` : ""}/>` +
      colsXml(model, helpers)
    );
    yield* sheetDataXml(layout, helpers, levels, rowHeights(model), attr);
    yield (
      conditionalFormatsXml(formats, (i) => numbers.dxf(i)) +
      validationsXml(validations) +
      printXml(model) +
      (links.drawingRelId ? `<drawing r:id="${links.drawingRelId}"/>` : "") +
      (links.legacyDrawingRelId ? `<legacyDrawing r:id="${links.legacyDrawingRelId}"/>` : "") +
      tables +
      "</worksheet>"
    );
  }
  return {
    render: (numbers = SAME) => [...pieces(numbers)].join(""),
    bytes: (numbers = SAME) =>
      Buffer.concat(Array.from(pieces(numbers), (p) => Buffer.from(p, "utf8"))),
  };
}
