import type { LineTag } from "../../../src/core/types";
import {
  confirmNextPrograms,
  programChoices,
  programProgress,
  programProgressShort,
  programProgressText,
} from "../../../src/taskpane/model/confirm";
import { programKeyOf } from "../../../src/taskpane/model/grid";
import { lines, tags } from "../fixtures";

/** A one-line program of the given department for the order tests (row 100 + i). */
const make = (department: string, program: string, amount: number, i: number) => ({
  ...lines[0],
  key: `program${i}`,
  row: 100 + i,
  department,
  division: "",
  program,
  amount,
});

describe("Confirm next on programs", () => {
  it("orders the programs not yet confirmed by money × uncertainty, spread over departments", () => {
    const queue = confirmNextPrograms(lines, tags);
    // Recreation: $300,000 at 50% (worth 150,000); Suppression's undecided $200,000 at 85% (30,000);
    // Records $50,000 at 10% (45,000); Maintenance by rule at 100% (0), after Parks' first.
    expect(queue.map((q) => q.key)).toEqual(
      [lines[2], lines[4], lines[1], lines[3]].map(programKeyOf)
    );
    // The fourth place would be a spot check, but Maintenance was placed by staff's own rule: nothing to check.
    expect(queue.map((q) => q.spotCheck)).toEqual([false, false, false, false]);
  });

  it("counts the programs already confirmed as taken in their department, so the spread holds across confirmations", () => {
    const budget = [
      make("Police", "Patrol", 10_000_000, 0),
      make("Police", "Detectives", 8_000_000, 1),
      make("Police", "Traffic", 6_000_000, 2), // worth 3,000,000; Police's third → 1,500,000
      make("Library", "Branches", 4_000_000, 3), // worth 2,000,000
    ];
    const tagOf = (source: LineTag["source"]): LineTag => ({
      ...tags[0],
      source,
      confidence: source === "manual" ? 1 : 0.5,
    });
    const open = budget.map(() => tagOf("suggested"));
    expect(confirmNextPrograms(budget, open).map((q) => q.key.split("|").pop())).toEqual([
      "patrol",
      "detectives",
      "branches",
      "traffic",
    ]);
    // Patrol and Detectives confirmed: Traffic is still Police's third (without them counted it would lead).
    const two = [tagOf("manual"), tagOf("manual"), tagOf("suggested"), tagOf("suggested")];
    expect(confirmNextPrograms(budget, two).map((q) => q.key.split("|").pop())).toEqual([
      "branches",
      "traffic",
    ]);
  });

  it("makes every fourth confirmation a spot check of the largest money the engine is sure of", () => {
    const budget = [
      make("Parks", "Trails", 1_000_000, 0),
      make("Library", "Branches", 1_000_000, 1),
      make("Finance", "Payroll", 1_000_000, 2),
      make("Police", "Patrol", 13_000_000, 3), // sure: worth 1,300,000; spot worth 11,700,000
      make("Housing", "Shelters", 2_000_000, 4), // unsure: worth 1,600,000
    ];
    const tagOf = (source: LineTag["source"], confidence: number): LineTag => ({
      ...tags[0],
      source,
      confidence,
    });
    const three = [
      tagOf("manual", 1),
      tagOf("manual", 1),
      tagOf("manual", 1),
      tagOf("suggested", 0.9),
      tagOf("suggested", 0.2),
    ];
    // Three programs confirmed: the next is the fourth, a spot check; then money × uncertainty again.
    expect(
      confirmNextPrograms(budget, three).map((q) => [q.key.split("|").pop(), q.spotCheck])
    ).toEqual([
      ["patrol", true],
      ["shelters", false],
    ]);
    // With two confirmed, the unsure program comes first and the sure one is the spot check after it.
    const two = [...three];
    two[2] = tagOf("suggested", 0.2);
    expect(confirmNextPrograms(budget, two).map((q) => q.spotCheck)).toEqual([false, true, false]);
  });

  it("counts programs and money confirmed", () => {
    const p = programProgress(lines, tags);
    expect(p).toEqual({
      confirmedPrograms: 0,
      programs: 4,
      confirmedAmount: 1_000_000,
      amount: 1_700_000,
    });
    expect(programProgressText(p)).toBe("0 of 4 programs, $1,000,000 of $1,700,000 confirmed");
    expect(programProgressShort(p)).toBe("0 of 4 programs, $1M of $1.7M confirmed");
    expect(
      programProgressShort({
        ...p,
        programs: 1234,
        confirmedPrograms: 56,
        confirmedAmount: 2_101_820,
        amount: 145_442_136,
      })
    ).toBe("56 of 1,234 programs, $2.1M of $145.4M confirmed");
    const all: LineTag[] = tags.map((t) => ({ ...t, source: "manual" }));
    expect(programProgressText(programProgress(lines, all))).toBe(
      "4 of 4 programs, $1,700,000 of $1,700,000 confirmed"
    );
  });

  it("offers the program's goals by money, then the nearest goal and the engine's candidates, three at most", () => {
    expect(programChoices(lines, tags, [0, 1])).toEqual(["G1.1"]);
    expect(programChoices(lines, tags, [4])).toEqual(["G1.2"]);
    const withCandidates: LineTag[] = tags.map((t, i) =>
      i === 2
        ? {
            ...t,
            nearest: { id: "G2.1", confidence: 0.5, why: "" },
            candidates: [
              { id: "G2.1", score: 2 },
              { id: "G1.2", score: 1 },
              { id: "P1", score: 0.5 },
              { id: "G1.1", score: 0.2 },
            ],
          }
        : t
    );
    expect(programChoices(lines, withCandidates, [2])).toEqual(["G2.1", "G1.2", "P1"]);
  });
});
