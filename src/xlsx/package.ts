/**
 * Reading and editing the parts of a saved .xlsx package (a zip of XML parts tied together by relationship parts):
 * the small XML helpers the chart writer (charts.ts) and the CLI's package writer (transplant.ts, package-port.ts)
 * share.
 */
import type JSZip from "jszip";

/** The namespace of relationship parts. */
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Characters XML 1.0 does not allow (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Any character xmlEscape changes or removes (most texts have none, and are returned as they are). */
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlEscape(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(
          e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        );
    }
  });
}

/** Attributes of one start tag's text (`<x a="1" b='2'>`), prefixes kept ("r:id"). */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out[m[1]] = xmlUnescape(m[2] ?? m[3] ?? "");
  return out;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function parseRels(xml: string | null): Relationship[] {
  if (!xml) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    out.push({ id: a.Id, type: a.Type, target: a.Target });
  }
  return out;
}

export function renderRels(rels: Relationship[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${xmlEscape(r.id)}" Type="${xmlEscape(r.type)}" Target="${xmlEscape(r.target)}"/>`
      )
      .join("") +
    `</Relationships>`
  );
}

export function nextRelId(rels: Relationship[]): string {
  let n = rels.length + 1;
  const ids = new Set(rels.map((r) => r.id));
  while (ids.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** "xl/worksheets/sheet1.xml" + "../drawings/drawing1.xml" → "xl/drawings/drawing1.xml". */
export function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** "xl/drawings/drawing1.xml" seen from "xl/worksheets/sheet1.xml" → "../drawings/drawing1.xml". */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

export async function readText(zip: JSZip, part: string): Promise<string | null> {
  const f = zip.file(part);
  return f ? f.async("string") : null;
}

export function nextPartNumber(zip: JSZip, folder: string, stem: string): number {
  let max = 0;
  const re = new RegExp(`^${folder}/${stem}(\\d+)\\.xml$`);
  zip.forEach((p) => {
    const m = re.exec(p);
    if (m) max = Math.max(max, Number(m[1]));
  });
  return max + 1;
}

/** The workbook's sheets in tab order: name, part and kind ("worksheet" or "chartsheet"). */
export async function sheetParts(
  zip: JSZip
): Promise<{ name: string; part: string; kind: "worksheet" | "chartsheet" | "other" }[]> {
  const workbookXml = await readText(zip, "xl/workbook.xml");
  const rels = parseRels(await readText(zip, "xl/_rels/workbook.xml.rels"));
  const out: { name: string; part: string; kind: "worksheet" | "chartsheet" | "other" }[] = [];
  for (const m of (workbookXml ?? "").matchAll(/<sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const rel = rels.find((r) => r.id === a["r:id"]);
    if (!a.name || !rel) continue;
    const kind = /\/chartsheet$/.test(rel.type)
      ? "chartsheet"
      : /\/worksheet$/.test(rel.type)
        ? "worksheet"
        : "other";
    out.push({ name: a.name, part: resolvePart("xl/workbook.xml", rel.target), kind });
  }
  return out;
}
