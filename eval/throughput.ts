/**
 * Throughput of the tagging engine: 100,000 budget lines from the bench generator tagged against its plan, timed
 * cold (first run in the process) and warm. `node lib/eval/throughput.js [lines]` after `npm run build:cli`.
 */
import { BUDGET_HEADERS, generateBudget, generatePlan } from "../bench/generate";
import { tagLines } from "../src/core/tagging/engine";
import type { BudgetLine } from "../src/core/types";

export function budgetLines(count: number): BudgetLine[] {
  const g = generateBudget(count);
  const col = (name: string) => BUDGET_HEADERS.indexOf(name);
  const out: BudgetLine[] = [];
  g.sheet.values.slice(g.headerRow).forEach((r, i) => {
    const amount = r[col("FY 2026-27 Proposed")];
    const account = r[col("Account")];
    // Lines have an account; headings, subtotals and totals do not.
    if (typeof amount !== "number" || account === "" || account === null || account === undefined)
      return;
    const s = (name: string) => String(r[col(name)] ?? "");
    out.push({
      key: `L${i}`,
      sheet: g.sheet.name,
      row: g.headerRow + i + 1,
      department: s("Department"),
      division: s("Division"),
      program: s("Program"),
      fund: s("Fund"),
      account: s("Account"),
      accountName: s("Account Name"),
      description: s("Description"),
      amounts: { proposed: amount },
      amount,
    });
  });
  return out;
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 100_000);
  const lines = budgetLines(n);
  const plan = generatePlan();
  const time = () => {
    const t0 = process.hrtime.bigint();
    const tags = tagLines(lines, plan);
    return {
      ms: Number(process.hrtime.bigint() - t0) / 1e6,
      tagged: tags.filter((t) => t.goals.length > 0).length,
    };
  };
  const cold = time();
  const warm = time();
  console.log(
    `${lines.length.toLocaleString("en-US")} lines: cold ${cold.ms.toFixed(0)} ms, warm ${warm.ms.toFixed(0)} ms; ` +
      `${cold.tagged.toLocaleString("en-US")} tagged`
  );
}
