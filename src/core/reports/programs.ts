/**
 * The Programs sheet: priority-based budgeting in the city's own workbook. One row per program (the Review
 * sheet's program key) with its cost, money per priority, goals, a 0–4 score per priority (computed, or typed by
 * an analyst), a weighted total score and a quartile, the basic program attributes (dropdowns), and a what-if
 * block (a % change per priority and per quartile → totals by priority, quartile, goal and department, current
 * vs scenario) with a chart. Totals, the quartile and the what-if figures are live formulas built only from our
 * own A1 references; each formula cell's value in the model is what the core computed, so a reader that does not
 * recalculate sees the same numbers. What analysts type (scores, attributes, weights, changes) is read back by
 * readProgramsSheet and kept in the state by program key.
 */
import { absoluteCell, absoluteRange, cellAddress } from "../a1";
import { normName } from "../keys";
import { columnLetter, sheetRef } from "../plan/layout";
import { getOwn, setOwn } from "../state";
import type {
  CellValue,
  Issue,
  PbbSettings,
  Plan,
  ProgramAttribute,
  ProgramInputs,
  SheetCells,
  SheetModel,
  WorkbookState,
} from "../types";
import { ATTRIBUTES, DEFAULT_ATTRIBUTE_WEIGHT } from "./attributes";
import type { ReportContext } from "./context";
import { diagnostic, type Diagnostic, type DiagnosticProgram } from "./diagnostic";
import {
  ATTRIBUTE_SEEN,
  DEFAULT_WEIGHT,
  programInventory,
  QUARTILE_RULE,
  scenarioOf,
  SCORE_MAX,
  sheetKey,
  type Inventory,
} from "./program-inventory";
import {
  fitWidths,
  formulaBlocks,
  pageGroups,
  reportPrint,
  reportTitle,
  rng,
  sectionBreaks,
  SheetBuilder,
  shrinkToPage,
} from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

export const PROGRAMS_SHEET = "Programs";

export { ATTRIBUTES };

export const QUARTILE_MEANING = [
  "Most aligned",
  "More aligned",
  "Less aligned",
  "Least aligned",
] as const;

/** Label of the money on no goal of the plan (in the allocation table's Goal column and the what-if tables). */
export const NO_GOAL = "(no goal)";

const scoreHeader = (id: string) => `${id} score`;
const moneyHeader = (id: string) => `${id} $`;

/**
 * The program table's columns for a plan with `k` priorities and `nx` other amount columns. What PBB ranks comes
 * first (department, program, cost, total score, quartile, the scores, the attributes), so the printed table is
 * one page wide from the left; the money columns, goals, what-if and evidence follow for the screen.
 */
export function programColumns(k: number, nx: number) {
  const total = 3;
  const score = 5;
  const attr = score + k;
  const source = attr + ATTRIBUTES.length;
  const lines = source + 1;
  const extra = lines + 1;
  const money = extra + nx;
  const other = money + k;
  const goals = other + 1;
  return {
    department: 0,
    program: 1,
    cost: 2,
    score,
    total,
    quartile: 4,
    attr,
    source,
    lines,
    extra,
    money,
    other,
    goals,
    change: goals + 1,
    scenario: goals + 2,
    evidence: goals + 3,
    key: goals + 4,
    count: goals + 5,
  };
}

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
const ATTRIBUTE_HEADERS = ["Attribute", "Choice", "Points", "Weight"];
/** Columns of the attribute table. */
const AT = { choice: 1, points: 2, weight: 3 } as const;
/** The rows of the attribute table: every attribute's choices, one per row (offset of each attribute's first). */
const ATTRIBUTE_ROWS = ATTRIBUTES.reduce((n, a) => n + a.list.length, 0);
const attributeOffset = (a: number) =>
  ATTRIBUTES.slice(0, a).reduce((n, x) => n + x.list.length, 0);

const ALLOCATION_HEADERS = ["Program key", "Goal", "Priority", "Current", "What-if"];
const TOP_COLS = 7;
/** Columns of the top tables: the weight (or program count), the change, current, what-if, difference. */
const T = { weight: 2, change: 3, current: 4, scenario: 5, diff: 6 } as const;

type Formula = { row: number; col: number; formula: string };

/** Goals named one by one in the Goals column; the rest are summed as "+N more". */
const GOALS_SHOWN = 4;

/** The shares of a program's money per goal, largest first: "G1.2 60%; G3.1 40%" (at most GOALS_SHOWN named). */
export function goalsText(goalCents: Map<string, number>, cents: number): string {
  if (cents === 0) return "";
  const list = [...goalCents]
    .filter(([, c]) => c !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const pct = (c: number) => `${Math.round((c / cents) * 100)}%`;
  const shown = list.slice(0, GOALS_SHOWN).map(([id, c]) => `${id} ${pct(c)}`);
  const rest = list.slice(GOALS_SHOWN);
  if (rest.length) shown.push(`+${rest.length} more ${pct(rest.reduce((s, [, c]) => s + c, 0))}`);
  return shown.join("; ");
}

/** The Scores column: whose scores the row holds ("suggested", or "yours: P1, P3" where an analyst typed). */
function scoreSource(inv: Inventory, p: Inventory["programs"][number]): string {
  const typed = inv.priorities.filter((_, j) => p.typed[j]).map((pr) => pr.id);
  if (typed.length === 0) return "suggested";
  return typed.length === inv.priorities.length ? "yours" : `yours: ${typed.join(", ")}`;
}

/** The Programs sheet model (the inventory may be given when the caller computed it already). */
export function buildProgramsSheet(ctx: ReportContext, given?: Inventory): SheetModel {
  const inv = given ?? programInventory(ctx);
  const k = inv.priorities.length;
  // The FTE column, when the budget has one, stands after the other amount columns (counted among them for places).
  const nx = inv.extra.length + (inv.hasFte ? 1 : 0);
  const n = inv.programs.length;
  const c = programColumns(k, nx);
  const b = new SheetBuilder();
  const formulas: Formula[] = [];
  const f = (row: number, col: number, formula: string, value: CellValue) => {
    b.set(row, col, value);
    formulas.push({ row, col, formula });
  };

  b.textRow(reportTitle("Programs (priority-based budgeting)"), "title");
  b.textRows(
    "One row per program: its cost, its money on each priority, a score per priority, a total score and a quartile, and basic attributes. Yellow cells are yours to change; everything else is recomputed from them in Excel.",
    "subtitle"
  );
  b.textRows(
    `Scores use priority-based budgeting's 0–4 scale of a program's influence on each priority (4 essential, 3 strong influence, 2 some, 1 minimal, 0 none). The add-in suggests each score from the plan's own words (grey italic, "suggested" in the Scores column, the reason in Score evidence): 4 where a goal, subgoal or action of the priority names the program's work; 3 where the priority covers the program's main function and money of it is tagged there; 2 a secondary function; 1 a topical match only; 0 otherwise. A program can score on several priorities. Type over a score to set your own (kept when the report is run again; clear it to get the suggestion back).`,
    "note"
  );
  b.textRows(
    `Total score = each priority's score × its weight, plus each attribute's points on its 0–4 scale × the attribute's weight (the yellow weights at the top: ${DEFAULT_WEIGHT} per priority, ${DEFAULT_ATTRIBUTE_WEIGHT} per attribute to start). Attributes (mandated, reliance on the city, cost recovery, change in demand, portion served) are suggested where the budget tells (cost recovery from a fee or revenue column; sole provider where no other department provides the program's main function) and otherwise blank until someone chooses: a blank attribute is left out of the score, never counted as 0. Choices are kept on every run. ${QUARTILE_RULE}`,
    "note"
  );
  b.textRows(
    "Diagnostic (below the what-if tables, as of this run): the budget by quartile crossed with mandate, reliance on the city and cost recovery; the candidates for review are the programs in quartile 4 or fitting no goal that are not mandated, have low reliance on the city and low cost recovery (an attribute not yet chosen does not keep a program off the list); then the quartile 1 programs whose demand is rising. It names programs for a closer look; it recommends no cut.",
    "note"
  );
  b.textRows(
    "What-if: type a % change per priority and per quartile (e.g. -10% for quartile 4); a program's what-if amount is its money on each priority × (1 + that priority's change), plus its money on no goal, all × (1 + its quartile's change). A program on several priorities moves each part of its money with its own priority's change (never the whole program with one), so the totals by priority, by quartile, by goal and by department are the same money and add up to the same what-if total.",
    "note"
  );
  b.row();

  // Program table rows (needed by the formulas above it): laid out after the top tables, so their rows are
  // known once those are placed. Sizes first.
  const goalRows = inv.goals.filter((g) => inv.programs.some((p) => p.goalCents.has(g.key)));
  const depts: { name: string; programs: number; cents: number; scenario: number }[] = [];
  const deptIndex = new Map<string, number>();
  const scenarios = inv.programs.map((p) => scenarioOf(p, inv.priorityChange));
  inv.programs.forEach((p, i) => {
    const key = p.department.toLowerCase();
    let d = deptIndex.get(key);
    if (d === undefined) {
      deptIndex.set(key, (d = depts.length));
      depts.push({ name: p.department, programs: 0, cents: 0, scenario: 0 });
    }
    depts[d].programs++;
    depts[d].cents += p.cents;
    depts[d].scenario += scenarios[i];
  });

  // Where everything goes.
  const sectionRow = (text: string) => {
    b.section();
    const r = b.row([text]);
    b.freeRows.add(r);
    b.style(rng(r, 0, 1, TOP_COLS), "sectionHeader");
    return r;
  };
  const top = { priority: 0, attribute: 0, quartile: 0, goal: 0, department: 0 };
  const at = b.next;
  // Rows: section, header, k priorities, no goal, total, blank | section, header, 4 quartiles, total, blank |
  // section, header, goals, no goal, total, blank | section, header, departments, total, blank.
  top.priority = at + 2;
  const pNoGoal = top.priority + k;
  const pTotal = pNoGoal + 1;
  top.attribute = pTotal + 4;
  top.quartile = top.attribute + ATTRIBUTE_ROWS + 3;
  const qTotal = top.quartile + 4;
  top.goal = qTotal + 4;
  const gNoGoal = top.goal + goalRows.length;
  const gTotal = gNoGoal + 1;
  top.department = gTotal + 4;
  const dTotal = top.department + depts.length;
  const diag = diagnostic(inv);
  const listed = (n: number) => Math.max(1, Math.min(n, LISTED_MAX) + (n > LISTED_MAX ? 1 : 0));
  const crossFirst = dTotal + 4;
  const candFirst = crossFirst + diag.cross.length + 3;
  const risingFirst = candFirst + listed(diag.candidates.length) + 3;
  const topEnd = risingFirst + listed(diag.rising.length) - 1;
  const chartTop = topEnd + 2;
  const chartRows = Math.max(16, Math.min(30, k * 3 + 6));
  const tableSection = chartTop + chartRows + 1;
  const header = tableSection + 1;
  const first = header + 1;
  const last = first + n - 1;
  const allocSection = last + 2;
  const allocHeader = allocSection + 1;
  const allocFirst = allocHeader + 1;

  const col = (cc: number) => absoluteRange(rng(first, cc, Math.max(1, n), 1));
  const weightCell = (j: number) => absoluteCell(top.priority + j, T.weight);
  const pChangeCell = (j: number) => absoluteCell(top.priority + j, T.change);
  const qChangeCell = (q: number) => absoluteCell(top.quartile + q, T.change);
  const attributeWeightCell = (a: number) =>
    absoluteCell(top.attribute + attributeOffset(a), AT.weight);
  const attributeRange = (a: number, cc: number) =>
    absoluteRange(rng(top.attribute + attributeOffset(a), cc, ATTRIBUTES[a].list.length, 1));

  // --- Weights and what-if by priority.
  sectionRow("Weights and what-if by priority");
  const ph = b.row([...TOP_HEADERS.priority]);
  b.style(rng(ph, 0, 1, TOP_COLS), "tableHeader");
  const sumPlusProduct = (cc: number) => `SUM(${col(cc)})+SUMPRODUCT(${col(cc)},${col(c.change)})`;
  const valuePlusProduct = (cents: (p: (typeof inv.programs)[number]) => number) => {
    let sum = 0;
    let prod = 0;
    for (const p of inv.programs) {
      sum += fromCents(cents(p));
      prod += fromCents(cents(p)) * p.change;
    }
    return sum + prod;
  };
  const priorityCurrent: number[] = [];
  const priorityScenario: number[] = [];
  inv.priorities.forEach((pr, j) => {
    const r = b.row([pr.id, pr.title, inv.weights[j], inv.priorityChange[j]]);
    const cents = inv.programs.reduce((s, p) => s + p.priorityCents[j], 0);
    priorityCurrent.push(fromCents(cents));
    priorityScenario.push(
      (1 + inv.priorityChange[j]) * valuePlusProduct((p) => p.priorityCents[j])
    );
    if (n > 0) {
      f(r, T.current, `=SUM(${col(c.money + j)})`, priorityCurrent[j]);
      f(
        r,
        T.scenario,
        `=(1+${pChangeCell(j)})*(${sumPlusProduct(c.money + j)})`,
        priorityScenario[j]
      );
    } else b.set(r, T.scenario, 0);
    f(
      r,
      T.diff,
      `=${cellAddress(r, T.scenario)}-${cellAddress(r, T.current)}`,
      priorityScenario[j] - priorityCurrent[j]
    );
  });
  {
    const r = b.row([NO_GOAL, "Money on no goal of the plan", "", ""]);
    const cur = fromCents(inv.programs.reduce((s, p) => s + p.otherCents, 0));
    const scen = valuePlusProduct((p) => p.otherCents);
    if (n > 0) {
      f(r, T.current, `=SUM(${col(c.other)})`, cur);
      f(r, T.scenario, `=${sumPlusProduct(c.other)}`, scen);
    } else b.set(r, T.scenario, 0);
    f(r, T.diff, `=${cellAddress(r, T.scenario)}-${cellAddress(r, T.current)}`, scen - cur);
    priorityCurrent.push(cur);
    priorityScenario.push(scen);
  }
  totalRow(
    b,
    f,
    pTotal,
    top.priority,
    pNoGoal,
    [T.current, T.scenario, T.diff],
    [
      sumOf(priorityCurrent),
      sumOf(priorityScenario),
      sumOf(priorityScenario) - sumOf(priorityCurrent),
    ]
  );
  b.style(rng(top.priority, T.weight, k, 2), "inputCell");
  b.format(rng(top.priority, T.weight, k, 1), FORMATS.score);
  b.format(rng(top.priority, T.change, k, 1), FORMATS.change);
  b.format(rng(top.priority, T.current, k + 2, 3), FORMATS.currency);
  b.row();

  // --- Attributes: weights and the 0–4 scales (the total score looks the points up here).
  sectionRow("Attributes: the 0–4 scales and their weights (a blank attribute adds nothing)");
  const ah = b.row([...ATTRIBUTE_HEADERS]);
  b.style(rng(ah, 0, 1, ATTRIBUTE_HEADERS.length), "tableHeader");
  ATTRIBUTES.forEach((a, ai) =>
    a.list.forEach((choice, i) => {
      const r = b.row([i === 0 ? a.header : "", choice, a.points[i]]);
      if (i === 0) {
        b.set(r, AT.weight, inv.attributeWeights[ai]);
        b.style(rng(r, AT.weight, 1, 1), "inputCell");
      }
    })
  );
  b.format(rng(top.attribute, AT.points, ATTRIBUTE_ROWS, 2), FORMATS.score);
  b.row();

  // --- What-if by quartile.
  sectionRow("What-if by quartile (1 most aligned … 4 least)");
  const qh = b.row([...TOP_HEADERS.quartile]);
  b.style(rng(qh, 0, 1, TOP_COLS), "tableHeader");
  const qCount = [0, 0, 0, 0];
  const qCur = [0, 0, 0, 0];
  const qScen = [0, 0, 0, 0];
  inv.programs.forEach((p, i) => {
    qCount[p.quartile - 1]++;
    qCur[p.quartile - 1] += p.cents;
    qScen[p.quartile - 1] += scenarios[i];
  });
  for (let q = 0; q < 4; q++) {
    const r = b.row([q + 1, QUARTILE_MEANING[q], "", inv.quartileChange[q]]);
    const qa = absoluteCell(r, 0);
    if (n > 0) {
      f(r, T.weight, `=COUNTIF(${col(c.quartile)},${qa})`, qCount[q]);
      f(r, T.current, `=SUMIF(${col(c.quartile)},${qa},${col(c.cost)})`, fromCents(qCur[q]));
      f(r, T.scenario, `=SUMIF(${col(c.quartile)},${qa},${col(c.scenario)})`, qScen[q]);
    } else b.set(r, T.scenario, 0);
    f(
      r,
      T.diff,
      `=${cellAddress(r, T.scenario)}-${cellAddress(r, T.current)}`,
      qScen[q] - fromCents(qCur[q])
    );
  }
  totalRow(
    b,
    f,
    qTotal,
    top.quartile,
    qTotal - 1,
    [T.weight, T.current, T.scenario, T.diff],
    [n, fromCents(sumOf(qCur)), sumOf(qScen), sumOf(qScen) - fromCents(sumOf(qCur))]
  );
  b.style(rng(top.quartile, T.change, 4, 1), "inputCell");
  b.format(rng(top.quartile, T.weight, 5, 1), FORMATS.integer);
  b.format(rng(top.quartile, T.change, 4, 1), FORMATS.change);
  b.format(rng(top.quartile, T.current, 5, 3), FORMATS.currency);
  b.row();

  // --- What-if by goal: sums of the allocation table (program × goal) at the bottom.
  const alloc: { key: string; goal: string; priority: number; cents: number; scenario: number }[] =
    [];
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
  const m = alloc.length;
  const allocCol = (cc: number) => absoluteRange(rng(allocFirst, cc, Math.max(1, m), 1));
  sectionRow("What-if by goal");
  const gh = b.row([...TOP_HEADERS.goal]);
  b.style(rng(gh, 0, 1, TOP_COLS), "tableHeader");
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
      f(r, T.current, `=SUMPRODUCT((${allocCol(1)}=${ga})*${allocCol(3)})`, fromCents(s.cents));
      f(r, T.scenario, `=SUMPRODUCT((${allocCol(1)}=${ga})*${allocCol(4)})`, s.scen);
    } else b.set(r, T.scenario, 0);
    f(
      r,
      T.diff,
      `=${cellAddress(r, T.scenario)}-${cellAddress(r, T.current)}`,
      s.scen - fromCents(s.cents)
    );
    gCur.push(fromCents(s.cents));
    gScen.push(s.scen);
  }
  totalRow(
    b,
    f,
    gTotal,
    top.goal,
    gNoGoal,
    [T.current, T.scenario, T.diff],
    [sumOf(gCur), sumOf(gScen), sumOf(gScen) - sumOf(gCur)]
  );
  b.format(rng(top.goal, T.weight + 1, goalRows.length + 1, 1), FORMATS.integer);
  b.format(rng(top.goal, T.current, goalRows.length + 2, 3), FORMATS.currency);
  b.style(rng(top.goal, 0, goalRows.length + 1, 2), "wrapText");
  b.row();

  // --- What-if by department.
  sectionRow("What-if by department");
  const dh = b.row([...TOP_HEADERS.department]);
  b.style(rng(dh, 0, 1, TOP_COLS), "tableHeader");
  for (const d of depts) {
    const r = b.row([d.name, "", "", d.programs]);
    const da = absoluteCell(r, 0);
    f(r, T.current, `=SUMPRODUCT((${col(c.department)}=${da})*${col(c.cost)})`, fromCents(d.cents));
    f(r, T.scenario, `=SUMPRODUCT((${col(c.department)}=${da})*${col(c.scenario)})`, d.scenario);
    f(
      r,
      T.diff,
      `=${cellAddress(r, T.scenario)}-${cellAddress(r, T.current)}`,
      d.scenario - fromCents(d.cents)
    );
  }
  const dCur = fromCents(depts.reduce((s, d) => s + d.cents, 0));
  const dScen = sumOf(depts.map((d) => d.scenario));
  totalRow(
    b,
    f,
    dTotal,
    top.department,
    dTotal - 1,
    [T.current, T.scenario, T.diff],
    [dCur, dScen, dScen - dCur]
  );
  b.format(rng(top.department, T.change, depts.length, 1), FORMATS.integer);
  b.format(rng(top.department, T.current, depts.length + 1, 3), FORMATS.currency);
  b.style(rng(top.department, 0, depts.length, 1), "wrapText");
  b.row();
  writeDiagnostic(b, diag, sectionRow);
  if (b.next - 1 !== topEnd)
    throw new Error("Programs sheet: the top tables are not where they were planned.");

  // --- The chart: current vs what-if by priority, on a page of its own.
  b.row();
  b.ensureRows(chartTop + chartRows);
  const charts: SheetModel["charts"] = [
    {
      type: "barClustered",
      title: "Budget by priority: current and what-if",
      categories: rng(top.priority, 0, k + 1, 1),
      values: rng(top.priority, T.current, k + 1, 1),
      seriesName: "Current",
      moreSeries: [{ name: "What-if", values: rng(top.priority, T.scenario, k + 1, 1) }],
      anchor: rng(chartTop, 0, chartRows, TOP_COLS),
    },
  ];

  // --- The program table.
  b.ensureRows(tableSection);
  sectionRow("Programs");
  const headers: string[] = [];
  const head = (at: number, ...names: string[]) =>
    names.forEach((name, i) => (headers[at + i] = name));
  head(c.department, "Department", "Program", "Cost", "Total score", "Quartile");
  head(c.score, ...inv.priorities.map((p) => scoreHeader(p.id)));
  head(c.attr, ...ATTRIBUTES.map((a) => a.header), "Scores", "Lines");
  head(c.extra, ...inv.extra.map((x) => x.header), ...(inv.hasFte ? ["FTE"] : []));
  head(c.money, ...inv.priorities.map((p) => moneyHeader(p.id)), "No goal $", "Goals");
  head(c.change, "What-if change", "What-if amount", "Score evidence", "Program key");
  b.row(headers);
  b.style(rng(header, 0, 1, c.count), "tableHeader");
  const totalCol = col(c.total);
  inv.programs.forEach((p, i) => {
    const r = first + i;
    const put = (at: number, ...values: CellValue[]) =>
      values.forEach((v, j) => b.set(r, at + j, v));
    put(c.department, p.department, p.program, fromCents(p.cents));
    put(c.score, ...p.scores);
    put(c.lines, p.lines, ...p.extraCents.map(fromCents), ...(inv.hasFte ? [p.fte ?? ""] : []));
    put(c.money, ...p.priorityCents.map(fromCents), fromCents(p.otherCents));
    put(c.goals, goalsText(p.goalCents, p.cents));
    const terms = inv.priorities.map((_, j) => `${weightCell(j)}*${cellAddress(r, c.score + j)}`);
    ATTRIBUTES.forEach((_, a) =>
      terms.push(
        `${attributeWeightCell(a)}*SUMPRODUCT((${attributeRange(a, AT.choice)}=${cellAddress(r, c.attr + a)})*${attributeRange(a, AT.points)})`
      )
    );
    f(r, c.total, `=${terms.join("+") || "0"}`, p.total);
    const t = cellAddress(r, c.total);
    f(r, c.quartile, `=MIN(4,INT((RANK(${t},${totalCol})-1)*4/COUNT(${totalCol}))+1)`, p.quartile);
    f(
      r,
      c.change,
      `=CHOOSE(${cellAddress(r, c.quartile)},${[0, 1, 2, 3].map(qChangeCell).join(",")})`,
      p.change
    );
    const moneyTerms = inv.priorities.map(
      (_, j) => `${cellAddress(r, c.money + j)}*(1+${pChangeCell(j)})`
    );
    f(
      r,
      c.scenario,
      `=(${[...moneyTerms, cellAddress(r, c.other)].join("+")})*(1+${cellAddress(r, c.change)})`,
      scenarios[i]
    );
    ATTRIBUTES.forEach((a, j) => b.set(r, c.attr + j, p.attributes[a.id] ?? ""));
    b.set(r, c.source, scoreSource(inv, p));
    b.set(
      r,
      c.evidence,
      [
        p.evidence.filter(Boolean).join(" ") ||
          "0 on every priority: no goal names it or covers its work.",
        ...p.attributeEvidence,
      ].join(" ")
    );
    b.set(r, c.key, sheetKey(p.key));
    p.typed.forEach((typed, j) =>
      b.style(rng(r, c.score + j, 1, 1), typed ? "inputCell" : "suggestedInput")
    );
  });
  if (n === 0) {
    const r = b.row(["No programs: the budget has no lines."]);
    b.freeRows.add(r);
    b.style(rng(r, 0), "muted");
  }

  // --- The allocation table: each program's money per goal (what the by-goal totals add up).
  b.row();
  sectionRow(
    "Working table: each program's money by goal (the what-if by goal adds these up; not printed)"
  );
  b.row([...ALLOCATION_HEADERS]);
  b.style(rng(allocHeader, 0, 1, ALLOCATION_HEADERS.length), "tableHeader");
  alloc.forEach((a, i) => {
    const r = allocFirst + i;
    b.row([
      a.key,
      a.goal,
      a.priority >= 0 ? inv.priorities[a.priority].id : "",
      fromCents(a.cents),
    ]);
    const lookup = `SUMPRODUCT((${col(c.key)}=${cellAddress(r, 0)})*${col(c.change)})`;
    const factor = a.priority >= 0 ? `*(1+${pChangeCell(a.priority)})` : "";
    f(r, 4, `=${cellAddress(r, 3)}*(1+${lookup})${factor}`, a.scenario);
  });
  if (m > 0) {
    b.format(rng(allocFirst, 3, m, 2), FORMATS.currency);
    b.style(rng(allocFirst, 0, m, 1), "muted");
  }

  // --- Looks of the program table.
  const model: SheetModel = {
    name: PROGRAMS_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: [],
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts,
    outline: [],
    print: reportPrint({ start: 0, end: 0 }),
    tabColor: "#548235",
    formulas: formulaBlocks(formulas),
  };
  if (n > 0) {
    b.format(rng(first, c.lines, n, 1), FORMATS.integer);
    b.format(rng(first, c.cost, n, 1), FORMATS.currency);
    b.format(rng(first, c.extra, n, c.goals - c.extra), FORMATS.currency);
    if (inv.hasFte) b.format(rng(first, c.extra + inv.extra.length, n, 1), FORMATS.fte);
    b.format(rng(first, c.score, n, k), FORMATS.score);
    b.format(rng(first, c.total, n, 1), FORMATS.score);
    b.format(rng(first, c.quartile, n, 1), FORMATS.integer);
    b.format(rng(first, c.change, n, 1), FORMATS.change);
    b.format(rng(first, c.scenario, n, 1), FORMATS.currency);
    b.style(rng(first, c.department, n, 2), "wrapText");
    b.style(rng(first, c.goals, n, 1), "wrapText");
    b.style(rng(first, c.attr, n, ATTRIBUTES.length), "inputCell");
    inv.programs.forEach((p, i) =>
      p.suggestedAttributes.forEach((id) =>
        b.style(
          rng(first + i, c.attr + ATTRIBUTES.findIndex((a) => a.id === id), 1, 1),
          "suggestedInput"
        )
      )
    );
    b.style(rng(first, c.source, n, 2), "muted");
    model.tables.push({
      name: "Programs",
      range: rng(header, 0, n + 1, c.count),
      style: "TableStyleLight11",
    });
    ATTRIBUTES.forEach((a, j) =>
      model.validations.push({
        range: rng(first, c.attr + j, n, 1),
        list: [...a.list],
        prompt: a.prompt,
        allowOther: false,
      })
    );
    if (k > 0)
      model.validations.push({
        range: rng(first, c.score, n, k),
        list: ["0", "1", "2", "3", "4"],
        prompt:
          "0 no influence on the priority … 4 essential to it. Clear the cell to use the computed score.",
        allowOther: true,
      });
  }

  // Column widths: the top tables and the program table share columns; each printed part fits a page at 100%.
  const widths = fitWidths(b.values, b.numberFormats, {
    skip: b.freeRows,
    wrap: b.wrapRows,
    min: 8,
    max: 30,
    cols: c.count,
    sampleRows: 20000,
  });
  for (let cc = 2; cc < TOP_COLS; cc++) widths[cc] = Math.max(widths[cc], 13);
  widths[c.goals] = Math.min(Math.max(widths[c.goals], 14), 24);
  for (let j = 0; j < ATTRIBUTES.length; j++) widths[c.attr + j] = 13;
  widths[c.source] = 12;
  widths[c.evidence] = 45;
  // The key is for reading answers back, not for paper: as wide as it needs, one line, never printed.
  widths[c.key] = Math.min(
    60,
    inv.programs.reduce((w, p) => Math.max(w, p.key.length + 2), 14)
  );
  // Score columns are narrow, except where they share a column with the top tables' amounts.
  for (let j = 0; j < k; j++)
    if (c.score + j >= TOP_COLS)
      widths[c.score + j] = Math.max(8, Math.min(widths[c.score + j], 10));
  shrinkToPage(widths, 0, TOP_COLS - 1, [0, 1], 14);
  // The printed table: one page wide from the left (department … quartile, and the attributes that fit), its
  // header row repeated on every page, each department kept on one page where it fits.
  const printed = pageGroups(widths, 0, c.key - 1, 0)[0] ?? { from: 0, to: c.quartile };
  model.columnWidths = widths;
  model.rowHeights = b.wrappedRowHeights(widths);
  const heights = b.rowHeights(widths);
  b.set(
    tableSection,
    0,
    `Programs (printed: ${headers[0]} to ${headers[printed.to]}; the columns after it are on screen)`
  );
  model.print = reportPrint(
    { start: header, end: header },
    {
      areas: [
        rng(0, 0, topEnd + 1, TOP_COLS),
        rng(chartTop, 0, chartRows, TOP_COLS),
        rng(tableSection, 0, Math.max(2, n + 2), printed.to + 1),
      ],
      rowBreaks: [
        chartTop,
        tableSection,
        ...departmentBreaks(inv, first, header, tableSection, heights),
      ],
    }
  );
  return model;
}

/**
 * Page breaks in the printed program table so a department's programs stay on one page where they fit (a
 * department longer than a page runs on, its header row repeated): the rows to break above.
 */
function departmentBreaks(
  inv: Inventory,
  first: number,
  header: number,
  tableSection: number,
  heights: number[]
): number[] {
  const groups: { start: number; end: number }[] = [];
  inv.programs.forEach((p, i) => {
    const last = groups[groups.length - 1];
    if (last && normName(inv.programs[i - 1].department) === normName(p.department)) last.end++;
    else groups.push({ start: first + i, end: first + i });
  });
  // Rows above the table print on pages of their own (the table starts a page): they take no room here.
  const heightOf = (r: number) => (r < tableSection ? 0 : (heights[r] ?? 15));
  return sectionBreaks(groups, heightOf, heights[header] ?? 15, Number.MAX_SAFE_INTEGER);
}

/** Programs named one by one in each diagnostic list; the rest are summed in a last row. */
const LISTED_MAX = 60;

/**
 * The diagnostic (./diagnostic.ts) below the what-if tables: quartile × mandate, reliance and cost recovery with
 * amounts; the candidates for review; the quartile 1 programs whose demand is rising. Written as values, as of
 * the run (it names programs to look at; it recommends no cut).
 */
function writeDiagnostic(
  b: SheetBuilder,
  diag: Diagnostic,
  sectionRow: (text: string) => number
): void {
  sectionRow("Diagnostic: budget by quartile and attribute");
  const ch = b.row([
    "Attribute",
    "Choice",
    ...QUARTILE_MEANING.map((_, q) => `Quartile ${q + 1}`),
    "Programs",
  ]);
  b.style(rng(ch, 0, 1, TOP_COLS), "tableHeader");
  const crossFirst = b.next;
  diag.cross.forEach((row, i) => {
    const prev = diag.cross[i - 1];
    b.row([
      prev?.attribute === row.attribute ? "" : row.attribute,
      row.choice,
      ...row.cents.map(fromCents),
      row.programs.reduce((x, y) => x + y, 0),
    ]);
  });
  b.format(rng(crossFirst, 2, diag.cross.length, 4), FORMATS.currency);
  b.format(rng(crossFirst, 6, diag.cross.length, 1), FORMATS.integer);
  b.row();
  const list = (title: string, items: DiagnosticProgram[], none: string) => {
    sectionRow(title);
    const h = b.row(["Department", "Program", "Quartile", "Cost", "Why listed"]);
    b.style(rng(h, 0, 1, TOP_COLS), "tableHeader");
    const from = b.next;
    if (items.length === 0) {
      const r = b.row([none]);
      b.style(rng(r, 0, 1, TOP_COLS), "muted");
      return;
    }
    for (const d of items.slice(0, LISTED_MAX))
      b.row([d.department, d.program, d.quartile, fromCents(d.cents), d.why]);
    if (items.length > LISTED_MAX) {
      const rest = items.slice(LISTED_MAX);
      b.row([`+${rest.length} more`, "", "", fromCents(rest.reduce((x, d) => x + d.cents, 0))]);
    }
    const rows = b.next - from;
    b.format(rng(from, 2, rows, 1), FORMATS.integer);
    b.format(rng(from, 3, rows, 1), FORMATS.currency);
    b.style(rng(from, 0, rows, 2), "wrapText");
    b.style(rng(from, 4, rows, 1), "note");
  };
  list(
    "Candidates for review (to look at, not cuts)",
    diag.candidates,
    "None: no program in quartile 4 or fitting no goal is unmandated with low reliance and low cost recovery."
  );
  b.row();
  list(
    "Quartile 1 programs whose demand is rising",
    diag.rising,
    "None: no quartile 1 program has a rising change in demand chosen (the Change in demand column)."
  );
}

function sumOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** A "Total" row below a top table: each column summed by formula over [from, to]. */
function totalRow(
  b: SheetBuilder,
  f: (row: number, col: number, formula: string, value: CellValue) => void,
  row: number,
  from: number,
  to: number,
  cols: number[],
  values: number[]
): void {
  b.set(row, 0, "Total");
  cols.forEach((cc, i) => {
    if (to >= from) f(row, cc, `=SUM(${cellAddress(from, cc)}:${cellAddress(to, cc)})`, values[i]);
    else b.set(row, cc, 0);
  });
  b.style(rng(row, 0, 1, TOP_COLS), "total");
}

// ---------------------------------------------------------------------------------------------
// Reading back what analysts typed
// ---------------------------------------------------------------------------------------------

export interface ProgramsRead {
  rows: {
    key: string;
    department: string;
    program: string;
    /** Per priority id: a score typed (number), blank (null); a cell that holds no score is left out. */
    scores: Record<string, number | null>;
    attributes: Partial<Record<ProgramAttribute, string>>;
  }[];
  /** Null when the sheet has no weights table (then the stored weights stand). */
  weights: Record<string, number> | null;
  /** Attribute weights by attribute id; null when the sheet has no attribute table. */
  attributeWeights?: Record<string, number> | null;
  priorityChange: Record<string, number> | null;
  quartileChange: (number | null)[] | null;
  issues: Issue[];
}

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? "" : String(v).trim();

/** A number typed in a cell (a number, or text that reads as one: "2", "1.5", "10%"). */
function numberIn(v: CellValue | undefined): number | null | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const t = text(v);
  if (t === "") return null;
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

function findHeader(
  rows: CellValue[][],
  wanted: string[],
  from = 0
): { row: number; at: Map<string, number> } | null {
  const want = wanted.map(normName);
  for (let r = from; r < rows.length; r++) {
    const at = new Map<string, number>();
    (rows[r] ?? []).forEach((v, cc) => {
      const h = typeof v === "string" ? normName(v) : "";
      if (h && !at.has(h)) at.set(h, cc);
    });
    if (want.every((w) => at.has(w))) return { row: r, at };
  }
  return null;
}

/**
 * Reads what analysts typed on a Programs sheet (rows may have been sorted, filtered, moved or inserted; the
 * columns are found by their headers, the programs by the Program key column): scores, attributes, weights and
 * what-if changes. A score that is not a number from 0 to 4, or an attribute not in its list, is reported with
 * its cell; a bad score is not used (the computed one is), an unknown attribute is kept as typed.
 */
export function readProgramsSheet(cells: SheetCells, plan: Plan): ProgramsRead {
  const out: ProgramsRead = {
    rows: [],
    weights: null,
    priorityChange: null,
    quartileChange: null,
    issues: [],
  };
  const rows = cells.values;
  const startRow = cells.startRow ?? 0;
  const startCol = cells.startCol ?? 0;
  const where = (r: number, cc: number) => `${columnLetter(startCol + cc)}${startRow + r + 1}`;
  const sheet = sheetRef(cells.name);
  const warn = (code: string, r: number, cc: number, message: string) =>
    out.issues.push({
      severity: "warning",
      code,
      sheet: cells.name,
      cell: where(r, cc),
      message: `${sheet}!${where(r, cc)}: ${message}`,
    });

  // Weights and what-if by priority.
  const ph = findHeader(rows, ["Priority", "Weight", "What-if change"]);
  if (ph) {
    const weights: Record<string, number> = {};
    const changes: Record<string, number> = {};
    out.weights = weights;
    out.priorityChange = changes;
    const wc = ph.at.get(normName("Weight"))!;
    const cc = ph.at.get(normName("What-if change"))!;
    const ids = new Map(plan.priorities.map((p) => [normName(p.id), p.id]));
    for (let r = ph.row + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const id = ids.get(normName(text(row[ph.at.get(normName("Priority"))!])));
      if (!id) {
        if (text(row[0]) === "" || text(row[0]) === "Total") break;
        continue;
      }
      const w = numberIn(row[wc]);
      if (typeof w === "number") setOwn(weights, id, w);
      else if (w === undefined)
        warn(
          "programs.bad-weight",
          r,
          wc,
          `"${text(row[wc])}" is not a weight (a number such as 1 or 1.5). The weight 1 is used.`
        );
      const ch = numberIn(row[cc]);
      if (typeof ch === "number") setOwn(changes, id, ch);
      else if (ch === undefined)
        warn(
          "programs.bad-change",
          r,
          cc,
          `"${text(row[cc])}" is not a % change. No change is used.`
        );
    }
  }
  const ah = findHeader(rows, [...ATTRIBUTE_HEADERS]);
  if (ah) {
    const weights: Record<string, number> = {};
    out.attributeWeights = weights;
    const wc = ah.at.get(normName("Weight"))!;
    const byHeader = new Map(ATTRIBUTES.map((a) => [normName(a.header), a.id]));
    for (let r = ah.row + 1; r < Math.min(rows.length, ah.row + 1 + ATTRIBUTE_ROWS); r++) {
      const row = rows[r] ?? [];
      const id = byHeader.get(normName(text(row[ah.at.get(normName("Attribute"))!])));
      if (!id) continue;
      const w = numberIn(row[wc]);
      if (typeof w === "number") setOwn(weights, id, w);
      else if (w === undefined)
        warn(
          "programs.bad-weight",
          r,
          wc,
          `"${text(row[wc])}" is not a weight (a number such as 0.5 or 1). The weight ${DEFAULT_ATTRIBUTE_WEIGHT} is used.`
        );
    }
  }
  const qh = findHeader(rows, ["Quartile", "What-if change"]);
  if (qh) {
    const cc = qh.at.get(normName("What-if change"))!;
    const qc: (number | null)[] = [null, null, null, null];
    for (let r = qh.row + 1; r < Math.min(rows.length, qh.row + 5); r++) {
      const row = rows[r] ?? [];
      const q = numberIn(row[qh.at.get(normName("Quartile"))!]);
      if (typeof q !== "number" || !(q >= 1 && q <= 4) || !Number.isInteger(q)) continue;
      const ch = numberIn(row[cc]);
      if (typeof ch === "number") qc[q - 1] = ch;
      else if (ch === undefined)
        warn(
          "programs.bad-change",
          r,
          cc,
          `"${text(row[cc])}" is not a % change. No change is used.`
        );
    }
    out.quartileChange = qc;
  }

  // The program table.
  const th = findHeader(rows, ["Department", "Program", "Program key"]);
  if (!th) {
    if (rows.some((row) => (row ?? []).some((v) => text(v) !== "")))
      out.issues.push({
        severity: "warning",
        code: "programs.no-header",
        sheet: cells.name,
        message: `${sheet}: the program table's header row (Department, Program … Program key) was not found, so no scores or attributes were read from it. Scores and attributes typed earlier are kept.`,
      });
    return out;
  }
  const keyCol = th.at.get(normName("Program key"))!;
  const scoreCols = plan.priorities
    .map((p) => ({ id: p.id, col: th.at.get(normName(scoreHeader(p.id))) }))
    .filter((s): s is { id: string; col: number } => s.col !== undefined);
  const attrCols = ATTRIBUTES.map((a) => ({ a, col: th.at.get(normName(a.header)) })).filter(
    (x): x is { a: (typeof ATTRIBUTES)[number]; col: number } => x.col !== undefined
  );
  for (let r = th.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const key = text(row[keyCol]);
    if (!key) continue;
    const scores: Record<string, number | null> = {};
    for (const s of scoreCols) {
      const v = numberIn(row[s.col]);
      if (v === null || (typeof v === "number" && v >= 0 && v <= SCORE_MAX))
        setOwn(scores, s.id, v);
      else
        warn(
          "programs.bad-score",
          r,
          s.col,
          `"${text(row[s.col])}" is not a score from 0 to ${SCORE_MAX}. The computed score is used; type a number from 0 to ${SCORE_MAX}, or clear the cell.`
        );
    }
    const attributes: Partial<Record<ProgramAttribute, string>> = {};
    for (const { a, col: cc } of attrCols) {
      const t = text(row[cc]);
      if (!t) continue;
      const known = a.list.find((x) => normName(x) === normName(t));
      attributes[a.id] = known ?? t;
      if (!known)
        warn(
          "programs.unknown-attribute",
          r,
          cc,
          `"${t}" is not one of the choices for ${a.header} (${a.list.join(", ")}). It was kept as typed; pick one from the list.`
        );
    }
    out.rows.push({
      key,
      department: text(row[th.at.get(normName("Department"))!]),
      program: text(row[th.at.get(normName("Program"))!]),
      scores,
      attributes,
    });
  }
  return out;
}

/**
 * Merges what was read from the Programs sheet into the state. A score counts as the analyst's when it differs
 * from the score the sheet was last written with (`seen.programs`); a cleared score cell drops the analyst's
 * score; an unchanged one leaves the stored score as it is. Attributes, weights and changes are taken as the
 * sheet shows them (a cleared cell clears them). Programs not on the sheet keep what was stored.
 */
export function mergeProgramInputs(
  state: WorkbookState,
  read: ProgramsRead,
  now: string
): WorkbookState {
  const programs: Record<string, ProgramInputs> = { ...(state.programs ?? {}) };
  const seen = state.seen?.programs ?? {};
  for (const row of read.rows) {
    const before = getOwn(programs, row.key);
    const scores: Record<string, number> = { ...(before?.scores ?? {}) };
    let written: Record<string, unknown> = {};
    try {
      const raw = getOwn(seen, row.key);
      if (raw) written = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      written = {};
    }
    let changed = false;
    for (const id of Object.keys(row.scores)) {
      const v = getOwn(row.scores, id);
      if (v === null || v === undefined) {
        if (getOwn(scores, id) !== undefined) {
          delete scores[id];
          changed = true;
        }
      } else if (getOwn(written, id) !== v && getOwn(scores, id) !== v) {
        setOwn(scores, id, v);
        changed = true;
      }
    }
    // An attribute the add-in suggested and wrote, still as it wrote it, is not the analyst's choice.
    const attributes = { ...row.attributes };
    for (const a of ATTRIBUTES)
      if (
        attributes[a.id] !== undefined &&
        getOwn(written, `${ATTRIBUTE_SEEN}${a.id}`) === attributes[a.id] &&
        before?.attributes?.[a.id] !== attributes[a.id]
      )
        delete attributes[a.id];
    const sameAttrs =
      JSON.stringify(Object.entries(before?.attributes ?? {}).sort()) ===
      JSON.stringify(Object.entries(attributes).sort());
    if (!sameAttrs) changed = true;
    if (!changed) continue;
    const next: ProgramInputs = {
      department: row.department || before?.department || "",
      program: row.program || before?.program || "",
      at: now,
    };
    if (Object.keys(scores).length) next.scores = scores;
    if (Object.keys(attributes).length) next.attributes = attributes;
    if (next.scores || next.attributes) setOwn(programs, row.key, next);
    else delete programs[row.key];
  }
  // Weights and changes are kept where they differ from the defaults (weight 1, no change), so a workbook whose
  // analyst changed nothing stores nothing.
  const pbb: PbbSettings = { ...(state.pbb ?? {}) };
  const differing = (rec: Record<string, number>, dflt: number) => {
    const out: Record<string, number> = {};
    for (const [id, v] of Object.entries(rec)) if (v !== dflt) setOwn(out, id, v);
    return out;
  };
  if (read.weights) pbb.weights = differing(read.weights, 1);
  if (read.attributeWeights)
    pbb.attributeWeights = differing(read.attributeWeights, DEFAULT_ATTRIBUTE_WEIGHT);
  if (pbb.attributeWeights && Object.keys(pbb.attributeWeights).length === 0)
    delete pbb.attributeWeights;
  if (read.priorityChange) pbb.priorityChange = differing(read.priorityChange, 0);
  if (read.quartileChange) pbb.quartileChange = read.quartileChange.map((v) => (v ? v : null));
  if (pbb.weights && Object.keys(pbb.weights).length === 0) delete pbb.weights;
  if (pbb.priorityChange && Object.keys(pbb.priorityChange).length === 0) delete pbb.priorityChange;
  if (pbb.quartileChange && pbb.quartileChange.every((v) => v === null)) delete pbb.quartileChange;
  const next: WorkbookState = { ...state };
  if (Object.keys(programs).length > 0 || state.programs) next.programs = programs;
  if (Object.keys(pbb).length > 0 || state.pbb) next.pbb = pbb;
  return next;
}

/**
 * The A1 address of a program's Program cell on a Programs sheet as it is now (sorted, filtered or with rows
 * inserted), found by the Program key column; null when the sheet has no row for it.
 */
export function findProgramRow(cells: SheetCells, key: string): string | null {
  const th = findHeader(cells.values, ["Department", "Program", "Program key"]);
  if (!th) return null;
  const keyCol = th.at.get(normName("Program key"))!;
  const programCol = th.at.get(normName("Program"))!;
  for (let r = th.row + 1; r < cells.values.length; r++)
    if (text(cells.values[r]?.[keyCol]) === sheetKey(key))
      return `${columnLetter((cells.startCol ?? 0) + programCol)}${(cells.startRow ?? 0) + r + 1}`;
  return null;
}
