/**
 * Which sheets are ours, and where each report sheet goes: one rule, used by the workflow for both ports.
 *
 * A report sheet is ours when it carries our marker: a workbook-scoped defined name `_BudgetAlignment_<Report>`
 * that refers to cell A1 of the sheet (`'Alignment (2)'!$A$1`). The name follows the sheet when someone renames
 * it, and turns into `#REF!` when someone deletes it, so a sheet the user makes later under the same name is
 * never taken for ours. The ports only read the marker (SheetInfo.report) and write it (SheetModel.report); a sheet
 * is never taken for ours by its name alone, nor because the saved state lists that name.
 *
 * Workbooks written before the marker existed: a worksheet under the report's own name whose title cell is our
 * title ("Budget Alignment — …") is ours.
 *
 * Any other sheet under a report's name (a worksheet, chart sheet, dialog or macro sheet of the user's) is kept as
 * it is, and the report takes the first free name ("Alignment (2)", "Alignment (3)", …), with a warning saying so.
 */
import { normName } from "./keys";
import type { SheetInfo } from "./port";
import type { Issue, SheetCells } from "./types";

export const REPORT_SHEETS = ["Alignment", "Review", "Timetable", "Scorecard", "Programs"] as const;
export type ReportSheet = (typeof REPORT_SHEETS)[number];

const MARKER_PREFIX = "_BudgetAlignment_";
/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

/** The defined name that marks a report sheet as ours. */
export function markerName(report: ReportSheet): string {
  return `${MARKER_PREFIX}${report}`;
}

/** The report a defined name marks, or null when it is not one of our markers. */
export function reportOfMarker(definedName: string): ReportSheet | null {
  const lower = definedName.toLowerCase();
  return REPORT_SHEETS.find((r) => markerName(r).toLowerCase() === lower) ?? null;
}

/** What a marker refers to: cell A1 of the sheet (without the leading "=", as a package stores it). */
export function markerRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

/**
 * The sheet a marker's reference names ("'Alignment (2)'!$A$1", "=Alignment!$A$1"), or null when it names none
 * (the sheet was deleted: "#REF!", "=#REF!$A$1").
 */
export function sheetOfMarkerRef(ref: string): string | null {
  const text = ref.trim().replace(/^=/, "");
  const quoted = /^'((?:[^']|'')+)'!/.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^'!#][^!]*)!/.exec(text);
  return plain ? plain[1] : null;
}

/** The kind of sheet a SheetInfo describes (a worksheet when the port does not say). */
export function sheetType(s: SheetInfo): NonNullable<SheetInfo["type"]> {
  return s.type ?? "worksheet";
}

const sameName = (a: string, b: string) => normName(a) === normName(b);

/**
 * True when a sheet's title cell is ours: the first text of its first two rows is "Budget Alignment" or
 * "Budget Alignment — …" (how reports written before the marker are recognised). A person's own sheet that merely
 * mentions the words somewhere near the top is not ours.
 */
export function hasOurTitle(cells: SheetCells | undefined): boolean {
  if (!cells) return false;
  for (const row of cells.values.slice(0, 2)) {
    const first = row.find((v) => v !== "" && v !== null);
    if (first === undefined) continue;
    return typeof first === "string" && /^Budget Alignment( — .*)?$/.test(first.trim());
  }
  return false;
}

export interface ReportSheetPlan {
  /** The sheet each report is written to. */
  names: Record<ReportSheet, string>;
  /** The reports whose sheet exists and is ours (it is read back and replaced in place). */
  ours: Partial<Record<ReportSheet, string>>;
  /** The user's sheets under a report's name, kept; the report goes to `names[report]` instead. */
  kept: { report: ReportSheet; sheet: string; type: NonNullable<SheetInfo["type"]> }[];
}

/** The sheets that may be ours (marked, or under a report's name): the ones a run must read to decide. */
export function possibleReportSheets(sheets: SheetInfo[]): SheetInfo[] {
  return sheets.filter(
    (s) =>
      sheetType(s) === "worksheet" &&
      (s.report !== undefined || REPORT_SHEETS.some((r) => sameName(r, s.name)))
  );
}

/**
 * Where each report goes. `cellsOf` gives the values of a sheet of `possibleReportSheets` (for the title rule of
 * workbooks written before the marker).
 */
export function planReportSheets(
  sheets: SheetInfo[],
  cellsOf: (name: string) => SheetCells | undefined
): ReportSheetPlan {
  const names = {} as Record<ReportSheet, string>;
  const ours: ReportSheetPlan["ours"] = {};
  const kept: ReportSheetPlan["kept"] = [];
  const claimed = new Set<string>();
  // First the sheets that are ours, so a free name is never one of theirs.
  for (const report of REPORT_SHEETS) {
    const marked = sheets.find((s) => s.report === report && sheetType(s) === "worksheet");
    const legacy = sheets.find(
      (s) =>
        sameName(s.name, report) &&
        sheetType(s) === "worksheet" &&
        s.report === undefined &&
        !marked &&
        hasOurTitle(cellsOf(s.name))
    );
    const mine = marked ?? legacy;
    if (mine && !claimed.has(normName(mine.name))) {
      ours[report] = mine.name;
      names[report] = mine.name;
      claimed.add(normName(mine.name));
    }
  }
  const taken = (name: string) =>
    claimed.has(normName(name)) || sheets.some((s) => sameName(s.name, name));
  for (const report of REPORT_SHEETS) {
    if (names[report]) continue;
    const theirs = sheets.find((s) => sameName(s.name, report));
    let name: string = report;
    for (let n = 2; taken(name); n++) name = `${report} (${n})`.slice(0, MAX_SHEET_NAME);
    names[report] = name;
    claimed.add(normName(name));
    if (theirs) kept.push({ report, sheet: theirs.name, type: sheetType(theirs) });
  }
  return { names, ours, kept };
}

const TYPE_WORDS: Record<NonNullable<SheetInfo["type"]>, string> = {
  worksheet: "sheet",
  chart: "chart sheet",
  dialog: "dialog sheet",
  macro: "macro sheet",
  unlisted: "chart, dialog or macro sheet",
};

/** One warning per user sheet kept under a report's name, saying where the report went instead. */
export function keptSheetIssues(plan: ReportSheetPlan): Issue[] {
  return plan.kept.map((k) => ({
    severity: "warning",
    code: "sheet.name-taken",
    sheet: k.sheet,
    message:
      `A ${TYPE_WORDS[k.type]} named "${k.sheet}" already exists and was not made by Budget Alignment: it is ` +
      `kept as it is, and the ${k.report} report is written to the sheet "${plan.names[k.report]}".`,
  }));
}
