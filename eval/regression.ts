/**
 * The fast regression check on the committed eval fixtures: each city's fixture workbook read through the package
 * port (as `budget-align` reads a workbook), tagged zero-shot with its plan and scored blind (eval/blind.ts) against
 * the city's labels (committed beside the fixture as `<id>.labels.json`, so the check needs no ../shared/data).
 * `npm run eval -- --write-baseline` writes the figures to `fixtures/baseline.json` (and nothing else does);
 * `npm test` (test/eval/regression.test.ts) fails when a city's zero-shot top-1, mean flag precision or recall (each
 * priority removed in turn) falls more than two points below it, or its zero-shot ECE rises more than 0.02 above.
 */
import * as fs from "fs";
import * as path from "path";
import { normName } from "../src/core/keys";
import { readPlanJson } from "../src/core/plan/json";
import type { BudgetLine, Plan } from "../src/core/types";
import { analyse } from "../src/core/workflow";
import { PackagePort } from "../src/xlsx/package-port";
import { blindTaxonomy, planTexts, titlePhrases } from "./blind";
import {
  accuracy,
  calibrationPoints,
  calibrationTable,
  directTagger,
  flagWhenRemoved,
  withTaxonomy,
} from "./metrics";
import { sharedPlans } from "./shared-plans";

export interface FixtureFigures {
  top1: number;
  flagPrecision: number;
  flagRecall: number;
  /** Expected calibration error of the zero-shot suggestions (10 buckets), as the engine gives them. */
  ece: number;
}

/** How far a figure may move the wrong way before the check fails. */
export const TOLERANCE = { share: 0.02, ece: 0.02 };

/** The label file of a fixture: one entry per program. */
export interface LabelEntry {
  department: string;
  program: string;
  label: string | null;
}

const labelKey = (department: string, program: string) =>
  `${normName(department)}|${normName(program)}`;

export function labelsPath(dir: string, id: string): string {
  return path.join(dir, `${id}.labels.json`);
}

export function baselinePath(dir: string): string {
  return path.join(dir, "baseline.json");
}

export function readFixturePlan(dir: string, id: string): Plan {
  const parsed = readPlanJson(
    JSON.parse(fs.readFileSync(path.join(dir, `${id}.plan.json`), "utf8"))
  );
  if (!parsed.plan)
    throw new Error(`${id}.plan.json: ${parsed.issues.map((i) => i.message).join("; ")}`);
  return parsed.plan;
}

/**
 * Reads a fixture as a user's run would (package port, budget reader), then scores the engine on it, blind to the
 * city's own words. `repoRoot` locates the shared plans the blinding reads (eval/fixtures, ../shared/data).
 */
export async function fixtureFigures(
  dir: string,
  id: string,
  repoRoot: string
): Promise<FixtureFigures> {
  const plan = readFixturePlan(dir, id);
  const { taxonomy } = blindTaxonomy(planTexts(plan), titlePhrases(sharedPlans(repoRoot)));
  const port = await PackagePort.open(path.join(dir, `${id}.xlsx`));
  const run = await analyse(port, { today: "2026-07-01", plan, taxonomy });
  const lines: BudgetLine[] = run.budget.lines;
  const entries = JSON.parse(fs.readFileSync(labelsPath(dir, id), "utf8")) as LabelEntry[];
  const label = new Map(entries.map((e) => [labelKey(e.department, e.program), e.label]));
  const data = {
    lines,
    labels: lines.map((l) => label.get(labelKey(l.department, l.program)) ?? null),
  };
  const zero = run.tags;
  const flags = await flagWhenRemoved(data, plan, withTaxonomy(directTagger, taxonomy));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  return {
    top1: accuracy(zero, data, plan).top1,
    flagPrecision: mean(flags.map((f) => f.precision)),
    flagRecall: mean(flags.map((f) => f.recall)),
    ece: calibrationTable(calibrationPoints(zero, data, plan)).ece,
  };
}

/** What fell below the baseline, in words (empty when the engine holds it). */
export function regressions(id: string, now: FixtureFigures, base: FixtureFigures): string[] {
  const out: string[] = [];
  const pts = (x: number) => `${(100 * x).toFixed(1)}%`;
  for (const k of ["top1", "flagPrecision", "flagRecall"] as const)
    if (now[k] < base[k] - TOLERANCE.share)
      out.push(`${id}: ${k} ${pts(now[k])}, baseline ${pts(base[k])}`);
  if (now.ece > base.ece + TOLERANCE.ece)
    out.push(`${id}: ECE ${now.ece.toFixed(3)}, baseline ${base.ece.toFixed(3)}`);
  return out;
}
