/**
 * What every report sheet is built from: one run's plan, budget lines, tags and review answers.
 * Built by `reportContext` in src/core/workflow.ts; the same in the task pane, the CLI and the benchmark.
 */
import type { MeasureReport } from "../measures/report";
import type {
  BudgetReadResult,
  LineTag,
  PbbSettings,
  Plan,
  ProgramInputs,
  ReviewAnswer,
} from "../types";
import type { FunctionBudget } from "./by-function";
import type { Figures, ReviewReadFigures } from "./figures";

export interface ReportContext {
  plan: Plan;
  budget: BudgetReadResult;
  /** tags[i] belongs to budget.lines[i]. */
  tags: LineTag[];
  /** Department heads' answers by program key (normalised "department|program"). */
  reviewAnswers: Record<string, ReviewAnswer>;
  /** Per program key: a Goal cell and the program's Review answer disagree (shown in the Review sheet's Conflict column). */
  conflicts?: Record<string, string>;
  /** Budget sheets the lines came from, in workbook order. */
  sourceSheets: string[];
  /** What analysts typed on the Programs sheet (scores over the computed ones, attributes), by program key. */
  programInputs?: Record<string, ProgramInputs>;
  /** The Programs sheet's weights and what-if changes. */
  pbb?: PbbSettings;
  /** What the run read from the Review sheet (answers read, and which changed since the last run). */
  reviewRead?: ReviewReadFigures;
  /** The run's figures, computed once (src/core/reports/figures.ts); computed from the rest when absent. */
  figures?: Figures;
  /** The run's budget by function (linesByFunction), computed once; computed from the rest when absent. */
  functionBudget?: FunctionBudget;
  /** The run's measures, evaluated (the Scorecard sheet and the mid-year view's measures line); absent: none. */
  measures?: MeasureReport;
  /** ISO date "YYYY-MM-DD": the generated date, today's month on the Timetable, % of the year elapsed. */
  today: string;
}
