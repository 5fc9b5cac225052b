import { budgetByFunction } from "../../../src/core/reports/by-function";
import {
  coverageLabels,
  functionProfile,
  planCoverage,
  coveredShare,
  resolveFunction,
} from "../../../src/core/tagging/functions";
import { tagLines } from "../../../src/core/tagging/engine";
import type { Plan } from "../../../src/core/types";
import { planOf, programLine } from "./fixtures";

const plan = planOf;
const line = programLine;

const covers = (p: Plan, id: string) => coverageLabels(p).get(id)!.labels;

describe("goals cover the functions their words name; adjectives grant nothing", () => {
  const p = plan([
    {
      id: "P1",
      title: "Infrastructure",
      goals: [
        { id: "G1.1", title: "Maintain Safe, Functional and Efficient City Facilities and Fleet" },
        { id: "G1.2", title: "Improve the safety of the transportation network" },
      ],
    },
  ]);
  test("'safe' and 'efficient' facilities: facilities and fleet, not police", () => {
    const c = covers(p, "G1.1");
    expect(c).toEqual(
      expect.arrayContaining(["facilities and public buildings", "fleet management"])
    );
    expect(c).not.toContain("police services");
  });
  test("transportation safety covers the transportation functions, not fire suppression", () => {
    const c = covers(p, "G1.2");
    expect(c).toContain("streets, roads, bridges and sidewalks");
    expect(c).not.toContain("fire suppression and rescue");
  });
  test("Police Patrol and Fire Suppression fit no goal of this plan, and say why", () => {
    const tags = tagLines(
      [line("Police", "Police Patrol", 1), line("Fire", "Fire Suppression", 2)],
      p
    );
    expect(tags.map((t) => t.flagged)).toEqual([true, true]);
    expect(tags[0].why).toMatch(/^no goal of the plan covers police services/);
    expect(tags[1].why).toMatch(/^no goal of the plan covers fire suppression/);
  });
});

describe("coordinated words and whole areas", () => {
  // Titles in general words (GASB, Census): the cities the eval scores are not quoted here (test/eval/independence).
  test("'public works and safety services' reads as public works and public safety services", () => {
    const p = plan([{ id: "P1", title: "Public Works and Safety Services", goals: [] }]);
    const c = covers(p, "P1");
    expect(c).toEqual(
      expect.arrayContaining(["police services", "solid waste collection and recycling"])
    );
  });
  test("'public safety' names public safety as a whole; 'general government' names the internal and general government", () => {
    const p = plan([
      { id: "P1", title: "Public Safety", goals: [] },
      { id: "P2", title: "General Government", goals: [] },
    ]);
    expect(covers(p, "P1")).toEqual(
      expect.arrayContaining(["police services", "911 and emergency dispatch"])
    );
    expect(covers(p, "P2")).toEqual(
      expect.arrayContaining(["elections", "information technology"])
    );
  });
  test("a goal inherits what its priority names, more weakly than what it names itself", () => {
    const p = plan([
      { id: "P1", title: "Public Safety", goals: [{ id: "G1.1", title: "Faster response" }] },
    ]);
    const police = resolveFunction("police")!;
    expect(planCoverage(p).get("G1.1")!.get(police)).toBeLessThan(
      planCoverage(p).get("P1")!.get(police)!
    );
    expect(covers(p, "G1.1")).toContain("police services");
  });
});

describe("Covers typed by an analyst replaces what the words imply", () => {
  test("by id or label, any case", () => {
    const p = plan([
      { id: "P1", title: "Thriving City", covers: ["payroll", "Public Libraries"], goals: [] },
    ]);
    expect([...covers(p, "P1")].sort()).toEqual([
      "payroll and personnel administration",
      "public libraries",
    ]);
    expect(coverageLabels(p).get("P1")!.typed).toBe(true);
    const tag = tagLines([line("Library", "Branch Libraries")], p)[0];
    expect(tag.flagged).toBe(false);
    expect(tag.priorityId).toBe("P1");
  });
});

describe("lines → functions", () => {
  test("the department decides a generic program name: a police department's administration is police work", () => {
    const f = functionProfile({
      department: "Police",
      division: "",
      program: "Administration",
      details: [],
    });
    expect(f.fns.length).toBeGreaterThan(0);
    const police = resolveFunction("police")!;
    expect(f.fns[0]).toBe(police);
    const p = plan([{ id: "P1", title: "Public Safety", goals: [] }]);
    expect(coveredShare(f, planCoverage(p).get("P1"))).toBeGreaterThan(0.5);
  });
  test("an office is not an officer: 'Office Systems Support' names no police work; 'Police Officers' does", () => {
    const police = resolveFunction("police")!;
    const of = (program: string) =>
      functionProfile({ department: "", division: "", program, details: [] });
    expect(of("Office Systems Support").fns).not.toContain(police);
    expect(of("Police Officers").fns[0]).toBe(police);
  });
  test("a text that names no function has no profile", () => {
    expect(
      functionProfile({ department: "", division: "", program: "Miscellaneous", details: [] })
        .strength
    ).toBe(0);
  });
});

describe("the bundled sample's plan", () => {
  const { samplePlan } = require("../../../samples/sample-plan") as { samplePlan: Plan };
  test("a fire department's Emergency Management goes to the disasters goal, not the dispatch subgoal", () => {
    const [t] = tagLines([line("Fire Department", "Emergency Management")], samplePlan);
    expect(t.goals).toEqual([{ id: "G1.3", share: 1 }]);
    expect(t.why).toMatch(/G1\.3 Prepare for disasters/);
  });
  test("Special Events and Festivals goes to the goal whose keywords say festivals", () => {
    const [t] = tagLines(
      [line("Parks and Recreation", "Special Events and Festivals")],
      samplePlan
    );
    expect(t.goals).toEqual([{ id: "G4.3", share: 1 }]);
  });
});

describe("the budget by function (Alignment sheet)", () => {
  const p = plan([
    {
      id: "P1",
      title: "Public Safety",
      goals: [{ id: "G1.1", title: "Faster emergency response" }],
    },
    { id: "P2", title: "Great libraries", goals: [{ id: "G2.1", title: "Expand library hours" }] },
  ]);
  const lines = [
    line("Police", "Patrol", 1),
    line("Police", "Patrol", 2),
    line("Parks", "Mowing", 3),
    line("Misc", "Transfers Out", 4),
  ].map((l, i) => ({ ...l, amount: [1000.01, 2000.02, 333.33, 50][i] }));
  const cents = lines.map((l) => Math.round(l.amount * 100));
  const fb = budgetByFunction(lines, cents, (i) => `${lines[i].department}|${lines[i].program}`, p);

  test("every cent is in a function row or the unrecognised row", () => {
    const sum = fb.rows.reduce((s, r) => s + r.cents, 0) + fb.unrecognised.cents;
    expect(sum).toBe(cents.reduce((s, c) => s + c, 0));
  });
  test("each funded function names the goals that cover it; parks has money and no goal", () => {
    const police = fb.rows.find((r) => r.id === "police")!;
    expect(police.cents).toBeGreaterThan(0);
    expect(police.coveredBy).toContain("G1.1");
    const parks = fb.rows.find((r) => r.id === "parks")!;
    expect(parks.coveredBy).toEqual([]);
  });
  test("a goal whose functions have no money is listed as a program to create", () => {
    expect(fb.goalsWithoutFunding.map((g) => g.id)).toEqual(["G2.1"]);
    expect(fb.goalsWithoutFunding[0].covers).toContain("public libraries");
  });
});
