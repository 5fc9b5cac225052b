/**
 * Throughput of the tagging engine: 100,000 budget lines from the bench generator tagged against its plan, timed
 * cold (first run in the process) and warm, wall clock and CPU. `node lib/eval/throughput.js [lines] [--confirm 0.125]
 * [--runs 3]` after `npm run build:cli` (1,000,000 lines: `node --max-old-space-size=4096 …`).
 */
import { BUDGET_HEADERS, generateBudget, generatePlan } from "../bench/generate";
import { tagLines } from "../src/core/tagging/engine";
import type { BudgetLine, ManualTag, Plan, TagOptions } from "../src/core/types";

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

/**
 * Staff's confirmations for a share of the programs (every line of each chosen program, as when staff confirm a
 * program): the learned path, where each line is compared with its department's confirmed lines.
 */
export function confirmPrograms(
  lines: BudgetLine[],
  plan: Plan,
  share: number
): Record<string, ManualTag> {
  const goals = plan.priorities.flatMap((p) => (p.goals ?? []).map((g) => g.id));
  const programs = [...new Set(lines.map((l) => `${l.department}|${l.program}`))];
  const every = share > 0 ? Math.max(1, Math.round(1 / share)) : 0;
  const chosen = new Set(programs.filter((_, i) => every > 0 && i % every === 0));
  const manual: Record<string, ManualTag> = {};
  lines.forEach((l, i) => {
    if (chosen.has(`${l.department}|${l.program}`))
      manual[l.key] = {
        goals: [{ id: goals[(i * 7) % goals.length], share: 1 }],
        via: "confirmed",
      };
  });
  return manual;
}

interface Timing {
  /** Wall-clock and CPU (all threads of the process, garbage collection included) milliseconds. */
  wall: number;
  cpu: number;
  tagged: number;
}

function timeRun(lines: BudgetLine[], plan: Plan, options: TagOptions): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const tags = tagLines(lines, plan, options);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return {
    wall,
    cpu: (c.user + c.system) / 1000,
    tagged: tags.filter((t) => t.goals.length > 0).length,
  };
}

if (require.main === module) {
  // node lib/eval/throughput.js [lines] [--confirm <share of programs, e.g. 0.125>] [--runs <warm runs>]
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const n = Number(
    args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? 100_000
  );
  const share = flag("--confirm") ?? 0;
  const runs = Math.max(1, flag("--runs") ?? 1);
  const lines = budgetLines(n);
  const plan = generatePlan();
  const manual = confirmPrograms(lines, plan, share);
  const options: TagOptions = { manual };
  const cold = timeRun(lines, plan, options);
  const warm: Timing[] = [];
  for (let i = 0; i < runs; i++) warm.push(timeRun(lines, plan, options));
  const best = warm.reduce((a, b) => (b.wall < a.wall ? b : a));
  const ms = (t: Timing) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;
  console.log(
    `${lines.length.toLocaleString("en-US")} lines` +
      (share > 0 ? `, ${Object.keys(manual).length.toLocaleString("en-US")} confirmed` : "") +
      `: cold ${ms(cold)}, warm ${ms(best)}${runs > 1 ? ` (best of ${runs})` : ""}; ` +
      `${cold.tagged.toLocaleString("en-US")} tagged; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`
  );
}
