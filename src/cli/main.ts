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
import type { Issue, LineTag } from "../core/types";
import { groupIssues } from "../core/issue-groups";
import { answersText, moneyText, nonProgramText, reviewCountsText } from "../core/reports/figures";
import { analysisFigures } from "../core/workflow";
import {
  COLUMN_ROLE_NAMES,
  parseColumnsOption,
  type ColumnChoice,
} from "../core/budget/columns-option";
import { cellList, isMoneyIssue, moneyGroups } from "../core/budget/money-checks";
import { leftOutText, sheetsLeftOut } from "../core/budget/sheets";
import { sameFileMessage, type NamedPath } from "./paths";
import { sampleAsOf } from "./sample";
import { measuresLine } from "../core/measures/report";
import { reportContext } from "../core/workflow";
import { planJson } from "../core/reports/report-json";
import {
  alignFile,
  defaultOutPath,
  initPlanFile,
  SAMPLE_WORKBOOK,
  todayIso,
  UserError,
  writeStoppedJson,
  type AlignFileResult,
} from "./run";

export const USAGE = `Usage: budget-align [BUDGET.xlsx] [options]

Ties a budget workbook to its strategic plan and writes the Alignment, Review, Timetable and Programs sheets
(Programs: every program scored on each priority, with its quartile and a what-if, for priority-based budgeting).
With no BUDGET.xlsx it runs on the bundled sample workbook, built for the report date (--today or today).
A .csv budget must first be saved as .xlsx.

Options:
  --plan FILE            the strategic plan: a .json file, or an .xlsx with a "Strategic Plan" sheet
                         (default: the "Strategic Plan" sheet of BUDGET.xlsx)
  --out FILE             where to write the result (default: out/<name>.aligned.xlsx); the budget, --plan,
                         --out and --json must be four different files
  --json FILE            also write the machine-readable result as JSON (described by docs/report.schema.json)
  --measures FILE        performance measures to report on the Scorecard sheet: a city's measure export (.xlsx
                         or .csv; wide or long layout, columns detected) or a workbook with a "Measures" sheet
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
  --quiet                shorter summary: warnings as one line per kind, without their messages
  --init-plan            add a ready-to-fill "Strategic Plan" sheet instead (never over an existing one) and
                         write the workbook to --out (default: out/<name>.with-plan.xlsx); the input is not changed
  -h, --help             show this help

Exit codes: 0 done; 1 a problem with the workbook or plan (said in one line); 2 a mistyped command line.`;

function countBy(tags: LineTag[]): Record<string, number> {
  const out: Record<string, number> = { manual: 0, rule: 0, learned: 0, suggested: 0, none: 0 };
  for (const t of tags) out[t.source] = (out[t.source] ?? 0) + 1;
  return out;
}

/** Messages shown per kind of warning (every one is in --json). */
export const MESSAGES_PER_KIND = 5;

/** Every warning, grouped by kind with counts: each kind's first messages, or with --quiet one line per kind. */
export function warningLines(issues: Issue[], quiet = false): string[] {
  const groups = groupIssues(issues.filter((i) => !isMoneyIssue(i)));
  if (groups.length === 0) return [];
  const n = groups.reduce((sum, g) => sum + g.count, 0);
  const out = [
    `${n.toLocaleString("en-US")} warning${n === 1 ? "" : "s"} of ${groups.length} kind${groups.length === 1 ? "" : "s"}:`,
  ];
  for (const g of groups) {
    out.push(`  ${g.count.toLocaleString("en-US")} × ${g.label}${quiet ? "" : ":"}`);
    if (quiet) continue;
    for (const m of g.messages.slice(0, MESSAGES_PER_KIND)) out.push(`    - ${m}`);
    const more = g.count - Math.min(g.count, MESSAGES_PER_KIND);
    if (more > 0)
      out.push(`    … and ${more.toLocaleString("en-US")} more (every one is in --json).`);
  }
  return out;
}

export function summary(result: AlignFileResult, opts: { quiet?: boolean } = {}): string {
  // The plan's counts as the JSON report gives them, without building the report (a record per line).
  const { analysis, outPath, written } = result;
  const planCounts = planJson(analysis.plan);
  const { budget } = analysis;
  // Every count and amount below comes from the run's figures (src/core/reports/figures.ts), as the sheets' do.
  const f = analysisFigures(analysis);
  const pct = f.budgetCents !== 0 ? (f.alignedCents / f.budgetCents) * 100 : 0;
  const by = countBy(analysis.tags);
  const amountHeader =
    budget.amountColumns.find((c) => c.id === budget.primaryAmount)?.header ?? "amount";
  const groups = moneyGroups(analysis.issues);
  // A user's sheet kept under a report's name: each said on a line of its own, before where the report went.
  const kept = analysis.issues.filter(
    (i) => i.code === "sheet.name-taken" && i.severity !== "error"
  );
  const leftOut = sheetsLeftOut(analysis.issues);
  const nonProgram = nonProgramText(f);
  const lines = [
    `Read ${budget.lines.length.toLocaleString("en-US")} budget lines from ${analysis.budgetSheets.map((s) => `"${s}"`).join(", ")} ` +
      `(amount column: "${amountHeader}"; ${budget.skippedSubtotals} subtotal rows skipped).` +
      (leftOut.length ? ` Left out: ${leftOutText(leftOut)}.` : ""),
    ...analysis.issues.filter((i) => i.code === "budget.scale").map((i) => i.message),
    `Plan: ${analysis.plan?.name ?? "?"} (${planCounts.priorities} priorities, ${planCounts.goals} goals).`,
    `Total budget: ${moneyText(f.budgetCents)}. Aligned: ${moneyText(f.alignedCents)} (${pct.toFixed(1)}%). Unaligned: ${moneyText(f.unalignedCents)}.`,
    ...(nonProgram ? [nonProgram] : []),
    reviewCountsText(f),
    answersText(f),
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
  lines.push(
    ...warningLines(
      analysis.issues.filter((i) => !kept.includes(i)),
      opts.quiet
    )
  );
  const measures = measuresSummary(result);
  if (measures) lines.push(measures);
  lines.push(...kept.map((i) => i.message));
  lines.push(`Wrote ${outPath} (sheets ${written.join(", ")}).`);
  return lines.join("\n");
}

/** The measures line (met / near / missed / no data), when the run has measures. */
function measuresSummary(result: AlignFileResult): string | null {
  const { analysis } = result;
  if (!analysis.measures?.length || !analysis.plan) return null;
  const ctx = reportContext(analysis);
  return ctx.measures ? measuresLine(ctx.measures) : null;
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

/** The command line's options, as parseArgs takes them. */
const OPTIONS = {
  plan: { type: "string" },
  out: { type: "string" },
  json: { type: "string" },
  measures: { type: "string" },
  decimal: { type: "string" },
  sheets: { type: "string" },
  sheet: { type: "string", multiple: true },
  "skip-bad-amounts": { type: "boolean" },
  columns: { type: "string" },
  "amount-column": { type: "string" },
  threshold: { type: "string" },
  today: { type: "string" },
  quiet: { type: "boolean" },
  "init-plan": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Edit distance (insertions, deletions, substitutions, and a swap of two neighbours counted as one). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** "--plna" → "--plan": the known option nearest to a mistyped one, when it is near enough to be meant. */
export function didYouMean(typed: string): string | null {
  const name = typed.replace(/^-+/, "").split("=")[0].toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const known of Object.keys(OPTIONS)) {
    const d = known.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, known);
    if (d < bestD) {
      bestD = d;
      best = known;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(name.length / 3)) ? `--${best}` : null;
}

/** parseArgs' message for a command line it cannot read, in plain words, with a suggestion for a mistyped option. */
function usageProblem(e: Error): string {
  const unknown = /Unknown option '([^']+)'/.exec(e.message);
  if (unknown) {
    const hint = didYouMean(unknown[1]);
    return `there is no option ${unknown[1]}.${hint ? ` Did you mean ${hint}?` : ""}`;
  }
  return e.message;
}

/** A mistyped command line (exit code 2), as opposed to a problem with the files (exit code 1). */
class UsageError extends Error {}

export async function main(
  argv: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    err(`budget-align: ${usageProblem(e as Error)}\n\n${USAGE}`);
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
  if (/\.(csv|tsv|txt)$/i.test(input)) {
    err(
      `budget-align: ${path.basename(input)} is a text (CSV) file: open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and run budget-align on that.`
    );
    return 1;
  }
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
  if (values.measures !== undefined && !values["init-plan"])
    named.push({ role: "the measures (--measures)", file: values.measures });
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
        throw new UsageError(
          `--threshold must be a number from 0 to 1, not "${values.threshold}" (for 35% write 0.35).`
        );
      }
    }
    if (values.today !== undefined && !isRealDate(values.today)) {
      throw new UsageError(`--today must be a date written YYYY-MM-DD, not "${values.today}".`);
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
    // No BUDGET: the sample, built for the run's date (the committed copy stays as the tests know it).
    const sample =
      positionals[0] === undefined ? await sampleAsOf(values.today ?? todayIso()) : null;
    const result = await alignFile({
      input: sample?.file ?? input,
      plan: values.plan,
      out: values.out,
      json: values.json,
      sheets: sheetsAsked(values.sheets, values.sheet),
      amountColumn: values["amount-column"],
      threshold,
      today: values.today,
      skipBadAmounts: values["skip-bad-amounts"],
      columns,
      measures: values.measures,
      ...(decimal ? { decimal } : {}),
    }).finally(() => sample?.dispose());
    out(summary(result, { quiet: values.quiet }));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      if (values.json !== undefined && !values["init-plan"])
        await writeStoppedJson(values.json, e.message);
      err(`budget-align: ${e.message}`);
      return 2;
    }
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
