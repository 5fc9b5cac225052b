/**
 * What the reader needs from a package's styles part and workbook part, whatever namespace prefix they use (the
 * Open XML SDK writes `<x:styleSheet xmlns:x="…">`): the number format of each cell style (cellXfs index → format
 * code), and the workbook's date system.
 */
import { builtInFormat, isDateFormat, type DateSystem } from "../core/number-format";
import { attributes } from "./package";

/** The inner text of the first `<prefix:tag …>…</prefix:tag>` of the part, whatever its prefix; null when absent. */
function element(xml: string, tag: string): string | null {
  const open = new RegExp(`<(?:[\\w.-]+:)?${tag}(?:\\s[^>]*)?(/?)>`).exec(xml);
  if (!open) return null;
  if (open[1] === "/") return "";
  const from = open.index + open[0].length;
  const close = new RegExp(`</(?:[\\w.-]+:)?${tag}\\s*>`, "g");
  close.lastIndex = from;
  const end = close.exec(xml);
  return end ? xml.slice(from, end.index) : null;
}

/** The start tags of `tag` children in a section's inner text. */
function startTags(inner: string, tag: string): string[] {
  return [...inner.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b[^>]*>`, "g"))].map((m) => m[0]);
}

/** The styles of a package as the reader uses them. */
export interface CellStyles {
  /** Number format code per cell style (cellXfs index); "General" where none is set. */
  formats: string[];
  /** Per cell style: its format shows a date (a serial in the workbook's date system). */
  isDate: boolean[];
}

/** The cell styles of a styles part (null or unreadable: every cell is General). */
export function readCellStyles(xml: string | null): CellStyles {
  const formats: string[] = [];
  if (xml) {
    const custom = new Map<number, string>();
    for (const tag of startTags(element(xml, "numFmts") ?? "", "numFmt")) {
      const a = attributes(tag);
      const id = Number(a.numFmtId);
      if (Number.isInteger(id) && a.formatCode !== undefined) custom.set(id, a.formatCode);
    }
    for (const tag of startTags(element(xml, "cellXfs") ?? "", "xf")) {
      const id = Number(attributes(tag).numFmtId ?? 0);
      formats.push(custom.get(id) ?? builtInFormat(id) ?? "General");
    }
  }
  return { formats, isDate: formats.map(isDateFormat) };
}

/** The workbook part's date system: 1904 when `<workbookPr date1904="1"/>` (or "true") says so. */
export function dateSystemOf(workbookXml: string): DateSystem {
  const m = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(workbookXml);
  const v = m ? attributes(m[0]).date1904 : undefined;
  return v === "1" || v?.toLowerCase() === "true" ? 1904 : 1900;
}
