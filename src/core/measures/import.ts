/**
 * Reading measures from a sheet: our Measures sheet, or a city's own measure export (xlsx or csv), with column
 * detection as for budgets. Two layouts:
 * - wide: one row per measure, one column per fiscal year (and quarter) and kind — "FY24 Target", "FY 2025 Actual",
 *   "FY26 Q2 Actual" — with explanation columns between them;
 * - long: one row per measure and period, with Fiscal year, Period (Q1…Q4, or blank/Annual for the year),
 *   Target and Actual columns.
 * A measure is linked to the plan by an ID column (goal, subgoal or action ID) or by a service/program name matched
 * to budget programs (src/core/measures/link.ts). Every value that cannot be read is reported with its cell and
 * left out, never read as 0. A measure listed twice is one measure; rows that disagree are reported.
 */
import { cellAddress, columnLetter } from "../a1";
import { fiscalYearOf } from "../budget/header";
import { normName } from "../keys";
import type { CellValue, Issue, SheetCells } from "../types";
import { emptyMeasure, isPercentUnit, periodLabel, type Measure, type Period } from "./model";
import {
  cleanText,
  isDeprecatedText,
  parseValue,
  readCategory,
  readDirection,
  readInterval,
  readUnit,
  type ParsedValue,
} from "./values";

export type MeasureColumnRole =
  | "id"
  | "name"
  | "node"
  | "program"
  | "department"
  | "unit"
  | "direction"
  | "interval"
  | "category"
  | "status"
  | "owner"
  | "source"
  | "notes"
  | "baseline"
  | "bandLow"
  | "bandHigh"
  | "fiscalYear"
  | "period"
  | "target"
  | "actual"
  | "value";

export interface MeasureColumn {
  col: number;
  letter: string;
  header: string;
  role: MeasureColumnRole;
  /** For a wide value column: the period and whether it holds targets or actuals. */
  period?: Period;
  /** The period's label ("FY26 Q2"). */
  label?: string;
  kind?: "target" | "actual";
}

export interface MeasureImport {
  measures: Measure[];
  issues: Issue[];
  layout: "wide" | "long" | "none";
  columns: MeasureColumn[];
  /** 1-based row of the header. */
  headerRow: number;
}

/** The rule for percentages, stated wherever values were rescaled. */
export const PERCENT_SCALE_RULE =
  "Percent measures are kept on the 0–100 scale: a value written with a % sign is read as written (64.98% is " +
  "64.98); a bare number from 0 to 1 is a fraction (0.75 is 75%); a bare number above 1 is already in percent. " +
  "Type a % sign on values below 1%.";

const QUARTER =
  /(?:^|[^a-z])(?:q|qtr|quarter)\s*([1-4])(?![0-9])|(?:^|[^a-z0-9])([1-4])(?:st|nd|rd|th)\s*(?:q|qtr|quarter)/;
const TARGET_WORDS =
  /\b(target|targets|goal|goals|budget|budgeted|plan|planned|projected|projection|objective)\b/;
const ACTUAL_WORDS =
  /\b(actual|actuals|result|results|ytd|achieved|value|values|estimate|estimated|performance)\b/;
const EXPLAIN_WORDS =
  /\b(explanation|explain|note|notes|comment|comments|narrative|variance|reason|why|commentary|analysis)\b/;

/** What a header names, for a measure table. */
export function classifyHeader(header: string, col: number): MeasureColumn | null {
  const h = cleanText(header).toLowerCase().replace(/_/g, " ");
  if (!h) return null;
  const base = { col, letter: columnLetter(col), header: cleanText(header) };
  const fy = fiscalYearOf(h);
  if (fy !== null && !/^(fiscal year|fy|year)$/.test(h)) {
    if (EXPLAIN_WORDS.test(h)) return { ...base, role: "notes" };
    const q = QUARTER.exec(h);
    const quarter = (q ? Number(q[1] ?? q[2]) : 0) as Period["quarter"];
    const kind = TARGET_WORDS.test(h)
      ? "target"
      : ACTUAL_WORDS.test(h) || !/[a-z]{4,}/.test(h.replace(/fy|quarter|qtr/g, ""))
        ? "actual"
        : null;
    if (kind)
      return {
        ...base,
        role: kind,
        period: { fy, quarter },
        label: periodLabel({ fy, quarter }),
        kind,
      };
    if (/baseline/.test(h)) return { ...base, role: "baseline" };
    return null;
  }
  if (/explanation|comment|narrative|^notes?$|remarks/.test(h)) return { ...base, role: "notes" };
  if (/baseline/.test(h)) return { ...base, role: "baseline" };
  if (/(band|range)\s*(low|min)|lower (bound|limit)|^min(imum)?$/.test(h))
    return { ...base, role: "bandLow" };
  if (/(band|range)\s*(high|max)|upper (bound|limit)|^max(imum)?$/.test(h))
    return { ...base, role: "bandHigh" };
  if (/direction|desired|polarity|better|trend/.test(h)) return { ...base, role: "direction" };
  if (/interval|calculation|aggregation|cumulative|roll ?up|calc/.test(h))
    return { ...base, role: "interval" };
  if (/^(fiscal year|fy|year|reporting year|fiscal yr)$/.test(h))
    return { ...base, role: "fiscalYear" };
  if (/^(period|quarter|qtr|reporting period|time period)$/.test(h))
    return { ...base, role: "period" };
  if (/^(target|target value|goal value|targets)$/.test(h)) return { ...base, role: "target" };
  if (/^(actual|actual value|actuals|result|results|value)$/.test(h))
    return { ...base, role: "actual" };
  if (/^(unit|units|uom|unit of measure|format|data type|value type|unit type)$/.test(h))
    return { ...base, role: "unit" };
  if (
    /\b(goal|action|objective|strategy|priority|initiative)\b|plan (node|id|link)|linked to|strategic/.test(
      h
    )
  )
    return { ...base, role: "node" };
  if (/\b(id|#|no|code|key|number)$/.test(h) && !/phone/.test(h)) return { ...base, role: "id" };
  if (/\b(service|program|programme|activity|budget program|offer)\b/.test(h))
    return { ...base, role: "program" };
  if (/\b(department|dept|division|bureau|agency)\b/.test(h))
    return { ...base, role: "department" };
  if (/category|type|kind|class/.test(h)) return { ...base, role: "category" };
  if (/status|active|state|deprecated/.test(h)) return { ...base, role: "status" };
  if (/owner|responsible|lead|contact|manager/.test(h)) return { ...base, role: "owner" };
  if (/source|data from|system/.test(h)) return { ...base, role: "source" };
  if (/measure|metric|kpi|indicator|name|description|title/.test(h))
    return { ...base, role: "name" };
  return null;
}

/** The header row (first 30 rows): the row whose headers name a measure and values or periods, the most of them. */
export function findMeasureHeader(
  values: CellValue[][]
): { row: number; columns: MeasureColumn[] } | null {
  let best: { row: number; columns: MeasureColumn[]; score: number } | null = null;
  for (let r = 0; r < Math.min(30, values.length); r++) {
    const row = values[r] ?? [];
    const columns: MeasureColumn[] = [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string") continue;
      const col = classifyHeader(v, c);
      if (col) columns.push(col);
    }
    const roles = new Set(columns.map((c) => c.role));
    const named = roles.has("name") || roles.has("id");
    const valued = roles.has("target") || roles.has("actual");
    if (!named || !valued) continue;
    const score = roles.size + columns.length / 100;
    if (!best || score > best.score) best = { row: r, columns, score };
  }
  return best;
}

interface Raw {
  measure: Measure;
  /** Parsed values by period label and kind, with their cells, before percent scaling. */
  values: {
    label: string;
    kind: "target" | "actual";
    parsed: ParsedValue & { kind: "number" };
    cell: string;
  }[];
  bareCells: string[];
}

interface Ctx {
  sheet: string;
  startRow: number;
  startCol: number;
  issues: Issue[];
  notAvailable: string[];
  unreadable: number;
  corrected: Map<string, string[]>;
  blankDirection: string[];
  /** Worksheet column of the direction column, when there is one. */
  directionColumn?: number;
  /** What each category text read as, this import only (exports repeat the same few words on every row). */
  words: Map<string, unknown>;
  /** Unreadable values listed one by one so far (the rest are counted). */
  listed: number;
  /** Percent measures whose bare fractions were shown ×100, with the cells. */
  rescaled: { id: string; cells: string[] }[];
}

/** `read(text)`, once per distinct text and kind in this import. */
function memo<T>(ctx: Ctx, kind: string, text: string, read: (t: string) => T): T {
  const k = `${kind}\u0001${text}`;
  if (ctx.words.has(k)) return ctx.words.get(k) as T;
  const v = read(text);
  ctx.words.set(k, v);
  return v;
}

const cellOf = (ctx: Ctx, r: number, c: number) => cellAddress(ctx.startRow + r, ctx.startCol + c);

const MAX_LISTED = 20;

/** Reads the measures of one sheet (our Measures sheet or a city's export). */
export function importMeasures(cells: SheetCells): MeasureImport {
  const values = cells.values;
  const ctx: Ctx = {
    sheet: cells.name,
    startRow: cells.startRow ?? 0,
    startCol: cells.startCol ?? 0,
    issues: [],
    notAvailable: [],
    unreadable: 0,
    corrected: new Map(),
    blankDirection: [],
    words: new Map(),
    listed: 0,
    rescaled: [],
  };
  const header = findMeasureHeader(values);
  if (!header) {
    return {
      measures: [],
      layout: "none",
      columns: [],
      headerRow: 0,
      issues: [
        {
          severity: "error",
          code: "measures.no-header",
          sheet: cells.name,
          message:
            `"${cells.name}": no header row of measures was found in the first 30 rows. It needs a column naming ` +
            `each measure (ID or name) and target or actual columns ("FY26 Target", "FY26 Q1 Actual", or Fiscal year + Target + Actual).`,
        },
      ],
    };
  }
  const dir = header.columns.find((c) => c.role === "direction");
  if (dir) ctx.directionColumn = ctx.startCol + dir.col;
  const long =
    header.columns.some((c) => c.role === "fiscalYear" || c.role === "period") &&
    header.columns.some((c) => !c.period && (c.role === "target" || c.role === "actual"));
  const raws = new Map<string, Raw>();
  const order: string[] = [];
  for (let r = header.row + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    if (row.every((v) => cleanText(v) === "")) continue;
    readRow(ctx, header.columns, row, r, long, raws, order);
  }
  const measures = order.map((k) => finish(ctx, raws.get(k)!));
  summarise(ctx);
  return {
    measures,
    issues: ctx.issues,
    layout: long ? "long" : "wide",
    columns: header.columns,
    headerRow: ctx.startRow + header.row + 1,
  };
}

function textOf(row: CellValue[], col: MeasureColumn | undefined): string {
  return col ? cleanText(row[col.col]) : "";
}

function readRow(
  ctx: Ctx,
  columns: MeasureColumn[],
  row: CellValue[],
  r: number,
  long: boolean,
  raws: Map<string, Raw>,
  order: string[]
): void {
  const role = (x: MeasureColumnRole) => columns.find((c) => c.role === x);
  const id = textOf(row, role("id"));
  const name = textOf(row, role("name"));
  if (!id && !name) return;
  const program = textOf(row, role("program"));
  const key = id ? `id:${normName(id)}` : `name:${normName(name)}|${normName(program)}`;
  const sheetRow = ctx.startRow + r + 1;
  let raw = raws.get(key);
  const fresh = !raw;
  if (!raw) {
    raw = { measure: emptyMeasure(id || name, name || id), values: [], bareCells: [] };
    const idCol = role("id") ?? role("name");
    const nodeCol = role("node");
    raw.measure.origin = {
      sheet: ctx.sheet,
      rows: [],
      ...(idCol ? { idCol: columnLetter(ctx.startCol + idCol.col) } : {}),
      ...(nodeCol ? { nodeCol: columnLetter(ctx.startCol + nodeCol.col) } : {}),
    };
    raws.set(key, raw);
    order.push(key);
  }
  const m = raw.measure;
  if (!m.origin!.rows.includes(sheetRow)) m.origin!.rows.push(sheetRow);
  readFields(ctx, columns, row, r, m, fresh);
  if (long) readLongValues(ctx, columns, row, r, raw);
  else
    for (const c of columns)
      if (c.label && c.kind) addValue(ctx, raw, row, r, c.col, c.label, c.kind);
}

/** The descriptive fields of a row; a repeated measure keeps the first non-blank of each (disagreements are reported). */
function readFields(
  ctx: Ctx,
  columns: MeasureColumn[],
  row: CellValue[],
  r: number,
  m: Measure,
  fresh: boolean
): void {
  const set = <K extends keyof Measure>(
    k: K,
    v: Measure[K] | undefined,
    shown: string,
    col: MeasureColumn
  ) => {
    if (v === undefined || v === "") return;
    const had = m[k];
    if (had === undefined || had === null || had === "" || (fresh && k !== "name")) {
      m[k] = v;
      return;
    }
    if (JSON.stringify(had) !== JSON.stringify(v))
      disagree(
        ctx,
        m,
        `${col.header}: "${String(had)}" and "${shown}" (${cellOf(ctx, r, col.col)})`
      );
  };
  for (const col of columns) {
    if (col.period) continue; // values: read by readRow
    const text = cleanText(row[col.col]);
    const cell = cellOf(ctx, r, col.col);
    switch (col.role) {
      case "name":
        if (text && (!m.name || m.name === m.id) && m.name !== text) m.name = text;
        break;
      case "node":
        set("node", text || undefined, text, col);
        break;
      case "program":
        set("program", text || undefined, text, col);
        break;
      case "department":
        if (!columns.some((c) => c.role === "program"))
          set("program", text || undefined, text, col);
        break;
      case "unit":
        set("unit", memo(ctx, "unit", text, readUnit) || undefined, text, col);
        break;
      case "owner":
        set("owner", text || undefined, text, col);
        break;
      case "source":
        set("source", text || undefined, text, col);
        break;
      case "notes":
        if (text && !col.period)
          m.notes = m.notes && m.notes !== text ? `${m.notes}; ${text}` : text;
        break;
      case "direction": {
        if (!text) break;
        const d = memo(ctx, "direction", text, readDirection);
        if (!d) {
          ctx.issues.push({
            severity: "warning",
            code: "measures.direction-unknown",
            sheet: ctx.sheet,
            cell,
            message: `${ctx.sheet}!${cell}: "${text}" is not a direction (increase, decrease or maintain); the measure's status says "direction not set".`,
          });
          break;
        }
        if (d.corrected) note(ctx, text, d.value, cell);
        set("direction", d.value, text, col);
        break;
      }
      case "interval": {
        if (!text) break;
        const i = memo(ctx, "interval", text, readInterval);
        if (!i) {
          ctx.issues.push({
            severity: "warning",
            code: "measures.interval-unknown",
            sheet: ctx.sheet,
            cell,
            message: `${ctx.sheet}!${cell}: "${text}" is not an interval (cumulative, snapshot or period); it is assumed, and the status says so.`,
          });
          break;
        }
        if (i.corrected) note(ctx, text, i.value, cell);
        set("interval", i.value, text, col);
        m.intervalAssumed = false;
        break;
      }
      case "category": {
        if (!text) break;
        if (isDeprecatedText(text)) m.deprecated = true;
        const c = memo(ctx, "category", text, readCategory);
        if (c?.corrected) note(ctx, text, c.value, cell);
        set("category", c ? c.value : text, text, col);
        break;
      }
      case "status":
        if (isDeprecatedText(text) || /^(no|n|false|inactive)$/i.test(text)) m.deprecated = true;
        break;
      case "baseline":
      case "bandLow":
      case "bandHigh": {
        const p = parseValue(row[col.col]);
        if (p.kind === "unreadable") unreadable(ctx, cell, p.text);
        if (p.kind !== "number") break;
        if (col.role === "baseline") set("baseline", p.value, text, col);
        else {
          const band = m.band ?? { low: -Infinity, high: Infinity };
          if (col.role === "bandLow") band.low = p.value;
          else band.high = p.value;
          m.band = band;
        }
        break;
      }
      default:
        break;
    }
  }
  if (isDeprecatedText(m.name)) m.deprecated = true;
}

function readLongValues(
  ctx: Ctx,
  columns: MeasureColumn[],
  row: CellValue[],
  r: number,
  raw: Raw
): void {
  const fyCol = columns.find((c) => c.role === "fiscalYear");
  const periodCol = columns.find((c) => c.role === "period");
  const fyText = textOf(row, fyCol);
  const periodText = textOf(row, periodCol);
  let fy = fyText ? yearOf(fyText) : null;
  if (fy === null && periodText) fy = fiscalYearOf(periodText.toLowerCase());
  if (fy === null) {
    const col = fyCol ?? periodCol!;
    const cell = cellOf(ctx, r, col.col);
    ctx.issues.push({
      severity: "warning",
      code: "measures.period-unknown",
      sheet: ctx.sheet,
      cell,
      message: `${ctx.sheet}!${cell}: "${fyText || periodText}" is not a fiscal year; the row's values are left out.`,
    });
    ctx.unreadable++;
    return;
  }
  const q = QUARTER.exec(periodText.toLowerCase());
  const quarter = (q ? Number(q[1] ?? q[2]) : 0) as Period["quarter"];
  if (
    !q &&
    periodText &&
    !/annual|year|fy|total|^$/i.test(periodText) &&
    /[a-z]/i.test(periodText)
  ) {
    const cell = cellOf(ctx, r, periodCol!.col);
    ctx.issues.push({
      severity: "warning",
      code: "measures.period-unknown",
      sheet: ctx.sheet,
      cell,
      message: `${ctx.sheet}!${cell}: "${periodText}" is not a quarter (Q1–Q4) or the year; the row's values are left out.`,
    });
    return;
  }
  const label = periodLabel({ fy, quarter });
  for (const c of columns) {
    if (c.period) continue;
    if (c.role === "target") addValue(ctx, raw, row, r, c.col, label, "target");
    if (c.role === "actual") addValue(ctx, raw, row, r, c.col, label, "actual");
  }
}

/** A fiscal year typed as 2024, "FY24", "FY 2023-24", "2023-24". */
function yearOf(text: string): number | null {
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1990 && n <= 2100) return n;
  return fiscalYearOf(text.toLowerCase());
}

function addValue(
  ctx: Ctx,
  raw: Raw,
  row: CellValue[],
  r: number,
  c: number,
  label: string,
  kind: "target" | "actual"
): void {
  const v = row[c];
  if (v === "" || v === null || v === undefined) return;
  const p = parseValue(v);
  if (p.kind === "blank") return;
  const cell = cellOf(ctx, r, c);
  if (p.kind === "not available") {
    ctx.notAvailable.push(cell);
    return;
  }
  if (p.kind === "unreadable") {
    unreadable(ctx, cell, p.text);
    return;
  }
  raw.values.push({ label, kind, parsed: p, cell });
}

function unreadable(ctx: Ctx, cell: string, text: string): void {
  ctx.unreadable++;
  if (++ctx.listed > MAX_LISTED) return;
  ctx.issues.push({
    severity: "warning",
    code: "measures.unreadable",
    sheet: ctx.sheet,
    cell,
    message: `${ctx.sheet}!${cell}: "${text}" is not a number; it is left out (never read as 0).`,
  });
}

function note(ctx: Ctx, text: string, value: string, cell: string): void {
  const k = `"${text}" read as ${value}`;
  const list = ctx.corrected.get(k) ?? [];
  list.push(cell);
  ctx.corrected.set(k, list);
}

function disagree(ctx: Ctx, m: Measure, what: string): void {
  ctx.issues.push({
    severity: "warning",
    code: "measures.duplicate-disagrees",
    sheet: ctx.sheet,
    message: `${ctx.sheet}: measure "${m.id}" is listed more than once (rows ${m.origin!.rows.join(", ")}) and the rows disagree on ${what}; the later row is used.`,
  });
}

/** Puts a measure's values on one scale (percent) and into its targets and actuals; reports rows that disagree. */
function finish(ctx: Ctx, raw: Raw): Measure {
  const m = raw.measure;
  if (!m.unit) {
    const anyPct = raw.values.some((v) => v.parsed.percentSign) || /%|percent/i.test(m.name);
    m.unit = anyPct ? "%" : "";
  }
  if (m.intervalAssumed === undefined) {
    m.interval = isPercentUnit(m.unit) ? "snapshot" : "cumulative";
    m.intervalAssumed = true;
  }
  if (m.direction === null && ctx.directionColumn !== undefined)
    ctx.blankDirection.push(cellAddress(m.origin!.rows[0] - 1, ctx.directionColumn));
  const pct = isPercentUnit(m.unit);
  for (const v of raw.values) {
    let value = v.parsed.value;
    if (pct && !v.parsed.percentSign && Math.abs(value) <= 1 && value !== 0) {
      value = value * 100;
      raw.bareCells.push(v.cell);
    }
    value = Number(value.toPrecision(12));
    const into = v.kind === "target" ? m.targets : m.actuals;
    const had = into[v.label];
    if (had !== undefined && had !== value)
      disagree(ctx, m, `the ${v.label} ${v.kind}: ${had} and ${value} (${v.cell})`);
    into[v.label] = value;
  }
  if (m.band && (!Number.isFinite(m.band.low) || !Number.isFinite(m.band.high))) {
    const b = m.band;
    m.band = {
      low: Number.isFinite(b.low) ? b.low : -Infinity,
      high: Number.isFinite(b.high) ? b.high : Infinity,
    };
    if (!Number.isFinite(m.band.low) && !Number.isFinite(m.band.high)) delete m.band;
  }
  if (
    m.origin &&
    m.origin.rows.length > 1 &&
    !ctx.issues.some(
      (i) => i.code === "measures.duplicate-disagrees" && i.message.includes(`"${m.id}"`)
    )
  )
    ctx.issues.push({
      severity: "info",
      code: "measures.duplicate",
      sheet: ctx.sheet,
      message: `${ctx.sheet}: measure "${m.id}" is listed ${m.origin.rows.length} times (rows ${m.origin.rows.join(", ")}); the rows agree and are read as one measure.`,
    });
  if (raw.bareCells.length) ctx.rescaled.push({ id: m.id, cells: raw.bareCells });
  return m;
}

function summarise(ctx: Ctx): void {
  const { sheet } = ctx;
  if (ctx.rescaled.length) {
    const first = ctx.rescaled
      .slice(0, 5)
      .map((r) => `"${r.id}" (${r.cells.slice(0, 3).join(", ")}${r.cells.length > 3 ? ", …" : ""})`)
      .join(", ");
    const n = ctx.rescaled.length;
    ctx.issues.push({
      severity: "info",
      code: "measures.percent-scale",
      sheet,
      cell: ctx.rescaled[0].cells[0],
      message:
        `${sheet}: ${n} percent measure${n === 1 ? " has" : "s have"} values written as fractions, shown ×100: ` +
        `${first}${n > 5 ? `, and ${n - 5} more` : ""}. ${PERCENT_SCALE_RULE}`,
    });
  }
  if (ctx.listed > MAX_LISTED)
    ctx.issues.push({
      severity: "warning",
      code: "measures.unreadable",
      sheet,
      more: ctx.listed - MAX_LISTED,
      message: `${sheet}: ${ctx.listed - MAX_LISTED} more values are not numbers and are left out (never read as 0).`,
    });
  if (ctx.notAvailable.length)
    ctx.issues.push({
      severity: "info",
      code: "measures.not-available",
      sheet,
      cell: ctx.notAvailable[0],
      message: `${sheet}: ${ctx.notAvailable.length} cell${ctx.notAvailable.length === 1 ? "" : "s"} say "N/A" or the like (${ctx.notAvailable.slice(0, 5).join(", ")}${ctx.notAvailable.length > 5 ? ", …" : ""}): no value, shown as no data.`,
    });
  for (const [what, cellsOf] of ctx.corrected)
    ctx.issues.push({
      severity: "info",
      code: "measures.corrected",
      sheet,
      cell: cellsOf[0],
      message: `${sheet}!${cellsOf.slice(0, 5).join(", ")}${cellsOf.length > 5 ? ", …" : ""}: ${what}.`,
    });
  if (ctx.blankDirection.length)
    ctx.issues.push({
      severity: "warning",
      code: "measures.direction-blank",
      sheet,
      cell: ctx.blankDirection[0],
      message: `${sheet}: ${ctx.blankDirection.length} measure${ctx.blankDirection.length === 1 ? " has" : "s have"} no direction (${ctx.blankDirection.slice(0, 5).join(", ")}${ctx.blankDirection.length > 5 ? ", …" : ""}): their status is "direction not set", never met or missed. Say increase, decrease or maintain.`,
    });
}
