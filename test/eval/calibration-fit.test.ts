/**
 * The engine's shipped confidence (weights.ts CONFIDENCE) is the fit `npm run eval` made on every evaluation city's
 * raw points and recorded in eval/results.json, and each city's published figures were scored with a fit that left
 * that city out. Fails when someone edits the weights by hand, or re-runs the eval without copying its fit.
 */
import * as fs from "fs";
import * as path from "path";
import { fitCalibration, type CalibrationPoint } from "../../eval/metrics";
import { CONFIDENCE } from "../../src/core/tagging/weights";
import type { ConfidenceCalibration } from "../../src/core/types";

const ROOT = path.resolve(__dirname, "..", "..");
const results = JSON.parse(fs.readFileSync(path.join(ROOT, "eval", "results.json"), "utf8")) as {
  dataSets: { id: string }[];
  calibrationFits: {
    allCities: ConfidenceCalibration;
    perCity: Record<string, ConfidenceCalibration>;
  };
};

describe("the shipped confidence is the eval's fit", () => {
  test("weights.ts CONFIDENCE equals the fit on every city in eval/results.json", () => {
    expect(CONFIDENCE).toEqual(results.calibrationFits.allCities);
  });

  test("every city was scored with a fit of its own, made without it", () => {
    for (const d of results.dataSets) {
      const own = results.calibrationFits.perCity[d.id];
      expect(own).toBeDefined();
      expect(own).not.toEqual(results.calibrationFits.allCities);
    }
  });
});

describe("fitCalibration", () => {
  const point = (
    confidence: number,
    right: boolean,
    more: Partial<CalibrationPoint> = {}
  ): CalibrationPoint => ({
    confidence,
    right,
    source: "suggested",
    literal: false,
    agreement: 0,
    ...more,
  });

  test("suggestions right more often than their confidence say get a higher intercept", () => {
    const points = Array.from({ length: 200 }, (_, i) => point(0.6, i % 10 < 9));
    const fit = fitCalibration(points);
    const logit = Math.log(0.6 / 0.4);
    const shown = 1 / (1 + Math.exp(-(fit.suggest.a + fit.suggest.b * logit)));
    expect(shown).toBeGreaterThan(0.85);
    expect(shown).toBeLessThan(0.95);
  });

  test("a literal suggestion is worth the share of them that were right, one right and one wrong added", () => {
    const points = [
      ...Array.from({ length: 6 }, () => point(0.75, true, { literal: true })),
      ...Array.from({ length: 2 }, () => point(0.75, false, { literal: true })),
    ];
    expect(fitCalibration(points).literal).toBe(0.7);
  });

  test("learned tags are fitted apart from suggestions", () => {
    const points = [
      ...Array.from({ length: 100 }, (_, i) => point(0.7, i % 2 === 0, { source: "learned" })),
      ...Array.from({ length: 100 }, () => point(0.7, true)),
    ];
    const fit = fitCalibration(points);
    const at = (r: { a: number; b: number }) =>
      1 / (1 + Math.exp(-(r.a + r.b * Math.log(0.7 / 0.3))));
    expect(at(fit.learn)).toBeLessThan(0.6);
    expect(at(fit.suggest)).toBeGreaterThan(0.9);
  });
});
