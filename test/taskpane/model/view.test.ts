import { programRows } from "../../../src/taskpane/model/grid";
import {
  acceptProgram,
  acceptShown,
  formatMoneyShort,
  goalLabel,
  NO_FILTERS,
  ruleText,
  tagGoalsText,
  targetIndex,
} from "../../../src/taskpane/model/view";
import { lines, plan, tags } from "../fixtures";

describe("the filters", () => {
  it("filters untagged, flagged, low confidence, department, goal and text", () => {
    const only = (f: Partial<typeof NO_FILTERS>) =>
      programRows(lines, tags, { ...NO_FILTERS, ...f }).flatMap((p) => p.items);
    expect(only({ untagged: true })).toEqual([4]);
    expect(only({ flagged: true })).toEqual([4]);
    expect(only({ lowConfidence: true })).toEqual([2, 4]);
    expect(only({ department: "Parks" })).toEqual([2, 3]);
    expect(only({ goal: "G1.1" })).toEqual([0, 1]);
    expect(only({ goal: "P2" })).toEqual([2, 3]);
    expect(only({ text: "MOWING" })).toEqual([3]);
    expect(programRows(lines, tags, { ...NO_FILTERS, text: "nothing like this" })).toEqual([]);
    expect(only({ unconfirmed: true })).toEqual([1, 2, 3, 4]);
  });
});

describe("labels", () => {
  const targets = targetIndex(plan);
  it("names goals, splits and unknown ids", () => {
    expect(goalLabel("G1.2", targets)).toBe("G1.2 Safer streets");
    expect(goalLabel("G9.9", targets)).toBe("G9.9 (not in the plan)");
    expect(tagGoalsText(undefined, targets)).toBe("No goal");
    expect(
      tagGoalsText(
        {
          ...tags[0],
          goals: [
            { id: "G1.1", share: 0.6 },
            { id: "G2.1", share: 0.4 },
          ],
        },
        targets
      )
    ).toBe("60% G1.1 Faster emergency response, 40% G2.1 Expand park access");
  });
  it("shortens an amount for a narrow bar", () => {
    expect(formatMoneyShort(65_088_062)).toBe("$65.1M");
    expect(formatMoneyShort(840_169)).toBe("$840.2K");
    expect(formatMoneyShort(1_500_000)).toBe("$1.5M");
    expect(formatMoneyShort(950)).toBe("$950");
  });
  it("says a rule in plain words", () => {
    expect(
      ruleText({ field: "department", op: "equals", value: "Parks", target: "G2.1" }, targets)
    ).toBe('Department is "Parks" → G2.1 Expand park access');
  });
});

describe("bulk accept acts on exactly the lines shown", () => {
  it("counts and accepts only the filtered department's suggestions, with their money", () => {
    const all = acceptShown(lines, tags, NO_FILTERS, 0.5);
    expect(all).toMatchObject({ lines: 2, amount: 500_000 });
    const parks = acceptShown(lines, tags, { ...NO_FILTERS, department: "Parks" }, 0.5, "t");
    expect(parks).toEqual({
      lines: 1,
      amount: 300_000,
      tags: {
        [lines[2].key]: {
          goals: [{ id: "G2.1", share: 1 }],
          via: "confirmed",
          label: "Parks / Recreation / 5008 / Pool staff",
          at: "t",
        },
      },
    });
    expect(acceptShown(lines, tags, { ...NO_FILTERS, department: "Clerk" }, 0.5).lines).toBe(0);
  });
});

describe("accepting a program", () => {
  it("accepts a program from its header: its undecided lines with a goal, nothing else", () => {
    const fire = acceptProgram(lines, tags, "fire|suppression", NO_FILTERS, "t");
    expect(Object.keys(fire.tags)).toEqual([lines[1].key]); // line 0 is already set by a person
    expect(fire).toMatchObject({ lines: 1, amount: 200_000 });
    // The untagged line of Records has no goal to accept.
    expect(acceptProgram(lines, tags, "clerk|records", NO_FILTERS).lines).toBe(0);
  });
});
