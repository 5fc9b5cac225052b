/**
 * Which sheets are the budget. A budget workbook often holds more than the spending plan: a revenue sheet, and
 * summary sheets whose figures repeat the detail sheets' totals. Adding those in counts money twice (or counts
 * revenue as spending), so by default only expenditure sheets are read; the others are left out, each with its
 * reason, and the person can still choose any sheet (--sheet, or the pane's Budget step).
 */
import { parseA1 } from "../a1";
import { sheetRef } from "../plan/layout";
import type { CellValue, Issue, ReadOptions, SheetCells } from "../types";
import { cellText } from "./cells";
import { readBudget } from "./read";

const REVENUE = /\b(revenues?|receipts|sources of funds|funding sources|tax(es)? levy)\b/i;
const SPENDING =
  /\b(expenditures?|expenses?|spending|appropriations?|uses of funds|operating budget|costs?)\b/i;

/** The sheet's name and the text above its table (title rows), where "Revenue" or "Expenditures" is said. */
function titleText(sheet: SheetCells): string {
  const parts: string[] = [sheet.name];
  const values: CellValue[][] = Array.isArray(sheet.values) ? sheet.values : [];
  for (let r = 0; r < Math.min(values.length, 5); r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    const texts = row.map(cellText).filter((t) => t !== "");
    // A title row has one or two texts; a header row has many.
    if (texts.length > 0 && texts.length <= 2) parts.push(...texts.map((t) => t.slice(0, 200)));
  }
  return parts.join(" | ");
}

/** True when the sheet's name or title says it holds revenue and nothing says it holds spending. */
export function isRevenueSheet(sheet: SheetCells): boolean {
  const text = titleText(sheet);
  return REVENUE.test(text) && !SPENDING.test(text);
}

export interface SheetLeftOut {
  sheet: string;
  /** "it holds revenue, not spending". */
  why: string;
}

/** "'Revenue' (it holds revenue, not spending); Summary (it is a summary: …)". */
export function leftOutText(reasons: SheetLeftOut[]): string {
  return reasons.map((r) => `${sheetRef(r.sheet)} (${r.why})`).join("; ");
}

/** The sheets left out, read back from a run's issues. */
export function sheetsLeftOut(issues: Issue[]): SheetLeftOut[] {
  return issues
    .filter((i) => i.code === "budget.sheet-left-out" && i.sheet !== undefined)
    .map((i) => ({
      sheet: i.sheet as string,
      why: /was not added in: (.*?)\. Choose it/.exec(i.message)?.[1] ?? "",
    }));
}

/**
 * The pivot tables whose output holds most of the sheet's filled cells (a pivot table repeats, summed, lines that
 * are read from its source), or null when the sheet is not a pivot table's output.
 */
export function pivotOutputOf(sheet: SheetCells): string[] | null {
  const refs = (sheet.pivotTables ?? []).filter((r) => /^[A-Z]+\d+(:[A-Z]+\d+)?$/i.test(r));
  if (refs.length === 0) return null;
  const boxes = refs.map((ref) => {
    const [a, b] = ref.split(":");
    const from = parseA1(a);
    const to = parseA1(b ?? a);
    return { r0: from.row, c0: from.col, r1: to.row, c1: to.col };
  });
  const values: CellValue[][] = Array.isArray(sheet.values) ? sheet.values : [];
  const r0 = sheet.startRow ?? 0;
  const c0 = sheet.startCol ?? 0;
  let filled = 0;
  let inside = 0;
  let lastRow: CellValue[] | null = null;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row) || row === lastRow) continue; // shared blank rows
    lastRow = row;
    for (let c = 0; c < row.length; c++) {
      if (cellText(row[c]) === "") continue;
      filled++;
      const R = r0 + r;
      const C = c0 + c;
      if (boxes.some((x) => R >= x.r0 && R <= x.r1 && C >= x.c0 && C <= x.c1)) inside++;
    }
  }
  return filled > 0 && inside * 2 >= filled ? refs : null;
}

const money = (n: number) =>
  (n < 0 ? "-$" : "$") + Math.abs(n).toLocaleString("en-US", { maximumFractionDigits: 2 });

const near = (a: number, b: number) => Math.abs(a - b) <= 1;

/**
 * The budget sheets to read among sheets that look like budgets, and the ones left out with their reasons (info
 * issues, code "budget.sheet-left-out"). A sheet is left out when most of its cells are a pivot table's output,
 * when it holds revenue, or when it is a summary: its total equals another sheet's total, or the other sheets'
 * totals added together.
 */
export function chooseBudgetSheets(
  sheets: SheetCells[],
  options: ReadOptions = {}
): { read: SheetCells[]; leftOut: Issue[]; reasons: SheetLeftOut[] } {
  const leftOut: Issue[] = [];
  const reasons: SheetLeftOut[] = [];
  const note = (sheet: string, why: string) => {
    reasons.push({ sheet, why });
    leftOut.push({
      severity: "info",
      code: "budget.sheet-left-out",
      sheet,
      message: `The sheet ${sheetRef(sheet)} was not added in: ${why}. Choose it with --sheet (or in the Budget step) if it is part of the spending budget.`,
    });
  };
  let rest = sheets.filter((s) => {
    const pivots = pivotOutputOf(s);
    if (pivots) {
      note(
        s.name,
        `it is the output of a pivot table (${pivots.map((r) => `${sheetRef(s.name)}!${r}`).join(", ")}), a summary of lines kept elsewhere`
      );
      return false;
    }
    if (!isRevenueSheet(s)) return true;
    note(s.name, "it holds revenue, not spending");
    return false;
  });
  if (rest.length < 2) return { read: rest, leftOut, reasons };

  // Each sheet read alone, for its total and its number of lines.
  const alone = rest.map((s, index) => {
    const r = readBudget([s], options);
    return { sheet: s, index, total: r.checkTotal, lines: r.lines.length };
  });
  const summaries = new Set<SheetCells>();
  // Fewest lines first (a summary has fewer rows than the detail it sums); of two alike, the later one.
  const order = [...alone].sort((a, b) => a.lines - b.lines || b.index - a.index);
  for (const s of order) {
    if (s.total === 0 || s.lines === 0) continue;
    const others = alone.filter((o) => o !== s && !summaries.has(o.sheet) && o.lines > 0);
    const same = others.find((o) => near(o.total, s.total) && o.lines >= s.lines);
    if (same) {
      summaries.add(s.sheet);
      note(
        s.sheet.name,
        `it repeats other sheets — its total, ${money(s.total)}, is the total of ${sheetRef(same.sheet.name)}`
      );
      continue;
    }
    const detail = others.filter((o) => !summaries.has(o.sheet));
    const sum = detail.reduce((n, o) => n + o.total, 0);
    if (detail.length >= 2 && near(sum, s.total)) {
      summaries.add(s.sheet);
      note(
        s.sheet.name,
        `it repeats other sheets — its total, ${money(s.total)}, is the total of ${detail.map((o) => sheetRef(o.sheet.name)).join(" and ")} together`
      );
    }
  }
  rest = rest.filter((s) => !summaries.has(s));
  return { read: rest, leftOut, reasons };
}
