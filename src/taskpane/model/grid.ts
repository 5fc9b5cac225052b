/**
 * The Tag step's grid: one row per program (its lines under it when expanded), sortable by amount, with a row
 * selection that works like a spreadsheet's (click, Ctrl-click, Shift-click ranges). Pure functions of the lines
 * and the core's tags (no React, no Office), tested in jest. Tags, confidences and flags all come from the core.
 */
import { decidedByPerson } from "../../core/decisions";
import { programOf } from "../../core/keys";
import { fromCents, toCents } from "../../core/reports/totals";
import type { BudgetLine, LineTag, ManualTag } from "../../core/types";
import {
  collectDecisions,
  lineLabel,
  lineMatches,
  programKeyOf,
  type BulkAccept,
  type TagFilters,
} from "./view";

/** A program as the grid shows it: its lines that pass the filters, and what their tags say together. */
export interface ProgramRow {
  kind: "program";
  key: string;
  department: string;
  program: string;
  /** Indexes (into lines) of its lines the filters show, in budget order. */
  items: number[];
  /** Sum of those lines' amounts (from cents). */
  total: number;
  /** The goal carrying most of the program's money (of lines with a goal), or null when none has one. */
  goal: string | null;
  /** Other goals among its lines (0 when they all share `goal`). */
  otherGoals: number;
  /** Where its tags come from: one source, or "mixed". */
  source: LineTag["source"] | "mixed";
  /** The confidence of its undecided lines, weighted by money (1 when a person decided every line). */
  confidence: number;
  /** Why the engine suggests what it does: the reason of its largest undecided line (else its largest line). */
  why: string;
  flagged: boolean;
  /** Lines with a goal no person has decided yet (what accepting the program confirms). */
  open: number;
  /** Lines a person decided (typed, set, confirmed or answered). */
  decided: number;
}

export type GridRow =
  | ProgramRow
  | { kind: "line"; index: number; program: string }
  /** The inline "Confirm next" panel, under the program it is about. */
  | { kind: "confirm"; program: string };

/** The key of a grid row, unique in the grid: what a selection holds. */
export function rowId(row: GridRow, lines: BudgetLine[]): string {
  if (row.kind === "program") return `p:${row.key}`;
  if (row.kind === "line") return `l:${lines[row.index].key}`;
  return `c:${row.program}`;
}

export { programKeyOf };

/** Each line's program as a number, and the programs' keys: made once per lines array (it outlives retags). */
export interface ProgramIndex {
  keys: string[];
  /** of[i]: the index in `keys` of lines[i]'s program. */
  of: Int32Array;
}

const programIndexes = new WeakMap<BudgetLine[], ProgramIndex>();

/**
 * The program of every line, by number: the grid's passes over 100,000 lines (programs, progress, bulk levels,
 * the confirm order) each look it up per line, and an array index is much cheaper than a key.
 */
export function programIndex(lines: BudgetLine[]): ProgramIndex {
  let index = programIndexes.get(lines);
  if (!index) {
    const keys: string[] = [];
    const at = new Map<string, number>();
    const of = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const key = programKeyOf(lines[i]);
      let k = at.get(key);
      if (k === undefined) {
        k = keys.length;
        keys.push(key);
        at.set(key, k);
      }
      of[i] = k;
    }
    index = { keys, of };
    programIndexes.set(lines, index);
  }
  return index;
}

interface Acc {
  row: ProgramRow;
  cents: number;
  goalCents: Map<string, number>;
  /** The one source of its lines so far ("mixed" once two differ), null before the first line. */
  source: ProgramRow["source"] | null;
  openWeight: number;
  openWeighted: number;
  whyCents: number;
  /** 1 when the reason shown is an undecided line's, 0 a decided one's, -1 none yet. */
  whyRank: number;
}

/** The programs with a line the filters show, in budget order. Linear in the number of lines. */
export function programRows(
  lines: BudgetLine[],
  tags: LineTag[],
  filters: TagFilters
): ProgramRow[] {
  const { keys, of } = programIndex(lines);
  const groups: (Acc | undefined)[] = new Array(keys.length);
  const order: Acc[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tag = tags[i];
    if (!lineMatches(line, tag, filters)) continue;
    let g = groups[of[i]];
    if (!g) {
      g = groups[of[i]] = newAcc(keys[of[i]], line);
      order.push(g);
    }
    addLine(g, line, tag, i);
  }
  return order.map(finish);
}

function newAcc(key: string, line: BudgetLine): Acc {
  return {
    row: {
      kind: "program",
      key,
      department: line.department,
      program: programOf(line),
      items: [],
      total: 0,
      goal: null,
      otherGoals: 0,
      source: "none",
      confidence: 1,
      why: "",
      flagged: false,
      open: 0,
      decided: 0,
    },
    cents: 0,
    goalCents: new Map(),
    source: null,
    openWeight: 0,
    openWeighted: 0,
    whyCents: -1,
    whyRank: -1,
  };
}

function addLine(g: Acc, line: BudgetLine, tag: LineTag | undefined, i: number): void {
  const cents = toCents(line.amount);
  const size = Math.abs(cents);
  g.row.items.push(i);
  g.cents += cents;
  const source = tag?.source ?? "none";
  if (g.source === null) g.source = source;
  else if (g.source !== source) g.source = "mixed";
  if (tag?.flagged) g.row.flagged = true;
  const main = tag ? mainGoalId(tag.goals) : null;
  if (main) g.goalCents.set(main, (g.goalCents.get(main) ?? 0) + size);
  const decided = decidedByPerson(tag);
  if (decided) g.row.decided++;
  else {
    if (main) g.row.open++;
    g.openWeight += size;
    g.openWeighted += size * (tag?.confidence ?? 0);
  }
  // The reason shown: the largest undecided line's, else the largest line's.
  const rank = decided ? 0 : 1;
  if (tag?.why && (rank > g.whyRank || (rank === g.whyRank && size > g.whyCents))) {
    g.row.why = tag.why;
    g.whyCents = size;
    g.whyRank = rank;
  }
}

function finish(g: Acc): ProgramRow {
  const row = g.row;
  row.total = fromCents(g.cents);
  let best = -1;
  for (const [id, c] of g.goalCents)
    if (c > best || (c === best && row.goal !== null && id < row.goal)) {
      best = c;
      row.goal = id;
    }
  row.otherGoals = Math.max(0, g.goalCents.size - 1);
  row.source = g.source ?? "none";
  const undecided = row.items.length - row.decided;
  row.confidence = undecided === 0 ? 1 : g.openWeight > 0 ? g.openWeighted / g.openWeight : 0;
  return row;
}

/** The goal carrying the largest share of a tag (the first of equal shares). */
export function mainGoalId(goals: readonly { id: string; share: number }[]): string | null {
  let best: { id: string; share: number } | null = null;
  for (const g of goals) if (!best || g.share > best.share) best = g;
  return best ? best.id : null;
}

/** How the grid is sorted: the budget's own order, or by amount. */
export type GridSort = "budget" | "amount-desc" | "amount-asc";

/** The next sort when the Amount header is pressed: largest first, smallest first, back to the budget's order. */
export function nextSort(s: GridSort): GridSort {
  return s === "budget" ? "amount-desc" : s === "amount-desc" ? "amount-asc" : "budget";
}

/** Programs (and each program's lines) in the sort's order; a new array, ties in budget order. */
export function sortPrograms(
  programs: ProgramRow[],
  lines: BudgetLine[],
  sort: GridSort
): ProgramRow[] {
  if (sort === "budget") return programs;
  const sign = sort === "amount-desc" ? -1 : 1;
  const byAmount = (a: number, b: number) => sign * (a - b);
  return programs
    .map((p, i) => ({ p, i }))
    .sort((a, b) => byAmount(a.p.total, b.p.total) || a.i - b.i)
    .map(({ p }) => ({
      ...p,
      items: [...p.items].sort((a, b) => byAmount(lines[a].amount, lines[b].amount) || a - b),
    }));
}

/** The grid's rows: each program, the "Confirm next" panel under the program being confirmed, its lines when expanded. */
export function gridRows(
  programs: ProgramRow[],
  expanded: ReadonlySet<string>,
  confirming: string | null
): GridRow[] {
  const rows: GridRow[] = [];
  for (const p of programs) {
    rows.push(p);
    if (p.key === confirming) rows.push({ kind: "confirm", program: p.key });
    if (expanded.has(p.key))
      for (const index of p.items) rows.push({ kind: "line", index, program: p.key });
  }
  return rows;
}

/** A selection of grid rows (by rowId), and the row a Shift-click extends from. */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const NO_SELECTION: Selection = { ids: new Set(), anchor: null };

/**
 * The selection after a click on row `at`, as in a spreadsheet: a plain click selects that row alone, Ctrl (or ⌘)
 * adds or removes it, Shift selects the range from the anchor to it (Ctrl-Shift adds the range).
 */
export function clickSelect(
  sel: Selection,
  rows: GridRow[],
  lines: BudgetLine[],
  at: number,
  mods: { shift?: boolean; ctrl?: boolean }
): Selection {
  const id = rowId(rows[at], lines);
  if (mods.shift && sel.anchor !== null) {
    const from = rows.findIndex((r) => rowId(r, lines) === sel.anchor);
    if (from >= 0) {
      const ids = new Set(mods.ctrl ? sel.ids : []);
      const [a, b] = from <= at ? [from, at] : [at, from];
      for (let i = a; i <= b; i++) if (rows[i].kind !== "confirm") ids.add(rowId(rows[i], lines));
      return { ids, anchor: sel.anchor };
    }
  }
  if (mods.ctrl) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

/** Space on row `at`: adds it to the selection, or takes it out. */
export function toggleSelect(
  sel: Selection,
  rows: GridRow[],
  lines: BudgetLine[],
  at: number
): Selection {
  return clickSelect(sel, rows, lines, at, { ctrl: true });
}

/**
 * The lines a selection covers (indexes into lines, each once, in budget order): a selected program brings the
 * lines the filters show of it; a selected line itself. Ids no longer in the grid are ignored.
 */
export function selectedLines(
  sel: Selection,
  programs: ProgramRow[],
  lines: BudgetLine[]
): number[] {
  if (sel.ids.size === 0) return [];
  const out = new Set<number>();
  const lineKeys = new Set<string>();
  for (const id of sel.ids) if (id.startsWith("l:")) lineKeys.add(id.slice(2));
  for (const p of programs) {
    if (sel.ids.has(`p:${p.key}`)) for (const i of p.items) out.add(i);
    else if (lineKeys.size > 0) for (const i of p.items) if (lineKeys.has(lines[i].key)) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Programs and money a set of lines covers, for "3 programs, 12 lines, $1,200,000". */
export function linesSummary(
  indexes: number[],
  lines: BudgetLine[]
): { programs: number; lines: number; amount: number } {
  const programs = new Set<string>();
  let cents = 0;
  for (const i of indexes) {
    programs.add(programKeyOf(lines[i]));
    cents += toCents(lines[i].amount);
  }
  return { programs: programs.size, lines: indexes.length, amount: fromCents(cents) };
}

/**
 * A person's decision for every line of `indexes`: the goal they picked (`goal`), or — with `goal` null — each
 * line's own goal confirmed (lines without a goal, and lines already decided, are left out then). A line whose
 * suggestion already has the picked goal as its main goal is confirmed on its suggestion (a split stays a split).
 */
export function decideLines(
  lines: BudgetLine[],
  tags: LineTag[],
  indexes: number[],
  goal: string | null,
  at?: string
): BulkAccept {
  const decide = (i: number): ManualTag | null => {
    const line = lines[i];
    const tag = tags[i];
    // A line whose Goal cell says "Non-program" is decided there: a goal set here would not count.
    if (tag?.confirmedNonProgram && tag.origin?.via === "sheet") return null;
    const own = tag && tag.goals.length > 0 ? tag.goals : null;
    if (goal === null)
      return own && tag.source !== "manual"
        ? { goals: own, via: "confirmed", label: lineLabel(line) }
        : null;
    if (own && tag.source !== "manual" && mainGoalId(own) === goal)
      return { goals: own, via: "confirmed", label: lineLabel(line) };
    if (tag?.source === "manual" && tag.goals.length === 1 && tag.goals[0].id === goal) return null;
    return { goals: [{ id: goal, share: 1 }], via: "pane", label: lineLabel(line) };
  };
  return collectDecisions(lines, indexes, decide, at);
}

/**
 * "Not a program" for every line of `indexes` (debt service, a transfer, a reserve): a person's decision that the
 * line is spending a plan need not cover. Lines already confirmed not a program are left out.
 */
export function decideNotPrograms(
  lines: BudgetLine[],
  tags: LineTag[],
  indexes: number[],
  at?: string
): BulkAccept {
  return collectDecisions(
    lines,
    indexes,
    (i) =>
      tags[i]?.confirmedNonProgram
        ? null
        : { goals: [], via: "pane", label: lineLabel(lines[i]), nonProgram: true },
    at
  );
}
