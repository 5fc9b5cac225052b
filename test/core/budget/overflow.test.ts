/** Check totals at the edge of what a number can hold: finite when the true sum is, else the cell is named. */
import fc from "fast-check";
import { MoneySum, readBudget, roundMoney } from "../../../src/core/budget/read";

const H = ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed"];
const MAX_EXCEL = 9.99999999999999e307;

describe("check totals near the largest number", () => {
  it("stays finite for Excel's largest number", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [H, ["Fire", "S", "5110", "x", MAX_EXCEL], ["Police", "P", "5110", "y", 1]],
      },
    ]);
    expect(r.checkTotal).toBe(MAX_EXCEL);
    expect(r.layouts[0].checkTotal).toBe(MAX_EXCEL);
    expect(r.lines.map((l) => l.amount)).toEqual([MAX_EXCEL, 1]);
    expect(r.issues.filter((i) => i.code === "budget.total-overflow")).toEqual([]);
  });

  it("a huge amount and its negative cancel to the small lines between them", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          H,
          ["Fire", "S", "5110", "x", MAX_EXCEL],
          ["Fire", "S", "5120", "y", 12.5],
          ["Fire", "S", "5130", "z", -MAX_EXCEL],
        ],
      },
    ]);
    expect(r.checkTotal).toBe(12.5);
  });

  it("names the cell whose amount would carry the total past the largest number, and leaves it out", () => {
    const r = readBudget([
      {
        name: "FY 26 Budget",
        values: [
          H,
          ["Fire", "S", "5110", "x", MAX_EXCEL],
          ["Fire", "S", "5120", "y", MAX_EXCEL],
          ["Police", "P", "5110", "z", 1],
        ],
      },
    ]);
    expect(Number.isFinite(r.checkTotal)).toBe(true);
    expect(r.checkTotal).toBe(MAX_EXCEL);
    expect(r.issues).toEqual([
      {
        severity: "warning",
        code: "budget.total-overflow",
        sheet: "FY 26 Budget",
        cell: "E3",
        message:
          "'FY 26 Budget'!E3: the amount 9.99999999999999E+307 is too large to add to the check total (the sum would be more than the largest number Excel can hold), so the check total leaves it out. Check the amount in this cell.",
      },
    ]);
    // The line itself keeps its amount: only the check total leaves it out.
    expect(r.lines[1].amount).toBe(MAX_EXCEL);
  });

  it("says which sheet was left out when two sheets together would pass the largest number", () => {
    const sheet = (name: string) => ({ name, values: [H, ["Fire", "S", "5110", "x", MAX_EXCEL]] });
    const r = readBudget([sheet("Fire"), sheet("Police")]);
    expect(r.checkTotal).toBe(MAX_EXCEL);
    expect(r.layouts.map((l) => l.checkTotal)).toEqual([MAX_EXCEL, MAX_EXCEL]);
    expect(r.issues.map((i) => [i.code, i.sheet])).toEqual([["budget.total-overflow", "Police"]]);
    expect(r.issues[0].message).toMatch(
      /^The sheet "Police" adds up to 9\.99999999999999E\+307, too large/
    );
  });

  it("a labelled total of huge amounts is still recognised as a total, not counted twice", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          H,
          ["Fire", "S", "5110", "x", 1e306],
          ["Fire", "S", "5120", "y", 2e306],
          ["Total Fire", "", "", "", 3e306],
        ],
      },
    ]);
    expect(r.lines).toHaveLength(2);
    expect(r.skippedSubtotals).toBe(1);
    expect(r.checkTotal).toBe(3e306);
  });
});

describe("MoneySum", () => {
  it("adds cents without drift where a plain running sum drifts", () => {
    const s = new MoneySum();
    let plain = 0;
    for (let i = 0; i < 100_000; i++) {
      s.add(0.1);
      plain += 0.1;
    }
    expect(s.value()).toBe(10000);
    expect(plain).not.toBe(10000);
  });

  it("never returns Infinity and refuses exactly the amounts that would overflow", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 30 }),
        (xs) => {
          const s = new MoneySum();
          for (const x of xs) s.add(x);
          expect(Number.isFinite(s.value())).toBe(true);
          expect(Number.isFinite(roundMoney(s.value()))).toBe(true);
        }
      )
    );
  });

  it("rounds ordinary sums to the cent and leaves numbers beyond cent precision as they are", () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
    expect(roundMoney(1234.505)).toBe(1234.51);
    expect(roundMoney(MAX_EXCEL)).toBe(MAX_EXCEL);
    expect(roundMoney(-MAX_EXCEL)).toBe(-MAX_EXCEL);
  });
});
