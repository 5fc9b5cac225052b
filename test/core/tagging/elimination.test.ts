/**
 * What this round changed in how plan words are read: phrases keep their budget words ("fiscal health" is one
 * phrase, not "health"), coverage by elimination for a plan that names no administration, and a priority's adjective
 * keeps its area from being "silent" for flags. Titles are in general words: no city the eval scores is quoted.
 */
import { conceptHits, conceptTokens } from "../../../src/core/tagging/concepts";
import { tagLines } from "../../../src/core/tagging/engine";
import { coverageLabels } from "../../../src/core/tagging/functions";
import { planOf, programLine } from "./fixtures";

const plan = planOf;
const line = programLine;

const conceptsOf = (text: string) =>
  [...new Set(conceptHits(conceptTokens(text).map((t) => t.stem)).map((h) => h.concept))].sort();

describe("taxonomy phrases keep their budget words", () => {
  test("'fiscal health' is financial management; 'Health' and 'sustainable' alone are not", () => {
    expect(conceptsOf("Maintain fiscal health")).toContain("area:finance");
    expect(conceptsOf("Community Health")).not.toContain("area:finance");
    expect(conceptsOf("A Sustainable Community")).not.toContain("area:finance");
  });
  test("the adverb 'well' is not a water well", () => {
    expect(conceptsOf("Residents are well served, as well as visitors")).not.toContain(
      "water-supply"
    );
    expect(conceptsOf("Rehabilitate water wells")).toContain("water-supply");
  });
  test("a filler word alone names nothing, inside a phrase it does", () => {
    expect(conceptsOf("General Fund")).toEqual([]);
    expect(conceptsOf("General Ledger")).toContain("accounting");
  });
});

describe("coverage by elimination", () => {
  const slogans = (last: string) =>
    plan([
      { id: "P1", title: "Economic Development", goals: [] },
      { id: "P2", title: "Public Safety", goals: [] },
      { id: "P3", title: "Parks and Recreation", goals: [] },
      { id: "P4", title: last, goals: [] },
    ]);
  const lines = [
    line("Finance", "Treasury and Revenue Collection", 1),
    line("Human Resources", "Recruitment and Classification", 2),
    line("Police", "Patrol", 3),
  ];

  test("the one priority that names no work is the home of the city's own administration, and says why", () => {
    const tags = tagLines(lines, slogans("Excellence in Everything We Do"));
    expect(tags[0].priorityId).toBe("P4");
    expect(tags[1].priorityId).toBe("P4");
    expect(tags[0].why).toMatch(/no goal names the city's own administration/);
    expect(tags[0].why).toMatch(/by elimination/);
    // Elimination reads only the governance areas: police still goes where the plan names public safety.
    expect(tags[2].priorityId).toBe("P2");
  });

  test("two priorities that name no work: elimination names neither", () => {
    const p = plan([
      { id: "P1", title: "Economic Development", goals: [] },
      { id: "P2", title: "Excellence in Everything We Do", goals: [] },
      { id: "P3", title: "Pride and Promise", goals: [] },
    ]);
    const tags = tagLines(lines.slice(0, 1), p);
    expect(tags[0].why).not.toMatch(/by elimination/);
  });

  test("a plan that names its administration anywhere: no elimination", () => {
    const p = plan([
      { id: "P1", title: "Economic Development", goals: [] },
      { id: "P2", title: "Fiscal Stewardship", goals: [] },
      { id: "P3", title: "Excellence in Everything We Do", goals: [] },
    ]);
    const tags = tagLines(lines.slice(0, 1), p);
    expect(tags[0].priorityId).toBe("P2");
    expect(tags[0].why).not.toMatch(/by elimination/);
  });
});

describe("a priority's adjective: the plan is not silent on that area", () => {
  test("a health clinic is not said to fit no goal under 'Healthy Neighborhoods'; under a plan silent on health it is", () => {
    const clinic = [line("Health", "Community Health Clinic", 1)];
    const healthy = plan([
      {
        id: "P1",
        title: "Healthy Neighborhoods",
        goals: [{ id: "G1.1", title: "Improve housing quality" }],
      },
      { id: "P2", title: "Economic Development", goals: [] },
    ]);
    expect(tagLines(clinic, healthy)[0].flagged).toBe(false);
    const silent = plan([
      { id: "P1", title: "Housing", goals: [{ id: "G1.1", title: "Improve housing quality" }] },
      { id: "P2", title: "Economic Development", goals: [] },
    ]);
    expect(tagLines(clinic, silent)[0].flagged).toBe(true);
  });
});

describe("education outcome language covers what a city runs for it", () => {
  test("an academic-achievement goal covers libraries and youth programs, not only schools", () => {
    const p = plan([
      {
        id: "P1",
        title: "Learning",
        goals: [{ id: "G1.1", title: "Improve Citywide Academic Achievement" }],
      },
    ]);
    const labels = coverageLabels(p).get("G1.1")!.labels;
    expect(labels).toEqual(
      expect.arrayContaining(["schools", "public libraries", "youth services"])
    );
  });
});

describe("words in another sense", () => {
  test("'a culture of accountability' covers neither the arts nor accounting; 'arts and culture' and 'accounting' do", () => {
    const p = plan([
      {
        id: "P1",
        title: "Our Commitments",
        goals: [
          { id: "G1.1", title: "Build a Culture of Accountability" },
          { id: "G1.2", title: "Support Arts and Culture" },
          { id: "G1.3", title: "Strengthen Accounting" },
        ],
      },
    ]);
    const c = coverageLabels(p);
    expect(c.get("G1.1")!.labels).not.toContain("arts and culture");
    expect(c.get("G1.1")!.labels).not.toContain("accounting and financial reporting");
    expect(c.get("G1.2")!.labels).toContain("arts and culture");
    expect(c.get("G1.3")!.labels).toContain("accounting and financial reporting");
  });
});
