import { samplePlan } from "../../../samples/sample-plan";
import { planToJson, readPlanJson } from "../../../src/core/plan/json";
import { countGoals } from "../../../src/core/plan/model";
import { planToSheetValues, readPlanSheet } from "../../../src/core/plan/sheet";
import { validatePlan } from "../../../src/core/plan/validate";
import type { Plan } from "../../../src/core/types";

describe("the bundled sample plan", () => {
  test("passes validation with no errors (SMART gaps are warnings)", () => {
    const issues = validatePlan(samplePlan);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(issues.every((i) => i.code === "plan.smart-gap")).toBe(true);
    expect(countGoals(samplePlan)).toBe(20);
  });

  test("reads back from the sheet the sample workbook writes, and from JSON, unchanged", () => {
    const json = planToJson(samplePlan);
    const sheet = readPlanSheet({ name: "Strategic Plan", values: planToSheetValues(samplePlan) });
    expect(sheet.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(planToJson(sheet.plan as Plan)).toEqual(json);
    const fromJson = readPlanJson(JSON.parse(JSON.stringify(json)), "sample.json");
    expect(planToJson(fromJson.plan as Plan)).toEqual(json);
    expect(sheet.issues.map((i) => i.message.replace(/^'Strategic Plan'!\w+: /, ""))).toEqual(
      fromJson.issues.map((i) => i.message.replace(/^sample\.json: [^:]+: /, ""))
    );
  });
});
