/**
 * Turns what an entry point did with one hostile input into a plain, comparable "outcome": the exact issues
 * (severity, code, cell, message), the plan tree with its texts, the state, or the run's result. The bad-input
 * corpus (test/fixtures/bad/*.json) stores the expected outcome of each input next to the input.
 */
import { readPlanJson } from "../../src/core/plan/json";
import { readPlanSheet } from "../../src/core/plan/sheet";
import { parseState, serializeState } from "../../src/core/state";
import type { Issue, Plan, SheetCells } from "../../src/core/types";

export const issueLine = (i: Issue): string =>
  `${i.severity} ${i.code}${i.cell ? ` @${i.sheet ?? ""}!${i.cell}` : i.sheet ? ` @${i.sheet}` : ""}: ${i.message}`;

/** The plan as lines: id, level and the exact texts a report would show. */
export function planTree(plan: Plan | null): string[] | null {
  if (!plan) return null;
  const out: string[] = [
    `plan ${JSON.stringify(plan.name)} adopted=${plan.adopted} fy=${plan.fiscalYearStart} horizon=${plan.horizonYears}`,
  ];
  const t = (s: string | undefined) => JSON.stringify(s ?? "");
  for (const p of plan.priorities) {
    out.push(`${p.id} priority ${t(p.title)}${p.description ? ` desc=${t(p.description)}` : ""}`);
    for (const g of p.goals) {
      out.push(
        `  ${g.id} goal ${t(g.title)}${g.description ? ` desc=${t(g.description)}` : ""}${g.keywords ? ` kw=${JSON.stringify(g.keywords)}` : ""}`
      );
      for (const s of g.subgoals ?? []) {
        out.push(`    ${s.id} subgoal ${t(s.title)}`);
        for (const a of s.actions ?? [])
          out.push(
            `      ${a.id} action ${t(a.title)} owner=${t(a.owner)} ${a.start ?? "-"}..${a.due ?? "-"} measure=${t(a.measure)} target=${t(a.target)} status=${t(a.status)}`
          );
      }
      for (const a of g.actions ?? [])
        out.push(
          `    ${a.id} action ${t(a.title)} owner=${t(a.owner)} ${a.start ?? "-"}..${a.due ?? "-"} measure=${t(a.measure)} target=${t(a.target)} status=${t(a.status)}`
        );
    }
  }
  return out;
}

export interface PlanSheetFixture {
  id: string;
  what: string;
  kind: "plan-sheet";
  sheet: SheetCells;
  expect?: unknown;
}
export interface PlanJsonFixture {
  id: string;
  what: string;
  kind: "plan-json";
  text: string;
  expect?: unknown;
}
export interface StateFixture {
  id: string;
  what: string;
  kind: "state";
  rows: unknown[];
  expect?: unknown;
}

export function planSheetOutcome(f: PlanSheetFixture) {
  const read = readPlanSheet(f.sheet);
  return { issues: read.issues.map(issueLine), plan: planTree(read.plan) };
}

export function planJsonOutcome(f: PlanJsonFixture) {
  const read = readPlanJson(f.text, "plan.json");
  return { issues: read.issues.map(issueLine), plan: planTree(read.plan) };
}

/** State: what is read, and whether writing it back and reading again loses anything. */
export function stateOutcome(f: StateFixture) {
  const read = parseState(f.rows);
  const again = parseState(serializeState(read.state));
  return {
    issues: read.issues.map(issueLine),
    state: read.state,
    roundTripSame: JSON.stringify(again.state) === JSON.stringify(read.state),
  };
}
