/**
 * The one place that decides how the generated sheets look. Sheet models name a style; both ports
 * (src/excel over Office.js, src/xlsx over exceljs) turn the name into fonts, fills and borders from here.
 */
import type { StyleName, StyleSpec } from "../types";

/** Colours: Office's blue accent family and neutral greys, readable in print and on screen. */
export const COLORS = {
  accent: "#1F4E79",
  accentLight: "#DDEBF7",
  accentMid: "#9BC2E6",
  grey: "#595959",
  greyLight: "#F2F2F2",
  warningFill: "#FFF2CC",
  warningText: "#7F6000",
  flagFill: "#FCE4D6",
  flagText: "#9C0006",
  todayFill: "#FFD966",
  overdueFill: "#F8CBAD",
  reviewFill: "#C6E0B4",
  inputFill: "#FFFFE0",
} as const;

/** Font size of compactText. */
export const COMPACT_PT = 10;

export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, fontSize: 16, fontColor: COLORS.accent },
  subtitle: { fontSize: 11, fontColor: COLORS.grey },
  note: { italic: true, fontSize: 9, fontColor: COLORS.grey, wrap: false },
  sectionHeader: { bold: true, fontSize: 12, fontColor: COLORS.accent, borderBottom: "medium" },
  tableHeader: { bold: true, fill: COLORS.accent, fontColor: "#FFFFFF", wrap: true },
  headline: { fontColor: COLORS.grey },
  headlineValue: { bold: true, fontSize: 12 },
  subtotal: { bold: true, fill: COLORS.greyLight, borderTop: "thin" },
  total: { bold: true, borderTop: "thin", borderBottom: "double" },
  flag: { fill: COLORS.flagFill, fontColor: COLORS.flagText, wrap: true },
  warning: { fill: COLORS.warningFill, fontColor: COLORS.warningText },
  muted: { fontColor: COLORS.grey, wrap: true },
  /** Text that wraps in its column (long names, explanations) rather than running under its neighbour. */
  wrapText: { wrap: true },
  /** A long printed table's body (the Review sheet): 10 pt, wrapping, so its rows hold more on a page. */
  compactText: { fontSize: COMPACT_PT, wrap: true },
  gridSpan: { fill: COLORS.accentMid },
  /** Dark text: over a table header (this month's column head) white would not read on gold. */
  gridToday: { fill: COLORS.todayFill, fontColor: "#000000" },
  gridOverdue: { fill: COLORS.overdueFill },
  gridReview: { fill: COLORS.reviewFill, horizontal: "center" },
  inputCell: { fill: COLORS.inputFill, wrap: true },
  suggestedInput: { fill: COLORS.inputFill, italic: true, fontColor: COLORS.grey, wrap: true },
};

/**
 * Number formats used across the reports. Each leaves a space's width free on the right ("_)"), so a number
 * never runs into the text of the cell to its right ("$23,856,938 Behind pace", not "$23,856,938Behind pace").
 */
export const FORMATS = {
  currency: '"$"#,##0_);[Red]-"$"#,##0_)',
  currencyCents: '"$"#,##0.00_);[Red]-"$"#,##0.00_)',
  percent: "0.0%_)",
  integer: "#,##0_)",
  date: "yyyy-mm-dd_)",
  confidence: "0%_)",
  /** Scores and weights of the Programs sheet (0–4, weights such as 1.5). */
  score: "0.0#_)",
  /** Staff positions (FTE): 12.5, 3. */
  fte: "#,##0.0#_)",
  /** What-if changes: +5.0% / -10.0%. */
  change: "+0.0%_);-0.0%_);0.0%_)",
} as const;
