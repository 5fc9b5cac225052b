import {
  acceptAllAbove,
  countAbove,
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
