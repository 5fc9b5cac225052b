/**
 * The Programs sheet's weights and what-if tables: by priority (with each priority's weight), by quartile, by goal
 * and by department (current, what-if, difference), and the working table they add up by goal. Every figure is
 * a live formula over the program table; each holds the value the core computed.
 */
import { absoluteCell, absoluteRange, cellAddress } from "../a1";
import type { Inventory } from "./program-inventory";
import { sheetKey } from "./program-inventory";
import {
  NO_GOAL,
  QUARTILE_MEANING,
  sumOf,
  T,
  TOP_COLS,
  type Department,
  type ProgramsWriter,
} from "./programs-layout";
import { rng } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

const TOP_HEADERS = {
  priority: ["Priority", "Title", "Weight", "What-if change", "Current", "What-if", "Difference"],
  quartile: [
    "Quartile",
    "Meaning",
    "Programs",
    "What-if change",
    "Current",
    "What-if",
    "Difference",
  ],
  goal: ["Goal", "Title", "Priority", "Programs", "Current", "What-if", "Difference"],
  department: ["Department", "", "", "Programs", "Current", "What-if", "Difference"],
};

const ALLOCATION_HEADERS = ["Program key", "Goal", "Priority", "Current", "What-if"];

/** One program's money on one goal (or on no goal), current and what-if: a row of the working table. */
export interface Allocation {
  key: string;
  goal: string;
  priority: number;
  cents: number;
  scenario: number;
}

/** A top table's header row, styled. */
function headerRow(w: ProgramsWriter, headers: readonly string[]): void {
  const r = w.b.row([...headers]);
  w.b.style(rng(r, 0, 1, TOP_COLS), "tableHeader");
}

/** Weights and what-if by priority (and the money on no goal), with its total row. */
export function priorityTable(w: ProgramsWriter): void {
  const { b, inv, c, k, n, rows } = w;
  w.sectionRow("Weights and what-if by priority");
  headerRow(w, TOP_HEADERS.priority);
  const sumPlusProduct = (cc: number) =>
    `SUM(${w.col(cc)})+SUMPRODUCT(${w.col(cc)},${w.col(c.change)})`;
  const valuePlusProduct = (cents: (p: Inventory["programs"][number]) => number) => {
    let sum = 0;
    let prod = 0;
    for (const p of inv.programs) {
      sum += fromCents(cents(p));
      prod += fromCents(cents(p)) * p.change;
    }
    return sum + prod;
  };
  const current: number[] = [];
  const scenario: number[] = [];
  inv.priorities.forEach((pr, j) => {
    const r = b.row([pr.id, pr.title, inv.weights[j], inv.priorityChange[j]]);
    const cents = inv.programs.reduce((s, p) => s + p.priorityCents[j], 0);
    current.push(fromCents(cents));
    scenario.push((1 + inv.priorityChange[j]) * valuePlusProduct((p) => p.priorityCents[j]));
    if (n > 0) {
      w.f(r, T.current, `=SUM(${w.col(c.money + j)})`, current[j]);
      w.f(
        r,
        T.scenario,
        `=(1+${w.priorityChangeCell(j)})*(${sumPlusProduct(c.money + j)})`,
        scenario[j]
      );
    } else b.set(r, T.scenario, 0);
    w.difference(r, scenario[j] - current[j]);
  });
  {
    const r = b.row([NO_GOAL, "Money on no goal of the plan", "", ""]);
    const cur = fromCents(inv.programs.reduce((s, p) => s + p.otherCents, 0));
    const scen = valuePlusProduct((p) => p.otherCents);
    if (n > 0) {
      w.f(r, T.current, `=SUM(${w.col(c.other)})`, cur);
      w.f(r, T.scenario, `=${sumPlusProduct(c.other)}`, scen);
    } else b.set(r, T.scenario, 0);
    w.difference(r, scen - cur);
    current.push(cur);
    scenario.push(scen);
  }
  w.totalRow(
    rows.pTotal,
    rows.priority,
    rows.pNoGoal,
    [T.current, T.scenario, T.diff],
    [sumOf(current), sumOf(scenario), sumOf(scenario) - sumOf(current)]
  );
  b.style(rng(rows.priority, T.weight, k, 2), "inputCell");
  b.format(rng(rows.priority, T.weight, k, 1), FORMATS.score);
  b.format(rng(rows.priority, T.change, k, 1), FORMATS.change);
  b.format(rng(rows.priority, T.current, k + 2, 3), FORMATS.currency);
  // A priority's title wraps in its column (narrowed so the program table prints every score) rather than being cut.
  b.style(rng(rows.priority, 1, k, 1), "wrapText");
  b.row();
}

/** What-if by quartile: programs, change, current, what-if and difference per quartile, with its total. */
export function quartileTable(w: ProgramsWriter): void {
  const { b, inv, c, n, rows } = w;
  w.sectionRow("What-if by quartile (1 most aligned … 4 least)");
  headerRow(w, TOP_HEADERS.quartile);
  const qCount = [0, 0, 0, 0];
  const qCur = [0, 0, 0, 0];
  const qScen = [0, 0, 0, 0];
  inv.programs.forEach((p, i) => {
    qCount[p.quartile - 1]++;
    qCur[p.quartile - 1] += p.cents;
    qScen[p.quartile - 1] += w.scenarios[i];
  });
  for (let q = 0; q < 4; q++) {
    const r = b.row([q + 1, QUARTILE_MEANING[q], "", inv.quartileChange[q]]);
    const qa = absoluteCell(r, 0);
    if (n > 0) {
      w.f(r, T.weight, `=COUNTIF(${w.col(c.quartile)},${qa})`, qCount[q]);
      w.f(r, T.current, `=SUMIF(${w.col(c.quartile)},${qa},${w.col(c.cost)})`, fromCents(qCur[q]));
      w.f(r, T.scenario, `=SUMIF(${w.col(c.quartile)},${qa},${w.col(c.scenario)})`, qScen[q]);
    } else b.set(r, T.scenario, 0);
    w.difference(r, qScen[q] - fromCents(qCur[q]));
  }
  w.totalRow(
    rows.qTotal,
    rows.quartile,
    rows.qTotal - 1,
    [T.weight, T.current, T.scenario, T.diff],
    [n, fromCents(sumOf(qCur)), sumOf(qScen), sumOf(qScen) - fromCents(sumOf(qCur))]
  );
  b.style(rng(rows.quartile, T.change, 4, 1), "inputCell");
  b.format(rng(rows.quartile, T.weight, 5, 1), FORMATS.integer);
  b.format(rng(rows.quartile, T.change, 4, 1), FORMATS.change);
  b.format(rng(rows.quartile, T.current, 5, 3), FORMATS.currency);
  for (const line of tiesNote(inv)) {
    const note = b.row(line ? [line] : []);
    b.freeRows.add(note);
    b.style(rng(note, 0), "note");
  }
  b.row();
}

/** The largest group of programs with one total score: its size and that score (none: size 0). */
export function largestTie(inv: Inventory): { programs: number; total: number } {
  const count = new Map<number, number>();
  for (const p of inv.programs) count.set(p.total, (count.get(p.total) ?? 0) + 1);
  let best = { programs: 0, total: 0 };
  for (const [total, programs] of count)
    if (programs > best.programs || (programs === best.programs && total > best.total))
      best = { programs, total };
  return best;
}

/**
 * What the quartiles are worth as of this run, in two lines that fit the printed width: when more than a quarter
 * of the programs share one total score, the quartiles separate them little, and the sheet says so (and how to
 * separate them: scores and attributes).
 */
export function tiesNote(inv: Inventory): [string, string] {
  const n = inv.programs.length;
  const tie = largestTie(inv);
  const score = tie.total.toFixed(1);
  if (tie.programs * 4 > n)
    return [
      `As of this run, ${tie.programs} of ${n} programs share the total score ${score}, so the quartiles separate them little:`,
      "the suggested scores cannot tell them apart. Type your own scores or choose their attributes to rank them.",
    ];
  if (tie.programs > 1)
    return [
      `As of this run, no total score is shared by more than a quarter of the programs (the most: ${tie.programs} of ${n} at ${score}).`,
      "",
    ];
  return ["As of this run, no two programs share a total score.", ""];
}

/** Each program's money per goal (and on no goal), current and what-if: the rows of the working table. */
export function allocationsOf(inv: Inventory): Allocation[] {
  const alloc: Allocation[] = [];
  inv.programs.forEach((p) => {
    for (const [goal, cents] of p.goalCents) {
      const g = inv.goals.find((x) => x.key === goal);
      const priority = g ? g.priority : -1;
      const factor = priority >= 0 ? 1 + inv.priorityChange[priority] : 1;
      alloc.push({
        key: sheetKey(p.key),
        goal,
        priority,
        cents,
        scenario: fromCents(cents) * (1 + p.change) * factor,
      });
    }
    if (p.otherCents !== 0 || p.goalCents.size === 0)
      alloc.push({
        key: sheetKey(p.key),
        goal: NO_GOAL,
        priority: -1,
        cents: p.otherCents,
        scenario: fromCents(p.otherCents) * (1 + p.change),
      });
  });
  return alloc;
}

/** The goals some program's money is on, in the plan's order. */
export function fundedGoals(inv: Inventory): Inventory["goals"] {
  return inv.goals.filter((g) => inv.programs.some((p) => p.goalCents.has(g.key)));
}

/** What-if by goal: sums of the working table (program × goal) at the bottom of the sheet. */
export function goalTable(w: ProgramsWriter, alloc: readonly Allocation[]): void {
  const { b, inv, rows } = w;
  const goalRows = fundedGoals(inv);
  const m = alloc.length;
  const allocCol = (cc: number) => absoluteRange(rng(rows.allocFirst, cc, Math.max(1, m), 1));
  w.sectionRow("What-if by goal");
  headerRow(w, TOP_HEADERS.goal);
  const byGoal = (goal: string) => {
    let cents = 0;
    let scen = 0;
    const programs = new Set<string>();
    for (const a of alloc)
      if (a.goal === goal) {
        cents += a.cents;
        scen += a.scenario;
        programs.add(a.key);
      }
    return { cents, scen, programs: programs.size };
  };
  const gCur: number[] = [];
  const gScen: number[] = [];
  for (const g of [
    ...goalRows,
    { key: NO_GOAL, title: "Money on no goal of the plan", priority: -1 },
  ]) {
    const s = byGoal(g.key);
    const r = b.row([
      g.key,
      g.title,
      g.priority >= 0 ? inv.priorities[g.priority].id : "",
      s.programs,
    ]);
    const ga = absoluteCell(r, 0);
    if (m > 0) {
      w.f(r, T.current, `=SUMPRODUCT((${allocCol(1)}=${ga})*${allocCol(3)})`, fromCents(s.cents));
      w.f(r, T.scenario, `=SUMPRODUCT((${allocCol(1)}=${ga})*${allocCol(4)})`, s.scen);
    } else b.set(r, T.scenario, 0);
    w.difference(r, s.scen - fromCents(s.cents));
    gCur.push(fromCents(s.cents));
    gScen.push(s.scen);
  }
  w.totalRow(
    rows.gTotal,
    rows.goal,
    rows.gNoGoal,
    [T.current, T.scenario, T.diff],
    [sumOf(gCur), sumOf(gScen), sumOf(gScen) - sumOf(gCur)]
  );
  b.format(rng(rows.goal, T.weight + 1, goalRows.length + 1, 1), FORMATS.integer);
  b.format(rng(rows.goal, T.current, goalRows.length + 2, 3), FORMATS.currency);
  b.style(rng(rows.goal, 0, goalRows.length + 1, 2), "wrapText");
  b.row();
}

/** What-if by department, in the program table's order. */
export function departmentTable(w: ProgramsWriter, depts: readonly Department[]): void {
  const { b, c, rows } = w;
  w.sectionRow("What-if by department");
  headerRow(w, TOP_HEADERS.department);
  for (const d of depts) {
    const r = b.row([d.name, "", "", d.programs]);
    const da = absoluteCell(r, 0);
    w.f(
      r,
      T.current,
      `=SUMPRODUCT((${w.col(c.department)}=${da})*${w.col(c.cost)})`,
      fromCents(d.cents)
    );
    w.f(
      r,
      T.scenario,
      `=SUMPRODUCT((${w.col(c.department)}=${da})*${w.col(c.scenario)})`,
      d.scenario
    );
    w.difference(r, d.scenario - fromCents(d.cents));
  }
  const dCur = fromCents(depts.reduce((s, d) => s + d.cents, 0));
  const dScen = sumOf(depts.map((d) => d.scenario));
  w.totalRow(
    rows.dTotal,
    rows.department,
    rows.dTotal - 1,
    [T.current, T.scenario, T.diff],
    [dCur, dScen, dScen - dCur]
  );
  b.format(rng(rows.department, T.change, depts.length, 1), FORMATS.integer);
  b.format(rng(rows.department, T.current, depts.length + 1, 3), FORMATS.currency);
  b.style(rng(rows.department, 0, depts.length, 1), "wrapText");
  b.row();
}

/** The working table below the program table: each program's money by goal, which the what-if by goal adds up. */
export function allocationTable(w: ProgramsWriter, alloc: readonly Allocation[]): void {
  const { b, c, inv, rows } = w;
  b.row();
  w.sectionRow(
    "Working table: each program's money by goal (the what-if by goal adds these up; not printed)"
  );
  b.row([...ALLOCATION_HEADERS]);
  b.style(rng(rows.allocHeader, 0, 1, ALLOCATION_HEADERS.length), "tableHeader");
  alloc.forEach((a, i) => {
    const r = rows.allocFirst + i;
    b.row([
      a.key,
      a.goal,
      a.priority >= 0 ? inv.priorities[a.priority].id : "",
      fromCents(a.cents),
    ]);
    const lookup = `SUMPRODUCT((${w.col(c.key)}=${cellAddress(r, 0)})*${w.col(c.change)})`;
    const factor = a.priority >= 0 ? `*(1+${w.priorityChangeCell(a.priority)})` : "";
    w.f(r, 4, `=${cellAddress(r, 3)}*(1+${lookup})${factor}`, a.scenario);
  });
  const m = alloc.length;
  if (m > 0) {
    b.format(rng(rows.allocFirst, 3, m, 2), FORMATS.currency);
    b.style(rng(rows.allocFirst, 0, m, 1), "muted");
  }
}
