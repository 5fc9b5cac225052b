import * as fs from "fs";
import * as path from "path";
import { planToJson, readPlanJson } from "../../../src/core/plan/json";
import { planActions } from "../../../src/core/plan/model";
import type { Plan } from "../../../src/core/types";

const mapleText = fs.readFileSync(
  path.join(__dirname, "../../fixtures/plans/maple-harbor.plan.json"),
  "utf8"
);
const mapleJson = JSON.parse(mapleText);

describe("readPlanJson / planToJson", () => {
  test("the sample plan reads from text and from parsed JSON alike, with only SMART warnings", () => {
    const fromText = readPlanJson(mapleText, "maple-harbor.plan.json");
    const fromObject = readPlanJson(mapleJson, "maple-harbor.plan.json");
    expect(fromText).toEqual(fromObject);
    expect(fromText.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(fromText.issues.map((i) => i.code)).toEqual(Array(5).fill("plan.smart-gap"));
  });

  test("JSON → plan → JSON is unchanged", () => {
    expect(planToJson(readPlanJson(mapleJson).plan as Plan)).toEqual(mapleJson);
  });

  test("actions naming a subgoal are placed under it", () => {
    const plan = readPlanJson(mapleJson).plan as Plan;
    const g = plan.priorities[1].goals[0];
    expect(g.subgoals?.map((s) => [s.id, (s.actions ?? []).map((a) => a.id)])).toEqual([
      ["S2.1.1", ["A2.1.1"]],
      ["S2.1.2", ["A2.1.2"]],
    ]);
    expect(g.actions?.map((a) => a.id)).toEqual(["A2.1.3"]);
    expect(planActions(plan)).toHaveLength(29);
  });

  test("forgiving where the meaning is clear: numeric ids, text dates, keyword strings, July 1, status case", () => {
    const r = readPlanJson({
      name: "  ",
      adopted: "3/15/2026",
      fiscalYearStart: "July 1",
      priorities: [
        {
          id: 1,
          title: "Safety",
          keywords: "police; fire, rescue",
          goals: [
            {
              id: 1.2,
              title: "Response",
              actions: [
                {
                  id: "1.2.1",
                  title: "Hire",
                  owner: "Police",
                  due: "June 30, 2027",
                  measure: "Minutes",
                  target: 5,
                  status: "completed",
                },
              ],
            },
          ],
        },
      ],
    });
    expect(r.issues).toEqual([]);
    expect(planToJson(r.plan as Plan)).toEqual({
      name: "Strategic Plan",
      adopted: "2026-03-15",
      fiscalYearStart: "07-01",
      horizonYears: 5,
      priorities: [
        {
          id: "1",
          title: "Safety",
          keywords: ["police", "fire", "rescue"],
          goals: [
            {
              id: "1.2",
              title: "Response",
              actions: [
                {
                  id: "1.2.1",
                  title: "Hire",
                  owner: "Police",
                  due: "2027-06-30",
                  measure: "Minutes",
                  target: "5",
                  status: "Complete",
                },
              ],
            },
          ],
        },
      ],
    });
  });

  test("actions nested in a subgoal are accepted and written back on the goal, naming the subgoal", () => {
    const r = readPlanJson({
      name: "X",
      adopted: "2026-01-01",
      priorities: [
        {
          id: "P1",
          title: "A",
          goals: [
            {
              id: "G1",
              title: "B",
              subgoals: [
                {
                  id: "S1",
                  title: "C",
                  actions: [
                    {
                      id: "A1",
                      title: "D",
                      owner: "O",
                      due: "2027-01-01",
                      measure: "M",
                      target: "T",
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.plan?.priorities[0].goals[0].subgoals?.[0].actions?.map((a) => a.id)).toEqual(["A1"]);
    expect(
      (planToJson(r.plan as Plan) as { priorities: { goals: { actions: unknown[] }[] }[] })
        .priorities[0].goals[0].actions
    ).toEqual([
      {
        id: "A1",
        title: "D",
        subgoal: "S1",
        owner: "O",
        due: "2027-01-01",
        measure: "M",
        target: "T",
      },
    ]);
  });

  test("a plan without an adoption date writes adopted: null", () => {
    const r = readPlanJson({ name: "X", priorities: [{ id: "P1", title: "A", goals: [] }] });
    expect((planToJson(r.plan as Plan) as { adopted: unknown }).adopted).toBeNull();
  });

  test("a horizon in words is named; '10 years' is read", () => {
    const base = {
      name: "X",
      adopted: "2026-01-01",
      priorities: [{ id: "P1", title: "A", goals: [] }],
    };
    expect(
      readPlanJson({ ...base, horizonYears: "five" }, "p.json").issues.map((i) => i.message)
    ).toEqual([`p.json: horizonYears "five" is not a number of years.`]);
    expect(readPlanJson({ ...base, horizonYears: "10 years" }).plan?.horizonYears).toBe(10);
  });

  test("an object that is not a node is named by its path", () => {
    const r = readPlanJson(
      { name: "X", adopted: "2026-01-01", priorities: [{ id: "P1", title: "A", goals: ["G1"] }] },
      "p.json"
    );
    expect(r.issues.map((i) => i.message)).toEqual([
      `p.json: priorities[0].goals[0] must be an object with "id" and "title".`,
    ]);
  });

  test("a file that stops half way", () => {
    const r = readPlanJson('{\n  "name": "X",\n  "priorities": [', "cut.json");
    expect(r.plan).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toBe(
      "cut.json: line 3, column 18: the file is not valid JSON (it ends before the plan is complete)."
    );
  });
});
