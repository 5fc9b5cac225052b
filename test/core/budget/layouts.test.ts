/** Each fixture layout reads to the exact lines, total and column roles its author marked. */
import { BUDGET_FIXTURES } from "../../fixtures/budgets/layouts";
import { looksLikeBudgetSheet, readBudget } from "../../../src/core/budget/read";

describe.each(BUDGET_FIXTURES.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
  const result = readBudget(fixture.sheets);

  it("reads the exact lines and total", () => {
    expect(result.lines).toHaveLength(fixture.lines);
    expect(result.checkTotal).toBeCloseTo(fixture.total, 2);
    expect(result.lines.reduce((s, l) => s + l.amount, 0)).toBeCloseTo(fixture.total, 2);
    expect(result.skippedSubtotals).toBe(fixture.subtotals);
  });

  it("uses the right primary amount column", () => {
    expect(result.amountColumns.find((c) => c.id === result.primaryAmount)?.header).toBe(
      fixture.primary
    );
  });

  it("detects the column roles", () => {
    const byLetter = Object.fromEntries(result.layouts[0].columns.map((c) => [c.letter, c.role]));
    for (const [letter, role] of Object.entries(fixture.roles))
      expect([letter, byLetter[letter] ?? "ignore"]).toEqual([letter, role]);
  });

  it("raises exactly the expected issues", () => {
    expect(result.issues.map((i) => i.code).sort()).toEqual([...(fixture.issues ?? [])].sort());
  });

  it("fills the lines' fields", () => {
    for (const e of fixture.expectLines ?? []) {
      const line = result.lines.find((l) => l.row === e.row && (!e.sheet || l.sheet === e.sheet));
      expect(line).toBeDefined();
      for (const [k, v] of Object.entries(e.fields))
        expect([k, (line as unknown as Record<string, unknown>)[k]]).toEqual([k, v]);
    }
  });

  it("gives unique keys and looks like a budget", () => {
    expect(new Set(result.lines.map((l) => l.key)).size).toBe(result.lines.length);
    for (const s of fixture.sheets) expect(looksLikeBudgetSheet(s)).toBe(true);
  });
});
