/**
 * What a cell's number format says about the number it holds, the one place both ports and the budget reader ask:
 * whether the number is a date (so its serial depends on the workbook's date system), and by how much the format
 * divides the number on screen (`#,##0,` shows 145,442,136 as 145,442: the cell holds dollars shown as thousands).
 */

/** Days between the 1900 and the 1904 date systems: serial 0 in 1904 is 1904-01-01, serial 1462 in 1900. */
export const DAYS_1904 = 1462;

/** The workbook's date system: Excel's default (1900) or the Mac's old one (1904, `<workbookPr date1904="1"/>`). */
export type DateSystem = 1900 | 1904;

/** Excel's built-in number formats by ID (those a cell can name without a <numFmt> of its own). */
const BUILT_IN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: '"$"#,##0_);("$"#,##0)',
  6: '"$"#,##0_);[Red]("$"#,##0)',
  7: '"$"#,##0.00_);("$"#,##0.00)',
  8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yyyy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yyyy h:mm",
  37: "#,##0_);(#,##0)",
  38: "#,##0_);[Red](#,##0)",
  39: "#,##0.00_);(#,##0.00)",
  40: "#,##0.00_);[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mm:ss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Built-in IDs that are dates in some locale only (27–36, 50–58: East Asian date formats). */
const LOCALE_DATE_IDS = new Set([
  27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** The format code of a built-in ID, or of a locale date ID ("m/d/yyyy" stands in); undefined for others. */
export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id] ?? (LOCALE_DATE_IDS.has(id) ? "m/d/yyyy" : undefined);
}

/** The format's sections' codes with quoted text, escaped characters and [brackets] (colours, locales) left out. */
function bareCode(code: string): string {
  return code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    .replace(/\[[^\]]*\]/g, (b) => (/^\[(h+|m+|s+)\]$/i.test(b) ? "h" : ""));
}

/** True when a number under this format shows as a date or time (so it is a serial in the date system). */
export function isDateFormat(code: string): boolean {
  if (!code || /^general$/i.test(code)) return false;
  const first = bareCode(code.split(";")[0]);
  return /[dmyhs]/i.test(first.replace(/E[+-]/gi, "")) && !/^[#0?,.%\s]*$/.test(first);
}

/**
 * By how much the format divides the number it shows: 1000 for `#,##0,` (a comma right after the last digit
 * placeholder: "thousands"), 1,000,000 for `#,##0,,`, else 1. Only the positive section is read.
 */
export function displayScale(code: string): number {
  if (!code || isDateFormat(code)) return 1;
  const first = bareCode(code.split(";")[0]);
  const m = /[0#?](?:\.[0#?]*)?(,+)(?![0#?])/.exec(first);
  return m ? 1000 ** Math.min(m[1].length, 2) : 1;
}
