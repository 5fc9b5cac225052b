/**
 * The styles part (xl/styles.xml) of our generated sheets, written directly: one cell format (<xf>) per
 * combination of look (a StyleSpec from src/core/reports/styles.ts, layered as model-grid.ts lays them), number
 * format and Excel's quote prefix, and one differential format (<dxf>) per conditional format's style. Fonts, fills,
 * borders and number formats are shared among the formats that use them. transplant.ts merges this part into the
 * user's styles.xml (equal entries shared, ours appended) and renumbers our cells.
 */
import { STYLES } from "../core/reports/styles";
import type { StyleName, StyleSpec } from "../core/types";
import { xmlEscape } from "./package";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The default font (index 0), as Excel's blank workbook has it. */
const DEFAULT_FONT =
  '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>';
const DEFAULT_FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
];
const DEFAULT_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>";

/** "#1f4e79" → "FF1F4E79" (ARGB, opaque); anything unreadable is black. */
export function argbOf(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  return /^[0-9A-F]{6}$/.test(h) ? `FF${h}` : /^[0-9A-F]{8}$/.test(h) ? h : "FF000000";
}

function fontXml(spec: StyleSpec): string | null {
  if (!spec.bold && !spec.italic && !spec.fontSize && !spec.fontColor) return null;
  return (
    "<font>" +
    (spec.bold ? "<b/>" : "") +
    (spec.italic ? "<i/>" : "") +
    (spec.fontColor ? `<color rgb="${argbOf(spec.fontColor)}"/>` : "") +
    `<family val="2"/><sz val="${spec.fontSize ?? 11}"/><name val="Calibri"/></font>`
  );
}

function fillXml(color: string | undefined, withBackground: boolean): string | null {
  if (!color) return null;
  const c = argbOf(color);
  return (
    `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/>` +
    (withBackground ? `<bgColor rgb="${c}"/>` : "") +
    "</patternFill></fill>"
  );
}

function borderXml(spec: StyleSpec): string | null {
  if (!spec.borderTop && !spec.borderBottom) return null;
  const side = (name: string, style: string | undefined) =>
    style ? `<${name} style="${style}"/>` : `<${name}/>`;
  return `<border><left/><right/>${side("top", spec.borderTop)}${side("bottom", spec.borderBottom)}<diagonal/></border>`;
}

function alignmentXml(spec: StyleSpec): string | null {
  if (!spec.wrap && !spec.horizontal) return null;
  return (
    "<alignment" +
    (spec.horizontal ? ` horizontal="${spec.horizontal}"` : "") +
    (spec.wrap ? ' wrapText="1"' : "") +
    "/>"
  );
}

/** A list of distinct XML items, each with its index. */
class Pool {
  readonly items: string[];
  private readonly index = new Map<string, number>();
  constructor(initial: string[]) {
    this.items = [...initial];
    this.items.forEach((x, i) => this.index.set(x, i));
  }
  add(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) this.index.set(item, (i = this.items.push(item) - 1));
    return i;
  }
}

function section(tag: string, items: string[]): string {
  return `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
}

/** The cell formats and differential formats of one generated package. */
export class StyleTable {
  private readonly fonts = new Pool([DEFAULT_FONT]);
  private readonly fills = new Pool(DEFAULT_FILLS);
  private readonly borders = new Pool([DEFAULT_BORDER]);
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = new Pool([
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ]);
  private readonly dxfs = new Pool([]);

  private numFmtId(code: string): number {
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  /**
   * The cellXfs index of a cell with this look, number format and quote prefix (0: the default format).
   */
  xf(spec: StyleSpec | null, format: string | null, quote: boolean): number {
    if (!spec && !format && !quote) return 0;
    const s = spec ?? {};
    const font = fontXml(s);
    const fill = fillXml(s.fill, false);
    const border = borderXml(s);
    const alignment = alignmentXml(s);
    const numFmtId = format ? this.numFmtId(format) : 0;
    const fontId = font ? this.fonts.add(font) : 0;
    const fillId = fill ? this.fills.add(fill) : 0;
    const borderId = border ? this.borders.add(border) : 0;
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (alignment ? ' applyAlignment="1"' : "") +
      (quote ? ' quotePrefix="1"' : "") +
      (alignment ? `>${alignment}</xf>` : "/>");
    return this.xfs.add(xml);
  }

  /** The dxfs index of the differential format (font colour, bold, italic, fill) of a named style. */
  dxf(name: StyleName): number {
    const spec = STYLES[name] ?? {};
    const font =
      spec.bold || spec.italic || spec.fontColor
        ? "<font>" +
          (spec.bold ? "<b/>" : "") +
          (spec.italic ? "<i/>" : "") +
          (spec.fontColor ? `<color rgb="${argbOf(spec.fontColor)}"/>` : "") +
          "</font>"
        : "";
    // In a differential format a solid fill's colour is its background colour.
    return this.dxfs.add(`<dxf>${font}${fillXml(spec.fill, true) ?? ""}</dxf>`);
  }

  /** styles.xml. */
  render(): string {
    const numFmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`
    );
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? section("numFmts", numFmts) : "") +
      section("fonts", this.fonts.items) +
      section("fills", this.fills.items) +
      section("borders", this.borders.items) +
      section("cellStyleXfs", ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']) +
      section("cellXfs", this.xfs.items) +
      section("cellStyles", ['<cellStyle name="Normal" xfId="0" builtinId="0"/>']) +
      section("dxfs", this.dxfs.items) +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}
