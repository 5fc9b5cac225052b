import {
  acceptAllAbove,
  acceptProgram,
  acceptShown,
  countShown,
  confirmNextLines,
  confirmProgress,
  countAbove,
  progressText,
  goalLabel,
  NO_FILTERS,
  ruleText,
  tagGoalsText,
  tagRows,
  targetIndex,
} from "../../../src/taskpane/model/view";
import { lines, plan, tags } from "../fixtures";

describe("tagRows", () => {
  it("groups lines under their program in budget order", () => {
    const rows = tagRows(lines, tags, NO_FILTERS);
    expect(rows.map((r) => (r.kind === "program" ? `# ${r.program}` : r.index))).toEqual([
      "# Suppression",
      0,
      1,
      "# Recreation",
      2,
      "# Maintenance",
      3,
      "# Records",
      4,
    ]);
    const head = rows[0];
    expect(head).toMatchObject({
      kind: "program",
      department: "Fire",
      lines: 2,
      total: 1_200_000,
      flagged: false,
    });
  });

  it("filters untagged, flagged, low confidence, department, goal and text", () => {
    const only = (f: Partial<typeof NO_FILTERS>) =>
      tagRows(lines, tags, { ...NO_FILTERS, ...f }).flatMap((r) =>
        r.kind === "line" ? [r.index] : []
      );
    expect(only({ untagged: true })).toEqual([4]);
    expect(only({ flagged: true })).toEqual([4]);
    expect(only({ lowConfidence: true })).toEqual([2, 4]);
    expect(only({ department: "Parks" })).toEqual([2, 3]);
    expect(only({ goal: "G1.1" })).toEqual([0, 1]);
    expect(only({ goal: "P2" })).toEqual([2, 3]);
    expect(only({ text: "MOWING" })).toEqual([3]);
    expect(tagRows(lines, tags, { ...NO_FILTERS, text: "nothing like this" })).toEqual([]);
  });
});

describe("accepting suggestions", () => {
  it("confirms only suggestions at or above the confidence", () => {
    expect(countAbove(tags, 0.8)).toBe(1);
    expect(countAbove(tags, 0.5)).toBe(2);
    const accepted = acceptAllAbove(lines, tags, 0.8, "2026-11-22");
    expect(accepted).toEqual({
      [lines[1].key]: {
        goals: [{ id: "G1.1", share: 1 }],
        via: "confirmed",
        label: "Fire / Suppression / 5006 / Overtime",
        at: "2026-11-22",
      },
    });
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
  it("the button's count (countShown) is what acceptShown accepts, for every filter and level", () => {
    const filters = [
      NO_FILTERS,
      { ...NO_FILTERS, department: "Parks" },
      { ...NO_FILTERS, department: "Clerk" },
      { ...NO_FILTERS, lowConfidence: true },
      { ...NO_FILTERS, text: "pool" },
    ];
    for (const f of filters)
      for (const min of [0, 0.5, 0.8, 0.95]) {
        const { lines: n, amount } = acceptShown(lines, tags, f, min);
        expect(countShown(lines, tags, f, min)).toEqual({ lines: n, amount });
      }
    expect(countShown(lines, tags, NO_FILTERS, 0.5)).toEqual({ lines: 2, amount: 500_000 });
  });
});

describe("how far staff are", () => {
  it("counts the lines a person decided and their share of the money", () => {
    const p = confirmProgress(lines, tags);
    expect(p).toEqual({ confirmed: 1, lines: 5, moneyShare: 1_000_000 / 1_700_000 });
    expect(progressText(p)).toBe("1 of 5 lines (59% of the money) confirmed");
  });

  it("filters the lines not yet confirmed", () => {
    const rows = tagRows(lines, tags, { ...NO_FILTERS, unconfirmed: true });
    expect(
      rows.filter((r) => r.kind === "line").map((r) => (r.kind === "line" ? r.index : -1))
    ).toEqual([1, 2, 3, 4]);
  });

  it("accepts a program from its header: its undecided lines with a goal, nothing else", () => {
    const fire = acceptProgram(lines, tags, "fire|suppression", NO_FILTERS, "t");
    expect(Object.keys(fire.tags)).toEqual([lines[1].key]); // line 0 is already set by a person
    expect(fire).toMatchObject({ lines: 1, amount: 200_000 });
    // The untagged line of Records has no goal to accept.
    expect(acceptProgram(lines, tags, "clerk|records", NO_FILTERS).lines).toBe(0);
  });

  it("orders 'confirm next' by the engine's order: most money least certain first, decided lines left out", () => {
    const order = confirmNextLines(lines, tags);
    expect(order).not.toContain(0);
    expect([...order].sort()).toEqual([1, 2, 3, 4]);
    // Worth = amount × (1 − confidence): Recreation 300k × 0.5 = 150k, Records 50k × 0.9 = 45k, Fire's overtime
    // 200k × 0.15 = 30k, Maintenance (a rule, confidence 1) 0.
    expect(order).toEqual([2, 4, 1, 3]);
  });
});
