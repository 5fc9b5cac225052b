/**
 * `npm run eval`: measures the tagging engine on real city budgets (../shared/data) the way a user runs it — a plan
 * and a budget workbook, no labels given — and prints, per data set, zero-shot top-1/top-3 at the priority level,
 * accuracy after 10% and 25% of programs are confirmed, flagging when one outcome is removed from the plan, and a
 * calibration table. Writes the figures to eval/results.json.
 *
 * Path: through src/core/workflow.ts `analyse` over XlsxPort on the fixture workbook when the budget reader is
 * built; until then budget lines are made directly from the CSV (what the reader would give) and tagLines is called.
 */
import * as fs from "fs";
import * as path from "path";
import { normName } from "../src/core/keys";
import type { BudgetLine, LineTag, Plan, TagOptions, WorkbookState } from "../src/core/types";
import { dataSets, linesOf, type DataSet } from "./data";
import { ensureFixtures, FIXTURE_DIR } from "./fixtures";
import { baselinePath, fixtureFigures } from "./regression";
import {
  accuracy,
  afterConfirming,
  afterConfirmNext,
  applyPlatt,
  fitPlatt,
  calibrationPoints,
  calibrationTable,
  departmentCeilings,
  directTagger,
  flagWhenRemoved,
  type CalibrationPoint,
  type Scored,
  type Tagger,
} from "./metrics";

const RESULTS = path.resolve(__dirname, "..", "..", "eval", "results.json");

interface FullPath {
  analyse: (
    port: unknown,
    options: { today: string; plan?: Plan }
  ) => Promise<{ budget: { lines: BudgetLine[] }; tags: LineTag[] }>;
  open: (file: string) => Promise<{ readState(): Promise<WorkbookState> }>;
}

/** The workflow and the xlsx port as compiled, when the budget reader they need exists. */
function loadFullPath(): FullPath | null {
  try {
    if (!fs.existsSync(path.resolve(__dirname, "..", "src", "core", "budget", "read.js")))
      return null;
    const wf = require("../src/core/workflow") as { analyse: FullPath["analyse"] };
    const xp = require("../src/xlsx/port") as { XlsxPort: { open: FullPath["open"] } };
    return { analyse: wf.analyse, open: (f) => xp.XlsxPort.open(f) };
  } catch {
    return null;
  }
}

/** Lines, labels and a tagger over the fixture workbook (full path), with staff's tags passed as the stored state. */
async function viaWorkbook(
  full: FullPath,
  ds: DataSet,
  xlsx: string
): Promise<{ data: Scored; tagger: Tagger } | null> {
  const run = async (plan: Plan, options: TagOptions) => {
    const port = await full.open(xlsx);
    const stored = await port.readState();
    const state: WorkbookState = {
      ...stored,
      tags: { ...stored.tags, ...(options.manual ?? {}) },
      rules: options.rules ?? [],
    };
    port.readState = async () => state;
    return full.analyse(port, { today: "2026-07-01", plan });
  };
  const first = await run(ds.plan, {});
  const label = new Map(
    ds.programs.map((p) => [`${normName(p.department)}|${normName(p.program)}`, p.label])
  );
  const lines = first.budget.lines;
  if (lines.length !== ds.programs.length) {
    console.log(
      `  (full path read ${lines.length} lines instead of ${ds.programs.length}: using the direct path)`
    );
    return null;
  }
  const labels = lines.map(
    (l) => label.get(`${normName(l.department)}|${normName(l.program)}`) ?? null
  );
  const tagger: Tagger = async (_lines, plan, options) => (await run(plan, options)).tags;
  return { data: { lines, labels }, tagger };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function evaluate(ds: DataSet, full: FullPath | null) {
  const files = await ensureFixtures(ds, process.argv.includes("--fixtures"));
  let data: Scored = { lines: linesOf(ds), labels: ds.programs.map((p) => p.label) };
  let tagger: Tagger = directTagger;
  let route = "direct (CSV → BudgetLine → tagLines)";
  if (full) {
    const w = await viaWorkbook(full, ds, files.xlsx);
    if (w) {
      data = w.data;
      tagger = w.tagger;
      route = "workbook (XlsxPort → analyse with options.plan)";
    }
  }
  const plan = ds.plan;
  const t0 = Date.now();
  const zero = await tagger(data.lines, plan, {});
  const ms = Date.now() - t0;
  const z = accuracy(zero, data, plan);
  const zeroPoints = calibrationPoints(zero, data, plan);
  const tagged = zero.filter((t, i) => data.labels[i] && t.goals.length > 0).length;
  const fullFlagged = zero.filter((t, i) => data.labels[i] && t.flagged).length;
  console.log(`FULLPLAN ${ds.id}: ${fullFlagged}/${z.n} labelled programs flagged with the full plan`);
  const confirmed = [];
  const confirmNext = [];
  const learnPoints: CalibrationPoint[] = [];
  for (const f of [0.1, 0.25]) {
    const r = await afterConfirming(data, plan, f, tagger, zero);
    confirmed.push(r.result);
    learnPoints.push(...r.calibration);
    confirmNext.push(await afterConfirmNext(data, plan, f, tagger, zero));
  }
  const ceilings = departmentCeilings(data, plan, zero, 0.25);
  const flags = await flagWhenRemoved(data, plan, tagger);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const pooledTp = flags.reduce((s, f) => s + f.truePositives, 0);
  const pooledFlagged = flags.reduce((s, f) => s + f.flagged, 0);
  const pooledPos = flags.reduce((s, f) => s + f.positives, 0);
  const flagSummary = {
    precision: mean(flags.map((f) => f.precision)),
    recall: mean(flags.map((f) => f.recall)),
    pooledPrecision: pooledFlagged ? pooledTp / pooledFlagged : 0,
    pooledRecall: pooledPos ? pooledTp / pooledPos : 0,
    perOutcome: flags,
  };
  const zeroCal = calibrationTable(zeroPoints);
  const learnCal = calibrationTable(learnPoints);

  console.log(`\n${ds.name}`);
  console.log(
    `  route: ${route}; ${data.lines.length} programs, ${z.n} labelled (${ds.labels}); tagged in ${ms} ms`
  );
  console.log(
    `  zero-shot: top-1 ${pct(z.top1)}, top-3 ${pct(z.top3)}; tagged at the default threshold: ${tagged}/${z.n}`
  );
  for (const c of confirmed) {
    console.log(
      `  after ${pct(c.fraction)} confirmed at random (${c.confirmedPrograms} programs, mean of ${c.seeds} seeds): ` +
        `top-1 ${pct(c.top1)}, top-3 ${pct(c.top3)} on the other ${c.n} (zero-shot on the same rows ${pct(c.zeroTop1SameRows)}, ` +
        `${c.top1 >= c.zeroTop1SameRows ? "+" : ""}${(100 * (c.top1 - c.zeroTop1SameRows)).toFixed(1)} points); ` +
        `all lines right ${pct(c.overall)}, by money ${pct(c.overallMoney)}`
    );
  }
  for (const c of confirmNext) {
    console.log(
      `  after ${pct(c.fraction)} confirmed in "confirm next" order (${c.confirmedPrograms} programs): ` +
        `top-1 ${pct(c.top1)} on the other ${c.n} (zero-shot on the same rows ${pct(c.zeroTop1SameRows)}); ` +
        `all lines right ${pct(c.overall)}, by money ${pct(c.overallMoney)}`
    );
  }
  console.log(
    `  copying the department: oracle after 25% confirmed ${pct(ceilings.oracle)} (right when any confirmed program of ` +
      `the department has the label, else the zero-shot guess); department majority with every other program known ` +
      `${pct(ceilings.majorityWithAllOthersKnown)}`
  );
  console.log(
    `  flag when one outcome is removed (mean over ${flags.length}): precision ${pct(flagSummary.precision)}, recall ${pct(flagSummary.recall)}` +
      ` (pooled ${pct(flagSummary.pooledPrecision)} / ${pct(flagSummary.pooledRecall)})`
  );
  for (const f of flags) {
    console.log(
      `    without ${f.removed}: ${f.truePositives}/${f.positives} of its programs flagged, ${f.flagged} flagged in all`
    );
  }
  const table = (name: string, c: ReturnType<typeof calibrationTable>) => {
    console.log(`  calibration, ${name} (ECE ${c.ece.toFixed(3)}):`);
    for (const b of c.buckets) {
      if (b.n)
        console.log(
          `    ${b.from.toFixed(1)}–${b.to.toFixed(1)}: n=${String(b.n).padStart(4)}  mean conf ${pct(b.meanConfidence)}  right ${pct(b.right)}`
        );
    }
  };
  table("zero-shot suggestions", zeroCal);
  table("after confirming (10% and 25%)", learnCal);
  return {
    id: ds.id,
    name: ds.name,
    route,
    programs: data.lines.length,
    labelled: z.n,
    zeroShot: { top1: z.top1, top3: z.top3, taggedAtDefaultThreshold: tagged },
    confirmed,
    confirmNext,
    departmentCeilings: ceilings,
    flagWhenRemoved: flagSummary,
    calibration: { zeroShot: zeroCal, afterConfirming: learnCal },
    points: { zeroShot: zeroPoints, afterConfirming: learnPoints },
  };
}

type CityResult = Awaited<ReturnType<typeof evaluate>>;

/**
 * Calibration as a city never seen would have it: the engine's confidences re-scaled (Platt) by a fit on the
 * OTHER cities' points only, then scored on this city. Prints the zero-shot and learned ECE out of sample.
 */
function leaveOneCityOut(results: CityResult[]) {
  const out: Record<
    string,
    {
      zeroShot: number;
      afterConfirming: number;
      raw: { zeroShot: number; afterConfirming: number };
    }
  > = {};
  console.log(
    "\nCalibration out of sample (Platt fitted on the other cities, scored on this one):"
  );
  for (const r of results) {
    const others = results.filter((o) => o !== r);
    const zFit = fitPlatt(others.flatMap((o) => o.points.zeroShot));
    const lFit = fitPlatt(others.flatMap((o) => o.points.afterConfirming));
    const z = calibrationTable(applyPlatt(r.points.zeroShot, zFit)).ece;
    const l = calibrationTable(applyPlatt(r.points.afterConfirming, lFit)).ece;
    out[r.id] = {
      zeroShot: z,
      afterConfirming: l,
      raw: {
        zeroShot: r.calibration.zeroShot.ece,
        afterConfirming: r.calibration.afterConfirming.ece,
      },
    };
    console.log(
      `  ${r.id}: ECE zero-shot ${z.toFixed(3)} (as shipped ${r.calibration.zeroShot.ece.toFixed(3)}), ` +
        `after confirming ${l.toFixed(3)} (as shipped ${r.calibration.afterConfirming.ece.toFixed(3)})`
    );
  }
  const all = fitPlatt(results.flatMap((r) => r.points.zeroShot));
  const allL = fitPlatt(results.flatMap((r) => r.points.afterConfirming));
  console.log(
    `  fitted on every city (what the engine would ship): zero-shot a=${all.a.toFixed(3)} b=${all.b.toFixed(3)} ` +
      `coverage=${all.coverage.toFixed(3)}; after confirming a=${allL.a.toFixed(3)} b=${allL.b.toFixed(3)}`
  );
  return { perCity: out, allCities: { zeroShot: all, afterConfirming: allL } };
}

async function main() {
  const full = loadFullPath();
  if (!full)
    console.log(
      "Budget reader not built yet: budget lines are made directly from the CSV (see eval/README.md)."
    );
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const results: CityResult[] = [];
  for (const ds of dataSets())
    if (!only || only.split(",").includes(ds.id)) results.push(await evaluate(ds, full));
  const loco = leaveOneCityOut(results);
  console.log(
    "\nSummary (top-1 at the priority level; flags: mean over removing each priority in turn)"
  );
  console.log(
    "  city          zero-shot  +25% random (same rows)  10% random/next (all right)  flag P / R   ECE (out of sample)"
  );
  for (const r of results) {
    const c25 = r.confirmed[1];
    console.log(
      `  ${r.id.padEnd(13)} ${pct(r.zeroShot.top1).padStart(6)}     ${pct(c25.top1)} (${(100 * (c25.top1 - c25.zeroTop1SameRows)).toFixed(1)} pts)` +
        `        ${pct(r.confirmed[0].overall)} / ${pct(r.confirmNext[0].overall)}` +
        `           ${pct(r.flagWhenRemoved.precision)} / ${pct(r.flagWhenRemoved.recall)}   ${loco.perCity[r.id].zeroShot.toFixed(3)}`
    );
  }
  if (!only) {
    // The figures the regression check in `npm test` holds the engine to (fixtures only, no ../shared/data).
    const baseline: Record<string, unknown> = {};
    for (const r of results) baseline[r.id] = await fixtureFigures(FIXTURE_DIR, r.id);
    fs.writeFileSync(baselinePath(FIXTURE_DIR), JSON.stringify(baseline, null, 2) + "\n");
    console.log(
      `Regression baseline written to ${path.relative(process.cwd(), baselinePath(FIXTURE_DIR))}`
    );
  }
  // The README's table, as markdown (copied into README.md and eval/README.md as printed).
  console.log(
    "\nMarkdown (README): city | zero-shot top-1 / top-3 | 25% random, same rows before → after | 10% right by money, random / next | flags P / R | ECE"
  );
  for (const r of results) {
    const c25 = r.confirmed[1];
    const gain = 100 * (c25.top1 - c25.zeroTop1SameRows);
    console.log(
      `| ${r.id} | ${pct(r.zeroShot.top1)} / ${pct(r.zeroShot.top3)} | ${pct(c25.zeroTop1SameRows)} → ${pct(c25.top1)} (${gain >= 0 ? "+" : ""}${gain.toFixed(1)}) | ` +
        `${pct(r.confirmed[0].overallMoney)} / ${pct(r.confirmNext[0].overallMoney)} | ` +
        `${pct(r.flagWhenRemoved.precision)} / ${pct(r.flagWhenRemoved.recall)} | ${loco.perCity[r.id].zeroShot.toFixed(3)} |`
    );
  }
  const slim = results.map(({ points: _points, ...rest }) => rest);
  fs.writeFileSync(
    RESULTS,
    JSON.stringify(
      { generated: "npm run eval", dataSets: slim, calibrationLeaveOneCityOut: loco },
      null,
      2
    ) + "\n"
  );
  console.log(`\nFigures written to ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
