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
import { RAW_CONFIDENCE } from "../src/core/tagging/weights";
import type {
  ConfidenceCalibration,
  LineTag,
  Plan,
  TagOptions,
  WorkbookState,
} from "../src/core/types";
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
  calibrationPoints,
  calibrationTable,
  departmentCeilings,
  eceSamplingFloor,
  directTagger,
  flaggedShare,
  flagWhenRemoved,
  confidenceShift,
  fitCalibration,
  withOptions,
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
    return analyse(port, {
      today: "2026-07-01",
      plan,
      taxonomy: options.taxonomy,
      calibration: options.calibration,
    });
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
async function score(
  city: City,
  taxonomy: TaxonomyData | undefined,
  calibration?: ConfidenceCalibration
) {
  const { data } = city;
  const tagger = withOptions(city.tagger, { taxonomy, calibration });
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
      /**
       * Mean confidence minus the share right, zero-shot and after 10% Confirm next: the part of the ECE that is a
       * shift of the whole city, which no re-scaling fitted on other cities can know.
       */
      shift: {
        zeroShot: confidenceShift(zeroPoints),
        afterConfirmNext10: confidenceShift(nextPoints10),
      },
      /** What a perfectly calibrated tagger with the same confidences would still show (eceSamplingFloor). */
      samplingFloor: {
        zeroShot: eceSamplingFloor(zeroPoints),
        afterConfirmNext10: eceSamplingFloor(nextPoints10),
      },
    },
  };
}

/**
 * The points the engine's confidence is fitted on: one city's blind zero-shot suggestions and its learned tags after
 * 10% and 25% confirmed at random, all with RAW_CONFIDENCE (no re-scaling).
 */
async function rawPoints(city: City, taxonomy: TaxonomyData): Promise<CalibrationPoint[]> {
  const tagger = withOptions(city.tagger, { taxonomy, calibration: RAW_CONFIDENCE });
  const plan = city.ds.plan;
  const zero: LineTag[] = await tagger(city.data.lines, plan, {});
  const points = calibrationPoints(zero, city.data, plan);
  for (const f of [0.1, 0.25]) {
    const r = await afterConfirming(city.data, plan, f, tagger, zero);
    points.push(...r.calibration.filter((p) => p.source === "learned"));
  }
  return points;
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
  const shift = r.calibration.shift;
  console.log(
    `  mean confidence minus the share right (the city's shift): zero-shot ${shift.zeroShot.toFixed(3)}, after 10% Confirm next ${shift.afterConfirmNext10.toFixed(3)}`
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
 * The engine's confidence fitted on every city's raw points but one, for each city (what the city is scored with:
 * no calibration taken from its own labels), and on all of them (what weights.ts CONFIDENCE ships).
 */
function calibrationFits(raw: Map<string, CalibrationPoint[]>) {
  const perCity: Record<string, ConfidenceCalibration> = {};
  for (const id of raw.keys())
    perCity[id] = fitCalibration([...raw].filter(([o]) => o !== id).flatMap(([, p]) => p));
  const allCities = fitCalibration([...raw.values()].flat());
  console.log(
    `\nConfidence fitted on every city (weights.ts CONFIDENCE ships it): ${JSON.stringify(allCities)}`
  );
  for (const [id, fit] of Object.entries(perCity))
    console.log(`  without ${id} (what ${id} is scored with): ${JSON.stringify(fit)}`);
  return { allCities, perCity };
}

async function main() {
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const titles = titlePhrases(sharedPlans(REPO));
  const results: CityResult[] = [];
  const cities: { city: City; blinding: ReturnType<typeof blindTaxonomy> }[] = [];
  for (const ds of dataSets()) {
    if (only && !only.split(",").includes(ds.id)) continue;
    cities.push({ city: await readCity(ds), blinding: blindTaxonomy(planTexts(ds.plan), titles) });
  }
  // First the raw confidences of every city, then each city scored with a calibration fitted on the others.
  const raw = new Map<string, CalibrationPoint[]>();
  for (const { city, blinding } of cities)
    raw.set(city.ds.id, await rawPoints(city, blinding.taxonomy));
  const fits = calibrationFits(raw);
  for (const { city, blinding } of cities) {
    const ds = city.ds;
    console.log(`\n${ds.name}`);
    const dropped = [...new Set(blinding.dropped.map((d) => d.entry))];
    console.log(
      `  blind: ${dropped.length} taxonomy entries of the city's own plan text left out: ${dropped.join(", ") || "none"}`
    );
    const blind = await score(city, blinding.taxonomy, fits.perCity[ds.id]);
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
    blind: { ...blind, ms: undefined },
    shipped: { ...shipped, ms: undefined },
  }));
  fs.writeFileSync(
    RESULTS,
    JSON.stringify({ generated: "npm run eval", dataSets: slim, calibrationFits: fits }, null, 2) +
      "\n"
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
