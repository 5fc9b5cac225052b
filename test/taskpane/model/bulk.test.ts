import type { BudgetLine, LineTag } from "../../../src/core/types";
import {
  acceptLevels,
  acceptPreview,
  basisText,
  levelText,
  SAFE_PRECISION,
} from "../../../src/taskpane/model/bulk";
import { NO_FILTERS } from "../../../src/taskpane/model/view";
import { lines as few, tags as fewTags } from "../fixtures";

/** Ten programs of one line each, suggested at the given confidences. */
function budget(confidences: number[]): { lines: BudgetLine[]; tags: LineTag[] } {
  const lines = confidences.map((_, i) => ({
    ...few[1],
    key: `k${i}`,
    program: `Program ${i}`,
    amount: 1000 * (i + 1),
  }));
  const tags = confidences.map((c, i) => ({ ...fewTags[1], key: `k${i}`, confidence: c }));
  return { lines, tags };
}

describe("bulk accept's safe level", () => {
  it("is the lowest level whose suggestions the engine expects 95% or more right", () => {
    const { lines, tags } = budget([0.99, 0.99, 0.98, 0.97, 0.93, 0.9, 0.8, 0.6]);
    const l = acceptLevels(lines, tags, NO_FILTERS);
    // At 93%: (0.99 + 0.99 + 0.98 + 0.97 + 0.93) / 5 = 0.972; at 90% 0.96; at 80% 0.937 — below 95%.
    expect(l.safe).toBe(0.9);
    expect(l.levels[0]).toMatchObject({ min: 0.9, lines: 6, programs: 6, amount: 21_000 });
    expect(l.levels[0].precision).toBeCloseTo(0.96);
    expect(l.levels[0].precision).toBeGreaterThanOrEqual(SAFE_PRECISION);
    expect(l.levels.map((x) => x.min)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5]);
    expect(l.levels[1].precision).toBeLessThan(SAFE_PRECISION);
    expect(levelText(l.levels[0])).toBe("90% or more (about 96% right)");
  });

  it("offers no safe level when no suggestion is sure enough, and counts only what the filters show", () => {
    const l = acceptLevels(few, fewTags, NO_FILTERS);
    expect(l.safe).toBeNull();
    expect(l.levels.find((x) => x.min === 0.8)).toMatchObject({ lines: 1, amount: 200_000 });
    const parks = acceptLevels(few, fewTags, { ...NO_FILTERS, department: "Parks" });
    expect(parks.levels.find((x) => x.min === 0.5)).toMatchObject({ lines: 1, amount: 300_000 });
  });

  it("says whether the confidences are this workbook's own (re-fitted from 5 confirmed programs)", () => {
    expect(acceptLevels(few, fewTags, NO_FILTERS).basis).toMatch(/on other cities .* 1 so far/);
    expect(basisText(7)).toBe("Confidence re-fitted on the 7 programs confirmed in this workbook.");
  });

  it("lists what it will accept, program by program, largest money first", () => {
    const { lines, tags } = budget([0.99, 0.97, 0.6]);
    const p = acceptPreview(lines, tags, NO_FILTERS, 0.95);
    expect(p.map((x) => [x.program, x.amount, x.goal, x.confidence])).toEqual([
      ["Program 1", 2000, "G1.1", 0.97],
      ["Program 0", 1000, "G1.1", 0.99],
    ]);
  });
});
