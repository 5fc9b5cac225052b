/**
 * The fast regression check on the committed eval fixtures: each city's fixture workbook read by the budget reader,
 * tagged zero-shot with its plan, and scored against the city's labels (committed beside the fixture as
 * `<id>.labels.json`, so the check needs no ../shared/data). `npm run eval` writes the figures to
 * `fixtures/baseline.json`; `npm test` (test/eval/regression.test.ts) fails when a city's zero-shot top-1 or mean
 * flag recall (each priority removed in turn) falls more than two points below it.
 */
import * as fs from "fs";
import * as path from "path";
import { normName } from "../src/core/keys";
import { readPlanJson } from "../src/core/plan/json";
import type { BudgetLine, Plan } from "../src/core/types";
import { analyse } from "../src/core/workflow";
import { XlsxPort } from "../src/xlsx/port";
import { accuracy, directTagger, flagWhenRemoved } from "./metrics";

export interface FixtureFigures {
  top1: number;
  flagPrecision: number;
  flagRecall: number;
}

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

/** Reads a fixture as a user's run would (budget reader over the workbook), then scores the engine on it. */
export async function fixtureFigures(dir: string, id: string): Promise<FixtureFigures> {
  const parsed = readPlanJson(
    JSON.parse(fs.readFileSync(path.join(dir, `${id}.plan.json`), "utf8"))
  );
  if (!parsed.plan)
    throw new Error(`${id}.plan.json: ${parsed.issues.map((i) => i.message).join("; ")}`);
  const plan: Plan = parsed.plan;
  const port = await XlsxPort.open(path.join(dir, `${id}.xlsx`));
  const run = await analyse(port, { today: "2026-07-01", plan });
  const lines: BudgetLine[] = run.budget.lines;
  const entries = JSON.parse(fs.readFileSync(labelsPath(dir, id), "utf8")) as LabelEntry[];
  const label = new Map(entries.map((e) => [labelKey(e.department, e.program), e.label]));
  const data = {
    lines,
    labels: lines.map((l) => label.get(labelKey(l.department, l.program)) ?? null),
  };
  const zero = run.tags;
  const flags = await flagWhenRemoved(data, plan, directTagger);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  return {
    top1: accuracy(zero, data, plan).top1,
    flagPrecision: mean(flags.map((f) => f.precision)),
    flagRecall: mean(flags.map((f) => f.recall)),
  };
}
