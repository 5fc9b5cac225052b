import * as fs from "fs";
import * as path from "path";
import { PLAN_JSON_EXAMPLE, readPlanJson } from "../../../src/core/plan/json";
import { readPlanSheet } from "../../../src/core/plan/sheet";
import { smartGaps, validatePlan } from "../../../src/core/plan/validate";
import type { Issue, Plan, SheetCells } from "../../../src/core/types";

const dir = path.join(__dirname, "../../fixtures/plans/rules");
const sheetFixture = (name: string): SheetCells =>
  JSON.parse(fs.readFileSync(path.join(dir, `${name}.sheet.json`), "utf8"));
const jsonFixture = (name: string): string =>
  fs.readFileSync(path.join(dir, `${name}.plan.json`), "utf8");
const summary = (issues: Issue[]) =>
  issues.map((i) => ({ severity: i.severity, code: i.code, message: i.message }));
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");

describe("validation of a Strategic Plan sheet: one fixture per rule, exact messages", () => {
  test("the valid fixture has no issues at all", () => {
    const r = readPlanSheet(sheetFixture("valid"));
    expect(r.issues).toEqual([]);
    expect(r.plan?.priorities[0].goals.map((g) => g.id)).toEqual(["G1.1", "G1.2"]);
  });

  test.each<[string, Issue["severity"], string, string, string]>([
    [
      "duplicate-id",
      "error",
      "plan.duplicate-id",
      "A13",
      `'Strategic Plan'!A13: ID "G1.1" is used twice (also in row 8).`,
    ],
    [
      "unknown-parent",
      "error",
      "plan.unknown-parent",
      "B12",
      `'Strategic Plan'!B12: Parent ID "G9.9" of "A1.2.1" is not the ID of any row in the plan.`,
    ],
    [
      "cycle",
      "error",
      "plan.cycle",
      "B8",
      `'Strategic Plan'!B8: the Parent IDs go round in a loop: G1.1 → S1.1.1 → G1.1.`,
    ],
    [
      "no-title",
      "error",
      "plan.no-title",
      "D11",
      `'Strategic Plan'!D11: goal "G1.2" has no title.`,
    ],
    [
      "due-before-start",
      "error",
      "plan.due-before-start",
      "I12",
      `'Strategic Plan'!I12: action "A1.2.1" is due Jan 31, 2027, before it starts (Jun 30, 2027).`,
    ],
    [
      "not-a-date",
      "error",
      "plan.bad-date",
      "I12",
      `'Strategic Plan'!I12: Due "next spring" is not a date. Write it as a date such as 2026-03-15 or 3/15/2026.`,
    ],
    [
      "bad-adopted",
      "error",
      "plan.bad-date",
      "B2",
      `'Strategic Plan'!B2: Adopted "soon" is not a date. Write it as a date such as 2026-03-15 or 3/15/2026.`,
    ],
    [
      "level-mismatch",
      "error",
      "plan.level-mismatch",
      "C11",
      `'Strategic Plan'!C11: goal "G1.2" cannot sit under subgoal "S1.1.1": a goal belongs under a priority.`,
    ],
    [
      "action-under-priority",
      "error",
      "plan.level-mismatch",
      "C12",
      `'Strategic Plan'!C12: action "A1.2.1" cannot sit under priority "P1": an action belongs under a goal or a subgoal.`,
    ],
    [
      "unknown-level",
      "error",
      "plan.unknown-level",
      "C9",
      `'Strategic Plan'!C9: Level "Program" is not one of Priority, Goal, Subgoal, Action.`,
    ],
    [
      "no-id",
      "error",
      "plan.no-id",
      "A13",
      `'Strategic Plan'!A13: "Orphan row" has no ID. Give every row an ID such as G1.2.`,
    ],
    [
      "bad-fiscal-year-start",
      "error",
      "plan.bad-fiscal-year-start",
      "B3",
      `'Strategic Plan'!B3: Fiscal year starts "Julember 1" is not a month and day. Write it as 07-01 or July 1.`,
    ],
    [
      "smart-gap",
      "warning",
      "plan.smart-gap",
      "J12",
      `'Strategic Plan'!J12: action "A1.2.1" has no measure or owner (SMART check).`,
    ],
    [
      "unknown-status",
      "warning",
      "plan.unknown-status",
      "L12",
      `'Strategic Plan'!L12: action "A1.2.1": status "Done-ish" is not one of Not started, In progress, Complete, Delayed, Cancelled.`,
    ],
  ])("%s → exactly one issue with the exact message", (fixture, severity, code, cell, message) => {
    const r = readPlanSheet(sheetFixture(fixture));
    expect(r.issues).toEqual([{ severity, code, message, sheet: "Strategic Plan", cell }]);
  });

  test("no adoption date → a sheet-level warning, not an error", () => {
    const r = readPlanSheet(sheetFixture("no-adoption-date"));
    expect(summary(r.issues)).toEqual([
      {
        severity: "warning",
        code: "plan.no-adoption-date",
        message:
          `'Strategic Plan': the plan has no adoption date, so the review dates are estimated from the earliest action start ` +
          `(counting from Jul 1, 2026). Add a row "Adopted" with the date above the table.`,
      },
    ]);
    expect(r.plan?.adopted).toBeNull();
  });

  test("no adoption date and no action start: the warning says the review dates cannot be set", () => {
    const values = sheetFixture("no-adoption-date").values.map((row) =>
      row.map((v, c) => (c === 7 ? "" : v))
    );
    const r = readPlanSheet({ name: "Strategic Plan", values });
    expect(r.issues.map((i) => i.message)).toEqual([
      `'Strategic Plan': the plan has no adoption date and no action has a start date, so the review dates cannot be set. ` +
        `Add a row "Adopted" with the date above the table.`,
    ]);
  });

  test("rows under a rejected row are left out without more messages", () => {
    const cycle = readPlanSheet(sheetFixture("cycle"));
    expect(cycle.plan?.priorities[0].goals.map((g) => g.id)).toEqual(["G1.2"]);
    const mismatch = readPlanSheet(sheetFixture("level-mismatch"));
    expect(mismatch.plan?.priorities[0].goals.map((g) => g.id)).toEqual(["G1.1"]);
    expect(mismatch.issues).toHaveLength(1);
  });
});

describe("validation of a plan JSON file: JSON paths, exact messages", () => {
  test("the valid fixture has no issues", () => {
    expect(readPlanJson(jsonFixture("valid"), "valid.plan.json").issues).toEqual([]);
  });

  test.each<[string, Issue["severity"], string, string]>([
    [
      "duplicate-id",
      "error",
      "plan.duplicate-id",
      `duplicate-id.plan.json: priorities[0].goals[2].id: ID "G1.1" is used twice (also at priorities[0].goals[0]).`,
    ],
    [
      "no-title",
      "error",
      "plan.no-title",
      "no-title.plan.json: priorities[0].goals[1].title is missing.",
    ],
    [
      "due-before-start",
      "error",
      "plan.due-before-start",
      `due-before-start.plan.json: priorities[0].goals[1].actions[0]: action "A1.2.1" is due Jan 31, 2027, before it starts (Jun 30, 2027).`,
    ],
    [
      "not-a-date",
      "error",
      "plan.bad-date",
      `not-a-date.plan.json: priorities[0].goals[1].actions[0].due "next spring" is not a date (write it as YYYY-MM-DD).`,
    ],
    [
      "unknown-subgoal",
      "error",
      "plan.unknown-parent",
      `unknown-subgoal.plan.json: priorities[0].goals[0].actions[0].subgoal "S9.9" is not one of the subgoals of goal "G1.1".`,
    ],
    [
      "smart-gap",
      "warning",
      "plan.smart-gap",
      `smart-gap.plan.json: priorities[0].goals[1].actions[0]: action "A1.2.1" has no measure or owner (SMART check).`,
    ],
    [
      "no-adoption-date",
      "warning",
      "plan.no-adoption-date",
      `no-adoption-date.plan.json: adopted is missing: the plan has no adoption date, so the review dates are estimated ` +
        `from the earliest action start (counting from Jul 1, 2026). Add "adopted": "YYYY-MM-DD".`,
    ],
    [
      "malformed",
      "error",
      "plan.json-syntax",
      `malformed.plan.json: line 6, column 3: the file is not valid JSON (expected a comma or a closing }, found ‘"priorities"’).`,
    ],
  ])("%s → exactly one issue with the exact message", (fixture, severity, code, message) => {
    expect(summary(readPlanJson(jsonFixture(fixture), `${fixture}.plan.json`).issues)).toEqual([
      { severity, code, message },
    ]);
  });

  test("malformed JSON gives no plan", () => {
    expect(readPlanJson(jsonFixture("malformed"), "malformed.plan.json").plan).toBeNull();
  });

  test("values of the wrong kind name their JSON path", () => {
    expect(
      errors(readPlanJson(jsonFixture("wrong-types"), "wrong-types.plan.json").issues).map(
        (i) => i.message
      )
    ).toEqual([
      "wrong-types.plan.json: priorities[0].keywords must be a list of words.",
      "wrong-types.plan.json: priorities[0].goals[0].subgoals must be a list ([ … ]).",
      `wrong-types.plan.json: priorities[0].goals[0].actions[0].subgoal "S1.1.1" is not one of the subgoals of goal "G1.1".`,
    ]);
  });

  test("a JSON value that is not a plan object, and a plan without priorities", () => {
    expect(summary(readPlanJson([1, 2]).issues)).toEqual([
      {
        severity: "error",
        code: "plan.json-schema",
        message: `the plan must be a JSON object with "name", "adopted", "fiscalYearStart", "horizonYears" and "priorities". A plan file looks like this: ${PLAN_JSON_EXAMPLE}`,
      },
    ]);
    // The example is itself a plan that reads without errors.
    expect(readPlanJson(PLAN_JSON_EXAMPLE).issues.filter((i) => i.severity === "error")).toEqual(
      []
    );
    expect(
      readPlanJson({ name: "X", adopted: "2026-01-01" }, "x.json").issues.map((i) => i.message)
    ).toEqual([
      `x.json: priorities is missing. A plan file looks like this: ${PLAN_JSON_EXAMPLE}`,
      "x.json: priorities is empty: the plan has no priorities.",
    ]);
  });
});

describe("validatePlan on a plan built in code", () => {
  const plan: Plan = {
    name: "P",
    adopted: "2026-03-15",
    fiscalYearStart: "7-1",
    horizonYears: 0,
    priorities: [
      {
        id: "P1",
        title: "Safety",
        goals: [
          {
            id: "G1",
            title: "Response",
            subgoals: [
              {
                id: "S1",
                title: "Dispatch",
                actions: [
                  {
                    id: "A1",
                    title: "CAD",
                    owner: "Police",
                    due: "2027-01-01",
                    measure: "m",
                    target: "t",
                  },
                ],
              },
            ],
            actions: [
              {
                id: "a1",
                title: "Other",
                owner: " ",
                due: "2027-01-01",
                measure: "m",
                target: "t",
              },
            ],
          },
        ],
      },
    ],
  };

  test("plan fields, ids compared as typed, subgoal actions listed on the goal in the JSON path", () => {
    expect(validatePlan(plan).map((i) => `${i.severity}: ${i.message}`)).toEqual([
      `error: fiscalYearStart: the fiscal year start "7-1" is not a month and day such as 07-01.`,
      `error: horizonYears: the horizon "0" is not a number of years between 1 and 50.`,
      `error: priorities[0].goals[0].actions[1].id: ID "a1" is used twice (also at priorities[0].goals[0].actions[0]).`,
      `warning: priorities[0].goals[0].actions[1]: action "a1" has no owner (SMART check).`,
    ]);
  });
});

describe("smartGaps", () => {
  test("lists what is missing, in the order measure, target, owner, due", () => {
    expect(smartGaps({ id: "A", title: "x" })).toEqual(["measure", "target", "owner", "due"]);
    expect(smartGaps({ id: "A", title: "x", measure: "m", target: "  ", owner: "o" })).toEqual([
      "target",
      "due",
    ]);
    expect(
      smartGaps({ id: "A", title: "x", measure: "m", target: "t", owner: "o", due: "2027-01-01" })
    ).toEqual([]);
  });
});
