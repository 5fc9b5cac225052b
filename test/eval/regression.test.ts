/**
 * The tagger's regression check on the committed eval fixtures (eval/fixtures: each city's workbook, plan and
 * labels, and baseline.json, written only by `npm run eval -- --write-baseline`). Every city is read through the
 * package port and scored blind to its own words, as `npm run eval` does. Fails when a city's zero-shot top-1, its
 * mean flag precision or its mean flag recall (each priority removed in turn) falls more than two points below the
 * baseline, or its zero-shot calibration error (ECE, 10 buckets) rises more than 0.02 above it.
 */
import * as fs from "fs";
import * as path from "path";
import {
  baselinePath,
  fixtureFigures,
  regressions,
  TOLERANCE,
  type FixtureFigures,
} from "../../eval/regression";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "eval", "fixtures");
const baseline = JSON.parse(fs.readFileSync(baselinePath(DIR), "utf8")) as Record<
  string,
  FixtureFigures
>;

describe("tagging on the eval fixtures holds its baseline", () => {
  test("every city of the eval has a baseline with the four figures", () => {
    expect(Object.keys(baseline).sort()).toEqual(
      ["boston", "kansas-city", "los-angeles", "missoula", "portland"].sort()
    );
    for (const b of Object.values(baseline))
      for (const k of ["top1", "flagPrecision", "flagRecall", "ece"] as const)
        expect(typeof b[k]).toBe("number");
  });

  test("the check fails on a drop beyond the tolerance in any of the four figures", () => {
    const base: FixtureFigures = { top1: 0.8, flagPrecision: 0.6, flagRecall: 0.7, ece: 0.05 };
    expect(regressions("x", base, base)).toEqual([]);
    const worse = (k: keyof FixtureFigures, by: number) => ({ ...base, [k]: base[k] + by });
    expect(regressions("x", worse("top1", -TOLERANCE.share - 0.001), base)).toHaveLength(1);
    expect(regressions("x", worse("flagPrecision", -TOLERANCE.share - 0.001), base)).toHaveLength(
      1
    );
    expect(regressions("x", worse("flagRecall", -TOLERANCE.share - 0.001), base)).toHaveLength(1);
    expect(regressions("x", worse("ece", TOLERANCE.ece + 0.001), base)).toHaveLength(1);
    expect(regressions("x", worse("top1", -TOLERANCE.share + 0.001), base)).toEqual([]);
  });

  for (const id of Object.keys(baseline)) {
    test(`${id}: zero-shot top-1, flag precision and recall within 2 points, ECE within 0.02 of the baseline`, async () => {
      const now = await fixtureFigures(DIR, id, ROOT);
      expect(regressions(id, now, baseline[id])).toEqual([]);
    }, 120_000);
  }
});
