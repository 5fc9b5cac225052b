/**
 * `node lib/eval/flags.js [city-id ...] [--list] [--causes] [--shipped]`: the flags of eval/README.md's "Flags" section, city by
 * city and priority by priority, with what the engine read for each program. For each city (blind by default, as the
 * published figure; through the same package port as a user's run) it removes each priority in turn and prints the
 * flag precision and recall, then (with `--list`) every program of the removed priority that was not flagged and
 * every program of another priority that was, each with its functions, what the engine said and the plan reading
 * behind it (silent priorities, the remaining priority that covers its function best and how much). Last, the
 * programs flagged with the full plan, and zero-shot top-1 at the priority level. With `--causes`, each city's missed
 * and wrong flags (and right ones) counted by cause (causeOf). Blind in the confidence too: the
 * fit without the city from eval/results.json (blindCalibration), as the published figures.
 */
import { programKey } from "../src/core/keys";
import { areaOf, leanedAreas, planReading, silentMayHold } from "../src/core/tagging/elimination";
import { LITERAL_WHY } from "../src/core/tagging/engine";
import { FUNCTION_WEIGHTS } from "../src/core/tagging/weights";
import {
  DEFAULT_TAXONOMY,
  functionLabels,
  planCoverage,
  programFunctions,
  coveredShare,
  fitCoverage,
  taxonomy as compile,
  spokenCoverage,
  type FunctionProfile,
  type TaxonomyData,
} from "../src/core/tagging/functions";
import { AREAS, FUNCTIONS } from "../src/core/tagging/taxonomy";
import type { BudgetLine, LineTag, Plan } from "../src/core/types";
import { blindCalibration, blindTaxonomy, planTexts, titlePhrases } from "./blind";
import { dataSets } from "./data";
import { accuracy, flaggedShare, withOptions, type Scored } from "./metrics";
import { readCity } from "./run-eval";
import { sharedPlans } from "./shared-plans";
import * as path from "path";

interface Program {
  key: string;
  label: string;
  line: BudgetLine;
  index: number;
  fn: FunctionProfile;
}

function programsOf(data: Scored, tx: TaxonomyData): Program[] {
  const keys = new Map<string, number>();
  const programOfLine = new Int32Array(data.lines.length);
  data.lines.forEach((l, i) => {
    const k = programKey(l);
    if (!keys.has(k)) keys.set(k, keys.size);
    programOfLine[i] = keys.get(k)!;
  });
  const profiles = programFunctions(data.lines, programOfLine, keys.size, compile(tx));
  const out = new Map<string, Program>();
  data.lines.forEach((l, i) => {
    const label = data.labels[i];
    const k = programKey(l);
    if (!label || out.has(k)) return;
    out.set(k, { key: k, label, line: l, index: i, fn: profiles[programOfLine[i]] });
  });
  return [...out.values()];
}

/** What the engine read for one program under one plan: its functions and who covers the first of them. */
function reading(p: Program, tag: LineTag, plan: Plan, tx: TaxonomyData): string {
  const t = compile(tx);
  const cover = planReading(plan, planCoverage(plan, t), spokenCoverage(plan, t)).coverage;
  const fn0 = p.fn.fns[0];
  let best = "";
  let bestW = 0;
  for (const q of plan.priorities) {
    const w = fn0 === undefined ? 0 : (cover.get(q.id)?.get(fn0) ?? 0);
    if (w > bestW) {
      bestW = w;
      best = q.id;
    }
  }
  const area =
    fn0 === undefined ? "" : (AREAS.find((a) => a.id === FUNCTIONS[fn0]?.area)?.id ?? "");
  const fns = p.fn.fns.length ? `${functionLabels(p.fn, 3)} [${area}]` : "no function";
  return (
    `${p.label} [${p.line.department}] ${p.line.program} — fns ${fns} strength ${p.fn.strength.toFixed(1)}; ` +
    `cover ${best || "-"} ${bestW.toFixed(2)}; ${tag.source} ${tag.confidence} → ${tag.nearest?.id ?? "-"}: ${tag.why}`
  );
}

/**
 * Why a program of the removed priority was not flagged (`missed`), or why a program of another priority was
 * (`wrong`), in the causes the flags section of eval/README.md counts. `plan` is the plan without the removed
 * priority. Read from the tag and the same plan reading the engine makes (it does not re-run the engine's decision).
 * In a plan of titles only, the "goal" is the priority itself.
 */
function causeOf(
  kind: "missed" | "wrong",
  p: Program,
  tag: LineTag,
  plan: Plan,
  tx: TaxonomyData
): string {
  const t = compile(tx);
  const spoken = spokenCoverage(plan, t);
  const full = planReading(plan, planCoverage(plan, t), spoken);
  const fit = planReading(plan, fitCoverage(plan, t), spoken);
  const fn0 = p.fn.fns[0];
  const strong = p.fn.strength >= FUNCTION_WEIGHTS.strongFunction;
  const covers = (c: Map<number, number> | undefined, fn: number | undefined) =>
    fn !== undefined && (c?.get(fn) ?? 0) >= FUNCTION_WEIGHTS.fitCovered;
  const anyPriority = (cov: typeof full.coverage, fn: number | undefined) =>
    plan.priorities.some((q) => covers(cov.get(q.id), fn));
  if (kind === "wrong") {
    if (!strong) return "wrong: function unknown";
    const own = plan.priorities.find((q) => q.id === p.label);
    if (own && coveredShare(p.fn, fit.coverage.get(own.id)) >= FUNCTION_WEIGHTS.fitCovered)
      return "wrong: its own priority covers it";
    if (own && coveredShare(p.fn, full.coverage.get(own.id)) >= FUNCTION_WEIGHTS.fitCovered)
      return "wrong: its own priority covers it only by a facility text";
    return "wrong: the remaining plan does not name its work";
  }
  if (tag.goals.length > 0) {
    if (tag.source === "learned") return "missed, tagged: learned";
    if (tag.why.startsWith(LITERAL_WHY)) return "missed, tagged: the goal names the program";
    const node = tag.goals[0].id;
    if (covers(fit.coverage.get(node), fn0))
      return covers(spoken.get(node), fn0)
        ? "missed, tagged: the goal's own words cover its function"
        : "missed, tagged: the goal covers its function only by its priority's title or by elimination";
    if (covers(full.coverage.get(node), fn0)) return "missed, tagged: a facility goal";
    if (coveredShare(p.fn, fit.coverage.get(node)) >= FUNCTION_WEIGHTS.fitCovered)
      return "missed, tagged: the goal covers a neighbouring function";
    return "missed, tagged: a loose word";
  }
  if (!strong) return "missed, untagged: function unknown";
  if (silentMayHold(full, p.fn.fns)) return "missed, untagged: a silent priority may hold it";
  if (
    plan.priorities.some(
      (q) => coveredShare(p.fn, fit.coverage.get(q.id)) >= FUNCTION_WEIGHTS.fitCovered
    )
  )
    return "missed, untagged: covered, below the confidence threshold";
  const area = areaOf(fn0);
  if (fit.planAreas.has(area) || leanedAreas(plan.priorities).has(area))
    return anyPriority(full.coverage, fn0)
      ? "missed, untagged: area spoken of (and a facility text names it)"
      : "missed, untagged: area spoken of";
  return "missed, untagged: a priority title shares its words";
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const list = args.includes("--list");
  const causes = args.includes("--causes");
  const ids = args.filter((a) => !a.startsWith("--"));
  const sets = dataSets().filter((d) => ids.length === 0 || ids.includes(d.id));
  const titles = titlePhrases(sharedPlans(path.resolve(__dirname, "..", "..")));
  const means: string[] = [];
  for (const ds of sets) {
    const city = await readCity(ds);
    const tx = args.includes("--shipped")
      ? undefined
      : blindTaxonomy(planTexts(ds.plan), titles).taxonomy;
    const data = tx ?? DEFAULT_TAXONOMY;
    const tagger = withOptions(city.tagger, {
      taxonomy: tx,
      calibration: tx ? blindCalibration(ds.id) : undefined,
    });
    const programs = programsOf(city.data, data);
    const P: number[] = [];
    const R: number[] = [];
    const counts = new Map<string, number>();
    const count = (c: string) => counts.set(c, (counts.get(c) ?? 0) + 1);
    console.log(`\n=== ${ds.id}`);
    for (const removed of ds.plan.priorities) {
      const plan: Plan = {
        ...ds.plan,
        priorities: ds.plan.priorities.filter((q) => q !== removed),
      };
      const t = compile(data);
      const silent = planReading(plan, planCoverage(plan, t), spokenCoverage(plan, t)).silent;
      const tags = await tagger(city.data.lines, plan, {});
      const flagged = new Set<string>();
      city.data.lines.forEach((l, i) => {
        if (city.data.labels[i] && tags[i].flagged) flagged.add(programKey(l));
      });
      const pos = programs.filter((p) => p.label === removed.id);
      const tp = pos.filter((p) => flagged.has(p.key)).length;
      const precision = flagged.size ? tp / flagged.size : pos.length ? 0 : 1;
      const recall = pos.length ? tp / pos.length : 1;
      P.push(precision);
      R.push(recall);
      console.log(
        `- ${removed.id} "${removed.title}": ${pos.length} programs, ${flagged.size} flagged, ${tp} right: ` +
          `P ${(100 * precision).toFixed(1)} R ${(100 * recall).toFixed(1)}` +
          (silent.length ? `; silent: ${silent.map((s) => s.priorityId).join(", ")}` : "")
      );
      if (causes) {
        for (const p of pos)
          if (!flagged.has(p.key)) count(causeOf("missed", p, tags[p.index], plan, data));
          else
            count(
              p.fn.strength >= FUNCTION_WEIGHTS.strongFunction
                ? "right: its functions named"
                : "right: function unknown"
            );
        for (const p of programs)
          if (p.label !== removed.id && flagged.has(p.key))
            count(causeOf("wrong", p, tags[p.index], plan, data));
      }
      if (!list) continue;
      for (const p of pos)
        if (!flagged.has(p.key)) console.log(`    missed ${reading(p, tags[p.index], plan, data)}`);
      for (const p of programs)
        if (p.label !== removed.id && flagged.has(p.key))
          console.log(`    wrong  ${reading(p, tags[p.index], plan, data)}`);
    }
    const zero = await tagger(city.data.lines, ds.plan, {});
    const full = flaggedShare(zero, city.data);
    const top1 = accuracy(zero, city.data, ds.plan).top1;
    const mp = P.reduce((a, b) => a + b, 0) / P.length;
    const mr = R.reduce((a, b) => a + b, 0) / R.length;
    const line = `${ds.id}: mean P ${(100 * mp).toFixed(1)} R ${(100 * mr).toFixed(1)}; full plan ${full.flagged} of ${full.programs} flagged (${((100 * full.flagged) / full.programs).toFixed(1)}%); zero-shot top-1 ${(100 * top1).toFixed(1)}%`;
    console.log(line);
    means.push(line);
    if (causes)
      for (const [c, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
        console.log(`  ${String(n).padStart(4)}  ${c}`);
    if (list)
      for (const p of programs)
        if (zero[p.index].flagged)
          console.log(`    full   ${reading(p, zero[p.index], ds.plan, data)}`);
  }
  console.log(`\n${means.join("\n")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
