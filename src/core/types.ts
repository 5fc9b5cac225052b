/**
 * Shared domain types for Budget Alignment.
 *
 * Everything in src/core is pure: plain data in, plain data out. No Office, no DOM, no Node APIs.
 * The ports (src/excel over Office.js, src/xlsx over exceljs) turn workbooks into these shapes and back.
 */

import type { TaxonomyData } from "./tagging/functions";

// ---------------------------------------------------------------------------------------------
// Cells and sheets as the ports hand them to the core
// ---------------------------------------------------------------------------------------------

/**
 * A cell value as Excel returns it through `range.values`: numbers (dates are serial numbers), strings,
 * booleans, or "" for a blank. Error values arrive as strings such as "#REF!" or "#N/A".
 * `null` is accepted too (exceljs gives it for empty cells).
 */
export type CellValue = string | number | boolean | null;

/** A worksheet's used range as plain values. `values[0][0]` is the cell at (startRow, startCol). */
export interface SheetCells {
  name: string;
  /** 0-based row index of values[0] in the worksheet (usually 0). */
  startRow?: number;
  /** 0-based column index of values[r][0] in the worksheet (usually 0). */
  startCol?: number;
  values: CellValue[][];
  /**
   * Per column (as values[r][c]), the number format most of its numeric cells show with ("#,##0,"), when the port
   * knows it; "" or missing where it does not (src/core/number-format.ts reads them).
   */
  numberFormats?: string[];
  /** The A1 ranges of the pivot tables placed on the sheet (their output cells), when the port knows them. */
  pivotTables?: string[];
}

/** A problem found in the user's input, always in plain language, naming sheet and cell where known. */
export interface Issue {
  severity: "error" | "warning" | "info";
  /** Stable machine code, e.g. "amount.not-a-number", "plan.duplicate-id". */
  code: string;
  /** Plain-language message, e.g. `Budget!C14: "12,3,4" is not an amount.` */
  message: string;
  sheet?: string;
  /** A1 address of the cell, e.g. "C14". */
  cell?: string;
  /** On a "N more cells like the ones above" issue: N, the cells of this kind not listed one by one. */
  more?: number;
}

// ---------------------------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------------------------

/** What a budget column holds: one of a line's text fields (LINE_TEXT_FIELDS, below), an amount, the Goal column or nothing. */
/** "fte": staff positions (full-time equivalents) per line, a count, never money. */
export type ColumnRole = LineTextField | "amount" | "tag" | "fte" | "ignore";

export type AmountKind = "actual" | "adopted" | "revised" | "ytd" | "proposed" | "budget" | "other";

export interface DetectedColumn {
  /** 0-based worksheet column index. */
  col: number;
  /** Column letter, e.g. "C". */
  letter: string;
  /** Header text as shown (two-row headers joined with a space). */
  header: string;
  role: ColumnRole;
  /** True when the role came from the user's override rather than inference. */
  overridden?: boolean;
  /** For amount columns. */
  amountKind?: AmountKind;
  /** For amount columns: the fiscal year the header names (e.g. 2026 for "FY 2025-26"), when it names one. */
  fiscalYear?: number | null;
}

export interface SheetLayout {
  sheet: string;
  /** 1-based worksheet row of the (last) header row; 0 when none was found. */
  headerRow: number;
  columns: DetectedColumn[];
  /** Rows that were headings (department/program names standing alone). */
  headingRows: number;
  /** Subtotal/total rows recognised and not counted as lines. */
  subtotalRows: number;
  /** Sum of the primary amount over this sheet's lines. */
  checkTotal: number;
  /** Sum of the primary amount over this sheet's subtotal rows that were skipped (for reconciliation). */
  skippedTotal: number;
}

/** A unified amount column across all budget sheets, identified by its header text. */
export interface AmountColumnSpec {
  /** Stable id: the normalised header, e.g. "fy 2026-27 proposed". */
  id: string;
  header: string;
  kind: AmountKind;
  fiscalYear: number | null;
}

/** The text fields of a budget line that identify it and that rules and the tagger read, in outline order. */
export const LINE_TEXT_FIELDS = [
  "department",
  "division",
  "program",
  "fund",
  "account",
  "accountName",
  "description",
] as const;
export type LineTextField = (typeof LINE_TEXT_FIELDS)[number];

export interface BudgetLine {
  /** Stable key from identifying fields (never the row number). Unique within a run. */
  key: string;
  sheet: string;
  /** 1-based worksheet row. */
  row: number;
  department: string;
  division: string;
  program: string;
  fund: string;
  account: string;
  accountName: string;
  description: string;
  /** Every amount column by AmountColumnSpec.id; null = missing (n/a, error value). */
  amounts: Record<string, number | null>;
  /** The primary amount (0 when missing). */
  amount: number;
  /** Raw text of the line's Goal/tag column, if the sheet has one and the cell is not blank. */
  tagText?: string;
  /** A1 address of the tag cell, when the sheet has a tag column. */
  tagCell?: string;
  /** Staff positions (full-time equivalents) of the line, when the sheet has an FTE column and the cell a number. */
  fte?: number;
}

export interface ReadOptions {
  /** Header text (or AmountColumnSpec.id) of the amount column to use as primary. */
  amountColumn?: string;
  /** amountColumn is a choice saved in the workbook earlier: when it is not found, say so and use the default. */
  amountColumnSaved?: boolean;
  /** Per-sheet overrides: sheet name → column letter → role. "*" applies to every sheet. */
  columnOverrides?: Record<string, Record<string, ColumnRole>>;
  /** The decimal mark of amounts typed as text (the CLI's --decimal); else read from each column's own cells. */
  decimal?: "." | ",";
}

export interface BudgetReadResult {
  layouts: SheetLayout[];
  lines: BudgetLine[];
  amountColumns: AmountColumnSpec[];
  /** Id of the primary amount column. */
  primaryAmount: string | null;
  /** Sum of the primary amount over all lines. */
  checkTotal: number;
  skippedSubtotals: number;
  issues: Issue[];
}

// ---------------------------------------------------------------------------------------------
// Strategic plan
// ---------------------------------------------------------------------------------------------

export type PlanLevel = "priority" | "goal" | "subgoal" | "action";

/** Where a plan node came from, for messages that name the cell. */
export interface SourceRef {
  sheet: string;
  /** 1-based row. */
  row: number;
}

export interface PlanNodeBase {
  id: string;
  title: string;
  description?: string;
  keywords?: string[];
  /**
   * Municipal functions (ids of the tagging taxonomy) an analyst says this node covers, typed in the Strategic Plan
   * sheet's Covers column or the plan JSON's `covers`: replaces what the node's text implies.
   */
  covers?: string[];
  source?: SourceRef;
}

export interface Action extends PlanNodeBase {
  owner?: string;
  /** ISO date YYYY-MM-DD. */
  start?: string;
  /** ISO date YYYY-MM-DD. */
  due?: string;
  measure?: string;
  target?: string;
  status?: string;
}

export interface Subgoal extends PlanNodeBase {
  /** Actions listed under the subgoal (the sheet allows it; JSON puts actions on goals). */
  actions?: Action[];
}

export interface Goal extends PlanNodeBase {
  subgoals?: Subgoal[];
  actions?: Action[];
}

export interface Priority extends PlanNodeBase {
  goals: Goal[];
}

export interface Plan {
  name: string;
  /** ISO date YYYY-MM-DD, or null when the plan does not say. */
  adopted: string | null;
  /** "MM-DD", e.g. "07-01". */
  fiscalYearStart: string;
  horizonYears: number;
  priorities: Priority[];
  /** Performance measures given with the plan (plan JSON's `measures`); see src/core/measures. */
  measures?: import("./measures/model").Measure[];
}

/** A flattened view of any taggable plan node (priority, goal or subgoal). */
export interface PlanTarget {
  id: string;
  level: "priority" | "goal" | "subgoal";
  title: string;
  priorityId: string;
  goalId: string | null;
  /** Path of titles for display: "Safe City › Reduce response times". */
  path: string;
}

export interface PlanReadResult {
  plan: Plan | null;
  issues: Issue[];
}

export type ReviewEventKind =
  "mid-year-review" | "annual-update" | "three-year-update" | "five-year-revision";

export interface ReviewEvent {
  kind: ReviewEventKind;
  /** ISO date. */
  date: string;
  title: string;
  description: string;
}

// ---------------------------------------------------------------------------------------------
// Tagging
// ---------------------------------------------------------------------------------------------

export type TagSource = "manual" | "rule" | "learned" | "suggested" | "none";

export interface GoalShare {
  /** Plan node id (priority, goal or subgoal). */
  id: string;
  /** Share of the line's amount, 0..1; shares of one line add to 1. */
  share: number;
}

export interface LineTag {
  key: string;
  goals: GoalShare[];
  priorityId: string | null;
  source: TagSource;
  /** 0..1, calibrated: of suggestions at 0.8, about 80% are right. Manual = 1. */
  confidence: number;
  /** Plain words: "matched 'shelter', 'homeless' to G3.2 Reduce homelessness". */
  why: string;
  /** True when the line's program fits no goal (flagging is per program). */
  flagged: boolean;
  /** The best candidate even when below threshold (for the Review sheet's "nearest goal"). */
  nearest?: { id: string; confidence: number; why: string } | null;
  /** Ranked alternatives (top few) for pickers and top-3 evaluation. */
  candidates?: { id: string; score: number }[];
  /**
   * How many priorities cover the functions the line's program clearly names (0 when none does; absent for manual
   * and rule tags and when its texts name no function clearly). Two or more means the plan is contested for it.
   */
  covering?: number;
  /**
   * For a learned tag: the program key of the confirmation it was learned from (the department's confirmed program
   * whose lines it resembles most), so that what one answer moved can be counted and named.
   */
  learnedFrom?: string;
  /** Where the tag came from, when and by whom (set by the workflow; see TagOrigin). */
  origin?: TagOrigin;
  /**
   * Someone typed "Non-program" in the line's Goal cell (src/core/decisions.ts): it is on no goal, and counts in the
   * Alignment sheet's non-program bucket as confirmed, whatever its words say.
   */
  confirmedNonProgram?: boolean;
}

/**
 * Where a line's tag came from: a person's decision (typed in the Goal column, set or confirmed in the task pane, a
 * Review answer), a rule, or the tagger. `at` is when the add-in first saw the decision (ISO timestamp; absent for
 * decisions stored before version 2 of the state, which count as the oldest); `by` is who, where the pane or the
 * Review row says.
 */
export interface TagOrigin {
  via: ManualTag["via"] | "rule" | "learned" | "suggested" | "none";
  at?: string;
  by?: string;
  /** For a Goal column tag: the cell ("Budget!H14"). */
  cell?: string;
}

/** What a rule tests: one of a line's text fields, or the sheet it is on. */
export type RuleField = LineTextField | "sheet";
export type RuleOp = "equals" | "startsWith" | "contains";

export interface Rule {
  /** 1-based order shown to users ("rule 3"). Rules apply in array order; first match wins. */
  field: RuleField;
  op: RuleOp;
  value: string;
  /** Plan node id the rule tags to. */
  target: string;
  /** Optional label; otherwise the rule's text is shown. */
  label?: string;
}

/** A tag a person set or confirmed (in the sheet's Goal column, the task pane, or the Review sheet). */
export interface ManualTag {
  goals: GoalShare[];
  /** "sheet" (Goal column), "pane", "review" (Review sheet answer), "confirmed" (accepted suggestion). */
  via: "sheet" | "pane" | "review" | "confirmed";
  /** Identifying text of the line when the tag was set, to re-find it if its key changes and to report orphans. */
  label?: string;
  /** When the add-in first saw this decision (ISO timestamp); absent = stored before provenance was kept (oldest). */
  at?: string;
  /** Who made it, where known (the pane's reviewer name). */
  by?: string;
  /**
   * Confirmed not a program (set in the pane; `goals` is empty): as a Goal cell that says "Non-program", the line
   * gets no goal from any channel and counts as confirmed in the Alignment sheet's non-program bucket.
   */
  nonProgram?: true;
}

export interface TagOptions {
  /** Minimum confidence for a suggestion to count as a tag (default 0.35). Below it the line is untagged. */
  threshold?: number;
  rules?: Rule[];
  /** Manual / confirmed tags by line key. */
  manual?: Record<string, ManualTag>;
  /**
   * The municipal function taxonomy to read (default: the shipped one). The eval passes a copy without a city's
   * own words to score it blind (eval/blind.ts).
   */
  taxonomy?: TaxonomyData;
  /**
   * How the engine turns its scores into the confidence it shows (default: the shipped fit, CONFIDENCE in
   * tagging/weights.ts). The eval passes one fitted without the city it scores, so that no city's figure is
   * calibrated on its own labels (eval/run-eval.ts).
   */
  calibration?: ConfidenceCalibration;
}

/**
 * The re-scaling of the engine's raw confidences, in logit space: a suggestion's logistic(a + b · logit(c) +
 * coverage · agreement), a learned tag's logistic(a + b · logit(c)), and the confidence of a suggestion whose name is
 * in a plan node's own words (literal).
 */
export interface ConfidenceCalibration {
  suggest: { a: number; b: number; coverage: number };
  learn: { a: number; b: number };
  literal: number;
}

// ---------------------------------------------------------------------------------------------
// Review answers (department heads)
// ---------------------------------------------------------------------------------------------

export type ReviewResponse = "Retain — serves goal" | "Modify" | "Eliminate" | "Needs a new goal";

export interface ReviewAnswer {
  /** Program key: normalised "department|program". */
  programKey: string;
  department: string;
  program: string;
  response: ReviewResponse | string;
  goalId?: string;
  justification?: string;
  reviewer?: string;
  /** ISO date or the text the reviewer typed. */
  date?: string;
  /** When the add-in first saw this answer (ISO timestamp): saved in the pane, or read changed from the Review sheet. */
  at?: string;
}

// ---------------------------------------------------------------------------------------------
// Programs sheet (priority-based budgeting): what analysts type
// ---------------------------------------------------------------------------------------------

/** The basic program attributes of the Programs sheet (see ATTRIBUTES in src/core/reports/programs.ts). */
export type ProgramAttribute = "mandated" | "reliance" | "costRecovery" | "demand" | "served";

/** What an analyst typed for one program on the Programs sheet. */
export interface ProgramInputs {
  department: string;
  program: string;
  /** Scores (0–4) the analyst set, by priority id, over the computed ones. */
  scores?: Record<string, number>;
  /** Attribute answers as chosen (one of the list's items, or the text typed). */
  attributes?: Partial<Record<ProgramAttribute, string>>;
  /** When the add-in first saw the latest change (ISO timestamp). */
  at?: string;
}

/** The Programs sheet's weights per priority and its what-if changes (fractions: 0.05 = +5%). */
export interface PbbSettings {
  weights?: Record<string, number>;
  /** Weights of the program attributes in the total score, by attribute id (where they differ from the default). */
  attributeWeights?: Record<string, number>;
  priorityChange?: Record<string, number>;
  /** Changes for quartiles 1–4 (null: none). */
  quartileChange?: (number | null)[];
}

// ---------------------------------------------------------------------------------------------
// State kept with the workbook
// ---------------------------------------------------------------------------------------------

export interface WorkbookState {
  /** The state format's version: 2 since tags and answers carry when they were made (see STATE_VERSION). */
  version: number;
  /** Manual and confirmed tags by line key. */
  tags: Record<string, ManualTag>;
  rules: Rule[];
  /** sheet name → column letter → role; "*" for all sheets. */
  columnOverrides: Record<string, Record<string, ColumnRole>>;
  /** Chosen primary amount column (header text), if the user picked one. */
  amountColumn?: string;
  /** Budget sheets the user chose; empty = detect. */
  budgetSheets?: string[];
  /** Review answers by program key. */
  reviewAnswers: Record<string, ReviewAnswer>;
  /**
   * What analysts typed on the Programs sheet, by program key: scores they set over the computed ones and the
   * program attributes. Absent in states stored before the Programs sheet.
   */
  programs?: Record<string, ProgramInputs>;
  /** The Programs sheet's weights and what-if changes as the analyst last left them (absent: defaults). */
  pbb?: PbbSettings;
  threshold?: number;
  /**
   * What the add-in last read from the cells people type in: Goal cells by line key (non-empty ones) and Review
   * answers by program key (a fingerprint). A cell that differs from what was seen was changed by a person since,
   * which makes it a new decision; a cell that did not change is not a new decision, however old it is.
   * Absent in states stored before version 2.
   */
  seen?: {
    goalCells?: Record<string, string>;
    review?: Record<string, string>;
    /** Per program key: the scores last written on the Programs sheet (JSON, priority id → score). */
    programs?: Record<string, string>;
  };
  /** Names of the sheets this add-in generated (so a user's own sheet of the same name is never replaced). */
  generatedSheets?: string[];
  /**
   * Stored state that could not be read (the hidden sheet was edited by hand), kept verbatim so that
   * writing the state again never destroys it.
   */
  unreadable?: string;
  /**
   * The format version the state was stored in, when a newer version of the add-in wrote it (this one writes STATE_VERSION, 2). It
   * is read as far as this version understands it and written back with the same number.
   */
  newerVersion?: number;
  /**
   * Stored top-level fields this version does not know or cannot read (a newer version's), kept as they were and
   * written back, so an older add-in never drops what a newer one saved.
   */
  extra?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Sheet models: what the ports write
// ---------------------------------------------------------------------------------------------

/** A rectangular block, 0-based, inclusive of row/col, sized rows × cols. */
export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Named styles: the one place that decides how generated sheets look (see src/core/reports/styles.ts). */
export type StyleName =
  | "title"
  | "compactText"
  | "subtitle"
  | "note"
  | "sectionHeader"
  | "tableHeader"
  | "headline"
  | "headlineValue"
  | "subtotal"
  | "total"
  | "flag"
  | "warning"
  | "muted"
  | "wrapText"
  | "gridSpan"
  | "gridToday"
  | "gridOverdue"
  | "gridReview"
  | "inputCell"
  /** A yellow input cell holding a value the add-in suggested (italic grey until someone types over it). */
  | "suggestedInput";

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** Hex "#RRGGBB". */
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  borderBottom?: "thin" | "medium" | "double";
  borderTop?: "thin" | "medium" | "double";
}

export interface FormulaBlock {
  range: RangeRef;
  formulas: string[][];
}

export interface TableModel {
  name: string;
  /** Includes the header row. */
  range: RangeRef;
  style?: string;
}

export interface ValidationModel {
  range: RangeRef;
  /** Allowed values (a list validation). */
  list: string[];
  prompt?: string;
  /** When true, other values are allowed with a warning rather than rejected. */
  allowOther?: boolean;
}

export type ConditionalFormatModel =
  | {
      type: "blankCell";
      range: RangeRef;
      style: StyleName;
      /** blank in this column of the row */ testCol: number;
    }
  | {
      type: "cellValue";
      range: RangeRef;
      operator: "greaterThan" | "lessThan" | "equal";
      value: number;
      style: StyleName;
    };

export interface ChartModel {
  type: "barClustered" | "columnClustered";
  title: string;
  /** Category labels column range (no header). */
  categories: RangeRef;
  /** Values column range (no header). */
  values: RangeRef;
  seriesName: string;
  /** Further series over the same categories (a legend is shown when there are any). */
  moreSeries?: { name: string; values: RangeRef }[];
  /** Where the chart sits: top-left cell and size in cells. */
  anchor: RangeRef;
}

export interface OutlineGroup {
  /** 0-based first and last row of the group (inclusive). */
  startRow: number;
  endRow: number;
  level: number;
}

export interface SheetModel {
  name: string;
  /** The report this sheet is ("Alignment", …): the ports write our marker with it (src/core/report-sheets.ts). */
  report?: string;
  /**
   * Row-major values; rows may be ragged (missing cells are blank). Never formulas: text is always text. Where a
   * cell is a formula (see `formulas`) its value here is the value the core computed, written as the cached value.
   */
  values: CellValue[][];
  /**
   * Formula cells, in blocks: `formulas[r][c]` (starting "=") belongs to the cell (range.row + r, range.col + c).
   * Built only from our own A1 references (src/core/a1.ts) and numbers, never from user text.
   */
  formulas?: FormulaBlock[];
  /** Number formats per range, e.g. currency over an amount column. */
  numberFormats: { range: RangeRef; format: string }[];
  styles: { range: RangeRef; style: StyleName }[];
  /** Width per column in characters. */
  columnWidths: number[];
  /** Heights in points of rows that need more than the default (wrapped headers); other rows keep theirs. */
  rowHeights?: { row: number; height: number }[];
  freeze?: { rows: number; cols: number };
  tables: TableModel[];
  validations: ValidationModel[];
  conditionalFormats: ConditionalFormatModel[];
  charts: ChartModel[];
  outline: OutlineGroup[];
  print: {
    landscape: boolean;
    /** Never wider than one page: shrinks only when the columns do not fit (the layouts are sized to fit at 100%). */
    fitToWidth: boolean;
    /** Paper the layout is sized for (Letter by default; a Letter layout also fits A4 landscape's width). */
    paper?: "letter" | "a4";
    /** 0-based rows repeated at the top of each printed page (inclusive). */
    titleRows?: { start: number; end: number };
    /** 0-based columns repeated at the left of each printed page (inclusive). */
    titleCols?: { start: number; end: number };
    /** What prints, in order, each area starting a new page; absent: the used range. */
    areas?: RangeRef[];
    /** 0-based rows that start a new printed page (a manual break above each). */
    rowBreaks?: number[];
    footer: string;
  };
  tabColor?: string;
  /**
   * Cell notes (Excel's notes, once called comments): text shown when the pointer rests on a cell, such as the
   * full reason behind a short one. At most one per cell. Written by both ports (src/xlsx/comments-xml.ts,
   * src/excel/write-model.ts).
   */
  notes?: CellNote[];
}

/** A note on a cell of a generated sheet (0-based row and column, as the rest of the sheet model). */
export interface CellNote {
  row: number;
  col: number;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// The run as a whole (public JSON contract of `budget-align --json`)
// ---------------------------------------------------------------------------------------------

export interface ReportLineJson {
  key: string;
  sheet: string;
  row: number;
  department: string;
  /** As the sheets show it: the program column, else the division, else the department. */
  program: string;
  /** The division (or org-description) column as read; "" when the budget has none. */
  division?: string;
  /** The program key the Review and Programs sheets use (normalised "department|program"). */
  programKey?: string;
  description: string;
  amount: number;
  goals: GoalShare[];
  priorityId: string | null;
  source: TagSource;
  confidence: number;
  flagged: boolean;
  why: string;
  /** Where the tag came from: via (sheet, pane, confirmed, review, rule, learned, suggested, none), when, who. */
  origin: TagOrigin;
}

/** The mid-year view in the report: the YTD column's fiscal year, where today falls in it, and what it compares. */
export interface MidYearJson {
  fiscalYear: string;
  phase: "before" | "during" | "after";
  elapsed: number;
  note: string;
}

export interface ReportJson {
  plan: { name: string; priorities: number; goals: number };
  lines: ReportLineJson[];
  totals: { budget: number; aligned: number; unaligned: number };
  /** The mid-year view's fiscal year and what it compares; null when the budget has no YTD column. */
  midYear?: MidYearJson | null;
  [extra: string]: unknown;
}
