/**
 * The Alignment sheet's "Budget by function" section: what the budget pays for, in the municipal functions of the
 * tagging taxonomy, with the goals that cover each function. Two lists follow from it, the two halves of aligning a
 * budget with a plan: functions with money that no goal covers (programs to review for change or elimination) and
 * goals that cover no funded function (programs the plan needs and the budget does not have).
 */
import { linesByFunction } from "./by-function";
import type { ReportContext } from "./context";
import { rng, type SheetBuilder } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

/** How many covering goals a row names before "and N more". */
const MAX_GOALS_NAMED = 4;

function goalList(ids: string[]): string {
  if (ids.length <= MAX_GOALS_NAMED) return ids.join(", ");
  return `${ids.slice(0, MAX_GOALS_NAMED).join(", ")} and ${ids.length - MAX_GOALS_NAMED} more`;
}

/**
 * Writes the section at the builder's next row. `header` writes a section header row (the sheet's own style).
 * Every amount is in cents, split by the largest remainder, so the rows and the unrecognised row add up to the total.
 */
export function functionSection(
  b: SheetBuilder,
  ctx: ReportContext,
  budgetCents: number,
  header: (text: string, cols: number) => number
): void {
  const fb = ctx.functionBudget ?? linesByFunction(ctx.budget.lines, ctx.plan);
  const pct = (c: number) => (budgetCents === 0 ? 0 : c / budgetCents);
  header("Budget by function", 5);
  const h = b.row(["Function", "Amount", "% of total", "Programs", "Goals that cover it"]);
  b.style(rng(h, 0, 1, 5), "tableHeader");
  const first = b.next;
  let sum = 0;
  for (const r of fb.rows) {
    sum += r.cents;
    const row = b.row([
      r.label,
      fromCents(r.cents),
      pct(r.cents),
      r.programs,
      r.coveredBy.length ? goalList(r.coveredBy) : "No goal covers it: review these programs",
    ]);
    if (!r.coveredBy.length) b.style(rng(row, 4), "warning");
  }
  if (fb.unrecognised.cents !== 0 || fb.unrecognised.programs > 0) {
    sum += fb.unrecognised.cents;
    const row = b.row([
      "(the program's words name no function)",
      fromCents(fb.unrecognised.cents),
      pct(fb.unrecognised.cents),
      fb.unrecognised.programs,
      "",
    ]);
    b.style(rng(row, 0), "muted");
  }
  const last = b.next - 1;
  if (last >= first) {
    const n = last - first + 1;
    // Long function names wrap within their column (the rows grow to fit).
    b.style(rng(first, 0, n, 1), "wrapText");
    b.format(rng(first, 1, n, 1), FORMATS.currency);
    b.format(rng(first, 2, n, 1), FORMATS.percent);
    b.format(rng(first, 3, n, 1), FORMATS.integer);
  }
  const t = b.row(["Total", fromCents(sum), pct(sum)]);
  b.style(rng(t, 0, 1, 5), "total");
  b.format(rng(t, 1), FORMATS.currency);
  b.format(rng(t, 2), FORMATS.percent);

  b.row();
  header("Goals that cover no funded function (programs to create)", 2);
  const g = b.row(["Goal", "Functions it covers"]);
  b.style(rng(g, 0, 1, 2), "tableHeader");
  if (fb.goalsWithoutFunding.length === 0) {
    const r = b.row(["Every goal covers at least one function the budget funds."]);
    b.style(rng(r, 0), "muted");
  }
  for (const x of fb.goalsWithoutFunding) {
    const r = b.row([
      `${x.id} ${x.title}`,
      x.covers.length ? x.covers.join(", ") : "(its words name no municipal function)",
    ]);
    b.style(rng(r, 0, 1, 2), "wrapText");
    if (!x.covers.length) b.style(rng(r, 1), "muted");
  }
}
