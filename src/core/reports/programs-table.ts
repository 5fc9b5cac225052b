/**
 * The Programs sheet's program table: one row per program with its cost, total score and quartile (live
 * formulas over the weights and attribute scales above), a score per priority (suggested, or typed by an
 * analyst), the five attributes (dropdowns), then for the screen its lines, other amounts, money per priority,
 * goals, what-if change and amount, the evidence for its scores and its program key.
 */
import { cellAddress } from "../a1";
import type { CellValue, SheetModel } from "../types";
import { ATTRIBUTES } from "./attributes";
import { sheetKey, type Inventory } from "./program-inventory";
import { AT, moneyHeader, scoreHeader, type ProgramsWriter } from "./programs-layout";
import { rng } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

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

/** The program table's header row: its headers by column. */
export function programHeaders(w: ProgramsWriter): string[] {
  const { c, inv } = w;
  const headers: string[] = [];
  const head = (at: number, ...names: string[]) =>
    names.forEach((name, i) => (headers[at + i] = name));
  head(c.department, "Department", "Program", "Cost", "Total score", "Quartile");
  head(c.score, ...inv.priorities.map((p) => scoreHeader(p.id)));
  head(c.attr, ...ATTRIBUTES.map((a) => a.header), "Scores", "Lines");
  head(c.extra, ...inv.extra.map((x) => x.header), ...(inv.hasFte ? ["FTE"] : []));
  head(c.money, ...inv.priorities.map((p) => moneyHeader(p.id)), "No goal $", "Goals");
  head(c.change, "What-if change", "What-if amount", "Score evidence", "Program key");
  return headers;
}

/** The program table's section title, header row and one row per program (values and formulas). */
export function programRows(w: ProgramsWriter, headers: readonly string[]): void {
  const { b, c, inv, n, rows } = w;
  b.ensureRows(rows.tableSection);
  w.sectionRow("Programs");
  b.row([...headers]);
  b.style(rng(rows.header, 0, 1, c.count), "tableHeader");
  const parts = formulaParts(w);
  inv.programs.forEach((p, i) => programRow(w, parts, rows.first + i, p, i));
  if (n === 0) {
    const r = b.row(["No programs: the budget has no lines."]);
    b.freeRows.add(r);
    b.style(rng(r, 0), "muted");
  }
}

/** What every program row's formulas share (the top tables' cells and ranges), made once for the table. */
interface FormulaParts {
  /** Per priority, its weight cell and "*". */
  weights: string[];
  /** Per attribute, what comes before and after its own choice cell in its term. */
  attributes: { before: string; after: string }[];
  totals: string;
  quartileChanges: string;
  priorityChanges: string[];
}

function formulaParts(w: ProgramsWriter): FormulaParts {
  return {
    weights: w.inv.priorities.map((_, j) => `${w.weightCell(j)}*`),
    attributes: ATTRIBUTES.map((_, a) => ({
      before: `${w.attributeWeightCell(a)}*SUMPRODUCT((${w.attributeRange(a, AT.choice)}=`,
      after: `)*${w.attributeRange(a, AT.points)})`,
    })),
    totals: w.col(w.c.total),
    quartileChanges: [0, 1, 2, 3].map((q) => w.quartileChangeCell(q)).join(","),
    priorityChanges: w.inv.priorities.map((_, j) => w.priorityChangeCell(j)),
  };
}

/** The total score: each priority's score × its weight, plus each attribute's points × its weight. */
function totalFormula(w: ProgramsWriter, parts: FormulaParts, r: number): string {
  const { c } = w;
  const terms = parts.weights.map((weight, j) => weight + cellAddress(r, c.score + j));
  parts.attributes.forEach((t, a) => terms.push(t.before + cellAddress(r, c.attr + a) + t.after));
  return `=${terms.join("+") || "0"}`;
}

function programRow(
  w: ProgramsWriter,
  parts: FormulaParts,
  r: number,
  p: Inventory["programs"][number],
  i: number
): void {
  const { b, c, inv } = w;
  const put = (at: number, ...values: CellValue[]) => values.forEach((v, j) => b.set(r, at + j, v));
  put(c.department, p.department, p.program, fromCents(p.cents));
  put(c.score, ...p.scores);
  put(c.lines, p.lines, ...p.extraCents.map(fromCents), ...(inv.hasFte ? [p.fte ?? ""] : []));
  put(c.money, ...p.priorityCents.map(fromCents), fromCents(p.otherCents));
  put(c.goals, goalsText(p.goalCents, p.cents));
  w.f(r, c.total, totalFormula(w, parts, r), p.total);
  const t = cellAddress(r, c.total);
  const totals = parts.totals;
  w.f(r, c.quartile, `=MIN(4,INT((RANK(${t},${totals})-1)*4/COUNT(${totals}))+1)`, p.quartile);
  w.f(r, c.change, `=CHOOSE(${cellAddress(r, c.quartile)},${parts.quartileChanges})`, p.change);
  const moneyTerms = parts.priorityChanges.map(
    (change, j) => `${cellAddress(r, c.money + j)}*(1+${change})`
  );
  w.f(
    r,
    c.scenario,
    `=(${[...moneyTerms, cellAddress(r, c.other)].join("+")})*(1+${cellAddress(r, c.change)})`,
    w.scenarios[i]
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
}

/** The program table's number formats, styles, Excel table and dropdowns. */
export function programTableLooks(w: ProgramsWriter, model: SheetModel): void {
  const { b, c, inv, k, n, rows } = w;
  if (n === 0) return;
  const first = rows.first;
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
    range: rng(rows.header, 0, n + 1, c.count),
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
