/**
 * How the plan's words are read as a whole, beyond what each goal names: which areas of the taxonomy the plan covers,
 * which priorities name no work at all ("Pride in All We Do"), and coverage by elimination (the one such priority read
 * as the home of the city's own administration when no goal names it). The engine ranks and flags with it; the pane's
 * Plan step shows it, so what the engine reads and what the analyst sees are one computation.
 */
import type { Plan, Priority } from "../types";
import { adjectiveAreas } from "./concepts";
import { planCoverage, spokenCoverage, type Coverage } from "./functions";
import { AREAS, FUNCTIONS } from "./taxonomy";
import { FUNCTION_WEIGHTS } from "./weights";

/** The area of a function (by its index in the taxonomy), or "" for none. */
export function areaOf(fn: number | undefined): string {
  return fn === undefined ? "" : (FUNCTIONS[fn]?.area ?? "");
}

/** How many functions of the taxonomy each area holds. */
const AREA_SIZES: ReadonlyMap<string, number> = (() => {
  const out = new Map<string, number>();
  for (const f of FUNCTIONS) out.set(f.area, (out.get(f.area) ?? 0) + 1);
  return out;
})();

/** Areas of which the plan covers at least one function as well as a program needs to fit: the areas it names at all. */
function namedAreas(coverage: Coverage, priorities: readonly { id: string }[]): Set<string> {
  const out = new Set<string>();
  for (const p of priorities)
    for (const [fn, w] of coverage.get(p.id) ?? [])
      if (w >= FUNCTION_WEIGHTS.fitCovered) out.add(areaOf(fn));
  return out;
}

/**
 * The areas the plan speaks of: it names FUNCTION_WEIGHTS.areaSpokenOf or more of their functions (all of the area
 * when it has fewer). One function named is a mention, not the area ("a goal that names city facilities does not say
 * the plan means human resources or fleet too"); an area the plan speaks of may hold work the plan does not name (a
 * plan that names parks and libraries may mean the zoo), an area it only mentions does not. Read from what each
 * node's own words name (spokenCoverage): the priorities' own titles, and the goals that are mostly about the area (at
 * least half of the functions a goal's own words name are the area's). A goal that names a function of another area in passing
 * ("key system upgrades, including … Payroll, Finance and Asset Management"; "buildings that are all-electric") does
 * not make the plan speak of that area: two such mentions are not water and sewer. "Keep city facilities in good
 * repair" and "Replace fleet vehicles on schedule" are about internal services, and together speak of them. A plan of
 * titles only reads as its titles.
 */
function spokenAreas(spoken: Coverage, priorities: readonly Priority[]): Set<string> {
  const named = new Map<string, Set<number>>();
  const add = (area: string, fn: number) => {
    let fns = named.get(area);
    if (!fns) named.set(area, (fns = new Set()));
    fns.add(fn);
  };
  const coveredFns = (id: string) =>
    [...(spoken.get(id) ?? [])]
      .filter(([, w]) => w >= FUNCTION_WEIGHTS.fitCovered)
      .map(([fn]) => fn);
  for (const p of priorities) {
    for (const fn of coveredFns(p.id)) add(areaOf(fn), fn);
    for (const g of p.goals ?? []) {
      const fns = coveredFns(g.id);
      const perArea = new Map<string, number>();
      for (const fn of fns) perArea.set(areaOf(fn), (perArea.get(areaOf(fn)) ?? 0) + 1);
      for (const fn of fns) if (2 * perArea.get(areaOf(fn))! >= fns.length) add(areaOf(fn), fn);
    }
  }
  const out = new Set<string>();
  for (const [area, fns] of named)
    if (fns.size >= Math.min(FUNCTION_WEIGHTS.areaSpokenOf, AREA_SIZES.get(area) ?? 1))
      out.add(area);
  return out;
}

/**
 * The areas of a city's own administration: the work priority-based budgeting calls governance programs (they serve
 * the organisation, not residents directly, and are scored against governance results of their own): GASB's general
 * government and the Census's financial administration and central staff services.
 */
export const GOVERNANCE_AREAS: ReadonlySet<string> = new Set([
  "governance",
  "finance",
  "internal-services",
]);

export interface Residual {
  priorityId: string;
  title: string;
}

/**
 * Coverage by elimination. When no goal of the plan names the city's own administration (no function of the
 * governance areas is covered, and no title leans to them), and exactly one priority names no work at all (its own
 * and its goals' words cover no function and lean to no area: "Pride in All We Do"), that priority is read as the home
 * of the governance programs, as priority-based budgeting keeps governance programs under results of their own. The
 * engine says so in the tag's reason. With two or more such priorities elimination names none, and nothing is read.
 */
function residualPriority(covered: Set<string>, silent: Residual[]): Residual | null {
  for (const a of GOVERNANCE_AREAS) if (covered.has(a)) return null;
  return silent.length === 1 ? silent[0] : null;
}

/**
 * Priorities that name no work at all: their own and their goals' words cover no function and their title leans to
 * no area ("Pride in All We Do"). Their scope is unknown, so while one is in the plan no program it may hold is said
 * to fit no goal (silentMayHold; a priority called "A Safe City" is not silent: it speaks of public safety).
 */
function silentPriorities(coverage: Coverage, plan: Plan): Residual[] {
  const out: Residual[] = [];
  for (const p of plan.priorities) {
    const covered = [...(coverage.get(p.id)?.values() ?? [])].some(
      (w) => w >= FUNCTION_WEIGHTS.fitCovered
    );
    if (covered) continue;
    if (leanedAreas([p]).size > 0) continue;
    out.push({ priorityId: p.id, title: p.title });
  }
  return out;
}

/** The plan's coverage with the residual priority covering every governance function (a copy; the cache is kept). */
function withResidual(coverage: Coverage, r: Residual): Coverage {
  const out: Coverage = new Map(coverage);
  const mine = new Map(coverage.get(r.priorityId) ?? []);
  FUNCTIONS.forEach((f, i) => {
    if (GOVERNANCE_AREAS.has(f.area))
      mine.set(i, Math.max(mine.get(i) ?? 0, FUNCTION_WEIGHTS.coverByElimination));
  });
  out.set(r.priorityId, mine);
  return out;
}

/**
 * Areas the priorities' titles and descriptions lean to by an adjective of the area's general name ("A Safe City",
 * "Healthy Communities"). A priority's adjective states an aim; a goal's qualifies a means ("safe, functional and
 * efficient facilities" says nothing of policing), so goals are not read.
 */
export function leanedAreas(
  priorities: readonly { title: string; description?: string }[]
): Set<string> {
  const out = new Set<string>();
  for (const p of priorities)
    for (const t of [p.title, p.description]) if (t) for (const a of adjectiveAreas(t)) out.add(a);
  return out;
}

/**
 * Whether at least half of the plan's priorities name no work by their words (cover no function, whatever their
 * adjectives lean to): a plan of slogans ("A Safe City", "A Well Run City") whose silence on a program says nothing.
 */
function mostlyWordless(coverage: Coverage, plan: Plan): boolean {
  let wordless = 0;
  for (const p of plan.priorities)
    if (![...(coverage.get(p.id)?.values() ?? [])].some((w) => w >= FUNCTION_WEIGHTS.fitCovered))
      wordless++;
  return (
    plan.priorities.length > 0 && wordless >= FUNCTION_WEIGHTS.wordlessPlan * plan.priorities.length
  );
}

/** The plan read as a whole: covered areas, silent priorities, the residual priority and the coverage with it. */
export interface PlanReading {
  /** Areas the plan speaks of (spokenAreas: in the priorities' titles or in goals about the area). */
  planAreas: Set<string>;
  silent: Residual[];
  residual: Residual | null;
  /** At least half the priorities name no work (mostlyWordless): a silent priority may then hold anything. */
  wordless: boolean;
  coverage: Coverage;
}

/** `spoken` is what each node's own words name (spokenCoverage): the areas the plan speaks of are read from it. */
export function planReading(plan: Plan, planCover: Coverage, spoken: Coverage): PlanReading {
  const planAreas = spokenAreas(spoken, plan.priorities);
  const silent = silentPriorities(planCover, plan);
  // Elimination needs no goal to name the city's administration at all: one named function is enough to say it does.
  const residual = residualPriority(namedAreas(planCover, plan.priorities), silent);
  return {
    planAreas,
    silent,
    residual,
    wordless: mostlyWordless(planCover, plan),
    coverage: residual ? withResidual(planCover, residual) : planCover,
  };
}

/**
 * Whether a priority that names no work may be the home of a program of these functions, so that the program cannot
 * be said to fit no goal. Priority-based budgeting keeps the city's own administration under results of their own,
 * and a plan's one unnamed priority ("Pride in All We Do", "Operations") is where that work goes when no goal names
 * it; a police or parks program is not made uncertain by such a priority when no other priority covers its work. Only
 * where at least half the priorities name no work (a plan of slogans) can a silent priority hold anything.
 */
export function silentMayHold(reading: PlanReading, fns: readonly number[]): boolean {
  if (reading.silent.length === 0) return false;
  if (reading.wordless) return true;
  return fns.some((f) => GOVERNANCE_AREAS.has(areaOf(f)));
}

/**
 * For the Plan step: the priority read by elimination and the areas of work it is read as covering ("general
 * government", "financial management", "internal services"), or null when the plan names its administration or has
 * no single priority that names no work.
 */
export function eliminationView(
  plan: Plan,
  planCover: Coverage = planCoverage(plan)
): { priorityId: string; areas: string[] } | null {
  const { residual } = planReading(plan, planCover, spokenCoverage(plan));
  if (!residual) return null;
  return {
    priorityId: residual.priorityId,
    areas: AREAS.filter((a) => GOVERNANCE_AREAS.has(a.id)).map((a) => a.label),
  };
}
