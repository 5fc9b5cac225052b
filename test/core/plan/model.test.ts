import {
  countGoals,
  findTarget,
  planActions,
  planTargets,
  priorityOf,
  resolveGoalRef,
} from "../../../src/core/plan/model";
import type { Plan } from "../../../src/core/types";

const plan: Plan = {
  name: "Test Plan",
  adopted: "2026-03-15",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safe Neighbourhoods",
      goals: [
        {
          id: "G1.1",
          title: "Reduce emergency response times",
          subgoals: [
            {
              id: "S1.1.1",
              title: "Staff every fire station",
              actions: [{ id: "A1.1.1.1", title: "Hire crews" }],
            },
          ],
          actions: [{ id: "A1.1.1", title: "Add dispatch consoles" }],
        },
        { id: "G1.2", title: "Safer streets for walking" },
      ],
    },
    {
      id: "P2",
      title: "Thriving Economy",
      goals: [
        {
          id: "G2.1",
          title: "Support small businesses",
          actions: [{ id: "A2.1.1", title: "Open a permit help desk" }],
        },
      ],
    },
  ],
};

describe("plan model", () => {
  test("planTargets lists priorities, goals and subgoals in plan order with paths", () => {
    const targets = planTargets(plan);
    expect(targets.map((t) => t.id)).toEqual(["P1", "G1.1", "S1.1.1", "G1.2", "P2", "G2.1"]);
    expect(targets[2]).toEqual({
      id: "S1.1.1",
      level: "subgoal",
      title: "Staff every fire station",
      priorityId: "P1",
      goalId: "G1.1",
      path: "Safe Neighbourhoods › Reduce emergency response times › Staff every fire station",
    });
    expect(targets[0].goalId).toBeNull();
  });

  test("findTarget, priorityOf, countGoals", () => {
    expect(findTarget(plan, "G2.1")?.title).toBe("Support small businesses");
    expect(findTarget(plan, "A2.1.1")).toBeUndefined();
    expect(priorityOf(plan, "A1.1.1.1")).toBe("P1");
    expect(priorityOf(plan, "A2.1.1")).toBe("P2");
    expect(priorityOf(plan, "G1.2")).toBe("P1");
    expect(priorityOf(plan, "nope")).toBeNull();
    expect(countGoals(plan)).toBe(3);
  });

  test("planActions gives each action with its priority, goal and subgoal", () => {
    expect(
      planActions(plan).map((a) => [a.action.id, a.priorityId, a.goalId, a.subgoalId])
    ).toEqual([
      ["A1.1.1.1", "P1", "G1.1", "S1.1.1"],
      ["A1.1.1", "P1", "G1.1", null],
      ["A2.1.1", "P2", "G2.1", null],
    ]);
  });

  test.each([
    ["G1.2", "G1.2"],
    ["g1.2", "G1.2"],
    [" 1.2 ", "G1.2"],
    ["1.2", "G1.2"],
    ["G1.2 Safer streets for walking", "G1.2"],
    ["G1.2 — Safer streets…", "G1.2"],
    ["G1.2: Safer streets", "G1.2"],
    ["Goal 1.2", "G1.2"],
    ["safer STREETS, for walking!", "G1.2"],
    ["Reduce emergency response…", "G1.1"],
    ["p2", "P2"],
    ["2", "P2"],
    ["1.1.1", "S1.1.1"],
    ["Thriving economy", "P2"],
    ["Reduce emergency response time", "G1.1"],
    ["Safer street for walking", "G1.2"],
    ["Safer streets for walking (G1.2)", "G1.2"],
    ["Safer streets [1.2]", "G1.2"],
    ["G9.9", null],
    ["", null],
    ["Something else entirely", null],
  ])("resolveGoalRef(%j) → %j", (text, expected) => {
    expect(resolveGoalRef(plan, text)).toBe(expected);
  });

  test("resolveGoalRef with plain numeric ids and a title after an unknown id", () => {
    const numeric: Plan = {
      ...plan,
      priorities: [
        {
          id: "1",
          title: "Housing",
          goals: [
            { id: "1.2", title: "Build homes" },
            { id: "1.10", title: "Repair homes" },
          ],
        },
      ],
    };
    expect(resolveGoalRef(numeric, "1.2")).toBe("1.2");
    expect(resolveGoalRef(numeric, "1.10")).toBe("1.10");
    expect(resolveGoalRef(numeric, "1")).toBe("1");
    expect(resolveGoalRef(numeric, "X7 Build homes")).toBe("1.2");
  });

  test("an id number shared by a priority and a goal is decided by the title, else null", () => {
    const clash: Plan = {
      ...plan,
      priorities: [{ id: "P1", title: "Housing", goals: [{ id: "G1", title: "Build homes" }] }],
    };
    expect(resolveGoalRef(clash, "1")).toBeNull();
    expect(resolveGoalRef(clash, "1 Build homes")).toBe("G1");
    expect(resolveGoalRef(clash, "G1")).toBe("G1");
  });
});

describe("look-ups follow nodes added to a plan in place", () => {
  test("a goal added (and a title changed with it) after a look-up is found", () => {
    const p: Plan = JSON.parse(JSON.stringify(plan));
    expect(resolveGoalRef(p, "Support small businesses")).toBe("G2.1");
    p.priorities[1].goals.push({ id: "G2.2", title: "Train local workers" });
    p.priorities[1].goals[0].title = "Help small businesses grow";
    expect(resolveGoalRef(p, "train local workers")).toBe("G2.2");
    expect(findTarget(p, "G2.2")?.path).toBe("Thriving Economy › Train local workers");
    expect(resolveGoalRef(p, "Support small businesses")).toBeNull();
    expect(resolveGoalRef(p, "Help small businesses grow")).toBe("G2.1");
  });
});
