/**
 * A sheet's cell notes as Excel writes legacy notes ("comments" in SpreadsheetML): the comments part (who wrote
 * them and the text, by cell) and the VML drawing that gives each note its box (hidden until the pointer rests on
 * the cell, as a note is). The worksheet names the VML drawing in <legacyDrawing>; both parts are the sheet's
 * relationships. Excel, LibreOffice, exceljs and openpyxl read notes from these two parts.
 */
import { cellAddress } from "../core/a1";
import { sheetNotes } from "../core/sheet-rules";
import type { CellNote } from "../core/types";
import { xmlEscape } from "./package";
import { toXstring } from "./xstring";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const CT_COMMENTS =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
export const CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_COMMENTS = `${NS_REL}/comments`;
export const REL_VML = `${NS_REL}/vmlDrawing`;

/** Who the notes are by, as Excel shows it above a note's text. */
export const NOTE_AUTHOR = "Budget Alignment";

function textXml(text: string): string {
  const t = xmlEscape(toXstring(text));
  return /^\s|\s$|\n/.test(t) ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`;
}

/** The comments part: one author, one <comment> per note. */
export function commentsXml(notes: readonly CellNote[]): string {
  const list = sheetNotes(notes)
    .map(
      (n) =>
        `<comment ref="${cellAddress(n.row, n.col)}" authorId="0"><text><r>${textXml(n.text)}</r></text></comment>`
    )
    .join("");
  return (
    XML_HEAD +
    `<comments xmlns="${NS_MAIN}"><authors><author>${xmlEscape(NOTE_AUTHOR)}</author></authors>` +
    `<commentList>${list}</commentList></comments>`
  );
}

/**
 * The VML drawing of the notes' boxes. `block` numbers the sheet's shapes (ids block×1024 + 1 …), different for
 * each sheet of the package, as Excel numbers them.
 */
export function notesVml(notes: readonly CellNote[], block: number): string {
  const shapes = sheetNotes(notes)
    .map((n, i) => {
      const lines = Math.min(
        12,
        Math.max(3, Math.ceil(n.text.length / 40) + n.text.split("\n").length)
      );
      // The box: from the column right of the cell, 3 columns wide, as many rows tall as its text needs.
      const anchor = [n.col + 1, 15, n.row, 2, n.col + 4, 15, n.row + lines, 4].join(", ");
      return (
        `<v:shape id="_x0000_s${block * 1024 + i + 1}" type="#_x0000_t202" ` +
        `style="position:absolute;margin-left:80pt;margin-top:2pt;width:190pt;height:${lines * 15}pt;z-index:${i + 1};visibility:hidden" ` +
        `fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>' +
        `<x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
        `<x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData>` +
        "</v:shape>"
      );
    })
    .join("");
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes +
    "</xml>"
  );
}
