import * as fs from "fs";
import * as path from "path";
import { planToJson, readPlanJson } from "../../../src/core/plan/json";
import { looksLikePlanSheet, planToSheetValues, readPlanSheet } from "../../../src/core/plan/sheet";
import type { CellValue, Issue, Plan, SheetCells } from "../../../src/core/types";

const fixtures = path.join(__dirname, "../../fixtures/plans");
const mapleJson = JSON.parse(
  fs.readFileSync(path.join(fixtures, "maple-harbor.plan.json"), "utf8")
);
const mapleSheet: SheetCells = JSON.parse(
  fs.readFileSync(path.join(fixtures, "maple-harbor.sheet.json"), "utf8")
);
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");

/** The tree as "id(level)" strings, indented by depth. */
function shape(plan: Plan | null): string[] {
  const out: string[] = [];
  for (const p of plan?.priorities ?? []) {
    out.push(`${p.id}`);
    for (const g of p.goals) {
      out.push(`  ${g.id}`);
      for (const s of g.subgoals ?? []) {
        out.push(`    ${s.id} (subgoal)`);
        for (const a of s.actions ?? []) out.push(`      ${a.id} (action)`);
      }
      for (const a of g.actions ?? []) out.push(`    ${a.id} (action)`);
    }
  }
  return out;
}

describe("the sample city's plan sheet (title rows, blank rows, labels with colons, serial and text dates)", () => {
  const read = readPlanSheet(mapleSheet);

  test("reads to exactly the sample plan JSON", () => {
    expect(planToJson(read.plan as Plan)).toEqual(mapleJson);
  });

  test("no errors; one SMART warning per action with gaps, naming the first missing cell", () => {
    expect(errors(read.issues)).toEqual([]);
    expect(read.issues.map((i) => `${i.cell} ${i.message}`)).toEqual([
      `I18 'Strategic Plan'!I18: action "A1.3.2" has no due date (SMART check).`,
      `J31 'Strategic Plan'!J31: action "A2.2.2" has no measure, target or owner (SMART check).`,
      `K43 'Strategic Plan'!K43: action "A3.2.2" has no target or due date (SMART check).`,
      `J58 'Strategic Plan'!J58: action "A4.3.2" has no measure, target, owner or due date (SMART check).`,
      `K68 'Strategic Plan'!K68: action "A5.3.1" has no target (SMART check).`,
    ]);
  });

  test("plan fields from labelled cells: July 1 as the fiscal-year start, a serial adoption date, horizon as text", () => {
    const plan = read.plan as Plan;
    expect([plan.name, plan.adopted, plan.fiscalYearStart, plan.horizonYears]).toEqual([
      "City of Maple Harbor Strategic Plan 2026–2031",
      "2026-03-15",
      "07-01",
      5,
    ]);
    expect(plan.priorities).toHaveLength(5);
    expect(plan.priorities.reduce((n, p) => n + p.goals.length, 0)).toBe(20);
  });

  test("each node remembers its row", () => {
    expect((read.plan as Plan).priorities[0].source).toMatchObject({
      sheet: "Strategic Plan",
      row: 9,
    });
  });
});

describe("round trip", () => {
  test("JSON → plan → sheet values → plan → JSON is unchanged for a rich plan", () => {
    const fromJson = readPlanJson(mapleJson, "maple-harbor.plan.json");
    expect(errors(fromJson.issues)).toEqual([]);
    const values = planToSheetValues(fromJson.plan as Plan);
    const back = readPlanSheet({ name: "Strategic Plan", values });
    expect(errors(back.issues)).toEqual([]);
    expect(planToJson(back.plan as Plan)).toEqual(mapleJson);
  });

  test("the sheet layout: plan fields, a blank row, the header, then one row per node", () => {
    const values = planToSheetValues(readPlanJson(mapleJson).plan as Plan);
    expect(values.slice(0, 7)).toEqual([
      ["Plan name", "City of Maple Harbor Strategic Plan 2026–2031"],
      ["Adopted", "2026-03-15"],
      ["Fiscal year starts", "07-01"],
      ["Horizon (years)", 5],
      [],
      [
        "ID",
        "Parent ID",
        "Level",
        "Title",
        "Description",
        "Keywords",
        "Owner",
        "Start",
        "Due",
        "Measure",
        "Target",
        "Status",
        "Covers",
      ],
      [
        "P1",
        "",
        "Priority",
        "Safe Community",
        "Residents and visitors are safe and feel safe in every neighborhood.",
        "public safety, police, fire, emergency",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
      ],
    ]);
    // A subgoal's action names the subgoal as its parent.
    expect(values.find((r) => r[0] === "A1.1.1")?.slice(0, 3)).toEqual([
      "A1.1.1",
      "S1.1.1",
      "Action",
    ]);
    // 6 rows above the table's data, 5 priorities, 20 goals, 5 subgoals, 29 actions.
    expect(values).toHaveLength(6 + 5 + 20 + 5 + 29);
  });
});

describe("outlines without Parent ID", () => {
  const header = ["ID", "Title", "Owner", "Due", "Measure", "Target"];

  test("hierarchy from numeric IDs (numbers as cells), third level by content", () => {
    const values: CellValue[][] = [
      header,
      [1, "Safe city"],
      [1.1, "Faster response"],
      ["1.1.1", "Better dispatch"],
      ["1.1.1.1", "New dispatch system", "Police", "2027-06-30", "Minutes", "1"],
      [1.2, "Fewer fires"],
      ["1.2.1", "Inspect buildings", "Fire", "2027-06-30", "Inspections", "2400"],
      ["1.2.2", "Smoke alarm outreach"],
      [2, "Strong economy"],
      [2.1, "Small business help"],
    ];
    const r = readPlanSheet({ name: "Plan", values });
    expect(errors(r.issues)).toEqual([]);
    expect(shape(r.plan)).toEqual([
      "1",
      "  1.1",
      "    1.1.1 (subgoal)",
      "      1.1.1.1 (action)",
      "  1.2",
      "    1.2.2 (subgoal)",
      "    1.2.1 (action)",
      "2",
      "  2.1",
    ]);
  });

  test("hierarchy from lettered IDs: the letter gives the level", () => {
    const values: CellValue[][] = [
      header,
      ["P1", "Safe city"],
      ["G1.1", "Faster response"],
      ["S1.1.1", "Better dispatch"],
      ["A1.1.1.1", "New dispatch system"],
      ["A1.1.2", "Another station"],
    ];
    const r = readPlanSheet({ name: "Plan", values });
    expect(errors(r.issues)).toEqual([]);
    expect(shape(r.plan)).toEqual([
      "P1",
      "  G1.1",
      "    S1.1.1 (subgoal)",
      "      A1.1.1.1 (action)",
      "    A1.1.2 (action)",
    ]);
  });

  test("an ID whose number has no parent row is named", () => {
    const r = readPlanSheet({
      name: "Plan",
      values: [header, ["1", "Safe city"], ["1.3.2", "Lost"]],
    });
    expect(errors(r.issues).map((i) => i.message)).toEqual([
      `Plan!A3: "1.3.2" sits under "1.3" by its number, but no row has that number.`,
    ]);
  });

  test("hierarchy from the Level column in row order (an action after a subgoal belongs to it)", () => {
    const values: CellValue[][] = [
      ["Level", "ID", "Title", "Owner"],
      ["Priority", "A", "Safe city"],
      ["Goal", "B", "Faster response"],
      ["Action", "C", "Hire dispatchers", "Police"],
      ["Objective", "D", "Better dispatch"],
      ["Action", "E", "New dispatch system", "Police"],
      ["Goal", "F", "Fewer fires"],
      ["Action", "G", "Inspect buildings", "Fire"],
      ["Priority", "H", "Strong economy"],
      ["Goal", "I", "Small business help"],
    ];
    const r = readPlanSheet({ name: "Plan", values });
    expect(errors(r.issues)).toEqual([]);
    expect(shape(r.plan)).toEqual([
      "A",
      "  B",
      "    D (subgoal)",
      "      E (action)",
      "    C (action)",
      "  F",
      "    G (action)",
      "H",
      "  I",
    ]);
  });

  test("the Level column is preferred over numeric IDs: 1.10 arriving as the number 1.1 keeps its place, and the duplicate is explained", () => {
    const values: CellValue[][] = [
      ["ID", "Level", "Title"],
      [1, "Priority", "Safe city"],
      [1.1, "Goal", "Faster response"],
      [1.2, "Goal", "Fewer fires"],
      [1.1, "Goal", "Tenth goal"], // typed as 1.10
      [2, "Priority", "Strong economy"],
      [2.1, "Goal", "Small business help"],
    ];
    const r = readPlanSheet({ name: "Plan", values });
    expect(r.plan?.priorities.map((p) => [p.id, p.goals.map((g) => g.title)])).toEqual([
      ["1", ["Faster response", "Fewer fires", "Tenth goal"]],
      ["2", ["Small business help"]],
    ]);
    expect(errors(r.issues).map((i) => i.message)).toEqual([
      `Plan!A5: ID "1.1" is used twice (also in row 3). Excel may have turned an ID such as 1.10 into the number 1.1: ` +
        `format the ID column as Text and type the IDs again.`,
    ]);
  });

  test("a goal before any priority in row order is named", () => {
    const r = readPlanSheet({
      name: "Plan",
      values: [
        ["ID", "Level", "Title"],
        ["G1", "Goal", "Orphan goal"],
      ],
    });
    expect(errors(r.issues).map((i) => i.message)).toEqual([
      `Plan: the plan has no priorities. Add rows with the Level "Priority".`,
      `Plan!B2: goal "G1" has no parent: a goal belongs under a priority, and no such row comes before it.`,
    ]);
  });
});

describe("messy sheets", () => {
  const values: CellValue[][] = [
    ["Anytown Strategic Plan"],
    ["Prepared by the Budget Office", "", "", ""],
    [],
    ["Adopted", "March 15, 2026"],
    ["Fiscal year begins", "10/1"],
    [],
    [],
    [
      "Plan ID",
      "Parent",
      "Type",
      "Name",
      "Lead",
      "Start date",
      "Due date",
      "KPI",
      "Target",
      "Status",
    ],
    [],
    ["P1", "", "Priority", "Safe city"],
    [],
    ["G1.1", "P1", "Goal", "Faster response"],
    [
      "A1",
      "G1.1",
      "Action",
      "Serial dates",
      "Police",
      45658,
      45689.5,
      "Minutes",
      "5",
      "in progress",
    ],
    [
      "A2",
      "G1.1",
      "Action",
      "US text dates",
      "Police",
      "3/15/2026",
      "12/31/2026",
      "Minutes",
      "5",
      "done",
    ],
    [
      "A3",
      "G1.1",
      "Action",
      "ISO text dates",
      "Police",
      "2026-03-15",
      "2026-12-31",
      "Minutes",
      "5",
      "Not started",
    ],
    [
      "A4",
      "G1.1",
      "Action",
      "Written dates",
      "Police",
      "March 15, 2026",
      "15 Dec 2026",
      "Minutes",
      "5",
      "Delayed",
    ],
    ["", "", "", ""],
    ["Source: council resolution 2026-14, as amended"],
  ];
  const r = readPlanSheet({ name: "Plan Sheet", values, startRow: 2, startCol: 1 });
  const actions = r.plan?.priorities[0].goals[0].actions ?? [];

  test("reads through title rows, blank rows and a note under the table; headers by their usual names", () => {
    expect(r.issues).toEqual([]);
    expect(shape(r.plan)).toEqual([
      "P1",
      "  G1.1",
      "    A1 (action)",
      "    A2 (action)",
      "    A3 (action)",
      "    A4 (action)",
    ]);
  });

  test("the title row names the plan when no label does; plan fields from labels", () => {
    expect([r.plan?.name, r.plan?.adopted, r.plan?.fiscalYearStart, r.plan?.horizonYears]).toEqual([
      "Anytown Strategic Plan",
      "2026-03-15",
      "10-01",
      5,
    ]);
  });

  test("dates as Excel serials (45658 = 2025-01-01) and as text", () => {
    expect(actions.map((a) => [a.start, a.due])).toEqual([
      ["2025-01-01", "2025-02-01"],
      ["2026-03-15", "2026-12-31"],
      ["2026-03-15", "2026-12-31"],
      ["2026-03-15", "2026-12-15"],
    ]);
  });

  test("statuses are written the plan's way", () => {
    expect(actions.map((a) => a.status)).toEqual([
      "In progress",
      "Complete",
      "Not started",
      "Delayed",
    ]);
  });

  test("cells are named with the sheet's offset", () => {
    const bad = values.map((row) => [...row]);
    bad[12][6] = "someday";
    const issues = readPlanSheet({
      name: "Plan Sheet",
      values: bad,
      startRow: 2,
      startCol: 1,
    }).issues;
    expect(issues.map((i) => i.message)).toEqual([
      `'Plan Sheet'!H15: Due "someday" is not a date. Write it as a date such as 2026-03-15 or 3/15/2026.`,
    ]);
  });

  test("a sheet without a plan table", () => {
    const none = readPlanSheet({
      name: "Budget",
      values: [
        ["Department", "Program", "Amount"],
        ["Fire", "Ops", 100],
      ],
    });
    expect(none.plan).toBeNull();
    expect(none.issues.map((i) => i.message)).toEqual([
      `Budget: no plan table was found: the first 40 rows have no header row with "ID" and "Title" ` +
        `(the table's columns are ID, Parent ID, Level, Title, Description, Keywords, Owner, Start, Due, Measure, Target, Status, Covers).`,
    ]);
  });
});

describe("looksLikePlanSheet", () => {
  test("a plan table yes; a budget or a list of titles no", () => {
    expect(looksLikePlanSheet(mapleSheet)).toBe(true);
    expect(looksLikePlanSheet({ name: "x", values: [["ID", "Level", "Title"]] })).toBe(true);
    expect(looksLikePlanSheet({ name: "x", values: [["Department", "Program", "Amount"]] })).toBe(
      false
    );
    expect(looksLikePlanSheet({ name: "x", values: [["ID", "Title", "Amount"]] })).toBe(false);
    expect(looksLikePlanSheet({ name: "x", values: [] })).toBe(false);
    expect(
      looksLikePlanSheet({
        name: "x",
        values: [
          ["ID", "Name", "Type"],
          [1, "Salaries", "Personnel"],
          [2, "Trucks", "Capital"],
        ],
      })
    ).toBe(false);
    expect(
      looksLikePlanSheet({
        name: "x",
        values: [
          ["ID", "Name", "Type"],
          [1, "Safety", "Priority"],
          [1.1, "Response", "Goal"],
        ],
      })
    ).toBe(true);
  });
});
