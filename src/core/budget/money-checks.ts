/**
 * Problems that change a total, gathered from a run's issues and grouped by kind, each with its cells: what the
 * CLI prints before any other warning, what the Alignment sheet's "Data checks" block lists, and the one error
 * that stops a CLI run when an amount cell is not an amount.
 */
import { sheetRef } from "../plan/layout";
import type { Issue } from "../types";

/** The kinds of problem that change a total, in the order they are shown, with how each is named. */
export const MONEY_PROBLEMS: readonly { code: string; title: string; one: string; many: string }[] =
  [
    {
      code: "budget.amount-not-a-number",
      title: "Amount cells that are not amounts (counted as 0)",
      one: "amount cell is not an amount (counted as 0)",
      many: "amount cells are not amounts (counted as 0)",
    },
    {
      code: "budget.amount-error",
      title: "Amount cells showing an Excel error (counted as 0)",
      one: "amount cell shows an Excel error (counted as 0)",
      many: "amount cells show an Excel error (counted as 0)",
    },
    {
      code: "budget.formula-no-value",
      title: "Amount formulas with no saved value",
      one: "amount formula has no saved value",
      many: "amount formulas have no saved value",
    },
    {
      code: "budget.total-mismatch",
      title: "Total rows that differ from the lines they close",
      one: "total row in the sheet differs from the lines it closes",
      many: "total rows in the sheet differ from the lines they close",
    },
    {
      code: "budget.primary-missing",
      title: "Budget sheets without the reported amount column",
      one: "budget sheet has no column of the reported amount (its lines count as 0)",
      many: "budget sheets have no column of the reported amount (their lines count as 0)",
    },
    {
      code: "budget.total-overflow",
      title: "Amounts too large to add up",
      one: "amount is too large to add up",
      many: "amounts are too large to add up",
    },
  ];

const MONEY_CODES = new Set(MONEY_PROBLEMS.map((p) => p.code));

/** True for an issue that means a total may be wrong. */
export function isMoneyIssue(issue: Issue): boolean {
  return MONEY_CODES.has(issue.code) && issue.severity !== "info";
}

export interface MoneyGroup {
  code: string;
  /** "Amount cells that are not amounts (counted as 0)". */
  title: string;
  /** "2 amount cells are not amounts (counted as 0)". */
  label: string;
  count: number;
  /** "Budget!E4", in reading order; fewer than `count` when the reader listed only the first ones. */
  cells: string[];
  /** The first problem's own message. */
  first: string;
}

/** The problems that change a total, grouped by kind and counted. */
export function moneyGroups(issues: Issue[]): MoneyGroup[] {
  const groups: MoneyGroup[] = [];
  for (const kind of MONEY_PROBLEMS) {
    const of = issues.filter((i) => i.code === kind.code && i.severity !== "info");
    if (of.length === 0) continue;
    let count = 0;
    const cells: string[] = [];
    let first = "";
    for (const i of of) {
      if (i.more !== undefined) {
        // "N more cells like the ones above": counted, not listed.
        count += i.more;
        continue;
      }
      count++;
      if (!first) first = i.message;
      if (i.cell) cells.push(`${sheetRef(i.sheet ?? "")}!${i.cell}`);
      else if (i.sheet) cells.push(`"${i.sheet}"`);
    }
    groups.push({
      code: kind.code,
      title: kind.title,
      label: `${count.toLocaleString("en-US")} ${count === 1 ? kind.one : kind.many}`,
      count,
      cells,
      first,
    });
  }
  return groups;
}

/** "Budget!E4, Budget!E7 and 3 more" — at most `max` cells named. */
export function cellList(group: MoneyGroup, max = 5): string {
  const named = group.cells.slice(0, max);
  const rest = group.count - named.length;
  if (named.length === 0) return "";
  return rest > 0
    ? `${named.join(", ")} and ${rest.toLocaleString("en-US")} more`
    : named.join(", ");
}

const STOPPING = ["budget.amount-not-a-number", "budget.amount-error"];

/**
 * The error that stops a run when an amount cell is not an amount (the CLI's default; `--skip-bad-amounts` counts
 * such cells as 0 instead and keeps them as warnings). Null when every amount cell is an amount.
 */
export function badAmountsError(issues: Issue[]): Issue | null {
  const groups = moneyGroups(issues).filter((g) => STOPPING.includes(g.code));
  if (groups.length === 0) return null;
  const first = issues.find((i) => STOPPING.includes(i.code) && i.cell !== undefined);
  const total = groups.reduce((n, g) => n + g.count, 0);
  const others = groups
    .flatMap((g) => g.cells)
    .filter((c) => !first || c !== `${sheetRef(first.sheet ?? "")}!${first.cell}`);
  const more = total - 1;
  const moreText =
    more > 0
      ? ` ${more.toLocaleString("en-US")} more amount cell${more === 1 ? " is" : "s are"} not ${more === 1 ? "an amount" : "amounts"} either (${others.slice(0, 5).join(", ")}${more > Math.min(5, others.length) ? ", …" : ""}).`
      : "";
  const them = total === 1 ? "it" : "them";
  return {
    severity: "error",
    code: "budget.bad-amounts",
    sheet: first?.sheet,
    cell: first?.cell,
    message:
      `${first ? first.message : groups[0].first}${moreText} Correct ${them} so the totals are right, ` +
      `or run again with --skip-bad-amounts to count ${them} as 0.`,
  };
}
