/**
 * Dates as people put them in plan sheets and plan files: Excel serial numbers (1900 date system),
 * ISO text ("2026-03-15"), US text ("3/15/2026") and written dates ("March 15, 2026", "15 March 2026").
 */
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parse } from "date-fns/parse";
import type { CellValue } from "../types";

/** Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 1900-02-29 (serial 60). */
const EXCEL_EPOCH = new Date(1899, 11, 30);

/** Excel serial (1900 system) → ISO date; null when the number cannot be a date in a plan (before 1900 or after 9999). */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2958465) return null;
  return format(addDays(EXCEL_EPOCH, Math.floor(serial)), "yyyy-MM-dd");
}

/** ISO date → Excel serial (1900 system). */
export function isoToSerial(iso: string): number {
  const d = parse(iso, "yyyy-MM-dd", new Date(2000, 0, 1));
  const utc = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((utc - Date.UTC(1899, 11, 30)) / 86400000);
}

const TEXT_FORMATS = [
  "yyyy-MM-dd",
  "yyyy-M-d",
  "yyyy/M/d",
  "M/d/yyyy",
  "M/d/yy",
  "M-d-yyyy",
  "MMMM d, yyyy",
  "MMMM d yyyy",
  "MMM d, yyyy",
  "MMM d yyyy",
  "MMM. d, yyyy",
  "d MMMM yyyy",
  "d MMM yyyy",
  "d-MMM-yyyy",
  "d-MMM-yy",
];

/** True when `text` is a real ISO calendar date (YYYY-MM-DD). */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = parse(text, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(d) && format(d, "yyyy-MM-dd") === text;
}

/** Text → ISO date, or null when it is not a date in any accepted form. */
export function parseDateText(text: string): string | null {
  const t = text
    .trim()
    .replace(/\s+/g, " ")
    .replace(/(\d)(st|nd|rd|th)\b/gi, "$1");
  if (!t) return null;
  // An Excel serial that arrived as text ("45658").
  if (/^\d{5}(\.\d+)?$/.test(t)) return serialToIso(Number(t));
  // An ISO timestamp ("2026-03-15T00:00:00.000Z"): its date part.
  const ts = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (ts) return isIsoDate(ts[1]) ? ts[1] : null;
  const ref = new Date(2000, 0, 1);
  for (const f of TEXT_FORMATS) {
    const d = parse(t, f, ref);
    if (isValid(d) && d.getFullYear() >= 1900 && d.getFullYear() <= 9999)
      return format(d, "yyyy-MM-dd");
  }
  return null;
}

/** A cell → ISO date; `empty` for a blank cell; null when the cell holds something that is not a date. */
export function cellToIsoDate(value: CellValue): string | null | "empty" {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "number") return serialToIso(value);
  if (typeof value === "boolean") return null;
  if (value.trim() === "") return "empty";
  return parseDateText(value);
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthDay(month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return null;
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return -1;
  return MONTHS.findIndex((m) => m.startsWith(w));
}

/**
 * A fiscal-year start → "MM-DD": "07-01", "7/1", "July 1", "1 July", "Jul 1", or a full date (its month and day;
 * Excel turns a typed "07-01" into a date serial). Null when it is not a month and day.
 */
export function parseMonthDay(value: CellValue): string | null {
  if (value === null || typeof value === "boolean") return null;
  if (typeof value === "number") {
    const iso = serialToIso(value);
    return iso ? iso.slice(5) : null;
  }
  const t = value.trim().replace(/(\d)(st|nd|rd|th)\b/gi, "$1");
  let m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return monthDay(Number(m[1]), Number(m[2]));
  m = /^([A-Za-z]+\.?)\s*(\d{1,2})$/.exec(t);
  if (m) {
    const i = monthIndex(m[1]);
    return i < 0 ? null : monthDay(i + 1, Number(m[2]));
  }
  m = /^(\d{1,2})\s*([A-Za-z]+\.?)$/.exec(t);
  if (m) {
    const i = monthIndex(m[2]);
    return i < 0 ? null : monthDay(i + 1, Number(m[1]));
  }
  const full = parseDateText(t);
  return full ? full.slice(5) : null;
}

/** ISO date in plain words for messages: "Mar 15, 2026". */
export function displayDate(iso: string): string {
  if (!isIsoDate(iso)) return iso;
  return format(parse(iso, "yyyy-MM-dd", new Date(2000, 0, 1)), "MMM d, yyyy");
}
