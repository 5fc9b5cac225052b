/**
 * ST_Xstring: how .xlsx carries text XML cannot (control characters, and underscores that would read as an
 * escape). One writer and one reader, shared by every part of the package port (no exceljs here, so the CLI loads
 * it only when a test asks for the exceljs writer).
 */

/**
 * Cell text as .xlsx stores it (ECMA-376 ST_Xstring). XML cannot carry a carriage return (a reader turns it into a
 * line feed) nor most other control characters, so Excel writes them as _xHHHH_ (CR → _x000D_), and an
 * underscore that would otherwise start such an escape as _x005F_ ("_x000D_" typed by a user → "_x005F_x000D_").
 * exceljs does neither, and its full reader decodes _xHHHH_ in shared strings, so every text written goes
 * through here. Tabs and line feeds stay as they are.
 */
export function toXstring(text: string): string {
  if (!XSTRING_SPECIAL.test(text)) return text;
  return text
    .replace(XSTRING_UNDERSCORE, "_x005F_")
    .replace(
      XSTRING_CONTROL,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
    );
}
/* eslint-disable no-control-regex -- these match exactly the control characters XML cannot carry */
/** Control characters other than tab and line feed (CR included). */
const XSTRING_CONTROL = /[\x00-\x08\x0b-\x1f]/g;
const XSTRING_SPECIAL = /[\x00-\x08\x0b-\x1f_]/;
/** An underscore the reader would take for the start of an escape: _xHHHH followed by _ or a control character. */
const XSTRING_UNDERSCORE = /_(?=x[0-9A-Fa-f]{4}(?:_|[\x00-\x08\x0b-\x1f]))/g;
/* eslint-enable no-control-regex */

/**
 * Text read from .xlsx where exceljs has not decoded the ST_Xstring escapes (its streaming reader; formula
 * results): _x000D_ → CR, _x005F_ → "_". Decodes as exceljs's full reader does for shared strings, so both
 * readers give the same text.
 */
export function fromXstring(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}
