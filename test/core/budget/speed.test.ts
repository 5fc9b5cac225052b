/**
 * Speed of the reader on a 100,000-line budget-book sheet (headings, subtotals, text amounts mixed in).
 * The target is 200,000 lines/s in Node; the assertion is looser because the test machine is shared.
 */
import { readBudget } from "../../../src/core/budget/read";
import type { CellValue } from "../../../src/core/types";

function bigSheet(lines: number): CellValue[][] {
  const rows: CellValue[][] = [
    ["City of Brindlewood"],
    ["FY 2026-27 Proposed Budget"],
    [],
    [
      "Department",
      "Program",
      "Fund",
      "Account",
      "Account Description",
      "FY 2025-26 Adopted",
      "FY 2026-27 Proposed",
      "Goal",
    ],
  ];
  let n = 0;
  for (let d = 0; n < lines; d++) {
    for (let p = 0; p < 20 && n < lines; p++) {
      let sumA = 0;
      let sumP = 0;
      for (let a = 0; a < 25 && n < lines; a++, n++) {
        const adopted = 1000 + ((n * 7919) % 50000);
        const proposed = adopted + (n % 13) * 10;
        sumA += adopted;
        sumP += proposed;
        rows.push([
          `Department ${d}`,
          `Program ${d}.${p}`,
          "General Fund",
          `${100 + d}-${5100 + a}`,
          `Account ${a}`,
          n % 10 === 0 ? `$${adopted.toLocaleString("en-US")}` : adopted,
          proposed,
          n % 50 === 0 ? "G1.1" : "",
        ]);
      }
      rows.push(["", `Total Program ${d}.${p}`, "", "", "", sumA, sumP, ""]);
    }
  }
  return rows;
}

it("reads 100,000 lines quickly", () => {
  const values = bigSheet(100_000);
  readBudget([{ name: "Warm-up", values: values.slice(0, 5000) }]);
  const t0 = performance.now();
  const result = readBudget([{ name: "Budget", values }]);
  const ms = performance.now() - t0;
  const rate = Math.round(100_000 / (ms / 1000));
  console.log(
    `readBudget: 100,000 lines in ${ms.toFixed(0)} ms = ${rate.toLocaleString("en-US")} lines/s`
  );
  expect(result.lines).toHaveLength(100_000);
  expect(result.skippedSubtotals).toBe(4000);
  expect(result.issues).toEqual([]);
  expect(rate).toBeGreaterThan(50_000);
});
