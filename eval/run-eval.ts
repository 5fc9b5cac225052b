/**
 * `npm run eval`: measures the tagging engine on real city budgets (../shared/data) the way a user runs it — a plan
 * and a budget workbook read through the package port, as `budget-align` reads it, no labels given — and prints, per
 * data set, zero-shot top-1/top-3 at the priority level beside the department-majority ceiling, accuracy and money
 * on the right priority after 10% and 25% of programs are confirmed (at random and in "Confirm next" order),
 * flagging when each priority is removed in turn and with the full plan, and calibration. Every city is scored
 * blind to its own words (eval/blind.ts) and, for comparison, with the shipped taxonomy. Writes eval/results.json;
 * `--write-baseline` also rewrites eval/fixtures/baseline.json (the regression check's figures), and only then.
 */
import * as fs from "fs";
import * as path from "path";
import { normName } from "../src/core/keys";
import type { TaxonomyData } from "../src/core/tagging/functions";
import type { LineTag, Plan, TagOptions, WorkbookState } from "../src/core/types";
import { analyse } from "../src/core/workflow";
import { PackagePort } from "../src/xlsx/package-port";
import { blindTaxonomy, planTexts, titlePhrases, type Dropped } from "./blind";
import { dataSets, linesOf, type DataSet } from "./data";
import { ensureFixtures, FIXTURE_DIR } from "./fixtures";
import { baselinePath, fixtureFigures } from "./regression";
import { figuresTable, withFiguresBlock, type EvalResults } from "./readme-table";
import { sharedPlans } from "./shared-plans";
import {
  accuracy,
  afterConfirming,
  afterConfirmNext,
  applyPlatt,
  fitPlatt,
  calibrationPoints,
  calibrationTable,
  departmentCeilings,
  eceSamplingFloor,
  directTagger,
  flaggedShare,
  flagWhenRemoved,
  withTaxonomy,
  type CalibrationPoint,
  type Scored,
  type Tagger,
} from "./metrics";

const REPO = path.resolve(__dirname, "..", "..");
const RESULTS = path.join(REPO, "eval", "results.json");

/** Lines, labels and a tagger over the fixture workbook (package port), with staff's tags passed as the stored state. */
async function viaWorkbook(
  ds: DataSet,
  xlsx: string
): Promise<{ data: Scored; tagger: Tagger } | null> {
  const run = async (plan: Plan, options: TagOptions) => {
    const port = await PackagePort.open(xlsx);
    const stored = await port.readState();
    const state: WorkbookState = {
      ...stored,
      tags: { ...stored.tags, ...(options.manual ?? {}) },
      rules: options.rules ?? [],
    };
    port.readState = async () => state;
    return analyse(port, { today: "2026-07-01", plan, taxonomy: options.taxonomy });
  };
  const first = await run(ds.plan, {});
  const label = new Map(
    ds.programs.map((p) => [`${normName(p.department)}|${normName(p.program)}`, p.label])
  );
  const lines = first.budget.lines;
  if (lines.length !== ds.programs.length) {
    console.log(
      `  (the workbook read gave ${lines.length} lines instead of ${ds.programs.length}: using the direct path)`
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
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** A city as the eval reads it: its lines and labels, and how to tag them (the workbook path when it reads whole). */
export interface City {
  ds: DataSet;
  data: Scored;
  tagger: Tagger;
  route: string;
}

export async function readCity(ds: DataSet): Promise<City> {
  const files = await ensureFixtures(ds, process.argv.includes("--fixtures"));
  const w = await viaWorkbook(ds, files.xlsx);
  if (w) return { ds, ...w, route: "workbook (PackagePort → analyse with options.plan)" };
  return {
    ds,
    data: { lines: linesOf(ds), labels: ds.programs.map((p) => p.label) },
    tagger: directTagger,
    route: "direct (CSV → BudgetLine → tagLines)",
  };
}

/** Every figure of one city with one taxonomy (the blind one, or the shipped one when `taxonomy` is undefined). */
async function score(city: City, taxonomy: TaxonomyData | undefined) {
  const { data } = city;
  const tagger = withTaxonomy(city.tagger, taxonomy);
  const plan = city.ds.plan;
  const t0 = Date.now();
  const zero: LineTag[] = await tagger(data.lines, plan, {});
  const ms = Date.now() - t0;
  const z = accuracy(zero, data, plan);
  const zeroPoints = calibrationPoints(zero, data, plan);
  const tagged = zero.filter((t, i) => data.labels[i] && t.goals.length > 0).length;
  const confirmed = [];
  const confirmNext = [];
  const learnPoints: CalibrationPoint[] = [];
  let nextPoints10: CalibrationPoint[] = [];
  for (const f of [0.1, 0.25]) {
    const r = await afterConfirming(data, plan, f, tagger, zero);
    confirmed.push(r.result);
    learnPoints.push(...r.calibration);
    const { calibration, ...next } = await afterConfirmNext(data, plan, f, tagger, zero);
    confirmNext.push(next);
    if (f === 0.1) nextPoints10 = calibration;
  }
  const ceilings = departmentCeilings(data, plan, zero, 0.25);
  const flags = await flagWhenRemoved(data, plan, tagger);
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
  const fullPlan = flaggedShare(zero, data);
  return {
    ms,
    zeroShot: { top1: z.top1, top3: z.top3, n: z.n, taggedAtDefaultThreshold: tagged },
    confirmed,
    confirmNext,
    departmentCeilings: ceilings,
    flagWhenRemoved: flagSummary,
    flaggedWithFullPlan: {
      ...fullPlan,
      share: fullPlan.programs ? fullPlan.flagged / fullPlan.programs : 0,
    },
    calibration: {
      zeroShot: calibrationTable(zeroPoints),
      afterConfirming: calibrationTable(learnPoints),
      afterConfirmNext10: calibrationTable(nextPoints10),
      /** What a perfectly calibrated tagger with the same confidences would still show (eceSamplingFloor). */
      samplingFloor: {
        zeroShot: eceSamplingFloor(zeroPoints),
        afterConfirmNext10: eceSamplingFloor(nextPoints10),
      },
    },
    points: { zeroShot: zeroPoints, afterConfirming: learnPoints },
  };
}

type Scores = Awaited<ReturnType<typeof score>>;

function printScores(city: City, r: Scores): void {
  const { ds, data } = city;
  console.log(
    `  route: ${city.route}; ${data.lines.length} programs, ${r.zeroShot.n} labelled (${ds.labels}); tagged in ${r.ms} ms`
  );
  console.log(
    `  zero-shot: top-1 ${pct(r.zeroShot.top1)}, top-3 ${pct(r.zeroShot.top3)}; tagged at the default threshold: ` +
      `${r.zeroShot.taggedAtDefaultThreshold}/${r.zeroShot.n}; department-majority ceiling ` +
      `${pct(r.departmentCeilings.majorityWithAllOthersKnown)} (each program given its department's majority label, every other program known)`
  );
  for (const c of r.confirmed) {
    console.log(
      `  after ${pct(c.fraction)} confirmed at random (${c.confirmedPrograms} programs, mean of ${c.seeds} seeds): ` +
        `top-1 ${pct(c.top1)}, top-3 ${pct(c.top3)} on the other ${c.n} (zero-shot on the same rows ${pct(c.zeroTop1SameRows)}, ` +
        `${c.top1 >= c.zeroTop1SameRows ? "+" : ""}${(100 * (c.top1 - c.zeroTop1SameRows)).toFixed(1)} points); ` +
        `all lines right ${pct(c.overall)}, by money ${pct(c.overallMoney)}`
    );
  }
  for (const c of r.confirmNext) {
    console.log(
      `  after ${pct(c.fraction)} confirmed in "Confirm next" order (${c.confirmedPrograms} programs): ` +
        `top-1 ${pct(c.top1)} on the other ${c.n} (zero-shot on the same rows ${pct(c.zeroTop1SameRows)}); ` +
        `all lines right ${pct(c.overall)}, money on the right priority ${pct(c.overallMoney)}`
    );
  }
  console.log(
    `  copying the department: oracle after 25% confirmed ${pct(r.departmentCeilings.oracle)} (right when any confirmed ` +
      `program of the department has the label, else the zero-shot guess)`
  );
  const f = r.flagWhenRemoved;
  console.log(
    `  flag when one priority is removed (mean over ${f.perOutcome.length}): precision ${pct(f.precision)}, recall ${pct(f.recall)}` +
      ` (pooled ${pct(f.pooledPrecision)} / ${pct(f.pooledRecall)})`
  );
  for (const o of f.perOutcome) {
    console.log(
      `    without ${o.removed}: ${o.truePositives}/${o.positives} of its programs flagged, ${o.flagged} flagged in all`
    );
  }
  const full = r.flaggedWithFullPlan;
  console.log(
    `  full plan: ${full.flagged} of ${full.programs} labelled programs flagged "fits no goal" (${pct(full.share)})`
  );
  const table = (name: string, c: ReturnType<typeof calibrationTable>) => {
    console.log(`  calibration, ${name} (ECE ${c.ece.toFixed(3)}):`);
    for (const b of c.buckets) {
      if (b.n)
        console.log(
          `    ${b.from.toFixed(1)}–${b.to.toFixed(1)}: n=${String(b.n).padStart(4)}  mean conf ${pct(b.meanConfidence)}  right ${pct(b.right)}`
        );
    }
  };
  const floor = r.calibration.samplingFloor;
  console.log(
    `  ECE a perfectly calibrated tagger would still show on these programs (sampling floor): zero-shot ${floor.zeroShot.toFixed(3)}, after 10% Confirm next ${floor.afterConfirmNext10.toFixed(3)}`
  );
  table("zero-shot suggestions", r.calibration.zeroShot);
  table('after 10% confirmed in "Confirm next" order', r.calibration.afterConfirmNext10);
  table("after confirming at random (10% and 25%)", r.calibration.afterConfirming);
}

interface CityResult {
  id: string;
  name: string;
  route: string;
  programs: number;
  /** Entries left out of the taxonomy while this city was scored blind, and why. */
  blinded: Dropped[];
  blind: Scores;
  shipped: Scores;
}

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
      /** ECE with a re-scaling fitted on the city itself (in sample): the floor of any one re-scaling. */
      ownFitFloor: number;
    }
  > = {};
  console.log(
    "\nCalibration out of sample, blind (Platt fitted on the other cities, scored on this one):"
  );
  for (const r of results) {
    const others = results.filter((o) => o !== r);
    const zFit = fitPlatt(others.flatMap((o) => o.blind.points.zeroShot));
    const lFit = fitPlatt(others.flatMap((o) => o.blind.points.afterConfirming));
    const z = calibrationTable(applyPlatt(r.blind.points.zeroShot, zFit)).ece;
    // The floor a single re-scaling can reach: fitted on this city itself (in sample, never shipped or published as
    // its figure): what is left is spread the score and margin cannot separate, not a shift between cities.
    const own = calibrationTable(
      applyPlatt(r.blind.points.zeroShot, fitPlatt(r.blind.points.zeroShot))
    ).ece;
    const l = calibrationTable(applyPlatt(r.blind.points.afterConfirming, lFit)).ece;
    const raw = {
      zeroShot: r.blind.calibration.zeroShot.ece,
      afterConfirming: r.blind.calibration.afterConfirming.ece,
    };
    out[r.id] = { zeroShot: z, afterConfirming: l, raw, ownFitFloor: own };
    console.log(
      `  ${r.id}: ECE zero-shot ${z.toFixed(3)} (as shipped ${raw.zeroShot.toFixed(3)}; fitted on itself, the floor: ${own.toFixed(3)}), ` +
        `after confirming ${l.toFixed(3)} (as shipped ${raw.afterConfirming.toFixed(3)})`
    );
  }
  const all = fitPlatt(results.flatMap((r) => r.blind.points.zeroShot));
  const allL = fitPlatt(results.flatMap((r) => r.blind.points.afterConfirming));
  console.log(
    `  fitted on every city (what the engine would ship): zero-shot a=${all.a.toFixed(3)} b=${all.b.toFixed(3)} ` +
      `coverage=${all.coverage.toFixed(3)}; after confirming a=${allL.a.toFixed(3)} b=${allL.b.toFixed(3)}`
  );
  return { perCity: out, allCities: { zeroShot: all, afterConfirming: allL } };
}

async function main() {
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const titles = titlePhrases(sharedPlans(REPO));
  const results: CityResult[] = [];
  for (const ds of dataSets()) {
    if (only && !only.split(",").includes(ds.id)) continue;
    const city = await readCity(ds);
    const blinding = blindTaxonomy(planTexts(ds.plan), titles);
    console.log(`\n${ds.name}`);
    const dropped = [...new Set(blinding.dropped.map((d) => d.entry))];
    console.log(
      `  blind: ${dropped.length} taxonomy entries of the city's own plan text left out: ${dropped.join(", ") || "none"}`
    );
    const blind = await score(city, blinding.taxonomy);
    printScores(city, blind);
    const shipped = await score(city, undefined);
    console.log(
      `  with the shipped taxonomy (not blind): zero-shot top-1 ${pct(shipped.zeroShot.top1)}; money right after 10% Confirm next ` +
        `${pct(shipped.confirmNext[0].overallMoney)}; flags P / R ${pct(shipped.flagWhenRemoved.precision)} / ` +
        `${pct(shipped.flagWhenRemoved.recall)}; full plan flagged ${pct(shipped.flaggedWithFullPlan.share)}; ECE zero-shot ` +
        `${shipped.calibration.zeroShot.ece.toFixed(3)}`
    );
    results.push({
      id: ds.id,
      name: ds.name,
      route: city.route,
      programs: city.data.lines.length,
      blinded: blinding.dropped,
      blind,
      shipped,
    });
  }
  const loco = leaveOneCityOut(results);
  if (process.argv.includes("--write-baseline")) {
    // The figures the regression check in `npm test` holds the engine to (fixtures only, no ../shared/data needed).
    const file = baselinePath(FIXTURE_DIR);
    const baseline = (
      fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}
    ) as Record<string, unknown>;
    for (const r of results) baseline[r.id] = await fixtureFigures(FIXTURE_DIR, r.id, REPO);
    fs.writeFileSync(file, JSON.stringify(baseline, null, 2) + "\n");
    console.log(
      `\nRegression baseline written to ${path.relative(process.cwd(), baselinePath(FIXTURE_DIR))}`
    );
  } else
    console.log("\nThe regression baseline is left as it is (rewrite it with --write-baseline).");
  // Without the sample points and the timings, so that a rerun of the same engine writes the same file.
  const slim = results.map(({ blind, shipped, ...rest }) => ({
    ...rest,
    blind: { ...blind, points: undefined, ms: undefined },
    shipped: { ...shipped, points: undefined, ms: undefined },
  }));
  fs.writeFileSync(
    RESULTS,
    JSON.stringify(
      { generated: "npm run eval", dataSets: slim, calibrationLeaveOneCityOut: loco },
      null,
      2
    ) + "\n"
  );
  console.log(`Figures written to ${path.relative(process.cwd(), RESULTS)}`);
  const written = JSON.parse(fs.readFileSync(RESULTS, "utf8")) as EvalResults;
  console.log(
    "\nBlind figures; in square brackets the same with the shipped taxonomy (not blind):\n\n" +
      figuresTable(written)
  );
  if (only) console.log("\nREADME.md left as it is (--only scores some cities).");
  else {
    const readme = path.join(REPO, "README.md");
    fs.writeFileSync(readme, withFiguresBlock(fs.readFileSync(readme, "utf8"), written));
    console.log("\nREADME.md's tagging figures rewritten from eval/results.json.");
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
