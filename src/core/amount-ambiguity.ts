/**
 * An amount column chosen without anyone choosing it, among columns that tie: two headers of the same kind and
 * fiscal year ("Amount" and "Budget", or two "Amount" headers). The run goes on with the reader's pick (its
 * default rule, src/core/budget/read.ts) and says so, naming the candidates and how to choose, instead of picking
 * silently.
 */
import type { AmountColumnSpec, AmountKind, BudgetReadResult, Issue } from "./types";

/** The reader's order of preference: proposed, then adopted or budget, then revised, then the rest. */
function rank(kind: AmountKind): number {
  if (kind === "proposed") return 0;
  if (kind === "adopted" || kind === "budget") return 1;
  if (kind === "revised") return 2;
  return 3;
}

/** The columns that tie with the primary (itself first), or [] when the choice was clear. */
export function tiedAmountColumns(budget: BudgetReadResult): AmountColumnSpec[] {
  const primary = budget.amountColumns.find((c) => c.id === budget.primaryAmount);
  if (!primary) return [];
  const tied = budget.amountColumns.filter(
    (c) =>
      c.id !== primary.id &&
      rank(c.kind) === rank(primary.kind) &&
      (c.fiscalYear ?? null) === (primary.fiscalYear ?? null)
  );
  return tied.length ? [primary, ...tied] : [];
}

/** The warning for an amount column nobody chose among tied candidates, or null. */
export function amountAmbiguityIssue(budget: BudgetReadResult): Issue | null {
  const tied = tiedAmountColumns(budget);
  if (tied.length === 0) return null;
  const names = tied.map((c) => `"${c.header}"`);
  const other = tied[1].header.replace(/"/g, '\\"');
  return {
    severity: "warning",
    code: "budget.amount-ambiguous",
    message:
      `The budget has ${tied.length} amount columns that could be the one to report (${names.join(", ")}); ` +
      `${names[0]} was used. To use another, run again with --amount-column "${other}" ` +
      `(or choose it in the pane's Budget step).`,
  };
}
