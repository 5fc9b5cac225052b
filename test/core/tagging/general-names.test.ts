/**
 * The general classifications' own category names are plan language for what they classify (issue #24 item 1): a
 * plan that calls a priority "Human Services" (NTEE), "Health and Welfare" (GASB 34) or "General Public Services"
 * (COFOG) speaks of that work, whoever else uses the name. Each entry is backed by a source the eval's blinding and
 * the independence test read (eval/general-sources.ts).
 */
import { backingSource } from "../../../eval/general-sources";
import { coverageLabels } from "../../../src/core/tagging/functions";
import { tagLines } from "../../../src/core/tagging/engine";
import { AREAS, FUNCTIONS } from "../../../src/core/tagging/taxonomy";
import type { Plan } from "../../../src/core/types";
import { planOf, programLine } from "./fixtures";

const covers = (p: Plan, id: string) => coverageLabels(p).get(id)!.labels;
const titled = (title: string) => planOf([{ id: "P1", title, goals: [] }]);

/** The entries this change added, where they were added, and the source name they come from. */
const ADDED: { where: string; entry: string; source: string }[] = [
  { where: "health-human-services", entry: "health and welfare", source: "gasb-34" },
  { where: "health-human-services", entry: "social protection", source: "cofog" },
  { where: "governance", entry: "general public services", source: "cofog" },
  { where: "governance", entry: "governmental administration", source: "census-gfec" },
  { where: "governance", entry: "corporate and democratic core", source: "cipfa-sercop" },
  { where: "internal-services", entry: "central staff services", source: "census-gfec" },
  { where: "economy", entry: "economic affairs", source: "cofog" },
  { where: "finance", entry: "financial and fiscal affairs", source: "cofog" },
  { where: "community-development", entry: "community improvement", source: "ntee" },
  { where: "homelessness", entry: "human services", source: "ntee" },
  { where: "aging-services", entry: "human services", source: "ntee" },
  { where: "youth-services", entry: "human services", source: "ntee" },
];

describe("a general classification's category name names its work in a plan", () => {
  test.each(ADDED)("$entry ($where) is in the taxonomy and printed by $source", (a) => {
    const list =
      AREAS.find((x) => x.id === a.where)?.plan ?? FUNCTIONS.find((f) => f.id === a.where)?.plan;
    expect(list).toContain(a.entry);
    expect(backingSource(a.entry)?.source.id).toBe(a.source);
  });

  test("'Human Services' (NTEE P) covers older adults, homelessness and youth, not housing (NTEE L)", () => {
    const c = covers(titled("Health & Human Services"), "P1");
    expect(c).toEqual(
      expect.arrayContaining([
        "services for older adults",
        "homelessness services",
        "youth services",
        "social and human services",
      ])
    );
    expect(c).not.toContain("housing");
  });

  test("'Health and Welfare' (GASB 34) covers the whole area", () => {
    expect(covers(titled("Health and Welfare"), "P1")).toEqual(
      expect.arrayContaining([
        "public health",
        "services for older adults",
        "homelessness services",
      ])
    );
  });

  test("'General Public Services' (COFOG 01) covers the city's own administration", () => {
    expect(covers(titled("General Public Services"), "P1")).toEqual(
      expect.arrayContaining(["human resources and labor relations", "financial administration"])
    );
  });

  test("COFOG's 'Economic Affairs' and 'Financial and Fiscal Affairs', NTEE's 'Community Improvement'", () => {
    expect(covers(titled("Economic Affairs"), "P1")).toContain("economic development");
    expect(covers(titled("Financial and Fiscal Affairs"), "P1")).toContain(
      "financial administration"
    );
    expect(covers(titled("Community Improvement"), "P1")).toContain(
      "community development and neighborhood services"
    );
  });

  test("a senior centre goes to 'Health & Human Services', and its why names the function and the priority", () => {
    const p = planOf([
      { id: "P1", title: "Education", goals: [] },
      { id: "P2", title: "Health & Human Services", goals: [] },
    ]);
    const [t] = tagLines([programLine("Elderly Commission", "Senior Centers")], p);
    expect(t.priorityId).toBe("P2");
    expect(t.flagged).toBe(false);
    expect(t.why).toContain("services for older adults");
    expect(t.why).toContain("P2 Health & Human Services");
  });
});
