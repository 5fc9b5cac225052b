/**
 * When a program is said to fit no goal (flagged for its department head on the Review sheet): a priority that names
 * no work holds only the city's own administration (unless most of the plan is slogans), an area the plan mentions
 * once is not an area it speaks of, nor one two goals about other work mention in passing, a word a goal shares in passing does not make a program fit, and a facility
 * project covers the building, not its owner's service. Titles are in general words: no city the eval scores is quoted.
 */
import { tagLines } from "../../../src/core/tagging/engine";
import {
  fitCoverage,
  planCoverage,
  resolveFunction,
  spokenCoverage,
} from "../../../src/core/tagging/functions";
import type { Plan } from "../../../src/core/types";
import { planOf, programLine } from "./fixtures";

const plan = planOf;
const line = programLine;

describe("a priority that names no work holds the city's own administration, not everything", () => {
  const withSilent = plan([
    {
      id: "P1",
      title: "Economic Development",
      goals: [{ id: "G1.1", title: "Support small business districts" }],
    },
    { id: "P2", title: "Parks and Recreation", goals: [] },
    { id: "P3", title: "Excellence in Everything We Do", goals: [] },
  ]);
  // A police program whose words meet a goal of another priority ("business district"): text alone reaches it.
  const patrol = (i = 1) => line("Police", "Business District Patrol", i);

  test("a police program is flagged when no priority covers public safety, and the reason says why", () => {
    const tags = tagLines([patrol()], withSilent);
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].goals).toEqual([]);
    expect(tags[0].why).toMatch(/^no goal of the plan covers police services/);
    expect(tags[0].why).toMatch(/"Excellence in Everything We Do" names no work/);
  });

  test("the city's own administration is read under that priority, not flagged", () => {
    const tags = tagLines([line("Finance", "Treasury and Revenue Collection", 1)], withSilent);
    expect(tags[0].flagged).toBe(false);
    expect(tags[0].priorityId).toBe("P3");
  });

  test("two priorities that name no work: a police program is still flagged, and the reason names both", () => {
    const twoSilent = plan([
      ...withSilent.priorities.slice(0, 2),
      { id: "P3", title: "Libraries", goals: [] },
      { id: "P4", title: "Excellence in Everything We Do", goals: [] },
      { id: "P5", title: "Pride and Promise", goals: [] },
    ]);
    const tags = tagLines([patrol()], twoSilent);
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].why).toMatch(
      /"Excellence in Everything We Do" and "Pride and Promise" name no work/
    );
  });

  test("elimination still needs only one named administrative function to stand down", () => {
    const namesIt = plan([
      ...withSilent.priorities,
      { id: "P4", title: "Modernize information technology", goals: [] },
    ]);
    const tags = tagLines([line("Finance", "Treasury and Revenue Collection", 1)], namesIt);
    expect(tags[0].why).not.toMatch(/by elimination/);
    expect(tags[0].flagged).toBe(false);
  });

  test("a plan of slogans (half its priorities name no work): nothing is said to fit no goal", () => {
    const slogans = plan([
      withSilent.priorities[0],
      { id: "P2", title: "Excellence in Everything We Do", goals: [] },
    ]);
    const tags = tagLines([patrol()], slogans);
    expect(tags[0].flagged).toBe(false);
  });
});

describe("an area the plan mentions once is not an area it speaks of", () => {
  const hr = [line("Human Resources", "Recruitment and Classification", 1)];
  const goals = (titles: string[]): Plan =>
    plan([
      { id: "P1", title: "Public Safety", goals: [] },
      {
        id: "P2",
        title: "Infrastructure",
        goals: titles.map((title, i) => ({ id: `G2.${i + 1}`, title })),
      },
    ]);

  test("one internal service named (city facilities): a human resources program is flagged", () => {
    const tags = tagLines(hr, goals(["Keep city facilities in good repair"]));
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].why).toMatch(/^no goal of the plan covers human resources/);
  });

  test("two internal services named (facilities and fleet): the plan speaks of them, human resources is uncertain", () => {
    const tags = tagLines(
      hr,
      goals(["Keep city facilities in good repair", "Replace fleet vehicles on schedule"])
    );
    expect(tags[0].flagged).toBe(false);
  });
});

describe("an area is spoken of by the priorities' titles or by goals about it, not by mentions in passing", () => {
  const water = [line("Water Utility", "Water Treatment Plant Operations", 1)];
  const withGoals = (titles: string[]): Plan =>
    plan([
      { id: "P1", title: "Public Safety", goals: [{ id: "G1.1", title: "Reduce response times" }] },
      {
        id: "P2",
        title: "Organizational Excellence",
        goals: titles.map((title, i) => ({ id: `G2.${i + 1}`, title })),
      },
    ]);

  test("capital projects named in a finance goal and an electric utility in a buildings goal: a water program is flagged", () => {
    // Before: the plan covered two infrastructure functions (capital projects, electric utility), so it was read as
    // speaking of infrastructure and the water program was only uncertain.
    const tags = tagLines(
      water,
      withGoals([
        "Upgrade the payroll, budgeting and asset management systems",
        "Convert city buildings to all-electric heating",
      ])
    );
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].goals).toEqual([]);
    expect(tags[0].why).toMatch(/^no goal of the plan covers water supply/);
  });

  test("one goal about the electric utility and capital projects speaks of infrastructure: the water program is uncertain", () => {
    const tags = tagLines(
      water,
      withGoals(["Modernize the electric utility and the capital projects program"])
    );
    expect(tags[0].flagged).toBe(false);
    expect(tags[0].goals).toEqual([]);
  });

  test("the same two functions in the priorities' own titles speak of infrastructure too", () => {
    const titles = plan([
      { id: "P1", title: "Public Safety", goals: [] },
      { id: "P2", title: "Electric Utility", goals: [] },
      { id: "P3", title: "Capital Projects", goals: [] },
    ]);
    expect(tagLines(water, titles)[0].flagged).toBe(false);
  });

  test("what a goal's own words name does not include its priority's title", () => {
    const p = withGoals(["Convert city buildings to all-electric heating"]);
    const electric = resolveFunction("electric-utility")!;
    const police = resolveFunction("police")!;
    expect(spokenCoverage(p).get("G2.1")!.get(electric)).toBeGreaterThan(0.35);
    expect(spokenCoverage(p).get("G1.1")!.get(police) ?? 0).toBe(0);
    expect(fitCoverage(p).get("G1.1")!.get(police)).toBeGreaterThan(0.35);
    expect(spokenCoverage(p).get("P1")!.get(police)).toBeGreaterThan(0.35);
  });
});

describe("a word a goal shares in passing does not make a program fit", () => {
  const p = plan([
    { id: "P1", title: "Parks and Recreation", goals: [{ id: "G1.1", title: "Expand trails" }] },
    {
      id: "P2",
      title: "Economic Development",
      goals: [
        {
          id: "G2.1",
          title: "Revitalize downtown with visitors and events",
        },
      ],
    },
  ]);

  test("a police department's downtown patrol fits no goal: no priority covers public safety", () => {
    const tags = tagLines([line("Police", "Downtown Patrol", 1)], p);
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].why).toMatch(/^no goal of the plan covers police services/);
  });

  test("the same words in a priority's own title are a statement of its scope: not flagged", () => {
    const titled = plan([
      p.priorities[0],
      { id: "P2", title: "Revitalize Downtown with Visitors and Events", goals: [] },
    ]);
    const tags = tagLines([line("Police", "Downtown Patrol", 1)], titled);
    expect(tags[0].flagged).toBe(false);
  });
});

describe("a facility project covers the building for fit, not its owner's service", () => {
  const p = plan([
    { id: "P1", title: "Parks and Recreation", goals: [{ id: "G1.1", title: "Expand trails" }] },
    {
      id: "P2",
      title: "Economic Development",
      goals: [
        { id: "G2.1", title: "Finish the design of a new police headquarters facility" },
        { id: "G2.2", title: "Attract new employers downtown" },
      ],
    },
  ]);
  const police = resolveFunction("police")!;
  const facilities = resolveFunction("facilities-maintenance")!;

  test("the goal covers police services when ranking, facilities only when deciding fit", () => {
    expect(planCoverage(p).get("G2.1")!.get(police)).toBeGreaterThan(0.35);
    expect(fitCoverage(p).get("G2.1")!.get(police) ?? 0).toBe(0);
    expect(fitCoverage(p).get("G2.1")!.get(facilities)).toBeGreaterThan(0.35);
  });

  test("police patrol fits no goal of that plan, and the nearest goal is still the police facility", () => {
    const tags = tagLines([line("Police", "Patrol", 1)], p);
    expect(tags[0].flagged).toBe(true);
    expect(tags[0].goals).toEqual([]);
    expect(tags[0].why).toMatch(/^no goal of the plan covers police services/);
    expect(tags[0].nearest?.id).toBe("G2.1");
  });

  test("a recreation facility is still recreation: the function's own name is its facilities", () => {
    const r = plan([
      {
        id: "P1",
        title: "Growth",
        goals: [{ id: "G1.1", title: "Open a new recreation facility" }],
      },
    ]);
    expect(fitCoverage(r).get("G1.1")!.get(resolveFunction("recreation")!)).toBeGreaterThan(0.35);
  });
});
