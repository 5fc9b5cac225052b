/** Which sheets hold revenue rather than spending, by their name and title rows. */
import { isRevenueSheet } from "../../../src/core/budget/sheets";
import type { CellValue } from "../../../src/core/types";

const sheet = (name: string, title?: string) => ({
  name,
  values: [
    ...(title ? [[title] as CellValue[]] : []),
    ["Department", "Description", "FY 2026-27 Proposed"],
    ["Fire", "Salaries", 100],
  ],
});

test.each([
  [sheet("Revenue"), true],
  [sheet("Revenues FY27"), true],
  [sheet("Sheet1", "City of Test — General Fund Revenues"), true],
  [sheet("Receipts"), true],
  [sheet("Sources of Funds"), true],
  [sheet("Budget"), false],
  [sheet("Revenue and Expenditure Summary"), false],
  [sheet("Sheet1", "Revenues and Expenditures by Department"), false],
  [sheet("Income Maintenance"), false],
  [sheet("Operating", "Expenditures"), false],
])("%j: revenue %s", (s, revenue) => {
  expect(isRevenueSheet(s)).toBe(revenue);
});
