/**
 * The Alignment sheet: the mid-year alignment report a budget analyst hands to the council.
 *
 * Title block; headline figures (label, then the number to its right); budget by priority and by goal as Excel
 * tables with a bar chart; a department × priority matrix; goals the budget does not fund, with their actions
 * and owners; and, when the budget has adopted / revised / YTD columns, the mid-year view with spending pace.
 * Every amount is a value computed in cents (never a formula) and every table adds up to the total budget.
 */
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { subDays } from "date-fns/subDays";
import { isoToSerial } from "../plan/dates";
import { goalsOf, planActions } from "../plan/model";
import { fiscalYearLabel } from "../plan/review-cycle";
import type {
  AmountColumnSpec,
  AmountKind,
  CellValue,
  ChartModel,
  MidYearJson,
  Plan,
  SheetModel,
  TableModel,
  TagSource,
} from "../types";
import type { ReportContext } from "./context";
import { measuresLine } from "../measures/report";
import { programInventory, quartileMap, type Inventory } from "./program-inventory";
import { QUARTILE_MEANING } from "./programs";
import { functionSection } from "./functions-section";
import { clipText } from "../sheet-rules";
import { nearestFundedPrograms } from "./nearest";
import { buildLedger, goalRows, NOT_IN_PLAN, UNALIGNED, type Bucket, type Ledger } from "./ledger";
import {
  fiscalYearStartEnding,
  fiscalYearStartOf,
  fitWidths,
  fyMonthDay,
  isoDate,
  nextFiscalYearStart,
  reportPrint,
  reportTitle,
  rng,
  SheetBuilder,
  shrinkToPage,
} from "./sheet";
import { FORMATS } from "./styles";
import { headerContinuations, tablesOf, withHeaderCopies } from "./print-pages";
import { dataChecksBlock } from "./data-checks";
import { figuresOf } from "./figures";
import { answersBlock, moneyOnNoGoalBlock, reviewHeadlineRows } from "./figures-blocks";
import { fromCents } from "./totals";

export const ALIGNMENT_SHEET = "Alignment";

/** Spending more than this far (in share of the year) ahead of or behind the year elapsed is flagged. */
export const PACE_TOLERANCE = 0.15;

const SOURCE_LABELS: [TagSource, string][] = [
  ["manual", "Tagged by staff (manual)"],
  ["rule", "Tagged by rules"],
  ["learned", "Tagged like confirmed lines (learned)"],
  ["suggested", "Suggested by the text (suggested)"],
  ["none", "Not tagged (none)"],
];

const label = (id: string, title: string) => (title ? `${id} ${title}` : id);

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * Where today falls against the YTD column's fiscal year: before it starts, during it, or after it has ended.
 * After the end, year-to-date actuals are compared with the full year; before the start, nothing is expected yet.
 */
export type MidYearPhase = MidYearJson["phase"];

/** The mid-year columns to show: YTD actual plus adopted and/or revised, of the same fiscal year where possible. */
export interface MidYearColumns {
  adopted?: AmountColumnSpec;
  revised?: AmountColumnSpec;
  ytd: AmountColumnSpec;
  /** Share of the YTD column's fiscal year elapsed at today, 0..1 (1 once the year has ended). */
  elapsed: number;
  fiscalYear: string;
  phase: MidYearPhase;
  /** First and last day of the YTD column's fiscal year. */
  start: Date;
  last: Date;
  /** The report date. */
  today: Date;
}

function pick(
  cols: AmountColumnSpec[],
  kind: AmountKind,
  year: number | null
): AmountColumnSpec | undefined {
  const of = cols.filter((c) => c.kind === kind);
  if (of.length === 0) return undefined;
  if (year !== null) {
    const same = of.find((c) => c.fiscalYear === year);
    if (same) return same;
  }
  return of.reduce(
    (best, c) => ((c.fiscalYear ?? -Infinity) > (best.fiscalYear ?? -Infinity) ? c : best),
    of[0]
  );
}

export function midYearColumns(ctx: ReportContext): MidYearColumns | null {
  const fy = fyMonthDay(ctx.plan.fiscalYearStart);
  const today = isoDate(ctx.today);
  const currentStart = fiscalYearStartOf(today, fy);
  const currentEnd =
    fy.month === 1 && fy.day === 1 ? currentStart.getFullYear() : currentStart.getFullYear() + 1;
  const cols = ctx.budget.amountColumns;
  const ytd = pick(cols, "ytd", currentEnd);
  if (!ytd) return null;
  const year = ytd.fiscalYear ?? currentEnd;
  const adopted = pick(cols, "adopted", year);
  const revised = pick(cols, "revised", year);
  if (!adopted && !revised) return null;
  const start = ytd.fiscalYear !== null ? fiscalYearStartEnding(ytd.fiscalYear, fy) : currentStart;
  const end = nextFiscalYearStart(start);
  const phase: MidYearPhase = today < start ? "before" : today >= end ? "after" : "during";
  const elapsed = Math.max(
    0,
    Math.min(1, differenceInCalendarDays(today, start) / differenceInCalendarDays(end, start))
  );
  return {
    adopted,
    revised,
    ytd,
    elapsed,
    fiscalYear: fiscalYearLabel(start),
    phase,
    start,
    last: subDays(end, 1),
    today,
  };
}

const day = (d: Date) => format(d, "MMM d, yyyy");

/**
 * What the mid-year view compares, in words: the share of the year passed, or that the year has ended (and the
 * full year is the measure), or that it has not begun. The sheet and the pane show this same sentence.
 */
export function midYearNote(mid: MidYearColumns): string {
  const base = mid.revised ? "revised" : "adopted";
  if (mid.phase === "after")
    return (
      `${mid.fiscalYear} ended on ${day(mid.last)}, before ${day(mid.today)}: year-to-date actuals are compared ` +
      `with the full year's ${base} budget, and spending over it is flagged. No pace is flagged for a year that has ended.`
    );
  if (mid.phase === "before")
    return (
      `${mid.fiscalYear} begins on ${day(mid.start)}, after ${day(mid.today)}: nothing is expected to be spent yet, ` +
      `so no pace is flagged; any spending already recorded is.`
    );
  const pct = Math.round(mid.elapsed * 1000) / 10;
  return (
    `${pct}% of ${mid.fiscalYear} had passed on ${day(mid.today)}. Spending more than ${PACE_TOLERANCE * 100} ` +
    `points ahead of or behind that share of its ${base} budget is flagged.`
  );
}

/** The flag of one mid-year row: pace during the year, over budget after it, early spending before it. */
export function midYearFlag(
  phase: MidYearPhase,
  baseCents: number,
  ytdCents: number,
  elapsed: number
): string {
  if (phase === "after") {
    if (baseCents <= 0) return ytdCents > 0 ? "Spending with no budget" : "";
    return ytdCents > baseCents ? "Over budget" : "";
  }
  if (phase === "before") return ytdCents > 0 ? "Spent before the year began" : "";
  return paceFlag(baseCents, ytdCents, elapsed);
}

/** "Ahead of pace" / "Behind pace" / "" for a spent share against the year elapsed. */
export function paceFlag(baseCents: number, ytdCents: number, elapsed: number): string {
  if (baseCents <= 0) return ytdCents > 0 ? "Spending with no budget" : "";
  const spent = ytdCents / baseCents;
  if (spent > elapsed + PACE_TOLERANCE) return "Ahead of pace";
  if (spent < elapsed - PACE_TOLERANCE) return "Behind pace";
  return "";
}

interface Section {
  b: SheetBuilder;
  tables: TableModel[];
  charts: ChartModel[];
  ledger: Ledger;
  plan: Plan;
  today: string;
}

/**
 * A section's heading row. Every section of the sheet starts with one: a page break may go above it when the
 * section would split badly on paper (SheetBuilder.sectionBreaks).
 */
function sectionHeader(b: SheetBuilder, text: string, cols: number): number {
  b.section();
  const r = b.row([text]);
  b.freeRows.add(r);
  b.style(rng(r, 0, 1, cols), "sectionHeader");
  return r;
}

/** Writes a table of (label, bucket) rows with amount, % of total, lines and programs; returns the table's rows. */
function bucketTable(
  s: Section,
  name: string,
  headers: string[],
  rows: { cells: CellValue[]; bucket: Bucket | undefined; after?: CellValue[] }[]
): { header: number; first: number; last: number } {
  const { b, ledger } = s;
  const header = b.row(headers);
  b.style(rng(header, 0, 1, headers.length), "tableHeader");
  const first = b.next;
  for (const row of rows) {
    const bk = row.bucket;
    const cents = bk?.cents ?? 0;
    b.row([
      ...row.cells,
      fromCents(cents),
      ratio(cents, ledger.budgetCents),
      bk?.lines ?? 0,
      bk?.programs.size ?? 0,
      ...(row.after ?? []),
    ]);
  }
  const last = b.next - 1;
  const n = last - first + 1;
  b.style(rng(first, 0, n, 1), "wrapText");
  b.format(rng(first, 1, n, 1), FORMATS.currency);
  b.format(rng(first, 2, n, 1), FORMATS.percent);
  b.format(rng(first, 3, n, 2), FORMATS.integer);
  s.tables.push({ name, range: rng(header, 0, n + 1, headers.length), style: "TableStyleMedium2" });
  // The total, below the table: the sum of the rows, which is the headline total.
  const totalCents = rows.reduce((sum, r) => sum + (r.bucket?.cents ?? 0), 0);
  const t = b.row([
    "Total",
    fromCents(totalCents),
    ratio(totalCents, ledger.budgetCents),
    ledger.lineCount,
  ]);
  b.style(rng(t, 0, 1, headers.length), "total");
  b.format(rng(t, 1), FORMATS.currency);
  b.format(rng(t, 2), FORMATS.percent);
  b.format(rng(t, 3), FORMATS.integer);
  return { header, first, last };
}

function extraRows(ledger: Ledger, keyOrder: string[]): string[] {
  const out = [...keyOrder];
  if (ledger.byPriority.has(NOT_IN_PLAN)) out.push(NOT_IN_PLAN);
  out.push(UNALIGNED);
  return out;
}

const NOT_IN_PLAN_LABEL = "Tagged to a goal no longer in the plan";
const UNALIGNED_LABEL = "Unaligned (no goal)";

/** The Alignment sheet model. */
export function buildAlignmentSheet(ctx: ReportContext, inventory?: Inventory): SheetModel {
  const { plan, budget } = ctx;
  const mid = midYearColumns(ctx);
  const extraIds = mid
    ? [mid.adopted?.id, mid.revised?.id, mid.ytd.id].filter((x): x is string => !!x)
    : [];
  const ledger = buildLedger(plan, budget.lines, ctx.tags, extraIds);
  const b = new SheetBuilder();
  const s: Section = { b, tables: [], charts: [], ledger, plan, today: ctx.today };

  // Title block.
  const fy = fyMonthDay(plan.fiscalYearStart);
  const today = isoDate(ctx.today);
  const primary = budget.amountColumns.find((c) => c.id === budget.primaryAmount);
  // The budget's fiscal year: the one its amount column names, else the one today falls in.
  const fyStart =
    typeof primary?.fiscalYear === "number"
      ? fiscalYearStartEnding(primary.fiscalYear, fy)
      : fiscalYearStartOf(today, fy);
  const fyLast = subDays(nextFiscalYearStart(fyStart), 1);
  b.textRow(reportTitle(plan.name), "title");
  b.textRow("Mid-year alignment report: how the budget funds the strategic plan.", "subtitle");
  const info: [string, CellValue][] = [
    ["Plan", plan.name || "(the plan has no name)"],
    [
      "Fiscal year",
      `${fiscalYearLabel(fyStart)} (${format(fyStart, "MMM d, yyyy")} – ${format(fyLast, "MMM d, yyyy")})`,
    ],
    ["Amount column", primary ? primary.header : "(no amount column was found)"],
    ["Budget sheets", ctx.sourceSheets.length ? ctx.sourceSheets.join(", ") : "(none)"],
    ["Generated", isoToSerial(ctx.today)],
  ];
  for (const [k, v] of info) {
    const r = b.row([k, v]);
    b.style(rng(r, 0), "headline");
    if (typeof v === "number") b.format(rng(r, 1), FORMATS.date);
  }
  const titleEnd = b.next - 1;
  // Long info texts may run to the right; they should not widen the amount column.
  for (let r = 2; r <= titleEnd; r++) b.freeRows.add(r);
  b.row();

  // Headline figures.
  sectionHeader(b, "Headline figures", 3);
  const headline = (text: string, value: number, fmt: string, pct?: number) => {
    const r = b.row(pct === undefined ? [text, value] : [text, value, pct]);
    b.style(rng(r, 0), "headline");
    // A long label wraps in its column: running on, it was cut off by the value beside it.
    b.style(rng(r, 0), "wrapText");
    b.style(rng(r, 1), "headlineValue");
    b.format(rng(r, 1), fmt);
    if (pct !== undefined) b.format(rng(r, 2), FORMATS.percent);
    return r;
  };
  headline("Total budget", fromCents(ledger.budgetCents), FORMATS.currency);
  headline(
    "Aligned to the plan",
    fromCents(ledger.alignedCents),
    FORMATS.currency,
    ratio(ledger.alignedCents, ledger.budgetCents)
  );
  headline(
    "Unaligned (no goal)",
    fromCents(ledger.unalignedCents),
    FORMATS.currency,
    ratio(ledger.unalignedCents, ledger.budgetCents)
  );
  const figures = figuresOf(ctx);
  reviewHeadlineRows(figures, headline);
  headline("Budget lines", ledger.lineCount, FORMATS.integer);
  const srcHeader = b.row(["How lines were tagged", "Lines", "Amount"]);
  b.style(rng(srcHeader, 0, 1, 3), "tableHeader");
  const srcFirst = b.next;
  for (const [source, text] of SOURCE_LABELS) {
    const v = ledger.bySource.get(source);
    b.row([text, v?.lines ?? 0, fromCents(v?.cents ?? 0)]);
  }
  // The label column gives way on a narrow page: its longer labels wrap rather than run under the numbers.
  b.style(rng(srcFirst, 0, SOURCE_LABELS.length, 1), "wrapText");
  b.format(rng(srcFirst, 1, SOURCE_LABELS.length, 1), FORMATS.integer);
  b.format(rng(srcFirst, 2, SOURCE_LABELS.length, 1), FORMATS.currency);
  b.row();
  moneyOnNoGoalBlock(b, figures);
  answersBlock(b, figures);
  dataChecksBlock(b, ctx);

  // Budget by priority, with its chart.
  sectionHeader(b, "Budget by priority", 5);
  const priorityKeys = extraRows(ledger, [...new Set(plan.priorities.map((p) => p.id))]);
  const titleOf = new Map<string, string>();
  for (const p of plan.priorities) {
    titleOf.set(p.id, label(p.id, p.title));
    for (const g of goalsOf(p)) titleOf.set(g.id, label(g.id, g.title));
  }
  const keyLabel = (k: string) =>
    k === UNALIGNED
      ? UNALIGNED_LABEL
      : k === NOT_IN_PLAN
        ? NOT_IN_PLAN_LABEL
        : (titleOf.get(k) ?? k);
  const pt = bucketTable(
    s,
    "AlignmentByPriority",
    ["Priority", "Amount", "% of total", "Lines", "Programs"],
    priorityKeys.map((k) => ({ cells: [keyLabel(k)], bucket: ledger.byPriority.get(k) }))
  );
  for (let r = pt.first; r <= pt.last; r++)
    if (priorityKeys[r - pt.first] === UNALIGNED) b.style(rng(r, 0, 1, 5), "flag");
  b.textRow(
    "A line split between goals counts in each of its rows, with its amount split by share, so the amounts add up to the total budget.",
    "note"
  );
  const chartData = { first: pt.first, last: pt.last };
  b.row();

  // Budget by goal.
  sectionHeader(b, "Budget by goal", 6);
  const rowsOfGoals = goalRows(plan, ledger);
  const goalKeys = extraRows(
    ledger,
    rowsOfGoals.map((g) => g.key)
  );
  const kindOf = new Map(rowsOfGoals.map((g) => [g.key, g]));
  const gt = bucketTable(
    s,
    "AlignmentByGoal",
    ["Goal", "Amount", "% of total", "Lines", "Programs", "Priority"],
    goalKeys.map((k) => {
      const g = kindOf.get(k);
      const text =
        g?.kind === "priority" ? `${keyLabel(k)} (the priority as a whole)` : keyLabel(k);
      return {
        cells: [text],
        bucket: ledger.byGoal.get(k),
        after: [g ? keyLabel(g.priorityId) : ""],
      };
    })
  );
  for (let r = gt.first; r <= gt.last; r++) {
    const k = goalKeys[r - gt.first];
    if (k === UNALIGNED) b.style(rng(r, 0, 1, 6), "flag");
    else if (!ledger.byGoal.get(k)?.cents) b.style(rng(r, 0, 1, 1), "muted");
  }
  // A long priority title wraps in its column instead of running past the printed page (Missoula's were cut).
  if (gt.last >= gt.first) b.style(rng(gt.first, 5, gt.last - gt.first + 1, 1), "wrapText");
  b.row();

  departmentMatrix(s, priorityKeys, keyLabel);
  b.row();
  quartileMatrix(s, inventory ?? programInventory(ctx));
  b.row();
  unfundedGoals(s, ctx);
  b.row();
  functionSection(b, ctx, ledger.budgetCents, (text, cols) => sectionHeader(b, text, cols));
  if (mid) {
    b.row();
    midYearView(s, mid, priorityKeys, goalKeys, keyLabel);
    // Results beside the money: one line of the measures' statuses (the Scorecard sheet has them all).
    if (ctx.measures) b.textRows(`${measuresLine(ctx.measures)} See the Scorecard sheet.`, "note");
  }

  const tablesEnd = b.next - 1;

  // Column widths: labels in the first column, amounts and short texts after it; table headers wrap. The
  // widest table must fit a landscape page at 100% (see PAGE_WIDTH_PX): the label column gives way first.
  let lastCol = 0;
  for (const row of b.values) lastCol = Math.max(lastCol, row.length - 1);
  const widths = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 11,
    max: 16,
    cols: lastCol + 1,
  });
  widths[0] = Math.max(
    30,
    Math.min(
      44,
      fitWidths(b.values, [], { skip: b.freeRows, wrap: b.wrapRows, max: 44, cols: 1 })[0]
    )
  );
  // The headline figures are bold 12 pt: their column is a little wider than 11 pt amounts need.
  widths[1] = Math.max(widths[1], 16);
  shrinkToPage(widths, 0, lastCol, [0], 28);
  shrinkToPage(widths, 0, lastCol, widths.map((_, c) => c).slice(1), 10);

  // The chart below the tables, on a page of its own: as wide as the tables, two thirds of a page tall.
  b.row();
  b.section();
  const chartTop = b.next;
  const chartRows = Math.max(18, Math.min(30, (chartData.last - chartData.first + 1) * 2 + 6));
  s.charts.push({
    type: "barClustered",
    title: "Budget by priority",
    categories: rng(chartData.first, 0, chartData.last - chartData.first + 1, 1),
    values: rng(chartData.first, 1, chartData.last - chartData.first + 1, 1),
    seriesName: "Amount",
    anchor: rng(chartTop, 0, chartRows, Math.min(lastCol + 1, 8)),
  });
  b.ensureRows(chartTop + chartRows);
  // Every row's height, measured once for the page breaks, the row heights and the header copies below.
  const heights = b.rowHeights(widths);
  const breaks = b.sectionBreaks(widths, [0], tablesEnd, heights);
  const cols = lastCol + 1;
  const model: SheetModel = {
    name: ALIGNMENT_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: widths,
    rowHeights: b.wrappedRowHeights(widths, heights),
    freeze: { rows: 1, cols: 0 },
    tables: s.tables,
    validations: [],
    conditionalFormats: [],
    charts: s.charts,
    outline: [],
    print: reportPrint(
      { start: 0, end: 0 },
      {
        // The tables, then the chart in a print area of its own (a print area always starts a new page).
        areas: [rng(0, 0, tablesEnd + 1, cols), rng(chartTop, 0, chartRows, cols)],
        // LibreOffice runs print areas on from the same page: the break keeps the chart on a page of its own.
        rowBreaks: [...breaks, chartTop],
      }
    ),
    tabColor: "#1F4E79",
  };
  // A table that runs on past a page gets its header row again at the top of the next (./print-pages).
  const copies = headerContinuations(
    tablesOf(model),
    (r) => heights[r] ?? 15,
    tablesEnd,
    breaks,
    heights[0] ?? 15
  );
  return withHeaderCopies(model, copies).model;
}

/**
 * The quartile map of priority-based budgeting: money by priority × quartile (of the Programs sheet's total score,
 * 1 most aligned … 4 least), so the analyst sees where the least aligned money sits. Priorities go down the rows
 * and the four quartiles across, so the table is six columns wide however many priorities the plan has (the
 * other way round, five priorities already made it the widest table, and the headline figures' column had to
 * give way to it on the page).
 */
function quartileMatrix(s: Section, inv: Inventory): void {
  const { b } = s;
  const cols = 6;
  sectionHeader(b, "Budget by quartile and priority (Programs sheet)", cols);
  const header = b.row([
    "Priority",
    ...QUARTILE_MEANING.map((m, q) => `${q + 1} ${m.toLowerCase()}`),
    "Total",
  ]);
  b.style(rng(header, 0, 1, cols), "tableHeader");
  const map = quartileMap(inv);
  const first = b.next;
  const labels = [...inv.priorities.map((p) => (p.title ? `${p.id} ${p.title}` : p.id)), "No goal"];
  const quartileTotals = [0, 0, 0, 0];
  labels.forEach((label, j) => {
    const row = map.cents.map((byPriority) => byPriority[j]);
    row.forEach((c, q) => (quartileTotals[q] += c));
    b.row([label, ...row.map(fromCents), fromCents(row.reduce((a, x) => a + x, 0))]);
  });
  b.style(rng(first, 0, labels.length, 1), "wrapText");
  b.format(rng(first, 1, labels.length, cols - 1), FORMATS.currency);
  b.style(rng(first, cols - 1, labels.length, 1), "subtotal");
  const grand = quartileTotals.reduce((a, x) => a + x, 0);
  const t = b.row(["Total", ...quartileTotals.map(fromCents), fromCents(grand)]);
  b.style(rng(t, 0, 1, cols), "total");
  b.format(rng(t, 1, 1, cols - 1), FORMATS.currency);
  const n = b.row(["Programs", ...map.programs, inv.programs.length]);
  b.format(rng(n, 1, 1, cols - 1), FORMATS.integer);
}

function departmentMatrix(
  s: Section,
  priorityKeys: string[],
  keyLabel: (k: string) => string
): void {
  const { b, ledger } = s;
  const cols = priorityKeys.length + 2;
  sectionHeader(b, "Budget by department and priority", cols);
  const header = b.row(["Department", ...priorityKeys.map(keyLabel), "Total"]);
  b.style(rng(header, 0, 1, cols), "tableHeader");
  const first = b.next;
  const colTotals = priorityKeys.map(() => 0);
  let grand = 0;
  for (const [dept, cells] of ledger.byDepartment) {
    let rowTotal = 0;
    const amounts = priorityKeys.map((k, j) => {
      const c = cells.get(k) ?? 0;
      rowTotal += c;
      colTotals[j] += c;
      return fromCents(c);
    });
    grand += rowTotal;
    b.row([dept, ...amounts, fromCents(rowTotal)]);
  }
  const last = b.next - 1;
  if (last >= first) {
    b.format(rng(first, 1, last - first + 1, cols - 1), FORMATS.currency);
    b.style(rng(first, cols - 1, last - first + 1, 1), "subtotal");
    // A long department name wraps in its column: running on, it was cut off by its first amount.
    b.style(rng(first, 0, last - first + 1, 1), "wrapText");
  }
  const t = b.row(["Total", ...colTotals.map(fromCents), fromCents(grand)]);
  b.style(rng(t, 0, 1, cols), "total");
  b.format(rng(t, 1, 1, cols - 1), FORMATS.currency);
}

/**
 * Goals no budget line funds, one block per goal: the goal (and its priority), its actions with owner, due
 * date and status, and the funded programs nearest to it with their amounts, how well they fit and the goal
 * they are tagged to now, so the analyst sees at once whether the goal is unfunded or the tagging missed it.
 * A priority with no goals at all is listed too.
 */
/**
 * The Details column's text runs on over the empty cells to its right, as far as the printed page: kept to
 * what those columns hold (LibreOffice prints text past the print area, off the paper).
 */
const DETAILS_CHARS = 62;
const details = (text: string) => clipText(text, DETAILS_CHARS);

function unfundedGoals(s: Section, ctx: ReportContext): void {
  const { b, ledger, plan } = s;
  sectionHeader(b, "Goals the budget does not fund", 8);
  const actionsByGoal = new Map<string, ReturnType<typeof planActions>>();
  for (const a of planActions(plan)) {
    const list = actionsByGoal.get(a.goalId) ?? [];
    list.push(a);
    actionsByGoal.set(a.goalId, list);
  }
  const unfunded = new Set<string>();
  for (const p of plan.priorities)
    for (const g of goalsOf(p)) if (!ledger.fundedGoals.has(g.id)) unfunded.add(g.id);
  const nearest = nearestFundedPrograms(plan, ctx.budget.lines, ctx.tags, unfunded);
  const header = b.row([
    "Goal, its actions and the nearest funded programs",
    "Amount",
    "Fit",
    "Details",
  ]);
  b.style(rng(header, 0, 1, 8), "tableHeader");
  const first = b.next;
  const indent = "    ";
  for (const p of plan.priorities) {
    const goals = goalsOf(p);
    if (goals.length === 0 && !ledger.byPriority.get(p.id)?.cents) {
      const r = b.row([`${label(p.id, p.title)}: this priority has no goals`]);
      b.style(rng(r, 0, 1, 8), "warning");
      continue;
    }
    for (const g of goals) {
      if (!unfunded.has(g.id)) continue;
      const r = b.row([label(g.id, g.title), "", "", details(`Priority ${label(p.id, p.title)}`)]);
      b.style(rng(r, 0, 1, 8), "subtotal");
      // The goal's title wraps in its column: running on, it was cut off by the Details cell.
      b.style(rng(r, 0), "wrapText");
      const actions = actionsByGoal.get(g.id) ?? [];
      if (actions.length === 0) {
        const a = b.row([`${indent}(no actions listed)`]);
        b.style(rng(a, 0), "muted");
      }
      for (const { action } of actions) {
        const due = action.due ? `due ${action.due}` : "no due date";
        const a = b.row([
          `${indent}Action ${label(action.id, action.title)}`,
          "",
          "",
          details([action.owner || "no owner", due, action.status || "no status"].join(" · ")),
        ]);
        b.style(rng(a, 0), "wrapText");
      }
      const near = nearest.get(g.id) ?? [];
      if (near.length === 0) {
        const n = b.row([
          `${indent}No funded program's words or tags come near this goal: it may need a program of its own.`,
        ]);
        b.style(rng(n, 0), "muted");
      }
      for (const np of near) {
        const n = b.row([
          `${indent}Nearest: ${np.department ? `${np.department} — ` : ""}${np.program}`,
          fromCents(np.cents),
          np.fit,
          // The shared words (short, the reason it is near) first; then the goal it is tagged to now.
          details(
            (np.shared.length ? `shares "${np.shared.join('", "')}"; ` : "") +
              `tagged to ${np.taggedTo}`
          ),
        ]);
        b.style(rng(n, 0), "wrapText");
        b.format(rng(n, 1), FORMATS.currency);
        b.format(rng(n, 2), FORMATS.confidence);
      }
    }
  }
  if (b.next === first) {
    const r = b.row(["Every goal has at least one funded budget line."]);
    b.style(rng(r, 0), "muted");
  }
}

function midYearView(
  s: Section,
  mid: MidYearColumns,
  priorityKeys: string[],
  goalKeys: string[],
  keyLabel: (k: string) => string
): void {
  const { b, ledger } = s;
  const ended = mid.phase === "after";
  sectionHeader(
    b,
    `Mid-year view (${mid.fiscalYear}${ended ? ", a year that has ended" : mid.phase === "before" ? ", a year not yet begun" : ""})`,
    8
  );
  b.textRows(midYearNote(mid), "note");
  const idx = (spec: AmountColumnSpec | undefined) =>
    spec ? ledger.extraColumns.indexOf(spec.id) : -1;
  const ia = idx(mid.adopted);
  const ir = idx(mid.revised);
  const iy = idx(mid.ytd);
  const table = (name: string, first: string, keys: string[], map: Map<string, Bucket>) => {
    const headers = [first];
    if (mid.adopted) headers.push(`Adopted (${mid.adopted.header})`);
    if (mid.revised) headers.push(`Revised (${mid.revised.header})`);
    headers.push(
      `YTD actual (${mid.ytd.header})`,
      "% spent",
      ended ? "Full-year budget" : "Expected by today",
      ended ? "Variance from budget" : "Variance from expected",
      ended ? "Year-end" : "Pace"
    );
    const header = b.row(headers);
    b.style(rng(header, 0, 1, headers.length), "tableHeader");
    const start = b.next;
    const totals = [0, 0, 0];
    const rowFor = (name2: string, extra: number[]) => {
      const a = ia >= 0 ? extra[ia] : 0;
      const rv = ir >= 0 ? extra[ir] : 0;
      const y = extra[iy];
      const base = ir >= 0 ? rv : a;
      const expected = Math.round(base * mid.elapsed);
      const cells: CellValue[] = [name2];
      if (mid.adopted) cells.push(fromCents(a));
      if (mid.revised) cells.push(fromCents(rv));
      cells.push(
        fromCents(y),
        ratio(y, base),
        fromCents(expected),
        fromCents(y - expected),
        midYearFlag(mid.phase, base, y, mid.elapsed)
      );
      return cells;
    };
    for (const k of keys) {
      const extra = map.get(k)?.extra ?? [0, 0, 0];
      if (ia >= 0) totals[0] += extra[ia];
      if (ir >= 0) totals[1] += extra[ir];
      totals[2] += extra[iy];
      const r = b.row(rowFor(keyLabel(k), extra));
      if (b.values[r][headers.length - 1]) b.style(rng(r, headers.length - 1), "flag");
    }
    const end = b.next - 1;
    const amountCols = headers.length - 5;
    const n = end - start + 1;
    b.style(rng(start, 0, n, 1), "wrapText");
    b.format(rng(start, 1, n, amountCols), FORMATS.currency);
    b.format(rng(start, amountCols + 1, n, 1), FORMATS.percent);
    b.format(rng(start, amountCols + 2, n, 2), FORMATS.currency);
    s.tables.push({
      name,
      range: rng(header, 0, n + 1, headers.length),
      style: "TableStyleMedium2",
    });
    const sumExtra: number[] = [];
    if (ia >= 0) sumExtra[ia] = totals[0];
    if (ir >= 0) sumExtra[ir] = totals[1];
    sumExtra[iy] = totals[2];
    const t = b.row(rowFor("Total", sumExtra));
    b.style(rng(t, 0, 1, headers.length), "total");
    b.format(rng(t, 1, 1, amountCols), FORMATS.currency);
    b.format(rng(t, amountCols + 1), FORMATS.percent);
    b.format(rng(t, amountCols + 2, 1, 2), FORMATS.currency);
  };
  table("MidYearByPriority", "Priority", priorityKeys, ledger.byPriority);
  b.row();
  b.section();
  table("MidYearByGoal", "Goal", goalKeys, ledger.byGoal);
}
