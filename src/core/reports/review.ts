/**
 * The Review sheet, for department heads: one row per program that fits no goal, then one per program whose
 * tags are only weakly supported, then every earlier answer whose program is no longer listed (so nothing a person
 * typed is ever lost). Each row shows the nearest goal and why, and has answer cells: Response (a list), Goal (a
 * list of the plan's goals), Justification, Reviewer and Date. All rows form one Excel table, so people can filter
 * by department or reason and sort as they like; answers are read back by the Program key column, never by row.
 */
import { normName, programKey } from "../keys";
import { isoToSerial, isIsoDate, parseDateText, serialToIso } from "../plan/dates";
import { columnLetter, sheetRef } from "../plan/layout";
import { findTarget, planTargets, resolveGoalRef } from "../plan/model";
import { getOwn } from "../state";
import type {
  BudgetLine,
  CellNote,
  CellValue,
  Issue,
  LineTag,
  Plan,
  ReviewAnswer,
  SheetCells,
  SheetModel,
} from "../types";
import type { ReportContext } from "./context";
import {
  fitWidths,
  columnIndexes,
  reportPrint,
  reportTitle,
  rng,
  SheetBuilder,
  shrinkToPage,
  wrappedLines,
} from "./sheet";
import { COMPACT_PT, FORMATS } from "./styles";
import {
  figuresOf,
  LOW_CONFIDENCE,
  programFigures,
  REVIEW_RESPONSES,
  movedText,
  reviewCountsText,
  type ProgramFigure,
  type ReviewReason,
} from "./figures";
import { fromCents } from "./totals";

export const REVIEW_SHEET = "Review";

export { REVIEW_RESPONSES };

export { LOW_CONFIDENCE };

/** The Review table's columns, in order. readReviewSheet finds them by these header texts. */
export const REVIEW_COLUMNS = [
  "Department",
  "Program",
  "Reason",
  "Amount",
  "Nearest goal",
  "Response",
  "Goal",
  "Justification",
  "Reviewer",
  "Date",
  "Lines",
  "Confidence",
  "Nearest goal in full",
  "Why",
  "Program key",
  "Conflict",
] as const;

/**
 * The columns that print, Department through Date: the program, why it is listed, its money, the nearest goal
 * (its ID and the start of its title) and the five answer columns, on one page at 100%. The columns after Date
 * (lines, confidence, the nearest goal's full title and why, the key the answers are read back by) are for the
 * screen.
 */
const PRINTED = { from: 0, to: 9 } as const;

type ReviewColumn = (typeof REVIEW_COLUMNS)[number];
const COL = columnIndexes(REVIEW_COLUMNS);

export const REASONS = {
  flagged: "Fits no goal",
  partlyUntagged: "Lines with no goal yet (not sure enough, or they fit none)",
  lowConfidence: "Low-confidence tag",
  notFlagged: "Answered earlier (no longer flagged)",
  gone: "Answered earlier (no longer in the budget)",
} as const;

/** REASONS as the Review sheet prints them, short enough for a narrow column; the note above the table says more. */
export const SHEET_REASONS: Record<keyof typeof REASONS, string> = {
  flagged: "Fits no goal",
  partlyUntagged: "Lines on no goal",
  lowConfidence: "Low confidence",
  notFlagged: "Answered, no longer listed",
  gone: "Answered, not in the budget",
};

/** Each short reason's full text, for the reason cell's note. */
const FULL_REASONS = new Map<string, string>(
  (Object.keys(SHEET_REASONS) as (keyof typeof REASONS)[]).map((k) => [
    SHEET_REASONS[k],
    REASONS[k],
  ])
);

/**
 * The note on a row's Nearest goal cell (which prints the goal's ID and the start of its title): the goal in full,
 * why it is the nearest and how sure, as the screen's columns after Date say them.
 */
function nearestNote(row: CellValue[]): string {
  const full = String(row[COL["Nearest goal in full"]] ?? "");
  const why = row[COL.Why];
  const confidence = row[COL.Confidence];
  return [
    full,
    typeof why === "string" && why ? `Why: ${why}` : "",
    typeof confidence === "number" ? `Confidence: ${Math.round(confidence * 100)}%` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** The note above the table that says what each short reason means. */
export const REASONS_NOTE = `Reason: Fits no goal — no line of the program is under a goal. Lines on no goal — the row counts only its lines on no goal yet (not sure enough, or they fit none). Low confidence — its goal was suggested with under ${Math.round(LOW_CONFIDENCE * 100)}% confidence. Answered — an earlier answer, kept though its program is no longer listed.`;

/**
 * Whether a program is listed for review, and why: the one rule for the Review sheet, the task pane, the Alignment
 * sheet's counts and the CLI (reviewReasonOf in ./figures, where each reason is defined).
 */
export { reviewReasonOf as reviewReason } from "./figures";

/** A program as the Review sheet lists it, with the reason (REASONS) it is listed. */
export interface ReviewProgram extends FlaggedProgram {
  reason: keyof typeof REASONS;
}

/**
 * The programs of the Review sheet, grouped by department in budget order: those that fit no goal, those with
 * low-confidence lines (their lines, amount and nearest goal as the sheet's row counts them), and those answered
 * earlier that the rule no longer lists, so an answer stays in view.
 */
export function reviewProgramsByDepartment(
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  answers: Record<string, ReviewAnswer>
): { department: string; programs: ReviewProgram[] }[] {
  return byDepartment(lines, tags, (p) =>
    !p.reason && !getOwn(answers, p.key)
      ? null
      : {
          key: p.key,
          department: p.department,
          program: p.program,
          lines: p.review.lines,
          total: fromCents(p.review.cents),
          nearest: p.review.nearest,
          reason: p.reason ?? "notFlagged",
        }
  );
}

/** A program that fits no goal, as the Review sheet shows it. */
export interface FlaggedProgram {
  key: string;
  department: string;
  program: string;
  lines: number;
  /** Sum of its lines' amounts, in dollars (summed in cents, as the sheets total). */
  total: number;
  /** The nearest goal of its largest line. */
  nearest: { id: string; confidence: number; why: string } | null;
}

/**
 * The programs that fit no goal, grouped by department in budget order, with the same lines, amount and nearest goal
 * as their Review sheet row. Programs in `answered` stay listed even when their answer took the flag away (a "Retain"
 * answer tags the program), so the answer stays in view.
 */
export function flaggedProgramsByDepartment(
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  answered: ReadonlySet<string> = new Set()
): { department: string; programs: FlaggedProgram[] }[] {
  return byDepartment(lines, tags, (p) =>
    !p.flagged && !answered.has(p.key)
      ? null
      : {
          key: p.key,
          department: p.department,
          program: p.program,
          lines: p.lines,
          total: fromCents(p.cents),
          nearest: p.nearest,
        }
  );
}

/** The rows `row` makes of the budget's programs (null: not listed), grouped by department in budget order. */
function byDepartment<T>(
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  row: (p: ProgramFigure) => T | null
): { department: string; programs: T[] }[] {
  const depts = new Map<string, T[]>();
  for (const p of programFigures(lines, tags).values()) {
    const r = row(p);
    if (r === null) continue;
    let list = depts.get(p.department);
    if (!list) depts.set(p.department, (list = []));
    list.push(r);
  }
  return [...depts].map(([department, programs]) => ({ department, programs }));
}

/** "G1.2 — Reduce response times": how a goal is shown in the Goal list and in answers. */
export function goalChoice(plan: Plan, id: string): string {
  const t = findTarget(plan, id);
  return t ? `${t.id} — ${t.title}` : id;
}

function byDeptThenProgram(
  a: { department: string; program: string },
  b: { department: string; program: string }
) {
  return (
    normName(a.department).localeCompare(normName(b.department)) ||
    normName(a.program).localeCompare(normName(b.program))
  );
}

/** The Review sheet model. */
export function buildReviewSheet(ctx: ReportContext): SheetModel {
  const { plan } = ctx;
  const figures = figuresOf(ctx);
  const programs = figures.byProgram;
  const listed = (why: ReviewReason) =>
    [...programs.values()].filter((p) => p.reason === why).sort(byDeptThenProgram);
  const flagged = listed("flagged");
  const partly = listed("partlyUntagged");
  const low = listed("lowConfidence");
  const shown = new Set<string>([...flagged, ...partly, ...low].map((p) => p.key));
  const earlier = Object.keys(ctx.reviewAnswers)
    .map((k) => getOwn(ctx.reviewAnswers, k))
    .filter(
      (a): a is ReviewAnswer => !!a && typeof a.programKey === "string" && !shown.has(a.programKey)
    )
    .sort(byDeptThenProgram);

  const b = new SheetBuilder();
  b.textRow(reportTitle("Review of programs"), "title");
  b.textRow(
    "For department heads: for each program, choose a Response and, where it serves a goal, the Goal; add a short justification, your name and the date.",
    "subtitle"
  );
  b.textRow(
    "Your answers are read back by the Program key column the next time the report is run, so you may sort and filter freely.",
    "subtitle"
  );
  b.textRows(REASONS_NOTE, "note", 160);
  b.textRows(
    `Plan: ${plan.name || "(no name)"}. ${reviewCountsText(figures)} Also listed: ${earlier.length} answered earlier.` +
      (figures.answers.total > 0 ? ` Answers given: ${movedText(figures.answers.moved)}` : ""),
    "note",
    160
  );
  b.row();
  const header = b.row([...REVIEW_COLUMNS]);
  b.style(rng(header, 0, 1, REVIEW_COLUMNS.length), "tableHeader");
  const first = b.next;

  const answerCells = (a: ReviewAnswer | undefined): CellValue[] => {
    if (!a) return ["", "", "", "", ""];
    const goal = a.goalId ? goalChoice(plan, a.goalId) : "";
    const date = a.date && isIsoDate(a.date) ? isoToSerial(a.date) : (a.date ?? "");
    return [String(a.response ?? ""), goal, a.justification ?? "", a.reviewer ?? "", date];
  };
  // A Goal cell that disagrees with the program's answer (the newer counts; see src/core/decisions.ts).
  const conflictOf = (key: string): string =>
    ctx.conflicts ? (getOwn(ctx.conflicts, key) ?? "") : "";
  /** One row: printed columns (Department … Date), then the screen's (Lines … Conflict). */
  const row = (
    reason: string,
    department: string,
    program: string,
    lines: number | "",
    amount: number | "",
    nearest: { id: string; confidence: number; why: string } | null | undefined,
    answer: ReviewAnswer | undefined,
    key: string
  ): number => {
    const full = nearest ? goalChoice(plan, nearest.id) : nearest === null ? "(none found)" : "";
    return b.row([
      department,
      program,
      reason,
      amount,
      full,
      ...answerCells(answer),
      lines,
      nearest ? nearest.confidence : "",
      full,
      nearest ? nearest.why : "",
      key,
      conflictOf(key),
    ]);
  };

  for (const p of [...flagged, ...partly, ...low]) {
    row(
      SHEET_REASONS[p.reason as ReviewReason],
      p.department,
      p.program,
      p.review.lines,
      fromCents(p.review.cents),
      p.review.nearest,
      getOwn(ctx.reviewAnswers, p.key),
      p.key
    );
  }
  for (const a of earlier) {
    const p = programs.get(a.programKey);
    row(
      p ? SHEET_REASONS.notFlagged : SHEET_REASONS.gone,
      a.department ?? p?.department ?? "",
      a.program ?? p?.program ?? "",
      p ? p.lines : "",
      p ? fromCents(p.cents) : "",
      p && p.nearest ? p.nearest : undefined,
      a,
      a.programKey
    );
  }
  const last = b.next - 1;
  const n = last - first + 1;
  const cols = REVIEW_COLUMNS.length;

  const model: SheetModel = {
    name: REVIEW_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: [],
    freeze: { rows: header + 1, cols: COL.Program + 1 },
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: reportPrint({ start: header, end: header }),
    tabColor: "#C00000",
  };
  if (n > 0) {
    // The printed columns' body at 10 pt, wrapping; the styles below are laid over it.
    b.style(rng(header, PRINTED.from, n + 1, PRINTED.to - PRINTED.from + 1), "compactText");
    b.format(rng(first, COL.Lines, n, 1), FORMATS.integer);
    b.format(rng(first, COL.Amount, n, 1), FORMATS.currency);
    b.format(rng(first, COL.Confidence, n, 1), FORMATS.confidence);
    b.format(rng(first, COL.Date, n, 1), FORMATS.date);
    b.style(rng(first, COL.Response, n, COL.Date - COL.Response + 1), "inputCell");
    b.style(rng(first, COL["Program key"], n, 1), "muted");
    if (earlier.length)
      b.style(rng(first + figures.onReview, COL.Reason, earlier.length, 1), "muted");
    model.tables.push({
      name: "ReviewPrograms",
      range: rng(header, 0, n + 1, cols),
      style: "TableStyleLight9",
    });
    model.conditionalFormats.push({
      type: "blankCell",
      range: rng(first, 0, n, cols),
      style: "warning",
      testCol: COL.Response,
    });
    const goals = planTargets(plan)
      .filter((t) => t.level !== "priority")
      .map((t) => `${t.id} — ${t.title}`);
    model.validations.push({
      range: rng(first, COL.Response, n, 1),
      list: [...REVIEW_RESPONSES],
      prompt: "Retain — serves goal, Modify, Eliminate, or Needs a new goal.",
      allowOther: false,
    });
    if (goals.length) {
      model.validations.push({
        range: rng(first, COL.Goal, n, 1),
        list: goals,
        prompt: "The goal this program serves (or should serve).",
        allowOther: goals.length > 30,
      });
    }
  } else {
    const r = b.row(["Nothing to review: every program fits a goal with good confidence."]);
    b.freeRows.add(r);
    b.style(rng(r, 0), "muted");
  }

  const widths = reviewWidths(b);
  // Rows are as tall as their printed cells need at the body's 10 pt (the screen's columns after Date do not make
  // them taller). The Nearest goal column prints the goal's ID and as much of its title as the row's lines hold
  // (one or two); the full title is in the screen's "Nearest goal in full" column.
  const wrapped = [
    COL.Department,
    COL.Program,
    COL.Reason,
    COL.Response,
    COL.Goal,
    COL.Justification,
    COL.Reviewer,
  ];
  const linesOf = (row: CellValue[], c: number) => {
    const v = row[c];
    return typeof v === "string" && v ? wrappedLines(v, (widths[c] * 11) / COMPACT_PT) : 1;
  };
  const heights: { row: number; height: number }[] = [];
  const notes: CellNote[] = [];
  for (let r = first; r <= last; r++) {
    const row = b.values[r];
    const lines = Math.max(1, ...wrapped.map((c) => linesOf(row, c)));
    const cell = row[COL["Nearest goal"]];
    if (typeof cell === "string" && cell) {
      const short = shortGoal(
        cell,
        (widths[COL["Nearest goal"]] * 11) / COMPACT_PT,
        Math.min(2, lines)
      );
      row[COL["Nearest goal"]] = short;
      const note = nearestNote(row);
      if (note !== short) notes.push({ row: r, col: COL["Nearest goal"], text: note });
    }
    const reason = FULL_REASONS.get(String(row[COL.Reason]));
    if (reason && reason !== row[COL.Reason]) notes.push({ row: r, col: COL.Reason, text: reason });
    heights.push({ row: r, height: Math.ceil(lines * COMPACT_PT * 1.25 + 1) });
  }
  if (notes.length) model.notes = notes;
  model.columnWidths = widths;
  model.rowHeights = [...b.wrappedRowHeights(widths).filter((h) => h.row < first), ...heights];
  const lastRow = b.next - 1;
  model.print = reportPrint(
    { start: header, end: header },
    { areas: [rng(0, PRINTED.from, lastRow + 1, PRINTED.to - PRINTED.from + 1)] }
  );
  return model;
}

/**
 * Column widths of the Review sheet: fitted to the values, then the printed columns (Department … Date) narrowed,
 * the widest wrapped text first, until they fit one landscape page at 100%.
 */
function reviewWidths(b: SheetBuilder): number[] {
  const widths = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 8,
    max: 40,
    cols: REVIEW_COLUMNS.length,
    fixed: {
      [COL["Program key"]]: 12,
      [COL.Lines]: 8,
      [COL.Confidence]: 12,
      [COL.Reason]: 14,
      [COL.Date]: 10,
    },
  });
  // Amounts print at 10 pt: a little narrower than the fitted 11 pt width.
  widths[COL.Amount] = Math.max(11, Math.ceil(((widths[COL.Amount] - 2) * COMPACT_PT) / 11 + 1.5));
  // The answer columns are for writing in: as wide as their 10 pt headers, and what is typed wraps.
  Object.assign(widths, {
    [COL.Response]: 10,
    [COL.Goal]: 8,
    [COL.Justification]: 12,
    [COL.Reviewer]: 9,
  });
  const wide = [COL.Department, COL.Program, COL["Nearest goal"]];
  const answers = [COL.Response, COL.Goal, COL.Justification, COL.Reviewer];
  if (!shrinkToPage(widths, PRINTED.from, PRINTED.to, wide, 14))
    shrinkToPage(widths, PRINTED.from, PRINTED.to, [...wide, ...answers], 8);
  return widths;
}

/**
 * "G4.15 — Coordinate the planning and execution of …" cut, between words, to `lines` lines of a column `chars`
 * wide: "G4.15 Coordinate the planning…". The goal's ID is always kept whole.
 */
export function shortGoal(choice: string, chars: number, lines = 1): string {
  const m = /^(\S+) — (.*)$/.exec(choice);
  const text = m ? `${m[1]} ${m[2]}` : choice;
  if (wrappedLines(text, chars) <= lines) return text;
  let out = m ? m[1] : "";
  for (const word of (m ? m[2] : choice).split(/\s+/)) {
    const next = out ? `${out} ${word}` : word;
    if (wrappedLines(`${next}…`, chars) > lines) break;
    out = next;
  }
  return `${out || text.slice(0, Math.max(1, Math.floor(chars) - 2))}…`;
}

// ---------------------------------------------------------------------------------------------
// Reading the answers back
// ---------------------------------------------------------------------------------------------

const normHeader = (v: CellValue | undefined) => (typeof v === "string" ? normName(v) : "");
const normResponse = (text: string) =>
  normName(text)
    .replace(/[\u2010-\u2015-]+/g, "-")
    .replace(/\s*-\s*/g, " - ");

const RESPONSE_BY_NORM = new Map(REVIEW_RESPONSES.map((r) => [normResponse(r), r]));

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

/**
 * Reads the answers typed in a Review sheet (which may have been sorted, filtered or had rows moved; its columns
 * are found by their header texts). Returns one answer per row with anything typed in Response, Goal,
 * Justification, Reviewer or Date, and warnings naming the cell for a response that is not one of the four, or a
 * goal the plan does not have (such values are kept as typed).
 */
export function readReviewSheet(
  cells: SheetCells,
  plan: Plan
): { answers: ReviewAnswer[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const answers: ReviewAnswer[] = [];
  const rows = cells.values;
  const startRow = cells.startRow ?? 0;
  const startCol = cells.startCol ?? 0;
  const where = (r: number, c: number) => `${columnLetter(startCol + c)}${startRow + r + 1}`;
  const sheet = sheetRef(cells.name);

  const wanted = new Map(REVIEW_COLUMNS.map((h) => [normName(h), h]));
  let headerRow = -1;
  const at: Partial<Record<ReviewColumn, number>> = {};
  for (let r = 0; r < Math.min(rows.length, 60) && headerRow < 0; r++) {
    const row = rows[r] ?? [];
    const found: Partial<Record<ReviewColumn, number>> = {};
    row.forEach((v, c) => {
      const h = wanted.get(normHeader(v));
      if (h && found[h] === undefined) found[h] = c;
    });
    if (
      found.Response !== undefined &&
      (found["Program key"] !== undefined ||
        (found.Department !== undefined && found.Program !== undefined))
    ) {
      headerRow = r;
      Object.assign(at, found);
    }
  }
  if (headerRow < 0) {
    if (rows.some((row) => (row ?? []).some((v) => text(v) !== ""))) {
      issues.push({
        severity: "warning",
        code: "review.no-header",
        sheet: cells.name,
        message: `${sheet}: the header row (Department, Program, Response, Goal …) was not found, so no answers were read from it. Write the reports again to get a fresh Review sheet; answers given earlier are kept.`,
      });
    }
    return { answers, issues };
  }

  const get = (row: CellValue[], col: ReviewColumn) =>
    at[col] === undefined ? undefined : row[at[col] as number];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const responseRaw = text(get(row, "Response"));
    const goalRaw = text(get(row, "Goal"));
    const justification = text(get(row, "Justification"));
    const reviewer = text(get(row, "Reviewer"));
    const dateCell = get(row, "Date");
    const dateRaw = text(dateCell);
    if (!responseRaw && !goalRaw && !justification && !reviewer && !dateRaw) continue;
    const department = text(get(row, "Department"));
    const program = text(get(row, "Program"));
    const keyCell = text(get(row, "Program key"));
    if (!keyCell && !department && !program) continue;
    const key = keyCell || programKey({ department, division: "", program });

    let response: string = responseRaw;
    if (responseRaw) {
      const known = RESPONSE_BY_NORM.get(normResponse(responseRaw));
      if (known) response = known;
      else {
        const cell = where(r, at.Response as number);
        issues.push({
          severity: "warning",
          code: "review.unknown-response",
          sheet: cells.name,
          cell,
          message: `${sheet}!${cell}: "${responseRaw}" is not one of the responses (${REVIEW_RESPONSES.join(", ")}). It was kept as typed; pick one from the list.`,
        });
      }
    }
    const answer: ReviewAnswer = { programKey: key, department, program, response };
    if (goalRaw) {
      const id = resolveGoalRef(plan, goalRaw);
      if (id) answer.goalId = id;
      else {
        answer.goalId = goalRaw;
        const cell = where(r, at.Goal as number);
        issues.push({
          severity: "warning",
          code: "review.unknown-goal",
          sheet: cells.name,
          cell,
          message: `${sheet}!${cell}: "${goalRaw}" is not a goal in the plan. It was kept as typed; pick a goal from the list.`,
        });
      }
    }
    if (justification) answer.justification = justification;
    if (reviewer) answer.reviewer = reviewer;
    if (dateRaw) {
      answer.date =
        typeof dateCell === "number"
          ? (serialToIso(dateCell) ?? dateRaw)
          : (parseDateText(dateRaw) ?? dateRaw);
    }
    answers.push(answer);
  }
  return { answers, issues };
}
