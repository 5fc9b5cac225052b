import fc from "fast-check";
import { parseAmount } from "../../../src/core/budget/amounts";
import { amountKindOf, fiscalYearOf } from "../../../src/core/budget/header";

describe("parseAmount", () => {
  it.each([
    [1234.5, "number", 1234.5],
    ["$1,234.50", "number", 1234.5],
    ["(1,234)", "number", -1234],
    ["-1,234", "number", -1234],
    ["1,234-", "number", -1234],
    ["1 234", "number", 1234],
    ["1\u00a0234", "number", 1234],
    ["1.2M", "number", 1_200_000],
    ["$3.4K", "number", 3400],
    ["2.5 million", "number", 2_500_000],
    ["-$45", "number", -45],
    ["$(2,500.25)", "number", -2500.25],
    ["-", "blank", 0],
    ["—", "blank", 0],
    ["", "blank", 0],
    [null, "blank", 0],
    ["n/a", "missing", null],
    ["N/A", "missing", null],
    ["#REF!", "error", null],
    ["#N/A", "error", null],
    ["#VALUE!", "error", null],
    ["#DIV/0!", "error", null],
    ["12,3,4", "invalid", null],
    ["1.2X", "invalid", null],
    ["Salaries", "invalid", null],
    [true, "invalid", null],
    [Number.NaN, "invalid", null],
  ])("%p → %s %p", (cell, status, value) => {
    expect(parseAmount(cell as never)).toEqual({ status, value });
  });

  it("never throws, and numbers come back as themselves", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.string({ unit: "binary" })
        ),
        (v) => {
          const p = parseAmount(v);
          expect(["number", "blank", "missing", "error", "invalid"]).toContain(p.status);
          if (typeof v === "number" && Number.isFinite(v)) expect(p.value).toBe(v);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it("reads back any amount formatted with $, thousands separators and parentheses", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, c) => {
          const n = whole + (Math.sign(whole || 1) * c) / 100;
          const text = Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2 });
          expect(parseAmount(`$${text}`).value).toBeCloseTo(Math.abs(n), 2);
          expect(parseAmount(n < 0 ? `(${text})` : text).value).toBeCloseTo(n, 2);
        }
      )
    );
  });
});

describe("amount headers", () => {
  it.each([
    ["FY 2025-26 Adopted", "adopted", 2026],
    ["FY26", "budget", 2026],
    ["FY 26", "budget", 2026],
    ["2026 Budget", "budget", 2026],
    ["Amended FY26", "revised", 2026],
    ["YTD Actual", "ytd", null],
    ["FY 2024-25 Actual", "actual", 2025],
    ["FY 2026-27 Proposed", "proposed", 2027],
    ["FY2025/26 Revised Budget", "revised", 2026],
    ["fy2017_18_adopted", "adopted", 2018],
    ["FY26-27 Recommended", "proposed", 2027],
    ["Year-to-Date Actual", "ytd", null],
    ["Amount", "budget", null],
    ["Projected", "other", null],
  ])("%s → %s, %p", (header, kind, year) => {
    expect(amountKindOf(header)).toBe(kind);
    expect(fiscalYearOf(header)).toBe(year);
  });
});
