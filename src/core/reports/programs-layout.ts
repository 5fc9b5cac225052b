/**
 * Where everything goes on the Programs sheet: the program table's columns, the rows of the tables above it
 * (which the program table's formulas point at, and which point at the program table, so both are placed before
 * either is written), and the writer every table of the sheet shares (the builder, the formula cells, the
 * inventory and the A1 references between the tables).
 */
import { absoluteCell, absoluteRange, cellAddress } from "../a1";
import type { CellValue } from "../types";
import { ATTRIBUTES } from "./attributes";
import type { Diagnostic } from "./diagnostic";
import type { Inventory } from "./program-inventory";
import { rng, SheetBuilder } from "./sheet";

export const QUARTILE_MEANING = [
  "Most aligned",
  "More aligned",
  "Less aligned",
  "Least aligned",
] as const;

/** Label of the money on no goal of the plan (in the allocation table's Goal column and the what-if tables). */
export const NO_GOAL = "(no goal)";

export const scoreHeader = (id: string) => `${id} score`;
export const moneyHeader = (id: string) => `${id} $`;

/** Columns of the top tables (weights and what-if, attributes, quartiles, goals, departments, diagnostic). */
export const TOP_COLS = 7;
/** Columns of the top tables: the weight (or program count), the change, current, what-if, difference. */
export const T = { weight: 2, change: 3, current: 4, scenario: 5, diff: 6 } as const;

export const ATTRIBUTE_HEADERS = ["Attribute", "Choice", "Points", "Weight"];
/** Columns of the attribute table. */
export const AT = { choice: 1, points: 2, weight: 3 } as const;
/** The rows of the attribute table: every attribute's choices, one per row. */
export const ATTRIBUTE_ROWS = ATTRIBUTES.reduce((n, a) => n + a.list.length, 0);
/** Offset of attribute `a`'s first row in the attribute table. */
export const attributeOffset = (a: number) =>
  ATTRIBUTES.slice(0, a).reduce((n, x) => n + x.list.length, 0);

/** Programs named one by one in each diagnostic list; the rest are summed in a last row. */
export const LISTED_MAX = 60;
/** Rows a diagnostic list of `n` programs takes (at least one: "None: …"; a "+N more" row past LISTED_MAX). */
export const listedRows = (n: number) =>
  Math.max(1, Math.min(n, LISTED_MAX) + (n > LISTED_MAX ? 1 : 0));

/**
 * The program table's columns for a plan with `k` priorities and `nx` other amount columns. What PBB ranks comes
 * first (department, program, cost, total score, quartile, the scores, the attributes), so the printed table is
 * one page wide from the left; the money columns, goals, what-if and evidence follow for the screen.
 */
export function programColumns(k: number, nx: number) {
  const total = 3;
  const score = 5;
  const attr = score + k;
  const source = attr + ATTRIBUTES.length;
  const lines = source + 1;
  const extra = lines + 1;
  const money = extra + nx;
  const other = money + k;
  const goals = other + 1;
  return {
    department: 0,
    program: 1,
    cost: 2,
    score,
    total,
    quartile: 4,
    attr,
    source,
    lines,
    extra,
    money,
    other,
    goals,
    change: goals + 1,
    scenario: goals + 2,
    evidence: goals + 3,
    key: goals + 4,
    count: goals + 5,
  };
}
export type ProgramColumns = ReturnType<typeof programColumns>;

/** A department of the program table with its program count, cost and what-if amount. */
export interface Department {
  name: string;
  programs: number;
  cents: number;
  scenario: number;
}

/** The departments in the program table's order, with their totals. */
export function departmentsOf(inv: Inventory, scenarios: readonly number[]): Department[] {
  const depts: Department[] = [];
  const deptIndex = new Map<string, number>();
  inv.programs.forEach((p, i) => {
    const key = p.department.toLowerCase();
    let d = deptIndex.get(key);
    if (d === undefined) {
      deptIndex.set(key, (d = depts.length));
      depts.push({ name: p.department, programs: 0, cents: 0, scenario: 0 });
    }
    depts[d].programs++;
    depts[d].cents += p.cents;
    depts[d].scenario += scenarios[i];
  });
  return depts;
}

/** The rows of the sheet's tables (0-based), planned before any is written. */
export interface ProgramsRows {
  /** First data row of each top table. */
  priority: number;
  attribute: number;
  quartile: number;
  goal: number;
  department: number;
  pNoGoal: number;
  pTotal: number;
  qTotal: number;
  gNoGoal: number;
  gTotal: number;
  dTotal: number;
  /** Last row of the top tables (the diagnostic's last). */
  topEnd: number;
  /** The chart's section title, and the chart's first row and height in rows. */
  chartTitle: number;
  chartTop: number;
  chartRows: number;
  /** The program table: its section title, header row, first and last program rows. */
  tableSection: number;
  header: number;
  first: number;
  last: number;
  /** The working table (each program's money by goal): its header and first row. */
  allocHeader: number;
  allocFirst: number;
}

/**
 * The rows of every table, from the row the top tables start at: section, header, k priorities, no goal, total,
 * blank | section, header, the attribute scales, blank | section, header, 4 quartiles, total, note on ties, blank | section,
 * header, goals, no goal, total, blank | section, header, departments, total, blank | the diagnostic | blank |
 * the chart's section title and the chart | the program table | the working table.
 */
export function planRows(
  at: number,
  sizes: { k: number; goals: number; departments: number; programs: number },
  diag: Diagnostic
): ProgramsRows {
  const priority = at + 2;
  const pNoGoal = priority + sizes.k;
  const pTotal = pNoGoal + 1;
  const attribute = pTotal + 4;
  const quartile = attribute + ATTRIBUTE_ROWS + 3;
  const qTotal = quartile + 4;
  // The quartile table's total is followed by its note on ties (two rows), a blank row, then the goal table.
  const goal = qTotal + 6;
  const gNoGoal = goal + sizes.goals;
  const gTotal = gNoGoal + 1;
  const department = gTotal + 4;
  const dTotal = department + sizes.departments;
  const crossFirst = dTotal + 4;
  const candFirst = crossFirst + diag.cross.length + 3;
  const risingFirst = candFirst + listedRows(diag.candidates.length) + 3;
  const topEnd = risingFirst + listedRows(diag.rising.length) - 1;
  const chartTitle = topEnd + 2;
  const chartTop = chartTitle + 1;
  const chartRows = Math.max(16, Math.min(30, sizes.k * 3 + 6));
  const tableSection = chartTop + chartRows + 1;
  const header = tableSection + 1;
  const first = header + 1;
  const last = first + sizes.programs - 1;
  const allocHeader = last + 3;
  return {
    priority,
    attribute,
    quartile,
    goal,
    department,
    pNoGoal,
    pTotal,
    qTotal,
    gNoGoal,
    gTotal,
    dTotal,
    topEnd,
    chartTitle,
    chartTop,
    chartRows,
    tableSection,
    header,
    first,
    last,
    allocHeader,
    allocFirst: allocHeader + 1,
  };
}

type Formula = { row: number; col: number; formula: string };

/**
 * What every table of the Programs sheet writes with: the builder, the formula cells (each set with the value the
 * core computed), the inventory, the planned rows and columns, and the A1 references between the tables.
 */
export class ProgramsWriter {
  readonly b = new SheetBuilder();
  readonly formulas: Formula[] = [];
  readonly k: number;
  readonly n: number;
  readonly c: ProgramColumns;
  rows!: ProgramsRows;

  constructor(
    readonly inv: Inventory,
    /** Each program's what-if amount, in the inventory's order. */
    readonly scenarios: readonly number[]
  ) {
    this.k = inv.priorities.length;
    this.n = inv.programs.length;
    // The FTE column, when the budget has one, stands after the other amount columns (counted among them).
    this.c = programColumns(this.k, inv.extra.length + (inv.hasFte ? 1 : 0));
  }

  /** A formula cell, holding the value the core computed. */
  f(row: number, col: number, formula: string, value: CellValue): void {
    this.b.set(row, col, value);
    this.formulas.push({ row, col, formula });
  }

  /** A section title row over the top tables' width (a page break may go above it). */
  sectionRow(text: string): number {
    const { b } = this;
    b.section();
    const r = b.row([text]);
    b.freeRows.add(r);
    b.style(rng(r, 0, 1, TOP_COLS), "sectionHeader");
    return r;
  }

  /** A program table column, as an absolute range over its program rows. */
  col(cc: number): string {
    return absoluteRange(rng(this.rows.first, cc, Math.max(1, this.n), 1));
  }

  weightCell(j: number): string {
    return absoluteCell(this.rows.priority + j, T.weight);
  }

  priorityChangeCell(j: number): string {
    return absoluteCell(this.rows.priority + j, T.change);
  }

  quartileChangeCell(q: number): string {
    return absoluteCell(this.rows.quartile + q, T.change);
  }

  attributeWeightCell(a: number): string {
    return absoluteCell(this.rows.attribute + attributeOffset(a), AT.weight);
  }

  /** Column `cc` of attribute `a`'s rows in the attribute table (its choices or their points). */
  attributeRange(a: number, cc: number): string {
    return absoluteRange(
      rng(this.rows.attribute + attributeOffset(a), cc, ATTRIBUTES[a].list.length, 1)
    );
  }

  /** A "Total" row below a top table: each column summed by formula over [from, to]. */
  totalRow(row: number, from: number, to: number, cols: number[], values: number[]): void {
    const { b } = this;
    b.set(row, 0, "Total");
    cols.forEach((cc, i) => {
      if (to >= from)
        this.f(row, cc, `=SUM(${cellAddress(from, cc)}:${cellAddress(to, cc)})`, values[i]);
      else b.set(row, cc, 0);
    });
    b.style(rng(row, 0, 1, TOP_COLS), "total");
  }

  /** "=what-if − current" in the Difference column of a top table's row. */
  difference(row: number, value: number): void {
    this.f(row, T.diff, `=${cellAddress(row, T.scenario)}-${cellAddress(row, T.current)}`, value);
  }
}

export function sumOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
