/**
 * A whole run (src/core/workflow.ts analyse + runAlignment) over one hostile workbook, reduced to a comparable
 * outcome: the exact issues, what was read, and — when the run may write — what was written and that no cell of
 * the user's own sheets changed except empty Goal cells the run is allowed to fill.
 */
import { readPlanJson } from "../../src/core/plan/json";
import { STATE_SHEET_NAME } from "../../src/core/state";
import type { CellValue, Plan } from "../../src/core/types";
import { analyse, runAlignment, type RunOptions } from "../../src/core/workflow";
import { planSheet } from "./books";
import { MemoryBook, type Sheet } from "./memory-port";
import { issueLine } from "./outcome";

export const TODAY = "2026-11-23";

export interface WorkflowFixture {
  id: string;
  what: string;
  kind: "workflow";
  sheets: Sheet[];
  /** Add the standard Strategic Plan sheet (default true). */
  withPlan?: boolean;
  /** Raw rows of the hidden state sheet's column A. */
  state?: unknown[];
  options?: {
    sheets?: string[];
    amountColumn?: string;
    planJson?: unknown;
    badAmounts?: RunOptions["badAmounts"];
    decimal?: RunOptions["decimal"];
  };
  expect?: unknown;
}

const lineText = (l: {
  sheet: string;
  row: number;
  department: string;
  division: string;
  program: string;
  account: string;
  description: string;
  amount: number;
}) =>
  `${l.sheet}!${l.row} ${JSON.stringify([l.department, l.division, l.program, l.account, l.description])} = ${l.amount}`;

export function bookOf(f: WorkflowFixture): MemoryBook {
  const sheets = [...f.sheets, ...(f.withPlan === false ? [] : [planSheet()])];
  return new MemoryBook(sheets, f.state);
}

/** Runs one fixture; `lines` caps how many lines are listed (all are counted). */
export async function workflowOutcome(
  f: WorkflowFixture,
  maxLines = 40
): Promise<Record<string, unknown>> {
  const book = bookOf(f);
  const before = book.snapshot();
  let plan: Plan | undefined;
  if (f.options?.planJson !== undefined) plan = readPlanJson(f.options.planJson).plan ?? undefined;
  const options: RunOptions = {
    today: TODAY,
    sheets: f.options?.sheets,
    amountColumn: f.options?.amountColumn,
    plan,
    badAmounts: f.options?.badAmounts,
    ...(f.options?.decimal ? { decimal: f.options.decimal } : {}),
  };
  const out: Record<string, unknown> = {};
  let analysis;
  try {
    analysis = await analyse(book, options);
  } catch (e) {
    out.threw = (e as Error).message;
    out.userSheetsUnchanged = JSON.stringify(book.snapshot()) === JSON.stringify(before);
    return out;
  }
  const { budget } = analysis;
  Object.assign(out, {
    ok: analysis.ok,
    issues: analysis.issues.map(issueLine),
    planSheet: analysis.planSheet,
    budgetSheets: analysis.budgetSheets,
    lineCount: budget.lines.length,
    lines: budget.lines.slice(0, maxLines).map(lineText),
    checkTotal: budget.checkTotal,
    skippedSubtotals: budget.skippedSubtotals,
    manual: analysis.tags
      .map((t, i) =>
        t.source === "manual"
          ? `${budget.lines[i].sheet}!${budget.lines[i].row} ${t.goals.map((g) => `${g.id}:${g.share}`).join(",")}`
          : null
      )
      .filter((x): x is string => x !== null),
  });
  // The reconciliation every reader must keep: the check total is the sum of the lines' primary amounts.
  out.reconciles =
    Math.abs(budget.lines.reduce((s, l) => s + l.amount, 0) - budget.checkTotal) <=
    1e-6 * Math.max(1, Math.abs(budget.checkTotal));
  try {
    const run = await runAlignment(book, options);
    out.written = run.written;
  } catch (e) {
    out.writeRefused = (e as Error).message;
  }
  out.cellWrites = book.cellWrites;
  // Every user sheet is as it was, except Goal cells the run filled (listed in cellWrites).
  const after = book.snapshot();
  const changed: string[] = [];
  for (const name of Object.keys(before)) {
    if (name === STATE_SHEET_NAME && !f.sheets.some((s) => s.name === STATE_SHEET_NAME)) continue;
    // Only the sheets the run wrote may differ (a user's sheet under a report's name must not).
    if ((out.written as string[] | undefined)?.some((w) => w.toLowerCase() === name.toLowerCase()))
      continue;
    const a = before[name];
    const b = after[name] ?? [];
    const rows = Math.max(a.length, b.length);
    for (let r = 0; r < rows; r++) {
      const ra: CellValue[] = a[r] ?? [];
      const rb: CellValue[] = b[r] ?? [];
      for (let c = 0; c < Math.max(ra.length, rb.length); c++) {
        const va = ra[c] ?? "";
        const vb = rb[c] ?? "";
        if (va !== vb)
          changed.push(`${name}!R${r + 1}C${c + 1}: ${JSON.stringify(va)} → ${JSON.stringify(vb)}`);
      }
    }
  }
  out.userCellsChanged = changed;
  const state = book.sheet(STATE_SHEET_NAME);
  out.stateSheet = state ? { visibility: state.visibility, rows: state.values.length } : null;
  return out;
}
