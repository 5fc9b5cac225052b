/**
 * Adding a measure from the pane: what a person types (name, the goal or action it measures, unit, direction,
 * interval, this year's target) checked in plain words, and the row it becomes on the workbook's Measures sheet,
 * laid out by that sheet's own header (our template's, or a city's export pasted in) so the next run reads it back
 * like any other row. Nothing here writes: the Excel port appends the row below the sheet's last used row, so no
 * cell anyone typed is written over.
 */
import { cellAddress } from "../a1";
import { normName } from "../keys";
import type { WorkbookPort } from "../port";
import { fyMonthDay } from "../reports/sheet";
import type { CellValue, Plan, SheetCells } from "../types";
import { findMeasureHeader, type MeasureColumn } from "./import";
import { resolveNode } from "./link";
import {
  DIRECTIONS,
  INTERVALS,
  isPercentUnit,
  periodLabel,
  type Direction,
  type Interval,
  type Measure,
} from "./model";
import {
  asOfDate,
  DEFAULT_STATUS_RULES,
  evaluatePeriod,
  parsePeriodLabel,
  type AsOf,
  type Evaluation,
} from "./status";
import { MEASURES_SHEET, measuresTemplateSheet } from "./template";
import { cleanText, parseValue } from "./values";

/** The form's fields, as typed. */
export interface NewMeasureInput {
  name: string;
  /** A goal, subgoal or action id of the plan. */
  node: string;
  unit: string;
  direction: string;
  interval: string;
  /** This fiscal year's target, as typed ("1,200", "90%"). */
  target: string;
  owner?: string;
}

export type NewMeasureField = keyof NewMeasureInput;

export interface FieldProblem {
  field: NewMeasureField;
  message: string;
}

/**
 * The next free ID in the style of the IDs in use: the most common letters-and-number pattern ("PM-101" → "PM-122"
 * after PM-121), else "M-n"; never one in use (case and spacing ignored).
 */
export function nextMeasureId(taken: string[]): string {
  const used = new Set(taken.map((t) => normName(t)));
  const byPrefix = new Map<string, { count: number; max: number; width: number }>();
  for (const t of taken) {
    const m = /^([A-Za-z]+[-_ ]?)(\d+)$/.exec(t.trim());
    if (!m) continue;
    const p = byPrefix.get(m[1]) ?? { count: 0, max: 0, width: 0 };
    byPrefix.set(m[1], {
      count: p.count + 1,
      max: Math.max(p.max, Number(m[2])),
      width: Math.max(p.width, m[2].length),
    });
  }
  let best: [string, { count: number; max: number; width: number }] = [
    "M-",
    { count: 0, max: 0, width: 1 },
  ];
  for (const e of byPrefix) if (e[1].count > best[1].count) best = e;
  const [prefix, { max, width }] = best;
  let n = max + 1;
  const id = (k: number) => `${prefix}${String(k).padStart(width, "0")}`;
  while (used.has(normName(id(n)))) n++;
  return id(n);
}

/**
 * The measure the form describes, for fiscal year `fy`, or what is wrong with each field. A percent target is put on
 * the 0–100 scale by the import's rule (0.9 and 90% are both 90).
 */
export function checkNewMeasure(
  input: NewMeasureInput,
  plan: Plan,
  fy: number,
  takenIds: string[]
): { measure: Measure | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = cleanText(input.name);
  if (!name) problems.push({ field: "name", message: "Give the measure a name." });
  const nodeText = cleanText(input.node);
  const node = nodeText ? resolveNode(plan, nodeText) : null;
  if (!nodeText)
    problems.push({ field: "node", message: "Choose the goal or action this measure tracks." });
  else if (!node)
    problems.push({
      field: "node",
      message: `"${nodeText}" is not a goal, subgoal or action of the plan.`,
    });
  const unit = cleanText(input.unit);
  if (!unit)
    problems.push({ field: "unit", message: 'Say what is counted: "count", "%", "$", "days"…' });
  const direction = DIRECTIONS.find((d) => d === cleanText(input.direction).toLowerCase());
  if (!direction)
    problems.push({
      field: "direction",
      message: "Choose which way is better: increase, decrease or maintain.",
    });
  const interval = INTERVALS.find((d) => d === cleanText(input.interval).toLowerCase());
  if (!interval)
    problems.push({
      field: "interval",
      message: "Choose how values add up: cumulative, snapshot or period.",
    });
  const label = periodLabel({ fy, quarter: 0 });
  const parsed = parseValue(input.target);
  let target: number | null = null;
  if (parsed.kind === "number") {
    target = parsed.value;
    if (isPercentUnit(unit) && !parsed.percentSign && Math.abs(target) <= 1 && target !== 0)
      target = Number((target * 100).toPrecision(12));
  } else if (parsed.kind !== "blank")
    problems.push({
      field: "target",
      message: `"${cleanText(input.target)}" is not a number: type the ${label} target as a number (90, 90%, 1,200).`,
    });
  else problems.push({ field: "target", message: `Type the ${label} target.` });
  if (problems.length > 0 || !direction || !interval || !node || target === null)
    return { measure: null, problems };
  const owner = cleanText(input.owner ?? "");
  const measure: Measure = {
    id: nextMeasureId(takenIds),
    name,
    node,
    unit,
    direction: direction as Direction,
    interval: interval as Interval,
    targets: { [label]: target },
    actuals: {},
    ...(owner ? { owner } : {}),
  };
  return { measure, problems };
}

/**
 * The measure as a row of the sheet `cells` (its values from the sheet's first used column), or the reason it cannot
 * be written there without losing something the person typed (a column the sheet lacks).
 */
export function measureSheetRow(
  cells: SheetCells,
  m: Measure,
  fy: number
): { ok: true; values: CellValue[]; startCol: number } | { ok: false; message: string } {
  const header = findMeasureHeader(cells.values);
  if (!header)
    return {
      ok: false,
      message: `The "${cells.name}" sheet has no header row of measures (Measure ID, Measure, Goal or action ID, FY Target and Actual columns), so the measure was not added.`,
    };
  const label = periodLabel({ fy, quarter: 0 });
  const width = Math.max(...(cells.values[header.row] ?? []).map((_, i) => i + 1), 1);
  const values: CellValue[] = new Array<CellValue>(width).fill("");
  const missing: string[] = [];
  const put = (role: MeasureColumn["role"], value: CellValue, what: string) => {
    const col = header.columns.find((c) => c.role === role && !c.period);
    if (col) values[col.col] = value;
    else if (value !== "" && value !== undefined) missing.push(what);
  };
  const hasId = header.columns.some((c) => c.role === "id");
  put("id", hasId ? m.id : "", "Measure ID");
  put("name", m.name, "Measure");
  put("node", m.node ?? "", "Goal or action ID");
  put("unit", m.unit, "Unit");
  put("direction", m.direction ?? "", "Direction");
  put("interval", m.interval, "Interval");
  put("owner", m.owner ?? "", "Owner");
  if (header.columns.some((c) => c.role === "status" && !c.period)) put("status", "Active", "");
  const target = header.columns.find((c) => c.kind === "target" && c.label === label);
  if (target) values[target.col] = m.targets[label];
  else missing.push(`${label} Target`);
  if (missing.length)
    return {
      ok: false,
      message: `The "${cells.name}" sheet has no ${missing.map((x) => `"${x}"`).join(", ")} column, so the measure was not added (its ${missing.length === 1 ? "value" : "values"} would be lost). Add the column${missing.length === 1 ? "" : "s"} to the header in row ${(cells.startRow ?? 0) + header.row + 1}, or type the measure there.`,
    };
  return { ok: true, values, startCol: cells.startCol ?? 0 };
}

/** What adding a measure needs from the workbook beyond the port: a row written below a sheet's last used row. */
export interface RowAppender {
  /**
   * Writes `rows` below the last row of `sheet` that has a value, from column `startCol` (0-based); returns the A1
   * address of the first cell written. Never writes over a cell that has a value.
   */
  appendRows(sheet: string, startCol: number, rows: CellValue[][]): Promise<string>;
}

export type AddMeasureResult =
  | { ok: true; measure: Measure; sheet: string; cell: string; createdSheet: boolean }
  | { ok: false; problems: FieldProblem[]; message: string };

/**
 * Adds the measure the form describes to the workbook's Measures sheet (made from the template, without its examples,
 * when the workbook has none): checked first, then laid out by the sheet's header and appended below its last row.
 */
export async function addMeasure(
  port: Pick<WorkbookPort, "listSheets" | "readSheets" | "writeSheets"> & RowAppender,
  input: NewMeasureInput,
  context: { plan: Plan; today: string; measures: Measure[] }
): Promise<AddMeasureResult> {
  const { plan, today } = context;
  const fy = asOfDate(today, fyMonthDay(plan.fiscalYearStart)).fy;
  const checked = checkNewMeasure(
    input,
    plan,
    fy,
    context.measures.map((m) => m.id)
  );
  if (!checked.measure)
    return {
      ok: false,
      problems: checked.problems,
      message: "The measure was not added: see the fields marked below.",
    };
  const sheets = await port.listSheets();
  const info = sheets.find((s) => s.name.toLowerCase() === MEASURES_SHEET.toLowerCase());
  const createdSheet = !info;
  if (!info) await port.writeSheets([measuresTemplateSheet(fy, false)]);
  const name = info?.name ?? MEASURES_SHEET;
  const [cells] = await port.readSheets([name]);
  const row = measureSheetRow(cells, checked.measure, fy);
  if (!row.ok) return { ok: false, problems: [], message: row.message };
  const cell = await port.appendRows(name, row.startCol, [row.values]);
  return { ok: true, measure: checked.measure, sheet: name, cell, createdSheet };
}

/** The quarters of the current fiscal year and the year itself, with the quarter `today` falls in chosen first. */
export function actualPeriods(plan: Plan, today: string): { periods: string[]; current: string } {
  const asOf = asOfDate(today, fyMonthDay(plan.fiscalYearStart));
  const q = Math.min(4, Math.floor(asOf.elapsed * 4) + 1) as 1 | 2 | 3 | 4;
  const periods = ([1, 2, 3, 4] as const).map((x) => periodLabel({ fy: asOf.fy, quarter: x }));
  return {
    periods: [...periods, periodLabel({ fy: asOf.fy, quarter: 0 })],
    current: periodLabel({ fy: asOf.fy, quarter: q }),
  };
}

/**
 * An actual as typed for `period`, read by the import's rules (a percent measure's 0.9 is 90), and the status it
 * would give: shown while the person types, before anything is written.
 */
export function previewActual(
  m: Measure,
  period: string,
  typed: string,
  asOf: AsOf
): { value: number; evaluation: Evaluation } | { problem: string } | null {
  const parsed = parseValue(typed);
  if (parsed.kind === "blank") return null;
  if (parsed.kind !== "number")
    return {
      problem: `"${cleanText(typed)}" is not a number: type the ${period} actual as a number (63, 88%, 1,200).`,
    };
  let value = parsed.value;
  if (isPercentUnit(m.unit) && !parsed.percentSign && Math.abs(value) <= 1 && value !== 0)
    value = Number((value * 100).toPrecision(12));
  const p = parsePeriodLabel(period);
  if (!p) return { problem: `"${period}" is not a fiscal year or quarter.` };
  const next: Measure = { ...m, actuals: { ...m.actuals, [period]: value } };
  return { value, evaluation: evaluatePeriod(next, p, DEFAULT_STATUS_RULES, asOf) };
}

/**
 * The cell of `m`'s actual for `period` on the sheet `cells` (its row found again by the measure's ID, else its name,
 * so a sheet sorted since it was read is still right), or why there is none.
 */
export function actualCell(
  cells: SheetCells,
  m: Pick<Measure, "id" | "name">,
  period: string
): { ok: true; cell: string; before: CellValue } | { ok: false; message: string } {
  const header = findMeasureHeader(cells.values);
  if (!header)
    return { ok: false, message: `The "${cells.name}" sheet has no header row of measures.` };
  const col = header.columns.find((c) => c.kind === "actual" && c.label === period);
  if (!col)
    return {
      ok: false,
      message: `The "${cells.name}" sheet has no "${period} Actual" column: add it to the header in row ${(cells.startRow ?? 0) + header.row + 1}, then type the value there.`,
    };
  const key =
    header.columns.find((c) => c.role === "id") ?? header.columns.find((c) => c.role === "name");
  const want = normName(key?.role === "id" ? m.id : m.name);
  for (let r = header.row + 1; r < cells.values.length; r++) {
    const v = cells.values[r]?.[key!.col];
    if (normName(cleanText(v)) !== want) continue;
    return {
      ok: true,
      cell: cellAddress((cells.startRow ?? 0) + r, (cells.startCol ?? 0) + col.col),
      before: cells.values[r]?.[col.col] ?? "",
    };
  }
  return {
    ok: false,
    message: `Measure "${m.id}" is no longer on the "${cells.name}" sheet; press Refresh to read it again.`,
  };
}

/** What entering an actual needs from the workbook beyond the port: values written into named cells of a sheet. */
export interface CellWriter {
  writeValues(sheet: string, updates: { cell: string; value: CellValue }[]): Promise<void>;
}

/**
 * Writes this period's actual of a measure into its cell of the Measures sheet (read again first, so the row is found
 * by the measure's ID as the sheet is now). Only the Measures sheet is written: never the budget.
 */
export async function enterActual(
  port: Pick<WorkbookPort, "readSheets"> & CellWriter,
  m: Measure,
  period: string,
  value: number
): Promise<
  { ok: true; sheet: string; cell: string; before: CellValue } | { ok: false; message: string }
> {
  if (!m.origin)
    return {
      ok: false,
      message: `Measure "${m.id}" comes from the plan, not from the ${MEASURES_SHEET} sheet: add it there (with the same ID) to enter its actuals.`,
    };
  const [cells] = await port.readSheets([m.origin.sheet]);
  const found = actualCell(cells, m, period);
  if (!found.ok) return found;
  await port.writeValues(m.origin.sheet, [{ cell: found.cell, value }]);
  return { ok: true, sheet: m.origin.sheet, cell: found.cell, before: found.before };
}
