/**
 * The diagnostic of priority-based budgeting: quartile crossed with the attributes a council weighs (mandate,
 * reliance on the city, cost recovery), and the programs it names for a closer look:
 * - candidates for review: quartile 4 or fitting no goal of the plan, and not mandated, with low reliance on the
 *   city and low cost recovery (an attribute not yet chosen does not keep a program off the list; the reason
 *   says it is not chosen);
 * - quartile 1 programs whose demand is rising (where money may be short).
 * It names programs to look at; it recommends no cut. Pure: the inventory in, plain data out.
 */
import type { ProgramAttribute } from "../types";
import { ATTRIBUTES } from "./attributes";
import type { Inventory, InventoryProgram } from "./program-inventory";

/** Attributes the diagnostic crosses with quartile. */
export const CROSSED: readonly ProgramAttribute[] = ["mandated", "reliance", "costRecovery"];

export const NOT_CHOSEN = "(not chosen)";

/** Choices that make a program a candidate: not mandated, low reliance on the city, low cost recovery. */
const LOW: Record<string, readonly string[]> = {
  mandated: ["Not mandated"],
  reliance: ["Several other providers", "Many other providers"],
  costRecovery: ["None", "1–25%"],
};
const RISING = ["Large increase", "Some increase"];

export interface CrossRow {
  attribute: string;
  choice: string;
  /** Per quartile 1–4: programs and cents. */
  programs: number[];
  cents: number[];
}

export interface DiagnosticProgram {
  key: string;
  department: string;
  program: string;
  quartile: number;
  cents: number;
  /** Why it is listed, in plain words. */
  why: string;
}

export interface Diagnostic {
  cross: CrossRow[];
  candidates: DiagnosticProgram[];
  rising: DiagnosticProgram[];
}

/** True when the program fits no goal: no money on any goal of the plan, or no influence on any priority. */
export function fitsNoGoal(p: InventoryProgram): boolean {
  return p.priorityCents.every((c) => c === 0) || p.computed.every((s) => s === 0);
}

function crossRows(inv: Inventory): CrossRow[] {
  const out: CrossRow[] = [];
  for (const id of CROSSED) {
    const a = ATTRIBUTES.find((x) => x.id === id)!;
    for (const choice of [...a.list, NOT_CHOSEN]) {
      const row: CrossRow = {
        attribute: a.header,
        choice,
        programs: [0, 0, 0, 0],
        cents: [0, 0, 0, 0],
      };
      for (const p of inv.programs) {
        const v = p.attributes[id] ?? NOT_CHOSEN;
        if (v !== choice) continue;
        row.programs[p.quartile - 1]++;
        row.cents[p.quartile - 1] += p.cents;
      }
      out.push(row);
    }
  }
  return out;
}

/** Short words for a low choice, as the Why listed column shows it. */
const SHORT: Record<string, string> = {
  "Not mandated": "not mandated",
  "Several other providers": "several providers",
  "Many other providers": "many providers",
  None: "no fees",
  "1–25%": "fees cover ≤25%",
};

/** Why a program is a candidate (short: it shares a printed row), or null when it is not one. */
function candidateWhy(p: InventoryProgram): string | null {
  const noGoal = fitsNoGoal(p);
  if (p.quartile !== 4 && !noGoal) return null;
  const parts = [
    [p.quartile === 4 ? "quartile 4" : "", noGoal ? "no goal" : ""].filter(Boolean).join(", "),
  ];
  let unchosen = 0;
  for (const id of CROSSED) {
    const v = p.attributes[id];
    if (v === undefined || v === "") unchosen++;
    else if (LOW[id].includes(v)) parts.push(SHORT[v] ?? v);
    else return null;
  }
  if (unchosen) parts.push(`${unchosen} of 3 attributes not chosen`);
  return parts.join("; ");
}

const entry = (p: InventoryProgram, why: string): DiagnosticProgram => ({
  key: p.key,
  department: p.department,
  program: p.program,
  quartile: p.quartile,
  cents: p.cents,
  why,
});

const byMoney = (a: DiagnosticProgram, b: DiagnosticProgram) =>
  b.cents - a.cents ||
  a.department.localeCompare(b.department) ||
  a.program.localeCompare(b.program);

export function diagnostic(inv: Inventory): Diagnostic {
  const candidates: DiagnosticProgram[] = [];
  const rising: DiagnosticProgram[] = [];
  for (const p of inv.programs) {
    const why = candidateWhy(p);
    if (why) candidates.push(entry(p, why));
    const demand = p.attributes.demand;
    if (p.quartile === 1 && demand && RISING.includes(demand))
      rising.push(entry(p, `demand: ${demand.toLowerCase()}`));
  }
  return {
    cross: crossRows(inv),
    candidates: candidates.sort(byMoney),
    rising: rising.sort(byMoney),
  };
}

/** What the pane's Reports step shows of the Programs sheet: the quartile map and the top candidates. */
export interface ProgramsSummary {
  priorities: { id: string; title: string }[];
  /** Dollars by quartile (rows 1–4) × priority (columns, plan order, then money on no goal). */
  quartileMap: number[][];
  /** Programs per quartile 1–4. */
  programs: number[];
  /** The largest candidates for review (at most TOP_SHOWN), amounts in dollars. */
  candidates: (Omit<DiagnosticProgram, "cents"> & { amount: number })[];
  candidateCount: number;
  /** The largest quartile 1 programs whose demand is rising (at most TOP_SHOWN). */
  rising: (Omit<DiagnosticProgram, "cents"> & { amount: number })[];
  risingCount: number;
}

/** Candidates (and rising-demand programs) the pane names one by one. */
export const TOP_SHOWN = 5;

export function programsSummary(
  inv: Inventory,
  diag: Diagnostic = diagnostic(inv)
): ProgramsSummary {
  const k = inv.priorities.length;
  const quartileMap = [0, 1, 2, 3].map(() => new Array<number>(k + 1).fill(0));
  const programs = [0, 0, 0, 0];
  for (const p of inv.programs) {
    const row = quartileMap[p.quartile - 1];
    programs[p.quartile - 1]++;
    for (let j = 0; j < k; j++) row[j] += p.priorityCents[j];
    row[k] += p.otherCents;
  }
  const dollars = ({ cents, ...rest }: DiagnosticProgram) => ({ ...rest, amount: cents / 100 });
  return {
    priorities: inv.priorities.map((p) => ({ ...p })),
    quartileMap: quartileMap.map((row) => row.map((c) => c / 100)),
    programs,
    candidates: diag.candidates.slice(0, TOP_SHOWN).map(dollars),
    candidateCount: diag.candidates.length,
    rising: diag.rising.slice(0, TOP_SHOWN).map(dollars),
    risingCount: diag.rising.length,
  };
}
