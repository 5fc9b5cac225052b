/** A small plan, budget and tags for the task pane's component tests (a made-up town, not a real city). */
import type {
  BudgetLine,
  BudgetReadResult,
  LineTag,
  Plan,
  WorkbookState,
} from "../../src/core/types";
import type { Analysis } from "../../src/core/workflow";

export const plan: Plan = {
  name: "Riverbend Strategic Plan 2026",
  adopted: "2026-01-15",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safe Community",
      source: { sheet: "Strategic Plan", row: 7 },
      goals: [
        {
          id: "G1.1",
          title: "Faster emergency response",
          subgoals: [
            {
              id: "G1.1.1",
              title: "Staff every station",
              actions: [{ id: "A1", title: "Hire 10 firefighters" }],
            },
          ],
          actions: [{ id: "A2", title: "New dispatch system", owner: "Fire" }],
        },
        { id: "G1.2", title: "Safer streets" },
      ],
    },
    {
      id: "P2",
      title: "Thriving Parks",
      goals: [
        {
          id: "G2.1",
          title: "Expand park access",
          actions: [{ id: "A3", title: "Open two parks" }],
        },
      ],
    },
  ],
};

function line(
  row: number,
  department: string,
  program: string,
  accountName: string,
  amount: number
): BudgetLine {
  return {
    key: `${department}|${program}|${accountName}`.toLowerCase(),
    sheet: "Budget",
    row,
    department,
    division: "",
    program,
    fund: "General",
    account: String(5000 + row),
    accountName,
    description: "",
    amounts: { "fy 2026-27 proposed": amount },
    amount,
    tagCell: `H${row}`,
  };
}

export const lines: BudgetLine[] = [
  line(5, "Fire", "Suppression", "Salaries", 1_000_000),
  line(6, "Fire", "Suppression", "Overtime", 200_000),
  line(8, "Parks", "Recreation", "Pool staff", 300_000),
  line(9, "Parks", "Maintenance", "Mowing", 150_000),
  line(11, "Clerk", "Records", "Archive boxes", 50_000),
];

export const tags: LineTag[] = [
  {
    key: lines[0].key,
    goals: [{ id: "G1.1", share: 1 }],
    priorityId: "P1",
    source: "manual",
    confidence: 1,
    why: "set by a person",
    flagged: false,
  },
  {
    key: lines[1].key,
    goals: [{ id: "G1.1", share: 1 }],
    priorityId: "P1",
    source: "suggested",
    confidence: 0.85,
    why: "matched 'overtime' in Fire to G1.1",
    flagged: false,
  },
  {
    key: lines[2].key,
    goals: [{ id: "G2.1", share: 1 }],
    priorityId: "P2",
    source: "suggested",
    confidence: 0.5,
    why: "matched 'pool' to G2.1",
    flagged: false,
  },
  {
    key: lines[3].key,
    goals: [{ id: "G2.1", share: 1 }],
    priorityId: "P2",
    source: "rule",
    confidence: 1,
    why: "rule 1: Department is Parks",
    flagged: false,
  },
  {
    key: lines[4].key,
    goals: [],
    priorityId: null,
    source: "none",
    confidence: 0.1,
    why: "no goal's words appear in this line",
    flagged: true,
    nearest: { id: "G1.2", confidence: 0.1, why: "weak match" },
  },
];

export const budget: BudgetReadResult = {
  layouts: [
    {
      sheet: "Budget",
      headerRow: 4,
      columns: [
        { col: 0, letter: "A", header: "Department", role: "department" },
        { col: 1, letter: "B", header: "Program", role: "program" },
        { col: 2, letter: "C", header: "Account", role: "accountName" },
        {
          col: 3,
          letter: "D",
          header: "FY 2026-27 Proposed",
          role: "amount",
          amountKind: "proposed",
          fiscalYear: 2027,
        },
        { col: 7, letter: "H", header: "Goal", role: "tag" },
      ],
      headingRows: 3,
      subtotalRows: 2,
      checkTotal: 1_700_000,
      skippedTotal: 1_700_000,
    },
  ],
  lines,
  amountColumns: [
    { id: "fy 2025-26 adopted", header: "FY 2025-26 Adopted", kind: "adopted", fiscalYear: 2026 },
    {
      id: "fy 2026-27 proposed",
      header: "FY 2026-27 Proposed",
      kind: "proposed",
      fiscalYear: 2027,
    },
  ],
  primaryAmount: "fy 2026-27 proposed",
  checkTotal: 1_700_000,
  skippedSubtotals: 2,
  issues: [],
};

/** The analysis the pane's tests start from: the fixture plan, budget and tags with the given state. */
export function fixtureAnalysis(state: WorkbookState, over: Partial<Analysis> = {}): Analysis {
  return {
    sheets: [{ name: "Budget", position: 0, visibility: "visible", rows: 12, cols: 8 }],
    planSheet: "Strategic Plan",
    plan,
    planIssues: [],
    budgetSheets: ["Budget"],
    budget,
    tags,
    state,
    issues: [],
    ok: true,
    options: { today: "2026-11-22" },
    ...over,
  };
}
