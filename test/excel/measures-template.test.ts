/**
 * The pane's "Insert plan template" through the Excel port and the fake: the Strategic Plan template and the
 * Measures template beside it; a Measures sheet of the user's own is never replaced; and the Scorecard is written
 * from the inserted templates on the next run.
 */
import { insertPlanTemplate, runAlignment } from "../../src/core/workflow";
import { fakeExcel, portOver } from "./helpers";

const budget = [
  ["Department", "Program", "Description", "FY 2026-27 Adopted"],
  ["Fire", "Emergency Communications", "911 dispatch center", 1000],
  ["Fire", "Fire Suppression", "Engine companies and rescue", 2000],
];

describe("insertPlanTemplate through the Excel port", () => {
  test("adds the Strategic Plan and Measures templates; the next run writes a Scorecard from them", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budget);
    const port = portOver(fake);
    expect(await insertPlanTemplate(port, "2026-11-22")).toBe("inserted");
    expect(fake.sheetNames()).toEqual(["Budget", "Strategic Plan", "Measures"]);
    const measures = fake.sheet("Measures").dump();
    expect(measures[3].slice(0, 3)).toEqual(["Measure ID", "Measure", "Goal or action ID"]);
    expect(measures[3]).toContain("FY27 Q1 Actual");
    const { written, analysis } = await runAlignment(port, { today: "2026-11-22" });
    expect(written).toContain("Scorecard");
    expect(analysis.measures?.map((m) => m.id)).toEqual(expect.arrayContaining(["M-1", "M-2"]));
    // The Budget sheet was not changed and the Measures sheet is not taken for a budget.
    expect(fake.sheet("Budget").dump()).toEqual(budget);
    expect(analysis.budgetSheets).toEqual(["Budget"]);
  });

  test("never replaces a Measures sheet the workbook already has", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budget);
    fake.addSheet("Measures", [["Our own list"], ["Keep me"]]);
    const port = portOver(fake);
    await insertPlanTemplate(port, "2026-11-22");
    expect(fake.sheet("Measures").dump()).toEqual([["Our own list"], ["Keep me"]]);
    expect(fake.sheetNames()).toContain("Strategic Plan");
  });
});
