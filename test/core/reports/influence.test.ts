/**
 * Suggested influence scores: the 4-3-2-1-0 rule on a hand-made plan and hand-made function profiles (so the test
 * does not hang on the taxonomy's contents), and the distinctive-word match of program names.
 */
import {
  distinctiveWords,
  influenceScores,
  type InfluenceInput,
} from "../../../src/core/reports/influence";
import type { Coverage } from "../../../src/core/tagging/functions";
import type { Plan } from "../../../src/core/types";

const plan: Plan = {
  name: "Test plan",
  adopted: null,
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safe community",
      goals: [
        {
          id: "G1.1",
          title: "Faster emergency response",
          actions: [{ id: "A1", title: "Add a peak-hour patrol shift" }],
        },
      ],
    },
    {
      id: "P2",
      title: "Great neighborhoods",
      goals: [
        {
          id: "G2.1",
          title: "Parks for everyone",
          subgoals: [{ id: "S2.1.1", title: "Open aquatic centers on weekends" }],
        },
      ],
    },
  ],
};
// Functions 0 police, 1 parks, 2 youth services. P1's goal covers police; P2's goal covers parks, its priority
// youth services weakly (0.5).
const coverage: Coverage = new Map([
  ["P1", new Map([[0, 0.9]])],
  ["G1.1", new Map([[0, 1]])],
  ["P2", new Map([[2, 0.5]])],
  ["G2.1", new Map([[1, 1]])],
]);
const labels = ["police services", "parks", "youth services"];
const program = (
  name: string,
  fns: number[],
  shares: number[],
  tagged: number[]
): InfluenceInput => ({
  program: name,
  taggedShare: tagged,
  profile: { fns, shares, strength: 3 },
});

test("distinctive words leave out generic ones and plurals", () => {
  expect(distinctiveWords("Patrol Operations")).toEqual(["patrol"]);
  expect(distinctiveWords("Administration and Support Services")).toEqual([]);
  expect(distinctiveWords("Aquatics")).toEqual(["aquatic"]);
});

test("4 names the work, 3 the main function with money tagged, 2 a secondary one, 1 topical, 0 none", () => {
  const [patrol, investigations, youth, exchange, untagged] = influenceScores(
    plan,
    [
      program("Patrol Operations", [0], [1], [1, 0]),
      program("Criminal Investigations", [0], [1], [0.9, 0.1]),
      program("Youth Programs", [2, 1], [0.6, 0.4], [0, 1]),
      program("Sister City Exchange", [], [], [0.05, 0]),
      program("Criminal Investigations", [0], [1], [0, 0]),
    ],
    coverage,
    labels
  );
  expect(patrol.map((x) => x.score)).toEqual([4, 0]);
  expect(patrol[0].evidence).toBe(
    '4: A1 "Add a peak-hour patrol shift" names the program\'s work ("patrol").'
  );
  expect(investigations.map((x) => x.score)).toEqual([3, 1]);
  expect(investigations[0].evidence).toContain("G1.1 covers its main function, police services");
  expect(investigations[1].evidence).toContain("topical match only");
  // Youth services (main) is covered only weakly by P2; parks (secondary) fully by G2.1: 2.
  expect(youth.map((x) => x.score)).toEqual([0, 2]);
  expect(youth[1].evidence).toContain("secondary function, parks");
  expect(exchange.map((x) => x.score)).toEqual([0, 0]);
  expect(exchange.map((x) => x.evidence)).toEqual(["", ""]);
  // Coverage alone, without any of the program's money tagged to the priority, is not influence.
  expect(untagged.map((x) => x.score)).toEqual([0, 0]);
});

test("a program can score on several priorities", () => {
  const [aquatics] = influenceScores(
    plan,
    [program("Aquatic Safety", [1], [1], [0.5, 0.5])],
    coverage,
    labels
  );
  // "aquatic" is named in S2.1.1, but "safety" is not: no 4 by name; parks covered in P2 → 3; P1 topical → 1.
  expect(aquatics.map((x) => x.score)).toEqual([1, 3]);
});
