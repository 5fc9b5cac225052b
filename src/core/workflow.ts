/**
 * One alignment run, the same in the task pane and the CLI:
 * workbook → port → core (plan, budget, tags) → sheet models → port → workbook.
 *
 * `analyse` reads (one batch of reads through the port, `readWorkbook`) and computes (`analyseRead`, pure); `retag`
 * recomputes after an edit without reading again; `writeReports` builds the generated sheets (`prepareReports`,
 * pure) and writes them, the state and the visible tag cells (`writePreparedReports`). The pure halves are what the
 * task pane runs in its Web Worker (src/taskpane/core), so a 100,000-line run never blocks the pane.
 */
import { amountAmbiguityIssue } from "./amount-ambiguity";
import { applyColumnChoices, type ColumnChoice } from "./budget/columns-option";
import { badAmountsError } from "./budget/money-checks";
import { chooseBudgetSheets, leftOutText } from "./budget/sheets";
import { readBudget, looksLikeBudgetSheet } from "./budget/read";
import { normName, programOf } from "./keys";
import { planTargets, PLAN_SHEET_NAME } from "./plan/model";
import { readPlanSheet, looksLikePlanSheet } from "./plan/sheet";
import { planTemplateSheet } from "./plan/template";
import type { CellUpdate, ProgressFn, SheetInfo, WorkbookPort } from "./port";
import { buildAlignmentSheet, midYearColumns, midYearNote } from "./reports/alignment";
import { linesByFunction } from "./reports/by-function";
import type { ReportContext } from "./reports/context";
import {
  answersText,
  computeFigures,
  nonProgramText,
  reviewCountsText,
  type Figures,
  type ReviewReadFigures,
} from "./reports/figures";
import {
  figuresJson,
  planJson,
  programsJson,
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  reviewJson,
  totalsByJson,
  warningsJson,
} from "./reports/report-json";
import { fromCents } from "./reports/totals";
import { buildReviewSheet, readReviewSheet } from "./reports/review";
import { programsSummary, type ProgramsSummary } from "./reports/diagnostic";
import { programInventory, writtenScores } from "./reports/program-inventory";
import type { Inventory } from "./reports/program-inventory";
import { buildProgramsSheet, mergeProgramInputs, readProgramsSheet } from "./reports/programs";
import { buildTimetableSheet } from "./reports/timetable";
import { buildScorecardSheet } from "./reports/scorecard";
import { importMeasures, type MeasureImport } from "./measures/import";
import { linkMeasures } from "./measures/link";
import type { Measure } from "./measures/model";
import { measureReport, measuresJson } from "./measures/report";
import { asOfDate } from "./measures/status";
import { MEASURES_SHEET, measuresTemplateSheet } from "./measures/template";
import { fyMonthDay, programKeyMemo } from "./reports/sheet";
import { alignmentTotals } from "./reports/totals";
import {
  lineLabel,
  mergeReviewAnswers,
  originOf,
  originWords,
  NON_PROGRAM_ANSWER,
  resolveDecisions,
  type DecisionConflict,
} from "./decisions";
import {
  keptSheetIssues,
  planReportSheets,
  possibleReportSheets,
  REPORT_SHEETS,
  sheetType,
  type ReportSheet,
} from "./report-sheets";
import { getOwn, setOwn, STATE_SHEET_NAME, withGeneratedSheets } from "./state";
import { createTagger, tagLines, type Tagger } from "./tagging/engine";
import { formatTagText } from "./tagging/tag-text";
import type {
  BudgetLine,
  BudgetReadResult,
  Issue,
  LineTag,
  ManualTag,
  Plan,
  MidYearJson,
  ReportJson,
  SheetCells,
  SheetModel,
  TagOrigin,
  TagOptions,
  WorkbookState,
} from "./types";

/** The report sheets every run writes; the Scorecard is written too when the run has measures. */
export const GENERATED_SHEETS = REPORT_SHEETS.filter(
  (r): r is Exclude<ReportSheet, "Scorecard"> => r !== "Scorecard"
);

export interface RunOptions {
  /**
   * An amount cell that is not an amount: "skip" (the default, as in the pane) counts it as 0 with a warning;
   * "stop" (the CLI without --skip-bad-amounts) makes it an error that stops the run.
   */
  badAmounts?: "skip" | "stop";
  /** Columns chosen by their header text (the CLI's --columns); saved in the state as column overrides. */
  columns?: ColumnChoice[];
  /** ISO date "YYYY-MM-DD": the generated date, today's month on the Timetable, % of the year elapsed. */
  today: string;
  /** Header of the amount column to use as the primary amount (else the state's choice, else detected). */
  amountColumn?: string;
  /** Budget sheets to read (else the state's choice, else every sheet that looks like a budget). */
  sheets?: string[];
  /** A plan given from outside the workbook (plan JSON); else the workbook's `Strategic Plan` sheet. */
  plan?: Plan;
  /** The warnings found reading that plan (SMART gaps, no adoption date …), reported with the run's own. */
  planIssues?: Issue[];
  /** Minimum confidence for a suggestion (else the state's, else the engine's default). */
  threshold?: number;
  /** ISO timestamp new decisions (a changed Goal cell or Review answer) are stamped with; default the clock. */
  now?: string;
  /** The function taxonomy the tagger reads (default: the shipped one; the eval's blind runs pass their own). */
  taxonomy?: TagOptions["taxonomy"];
  /** How the tagger's scores become confidences (default: the shipped fit; the eval passes one fitted without the city). */
  calibration?: TagOptions["calibration"];
  /** Measures imported from a city's export (the CLI's --measures, the pane's Measures step), with their issues. */
  measures?: { measures: Measure[]; issues: Issue[]; from: string };
  /** The decimal mark of amounts typed as text (the CLI's --decimal); else read from each column's cells. */
  decimal?: "." | ",";
}

export interface Analysis {
  sheets: SheetInfo[];
  planSheet: string | null;
  plan: Plan | null;
  planIssues: Issue[];
  budgetSheets: string[];
  budget: BudgetReadResult;
  /** tags[i] belongs to budget.lines[i]. */
  tags: LineTag[];
  /** The state after merging what people typed in the sheets (Goal column, Review sheet). */
  state: WorkbookState;
  /** Every problem found, errors first. */
  issues: Issue[];
  /** Goal cells and Review answers that disagree (the newer counts; both are kept). */
  conflicts?: DecisionConflict[];
  /** What this run read from the Review sheet: answers read, and the programs whose answer is new or changed. */
  reviewRead?: ReviewReadFigures;
  /** No errors: reports can be written. */
  ok: boolean;
  /** The sheet each report is written to (src/core/report-sheets.ts): its own name, or a free one. */
  reportSheets?: Record<ReportSheet, string>;
  options: RunOptions;
  /**
   * The run's measures, each linked to its plan node (src/core/measures/link.ts); absent or empty when the workbook,
   * the plan and the options give none (then no Scorecard is written).
   */
  measures?: Measure[];
}

const emptyBudget = (): BudgetReadResult => ({
  layouts: [],
  lines: [],
  amountColumns: [],
  primaryAmount: null,
  checkTotal: 0,
  skippedSubtotals: 0,
  issues: [],
});

const sameName = (a: string, b: string) => normName(a) === normName(b);

function issueSort(a: Issue, b: Issue): number {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return rank[a.severity] - rank[b.severity];
}

/**
 * What a run reads from the workbook: the sheet list, the stored state and the used-range values of the sheets it
 * needs. Plain data (structured-cloneable), so the pane can hand it to a Web Worker for the pure compute phase.
 */
export interface WorkbookRead {
  sheets: SheetInfo[];
  storedState: WorkbookState;
  cells: SheetCells[];
}

/** Which sheets a run reads, and the roles they play; the same in the read phase and the compute phase. */
function sheetRoles(sheets: SheetInfo[], storedState: WorkbookState, options: RunOptions) {
  const userSheets = sheets.filter(
    (s) => sheetType(s) === "worksheet" && !sameName(s.name, STATE_SHEET_NAME)
  );
  const planInfo =
    userSheets.find((s) => sameName(s.name, PLAN_SHEET_NAME)) ??
    null; /* a differently named plan sheet is found below, once values are read */
  // Sheets that may be our reports: read so the workflow can tell (src/core/report-sheets.ts).
  const generated = possibleReportSheets(userSheets);
  const measuresInfo = userSheets.find((s) => sameName(s.name, MEASURES_SHEET)) ?? null;
  const requested =
    options.sheets ?? (storedState.budgetSheets?.length ? storedState.budgetSheets : undefined);

  for (const name of requested ?? []) {
    if (!userSheets.some((s) => sameName(s.name, name))) {
      const have = userSheets.map((s) => `"${s.name}"`).join(", ");
      throw new Error(
        `There is no sheet named "${name}" in this workbook. Its sheets are: ${have}.`
      );
    }
  }
  const candidates = requested
    ? userSheets.filter((s) => requested.some((r) => sameName(r, s.name)))
    : userSheets.filter(
        (s) =>
          s.visibility === "visible" &&
          s !== planInfo &&
          s !== measuresInfo &&
          s.report === undefined
      );
  const toRead = new Set<string>(candidates.map((s) => s.name));
  if (planInfo && !options.plan) toRead.add(planInfo.name);
  for (const g of generated) toRead.add(g.name);
  if (measuresInfo) toRead.add(measuresInfo.name);
  return {
    userSheets,
    planInfo,
    measuresInfo,
    generated,
    requested,
    candidates,
    toRead: [...toRead],
  };
}

/**
 * The read phase of `analyse`: everything that goes through the port (and so must stay where the port lives, the
 * pane's main thread inside Excel). Progress runs from 0 to 0.8.
 */
export async function readWorkbook(
  port: WorkbookPort,
  options: RunOptions,
  onProgress?: ProgressFn
): Promise<WorkbookRead> {
  onProgress?.({ label: "Looking at the workbook's sheets", fraction: 0 });
  const sheets = await port.listSheets();
  const storedState = await port.readState();
  const { toRead } = sheetRoles(sheets, storedState, options);
  const cells = await port.readSheets(toRead, (p) =>
    onProgress?.({ label: p.label, fraction: 0.05 + p.fraction * 0.75 })
  );
  return { sheets, storedState, cells };
}

/** Reads the workbook through the port and computes plan, budget lines and tags. Writes nothing. */
export async function analyse(
  port: WorkbookPort,
  options: RunOptions,
  onProgress?: ProgressFn
): Promise<Analysis> {
  // The run's own tagger: what it caches (each distinct field text read in its concept space) goes with the run,
  // not kept through the reports and the save as `tagLines`' shared one would be (the pane keeps that one warm).
  return tagInputs(
    await readAndPrepare(port, options, onProgress),
    onProgress,
    createTagger(options.taxonomy)
  );
}

/**
 * readWorkbook then readInputs, in a function of their own: when it returns, nothing holds what was read, so the
 * sheets' cells (~110 MB for a million-line sheet) are gone before tagging, the run's peak (a local of `analyse`
 * would keep them to the end).
 */
async function readAndPrepare(
  port: WorkbookPort,
  options: RunOptions,
  onProgress?: ProgressFn
): Promise<RunInputs> {
  const read = await readWorkbook(port, options, onProgress);
  return readInputs(read, options, onProgress);
}

/**
 * The compute phase of `analyse`, pure (no port): plan, budget lines, decisions and tags from what was read.
 * Runs unchanged in the CLI, on the pane's main thread (tests) and in the pane's Web Worker. Progress from 0.8 to 1.
 */
export function analyseRead(
  read: WorkbookRead,
  options: RunOptions,
  onProgress?: ProgressFn
): Analysis {
  return tagInputs(readInputs(read, options, onProgress), onProgress);
}

/** What the compute phase has read from the sheets before tagging: nothing in it holds the sheets' cells. */
interface RunInputs {
  /** The analysis without tags, issues or measures yet. */
  base: Analysis;
  state: WorkbookState;
  issues: Issue[];
  /** The Measures sheet as read (with its name), if the workbook has one. */
  measuresSheet?: { name: string; read: MeasureImport };
}

/** The first half of analyseRead: plan, budget lines, review answers and program inputs from the cells. */
function readInputs(read: WorkbookRead, options: RunOptions, onProgress?: ProgressFn): RunInputs {
  const { sheets, storedState, cells } = read;
  const issues: Issue[] = [];
  if (storedState.unreadable !== undefined) {
    issues.push({
      severity: "warning",
      code: "state.unreadable",
      sheet: STATE_SHEET_NAME,
      cell: "A1",
      message:
        "The add-in's saved tags and answers could not be read (its hidden sheet was changed by hand). " +
        "They are kept as they were; tags typed in the Goal column and answers in the Review sheet still count.",
    });
  }

  if (storedState.newerVersion !== undefined) {
    issues.push({
      severity: "warning",
      code: "state.newer",
      sheet: STATE_SHEET_NAME,
      cell: "A1",
      message:
        `This workbook's saved tags and answers were written by a newer version of Budget Alignment (format ` +
        `${storedState.newerVersion}). This version uses what it understands and keeps the rest as it was; update ` +
        `the add-in to use everything.`,
    });
  }

  const stateInfo = sheets.find((s) => sameName(s.name, STATE_SHEET_NAME));
  if (stateInfo && storedState.unreadable !== undefined && stateInfo.visibility !== "veryHidden") {
    // Our state sheet is always very hidden: a visible sheet of that name that is not our state is the user's own,
    // and writing the state would replace it.
    issues.push({
      severity: "error",
      code: "sheet.name-taken",
      sheet: stateInfo.name,
      message:
        `A sheet named "${stateInfo.name}" already exists and was not made by Budget Alignment, which keeps its ` +
        `saved tags under that name. Rename it (for example to "${stateInfo.name} (mine)") so it is not replaced.`,
    });
  }
  const { userSheets, planInfo, measuresInfo, requested, candidates } = sheetRoles(
    sheets,
    storedState,
    options
  );
  const byName = new Map(cells.map((c) => [c.name, c]));
  // Which sheets are our reports, and where each report goes (a user's sheet under its name is kept).
  const reportPlan = planReportSheets(
    sheets.filter((s) => !sameName(s.name, STATE_SHEET_NAME)),
    (name) => byName.get(name)
  );
  const ourSheets = new Set(Object.values(reportPlan.ours).map((n) => normName(n)));

  // The plan: given, or the `Strategic Plan` sheet, or a sheet that looks like one.
  let plan: Plan | null = options.plan ?? null;
  let planSheet: string | null = null;
  let planIssues: Issue[] = options.plan ? [...(options.planIssues ?? [])] : [];
  if (!plan) {
    const planCells =
      (planInfo && byName.get(planInfo.name)) ??
      (requested
        ? undefined
        : candidates.map((s) => byName.get(s.name)).find((c) => c && looksLikePlanSheet(c)));
    if (planCells) {
      planSheet = planCells.name;
      const read = readPlanSheet(planCells);
      plan = read.plan;
      planIssues = read.issues;
    } else {
      planIssues = [
        {
          severity: "error",
          code: "plan.missing",
          message:
            `No strategic plan was found: add a sheet named "${PLAN_SHEET_NAME}" ` +
            `(the task pane's "Insert plan template", or budget-align --init-plan), or give a plan file.`,
        },
      ];
    }
  }
  issues.push(...planIssues);

  // Budget sheets: the ones asked for, else every visible sheet that looks like a budget.
  let budgetCells = candidates
    .filter((s) => s.name !== planSheet && !ourSheets.has(normName(s.name)))
    .map((s) => byName.get(s.name))
    .filter(
      (c): c is SheetCells =>
        c !== undefined && (requested !== undefined || looksLikeBudgetSheet(c))
    );
  // Revenue sheets and summaries of other sheets are not added in unless chosen.
  const readOptions = {
    amountColumn: options.amountColumn ?? storedState.amountColumn,
    // A choice saved in the workbook earlier that no longer fits is said, not a reason to stop.
    amountColumnSaved: options.amountColumn === undefined && storedState.amountColumn !== undefined,
    columnOverrides: storedState.columnOverrides,
    decimal: options.decimal,
  };
  const chosen = requested ? null : chooseBudgetSheets(budgetCells, readOptions);
  if (chosen) budgetCells = chosen.read;
  const leftOut = chosen?.leftOut ?? [];
  const budgetSheets = budgetCells.map((c) => c.name);
  if (budgetCells.length === 0) {
    const hidden = userSheets.filter(
      (s) => s.visibility !== "visible" && !sameName(s.name, PLAN_SHEET_NAME)
    );
    const skipped = hidden.length
      ? ` Hidden sheets are not read (${hidden.map((s) => `"${s.name}"`).join(", ")}): unhide the budget sheet or choose it.`
      : "";
    // The sheets looked at, by name (the plan sheet and our own reports are never budgets).
    const looked = candidates
      .filter((s) => s.name !== planSheet && !ourSheets.has(normName(s.name)))
      .map((s) => `"${s.name}"`);
    const none = looked.length
      ? `none of the visible sheets (${looked.join(", ")}) has a header row with an amount column in its first ` +
        "30 rows and budget lines below it."
      : `the workbook has no visible sheet${planSheet ? " besides the plan" : ""} to read one from.`;
    issues.push({
      severity: "error",
      code: "budget.none",
      message: requested
        ? "The chosen sheets hold no budget lines."
        : leftOut.length
          ? `No spending budget sheet was found: ${leftOutText(chosen?.reasons ?? [])}. Choose the budget sheet with --sheet (or in the Budget step).`
          : `No budget sheet was found: ${none}${skipped}`,
    });
  }
  onProgress?.({ label: "Reading budget lines", fraction: 0.82 });
  // Columns named by their headers (the CLI's --columns) become column overrides kept in the state.
  let runState = storedState;
  if (options.columns?.length) {
    const applied = applyColumnChoices(storedState, budgetCells, options.columns);
    if ("error" in applied) throw new Error(applied.error);
    runState = applied.state;
  }
  const budget = budgetCells.length
    ? readBudget(budgetCells, { ...readOptions, columnOverrides: runState.columnOverrides })
    : emptyBudget();
  budget.issues.push(...leftOut);
  issues.push(...budget.issues);
  // An amount column nobody chose, among columns that tie, is said (with how to choose), never picked silently.
  const ambiguous = readOptions.amountColumn ? null : amountAmbiguityIssue(budget);
  if (ambiguous) issues.push(ambiguous);
  const stop = options.badAmounts === "stop" ? badAmountsError(budget.issues) : null;
  if (stop) issues.push(stop);

  // Review answers typed in our Review sheet are merged into the state (newest wins, nothing dropped).
  let state = runState;
  let reviewRead: ReviewReadFigures | undefined;
  const reviewCells = reportPlan.ours.Review ? byName.get(reportPlan.ours.Review) : undefined;
  if (plan && reviewCells) {
    const read = readReviewSheet(reviewCells, plan);
    issues.push(...read.issues);
    const before = state.reviewAnswers;
    state = mergeReviewAnswers(state, read.answers, nowOf(options));
    const after = state.reviewAnswers;
    reviewRead = {
      read: read.answers.length,
      changed: Object.keys(after).filter((k) => getOwn(after, k) !== getOwn(before, k)),
    };
  }
  // Scores, attributes, weights and what-if changes typed on our Programs sheet are kept in the state.
  const programsCells = reportPlan.ours.Programs ? byName.get(reportPlan.ours.Programs) : undefined;
  if (plan && programsCells) {
    const read = readProgramsSheet(programsCells, plan);
    issues.push(...read.issues);
    state = mergeProgramInputs(state, read, nowOf(options));
  }
  // A user's sheet under a report's name is kept; the report goes to a free name (a warning says where). The
  // Scorecard is written only when the run has measures: a user's Scorecard sheet is worth a word only then.
  const hasMeasures =
    measuresInfo !== null || !!options.measures?.measures.length || !!plan?.measures?.length;
  issues.push(
    ...keptSheetIssues({
      ...reportPlan,
      kept: reportPlan.kept.filter((k) => k.report !== "Scorecard" || hasMeasures),
    })
  );

  const base: Analysis = {
    sheets,
    planSheet,
    plan,
    planIssues,
    budgetSheets,
    budget,
    tags: [],
    state,
    issues: [],
    conflicts: [],
    ...(reviewRead ? { reviewRead } : {}),
    ok: false,
    options,
    reportSheets: reportPlan.names,
  };
  const measuresCells = measuresInfo && plan ? byName.get(measuresInfo.name) : undefined;
  return {
    base,
    state,
    issues,
    ...(measuresCells
      ? { measuresSheet: { name: measuresCells.name, read: importMeasures(measuresCells) } }
      : {}),
  };
}

/** The second half of analyseRead: the tags, then the measures linked to the plan and the tagged lines. */
function tagInputs(inputs: RunInputs, onProgress?: ProgressFn, tagger?: Tagger): Analysis {
  onProgress?.({ label: "Tagging budget lines", fraction: 0.9 });
  const tagged = computeTags(inputs.base, inputs.state, inputs.issues, undefined, tagger);
  const result = withMeasures(tagged, inputs.measuresSheet);
  onProgress?.({ label: "Done", fraction: 1 });
  return result;
}

/**
 * The run's measures: the Measures sheet, the plan JSON's measures and an imported export, linked to the plan (and
 * the plan actions' own Measure/Target fields beside them). None of these: no measures, no Scorecard. Problems
 * reading measures are warnings: they never stop the budget's reports.
 */
function withMeasures(analysis: Analysis, sheet: RunInputs["measuresSheet"]): Analysis {
  const { plan, options } = analysis;
  if (!plan) return analysis;
  const sources: { measures: Measure[]; from: string }[] = [];
  const issues: Issue[] = [];
  if (sheet) {
    issues.push(
      ...sheet.read.issues.map((i) =>
        i.severity === "error" ? { ...i, severity: "warning" as const } : i
      )
    );
    sources.push({ measures: sheet.read.measures, from: `the "${sheet.name}" sheet` });
  }
  if (plan.measures?.length) sources.push({ measures: plan.measures, from: "the plan file" });
  if (options.measures) {
    issues.push(...options.measures.issues);
    sources.push({ measures: options.measures.measures, from: options.measures.from });
  }
  if (!sources.some((s) => s.measures.length > 0)) {
    if (issues.length === 0) return analysis;
    return { ...analysis, issues: [...analysis.issues, ...issues].sort(issueSort) };
  }
  const fy = asOfDate(options.today, fyMonthDay(plan.fiscalYearStart)).fy;
  const linked = linkMeasures({
    plan,
    sources,
    lines: analysis.budget.lines,
    tags: analysis.tags,
    years: [fy],
  });
  const all = [...analysis.issues, ...issues, ...linked.issues].sort(issueSort);
  return {
    ...analysis,
    measures: linked.measures,
    issues: all,
    ok: !all.some((i) => i.severity === "error"),
  };
}

/** The time new decisions are stamped with: the run's `now`, else the clock. */
function nowOf(options: RunOptions): string {
  return options.now ?? new Date().toISOString();
}

/**
 * The manual tags that apply in this run: people's decisions from the Goal column, the pane and Review answers,
 * the newest winning (src/core/decisions.ts), plus pane tags found again after their line's key changed.
 */
function effectiveManualTags(
  lines: BudgetLine[],
  plan: Plan,
  state: WorkbookState,
  now: string,
  issues: Issue[]
): {
  manual: Record<string, ManualTag>;
  state: WorkbookState;
  conflicts: DecisionConflict[];
  nonProgram: Map<string, TagOrigin>;
} {
  const known = new Set(planTargets(plan).map((t) => t.id));
  const d = resolveDecisions(lines, plan, state, now, issues);
  const tags = d.state.tags;
  const { manual, orphans } = d;
  refindMovedTags(lines, tags, manual, d.nonProgram, known, orphans, issues);
  if (orphans.length > 0) {
    issues.push({
      severity: "warning",
      code: "tag.orphaned",
      message:
        `${orphans.length} manual tag${orphans.length === 1 ? "" : "s"} name${orphans.length === 1 ? "s" : ""} a goal that is no longer in the plan ` +
        `(${orphans.slice(0, 5).join(", ")}${orphans.length > 5 ? ", …" : ""}). They are kept, and count again if the goal comes back; retag these lines to a current goal.`,
    });
  }
  for (const c of d.conflicts) {
    const first = lines.find((l) => l.key === c.lines[0].key);
    issues.push({
      severity: "warning",
      code: "tag.conflict",
      message: c.message,
      ...(first?.tagCell ? { sheet: first.sheet, cell: first.tagCell } : {}),
    });
  }
  return { manual, state: d.state, conflicts: d.conflicts, nonProgram: d.nonProgram };
}

/**
 * The tag of a line confirmed not a program: no goal, decided by its Goal cell ("Non-program") or in the pane.
 */
function nonProgramTag(t: LineTag, origin: TagOrigin): LineTag {
  return {
    key: t.key,
    goals: [],
    priorityId: null,
    source: "none",
    confidence: 0,
    why: origin.cell
      ? `Confirmed not a program: ${origin.cell} says "${NON_PROGRAM_ANSWER}".`
      : `Confirmed not a program: ${originWords(origin)}.`,
    flagged: false,
    origin,
    confirmedNonProgram: true,
  };
}

/**
 * Tags set in the pane are stored by line key, and a key is made of the line's identifying text: renaming a
 * department or correcting an account number gives the line a new key. A stored tag whose key no longer matches
 * any line is moved to the one line whose label differs from the tag's label in a single part (department,
 * program, account or description); tags that match no line (the line was deleted, or changed beyond
 * recognition) are kept in the state and listed, never dropped silently.
 */
function refindMovedTags(
  lines: BudgetLine[],
  tags: Record<string, ManualTag>,
  manual: Record<string, ManualTag>,
  nonProgram: Map<string, TagOrigin>,
  known: Set<string>,
  orphans: string[],
  issues: Issue[]
): void {
  const stored = Object.keys(tags);
  if (stored.length === 0) return; // nothing stored to find again (no set of every line's key needed)
  const current = new Set(lines.map((l) => l.key));
  const unmatched = stored.filter((k) => !current.has(k));
  if (unmatched.length === 0) return;
  const parts = (label: string) => label.split(" / ").map((p) => normName(p));
  const candidates = lines.map((l) => ({ line: l, parts: parts(lineLabel(l)) }));
  const hasOwnTag = (l: BudgetLine) =>
    getOwn(tags, l.key) !== undefined || (l.tagText ?? "").trim() !== "";
  const lost: string[] = [];
  for (const key of unmatched) {
    const tag = getOwn(tags, key)!;
    if (tag.via === "sheet") {
      // Typed in a Goal cell: the text moves with its row, so the tag is read again from the cell.
      delete tags[key];
      continue;
    }
    const want = typeof tag.label === "string" && tag.label ? parts(tag.label) : null;
    const hits: BudgetLine[] = [];
    if (want) {
      for (const c of candidates) {
        if (c.parts.length !== want.length) continue;
        let diff = 0;
        for (let j = 0; j < want.length && diff < 2; j++) if (c.parts[j] !== want[j]) diff++;
        if (diff <= 1) hits.push(c.line);
      }
    }
    if (hits.length !== 1) {
      lost.push(want ? `"${tag.label}"` : key);
      continue;
    }
    const line = hits[0];
    if (hasOwnTag(line)) {
      // The line was found and carries its own tag now (typed in its Goal cell, or set again): that one wins.
      delete tags[key];
      continue;
    }
    const moved: ManualTag = { ...tag, label: lineLabel(line) };
    delete tags[key];
    setOwn(tags, line.key, moved);
    if (moved.nonProgram) nonProgram.set(line.key, originOf(line, moved, moved.via));
    else if (
      Array.isArray(moved.goals) &&
      moved.goals.length > 0 &&
      moved.goals.every((g) => known.has(g?.id))
    )
      setOwn(manual, line.key, moved);
    else orphans.push(`${line.sheet} row ${line.row}`);
  }
  if (lost.length > 0) {
    issues.push({
      severity: "info",
      code: "tag.unmatched",
      message:
        `${lost.length} tag${lost.length === 1 ? "" : "s"} set earlier belong${lost.length === 1 ? "s" : ""} to budget lines that are no longer in the budget ` +
        `(${lost.slice(0, 5).join(", ")}${lost.length > 5 ? ", …" : ""}). They are kept with the workbook and apply again if the lines come back.`,
    });
  }
}

/**
 * The tag with its origin added, made as one literal naming every field (those a tag lacks stay undefined), so every
 * tag has one shape with its fields inside the object. Not `{ ...t, origin }`: V8 gives every object made by
 * spreading its own hidden class, and at one tag per line that was ~430 MB of hidden classes for a million-line
 * budget (heap snapshot, 2026-12-02). Nor `Object.assign({}, t, { origin })`: an empty literal has room for four
 * fields, so the rest went to a second array per tag (102 bytes of a tag's 190; heap snapshot of 200,000 real-shaped
 * lines, 2026-12-07).
 */
function withOrigin(t: LineTag, origin: TagOrigin): LineTag {
  return {
    key: t.key,
    goals: t.goals,
    priorityId: t.priorityId,
    source: t.source,
    confidence: t.confidence,
    why: t.why,
    flagged: t.flagged,
    nearest: t.nearest,
    candidates: t.candidates,
    covering: t.covering,
    learnedFrom: t.learnedFrom,
    origin,
    confirmedNonProgram: t.confirmedNonProgram,
  };
}

/** The tags of a run: by `tagger` when the run has its own, else by `tagLines`' shared tagger. */
function computeTags(
  base: Analysis,
  state: WorkbookState,
  readIssues: Issue[],
  threshold?: number,
  tagger?: Tagger
): Analysis {
  const issues = [...readIssues];
  let tags: LineTag[] = [];
  let nextState = state;
  let conflicts: DecisionConflict[] = [];
  if (base.plan && base.budget.lines.length > 0) {
    const lines = base.budget.lines;
    const merged = effectiveManualTags(lines, base.plan, state, nowOf(base.options), issues);
    nextState = merged.state;
    conflicts = merged.conflicts;
    const tagOptions = {
      threshold: threshold ?? base.options.threshold ?? state.threshold,
      rules: state.rules,
      manual: merged.manual,
      taxonomy: base.options.taxonomy,
      calibration: base.options.calibration,
    };
    tags = tagger
      ? tagger.tag(lines, base.plan, tagOptions)
      : tagLines(lines, base.plan, tagOptions);
    // Every tag says where it came from; a person's decision says when and by whom in its "why".
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i];
      if (!t) continue;
      const m = t.source === "manual" ? getOwn(merged.manual, lines[i].key) : undefined;
      const origin = originOf(lines[i], m, t.source === "manual" ? "pane" : t.source);
      if (m) {
        const why = originWords(origin);
        tags[i] = { ...t, origin, why, nearest: t.nearest ? { ...t.nearest, why } : t.nearest };
      } else tags[i] = withOrigin(t, origin);
    }
    for (let i = 0; merged.nonProgram.size > 0 && i < tags.length; i++) {
      const origin = tags[i] && merged.nonProgram.get(lines[i].key);
      if (origin) tags[i] = nonProgramTag(tags[i], origin);
    }
  }
  issues.sort(issueSort);
  return {
    ...base,
    tags,
    conflicts,
    state: nextState,
    issues,
    ok: !issues.some((i) => i.severity === "error"),
  };
}

/** Re-tags after an edit in the pane (a tag, a rule, an answer), without reading the workbook again. */
export function retag(
  analysis: Analysis,
  state: WorkbookState,
  options?: { threshold?: number }
): Analysis {
  const readIssues = analysis.issues.filter((i) => !i.code.startsWith("tag."));
  return computeTags(analysis, state, readIssues, options?.threshold);
}

export function reportContext(analysis: Analysis): ReportContext {
  if (!analysis.plan) throw new Error("There is no strategic plan to report against.");
  return {
    plan: analysis.plan,
    budget: analysis.budget,
    tags: analysis.tags,
    reviewAnswers: analysis.state.reviewAnswers,
    conflicts: Object.fromEntries((analysis.conflicts ?? []).map((c) => [c.programKey, c.message])),
    sourceSheets: analysis.budgetSheets,
    today: analysis.options.today,
    programInputs: analysis.state.programs ?? {},
    pbb: analysis.state.pbb,
    reviewRead: analysis.reviewRead,
    figures: analysisFigures(analysis),
    functionBudget: linesByFunction(analysis.budget.lines, analysis.plan),
    measures: analysis.measures?.length
      ? measureReport(analysis.measures, analysis.plan, analysis.options.today)
      : undefined,
  };
}

/** The run's figures (src/core/reports/figures.ts): every count and amount the outputs show. */
export function analysisFigures(analysis: Analysis): Figures {
  return computeFigures({
    lines: analysis.budget.lines,
    tags: analysis.tags,
    answers: analysis.state.reviewAnswers,
    reviewRead: analysis.reviewRead,
  });
}

export function buildReportSheets(analysis: Analysis): SheetModel[] {
  return buildReports(analysis).models;
}

/**
 * The generated sheets, and what the state records of them: the scores the Programs sheet shows per program
 * (so the next run tells a score an analyst typed from one it wrote).
 */
function buildReports(analysis: Analysis): {
  models: SheetModel[];
  written: Record<string, string>;
  programs?: ProgramsSummary;
} & BuiltContext {
  const ctx = reportContext(analysis);
  const inventory = programInventory(ctx);
  const models = [
    buildAlignmentSheet(ctx, inventory),
    buildReviewSheet(ctx),
    buildTimetableSheet(ctx),
  ];
  const scorecard = buildScorecardSheet(ctx);
  if (scorecard) models.push(scorecard);
  return {
    models: [...models, buildProgramsSheet(ctx, inventory)].map((m) => placed(m, analysis)),
    written: writtenScores(inventory),
    programs: programsSummary(inventory),
    ctx,
    inventory,
  };
}

/**
 * The report context and program inventory one build of the reports computed, so the JSON report of the same run
 * reuses them instead of computing the figures and the inventory again (a speed matter only: both are pure
 * functions of the lines, tags and answers, which writing the sheets does not change).
 */
interface BuiltContext {
  ctx: ReportContext;
  inventory: Inventory;
}

/** A report's model under the sheet name the analysis chose for it, marked as that report. */
function placed(model: SheetModel, analysis: Analysis): SheetModel {
  const report = REPORT_SHEETS.find((r) => r === model.name);
  if (!report) return model;
  return { ...model, name: analysis.reportSheets?.[report] ?? report, report };
}

/**
 * The machine-readable result (the public contract of `budget-align --json`, described by docs/report.schema.json).
 * Its counts and amounts come from the run's figures (src/core/reports/figures.ts), as every other output's do.
 */
export function buildReportJson(analysis: Analysis, built?: BuiltContext): ReportJson {
  const { plan, budget, tags } = analysis;
  const ctx = plan ? (built?.ctx ?? reportContext(analysis)) : null;
  const figures = ctx?.figures ?? analysisFigures(analysis);
  const keyOf = programKeyMemo();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    schema: REPORT_SCHEMA,
    plan: planJson(plan),
    lines: budget.lines.map((line, i) => {
      const tag = tags[i];
      return {
        key: line.key,
        sheet: line.sheet,
        row: line.row,
        department: line.department,
        // As the sheets show it: the program column, else the division (an org-description column), else the department.
        program: programOf(line),
        division: line.division,
        programKey: keyOf(line),
        description: line.description,
        amount: line.amount,
        goals: tag?.goals ?? [],
        priorityId: tag?.priorityId ?? null,
        source: tag?.source ?? "none",
        confidence: tag?.confidence ?? 0,
        flagged: tag?.flagged ?? true,
        why: tag?.why ?? "",
        origin: tag?.origin ?? { via: tag?.source === "manual" ? "pane" : (tag?.source ?? "none") },
      };
    }),
    totals: {
      budget: fromCents(figures.budgetCents),
      aligned: fromCents(figures.alignedCents),
      unaligned: fromCents(figures.unalignedCents),
    },
    figures: figuresJson(figures),
    totalsBy: ctx ? totalsByJson(ctx) : null,
    review: ctx ? reviewJson(ctx, figures) : [],
    programs: ctx ? programsJson(built?.inventory ?? programInventory(ctx)) : [],
    warnings: warningsJson(analysis.issues),
    amountColumn: budget.amountColumns.find((c) => c.id === budget.primaryAmount)?.header ?? null,
    budgetSheets: analysis.budgetSheets,
    skippedSubtotals: budget.skippedSubtotals,
    issues: analysis.issues,
    midYear: midYearJson(analysis, ctx),
    measures: ctx && analysis.measures?.length ? measuresJson(ctx.measures!) : [],
  };
}

/** The mid-year view's year and what it compares (the sentence the Alignment sheet shows), or null without one. */
function midYearJson(
  analysis: Analysis,
  ctx: ReportContext | null = analysis.plan ? reportContext(analysis) : null
): MidYearJson | null {
  const mid = ctx ? midYearColumns(ctx) : null;
  if (!mid) return null;
  return {
    fiscalYear: mid.fiscalYear,
    phase: mid.phase,
    elapsed: mid.elapsed,
    note: midYearNote(mid),
  };
}

/** Tag cells to fill so the visible Goal column agrees with tags set in the pane or by review answers. */
function tagCellUpdates(analysis: Analysis): CellUpdate[] {
  const updates: CellUpdate[] = [];
  analysis.budget.lines.forEach((line, i) => {
    const tag = analysis.tags[i];
    if (!line.tagCell || (line.tagText ?? "").trim() !== "") return; // never overwrite what someone typed
    // Only decisions made in the pane are shown there: a Review answer is not copied into the Goal column as if
    // someone had typed it (it would then outlive a changed answer).
    const via = tag?.origin?.via;
    if (!(via === "pane" || via === "confirmed")) return;
    if (tag.source === "manual" && tag.goals.length > 0)
      updates.push({ sheet: line.sheet, cell: line.tagCell, value: formatTagText(tag.goals) });
    else if (tag.confirmedNonProgram)
      updates.push({ sheet: line.sheet, cell: line.tagCell, value: NON_PROGRAM_ANSWER });
  });
  return updates;
}

/** What writing the reports puts into the workbook, computed without the port (pure: the pane's worker builds it). */
export interface PreparedReports {
  models: SheetModel[];
  /** The sheets written, by name. */
  written: string[];
  /** The state to store: the analysis's state with the generated sheets recorded. */
  state: WorkbookState;
  /** Goal cells to fill (decisions made in the pane; never over what someone typed). */
  updates: CellUpdate[];
  /** The Programs sheet's quartile map and top candidates for review, for the pane (absent when not written). */
  programs?: ProgramsSummary;
}

/**
 * Builds the Alignment, Review, Timetable and Programs sheet models, the state and the tag cells to write.
 * Refuses, with the first error in plain words, when the analysis has errors.
 */
export function prepareReports(analysis: Analysis): PreparedReports {
  return prepareBuilt(analysis).prepared;
}

/** prepareReports, with the context and inventory it built (for the same run's JSON report). */
function prepareBuilt(analysis: Analysis): { prepared: PreparedReports; built: BuiltContext } {
  if (!analysis.ok) {
    const first = analysis.issues.find((i) => i.severity === "error");
    throw new Error(first ? first.message : "The workbook has problems that stop the report.");
  }
  const built = buildReports(analysis);
  const written = built.models.map((m) => m.name);
  // The state records the scores the Programs sheet shows, so a score is the analyst's only when it differs.
  const state = withGeneratedSheets(
    { ...analysis.state, seen: { ...(analysis.state.seen ?? {}), programs: built.written } },
    written
  );
  const prepared = {
    models: built.models,
    written,
    state,
    updates: tagCellUpdates(analysis),
    ...(built.programs ? { programs: built.programs } : {}),
  };
  return { prepared, built: { ctx: built.ctx, inventory: built.inventory } };
}

/** Writes prepared reports through the port: the sheets, then the state, then the Goal cells. */
export async function writePreparedReports(
  port: WorkbookPort,
  prepared: PreparedReports,
  onProgress?: ProgressFn
): Promise<void> {
  await port.writeSheets(prepared.models, (p) =>
    onProgress?.({ label: p.label, fraction: 0.05 + p.fraction * 0.85 })
  );
  await port.writeState(prepared.state);
  if (prepared.updates.length > 0) await port.writeCells(prepared.updates);
}

/** What the pane shows after writing: the totals, the mid-year sentence and the run's figures in words. */
export type ReportSummary = Pick<ReportJson, "totals" | "midYear"> & {
  /** The Review counts, the non-program money and the answers, as the CLI says them (src/core/reports/figures.ts). */
  figureTexts?: string[];
};

/** The totals, the mid-year sentence and the figures of a report (what the pane shows after writing), without the lines. */
export function reportSummary(analysis: Analysis): ReportSummary {
  const f = analysisFigures(analysis);
  const nonProgram = nonProgramText(f);
  return {
    totals: alignmentTotals(analysis.budget.lines, analysis.tags),
    midYear: midYearJson(analysis),
    figureTexts: [reviewCountsText(f), ...(nonProgram ? [nonProgram] : []), answersText(f)],
  };
}

/**
 * Writes the Alignment, Review, Timetable and Programs sheets, the state, and the tag cells the pane set.
 * Refuses, with the first error in plain words, when the analysis has errors.
 */
export async function writeReports(
  port: WorkbookPort,
  analysis: Analysis,
  onProgress?: ProgressFn
): Promise<{
  written: string[];
  report: ReportJson;
  state: WorkbookState;
  programs?: ProgramsSummary;
}> {
  const { report, ...rest } = await writeReportSheets(port, analysis, onProgress);
  return { ...rest, report: report() };
}

/**
 * writeReports with the JSON report left for later: `report()` builds it from the same run's context when the
 * caller asks. The CLI asks after saving the package, so the report's record per line (about 250 MB at a million
 * lines) is never held while the package is written, the run's peak.
 */
export async function writeReportSheets(
  port: WorkbookPort,
  analysis: Analysis,
  onProgress?: ProgressFn
): Promise<{
  written: string[];
  report: () => ReportJson;
  state: WorkbookState;
  programs?: ProgramsSummary;
}> {
  onProgress?.({ label: "Building the report sheets", fraction: 0 });
  const { prepared, built } = prepareBuilt(analysis);
  await writePreparedReports(port, prepared, onProgress);
  onProgress?.({ label: "Done", fraction: 1 });
  // The state written changes only which sheets are recorded as generated: the context stays the same.
  const written = { ...analysis, state: prepared.state };
  return {
    written: prepared.written,
    report: () => buildReportJson(written, built),
    state: prepared.state,
    programs: prepared.programs,
  };
}

/** Analyse and write, as the CLI does. */
export async function runAlignment(
  port: WorkbookPort,
  options: RunOptions,
  onProgress?: ProgressFn
): Promise<{ analysis: Analysis; written: string[]; report: ReportJson }> {
  const analysis = await analyse(port, options, (p) =>
    onProgress?.({ label: p.label, fraction: p.fraction * 0.6 })
  );
  const { written, report } = await writeReports(port, analysis, (p) =>
    onProgress?.({ label: p.label, fraction: 0.6 + p.fraction * 0.4 })
  );
  return { analysis, written, report };
}

/** Inserts the ready-to-fill `Strategic Plan` sheet, never over an existing one. */
export async function insertPlanTemplate(
  port: WorkbookPort,
  today: string = new Date().toISOString().slice(0, 10)
): Promise<"inserted" | "exists"> {
  const sheets = await port.listSheets();
  if (sheets.some((s) => sameName(s.name, PLAN_SHEET_NAME))) return "exists";
  // The Measures template goes beside it, unless the workbook already has a Measures sheet (never replaced).
  const plan = planTemplateSheet();
  const fy = asOfDate(today, fyMonthDay("07-01")).fy;
  const measures = sheets.some((s) => sameName(s.name, MEASURES_SHEET))
    ? []
    : [measuresTemplateSheet(fy)];
  await port.writeSheets([plan, ...measures]);
  return "inserted";
}
