/**
 * The reader on a 100,000-line budget-book sheet (subtotals and text amounts mixed in): every line read, every
 * subtotal skipped, the check total exact. Its speed is measured by `npm run bench`, never asserted here.
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

it("reads a 100,000-line sheet completely: every line, every subtotal skipped, the total exact", () => {
  const values = bigSheet(100_000);
  const result = readBudget([{ name: "Budget", values }]);
  expect(result.lines).toHaveLength(100_000);
  expect(result.skippedSubtotals).toBe(4000);
  expect(result.issues).toEqual([]);
  const proposed = values
    .slice(4)
    .reduce<number>((s, r) => s + (String(r[1]).startsWith("Total") ? 0 : (r[6] as number)), 0);
  expect(result.checkTotal).toBe(proposed);
  expect(result.lines[0].amount).toBe(values[4][6]);
});
