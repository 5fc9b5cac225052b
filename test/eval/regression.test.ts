/**
 * The tagger's regression check on the committed eval fixtures (eval/fixtures: each city's workbook, plan and
 * labels, and baseline.json written by `npm run eval`). Fails when a city's zero-shot top-1 or its mean flag recall
 * (each priority removed in turn) falls more than two points below the baseline.
 */
import * as fs from "fs";
import * as path from "path";
import { baselinePath, fixtureFigures, type FixtureFigures } from "../../eval/regression";

const DIR = path.resolve(__dirname, "..", "..", "eval", "fixtures");
const baseline = JSON.parse(fs.readFileSync(baselinePath(DIR), "utf8")) as Record<
  string,
  FixtureFigures
>;
const TOLERANCE = 0.02;

describe("tagging on the eval fixtures holds its baseline", () => {
  test("every city of the eval has a baseline", () => {
    expect(Object.keys(baseline).sort()).toEqual(
      ["boston", "kansas-city", "los-angeles", "missoula", "portland"].sort()
    );
  });

  for (const id of Object.keys(baseline)) {
    test(`${id}: zero-shot top-1 and flag recall within 2 points of the baseline`, async () => {
      const now = await fixtureFigures(DIR, id);
      expect(now.top1).toBeGreaterThanOrEqual(baseline[id].top1 - TOLERANCE);
      expect(now.flagRecall).toBeGreaterThanOrEqual(baseline[id].flagRecall - TOLERANCE);
    }, 60_000);
  }
});
