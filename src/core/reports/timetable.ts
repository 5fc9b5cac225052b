/**
 * The Timetable sheet: every action of the plan with its owner, dates, status, measure and target, grouped by
 * priority and goal (outline levels, so it collapses), and a month-by-month grid across the plan's horizon: each
 * action's months shaded, this month marked, overdue actions highlighted, actions missing SMART fields marked,
 * and the review cycle (mid-year reviews, annual updates, three-year update, five-year revision) as its own rows.
 */
import { addMonths } from "date-fns/addMonths";
import { addYears } from "date-fns/addYears";
import { format } from "date-fns/format";
import { startOfMonth } from "date-fns/startOfMonth";
import { displayDate, isIsoDate, isoToSerial } from "../plan/dates";
import { goalsOf, planActions } from "../plan/model";
import { cycleBaseDate, fiscalYearLabel, reviewCycle } from "../plan/review-cycle";
import { canonicalStatus, smartGaps, type SmartGap } from "../plan/validate";
import type { Action, CellValue, OutlineGroup, SheetModel, StyleName } from "../types";
import type { ReportContext } from "./context";
import {
  columnIndexes,
  columnPx,
  fiscalYearStartOf,
  fitWidths,
  fyMonthDay,
  isoDate,
  lineBreaks,
  PAGE_WIDTH_PX,
  pageChars,
  printedWidthPx,
  reportPrint,
  reportTitle,
  rng,
  SheetBuilder,
  shrinkToPage,
  textWidth,
  toIso,
} from "./sheet";
import { FORMATS } from "./styles";

export const TIMETABLE_SHEET = "Timetable";

/**
 * The action table's columns. Priority and Goal come last: the priority and goal heading rows already say them
 * on paper, so they stay on screen (for sorting and filtering) and out of the printed action table.
 */
export const TIMETABLE_COLUMNS = [
  "ID",
  "Action",
  "Owner",
  "Start",
  "Due",
  "Status",
  "Measure",
  "Target",
  "Missing",
  "Flag",
  "Priority",
  "Goal",
] as const;

const C = columnIndexes(TIMETABLE_COLUMNS);
const GRID = TIMETABLE_COLUMNS.length;
/** The printed action table: ID … Flag. */
const PRINTED_COLS = C.Flag + 1;
/** The grid never runs past this many months (20 years). */
export const MAX_GRID_MONTHS = 240;
export const REVIEW_MARK = "◆";
export const MONTH_FORMAT = "mmm yy";
/** Month headers in columns narrower than MONTH_FORMAT_MIN_WIDTH characters: the month alone. */
export const SHORT_MONTH_FORMAT = "mmm";
const MONTH_FORMAT_MIN_WIDTH = 7;

const GAP_WORDS: Record<SmartGap, string> = {
  measure: "measure",
  target: "target",
  owner: "owner",
  due: "due date",
};

const label = (id: string, title: string) => (title ? `${id} ${title}` : id);

/** True when an action is past due and not complete or cancelled. */
export function isOverdue(action: Action, today: string): boolean {
  if (!action.due || !isIsoDate(action.due) || action.due >= today) return false;
  const status = canonicalStatus(action.status ?? "");
  return status !== "Complete" && status !== "Cancelled";
}

/** Where the grid's dates are counted from, in plain words, and that date (ISO). */
export function timetableBase(ctx: ReportContext): { base: string; note: string } {
  const { plan } = ctx;
  if (plan.adopted && isIsoDate(plan.adopted))
    return {
      base: plan.adopted,
      note: `Dates are counted from the plan's adoption on ${displayDate(plan.adopted)}.`,
    };
  const cycle = cycleBaseDate(plan);
  if (cycle)
    return {
      base: cycle,
      note:
        `The plan has no adoption date, so the grid and the review dates are counted from ${displayDate(cycle)}, ` +
        "the first fiscal-year start after the earliest action start. Add the adoption date to the plan to date them exactly.",
    };
  const fyStart = toIso(fiscalYearStartOf(isoDate(ctx.today), fyMonthDay(plan.fiscalYearStart)));
  return {
    base: fyStart,
    note:
      `The plan has no adoption date and no action has a start date, so the grid starts with the current fiscal year (${displayDate(fyStart)}) ` +
      "and the review cycle cannot be dated. Add the adoption date to the plan.",
  };
}

/**
 * The Timetable sheet model. Built twice: the printed action table's width is known only once its columns are
 * fitted to every row, and the headings (the title, a priority's or goal's title) are broken into rows that fit that
 * width. Headings do not change the fitted widths, so the second build prints as the first measured.
 */
export function buildTimetableSheet(ctx: ReportContext): SheetModel {
  const first = buildTimetable(ctx, Infinity);
  const tablePx = printedWidthPx(first.columnWidths, 0, PRINTED_COLS - 1);
  return buildTimetable(ctx, Math.min(PAGE_WIDTH_PX, tablePx));
}

/** The Timetable with its headings broken to fit `printedPx`, the width the printed action table takes. */
function buildTimetable(ctx: ReportContext, printedPx: number): SheetModel {
  const { plan, today } = ctx;
  const headingChars = (style: StyleName, fromPx = 0) =>
    Number.isFinite(printedPx) ? pageChars(style, fromPx + PAGE_WIDTH_PX - printedPx) : Infinity;
  const { base, note } = timetableBase(ctx);
  const actions = planActions(plan);
  const events = reviewCycle(plan);
  const years = Math.max(
    5,
    Number.isInteger(plan.horizonYears) && plan.horizonYears > 0 ? plan.horizonYears : 5
  );

  // The grid's months: the horizon from the base date, widened to the actions' and reviews' dates (capped).
  const dates: string[] = [base, toIso(addYears(isoDate(base), years))];
  for (const { action } of actions)
    for (const d of [action.start, action.due]) if (d && isIsoDate(d)) dates.push(d);
  for (const e of events) dates.push(e.date);
  dates.sort();
  // Whole fiscal years, so each prints as one page-wide block of twelve months.
  const fy = fyMonthDay(plan.fiscalYearStart);
  const gridStart = startOfMonth(fiscalYearStartOf(isoDate(dates[0]), fy));
  const lastWanted = startOfMonth(isoDate(dates[dates.length - 1]));
  const monthsWanted = monthIndex(gridStart, lastWanted) + 1;
  const months = Math.max(12, Math.min(MAX_GRID_MONTHS, Math.ceil(monthsWanted / 12) * 12));
  const col = (iso: string) => GRID + monthIndex(gridStart, isoDate(iso));
  const inGrid = (c: number) => c >= GRID && c < GRID + months;

  const b = new SheetBuilder();
  // A long plan name prints on as many title rows as it needs, never past the page's right edge.
  const heading = reportTitle(plan.name ? `Timetable: ${plan.name}` : "Timetable");
  for (const line of lineBreaks(heading, headingChars("title"))) b.textRow(line, "title");
  b.textRow("The action plan and the review cycle, month by month.", "subtitle");
  b.textRows(note, "note");
  const todayMonth = format(isoDate(today), "MMM yyyy");
  b.textRows(
    `Shaded: the months an action runs. Gold: this month (${todayMonth}). Orange: overdue (past due, not complete). ` +
      `${REVIEW_MARK} green: a review of the plan.` +
      (monthsWanted > MAX_GRID_MONTHS
        ? ` The grid shows the first ${MAX_GRID_MONTHS / 12} years.`
        : "") +
      (actions.some(({ action }) => isIsoDate(action.start ?? "") || isIsoDate(action.due ?? ""))
        ? " Only the fiscal years an action runs in (and this one) are printed."
        : " No action has a start or due date, so the month grid is not printed: add the dates to the plan's actions to get it."),
    "note"
  );
  // Above the grid: each fiscal year's name over its first month (its printed pages start with it).
  const yearRow = b.row();
  for (let m = 0; m < months; m += 12) {
    b.set(yearRow, GRID + m, fiscalYearLabel(addMonths(gridStart, m)));
    b.style(rng(yearRow, GRID + m, 1, 12), "sectionHeader");
  }
  b.freeRows.add(yearRow);
  const header = b.row([
    ...TIMETABLE_COLUMNS,
    ...Array.from({ length: months }, (_, m) => isoToSerial(toIso(addMonths(gridStart, m)))),
  ]);
  b.style(rng(header, 0, 1, GRID + months), "tableHeader");
  b.format(rng(header, GRID, 1, months), MONTH_FORMAT);
  const first = b.next;
  const todayCol = col(today);

  const outline: OutlineGroup[] = [];
  const spans: { row: number; from: number; to: number; overdue: boolean }[] = [];
  const byGoal = new Map<string, typeof actions>();
  for (const a of actions) {
    const list = byGoal.get(a.goalId) ?? [];
    list.push(a);
    byGoal.set(a.goalId, list);
  }

  for (const p of plan.priorities) {
    b.section();
    const pRow = headingRows(b, p.id, p.title, "sectionHeader", GRID, headingChars);
    const goals = goalsOf(p);
    if (goals.length === 0) {
      const r = b.row(["", "(this priority has no goals)"]);
      b.style(rng(r, 1), "muted");
    }
    for (const g of goals) {
      const gRow = headingRows(b, g.id, g.title, "headlineValue", 2, headingChars);
      const list = byGoal.get(g.id) ?? [];
      if (list.length === 0) {
        const r = b.row(["", "(no actions listed for this goal)"]);
        b.style(rng(r, 1), "muted");
      }
      for (const { action } of list) {
        const r = actionRow(b, action, label(p.id, p.title), label(g.id, g.title), today);
        const s = action.start && isIsoDate(action.start) ? action.start : null;
        const d = action.due && isIsoDate(action.due) ? action.due : null;
        if (s || d) {
          let from = col((s ?? d) as string);
          let to = col((d ?? s) as string);
          if (from > to) [from, to] = [to, from];
          from = Math.max(from, GRID);
          to = Math.min(to, GRID + months - 1);
          if (from <= to) spans.push({ row: r, from, to, overdue: isOverdue(action, today) });
        }
      }
      if (b.next - 1 > gRow) outline.push({ startRow: gRow + 1, endRow: b.next - 1, level: 2 });
    }
    if (b.next - 1 > pRow) outline.push({ startRow: pRow + 1, endRow: b.next - 1, level: 1 });
  }
  if (plan.priorities.length === 0) {
    const r = b.row(["", "(the plan has no priorities yet)"]);
    b.style(rng(r, 1), "muted");
  }

  // The review cycle.
  b.section();
  const reviewHead = b.row(["", "Review cycle"]);
  b.style(rng(reviewHead, 0, 1, GRID), "sectionHeader");
  const marks: { row: number; col: number }[] = [];
  if (events.length === 0) {
    const r = b.row([
      "",
      "The review cycle cannot be dated: the plan has no adoption date and no action start dates.",
    ]);
    b.style(rng(r, 1), "warning");
  }
  for (const e of events) {
    const serial = isoToSerial(e.date);
    const r = b.row(
      cellsOf({
        Action: e.title,
        Start: serial,
        Due: serial,
        Status: e.date < today ? "Past" : "Upcoming",
      })
    );
    b.style(rng(r, C.Action), "wrapText");
    const c = col(e.date);
    if (inGrid(c)) {
      b.set(r, c, REVIEW_MARK);
      b.set(reviewHead, c, REVIEW_MARK);
      marks.push({ row: r, col: c }, { row: reviewHead, col: c });
    }
  }
  if (b.next - 1 > reviewHead)
    outline.push({ startRow: reviewHead + 1, endRow: b.next - 1, level: 1 });
  const last = b.next - 1;
  const n = last - first + 1;

  // Dates, then the grid's looks: this month under everything, spans over it, reviews on top.
  b.format(rng(first, C.Start, n, 2), FORMATS.date);
  if (inGrid(todayCol)) {
    b.style(rng(header, todayCol, 1, 1), "gridToday");
    b.style(rng(first, todayCol, n, 1), "gridToday");
  }
  for (const s of spans)
    b.style(rng(s.row, s.from, 1, s.to - s.from + 1), s.overdue ? "gridOverdue" : "gridSpan");
  for (const m of marks) b.style(rng(m.row, m.col), "gridReview");

  // Long texts wrap in their columns; the printed action table (ID … Flag) fits a landscape page at 100%.
  const widths = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 8,
    max: 36,
    cols: GRID + months,
  });
  widths[C.ID] = Math.min(widths[C.ID], 10);
  widths[C.Action] = Math.max(widths[C.Action], 24);
  widths[C.Action] = Math.max(widths[C.Action], 30);
  shrinkToPage(widths, 0, PRINTED_COLS - 1, [C.Measure, C.Target, C.Owner, C.Missing], 12);
  shrinkToPage(
    widths,
    0,
    PRINTED_COLS - 1,
    [C.Action, C.Measure, C.Target, C.Owner, C.Missing],
    10
  );
  // An owner's longest word fits its column whole ("Communications" was cut in two); the other text columns give way.
  let ownerWord = 0;
  for (let r = header + 1; r <= last; r++) {
    const v = b.values[r]?.[C.Owner];
    if (typeof v === "string")
      for (const w of v.split(/\s+/)) ownerWord = Math.max(ownerWord, textWidth(w));
  }
  if (widths[C.Owner] < Math.ceil(ownerWord + 1)) {
    widths[C.Owner] = Math.ceil(ownerWord + 1);
    shrinkToPage(widths, 0, PRINTED_COLS - 1, [C.Action, C.Measure, C.Target, C.Missing], 10);
  }
  // Each fiscal year prints with ID and Action repeated at its left: its twelve months share the rest.
  const monthWidth = Math.max(
    5,
    Math.min(8, Math.floor(((PAGE_WIDTH_PX - printedWidthPx(widths, 0, C.Action)) / 12 - 5) / 7))
  );
  for (let c = GRID; c < GRID + months; c++) widths[c] = monthWidth;
  // "Sep 27" does not fit a narrow month column (Excel would show ###): the month alone, under its fiscal year.
  if (monthWidth < MONTH_FORMAT_MIN_WIDTH)
    b.format(rng(header, GRID, 1, months), SHORT_MONTH_FORMAT);
  const title = { start: header, end: header };
  const repeated = [header];
  const areas = [rng(0, 0, last + 1, PRINTED_COLS)];
  // A fiscal year prints when an action runs in it or it holds today; a plan with no dated action prints no grid.
  for (const m of printedYears(months, spans, todayCol - GRID))
    areas.push(rng(yearRow, GRID + m, last - yearRow + 1, Math.min(12, months - m)));
  return {
    name: TIMETABLE_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: widths,
    rowHeights: b.wrappedRowHeights(widths),
    freeze: { rows: header + 1, cols: C.Action + 1 },
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline,
    print: reportPrint(title, {
      areas,
      titleCols: { start: C.ID, end: C.Action },
      rowBreaks: b.sectionBreaks(widths, repeated),
    }),
    tabColor: "#548235",
  };
}

/** The ID column's printed width at most (its width is capped at 10 characters). */
const ID_PX = columnPx(10);

/**
 * A priority's or goal's heading: its ID, then its title on as many rows as the printed page's width needs (a long
 * goal title ran past the right edge of a Letter page), each row styled across `cols` columns. Returns the last
 * heading row (what follows is grouped under it).
 */
function headingRows(
  b: SheetBuilder,
  id: string,
  title: string,
  style: "sectionHeader" | "headlineValue",
  cols: number,
  chars: (style: StyleName, fromPx: number) => number
): number {
  let r = -1;
  lineBreaks(title, chars(style, ID_PX)).forEach((line, i) => {
    r = b.row([i === 0 ? id : "", line]);
    b.style(rng(r, 0, 1, cols), style);
  });
  return r;
}

/**
 * The grid's fiscal years that print (their first month, 0-based from the grid's start): those an action runs in
 * and the one holding today, when any action is dated; none when no action is (a grid of empty rows says nothing).
 */
export function printedYears(
  months: number,
  spans: readonly { from: number; to: number }[],
  todayMonth: number
): number[] {
  if (spans.length === 0) return [];
  const out: number[] = [];
  for (let m = 0; m < months; m += 12) {
    const from = GRID + m;
    const to = from + 11;
    const used = spans.some((s) => s.from <= to && s.to >= from);
    if (used || (todayMonth >= m && todayMonth < m + 12)) out.push(m);
  }
  return out;
}

/** A row of the action table from its cells by column name (blank where not given). */
function cellsOf(
  cells: Partial<Record<(typeof TIMETABLE_COLUMNS)[number], CellValue>>
): CellValue[] {
  return TIMETABLE_COLUMNS.map((h) => cells[h] ?? "");
}

function monthIndex(from: Date, to: Date): number {
  return (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
}

function actionRow(
  b: SheetBuilder,
  action: Action,
  priority: string,
  goal: string,
  today: string
): number {
  const date = (iso: string | undefined): CellValue =>
    iso && isIsoDate(iso) ? isoToSerial(iso) : (iso ?? "");
  const gaps = smartGaps(action).map((g) => GAP_WORDS[g]);
  const overdue = isOverdue(action, today);
  const r = b.row(
    cellsOf({
      ID: action.id,
      Action: action.title,
      Owner: action.owner ?? "",
      Start: date(action.start),
      Due: date(action.due),
      Status: action.status ?? "",
      Measure: action.measure ?? "",
      Target: action.target ?? "",
      Missing: gaps.join(", "),
      Flag: overdue ? "Overdue" : "",
      Priority: priority,
      Goal: goal,
    })
  );
  // Long texts wrap in their columns (the heading rows' titles run on to the right instead).
  b.style(rng(r, C.Action, 1, 2), "wrapText");
  b.style(rng(r, C.Owner), "wrapText");
  b.style(rng(r, C.Measure, 1, 3), "wrapText");
  b.style(rng(r, C.Priority, 1, 2), "wrapText");
  if (gaps.length) b.style(rng(r, C.Missing), "warning");
  if (overdue) b.style(rng(r, C.Flag), "flag");
  return r;
}
