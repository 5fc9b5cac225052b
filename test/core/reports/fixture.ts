/**
 * A small, hand-built run for the report tests: a plan with a subgoal, a priority without goals and goals no line
 * funds; budget lines with a 0.6/0.4 split and a three-way split of awkward cents, a flagged program, a
 * low-confidence suggestion, a whole-priority tag; adopted / revised / YTD columns; today in the middle of the year.
 */
import type { ReportContext } from "../../../src/core/reports/context";
import type {
  AmountColumnSpec,
  BudgetLine,
  BudgetReadResult,
  CellValue,
  LineTag,
  Plan,
  ReviewAnswer,
  SheetModel,
} from "../../../src/core/types";

export const TODAY = "2026-01-15";

export function fixturePlan(): Plan {
  return {
    name: "Riverton Strategic Plan 2025–2030",
    adopted: "2025-03-15",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [
      {
        id: "P1",
        title: "Safe neighborhoods",
        goals: [
          {
            id: "G1.1",
            title: "Reduce response times",
            subgoals: [{ id: "S1.1.1", title: "Modernize dispatch" }],
            actions: [
              {
                id: "A1",
                title: "Replace the dispatch system",
                owner: "Emergency Communications",
                start: "2025-07-01",
                due: "2026-06-30",
                measure: "Median call-to-dispatch time",
                target: "Under 60 seconds",
                status: "In progress",
              },
              {
                id: "A2",
                title: "Hire two dispatchers",
                owner: "Police",
                start: "2025-08-01",
                due: "2025-12-31",
                status: "Not started",
              },
            ],
          },
          {
            id: "G1.2",
            title: "Safer streets",
            actions: [
              {
                id: "A3",
                title: "Light the river path",
                owner: "Public Works",
                start: "2026-03-01",
                due: "2027-06-30",
                measure: "Lit path miles",
                target: "4 miles",
                status: "Not started",
              },
              {
                id: "A4",
                title: "Finish the crosswalk audit",
                owner: "Traffic",
                start: "2025-04-01",
                due: "2025-10-31",
                measure: "Crosswalks audited",
                target: "All",
                status: "Complete",
              },
            ],
          },
        ],
      },
      {
        id: "P2",
        title: "Thriving economy",
        goals: [
          { id: "G2.1", title: "Support small business" },
          { id: "G2.2", title: "Workforce training" },
        ],
      },
      { id: "P3", title: "Good governance", goals: [] },
    ],
  };
}

export const ADOPTED = "fy 2025-26 adopted";
export const REVISED = "fy 2025-26 revised";
export const YTD = "fy 2025-26 ytd";

const COLUMNS: AmountColumnSpec[] = [
  { id: ADOPTED, header: "FY 2025-26 Adopted", kind: "adopted", fiscalYear: 2026 },
  { id: REVISED, header: "FY 2025-26 Revised", kind: "revised", fiscalYear: 2026 },
  { id: YTD, header: "FY 2025-26 YTD Actual", kind: "ytd", fiscalYear: 2026 },
];

let row = 4;
function line(
  department: string,
  program: string,
  amount: number,
  adopted: number,
  ytd: number | null,
  description = ""
): BudgetLine {
  const r = row++;
  return {
    key: `${department}|${program}|${r}`,
    sheet: "Budget",
    row: r,
    department,
    division: "",
    program,
    fund: "General",
    account: String(5000 + r),
    accountName: "",
    description,
    amounts: { [ADOPTED]: adopted, [REVISED]: amount, [YTD]: ytd },
    amount,
    tagCell: `H${r}`,
  };
}

const tag = (key: string, t: Partial<LineTag>): LineTag => ({
  key,
  goals: [],
  priorityId: null,
  source: "none",
  confidence: 0,
  why: "",
  flagged: false,
  nearest: null,
  ...t,
});

export interface Fixture {
  ctx: ReportContext;
  lines: BudgetLine[];
  tags: LineTag[];
}

export function fixture(answers: Record<string, ReviewAnswer> = {}, withMidYear = true): Fixture {
  row = 4;
  const lines = [
    line("Police", "Patrol", 1000.01, 900, 600),
    line("Police", "Dispatch", 333.33, 333.33, 300),
    line("Parks", "Maintenance", 500.05, 500, 100),
    line("Parks", "Maintenance", 0.03, 0, 0),
    line("Economic Development", "Grants", 250.1, 250, null),
    line("Economic Development", "Grants", 99.99, 100, 50),
    line("Finance", "Audit", 10, 10, 5),
  ];
  const k = lines.map((l) => l.key);
  const tags: LineTag[] = [
    tag(k[0], {
      goals: [
        { id: "G1.1", share: 0.6 },
        { id: "G2.1", share: 0.4 },
      ],
      priorityId: "P1",
      source: "manual",
      confidence: 1,
      why: "set by staff",
      nearest: { id: "G1.1", confidence: 1, why: "set by staff" },
    }),
    tag(k[1], {
      goals: [{ id: "S1.1.1", share: 1 }],
      priorityId: "P1",
      source: "rule",
      confidence: 1,
      why: "rule 1",
      nearest: { id: "S1.1.1", confidence: 1, why: "rule 1" },
    }),
    tag(k[2], {
      flagged: true,
      nearest: { id: "G1.2", confidence: 0.21, why: "matched 'street'" },
    }),
    tag(k[3], { flagged: true, nearest: { id: "G1.2", confidence: 0.3, why: "matched 'path'" } }),
    tag(k[4], {
      goals: [{ id: "G2.1", share: 1 }],
      priorityId: "P2",
      source: "suggested",
      confidence: 0.42,
      why: "matched 'grant' to G2.1",
      nearest: { id: "G2.1", confidence: 0.42, why: "matched 'grant' to G2.1" },
    }),
    tag(k[5], {
      goals: [{ id: "P2", share: 1 }],
      priorityId: "P2",
      source: "learned",
      confidence: 0.8,
      why: "like confirmed Grants lines",
      nearest: { id: "P2", confidence: 0.8, why: "like confirmed Grants lines" },
    }),
    tag(k[6], {
      goals: [
        { id: "G1.1", share: 1 / 3 },
        { id: "G2.1", share: 1 / 3 },
        { id: "S1.1.1", share: 1 / 3 },
      ],
      priorityId: "P1",
      source: "manual",
      confidence: 1,
      why: "set by staff",
      nearest: { id: "G1.1", confidence: 1, why: "set by staff" },
    }),
  ];
  const amountColumns = withMidYear ? COLUMNS : [COLUMNS[1]];
  const budget: BudgetReadResult = {
    layouts: [],
    lines,
    amountColumns,
    primaryAmount: REVISED,
    checkTotal: lines.reduce((s, l) => s + l.amount, 0),
    skippedSubtotals: 0,
    issues: [],
  };
  return {
    ctx: {
      plan: fixturePlan(),
      budget,
      tags,
      reviewAnswers: answers,
      sourceSheets: ["Budget"],
      today: TODAY,
    },
    lines,
    tags,
  };
}

/** The cell to the right of the first cell whose text matches. */
export function rightOf(
  values: CellValue[][],
  label: RegExp | string,
  offset = 1
): CellValue | undefined {
  for (const r of values) {
    const c = r.findIndex(
      (v) => typeof v === "string" && (typeof label === "string" ? v === label : label.test(v))
    );
    if (c >= 0) return r[c + offset];
  }
  return undefined;
}

/** Row index of the first row whose first cell is `text` (from `from` on). */
export function rowOf(values: CellValue[][], text: string, from = 0, col = 0): number {
  for (let r = from; r < values.length; r++) if (values[r]?.[col] === text) return r;
  return -1;
}

/** Every range a model names lies inside its values and column widths. */
export function rangesInside(model: SheetModel): string[] {
  const problems: string[] = [];
  const rows = model.values.length;
  const cols = Math.max(model.columnWidths.length, ...model.values.map((r) => r.length));
  const check = (what: string, r: { row: number; col: number; rows: number; cols: number }) => {
    if (
      r.row < 0 ||
      r.col < 0 ||
      r.rows < 1 ||
      r.cols < 1 ||
      r.row + r.rows > rows ||
      r.col + r.cols > cols
    )
      problems.push(`${what} ${JSON.stringify(r)} (sheet ${rows}×${cols})`);
  };
  model.numberFormats.forEach((f) => check("format", f.range));
  model.styles.forEach((s) => check(`style ${s.style}`, s.range));
  model.tables.forEach((t) => check(`table ${t.name}`, t.range));
  model.validations.forEach((v) => check("validation", v.range));
  model.conditionalFormats.forEach((c) => check("conditional", c.range));
  for (const ch of model.charts) {
    check("chart categories", ch.categories);
    check("chart values", ch.values);
    check("chart anchor", ch.anchor);
  }
  for (const g of model.outline)
    if (g.startRow < 0 || g.endRow >= rows || g.startRow > g.endRow)
      problems.push(`outline ${JSON.stringify(g)}`);
  if (model.print.titleRows && model.print.titleRows.end >= rows) problems.push("titleRows");
  for (const row of model.values)
    for (let c = 0; c < row.length; c++)
      if (!(c in row) || row[c] === undefined) problems.push("hole in a row");
  return problems;
}
