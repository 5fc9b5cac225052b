/**
 * budget-align — the command-line entry.
 *
 *   budget-align [BUDGET.xlsx] [--plan PLAN.json|PLAN.xlsx] [--out OUT.xlsx] [--json REPORT.json]
 *                [--sheets NAME,…] [--sheet NAME]… [--columns ROLE="Header",…] [--amount-column HEADER]
 *                [--skip-bad-amounts] [--decimal , | .]
 *                [--threshold 0.35] [--today YYYY-MM-DD]
 *   budget-align [BUDGET.xlsx] --init-plan [--out OUT.xlsx]
 */
import { parseArgs } from "util";
import * as path from "path";
import type { LineTag } from "../core/types";
import {
  COLUMN_ROLE_NAMES,
  parseColumnsOption,
  type ColumnChoice,
} from "../core/budget/columns-option";
import { cellList, isMoneyIssue, moneyGroups } from "../core/budget/money-checks";
import { leftOutText, sheetsLeftOut } from "../core/budget/sheets";
import { sameFileMessage, type NamedPath } from "./paths";
import {
  alignFile,
  defaultOutPath,
  initPlanFile,
  SAMPLE_WORKBOOK,
  UserError,
  writeStoppedJson,
  type AlignFileResult,
} from "./run";

export const USAGE = `Usage: budget-align [BUDGET.xlsx] [options]

Ties a budget workbook to its strategic plan and writes the Alignment, Review and Timetable sheets.
With no BUDGET.xlsx it runs on the bundled sample workbook.

Options:
  --plan FILE            the strategic plan: a .json file, or an .xlsx with a "Strategic Plan" sheet
                         (default: the "Strategic Plan" sheet of BUDGET.xlsx)
  --out FILE             where to write the result (default: out/<name>.aligned.xlsx); the budget, --plan,
                         --out and --json must be four different files
  --json FILE            also write the machine-readable result as JSON
  --sheets A,B           the budget sheets to read (default: every spending sheet that looks like a budget;
                         revenue sheets and summaries of other sheets are left out, and the summary says so)
  --sheet NAME           one budget sheet to read; repeat it for more (for names with commas)
  --columns ROLE="Header",…
                         say which column holds what, by its header, as the pane's Budget step does; kept with
                         the workbook for the next run and the pane. Roles: ${COLUMN_ROLE_NAMES.replace("account, ", "account,\n                         ")}
  --amount-column TEXT   the header of the amount column to report (default: latest proposed or adopted)
  --skip-bad-amounts     count amount cells that are not amounts as 0 (listed) instead of stopping
  --decimal , | .        the decimal mark of amounts typed as text: "," when dots separate thousands
                         (1.234.567,50), "." for a decimal point (default: read from each column's own cells)
  --threshold N          minimum confidence, 0 to 1, for a suggested goal to count (default 0.35)
  --today YYYY-MM-DD     the report date (default: today)
  --init-plan            add a ready-to-fill "Strategic Plan" sheet instead (never over an existing one) and
                         write the workbook to --out (default: out/<name>.with-plan.xlsx); the input is not changed
  -h, --help             show this help`;

const money = (n: number) =>
  (n < 0 ? "-$" : "$") +
  Math.abs(Math.round(n)).toLocaleString("en-US", { maximumFractionDigits: 0 });

function countBy(tags: LineTag[]): Record<string, number> {
  const out: Record<string, number> = { manual: 0, rule: 0, learned: 0, suggested: 0, none: 0 };
  for (const t of tags) out[t.source] = (out[t.source] ?? 0) + 1;
  return out;
}

export function summary(result: AlignFileResult): string {
  const { analysis, report, outPath, written } = result;
  const { budget } = analysis;
  const flaggedPrograms = new Set(
    report.lines.filter((l) => l.flagged).map((l) => `${l.department}|${l.program}`)
  ).size;
  const pct = report.totals.budget !== 0 ? (report.totals.aligned / report.totals.budget) * 100 : 0;
  const by = countBy(analysis.tags);
  const amountHeader =
    budget.amountColumns.find((c) => c.id === budget.primaryAmount)?.header ?? "amount";
  const groups = moneyGroups(analysis.issues);
  // A user's sheet kept under a report's name: each said on a line of its own, before where the report went.
  const kept = analysis.issues.filter(
    (i) => i.code === "sheet.name-taken" && i.severity !== "error"
  );
  const warnings = analysis.issues.filter(
    (i) => i.severity === "warning" && !isMoneyIssue(i) && !kept.includes(i)
  );
  const leftOut = sheetsLeftOut(analysis.issues);
  const lines = [
    `Read ${budget.lines.length.toLocaleString("en-US")} budget lines from ${analysis.budgetSheets.map((s) => `"${s}"`).join(", ")} ` +
      `(amount column: "${amountHeader}"; ${budget.skippedSubtotals} subtotal rows skipped).` +
      (leftOut.length ? ` Left out: ${leftOutText(leftOut)}.` : ""),
    ...analysis.issues.filter((i) => i.code === "budget.scale").map((i) => i.message),
    `Plan: ${analysis.plan?.name ?? "?"} (${report.plan.priorities} priorities, ${report.plan.goals} goals).`,
    `Total budget: ${money(report.totals.budget)}. Aligned: ${money(report.totals.aligned)} (${pct.toFixed(1)}%). Unaligned: ${money(report.totals.unaligned)}.`,
    `Programs flagged for review: ${flaggedPrograms}.`,
    `Lines tagged: ${by.manual} manual, ${by.rule} by rule, ${by.learned} learned, ${by.suggested} suggested, ${by.none} untagged.`,
  ];
  if (groups.length) {
    // Anything that changes a total comes first, grouped and counted, each with its cells.
    const n = groups.reduce((sum, g) => sum + g.count, 0);
    lines.push(
      `Check the money: ${n.toLocaleString("en-US")} problem${n === 1 ? "" : "s"} change${n === 1 ? "s" : ""} the totals above.`
    );
    for (const g of groups) {
      const cells = cellList(g);
      lines.push(`  ${g.label}${cells ? `: ${cells}` : ""}. First: ${g.first}`);
    }
  }
  if (warnings.length) {
    const other = groups.length ? " other" : "";
    lines.push(
      `${warnings.length}${other} warning${warnings.length === 1 ? "" : "s"}; the first: ${warnings[0].message}`
    );
  }
  lines.push(...kept.map((i) => i.message));
  lines.push(`Wrote ${outPath} (sheets ${written.join(", ")}).`);
  return lines.join("\n");
}

/** "2026-02-30" and "2026-13-01" have the right shape but are not dates. */
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** A path as it can be typed at a prompt: quoted when it holds anything but plain characters. */
function shellQuote(p: string): string {
  return /^[\w./\\:-]+$/.test(p) ? p : `"${p.replace(/(["\\$`])/g, "\\$1")}"`;
}

/** `--sheets A,B` (names without commas) and `--sheet NAME`, repeated (any name). */
function sheetsAsked(list: string | undefined, one: string[] | undefined): string[] | undefined {
  const names = [
    ...(list ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    ...(one ?? []).map((s) => s.trim()).filter(Boolean),
  ];
  return names.length ? names : undefined;
}

export async function main(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        plan: { type: "string" },
        out: { type: "string" },
        json: { type: "string" },
        sheets: { type: "string" },
        sheet: { type: "string", multiple: true },
        "skip-bad-amounts": { type: "boolean" },
        decimal: { type: "string" },
        columns: { type: "string" },
        "amount-column": { type: "string" },
        threshold: { type: "string" },
        today: { type: "string" },
        "init-plan": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    err(`budget-align: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    err(`budget-align: give one budget workbook, not ${positionals.length}.\n\n${USAGE}`);
    return 2;
  }
  const input = positionals[0] ?? SAMPLE_WORKBOOK;
  // Four different files, checked before anything is read, so no name given can be written over.
  const named: NamedPath[] = [{ role: "the budget workbook", file: input }];
  if (values.plan !== undefined && !values["init-plan"])
    named.push({ role: "the plan (--plan)", file: values.plan });
  named.push({
    role: "the result (--out)",
    file: values.out ?? defaultOutPath(input, values["init-plan"] ? ".with-plan.xlsx" : undefined),
  });
  if (values.json !== undefined && !values["init-plan"])
    named.push({ role: "the JSON report (--json)", file: values.json });
  const clash = await sameFileMessage(named);
  if (clash) {
    err(`budget-align: ${clash}`);
    return 2;
  }
  try {
    if (values["init-plan"]) {
      const written = await initPlanFile(input, values.out);
      out(
        `Added a ready-to-fill "Strategic Plan" sheet. Wrote ${written}; ${path.basename(input)} was not changed.\n` +
          `Next: open ${written} in Excel, fill in the plan (the sheet says how), save it, and run:\n` +
          `  budget-align ${shellQuote(written)}`
      );
      return 0;
    }
    let threshold: number | undefined;
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
        throw new UserError(`--threshold must be a number from 0 to 1, not "${values.threshold}".`);
      }
    }
    if (values.today !== undefined && !isRealDate(values.today)) {
      throw new UserError(`--today must be a date written YYYY-MM-DD, not "${values.today}".`);
    }
    const decimal = values.decimal;
    if (decimal !== undefined && decimal !== "," && decimal !== ".") {
      err(
        `budget-align: --decimal must be "," (dots between thousands, 1.234.567,50) or "." (a decimal point), not "${decimal}".`
      );
      return 2;
    }
    let columns: ColumnChoice[] | undefined;
    if (values.columns !== undefined) {
      const parsed = parseColumnsOption(values.columns);
      if ("error" in parsed) {
        err(`budget-align: ${parsed.error}`);
        return 2;
      }
      columns = parsed;
    }
    const result = await alignFile({
      input,
      plan: values.plan,
      out: values.out,
      json: values.json,
      sheets: sheetsAsked(values.sheets, values.sheet),
      amountColumn: values["amount-column"],
      threshold,
      today: values.today,
      skipBadAmounts: values["skip-bad-amounts"],
      columns,
      ...(decimal ? { decimal } : {}),
    });
    out(summary(result));
    return 0;
  } catch (e) {
    if (e instanceof UserError) {
      // The JSON report says why the run stopped, whatever stopped it (never for --init-plan, which has none).
      if (values.json !== undefined && !values["init-plan"] && !e.jsonDone)
        await writeStoppedJson(values.json, e.message);
      err(`budget-align: ${path.basename(input)}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(
        `budget-align: something went wrong that should not have: ${(e as Error).stack ?? e}`
      );
      process.exit(3);
    }
  );
}
