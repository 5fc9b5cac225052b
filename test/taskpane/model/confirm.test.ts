import type { LineTag } from "../../../src/core/types";
import {
  confirmNextPrograms,
  programChoices,
  programProgress,
  programProgressText,
} from "../../../src/taskpane/model/confirm";
import { programKeyOf } from "../../../src/taskpane/model/grid";
import { lines, tags } from "../fixtures";

describe("Confirm next on programs", () => {
  it("orders the programs not yet confirmed by money × uncertainty, spread over departments", () => {
    const keys = confirmNextPrograms(lines, tags);
    // Recreation: $300,000 at 50% (worth 150,000); Suppression's undecided $200,000 at 85% (30,000);
    // Records $50,000 at 10% (45,000); Maintenance by rule at 100% (0), after Parks' first.
    expect(keys).toEqual([lines[2], lines[4], lines[1], lines[3]].map(programKeyOf));
  });

  it("counts the programs already confirmed as taken in their department, so the spread holds across confirmations", () => {
    const make = (department: string, program: string, amount: number, i: number) => ({
      ...lines[0],
      key: `spread${i}`,
      row: 100 + i,
      department,
      division: "",
      program,
      amount,
    });
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
    expect(confirmNextPrograms(budget, open).map((k) => k.split("|").pop())).toEqual([
      "patrol",
      "detectives",
      "branches",
      "traffic",
    ]);
    // Patrol and Detectives confirmed: Traffic is still Police's third (without them counted it would lead).
    const two = [tagOf("manual"), tagOf("manual"), tagOf("suggested"), tagOf("suggested")];
    expect(confirmNextPrograms(budget, two).map((k) => k.split("|").pop())).toEqual([
      "branches",
      "traffic",
    ]);
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
