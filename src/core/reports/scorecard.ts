/**
 * The Scorecard sheet: priority → goal → measure, each measure with its target, what was expected by now, the
 * actual, its status (an icon and a word, never colour alone), the trend over its last values and the rule that
 * gave the status; each goal with its status by a stated rule, how many of its measures have no data, and the money
 * behind it (adopted, revised and actual to date, from the same figures as the Alignment sheet), with the cost per
 * unit of result for measures that count things.
 */
import { goalsOf } from "../plan/model";
import type { MeasureReport } from "../measures/report";
import { countsText, emptyCounts, goalRuleWords, goalStatus, nodePlaces } from "../measures/rollup";
import { isAdditiveUnit, periodLabel, type Measure } from "../measures/model";
import { STATUS_ICONS, trendText, type Evaluation, type MeasureStatus } from "../measures/status";
import type { CellValue, SheetModel } from "../types";
import { midYearColumns, type MidYearColumns } from "./alignment";
import type { ReportContext } from "./context";
import { buildLedger, type Ledger } from "./ledger";
import { fitWidths, reportPrint, reportTitle, rng, SheetBuilder, shrinkToPage } from "./sheet";
import { columnIndexes } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

export const SCORECARD_SHEET = "Scorecard";

export const SCORECARD_COLUMNS = [
  "ID",
  "Measure",
  "Period",
  "Target (year)",
  "Expected",
  "Actual",
  "Status",
  "Trend",
  "Cost per unit",
  "How the status was found",
] as const;
const C = columnIndexes(SCORECARD_COLUMNS);

/** The widest each column gets (characters): together one landscape page at 100%. */
const WIDTHS: Record<(typeof SCORECARD_COLUMNS)[number], number> = {
  ID: 8,
  Measure: 28,
  Period: 8,
  "Target (year)": 8,
  Expected: 8,
  Actual: 8,
  Status: 12,
  Trend: 9,
  "Cost per unit": 10,
  "How the status was found": 28,
};

/** "✔ met", "✘ missed": the icon and the word, so the status reads without colour. */
export function statusText(s: MeasureStatus): string {
  return `${STATUS_ICONS[s]} ${s}`;
}

const money = (cents: number) =>
  (cents < 0 ? "-$" : "$") + Math.round(Math.abs(cents) / 100).toLocaleString("en-US");

function describe(m: Measure): string {
  const dir =
    m.direction === "increase"
      ? "higher is better"
      : m.direction === "decrease"
        ? "lower is better"
        : m.direction === "maintain"
          ? m.band
            ? `keep between ${m.band.low} and ${m.band.high}`
            : "keep near the target"
          : "direction not set";
  const unit = m.unit && !m.name.includes(`(${m.unit})`) ? `${m.unit}, ` : "";
  return `${m.name} (${unit}${m.interval}, ${dir})`;
}

/** The Scorecard sheet model; null when the run has no measures. */
export function buildScorecardSheet(ctx: ReportContext): SheetModel | null {
  const r = ctx.measures;
  if (!r || r.measures.length === 0) return null;
  const { plan } = ctx;
  const mid = midYearColumns(ctx);
  const extra = mid
    ? [mid.adopted?.id, mid.revised?.id, mid.ytd.id].filter((x): x is string => !!x)
    : [];
  const ledger = buildLedger(plan, ctx.budget.lines, ctx.tags, extra);
  const b = new SheetBuilder();
  const fy = periodLabel({ fy: r.asOf.fy, quarter: 0 });
  b.textRow(reportTitle(plan.name ? `Scorecard: ${plan.name}` : "Scorecard"), "title");
  b.textRow(`Results beside the money: every measure of the plan, ${fy} so far.`, "subtitle");
  b.textRows(
    `All measures: ${countsText(r.rollUp.total)}. Status icons: ${(
      ["met", "near", "missed", "no data", "direction not set"] as const
    )
      .map(statusText)
      .join(
        ", "
      )}. Near: within ${Math.round(r.rules.nearBand * 1000) / 10}% of the expected value on the wrong side. ` +
      "A cumulative measure is compared with the part of its annual target due by then (the quarter targets where given); " +
      "a snapshot with its target directly; a period measure with the period's target. No actual is no data, never met.",
    "note"
  );
  b.textRows(goalRuleWords(r.goalRule), "note");
  b.textRows(moneyNote(mid), "note");
  const header = b.row([...SCORECARD_COLUMNS]);
  b.style(rng(header, 0, 1, SCORECARD_COLUMNS.length), "tableHeader");
  const first = b.next;

  const places = nodePlaces(plan);
  const byGoal = new Map<string, number[]>();
  const loose: number[] = [];
  r.measures.forEach((m, i) => {
    if (m.deprecated) return;
    const goal = m.node ? places.get(m.node)?.goalId : undefined;
    if (!goal) return void loose.push(i);
    const list = byGoal.get(goal) ?? [];
    list.push(i);
    byGoal.set(goal, list);
  });

  for (const p of plan.priorities) {
    // The first priority follows the header on page 1; each later one may start a page of its own.
    if (p !== plan.priorities[0]) b.section();
    const pc = r.rollUp.byPriority.get(p.id) ?? emptyCounts();
    const pr = b.row([p.id, `${p.title} — ${countsText(pc)}`]);
    b.style(rng(pr, 0, 1, SCORECARD_COLUMNS.length), "sectionHeader");
    for (const g of goalsOf(p)) {
      const list = byGoal.get(g.id) ?? [];
      goalRows(b, r, ledger, mid, g.id, g.title, list);
    }
  }
  if (loose.length) {
    b.section();
    const lr = b.row(["", "Measures linked to no goal of the plan"]);
    b.style(rng(lr, 0, 1, SCORECARD_COLUMNS.length), "sectionHeader");
    for (const i of loose) measureRow(b, r, i, null, mid);
  }
  const deprecated = r.measures.filter((m) => m.deprecated);
  if (deprecated.length)
    b.textRows(
      `Left out as deprecated (kept, not counted): ${deprecated.map((m) => `${m.id} ${m.name}`).join("; ")}.`,
      "note"
    );
  const last = b.next - 1;
  const n = last - first + 1;
  b.format(rng(first, C["Target (year)"], n, 3), "#,##0.##_)");
  b.format(rng(first, C["Cost per unit"], n, 1), FORMATS.currency);

  // Widths sized to print one page wide at 100% on Letter or A4 landscape; the long texts wrap.
  const fitted = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 7,
    max: 40,
    cols: SCORECARD_COLUMNS.length,
  });
  const widths = SCORECARD_COLUMNS.map((h, i) => Math.min(fitted[i], WIDTHS[h]));
  widths[C.Measure] = WIDTHS.Measure;
  widths[C["How the status was found"]] = WIDTHS["How the status was found"];
  shrinkToPage(
    widths,
    0,
    SCORECARD_COLUMNS.length - 1,
    [C.Measure, C["How the status was found"]],
    18
  );
  return {
    name: SCORECARD_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: widths,
    rowHeights: b.wrappedRowHeights(widths),
    freeze: { rows: header + 1, cols: 2 },
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: reportPrint(
      { start: header, end: header },
      { rowBreaks: b.sectionBreaks(widths, [header]) }
    ),
    tabColor: "#7030A0",
  };
}

function moneyNote(mid: MidYearColumns | null): string {
  if (!mid)
    return "Money: the budget has no year-to-date actual column, so each goal shows its budget (the Alignment sheet's amount column) and no cost per unit.";
  return (
    `Money: each goal's share of the budget as on the Alignment sheet — adopted, revised and actual to date (${mid.ytd.header}). ` +
    `Cost per unit: the goal's actual to date ÷ the measure's ${mid.fiscalYear} count, for measures that count things; ` +
    "a goal with several such measures divides the same money by each."
  );
}

function goalRows(
  b: SheetBuilder,
  r: MeasureReport,
  ledger: Ledger,
  mid: MidYearColumns | null,
  goalId: string,
  title: string,
  list: number[]
): void {
  const c = r.rollUp.byGoal.get(goalId) ?? emptyCounts();
  const status = list.length ? goalStatus(c, r.goalRule) : null;
  // The goal's title runs on to the right over the empty cells (not wrapped: a bold title wraps too tall).
  const gr = b.row([goalId, title]);
  b.set(gr, C.Status, status ? statusText(status) : "(no measures)");
  if (list.length)
    b.set(
      gr,
      C["How the status was found"],
      `${countsText(c)}${c["no data"] ? ` (${c["no data"]} without data)` : ""}`
    );
  b.style(rng(gr, 0, 1, 2), "headlineValue");
  b.style(rng(gr, C.Status), "wrapText");
  b.style(rng(gr, C["How the status was found"]), "wrapText");
  if (status) styleStatus(b, gr, status);
  const bucket = ledger.byGoal.get(goalId);
  const cents = (k: number) => (bucket && k >= 0 ? bucket.extra[k] : 0);
  let words: string;
  if (mid) {
    const parts: string[] = [];
    const ia = mid.adopted ? ledger.extraColumns.indexOf(mid.adopted.id) : -1;
    const ir = mid.revised ? ledger.extraColumns.indexOf(mid.revised.id) : -1;
    const iy = ledger.extraColumns.indexOf(mid.ytd.id);
    if (ia >= 0) parts.push(`adopted ${money(cents(ia))}`);
    if (ir >= 0) parts.push(`revised ${money(cents(ir))}`);
    parts.push(`actual to date ${money(cents(iy))} (${mid.fiscalYear})`);
    words = `Money: ${parts.join(" · ")}; budget ${money(bucket?.cents ?? 0)}.`;
  } else words = `Money: budget ${money(bucket?.cents ?? 0)}.`;
  const mr = b.row(["", words]);
  b.freeRows.add(mr);
  b.style(rng(mr, 1), "headline");
  const ytdCents = mid && bucket ? bucket.extra[ledger.extraColumns.indexOf(mid.ytd.id)] : null;
  for (const i of list) measureRow(b, r, i, ytdCents, mid);
}

function styleStatus(b: SheetBuilder, row: number, s: MeasureStatus): void {
  if (s === "missed") b.style(rng(row, C.Status), "flag");
  else if (s === "near") b.style(rng(row, C.Status), "warning");
  else if (s !== "met") b.style(rng(row, C.Status), "muted");
}

function measureRow(
  b: SheetBuilder,
  r: MeasureReport,
  i: number,
  goalYtdCents: number | null,
  mid: MidYearColumns | null
): void {
  const m = r.measures[i];
  const e: Evaluation = r.current[i];
  const year = m.targets[periodLabel({ fy: r.asOf.fy, quarter: 0 })];
  const cost = costPerUnit(m, goalYtdCents, mid);
  const cells: CellValue[] = [
    m.id,
    describe(m),
    e.period,
    year ?? (m.targetText ? m.targetText : ""),
    e.expected ?? "",
    e.compared ?? "",
    statusText(e.status),
    trendText(m),
    cost ?? "",
    e.rule,
  ];
  const row = b.row(cells);
  b.style(rng(row, C.Measure), "wrapText");
  b.style(rng(row, C.Status), "wrapText");
  b.style(rng(row, C["How the status was found"]), "wrapText");
  styleStatus(b, row, e.status);
}

/** The goal's actual to date ÷ the measure's count for the YTD column's year, for measures that count things. */
function costPerUnit(
  m: Measure,
  goalYtdCents: number | null,
  mid: MidYearColumns | null
): number | null {
  if (!mid || goalYtdCents === null || goalYtdCents <= 0) return null;
  if (m.unit === "$" || !isAdditiveUnit(m.unit) || m.interval === "snapshot") return null;
  const fyNum = mid.last.getFullYear();
  const label = periodLabel({ fy: fyNum, quarter: 0 });
  let count: number | undefined = m.actuals[label];
  if (count === undefined) {
    let sum = 0;
    let any = false;
    for (const q of [1, 2, 3, 4] as const) {
      const v = m.actuals[periodLabel({ fy: fyNum, quarter: q })];
      if (v !== undefined) {
        sum += v;
        any = true;
      }
    }
    if (any) count = sum;
  }
  if (count === undefined || count <= 0) return null;
  return Math.round(fromCents(goalYtdCents) / count);
}
