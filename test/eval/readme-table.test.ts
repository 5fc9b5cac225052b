/**
 * The README's tagging figures are what `npm run eval` wrote to eval/results.json: the block between the markers is
 * regenerated from the committed results and compared, so a README figure can never be typed by hand or go stale.
 */
import * as fs from "fs";
import * as path from "path";
import {
  currentBlock,
  figuresBlock,
  targetLines,
  withFiguresBlock,
  type EvalResults,
} from "../../eval/readme-table";

const ROOT = path.resolve(__dirname, "..", "..");
const results = JSON.parse(
  fs.readFileSync(path.join(ROOT, "eval", "results.json"), "utf8")
) as EvalResults;
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README tagging figures", () => {
  test("the README's block is the one eval/results.json gives", () => {
    expect(currentBlock(readme)).toBe(figuresBlock(results));
  });

  test("every city of the results has a row, blind figures first", () => {
    const block = currentBlock(readme);
    for (const d of results.dataSets)
      expect(block).toContain(`${(100 * d.blind.zeroShot.top1).toFixed(1)}%`);
    expect(
      block.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| city"))
    ).toHaveLength(results.dataSets.length);
  });

  test("a target is said to be met only where the city's figure meets it", () => {
    const one = (top1: number, ceiling: number) =>
      ({
        ...results,
        dataSets: [
          {
            ...results.dataSets[0],
            name: "Testville FY2020",
            blind: {
              ...results.dataSets[0].blind,
              zeroShot: { top1 },
              departmentCeilings: { majorityWithAllOthersKnown: ceiling },
            },
          },
        ],
      }) as EvalResults;
    expect(targetLines(one(0.69, 0.9))).toContain(
      "zero-shot top-1 ≥ 70% (or the department ceiling): met on no city (Testville 69.0%)"
    );
    expect(targetLines(one(0.71, 0.9))).toContain(
      "zero-shot top-1 ≥ 70% (or the department ceiling): met on every city (Testville 71.0%)"
    );
    // Held to its ceiling when the ceiling is lower than 70%.
    expect(targetLines(one(0.65, 0.64))).toContain("met on every city (Testville 65.0%)");
  });

  test("a README without the markers is an error, not a silent append", () => {
    expect(() => withFiguresBlock("# README\n", results)).toThrow(/no eval figures block/);
  });
});
