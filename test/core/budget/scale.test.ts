/** Which texts declare that a sheet's amounts are in thousands or millions, and which only look as if they might. */
import { inDollars, scaleIn } from "../../../src/core/budget/scale";

test.each([
  ["Dollars in Thousands", "thousands"],
  ["All funds (in thousands)", "thousands"],
  ["in $000s", "thousands"],
  ["Amounts in $000's", "thousands"],
  ["FY 2026-27 Proposed (000)", "thousands"],
  ["FY 2026-27 Proposed ($000)", "thousands"],
  ["Budget $000", "thousands"],
  ["000s omitted", "thousands"],
  ["Thousands of dollars", "thousands"],
  ["Proposed ($K)", "thousands"],
  ["City of Test — Proposed Budget (in millions)", "millions"],
  ["Dollars in Millions", "millions"],
  ["Operating ($M)", "millions"],
  ["Capital ($ millions)", "millions"],
])("%j is in %s", (text, name) => {
  expect(scaleIn(text)?.name).toBe(name);
});

test.each([
  "All funds, in dollars",
  "FY 2000 Actual",
  "Account 5110-000",
  "Fund 1000",
  "$100,000 grant match",
  "Population 1,000,000",
  "Thousand Oaks branch library",
  "Millions of visitors served",
  "",
])("%j declares no scale", (text) => {
  expect(scaleIn(text)).toBeNull();
});

test("amounts are scaled to the cent, blanks stay blank", () => {
  expect(inDollars(145.4421, 1000)).toBe(145442.1);
  expect(inDollars(1.55, 1000000)).toBe(1550000);
  expect(inDollars(null, 1000)).toBeNull();
  expect(inDollars(12.5, 1)).toBe(12.5);
});
